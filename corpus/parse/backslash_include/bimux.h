/*
 * bimux.h - local header of the backslash-include fixture (see driver.c);
 * the driver includes it with angle brackets, as MSVC allows for a header
 * beside the source.
 */
#ifndef BIMUX_H
#define BIMUX_H

#define BI_MAX_ADAPTERS             16

#endif /* BIMUX_H */
