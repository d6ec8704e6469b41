/*
 * miniport-ready-before-register - CORRECT (no finding).
 * Everything IbInitialize uses is set up before NdisMRegisterMiniportDriver,
 * in no particular order: the adapter list head first, then the
 * characteristics, then a helper that allocates the lock and the lookaside
 * list and sets the limit, then the event - interleaved with the
 * characteristics code.  After the registration DriverEntry only reads
 * state.  A checker that expects all initialization in one block at the top
 * of DriverEntry, or that treats any store near the registration as late,
 * would complain.
 */
#include <ndis.h>

#define IB_TAG 'bIbI'

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE IbInitialize;
MINIPORT_HALT IbHalt;
MINIPORT_UNLOAD IbUnload;

typedef struct _IB_ADAPTER {
    LIST_ENTRY Link;
    NDIS_HANDLE AdapterHandle;
} IB_ADAPTER, *PIB_ADAPTER;

typedef struct _IB_GLOBALS {
    NDIS_HANDLE DriverHandle;
    NDIS_SPIN_LOCK Lock;
    LIST_ENTRY AdapterList;
    ULONG AdapterCount;
    ULONG MaxAdapters;
    NPAGED_LOOKASIDE_LIST AdapterPool;
    NDIS_EVENT NoAdapters;
} IB_GLOBALS;

IB_GLOBALS IbGlobals;

/* Sets up the lock, the adapter pool and the limit. */
static VOID
IbSetupLocking(VOID)
{
    NdisAllocateSpinLock(&IbGlobals.Lock);
    NdisInitializeNPagedLookasideList(&IbGlobals.AdapterPool, NULL, NULL, 0,
                                      sizeof(IB_ADAPTER), IB_TAG, 0);
    IbGlobals.MaxAdapters = 4;
}

_Use_decl_annotations_
NDIS_STATUS
IbInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PIB_ADAPTER Adapter;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateFromNPagedLookasideList(&IbGlobals.AdapterPool);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    Adapter->AdapterHandle = MiniportAdapterHandle;

    NdisAcquireSpinLock(&IbGlobals.Lock);
    if (IbGlobals.AdapterCount >= IbGlobals.MaxAdapters) {
        NdisReleaseSpinLock(&IbGlobals.Lock);
        NdisFreeToNPagedLookasideList(&IbGlobals.AdapterPool, Adapter);
        return NDIS_STATUS_RESOURCES;
    }
    InsertTailList(&IbGlobals.AdapterList, &Adapter->Link);
    IbGlobals.AdapterCount++;
    NdisResetEvent(&IbGlobals.NoAdapters);
    NdisReleaseSpinLock(&IbGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
IbHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PIB_ADAPTER Adapter = (PIB_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisAcquireSpinLock(&IbGlobals.Lock);
    RemoveEntryList(&Adapter->Link);
    IbGlobals.AdapterCount--;
    if (IbGlobals.AdapterCount == 0) {
        NdisSetEvent(&IbGlobals.NoAdapters);
    }
    NdisReleaseSpinLock(&IbGlobals.Lock);
    NdisFreeToNPagedLookasideList(&IbGlobals.AdapterPool, Adapter);
}

_Use_decl_annotations_
VOID
IbUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(IbGlobals.DriverHandle);
    NdisDeleteNPagedLookasideList(&IbGlobals.AdapterPool);
    NdisFreeSpinLock(&IbGlobals.Lock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    InitializeListHead(&IbGlobals.AdapterList);

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    IbSetupLocking();
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    NdisInitializeEvent(&IbGlobals.NoAdapters);
    NdisSetEvent(&IbGlobals.NoAdapters);
    Chars.InitializeHandlerEx = IbInitialize;
    Chars.HaltHandlerEx = IbHalt;
    Chars.UnloadHandler = IbUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &IbGlobals.DriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisDeleteNPagedLookasideList(&IbGlobals.AdapterPool);
        NdisFreeSpinLock(&IbGlobals.Lock);
        return Status;
    }
    if (IbGlobals.MaxAdapters == 0) {
        DbgPrint("IbSample: no adapter allowed\n");
    }
    return NDIS_STATUS_SUCCESS;
}
