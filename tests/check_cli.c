/*
 * check_cli.c - the command line, end to end: spawns the built binary
 * (path in $NDISLINT, repository in $NDISLINT_ROOT) without a shell,
 * captures its stdout and stderr in files and checks exit statuses and
 * messages against SPEC.md "Command line" and "Exit status".  Also unit
 * tests for the pure helpers of cli/ (suppression comments, compilation
 * database arguments, the source root).
 *
 * When $NDISLINT is not set the end-to-end tests print why and pass
 * vacuously (the unit tests still run); `make test` always sets it.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../cli/cli.h"
#include "../rules/rule.h"
#include "suites.h"

#ifndef NDISLINT_VERSION
#define NDISLINT_VERSION "unknown"
#endif

/* ------------------------------------------------------------------ */
/* Spawning the binary                                                 */

/* What one run of the binary did. */
struct run_result {
	int status;             /* exit status; -1 killed or timed out */
	char *out;              /* stdout, NUL-terminated */
	char *err;              /* stderr */
};

/* A scratch directory for one test, removed by tmp_done(). */
struct tmp {
	char dir[64];
};

/* The binary under test, or NULL (then end-to-end tests are skipped). */
static const char *tool(void)
{
	const char *p = getenv("NDISLINT");

	if (p == NULL || *p == '\0') {
		fprintf(stderr, "check_cli: NDISLINT not set, skipping "
			"end-to-end test\n");
		return NULL;
	}
	return p;
}

/* Reads a whole file into a malloc'd NUL-terminated string. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t size = 0, n;
	char chunk[4096];

	if (f == NULL)
		return strdup("");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf = realloc(buf, size + n + 1);
		ck_assert_ptr_nonnull(buf);
		memcpy(buf + size, chunk, n);
		size += n;
	}
	fclose(f);
	if (buf == NULL)
		return strdup("");
	buf[size] = '\0';
	return buf;
}

/* Writes `len` bytes to path (len -1: strlen). */
static void put_file(const char *path, const char *text, long len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot create %s", path);
	fwrite(text, 1, len < 0 ? strlen(text) : (size_t)len, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* dir/name into buf. */
static const char *tmp_path(const struct tmp *t, const char *name,
			    char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", t->dir, name);
	return buf;
}

/* Creates the scratch directory. */
static void tmp_init(struct tmp *t)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/ndislint-cli-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->dir));
}

/* nftw callback: removes one entry (children first). */
static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

