/*
 * check_store.c - the run store (--db), baselines (--baseline) and
 * suppression reporting, end to end on real SQLite files: spawns the
 * built binary ($NDISLINT, repository in $NDISLINT_ROOT) without a shell
 * and inspects the database with SQLite directly.  Also in-process tests
 * of the store API (reports/store.h) that the HTML report reads.
 *
 * The fault-injection hooks of reports/store.c are driven through the
 * environment of the spawned process: NDISLINT_TEST_STORE_HOLD_MS (keep
 * the write transaction open, so two writers overlap) and
 * NDISLINT_TEST_FAIL_AFTER_FINDINGS (1: fail, kill: SIGKILL, inside the
 * transaction).  When $NDISLINT is not set the end-to-end tests print why
 * and pass vacuously; `make test` always sets it.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../reports/report.h"
#include "../reports/store.h"
#include "suites.h"

/* ------------------------------------------------------------------ */
/* Scratch directories, files and the binary                          */

struct st_tmp {
	char dir[64];
};

/* What one run of the binary did. */
struct st_run {
	int status;             /* exit status; -1 killed by a signal */
	int signal;             /* the signal that killed it, or 0 */
	char *out;
	char *err;
};

/* The binary under test, or NULL (end-to-end tests are then skipped). */
static const char *st_tool(void)
{
	const char *p = getenv("NDISLINT");

	if (p == NULL || *p == '\0') {
		fprintf(stderr, "check_store: NDISLINT not set, skipping "
			"end-to-end test\n");
		return NULL;
	}
	return p;
}

/* Reads a whole file (NUL-terminated; *len its size when not NULL). */
static char *st_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1);
	size_t size = 0, n;
	char chunk[4096];

	ck_assert_ptr_nonnull(buf);
	while (f != NULL && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf = realloc(buf, size + n + 1);
		ck_assert_ptr_nonnull(buf);
		memcpy(buf + size, chunk, n);
		size += n;
	}
	if (f != NULL)
		fclose(f);
	buf[size] = '\0';
	if (len != NULL)
		*len = size;
	return buf;
}

/* Writes text to path. */
static void st_put(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot create %s", path);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* dir/name into buf. */
static const char *st_path(const struct st_tmp *t, const char *name,
			   char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", t->dir, name);
	return buf;
}

static void st_tmp_init(struct st_tmp *t)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/ndislint-store-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->dir));
}

