/*
 * unload.c - MiniportDriverUnload of the ok_multifile driver (see
 * driver.c).  It delegates both deregistrations to cleanup.c.
 */
#include "omdrv.h"

_Use_decl_annotations_
VOID
OmUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    OmReleaseProtocol();
    OmReleaseMiniport();
    NdisFreeSpinLock(&OmGlobals.Lock);
}