/* Removes the scratch directory and everything in it. */
static void tmp_done(struct tmp *t)
{
	nftw(t->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Number of entries of a directory, "." and ".." aside. */
static int count_entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return n;
}

/* Child side of run_tool: redirects and execs; never returns. */
static void child_exec(const char *cwd, const char *out, const char *err,
		       char **argv)
{
	int in = open("/dev/null", O_RDONLY);
	int o = open(out, O_WRONLY | O_TRUNC);
	int e = open(err, O_WRONLY | O_TRUNC);

	if (in < 0 || o < 0 || e < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 ||
	    dup2(e, 2) < 0)
		_exit(127);
	if (cwd != NULL && chdir(cwd) != 0)
		_exit(127);
	execv(argv[0], argv);
	_exit(127);
}

/* Waits for pid for at most 120 s; kills it after that. */
static int wait_child(pid_t pid)
{
	struct timespec nap = {0, 10 * 1000 * 1000};
	int status;

	for (int i = 0; i < 12000; i++) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		if (r < 0 && errno != EINTR)
			return -1;
		nanosleep(&nap, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

/* Runs the binary with args (NULL-terminated) in directory cwd (NULL:
 * the repository root), capturing its output. */
static struct run_result run_tool(const char *cwd, const char *const *args)
{
	struct run_result res = {-1, NULL, NULL};
	char out[] = "/tmp/ndislint-out-XXXXXX";
	char err[] = "/tmp/ndislint-err-XXXXXX";
	char *argv[64];
	int fo = mkstemp(out), fe = mkstemp(err), n = 0;
	pid_t pid;

	ck_assert(fo >= 0 && fe >= 0);
	close(fo);
	close(fe);
	argv[n++] = (char *)getenv("NDISLINT");
	for (; args[n - 1] != NULL && n < 63; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	if (cwd == NULL)
		cwd = getenv("NDISLINT_ROOT");
	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0)
		child_exec(cwd, out, err, argv);
	res.status = wait_child(pid);
	res.out = slurp(out);
	res.err = slurp(err);
	unlink(out);
	unlink(err);
	return res;
}

static void result_free(struct run_result *r)
{
	free(r->out);
	free(r->err);
}

/* Asserts exit status 2 with exactly one stderr line "ndislint: ...",
 * containing `needle` when not NULL. */
static void assert_error(const struct run_result *r, const char *needle)
{
	size_t len = strlen(r->err);

	ck_assert_msg(r->status == 2, "exit %d, expected 2; stderr: %s",
		      r->status, r->err);
	ck_assert_msg(strncmp(r->err, "ndislint: ", 10) == 0,
		      "stderr does not start with 'ndislint: ': %s", r->err);
	ck_assert_msg(len > 0 && r->err[len - 1] == '\n' &&
		      memchr(r->err, '\n', len - 1) == NULL,
		      "stderr is not exactly one line: %s", r->err);
	if (needle != NULL)
		ck_assert_msg(strstr(r->err, needle) != NULL,
			      "stderr lacks '%s': %s", needle, r->err);
}

/* Runs args expecting a one-line error (exit 2). */
static void expect_error(const char *cwd, const char *const *args,
			 const char *needle)
{
	struct run_result r = run_tool(cwd, args);

	assert_error(&r, needle);
	result_free(&r);
}

/* ------------------------------------------------------------------ */
/* Fixtures                                                            */

/* A minimal stand-in for <ndis.h>, passed with -isystem so that these
 * tests do not depend on the bundled headers: just what im_driver uses. */
static const char mini_ndis[] =
	"#pragma once\n"
	"typedef void *NDIS_HANDLE;\n"
	"typedef int NDIS_STATUS;\n"
	"typedef struct _DRIVER_OBJECT *PDRIVER_OBJECT;\n"
	"typedef struct _UNICODE_STRING *PUNICODE_STRING;\n"
	"typedef struct _NDIS_MINIPORT_DRIVER_CHARACTERISTICS {\n"
	"\tunsigned Flags;\n"
	"} NDIS_MINIPORT_DRIVER_CHARACTERISTICS;\n"
	"#define NDIS_INTERMEDIATE_DRIVER 0x00000001\n"
	"#define NULL ((void *)0)\n"
	"void NdisZeroMemory(void *p, unsigned long n);\n"
	"NDIS_STATUS NdisMRegisterMiniportDriver(PDRIVER_OBJECT d,\n"
	"\tPUNICODE_STRING r, NDIS_HANDLE c,\n"
	"\tNDIS_MINIPORT_DRIVER_CHARACTERISTICS *m, NDIS_HANDLE *h);\n";

/* An IM driver that never registers its protocol half:
 * im-protocol-registration at DriverEntry's name (line 5). */
static const char im_driver[] =
	"#include <ndis.h>\n"
	"NDIS_HANDLE MpHandle;\n"
	"\n"
	"NDIS_STATUS\n"
	"DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING Reg)%s\n"
	"{\n"
	"\tNDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;\n"
	"\n"
	"\tNdisZeroMemory(&MChars, sizeof(MChars));\n"
	"\tMChars.Flags = NDIS_INTERMEDIATE_DRIVER;\n"
	"\treturn NdisMRegisterMiniportDriver(DriverObject, Reg, NULL,\n"
	"\t\t\t\t\t   &MChars, &MpHandle);\n"
	"}\n";

/* Writes im_driver at t/name (with `tail` after DriverEntry's parameter
 * list) and the stand-in header at t/inc/ndis.h; the include directory
 * goes to inc (for `-- -isystem INC`). */
static void put_im_driver(const struct tmp *t, const char *name,
			  const char *tail, char *path, size_t size,
			  char *inc, size_t incsize)
{
	char buf[2048], hdr[256];

	tmp_path(t, "inc", inc, incsize);
	mkdir(inc, 0700);
	tmp_path(t, "inc/ndis.h", hdr, sizeof hdr);
	put_file(hdr, mini_ndis, -1);
	snprintf(buf, sizeof buf, im_driver, tail);
	tmp_path(t, name, path, size);
	put_file(path, buf, -1);
}

static const char helper_only[] =
	"static int helper(int x)\n{\n\treturn x + 1;\n}\n";

/* ------------------------------------------------------------------ */
/* Subcommands and options                                             */

START_TEST(help_exits_0)
{
	const char *args[] = {"--help", NULL};
	struct run_result r;

	if (tool() == NULL)
		return;
	r = run_tool(NULL, args);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: ndislint"));
	ck_assert_str_eq(r.err, "");
	result_free(&r);
}
END_TEST

START_TEST(version_prints_version)
{
	const char *args[] = {"--version", NULL};
	struct run_result r;

	if (tool() == NULL)
		return;
	r = run_tool(NULL, args);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "ndislint " NDISLINT_VERSION "\n");
	result_free(&r);
}
END_TEST

START_TEST(rules_lists_registry)
{
	const char *args[] = {"rules", NULL};
	struct run_result r;

	if (tool() == NULL)
		return;
	r = run_tool(NULL, args);
	ck_assert_int_eq(r.status, 0);
	for (size_t i = 0; i < rule_count; i++) {
		char line[256];

		snprintf(line, sizeof line, "%s ", rule_registry[i]->name);
		ck_assert_msg(strncmp(r.out, line, strlen(line)) == 0 ||
			      strstr(r.out, line) != NULL,
			      "rules lacks %s", rule_registry[i]->name);
	}
	result_free(&r);
}
END_TEST

START_TEST(explain_known_and_unknown)
{
	const char *known[] = {"explain", rule_registry[0]->name, NULL};
	const char *unknown[] = {"explain", "no-such-rule", NULL};
	const char *none[] = {"explain", NULL};
	struct run_result r;

	if (tool() == NULL)
		return;
	r = run_tool(NULL, known);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, rule_registry[0]->name));
	ck_assert_ptr_nonnull(strstr(r.out, "Bad:"));
	ck_assert_ptr_nonnull(strstr(r.out, "Good:"));
	result_free(&r);
	expect_error(NULL, unknown, "no-such-rule");
	expect_error(NULL, none, NULL);
}
END_TEST

