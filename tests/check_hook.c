/*
 * check_hook.c - `ndislint install-hook` and the pre-commit hook it
 * writes, end to end: a git repository in a scratch directory holding the
 * reference driver (corpus/reference), the hook installed, a commit that
 * breaks a rule blocked with the finding shown, a clean commit passing;
 * the same with a compilation database (`install-hook -- -p build`);
 * a foreign hook refused, replaced with --force; ndislint's own hook
 * rewritten; a worktree's hook written into the common git directory.
 *
 * git and the binary are run with posix_spawnp (no shell) in a controlled
 * environment: HOME and the XDG directories inside the scratch directory,
 * no system git config, the author and committer set, no inherited GIT_*
 * variable.  Without $NDISLINT and $NDISLINT_ROOT the tests say why and
 * pass vacuously; `make test` sets both.
 */
#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "suites.h"

extern char **environ;

/* One scratch directory: the repository is DIR/repo. */
struct hk {
	char dir[64];
	char repo[128];
	char env_home[160], env_cache[160], env_config[160];
};

/* The binary under test and the source tree, or false (then skip). */
static bool hk_have_tool(void)
{
	const char *t = getenv("NDISLINT"), *r = getenv("NDISLINT_ROOT");

	if (t == NULL || *t == '\0' || r == NULL || *r == '\0') {
		fprintf(stderr, "check_hook: NDISLINT or NDISLINT_ROOT not set, "
			"skipping end-to-end test\n");
		return false;
	}
	return true;
}

/* Reads a whole file into a malloc'd NUL-terminated string ("" when it
 * cannot be read). */
static char *hk_slurp(const char *path)
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

