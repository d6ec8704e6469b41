/*
 * fuzz_driver.c - libFuzzer harness: arbitrary bytes as one driver source,
 * through everything `ndislint check` does with it.
 *
 * Each input is written to a private temporary directory (the writers,
 * suppressions and fingerprints read the source back from disk) and parsed
 * from memory as an unsaved file, with the bundled headers as a
 * precompiled header built once at start-up.  Then: the program and every
 * driver of it (DriverEntry), the path engine, every rule, suppressions,
 * and every writer: text, SARIF and JSON into /dev/null, the HTML report
 * into the temporary directory (rewritten each time) and the SQLite store
 * into a fresh database file.  Each input is also parsed as two halves
 * (analyzer/fe_split.c), whose model must be the whole parse's, and the
 * scan for function bodies is checked on it.
 *
 * As in the command line, an input holding a NUL byte is refused (exit 2
 * there) and a parse that fails is an error with a reason, never a crash.
 * Build and run: `make fuzz` (FUZZ_SECONDS, FUZZ_ARGS).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analyzer/fe_split.h"
#include "../analyzer/frontend.h"
#include "../analyzer/model_dump.h"
#include "../analyzer/program.h"
#include "../cli/cli.h"
#include "../engine/engine.h"
#include "../reports/html.h"
#include "../reports/report.h"
#include "../reports/store.h"
#include "../rules/rule.h"

/* What stays the same across inputs (set up once, in fuzz_setup). */
struct fuzz_env {
	char dir[PATH_MAX];          /* private temporary directory */
	char source[PATH_MAX];       /* dir/driver.c */
	char pch[PATH_MAX];          /* dir/ndis.pch */
	char html[PATH_MAX];         /* dir/report */
	char db[PATH_MAX];           /* dir/runs.db */
	const char *include_dir;
	char include_buf[PATH_MAX];
	FILE *null;                  /* /dev/null */
	bool ready;
	bool guarded;                /* frontend_guard_crashes done */
	long split, whole;           /* inputs parsed as two halves, or not */
};

/* The one process-wide state of the harness: libFuzzer's entry points
 * take no context argument. */
static struct fuzz_env fuzz_env;

/* Removes the files of a flat directory, then the directory. */
static void fuzz_remove_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char p[PATH_MAX];

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", path, e->d_name);
		if (unlink(p) != 0 && errno == EISDIR)
			fuzz_remove_dir(p);     /* one level: the HTML report */
	}
	closedir(d);
	rmdir(path);
}

/* Removes the temporary directory at exit. */
static void fuzz_cleanup(void)
{
	/* how much of the run the split comparison covered */
	if (fuzz_env.split + fuzz_env.whole > 0)
		fprintf(stderr, "fuzz: %ld inputs parsed as two halves too, %ld not "
			"(fewer than two bodies, or an error)\n", fuzz_env.split,
			fuzz_env.whole);
	if (fuzz_env.ready)
		fuzz_remove_dir(fuzz_env.dir);
	if (fuzz_env.null != NULL)
		fclose(fuzz_env.null);
}

