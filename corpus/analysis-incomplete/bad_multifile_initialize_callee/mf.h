/*
 * Shared declarations of the bad_multifile_initialize_callee fixture (see
 * driver.c).
 */
#ifndef MF_H
#define MF_H

#include <ndis.h>

typedef struct _MF_CONFIG {
    ULONG MaxBindings;
    ULONG Mtu;
} MF_CONFIG, *PMF_CONFIG;

extern NDIS_HANDLE MfMiniportHandle;
extern NDIS_HANDLE MfProtocolHandle;
extern NDIS_SPIN_LOCK MfConfigLock;

MINIPORT_INITIALIZE MfInitialize;
MINIPORT_UNLOAD MfUnload;
MINIPORT_SEND_NET_BUFFER_LISTS MfSendNetBufferLists;

/* config.c */
VOID MfInitGlobals(VOID);
NDIS_STATUS MfReadConfiguration(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                _Out_ PMF_CONFIG Config);
VOID MfDumpConfiguration(_In_ PMF_CONFIG Config);

#endif
