/*
 * check_split.c - a big file parsed as two halves (analyzer/fe_split.c).
 *
 * First the lexical scan for function bodies on its own: what it takes
 * for a body and what it leaves (initializers, struct bodies, braces in
 * literals, comments and directives), and that blanking keeps every
 * offset, line end and preprocessor line.  Then end to end through
 * frontend_parse: the model of a split parse, printed by model_dump, is
 * byte for byte the model of a whole parse, on every corpus file and on
 * drivers written to fool the scan (the split is then given up).
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../analyzer/fe_split.h"
#include "../analyzer/frontend.h"
#include "../analyzer/model.h"
#include "../analyzer/model_dump.h"
#include "suites.h"

/* ------------------------------------------------------------------ */
/* The scan                                                            */

/* Scans text and expects exactly the bodies whose texts are want[], in
 * order. */
static void expect_bodies(const char *text, int n, const char *const *want)
{
	struct fe_bodies b;
	ck_assert_msg(fe_find_bodies(text, strlen(text), &b), "scan failed on <%s>", text);
	ck_assert_msg(b.nbodies == n, "%d bodies, wanted %d, in <%s>", b.nbodies, n, text);
	for (int i = 0; i < n; i++) {
		size_t len = b.bodies[i].end - b.bodies[i].begin;
		ck_assert_msg(len == strlen(want[i]) &&
			      memcmp(text + b.bodies[i].begin, want[i], len) == 0,
			      "body %d is <%.*s>, wanted <%s>", i, (int)len,
			      text + b.bodies[i].begin, want[i]);
	}
	fe_bodies_free(&b);
}

START_TEST(test_scan_function_bodies)
{
	const char *want[] = { "{ return 0; }", "{\n  if (x) { y(); }\n}" };
	expect_bodies("int f(void) { return 0; }\n"
		      "static VOID\nG(_In_ int x)\n{\n  if (x) { y(); }\n}\n", 2, want);
	/* Annotations after the parameters, and a macro-made declarator. */
	const char *want2[] = { "{ a(); }", "{ b(); }" };
	expect_bodies("void f(void) __attribute__((cold)) { a(); }\n"
		      "DECLARE_HANDLER(g) { b(); }\n", 2, want2);
}
END_TEST

START_TEST(test_scan_leaves_data_and_types)
{
	expect_bodies("int a[] = { 1, 2 };\n"
		      "struct S { int x; };\n"
		      "typedef struct { int y; } T;\n"
		      "enum E { A, B };\n"
		      "T t = (T){ 1 };\n"
		      "union U DECLSPEC_ALIGN(8) { int z; };\n", 0, NULL);
	/* A function returning a struct is left to both halves: not found. */
	expect_bodies("struct S *f(void) { return 0; }\n", 0, NULL);
	/* K&R parameter declarations come between `)` and `{`. */
	expect_bodies("int f(a) int a; { return a; }\n", 0, NULL);
	/* A body that reaches out without a directive stays in both halves. */
	const char *want[] = { "{ b(); }" };
	expect_bodies("void f(void) { __pragma(pack(push, 1)) }\n"
		      "void g(void) { int x = __COUNTER__; }\n"
		      "void h(void) { _Pragma(\"pack(1)\") }\n"
		      "void k(void) { b(); }\n", 1, want);
}
END_TEST

START_TEST(test_scan_skips_literals_comments_directives)
{
	const char *want[] = { "{ s = \"}\"; c = '{'; /* } */ // }\n}" };
	expect_bodies("#define OPEN {\n"
		      "/* void g(void) { */\n"
		      "// void h(void) {\n"
		      "void f(void) { s = \"}\"; c = '{'; /* } */ // }\n}\n", 1, want);
	/* Lines that end in a lone CR: the directive is still one. */
	const char *want_cr[] = { "{ }", "{ }" };
	expect_bodies("void g(void) { }\r#define OPEN {\rvoid f(void) { }\r", 2, want_cr);
	/* A // comment spliced onto the next line hides that line too. */
	const char *want2[] = { "{ }" };
	expect_bodies("// a comment \\\n void g(void) {\n"
		      "void f(void) { }\n", 1, want2);
}
END_TEST

START_TEST(test_scan_gives_up_on_unbalanced_text)
{
	struct fe_bodies b;
	ck_assert(!fe_find_bodies("void f(void) { }\n}\n", 19, &b));
	ck_assert(!fe_find_bodies("void f(void) {\n", 15, &b));
	ck_assert(!fe_find_bodies("void f(void) { } /* open", 24, &b));
	ck_assert(!fe_find_bodies("int x = f(1;\n", 13, &b));
}
END_TEST

