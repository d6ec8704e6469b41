/*
 * options.c - the options of `ndislint check`, usage text, error lines and
 * the default source root.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "../rules/rule.h"

#ifndef NDISLINT_VERSION
#define NDISLINT_VERSION "unknown"
#endif

/* Prints "ndislint: MESSAGE" on stderr as exactly one line. */
void cli_error(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (char *p = buf; *p; p++) {
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	}
	fprintf(stderr, "ndislint: %s\n", buf);
}

/* Writes the usage text of every subcommand. */
void cli_usage(FILE *out)
{
	fputs(
"usage: ndislint [check] [OPTIONS] FILE... [-- CLANG-ARGS...]\n"
"       ndislint check -p BUILD_DIR [FILE...]\n"
"       ndislint rules\n"
"       ndislint explain RULE\n"
"       ndislint report --db FILE --html DIR\n"
"       ndislint install-hook [--force] [-- CHECK-ARGS...]   (git pre-commit)\n"
"       ndislint dump-model FILE... [-- CLANG-ARGS...]   (the parsed model)\n"
"\n"
"Checks the C source of a Windows NDIS driver against the NDIS rules for\n"
"registering and deregistering miniport and protocol drivers.\n"
"\n"
"Options of check:\n"
"  --format text|json|sarif  output format (default text)\n"
"  -o FILE                   write the output to FILE (atomically)\n"
"  --html DIR                write an HTML audit report into DIR (a new\n"
"                            directory, or an earlier report it replaces)\n"
"  --db FILE                 record the run in a SQLite run store\n"
"  --baseline FILE           report only findings not in FILE (a run store:\n"
"                            its latest run; or SARIF written by ndislint)\n"
"  --enable RULE,...         run only these rules\n"
"  --disable RULE,...        do not run these rules\n"
"  -j N                      parse N files at once (default: one per core)\n"
"  --cache FILE              the result cache (default:\n"
"                            $XDG_CACHE_HOME/ndislint/cache.db, else\n"
"                            ~/.cache/ndislint/cache.db)\n"
"  --no-cache                neither read nor write the result cache\n"
"  --entry NAME              entry function (default DriverEntry)\n"
"  -q                        no summary line and no notes\n"
"  --source-root DIR         root for SARIF paths (default: the git work tree)\n"
"  -p BUILD_DIR              take flags from BUILD_DIR/compile_commands.json;\n"
"                            without FILEs every driver in it; with FILEs\n"
"                            (sources or headers) every driver that compiles\n"
"                            or includes one of them\n"
"  --path-map FROM=TO        map the database's paths (C:\\src\\drv=/src/drv)\n"
"  --version                 print the version\n"
"  --help                    print this text\n"
"  -- CLANG-ARGS...          pass the rest to the parser\n"
"\n"
"Settings shared by a project go in .ndislint at the source root (INI:\n"
"entry, define, include, enable, disable, source-root); options given\n"
"on the command line override it.\n"
"\n"
"Suppress a finding with a comment `ndislint: ignore RULE[,RULE] -- reason`\n"
"on its line or the line before.\n"
"\n"
"Findings whose fingerprint is in the --baseline are not reported and do\n"
"not fail the run; the summary counts them.\n"
"\n"
"Exit status: 0 no finding, 1 findings, 2 usage error, unreadable or\n"
"non-C input, bad compilation database, a run store or baseline that\n"
"cannot be read or written, or internal failure.\n", out);
}

/* Option names that take a value, as written on the command line. */
static const char *const opts_with_value[] = {
	"--format", "-o", "--html", "--db", "--baseline", "--enable",
	"--disable", "-j", "--entry", "--source-root", "-p", "--path-map",
	"--cache",
};

/* Is `name` an option that takes a value? */
static bool opt_takes_value(const char *name)
{
	size_t n = sizeof opts_with_value / sizeof opts_with_value[0];

	for (size_t i = 0; i < n; i++) {
		if (strcmp(opts_with_value[i], name) == 0)
			return true;
	}
	return false;
}

/* Splits "--name=value" into name (copied into buf) and value; for the
 * short options -o -j -p also "-oVALUE".  Returns the value or NULL. */
static const char *opt_split(const char *arg, char *buf, size_t size)
{
	const char *eq;

	if (arg[0] == '-' && arg[1] == '-') {
		eq = strchr(arg, '=');
		if (eq == NULL || (size_t)(eq - arg) >= size) {
			snprintf(buf, size, "%s", arg);
			return NULL;
		}
		memcpy(buf, arg, (size_t)(eq - arg));
		buf[eq - arg] = '\0';
		return eq + 1;
	}
	if ((arg[1] == 'o' || arg[1] == 'j' || arg[1] == 'p') && arg[2]) {
		snprintf(buf, size, "-%c", arg[1]);
		return arg + 2;
	}
	snprintf(buf, size, "%s", arg);
	return NULL;
}

/* Applies a comma list of rule names to opt->enabled (on = true: add to
 * the enabled set; false: remove).  Returns false after printing an
 * error for an unknown name or an empty list. */
