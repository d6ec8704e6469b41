/*
 * miniport.c - the miniport handlers of the bad_multifile fixture.
 * MfInitialize reads MfGlobals.AdapterList through MfAddAdapter; see
 * driver.c for the late initialization.
 */
#include "mf.h"

/* Links an adapter into the driver-wide list. */
_Use_decl_annotations_
VOID
MfAddAdapter(PMF_ADAPTER Adapter)
{
    NdisAcquireSpinLock(&MfGlobals.Lock);
    InsertTailList(&MfGlobals.AdapterList, &Adapter->Link);
    NdisReleaseSpinLock(&MfGlobals.Lock);
}

_Use_decl_annotations_
NDIS_STATUS
MfInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMF_ADAPTER Adapter;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MF_ADAPTER),
                                                MF_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MF_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    MfAddAdapter(Adapter);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MfHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMF_ADAPTER Adapter = (PMF_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisAcquireSpinLock(&MfGlobals.Lock);
    RemoveEntryList(&Adapter->Link);
    NdisReleaseSpinLock(&MfGlobals.Lock);
    NdisFreeMemory(Adapter, 0, 0);
}
