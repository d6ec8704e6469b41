/*
 * protocol-deregister-on-error - CORRECT (no finding).
 * Pure protocol driver, goto-cleanup style with a LOCAL handle initialized
 * to NULL.  The registration's failure and the later allocation failure
 * both jump to Fail, which deregisters only `if (Handle != NULL)`: the
 * handle is written only when the registration succeeds.  The handle is
 * published to the global used by the unload routine on success only.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static NDIS_HANDLE PtHandle;
static PVOID PtPool;

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
    NdisFreeMemory(PtPool, 0, 0);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_HANDLE Handle = NULL;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    UNREFERENCED_PARAMETER(RegistryPath);
    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &Handle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    PtPool = NdisAllocateMemoryWithTagPriority(Handle, 4096, 'oPtP', NormalPoolPriority);
    if (PtPool == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto Fail;
    }

    PtHandle = Handle;
    DriverObject->DriverUnload = PtUnload;
    return NDIS_STATUS_SUCCESS;

Fail:
    if (Handle != NULL) {
        NdisDeregisterProtocolDriver(Handle);
    }
    return Status;
}
