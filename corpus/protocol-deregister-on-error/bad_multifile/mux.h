/*
 * mux.h - shared declarations of the two-file IM driver of this fixture
 * (see driver.c for what it tests).
 */
#ifndef MUX_H
#define MUX_H

#include <ndis.h>

extern NDIS_HANDLE MuxMiniportHandle;
extern NDIS_HANDLE MuxProtocolHandle;

NDIS_STATUS MuxRegisterProtocol(VOID);
NDIS_STATUS MuxCreateControlDevice(VOID);
VOID MuxDeleteControlDevice(VOID);

#endif
