/*
 * cleanup.c - teardown of the two-file miniport (see driver.c).  The
 * finding is here: the deregistration has no guard.
 */
#include "nic.h"

/* Deregisters the miniport driver. */
VOID
NicReleaseDriver(VOID)
{
    NdisMDeregisterMiniportDriver(NicDriverHandle);  // expect: deregister-without-register
}