START_TEST(usage_errors)
{
	const char *unknown_opt[] = {"--bogus", "x.c", NULL};
	const char *no_inputs[] = {"check", NULL};
	const char *bad_format[] = {"--format=xml", "x.c", NULL};
	const char *json_missing[] = {"--format", "json", "x.c", NULL};
	const char *bad_jobs[] = {"-j", "0", "x.c", NULL};
	const char *bad_jobs2[] = {"-j3x", "x.c", NULL};
	const char *bad_rule[] = {"--enable", "im-protocol-registration,nope",
				  "x.c", NULL};
	const char *bad_rule2[] = {"--disable=nope", "x.c", NULL};
	const char *html[] = {"--html", "out", "x.c", NULL};
	const char *db[] = {"--db=runs.db", "x.c", NULL};
	const char *baseline[] = {"--baseline", "b.db", "x.c", NULL};
	const char *report[] = {"report", "--db", "x", "--html", "y", NULL};
	const char *no_value[] = {"x.c", "-o", NULL};

	if (tool() == NULL)
		return;
	expect_error(NULL, unknown_opt, "--bogus");
	expect_error(NULL, no_inputs, "no input");
	expect_error(NULL, bad_format, "xml");
	/* json is a format now: the missing input is the error */
	expect_error(NULL, json_missing, "x.c");
	expect_error(NULL, bad_jobs, "-j");
	expect_error(NULL, bad_jobs2, "-j");
	expect_error(NULL, bad_rule, "nope");
	expect_error(NULL, bad_rule2, "nope");
	/* --html is built: the missing input is the error */
	expect_error(NULL, html, "x.c");
	/* --db is checked first (a new file is created only when the run
	 * is recorded); then the missing input stops the run */
	expect_error(NULL, db, "x.c");
	expect_error(NULL, baseline, "--baseline");
	/* report is built: the missing store is the error */
	expect_error(NULL, report, "--db");
	expect_error(NULL, no_value, "-o");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Inputs                                                              */

START_TEST(bad_inputs)
{
	struct tmp t;
	char p[256], fifo[256], nul[256], cpp[256];
	const char *missing[] = {"check", p, NULL};
	const char *dir[] = {"check", NULL, NULL};
	const char *fifo_args[] = {"check", fifo, NULL};
	const char *nul_args[] = {"check", nul, NULL};
	const char *cpp_args[] = {"check", cpp, NULL};

	if (tool() == NULL)
		return;
	tmp_init(&t);
	tmp_path(&t, "missing.c", p, sizeof p);
	expect_error(NULL, missing, "missing.c");

	dir[1] = t.dir;
	expect_error(NULL, dir, "directory");

	/* Opening a FIFO would wait for a writer: must be refused first. */
	tmp_path(&t, "pipe.c", fifo, sizeof fifo);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	expect_error(NULL, fifo_args, "FIFO");

	tmp_path(&t, "binary.c", nul, sizeof nul);
	put_file(nul, "int x;\n\0\1\2garbage\n", 19);
	expect_error(NULL, nul_args, "NUL");

	tmp_path(&t, "driver.cpp", cpp, sizeof cpp);
	put_file(cpp, "int x;\n", -1);
	expect_error(NULL, cpp_args, "C++");
	tmp_done(&t);
}
END_TEST

/* root reads any file whatever its mode, so this case cannot be produced
 * as root: the assertion is skipped then (and says so). */
START_TEST(unreadable_input)
{
	struct tmp t;
	char p[256];
	const char *args[] = {"check", p, NULL};

	if (tool() == NULL)
		return;
	if (geteuid() == 0) {
		fprintf(stderr, "check_cli: running as root, skipping the "
			"unreadable-file case\n");
		return;
	}
	tmp_init(&t);
	tmp_path(&t, "secret.c", p, sizeof p);
	put_file(p, "int x;\n", -1);
	ck_assert_int_eq(chmod(p, 0), 0);
	expect_error(NULL, args, "secret.c");
	tmp_done(&t);
}
END_TEST

START_TEST(empty_file_is_valid)
{
	struct tmp t;
	char p[256];
	const char *args[] = {"check", "-q", p, NULL};
	struct run_result r;

	if (tool() == NULL)
		return;
	tmp_init(&t);
	tmp_path(&t, "empty.c", p, sizeof p);
	put_file(p, "", 0);
	r = run_tool(NULL, args);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	result_free(&r);
	tmp_done(&t);
}
END_TEST

START_TEST(no_entry_gives_note)
{
	struct tmp t;
	char p[256];
	const char *args[] = {"check", p, NULL};
	const char *quiet[] = {"check", "-q", p, NULL};
	const char *named[] = {"check", "--entry", "MyEntry", p, NULL};
	const char *named_de[] = {"check", "--entry=DriverEntry", p, NULL};
	struct run_result r;

	if (tool() == NULL)
		return;
	tmp_init(&t);
	tmp_path(&t, "helper.c", p, sizeof p);
	put_file(p, helper_only, -1);
	r = run_tool(NULL, args);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ck_assert_msg(strstr(r.out, "no entry function DriverEntry") ||
		      strstr(r.err, "no entry function DriverEntry"),
		      "no note: %s / %s", r.out, r.err);
	result_free(&r);

	r = run_tool(NULL, quiet);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_null(strstr(r.out, "no entry function"));
	ck_assert_str_eq(r.err, "");
	result_free(&r);

	expect_error(NULL, named, "no input defines entry function MyEntry");
	expect_error(NULL, named_de,
		     "no input defines entry function DriverEntry");
	tmp_done(&t);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Compilation databases                                               */

/* Writes BUILD/compile_commands.json with `json` in t's dir/build. */
static void put_compdb(const struct tmp *t, const char *json)
{
	char path[256];

	tmp_path(t, "build", path, sizeof path);
	mkdir(path, 0700);
	tmp_path(t, "build/compile_commands.json", path, sizeof path);
	put_file(path, json, -1);
}

START_TEST(malformed_compdb)
{
	static const char *const variants[] = {
		"this is not json",
		"{\"directory\": \"/\", \"file\": \"a.c\", \"command\": \"cc a.c\"}",
		"[{\"directory\": \"/tmp\", \"command\": \"cc -c a.c\"}]",
		"[{\"file\": \"a.c\", \"command\": \"cc -c a.c\"}]",
		"[{\"directory\": \"/tmp\", \"file\": \"a.c\"}]",
		"[{\"directory\": \"/tmp\", \"file\": \"a.c\", "
		"\"arguments\": [\"cc\", 3]}]",
		"[42]",
	};
	struct tmp t;
	char build[256];
	const char *args[] = {"check", "-p", build, NULL};
	const char *nodb[] = {"check", "-p", "/nonexistent-ndislint", NULL};

	if (tool() == NULL)
		return;
	tmp_init(&t);
	tmp_path(&t, "build", build, sizeof build);
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		put_compdb(&t, variants[i]);
		expect_error(NULL, args, "compile_commands.json");
	}
	expect_error(NULL, nodb, "compile_commands.json");
	tmp_done(&t);
}
END_TEST

START_TEST(compdb_missing_file)
{
	struct tmp t;
	char build[256], json[1024];
	const char *args[] = {"check", "-p", build, NULL};

	if (tool() == NULL)
		return;
	tmp_init(&t);
	tmp_path(&t, "build", build, sizeof build);
	snprintf(json, sizeof json,
		 "[{\"directory\": \"%s\", \"file\": \"gone.c\", "
		 "\"arguments\": [\"cc\", \"-c\", \"gone.c\"]}]", t.dir);
	put_compdb(&t, json);
	expect_error(NULL, args, "gone.c");
	tmp_done(&t);
}
END_TEST

START_TEST(compdb_runs)
{
	struct tmp t;
	char build[256], src[256], inc[256], json[1024];
	const char *all[] = {"check", "-p", build, NULL};
	const char *one[] = {"check", "-p", build, src, NULL};
	const char *other[] = {"check", "-p", build, NULL, NULL};
	char stray[256];
	struct run_result r;

	if (tool() == NULL)
		return;
	tmp_init(&t);
	tmp_path(&t, "build", build, sizeof build);
	put_im_driver(&t, "drv.c", "", src, sizeof src, inc, sizeof inc);
	snprintf(json, sizeof json,
		 "[{\"directory\": \"%s\", \"file\": \"drv.c\", "
		 "\"command\": \"cc -DFOO=1 -isystem inc -MD -MF drv.d -c drv.c "
		 "-o drv.o\"},"
		 " {\"directory\": \"%s\", \"file\": \"x.cpp\", "
		 "\"arguments\": [\"c++\", \"-c\", \"x.cpp\"]}]", t.dir, t.dir);
	put_compdb(&t, json);
	r = run_tool(NULL, all);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "im-protocol-registration"));
	result_free(&r);
	r = run_tool(NULL, one);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	result_free(&r);
	/* a source the database does not compile */
	tmp_path(&t, "stray.c", stray, sizeof stray);
	put_file(stray, helper_only, -1);
	other[3] = stray;
	expect_error(NULL, other, "not in");
	tmp_done(&t);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Output, rules selection, suppressions                               */

