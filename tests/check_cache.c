/*
 * check_cache.c - the result cache, parallel parsing and the progress
 * line (issue 7, items 2, 3 and 5).
 *
 *  - model_io: every corpus file's model, written and read back, dumps
 *    (model_dump) and re-writes exactly as before; damaged bytes are
 *    refused.
 *  - the cache, end to end (the binary in $NDISLINT, the repository in
 *    $NDISLINT_ROOT): NDISLINT_DEBUG_CACHE=1 makes ndislint print "cache
 *    hit FILE" / "cache miss FILE", which tells whether libclang ran for a
 *    file without timing anything.  A changed header invalidates exactly
 *    the files including it; arguments and rules are in the key; findings
 *    are the same with and without the cache; a garbage, foreign,
 *    damaged or unwritable cache costs one warning line and nothing else.
 *  - -j N: text and SARIF output byte for byte the same as -j1.
 *  - the progress line: shown on a pseudo-terminal for a slow run, never
 *    with -q, for a short run, or when stderr is a pipe.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <jansson.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../analyzer/frontend.h"
#include "../analyzer/model_dump.h"
#include "../analyzer/model_io.h"
#include "suites.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* The binary under test, or NULL (end-to-end tests then pass vacuously,
 * as in check_cli.c). */
static const char *cc_tool(void)
{
	const char *p = getenv("NDISLINT");

	if (p == NULL || *p == '\0') {
		fprintf(stderr, "check_cache: NDISLINT not set, skipping "
			"end-to-end test\n");
		return NULL;
	}
	return p;
}

static const char *cc_root(void)
{
	const char *r = getenv("NDISLINT_ROOT");
	return r && *r ? r : ".";
}

/* Reads a whole file (NUL-terminated, "" when missing). */
static char *cc_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0;
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return strdup("");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf = realloc(buf, len + n + 1);
		ck_assert_ptr_nonnull(buf);
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (buf == NULL)
		return strdup("");
	buf[len] = '\0';
	return buf;
}

static void cc_put(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot create %s", path);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* A scratch directory. */
struct cc_tmp {
	char dir[64];
};

static void cc_tmp_init(struct cc_tmp *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/ndislint-cache-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->dir));
}

