/*
 * stdlib.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: the few C runtime helpers available to
 * kernel-mode drivers, declared with their standard shapes.
 */
#ifndef NDISLINT_STDLIB_H
#define NDISLINT_STDLIB_H

#include <stddef.h>

#ifndef _countof
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
#endif
#ifndef __min
#define __min(a, b) (((a) < (b)) ? (a) : (b))
#define __max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef _MAX_PATH
#define _MAX_PATH 260
#endif
#ifndef EXIT_SUCCESS
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#endif
#ifndef RAND_MAX
#define RAND_MAX 0x7fff
#endif

#ifdef __cplusplus
extern "C" {
#endif

int abs(int x);
long labs(long x);
long long llabs(long long x);
__int64 _abs64(__int64 x);
int atoi(const char *str);
long atol(const char *str);
long strtol(const char *str, char **end, int base);
unsigned long strtoul(const char *str, char **end, int base);
char *_itoa(int value, char *buf, int radix);
char *_ltoa(long value, char *buf, int radix);
char *_ultoa(unsigned long value, char *buf, int radix);
char *_i64toa(__int64 value, char *buf, int radix);
char *_ui64toa(unsigned __int64 value, char *buf, int radix);
wchar_t *_itow(int value, wchar_t *buf, int radix);
wchar_t *_ltow(long value, wchar_t *buf, int radix);
wchar_t *_ultow(unsigned long value, wchar_t *buf, int radix);
void qsort(void *base, size_t count, size_t size,
           int (__cdecl *compare)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (__cdecl *compare)(const void *, const void *));
int rand(void);
void srand(unsigned int seed);
unsigned short _byteswap_ushort(unsigned short value);
unsigned long _byteswap_ulong(unsigned long value);
unsigned __int64 _byteswap_uint64(unsigned __int64 value);
unsigned int _rotl(unsigned int value, int shift);
unsigned int _rotr(unsigned int value, int shift);
unsigned long _lrotl(unsigned long value, int shift);
unsigned long _lrotr(unsigned long value, int shift);
unsigned __int64 _rotl64(unsigned __int64 value, int shift);
unsigned __int64 _rotr64(unsigned __int64 value, int shift);

#ifdef __cplusplus
}
#endif

#endif /* NDISLINT_STDLIB_H */