START_TEST(output_file_is_atomic)
{
	struct tmp t;
	char src[256], out[256], bad[256];
	const char *good[] = {"check", "-o", out, src, NULL};
	const char *bad_args[] = {"check", src, "-o", bad, NULL};
	struct run_result r;
	struct stat st;
	char *text;

	if (tool() == NULL)
		return;
	tmp_init(&t);
	tmp_path(&t, "helper.c", src, sizeof src);
	put_file(src, helper_only, -1);
	tmp_path(&t, "out.txt", out, sizeof out);
	r = run_tool(NULL, good);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "");
	result_free(&r);
	text = slurp(out);
	ck_assert_ptr_nonnull(strstr(text, "no entry function DriverEntry"));
	free(text);

	tmp_path(&t, "no-such-dir/out.txt", bad, sizeof bad);
	expect_error(NULL, bad_args, "no-such-dir/out.txt");
	ck_assert_int_ne(stat(bad, &st), 0);

	/* -o naming a directory: refused, and nothing left behind */
	bad_args[3] = t.dir;
	expect_error(NULL, bad_args, NULL);
	ck_assert_int_eq(count_entries(t.dir), 2);     /* helper.c, out.txt */
	tmp_done(&t);
}
END_TEST

/* --format json: the documented schema, findings in order, a summary that
 * counts them. */
