/*
 * Shared declarations of the bad_multifile fixture (see driver.c).
 */
#ifndef IMSETUP_H
#define IMSETUP_H

#include <ndis.h>

extern NDIS_HANDLE ImMiniportHandle;
extern NDIS_HANDLE ImProtocolHandle;

MINIPORT_INITIALIZE ImInitialize;
MINIPORT_UNLOAD ImUnload;

NDIS_STATUS ImSetupMiniport(_In_ PDRIVER_OBJECT DriverObject,
                            _In_ PUNICODE_STRING RegistryPath);
NDIS_STATUS ImSetupProtocol(VOID);
NDIS_STATUS ImRegisterProtocolNow(VOID);

#endif