/* Makes the temporary directory and the precompiled header. */
static void fuzz_setup(void)
{
	struct fuzz_env *e = &fuzz_env;
	const char *tmp = getenv("TMPDIR");
	char err[1024];

	snprintf(e->dir, sizeof e->dir, "%s/ndislint-fuzz-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(e->dir) == NULL) {
		perror("fuzz: mkdtemp");
		exit(1);
	}
	e->ready = true;
	atexit(fuzz_cleanup);
	snprintf(e->source, sizeof e->source, "%s/driver.c", e->dir);
	snprintf(e->pch, sizeof e->pch, "%s/ndis.pch", e->dir);
	snprintf(e->html, sizeof e->html, "%s/report", e->dir);
	snprintf(e->db, sizeof e->db, "%s/runs.db", e->dir);
	e->include_dir = frontend_default_include_dir(e->include_buf,
						      sizeof e->include_buf);
	e->null = fopen("/dev/null", "w");
	if (e->null == NULL) {
		perror("fuzz: /dev/null");
		exit(1);
	}

	char stub[PATH_MAX];
	struct parse_options po = { .include_dir = e->include_dir };
	snprintf(stub, sizeof stub, "%s/ndis-pch.h", e->dir);
	if (frontend_build_pch(stub, "#include <ndis.h>\n", &po, e->pch, err,
			       sizeof err) != PARSE_OK) {
		fprintf(stderr, "fuzz: %s\n", err);
		exit(1);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

/* Writes the input where the writers will read it back. */
static bool fuzz_write_source(const uint8_t *data, size_t size)
{
	int fd = open(fuzz_env.source, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW,
		      0600);
	size_t off = 0;

	if (fd < 0)
		return false;
	while (off < size) {
		ssize_t n = write(fd, data + off, size - off);
		if (n <= 0) {
			close(fd);
			return false;
		}
		off += (size_t)n;
	}
	return close(fd) == 0;
}

/* The rules on every driver of the program, as cli/run.c does. */
static void fuzz_analyze(struct program *prog, struct findings *fs)
{
	int *entries = malloc((size_t)(prog->nfns ? prog->nfns : 1) *
			      sizeof *entries);
	int n;

	if (entries == NULL)
		abort();
	n = program_lookup(prog, "DriverEntry", entries, prog->nfns);
	for (int i = 0; i < n; i++) {
		struct driver drv;
		struct engine_result *er;

		driver_init(&drv, prog, entries[i]);
		er = engine_run(&drv);
		drv.engine = er;
		for (size_t k = 0; k < rule_count; k++)
			if (rule_registry[k]->check != NULL)
				rule_registry[k]->check(&drv, fs);
		program_unresolved_note(prog, &drv, 1, fs);
		engine_result_free(er);
		driver_free(&drv);
	}
	free(entries);
}

/* The SQLite store: a fresh database, one run recorded and read back. */
static void fuzz_store(struct findings *fs, char **fps)
{
	struct fuzz_env *e = &fuzz_env;
	char err[1200], path[PATH_MAX + 8];
	const char *files[1] = { e->source };
	struct store_run_input in = {
		.started = "2024-01-01T00:00:00Z",
		.tool_version = "fuzz",
		.rules = "all",
		.source_root = e->dir,
		.files = files,
		.nfiles = 1,
	};
	struct store *st;

	unlink(e->db);
	snprintf(path, sizeof path, "%s-wal", e->db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", e->db);
	unlink(path);
	st = store_open(e->db, false, err, sizeof err);
	if (st == NULL)
		return;
	if (store_record(st, &in, fs, fps, err, sizeof err) > 0) {
		struct findings back;
		struct store_run_info info;

		findings_init(&back);
		memset(&info, 0, sizeof info);
		store_load_run(st, 0, &back, &info, NULL, err, sizeof err);
		findings_free(&back);
		store_run_info_free(&info);
	}
	store_close(st);
}

/* Every writer over the findings. */
static void fuzz_write(struct findings *fs, size_t nfiles)
{
	struct fuzz_env *e = &fuzz_env;
	struct report_options ro = {
		.source_root = e->dir,
		.tool_version = "fuzz",
	};
	struct html_input hi = {
		.fs = fs,
		.source_root = e->dir,
		.tool_version = "fuzz",
		.run_time = 1,
		.nfiles = nfiles,
	};
	char err[1200];
	char **fps;

	findings_sort(fs);
	suppress_apply(fs);
	fps = report_fingerprints(fs, e->dir);
	/* FUZZ_DEBUG=1: the text report on stderr, to check the harness. */
	report_text(getenv("FUZZ_DEBUG") ? stderr : e->null, fs, &ro);
	report_sarif(e->null, fs, rule_registry, rule_count, &ro);
	report_json(e->null, fs, nfiles, &ro);
	report_summary(e->null, fs, nfiles, &ro);
	hi.fingerprints = fps;
	if (html_write(e->html, &hi, err, sizeof err) != 0) {
		fprintf(stderr, "fuzz: html: %s\n", err);
		abort();
	}
	fuzz_store(fs, fps);
	report_fingerprints_free(fps, fs->count);
}

/* The scan for function bodies on any text: bodies are brace blocks in
 * text order, and blanking them all changes no byte outside them, no
 * line end and no preprocessor line. */
static void fuzz_check_scan(const char *text, size_t len)
{
	struct fe_bodies b;
	unsigned prev = 0;
	int d = 0;

	if (!fe_find_bodies(text, len, &b))
		return;
	char *t = fe_blank_bodies(text, len, &b, 0, b.nbodies);
	for (int i = 0; i < b.nbodies; i++) {
		struct fe_span s = b.bodies[i];
		if (s.begin < prev || s.end <= s.begin + 1 || s.end > len ||
		    text[s.begin] != '{' || text[s.end - 1] != '}')
			abort();
		for (unsigned p = prev; p < s.begin; p++)
			if (t[p] != text[p])
				abort();
		for (unsigned p = s.begin; p < s.end; p++) {
			while (d < b.ndirectives && b.directives[d].end <= p)
				d++;
			bool kept = p == s.begin || p == s.end - 1 ||
				    text[p] == '\n' || text[p] == '\r' ||
				    (d < b.ndirectives && p >= b.directives[d].begin);
			if (t[p] != (kept ? text[p] : ' '))
				abort();
		}
		prev = s.end;
	}
	if (memcmp(t + prev, text + prev, len - prev) != 0 || t[len] != '\0')
		abort();
	free(t);
	fe_bodies_free(&b);
}

/* The model as model_dump prints it, malloc'd. */
static char *fuzz_dump(const struct model_file *mf)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		abort();
	model_dump(f, mf);
	fclose(f);
	return buf;
}

/* The same input parsed as two halves (at any size) must give the
 * model of the whole parse, or be parsed whole (analyzer/fe_split.c). */
static void fuzz_check_split(struct parse_options po, const struct model_file *whole)
{
	struct model_file *mf = NULL;
	char err[1024];
	int parts = 0;

	po.threads = 2;
	po.split_min = 1;
	po.parts = &parts;
	if (frontend_parse(fuzz_env.source, &po, &mf, err, sizeof err) != PARSE_OK) {
		fprintf(stderr, "fuzz: the split parse failed where the whole one "
			"did not: %s\n", err);
		abort();
	}
	if (parts != 2) {
		fuzz_env.whole++;
	} else {
		fuzz_env.split++;
		char *a = fuzz_dump(whole), *b = fuzz_dump(mf);
		if (strcmp(a, b) != 0) {
			fprintf(stderr, "fuzz: split model differs:\n--- whole\n%s\n"
				"--- split\n%s\n", a, b);
			abort();
		}
		free(a);
		free(b);
	}
	model_file_free(mf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env *e = &fuzz_env;
	struct parse_options po = {
		.include_dir = e->include_dir,
		.contents = (const char *)data,
		.contents_len = size,
		.pch = e->pch,
	};
	struct model_file *mf = NULL;
	struct findings fs;
	struct program prog;
	char err[1024];

	/* As in the CLI, a crash inside libclang's parse (its bugs are not
	 * ours to fix) ends the process with exit 2 and a reason; libFuzzer
	 * installs its own handlers after LLVMFuzzerInitialize, so this is
	 * done at the first input, and chains to libFuzzer's for any crash
	 * outside the parse. */
	if (!e->guarded) {
		frontend_guard_crashes();
		e->guarded = true;
	}
	if (memchr(data, '\0', size) != NULL)
		return -1;              /* not C source: exit 2 in the CLI */
	if (!fuzz_write_source(data, size))
		abort();
	fuzz_check_scan((const char *)data, size);
	if (frontend_parse(e->source, &po, &mf, err, sizeof err) != PARSE_OK) {
		if (mf != NULL || err[0] == '\0')
			abort();        /* a failure must come with a reason */
		return 0;
	}
	fuzz_check_split(po, mf);
	findings_init(&fs);
	for (int k = 0; k < mf->nnotes; k++)
		findings_note(&fs, mf->notes[k].file, mf->notes[k].line,
			      mf->notes[k].col, "%s", mf->notes[k].message);
	program_init(&prog, &mf, 1, &fs);
	fuzz_analyze(&prog, &fs);
	fuzz_write(&fs, 1);
	program_free(&prog);
	model_file_free(mf);
	findings_free(&fs);
	return 0;
}
