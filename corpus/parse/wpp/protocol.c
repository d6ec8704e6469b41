/*
 * protocol.c - protocol edge of the WPP-traced IM driver fixture
 * (see driver.c).
 */
#include "wpmux.h"
#include "protocol.tmh"

/* Fills the protocol characteristics (called by DriverEntry). */
_Use_decl_annotations_
VOID
WpFillProtocolCharacteristics(PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS Chars)
{
    TraceEvents(TRACE_LEVEL_VERBOSE, WP_TRACE_PROTOCOL, "--> %!FUNC!");
    NdisZeroMemory(Chars, sizeof(*Chars));
    Chars->Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    Chars->Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    Chars->MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    Chars->BindAdapterHandlerEx = WpBindAdapter;
    Chars->UnbindAdapterHandlerEx = WpUnbindAdapter;
}

_Use_decl_annotations_
NDIS_STATUS
WpBindAdapter(
    NDIS_HANDLE ProtocolDriverContext,
    NDIS_HANDLE BindContext,
    PNDIS_BIND_PARAMETERS BindParameters
    )
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindParameters);
    TraceEvents(TRACE_LEVEL_INFORMATION, WP_TRACE_PROTOCOL, "bind %p", BindContext);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
WpUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    DEBUGP(MP_TRACE, "unbind\n");
    return NDIS_STATUS_SUCCESS;
}
