/*
 * frontend.h - libclang front end: one source file in, one model_file out.
 *
 * The only part of ndislint that includes clang-c.  It parses as for the
 * driver's target (x86_64-pc-windows-msvc, Microsoft extensions on) with
 * the bundled WDK headers first on the system include path, then converts
 * every function definition of the file into a control-flow model and
 * disposes of the translation unit.  No global mutable state: files may be
 * parsed on several threads at once, each with its own frontend_parse call.
 */
#ifndef NDISLINT_FRONTEND_H
#define NDISLINT_FRONTEND_H

#include <stddef.h>
#include "model.h"

struct parse_options {
	const char *const *clang_args;  /* extra arguments for the parser
	                                   (after `--`, or from the database) */
	int nclang_args;
	const char *include_dir;        /* the bundled headers; NULL: none */
	const char *working_dir;        /* a relative source path is taken
	                                   from here (NULL: cwd); paths in
	                                   clang_args must be absolute, since
	                                   changing directory is process-wide */
	const char *contents;           /* NULL: the file is read from disk;
	                                   else its text (contents_len bytes,
	                                   no NUL), parsed as an unsaved file
	                                   named path (the fuzz harness) */
	size_t contents_len;
	const char *pch;                /* a precompiled header made by
	                                   frontend_build_pch with the same
	                                   options, included first; or NULL */
	int threads;                    /* threads this parse may use: with 2
	                                   or more, a big file is parsed as two
	                                   halves at once (fe_split.c); 0 or 1:
	                                   one thread */
	size_t split_min;               /* the least function-body text, in
	                                   bytes, that is worth splitting;
	                                   0: FRONTEND_SPLIT_MIN */
	int *parts;                     /* NULL, or set to the number of
	                                   parses the file took apart: 2 when
	                                   it was split, else 1 (tests) */
};

/* Function-body text below which a split does not pay: the headers and
 * declarations are parsed twice.  Measured with `dump-model` on
 * bench/gen.sh drivers, best of 9, 2 cores: 89 KB 38 ms either way;
 * 175 KB 49 ms whole, 44 ms split; 289 KB 62 and 51 ms. */
#define FRONTEND_SPLIT_MIN ((size_t)128 * 1024)

enum parse_result {
	PARSE_OK = 0,           /* a model (maybe with error diagnostics) */
	PARSE_FAILED = 2,       /* libclang could not parse or crashed */
};

/* Parses `path` into *out.  On failure writes a one-line reason to err. */
enum parse_result frontend_parse(const char *path,
				 const struct parse_options *opt,
				 struct model_file **out,
				 char *err, size_t errsize);

/* Makes a crash inside frontend_parse (libclang's parser overflowing
 * its stack on absurdly nested input, say) a one-line error on stderr
 * and exit status 2; a crash anywhere else is left to what handled it
 * before.  Installs process-wide signal handlers: for main(), once. */
void frontend_guard_crashes(void);

/* Parses `text` as a header named `stub_path` (say "#include <ndis.h>")
 * with opt's arguments and saves it as a precompiled header at out_path,
 * for parse_options.pch: later parses then skip the bundled headers.
 * On failure writes a one-line reason to err. */
enum parse_result frontend_build_pch(const char *stub_path, const char *text,
				     const struct parse_options *opt,
				     const char *out_path,
				     char *err, size_t errsize);

/* Where the bundled headers are: $NDISLINT_INCLUDE, else next to the
 * installed binary, else the source tree this binary was built from.
 * buf (PATH_MAX bytes is enough) may receive the path; the result is
 * either buf or a string that lives as long as the process. */
const char *frontend_default_include_dir(char *buf, size_t size);

#endif
