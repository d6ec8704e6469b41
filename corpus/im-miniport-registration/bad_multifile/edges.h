/*
 * Shared declarations of the bad_multifile fixture (see driver.c).
 */
#ifndef EDGES_H
#define EDGES_H

#include <ndis.h>

extern NDIS_HANDLE EdMiniportHandle;
extern NDIS_HANDLE EdProtocolHandle;
extern NDIS_MINIPORT_DRIVER_CHARACTERISTICS EdMChars;

MINIPORT_INITIALIZE EdInitialize;
DRIVER_UNLOAD EdUnload;

NDIS_STATUS EdStartEdges(_In_ PDRIVER_OBJECT DriverObject,
                         _In_ PUNICODE_STRING RegistryPath);
NDIS_STATUS EdStartUpperEdge(_In_ PDRIVER_OBJECT DriverObject,
                             _In_ PUNICODE_STRING RegistryPath);
NDIS_STATUS EdRegisterUpperEdgeNow(_In_ PDRIVER_OBJECT DriverObject,
                                   _In_ PUNICODE_STRING RegistryPath);

#endif