START_TEST(json_format)
{
	struct tmp t;
	char src[256], inc[256];
	const char *args[] = {"check", "--format", "json", src, "--",
			      "-isystem", inc, NULL};
	struct run_result r;
	json_error_t jerr;
	json_t *root, *findings, *summary, *first;

	if (tool() == NULL)
		return;
	tmp_init(&t);
	put_im_driver(&t, "drv.c", "", src, sizeof src, inc, sizeof inc);
	r = run_tool(NULL, args);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	root = json_loads(r.out, 0, &jerr);
	ck_assert_msg(root != NULL, "not JSON: %s", jerr.text);
	ck_assert_str_eq(json_string_value(json_object_get(root, "schema")),
			 "ndislint-findings");
	ck_assert_int_eq(json_integer_value(json_object_get(root, "version")), 1);
	findings = json_object_get(root, "findings");
	summary = json_object_get(root, "summary");
	ck_assert(json_array_size(findings) > 0);
	ck_assert_int_eq(json_integer_value(json_object_get(summary, "findings")),
			 (json_int_t)json_array_size(findings));
	first = json_array_get(findings, 0);
	ck_assert_ptr_nonnull(json_string_value(json_object_get(first, "rule")));
	ck_assert(json_integer_value(json_object_get(first, "line")) > 0);
	ck_assert_int_eq(strlen(json_string_value(json_object_get(first, "fingerprint"))), 64);
	ck_assert(json_is_array(json_object_get(first, "steps")));
	ck_assert(json_is_array(json_object_get(first, "fixits")));
	json_decref(root);
	result_free(&r);
	tmp_done(&t);
}
END_TEST

/* n small helpers, each one line of the same length: filler for a file
 * big enough to be parsed as two halves. */