/* nftw callback: removes one entry (children first). */
static int st_rm(const char *path, const struct stat *sb, int flag,
		 struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static void st_tmp_done(struct st_tmp *t)
{
	nftw(t->dir, st_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Starts the binary in directory cwd with args (NULL-terminated) and
 * one optional environment assignment "NAME=VALUE"; stdout and stderr
 * go to files named after `tag` in cwd.  Returns the pid. */
static pid_t st_spawn(const char *cwd, const char *env, const char *tag,
		      const char *const *args)
{
	char *argv[64];
	char out[512], err[512];
	int n = 0;
	pid_t pid;

	snprintf(out, sizeof out, "%s/%s.out", cwd, tag);
	snprintf(err, sizeof err, "%s/%s.err", cwd, tag);
	argv[n++] = (char *)st_tool();
	for (; args[n - 1] != NULL && n < 63; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (in < 0 || o < 0 || e < 0 || dup2(in, 0) < 0 ||
		    dup2(o, 1) < 0 || dup2(e, 2) < 0 || chdir(cwd) != 0)
			_exit(127);
		if (env != NULL)
			putenv((char *)env);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* Waits (at most 120 s) for a spawned run and collects its output. */
static struct st_run st_wait(pid_t pid, const char *cwd, const char *tag)
{
	struct timespec nap = {0, 10 * 1000 * 1000};
	struct st_run r = {-1, 0, NULL, NULL};
	char path[512];
	int status = 0;
	pid_t w = 0;

	for (int i = 0; i < 12000 && w == 0; i++) {
		w = waitpid(pid, &status, WNOHANG);
		if (w == 0)
			nanosleep(&nap, NULL);
	}
	if (w == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	if (w == pid && WIFEXITED(status))
		r.status = WEXITSTATUS(status);
	else if (w == pid && WIFSIGNALED(status))
		r.signal = WTERMSIG(status);
	snprintf(path, sizeof path, "%s/%s.out", cwd, tag);
	r.out = st_slurp(path, NULL);
	unlink(path);
	snprintf(path, sizeof path, "%s/%s.err", cwd, tag);
	r.err = st_slurp(path, NULL);
	unlink(path);
	return r;
}

/* Runs the binary to completion (see st_spawn). */
static struct st_run st_exec(const char *cwd, const char *env,
			     const char *const *args)
{
	return st_wait(st_spawn(cwd, env, "run", args), cwd, "run");
}

static void st_run_free(struct st_run *r)
{
	free(r->out);
	free(r->err);
}

/* Asserts exit 2 with exactly one stderr line "ndislint: ..." holding
 * `needle`. */
static void st_assert_error(const struct st_run *r, const char *needle)
{
	size_t len = strlen(r->err);

	ck_assert_msg(r->status == 2, "exit %d, expected 2; stderr: %s",
		      r->status, r->err);
	ck_assert_msg(strncmp(r->err, "ndislint: ", 10) == 0 && len > 0 &&
		      r->err[len - 1] == '\n' &&
		      memchr(r->err, '\n', len - 1) == NULL,
		      "stderr is not one 'ndislint: ' line: %s", r->err);
	ck_assert_msg(strstr(r->err, needle) != NULL, "stderr lacks '%s': %s",
		      needle, r->err);
	ck_assert_msg(r->out[0] == '\0', "output written: %s", r->out);
}

/* ------------------------------------------------------------------ */
/* The driver the tests check                                          */

/* An IM driver (bundled headers) with three findings (at lines 9 and
 * 16), one suppressed finding at line 21 and a comment on line 22 that
 * matches nothing; `%s` (line 20) takes extra code for a new finding. */
static const char st_driver[] =
	"/* a driver for the run-store tests */\n"
	"#include <ndis.h>\n"
	"\n"
	"NDIS_HANDLE MpHandle;\n"
	"\n"
	"DRIVER_INITIALIZE DriverEntry;\n"
	"\n"
	"NDIS_STATUS\n"
	"DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING Reg)\n"
	"{\n"
	"\tNDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;\n"
	"\tNDIS_STATUS Status;\n"
	"\n"
	"\tNdisZeroMemory(&MChars, sizeof(MChars));\n"
	"\tMChars.Flags = NDIS_INTERMEDIATE_DRIVER;\n"
	"\tStatus = NdisMRegisterMiniportDriver(DriverObject, Reg, NULL, &MChars,\n"
	"\t\t\t\t\t     &MpHandle);\n"
	"\tif (Status != NDIS_STATUS_SUCCESS)\n"
	"\t\treturn Status;\n"
	"%s"
	"\tif (Reg == NULL)\n"
	"\t\treturn NDIS_STATUS_FAILURE; // ndislint: ignore miniport-deregister-on-error -- cannot happen\n"
	"\t// ndislint: ignore deregister-without-register, bogus-rule\n"
	"\treturn NDIS_STATUS_SUCCESS;\n"
	"}\n";

/* Extra code for st_driver that adds a miniport-deregister-on-error. */
static const char st_new_finding[] =
	"\tif (DriverObject == NULL)\n"
	"\t\treturn NDIS_STATUS_RESOURCES;\n";

/* Writes the driver (with `extra` at line 20, and `top` lines before
 * everything) to t/drv.c. */
static void st_put_driver(const struct st_tmp *t, const char *top,
			  const char *extra)
{
	char path[256], buf[4096];
	int n;

	n = snprintf(buf, sizeof buf, "%s", top);
	snprintf(buf + n, sizeof buf - (size_t)n, st_driver, extra);
	st_put(st_path(t, "drv.c", path, sizeof path), buf);
}

/* Runs `check drv.c --source-root . ARGS...` in t (one optional env);
 * args end with NULL. */
static struct st_run st_check(const struct st_tmp *t, const char *env,
			      const char *const *extra)
{
	const char *args[32] = {"check", "drv.c", "--source-root", "."};
	int n = 4;

	for (int i = 0; extra[i] != NULL && n < 31; i++)
		args[n++] = extra[i];
	args[n] = NULL;
	return st_exec(t->dir, env, args);
}

/* ------------------------------------------------------------------ */
/* SQLite helpers                                                      */

/* One integer from a query on the database at path (read-only). */
static long long st_q(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	long long v = -1;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK,
		      "%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* One string from a query (malloc'd; "" for none). */
static char *st_qs(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char *v = NULL;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK,
		      "%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v ? v : strdup("");
}

/* Runs statements on a database (created if needed). */
static void st_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK,
		      "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* Does a file exist? */
static bool st_exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* ------------------------------------------------------------------ */
/* Recording                                                           */

START_TEST(schema_created)
{
	const char *db_args[] = {"--db", "runs.db", NULL};
	struct st_tmp t;
	struct st_run r;
	char db[256], src[256], hex[65];
	char *text, *s;
	size_t len;

	if (st_tool() == NULL)
		return;
	st_tmp_init(&t);
	st_put_driver(&t, "", "");
	r = st_check(&t, NULL, db_args);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	st_run_free(&r);
	st_path(&t, "runs.db", db, sizeof db);
	ck_assert_int_eq(st_q(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	s = st_qs(db, "PRAGMA journal_mode");
	ck_assert_str_eq(s, "wal");
	free(s);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM sqlite_master WHERE "
			      "type = 'table' AND name IN ('runs', 'run_files', "
			      "'findings', 'steps', 'fixits', 'notes')"), 6);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM runs"), 1);
	s = st_qs(db, "SELECT started || '|' || finished FROM runs");
	ck_assert_msg(strlen(s) == 41 && s[10] == 'T' && s[19] == 'Z',
		      "times not UTC ISO-8601: %s", s);
	free(s);
	s = st_qs(db, "SELECT arguments FROM runs");
	ck_assert_msg(strstr(s, "\"--db\",\"runs.db\"") != NULL, "%s", s);
	free(s);
	s = st_qs(db, "SELECT rules FROM runs");
	ck_assert_ptr_nonnull(strstr(s, "im-protocol-registration,"));
	free(s);
	/* the input with its content hash, relative to the source root */
	text = st_slurp(st_path(&t, "drv.c", src, sizeof src), &len);
	report_sha256_hex(text, len, hex);
	free(text);
	s = st_qs(db, "SELECT path || ' ' || sha256 FROM run_files");
	ck_assert_str_eq(s + 6, hex);
	ck_assert(strncmp(s, "drv.c ", 6) == 0);
	free(s);
	/* 3 findings and the suppressed one, with its reason */
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM findings"), 4);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM findings WHERE "
			      "suppressed AND suppress_reason = 'cannot happen' "
			      "AND rule = 'miniport-deregister-on-error' AND "
			      "line = 21 AND file = 'drv.c'"), 1);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM findings WHERE "
			      "length(fingerprint) = 64 AND function = "
			      "'DriverEntry'"), 4);
	ck_assert(st_q(db, "SELECT count(*) FROM steps") >= 1);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM notes WHERE message "
			      "LIKE '%matches no finding%'"), 2);
	st_tmp_done(&t);
}
END_TEST

/* A findings list with steps, fix-its and notes for the API round trip. */
static void st_sample(struct findings *fs, const char *dir)
{
	char file[256];
	struct finding *f;

	snprintf(file, sizeof file, "%s/drv.c", dir);
	findings_init(fs);
	f = findings_add(fs, "miniport-deregister-on-error", SEV_ERROR, file,
			 21, 3, "DriverEntry", "fails here");
	finding_add_step(f, file, 16, 11, "1: registered");
	finding_add_step(f, "/elsewhere/x.c", 2, 1, "2: outside the root");
	finding_add_fixit(f, file, 21, 3, "NdisMDeregisterMiniportDriver(h);\n",
			  "deregister");
	f = findings_add(fs, "im-protocol-registration", SEV_ERROR, file, 9, 1,
			 "DriverEntry", "never registers");
	f->suppressed = true;
	f->suppress_reason = strdup("other driver");
	f = findings_add(fs, "analysis-incomplete", SEV_WARNING, file, 30, 2,
			 NULL, "parse error");
	f->baselined = true;
	findings_note(fs, NULL, 0, 0, "a note without file");
	findings_note(fs, file, 22, 5, "a note with one");
}

START_TEST(api_round_trip)
{
	struct st_tmp t;
	struct findings fs, back;
	struct store_run_info info;
	struct store *st;
	char db[256], file[256], err[512], **fps, **got = NULL;
	char *argv[] = {"ndislint", "check", "drv.c", NULL};
	const char *files[] = {file};
	long long id;

	st_tmp_init(&t);
	st_put_driver(&t, "", "");
	st_path(&t, "drv.c", file, sizeof file);
	st_path(&t, "api.db", db, sizeof db);
	st_sample(&fs, t.dir);
	fps = report_fingerprints(&fs, t.dir);
	ck_assert_ptr_nonnull(fps);
	st = store_open(db, false, err, sizeof err);
	ck_assert_msg(st != NULL, "%s", err);
	ck_assert(!st_exists(db));      /* created by the first record */
	ck_assert_int_eq(store_load_run(st, 0, &back, NULL, NULL, err,
					sizeof err), 1);
	{
		struct store_run_input in = {
			.started = "2024-01-02T03:04:05Z", .tool_version = "9.9",
			.rules = "a,b", .argc = 3, .argv = argv,
			.source_root = t.dir, .files = files, .nfiles = 1,
		};

		id = store_record(st, &in, &fs, fps, err, sizeof err);
		ck_assert_msg(id == 1, "%lld %s", id, err);
		id = store_record(st, &in, &fs, fps, err, sizeof err);
		ck_assert_msg(id == 2, "%lld %s", id, err);
	}
	store_close(st);

	st = store_open(db, true, err, sizeof err);
	ck_assert_msg(st != NULL, "%s", err);
	findings_init(&back);
	ck_assert_int_eq(store_load_run(st, 0, &back, &info, &got, err,
					sizeof err), 0);
	ck_assert_int_eq(info.id, 2);
	ck_assert_int_eq(info.previous_id, 1);
	ck_assert_str_eq(info.started, "2024-01-02T03:04:05Z");
	ck_assert_str_eq(info.tool_version, "9.9");
	ck_assert_str_eq(info.rules, "a,b");
	ck_assert_str_eq(info.arguments, "[\"ndislint\",\"check\",\"drv.c\"]");
	ck_assert_str_eq(info.source_root, t.dir);
	ck_assert_uint_eq(info.nfiles, 1);
	ck_assert_str_eq(info.files[0], "drv.c");
	ck_assert_uint_eq(strlen(info.file_sha256[0]), 64);
	ck_assert_uint_eq(back.count, 3);
	for (size_t i = 0; i < 3; i++) {
		ck_assert_str_eq(back.items[i].rule, fs.items[i].rule);
		ck_assert_str_eq(back.items[i].pos.file, fs.items[i].pos.file);
		ck_assert_uint_eq(back.items[i].pos.line, fs.items[i].pos.line);
		ck_assert_int_eq(back.items[i].severity, fs.items[i].severity);
		ck_assert_str_eq(got[i], fps[i]);
	}
	ck_assert_uint_eq(back.items[0].nsteps, 2);
	ck_assert_str_eq(back.items[0].steps[1].pos.file, "/elsewhere/x.c");
	ck_assert_str_eq(back.items[0].steps[1].message, "2: outside the root");
	ck_assert_uint_eq(back.items[0].nfixits, 1);
	ck_assert_str_eq(back.items[0].fixits[0].text,
			 "NdisMDeregisterMiniportDriver(h);\n");
	ck_assert(back.items[1].suppressed);
	ck_assert_str_eq(back.items[1].suppress_reason, "other driver");
	ck_assert(back.items[2].baselined);
	ck_assert_ptr_null(back.items[2].function);
	ck_assert_uint_eq(back.nnotes, 2);
	ck_assert_ptr_null(back.notes[0].pos.file);
	ck_assert_str_eq(back.notes[1].pos.file, file);
	report_fingerprints_free(got, back.count);
	findings_free(&back);
	store_run_info_free(&info);
	/* run 1 explicitly; a run that does not exist */
	ck_assert_int_eq(store_load_run(st, 1, &back, &info, NULL, err,
					sizeof err), 0);
	ck_assert_int_eq(info.previous_id, 0);
	findings_free(&back);
	store_run_info_free(&info);
	ck_assert_int_eq(store_load_run(st, 7, &back, &info, NULL, err,
					sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "no run 7"));
	/* writing through a store opened for reading is refused */
	ck_assert_int_eq(store_record(st, &(struct store_run_input){0}, &fs,
				      fps, err, sizeof err), -1);
	store_close(st);
	report_fingerprints_free(fps, fs.count);
	findings_free(&fs);
	st_tmp_done(&t);
}
END_TEST

/* Is fp among the n fingerprints? */
static bool st_has(char **fps, size_t n, const char *fp)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(fps[i], fp) == 0)
			return true;
	}
	return false;
}

