/*
 * check_fixups.c - the front end's fix-ups for real-driver habits
 * (analyzer/fe_fixups.c).
 *
 * First fixups_function_concat on its own: which __FUNCTION__ (and
 * __FUNCSIG__, __FUNCDNAME__) it rewrites, that comments and string
 * literals are left alone, and that the output always has the length of
 * the input with every byte outside the rewritten names unchanged.  Then
 * end to end through frontend_parse on small drivers written to a
 * temporary directory: a missing WPP .tmh or plain header, WPP_DEFINE_BIT
 * names as constants, __FUNCTION__ pastes in a local header with
 * locations kept, and genuine implicit declarations still reported in a
 * WPP file.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analyzer/fe_fixups.h"
#include "../analyzer/frontend.h"
#include "../analyzer/model.h"
#include "suites.h"

/* ------------------------------------------------------------------ */
/* fixups_function_concat                                              */

/* Checks the invariants of a rewrite of `in`: same length, and every byte
 * either unchanged or a `_` of a name turned into a `"`. */
static void fx_check_invariants(const char *in, const char *out)
{
	size_t n = strlen(in);
	ck_assert_uint_eq(strlen(out), n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(out[i] == in[i] || (in[i] == '_' && out[i] == '"'),
			      "byte %zu changed from '%c' to '%c' in <%s>", i, in[i],
			      out[i], out);
}

/* Rewrites `in` and expects `want` (NULL: nothing to rewrite). */
static void fx_expect_concat(const char *in, const char *want)
{
	char *out = fixups_function_concat(in, strlen(in));
	if (!want) {
		ck_assert_msg(out == NULL, "<%s> rewritten to <%s>", in, out ? out : "");
		return;
	}
	ck_assert_msg(out != NULL, "<%s> not rewritten", in);
	fx_check_invariants(in, out);
	ck_assert_str_eq(out, want);
	free(out);
}

START_TEST(test_concat_glued_after_literal)
{
	fx_expect_concat("DbgPrint(\"MUX: \" __FUNCTION__);\n",
			 "DbgPrint(\"MUX: \" \"_FUNCTION_\");\n");
	/* With no space at all. */
	fx_expect_concat("DbgPrint(\"MUX: \"__FUNCTION__);",
			 "DbgPrint(\"MUX: \"\"_FUNCTION_\");");
	/* A comment between the two still pastes. */
	fx_expect_concat("f(\"a\" /* why */ __FUNCTION__);",
			 "f(\"a\" /* why */ \"_FUNCTION_\");");
}
END_TEST

START_TEST(test_concat_glued_before_literal)
{
	fx_expect_concat("DbgPrint(__FUNCTION__ \": failed %x\\n\", Status);",
			 "DbgPrint(\"_FUNCTION_\" \": failed %x\\n\", Status);");
	fx_expect_concat("f(__FUNCTION__\"x\");", "f(\"_FUNCTION_\"\"x\");");
}
END_TEST

START_TEST(test_concat_between_literals)
{
	fx_expect_concat(
		"DbgPrint(\"MUX: \" __FUNCTION__ \": failed %x\\n\", Status);\n",
		"DbgPrint(\"MUX: \" \"_FUNCTION_\" \": failed %x\\n\", Status);\n");
	/* Two names in a row after a literal: both paste. */
	fx_expect_concat("f(\"<\" __FUNCTION__ __FUNCTION__ \">\");",
			 "f(\"<\" \"_FUNCTION_\" \"_FUNCTION_\" \">\");");
	/* An escaped quote does not end the literal before the name. */
	fx_expect_concat("f(\"a\\\"b\" __FUNCTION__);",
			 "f(\"a\\\"b\" \"_FUNCTION_\");");
}
END_TEST

START_TEST(test_concat_wide_prefix)
{
	fx_expect_concat("f(L\"wide: \" __FUNCTION__);",
			 "f(L\"wide: \" \"_FUNCTION_\");");
	fx_expect_concat("f(__FUNCTION__ L\" wide\");",
			 "f(\"_FUNCTION_\" L\" wide\");");
	fx_expect_concat("f(u8\"x\" __FUNCTION__);", "f(u8\"x\" \"_FUNCTION_\");");
}
END_TEST

START_TEST(test_concat_not_glued)
{
	/* Alone as an argument: a valid expression, left alone. */
	fx_expect_concat("DbgPrint(\"%s: failed\\n\", __FUNCTION__);", NULL);
	fx_expect_concat("f(__FUNCTION__);", NULL);
	fx_expect_concat("const char *n = __FUNCTION__;", NULL);
	/* Longer identifiers that contain the name. */
	fx_expect_concat("f(\"a\" MY__FUNCTION__ \"b\");", NULL);
	fx_expect_concat("f(\"a\" __FUNCTION__X \"b\");", NULL);
	/* A character literal holding a quote is not a string. */
	fx_expect_concat("f('\"', __FUNCTION__);", NULL);
	fx_expect_concat("f('\"' __FUNCTION__);", NULL);
	/* No name at all. */
	fx_expect_concat("int x = 1;\n", NULL);
	fx_expect_concat("", NULL);
	/* The second one is alone after a comma. */
	fx_expect_concat("f(\"a\" __FUNCTION__, __FUNCTION__);",
			 "f(\"a\" \"_FUNCTION_\", __FUNCTION__);");
}
END_TEST

START_TEST(test_concat_comments_and_strings)
{
	fx_expect_concat("/* \"a\" __FUNCTION__ \"b\" */\nint x;\n", NULL);
	fx_expect_concat("// \"a\" __FUNCTION__ \"b\"\nint x;\n", NULL);
	fx_expect_concat("f(\"__FUNCTION__ \" \"x\");", NULL);
	fx_expect_concat("f(\"a\" \"__FUNCTION__\");", NULL);
	fx_expect_concat("f(L\"__FUNCSIG__\" \"x\");", NULL);
	/* A comment mentioning it next to a real one: only the real one. */
	fx_expect_concat("f(\"a\" __FUNCTION__); /* \"b\" __FUNCTION__ */",
			 "f(\"a\" \"_FUNCTION_\"); /* \"b\" __FUNCTION__ */");
	fx_expect_concat("// __FUNCTION__ \"x\"\nf(__FUNCTION__ \"y\");\n",
			 "// __FUNCTION__ \"x\"\nf(\"_FUNCTION_\" \"y\");\n");
}
END_TEST

START_TEST(test_concat_macro_continuation)
{
	fx_expect_concat(
		"#define TRACE(m) DbgPrint(\"X: \" \\\n"
		"                          __FUNCTION__ \\\n"
		"                          \": \" m)\n",
		"#define TRACE(m) DbgPrint(\"X: \" \\\n"
		"                          \"_FUNCTION_\" \\\n"
		"                          \": \" m)\n");
	/* CRLF line ends. */
	fx_expect_concat("#define T DbgPrint(__FUNCTION__ \\\r\n  \"\\n\")\r\n",
			 "#define T DbgPrint(\"_FUNCTION_\" \\\r\n  \"\\n\")\r\n");
}
END_TEST

START_TEST(test_concat_funcsig_funcdname)
{
	fx_expect_concat("f(\"sig: \" __FUNCSIG__);", "f(\"sig: \" \"_FUNCSIG_\");");
	fx_expect_concat("f(__FUNCDNAME__ \"!\");", "f(\"_FUNCDNAME_\" \"!\");");
	fx_expect_concat("f(\"a\" __FUNCSIG__ \"b\" __FUNCDNAME__ \"c\");",
			 "f(\"a\" \"_FUNCSIG_\" \"b\" \"_FUNCDNAME_\" \"c\");");
	fx_expect_concat("f(__FUNCSIG__, __FUNCDNAME__);", NULL);
}
END_TEST

/* A whole driver-like text: only the names change, lengths stay. */
START_TEST(test_concat_same_length_everywhere)
{
	static const char in[] =
		"/* \"__FUNCTION__\" */\n"
		"#define LOG(f) DbgPrint(\"D: \" __FUNCTION__ \\\n"
		"                       \": \" f)\n"
		"void g(void) {\n"
		"    const char *s = \"__FUNCSIG__\";\n"
		"    DbgPrint(\"%s\\n\", __FUNCTION__);\n"
		"    DbgPrint(L\"w\" __FUNCSIG__ \"\\n\");  // __FUNCTION__ \"x\"\n"
		"    LOG(\"y\");\n"
		"}\n";
	char *out = fixups_function_concat(in, strlen(in));
	ck_assert_ptr_nonnull(out);
	fx_check_invariants(in, out);
	/* Exactly two names rewritten: four bytes differ. */
	int changed = 0;
	for (size_t i = 0; in[i]; i++)
		changed += in[i] != out[i];
	ck_assert_int_eq(changed, 4);
	ck_assert_ptr_nonnull(strstr(out, "\"D: \" \"_FUNCTION_\" \\\n"));
	ck_assert_ptr_nonnull(strstr(out, "L\"w\" \"_FUNCSIG_\" \"\\n\""));
	ck_assert_ptr_nonnull(strstr(out, "DbgPrint(\"%s\\n\", __FUNCTION__);"));
	free(out);

	/* Only len bytes are read: the paste after them is not seen. */
	static const char cut[] = "f(__FUNCTION__); \"a\" __FUNCTION__";
	ck_assert_ptr_null(fixups_function_concat(cut, 16));
}
END_TEST

/* ------------------------------------------------------------------ */
/* End to end through frontend_parse                                   */

enum { FX_MAX_FILES = 8 };

/* A temporary directory of sources, removed by fx_dir_remove. */
struct fx_dir {
	char path[64];
	char *files[FX_MAX_FILES];
	int nfiles;
};

static void fx_dir_make(struct fx_dir *d)
{
	memset(d, 0, sizeof(*d));
	strcpy(d->path, "/tmp/ndislint-fixups-XXXXXX");
	ck_assert_msg(mkdtemp(d->path) != NULL, "mkdtemp failed");
}

/* Writes `text` to d/name and returns the full path (owned by d). */
static const char *fx_dir_write(struct fx_dir *d, const char *name,
				const char *text)
{
	char *p = NULL;
	ck_assert_int_lt(d->nfiles, FX_MAX_FILES);
	ck_assert_int_ge(asprintf(&p, "%s/%s", d->path, name), 0);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	d->files[d->nfiles++] = p;
	return p;
}

static void fx_dir_remove(struct fx_dir *d)
{
	for (int i = 0; i < d->nfiles; i++) {
		unlink(d->files[i]);
		free(d->files[i]);
	}
	rmdir(d->path);
	d->nfiles = 0;
}

/* Parses `path`; asserts that the parse succeeds. */
static struct model_file *fx_parse(const char *path)
{
	char inc[4096], err[512] = "";
	struct parse_options opt = { 0 };
	struct model_file *mf = NULL;

	opt.include_dir = tests_include_dir(inc, sizeof(inc));
	enum parse_result r = frontend_parse(path, &opt, &mf, err, sizeof(err));
	ck_assert_msg(r == PARSE_OK, "parse of %s failed: %s", path, err);
	ck_assert_ptr_nonnull(mf);
	return mf;
}

/* Fails with the model's diagnostics listed when it has any. */
static void fx_assert_no_diags(const struct model_file *mf)
{
	for (int i = 0; i < mf->ndiags; i++)
		fprintf(stderr, "unexpected diagnostic %s:%u:%u: %s\n",
			mf->files[mf->diags[i].loc.file], mf->diags[i].loc.line,
			mf->diags[i].loc.col, mf->diags[i].message);
	ck_assert_int_eq(mf->ndiags, 0);
}

/* The first note whose message contains all of `a` and `b` (b may be
 * NULL), or NULL. */
static const struct model_note *fx_note(const struct model_file *mf,
					const char *a, const char *b)
{
	for (int i = 0; i < mf->nnotes; i++)
		if (strstr(mf->notes[i].message, a) &&
		    (!b || strstr(mf->notes[i].message, b)))
			return &mf->notes[i];
	return NULL;
}

/* The first call event to `callee` in fn; fails when there is none. */
static const struct event *fx_call(const struct model_function *fn,
				   const char *callee)
{
	for (int i = 0; i < fn->nevents; i++)
		if (fn->events[i].kind == EV_CALL && fn->events[i].callee &&
		    strcmp(fn->events[i].callee, callee) == 0)
			return &fn->events[i];
	ck_abort_msg("no call to %s in %s", callee, fn->name);
	return NULL;
}

static const struct model_function *fx_fn(const struct model_file *mf,
					  const char *name)
{
	const struct model_function *fn = model_find_function(mf, name);
	ck_assert_msg(fn != NULL, "function %s not in the model", name);
	return fn;
}

/* The constant that fn returns (its one explicit return). */
static long long fx_returned_constant(const struct model_file *mf,
				      const char *name)
{
	const struct model_function *fn = fx_fn(mf, name);
	for (int i = 0; i < fn->nblocks; i++) {
		const struct block *b = &fn->blocks[i];
		if (b->term != TERM_RETURN || b->implicit_return || b->cond < 0)
			continue;
		long long v = 0;
		ck_assert_msg(model_expr_const(fn->exprs, b->cond, &v),
			      "%s does not return a constant", name);
		return v;
	}
	ck_abort_msg("%s has no return", name);
	return 0;
}

static bool fx_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

START_TEST(test_missing_tmh)
{
	struct fx_dir d;
	fx_dir_make(&d);
	const char *c = fx_dir_write(&d, "driver.c",
		"#include <ndis.h>\n"
		"#include \"driver.tmh\"\n"
		"NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject,\n"
		"                     PUNICODE_STRING RegistryPath)\n"
		"{\n"
		"    WPP_INIT_TRACING(DriverObject, RegistryPath);\n"
		"    DoTraceMessage(0, \"loaded %d\", 1);\n"
		"    WPP_CLEANUP(DriverObject);\n"
		"    return STATUS_SUCCESS;\n"
		"}\n");
	struct model_file *mf = fx_parse(c);
	fx_dir_remove(&d);

	fx_assert_no_diags(mf);
	const struct model_note *n = fx_note(mf, "driver.tmh", "WPP");
	ck_assert_msg(n != NULL, "no note about driver.tmh");
	ck_assert_uint_eq(n->line, 2);
	ck_assert_ptr_nonnull(n->file);
	ck_assert(fx_ends_with(n->file, "/driver.c"));
	ck_assert_ptr_null(fx_note(mf, "treated as empty", NULL));
	/* The WPP macros are no-ops: no call left in DriverEntry. */
	const struct model_function *fn = fx_fn(mf, "DriverEntry");
	for (int i = 0; i < fn->nevents; i++)
		ck_assert(fn->events[i].kind != EV_CALL);
	model_file_free(mf);
}
END_TEST

START_TEST(test_missing_plain_header)
{
	struct fx_dir d;
	fx_dir_make(&d);
	const char *c = fx_dir_write(&d, "driver.c",
		"#include <ndis.h>\n"
		"#include \"buildver.h\"\n"
		"#ifndef VER_MAJOR\n"
		"#define VER_MAJOR 3\n"
		"#endif\n"
		"ULONG Major(VOID) { return VER_MAJOR; }\n");
	struct model_file *mf = fx_parse(c);
	fx_dir_remove(&d);

	fx_assert_no_diags(mf);
	const struct model_note *n = fx_note(mf, "buildver.h", "treated as empty");
	ck_assert_msg(n != NULL, "no 'treated as empty' note about buildver.h");
	ck_assert_uint_eq(n->line, 2);
	ck_assert_int_eq(fx_returned_constant(mf, "Major"), 3);
	model_file_free(mf);
}
END_TEST

START_TEST(test_wpp_bits_as_constants)
{
	struct fx_dir d;
	fx_dir_make(&d);
	fx_dir_write(&d, "trace.h",
		"#define WPP_CONTROL_GUIDS \\\n"
		"    WPP_DEFINE_CONTROL_GUID(FxGuid, (1b2c3d4e,5f60,4a7b,8c9d,0e1f2a3b4c5d), \\\n"
		"        WPP_DEFINE_BIT(FX_INIT)      /* bit 0 */ \\\n"
		"        WPP_DEFINE_BIT(FX_SEND)      /* bit 1 */ \\\n"
		"        WPP_DEFINE_BIT(FX_RECV)      /* bit 2 */ \\\n"
		"        WPP_DEFINE_BIT(FX_OID)       /* bit 3 */ \\\n"
		"        WPP_DEFINE_BIT(FX_PNP)       /* bit 4 */ \\\n"
		"        )\n"
		"// begin_wpp config\n"
		"// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);\n"
		"// end_wpp\n");
	const char *c = fx_dir_write(&d, "bits.c",
		"#include <ndis.h>\n"
		"#include \"trace.h\"\n"
		"#include \"bits.tmh\"\n"
		"ULONG FlagInit(VOID) { return FX_INIT; }\n"
		"ULONG FlagRecv(VOID) { return FX_RECV; }\n"
		"ULONG FlagPnp(VOID) { return FX_PNP; }\n"
		"ULONG FlagMix(VOID) { return FX_SEND | FX_OID; }\n"
		"ULONG Traced(ULONG v)\n"
		"{\n"
		"    TraceEvents(4, FX_SEND, \"v=%u\", v);\n"
		"    return v;\n"
		"}\n");
	struct model_file *mf = fx_parse(c);
	fx_dir_remove(&d);

	fx_assert_no_diags(mf);
	ck_assert_int_eq(fx_returned_constant(mf, "FlagInit"), 1);
	ck_assert_int_eq(fx_returned_constant(mf, "FlagRecv"), 4);
	ck_assert_int_eq(fx_returned_constant(mf, "FlagPnp"), 16);
	ck_assert_int_eq(fx_returned_constant(mf, "FlagMix"), 2 | 8);
	/* The config block's trace function is a no-op. */
	const struct model_function *fn = fx_fn(mf, "Traced");
	for (int i = 0; i < fn->nevents; i++)
		ck_assert(fn->events[i].kind != EV_CALL);
	model_file_free(mf);
}
END_TEST

START_TEST(test_function_paste_in_local_header)
{
	struct fx_dir d;
	fx_dir_make(&d);
	fx_dir_write(&d, "dbg.h",
		"#include <ndis.h>\n"
		"#define LOGF(_x) DbgPrint(\"D: \" __FUNCTION__ \\\n"
		"                          \": %d\\n\", (_x))\n"
		"VOID Target(VOID);\n"
		"static __inline VOID HeaderHelper(VOID)\n"
		"{\n"
		"    DbgPrint(__FUNCTION__ \" in a header\\n\"); Target();\n"
		"}\n");
	const char *c = fx_dir_write(&d, "paste.c",
		"#include \"dbg.h\"\n"
		"VOID Caller(int v)\n"
		"{\n"
		"    LOGF(v);\n"
		"    DbgPrint(\"M: \" __FUNCTION__ \": \" __FUNCSIG__ \"\\n\"); Target();\n"
		"    HeaderHelper();\n"
		"}\n");
	struct model_file *mf = fx_parse(c);
	fx_dir_remove(&d);

	fx_assert_no_diags(mf);
	const struct model_function *fn = fx_fn(mf, "Caller");
	/* Line and column in the real file. */
	const struct event *t = fx_call(fn, "Target");
	ck_assert_int_eq(t->loc.file, 0);
	ck_assert_uint_eq(t->loc.line, 5);
	ck_assert_uint_eq(t->loc.col, 57);
	const struct event *p = fx_call(fn, "DbgPrint");
	ck_assert_uint_eq(p->loc.line, 4);
	const struct event *h = fx_call(fn, "HeaderHelper");
	ck_assert_uint_eq(h->loc.line, 6);
	ck_assert_uint_eq(h->loc.col, 5);

	model_file_free(mf);
}
END_TEST

/* Only the source's own functions are modelled: the positions in a
 * rewritten header are checked through a diagnostic placed after a paste. */
START_TEST(test_function_paste_header_positions)
{
	struct fx_dir d;
	fx_dir_make(&d);
	fx_dir_write(&d, "dbg.h",
		"#include <ndis.h>\n"
		"static __inline VOID HeaderHelper(VOID)\n"
		"{\n"
		"    DbgPrint(\"H: \" __FUNCTION__ \"\\n\"); HeaderCount++;\n"
		"}\n");
	const char *c = fx_dir_write(&d, "user.c",
		"#include \"dbg.h\"\n"
		"VOID User(VOID) { HeaderHelper(); }\n");
	struct model_file *mf = fx_parse(c);
	fx_dir_remove(&d);

	ck_assert_int_eq(mf->ndiags, 1);
	const struct model_diag *g = &mf->diags[0];
	ck_assert_ptr_nonnull(strstr(g->message, "HeaderCount"));
	ck_assert(fx_ends_with(mf->files[g->loc.file], "/dbg.h"));
	ck_assert_uint_eq(g->loc.line, 4);
	ck_assert_uint_eq(g->loc.col, 40);
	model_file_free(mf);
}
END_TEST

START_TEST(test_implicit_declaration_kept_in_wpp_file)
{
	struct fx_dir d;
	fx_dir_make(&d);
	const char *c = fx_dir_write(&d, "init.c",
		"#include <ndis.h>\n"
		"#include \"init.tmh\"\n"
		"NDIS_STATUS Init(NDIS_HANDLE h)\n"
		"{\n"
		"    DbgTrace(4, \"--> Init %p\", h);\n"
		"    return ReadConfig(h, 3);\n"
		"}\n");
	struct model_file *mf = fx_parse(c);
	fx_dir_remove(&d);

	/* DbgTrace (a string argument) is a trace function ... */
	ck_assert_ptr_nonnull(fx_note(mf, "DbgTrace", "no-op"));
	ck_assert_ptr_null(fx_note(mf, "ReadConfig", NULL));
	/* ... ReadConfig (none) is a genuine implicit declaration. */
	int found = 0;
	for (int i = 0; i < mf->ndiags; i++) {
		const struct model_diag *g = &mf->diags[i];
		ck_assert_msg(strstr(g->message, "DbgTrace") == NULL,
			      "diagnostic about the trace call: %s", g->message);
		if (strstr(g->message, "implicit declaration") &&
		    strstr(g->message, "ReadConfig")) {
			ck_assert_int_eq(g->loc.file, 0);
			ck_assert_uint_eq(g->loc.line, 6);
			ck_assert_uint_eq(g->loc.col, 12);
			found++;
		}
	}
	ck_assert_int_eq(found, 1);
	model_file_free(mf);
}
END_TEST

Suite *fixups_suite(void)
{
	Suite *s = suite_create("fixups");
	TCase *tc = tcase_create("function_concat");

	tcase_add_test(tc, test_concat_glued_after_literal);
	tcase_add_test(tc, test_concat_glued_before_literal);
	tcase_add_test(tc, test_concat_between_literals);
	tcase_add_test(tc, test_concat_wide_prefix);
	tcase_add_test(tc, test_concat_not_glued);
	tcase_add_test(tc, test_concat_comments_and_strings);
	tcase_add_test(tc, test_concat_macro_continuation);
	tcase_add_test(tc, test_concat_funcsig_funcdname);
	tcase_add_test(tc, test_concat_same_length_everywhere);
	suite_add_tcase(s, tc);

	tc = tcase_create("frontend");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_missing_tmh);
	tcase_add_test(tc, test_missing_plain_header);
	tcase_add_test(tc, test_wpp_bits_as_constants);
	tcase_add_test(tc, test_function_paste_in_local_header);
	tcase_add_test(tc, test_function_paste_header_positions);
	tcase_add_test(tc, test_implicit_declaration_kept_in_wpp_file);
	suite_add_tcase(s, tc);
	return s;
}
