/*
 * hook.c - `ndislint install-hook [--force] [-- CHECK-ARGS...]`: writes a
 * native git pre-commit hook that checks the drivers of the staged C
 * sources and headers and blocks the commit while findings remain.
 *
 * The hook is a POSIX sh script.  It carries a marker comment
 * (HOOK_MARKER) so that install-hook knows its own hook: it rewrites that
 * one freely and refuses any other existing hook unless --force.  It runs
 * the binary that installed it (its absolute path, from /proc/self/exe),
 * falling back to `ndislint` on PATH when that file is gone.
 *
 * What the hook analyzes: ndislint analyzes the files of one run together
 * (a driver spread over several files), so a staged file stands for its
 * whole driver.  With `-p BUILD_DIR` among CHECK-ARGS the staged files are
 * passed as they are and ndislint selects, from the compilation database,
 * every driver that compiles or includes one of them.  Without it, each
 * staged file stands for the tracked C files of its own directory (a
 * header in a directory without C files: every tracked C file).  The
 * hook checks the working tree copies and says so when a selected file has
 * unstaged changes.  Run by Git for Windows (a checkout shared with WSL),
 * the hook runs itself again inside WSL.
 *
 * The git directory is found by walking up from the current directory to
 * the nearest `.git`: a directory, or a file `gitdir: PATH` (worktrees,
 * submodules); a worktree's hooks live in its common directory.  No shell
 * and no child process: everything is read here.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The line that identifies a hook written by install-hook. */
#define HOOK_MARKER "# ndislint-pre-commit-hook: written by `ndislint install-hook`"

/* How much of an existing hook is searched for the marker. */
#define HOOK_SCAN_BYTES 8192

/* Reads the first line of a small file into a malloc'd string without
 * its line end.  NULL (errno set) when it cannot be read. */
static char *hook_read_line(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (f == NULL)
		return NULL;
	n = getline(&line, &cap, f);
	fclose(f);
	if (n < 0) {
		free(line);
		errno = EINVAL;
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

/* `rel` resolved against directory `base` (kept as is when absolute).
 * Malloc'd; NULL on allocation failure. */
static char *hook_join(const char *base, const char *rel)
{
	char *out;

	if (rel[0] == '/')
		return strdup(rel);
	if (asprintf(&out, "%s/%s", base, rel) < 0)
		return NULL;
	return out;
}

/* The git directory named by a `.git` file (`gitdir: PATH`, PATH relative
 * to the file's directory `dir`).  Malloc'd, or NULL with a reason. */
static char *hook_gitdir_from_file(const char *dir, const char *dotgit,
				   char *err, size_t errsize)
{
	char *line = hook_read_line(dotgit);
	const char *p;
	char *out;

	if (line == NULL) {
		snprintf(err, errsize, "%s: %s", dotgit, strerror(errno));
		return NULL;
	}
	if (strncmp(line, "gitdir:", 7) != 0) {
		snprintf(err, errsize, "%s: not a `gitdir: PATH` file", dotgit);
		free(line);
		return NULL;
	}
	p = line + 7;
	while (*p == ' ' || *p == '\t')
		p++;
	out = hook_join(dir, p);
	free(line);
	if (out == NULL)
		snprintf(err, errsize, "out of memory");
	return out;
}

/* Walks up from `start` (absolute) to the nearest `.git` and returns the
 * git directory it names (malloc'd), or NULL with a reason in err. */
static char *hook_find_git_dir(const char *start, char *err, size_t errsize)
{
	size_t len = strlen(start);
	char *path = malloc(len + sizeof "/.git");
	char *out = NULL;
	struct stat st;

	if (path == NULL) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	memcpy(path, start, len + 1);
	while (len > 0 && path[len - 1] == '/')
		len--;
	for (;;) {
		memcpy(path + len, "/.git", sizeof "/.git");
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			return path;
		if (stat(path, &st) == 0) {
			char *dir = len ? strndup(path, len) : strdup("/");

			if (dir == NULL)
				snprintf(err, errsize, "out of memory");
			else
				out = hook_gitdir_from_file(dir, path, err,
							    errsize);
			free(dir);
			free(path);
			return out;
		}
		if (len == 0)
			break;
		while (len > 0 && path[len - 1] != '/')
			len--;
		while (len > 0 && path[len - 1] == '/')
			len--;
	}
	free(path);
	snprintf(err, errsize, "not inside a git repository (no .git above %s)",
		 start);
	return NULL;
}

/* The directory whose hooks/ git runs: a worktree's common directory
 * (named by its `commondir` file), else the git directory itself.
 * Malloc'd; NULL with a reason in err. */
static char *hook_common_dir(const char *gitdir, char *err, size_t errsize)
{
	char *file, *line, *out;

	if (asprintf(&file, "%s/commondir", gitdir) < 0) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	line = hook_read_line(file);
	free(file);
	out = line ? hook_join(gitdir, line) : strdup(gitdir);
	free(line);
	if (out == NULL)
		snprintf(err, errsize, "out of memory");
	return out;
}

/* Does the repository's own config set core.hooksPath (then git runs
 * hooks from there, not from hooks/)?  A plain scan for the key in a
 * [core] section: enough for a warning. */
static bool hook_config_sets_hooks_path(const char *common)
{
	char *file, *line = NULL;
	size_t cap = 0;
	bool in_core = false, found = false;
	FILE *f;

	if (asprintf(&file, "%s/config", common) < 0)
		return false;
	f = fopen(file, "r");
	free(file);
	if (f == NULL)
		return false;
	while (!found && getline(&line, &cap, f) >= 0) {
		const char *p = line;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '[')
			in_core = strncasecmp(p, "[core]", 6) == 0;
		else if (in_core && strncasecmp(p, "hookspath", 9) == 0)
			found = true;
	}
	free(line);
	fclose(f);
	return found;
}

/* Is the file at `path` a hook written by install-hook?  1 yes, 0 no
 * (another hook), -1 absent; -2 unreadable (errno set). */
static int hook_is_ours(const char *path)
{
	char buf[HOOK_SCAN_BYTES + 1];
	struct stat st;
	size_t n;
	FILE *f;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? -1 : -2;
	if (!S_ISREG(st.st_mode))
		return 0;
	f = fopen(path, "rb");
	if (f == NULL)
		return -2;
	n = fread(buf, 1, HOOK_SCAN_BYTES, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, HOOK_MARKER) != NULL ? 1 : 0;
}

/* Writes `s` as one single-quoted sh word ('\'' for each quote). */
static void hook_put_quoted(FILE *out, const char *s)
{
	fputc('\'', out);
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			fputs("'\\''", out);
		else
			fputc(*p, out);
	}
	fputc('\'', out);
}

