/*
 * stdio.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: only the in-memory formatting functions
 * that the kernel exports to drivers.
 */
#ifndef NDISLINT_STDIO_H
#define NDISLINT_STDIO_H

#include <stddef.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

int sprintf(char *buf, const char *format, ...);
int _snprintf(char *buf, size_t count, const char *format, ...);
int vsprintf(char *buf, const char *format, va_list args);
int _vsnprintf(char *buf, size_t count, const char *format, va_list args);
int sscanf(const char *str, const char *format, ...);
int swprintf(wchar_t *buf, size_t count, const wchar_t *format, ...);
int _snwprintf(wchar_t *buf, size_t count, const wchar_t *format, ...);
int _vsnwprintf(wchar_t *buf, size_t count, const wchar_t *format, va_list args);

#ifdef __cplusplus
}
#endif

#endif /* NDISLINT_STDIO_H */
