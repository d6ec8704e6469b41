/*
 * pshpack4.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: sets 4-byte structure packing until
 * the matching <poppack.h>. Deliberately not guarded: it is included many times.
 */
#ifdef __clang__
#pragma clang diagnostic ignored "-Wpragma-pack"
#endif
#pragma pack(push, 4)
