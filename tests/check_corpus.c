/*
 * check_corpus.c - the corpus runner.
 *
 * Every fixture under corpus/ says what it expects with `// expect: RULE`
 * markers on the exact line of each finding (several rules: a comma
 * list).  A .c file directly in a corpus directory is one run; a
 * subdirectory is one run over all its .c files.  The runner runs the
 * built ndislint on each and compares the set of (file, line, rule) it
 * reports with the set of markers, exactly, printing what was expected but
 * not seen and what was seen but not expected.  Markers for rules that are
 * not in the registry yet (a later issue builds them) are left out of the
 * comparison, and the fixtures using them are counted in a note.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../rules/rule.h"
#include "suites.h"

extern char **environ;

enum { MAX_FIXTURES = 512, MAX_FILES = 64, MAX_ITEMS = 1024 };

struct fixture {
	char name[256];                 /* corpus-relative, for messages */
	char *files[MAX_FILES];         /* .c files of the run */
	int nfiles;
	char *markers[MAX_FILES];       /* every file that may carry markers */
	int nmarkers;
};

static struct fixture fixtures[MAX_FIXTURES];
static int nfixtures;

struct item {
	char file[512];
	int line;
	char rule[64];
};

struct item_set {
	struct item v[MAX_ITEMS];
	int n;
};

static const char *root(void)
{
	const char *r = getenv("NDISLINT_ROOT");
	return r ? r : ".";
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
	char *p = NULL;
	if (asprintf(&p, "%s/%s", dir, name) < 0)
		abort();
	return p;
}

/* Adds every .c (run) and .c/.h (markers) file of dir to fixture f. */
static void add_dir_files(struct fixture *f, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		bool c = has_suffix(e->d_name, ".c");
		bool h = has_suffix(e->d_name, ".h");
		if (c && f->nfiles < MAX_FILES)
			f->files[f->nfiles++] = join(dir, e->d_name);
		if ((c || h) && f->nmarkers < MAX_FILES)
			f->markers[f->nmarkers++] = join(dir, e->d_name);
	}
	closedir(d);
	qsort(f->files, (size_t)f->nfiles, sizeof(char *), cmp_str);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Fixtures of one corpus directory: its .c files and subdirectories. */
static void discover_dir(const char *dir, const char *rel)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[MAX_FIXTURES];
	int n = 0;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL && n < MAX_FIXTURES)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(char *), cmp_str);
	for (int i = 0; i < n && nfixtures < MAX_FIXTURES; i++) {
		char *path = join(dir, names[i]);
		struct fixture *f = &fixtures[nfixtures];
		memset(f, 0, sizeof(*f));
		snprintf(f->name, sizeof(f->name), "%s/%s", rel, names[i]);
		if (is_dir(path)) {
			add_dir_files(f, path);
		} else if (has_suffix(names[i], ".c")) {
			f->files[f->nfiles++] = strdup(path);
			f->markers[f->nmarkers++] = strdup(path);
		}
		if (f->nfiles > 0)
			nfixtures++;
		free(path);
		free(names[i]);
	}
}

/* reference/ and faulty/ are one run each; every other directory holds
 * fixtures. */
static void discover(void)
{
	char *corpus = join(root(), "corpus");
	DIR *d = opendir(corpus);
	struct dirent *e;
	char *names[128];
	int n = 0;
	if (!d) {
		free(corpus);
		return;
	}
	while ((e = readdir(d)) != NULL && n < 128)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(char *), cmp_str);
	for (int i = 0; i < n; i++) {
		char *path = join(corpus, names[i]);
		if (is_dir(path)) {
			if (strcmp(names[i], "reference") == 0 || strcmp(names[i], "faulty") == 0) {
				struct fixture *f = &fixtures[nfixtures];
				memset(f, 0, sizeof(*f));
				snprintf(f->name, sizeof(f->name), "%s", names[i]);
				add_dir_files(f, path);
				if (f->nfiles > 0 && nfixtures < MAX_FIXTURES)
					nfixtures++;
			} else {
				discover_dir(path, names[i]);
			}
		}
		free(path);
		free(names[i]);
	}
	free(corpus);
}

static void set_add(struct item_set *s, const char *file, int line,
		    const char *rule)
{
	if (s->n >= MAX_ITEMS)
		return;
	struct item *it = &s->v[s->n++];
	snprintf(it->file, sizeof(it->file), "%.*s", (int)sizeof(it->file) - 1, file);
	it->line = line;
	snprintf(it->rule, sizeof(it->rule), "%s", rule);
}

static bool set_has(const struct item_set *s, const struct item *it)
{
	for (int i = 0; i < s->n; i++)
		if (s->v[i].line == it->line && strcmp(s->v[i].file, it->file) == 0 &&
		    strcmp(s->v[i].rule, it->rule) == 0)
			return true;
	return false;
}

