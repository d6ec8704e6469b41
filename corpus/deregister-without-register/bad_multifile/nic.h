/*
 * nic.h - shared declarations of the two-file miniport of this fixture
 * (see driver.c for what it tests).
 */
#ifndef NIC_H
#define NIC_H

#include <ndis.h>

extern NDIS_HANDLE NicDriverHandle;

VOID NicReleaseDriver(VOID);

#endif
