/*
 * cleanup.c - deregistration helpers of the ok_multifile driver (see
 * driver.c), shared by DriverEntry's error path and the unload handler.
 */
#include "omdrv.h"

/* Deregisters the protocol edge if it is registered. */
VOID
OmReleaseProtocol(VOID)
{
    if (OmGlobals.ProtocolHandle == NULL) {
        return;
    }
    NdisDeregisterProtocolDriver(OmGlobals.ProtocolHandle);
    OmGlobals.ProtocolHandle = NULL;
}

/* Deregisters the miniport half if it is registered. */
VOID
OmReleaseMiniport(VOID)
{
    if (OmGlobals.MiniportHandle == NULL) {
        return;
    }
    NdisMDeregisterMiniportDriver(OmGlobals.MiniportHandle);
    OmGlobals.MiniportHandle = NULL;
}