START_TEST(test_blank_keeps_offsets_lines_and_directives)
{
	const char *text = "void f(void)\r\n{\r\n  a();\r\n#define X 1\r\n  b(); \\\n}\r\n"
			   "void g(void) { c(); }\n";
	size_t len = strlen(text);
	struct fe_bodies b;
	ck_assert(fe_find_bodies(text, len, &b));
	ck_assert_int_eq(b.nbodies, 2);
	ck_assert_int_eq(b.ndirectives, 1);
	char *t = fe_blank_bodies(text, len, &b, 0, 1);
	ck_assert_uint_eq(strlen(t), len);
	ck_assert_str_eq(t, "void f(void)\r\n{\r\n      \r\n#define X 1\r\n        \n}\r\n"
			    "void g(void) { c(); }\n");
	free(t);
	t = fe_blank_bodies(text, len, &b, 1, 1);
	ck_assert_str_eq(t + 50, "void g(void) {      }\n");
	free(t);
	fe_bodies_free(&b);
}
END_TEST

START_TEST(test_split_point_halves_the_text)
{
	struct fe_span spans[] = { { 0, 10 }, { 10, 20 }, { 20, 100 }, { 100, 110 } };
	struct fe_bodies b = { spans, 4, NULL, 0 };
	ck_assert_int_eq(fe_split_point(&b), 3);
	struct fe_span two[] = { { 0, 1000 }, { 1000, 1001 } };
	struct fe_bodies b2 = { two, 2, NULL, 0 };
	ck_assert_int_eq(fe_split_point(&b2), 1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* End to end                                                          */

/* model_dump prints a function's locations without their file: the
 * ones outside the main file (a join maps each half's file table) are
 * printed here with the file's name. */
static void dump_other_files(FILE *f, const struct model_file *mf)
{
	for (int i = 0; i < mf->nfunctions; i++) {
		const struct model_function *fn = &mf->functions[i];
		for (int k = 0; k < fn->nevents; k++)
			if (fn->events[k].loc.file != 0)
				fprintf(f, "%s event %d in %s\n", fn->name, k,
					mf->files[fn->events[k].loc.file]);
		for (int k = 0; k < fn->nblocks; k++)
			if (fn->blocks[k].loc.file != 0)
				fprintf(f, "%s block %d in %s\n", fn->name, k,
					mf->files[fn->blocks[k].loc.file]);
		for (int k = 0; k < fn->nexprs; k++)
			if (fn->exprs[k].loc.file != 0)
				fprintf(f, "%s expr %d in %s\n", fn->name, k,
					mf->files[fn->exprs[k].loc.file]);
		if (fn->loc.file != 0 || fn->body_end_loc.file != 0)
			fprintf(f, "%s in %s\n", fn->name, mf->files[fn->loc.file]);
	}
}

/* The model of path (text: its contents, or NULL to read the file)
 * parsed whole (threads 1) or split at any size, as model_dump prints
 * it; *parts says how it was parsed. */
static char *dump_of(const char *path, const char *text, int threads, int *parts)
{
	char inc[4096], err[512] = "";
	struct parse_options opt = { 0 };
	struct model_file *mf = NULL;
	char *buf = NULL;
	size_t size = 0;

	opt.include_dir = tests_include_dir(inc, sizeof(inc));
	opt.threads = threads;
	opt.split_min = 1;
	opt.parts = parts;
	if (text) {
		opt.contents = text;
		opt.contents_len = strlen(text);
	}
	ck_assert_msg(frontend_parse(path, &opt, &mf, err, sizeof(err)) == PARSE_OK,
		      "parse of %s failed: %s", path, err);
	FILE *f = open_memstream(&buf, &size);
	ck_assert_ptr_nonnull(f);
	model_dump(f, mf);
	dump_other_files(f, mf);
	fclose(f);
	model_file_free(mf);
	return buf;
}

/* Parses whole and split; the models must be the same.  Returns the
 * split parse's parts. */
static int expect_same_model(const char *path, const char *text)
{
	int whole_parts = 0, parts = 0;
	char *whole = dump_of(path, text, 1, &whole_parts);
	char *split = dump_of(path, text, 2, &parts);
	ck_assert_int_eq(whole_parts, 1);
	ck_assert_msg(strcmp(whole, split) == 0,
		      "%s: the split model differs from the whole one:\n"
		      "--- whole\n%s\n--- split\n%s", path, whole, split);
	free(whole);
	free(split);
	return parts;
}

static bool is_c_file(const char *name)
{
	size_t n = strlen(name);
	return n > 2 && strcmp(name + n - 2, ".c") == 0;
}

/* Every .c file under dir, recursively: same model; counts splits. */
static void same_model_under(const char *dir, int *files, int *split)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			same_model_under(path, files, split);
		} else if (is_c_file(e->d_name)) {
			(*files)++;
			*split += expect_same_model(path, NULL) == 2;
		}
	}
	closedir(d);
}

