/*
 * Shared declarations of the ok_deep_chain fixture (see driver.c).
 */
#ifndef UPPER_H
#define UPPER_H

#include <ndis.h>

extern NDIS_HANDLE UpMiniportHandle;
extern NDIS_HANDLE UpProtocolHandle;

MINIPORT_INITIALIZE UpInitialize;
MINIPORT_UNLOAD UpUnload;

/* protocol.c */
NDIS_STATUS UpRegisterProtocol(VOID);
/* miniport.c */
NDIS_STATUS UpBringUpMiniport(_In_ PDRIVER_OBJECT DriverObject,
                              _In_ PUNICODE_STRING RegistryPath);
NDIS_STATUS UpRegisterVirtualMiniport(_In_ PDRIVER_OBJECT DriverObject,
                                      _In_ PUNICODE_STRING RegistryPath,
                                      _In_ PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars);

#endif