START_TEST(two_runs_latest_and_previous)
{
	const char *db_args[] = {"--db", "runs.db", NULL};
	struct st_tmp t;
	struct st_run r;
	struct findings fs;
	struct store_run_info info;
	struct store *st;
	char db[256], err[512], **fps = NULL, **prev = NULL;
	size_t nprev = 0, fresh = 0;

	if (st_tool() == NULL)
		return;
	st_tmp_init(&t);
	st_put_driver(&t, "", "");
	r = st_check(&t, NULL, db_args);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	st_run_free(&r);
	/* lines added above and a new finding */
	st_put_driver(&t, "/* new header comment */\n\n", st_new_finding);
	r = st_check(&t, NULL, db_args);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	st_run_free(&r);

	st = store_open(st_path(&t, "runs.db", db, sizeof db), true, err,
			sizeof err);
	ck_assert_msg(st != NULL, "%s", err);
	findings_init(&fs);
	ck_assert_int_eq(store_load_run(st, 0, &fs, &info, &fps, err,
					sizeof err), 0);
	ck_assert_int_eq(info.id, 2);
	ck_assert_int_eq(info.previous_id, 1);
	ck_assert_uint_eq(fs.count, 5);
	ck_assert_int_eq(store_previous_fingerprints(st, 0, &prev, &nprev, err,
						     sizeof err), 0);
	ck_assert_uint_eq(nprev, 4);
	/* exactly the new finding is new; the others kept their identity
	 * although their lines moved */
	for (size_t i = 0; i < fs.count; i++) {
		if (!st_has(prev, nprev, fps[i])) {
			fresh++;
			ck_assert_str_eq(fs.items[i].rule,
					 "miniport-deregister-on-error");
			ck_assert_uint_eq(fs.items[i].pos.line, 23);
		}
	}
	ck_assert_uint_eq(fresh, 1);
	report_fingerprints_free(prev, nprev);
	/* before the first run there is nothing */
	ck_assert_int_eq(store_previous_fingerprints(st, 1, &prev, &nprev, err,
						     sizeof err), 0);
	ck_assert_uint_eq(nprev, 0);
	ck_assert_ptr_null(prev);
	report_fingerprints_free(fps, fs.count);
	findings_free(&fs);
	store_run_info_free(&info);
	store_close(st);
	st_tmp_done(&t);
}
END_TEST

