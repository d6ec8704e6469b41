/*
 * mf.h - shared declarations of the bad_multifile fixture: a miniport whose
 * DriverEntry (driver.c) and initialize handler (miniport.c) live in
 * different files.
 */
#ifndef MF_H
#define MF_H

#include <ndis.h>

#define MF_TAG 'fMfM'

typedef struct _MF_ADAPTER {
    LIST_ENTRY Link;
    NDIS_HANDLE AdapterHandle;
} MF_ADAPTER, *PMF_ADAPTER;

typedef struct _MF_GLOBALS {
    NDIS_HANDLE DriverHandle;
    NDIS_SPIN_LOCK Lock;
    LIST_ENTRY AdapterList;
    ULONG DebugLevel;
} MF_GLOBALS;

extern MF_GLOBALS MfGlobals;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MfInitialize;
MINIPORT_HALT MfHalt;
MINIPORT_UNLOAD MfUnload;

VOID MfAddAdapter(_In_ PMF_ADAPTER Adapter);

#endif /* MF_H */
