/*
 * protocol-deregister-on-error - CORRECT (no finding).
 * Pure protocol driver that `switch`es on the registration status (success
 * continues; failures return - nothing to undo) and on the status of the
 * next step (success returns; every failure case deregisters, one of them
 * through a fall-through into `default`).
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static NDIS_HANDLE PtHandle;
static PVOID PtCache;

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

/* Allocates the route cache. */
static NDIS_STATUS
PtAllocCache(_In_ PUNICODE_STRING RegistryPath)
{
    if (RegistryPath->Length == 0) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    PtCache = NdisAllocateMemoryWithTagPriority(PtHandle, 1024, 'cCtP', NormalPoolPriority);
    return PtCache != NULL ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCES;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;
    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PtHandle);
    switch (Status) {
    case NDIS_STATUS_SUCCESS:
        break;
    default:
        return Status;
    }

    switch (PtAllocCache(RegistryPath)) {
    case NDIS_STATUS_SUCCESS:
        DriverObject->DriverUnload = PtUnload;
        return NDIS_STATUS_SUCCESS;
    case NDIS_STATUS_RESOURCES:
        Status = NDIS_STATUS_RESOURCES;
        /* fall through */
    default:
        NdisDeregisterProtocolDriver(PtHandle);
        return Status == NDIS_STATUS_RESOURCES ? Status : NDIS_STATUS_FAILURE;
    }
}