START_TEST(concurrent_writers)
{
	const char *args[] = {"check", "drv.c", "--source-root", ".", "-q",
			      "--db", "shared.db", NULL};
	static char hold[] = "NDISLINT_TEST_STORE_HOLD_MS=700";
	struct st_tmp t;
	struct st_run a, b;
	char db[256];
	pid_t pa, pb;
	struct timespec t0, t1;

	if (st_tool() == NULL)
		return;
	st_tmp_init(&t);
	st_put_driver(&t, "", "");
	/* both start on a database that does not exist yet; each holds its
	 * write transaction 0.7 s, so the second must wait for the first */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pa = st_spawn(t.dir, hold, "a", args);
	pb = st_spawn(t.dir, hold, "b", args);
	a = st_wait(pa, t.dir, "a");
	b = st_wait(pb, t.dir, "b");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_msg(a.status == 1, "first: exit %d: %s", a.status, a.err);
	ck_assert_msg(b.status == 1, "second: exit %d: %s", b.status, b.err);
	st_path(&t, "shared.db", db, sizeof db);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM runs"), 2);
	ck_assert_int_eq(st_q(db, "SELECT count(DISTINCT run_id) FROM "
			      "findings"), 2);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM findings"), 8);
	ck_assert_msg((t1.tv_sec - t0.tv_sec) * 1000 +
		      (t1.tv_nsec - t0.tv_nsec) / 1000000 >= 1400,
		      "the writers did not overlap");
	st_run_free(&a);
	st_run_free(&b);
	/* and once more on the existing database */
	pa = st_spawn(t.dir, hold, "a", args);
	pb = st_spawn(t.dir, hold, "b", args);
	a = st_wait(pa, t.dir, "a");
	b = st_wait(pb, t.dir, "b");
	ck_assert_msg(a.status == 1 && b.status == 1, "exit %d/%d: %s %s",
		      a.status, b.status, a.err, b.err);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM runs"), 4);
	st_run_free(&a);
	st_run_free(&b);
	st_tmp_done(&t);
}
END_TEST

