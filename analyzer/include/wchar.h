/*
 * wchar.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: wide-character types and the wcs*
 * functions a kernel-mode driver may call.
 */
#ifndef NDISLINT_WCHAR_H
#define NDISLINT_WCHAR_H

#include <stddef.h>
#include <stdarg.h>
#include <string.h>

#ifndef _WINT_T_DEFINED
#define _WINT_T_DEFINED
typedef unsigned short wint_t;
#endif
#ifndef WEOF
#define WEOF ((wint_t)0xFFFF)
#endif
#ifndef WCHAR_MIN
#define WCHAR_MIN 0x0000
#define WCHAR_MAX 0xffff
#endif

#ifdef __cplusplus
extern "C" {
#endif

long wcstol(const wchar_t *str, wchar_t **end, int base);
unsigned long wcstoul(const wchar_t *str, wchar_t **end, int base);
int _wtoi(const wchar_t *str);
long _wtol(const wchar_t *str);
int swprintf(wchar_t *buf, size_t count, const wchar_t *format, ...);
int _swprintf(wchar_t *buf, const wchar_t *format, ...);
int _snwprintf(wchar_t *buf, size_t count, const wchar_t *format, ...);
int _vsnwprintf(wchar_t *buf, size_t count, const wchar_t *format, va_list args);
int iswspace(wint_t c);
int iswdigit(wint_t c);
int iswalpha(wint_t c);
int iswxdigit(wint_t c);
wint_t towupper(wint_t c);
wint_t towlower(wint_t c);

#ifdef __cplusplus
}
#endif

#endif /* NDISLINT_WCHAR_H */
