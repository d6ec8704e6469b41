/*
 * im.h - shared declarations of the two-file IM driver of this fixture
 * (see driver.c for what it tests).
 */
#ifndef IM_H
#define IM_H

#include <ndis.h>

extern NDIS_HANDLE ImMiniportHandle;
extern NDIS_HANDLE ImProtocolHandle;

NDIS_STATUS ImRegisterProtocol(_In_ PUNICODE_STRING RegistryPath);

#endif