static int cc_rm(const char *path, const struct stat *st, int flag,
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

static void cc_tmp_done(struct cc_tmp *t)
{
	chmod(t->dir, 0700);
	nftw(t->dir, cc_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/*/* dir/name into buf. */
static const char *cc_path(const struct cc_tmp *t, const char *name,
			   char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s/%s", t->dir, name);

	ck_assert(n > 0 && (size_t)n < size);
	return buf;
}

/* What one run did. */
struct cc_res {
	int status;
	char *out, *err;
};

static void cc_res_free(struct cc_res *r)
{
	free(r->out);
	free(r->err);
}

/* Waits at most 300 s for pid; -1 when it did not exit normally. */
static int cc_wait(pid_t pid)
{
	struct timespec nap = { 0, 10 * 1000 * 1000 };
	int status;

	for (int i = 0; i < 30000; i++) {
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

/* Runs the tool with args (NULL-terminated) in cwd (NULL: the
 * repository), stdout and stderr captured in files. */
static struct cc_res cc_run(const char *cwd, const char *const *args)
{
	struct cc_res res = { -1, NULL, NULL };
	char out[] = "/tmp/ndislint-cco-XXXXXX";
	char err[] = "/tmp/ndislint-cce-XXXXXX";
	char *argv[256];
	int fo = mkstemp(out), fe = mkstemp(err), n = 0;
	pid_t pid;

	ck_assert(fo >= 0 && fe >= 0);
	argv[n++] = (char *)cc_tool();
	for (; args[n - 1] != NULL && n < 255; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		if (in < 0 || dup2(in, 0) < 0 || dup2(fo, 1) < 0 ||
		    dup2(fe, 2) < 0 || chdir(cwd ? cwd : cc_root()) != 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fo);
	close(fe);
	res.status = cc_wait(pid);
	res.out = cc_slurp(out);
	res.err = cc_slurp(err);
	unlink(out);
	unlink(err);
	return res;
}

/* Number of lines of s that contain needle. */
static int cc_count_lines(const char *s, const char *needle)
{
	int n = 0;

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *line = strndup(s, len);
		ck_assert_ptr_nonnull(line);
		if (strstr(line, needle))
			n++;
		free(line);
		s += len + (nl ? 1 : 0);
	}
	return n;
}

/* Does stderr hold the line "ndislint: cache KIND FILE"? */
static bool cc_has(const struct cc_res *r, const char *kind, const char *file)
{
	char needle[1024];

	snprintf(needle, sizeof(needle), "ndislint: cache %s %s\n", kind, file);
	return strstr(r->err, needle) != NULL;
}

/* The two-source fixture: a.c includes h.h, b.c includes only ndis.h. */
static void cc_fixture(const struct cc_tmp *t)
{
	char p[256];

	cc_put(cc_path(t, "h.h", p, sizeof(p)),
	       "#define H_STATUS NDIS_STATUS_SUCCESS\n");
	cc_put(cc_path(t, "a.c", p, sizeof(p)),
	       "#include <ndis.h>\n#include \"h.h\"\n"
	       "NDIS_HANDLE Handle;\n"
	       "NDIS_STATUS Helper(void);\n"
	       "NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n"
	       "{\n\tNDIS_MINIPORT_DRIVER_CHARACTERISTICS c;\n"
	       "\tNDIS_STATUS s;\n\tNdisZeroMemory(&c, sizeof(c));\n"
	       "\ts = NdisMRegisterMiniportDriver(d, r, NULL, &c, &Handle);\n"
	       "\tif (s != NDIS_STATUS_SUCCESS)\n\t\treturn s;\n"
	       "\tif (Helper() != H_STATUS)\n\t\treturn NDIS_STATUS_FAILURE;\n"
	       "\treturn NDIS_STATUS_SUCCESS;\n}\n");
	cc_put(cc_path(t, "b.c", p, sizeof(p)),
	       "#include <ndis.h>\n"
	       "NDIS_STATUS Helper(void)\n{\n\treturn NDIS_STATUS_SUCCESS;\n}\n");
}

/* Runs check on a.c b.c of the fixture with the cache db, debug on,
 * plus `extra` arguments (NULL-terminated, may be empty). */
static struct cc_res cc_run_fixture(const struct cc_tmp *t, const char *db,
				    const char *const *extra)
{
	const char *args[32] = { "check", "--cache", db, "-j1", "a.c", "b.c" };
	int n = 6;
	struct cc_res r;

	for (int i = 0; extra && extra[i] && n < 31; i++)
		args[n++] = extra[i];
	args[n] = NULL;
	setenv("NDISLINT_DEBUG_CACHE", "1", 1);
	r = cc_run(t->dir, args);
	unsetenv("NDISLINT_DEBUG_CACHE");
	return r;
}

/* ------------------------------------------------------------------ */
/* model_io round trip over the corpus                                 */

enum { CC_MAX_FILES = 1024 };

struct cc_list {
	char *paths[CC_MAX_FILES];
	int n;
};

/* nftw cannot pass a context: the list being filled (tests only). */
static struct cc_list *cc_walk_list;

static int cc_collect(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	size_t len = strlen(path);

	(void)st;
	(void)ftw;
	if (flag == FTW_F && len > 2 && strcmp(path + len - 2, ".c") == 0 &&
	    cc_walk_list->n < CC_MAX_FILES)
		cc_walk_list->paths[cc_walk_list->n++] = strdup(path);
	return 0;
}

static int cc_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* model_dump of mf into a malloc'd string. */
static char *cc_dump(const struct model_file *mf)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	model_dump(f, mf);
	fclose(f);
	return buf;
}

/* The fields model_dump does not print, as text. */
static char *cc_extra(const struct model_file *mf)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < mf->nfiles; i++)
		fprintf(f, "file %s\n", mf->files[i]);
	for (int i = 0; i < mf->ndeps; i++)
		fprintf(f, "dep %s\n", mf->deps[i]);
	for (int i = 0; i < mf->nnotes; i++)
		fprintf(f, "note %s:%u:%u %s\n", mf->notes[i].file ? mf->notes[i].file : "-",
			mf->notes[i].line, mf->notes[i].col, mf->notes[i].message);
	fclose(f);
	return buf;
}

/* Writes, reads back and compares one model. */
static void cc_roundtrip(const char *path, const struct model_file *mf)
{
	unsigned char *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	struct model_file *back;

	ck_assert(model_io_write(mf, &a, &alen));
	back = model_io_read(a, alen);
	ck_assert_msg(back != NULL, "%s: the model does not read back", path);
	char *d1 = cc_dump(mf), *d2 = cc_dump(back);
	ck_assert_msg(strcmp(d1, d2) == 0, "%s: model_dump differs after a round trip",
		      path);
	char *e1 = cc_extra(mf), *e2 = cc_extra(back);
	ck_assert_msg(strcmp(e1, e2) == 0, "%s: files, deps or notes differ", path);
	ck_assert(model_io_write(back, &b, &blen));
	ck_assert_msg(alen == blen && memcmp(a, b, alen) == 0,
		      "%s: the model read back writes different bytes", path);
	ck_assert_int_eq(back->nfunctions, mf->nfunctions);
	/* A truncated or extended blob is refused. */
	ck_assert_ptr_null(model_io_read(a, alen - 1));
	ck_assert_ptr_null(model_io_read(a, alen / 2));
	ck_assert_ptr_null(model_io_read(a, 0));
	b = realloc(b, alen + 1);
	ck_assert_ptr_nonnull(b);
	memcpy(b, a, alen);
	b[alen] = 0;
	ck_assert_ptr_null(model_io_read(b, alen + 1));
	free(d1);
	free(d2);
	free(e1);
	free(e2);
	free(a);
	free(b);
	model_file_free(back);
}

START_TEST(test_model_io_corpus)
{
	struct cc_list list = { .n = 0 };
	char dir[PATH_MAX], inc[PATH_MAX];
	struct parse_options po = { 0 };
	int parsed = 0;

	snprintf(dir, sizeof(dir), "%s/corpus", cc_root());
	cc_walk_list = &list;
	ck_assert_int_eq(nftw(dir, cc_collect, 16, FTW_PHYS), 0);
	cc_walk_list = NULL;
	qsort(list.paths, (size_t)list.n, sizeof(list.paths[0]), cc_cmp);
	ck_assert_int_gt(list.n, 50);
	po.include_dir = frontend_default_include_dir(inc, sizeof(inc));
	for (int i = 0; i < list.n; i++) {
		struct model_file *mf = NULL;
		char err[1024];

		if (frontend_parse(list.paths[i], &po, &mf, err, sizeof(err)) == PARSE_OK) {
			ck_assert_int_gt(mf->ndeps, 0);
			cc_roundtrip(list.paths[i], mf);
			parsed++;
		}
		model_file_free(mf);
		free(list.paths[i]);
	}
	ck_assert_int_gt(parsed, 50);
}
END_TEST

/* Damaged bytes never crash the reader: every single-byte change either
 * is refused or reads as some valid model. */
START_TEST(test_model_io_damage)
{
	char path[PATH_MAX], inc[PATH_MAX];
	struct parse_options po = { 0 };
	struct model_file *mf = NULL;
	unsigned char *a = NULL;
	size_t len = 0;
	char err[256];

	snprintf(path, sizeof(path), "%s/corpus/faulty/driver.c", cc_root());
	po.include_dir = frontend_default_include_dir(inc, sizeof(inc));
	ck_assert_int_eq(frontend_parse(path, &po, &mf, err, sizeof(err)), PARSE_OK);
	ck_assert(model_io_write(mf, &a, &len));
	for (size_t i = 0; i < len; i += 7) {
		unsigned char save = a[i];
		a[i] ^= 0x5a;
		model_file_free(model_io_read(a, len));
		a[i] = 0xff;
		model_file_free(model_io_read(a, len));
		a[i] = save;
	}
	ck_assert_ptr_null(model_io_read("NDLM", 4));
	ck_assert_ptr_null(model_io_read(NULL, 0));
	free(a);
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The cache, end to end                                               */

START_TEST(test_cache_hit_and_header)
{
	struct cc_tmp t;
	char db[256], p[256];
	struct cc_res r;

	if (!cc_tool())
		return;
	cc_tmp_init(&t);
	cc_fixture(&t);
	cc_path(&t, "cache.db", db, sizeof(db));
	r = cc_run_fixture(&t, db, NULL);
	ck_assert_msg(cc_has(&r, "miss", "a.c") && cc_has(&r, "miss", "b.c"),
		      "cold run: %s", r.err);
	char *cold_out = strdup(r.out);
	int cold_status = r.status;
	cc_res_free(&r);

	r = cc_run_fixture(&t, db, NULL);
	ck_assert_msg(cc_has(&r, "hit", "a.c") && cc_has(&r, "hit", "b.c"),
		      "warm run: %s", r.err);
	ck_assert_str_eq(r.out, cold_out);
	ck_assert_int_eq(r.status, cold_status);
	cc_res_free(&r);

	/* New content in the header: only its includer is parsed again. */
	cc_put(cc_path(&t, "h.h", p, sizeof(p)),
	       "#define H_STATUS NDIS_STATUS_SUCCESS /* changed */\n");
	r = cc_run_fixture(&t, db, NULL);
	ck_assert_msg(cc_has(&r, "miss", "a.c") && cc_has(&r, "hit", "b.c"),
		      "after the header changed: %s", r.err);
	ck_assert_str_eq(r.out, cold_out);
	cc_res_free(&r);
	r = cc_run_fixture(&t, db, NULL);
	ck_assert_msg(cc_has(&r, "hit", "a.c") && cc_has(&r, "hit", "b.c"),
		      "after the header was re-cached: %s", r.err);
	cc_res_free(&r);

	/* The old content again: its entry is still there. */
	cc_put(cc_path(&t, "h.h", p, sizeof(p)),
	       "#define H_STATUS NDIS_STATUS_SUCCESS\n");
	r = cc_run_fixture(&t, db, NULL);
	ck_assert_msg(cc_has(&r, "hit", "a.c"), "old header: %s", r.err);
	cc_res_free(&r);

	/* The source itself changed: it alone is parsed again. */
	cc_put(cc_path(&t, "b.c", p, sizeof(p)),
	       "#include <ndis.h>\n"
	       "NDIS_STATUS Helper(void)\n{\n\treturn NDIS_STATUS_FAILURE;\n}\n");
	r = cc_run_fixture(&t, db, NULL);
	ck_assert_msg(cc_has(&r, "hit", "a.c") && cc_has(&r, "miss", "b.c"),
		      "after the source changed: %s", r.err);
	cc_res_free(&r);
	free(cold_out);
	cc_tmp_done(&t);
}
END_TEST

/* Parser arguments, rules and --no-cache are part of the story. */
START_TEST(test_cache_key_parts)
{
	struct cc_tmp t;
	char db[256];
	struct cc_res r;
	const char *define[] = { "--", "-DEXTRA=1", NULL };
	const char *disable[] = { "--disable", "im-associate-miniport", NULL };
	const char *nocache[] = { "--no-cache", NULL };

	if (!cc_tool())
		return;
	cc_tmp_init(&t);
	cc_fixture(&t);
	cc_path(&t, "cache.db", db, sizeof(db));
	r = cc_run_fixture(&t, db, NULL);
	cc_res_free(&r);
	r = cc_run_fixture(&t, db, define);
	ck_assert_msg(cc_has(&r, "miss", "a.c") && cc_has(&r, "miss", "b.c"),
		      "new arguments: %s", r.err);
	cc_res_free(&r);
	r = cc_run_fixture(&t, db, disable);
	ck_assert_msg(cc_has(&r, "miss", "a.c"), "other rules: %s", r.err);
	cc_res_free(&r);
	r = cc_run_fixture(&t, db, NULL);
	ck_assert_msg(cc_has(&r, "hit", "a.c") && cc_has(&r, "hit", "b.c"),
		      "back to the first: %s", r.err);
	cc_res_free(&r);
	r = cc_run_fixture(&t, db, nocache);
	ck_assert_msg(strstr(r.err, "ndislint: cache ") == NULL,
		      "--no-cache looked the cache up: %s", r.err);
	cc_res_free(&r);
	cc_tmp_done(&t);
}
END_TEST

/* SARIF without its invocations (they hold the command line). */
static char *cc_sarif_core(const char *text)
{
	json_error_t e;
	json_t *doc = json_loads(text, 0, &e);
	json_t *run;
	char *s;

	ck_assert_msg(doc != NULL, "SARIF does not parse: %s", e.text);
	run = json_array_get(json_object_get(doc, "runs"), 0);
	ck_assert_ptr_nonnull(run);
	json_object_del(run, "invocations");
	s = json_dumps(doc, JSON_SORT_KEYS | JSON_INDENT(1));
	json_decref(doc);
	return s;
}

/* Runs `check [--format F] files` with extra options, in the repository;
 * returns stdout (SARIF without invocations) and sets *status. */
static char *cc_output(const char *format, const char *const *opts,
		       const char *const *files, int *status)
{
	const char *args[128] = { "check", "--format", format };
	int n = 3;
	struct cc_res r;
	char *out;

	for (int i = 0; opts[i]; i++)
		args[n++] = opts[i];
	for (int i = 0; files[i] && n < 127; i++)
		args[n++] = files[i];
	args[n] = NULL;
	r = cc_run(NULL, args);
	ck_assert_msg(r.status == 0 || r.status == 1, "exit %d: %s", r.status, r.err);
	*status = r.status;
	out = strcmp(format, "sarif") == 0 ? cc_sarif_core(r.out) : strdup(r.out);
	cc_res_free(&r);
	return out;
}

static const char *const cc_reference[] = {
	"corpus/reference/device.c", "corpus/reference/driver.c",
	"corpus/reference/miniport.c", "corpus/reference/protocol.c", NULL
};
static const char *const cc_faulty[] = {
	"corpus/faulty/driver.c", "corpus/faulty/miniport.c", NULL
};

START_TEST(test_cache_same_findings)
{
	const char *const *sets[] = { cc_reference, cc_faulty };
	const char *formats[] = { "text", "sarif" };
	struct cc_tmp t;
	char db[256];

	if (!cc_tool())
		return;
	cc_tmp_init(&t);
	cc_path(&t, "cache.db", db, sizeof(db));
	for (int s = 0; s < 2; s++) {
		for (int f = 0; f < 2; f++) {
			const char *none[] = { "--no-cache", NULL };
			const char *with[] = { "--cache", db, NULL };
			int st0, st1, st2;
			char *o0 = cc_output(formats[f], none, sets[s], &st0);
			char *o1 = cc_output(formats[f], with, sets[s], &st1);
			char *o2 = cc_output(formats[f], with, sets[s], &st2);

			ck_assert_msg(strcmp(o0, o1) == 0 && strcmp(o0, o2) == 0,
				      "%s output differs with the cache (%s)",
				      formats[f], sets[s][0]);
			ck_assert(st0 == st1 && st0 == st2);
			free(o0);
			free(o1);
			free(o2);
		}
	}
	cc_tmp_done(&t);
}
END_TEST

/* Exactly one warning line about the cache, the rest as without it. */
static void cc_assert_one_warning(const struct cc_res *r, const char *what)
{
	ck_assert_msg(cc_count_lines(r->err, "warning: cache") == 1,
		      "%s: expected one cache warning: %s", what, r->err);
	ck_assert_msg(r->status == 0 || r->status == 1, "%s: exit %d: %s",
		      what, r->status, r->err);
}

/* Runs the fixture with db; compares with a --no-cache run. */
static struct cc_res cc_run_compare(const struct cc_tmp *t, const char *db)
{
	const char *nocache[] = { "--no-cache", NULL };
	struct cc_res ref = cc_run_fixture(t, db, nocache);
	struct cc_res r = cc_run_fixture(t, db, NULL);

	ck_assert_str_eq(r.out, ref.out);
	ck_assert_int_eq(r.status, ref.status);
	cc_res_free(&ref);
	return r;
}

START_TEST(test_cache_garbage)
{
	struct cc_tmp t;
	char db[256];
	struct cc_res r;
	char garbage[4096];

	if (!cc_tool())
		return;
	cc_tmp_init(&t);
	cc_fixture(&t);
	cc_path(&t, "cache.db", db, sizeof(db));
	for (size_t i = 0; i < sizeof(garbage) - 1; i++)
		garbage[i] = (char)('!' + (i * 7919) % 90);
	garbage[sizeof(garbage) - 1] = '\0';
	cc_put(db, garbage);
	r = cc_run_compare(&t, db);
	cc_assert_one_warning(&r, "garbage cache");
	ck_assert(cc_has(&r, "miss", "a.c"));
	cc_res_free(&r);
	/* Rebuilt: it works from now on, silently. */
	r = cc_run_fixture(&t, db, NULL);
	ck_assert_msg(cc_has(&r, "hit", "a.c") && cc_count_lines(r.err, "warning") == 0,
		      "after the rebuild: %s", r.err);
	cc_res_free(&r);
	cc_tmp_done(&t);
}
END_TEST

/* A damaged entry is a miss with a warning, then replaced. */
START_TEST(test_cache_damaged_entry)
{
	struct cc_tmp t;
	char db[256];
	struct cc_res r;
	sqlite3 *h = NULL;

	if (!cc_tool())
		return;
	cc_tmp_init(&t);
	cc_fixture(&t);
	cc_path(&t, "cache.db", db, sizeof(db));
	r = cc_run_fixture(&t, db, NULL);
	cc_res_free(&r);
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "UPDATE entries SET model = "
				      "substr(model, 1, length(model) - 3) || X'010203'",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	r = cc_run_compare(&t, db);
	ck_assert_msg(cc_has(&r, "miss", "a.c") && cc_has(&r, "miss", "b.c"),
		      "damaged entries were used: %s", r.err);
	ck_assert_msg(cc_count_lines(r.err, "warning: cache") >= 1, "%s", r.err);
	cc_res_free(&r);
	r = cc_run_fixture(&t, db, NULL);
	ck_assert_msg(cc_has(&r, "hit", "a.c") && cc_count_lines(r.err, "warning") == 0,
		      "after the damaged entries were replaced: %s", r.err);
	cc_res_free(&r);
	cc_tmp_done(&t);
}
END_TEST

/* Another program's SQLite file is neither used nor touched. */
START_TEST(test_cache_foreign)
{
	struct cc_tmp t;
	char db[256];
	struct cc_res r;
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;

	if (!cc_tool())
		return;
	cc_tmp_init(&t);
	cc_fixture(&t);
	cc_path(&t, "other.db", db, sizeof(db));
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "CREATE TABLE mine (x); INSERT INTO mine VALUES (42)",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	r = cc_run_compare(&t, db);
	cc_assert_one_warning(&r, "foreign database");
	cc_res_free(&r);
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT x FROM mine", -1, &st, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(st, 0), 42);
	sqlite3_finalize(st);
	sqlite3_close(h);
	cc_tmp_done(&t);
}
END_TEST

/* A cache that cannot be created or written is bypassed. */
START_TEST(test_cache_unwritable)
{
	struct cc_tmp t;
	char db[256], dir[256], p[256];
	struct cc_res r;

	if (!cc_tool())
		return;
	cc_tmp_init(&t);
	cc_fixture(&t);
	/* Its directory is a regular file: nobody can create it. */
	cc_put(cc_path(&t, "notadir", p, sizeof(p)), "x");
	cc_path(&t, "notadir/cache.db", db, sizeof(db));
	r = cc_run_compare(&t, db);
	cc_assert_one_warning(&r, "cache under a regular file");
	ck_assert(!cc_has(&r, "hit", "a.c"));
	cc_res_free(&r);

	/* A read-only directory (root writes anyway: then it just works). */
	cc_path(&t, "ro", dir, sizeof(dir));
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	cc_path(&t, "ro/cache.db", db, sizeof(db));
	ck_assert_int_eq(chmod(dir, 0555), 0);
	r = cc_run_compare(&t, db);
	if (geteuid() != 0)
		cc_assert_one_warning(&r, "read-only directory");
	else
		ck_assert_int_le(cc_count_lines(r.err, "warning"), 0);
	cc_res_free(&r);

	/* An existing cache in a directory made read-only afterwards: it
	 * is read, and what cannot be written is said once. */
	ck_assert_int_eq(chmod(dir, 0755), 0);
	r = cc_run_fixture(&t, db, NULL);
	cc_res_free(&r);
	cc_put(cc_path(&t, "a.c", p, sizeof(p)), "#include <ndis.h>\nint X;\n");
	ck_assert_int_eq(chmod(db, 0444), 0);
	ck_assert_int_eq(chmod(dir, 0555), 0);
	r = cc_run_compare(&t, db);
	ck_assert(cc_has(&r, "hit", "b.c"));
	if (geteuid() != 0)
		cc_assert_one_warning(&r, "read-only cache");
	cc_res_free(&r);
	chmod(dir, 0755);
	cc_tmp_done(&t);
}
END_TEST

/* ------------------------------------------------------------------ */
/* -j N                                                                */

START_TEST(test_jobs_identical)
{
	static const char *const multi[] = {
		"corpus/deregister-without-register/bad_multifile/cleanup.c",
		"corpus/deregister-without-register/bad_multifile/driver.c", NULL
	};
	static const char *const multi3[] = {
		"corpus/analysis-incomplete/bad_multifile_initialize_callee/config.c",
		"corpus/analysis-incomplete/bad_multifile_initialize_callee/driver.c",
		"corpus/analysis-incomplete/bad_multifile_initialize_callee/miniport.c",
		NULL
	};
	const char *const *sets[] = { cc_reference, cc_faulty, multi, multi3 };
	const char *formats[] = { "text", "sarif" };

	if (!cc_tool())
		return;
	for (int s = 0; s < 4; s++) {
		for (int f = 0; f < 2; f++) {
			const char *j1[] = { "--no-cache", "-j1", NULL };
			const char *j4[] = { "--no-cache", "-j4", NULL };
			const char *jd[] = { "--no-cache", NULL };
			int st1, st4, std;
			char *o1 = cc_output(formats[f], j1, sets[s], &st1);
			char *o4 = cc_output(formats[f], j4, sets[s], &st4);
			char *od = cc_output(formats[f], jd, sets[s], &std);

			ck_assert_msg(strcmp(o1, o4) == 0 && strcmp(o1, od) == 0,
				      "%s output of -j4 differs from -j1 (%s)",
				      formats[f], sets[s][0]);
			ck_assert(st1 == st4 && st1 == std);
			free(o1);
			free(o4);
			free(od);
		}
	}
}
END_TEST

/* Many files on many threads, twice the same. */
START_TEST(test_jobs_many_files)
{
	struct cc_tmp t;
	const char *args[64] = { "check", "--no-cache", "-j1" };
	int n = 3;
	char names[40][16];
	struct cc_res r1, r4;

	if (!cc_tool())
		return;
	cc_tmp_init(&t);
	cc_fixture(&t);
	args[n++] = "a.c";
	for (int i = 0; i < 40; i++) {
		char p[256], text[256];
		snprintf(names[i], sizeof(names[i]), "f%02d.c", i);
		snprintf(text, sizeof(text), "#include <ndis.h>\n"
			 "NDIS_STATUS Helper%d(void) { return %d; }\n"
			 "NDIS_STATUS Helper(void)%s\n", i, i, i == 17 ? " { return 0; }" : ";");
		cc_put(cc_path(&t, names[i], p, sizeof(p)), text);
		args[n++] = names[i];
	}
	args[n] = NULL;
	r1 = cc_run(t.dir, args);
	args[2] = "-j4";
	r4 = cc_run(t.dir, args);
	ck_assert_int_eq(r1.status, r4.status);
	ck_assert_str_eq(r1.out, r4.out);
	ck_assert_str_eq(r1.err, r4.err);
	cc_res_free(&r1);
	cc_res_free(&r4);
	cc_tmp_done(&t);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The progress line                                                   */

/* Writes `n` files big enough that parsing them takes a while. */
static void cc_slow_files(const struct cc_tmp *t, int n, const char **args,
			  int *nargs, char names[][16])
{
	for (int i = 0; i < n; i++) {
		char p[256];
		FILE *f;

		snprintf(names[i], 16, "s%03d.c", i);
		f = fopen(cc_path(t, names[i], p, sizeof(p)), "w");
		ck_assert_ptr_nonnull(f);
		fputs("#include <ndis.h>\n", f);
		for (int k = 0; k < 200; k++)
			fprintf(f, "static NDIS_STATUS H%d_%d(PVOID p, ULONG n)\n{\n"
				"\tULONG i; NDIS_STATUS s = NDIS_STATUS_SUCCESS;\n"
				"\tfor (i = 0; i < n; i++) {\n"
				"\t\tif (i & 1) s = NDIS_STATUS_FAILURE;\n"
				"\t\telse if (p == NULL) break;\n"
				"\t\tswitch (i) { case 1: s = 2; break; default: s = 3; }\n"
				"\t}\n\treturn s;\n}\n", i, k);
		ck_assert_int_eq(fclose(f), 0);
		args[(*nargs)++] = names[i];
	}
}

/* Runs the tool on a pseudo-terminal (stdin, stdout, stderr) and
 * returns all it wrote there. */
static char *cc_run_pty(const char *cwd, const char *const *args, int *status)
{
	char *argv[512];
	int n = 0, master = -1;
	char *buf = NULL;
	size_t len = 0;
	pid_t pid;

	argv[n++] = (char *)cc_tool();
	for (; args[n - 1] != NULL && n < 511; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	pid = forkpty(&master, NULL, NULL, NULL);
	ck_assert(pid >= 0);
	if (pid == 0) {
		if (chdir(cwd) != 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	for (;;) {
		char chunk[4096];
		struct pollfd pfd = { master, POLLIN, 0 };
		if (poll(&pfd, 1, 300000) <= 0)
			break;
		ssize_t k = read(master, chunk, sizeof(chunk));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;          /* EIO: the child closed the terminal */
		buf = realloc(buf, len + (size_t)k + 1);
		ck_assert_ptr_nonnull(buf);
		memcpy(buf + len, chunk, (size_t)k);
		len += (size_t)k;
	}
	close(master);
	*status = cc_wait(pid);
	if (buf == NULL)
		buf = strdup("");
	else
		buf[len] = '\0';
	return buf;
}

/* Runs the tool with stderr on a pipe; returns what came through it. */
static char *cc_run_pipe(const char *cwd, const char *const *args, int *status)
{
	char *argv[512];
	int n = 0, fds[2];
	char *buf = NULL;
	size_t len = 0;
	pid_t pid;

	argv[n++] = (char *)cc_tool();
	for (; args[n - 1] != NULL && n < 511; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 ||
		    dup2(fds[1], 2) < 0 || chdir(cwd) != 0)
			_exit(127);
		close(fds[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		char chunk[4096];
		ssize_t k = read(fds[0], chunk, sizeof(chunk));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		buf = realloc(buf, len + (size_t)k + 1);
		ck_assert_ptr_nonnull(buf);
		memcpy(buf + len, chunk, (size_t)k);
		len += (size_t)k;
	}
	close(fds[0]);
	*status = cc_wait(pid);
	if (buf == NULL)
		buf = strdup("");
	else
		buf[len] = '\0';
	return buf;
}

enum { CC_SLOW = 80 };

START_TEST(test_progress_terminal)
{
	struct cc_tmp t;
	const char *args[CC_SLOW + 16] = { "check", "--no-cache", "-j1" };
	int n = 3, status;
	char names[CC_SLOW][16];
	char *out, *last;
	char total[32];

	if (!cc_tool())
		return;
	cc_tmp_init(&t);
	cc_slow_files(&t, CC_SLOW, args, &n, names);
	args[n] = NULL;
	out = cc_run_pty(t.dir, args, &status);
	ck_assert_msg(status == 0, "exit %d: %s", status, out);
	snprintf(total, sizeof(total), "/%d] ", CC_SLOW);
	ck_assert_msg(strstr(out, "\rndislint: [") != NULL && strstr(out, total),
		      "no progress line on a terminal: %s", out);
	ck_assert_msg(strstr(out, ".c\033[K") != NULL, "no current file: %s", out);
	/* Erased before the summary line. */
	last = strstr(out, "\r\033[K");
	ck_assert_ptr_nonnull(last);
	while (strstr(last + 1, "\r\033[K"))
		last = strstr(last + 1, "\r\033[K");
	ck_assert_msg(strstr(last, "ndislint: no findings") != NULL,
		      "the line is not erased before the summary: %s", last);
	free(out);

	/* -q: nothing at all. */
	args[2] = "-q";
	out = cc_run_pty(t.dir, args, &status);
	ck_assert_msg(strstr(out, "ndislint: [") == NULL &&
		      strstr(out, "\033[K") == NULL, "-q shows progress: %s", out);
	free(out);
	cc_tmp_done(&t);
}
END_TEST

START_TEST(test_progress_not_shown)
{
	struct cc_tmp t;
	const char *args[CC_SLOW + 16] = { "check", "--no-cache", "-j1" };
	const char *quick[] = { "check", "--no-cache", "b.c", NULL };
	int n = 3, status;
	char names[CC_SLOW][16];
	char *out;

	if (!cc_tool())
		return;
	cc_tmp_init(&t);
	cc_fixture(&t);
	/* A short run on a terminal: no line. */
	out = cc_run_pty(t.dir, quick, &status);
	ck_assert_msg(strstr(out, "ndislint: [") == NULL,
		      "progress for a short run: %s", out);
	free(out);
	/* A slow run with stderr on a pipe: no line. */
	cc_slow_files(&t, CC_SLOW, args, &n, names);
	args[n] = NULL;
	out = cc_run_pipe(t.dir, args, &status);
	ck_assert_int_eq(status, 0);
	ck_assert_msg(strchr(out, '\r') == NULL && strstr(out, "ndislint: [") == NULL,
		      "progress on a pipe: %s", out);
	ck_assert_msg(strstr(out, "no findings in 80 files\n") != NULL &&
		      strstr(out, "\033[K") == NULL, "%s", out);
	free(out);
	cc_tmp_done(&t);
}
END_TEST

Suite *cache_suite(void)
{
	Suite *s = suite_create("cache");
	TCase *io = tcase_create("model_io");
	TCase *e2e = tcase_create("cache_e2e");
	TCase *jobs = tcase_create("jobs");
	TCase *prog = tcase_create("progress");

	tcase_add_test(io, test_model_io_corpus);
	tcase_add_test(io, test_model_io_damage);
	tcase_set_timeout(io, 600);
	tcase_add_test(e2e, test_cache_hit_and_header);
	tcase_add_test(e2e, test_cache_key_parts);
	tcase_add_test(e2e, test_cache_same_findings);
	tcase_add_test(e2e, test_cache_garbage);
	tcase_add_test(e2e, test_cache_damaged_entry);
	tcase_add_test(e2e, test_cache_foreign);
	tcase_add_test(e2e, test_cache_unwritable);
	tcase_set_timeout(e2e, 300);
	tcase_add_test(jobs, test_jobs_identical);
	tcase_add_test(jobs, test_jobs_many_files);
	tcase_set_timeout(jobs, 300);
	tcase_add_test(prog, test_progress_terminal);
	tcase_add_test(prog, test_progress_not_shown);
	tcase_set_timeout(prog, 600);
	suite_add_tcase(s, io);
	suite_add_tcase(s, e2e);
	suite_add_tcase(s, jobs);
	suite_add_tcase(s, prog);
	return s;
}

/* Points $XDG_CACHE_HOME at a fresh directory for the whole test run, so
 * that the runs of every suite neither read nor fill the user's cache.
 * Returns the directory (malloc'd) for cache_tests_cleanup, or NULL. */
char *cache_tests_isolate(void)
{
	char *dir = strdup("/tmp/ndislint-test-cache-XXXXXX");

	if (dir == NULL || mkdtemp(dir) == NULL) {
		free(dir);
		return NULL;
	}
	setenv("XDG_CACHE_HOME", dir, 1);
	return dir;
}

/* Removes the directory made by cache_tests_isolate (NULL is fine). */
void cache_tests_cleanup(char *dir)
{
	if (dir != NULL)
		nftw(dir, cc_rm, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}
