/*
 * inc/biver.h - version of the backslash-include fixture (see driver.c),
 * included as "inc\\biver.h" (a doubled backslash, which MSVC accepts too).
 */
#ifndef BI_VER_H
#define BI_VER_H

#define BI_MAJOR_DRIVER_VERSION     2
#define BI_MINOR_DRIVER_VERSION     1

#endif /* BI_VER_H */
