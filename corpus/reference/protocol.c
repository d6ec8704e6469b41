/*
 * protocol.c - the protocol (lower) edge of the reference IM driver.
 *
 * For each underlying adapter NDIS calls PtBindAdapter: it creates an
 * IM_ADAPTER, opens the adapter and starts the virtual miniport above it
 * with NdisIMInitializeDeviceInstanceEx.  PtUnbindAdapter undoes that.
 */
#include "imdrv.h"

/* Fills the protocol characteristics (called by DriverEntry). */
_Use_decl_annotations_
VOID
PtFillCharacteristics(PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS Chars, PNDIS_STRING Name)
{
    NdisZeroMemory(Chars, sizeof(*Chars));
    Chars->Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    Chars->Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    Chars->MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    Chars->MajorDriverVersion = IM_MAJOR_DRIVER_VERSION;
    Chars->MinorDriverVersion = IM_MINOR_DRIVER_VERSION;
    Chars->Name = *Name;

    Chars->BindAdapterHandlerEx = PtBindAdapter;
    Chars->UnbindAdapterHandlerEx = PtUnbindAdapter;
    Chars->OpenAdapterCompleteHandlerEx = PtOpenAdapterComplete;
    Chars->CloseAdapterCompleteHandlerEx = PtCloseAdapterComplete;
    Chars->NetPnPEventHandler = PtPnPEvent;
    Chars->OidRequestCompleteHandler = PtOidRequestComplete;
    Chars->StatusHandlerEx = PtStatus;
    Chars->ReceiveNetBufferListsHandler = PtReceiveNetBufferLists;
    Chars->SendNetBufferListsCompleteHandler = PtSendNetBufferListsComplete;
}

/* Allocates an adapter for a new binding and links it into the global
 * list; returns NULL when memory is short. */
static PIM_ADAPTER
PtAllocateAdapter(_In_ PNDIS_BIND_PARAMETERS BindParameters)
{
    PIM_ADAPTER Adapter;

    Adapter = NdisAllocateMemoryWithTagPriority(ImGlobals.ProtocolHandle, sizeof(IM_ADAPTER),
                                                IM_TAG_ADAPTER, NormalPoolPriority);
    if (Adapter == NULL) {
        return NULL;
    }
    NdisZeroMemory(Adapter, sizeof(IM_ADAPTER));

    Adapter->StateLock = NdisAllocateRWLock(ImGlobals.ProtocolHandle);
    if (Adapter->StateLock == NULL) {
        NdisFreeMemory(Adapter, 0, 0);
        return NULL;
    }
    Adapter->RefCount = 1;  /* the binding's reference */
    Adapter->MiniportState = ImMiniportInitializing;
    Adapter->DeviceName = *BindParameters->AdapterName;
    NdisInitializeEvent(&Adapter->OpenCompleteEvent);

    NdisAcquireSpinLock(&ImGlobals.Lock);
    InsertTailList(&ImGlobals.AdapterList, &Adapter->Link);
    ImGlobals.AdapterCount++;
    NdisResetEvent(&ImGlobals.AllAdaptersGone);
    NdisReleaseSpinLock(&ImGlobals.Lock);
    return Adapter;
}

/* Closes the binding and waits for the close to complete. */
static VOID
PtCloseBinding(_In_ PIM_ADAPTER Adapter)
{
    NDIS_STATUS Status;

    NdisResetEvent(&Adapter->OpenCompleteEvent);
    Status = NdisCloseAdapterEx(Adapter->BindingHandle);
    if (Status == NDIS_STATUS_PENDING) {
        NdisWaitEvent(&Adapter->OpenCompleteEvent, 0);
    }
    Adapter->BindingHandle = NULL;
}

_Use_decl_annotations_
NDIS_STATUS
PtBindAdapter(
    NDIS_HANDLE ProtocolDriverContext,
    NDIS_HANDLE BindContext,
    PNDIS_BIND_PARAMETERS BindParameters
    )
{
    PIM_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_OPEN_PARAMETERS OpenParameters;
    NDIS_MEDIUM MediumArray[1] = { NdisMedium802_3 };
    UINT SelectedMediumIndex = 0;

    UNREFERENCED_PARAMETER(ProtocolDriverContext);

    Adapter = PtAllocateAdapter(BindParameters);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }

    NdisZeroMemory(&OpenParameters, sizeof(OpenParameters));
    OpenParameters.Header.Type = NDIS_OBJECT_TYPE_OPEN_PARAMETERS;
    OpenParameters.Header.Revision = NDIS_OPEN_PARAMETERS_REVISION_1;
    OpenParameters.Header.Size = NDIS_SIZEOF_OPEN_PARAMETERS_REVISION_1;
    OpenParameters.AdapterName = BindParameters->AdapterName;
    OpenParameters.MediumArray = MediumArray;
    OpenParameters.MediumArraySize = 1;
    OpenParameters.SelectedMediumIndex = &SelectedMediumIndex;

    Status = NdisOpenAdapterEx(ImGlobals.ProtocolHandle, (NDIS_HANDLE)Adapter,
                               &OpenParameters, BindContext, &Adapter->BindingHandle);
    if (Status == NDIS_STATUS_PENDING) {
        NdisWaitEvent(&Adapter->OpenCompleteEvent, 0);
        Status = Adapter->OpenStatus;
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        ImDereferenceAdapter(Adapter);
        return Status;
    }

    Status = NdisIMInitializeDeviceInstanceEx(ImGlobals.MiniportDriverHandle,
                                              &Adapter->DeviceName, (NDIS_HANDLE)Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        PtCloseBinding(Adapter);
        ImDereferenceAdapter(Adapter);
    }
    return Status;
}

