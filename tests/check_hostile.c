/*
 * check_hostile.c - hostile input, end to end: each case is generated
 * into a scratch directory, checked by the built binary ($NDISLINT,
 * spawned without a shell) and must finish within its documented limit
 * (docs/LIMITS.md: wall time and the child's peak RSS, from wait4) with
 * the right answer or a one-line error and exit 2; never a signal.  Also
 * the fuzzer's crashing inputs (tests/fuzz-regressions/), file names of
 * the HTML report, and a scan of the sources for shells and unsafe
 * temporary files.
 *
 * When $NDISLINT is not set the end-to-end tests print why and pass
 * vacuously; `make test` always sets it.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../analyzer/finding.h"
#include "../reports/html.h"
#include "suites.h"

/* Sanitizer builds (make check-asan) run our code several times slower
 * and bigger; libclang, which does most of the work, is not
 * instrumented. */
#if defined(__SANITIZE_ADDRESS__)
#define HOSTILE_SLOWDOWN 4
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HOSTILE_SLOWDOWN 4
#endif
#endif
#ifndef HOSTILE_SLOWDOWN
#define HOSTILE_SLOWDOWN 1
#endif

/* The limits that docs/LIMITS.md promises for these inputs (generous:
 * the measured figures are there too). */
enum {
	LIMIT_SECONDS = 60,             /* any one hostile input */
	LIMIT_RSS_MB = 1536,            /* peak RSS of any one run */
	KILL_SECONDS = 300,             /* the harness gives up */
};

/* What one run of the binary did. */
struct hrun {
	int status;             /* exit status; -1 killed by a signal */
	int signal;             /* the signal, when killed */
	double seconds;         /* wall time */
	long rss_kb;            /* peak resident set of the child */
	char *out, *err;
};

/* A scratch directory, removed by scratch_done(). */
struct scratch {
	char dir[64];
};

static const char *tool(void)
{
	const char *p = getenv("NDISLINT");

	if (p == NULL || *p == '\0') {
		fprintf(stderr, "check_hostile: NDISLINT not set, skipping\n");
		return NULL;
	}
	return p;
}

static void scratch_init(struct scratch *s)
{
	snprintf(s->dir, sizeof s->dir, "/tmp/ndislint-hostile-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(s->dir));
}

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

static void scratch_done(struct scratch *s)
{
	nftw(s->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *spath(const struct scratch *s, const char *name,
			 char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", s->dir, name);
	return buf;
}

/* Reads a whole file (NUL-terminated; "" when missing). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t size = 0, n;
	char chunk[8192];

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

/* A growing text buffer for the generators. */
struct text {
	char *s;
	size_t len, cap;
};

static void text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = t->cap - t->len;
		va_start(ap, fmt);
		n = vsnprintf(t->s ? t->s + t->len : NULL, room, fmt, ap);
		va_end(ap);
		ck_assert(n >= 0);
		if ((size_t)n < room)
			break;
		t->cap = t->cap ? t->cap * 2 + (size_t)n : 4096 + (size_t)n;
		t->s = realloc(t->s, t->cap);
		ck_assert_ptr_nonnull(t->s);
	}
	t->len += (size_t)n;
}

static void text_write(struct text *t, const char *path)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot create %s", path);
	ck_assert_uint_eq(fwrite(t->s, 1, t->len, f), t->len);
	ck_assert_int_eq(fclose(f), 0);
	free(t->s);
	memset(t, 0, sizeof *t);
}

