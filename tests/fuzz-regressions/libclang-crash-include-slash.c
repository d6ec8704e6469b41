/*
 * miniport-deregister-on-ees the driver's lookaside
 * list and returns without NdisMDeregisterMiniportDriver.  A checker that
 * only looks at UnloadHandler would report "no handler"'at the call instead.
 */
#include <ndis.h/>

DR*
 *I 