_Use_decl_annotations_
NDIS_STATUS
PtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)ProtocolBindingContext;

    UNREFERENCED_PARAMETER(UnbindContext);

    if (Adapter->MiniportAdapterHandle != NULL) {
        (VOID)NdisIMDeInitializeDeviceInstance(Adapter->MiniportAdapterHandle);
    }
    PtCloseBinding(Adapter);
    ImDereferenceAdapter(Adapter);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
PtOpenAdapterComplete(NDIS_HANDLE ProtocolBindingContext, NDIS_STATUS Status)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)ProtocolBindingContext;

    Adapter->OpenStatus = Status;
    NdisSetEvent(&Adapter->OpenCompleteEvent);
}

_Use_decl_annotations_
VOID
PtCloseAdapterComplete(NDIS_HANDLE ProtocolBindingContext)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)ProtocolBindingContext;

    NdisSetEvent(&Adapter->OpenCompleteEvent);
}

_Use_decl_annotations_
NDIS_STATUS
PtPnPEvent(NDIS_HANDLE ProtocolBindingContext, PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification)
{
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    UNREFERENCED_PARAMETER(NetPnPEventNotification);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
PtOidRequestComplete(NDIS_HANDLE ProtocolBindingContext, PNDIS_OID_REQUEST OidRequest,
                     NDIS_STATUS Status)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)ProtocolBindingContext;

    NdisMOidRequestComplete(Adapter->MiniportAdapterHandle, OidRequest, Status);
}

_Use_decl_annotations_
VOID
PtStatus(NDIS_HANDLE ProtocolBindingContext, PNDIS_STATUS_INDICATION StatusIndication)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)ProtocolBindingContext;

    if (Adapter->MiniportAdapterHandle != NULL) {
        NdisMIndicateStatusEx(Adapter->MiniportAdapterHandle, StatusIndication);
    }
}

/* Indicates a receive up through the virtual miniport, or hands it
 * straight back when the miniport is not running. */
_Use_decl_annotations_
VOID
PtReceiveNetBufferLists(
    NDIS_HANDLE ProtocolBindingContext,
    PNET_BUFFER_LIST NetBufferLists,
    NDIS_PORT_NUMBER PortNumber,
    ULONG NumberOfNetBufferLists,
    ULONG ReceiveFlags
    )
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)ProtocolBindingContext;
    PIM_RECV_CONTEXT Context;
    LOCK_STATE_EX LockState;
    BOOLEAN Running;
    ULONG ReturnFlags = 0;

    NdisAcquireRWLockRead(Adapter->StateLock, &LockState, 0);
    Running = (Adapter->MiniportState == ImMiniportRunning);
    NdisReleaseRWLock(Adapter->StateLock, &LockState);

    Context = NdisAllocateFromNPagedLookasideList(&ImGlobals.RecvContextPool);
    if (!Running || Context == NULL) {
        if (Context != NULL) {
            NdisFreeToNPagedLookasideList(&ImGlobals.RecvContextPool, Context);
        }
        if ((ReceiveFlags & NDIS_RECEIVE_FLAGS_RESOURCES) == 0) {
            if (NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(ReceiveFlags)) {
                ReturnFlags |= NDIS_RETURN_FLAGS_DISPATCH_LEVEL;
            }
            NdisReturnNetBufferLists(Adapter->BindingHandle, NetBufferLists, ReturnFlags);
        }
        return;
    }

    Context->Adapter = Adapter;
    Context->NblCount = NumberOfNetBufferLists;
    if ((ReceiveFlags & NDIS_RECEIVE_FLAGS_RESOURCES) == 0) {
        NdisAcquireSpinLock(&ImGlobals.Lock);
        Adapter->OutstandingReceives += Context->NblCount;
        NdisReleaseSpinLock(&ImGlobals.Lock);
    }
    NdisMIndicateReceiveNetBufferLists(Adapter->MiniportAdapterHandle, NetBufferLists,
                                       PortNumber, NumberOfNetBufferLists, ReceiveFlags);
    NdisFreeToNPagedLookasideList(&ImGlobals.RecvContextPool, Context);
}

_Use_decl_annotations_
VOID
PtSendNetBufferListsComplete(
    NDIS_HANDLE ProtocolBindingContext,
    PNET_BUFFER_LIST NetBufferLists,
    ULONG SendCompleteFlags
    )
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)ProtocolBindingContext;

    NdisAcquireSpinLock(&ImGlobals.Lock);
    Adapter->OutstandingSends--;
    NdisReleaseSpinLock(&ImGlobals.Lock);
    NdisMSendNetBufferListsComplete(Adapter->MiniportAdapterHandle, NetBufferLists,
                                    SendCompleteFlags);
}
