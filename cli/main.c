/*
 * main.c - ndislint's entry point: the subcommand table, git style.
 *
 *   ndislint [check] [OPTIONS] FILE... [-- CLANG-ARGS...]
 *   ndislint rules | explain RULE | report --db FILE --html DIR | help
 *   ndislint install-hook [--force] [-- CHECK-ARGS...]
 *
 * Each subcommand is cmd_<name>(argc, argv) with argv[0] the subcommand's
 * name; `check` is the default when the first argument names none.
 */
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../analyzer/frontend.h"
#include "../analyzer/model_dump.h"
#include "../rules/rule.h"

/* Name of a severity as printed. */
static const char *sev_name(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

/* Handles a lone --help/-h argument of a subcommand; true when printed. */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

/* `check`: the lint run. */
static int cmd_check(int argc, char **argv, int full_argc, char **full_argv)
{
	struct cli_options opt;
	int rc = cli_parse_check(argc, argv, &opt);

	if (rc == CLI_CONTINUE)
		rc = cli_run_check(&opt, full_argc, full_argv);
	cli_options_free(&opt);
	return rc;
}

/* `rules`: every rule, one aligned line each. */
static int cmd_rules(int argc, char **argv, int full_argc, char **full_argv)
{
	int wname = 4, wsev = 8;

	(void)full_argc;
	(void)full_argv;
	if (wants_help(argc, argv)) {
		cli_usage(stdout);
		return CLI_OK;
	}
	if (argc > 1) {
		cli_error("rules: unexpected argument '%s'", argv[1]);
		return CLI_ERROR;
	}
	for (size_t i = 0; i < rule_count; i++) {
		int n = (int)strlen(rule_registry[i]->name);

		if (n > wname)
			wname = n;
	}
	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = rule_registry[i];

		printf("%-*s  %-*s  %s\n", wname, r->name, wsev,
		       sev_name(r->severity), r->summary ? r->summary : "");
	}
	return fflush(stdout) == 0 ? CLI_OK : CLI_ERROR;
}

/* Prints a block of text indented by four spaces. */
static void print_indented(const char *text)
{
	const char *p = text ? text : "";

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > 0)
			printf("    %.*s", (int)len, p);
		putchar('\n');
		p += len;
		if (*p == '\n')
			p++;
	}
}

/* Prints one line of prose wrapped at 78 columns; continuation lines
 * keep the line's own indentation (two more after a "- " bullet). */
static void print_wrapped_line(const char *p, size_t len)
{
	size_t indent = 0, col, start = 0;

	while (indent < len && p[indent] == ' ')
		indent++;
	if (indent + 1 < len && p[indent] == '-' && p[indent + 1] == ' ')
		indent += 2;
	col = 0;
	while (start < len) {
		size_t end = start, brk = 0;

		/* the longest run of words that fits, at least one word */
		while (end < len && col + (end - start) < 78) {
			end++;
			if (end == len || p[end] == ' ')
				brk = end;
		}
		if (end == len)
			brk = len;
		if (brk == 0) {
			while (end < len && p[end] != ' ')
				end++;
			brk = end;
		}
		printf("%.*s\n", (int)(brk - start), p + start);
		start = brk;
		while (start < len && p[start] == ' ')
			start++;
		if (start < len) {
			printf("%*s", (int)indent, "");
			col = indent;
		}
	}
	if (len == 0)
		putchar('\n');
}

/* Prints prose, line by line, wrapped. */
static void print_wrapped(const char *text)
{
	const char *p = text ? text : "";

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		print_wrapped_line(p, len);
		p += len;
		if (*p == '\n')
			p++;
	}
}

/* `explain RULE`: what the rule checks, why, a bad and a good example. */
static int cmd_explain(int argc, char **argv, int full_argc, char **full_argv)
{
	const struct rule *r;

	(void)full_argc;
	(void)full_argv;
	if (wants_help(argc, argv)) {
		cli_usage(stdout);
		return CLI_OK;
	}
	if (argc != 2) {
		cli_error("explain: expected one rule name (see ndislint rules)");
		return CLI_ERROR;
	}
	r = rule_find(argv[1]);
	if (r == NULL) {
		cli_error("explain: unknown rule '%s' (see ndislint rules)",
			  argv[1]);
		return CLI_ERROR;
	}
	printf("%s: %s\n\n", r->name, r->summary ? r->summary : "");
	printf("Severity:   %s\n", sev_name(r->severity));
	printf("Applies to: %s\n\n", r->applies_to ? r->applies_to : "any");
	print_wrapped(r->explanation);
	printf("\nBad:\n\n");
	print_indented(r->bad_example);
	printf("\nGood:\n\n");
	print_indented(r->good_example);
	return fflush(stdout) == 0 ? CLI_OK : CLI_ERROR;
}

/* `report --db FILE --html DIR`: the audit report of a recorded run
 * (cli/report.c). */
static int cmd_report(int argc, char **argv, int full_argc, char **full_argv)
{
	(void)full_argc;
	(void)full_argv;
	if (wants_help(argc, argv)) {
		cli_usage(stdout);
		return CLI_OK;
	}
	return cli_report(argc, argv);
}

/* `install-hook [--force] [-- CHECK-ARGS...]`: the git pre-commit hook
 * (cli/hook.c). */
