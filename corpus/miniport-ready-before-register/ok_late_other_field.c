/*
 * miniport-ready-before-register - CORRECT (no finding).
 * OfInitialize reads only OfGlobals.Lock (it acquires and releases it and
 * touches nothing else of the block); the lock is allocated before the
 * registration.  After the registration DriverEntry writes two other
 * fields of the same block: OpenCount, and LockContention - whose name
 * starts with "Lock" but which is a different field.  Overlap is decided
 * per field, at field boundaries: neither write overlaps the read of
 * OfGlobals.Lock.  The writes are made under the lock: acquiring and
 * releasing it uses the lock, it does not initialize it.  A checker that
 * works per global variable, compares paths as plain strings, or counts
 * every call given &OfGlobals.Lock as a write, would report these lines.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE OfInitialize;
MINIPORT_HALT OfHalt;
MINIPORT_UNLOAD OfUnload;

typedef struct _OF_GLOBALS {
    NDIS_SPIN_LOCK Lock;
    ULONG LockContention;
    ULONG OpenCount;
} OF_GLOBALS;

NDIS_HANDLE OfDriverHandle = NULL;
OF_GLOBALS OfGlobals;

_Use_decl_annotations_
NDIS_STATUS
OfInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    NdisAcquireSpinLock(&OfGlobals.Lock);
    NdisReleaseSpinLock(&OfGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
OfHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
OfUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(OfDriverHandle);
    NdisFreeSpinLock(&OfGlobals.Lock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisAllocateSpinLock(&OfGlobals.Lock);

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = OfInitialize;
    Chars.HaltHandlerEx = OfHalt;
    Chars.UnloadHandler = OfUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &OfDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&OfGlobals.Lock);
        return Status;
    }

    NdisAcquireSpinLock(&OfGlobals.Lock);
    OfGlobals.OpenCount = 0;
    OfGlobals.LockContention = 0;
    NdisReleaseSpinLock(&OfGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}
