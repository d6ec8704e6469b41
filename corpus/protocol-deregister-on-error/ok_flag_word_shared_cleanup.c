/*
 * protocol-deregister-on-error - CORRECT (no finding).
 * Pure protocol driver with a global state word: PT_STATE_REGISTERED is set
 * after the registration succeeded and tested with `&` by PtCleanup, the
 * one cleanup routine shared by DriverEntry's error paths and by the unload
 * routine (assigned to DriverObject->DriverUnload before anything can
 * fail).  The registration's failure also calls PtCleanup, which then does
 * nothing.  Status tests use `0 > Status`.
 */
#include <ndis.h>

#define PT_STATE_REGISTERED 0x1u
#define PT_STATE_LOCK       0x2u

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static ULONG PtState;
static NDIS_HANDLE PtHandle;
static NDIS_SPIN_LOCK PtLock;
static PVOID PtOpenTable;

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

/* Undoes what PtState records. */
static VOID
PtCleanup(VOID)
{
    if ((PtState & PT_STATE_REGISTERED) != 0) {
        NdisDeregisterProtocolDriver(PtHandle);
        PtState &= ~PT_STATE_REGISTERED;
    }
    if (PtState & PT_STATE_LOCK) {
        NdisFreeSpinLock(&PtLock);
        PtState &= ~PT_STATE_LOCK;
    }
}

_Use_decl_annotations_
VOID
PtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFreeMemory(PtOpenTable, 0, 0);
    PtCleanup();
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = PtUnload;
    NdisAllocateSpinLock(&PtLock);
    PtState |= PT_STATE_LOCK;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;
    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PtHandle);
    if (0 > Status) {
        PtCleanup();
        return Status;
    }
    PtState |= PT_STATE_REGISTERED;

    PtOpenTable = NdisAllocateMemoryWithTagPriority(PtHandle, 512, 'bOtP', NormalPoolPriority);
    if (PtOpenTable == NULL) {
        PtCleanup();
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}