/* Does CHECK-ARGS (up to their own `--`) name a compilation database? */
static bool hook_args_use_database(char **args, int nargs)
{
	for (int i = 0; i < nargs && strcmp(args[i], "--") != 0; i++) {
		if (strncmp(args[i], "-p", 2) == 0 &&
		    strncmp(args[i], "--", 2) != 0)
			return true;
	}
	return false;
}

/* Under Git for Windows (committing from Windows in a checkout that WSL
 * shares), the hook runs itself again inside WSL, where ndislint is; the
 * index git names is translated with WSLENV. */
static const char hook_body_windows[] =
"case $(uname -s 2>/dev/null) in\n"
"MINGW*|MSYS*|CYGWIN*)\n"
"\tWSLENV=${WSLENV:+$WSLENV:}GIT_INDEX_FILE/p\n"
"\tMSYS_NO_PATHCONV=1\n"
"\texport WSLENV MSYS_NO_PATHCONV\n"
"\texec wsl.exe -e sh -c 'exec sh \"$(wslpath -u \"$1\")\"' sh \"$0\" ;;\n"
"esac\n";

/* The part of the hook before the check command: finds the staged files
 * and selects the files of their drivers into "$@". */
static const char hook_body_select[] =
"top=$(git rev-parse --show-toplevel) || exit 2\n"
"cd \"$top\" || exit 2\n"
"if [ ! -x \"$NDISLINT\" ]; then\n"
"\tif command -v ndislint >/dev/null 2>&1; then\n"
"\t\tNDISLINT=ndislint\n"
"\telse\n"
"\t\techo \"ndislint: pre-commit: $NDISLINT is gone and no ndislint on PATH; run ndislint install-hook again (or git commit --no-verify)\" >&2\n"
"\t\texit 2\n"
"\tfi\n"
"fi\n"
"nl='\n"
"'\n"
"set -f\n"
"staged=$(git -c core.quotePath=false diff --cached --name-only --diff-filter=ACM -- '*.c' '*.h') || exit 2\n"
"[ -n \"$staged\" ] || exit 0\n"
"if [ \"$by_database\" = 1 ]; then\n"
"\tfiles=$staged\n"
"else\n"
"\t# a staged file stands for the C files of its directory (its driver)\n"
"\tfiles=\n"
"\tIFS=$nl\n"
"\tfor f in $staged; do\n"
"\t\tcase $f in\n"
"\t\t*/*) d=${f%/*}/ ;;\n"
"\t\t*) d= ;;\n"
"\t\tesac\n"
"\t\tsib=$(git -c core.quotePath=false ls-files -- \":(glob)$d*.c\")\n"
"\t\tif [ -z \"$sib\" ]; then\n"
"\t\t\tsib=$(git -c core.quotePath=false ls-files -- '*.c')\n"
"\t\tfi\n"
"\t\tfiles=$files$nl$sib\n"
"\tdone\n"
"\tunset IFS\n"
"\tfiles=$(printf '%s\\n' \"$files\" | sort -u)\n"
"fi\n"
"IFS=$nl\n"
"set --\n"
"for f in $files; do\n"
"\tif [ -f \"$f\" ]; then\n"
"\t\tset -- \"$@\" \"$f\"\n"
"\tfi\n"
"done\n"
"unset IFS\n"
"[ $# -gt 0 ] || exit 0\n"
"unstaged=$(git -c core.quotePath=false diff --name-only -- \"$@\")\n"
"if [ -n \"$unstaged\" ]; then\n"
"\techo \"ndislint: note: checking the working tree; these files have unstaged changes:\" $unstaged >&2\n"
"fi\n";

