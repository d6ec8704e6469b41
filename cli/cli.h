/*
 * cli.h - the command line: options of `check`, input validation, the
 * compilation database, suppression comments and the check run.
 *
 * Everything here is owned by main(): no global mutable state.  Every
 * error is reported as one line on stderr that starts with "ndislint: "
 * (cli_error), and every function that can fail returns an exit status
 * (CLI_OK, CLI_USAGE...) or false, so main can stop at the first one.
 */
#ifndef NDISLINT_CLI_H
#define NDISLINT_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../analyzer/finding.h"

/* Exit statuses (SPEC.md "Exit status"). */
enum {
	CLI_OK = 0,             /* no active finding */
	CLI_FINDINGS = 1,       /* at least one finding survives */
	CLI_ERROR = 2,          /* usage, unreadable input, internal failure */
	CLI_CONTINUE = -1,      /* option parsing: go on with the run */
};

enum cli_format { CLI_FORMAT_TEXT, CLI_FORMAT_JSON, CLI_FORMAT_SARIF };

/* The options of `check`.  Strings point into argv unless marked owned. */
struct cli_options {
	enum cli_format format;
	const char *output;             /* -o FILE, or NULL: stdout */
	const char *html_dir;           /* --html DIR */
	const char *db_file;            /* --db FILE */
	const char *baseline;           /* --baseline FILE */
	bool *enabled;                  /* [rule_count], owned */
	int jobs;                       /* -j N (parsing is sequential) */
	const char *entry;              /* --entry NAME, default DriverEntry */
	bool entry_given;               /* --entry was on the command line */
	bool quiet;                     /* -q */
	char *source_root;              /* owned; absolute */
	const char *build_dir;          /* -p BUILD_DIR */
	const char **inputs;            /* FILE... (owned array) */
	int ninputs;
	const char *const *clang_args;  /* after `--` (into argv) */
	int nclang_args;
};

/* Prints "ndislint: MESSAGE" as one line on stderr (newlines in the
 * message become spaces). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Usage text of the whole tool. */
void cli_usage(FILE *out);

/* --- options.c --- */

/* Parses the arguments of `check` (argv[1..argc-1]) into *opt.  Returns
 * CLI_CONTINUE to go on, CLI_OK after --help/--version (already printed)
 * or CLI_ERROR after printing the reason.  cli_options_free() afterwards
 * in every case. */
int cli_parse_check(int argc, char **argv, struct cli_options *opt);
void cli_options_free(struct cli_options *opt);

/* Top of the git work tree holding `dir` (the nearest ancestor with a
 * `.git` entry), else `dir` itself.  Malloc'd; NULL on allocation
 * failure.  Walks up with lstat(): no shell, no recursion. */
char *cli_find_source_root(const char *dir);

/* --- inputs.c --- */

/* Is `path` named like a C++ source (.cpp .cc .cxx)? */
bool input_is_cxx(const char *path);
/* Is `path` named like a header (.h)? */
bool input_is_header(const char *path);
/* Checks that `path` is a readable regular file holding no NUL byte and
 * not a C++ source.  On failure writes a one-line reason (without the
 * path) into err and returns false.  Never blocks on a FIFO. */
bool input_check(const char *path, char *err, size_t errsize);

/* --- compdb.c --- */

/* One translation unit to parse, with its parser arguments. */
struct run_input {
	char *path;                     /* as given, or absolute from the db */
	char **args;                    /* owned strings */
	int nargs;
	char *working_dir;              /* owned; NULL: cwd */
};

/* Checks BUILD_DIR/compile_commands.json with jansson: it must parse as
 * an array of objects, each with a "directory" string, a "file" string
 * and an "arguments" array of strings or a "command" string.  Returns
 * false with a one-line reason in err. */
bool compdb_validate(const char *build_dir, char *err, size_t errsize);

/* Reads the database through libclang and selects the entries to parse:
 * every C file (.c) when nfiles is 0; else, for each named source, the
 * entries that compile it, and for each named header (.h), every entry
 * whose file is in the header's directory (all C entries when there is
 * none: a header elsewhere may be included by any of them).  Appends
 * `extra` (the arguments after `--`) to each entry's arguments.  Returns
 * false with a reason in err (a named source missing from the database,
 * a database file that does not exist, no C file at all). */
bool compdb_load(const char *build_dir, const char *const *files,
		 int nfiles, const char *const *extra, int nextra,
		 struct run_input **out, int *nout, char *err,
		 size_t errsize);

/* Turns one compile command (argv[0] is the compiler) into parser
 * arguments: drops the compiler, -c, -o X, dependency-file options and
 * the source itself; with cl/clang-cl keeps only /D /U /I /FI (as -D -U
 * -I -include) and drops the other MSVC options.  `file` is the source
 * as the database names it, `abs_file` its absolute path, `dir` the
 * entry's directory.  Returns a malloc'd array of malloc'd strings. */
char **compdb_filter_args(const char *const *argv, int argc,
			  const char *file, const char *abs_file,
			  const char *dir, int *nout);

void run_inputs_free(struct run_input *in, int n);

/* --- suppress.c --- */

/* Does this source line carry `ndislint: ignore RULE[,RULE...]` naming
 * `rule`?  If so, and `reason` is not NULL, *reason is the text after
 * `--` (malloc'd, trimmed, without a closing comment) or NULL. */
bool suppress_line_matches(const char *line, size_t len, const char *rule,
			   char **reason);

/* Marks every finding whose reported line, or the line before it, has a
 * matching comment as suppressed.  Reads each finding's file once (the
 * findings are sorted by file).  Returns the number suppressed. */
size_t suppress_apply(struct findings *fs);

/* Adds a run note at every rule name of a suppression comment in `files`
 * that suppressed no finding (run after suppress_apply):
 * "ndislint: ignore RULE matches no finding" at the name's line and
 * column.  Rules disabled in `enabled` ([rule_count], NULL: all enabled)
 * are skipped; an unknown name is always noted.  A file named twice is
 * scanned once.  Returns the number of notes added. */
size_t suppress_unmatched_notes(struct findings *fs, const char *const *files,
				size_t nfiles, const bool *enabled);

/* --- report.c --- */

/* `report --db FILE --html DIR` (argv[0] is "report"): the HTML report of
 * the store's latest run, new and fixed against the run before it.
 * Returns the exit status (CLI_OK, or CLI_ERROR after the error line). */
int cli_report(int argc, char **argv);

/* --- run.c --- */

/* Runs `check` with parsed options; returns the exit status.  argc and
 * argv are the whole command line, recorded in SARIF. */
int cli_run_check(const struct cli_options *opt, int argc, char **argv);

#endif
