/*
 * inc/private.h - private declarations of the backslash-include fixture
 * (see driver.c), in a subdirectory the driver names as "inc\\private.h".
 */
#ifndef BI_PRIVATE_H
#define BI_PRIVATE_H

#include <ndis.h>

typedef struct _BI_GLOBALS {
    NDIS_HANDLE     MiniportDriverHandle;
    NDIS_HANDLE     ProtocolHandle;
    NDIS_SPIN_LOCK  Lock;
    ULONG           AdapterCount;
} BI_GLOBALS;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE BiInitialize;
MINIPORT_HALT BiHalt;
MINIPORT_UNLOAD BiUnload;

#endif /* BI_PRIVATE_H */
