/*
 * poppack.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: restores the structure packing saved by
 * the last <pshpackN.h>. Deliberately not guarded: it is included many times.
 */
#ifdef __clang__
#pragma clang diagnostic ignored "-Wpragma-pack"
#endif
#pragma pack(pop)
