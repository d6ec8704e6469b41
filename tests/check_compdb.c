/*
 * check_compdb.c - compilation databases (`-p BUILD_DIR`, --path-map,
 * driver selection by named files) and the `.ndislint` project file.
 *
 * Unit tests for the command splitter, the path map and the argument
 * translation of cli/compdb.c; end-to-end tests that write databases the
 * way bear (an "arguments" array, a ccache wrapper) and CMake (a
 * "command" string, cl.exe on Windows) write them and run the binary
 * ($NDISLINT; skipped when unset) on two small drivers.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../cli/cli.h"
#include "suites.h"

/* ------------------------------------------------------------------ */
/* Unit tests                                                          */

/* Joins words with '|' into buf. */
static const char *cdb_join(char **w, int n, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strncat(buf, "|", size - strlen(buf) - 1);
		strncat(buf, w[i], size - strlen(buf) - 1);
		free(w[i]);
	}
	free(w);
	return buf;
}

/* Splits cmd and joins the words with '|'. */
static const char *cdb_split(const char *cmd, bool windows, char *buf,
			     size_t size)
{
	char err[256];
	int n = -1;
	char **w = compdb_split_command(cmd, windows, &n, err, sizeof err);

	ck_assert_msg(w != NULL, "%s: %s", cmd, err);
	return cdb_join(w, n, buf, size);
}

START_TEST(split_posix)
{
	char buf[512], err[256];
	int n;

	ck_assert_str_eq(cdb_split("cc  -DX=\"a b\" 'q r' a\\ b \"x\\\"y\" \"\" -c",
				   false, buf, sizeof buf),
			 "cc|-DX=a b|q r|a b|x\"y||-c");
	ck_assert_str_eq(cdb_split("cc -DS=\\\"s\\\" '-DT=\"t\"' \"\\\\n\\q\"",
				   false, buf, sizeof buf),
			 "cc|-DS=\"s\"|-DT=\"t\"|\\n\\q");
	ck_assert_str_eq(cdb_split("   ", false, buf, sizeof buf), "");
	ck_assert_ptr_null(compdb_split_command("cc 'a", false, &n, err,
						sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "unterminated"));
	ck_assert_ptr_null(compdb_split_command("cc \"a", false, &n, err,
						sizeof err));
}
END_TEST

START_TEST(split_windows)
{
	char buf[512];

	ck_assert_str_eq(cdb_split("C:\\VS\\cl.exe /I\"C:\\Program Files\\x\" "
				   "/DA=\\\"s\\\" C:\\src\\a.c \"b\\\\\" \"c\"\"d\"",
				   true, buf, sizeof buf),
			 "C:\\VS\\cl.exe|/IC:\\Program Files\\x|/DA=\"s\"|"
			 "C:\\src\\a.c|b\\|c\"d");
}
END_TEST

/* Maps one path through the given specs (NULL-terminated). */
static const char *cdb_map(const char *const *maps, const char *path,
			   bool windows, char *buf, size_t size)
{
	int n = 0;
	char *out;

	while (maps[n])
		n++;
	out = compdb_map_path(maps, n, path, windows);
	ck_assert_ptr_nonnull(out);
	snprintf(buf, size, "%s", out);
	free(out);
	return buf;
}