START_TEST(killed_run_leaves_earlier_runs)
{
	const char *db_args[] = {"--db", "runs.db", "-q", NULL};
	static char fail[] = "NDISLINT_TEST_FAIL_AFTER_FINDINGS=1";
	static char killit[] = "NDISLINT_TEST_FAIL_AFTER_FINDINGS=kill";
	struct st_tmp t;
	struct st_run r;
	char db[256];
	char *s;

	if (st_tool() == NULL)
		return;
	st_tmp_init(&t);
	st_put_driver(&t, "", "");
	st_path(&t, "runs.db", db, sizeof db);
	r = st_check(&t, NULL, db_args);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	st_run_free(&r);
	/* a failure after the findings were inserted: exit 2, rolled back */
	r = st_check(&t, fail, db_args);
	st_assert_error(&r, "cannot record the run");
	st_run_free(&r);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM runs"), 1);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM findings"), 4);
	/* killed inside the transaction */
	r = st_check(&t, killit, db_args);
	ck_assert_msg(r.signal == SIGKILL, "exit %d signal %d: %s", r.status,
		      r.signal, r.err);
	st_run_free(&r);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM runs"), 1);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM findings"), 4);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM steps WHERE "
			      "finding_id NOT IN (SELECT id FROM findings)"), 0);
	s = st_qs(db, "PRAGMA integrity_check");
	ck_assert_str_eq(s, "ok");
	free(s);
	/* the store goes on */
	r = st_check(&t, NULL, db_args);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	st_run_free(&r);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM runs"), 2);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM findings"), 8);
	st_tmp_done(&t);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Refusals                                                            */

