/*
 * omdrv.h - shared declarations of the ok_multifile IM driver
 * (miniport-deregister-on-unload fixture; see driver.c).
 */
#ifndef OMDRV_H
#define OMDRV_H

#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE OmInitialize;
MINIPORT_UNLOAD OmUnload;
PROTOCOL_BIND_ADAPTER_EX OmBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX OmUnbindAdapter;

typedef struct _OM_GLOBALS {
    NDIS_HANDLE MiniportHandle;
    NDIS_HANDLE ProtocolHandle;
    NDIS_SPIN_LOCK Lock;
} OM_GLOBALS;

extern OM_GLOBALS OmGlobals;

/* cleanup.c */
VOID OmReleaseProtocol(VOID);
VOID OmReleaseMiniport(VOID);

#endif
