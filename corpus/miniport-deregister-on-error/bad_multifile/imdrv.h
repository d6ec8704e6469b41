/*
 * imdrv.h - shared declarations of the two-file IM driver of this fixture
 * (see driver.c for what it tests).
 */
#ifndef IMDRV_H
#define IMDRV_H

#include <ndis.h>

extern NDIS_HANDLE ImMiniportHandle;
extern NDIS_HANDLE ImProtocolHandle;

NDIS_STATUS ImRegisterProtocol(VOID);

#endif
