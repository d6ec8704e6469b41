/*
 * ctype.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: character classification functions the
 * kernel exports to drivers.
 */
#ifndef NDISLINT_CTYPE_H
#define NDISLINT_CTYPE_H

#ifdef __cplusplus
extern "C" {
#endif

int isalpha(int c);
int isdigit(int c);
int isxdigit(int c);
int isspace(int c);
int isupper(int c);
int islower(int c);
int isalnum(int c);
int isprint(int c);
int toupper(int c);
int tolower(int c);

#ifdef __cplusplus
}
#endif

#endif /* NDISLINT_CTYPE_H */