/* The part after the check command: turns its status into the hook's. */
static const char hook_body_status[] =
"rc=$?\n"
"case $rc in\n"
"0)\n"
"\texit 0 ;;\n"
"1)\n"
"\techo \"ndislint: commit blocked by the findings above: fix them, suppress one with a comment 'ndislint: ignore RULE -- reason', or skip this check once with git commit --no-verify\" >&2\n"
"\texit 1 ;;\n"
"*)\n"
"\techo \"ndislint: commit blocked: ndislint failed (exit $rc)\" >&2\n"
"\texit 2 ;;\n"
"esac\n";

/* Writes the whole hook script.  `args` are the CHECK-ARGS given after
 * install-hook's `--`: check options, then optionally `--` and parser
 * arguments; the staged files go between the two. */
static void hook_write_script(FILE *out, const char *exe, char **args,
			      int nargs)
{
	int i;

	fputs("#!/bin/sh\n" HOOK_MARKER "\n", out);
	fputs("# Checks the drivers of the staged C sources and headers with ndislint\n"
	      "# and blocks the commit while findings remain.  `ndislint install-hook`\n"
	      "# rewrites this file (it refuses hooks without the line above unless\n"
	      "# --force); skip it once with `git commit --no-verify`.\n", out);
	fputs(hook_body_windows, out);
	fputs("NDISLINT=", out);
	hook_put_quoted(out, exe);
	fprintf(out, "\nby_database=%d\n",
		hook_args_use_database(args, nargs) ? 1 : 0);
	fputs(hook_body_select, out);
	fputs("\"$NDISLINT\" check", out);
	for (i = 0; i < nargs && strcmp(args[i], "--") != 0; i++) {
		fputc(' ', out);
		hook_put_quoted(out, args[i]);
	}
	fputs(" \"$@\"", out);
	for (; i < nargs; i++) {
		fputc(' ', out);
		hook_put_quoted(out, args[i]);
	}
	fputc('\n', out);
	fputs(hook_body_status, out);
}

/* Writes the hook to `path` atomically (a temporary file in the same
 * directory, renamed), mode 0755.  False with a reason in err. */