static void put_helpers(FILE *f, int first, int n)
{
	for (int i = first; i < first + n; i++)
		fprintf(f, "static int Filler%04d(int x) { if (x > %d) { return x - %d; } "
			"return x + %d; }\n", i, 1000 + i, 1000 + i, 1000 + i);
}

/* The faulty driver's DriverEntry file between 1,510 helpers before and
 * 1,490 after (about 180 KB of function bodies, over
 * FRONTEND_SPLIT_MIN): with two parse threads for it, the file is parsed
 * as two halves, split between its two functions (DriverEntry goes to
 * the second half).  Every output (findings, traces, fix-its, notes)
 * must be that of -j 1. */
START_TEST(split_parse_same_output)
{
	static const char *const formats[] = { "text", "json", "sarif" };
	struct tmp t;
	char drv[256], mp[256], hdr[256], path[512];
	const char *root = getenv("NDISLINT_ROOT");

	if (tool() == NULL)
		return;
	tmp_init(&t);
	tmp_path(&t, "driver.c", drv, sizeof drv);
	tmp_path(&t, "miniport.c", mp, sizeof mp);
	tmp_path(&t, "faulty.h", hdr, sizeof hdr);
	const char *names[] = { "miniport.c", "faulty.h" };
	const char *dests[] = { mp, hdr };
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/corpus/faulty/%s", root, names[i]);
		char *text = slurp(path);
		put_file(dests[i], text, -1);
		free(text);
	}
	snprintf(path, sizeof path, "%s/corpus/faulty/driver.c", root);
	char *text = slurp(path);
	FILE *f = fopen(drv, "w");
	ck_assert_ptr_nonnull(f);
	put_helpers(f, 0, 1510);
	fputs(text, f);
	put_helpers(f, 1510, 1490);
	ck_assert_int_eq(fclose(f), 0);
	free(text);
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		const char *one[] = { "check", "--no-cache", "-j", "1", "--format",
				      formats[i], drv, mp, NULL };
		const char *four[] = { "check", "--no-cache", "-j", "4", "--format",
				       formats[i], drv, mp, NULL };
		struct run_result a = run_tool(t.dir, one), b = run_tool(t.dir, four);
		ck_assert_msg(a.status == 1, "exit %d: %s", a.status, a.err);
		ck_assert_int_eq(b.status, a.status);
		if (strcmp(formats[i], "sarif") == 0) {
			/* the invocation records the command line: compare
			 * the results */
			json_t *ja = json_loads(a.out, 0, NULL), *jb = json_loads(b.out, 0, NULL);
			ck_assert(ja != NULL && jb != NULL);
			json_t *ra = json_object_get(json_array_get(json_object_get(ja, "runs"), 0),
						     "results");
			json_t *rb = json_object_get(json_array_get(json_object_get(jb, "runs"), 0),
						     "results");
			ck_assert(json_array_size(ra) > 0);
			ck_assert_msg(json_equal(ra, rb), "SARIF results differ with -j 4");
			json_decref(ja);
			json_decref(jb);
		} else {
			ck_assert_msg(strcmp(a.out, b.out) == 0,
				      "%s output differs with -j 4", formats[i]);
		}
		ck_assert_str_eq(b.err, a.err);
		result_free(&a);
		result_free(&b);
	}
	tmp_done(&t);
}
END_TEST

START_TEST(sarif_is_json)
{
	struct tmp t;
	char src[256], inc[256];
	const char *args[] = {"check", "--format", "sarif", src, "--",
			      "-isystem", inc, NULL};
	struct run_result r;
	json_error_t jerr;
	json_t *root, *name;

	if (tool() == NULL)
		return;
	tmp_init(&t);
	put_im_driver(&t, "drv.c", "", src, sizeof src, inc, sizeof inc);
	r = run_tool(NULL, args);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	root = json_loads(r.out, 0, &jerr);
	ck_assert_msg(root != NULL, "not JSON: %s", jerr.text);
	ck_assert_str_eq(json_string_value(json_object_get(root, "version")),
			 "2.1.0");
	name = json_object_get(json_object_get(json_object_get(
		json_array_get(json_object_get(root, "runs"), 0), "tool"),
		"driver"), "name");
	ck_assert_str_eq(json_string_value(name), "ndislint");
	json_decref(root);
	result_free(&r);
	tmp_done(&t);
}
END_TEST

