/*
 * string.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: the C string and memory functions that
 * kernel-mode drivers may call (exported by the kernel), declared with their
 * standard shapes.
 */
#ifndef NDISLINT_STRING_H
#define NDISLINT_STRING_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *memset(void *dest, int c, size_t count);
void *memcpy(void *dest, const void *src, size_t count);
void *memmove(void *dest, const void *src, size_t count);
int memcmp(const void *buf1, const void *buf2, size_t count);
void *memchr(const void *buf, int c, size_t count);
size_t strlen(const char *str);
size_t strnlen(const char *str, size_t maxcount);
int strcmp(const char *s1, const char *s2);
int strncmp(const char *s1, const char *s2, size_t count);
int _stricmp(const char *s1, const char *s2);
int _strnicmp(const char *s1, const char *s2, size_t count);
char *strcpy(char *dest, const char *src);
char *strncpy(char *dest, const char *src, size_t count);
char *strcat(char *dest, const char *src);
char *strncat(char *dest, const char *src, size_t count);
char *strchr(const char *str, int c);
char *strrchr(const char *str, int c);
char *strstr(const char *str, const char *sub);
size_t strspn(const char *str, const char *set);
size_t strcspn(const char *str, const char *set);
char *strpbrk(const char *str, const char *set);
char *_strlwr(char *str);
char *_strupr(char *str);
char *_strrev(char *str);

size_t wcslen(const wchar_t *str);
size_t wcsnlen(const wchar_t *str, size_t maxcount);
int wcscmp(const wchar_t *s1, const wchar_t *s2);
int wcsncmp(const wchar_t *s1, const wchar_t *s2, size_t count);
int _wcsicmp(const wchar_t *s1, const wchar_t *s2);
int _wcsnicmp(const wchar_t *s1, const wchar_t *s2, size_t count);
wchar_t *wcscpy(wchar_t *dest, const wchar_t *src);
wchar_t *wcsncpy(wchar_t *dest, const wchar_t *src, size_t count);
wchar_t *wcscat(wchar_t *dest, const wchar_t *src);
wchar_t *wcsncat(wchar_t *dest, const wchar_t *src, size_t count);
wchar_t *wcschr(const wchar_t *str, wchar_t c);
wchar_t *wcsrchr(const wchar_t *str, wchar_t c);
wchar_t *wcsstr(const wchar_t *str, const wchar_t *sub);
size_t wcsspn(const wchar_t *str, const wchar_t *set);
size_t wcscspn(const wchar_t *str, const wchar_t *set);
wchar_t *_wcslwr(wchar_t *str);
wchar_t *_wcsupr(wchar_t *str);

#ifdef __cplusplus
}
#endif

#endif /* NDISLINT_STRING_H */
