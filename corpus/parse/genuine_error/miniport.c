/*
 * miniport.c - virtual miniport edge of the genuine-error fixture (see
 * driver.c): the error in GeInitialize is reported, the one in
 * GeSendNetBufferLists is not.
 */
#include "gemux.h"
#include "miniport.tmh"

/* Reads the adapter's settings (defaults here). */
_Use_decl_annotations_
NDIS_STATUS
GeReadAdapterConfig(NDIS_HANDLE MiniportAdapterHandle, PGE_ADAPTER_CONFIG Config)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    Config->MaxFrameSize = 1514;
    Config->ReceiveBuffers = 64;
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS
GeInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    NDIS_STATUS Status;
    GE_ADAPTER_CONFIG Config;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    GeTrace(GE_TRACE_INIT, "--> %!FUNC! %p", MiniportAdapterHandle);
    DbgTrace(TRACE_LEVEL_VERBOSE, "GEMUX: " __FUNCTION__ " adapter %p", MiniportAdapterHandle);
    Status = GeReadAdapterSetting(MiniportAdapterHandle, &Config);  // expect: analysis-incomplete
    if (Status != NDIS_STATUS_SUCCESS) {
        GE_LOG_FAILURE("GeReadAdapterConfig", Status);
        return Status;
    }

    NdisAcquireSpinLock(&GeGlobals.Lock);
    GeGlobals.AdapterCount++;
    NdisReleaseSpinLock(&GeGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
GeHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
    NdisAcquireSpinLock(&GeGlobals.Lock);
    GeGlobals.AdapterCount--;
    NdisReleaseSpinLock(&GeGlobals.Lock);
}

_Use_decl_annotations_
VOID
GeSendNetBufferLists(
    NDIS_HANDLE MiniportAdapterContext,
    PNET_BUFFER_LIST NetBufferLists,
    NDIS_PORT_NUMBER PortNumber,
    ULONG SendFlags
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PortNumber);
    UNREFERENCED_PARAMETER(SendFlags);

    GeTrace(GE_TRACE_DATA, "send %p", NetBufferLists);
    GePendingSends++;
}
