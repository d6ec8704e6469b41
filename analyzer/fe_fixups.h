/*
 * fe_fixups.h - fix-ups applied through libclang's unsaved files: missing
 * includes (empty, or a WPP stand-in for .tmh files) and MSVC's pasting
 * of string literals with __FUNCTION__.  See fe_fixups.c.
 */
#ifndef NDISLINT_FE_FIXUPS_H
#define NDISLINT_FE_FIXUPS_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

struct fixup_file {
	char *path;
	char *text;
	bool generated;         /* made up here (not a rewrite of a real file) */
};

struct missing_include {
	char *name;             /* as written, backslashes turned to slashes */
	char *includer;         /* the file with the #include */
	unsigned line, col;
};

struct fixup_note {
	const char *file;       /* borrowed from a missing_include or main */
	unsigned line, col;
	char *message;
};

struct fixups {
	char *main_path;
	struct fixup_file *files;
	int nfiles, capfiles;
	struct missing_include *missing;
	int nmissing, capmissing;
	char **wpp_funcs;       /* trace functions to define as no-ops */
	int nwpp, capwpp;
	int nwpp_guessed;       /* of which recognized from calls */
	struct fixup_note *notes;
	int nnotes, capnotes;
	struct CXUnsavedFile *unsaved;
};

void fixups_init(struct fixups *fx, const char *main_path);
void fixups_free(struct fixups *fx);

/* Does a parse have an error, or an implicit declaration (a WPP trace
 * function without its header)?  A parse without either needs no
 * fix-up. */
bool fixups_parse_needs_any(CXTranslationUnit tu);
/* After a parse: true when new fix-ups call for another parse. */
bool fixups_after_parse(struct fixups *fx, CXTranslationUnit tu);
/* The unsaved files to parse with (owned by fx). */
struct CXUnsavedFile *fixups_unsaved(struct fixups *fx, unsigned *n);
/* Adds to fx the missing includes and trace functions that `other` (a
 * parse of another half of the same file: fe_split.c) found and fx did
 * not, after fx's own, for one set of notes. */
void fixups_merge(struct fixups *fx, const struct fixups *other);
/* Fills fx->notes with what was done. */
void fixups_finish_notes(struct fixups *fx);

/* Exposed for tests. */
char *fixups_function_concat(const char *text, size_t len);
bool fixups_call_has_string(CXTranslationUnit tu, CXSourceLocation loc);

#endif