START_TEST(disable_every_rule)
{
	struct tmp t;
	char src[256], inc[256], list[4096] = "";
	const char *args[] = {"check", "-q", "--disable", list, src, "--",
			      "-isystem", inc, NULL};
	const char *before[] = {"check", "-q", src, "--", "-isystem", inc,
				NULL};
	struct run_result r;

	if (tool() == NULL)
		return;
	tmp_init(&t);
	put_im_driver(&t, "drv.c", "", src, sizeof src, inc, sizeof inc);
	r = run_tool(NULL, before);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	result_free(&r);
	for (size_t i = 0; i < rule_count; i++) {
		if (i)
			strcat(list, ",");
		strcat(list, rule_registry[i]->name);
	}
	r = run_tool(NULL, args);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "");
	result_free(&r);
	tmp_done(&t);
}
END_TEST

START_TEST(suppression_comment)
{
	struct tmp t;
	char src[256], inc[256];
	const char *args[] = {"check", "--enable", "im-protocol-registration",
			      src, "--", "-isystem", inc, NULL};
	struct run_result r;

	if (tool() == NULL)
		return;
	tmp_init(&t);
	put_im_driver(&t, "drv.c", "", src, sizeof src, inc, sizeof inc);
	r = run_tool(NULL, args);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "[im-protocol-registration]"));
	result_free(&r);

	put_im_driver(&t, "drv.c", " /* ndislint: ignore "
		      "im-protocol-registration -- the protocol half is in "
		      "another driver */", src, sizeof src, inc, sizeof inc);
	r = run_tool(NULL, args);
	ck_assert_msg(r.status == 0, "exit %d: %s / %s", r.status, r.out,
		      r.err);
	ck_assert_ptr_null(strstr(r.out, "error: "));
	ck_assert_ptr_nonnull(strstr(r.out, "note: suppressed "
				     "[im-protocol-registration]: the protocol "
				     "half is in another driver\n"));
	ck_assert_msg(strstr(r.err, "1 suppressed") != NULL,
		      "summary does not count it: %s", r.err);
	result_free(&r);
	tmp_done(&t);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Unit tests of the helpers                                           */

/* suppress_line_matches on a string. */
static bool sup(const char *line, const char *rule, char **reason)
{
	return suppress_line_matches(line, strlen(line), rule, reason);
}

START_TEST(suppress_lines)
{
	char *reason = NULL;

	ck_assert(sup("x(); // ndislint: ignore im-a", "im-a", &reason));
	ck_assert_ptr_null(reason);
	ck_assert(sup("/* ndislint: ignore im-a,im-b -- why not */", "im-b",
		      &reason));
	ck_assert_str_eq(reason, "why not");
	free(reason);
	ck_assert(sup("// ndislint: ignore im-a, im-b", "im-b", NULL));
	ck_assert(!sup("// ndislint: ignore im-ab", "im-a", NULL));
	ck_assert(!sup("// ndislint: ignore im-a", "im-ab", NULL));
	ck_assert(!sup("// ndislint: ignored im-a", "im-a", NULL));
	ck_assert(!sup("// ndislint ignore im-a", "im-a", NULL));
	ck_assert(!sup("// ndislint: ignore -- im-a", "im-a", NULL));
	ck_assert(sup("// ndislint: ignore x // ndislint: ignore im-a -- r\r",
		      "im-a", &reason));
	ck_assert_str_eq(reason, "r");
	free(reason);
	/* the length bounds the search: no match past it */
	ck_assert(!suppress_line_matches("// ndislint: ignore im-a", 10,
					 "im-a", NULL));
}
END_TEST

START_TEST(suppress_findings)
{
	struct tmp t;
	char src[256];
	struct findings fs;

	tmp_init(&t);
	tmp_path(&t, "s.c", src, sizeof src);
	put_file(src,
		 "int a;\n"
		 "// ndislint: ignore rule-x, rule-y -- known, see #12\n"
		 "int b;\n"
		 "int c; /* ndislint: ignore rule-z */\n"
		 "int d;\n", -1);
	findings_init(&fs);
	findings_add(&fs, "rule-x", SEV_ERROR, src, 3, 1, "f", "x at b");
	findings_add(&fs, "rule-y", SEV_ERROR, src, 2, 1, "f", "y at 2");
	findings_add(&fs, "rule-z", SEV_ERROR, src, 3, 1, "f", "z at b");
	findings_add(&fs, "rule-z", SEV_ERROR, src, 5, 1, "f", "z at d");
	findings_add(&fs, "rule-x", SEV_ERROR, src, 5, 1, "f", "x at d");
	findings_add(&fs, "rule-x", SEV_ERROR, "/nonexistent/q.c", 1, 1, "f",
		     "unreadable file");
	ck_assert_uint_eq(suppress_apply(&fs), 3);
	ck_assert(fs.items[0].suppressed);              /* line before */
	ck_assert_str_eq(fs.items[0].suppress_reason, "known, see #12");
	ck_assert(fs.items[1].suppressed);              /* same line */
	ck_assert(!fs.items[2].suppressed);             /* other rule */
	ck_assert(fs.items[3].suppressed);              /* line before */
	ck_assert_ptr_null(fs.items[3].suppress_reason);
	ck_assert(!fs.items[4].suppressed);
	ck_assert(!fs.items[5].suppressed);
	ck_assert_uint_eq(findings_active(&fs), 3);
	findings_free(&fs);
	tmp_done(&t);
}
END_TEST

