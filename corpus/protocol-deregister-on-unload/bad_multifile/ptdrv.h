/*
 * ptdrv.h - shared declarations of the bad_multifile protocol driver
 * (protocol-deregister-on-unload fixture; see driver.c).
 */
#ifndef PTDRV_H
#define PTDRV_H

#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

typedef struct _PT_GLOBALS {
    NDIS_HANDLE ProtocolHandle;
    NDIS_SPIN_LOCK BindingLock;
    LIST_ENTRY BindingList;
} PT_GLOBALS;

extern PT_GLOBALS PtGlobals;

/* protocol.c */
NDIS_STATUS PtRegisterProtocol(VOID);

#endif