/* Reads `// expect: A, B` markers of one file; unknown rules are
 * counted, not expected. */
static void read_markers(const char *path, struct item_set *s, int *skipped)
{
	FILE *fp = fopen(path, "r");
	char line[4096];
	int lineno = 0;
	if (!fp)
		return;
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		char *m = strstr(line, "// expect:");
		if (!m)
			continue;
		char *p = m + strlen("// expect:");
		char *save = NULL;
		for (char *tok = strtok_r(p, ", \t\r\n", &save); tok;
		     tok = strtok_r(NULL, ", \t\r\n", &save)) {
			if (rule_find(tok))
				set_add(s, path, lineno, tok);
			else
				(*skipped)++;
		}
	}
	fclose(fp);
}

/* Runs ndislint on the fixture; its stdout goes to out_path. */
static int run_ndislint(const struct fixture *f, const char *out_path)
{
	const char *bin = getenv("NDISLINT");
	char *argv[MAX_FILES + 8];
	int k = 0;
	argv[k++] = (char *)(bin ? bin : "build/ndislint");
	argv[k++] = "check";
	argv[k++] = "-q";
	for (int i = 0; i < f->nfiles; i++)
		argv[k++] = f->files[i];
	argv[k] = NULL;

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Parses `FILE:LINE:COL: SEVERITY: MESSAGE [RULE]` lines; notes skip. */
static void read_findings(const char *out_path, struct item_set *s)
{
	FILE *fp = fopen(out_path, "r");
	char line[8192];
	if (!fp)
		return;
	while (fgets(line, sizeof(line), fp)) {
		char *c1 = strchr(line, ':');
		if (!c1 || strstr(line, ": note: ") != NULL)
			continue;
		char *c2 = strchr(c1 + 1, ':');
		char *open = strrchr(line, '[');
		char *close = open ? strchr(open, ']') : NULL;
		if (!c2 || !open || !close)
			continue;
		*c1 = '\0';
		*close = '\0';
		set_add(s, line, atoi(c1 + 1), open + 1);
	}
	fclose(fp);
}

static void print_diff(const char *name, const struct item_set *want,
		       const struct item_set *got)
{
	for (int i = 0; i < want->n; i++)
		if (!set_has(got, &want->v[i]))
			fprintf(stderr, "%s: expected but not seen: %s:%d [%s]\n", name,
				want->v[i].file, want->v[i].line, want->v[i].rule);
	for (int i = 0; i < got->n; i++)
		if (!set_has(want, &got->v[i]))
			fprintf(stderr, "%s: seen but not expected: %s:%d [%s]\n", name,
				got->v[i].file, got->v[i].line, got->v[i].rule);
}

static bool same_sets(const struct item_set *a, const struct item_set *b)
{
	for (int i = 0; i < a->n; i++)
		if (!set_has(b, &a->v[i]))
			return false;
	for (int i = 0; i < b->n; i++)
		if (!set_has(a, &b->v[i]))
			return false;
	return true;
}

START_TEST(test_fixture)
{
	const struct fixture *f = &fixtures[_i];
	static struct item_set want, got;
	int skipped = 0;
	char out[] = "/tmp/ndislint-corpus-XXXXXX";
	int fd = mkstemp(out);
	ck_assert_int_ge(fd, 0);
	close(fd);

	want.n = got.n = 0;
	for (int i = 0; i < f->nmarkers; i++)
		read_markers(f->markers[i], &want, &skipped);
	int rc = run_ndislint(f, out);
	read_findings(out, &got);
	unlink(out);

	bool same = same_sets(&want, &got);
	if (!same)
		print_diff(f->name, &want, &got);
	ck_assert_msg(same, "%s: findings differ from its markers", f->name);
	ck_assert_msg(rc == (want.n > 0 ? 1 : 0),
		      "%s: exit status %d, expected %d", f->name, rc, want.n > 0);
}
END_TEST

/* The reference driver is the fixture every test starts from: no marker
 * at all, so it must be clean under every rule, present and future. */
START_TEST(test_reference_has_no_markers)
{
	for (int i = 0; i < nfixtures; i++) {
		if (strcmp(fixtures[i].name, "reference") != 0)
			continue;
		struct item_set *s = calloc(1, sizeof(*s));
		int skipped = 0;
		for (int k = 0; k < fixtures[i].nmarkers; k++)
			read_markers(fixtures[i].markers[k], s, &skipped);
		ck_assert_int_eq(s->n + skipped, 0);
		free(s);
		return;
	}
	ck_abort_msg("corpus/reference is missing");
}
END_TEST

Suite *corpus_suite(void)
{
	Suite *s = suite_create("corpus");
	TCase *tc = tcase_create("fixtures");
	discover();
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_reference_has_no_markers);
	tcase_add_loop_test(tc, test_fixture, 0, nfixtures);
	suite_add_tcase(s, tc);
	return s;
}
