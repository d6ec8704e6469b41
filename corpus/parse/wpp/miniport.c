/*
 * miniport.c - virtual miniport edge of the WPP-traced IM driver fixture
 * (see driver.c).
 */
#include "wpmux.h"
#include "miniport.tmh"

/* MiniportInitializeEx: counts the adapter under the driver lock. */
_Use_decl_annotations_
NDIS_STATUS
WpInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    TraceEvents(TRACE_LEVEL_INFORMATION, WP_TRACE_MINIPORT, "--> %!FUNC! %p",
                MiniportAdapterHandle);

    NdisAcquireSpinLock(&WpGlobals.Lock);
    WpGlobals.AdapterCount++;
    NdisReleaseSpinLock(&WpGlobals.Lock);

    if ((WpGlobals.TraceFlags & WP_TRACE_MINIPORT) != 0) {
        DoTraceMessage(WP_TRACE_MINIPORT, "adapter %p initialized",
                       MiniportAdapterHandle);
    }
    DEBUGP(MP_TRACE, "<-- WpInitialize\n");
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
WpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);

    TraceEvents(TRACE_LEVEL_INFORMATION, WP_TRACE_MINIPORT, "--> %!FUNC!");
    NdisAcquireSpinLock(&WpGlobals.Lock);
    WpGlobals.AdapterCount--;
    NdisReleaseSpinLock(&WpGlobals.Lock);
}

_Use_decl_annotations_
VOID
WpSendNetBufferLists(
    NDIS_HANDLE MiniportAdapterContext,
    PNET_BUFFER_LIST NetBufferLists,
    NDIS_PORT_NUMBER PortNumber,
    ULONG SendFlags
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PortNumber);
    UNREFERENCED_PARAMETER(SendFlags);

    DEBUGP(MP_TRACE, "send %p\n", NetBufferLists);
    TraceEvents(TRACE_LEVEL_VERBOSE, WP_TRACE_SEND, "send %p", NetBufferLists);
}