static bool hook_write_file(const char *path, const char *exe, char **args,
			    int nargs, char *err, size_t errsize)
{
	char *tmp;
	FILE *out;
	int fd;
	bool ok;

	if (asprintf(&tmp, "%s.ndislint-XXXXXX", path) < 0) {
		snprintf(err, errsize, "out of memory");
		return false;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errsize, "cannot create %s: %s", path,
			 strerror(errno));
		free(tmp);
		return false;
	}
	out = fdopen(fd, "w");
	if (out == NULL) {
		close(fd);
		ok = false;
	} else {
		hook_write_script(out, exe, args, nargs);
		ok = fchmod(fd, 0755) == 0;
		ok = (fflush(out) == 0) && ok;
		ok = (fclose(out) == 0) && ok;
	}
	if (ok)
		ok = rename(tmp, path) == 0;
	if (!ok) {
		snprintf(err, errsize, "cannot write %s: %s", path,
			 strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

/* The absolute path of the running binary (malloc'd), or NULL. */
static char *hook_self_exe(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return strdup(buf);
}

/* Prints the usage of install-hook. */
static void hook_usage(FILE *out)
{
	fputs("usage: ndislint install-hook [--force] [-- CHECK-ARGS...]\n"
	      "\n"
	      "Writes .git/hooks/pre-commit, a hook that runs `ndislint check` on the\n"
	      "drivers of the staged C sources and headers and blocks the commit while\n"
	      "findings remain.  CHECK-ARGS are passed to check (e.g. `-p build`, then\n"
	      "optionally `--` and parser arguments).  An existing hook not written\n"
	      "by ndislint is kept unless --force.\n", out);
}

/* Where the hook goes: COMMON_DIR/hooks/pre-commit for the repository
 * holding the current directory.  Malloc'd; NULL after the error line.
 * Creates hooks/ when missing. */
static char *hook_target_path(void)
{
	char err[PATH_MAX + 128] = "";
	char *cwd = getcwd(NULL, 0), *gitdir, *common = NULL, *path = NULL;

	if (cwd == NULL) {
		cli_error("install-hook: cannot read the current directory: %s",
			  strerror(errno));
		return NULL;
	}
	gitdir = hook_find_git_dir(cwd, err, sizeof err);
	free(cwd);
	if (gitdir != NULL)
		common = hook_common_dir(gitdir, err, sizeof err);
	free(gitdir);
	if (common == NULL) {
		cli_error("install-hook: %s", err);
		return NULL;
	}
	if (hook_config_sets_hooks_path(common))
		fprintf(stderr, "ndislint: warning: core.hooksPath is set in %s/config: "
			"git runs the hooks there, not this one\n", common);
	if (asprintf(&path, "%s/hooks", common) < 0)
		path = NULL;
	else if (mkdir(path, 0755) != 0 && errno != EEXIST)
		cli_error("install-hook: cannot create %s: %s", path,
			  strerror(errno));
	else {
		free(path);
		if (asprintf(&path, "%s/hooks/pre-commit", common) < 0)
			path = NULL;
		else {
			free(common);
			return path;
		}
	}
	free(path);
	free(common);
	return NULL;
}

/* `install-hook [--force] [-- CHECK-ARGS...]` (argv[0] is its name). */
int cli_install_hook(int argc, char **argv)
{
	char err[PATH_MAX + 128] = "";
	bool force = false;
	char *path, *exe;
	int i, ours;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "-f") == 0) {
			force = true;
		} else if (strcmp(argv[i], "--help") == 0 ||
			   strcmp(argv[i], "-h") == 0) {
			hook_usage(stdout);
			return CLI_OK;
		} else {
			cli_error("install-hook: unexpected argument '%s' "
				  "(see ndislint install-hook --help)", argv[i]);
			return CLI_ERROR;
		}
	}
	if (i < argc)
		i++;                    /* CHECK-ARGS start after `--` */
	path = hook_target_path();
	if (path == NULL)
		return CLI_ERROR;
	ours = hook_is_ours(path);
	if (ours == -2) {
		cli_error("install-hook: %s: %s", path, strerror(errno));
		free(path);
		return CLI_ERROR;
	}
	if (ours == 0 && !force) {
		cli_error("install-hook: %s exists and was not written by "
			  "ndislint (use --force to replace it)", path);
		free(path);
		return CLI_ERROR;
	}
	exe = hook_self_exe();
	if (exe == NULL) {
		cli_error("install-hook: cannot find the running binary "
			  "(/proc/self/exe)");
		free(path);
		return CLI_ERROR;
	}
	if (!hook_write_file(path, exe, argv + i, argc - i, err, sizeof err)) {
		cli_error("install-hook: %s", err);
		free(exe);
		free(path);
		return CLI_ERROR;
	}
	printf("ndislint: %s %s (runs %s)\n",
	       ours == 1 ? "rewrote" : "installed", path, exe);
	free(exe);
	free(path);
	return fflush(stdout) == 0 ? CLI_OK : CLI_ERROR;
}
