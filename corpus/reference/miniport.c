/*
 * miniport.c - the virtual miniport (upper edge) of the reference IM driver.
 *
 * NDIS calls MpInitialize for an instance that PtBindAdapter started with
 * NdisIMInitializeDeviceInstanceEx; the instance context is the IM_ADAPTER of
 * the binding.  MpInitialize only uses state that DriverEntry set up before
 * NdisMRegisterMiniportDriver (ImGlobals.Lock, through ImReferenceAdapter)
 * and the adapter that the binding created.
 */
#include "imdrv.h"

/* Tells NDIS about the virtual miniport (registration attributes). */
static NDIS_STATUS
MpSetRegistrationAttributes(_In_ PIM_ADAPTER Adapter)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Attributes;

    NdisZeroMemory(&Attributes, sizeof(Attributes));
    Attributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Attributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Attributes.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Attributes.MiniportAdapterContext = (NDIS_HANDLE)Adapter;
    Attributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND;
    Attributes.CheckForHangTimeInSeconds = 0;
    Attributes.InterfaceType = NdisInterfaceInternal;

    return NdisMSetMiniportAttributes(Adapter->MiniportAdapterHandle,
                                      (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Attributes);
}

_Use_decl_annotations_
NDIS_STATUS
MpInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    PIM_ADAPTER Adapter;
    NDIS_STATUS Status;
    LOCK_STATE_EX LockState;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = (PIM_ADAPTER)MiniportInitParameters->IMDeviceInstanceContext;

    do {
        if (Adapter == NULL) {
            Status = NDIS_STATUS_FAILURE;
            break;
        }

        Adapter->MiniportAdapterHandle = MiniportAdapterHandle;
        Status = MpSetRegistrationAttributes(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        NdisAcquireRWLockWrite(Adapter->StateLock, &LockState, 0);
        Adapter->MiniportState = ImMiniportPaused;
        NdisReleaseRWLock(Adapter->StateLock, &LockState);

        /* Held by the virtual miniport until MpHalt. */
        ImReferenceAdapter(Adapter);
    } while (FALSE);

    return Status;
}

_Use_decl_annotations_
VOID
MpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)MiniportAdapterContext;
    LOCK_STATE_EX LockState;

    UNREFERENCED_PARAMETER(HaltAction);

    NdisAcquireRWLockWrite(Adapter->StateLock, &LockState, 0);
    Adapter->MiniportState = ImMiniportHalted;
    Adapter->MiniportAdapterHandle = NULL;
    NdisReleaseRWLock(Adapter->StateLock, &LockState);

    ImDereferenceAdapter(Adapter);
}

_Use_decl_annotations_
NDIS_STATUS
MpPause(NDIS_HANDLE MiniportAdapterContext,
        PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)MiniportAdapterContext;
    LOCK_STATE_EX LockState;

    UNREFERENCED_PARAMETER(PauseParameters);

    NdisAcquireRWLockWrite(Adapter->StateLock, &LockState, 0);
    Adapter->MiniportState = ImMiniportPaused;
    NdisReleaseRWLock(Adapter->StateLock, &LockState);

    NdisAcquireSpinLock(&ImGlobals.Lock);
    ImGlobals.RunningMiniports--;
    NdisReleaseSpinLock(&ImGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext,
          PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)MiniportAdapterContext;
    LOCK_STATE_EX LockState;

    UNREFERENCED_PARAMETER(RestartParameters);

    NdisAcquireRWLockWrite(Adapter->StateLock, &LockState, 0);
    Adapter->MiniportState = ImMiniportRunning;
    NdisReleaseRWLock(Adapter->StateLock, &LockState);

    NdisAcquireSpinLock(&ImGlobals.Lock);
    ImGlobals.RunningMiniports++;
    NdisReleaseSpinLock(&ImGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}

/* Passes a request from above down to the bound adapter. */
_Use_decl_annotations_
NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)MiniportAdapterContext;

    if (Adapter->BindingHandle == NULL) {
        return NDIS_STATUS_FAILURE;
    }
    return NdisOidRequest(Adapter->BindingHandle, OidRequest);
}

/* Is the virtual miniport running (taken under the state lock)? */
static BOOLEAN
MpIsRunning(_In_ PIM_ADAPTER Adapter)
{
    LOCK_STATE_EX LockState;
    BOOLEAN Running;

    NdisAcquireRWLockRead(Adapter->StateLock, &LockState, 0);
    Running = (Adapter->MiniportState == ImMiniportRunning);
    NdisReleaseRWLock(Adapter->StateLock, &LockState);
    return Running;
}

_Use_decl_annotations_
VOID
MpSendNetBufferLists(
    NDIS_HANDLE MiniportAdapterContext,
    PNET_BUFFER_LIST NetBufferLists,
    NDIS_PORT_NUMBER PortNumber,
    ULONG SendFlags
    )
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    ULONG CompleteFlags = 0;

    if (!MpIsRunning(Adapter)) {
        for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_PAUSED;
        }
        if (NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)) {
            CompleteFlags |= NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL;
        }
        NdisMSendNetBufferListsComplete(Adapter->MiniportAdapterHandle,
                                        NetBufferLists, CompleteFlags);
        return;
    }

    NdisAcquireSpinLock(&ImGlobals.Lock);
    Adapter->OutstandingSends++;
    NdisReleaseSpinLock(&ImGlobals.Lock);
    NdisSendNetBufferLists(Adapter->BindingHandle, NetBufferLists, PortNumber, SendFlags);
}

/* A receive indicated up by PtReceiveNetBufferLists came back. */
_Use_decl_annotations_
VOID
MpReturnNetBufferLists(
    NDIS_HANDLE MiniportAdapterContext,
    PNET_BUFFER_LIST NetBufferLists,
    ULONG ReturnFlags
    )
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)MiniportAdapterContext;

    NdisAcquireSpinLock(&ImGlobals.Lock);
    Adapter->OutstandingReceives--;
    NdisReleaseSpinLock(&ImGlobals.Lock);
    NdisReturnNetBufferLists(Adapter->BindingHandle, NetBufferLists, ReturnFlags);
}

_Use_decl_annotations_
VOID
MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)MiniportAdapterContext;

    NdisCancelSendNetBufferLists(Adapter->BindingHandle, CancelId);
}

_Use_decl_annotations_
VOID
MpDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

_Use_decl_annotations_
VOID
MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

_Use_decl_annotations_
VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    PIM_ADAPTER Adapter = (PIM_ADAPTER)MiniportAdapterContext;

    NdisCancelOidRequest(Adapter->BindingHandle, RequestId);
}
