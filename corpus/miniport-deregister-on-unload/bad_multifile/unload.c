/*
 * unload.c - the unload side of the bad_multifile driver (see driver.c).
 * MfUnload releases the protocol edge and the global lock, but the miniport
 * registration is left behind: reported at MfUnload's name.
 */
#include "mfdrv.h"

/* Releases what DriverEntry allocated for the driver as a whole. */
static VOID
MfFreeGlobals(VOID)
{
    NdisFreeSpinLock(&MfGlobalLock);
}

_Use_decl_annotations_
VOID
MfUnload(PDRIVER_OBJECT DriverObject)  // expect: miniport-deregister-on-unload
{
    UNREFERENCED_PARAMETER(DriverObject);

    if (MfProtocolHandle != NULL) {
        NdisDeregisterProtocolDriver(MfProtocolHandle);
        MfProtocolHandle = NULL;
    }
    MfFreeGlobals();
}