START_TEST(path_map)
{
	const char *maps[] = {"C:\\src\\drv=/src/drv",
			      "C:\\src\\drv\\inc=/opt/inc/", "/b=/x", NULL};
	char buf[256], err[256];

	ck_assert_str_eq(cdb_map(maps, "C:\\src\\drv\\a.c", true, buf,
				 sizeof buf), "/src/drv/a.c");
	ck_assert_str_eq(cdb_map(maps, "c:/SRC/Drv/sub\\b.c", true, buf,
				 sizeof buf), "/src/drv/sub/b.c");
	ck_assert_str_eq(cdb_map(maps, "C:\\src\\drv", true, buf, sizeof buf),
			 "/src/drv");
	/* the longest FROM wins */
	ck_assert_str_eq(cdb_map(maps, "C:\\src\\drv\\inc\\n.h", true, buf,
				 sizeof buf), "/opt/inc/n.h");
	/* only at a component boundary */
	ck_assert_str_eq(cdb_map(maps, "C:\\src\\drv2\\a.c", true, buf,
				 sizeof buf), "C:/src/drv2/a.c");
	/* POSIX FROM: exact case; unmapped POSIX paths untouched */
	ck_assert_str_eq(cdb_map(maps, "/b/c.c", false, buf, sizeof buf),
			 "/x/c.c");
	ck_assert_str_eq(cdb_map(maps, "/B/c.c", false, buf, sizeof buf),
			 "/B/c.c");
	ck_assert_str_eq(cdb_map(maps, "a\\b.c", false, buf, sizeof buf),
			 "a\\b.c");
	ck_assert_str_eq(cdb_map(maps, "a\\b.c", true, buf, sizeof buf),
			 "a/b.c");
	ck_assert(compdb_path_map_check("C:\\a=/a", err, sizeof err));
	ck_assert(!compdb_path_map_check("C:\\a", err, sizeof err));
	ck_assert(!compdb_path_map_check("=/a", err, sizeof err));
	ck_assert(!compdb_path_map_check("C:\\a=", err, sizeof err));
}
END_TEST

/* compdb_filter_args on a NULL-terminated argv, joined with '|'. */
static const char *cdb_filter(const char *const *argv, const char *file,
			      const char *abs, const char *dir, char *buf,
			      size_t size)
{
	int argc = 0, n = 0;
	char **out;

	while (argv[argc])
		argc++;
	out = compdb_filter_args(argv, argc, file, abs, dir, &n);
	ck_assert_ptr_nonnull(out);
	return cdb_join(out, n, buf, size);
}

START_TEST(translate_args)
{
	const char *cl[] = {"C:\\VS\\bin\\CL.EXE", "/nologo", "/TC", "/W4",
			    "/WX", "/Zi", "/O2", "/GS-", "/MD", "/std:c17",
			    "/DNDIS60=1", "/D", "DBG", "/UNDEBUG", "/I", "inc",
			    "-Icommon", "/FIpre.h", "/imsvc", "sdk",
			    "/external:I", "ext", "/FoCMakeFiles\\a.obj",
			    "/FdX.pdb", "@rsp.txt", "/c", "/src/a.c", "/link",
			    "/DEBUG", NULL};
	const char *ccache[] = {"/usr/bin/ccache", "gcc", "-target",
				"x86_64-linux-gnu", "--target=aarch64",
				"-isystem", "sys", "-includefirst.h",
				"-DP=1", "-MMD", "-MTx", "-c", "a.c", NULL};
	char buf[1024];

	ck_assert_str_eq(cdb_filter(cl, "/src/a.c", "/src/a.c", "/b", buf,
				    sizeof buf),
			 "-DNDIS60=1|-DDBG|-UNDEBUG|-Iinc|-Icommon|-include|"
			 "pre.h|-isystem|sdk|-isystem|ext");
	ck_assert_str_eq(cdb_filter(ccache, "a.c", "/b/a.c", "/b", buf,
				    sizeof buf),
			 "-isystem|sys|-includefirst.h|-DP=1");
}
END_TEST

/* ------------------------------------------------------------------ */
/* End to end                                                          */

/* A scratch tree for one test. */
struct cdb_tmp {
	char dir[64];
};

/* What one run of the binary did. */
struct cdb_run {
	int status;
	char *out, *err;
};

