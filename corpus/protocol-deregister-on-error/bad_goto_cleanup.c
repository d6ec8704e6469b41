/*
 * protocol-deregister-on-error - VIOLATION.
 * Pure NDIS 6 protocol driver (no miniport: the miniport and IM rules do not
 * apply) in the goto-cleanup style.  After NdisRegisterProtocolDriver
 * succeeded, the allocation of the open-context pool can fail; the Exit
 * block frees the pool but never calls NdisDeregisterProtocolDriver.
 * DriverEntry fails at the shared `return Status;`: one finding there.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static NDIS_HANDLE PtDriverHandle;
static PVOID PtOpenPool;

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
    NdisFreeMemory(PtOpenPool, 0, 0);
    NdisDeregisterProtocolDriver(PtDriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("PtGoto");

    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = PtUnload;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PtDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Exit;
    }

    PtOpenPool = NdisAllocateMemoryWithTagPriority(PtDriverHandle, 4096, 'lPtP',
                                                   NormalPoolPriority);
    if (PtOpenPool == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto Exit;
    }

Exit:
    if (Status != NDIS_STATUS_SUCCESS && PtOpenPool != NULL) {
        NdisFreeMemory(PtOpenPool, 0, 0);
    }
    return Status;  // expect: protocol-deregister-on-error
}