START_TEST(test_corpus_split_models_are_whole_models)
{
	const char *root = getenv("NDISLINT_ROOT");
	char dir[4096];
	int files = 0, split = 0;

	snprintf(dir, sizeof(dir), "%s/corpus", root && *root ? root : ".");
	same_model_under(dir, &files, &split);
	ck_assert_int_gt(files, 150);
	/* Files with one function or a parse error stay whole; the rest
	 * must really have been split, or this test proves nothing. */
	ck_assert_msg(split * 10 >= files * 8, "only %d of %d files split", split, files);
}
END_TEST

/* A driver with int-conversion warnings (kept diagnostics) in both
 * halves, a #define inside a body that a later body uses, a function
 * #if'd out and CRLF line ends. */
static const char *const mixed_driver =
	"#include <ndis.h>\r\n"
	"static ULONG Flags;\r\n"
	"static PVOID First(void)\r\n"
	"{\r\n"
	"    ULONG v = (PVOID)0;\r\n"
	"#define LATER_VALUE 7\r\n"
	"    return (PVOID)(ULONG_PTR)v;\r\n"
	"}\r\n"
	"#if 0\r\n"
	"static void Gone(void) { not C at all }\r\n"
	"#endif\r\n"
	"static ULONG Second(PVOID p)\r\n"
	"{\r\n"
	"    ULONG w = p;\r\n"
	"    if (w) { Flags |= LATER_VALUE; }\r\n"
	"    return w;\r\n"
	"}\r\n"
	"NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\r\n"
	"{\r\n"
	"    UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r);\r\n"
	"    ULONG z = (PVOID)0;\r\n"
	"    UNREFERENCED_PARAMETER(z);\r\n"
	"    return Second(First()) == LATER_VALUE ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;\r\n"
	"}\r\n";

START_TEST(test_split_keeps_warnings_directives_and_skipped_text)
{
	ck_assert_int_eq(expect_same_model("/tmp/ndislint-split-mixed.c", mixed_driver), 2);
}
END_TEST

/* The scan takes the braces of a struct written through macros for a
 * body; the halves then disagree and the file is parsed whole. */
START_TEST(test_fooled_scan_falls_back_to_whole)
{
	const char *text =
		"#include <ndis.h>\n"
		"#define RECORD struct\n"
		"#define ALIGNED(n) __declspec(align(n))\n"
		"RECORD ALIGNED(8) { int a; } g;\n"
		"static int Helper(void) { return g.a; }\n"
		"NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n"
		"{ UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r);\n"
		"  return Helper(); }\n";
	ck_assert_int_eq(expect_same_model("/tmp/ndislint-split-fooled.c", text), 1);
}
END_TEST

/* A parse error sends the file to the whole parse, which reports it. */
START_TEST(test_error_falls_back_to_whole)
{
	const char *text =
		"#include <ndis.h>\n"
		"static int Helper(void) { return undeclared; }\n"
		"NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n"
		"{ UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r);\n"
		"  return Helper(); }\n";
	ck_assert_int_eq(expect_same_model("/tmp/ndislint-split-error.c", text), 1);
}
END_TEST

/* One thread, or a file under the size: whole. */
START_TEST(test_small_or_single_thread_is_whole)
{
	char inc[4096], err[512];
	struct parse_options opt = { 0 };
	struct model_file *mf = NULL;
	int parts = 0;

	opt.include_dir = tests_include_dir(inc, sizeof(inc));
	opt.contents = mixed_driver;
	opt.contents_len = strlen(mixed_driver);
	opt.parts = &parts;
	opt.threads = 2;        /* split_min 0: FRONTEND_SPLIT_MIN, far above */
	ck_assert(frontend_parse("/tmp/ndislint-split-small.c", &opt, &mf, err,
				 sizeof(err)) == PARSE_OK);
	ck_assert_int_eq(parts, 1);
	model_file_free(mf);
	mf = NULL;
	opt.threads = 1;
	opt.split_min = 1;
	ck_assert(frontend_parse("/tmp/ndislint-split-small.c", &opt, &mf, err,
				 sizeof(err)) == PARSE_OK);
	ck_assert_int_eq(parts, 1);
	model_file_free(mf);
}
END_TEST

Suite *split_suite(void)
{
	Suite *s = suite_create("split");
	TCase *tc = tcase_create("scan");

	tcase_add_test(tc, test_scan_function_bodies);
	tcase_add_test(tc, test_scan_leaves_data_and_types);
	tcase_add_test(tc, test_scan_skips_literals_comments_directives);
	tcase_add_test(tc, test_scan_gives_up_on_unbalanced_text);
	tcase_add_test(tc, test_blank_keeps_offsets_lines_and_directives);
	tcase_add_test(tc, test_split_point_halves_the_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("frontend");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_corpus_split_models_are_whole_models);
	tcase_add_test(tc, test_split_keeps_warnings_directives_and_skipped_text);
	tcase_add_test(tc, test_fooled_scan_falls_back_to_whole);
	tcase_add_test(tc, test_error_falls_back_to_whole);
	tcase_add_test(tc, test_small_or_single_thread_is_whole);
	suite_add_tcase(s, tc);
	return s;
}
