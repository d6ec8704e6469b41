/*
 * faulty/miniport.c - miniport handlers of the faulty demo driver (see
 * driver.c for the list of its mistakes).
 */
#include "faulty.h"

_Use_decl_annotations_
NDIS_STATUS
FtInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    PFT_ADAPTER Adapter;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(FT_ADAPTER),
                                                FT_TAG_ADAPTER, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(FT_ADAPTER));
    Adapter->MiniportAdapterHandle = MiniportAdapterHandle;

    NdisAcquireSpinLock(&FtAdapterLock);
    InsertTailList(&FtAdapterList, &Adapter->Link);
    NdisReleaseSpinLock(&FtAdapterLock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
FtHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PFT_ADAPTER Adapter = (PFT_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisAcquireSpinLock(&FtAdapterLock);
    RemoveEntryList(&Adapter->Link);
    NdisReleaseSpinLock(&FtAdapterLock);
    NdisFreeMemory(Adapter, 0, 0);
}

/* Frees the driver-wide state - but forgets NdisMDeregisterMiniportDriver. */
_Use_decl_annotations_
VOID
FtUnload(PDRIVER_OBJECT DriverObject)  // expect: miniport-deregister-on-unload
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterDeviceEx(FtDeviceHandle);
    NdisFreeSpinLock(&FtAdapterLock);
}
