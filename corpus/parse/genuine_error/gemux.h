/*
 * gemux.h - private header of the genuine-error fixture (see driver.c):
 * WPP configuration and a debug macro that pastes __FUNCTION__.
 */
#ifndef GEMUX_H
#define GEMUX_H

#include <ndis.h>

#define WPP_CONTROL_GUIDS                                                 \
    WPP_DEFINE_CONTROL_GUID(                                              \
        GeMuxTraceGuid, (a3d1f0c2,6b7e,4c19,b5d4,0e9f2a8c6d17),           \
        WPP_DEFINE_BIT(GE_TRACE_INIT)                                     \
        WPP_DEFINE_BIT(GE_TRACE_DATA)                                     \
        )

// begin_wpp config
// FUNC GeTrace{LEVEL=TRACE_LEVEL_INFORMATION}(FLAGS, MSG, ...);
// end_wpp

#define GE_LOG_FAILURE(_What, _S) \
    DbgPrint("GEMUX: " __FUNCTION__ ": " _What " failed %x\n", (_S))

typedef struct _GE_ADAPTER_CONFIG {
    ULONG   MaxFrameSize;
    ULONG   ReceiveBuffers;
} GE_ADAPTER_CONFIG, *PGE_ADAPTER_CONFIG;

typedef struct _GE_GLOBALS {
    NDIS_HANDLE     MiniportDriverHandle;
    NDIS_HANDLE     ProtocolHandle;
    NDIS_SPIN_LOCK  Lock;
    ULONG           AdapterCount;
} GE_GLOBALS;

extern GE_GLOBALS GeGlobals;

/* driver.c */
DRIVER_INITIALIZE DriverEntry;
MINIPORT_UNLOAD GeUnload;

/* miniport.c */
MINIPORT_INITIALIZE GeInitialize;
MINIPORT_HALT GeHalt;
MINIPORT_SEND_NET_BUFFER_LISTS GeSendNetBufferLists;
NDIS_STATUS GeReadAdapterConfig(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                _Out_ PGE_ADAPTER_CONFIG Config);

#endif /* GEMUX_H */
