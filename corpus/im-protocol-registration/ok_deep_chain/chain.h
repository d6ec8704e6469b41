/*
 * Shared declarations of the ok_deep_chain fixture (see driver.c).
 */
#ifndef CHAIN_H
#define CHAIN_H

#include <ndis.h>

extern NDIS_HANDLE ChMiniportHandle;
extern NDIS_HANDLE ChProtocolHandle;

MINIPORT_INITIALIZE ChInitialize;
MINIPORT_UNLOAD ChUnload;

/* start.c */
NDIS_STATUS ChStartDriver(_In_ PDRIVER_OBJECT DriverObject,
                          _In_ PUNICODE_STRING RegistryPath);
/* lower.c */
NDIS_STATUS ChStartLowerEdge(VOID);
NDIS_STATUS ChRegisterLowerEdge(_In_ PNDIS_STRING Name);
NDIS_STATUS ChCallNdisProtocol(_In_ PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS Chars);

#endif