/* Writes a string to path. */
static void hk_put(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot create %s", path);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* The environment of every child: ours without GIT_* and with the
 * overrides of struct hk.  Returns a malloc'd array (strings borrowed). */
static char **hk_env(struct hk *h)
{
	static char *fixed[] = {
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=ndislint test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=ndislint test",
		"GIT_COMMITTER_EMAIL=test@example.com",
		"LC_ALL=C",
	};
	size_t n = 0, k = 0;
	char **env;

	while (environ[n] != NULL)
		n++;
	env = calloc(n + 16, sizeof *env);
	ck_assert_ptr_nonnull(env);
	for (size_t i = 0; i < n; i++) {
		if (strncmp(environ[i], "GIT_", 4) == 0 ||
		    strncmp(environ[i], "HOME=", 5) == 0 ||
		    strncmp(environ[i], "XDG_", 4) == 0 ||
		    strncmp(environ[i], "LC_ALL=", 7) == 0)
			continue;
		env[k++] = environ[i];
	}
	snprintf(h->env_home, sizeof h->env_home, "HOME=%s", h->dir);
	snprintf(h->env_cache, sizeof h->env_cache, "XDG_CACHE_HOME=%s/cache",
		 h->dir);
	snprintf(h->env_config, sizeof h->env_config,
		 "XDG_CONFIG_HOME=%s/config", h->dir);
	env[k++] = h->env_home;
	env[k++] = h->env_cache;
	env[k++] = h->env_config;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		env[k++] = fixed[i];
	env[k] = NULL;
	return env;
}

/* Runs argv in directory `cwd` with stdout and stderr both captured;
 * *out receives them (malloc'd).  Returns the exit status, -1 when the
 * child did not exit normally. */
static int hk_run(struct hk *h, const char *cwd, char *const argv[],
		  char **out)
{
	char log[192];
	posix_spawn_file_actions_t fa;
	char **env = hk_env(h);
	pid_t pid;
	int st, rc;

	snprintf(log, sizeof log, "%s/out.txt", h->dir);
	ck_assert_int_eq(posix_spawn_file_actions_init(&fa), 0);
	ck_assert_int_eq(posix_spawn_file_actions_addchdir_np(&fa, cwd), 0);
	ck_assert_int_eq(posix_spawn_file_actions_addopen(&fa, 1, log,
		O_WRONLY | O_CREAT | O_TRUNC, 0644), 0);
	ck_assert_int_eq(posix_spawn_file_actions_adddup2(&fa, 1, 2), 0);
	ck_assert_int_eq(posix_spawn_file_actions_addopen(&fa, 0, "/dev/null",
		O_RDONLY, 0), 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
	ck_assert_msg(rc == 0, "cannot run %s: %s", argv[0], strerror(rc));
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	if (out != NULL)
		*out = hk_slurp(log);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Runs a command that must succeed (exit 0); fails the test with its
 * output otherwise. */
static void hk_ok(struct hk *h, const char *cwd, char *const argv[])
{
	char *out;
	int rc = hk_run(h, cwd, argv, &out);

	ck_assert_msg(rc == 0, "%s %s failed (%d): %s", argv[0],
		      argv[1] ? argv[1] : "", rc, out);
	free(out);
}

/* The output of `git rev-parse HEAD` in the repository. */
static char *hk_head(struct hk *h)
{
	char *const argv[] = {"git", "rev-parse", "HEAD", NULL};
	char *out;

	ck_assert_int_eq(hk_run(h, h->repo, argv, &out), 0);
	return out;
}

/* Copies corpus/reference/NAME into the repository. */
static void hk_copy_reference(struct hk *h, const char *name)
{
	char src[PATH_MAX], dst[PATH_MAX];
	char *text;

	snprintf(src, sizeof src, "%s/corpus/reference/%s",
		 getenv("NDISLINT_ROOT"), name);
	snprintf(dst, sizeof dst, "%s/%s", h->repo, name);
	text = hk_slurp(src);
	ck_assert_msg(text[0] != '\0', "cannot read %s", src);
	hk_put(dst, text);
	free(text);
}

/* The files of the reference driver. */
static const char *const hk_reference[] = {
	"device.c", "driver.c", "imdrv.h", "miniport.c", "protocol.c",
};

/* Creates the scratch directory and an empty repository in it (git
 * init, user.name and user.email set). */
static void hk_init(struct hk *h)
{
	snprintf(h->dir, sizeof h->dir, "/tmp/ndislint-hook-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(h->dir));
	snprintf(h->repo, sizeof h->repo, "%s/repo", h->dir);
	{
		char *const init[] = {"git", "init", "-q", "-b", "main",
				      h->repo, NULL};
		char *const email[] = {"git", "config", "user.email",
				       "test@example.com", NULL};
		char *const name[] = {"git", "config", "user.name",
				      "ndislint test", NULL};

		hk_ok(h, h->dir, init);
		hk_ok(h, h->repo, email);
		hk_ok(h, h->repo, name);
	}
}

/* hk_init, then the reference driver committed (before any hook). */
static void hk_init_with_driver(struct hk *h)
{
	char *const add[] = {"git", "add", ".", NULL};
	char *const commit[] = {"git", "commit", "-q", "-m", "reference driver",
				NULL};

	hk_init(h);
	for (size_t i = 0; i < sizeof hk_reference / sizeof hk_reference[0]; i++)
		hk_copy_reference(h, hk_reference[i]);
	hk_ok(h, h->repo, add);
	hk_ok(h, h->repo, commit);
}

/* nftw callback: removes one entry (children first). */
static int hk_rm_entry(const char *path, const struct stat *st, int flag,
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

/* Removes the scratch directory. */
static void hk_done(struct hk *h)
{
	nftw(h->dir, hk_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Runs `ndislint install-hook [EXTRA]` in `cwd`; returns its status. */
static int hk_install(struct hk *h, const char *cwd, char *extra, char **out)
{
	char *const argv[] = {getenv("NDISLINT"), "install-hook", extra, NULL};

	return hk_run(h, cwd, argv, out);
}

/* Removes the first line holding `needle` after the first occurrence of
 * `after` from the repository's file `name`. */
static void hk_delete_line(struct hk *h, const char *name, const char *after,
			   const char *needle)
{
	char path[PATH_MAX];
	char *text, *p, *start, *end;

	snprintf(path, sizeof path, "%s/%s", h->repo, name);
	text = hk_slurp(path);
	p = strstr(text, after);
	ck_assert_ptr_nonnull(p);
	p = strstr(p, needle);
	ck_assert_ptr_nonnull(p);
	start = p;
	while (start > text && start[-1] != '\n')
		start--;
	end = strchr(p, '\n');
	ck_assert_ptr_nonnull(end);
	memmove(start, end + 1, strlen(end + 1) + 1);
	hk_put(path, text);
	free(text);
}

/* Appends a line to the repository's file `name`. */
static void hk_append(struct hk *h, const char *name, const char *line)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", h->repo, name);
	f = fopen(path, "ab");
	ck_assert_ptr_nonnull(f);
	fputs(line, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* The hook blocks a commit that breaks a rule, showing the finding, and
 * lets a clean change through. */
START_TEST(test_hook_blocks_breaking_commit)
{
	struct hk h;
	char hook[PATH_MAX], real[PATH_MAX];
	char *out, *text, *before, *after;
	char *const commit_all[] = {"git", "commit", "-a", "-m", "change", NULL};
	char *const restore[] = {"git", "checkout", "--", "driver.c", NULL};
	int rc;

	if (!hk_have_tool())
		return;
	hk_init_with_driver(&h);
	rc = hk_install(&h, h.repo, NULL, &out);
	ck_assert_msg(rc == 0, "install-hook: %s", out);
	free(out);

	/* the hook: marked, POSIX sh, running this very binary */
	snprintf(hook, sizeof hook, "%s/.git/hooks/pre-commit", h.repo);
	ck_assert_int_eq(access(hook, X_OK), 0);
	text = hk_slurp(hook);
	ck_assert_msg(strncmp(text, "#!/bin/sh\n", 10) == 0, "%s", text);
	ck_assert_ptr_nonnull(strstr(text, "written by `ndislint install-hook`"));
	ck_assert_ptr_nonnull(realpath(getenv("NDISLINT"), real));
	ck_assert_msg(strstr(text, real) != NULL, "%s not in hook", real);
	free(text);

	/* no deregistration on DriverEntry's error path: blocked */
	before = hk_head(&h);
	hk_delete_line(&h, "driver.c", "Cleanup:",
		       "NdisMDeregisterMiniportDriver(");
	rc = hk_run(&h, h.repo, commit_all, &out);
	ck_assert_msg(rc != 0, "commit not blocked: %s", out);
	ck_assert_msg(strstr(out, "[miniport-deregister-on-error]") != NULL,
		      "finding not shown: %s", out);
	ck_assert_msg(strstr(out, "driver.c:") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "commit blocked") != NULL, "%s", out);
	free(out);
	after = hk_head(&h);
	ck_assert_str_eq(before, after);
	free(after);

	/* a comment in another file of the driver: passes, checked whole */
	hk_ok(&h, h.repo, restore);
	hk_append(&h, "miniport.c", "/* a harmless comment */\n");
	rc = hk_run(&h, h.repo, commit_all, &out);
	ck_assert_msg(rc == 0, "clean commit blocked: %s", out);
	ck_assert_msg(strstr(out, "no findings in 4 files") != NULL, "%s", out);
	free(out);
	after = hk_head(&h);
	ck_assert_str_ne(before, after);
	free(after);
	free(before);
	hk_done(&h);
}
END_TEST

/* A breaking change staged together with a header: the header stands
 * for the driver of its directory, and the commit is blocked. */
START_TEST(test_hook_header_change)
{
	struct hk h;
	char *out, *before, *after;
	char *const add[] = {"git", "add", "imdrv.h", "driver.c", NULL};
	char *const commit[] = {"git", "commit", "-m", "header", NULL};
	int rc;

	if (!hk_have_tool())
		return;
	hk_init_with_driver(&h);
	rc = hk_install(&h, h.repo, NULL, &out);
	ck_assert_msg(rc == 0, "install-hook: %s", out);
	free(out);
	before = hk_head(&h);
	hk_append(&h, "imdrv.h", "/* header comment */\n");
	hk_delete_line(&h, "driver.c", "Cleanup:",
		       "NdisMDeregisterMiniportDriver(");
	hk_ok(&h, h.repo, add);
	rc = hk_run(&h, h.repo, commit, &out);
	ck_assert_msg(rc != 0, "commit not blocked: %s", out);
	ck_assert_msg(strstr(out, "[miniport-deregister-on-error]") != NULL,
		      "%s", out);
	free(out);
	after = hk_head(&h);
	ck_assert_str_eq(before, after);
	free(after);
	free(before);
	hk_done(&h);
}
END_TEST

/* Installed with `-- -p build`, the hook hands the staged files to
 * ndislint with the compilation database, which checks their driver
 * whole: a breaking change is blocked, a header comment passes. */
START_TEST(test_hook_compdb)
{
	static const char *const sources[] = {
		"device.c", "driver.c", "miniport.c", "protocol.c",
	};
	struct hk h;
	char path[PATH_MAX];
	char *out;
	char *const commit_all[] = {"git", "commit", "-a", "-m", "change", NULL};
	char *const restore[] = {"git", "checkout", "--", "driver.c", NULL};
	char *const argv[] = {getenv("NDISLINT"), "install-hook", "--", "-p",
			      "build", NULL};
	FILE *f;
	int rc;

	if (!hk_have_tool())
		return;
	hk_init_with_driver(&h);
	snprintf(path, sizeof path, "%s/build", h.repo);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/build/compile_commands.json", h.repo);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("[", f);
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
		fprintf(f, "%s{\"directory\": \"%s\", \"file\": \"%s\", "
			"\"arguments\": [\"cc\", \"-c\", \"%s\"]}",
			i ? ",\n" : "", h.repo, sources[i], sources[i]);
	fputs("]\n", f);
	ck_assert_int_eq(fclose(f), 0);
	rc = hk_run(&h, h.repo, argv, &out);
	ck_assert_msg(rc == 0, "install-hook: %s", out);
	free(out);

	hk_delete_line(&h, "driver.c", "Cleanup:",
		       "NdisMDeregisterMiniportDriver(");
	rc = hk_run(&h, h.repo, commit_all, &out);
	ck_assert_msg(rc != 0, "commit not blocked: %s", out);
	ck_assert_msg(strstr(out, "[miniport-deregister-on-error]") != NULL,
		      "%s", out);
	free(out);

	hk_ok(&h, h.repo, restore);
	hk_append(&h, "imdrv.h", "/* a harmless comment */\n");
	rc = hk_run(&h, h.repo, commit_all, &out);
	ck_assert_msg(rc == 0, "clean commit blocked: %s", out);
	free(out);
	hk_done(&h);
}
END_TEST

/* A hook that ndislint did not write is refused (exit 2, one line, the
 * file untouched), replaced with --force; ndislint's own is rewritten. */
START_TEST(test_hook_foreign_force_own)
{
	static const char foreign[] = "#!/bin/sh\necho another hook\nexit 0\n";
	struct hk h;
	char hooks[256], hook[PATH_MAX];
	char *out, *text;
	int rc;

	if (!hk_have_tool())
		return;
	hk_init(&h);
	snprintf(hooks, sizeof hooks, "%s/.git/hooks", h.repo);
	mkdir(hooks, 0755);
	snprintf(hook, sizeof hook, "%s/pre-commit", hooks);
	hk_put(hook, foreign);

	rc = hk_install(&h, h.repo, NULL, &out);
	ck_assert_int_eq(rc, 2);
	ck_assert_msg(strstr(out, "--force") != NULL, "%s", out);
	ck_assert_msg(strchr(out, '\n') == out + strlen(out) - 1,
		      "not one line: %s", out);
	free(out);
	text = hk_slurp(hook);
	ck_assert_str_eq(text, foreign);
	free(text);

	rc = hk_install(&h, h.repo, "--force", &out);
	ck_assert_msg(rc == 0, "--force: %s", out);
	free(out);
	text = hk_slurp(hook);
	ck_assert_ptr_nonnull(strstr(text, "written by `ndislint install-hook`"));
	free(text);

	rc = hk_install(&h, h.repo, NULL, &out);
	ck_assert_msg(rc == 0, "rewriting its own hook: %s", out);
	ck_assert_msg(strstr(out, "rewrote") != NULL, "%s", out);
	free(out);
	ck_assert_int_eq(access(hook, X_OK), 0);
	hk_done(&h);
}
END_TEST

/* From a subdirectory of a linked worktree (whose .git is a `gitdir:`
 * file) the hook goes where git runs it: the common git directory. */
START_TEST(test_hook_worktree)
{
	struct hk h;
	char wt[256], sub[PATH_MAX], hook[PATH_MAX];
	char *out;
	int rc;

	if (!hk_have_tool())
		return;
	hk_init_with_driver(&h);
	snprintf(wt, sizeof wt, "%s/wt", h.dir);
	{
		char *const add[] = {"git", "worktree", "add", "-q", wt, "-b",
				     "side", NULL};

		hk_ok(&h, h.repo, add);
	}
	snprintf(sub, sizeof sub, "%s/sub", wt);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	rc = hk_install(&h, sub, NULL, &out);
	ck_assert_msg(rc == 0, "install-hook: %s", out);
	free(out);
	snprintf(hook, sizeof hook, "%s/.git/hooks/pre-commit", h.repo);
	ck_assert_int_eq(access(hook, X_OK), 0);
	hk_done(&h);
}
END_TEST

/* Outside any repository, and with an unknown argument: exit 2. */
START_TEST(test_hook_errors)
{
	struct hk h;
	char *out;

	if (!hk_have_tool())
		return;
	snprintf(h.dir, sizeof h.dir, "/tmp/ndislint-hook-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(h.dir));
	snprintf(h.repo, sizeof h.repo, "%s", h.dir);
	ck_assert_int_eq(hk_install(&h, h.dir, NULL, &out), 2);
	ck_assert_msg(strstr(out, "not inside a git repository") != NULL,
		      "%s", out);
	free(out);
	ck_assert_int_eq(hk_install(&h, h.dir, "--bogus", &out), 2);
	free(out);
	hk_done(&h);
}
END_TEST

Suite *hook_suite(void)
{
	Suite *s = suite_create("hook");
	TCase *tc = tcase_create("install-hook");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_hook_blocks_breaking_commit);
	tcase_add_test(tc, test_hook_header_change);
	tcase_add_test(tc, test_hook_compdb);
	tcase_add_test(tc, test_hook_foreign_force_own);
	tcase_add_test(tc, test_hook_worktree);
	tcase_add_test(tc, test_hook_errors);
	suite_add_tcase(s, tc);
	return s;
}