static bool opt_rule_list(struct cli_options *opt, const char *option,
			  const char *list, bool on)
{
	const char *p = list;
	int named = 0;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char name[128];
		const struct rule *r;

		if (len >= sizeof name) {
			cli_error("%s: unknown rule '%.*s' (see ndislint rules)",
				  option, (int)len, p);
			return false;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		if (len > 0) {
			r = rule_find(name);
			if (r == NULL) {
				cli_error("%s: unknown rule '%s' (see ndislint rules)",
					  option, name);
				return false;
			}
			for (size_t i = 0; i < rule_count; i++) {
				if (rule_registry[i] == r)
					opt->enabled[i] = on;
			}
			named++;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	if (named == 0) {
		cli_error("%s: no rule named", option);
		return false;
	}
	return true;
}

/* Parses the value of -j: a positive int. */
static bool opt_jobs(struct cli_options *opt, const char *value)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(value, &end, 10);
	if (errno || end == value || *end || n <= 0 || n > INT_MAX) {
		cli_error("-j: '%s' is not a positive integer", value);
		return false;
	}
	opt->jobs = (int)n;
	return true;
}

/* Parses the value of --format. */
static bool opt_format(struct cli_options *opt, const char *value)
{
	if (strcmp(value, "text") == 0)
		opt->format = CLI_FORMAT_TEXT;
	else if (strcmp(value, "json") == 0)
		opt->format = CLI_FORMAT_JSON;
	else if (strcmp(value, "sarif") == 0)
		opt->format = CLI_FORMAT_SARIF;
	else {
		cli_error("--format: unknown format '%s' (text, json or sarif)",
			  value);
		return false;
	}
	return true;
}

/* Sets --source-root: must be an existing directory; stored absolute. */
static bool opt_source_root(struct cli_options *opt, const char *value)
{
	char *abs = realpath(value, NULL);
	struct stat st;

	if (abs == NULL) {
		cli_error("--source-root: %s: %s", value, strerror(errno));
		return false;
	}
	if (stat(abs, &st) != 0 || !S_ISDIR(st.st_mode)) {
		cli_error("--source-root: %s: not a directory", value);
		free(abs);
		return false;
	}
	free(opt->source_root);
	opt->source_root = abs;
	return true;
}

/* Adds a --path-map FROM=TO (cli/compdb.c maps with it). */
static bool opt_path_map(struct cli_options *opt, const char *value)
{
	char err[512];

	if (!compdb_path_map_check(value, err, sizeof err)) {
		cli_error("%s", err);
		return false;
	}
	opt->path_maps[opt->npath_maps++] = value;
	return true;
}

/* Applies one option with its value.  Returns false after an error. */
static bool opt_apply(struct cli_options *opt, const char *name,
		      const char *value)
{
	if (strcmp(name, "--format") == 0)
		return opt_format(opt, value);
	if (strcmp(name, "-o") == 0)
		opt->output = value;
	else if (strcmp(name, "--html") == 0)
		opt->html_dir = value;
	else if (strcmp(name, "--db") == 0)
		opt->db_file = value;
	else if (strcmp(name, "--baseline") == 0)
		opt->baseline = value;
	else if (strcmp(name, "--enable") == 0)
		return opt_rule_list(opt, name, value, true);
	else if (strcmp(name, "--disable") == 0)
		return opt_rule_list(opt, name, value, false);
	else if (strcmp(name, "-j") == 0)
		return opt_jobs(opt, value);
	else if (strcmp(name, "--entry") == 0) {
		if (*value == '\0') {
			cli_error("--entry: empty function name");
			return false;
		}
		opt->entry = value;
		opt->entry_given = true;
	} else if (strcmp(name, "--source-root") == 0)
		return opt_source_root(opt, value);
	else if (strcmp(name, "-p") == 0)
		opt->build_dir = value;
	else if (strcmp(name, "--path-map") == 0)
		return opt_path_map(opt, value);
	else if (strcmp(name, "--cache") == 0)
		opt->cache_file = value;
	if (*value == '\0') {
		cli_error("%s: empty value", name);
		return false;
	}
	return true;
}

/* Handles an option without value (-q, --help, --version).  Returns
 * CLI_CONTINUE, CLI_OK (printed help or version) or CLI_ERROR. */
static int opt_flag(struct cli_options *opt, const char *arg)
{
	if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
		opt->quiet = true;
		return CLI_CONTINUE;
	}
	if (strcmp(arg, "--no-cache") == 0) {
		opt->no_cache = true;
		return CLI_CONTINUE;
	}
	if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
		cli_usage(stdout);
		return CLI_OK;
	}
	if (strcmp(arg, "--version") == 0) {
		printf("ndislint %s\n", NDISLINT_VERSION);
		return CLI_OK;
	}
	cli_error("unknown option '%s' (see ndislint --help)", arg);
	return CLI_ERROR;
}

/* Rejects the options that are part of the contract but not built yet,
 * and a -o that names a directory. */
