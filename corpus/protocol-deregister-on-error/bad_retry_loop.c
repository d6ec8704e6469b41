/*
 * protocol-deregister-on-error - VIOLATION.
 * Pure protocol driver.  The REGISTRATION itself is retried in a loop while
 * NDIS reports NDIS_STATUS_RESOURCES (legal, and fine); the bug is after it:
 * the binding table allocation fails and DriverEntry returns without
 * deregistering.  One finding at that `return`.
 */
#include <ndis.h>

#define PT_TRIES 4

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static NDIS_HANDLE PtHandle;
static PVOID PtBindings;

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
    NdisDeregisterProtocolDriver(PtHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status = NDIS_STATUS_FAILURE;
    ULONG Try = 0;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = PtUnload;
    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;

    while (Try < PT_TRIES) {
        Status = NdisRegisterProtocolDriver(NULL, &PChars, &PtHandle);
        if (Status != NDIS_STATUS_RESOURCES) {
            break;
        }
        Try++;
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    PtBindings = NdisAllocateMemoryWithTagPriority(PtHandle, 2048, 'dBtP', NormalPoolPriority);
    if (PtBindings == NULL) {
        return NDIS_STATUS_RESOURCES;  // expect: protocol-deregister-on-error
    }
    return NDIS_STATUS_SUCCESS;
}
