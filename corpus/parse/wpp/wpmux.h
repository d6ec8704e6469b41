/*
 * wpmux.h - private header of the WPP-traced IM driver fixture.
 */
#ifndef WPMUX_H
#define WPMUX_H

#include <ndis.h>
#include "trace.h"

typedef struct _WP_GLOBALS {
    NDIS_HANDLE     MiniportDriverHandle;
    NDIS_HANDLE     ProtocolHandle;
    NDIS_SPIN_LOCK  Lock;           /* protects AdapterCount */
    ULONG           AdapterCount;
    ULONG           TraceFlags;     /* WP_TRACE_* flags for the adapters */
} WP_GLOBALS;

extern WP_GLOBALS WpGlobals;

/* driver.c */
DRIVER_INITIALIZE DriverEntry;
MINIPORT_UNLOAD WpUnload;

/* miniport.c */
MINIPORT_INITIALIZE WpInitialize;
MINIPORT_HALT WpHalt;
MINIPORT_SEND_NET_BUFFER_LISTS WpSendNetBufferLists;

/* protocol.c */
PROTOCOL_BIND_ADAPTER_EX WpBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX WpUnbindAdapter;
VOID WpFillProtocolCharacteristics(_Out_ PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS Chars);

#endif /* WPMUX_H */