static void put_bytes(const char *path, const char *bytes, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot create %s", path);
	ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Child side: output to files, a private result cache, optionally no
 * root (for the unreadable-file case), then exec; never returns. */
static void child(const struct scratch *s, const char *out, const char *err,
		  char **argv, bool drop_root)
{
	int in = open("/dev/null", O_RDONLY);
	int o = open(out, O_WRONLY | O_TRUNC);
	int e = open(err, O_WRONLY | O_TRUNC);
	char cache[128];

	if (in < 0 || o < 0 || e < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 ||
	    dup2(e, 2) < 0)
		_exit(127);
	snprintf(cache, sizeof cache, "%s/cache", s->dir);
	setenv("XDG_CACHE_HOME", cache, 1);
	if (chdir(s->dir) != 0)
		_exit(127);
	if (drop_root && geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
		_exit(127);
	execv(argv[0], argv);
	_exit(127);
}

/* Copies the binary under test to dst, executable by anyone: the
 * unreadable-file case runs it as nobody, who may not be able to reach it
 * where it was built (a clone in a mode-0700 directory, say). */
static void copy_tool(const char *dst)
{
	FILE *in = fopen(getenv("NDISLINT"), "rb");
	FILE *out = fopen(dst, "wb");
	char buf[65536];
	size_t n;

	ck_assert_msg(in != NULL && out != NULL, "cannot copy the tool to %s", dst);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
	ck_assert(!ferror(in));
	fclose(in);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_int_eq(chmod(dst, 0755), 0);
}

/* Runs the binary with args (NULL-terminated) in the scratch directory;
 * measures wall time and the child's peak RSS; kills it after
 * KILL_SECONDS. */
static struct hrun run_opts(const struct scratch *s, const char *const *args,
			    bool drop_root)
{
	struct hrun r = { -1, 0, 0, 0, NULL, NULL };
	char out[128], err[128];
	char *argv[32];
	struct timespec t0, t1, nap = { 0, 5 * 1000 * 1000 };
	struct rusage ru;
	int status = 0, n = 0, fd;
	pid_t pid, w = 0;

	spath(s, ".out", out, sizeof out);
	spath(s, ".err", err, sizeof err);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	ck_assert(fd >= 0);
	close(fd);
	fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	ck_assert(fd >= 0);
	close(fd);
	argv[n++] = (char *)getenv("NDISLINT");
	char copy[128];
	if (drop_root && geteuid() == 0) {
		copy_tool(spath(s, ".ndislint-copy", copy, sizeof copy));
		argv[0] = copy;
	}
	for (; args[n - 1] != NULL && n < 31; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0)
		child(s, out, err, argv, drop_root);
	for (;;) {
		memset(&ru, 0, sizeof ru);
		w = wait4(pid, &status, WNOHANG, &ru);
		if (w == pid || (w < 0 && errno != EINTR))
			break;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (t1.tv_sec - t0.tv_sec > KILL_SECONDS) {
			kill(pid, SIGKILL);
			w = wait4(pid, &status, 0, &ru);
			break;
		}
		nanosleep(&nap, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r.seconds = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	r.rss_kb = ru.ru_maxrss;
	if (w == pid && WIFEXITED(status))
		r.status = WEXITSTATUS(status);
	else if (w == pid && WIFSIGNALED(status))
		r.signal = WTERMSIG(status);
	r.out = slurp(out);
	r.err = slurp(err);
	fprintf(stderr, "check_hostile: %s: exit %d signal %d, %.2f s, %ld MB\n",
		args[1] ? args[1] : args[0], r.status, r.signal, r.seconds,
		r.rss_kb / 1024);
	return r;
}

static struct hrun run(const struct scratch *s, const char *const *args)
{
	return run_opts(s, args, false);
}

static void hrun_free(struct hrun *r)
{
	free(r->out);
	free(r->err);
}

/* Never a signal, within the limits. */
static void assert_bounded(const struct hrun *r)
{
	ck_assert_msg(r->signal == 0, "killed by signal %d; stderr: %.300s",
		      r->signal, r->err);
	ck_assert_msg(r->status >= 0 && r->status <= 2, "exit %d; stderr: %.300s",
		      r->status, r->err);
	ck_assert_msg(r->seconds <= LIMIT_SECONDS * HOSTILE_SLOWDOWN,
		      "took %.1f s (limit %d s)", r->seconds,
		      LIMIT_SECONDS * HOSTILE_SLOWDOWN);
	ck_assert_msg(r->rss_kb <= (long)LIMIT_RSS_MB * HOSTILE_SLOWDOWN * 1024,
		      "peak RSS %ld MB (limit %d MB)", r->rss_kb / 1024,
		      LIMIT_RSS_MB * HOSTILE_SLOWDOWN);
}

/* Exit 2 with exactly one stderr line "ndislint: ..." holding needle. */
static void assert_error(const struct hrun *r, const char *needle)
{
	size_t len = strlen(r->err);

	assert_bounded(r);
	ck_assert_msg(r->status == 2, "exit %d, expected 2; stderr: %.300s",
		      r->status, r->err);
	ck_assert_msg(strncmp(r->err, "ndislint: ", 10) == 0 && len > 0 &&
		      r->err[len - 1] == '\n' &&
		      memchr(r->err, '\n', len - 1) == NULL,
		      "not one 'ndislint: ' line: %.300s", r->err);
	if (needle != NULL)
		ck_assert_msg(strstr(r->err, needle) != NULL,
			      "stderr lacks '%s': %.300s", needle, r->err);
}

/* Exit 1 and `needle` ("FILE:LINE:COL: ... [RULE]" part) in stdout. */
static void assert_finding(const struct hrun *r, const char *needle)
{
	assert_bounded(r);
	ck_assert_msg(r->status == 1, "exit %d, expected 1; stderr: %.300s",
		      r->status, r->err);
	ck_assert_msg(strstr(r->out, needle) != NULL,
		      "stdout lacks '%s': %.500s", needle, r->out);
}

/* ------------------------------------------------------------------ */
/* Generated drivers                                                    */

/* The driver's head: a miniport registered at line 9, column 6, whose
 * failure returns at once; the caller goes on from line 11. */
static void driver_head(struct text *t)
{
	text_add(t, "#include <ndis.h>\n"                          /* 1 */
		 "NDIS_HANDLE H;\n"                                /* 2 */
		 "NDIS_STATUS DriverEntry(PDRIVER_OBJECT D, PUNICODE_STRING R)\n"
		 "{\n"                                             /* 4 */
		 "\tNDIS_MINIPORT_DRIVER_CHARACTERISTICS C;\n"     /* 5 */
		 "\tNDIS_STATUS S;\n"                              /* 6 */
		 "\tint x = 0;\n"                                  /* 7 */
		 "\tNdisZeroMemory(&C, sizeof(C));\n"              /* 8 */
		 "\tS = NdisMRegisterMiniportDriver(D, R, NULL, &C, &H);\n"
		 "\tif (S != NDIS_STATUS_SUCCESS) return S;\n");   /* 10 */
}

/* 10,000 nested ifs inside DriverEntry, then a failing return: found. */
START_TEST(nested_ifs_in_entry)
{
	struct scratch s;
	struct text t = { 0 };
	char p[128], want[64];
	const char *args[] = { "check", "nested.c", NULL };
	enum { N = 10000 };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	driver_head(&t);
	for (int i = 0; i < N; i++)
		text_add(&t, "if (x == %d) {\n", i % 7);
	text_add(&t, "x++;\n");
	for (int i = 0; i < N; i++)
		text_add(&t, "}\n");
	text_add(&t, "\treturn NDIS_STATUS_FAILURE;\n}\n");
	text_write(&t, spath(&s, "nested.c", p, sizeof p));
	struct hrun r = run(&s, args);
	snprintf(want, sizeof want, "nested.c:%d:2: error:", 11 + 2 * N + 1);
	assert_finding(&r, want);
	ck_assert(strstr(r.out, "[miniport-deregister-on-error]") != NULL);
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* 10,000 nested ifs in a helper defined before DriverEntry: clang's
 * default bracket depth (256) would cut the parse there and DriverEntry
 * would never be seen (a silent pass); it is analyzed. */
START_TEST(nested_ifs_before_entry)
{
	struct scratch s;
	struct text t = { 0 };
	char p[128];
	const char *args[] = { "check", "deep.c", NULL };
	enum { N = 10000 };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	text_add(&t, "int Deep(int x)\n{\n");
	for (int i = 0; i < N; i++)
		text_add(&t, "if (x == %d) {\n", i % 7);
	text_add(&t, "x++;\n");
	for (int i = 0; i < N; i++)
		text_add(&t, "}\n");
	text_add(&t, "return x;\n}\n");
	driver_head(&t);
	text_add(&t, "\tDeep(x);\n\treturn NDIS_STATUS_FAILURE;\n}\n");
	text_write(&t, spath(&s, "deep.c", p, sizeof p));
	struct hrun r = run(&s, args);
	assert_finding(&r, "[miniport-deregister-on-error]");
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* Deeper than the parser's bracket limit (20,000): exit 2 naming where
 * it stopped, never "no entry function" and exit 0. */
START_TEST(nesting_beyond_limit)
{
	struct scratch s;
	struct text t = { 0 };
	char p[128];
	const char *args[] = { "check", "deeper.c", NULL };
	enum { N = 20001 };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	text_add(&t, "int Deep(int x)\n{\n");
	for (int i = 0; i < N; i++)
		text_add(&t, "if (x) {\n");
	for (int i = 0; i < N; i++)
		text_add(&t, "}\n");
	text_add(&t, "return x;\n}\n");
	driver_head(&t);
	text_add(&t, "\treturn S;\n}\n");
	text_write(&t, spath(&s, "deeper.c", p, sizeof p));
	struct hrun r = run(&s, args);
	assert_error(&r, "the parser stopped here");
	ck_assert(strstr(r.err, "deeper.c:") != NULL);
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* A million nested `!`: beyond the parser's stack; exit 2 with a reason
 * (the parse thread's crash becomes an error), never a signal. */
START_TEST(nesting_beyond_stack)
{
	struct scratch s;
	struct text t = { 0 };
	char p[128];
	const char *args[] = { "check", "nots.c", NULL };
	enum { N = 1000000 };
	char *bangs = malloc(N + 1);

	if (tool() == NULL) {
		free(bangs);
		return;
	}
	ck_assert_ptr_nonnull(bangs);
	memset(bangs, '!', N);
	bangs[N] = '\0';
	scratch_init(&s);
	driver_head(&t);
	text_add(&t, "\tif (%s(S == 0)) return NDIS_STATUS_FAILURE;\n\treturn S;\n}\n",
		 bangs);
	free(bangs);
	text_write(&t, spath(&s, "nots.c", p, sizeof p));
	struct hrun r = run(&s, args);
	if (r.status == 2)
		assert_error(&r, "nots.c");
	else
		assert_bounded(&r);
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* One function of 200,000 lines. */
START_TEST(long_function)
{
	struct scratch s;
	struct text t = { 0 };
	char p[128], want[64];
	const char *args[] = { "check", "long.c", NULL };
	enum { N = 200000 };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	driver_head(&t);
	for (int i = 0; i < N; i++)
		text_add(&t, "\tx = x + %d;\n", i % 13);
	text_add(&t, "\treturn NDIS_STATUS_FAILURE;\n}\n");
	text_write(&t, spath(&s, "long.c", p, sizeof p));
	struct hrun r = run(&s, args);
	snprintf(want, sizeof want, "long.c:%d:2: error:", 11 + N);
	assert_finding(&r, want);
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* 10,000 labels and as many gotos, jumping all over. */
START_TEST(labels_and_gotos)
{
	struct scratch s;
	struct text t = { 0 };
	char p[128];
	const char *args[] = { "check", "labels.c", NULL };
	enum { N = 10000 };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	driver_head(&t);
	text_add(&t, "\tx = R->Length;\n");
	for (int i = 0; i < N; i++)
		text_add(&t, "L%d: if (x == %d) goto L%d;\n", i, i % 5,
			 (int)(((long)i * 7919) % N));
	text_add(&t, "\treturn NDIS_STATUS_FAILURE;\n}\n");
	text_write(&t, spath(&s, "labels.c", p, sizeof p));
	struct hrun r = run(&s, args);
	assert_finding(&r, "[miniport-deregister-on-error]");
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* 100 helpers calling each other in a ring (and across it); the one that
 * DriverEntry calls deregisters: no finding on that path. */
START_TEST(mutual_recursion)
{
	struct scratch s;
	struct text t = { 0 };
	char p[128];
	const char *args[] = { "check", "ring.c", NULL };
	enum { N = 100 };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	text_add(&t, "#include <ndis.h>\nNDIS_HANDLE H;\n");
	for (int i = 0; i < N; i++)
		text_add(&t, "int h%d(int v);\n", i);
	for (int i = 0; i < N; i++)
		text_add(&t, "int h%d(int v) { if (v > %d) return h%d(v - 1) + "
			 "h%d(v); return v; }\n", i, i, (i + 1) % N, (i + 37) % N);
	driver_head(&t);
	text_add(&t, "\tx = R->Length;\n");
	text_add(&t, "\tif (h0(x) < 0) return NDIS_STATUS_FAILURE;\n\treturn S;\n}\n");
	text_write(&t, spath(&s, "ring.c", p, sizeof p));
	struct hrun r = run(&s, args);
	assert_finding(&r, "[miniport-deregister-on-error]");
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* Handlers reached through a table that points into itself, and a
 * characteristics object whose handler field points at itself: the
 * handlers are there but unknown, so nothing is claimed about them (no
 * "no unload handler is registered"). */
START_TEST(self_referencing_table)
{
	static const char src[] =
		"#include <ndis.h>\n"
		"NDIS_HANDLE H;\n"
		"MINIPORT_DRIVER_UNLOAD MpUnload;\n"
		"MINIPORT_INITIALIZE MpInit;\n"
		"struct TABLE { struct TABLE *Self; MINIPORT_DRIVER_UNLOAD *Unload;"
		" MINIPORT_INITIALIZE *Init; };\n"
		"struct TABLE Tab = { &Tab, MpUnload, MpInit };\n"
		"NDIS_MINIPORT_DRIVER_CHARACTERISTICS G = { .UnloadHandler = "
		"(MINIPORT_DRIVER_UNLOAD *)&G };\n"
		"VOID MpUnload(PDRIVER_OBJECT D) { UNREFERENCED_PARAMETER(D); "
		"NdisMDeregisterMiniportDriver(H); }\n"
		"NDIS_STATUS MpInit(NDIS_HANDLE a, NDIS_HANDLE b, "
		"PNDIS_MINIPORT_INIT_PARAMETERS p) { return NDIS_STATUS_SUCCESS; }\n"
		"NDIS_STATUS DriverEntry(PDRIVER_OBJECT D, PUNICODE_STRING R)\n"
		"{\n"
		"\tNDIS_MINIPORT_DRIVER_CHARACTERISTICS C;\n"
		"\tNdisZeroMemory(&C, sizeof(C));\n"
		"\tC.UnloadHandler = Tab.Self->Self->Self->Unload;\n"
		"\tC.InitializeHandlerEx = Tab.Self->Init;\n"
		"\tG.InitializeHandlerEx = (MINIPORT_INITIALIZE *)G.UnloadHandler;\n"
		"\treturn NdisMRegisterMiniportDriver(D, R, NULL, &C, &H);\n"
		"}\n";
	struct scratch s;
	char p[128];
	const char *args[] = { "check", "selfref.c", NULL };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	put_bytes(spath(&s, "selfref.c", p, sizeof p), src, sizeof src - 1);
	struct hrun r = run(&s, args);
	assert_bounded(&r);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.out);
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* The characteristics zeroed byte by byte and their handlers copied in a
 * loop through a pointer: unknown handlers, no claim that none is
 * registered. */
START_TEST(characteristics_filled_in_loop)
{
	static const char src[] =
		"#include <ndis.h>\n"
		"NDIS_HANDLE H;\n"
		"MINIPORT_DRIVER_UNLOAD MpUnload;\n"
		"MINIPORT_INITIALIZE MpInit;\n"
		"VOID MpUnload(PDRIVER_OBJECT D) { UNREFERENCED_PARAMETER(D); "
		"NdisMDeregisterMiniportDriver(H); }\n"
		"NDIS_STATUS MpInit(NDIS_HANDLE a, NDIS_HANDLE b, "
		"PNDIS_MINIPORT_INIT_PARAMETERS p) { return NDIS_STATUS_SUCCESS; }\n"
		"static const PVOID Handlers[2] = { (PVOID)MpInit, (PVOID)MpUnload };\n"
		"NDIS_STATUS DriverEntry(PDRIVER_OBJECT D, PUNICODE_STRING R)\n"
		"{\n"
		"\tNDIS_MINIPORT_DRIVER_CHARACTERISTICS C;\n"
		"\tULONG i;\n"
		"\tfor (i = 0; i < sizeof(C); i++)\n"
		"\t\t((PUCHAR)&C)[i] = 0;\n"
		"\tfor (i = 0; i < 2; i++)\n"
		"\t\t((PVOID *)&C.InitializeHandlerEx)[i] = Handlers[i];\n"
		"\treturn NdisMRegisterMiniportDriver(D, R, NULL, &C, &H);\n"
		"}\n";
	struct scratch s;
	char p[128];
	const char *args[] = { "check", "loop.c", NULL };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	put_bytes(spath(&s, "loop.c", p, sizeof p), src, sizeof src - 1);
	struct hrun r = run(&s, args);
	assert_bounded(&r);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.out);
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* A macro whose expansion is over a megabyte (350,000 terms). */
START_TEST(megabyte_macro)
{
	struct scratch s;
	struct text t = { 0 };
	char p[128];
	const char *args[] = { "check", "big.c", NULL };
	enum { N = 350000 };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	text_add(&t, "#define BIG 1");
	for (int i = 1; i < N; i++)
		text_add(&t, " + 1");
	text_add(&t, "\n");
	driver_head(&t);        /* lines 2..11 */
	text_add(&t, "\tx = BIG;\n\tif (x) return NDIS_STATUS_FAILURE;\n"
		 "\treturn S;\n}\n");
	ck_assert(t.len > 1000000);
	text_write(&t, spath(&s, "big.c", p, sizeof p));
	struct hrun r = run(&s, args);
	assert_finding(&r, "big.c:13:9: error:");
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* NUL bytes: not C source, exit 2. */
START_TEST(nul_bytes)
{
	struct scratch s;
	char p[128];
	const char *args[] = { "check", "nul.c", NULL };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	put_bytes(spath(&s, "nul.c", p, sizeof p), "int a;\n\0int b;\n", 15);
	struct hrun r = run(&s, args);
	assert_error(&r, "NUL");
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* Non-UTF-8 bytes in comments, strings and a suppression reason, CRLF
 * line endings: the same finding at the same line and column as with LF,
 * and SARIF, JSON and HTML that are valid UTF-8. */
START_TEST(non_utf8_and_crlf)
{
	static const char src[] =
		"#include <ndis.h>\r\n"
		"/* caf\xe9 \xff\xfe */\r\n"
		"NDIS_HANDLE H;\r\n"
		"NDIS_STATUS DriverEntry(PDRIVER_OBJECT D, PUNICODE_STRING R)\r\n"
		"{\r\n"
		"\tNDIS_MINIPORT_DRIVER_CHARACTERISTICS C;\r\n"
		"\tNDIS_STATUS S;\r\n"
		"\tconst char *m = \"\xc3\x28 bad \x80\";\r\n"
		"\tNdisZeroMemory(&C, sizeof(C));\r\n"
		"\tS = NdisMRegisterMiniportDriver(D, R, NULL, &C, &H);\r\n"
		"\tif (S != NDIS_STATUS_SUCCESS) return S;\r\n"
		"\tif (m[0]) return NDIS_STATUS_FAILURE; /* \xe9t\xe9 \xff */\r\n"
		"\treturn S;\r\n"
		"}\r\n";
	static const char *const formats[] = { "sarif", "json" };
	struct scratch s;
	char p[128], html[128];
	const char *args[] = { "check", "u8.c", NULL };
	const char *fmt_args[] = { "check", "--format", NULL, "u8.c", NULL };
	const char *html_args[] = { "check", "--html", "report", "u8.c", NULL };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	put_bytes(spath(&s, "u8.c", p, sizeof p), src, sizeof src - 1);
	struct hrun r = run(&s, args);
	assert_finding(&r, "u8.c:12:12: error:");
	ck_assert(strstr(r.out, "[miniport-deregister-on-error]") != NULL);
	hrun_free(&r);
	for (size_t i = 0; i < 2; i++) {
		fmt_args[2] = formats[i];
		r = run(&s, fmt_args);
		assert_bounded(&r);
		ck_assert_int_eq(r.status, 1);
		for (const unsigned char *c = (const unsigned char *)r.out; *c; c++)
			ck_assert_msg(*c < 0x80, "%s output has a raw byte 0x%02x",
				      formats[i], *c);
		hrun_free(&r);
	}
	r = run(&s, html_args);
	assert_bounded(&r);
	ck_assert_int_eq(r.status, 1);
	hrun_free(&r);
	char *page = slurp(spath(&s, "report/index.html", html, sizeof html));
	ck_assert(strlen(page) > 0);
	free(page);
	scratch_done(&s);
}
END_TEST

/* Inputs that are not regular readable files: exit 2 each. */
START_TEST(not_regular_files)
{
	struct scratch s;
	char fifo[128], secret[128];
	const char *dir_args[] = { "check", ".", NULL };
	const char *fifo_args[] = { "check", "pipe.c", NULL };
	const char *secret_args[] = { "check", "secret.c", NULL };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	struct hrun r = run(&s, dir_args);
	assert_error(&r, "directory");
	hrun_free(&r);

	ck_assert_int_eq(mkfifo(spath(&s, "pipe.c", fifo, sizeof fifo), 0600), 0);
	r = run(&s, fifo_args);
	assert_error(&r, "FIFO");
	hrun_free(&r);

	/* As root, the child drops to nobody to find the file unreadable. */
	put_bytes(spath(&s, "secret.c", secret, sizeof secret), "int x;\n", 7);
	ck_assert_int_eq(chmod(secret, 0), 0);
	ck_assert_int_eq(chmod(s.dir, 0777), 0);
	r = run_opts(&s, secret_args, true);
	assert_error(&r, "secret.c");
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* A compilation database that is malformed, or names files that do not
 * exist: exit 2 with a reason. */
START_TEST(bad_compilation_database)
{
	struct scratch s;
	char p[128], db[160];
	const char *args[] = { "check", "-p", "build", NULL };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	ck_assert_int_eq(mkdir(spath(&s, "build", p, sizeof p), 0755), 0);
	snprintf(db, sizeof db, "%s/compile_commands.json", p);
	put_bytes(db, "[{\"directory\": \"/\", \"file\": ", 28);
	struct hrun r = run(&s, args);
	assert_error(&r, "compile_commands.json");
	hrun_free(&r);

	static const char missing[] =
		"[{\"directory\": \"/nonexistent-ndislint\", \"file\": \"gone.c\", "
		"\"arguments\": [\"cc\", \"-c\", \"gone.c\"]}]";
	put_bytes(db, missing, sizeof missing - 1);
	r = run(&s, args);
	assert_error(&r, "gone.c");
	hrun_free(&r);
	scratch_done(&s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The fuzzer's findings, kept                                          */

/* Every file of tests/fuzz-regressions/ (a crashing input of the fuzz
 * harness) through the normal binary: never a signal; the exit status in
 * NAME.exit when there is one; a one-line reason with exit 2. */
START_TEST(fuzz_regressions)
{
	const char *root = getenv("NDISLINT_ROOT");
	char dir[512];
	DIR *d;
	struct dirent *e;
	int n = 0;

	if (tool() == NULL || root == NULL)
		return;
	snprintf(dir, sizeof dir, "%s/tests/fuzz-regressions", root);
	d = opendir(dir);
	ck_assert_msg(d != NULL, "no %s", dir);
	while ((e = readdir(d)) != NULL) {
		char src[1024], expect[1100], copy[160];
		const char *args[] = { "check", "input.c", NULL };
		struct scratch s;
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.' || (len > 5 && strcmp(e->d_name + len - 5, ".exit") == 0) ||
		    strcmp(e->d_name, "README.md") == 0)
			continue;
		snprintf(src, sizeof src, "%s/%s", dir, e->d_name);
		snprintf(expect, sizeof expect, "%s.exit", src);
		char *text = slurp(src);
		char *want = slurp(expect);
		scratch_init(&s);
		put_bytes(spath(&s, "input.c", copy, sizeof copy), text, strlen(text));
		struct hrun r = run(&s, args);
		assert_bounded(&r);
		if (want[0] != '\0')
			ck_assert_msg(r.status == atoi(want), "%s: exit %d, expected %d",
				      e->d_name, r.status, atoi(want));
		if (r.status == 2)
			assert_error(&r, NULL);
		hrun_free(&r);
		free(text);
		free(want);
		scratch_done(&s);
		n++;
	}
	closedir(d);
	ck_assert_int_gt(n, 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Security                                                             */

/* Sources named with `..`, quotes and markup: the HTML report holds only
 * its own names (index, finding-N, rule-NAME, marker) and nothing is
 * written outside it. */
START_TEST(report_names_stay_inside)
{
	static const char src[] =
		"#include <ndis.h>\nNDIS_HANDLE H;\n"
		"NDIS_STATUS DriverEntry(PDRIVER_OBJECT D, PUNICODE_STRING R)\n"
		"{\n\tNDIS_MINIPORT_DRIVER_CHARACTERISTICS C;\n"
		"\tNdisZeroMemory(&C, sizeof(C));\n"
		"\treturn NdisMRegisterMiniportDriver(D, R, NULL, &C, &H);\n}\n";
	struct scratch s;
	char p[256], abs[256];
	const char *rel_args[] = { "check", "--html", "out/report",
				   "sub/../x/..%2f<b>\"'.c", NULL };
	const char *abs_args[] = { "check", "--html", "out/report", abs, NULL };

	if (tool() == NULL)
		return;
	scratch_init(&s);
	ck_assert_int_eq(mkdir(spath(&s, "sub", p, sizeof p), 0755), 0);
	ck_assert_int_eq(mkdir(spath(&s, "out", p, sizeof p), 0755), 0);
	ck_assert_int_eq(mkdir(spath(&s, "x", p, sizeof p), 0755), 0);
	put_bytes(spath(&s, "x/..%2f<b>\"'.c", abs, sizeof abs), src, sizeof src - 1);
	/* a relative name with `..` in it, then an absolute one (the second
	 * run rewrites the first one's report) */
	struct hrun r = run(&s, rel_args);
	assert_bounded(&r);
	ck_assert_int_eq(r.status, 1);
	hrun_free(&r);
	r = run(&s, abs_args);
	assert_bounded(&r);
	ck_assert_int_eq(r.status, 1);
	hrun_free(&r);

	DIR *d = opendir(spath(&s, "out/report", p, sizeof p));
	struct dirent *e;
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		bool ok = strcmp(n, ".") == 0 || strcmp(n, "..") == 0 ||
			  strcmp(n, "index.html") == 0 ||
			  strcmp(n, ".ndislint-report") == 0 ||
			  strncmp(n, "finding-", 8) == 0 || strncmp(n, "rule-", 5) == 0;
		ck_assert_msg(ok, "unexpected report file %s", n);
		ck_assert_msg(strchr(n, '<') == NULL && strchr(n, '"') == NULL &&
			      strchr(n, '%') == NULL, "report file %s", n);
	}
	closedir(d);
	d = opendir(spath(&s, "out", p, sizeof p));
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		ck_assert_msg(e->d_name[0] == '.' || strcmp(e->d_name, "report") == 0,
			      "stray file out/%s", e->d_name);
	closedir(d);
	/* the file name is escaped wherever the index shows it */
	char *page = slurp(spath(&s, "out/report/index.html", p, sizeof p));
	ck_assert(strstr(page, "<b>\"'.c") == NULL);
	ck_assert(strstr(page, "&lt;b&gt;") != NULL);
	free(page);
	scratch_done(&s);
}
END_TEST

/* Markup in every string the HTML report shows (file names, messages,
 * steps, fix-its, notes, suppression reasons, function names, previous
 * runs' descriptions, the run label, a rule name not in the registry)
 * and in the source lines it quotes: no page of the report holds it raw. */
START_TEST(html_escapes_every_string)
{
	static const char evil[] = "<x-evil a='1'>\"&";
	struct scratch s;
	char src[256], dir[256], err[512];
	struct findings fs;
	struct finding *f;
	struct finding *g;
	const char *prev[1] = { "0000" };
	const char *prev_desc[1] = { "<x-evil>gone</x-evil>" };

	scratch_init(&s);
	spath(&s, "<x-evil>.c", src, sizeof src);
	static const char text[] = "int <x-evil>;\n/* <x-evil> */\nint y;\n";
	put_bytes(src, text, sizeof text - 1);
	findings_init(&fs);
	f = findings_add(&fs, "miniport-deregister-on-error", SEV_ERROR, src, 1, 5,
			 "<x-evil>fn", "message %s", evil);
	finding_add_step(f, src, 2, 1, "step %s", evil);
	finding_add_fixit(f, src, 3, 1, "<x-evil>();\n", "fix <x-evil>");
	g = findings_add(&fs, "<x-evil-rule>", SEV_WARNING, src, 3, 1, "fn",
			 "other %s", evil);
	g->suppressed = true;
	g->suppress_reason = strdup("reason <x-evil>");
	findings_note(&fs, src, 1, 1, "note %s", evil);
	findings_note(&fs, NULL, 0, 0, "run note %s", evil);
	findings_sort(&fs);
	struct html_input in = {
		.fs = &fs,
		.previous = prev,
		.nprevious = 1,
		.previous_desc = prev_desc,
		.source_root = s.dir,
		.tool_version = "<x-evil>",
		.run_label = "<x-evil> label",
		.nfiles = 1,
	};
	spath(&s, "report", dir, sizeof dir);
	ck_assert_msg(html_write(dir, &in, err, sizeof err) == 0, "%s", err);
	findings_free(&fs);

	DIR *d = opendir(dir);
	struct dirent *e;
	int pages = 0;
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		char page[512];
		if (e->d_name[0] == '.')
			continue;
		snprintf(page, sizeof page, "%s/%s", dir, e->d_name);
		char *text = slurp(page);
		ck_assert_msg(strstr(text, "<x-evil") == NULL,
			      "%s shows '<x-evil' raw", e->d_name);
		free(text);
		pages++;
	}
	closedir(d);
	ck_assert_int_gt(pages, 2);
	scratch_done(&s);
}
END_TEST

/* Blanks comments, string and character literals of C source in place. */
static void strip_c(char *s)
{
	for (char *p = s; *p; p++) {
		if (p[0] == '/' && p[1] == '*') {
			char *end = strstr(p + 2, "*/");
			char *stop = end ? end + 2 : p + strlen(p);
			memset(p, ' ', (size_t)(stop - p));
			p = stop - 1;
		} else if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				*p++ = ' ';
			if (!*p)
				break;
		} else if (*p == '"' || *p == '\'') {
			char q = *p;
			*p++ = ' ';
			while (*p && *p != q) {
				if (*p == '\\' && p[1])
					*p++ = ' ';
				*p++ = ' ';
			}
			if (!*p)
				break;
			*p = ' ';
		}
	}
}

/* Does `code` call `name(`?  (an identifier boundary on the left) */
static bool calls(const char *code, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strstr(code, name); p; p = strstr(p + 1, name)) {
		const char *q = p + n;
		bool left = p == code || !(p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') ||
					   (p[-1] >= 'A' && p[-1] <= 'Z') ||
					   (p[-1] >= '0' && p[-1] <= '9'));
		while (*q == ' ' || *q == '\t')
			q++;
		if (left && *q == '(')
			return true;
	}
	return false;
}

/* No shell and no unsafe temporary file anywhere in the tool's sources:
 * no system(), popen(), exec*(), posix_spawn*(), tmpnam(), tempnam(),
 * mktemp() or tmpfile() (temporary files come from mkstemp/mkdtemp or
 * O_EXCL). */
START_TEST(no_shell_no_unsafe_tmp)
{
	static const char *const dirs[] = { "analyzer", "engine", "rules",
					    "reports", "cli" };
	static const char *const banned[] = {
		"system", "popen", "execl", "execlp", "execle", "execv", "execvp",
		"execvpe", "execve", "fexecve", "posix_spawn", "posix_spawnp",
		"tmpnam", "tempnam", "mktemp", "tmpfile",
	};
	const char *root = getenv("NDISLINT_ROOT");
	int files = 0;

	if (root == NULL) {
		fprintf(stderr, "check_hostile: NDISLINT_ROOT not set, skipping\n");
		return;
	}
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		char dir[512];
		DIR *d;
		struct dirent *e;

		snprintf(dir, sizeof dir, "%s/%s", root, dirs[i]);
		d = opendir(dir);
		ck_assert_msg(d != NULL, "no %s", dir);
		while ((e = readdir(d)) != NULL) {
			size_t len = strlen(e->d_name);
			char path[1024];

			if (len < 3 || (strcmp(e->d_name + len - 2, ".c") != 0 &&
					strcmp(e->d_name + len - 2, ".h") != 0))
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			char *code = slurp(path);
			strip_c(code);
			for (size_t k = 0; k < sizeof banned / sizeof banned[0]; k++)
				ck_assert_msg(!calls(code, banned[k]), "%s calls %s()",
					      path, banned[k]);
			free(code);
			files++;
		}
		closedir(d);
	}
	ck_assert_int_gt(files, 20);
}
END_TEST

Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *big = tcase_create("big");
	TCase *odd = tcase_create("odd");
	TCase *sec = tcase_create("security");

	tcase_set_timeout(big, KILL_SECONDS * 2);
	tcase_add_test(big, nested_ifs_in_entry);
	tcase_add_test(big, nested_ifs_before_entry);
	tcase_add_test(big, nesting_beyond_limit);
	tcase_add_test(big, nesting_beyond_stack);
	tcase_add_test(big, long_function);
	tcase_add_test(big, labels_and_gotos);
	tcase_add_test(big, mutual_recursion);
	tcase_add_test(big, megabyte_macro);
	suite_add_tcase(s, big);

	tcase_set_timeout(odd, KILL_SECONDS);
	tcase_add_test(odd, self_referencing_table);
	tcase_add_test(odd, characteristics_filled_in_loop);
	tcase_add_test(odd, nul_bytes);
	tcase_add_test(odd, non_utf8_and_crlf);
	tcase_add_test(odd, not_regular_files);
	tcase_add_test(odd, bad_compilation_database);
	tcase_add_test(odd, fuzz_regressions);
	suite_add_tcase(s, odd);

	tcase_set_timeout(sec, KILL_SECONDS);
	tcase_add_test(sec, report_names_stay_inside);
	tcase_add_test(sec, html_escapes_every_string);
	tcase_add_test(sec, no_shell_no_unsafe_tmp);
	suite_add_tcase(s, sec);
	return s;
}
