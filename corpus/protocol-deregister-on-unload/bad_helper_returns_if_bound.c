/*
 * protocol-deregister-on-unload - VIOLATION (at the unload handler's name).
 * Pure protocol driver whose DriverUnload delegates to HbShutdownProtocol();
 * the helper gives up early, without deregistering, when the binding list is
 * not empty (IsListEmpty's result is unknown, so that path is feasible).  The
 * unload routine then returns with the protocol still registered.  The missed
 * call is two levels down: a checker that stops at the first call misses it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD HbUnload;
PROTOCOL_BIND_ADAPTER_EX HbBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX HbUnbindAdapter;

NDIS_HANDLE HbProtocolHandle = NULL;
NDIS_SPIN_LOCK HbLock;
LIST_ENTRY HbBindings;

/* Deregisters the protocol once every binding is gone. */
static VOID
HbShutdownProtocol(VOID)
{
    BOOLEAN Idle;

    NdisAcquireSpinLock(&HbLock);
    Idle = IsListEmpty(&HbBindings);
    NdisReleaseSpinLock(&HbLock);
    if (!Idle) {
        DbgPrint("HbShutdownProtocol: bindings still open\n");
        return;
    }
    NdisDeregisterProtocolDriver(HbProtocolHandle);
    HbProtocolHandle = NULL;
}

_Use_decl_annotations_
VOID
HbUnload(PDRIVER_OBJECT DriverObject)  // expect: protocol-deregister-on-unload
{
    UNREFERENCED_PARAMETER(DriverObject);
    HbShutdownProtocol();
    NdisFreeSpinLock(&HbLock);
}

_Use_decl_annotations_
NDIS_STATUS
HbBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
HbUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("HelperBound");

    UNREFERENCED_PARAMETER(RegistryPath);

    NdisAllocateSpinLock(&HbLock);
    InitializeListHead(&HbBindings);

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = HbBindAdapter;
    PChars.UnbindAdapterHandlerEx = HbUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &HbProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&HbLock);
        return Status;
    }
    DriverObject->DriverUnload = HbUnload;
    return NDIS_STATUS_SUCCESS;
}