static int opt_check_unbuilt(const struct cli_options *opt)
{
	if (opt->ninputs == 0 && opt->build_dir == NULL) {
		cli_error("no input files (see ndislint --help)");
		return CLI_ERROR;
	}
	return CLI_CONTINUE;
}

/* Sets the defaults before parsing.  Returns false on allocation
 * failure. */
static bool opt_defaults(struct cli_options *opt, int argc)
{
	memset(opt, 0, sizeof *opt);
	opt->format = CLI_FORMAT_TEXT;
	opt->jobs = 0;                  /* one per core */
	opt->entry = "DriverEntry";
	opt->enabled = malloc((rule_count ? rule_count : 1) * sizeof(bool));
	opt->inputs = malloc((size_t)(argc > 0 ? argc : 1) * sizeof(char *));
	opt->path_maps = malloc((size_t)(argc > 0 ? argc : 1) * sizeof(char *));
	if (opt->enabled == NULL || opt->inputs == NULL ||
	    opt->path_maps == NULL)
		return false;
	for (size_t i = 0; i < rule_count; i++)
		opt->enabled[i] = true;
	return true;
}

/* --enable restricts the run to the rules it names: start from none. */
static void opt_first_enable(struct cli_options *opt, bool *seen)
{
	if (*seen)
		return;
	*seen = true;
	for (size_t i = 0; i < rule_count; i++)
		opt->enabled[i] = false;
}

/* Is this name the --enable option? */
static bool opt_is_enable(const char *name)
{
	return strcmp(name, "--enable") == 0;
}

/* Parses the arguments of `check` (see cli.h). */
int cli_parse_check(int argc, char **argv, struct cli_options *opt)
{
	bool seen_enable = false;
	int i;

	if (!opt_defaults(opt, argc)) {
		cli_error("out of memory");
		return CLI_ERROR;
	}
	/* --disable is applied after every --enable, whatever the order. */
	for (int pass = 0; pass < 2; pass++) {
		for (i = 1; i < argc; i++) {
			const char *arg = argv[i];
			const char *value;
			char name[64];
			bool is_dis;
			int rc;

			if (strcmp(arg, "--") == 0)
				break;
			if (arg[0] != '-' || arg[1] == '\0') {
				if (pass == 0)
					opt->inputs[opt->ninputs++] = arg;
				continue;
			}
			value = opt_split(arg, name, sizeof name);
			if (!opt_takes_value(name)) {
				if (value != NULL && arg[1] == '-') {
					cli_error("unknown option '%s' (see ndislint --help)",
						  name);
					return CLI_ERROR;
				}
				if (pass == 1)
					continue;
				rc = opt_flag(opt, arg);
				if (rc != CLI_CONTINUE)
					return rc;
				continue;
			}
			if (value == NULL) {
				if (i + 1 >= argc) {
					cli_error("%s: missing value", name);
					return CLI_ERROR;
				}
				value = argv[++i];
			}
			is_dis = strcmp(name, "--disable") == 0;
			if ((pass == 1) != is_dis)
				continue;
			if (opt_is_enable(name))
				opt_first_enable(opt, &seen_enable);
			if (!opt_apply(opt, name, value))
				return CLI_ERROR;
		}
	}
	if (i < argc) {
		opt->clang_args = (const char *const *)argv + i + 1;
		opt->nclang_args = argc - i - 1;
	}
	/* .ndislint fills in what the command line left unset. */
	if (config_apply(opt, seen_enable) != CLI_CONTINUE)
		return CLI_ERROR;
	if (opt->source_root == NULL) {
		char *cwd = getcwd(NULL, 0);

		if (cwd == NULL) {
			cli_error("cannot read the current directory: %s",
				  strerror(errno));
			return CLI_ERROR;
		}
		opt->source_root = cli_find_source_root(cwd);
		free(cwd);
		if (opt->source_root == NULL) {
			cli_error("out of memory");
			return CLI_ERROR;
		}
	}
	return opt_check_unbuilt(opt);
}

/* Frees what cli_parse_check allocated. */
void cli_options_free(struct cli_options *opt)
{
	free(opt->enabled);
	free(opt->inputs);
	free(opt->path_maps);
	config_free(opt->config);
	free(opt->source_root);
	memset(opt, 0, sizeof *opt);
}

/* The nearest ancestor of `dir` holding `.git`, else `dir` (cli.h). */
char *cli_find_source_root(const char *dir)
{
	size_t len = strlen(dir);
	char *path = malloc(len + sizeof "/.git");
	struct stat st;

	if (path == NULL)
		return NULL;
	memcpy(path, dir, len + 1);
	while (len > 0) {
		memcpy(path + len, "/.git", sizeof "/.git");
		if (lstat(path, &st) == 0) {
			path[len] = '\0';
			return path;
		}
		while (len > 0 && path[len - 1] != '/')
			len--;
		while (len > 1 && path[len - 1] == '/')
			len--;
		if (len == 1 && path[0] == '/') {
			/* the root directory itself */
			if (lstat("/.git", &st) == 0)
				return strcpy(path, "/");
			break;
		}
	}
	free(path);
	return strdup(dir);
}
