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
	const char *working_dir;        /* directory relative paths and
	                                   arguments are taken from; NULL: cwd */
};

enum parse_result {
	PARSE_OK = 0,           /* a model (maybe with error diagnostics) */
	PARSE_FAILED = 2,       /* libclang could not parse or crashed */
};

/* Parses `path` into *out.  On failure writes a one-line reason to err. */
enum parse_result frontend_parse(const char *path,
				 const struct parse_options *opt,
				 struct model_file **out,
				 char *err, size_t errsize);

/* Where the bundled headers are: $NDISLINT_INCLUDE, else next to the
 * installed binary, else the source tree this binary was built from.
 * buf (PATH_MAX bytes is enough) may receive the path; the result is
 * either buf or a string that lives as long as the process. */
const char *frontend_default_include_dir(char *buf, size_t size);

#endif
