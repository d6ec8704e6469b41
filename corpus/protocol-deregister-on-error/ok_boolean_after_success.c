/*
 * protocol-deregister-on-error - CORRECT (no finding).
 * Pure protocol driver in the do { } while (FALSE) style.  A BOOLEAN set
 * right after the registration succeeded guards the deregistration in the
 * shared exit, and the status test is written the other way round
 * (`0 > Status`).  A naive checker that only looks for a deregistration
 * call before each failing return, or does not follow the flag, would
 * flag the final return.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD BfUnload;
PROTOCOL_BIND_ADAPTER_EX BfBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX BfUnbindAdapter;

static NDIS_HANDLE BfHandle;
static PVOID BfPool;

_Use_decl_annotations_
NDIS_STATUS
BfBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
BfUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
BfUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFreeMemory(BfPool, 0, 0);
    NdisDeregisterProtocolDriver(BfHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    BOOLEAN Registered = FALSE;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    UNREFERENCED_PARAMETER(RegistryPath);
    do {
        NdisZeroMemory(&PChars, sizeof(PChars));
        PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
        PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
        PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
        PChars.BindAdapterHandlerEx = BfBindAdapter;
        PChars.UnbindAdapterHandlerEx = BfUnbindAdapter;

        Status = NdisRegisterProtocolDriver(NULL, &PChars, &BfHandle);
        if (0 > Status) {
            break;
        }
        Registered = TRUE;

        BfPool = NdisAllocateMemoryWithTagPriority(BfHandle, 2048, 'lPfB',
                                                   NormalPoolPriority);
        if (BfPool == NULL) {
            Status = NDIS_STATUS_RESOURCES;
            break;
        }

        DriverObject->DriverUnload = BfUnload;
        Status = NDIS_STATUS_SUCCESS;
    } while (FALSE);

    if (!NT_SUCCESS(Status) && Registered) {
        NdisDeregisterProtocolDriver(BfHandle);
    }
    return Status;
}
