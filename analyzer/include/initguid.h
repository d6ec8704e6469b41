/*
 * initguid.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: makes later DEFINE_GUID uses define
 * (rather than declare) their GUIDs.
 */
#ifndef INITGUID
#define INITGUID
#endif
#include <guiddef.h>