/* Runs check with --db NAME (or --baseline NAME) and asserts the
 * one-line refusal and that the file's bytes, and the directory's
 * entries, are unchanged. */
static void st_refused(const struct st_tmp *t, const char *option,
		       const char *name, const char *needle)
{
	const char *args[] = {option, name, NULL};
	char path[256], wal[300];
	char *before, *after;
	size_t nb = 0, na = 0;
	struct st_run r;

	st_path(t, name, path, sizeof path);
	before = st_slurp(path, &nb);
	r = st_check(t, NULL, args);
	st_assert_error(&r, needle);
	ck_assert_msg(strstr(r.err, option) != NULL, "%s", r.err);
	st_run_free(&r);
	after = st_slurp(path, &na);
	ck_assert_msg(nb == na && memcmp(before, after, nb) == 0,
		      "%s changed", name);
	snprintf(wal, sizeof wal, "%s-wal", path);
	ck_assert_msg(!st_exists(wal), "%s created", wal);
	free(before);
	free(after);
}

START_TEST(refusals)
{
	const char *db_args[] = {"--db", "good.db", "-q", NULL};
	struct st_tmp t;
	struct st_run r;
	char path[256], good[256];
	char *text;
	size_t len;
	FILE *f;

	if (st_tool() == NULL)
		return;
	st_tmp_init(&t);
	st_put_driver(&t, "", "");
	/* not a SQLite database: text, and random bytes after the magic */
	st_put(st_path(&t, "text.db", path, sizeof path), "hello, world\n");
	st_refused(&t, "--db", "text.db", "not a SQLite database");
	/* somebody else's SQLite database */
	st_sql(st_path(&t, "foreign.db", path, sizeof path),
	       "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
	st_refused(&t, "--db", "foreign.db", "not an ndislint run store");
	/* a run store made by a newer ndislint */
	r = st_check(&t, NULL, db_args);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	st_run_free(&r);
	st_path(&t, "good.db", good, sizeof good);
	text = st_slurp(good, &len);
	st_put(st_path(&t, "newer.db", path, sizeof path), "");
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(text, 1, len, f);
	fclose(f);
	st_sql(path, "PRAGMA user_version = 99");
	st_refused(&t, "--db", "newer.db", "written by a newer ndislint");
	st_refused(&t, "--baseline", "newer.db", "written by a newer ndislint");
	/* a corrupt one: garbage over a table's b-tree page */
	st_put(st_path(&t, "corrupt.db", path, sizeof path), "");
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(text, 1, len, f);
	ck_assert(len > 4 * 4096);
	fseek(f, 3 * 4096, SEEK_SET);
	for (int i = 0; i < 64; i++)
		fputc(0xff, f);
	fclose(f);
	free(text);
	st_refused(&t, "--db", "corrupt.db", "corrupt");
	/* cannot be created: a missing directory, a directory */
	{
		const char *missing[] = {"--db", "no/such/dir/x.db", NULL};
		const char *dir[] = {"--db", ".", NULL};

		r = st_check(&t, NULL, missing);
		st_assert_error(&r, "cannot create");
		st_run_free(&r);
		r = st_check(&t, NULL, dir);
		st_assert_error(&r, "is a directory");
		st_run_free(&r);
	}
	/* read-only (root writes anyway: only checked for other users) */
	if (geteuid() != 0) {
		chmod(good, 0444);
		st_refused(&t, "--db", "good.db", "not writable");
		chmod(good, 0644);
	}
	ck_assert_int_eq(st_q(good, "SELECT count(*) FROM runs"), 1);
	st_tmp_done(&t);
}
END_TEST

START_TEST(baseline_refusals)
{
	struct st_tmp t;
	char path[256];

	if (st_tool() == NULL)
		return;
	st_tmp_init(&t);
	st_put_driver(&t, "", "");
	st_put(st_path(&t, "other.sarif", path, sizeof path),
	       "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": "
	       "{\"name\": \"cppcheck\"}}, \"results\": []}]}\n");
	st_refused(&t, "--baseline", "other.sarif", "not by ndislint");
	st_put(st_path(&t, "nofp.sarif", path, sizeof path),
	       "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": "
	       "{\"name\": \"ndislint\"}}, \"results\": [{\"ruleId\": \"x\"}]}]}\n");
	st_refused(&t, "--baseline", "nofp.sarif", "no ndislint/v1 fingerprint");
	st_put(st_path(&t, "notes.txt", path, sizeof path), "just text\n");
	st_refused(&t, "--baseline", "notes.txt",
		   "neither an ndislint run store nor a SARIF file");
	st_put(st_path(&t, "empty.db", path, sizeof path), "");
	st_refused(&t, "--baseline", "empty.db", "holds no recorded run");
	st_sql(st_path(&t, "foreign.db", path, sizeof path), "CREATE TABLE t(x)");
	st_refused(&t, "--baseline", "foreign.db", "not an ndislint run store");
	{
		const char *missing[] = {"--baseline", "missing.sarif", NULL};
		struct st_run r = st_check(&t, NULL, missing);

		st_assert_error(&r, "missing.sarif");
		st_run_free(&r);
	}
	st_tmp_done(&t);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Baselines                                                           */

/* Checks a baselined run: exit `status`, the summary counts `n`
 * baselined, and the output shows only the lines in `shown`. */
static void st_assert_baselined(const struct st_run *r, int status,
				const char *summary, const char *shown)
{
	ck_assert_msg(r->status == status, "exit %d: %s %s", r->status, r->out,
		      r->err);
	ck_assert_msg(strstr(r->err, summary) != NULL, "summary: %s", r->err);
	ck_assert_msg(strstr(r->out, "[im-protocol-registration]") == NULL &&
		      strstr(r->out, "[miniport-deregister-on-unload]") == NULL,
		      "baselined finding reported: %s", r->out);
	if (shown != NULL)
		ck_assert_msg(strstr(r->out, shown) != NULL, "missing %s: %s",
			      shown, r->out);
	else
		ck_assert_msg(strstr(r->out, ": error: ") == NULL, "%s", r->out);
}

START_TEST(baseline_from_store)
{
	const char *rec[] = {"--db", "base.db", NULL};
	const char *base[] = {"--baseline", "base.db", NULL};
	const char *both[] = {"--baseline", "base.db", "--db", "base.db", NULL};
	const char *json[] = {"--baseline", "base.db", "--format", "json", NULL};
	struct st_tmp t;
	struct st_run r;
	char db[256];

	if (st_tool() == NULL)
		return;
	st_tmp_init(&t);
	st_put_driver(&t, "", "");
	r = st_check(&t, NULL, rec);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	st_run_free(&r);
	/* everything baselined: exit 0, counted */
	r = st_check(&t, NULL, base);
	st_assert_baselined(&r, 0, "no findings in 1 file, 1 suppressed, "
			    "3 baselined", NULL);
	st_run_free(&r);
	/* unrelated lines above keep the identity; a new finding fails */
	st_put_driver(&t, "// moved\n", st_new_finding);
	r = st_check(&t, NULL, base);
	st_assert_baselined(&r, 1, "1 finding (1 error) in 1 file, 1 "
			    "suppressed, 3 baselined",
			    "drv.c:22:3: error: ");
	st_run_free(&r);
	r = st_check(&t, NULL, json);
	ck_assert_int_eq(r.status, 1);
	ck_assert_msg(strstr(r.out, "\"baselined\": 3") != NULL, "%s", r.out);
	ck_assert_ptr_null(strstr(r.out, "\"im-protocol-registration\""));
	st_run_free(&r);
	/* baselining against the store that records: marked, carried on */
	r = st_check(&t, NULL, both);
	ck_assert_int_eq(r.status, 1);
	st_run_free(&r);
	st_path(&t, "base.db", db, sizeof db);
	ck_assert_int_eq(st_q(db, "SELECT count(*) FROM findings WHERE "
			      "run_id = 2 AND baselined"), 3);
	r = st_check(&t, NULL, base);
	st_assert_baselined(&r, 0, "4 baselined", NULL);
	st_run_free(&r);
	st_tmp_done(&t);
}
END_TEST

START_TEST(baseline_from_sarif)
{
	const char *sarif[] = {"--format", "sarif", "-o", "base.sarif", NULL};
	const char *base[] = {"--baseline", "base.sarif", NULL};
	const char *out[] = {"--baseline", "base.sarif", "--format", "sarif",
			     NULL};
	const char *composed[] = {"--baseline", "base.sarif", "--disable",
				  "miniport-deregister-on-error", NULL};
	struct st_tmp t;
	struct st_run r;

	if (st_tool() == NULL)
		return;
	st_tmp_init(&t);
	st_put_driver(&t, "", "");
	r = st_check(&t, NULL, sarif);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	st_run_free(&r);
	r = st_check(&t, NULL, base);
	st_assert_baselined(&r, 0, "3 baselined", NULL);
	st_run_free(&r);
	st_put_driver(&t, "\n\n\n", st_new_finding);
	r = st_check(&t, NULL, base);
	st_assert_baselined(&r, 1, "1 finding (1 error) in 1 file, 1 "
			    "suppressed, 3 baselined", "drv.c:24:3: error: ");
	st_run_free(&r);
	/* baselined results are left out of SARIF */
	r = st_check(&t, NULL, out);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_null(strstr(r.out, "\"ruleId\": \"im-protocol-registration\""));
	ck_assert_ptr_nonnull(strstr(r.out, "\"ruleId\": \"miniport-deregister-on-error\""));
	st_run_free(&r);
	/* disabled + suppressed + baselined compose: nothing left */
	r = st_check(&t, NULL, composed);
	st_assert_baselined(&r, 0, "no findings in 1 file, 3 baselined", NULL);
	st_run_free(&r);
	st_tmp_done(&t);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Suppressions                                                        */

START_TEST(suppressions_listed_and_unmatched)
{
	const char *none[] = {NULL};
	const char *quiet[] = {"-q", NULL};
	const char *disabled[] = {"--disable", "deregister-without-register",
				  NULL};
	struct st_tmp t;
	struct st_run r;

	if (st_tool() == NULL)
		return;
	st_tmp_init(&t);
	st_put_driver(&t, "", "");
	r = st_check(&t, NULL, none);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	ck_assert_msg(strstr(r.out, "drv.c:21:3: note: suppressed "
			     "[miniport-deregister-on-error]: cannot happen\n")
		      != NULL, "%s", r.out);
	ck_assert_msg(strstr(r.out, "drv.c:22:22: note: ndislint: ignore "
			     "deregister-without-register matches no finding\n")
		      != NULL, "%s", r.out);
	ck_assert_msg(strstr(r.out, "drv.c:22:51: note: ndislint: ignore "
			     "bogus-rule matches no finding") != NULL, "%s",
		      r.out);
	ck_assert_ptr_null(strstr(r.out, "[miniport-deregister-on-error]\n"));
	ck_assert_msg(strstr(r.err, "3 findings (3 errors) in 1 file, 1 "
			     "suppressed\n") != NULL, "%s", r.err);
	st_run_free(&r);
	/* -q: findings only */
	r = st_check(&t, NULL, quiet);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_null(strstr(r.out, "suppressed"));
	ck_assert_ptr_null(strstr(r.out, "matches no finding"));
	st_run_free(&r);
	/* a disabled rule's comment cannot match: no note for it */
	r = st_check(&t, NULL, disabled);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_null(strstr(r.out, "deregister-without-register matches"));
	ck_assert_ptr_nonnull(strstr(r.out, "bogus-rule matches no finding"));
	st_run_free(&r);
	st_tmp_done(&t);
}
END_TEST

Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *api = tcase_create("api");
	TCase *e2e = tcase_create("e2e");

	tcase_add_test(api, api_round_trip);
	suite_add_tcase(s, api);
	tcase_set_timeout(e2e, 300);
	tcase_add_test(e2e, schema_created);
	tcase_add_test(e2e, two_runs_latest_and_previous);
	tcase_add_test(e2e, concurrent_writers);
	tcase_add_test(e2e, killed_run_leaves_earlier_runs);
	tcase_add_test(e2e, refusals);
	tcase_add_test(e2e, baseline_refusals);
	tcase_add_test(e2e, baseline_from_store);
	tcase_add_test(e2e, baseline_from_sarif);
	tcase_add_test(e2e, suppressions_listed_and_unmatched);
	suite_add_tcase(s, e2e);
	return s;
}