/* compdb_filter_args on a NULL-terminated argv; returns the joined
 * result, space-separated, in buf. */
static const char *filt(const char *const *argv, const char *file,
			const char *abs, const char *dir, char *buf,
			size_t size)
{
	int argc = 0, n = 0;
	char **out;

	while (argv[argc])
		argc++;
	out = compdb_filter_args(argv, argc, file, abs, dir, &n);
	ck_assert_ptr_nonnull(out);
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, out[i], size - strlen(buf) - 1);
		free(out[i]);
	}
	free(out);
	return buf;
}

START_TEST(compdb_args)
{
	const char *gcc[] = {"/usr/bin/gcc", "-DX=1", "-I", "inc", "-MD",
			     "-MF", "a.d", "-c", "src/a.c", "-o", "a.o",
			     "-Wall", "-oa2.o", NULL};
	const char *cl[] = {"C:\\VS\\cl.exe", "/nologo", "/DNDIS60=1", "/I",
			    "inc", "/W4", "-Ddbg", "/FIpre.h", "/c",
			    "/b/src/a.c", "/Foa.obj", NULL};
	const char *abs[] = {"cc", "/b/src/a.c", "-c", NULL};
	char buf[512];

	ck_assert_str_eq(filt(gcc, "src/a.c", "/b/src/a.c", "/b", buf,
			      sizeof buf), "-DX=1 -I inc -Wall");
	ck_assert_str_eq(filt(cl, "src/a.c", "/b/src/a.c", "/b", buf,
			      sizeof buf),
			 "-DNDIS60=1 -Iinc -Ddbg -include pre.h");
	ck_assert_str_eq(filt(abs, "a.c", "/b/src/a.c", "/b/src", buf,
			      sizeof buf), "");
}
END_TEST

START_TEST(source_root_walk)
{
	struct tmp t;
	char sub[256], git[256];
	char *root;

	tmp_init(&t);
	tmp_path(&t, "a", sub, sizeof sub);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	tmp_path(&t, "a/b", sub, sizeof sub);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	tmp_path(&t, ".git", git, sizeof git);
	put_file(git, "gitdir: elsewhere\n", -1);   /* a worktree's .git */
	root = cli_find_source_root(sub);
	ck_assert_str_eq(root, t.dir);
	free(root);
	ck_assert(input_is_cxx("x.cpp") && input_is_cxx("a/b.cc") &&
		  input_is_cxx("c.cxx") && !input_is_cxx("d.c") &&
		  !input_is_cxx("cpp"));
	ck_assert(input_is_header("x.h") && !input_is_header("x.c"));
	tmp_done(&t);
}
END_TEST

Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *unit = tcase_create("helpers");
	TCase *e2e = tcase_create("binary");

	tcase_add_test(unit, suppress_lines);
	tcase_add_test(unit, suppress_findings);
	tcase_add_test(unit, compdb_args);
	tcase_add_test(unit, source_root_walk);
	suite_add_tcase(s, unit);

	/* Each test spawns the binary several times, each run parsing with
	 * libclang: allow for slow machines and sanitizers. */
	tcase_set_timeout(e2e, 300);
	tcase_add_test(e2e, help_exits_0);
	tcase_add_test(e2e, version_prints_version);
	tcase_add_test(e2e, rules_lists_registry);
	tcase_add_test(e2e, explain_known_and_unknown);
	tcase_add_test(e2e, usage_errors);
	tcase_add_test(e2e, bad_inputs);
	tcase_add_test(e2e, unreadable_input);
	tcase_add_test(e2e, empty_file_is_valid);
	tcase_add_test(e2e, no_entry_gives_note);
	tcase_add_test(e2e, malformed_compdb);
	tcase_add_test(e2e, compdb_missing_file);
	tcase_add_test(e2e, compdb_runs);
	tcase_add_test(e2e, output_file_is_atomic);
	tcase_add_test(e2e, sarif_is_json);
	tcase_add_test(e2e, json_format);
	tcase_add_test(e2e, split_parse_same_output);
	tcase_add_test(e2e, disable_every_rule);
	tcase_add_test(e2e, suppression_comment);
	suite_add_tcase(s, e2e);
	return s;
}
