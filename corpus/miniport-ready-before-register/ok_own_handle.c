/*
 * miniport-ready-before-register - CORRECT (no finding).
 * OhInitialize uses the miniport driver handle (it allocates the adapter's
 * read/write lock from it).  That handle is written by
 * NdisMRegisterMiniportDriver itself, through its last argument - which
 * necessarily happens "after" the registration starts.  It is not a late
 * write: NDIS fills it in before any MiniportInitializeEx can run.  A
 * checker that treats the registration's out-parameter like any other
 * write to global state would report the registration call.
 */
#include <ndis.h>

#define OH_TAG 'hOhO'

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE OhInitialize;
MINIPORT_HALT OhHalt;
MINIPORT_UNLOAD OhUnload;

typedef struct _OH_ADAPTER {
    NDIS_HANDLE AdapterHandle;
    PNDIS_RW_LOCK_EX StateLock;
} OH_ADAPTER, *POH_ADAPTER;

typedef struct _OH_GLOBALS {
    NDIS_HANDLE DriverHandle;
} OH_GLOBALS;

OH_GLOBALS OhGlobals;

_Use_decl_annotations_
NDIS_STATUS
OhInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    POH_ADAPTER Adapter;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(OH_ADAPTER),
                                                OH_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->StateLock = NdisAllocateRWLock(OhGlobals.DriverHandle);
    if (Adapter->StateLock == NULL) {
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
OhHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    POH_ADAPTER Adapter = (POH_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisFreeRWLock(Adapter->StateLock);
    NdisFreeMemory(Adapter, 0, 0);
}

_Use_decl_annotations_
VOID
OhUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(OhGlobals.DriverHandle);
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
    Chars.InitializeHandlerEx = OhInitialize;
    Chars.HaltHandlerEx = OhHalt;
    Chars.UnloadHandler = OhUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &OhGlobals.DriverHandle);
    return Status;
}
