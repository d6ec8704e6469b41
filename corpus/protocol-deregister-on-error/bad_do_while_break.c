/*
 * protocol-deregister-on-error - VIOLATION.
 * Pure protocol driver using `do { } while (FALSE)` with `break`.  The
 * registration is followed by two allocations; the first one's failure
 * deregisters before its break, the second one's does not.  Both reach the
 * single `return Status;`: one finding there.  The unload routine is
 * assigned to DriverObject->DriverUnload only on the success path.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

typedef struct _PT_GLOBALS {
    NDIS_HANDLE ProtocolHandle;
    PVOID RecvBuffers;
    PVOID SendBuffers;
} PT_GLOBALS;

PT_GLOBALS PtGlobals;

_Use_decl_annotations_
NDIS_STATUS
PtBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
PtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
PtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(PtGlobals.ProtocolHandle);
    NdisFreeMemory(PtGlobals.SendBuffers, 0, 0);
    NdisFreeMemory(PtGlobals.RecvBuffers, 0, 0);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    UNREFERENCED_PARAMETER(RegistryPath);
    do {
        NdisZeroMemory(&PChars, sizeof(PChars));
        PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
        PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
        PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
        PChars.BindAdapterHandlerEx = PtBindAdapter;
        PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;

        Status = NdisRegisterProtocolDriver(NULL, &PChars, &PtGlobals.ProtocolHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        PtGlobals.RecvBuffers = NdisAllocateMemoryWithTagPriority(
            PtGlobals.ProtocolHandle, 8192, 'vRtP', NormalPoolPriority);
        if (PtGlobals.RecvBuffers == NULL) {
            NdisDeregisterProtocolDriver(PtGlobals.ProtocolHandle);
            Status = NDIS_STATUS_RESOURCES;
            break;
        }

        PtGlobals.SendBuffers = NdisAllocateMemoryWithTagPriority(
            PtGlobals.ProtocolHandle, 8192, 'dStP', NormalPoolPriority);
        if (PtGlobals.SendBuffers == NULL) {
            NdisFreeMemory(PtGlobals.RecvBuffers, 0, 0);
            Status = NDIS_STATUS_RESOURCES;
            break;                          /* BUG: still registered */
        }

        DriverObject->DriverUnload = PtUnload;
    } while (FALSE);

    return Status;  // expect: protocol-deregister-on-error
}
