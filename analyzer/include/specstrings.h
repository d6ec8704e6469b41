/*
 * specstrings.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: forwards to the SAL and driver annotations.
 */
#ifndef NDISLINT_SPECSTRINGS_H
#define NDISLINT_SPECSTRINGS_H
#include <sal.h>
#include <driverspecs.h>
#endif
