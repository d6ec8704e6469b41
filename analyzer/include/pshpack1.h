/*
 * pshpack1.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: sets 1-byte structure packing until
 * the matching <poppack.h>. Deliberately not guarded: it is included many times.
 */
#ifdef __clang__
#pragma clang diagnostic ignored "-Wpragma-pack"
#endif
#pragma pack(push, 1)
