/*
 * miniport-ready-before-register - VIOLATION.
 * NdisAllocateRWLock needs an NDIS handle, and this driver uses its own
 * miniport driver handle - which exists only once NdisMRegisterMiniportDriver
 * returned - so the lock is allocated after the registration.  RwInitialize
 * takes the lock for reading right away: it may run before the store.  The
 * finding is at the assignment of the result (the target's first token).
 * The NULL check fails DriverEntry correctly (deregistering first), and the
 * unload handler frees the lock.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE RwInitialize;
MINIPORT_HALT RwHalt;
MINIPORT_UNLOAD RwUnload;

typedef struct _RW_GLOBALS {
    NDIS_HANDLE DriverHandle;
    PNDIS_RW_LOCK_EX RwLock;
    ULONG AdapterCount;
} RW_GLOBALS;

RW_GLOBALS RwGlobals;

_Use_decl_annotations_
NDIS_STATUS
RwInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    LOCK_STATE_EX LockState;
    ULONG Count;

    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    NdisAcquireRWLockRead(RwGlobals.RwLock, &LockState, 0);
    Count = RwGlobals.AdapterCount;
    NdisReleaseRWLock(RwGlobals.RwLock, &LockState);
    return Count < 8 ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCES;
}

_Use_decl_annotations_
VOID
RwHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
RwUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(RwGlobals.DriverHandle);
    if (RwGlobals.RwLock != NULL) {
        NdisFreeRWLock(RwGlobals.RwLock);
    }
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = RwInitialize;
    Chars.HaltHandlerEx = RwHalt;
    Chars.UnloadHandler = RwUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &RwGlobals.DriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    RwGlobals.RwLock = NdisAllocateRWLock(RwGlobals.DriverHandle); // expect: miniport-ready-before-register
    if (RwGlobals.RwLock == NULL) {
        NdisMDeregisterMiniportDriver(RwGlobals.DriverHandle);
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}
