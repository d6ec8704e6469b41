/*
 * mfdrv.h - shared declarations of the bad_multifile IM driver
 * (miniport-deregister-on-unload fixture; see driver.c).
 */
#ifndef MFDRV_H
#define MFDRV_H

#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MfInitialize;
MINIPORT_UNLOAD MfUnload;
PROTOCOL_BIND_ADAPTER_EX MfBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX MfUnbindAdapter;

extern NDIS_HANDLE MfMiniportHandle;
extern NDIS_HANDLE MfProtocolHandle;
extern NDIS_SPIN_LOCK MfGlobalLock;

#endif
