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
	int jobs;                       /* -j N parse threads; 0: one per
	                                   core (cli/parallel.c) */
	const char *cache_file;         /* --cache FILE; NULL: the default */
	bool no_cache;                  /* --no-cache */
	const char *entry;              /* --entry NAME, default DriverEntry */
	bool entry_given;               /* --entry was on the command line */
	bool quiet;                     /* -q */
	char *source_root;              /* owned; absolute */
	const char *build_dir;          /* -p BUILD_DIR */
	const char **inputs;            /* FILE... (owned array) */
	int ninputs;
	const char *const *clang_args;  /* after `--` (into argv), after
	                                   the .ndislint defines and include
	                                   directories (config.c) */
	int nclang_args;
	const char **path_maps;         /* --path-map FROM=TO (owned array
	                                   into argv) */
	int npath_maps;
	struct cli_config *config;      /* .ndislint, owned; NULL: none */
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

/* --- config.c --- */

/* Reads `.ndislint` (INI, with libinih) from the source root (--source-root
 * DIR, else the top of the git work tree holding the current directory,
 * else the current directory) when there is one, and applies it to what
 * the command line left unset: `entry`, `source-root` (relative to the
 * file's directory), `enable`/`disable` (ignored when the command line has
 * --enable; a command-line --disable applies on top), and `define` and
 * `include` (relative to the file's directory), passed to the parser
 * before the arguments after `--`.  Keys go before any section or in
 * [ndislint]; define, include, enable and disable may repeat.
 * `cmdline_enable`: --enable was given.  Returns CLI_CONTINUE, or
 * CLI_ERROR after one line "FILE:LINE: reason" (unknown key or section,
 * unknown rule, empty value, syntax error, unreadable file). */
int config_apply(struct cli_options *opt, bool cmdline_enable);
void config_free(struct cli_config *cfg);

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
 * an array of objects, each with a non-empty "directory" string, a
 * non-empty "file" string and an "arguments" array of strings or a
 * "command" string.  Returns false with a one-line reason in err. */
bool compdb_validate(const char *build_dir, char *err, size_t errsize);

/* Reads the database -p BUILD_DIR of `opt` and builds one run input per
 * distinct C file (.c) in it, with the entry's arguments translated
 * (compdb_filter_args), paths mapped by --path-map, the entry's directory
 * (relative ones are taken from the database's directory) as working
 * directory, and opt->clang_args appended.  Every C file of the database
 * is an input even when files are named: compdb_select_drivers narrows
 * the run after the parse.  Returns false with a one-line reason in err:
 * a malformed database or command, a named source that the database does
 * not compile, a file it names that does not exist, a Windows path that
 * no --path-map maps, no C file at all. */
bool compdb_load(const struct cli_options *opt, struct run_input **out,
		 int *nout, char *err, size_t errsize);

/* With files named after -p: keeps the drivers that compile or include
 * one of them, whole.  A driver is an entry function (opt->entry) with
 * the functions it reaches through calls (every definition of an
 * ambiguous name) and through the handlers that they, or the global
 * initializers of its files, store; its files are the files defining
 * them.  A driver is selected when one of its files is named or includes
 * (directly or not) a named file.  The inputs and models of the files in
 * no selected driver are freed and removed (in[] and files[] stay
 * parallel), with the run notes only they made; a note says so when no
 * driver is selected.  Returns CLI_CONTINUE or CLI_ERROR (printed). */
struct model_file;
int compdb_select_drivers(const struct cli_options *opt,
			  struct run_input *in, int *nin,
			  struct model_file **files, int *nfiles,
			  struct findings *fs);

/* Turns one compile command (argv[0] is the compiler, possibly behind a
 * ccache/sccache/distcc wrapper) into parser arguments.  gcc/clang: drops
 * the compiler, -c, -S, -E, -o X, the dependency-file options (-M*),
 * -pipe, the target (-target X, --target=X: ndislint parses as for the
 * driver's target) and the source itself; keeps everything else.  cl and
 * clang-cl (options with / or -): keeps /D /U /I /FI /imsvc /external:I
 * as -D -U -I -include -isystem -isystem and drops every other option
 * (/c /nologo /W4 /WX /Zi /O2 /Fo /Fd /MD /GS /TC /Tc /std:... /link and
 * what follows it) and response files.  `file` is the source as the
 * database names it, `abs_file` its absolute path, `dir` the entry's
 * directory.  Returns a malloc'd array of malloc'd strings. */
char **compdb_filter_args(const char *const *argv, int argc,
			  const char *file, const char *abs_file,
			  const char *dir, int *nout);

/* Splits a "command" string into words without a shell: POSIX quoting
 * ('...', "..." with \ \" \$ \` escapes, backslash outside quotes), or
 * with `windows` the CommandLineToArgvW rules (backslashes literal except
 * before a double quote, "" inside quotes a quote).  Returns a malloc'd
 * array of malloc'd words (*nout of them), or NULL with a reason in err
 * (an unterminated quote). */
char **compdb_split_command(const char *cmd, bool windows, int *nout,
			    char *err, size_t errsize);

/* --path-map FROM=TO: is `spec` one?  False with a reason in err. */
bool compdb_path_map_check(const char *spec, char *err, size_t errsize);

/* Maps `path` through the --path-map spec with the longest FROM that is
 * a prefix of it, ending at a component boundary (backslashes and slashes
 * are the same separator; a Windows FROM, C:\... or \\server\..., matches
 * in any letter case); the rest of the path gets slashes.  A path that no
 * spec maps is copied, with slashes when `windows`.  Malloc'd. */
char *compdb_map_path(const char *const *maps, int nmaps, const char *path,
		      bool windows);

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

/* --- hook.c --- */

/* `install-hook [--force] [-- CHECK-ARGS...]` (argv[0] is its name):
 * writes the git pre-commit hook.  Returns the exit status. */
int cli_install_hook(int argc, char **argv);

/* --- run.c --- */

/* Runs `check` with parsed options; returns the exit status.  argc and
 * argv are the whole command line, recorded in SARIF. */
int cli_run_check(const struct cli_options *opt, int argc, char **argv);

#endif
