/*
 * faulty.h - private declarations of the faulty demo driver (see driver.c).
 */
#ifndef FAULTY_H
#define FAULTY_H

#include <ndis.h>

#define FT_TAG_ADAPTER  0x41447446  /* 'FtDA' */

typedef struct _FT_ADAPTER {
    LIST_ENTRY  Link;
    NDIS_HANDLE MiniportAdapterHandle;
    ULONG       PacketFilter;
} FT_ADAPTER, *PFT_ADAPTER;

extern NDIS_HANDLE    FtMiniportHandle;
extern NDIS_HANDLE    FtDeviceHandle;
extern PDEVICE_OBJECT FtDeviceObject;
extern NDIS_SPIN_LOCK FtAdapterLock;
extern LIST_ENTRY     FtAdapterList;

MINIPORT_INITIALIZE FtInitialize;
MINIPORT_HALT       FtHalt;
MINIPORT_UNLOAD     FtUnload;

#endif