static int cmd_install_hook(int argc, char **argv, int full_argc,
			    char **full_argv)
{
	(void)full_argc;
	(void)full_argv;
	return cli_install_hook(argc, argv);
}

/* Parses one file and prints its model; false after an error. */
static bool dump_one(const char *path, const struct parse_options *po)
{
	struct model_file *mf = NULL;
	char err[1024] = "", why[512];

	if (!input_check(path, why, sizeof why)) {
		cli_error("%s: %s", path, why);
		return false;
	}
	if (frontend_parse(path, po, &mf, err, sizeof err) != PARSE_OK ||
	    mf == NULL) {
		if (mf != NULL)
			model_file_free(mf);
		cli_error("%s", err[0] ? err : "cannot be parsed");
		return false;
	}
	if (po->threads >= 2)
		fprintf(stderr, "%s: parsed %s\n", path,
			*po->parts == 2 ? "as two halves" : "whole");
	model_dump(stdout, mf);
	model_file_free(mf);
	return true;
}

/* `dump-model FILE... [-- CLANG-ARGS]`: the model the front end builds
 * (a developer's tool: what the rules see). */
static int cmd_dump_model(int argc, char **argv, int full_argc,
			  char **full_argv)
{
	char include_buf[PATH_MAX];
	struct parse_options po = {
		.include_dir = frontend_default_include_dir(include_buf,
							    sizeof(include_buf)),
	};
	int nfiles = 0, parts = 0;

	(void)full_argc;
	(void)full_argv;
	po.parts = &parts;
	if (wants_help(argc, argv)) {
		cli_usage(stdout);
		return CLI_OK;
	}
	/* --split BYTES: parse as two halves when the function bodies hold
	 * that much (a developer's check that the split gives the same
	 * model as a whole parse). */
	if (argc > 2 && strcmp(argv[1], "--split") == 0) {
		char *end = NULL;
		unsigned long long min = strtoull(argv[2], &end, 10);
		if (!end || *end || argv[2][0] == '-' || min == 0) {
			cli_error("dump-model: --split takes a positive byte count");
			return CLI_ERROR;
		}
		po.threads = 2;
		po.split_min = (size_t)min;
		argc -= 2;
		argv += 2;
	}
	while (1 + nfiles < argc && strcmp(argv[1 + nfiles], "--") != 0)
		nfiles++;
	if (1 + nfiles < argc) {
		po.clang_args = (const char *const *)argv + 2 + nfiles;
		po.nclang_args = argc - 2 - nfiles;
	}
	if (nfiles == 0) {
		cli_error("dump-model: no input files");
		return CLI_ERROR;
	}
	for (int i = 1; i <= nfiles; i++) {
		if (!dump_one(argv[i], &po))
			return CLI_ERROR;
	}
	return fflush(stdout) == 0 ? CLI_OK : CLI_ERROR;
}

/* `help`: the usage text. */
static int cmd_help(int argc, char **argv, int full_argc, char **full_argv)
{
	(void)argc;
	(void)argv;
	(void)full_argc;
	(void)full_argv;
	cli_usage(stdout);
	return CLI_OK;
}

struct cmd_struct {
	const char *name;
	int (*fn)(int argc, char **argv, int full_argc, char **full_argv);
};

static const struct cmd_struct commands[] = {
	{"check", cmd_check},
	{"rules", cmd_rules},
	{"explain", cmd_explain},
	{"report", cmd_report},
	{"install-hook", cmd_install_hook},
	{"help", cmd_help},
	{"dump-model", cmd_dump_model},         /* developers: the model */
};

/* The subcommand named `name`, or NULL. */
static const struct cmd_struct *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	}
	return NULL;
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(NDISLINT_NO_CRASH_HANDLER)
#define NDISLINT_CRASH_HANDLER 1
#endif

#ifdef NDISLINT_CRASH_HANDLER
/* A crash is an internal failure: one line on stderr and exit 2 (SPEC.md),
 * not a signal that CI would read as neither "clean" nor "findings".  Only
 * async-signal-safe calls here. */
static void on_crash(int sig)
{
	static const char msg[] = "ndislint: internal error: crashed (signal ";
	char num[4];
	int n = 0;

	num[n++] = (char)('0' + sig / 10 % 10);
	num[n++] = (char)('0' + sig % 10);
	if (write(2, msg, sizeof msg - 1) >= 0 && write(2, num, 2) >= 0)
		(void)!write(2, ")\n", 2);
	_exit(2);
}
#endif

/* Installs on_crash for the fatal signals, except under a sanitizer,
 * whose own report is more useful than ours. */
static void install_crash_handler(void)
{
#ifdef NDISLINT_CRASH_HANDLER
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	sa.sa_flags = (int)SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
#endif
}

int main(int argc, char **argv)
{
	const struct cmd_struct *cmd = argc > 1 ? find_command(argv[1]) : NULL;

	install_crash_handler();
	frontend_guard_crashes();       /* the parser's, on its own stack */

	if (cmd != NULL)
		return cmd->fn(argc - 1, argv + 1, argc, argv);
	/* No subcommand: `check`, with argv[0] standing for its name. */
	return cmd_check(argc, argv, argc, argv);
}