/* nftw callback: removes one entry. */
static int cdb_rm(const char *path, const struct stat *st, int flag,
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

/* Writes `text` at t/name, creating its directories. */
static void cdb_put(const struct cdb_tmp *t, const char *name,
		    const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", t->dir, name);
	for (char *p = path + strlen(t->dir) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	}
	f = fopen(path, "w");
	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* Reads a whole file (malloc'd, NUL-terminated). */
static char *cdb_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc((size_t)n + 1, 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), n);
	fclose(f);
	return buf;
}

/* Runs the binary in t's directory with args (NULL-terminated), with a
 * private cache directory. */
static struct cdb_run cdb_tool(const struct cdb_tmp *t,
			       const char *const *args)
{
	struct cdb_run r = {-1, NULL, NULL};
	char out[128], err[128], cache[128];
	const char *argv[32];
	int n = 0, status;
	pid_t pid;

	snprintf(out, sizeof out, "%s/.out", t->dir);
	snprintf(err, sizeof err, "%s/.err", t->dir);
	snprintf(cache, sizeof cache, "%s/.cache", t->dir);
	argv[n++] = getenv("NDISLINT");
	while (args[n - 1] != NULL && n < 31) {
		argv[n] = args[n - 1];
		n++;
	}
	argv[n] = NULL;
	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (fo < 0 || fe < 0 || chdir(t->dir) != 0 ||
		    dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
			_exit(127);
		setenv("XDG_CACHE_HOME", cache, 1);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	ck_assert(waitpid(pid, &status, 0) == pid);
	r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	r.out = cdb_slurp(out);
	r.err = cdb_slurp(err);
	return r;
}

static void cdb_run_free(struct cdb_run *r)
{
	free(r->out);
	free(r->err);
}

/* Asserts exit 2 with one stderr line "ndislint: ..." holding needle. */
static void cdb_expect_error(const struct cdb_tmp *t,
			     const char *const *args, const char *needle)
{
	struct cdb_run r = cdb_tool(t, args);
	size_t len = strlen(r.err);

	ck_assert_msg(r.status == 2, "exit %d: %s", r.status, r.err);
	ck_assert_msg(strncmp(r.err, "ndislint: ", 10) == 0 && len > 0 &&
		      r.err[len - 1] == '\n' &&
		      memchr(r.err, '\n', len - 1) == NULL,
		      "not one error line: %s", r.err);
	ck_assert_msg(strstr(r.err, needle) != NULL, "no '%s' in: %s",
		      needle, r.err);
	cdb_run_free(&r);
}

/* Does the run's stdout have a finding line for file `name` (the path
 * ends with it)? */
static bool cdb_reports(const struct cdb_run *r, const char *name)
{
	char needle[256];

	snprintf(needle, sizeof needle, "%s:", name);
	return strstr(r->out, needle) != NULL;
}

/* Two drivers under t: drvA (main.c, whose DriverEntry exists only when
 * DRV_A is defined, and helper.c, which includes inc/shared.h) and drvB
 * (main.c).  Each lacks its protocol registration: an IM finding at its
 * DriverEntry. */
static void cdb_put_drivers(const struct cdb_tmp *t)
{
	static const char entry[] =
		"#include <ndis.h>\n"
		"#include \"%s.h\"\n"
		"NDIS_HANDLE MpHandle%s;\n"
		"#if %s\n"
		"NDIS_STATUS DriverEntry(PDRIVER_OBJECT Obj, PUNICODE_STRING Reg)\n"
		"{\n"
		"\tNDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;\n"
		"\tNdisZeroMemory(&MChars, sizeof(MChars));\n"
		"\tMChars.Flags = NDIS_INTERMEDIATE_DRIVER;\n"
		"\t%s\n"
		"\treturn NdisMRegisterMiniportDriver(Obj, Reg, NULL, &MChars,\n"
		"\t\t&MpHandle%s);\n"
		"}\n"
		"#endif\n";
	char buf[1024];

	snprintf(buf, sizeof buf, entry, "a", "A", "DRV_A == 1", "AHelper();",
		 "A");
	cdb_put(t, "src/drvA/main.c", buf);
	cdb_put(t, "src/drvA/a.h", "#pragma once\nvoid AHelper(void);\n");
	cdb_put(t, "src/drvA/helper.c",
		"#include \"a.h\"\n#include <shared.h>\n"
		"void AHelper(void) { (void)SHARED; }\n");
	cdb_put(t, "src/inc/shared.h", "#pragma once\n#define SHARED 1\n");
	cdb_put(t, "src/inc/unused.h", "#pragma once\n");
	snprintf(buf, sizeof buf, entry, "b", "B", "1", "", "B");
	cdb_put(t, "src/drvB/main.c", buf);
	cdb_put(t, "src/drvB/b.h", "#pragma once\n");
}

/* bear: "arguments" arrays, a ccache wrapper, output fields; CMake:
 * "command" strings, a relative "directory" (from the database's own). */
static void cdb_put_posix_db(const struct cdb_tmp *t)
{
	char json[2048];

	snprintf(json, sizeof json,
		 "[\n"
		 " {\"directory\": \"%s/src\", \"arguments\": [\"/usr/bin/ccache\","
		 " \"cc\", \"-DDRV_A=1\", \"-c\", \"-o\", \"a.o\", \"drvA/main.c\"],"
		 " \"file\": \"drvA/main.c\", \"output\": \"a.o\"},\n"
		 " {\"directory\": \"../src/drvA\", \"command\": \"/usr/bin/cc "
		 "-I'../inc' -DMSG=\\\"a b\\\" -o CMakeFiles/a.dir/helper.c.o "
		 "-c helper.c\", \"file\": \"helper.c\"},\n"
		 " {\"directory\": \"%s/src/drvB\", \"command\": \"cc -c main.c\","
		 " \"file\": \"%s/src/drvB/main.c\"},\n"
		 " {\"directory\": \"%s/src\", \"command\": \"c++ -c x.cpp\","
		 " \"file\": \"x.cpp\"}\n"
		 "]\n", t->dir, t->dir, t->dir, t->dir);
	cdb_put(t, "build/compile_commands.json", json);
}

START_TEST(bear_and_cmake_databases)
{
	struct cdb_tmp t;
	const char *all[] = {"check", "-p", "build", NULL};
	struct cdb_run r;

	if (getenv("NDISLINT") == NULL)
		return;
	snprintf(t.dir, sizeof t.dir, "/tmp/ndislint-cdb-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t.dir));
	cdb_put_drivers(&t);
	cdb_put_posix_db(&t);
	r = cdb_tool(&t, all);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	ck_assert_msg(cdb_reports(&r, "drvA/main.c") &&
		      cdb_reports(&r, "drvB/main.c"), "%s", r.out);
	ck_assert_ptr_nonnull(strstr(r.err, "in 3 files"));
	/* -I'../inc' relative to a relative "directory": shared.h found */
	ck_assert_msg(strstr(r.out, "shared.h") == NULL, "%s", r.out);
	cdb_run_free(&r);
	nftw(t.dir, cdb_rm, 16, FTW_DEPTH | FTW_PHYS);
}
END_TEST

START_TEST(named_files_select_drivers)
{
	struct cdb_tmp t;
	const char *hdr[] = {"check", "-p", "build", "src/inc/shared.h", NULL};
	const char *ahdr[] = {"check", "-p", "build", "src/drvA/a.h", NULL};
	const char *bsrc[] = {"check", "-p", "build", "src/drvB/main.c", NULL};
	const char *helper[] = {"check", "-p", "build", "src/drvA/helper.c",
				NULL};
	const char *none[] = {"check", "-p", "build", "src/inc/unused.h",
			      NULL};
	struct cdb_run r;

	if (getenv("NDISLINT") == NULL)
		return;
	snprintf(t.dir, sizeof t.dir, "/tmp/ndislint-cdb-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t.dir));
	cdb_put_drivers(&t);
	cdb_put_posix_db(&t);
	/* a header included (through -I) by drvA's helper only: drvA, whole
	 * (main.c and helper.c), not drvB */
	r = cdb_tool(&t, hdr);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	ck_assert_msg(cdb_reports(&r, "drvA/main.c") &&
		      !cdb_reports(&r, "drvB/main.c"), "%s", r.out);
	ck_assert_msg(strstr(r.err, "in 2 files") != NULL, "%s", r.err);
	cdb_run_free(&r);
	for (int k = 0; k < 2; k++) {
		r = cdb_tool(&t, k ? helper : ahdr);
		ck_assert_msg(r.status == 1 && cdb_reports(&r, "drvA/main.c") &&
			      !cdb_reports(&r, "drvB/main.c"), "%d %s %s",
			      r.status, r.out, r.err);
		cdb_run_free(&r);
	}
	r = cdb_tool(&t, bsrc);
	ck_assert_msg(r.status == 1 && cdb_reports(&r, "drvB/main.c") &&
		      !cdb_reports(&r, "drvA/main.c"), "%d %s %s", r.status,
		      r.out, r.err);
	ck_assert_msg(strstr(r.err, "in 1 file") != NULL, "%s", r.err);
	cdb_run_free(&r);
	/* a header no driver includes: nothing to check, a note */
	r = cdb_tool(&t, none);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ck_assert_msg(strstr(r.out, "no driver") != NULL, "%s", r.out);
	cdb_run_free(&r);
	nftw(t.dir, cdb_rm, 16, FTW_DEPTH | FTW_PHYS);
}
END_TEST

/* A database written on Windows by CMake with cl.exe (a "command" with
 * backslashes and quotes) and by bear with clang-cl ("arguments"). */
static void cdb_put_windows_db(const struct cdb_tmp *t)
{
	cdb_put(t, "wbuild/compile_commands.json",
		"[\n"
		" {\"directory\": \"C:\\\\Src\\\\Drv\\\\build\", \"command\": "
		"\"C:\\\\PROGRA~1\\\\MSVC\\\\bin\\\\cl.exe /nologo /TC /W4 /WX "
		"/Zi /D \\\"DRV_A=1\\\" /Ic:\\\\src\\\\drv\\\\src\\\\inc "
		"/FoCMakeFiles\\\\a.dir\\\\main.c.obj /FdX.pdb "
		"/c C:\\\\src\\\\drv\\\\src\\\\drvA\\\\main.c\", "
		"\"file\": \"C:\\\\src\\\\drv\\\\src\\\\drvA\\\\main.c\"},\n"
		" {\"directory\": \"C:/src/drv/src\", \"arguments\": "
		"[\"clang-cl.exe\", \"/c\", \"/external:I\", \"inc\", "
		"\"drvA\\\\helper.c\"], \"file\": \"drvA\\\\helper.c\"}\n"
		"]\n");
}

START_TEST(windows_database_path_map)
{
	struct cdb_tmp t;
	char map[128];
	const char *mapped[] = {"check", "-p", "wbuild", "--path-map", map,
				NULL};
	const char *mapped_hdr[] = {"check", "-p", "wbuild", "--path-map",
				    map, "src/inc/shared.h", NULL};
	const char *unmapped[] = {"check", "-p", "wbuild", NULL};
	const char *bad[] = {"check", "-p", "wbuild", "--path-map", "C:\\x",
			     NULL};
	struct cdb_run r;

	if (getenv("NDISLINT") == NULL)
		return;
	snprintf(t.dir, sizeof t.dir, "/tmp/ndislint-cdb-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t.dir));
	cdb_put_drivers(&t);
	cdb_put_windows_db(&t);
	snprintf(map, sizeof map, "C:\\src\\drv=%s", t.dir);
	/* /D "DRV_A=1" defines DriverEntry: the finding proves that the
	 * define went through; the helper needs inc/ from /external:I */
	r = cdb_tool(&t, mapped);
	ck_assert_msg(r.status == 1 && cdb_reports(&r, "drvA/main.c"),
		      "exit %d: %s %s", r.status, r.out, r.err);
	ck_assert_msg(strstr(r.out, "shared.h") == NULL, "%s", r.out);
	ck_assert_ptr_nonnull(strstr(r.err, "in 2 files"));
	cdb_run_free(&r);
	r = cdb_tool(&t, mapped_hdr);
	ck_assert_msg(r.status == 1 && cdb_reports(&r, "drvA/main.c"),
		      "exit %d: %s %s", r.status, r.out, r.err);
	cdb_run_free(&r);
	cdb_expect_error(&t, unmapped, "--path-map");
	cdb_expect_error(&t, bad, "--path-map");
	nftw(t.dir, cdb_rm, 16, FTW_DEPTH | FTW_PHYS);
}
END_TEST

START_TEST(malformed_databases)
{
	static const char *const variants[][2] = {
		{"[{\"directory\": \"/tmp\", \"file\": \"a.c\", "
		 "\"command\": \"cc -DX='1 a.c\"}]", "unterminated quote"},
		{"[{\"directory\": \"/tmp\", \"file\": \"a.c\", "
		 "\"command\": \"  \"}]", "empty"},
		{"[{\"directory\": \"\", \"file\": \"a.c\", "
		 "\"command\": \"cc a.c\"}]", "directory"},
		{"[{\"directory\": \"/tmp\", \"file\": \"a.c\", "
		 "\"arguments\": []}]", "arguments"},
		{"[{\"directory\": \"/tmp\", \"file\": \"a.c\", "
		 "\"command\": \"cc a.c\", \"file\": \"b.c\"}]", "JSON"},
		{"[{\"directory\": \"/tmp\", \"file\": \"a.c\", "
		 "\"command\": \"cc a.c\"},]", "JSON"},
	};
	struct cdb_tmp t;
	const char *args[] = {"check", "-p", "build", NULL};

	if (getenv("NDISLINT") == NULL)
		return;
	snprintf(t.dir, sizeof t.dir, "/tmp/ndislint-cdb-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t.dir));
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		cdb_put(&t, "build/compile_commands.json", variants[i][0]);
		cdb_expect_error(&t, args, variants[i][1]);
	}
	nftw(t.dir, cdb_rm, 16, FTW_DEPTH | FTW_PHYS);
}
END_TEST

START_TEST(project_config_file)
{
	static const char *const bad[][2] = {
		{"[ndislint]\nentry = DriverEntry\nentri = x\n", ".ndislint:3: unknown key 'entri'"},
		{"# rules\n[ndislint]\ndisable = im-protocol-registration, nope\n",
		 ".ndislint:3: unknown rule 'nope'"},
		{"[ndislint]\n\n[ndislint\n", ".ndislint:3: syntax error"},
		{"entry = x\njust words\n", ".ndislint:2: syntax error"},
		{"[other]\nentry = x\n", ".ndislint:2: unknown section"},
		{"include =\n", ".ndislint:1: 'include' has an empty value"},
		{"source-root = nowhere\n", "source-root"},
	};
	struct cdb_tmp t;
	const char *plain[] = {"check", "src/drvA/main.c", "src/drvA/helper.c",
			       NULL};
	const char *enable[] = {"check", "--enable", "im-protocol-registration",
				"src/drvA/main.c", "src/drvA/helper.c", NULL};
	const char *entry[] = {"check", "--entry", "DriverEntry",
			       "src/drvA/main.c", "src/drvA/helper.c", NULL};
	struct cdb_run r;

	if (getenv("NDISLINT") == NULL)
		return;
	snprintf(t.dir, sizeof t.dir, "/tmp/ndislint-cdb-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t.dir));
	cdb_put_drivers(&t);
	/* without the file: DRV_A undefined, shared.h not found (a note) */
	r = cdb_tool(&t, plain);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	cdb_run_free(&r);
	/* define and include reach the parser; disable drops a rule */
	cdb_put(&t, ".ndislint",
		"; project settings\n"
		"[ndislint]\n"
		"define = DRV_A=1\n"
		"include = src/inc\n"
		"disable = im-protocol-registration\n");
	r = cdb_tool(&t, plain);
	ck_assert_msg(r.status == 1 && cdb_reports(&r, "drvA/main.c"),
		      "exit %d: %s %s", r.status, r.out, r.err);
	ck_assert_ptr_null(strstr(r.out, "im-protocol-registration"));
	ck_assert_ptr_null(strstr(r.out, "shared.h"));
	cdb_run_free(&r);
	/* the command line's --enable overrides the file's disable */
	r = cdb_tool(&t, enable);
	ck_assert_msg(r.status == 1 &&
		      strstr(r.out, "[im-protocol-registration]") != NULL,
		      "exit %d: %s %s", r.status, r.out, r.err);
	cdb_run_free(&r);
	/* entry names another function; --entry overrides it */
	cdb_put(&t, ".ndislint", "define = DRV_A=1\nentry = OtherEntry\n");
	r = cdb_tool(&t, plain);
	ck_assert_msg(r.status == 0 && strstr(r.out, "OtherEntry") != NULL,
		      "exit %d: %s", r.status, r.err);
	cdb_run_free(&r);
	r = cdb_tool(&t, entry);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	cdb_run_free(&r);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cdb_put(&t, ".ndislint", bad[i][0]);
		cdb_expect_error(&t, plain, bad[i][1]);
	}
	nftw(t.dir, cdb_rm, 16, FTW_DEPTH | FTW_PHYS);
}
END_TEST

START_TEST(config_source_root)
{
	struct cdb_tmp t;
	const char *sarif[] = {"check", "--format", "sarif",
			       "src/drvB/main.c", NULL};
	const char *cmdline[] = {"check", "--format", "sarif",
				 "--source-root", ".", "src/drvB/main.c",
				 NULL};
	struct cdb_run r;

	if (getenv("NDISLINT") == NULL)
		return;
	snprintf(t.dir, sizeof t.dir, "/tmp/ndislint-cdb-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t.dir));
	cdb_put_drivers(&t);
	cdb_put(&t, ".ndislint", "[ndislint]\nsource-root = src\n");
	r = cdb_tool(&t, sarif);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	ck_assert_msg(strstr(r.out, "\"uri\": \"drvB/main.c\"") != NULL,
		      "%s", r.out);
	cdb_run_free(&r);
	/* --source-root wins over the file's source-root */
	r = cdb_tool(&t, cmdline);
	ck_assert_msg(strstr(r.out, "\"uri\": \"src/drvB/main.c\"") != NULL,
		      "%s", r.out);
	cdb_run_free(&r);
	nftw(t.dir, cdb_rm, 16, FTW_DEPTH | FTW_PHYS);
}
END_TEST

Suite *compdb_suite(void)
{
	Suite *s = suite_create("compdb");
	TCase *unit = tcase_create("helpers");
	TCase *e2e = tcase_create("binary");

	tcase_add_test(unit, split_posix);
	tcase_add_test(unit, split_windows);
	tcase_add_test(unit, path_map);
	tcase_add_test(unit, translate_args);
	tcase_set_timeout(e2e, 120);
	tcase_add_test(e2e, bear_and_cmake_databases);
	tcase_add_test(e2e, named_files_select_drivers);
	tcase_add_test(e2e, windows_database_path_map);
	tcase_add_test(e2e, malformed_databases);
	tcase_add_test(e2e, project_config_file);
	tcase_add_test(e2e, config_source_root);
	suite_add_tcase(s, unit);
	suite_add_tcase(s, e2e);
	return s;
}
