/*
 * protocol-deregister-on-error - VIOLATION (two findings).
 * Pure protocol driver with early returns.  The first check after the
 * registration deregisters; the second and third forget to.  One finding
 * per failing return: the second and third `return` after the
 * registration.  The unload routine is assigned before the registration.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

NDIS_HANDLE PtHandle = NULL;
NDIS_SPIN_LOCK PtLock;
PVOID PtTable = NULL;

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
    NdisFreeSpinLock(&PtLock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    DriverObject->DriverUnload = PtUnload;
    NdisAllocateSpinLock(&PtLock);

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;
    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PtHandle);
    if (!NT_SUCCESS(Status)) {
        NdisFreeSpinLock(&PtLock);
        return Status;
    }

    if (RegistryPath->Length == 0) {
        NdisDeregisterProtocolDriver(PtHandle);
        NdisFreeSpinLock(&PtLock);
        return STATUS_INVALID_PARAMETER;
    }

    if (RegistryPath->Length > RegistryPath->MaximumLength) {
        NdisFreeSpinLock(&PtLock);
        return STATUS_INVALID_PARAMETER;  // expect: protocol-deregister-on-error
    }

    PtTable = NdisAllocateMemoryWithTagPriority(PtHandle, 1024, 'bTtP', NormalPoolPriority);
    if (PtTable == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;  // expect: protocol-deregister-on-error
    }
    return STATUS_SUCCESS;
}
