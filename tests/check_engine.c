/*
 * check_engine.c - the path engine (engine/engine.h) on real parses.
 *
 * Every test writes a small driver to a temporary .c file, parses it with
 * frontend_parse (bundled headers from $NDISLINT_ROOT/analyzer/include),
 * builds the program and the driver of its DriverEntry, runs engine_run
 * and asserts on the issues (kind, registration, state found, function,
 * line and column, trace steps) and on the counters (success states,
 * visits, exhaustion).  Lines are found through `/ *@name* /` markers in
 * the snippets, so the tests say which line they mean; columns are those
 * of a token on the marked line.  Snippets are indented with spaces only,
 * so a column is a byte offset plus one.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analyzer/frontend.h"
#include "../analyzer/model.h"
#include "../analyzer/program.h"
#include "../engine/engine.h"
#include "suites.h"

/* ------------------------------------------------------------------ */
/* Running the engine on a snippet                                     */

/* Everything one run owns. */
struct eng {
	const char *src;
	struct model_file *mf;
	struct program prog;
	struct findings notes;
	struct driver drv;
	struct engine_result *r;
};

/* Writes `src` to a new temporary /tmp/ndislint-eng-XXXXXX.c; the name
 * goes to path (at least 32 bytes). */
static void eng_write_temp(const char *src, char *path)
{
	strcpy(path, "/tmp/ndislint-eng-XXXXXX.c");
	int fd = mkstemps(path, 2);
	ck_assert_msg(fd >= 0, "mkstemps failed");
	FILE *f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(src, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* Parses `src`, builds its driver (entry DriverEntry) and runs the
 * engine; asserts the parse has no error diagnostic. */
static void eng_run(struct eng *e, const char *src)
{
	char path[64], inc[4096], err[512] = "";
	struct parse_options opt = { 0 };
	int entry = -1;

	memset(e, 0, sizeof(*e));
	e->src = src;
	eng_write_temp(src, path);
	opt.include_dir = tests_include_dir(inc, sizeof(inc));
	enum parse_result pr = frontend_parse(path, &opt, &e->mf, err, sizeof(err));
	unlink(path);
	ck_assert_msg(pr == PARSE_OK, "parse failed: %s", err);
	ck_assert_ptr_nonnull(e->mf);
	for (int i = 0; i < e->mf->ndiags; i++)
		ck_assert_msg(e->mf->diags[i].severity < 3, "parse error at line %u: %s",
			      e->mf->diags[i].loc.line, e->mf->diags[i].message);
	findings_init(&e->notes);
	program_init(&e->prog, &e->mf, 1, &e->notes);
	ck_assert_int_eq(program_lookup(&e->prog, "DriverEntry", &entry, 1), 1);
	driver_init(&e->drv, &e->prog, entry);
	e->r = engine_run(&e->drv);
	ck_assert_ptr_nonnull(e->r);
}

/* Frees what eng_run built. */
static void eng_free(struct eng *e)
{
	engine_result_free(e->r);
	driver_free(&e->drv);
	program_free(&e->prog);
	findings_free(&e->notes);
	model_file_free(e->mf);
}

/* The line holding `marker` in src (which must hold it exactly once). */
static unsigned eng_line(const char *src, const char *marker)
{
	const char *at = strstr(src, marker);
	ck_assert_msg(at != NULL, "marker %s not in the snippet", marker);
	ck_assert_msg(strstr(at + 1, marker) == NULL, "marker %s twice", marker);
	unsigned line = 1;
	for (const char *p = src; p < at; p++)
		line += *p == '\n';
	return line;
}

/* The column of the first `token` on the line holding `marker`. */
static unsigned eng_col(const char *src, const char *marker, const char *token)
{
	const char *at = strstr(src, marker);
	ck_assert_ptr_nonnull(at);
	const char *bol = at;
	while (bol > src && bol[-1] != '\n')
		bol--;
	const char *t = strstr(bol, token);
	ck_assert_msg(t != NULL && t < at, "token %s not on the line of %s", token, marker);
	return (unsigned)(t - bol) + 1;
}

/* The id of the function named `name`. */
static int eng_fn(const struct eng *e, const char *name)
{
	int id = -1;
	ck_assert_msg(program_lookup(&e->prog, name, &id, 1) == 1, "no function %s", name);
	return id;
}

static const char *const eng_kind_names[] = {
	"LEAK_ON_ERROR", "DEREG_WITHOUT_REG", "FLAGS_LACK_IM", "UNLOAD_MISSES",
	"NO_ASSOCIATE", "LATE_WRITE",
};

static const char *const eng_step_names[] = {
	"REG_OK", "REG_FAILED", "DEREGISTER", "BRANCH", "SWITCH", "CALL",
	"RETURN_FROM", "UNKNOWN_CALL", "RETURN", "UNLOAD", "ASSOCIATE",
	"LATE_WRITE",
};

/* The name of issue kind k, for messages. */
static const char *eng_kind_name(int k)
{
	int n = (int)(sizeof(eng_kind_names) / sizeof(eng_kind_names[0]));
	return k >= 0 && k < n ? eng_kind_names[k] : "?";
}

/* The name of step kind k, for messages. */
static const char *eng_step_name(int k)
{
	int n = (int)(sizeof(eng_step_names) / sizeof(eng_step_names[0]));
	return k >= 0 && k < n ? eng_step_names[k] : "?";
}

/* The issues that these tests are about: every kind but LATE_WRITE
 * (miniport-ready-before-register's raw facts, which its rule filters
 * against what the initialize handler reads; the snippets here write
 * globals after registering freely). */
static int eng_count(const struct eng *e)
{
	int n = 0;
	for (int i = 0; i < e->r->nissues; i++)
		n += e->r->issues[i].kind != ISSUE_LATE_WRITE;
	return n;
}

/* Appends to buf (of size n) what the result holds, for failure
 * messages. */
static const char *eng_dump(const struct eng *e, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
#define EMIT(...) do { if (used < n) used += (size_t)snprintf(buf + used, n - used, __VA_ARGS__); } while (0)
	EMIT("[%d issues, %d success states, %lld visits%s]", e->r->nissues,
	     e->r->success_states, e->r->visits, e->r->exhausted ? ", exhausted" : "");
	for (int i = 0; i < e->r->nissues; i++) {
		const struct engine_issue *is = &e->r->issues[i];
		EMIT("\n  %s reg=%d why=%d in %s at %u:%u; steps:",
		     eng_kind_name(is->kind), (int)is->reg, (int)is->why,
		     program_fn(&e->prog, is->fn)->name, is->loc.line, is->loc.col);
		for (int k = 0; k < is->trace.nsteps; k++) {
			const struct engine_step *s = &is->trace.steps[k];
			EMIT(" %s@%u", eng_step_name(s->kind), s->loc.line);
			if (s->kind == STEP_BRANCH)
				EMIT("(%c)", s->taken ? 'T' : 'F');
		}
	}
#undef EMIT
	return buf;
}

/* Asserts the engine reported no issue. */
static void eng_expect_none(const struct eng *e)
{
	char buf[4096];
	ck_assert_msg(eng_count(e) == 0, "expected no issue, got %s",
		      eng_dump(e, buf, sizeof(buf)));
	ck_assert_msg(!e->r->exhausted, "engine exhausted");
}

/* The issue of kind k about reg at line, or NULL. */
static const struct engine_issue *eng_issue(const struct eng *e, enum issue_kind k,
					    enum reg_kind reg, unsigned line)
{
	for (int i = 0; i < e->r->nissues; i++) {
		const struct engine_issue *is = &e->r->issues[i];
		if (is->kind == k && is->reg == reg && is->loc.line == line)
			return is;
	}
	return NULL;
}

/* Asserts the engine reported exactly `count` issues, one of them of
 * kind k about reg at `line` in function fn_name; returns it. */
static const struct engine_issue *eng_expect(const struct eng *e, int count,
					     enum issue_kind k, enum reg_kind reg,
					     unsigned line, const char *fn_name)
{
	char buf[4096];
	const struct engine_issue *is = eng_issue(e, k, reg, line);
	ck_assert_msg(is != NULL && eng_count(e) == count,
		      "expected %d issue(s) incl. %s reg=%d at line %u, got %s", count,
		      eng_kind_name(k), (int)reg, line, eng_dump(e, buf, sizeof(buf)));
	ck_assert_str_eq(program_fn(&e->prog, is->fn)->name, fn_name);
	ck_assert_msg(!e->r->exhausted, "engine exhausted");
	return is;
}

/* Index of the first step of kind k in the trace at or after `from`, or
 * -1. */
static int eng_step_find(const struct engine_trace *t, enum step_kind k, int from)
{
	for (int i = from; i < t->nsteps; i++)
		if (t->steps[i].kind == k)
			return i;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Snippet pieces                                                      */

/* Includes, handles, an initialize handler (6 lines). */
#define PRE \
	"#include <ndis.h>\n" \
	"DRIVER_INITIALIZE DriverEntry;\n" \
	"NDIS_HANDLE g_Mp;\n" \
	"NDIS_HANDLE g_Prot;\n" \
	"NDIS_STATUS MpInit(NDIS_HANDLE a, NDIS_HANDLE b, PNDIS_MINIPORT_INIT_PARAMETERS c)\n" \
	"{ UNREFERENCED_PARAMETER(a); UNREFERENCED_PARAMETER(b); UNREFERENCED_PARAMETER(c); return NDIS_STATUS_SUCCESS; }\n"

/* An unload handler that deregisters the miniport. */
#define UNLOAD_MP \
	"VOID MpUnload(PDRIVER_OBJECT d) /*@unload*/\n" \
	"{\n" \
	"    UNREFERENCED_PARAMETER(d);\n" \
	"    NdisMDeregisterMiniportDriver(g_Mp);\n" \
	"}\n"

/* An unload handler that deregisters both. */
#define UNLOAD_BOTH \
	"VOID MpUnload(PDRIVER_OBJECT d) /*@unload*/\n" \
	"{\n" \
	"    UNREFERENCED_PARAMETER(d);\n" \
	"    NdisDeregisterProtocolDriver(g_Prot);\n" \
	"    NdisMDeregisterMiniportDriver(g_Mp);\n" \
	"}\n"

/* DriverEntry's head and locals. */
#define DE_HEAD \
	"NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) /*@entry*/\n" \
	"{\n" \
	"    NDIS_STATUS Status;\n" \
	"    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;\n" \
	"    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;\n"

/* Correct IM characteristics. */
#define FILL \
	"    NdisZeroMemory(&MChars, sizeof(MChars));\n" \
	"    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;\n" \
	"    MChars.InitializeHandlerEx = MpInit;\n" \
	"    MChars.UnloadHandler = MpUnload;\n" \
	"    NdisZeroMemory(&PChars, sizeof(PChars));\n"

#define REG_MP \
	"    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &MChars, &g_Mp); /*@regmp*/\n"

#define REG_PROT \
	"    Status = NdisRegisterProtocolDriver(NULL, &PChars, &g_Prot); /*@regprot*/\n"

/* ------------------------------------------------------------------ */
/* Success and failure of a registration                               */

/* The failure half of the split: a deregistration there finds FAILED. */
START_TEST(test_split_failure_path)
{
	static const char src[] = PRE UNLOAD_MP DE_HEAD FILL REG_MP
		"    if (Status != NDIS_STATUS_SUCCESS) { /*@br*/\n"
		"        NdisMDeregisterMiniportDriver(g_Mp); /*@dereg*/\n"
		"        return Status;\n"
		"    }\n"
		"    return NDIS_STATUS_SUCCESS;\n"
		"}\n";
	struct eng e;
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_DEREG_WITHOUT_REG, REG_MINIPORT,
						   eng_line(src, "@dereg"), "DriverEntry");
	ck_assert_int_eq(is->why, REG_FAILED);
	ck_assert_uint_eq(is->loc.col, eng_col(src, "@dereg", "NdisMDeregisterMiniportDriver"));
	ck_assert_int_eq(is->trace.nsteps, 3);
	ck_assert_int_eq(is->trace.steps[0].kind, STEP_REG_FAILED);
	ck_assert_uint_eq(is->trace.steps[0].loc.line, eng_line(src, "@regmp"));
	ck_assert_int_eq(is->trace.steps[1].kind, STEP_BRANCH);
	ck_assert_uint_eq(is->trace.steps[1].loc.line, eng_line(src, "@br"));
	ck_assert(is->trace.steps[1].taken);
	ck_assert_int_eq(is->trace.steps[2].kind, STEP_DEREGISTER);
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);
}
END_TEST

/* Deregistering where nothing was registered, and twice. */
START_TEST(test_split_never_and_twice)
{
	static const char src[] = PRE UNLOAD_MP DE_HEAD FILL
		"    if (RegistryPath->Length == 0) {\n"
		"        NdisMDeregisterMiniportDriver(g_Mp); /*@never*/\n"
		"        return STATUS_UNSUCCESSFUL;\n"
		"    }\n"
		REG_MP
		"    if (Status != NDIS_STATUS_SUCCESS)\n"
		"        return Status;\n"
		"    if (RegistryPath->MaximumLength == 0) {\n"
		"        NdisMDeregisterMiniportDriver(g_Mp); /*@once*/\n"
		"        NdisMDeregisterMiniportDriver(g_Mp); /*@twice*/\n"
		"        return STATUS_UNSUCCESSFUL;\n"
		"    }\n"
		"    return Status;\n"
		"}\n";
	struct eng e;
	eng_run(&e, src);
	const struct engine_issue *a = eng_expect(&e, 2, ISSUE_DEREG_WITHOUT_REG, REG_MINIPORT,
						  eng_line(src, "@never"), "DriverEntry");
	ck_assert_int_eq(a->why, REG_NEVER);
	const struct engine_issue *b = eng_issue(&e, ISSUE_DEREG_WITHOUT_REG, REG_MINIPORT,
						 eng_line(src, "@twice"));
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(b->why, REG_DEREGISTERED);
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);
}
END_TEST

/* An unchecked registration followed by `return NDIS_STATUS_SUCCESS`
 * succeeds in two states; the unload handler (from the characteristics)
 * runs only from the one where the registration succeeded. */
START_TEST(test_split_success_states)
{
	static const char both[] = PRE UNLOAD_MP DE_HEAD FILL REG_MP
		"    return NDIS_STATUS_SUCCESS;\n"
		"}\n";
	static const char status[] = PRE UNLOAD_MP DE_HEAD FILL REG_MP
		"    return Status;\n"
		"}\n";
	struct eng e;
	eng_run(&e, both);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 2);
	ck_assert(e.drv.unload_from_chars);
	ck_assert_int_eq(e.drv.unload, eng_fn(&e, "MpUnload"));
	eng_free(&e);

	eng_run(&e, status);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Leaks and their traces                                              */

static const char leak_src[] = PRE UNLOAD_BOTH DE_HEAD FILL REG_MP
	"    if (Status != NDIS_STATUS_SUCCESS) { /*@br1*/\n"
	"        return Status; /*@ret1*/\n"
	"    }\n"
	REG_PROT
	"    if (Status != NDIS_STATUS_SUCCESS) { /*@br2*/\n"
	"        return Status; /*@ret2*/\n"
	"    }\n"
	"    NdisIMAssociateMiniport(g_Mp, g_Prot);\n"
	"    return NDIS_STATUS_SUCCESS;\n"
	"}\n";

/* A leak on the second error path, none on the first. */
START_TEST(test_leak_one_error_path)
{
	struct eng e;
	eng_run(&e, leak_src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
						   eng_line(leak_src, "@ret2"), "DriverEntry");
	ck_assert_uint_eq(is->loc.col, eng_col(leak_src, "@ret2", "return"));
	ck_assert_int_eq(is->why, REG_REGISTERED);
	ck_assert_ptr_null(eng_issue(&e, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
				     eng_line(leak_src, "@ret1")));
	const struct event *ev = engine_reg_event(&e.drv, is);
	ck_assert_ptr_nonnull(ev);
	ck_assert_str_eq(ev->callee, "NdisMRegisterMiniportDriver");
	ck_assert_uint_eq(ev->loc.line, eng_line(leak_src, "@regmp"));
	ck_assert_int_eq(is->reg_fn, eng_fn(&e, "DriverEntry"));
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);
}
END_TEST

/* The leak's trace, step by step. */
START_TEST(test_leak_trace)
{
	struct eng e;
	eng_run(&e, leak_src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
						   eng_line(leak_src, "@ret2"), "DriverEntry");
	const struct engine_trace *t = &is->trace;
	int de = eng_fn(&e, "DriverEntry");
	ck_assert_int_eq(t->nsteps, 5);
	for (int i = 0; i < t->nsteps; i++)
		ck_assert_int_eq(t->steps[i].fn, de);

	ck_assert_int_eq(t->steps[0].kind, STEP_REG_OK);
	ck_assert_int_eq(t->steps[0].reg, REG_MINIPORT);
	ck_assert_str_eq(t->steps[0].name, "NdisMRegisterMiniportDriver");
	ck_assert_uint_eq(t->steps[0].loc.line, eng_line(leak_src, "@regmp"));
	ck_assert_uint_eq(t->steps[0].loc.col,
			  eng_col(leak_src, "@regmp", "NdisMRegisterMiniportDriver"));

	ck_assert_int_eq(t->steps[1].kind, STEP_BRANCH);
	ck_assert_uint_eq(t->steps[1].loc.line, eng_line(leak_src, "@br1"));
	ck_assert(!t->steps[1].taken);

	ck_assert_int_eq(t->steps[2].kind, STEP_REG_FAILED);
	ck_assert_int_eq(t->steps[2].reg, REG_PROTOCOL);
	ck_assert_uint_eq(t->steps[2].loc.line, eng_line(leak_src, "@regprot"));

	ck_assert_int_eq(t->steps[3].kind, STEP_BRANCH);
	ck_assert_uint_eq(t->steps[3].loc.line, eng_line(leak_src, "@br2"));
	ck_assert(t->steps[3].taken);

	ck_assert_int_eq(t->steps[4].kind, STEP_RETURN);
	ck_assert_uint_eq(t->steps[4].loc.line, eng_line(leak_src, "@ret2"));
	ck_assert_uint_eq(t->steps[4].loc.col, eng_col(leak_src, "@ret2", "return"));
	eng_free(&e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Status tests: copies, either way round, NT_SUCCESS, driver macros   */

/* Drivers' own status macros. */
#define STATUS_MACROS \
	"#define MY_FAILED(s) ((s) != NDIS_STATUS_SUCCESS)\n" \
	"#define MY_SUCCEEDED(s) ((s) == NDIS_STATUS_SUCCESS)\n" \
	"#define MY_FAILED0(s) ((s) != 0)\n" \
	"#define MY_NEG(s) ((s) < 0)\n" \
	"#define MY_OK(s) (NT_SUCCESS(s))\n"

/* `if (FAILURE-TEST) return Result;`, then a late failure that leaks,
 * then success.  A condition the engine cannot evaluate would also send
 * the failed registration to the final success: two success states. */
static const char status_fail_tmpl[] = PRE STATUS_MACROS UNLOAD_MP DE_HEAD
	"    NDIS_STATUS Result;\n"
	FILL REG_MP
	"    Result = Status;\n"
	"    if (%s) {\n"
	"        return Result; /*@early*/\n"
	"    }\n"
	"    if (RegistryPath->Length == 0) {\n"
	"        return STATUS_UNSUCCESSFUL; /*@late*/\n"
	"    }\n"
	"    return NDIS_STATUS_SUCCESS;\n"
	"}\n";

/* `if (SUCCESS-TEST) { late failure that leaks; success }
 * return Result;`  An unknown condition makes two success states. */
static const char status_ok_tmpl[] = PRE STATUS_MACROS UNLOAD_MP DE_HEAD
	"    NDIS_STATUS Result;\n"
	FILL REG_MP
	"    Result = Status;\n"
	"    if (%s) {\n"
	"        if (RegistryPath->Length == 0) {\n"
	"            return STATUS_UNSUCCESSFUL; /*@late*/\n"
	"        }\n"
	"        return NDIS_STATUS_SUCCESS;\n"
	"    }\n"
	"    return Result; /*@early*/\n"
	"}\n";

static const char *const status_fail_tests[] = {
	"Status != NDIS_STATUS_SUCCESS",
	"Result != NDIS_STATUS_SUCCESS",
	"NDIS_STATUS_SUCCESS != Result",
	"!(Result == NDIS_STATUS_SUCCESS)",
	"!NT_SUCCESS(Result)",
	"!NT_SUCCESS(Status)",
	"Result < 0",
	"0 > Result",
	"Result != STATUS_SUCCESS",
	"Result",
	/* ENGINE BUG (front end): a function-like driver macro whose body
	 * has an operand that is itself a macro (NDIS_STATUS_SUCCESS), or an
	 * unparenthesized parameter, gives an unknown condition: the
	 * operator is not recovered.  `#define MY_FAILED(s) ((s) !=
	 * NDIS_STATUS_SUCCESS)` and `(s != 0)` fail, `((s) != 0)` works. */
	"MY_FAILED(Result)",
	"!MY_SUCCEEDED(Result)",        /* ENGINE BUG (front end), as above */
	"MY_FAILED0(Result)",
	"MY_NEG(Result)",
	"!MY_OK(Result)",
};

static const char *const status_ok_tests[] = {
	"Status == NDIS_STATUS_SUCCESS",
	"Result == NDIS_STATUS_SUCCESS",
	"NDIS_STATUS_SUCCESS == Result",
	"NT_SUCCESS(Result)",
	"Result >= 0",
	"0 <= Result",
	"!Result",
	"MY_OK(Result)",
	"!MY_FAILED0(Result)",
	"!MY_NEG(Result)",
	"!MY_FAILED(Result)",           /* ENGINE BUG (front end), as above */
	"MY_SUCCEEDED(Result)",         /* ENGINE BUG (front end), as above */
};

/* Runs one template with one condition: exactly one leak, at @late. */
static void status_case(const char *tmpl, const char *cond)
{
	static char src[8192];
	snprintf(src, sizeof(src), tmpl, cond);
	struct eng e;
	char buf[4096];
	eng_run(&e, src);
	const struct engine_issue *is = eng_issue(&e, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
						  eng_line(src, "@late"));
	ck_assert_msg(is != NULL && eng_count(&e) == 1,
		      "condition `%s`: expected one leak at the late return, got %s",
		      cond, eng_dump(&e, buf, sizeof(buf)));
	ck_assert_msg(e.r->success_states == 1,
		      "condition `%s`: %d success states (1 expected): not evaluated",
		      cond, e.r->success_states);
	eng_free(&e);
}

/* Each failure test: no leak at the early return, one at the late one. */
START_TEST(test_status_failure_tests)
{
	status_case(status_fail_tmpl, status_fail_tests[_i]);
}
END_TEST

/* Each success test, the same with the branches the other way. */
START_TEST(test_status_success_tests)
{
	status_case(status_ok_tmpl, status_ok_tests[_i]);
}
END_TEST

/* switch (Status): the failure goes to default, the success to its case. */
START_TEST(test_status_switch)
{
	static const char src[] = PRE UNLOAD_MP DE_HEAD FILL REG_MP
		"    switch (Status) { /*@sw*/\n"
		"    case NDIS_STATUS_SUCCESS:\n"
		"        break;\n"
		"    default:\n"
		"        return Status; /*@def*/\n"
		"    }\n"
		"    if (RegistryPath->Length == 0) {\n"
		"        return STATUS_UNSUCCESSFUL; /*@late*/\n"
		"    }\n"
		"    return NDIS_STATUS_SUCCESS;\n"
		"}\n";
	struct eng e;
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
						   eng_line(src, "@late"), "DriverEntry");
	int sw = eng_step_find(&is->trace, STEP_SWITCH, 0);
	ck_assert_int_ge(sw, 1);
	ck_assert_int_eq(is->trace.steps[sw - 1].kind, STEP_REG_OK);
	ck_assert_uint_eq(is->trace.steps[sw].loc.line, eng_line(src, "@sw"));
	ck_assert(!is->trace.steps[sw].is_default);
	ck_assert_int_eq(is->trace.steps[sw].case_value, 0);
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Flags and handles guarding cleanup                                  */

/* A BOOLEAN set after the miniport registration succeeded. */
static const char bool_tmpl[] = PRE UNLOAD_BOTH DE_HEAD
	"    BOOLEAN MpRegistered = FALSE;\n"
	FILL REG_MP
	"    if (Status == NDIS_STATUS_SUCCESS) {\n"
	"        MpRegistered = TRUE;\n"
	"        Status = NdisRegisterProtocolDriver(NULL, &PChars, &g_Prot);\n"
	"    }\n"
	"    if (Status != NDIS_STATUS_SUCCESS) {\n"
	"        if (%sMpRegistered) {\n"
	"            NdisMDeregisterMiniportDriver(g_Mp); /*@dereg*/\n"
	"        }\n"
	"        return Status; /*@ret*/\n"
	"    }\n"
	"    NdisIMAssociateMiniport(g_Mp, g_Prot);\n"
	"    return Status;\n"
	"}\n";

/* The flag guards the cleanup; inverted, it is wrong both ways. */
START_TEST(test_boolean_flag)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), bool_tmpl, "");
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);

	/* the guard inverted: deregisters after failure, leaks after success */
	snprintf(src, sizeof(src), bool_tmpl, "!");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 2, ISSUE_DEREG_WITHOUT_REG, REG_MINIPORT,
						   eng_line(src, "@dereg"), "DriverEntry");
	ck_assert_int_eq(is->why, REG_FAILED);
	ck_assert_ptr_nonnull(eng_issue(&e, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
					eng_line(src, "@ret")));
	eng_free(&e);
}
END_TEST

/* A global flag word with one bit per registration, tested with & in a
 * shared cleanup helper. */
static const char flagword_tmpl[] = PRE
	"#define F_MP 0x1\n"
	"#define F_PROT 0x2\n"
	"ULONG g_Flags;\n"
	UNLOAD_BOTH
	"static VOID Cleanup(VOID)\n"
	"{\n"
	"    if (g_Flags & F_PROT) {\n"
	"        NdisDeregisterProtocolDriver(g_Prot); /*@deprot*/\n"
	"    }\n"
	"    if (g_Flags & F_MP) {\n"
	"        NdisMDeregisterMiniportDriver(g_Mp); /*@demp*/\n"
	"    }\n"
	"}\n"
	DE_HEAD FILL REG_MP
	"%s"
	"    if (Status != NDIS_STATUS_SUCCESS)\n"
	"        goto fail;\n"
	"%s"
	REG_PROT
	"    if (Status != NDIS_STATUS_SUCCESS)\n"
	"        goto fail;\n"
	"    g_Flags |= F_PROT;\n"
	"    if (RegistryPath->Length == 0) {\n"
	"        Status = STATUS_UNSUCCESSFUL;\n"
	"        goto fail;\n"
	"    }\n"
	"    NdisIMAssociateMiniport(g_Mp, g_Prot);\n"
	"    return NDIS_STATUS_SUCCESS;\n"
	"fail:\n"
	"    Cleanup();\n"
	"    return Status;\n"
	"}\n";

/* The bits guard the shared cleanup; set too early, they lie. */
START_TEST(test_global_flag_word)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), flagword_tmpl, "", "    g_Flags |= F_MP;\n");
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);

	/* the bit set before the status is checked */
	snprintf(src, sizeof(src), flagword_tmpl, "    g_Flags |= F_MP;\n", "");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_DEREG_WITHOUT_REG, REG_MINIPORT,
						   eng_line(src, "@demp"), "Cleanup");
	ck_assert_int_eq(is->why, REG_FAILED);
	eng_free(&e);
}
END_TEST

/* A local protocol handle initialized to NULL and tested before
 * deregistering. */
static const char nullhandle_tmpl[] = PRE UNLOAD_BOTH DE_HEAD
	"    NDIS_HANDLE ProtHandle%s;\n"
	FILL REG_MP
	"    if (Status != NDIS_STATUS_SUCCESS)\n"
	"        return Status;\n"
	"    Status = NdisRegisterProtocolDriver(NULL, &PChars, &ProtHandle);\n"
	"    if (Status == NDIS_STATUS_SUCCESS && RegistryPath->Length == 0)\n"
	"        Status = STATUS_UNSUCCESSFUL;\n"
	"    if (Status != NDIS_STATUS_SUCCESS) {\n"
	"        if (ProtHandle != NULL)\n"
	"            NdisDeregisterProtocolDriver(ProtHandle); /*@deprot*/\n"
	"        NdisMDeregisterMiniportDriver(g_Mp);\n"
	"        return Status;\n"
	"    }\n"
	"    g_Prot = ProtHandle;\n"
	"    NdisIMAssociateMiniport(g_Mp, g_Prot);\n"
	"    return Status;\n"
	"}\n";

/* NULL-initialized: clean; uninitialized: a deregistration after failure. */
START_TEST(test_null_initialized_handle)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), nullhandle_tmpl, " = NULL");
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);

	/* uninitialized: the test says nothing after a failed registration */
	snprintf(src, sizeof(src), nullhandle_tmpl, "");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_DEREG_WITHOUT_REG, REG_PROTOCOL,
						   eng_line(src, "@deprot"), "DriverEntry");
	ck_assert_int_eq(is->why, REG_FAILED);
	eng_free(&e);
}
END_TEST

/* A handle in a zeroed local struct, written through &Ctx.Handle. */
static const char zeroed_tmpl[] = PRE UNLOAD_MP
	"typedef struct _CTX { ULONG Other; NDIS_HANDLE Handle; } CTX;\n"
	DE_HEAD
	"    CTX Ctx;\n"
	FILL
	"%s"
	"    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &MChars, &Ctx.Handle);\n"
	"    if (Status == NDIS_STATUS_SUCCESS && RegistryPath->Length != 0) {\n"
	"        g_Mp = Ctx.Handle;\n"
	"        return NDIS_STATUS_SUCCESS;\n"
	"    }\n"
	"    if (Ctx.Handle != NULL) {\n"
	"        NdisMDeregisterMiniportDriver(Ctx.Handle); /*@dereg*/\n"
	"    }\n"
	"    return NDIS_STATUS_FAILURE;\n"
	"}\n";

/* Zeroed: clean; not zeroed: a deregistration after failure. */
START_TEST(test_zeroed_struct_handle)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), zeroed_tmpl, "    NdisZeroMemory(&Ctx, sizeof(Ctx));\n");
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);

	/* not zeroed: Ctx.Handle is unknown after a failure */
	snprintf(src, sizeof(src), zeroed_tmpl, "");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_DEREG_WITHOUT_REG, REG_MINIPORT,
						   eng_line(src, "@dereg"), "DriverEntry");
	ck_assert_int_eq(is->why, REG_FAILED);
	eng_free(&e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Loops, helpers, recursion, unresolved calls                         */

/* Up to 3 attempts: a fixpoint, no issue; a late failure still leaks. */
static const char retry_tmpl[] = PRE UNLOAD_MP DE_HEAD
	"    ULONG Tries;\n"
	FILL
	"    for (Tries = 0; Tries < 3; Tries++) {\n"
	"        Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &MChars, &g_Mp); /*@regmp*/\n"
	"        if (Status == NDIS_STATUS_SUCCESS)\n"
	"            break;\n"
	"    }\n"
	"    if (Status != NDIS_STATUS_SUCCESS)\n"
	"        return Status;\n"
	"%s"
	"    return NDIS_STATUS_SUCCESS;\n"
	"}\n";

/* Three attempts: no issue, a bounded walk; a late failure still leaks. */
START_TEST(test_retry_loop)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), retry_tmpl, "");
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 1);
	ck_assert(!e.r->exhausted);
	ck_assert_int_lt(e.r->visits, 5000);
	eng_free(&e);

	snprintf(src, sizeof(src), retry_tmpl,
		 "    if (RegistryPath->Length == 0)\n"
		 "        return STATUS_UNSUCCESSFUL; /*@late*/\n");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
						   eng_line(src, "@late"), "DriverEntry");
	ck_assert_int_eq(is->trace.steps[eng_step_find(&is->trace, STEP_REG_OK, 0)].loc.line,
			 eng_line(src, "@regmp"));
	ck_assert(!e.r->exhausted);
	eng_free(&e);
}
END_TEST

/* A retry loop with no bound of its own ends too (widening), and without
 * a false leak.  (A regression test: when newcomers past
 * ENGINE_STATES_PER_POINT were widened against the first state seen at
 * the point whatever its registration state, the registered states after
 * the loop lost `Status == 0` and `return Status` reported a leak.) */
START_TEST(test_unbounded_retry_loop)
{
	static const char src[] = PRE UNLOAD_MP DE_HEAD
		"    ULONG Tries = 0;\n"
		FILL
		"    do {\n"
		"        Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &MChars, &g_Mp);\n"
		"        Tries++;\n"
		"    } while (Status != NDIS_STATUS_SUCCESS && Tries != RegistryPath->Length);\n"
		"    if (Status != NDIS_STATUS_SUCCESS)\n"
		"        return Status;\n"
		"    return NDIS_STATUS_SUCCESS;\n"
		"}\n";
	struct eng e;
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert(!e.r->exhausted);
	ck_assert_int_ge(e.r->success_states, 1);
	eng_free(&e);
}
END_TEST

/* Registration four helpers down; the status comes back up. */
static const char chain_tmpl[] = PRE UNLOAD_MP
	"static NDIS_STATUS Level4(PDRIVER_OBJECT D, PUNICODE_STRING R, PNDIS_MINIPORT_DRIVER_CHARACTERISTICS C)\n"
	"{\n"
	"    NDIS_STATUS S;\n"
	"    S = NdisMRegisterMiniportDriver(D, R, NULL, C, &g_Mp); /*@regmp*/\n"
	"    return S;\n"
	"}\n"
	"static NDIS_STATUS Level3(PDRIVER_OBJECT D, PUNICODE_STRING R, PNDIS_MINIPORT_DRIVER_CHARACTERISTICS C)\n"
	"{ return Level4(D, R, C); }\n"
	"static NDIS_STATUS Level2(PDRIVER_OBJECT D, PUNICODE_STRING R, PNDIS_MINIPORT_DRIVER_CHARACTERISTICS C)\n"
	"{ NDIS_STATUS S = Level3(D, R, C); return S; }\n"
	"static NDIS_STATUS Level1(PDRIVER_OBJECT D, PUNICODE_STRING R, PNDIS_MINIPORT_DRIVER_CHARACTERISTICS C)\n"
	"{ return Level2(D, R, C); }\n"
	"static VOID Down4(VOID) { NdisMDeregisterMiniportDriver(g_Mp); }\n"
	"static VOID Down3(VOID) { Down4(); }\n"
	"static VOID Down2(VOID) { Down3(); }\n"
	"static VOID Down1(VOID) { Down2(); }\n"
	DE_HEAD FILL
	"    Status = Level1(DriverObject, RegistryPath, &MChars);\n"
	"    if (!NT_SUCCESS(Status))\n"
	"        return Status; /*@early*/\n"
	"    if (RegistryPath->Length == 0) {\n"
	"%s"
	"        return STATUS_UNSUCCESSFUL; /*@late*/\n"
	"    }\n"
	"    return Status;\n"
	"}\n";

/* The leak and its trace through the chain; the fix four levels down. */
START_TEST(test_deep_helper_chain)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), chain_tmpl, "");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
						   eng_line(src, "@late"), "DriverEntry");
	ck_assert_int_eq(is->reg_fn, eng_fn(&e, "Level4"));
	const struct engine_trace *t = &is->trace;
	static const char *const calls[] = { "Level1", "Level2", "Level3", "Level4" };
	int at = 0;
	for (int i = 0; i < 4; i++) {
		at = eng_step_find(t, STEP_CALL, at);
		ck_assert_int_ge(at, 0);
		ck_assert_str_eq(t->steps[at].name, calls[i]);
		at++;
	}
	int ok = eng_step_find(t, STEP_REG_OK, 0);
	ck_assert_int_eq(ok, at);
	ck_assert_int_eq(t->steps[ok].fn, eng_fn(&e, "Level4"));
	ck_assert_uint_eq(t->steps[ok].loc.line, eng_line(src, "@regmp"));
	static const char *const rets[] = { "Level4", "Level3", "Level2", "Level1" };
	at = ok;
	for (int i = 0; i < 4; i++) {
		at = eng_step_find(t, STEP_RETURN_FROM, at);
		ck_assert_int_ge(at, 0);
		ck_assert_str_eq(t->steps[at].name, rets[i]);
		at++;
	}
	ck_assert_int_eq(t->steps[t->nsteps - 1].kind, STEP_RETURN);
	ck_assert_uint_eq(t->steps[t->nsteps - 1].loc.line, eng_line(src, "@late"));
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);

	/* deregistered four helpers down: clean */
	snprintf(src, sizeof(src), chain_tmpl, "        Down1();\n");
	eng_run(&e, src);
	eng_expect_none(&e);
	eng_free(&e);
}
END_TEST

/* Characteristics filled through a pointer by a helper. */
static const char fill_tmpl[] = PRE UNLOAD_MP
	"static VOID FillChars(PNDIS_MINIPORT_DRIVER_CHARACTERISTICS p)\n"
	"{\n"
	"    NdisZeroMemory(p, sizeof(*p));\n"
	"    p->InitializeHandlerEx = MpInit;\n"
	"    p->UnloadHandler = MpUnload;\n"
	"    p->Flags |= %s;\n"
	"}\n"
	DE_HEAD
	"    FillChars(&MChars);\n"
	"    NdisZeroMemory(&PChars, sizeof(PChars));\n"
	REG_MP
	"    return Status;\n"
	"}\n";

/* The IM bit set through the pointer: clean; another bit: reported. */
START_TEST(test_chars_through_pointer)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), fill_tmpl, "NDIS_INTERMEDIATE_DRIVER");
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert_int_eq(e.drv.unload, eng_fn(&e, "MpUnload"));
	eng_free(&e);

	snprintf(src, sizeof(src), fill_tmpl, "NDIS_WDM_DRIVER");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_FLAGS_LACK_IM, REG_MINIPORT,
						   eng_line(src, "@regmp"), "DriverEntry");
	ck_assert_uint_eq(is->loc.col, eng_col(src, "@regmp", "NdisMRegisterMiniportDriver"));
	ck_assert_int_eq(is->flags, 0x2);
	eng_free(&e);
}
END_TEST

/* Flags computed flow-sensitively: `&= ~` clears the bit, a struct copy
 * brings a template's. */
static const char flagops_tmpl[] = PRE UNLOAD_MP
	"static NDIS_MINIPORT_DRIVER_CHARACTERISTICS g_Template = { .Flags = %s };\n"
	DE_HEAD
	"    MChars = g_Template;\n"
	"    MChars.InitializeHandlerEx = MpInit;\n"
	"    MChars.UnloadHandler = MpUnload;\n"
	"%s"
	"    NdisZeroMemory(&PChars, sizeof(PChars));\n"
	REG_MP
	"    return Status;\n"
	"}\n";

/* The template alone: clean; the bit cleared, or set on one path only: reported. */
START_TEST(test_flags_flow)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), flagops_tmpl, "NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER", "");
	eng_run(&e, src);
	eng_expect_none(&e);
	eng_free(&e);

	snprintf(src, sizeof(src), flagops_tmpl, "NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER",
		 "    MChars.Flags &= ~NDIS_INTERMEDIATE_DRIVER;\n");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_FLAGS_LACK_IM, REG_MINIPORT,
						   eng_line(src, "@regmp"), "DriverEntry");
	ck_assert_int_eq(is->flags, 0x2);
	eng_free(&e);

	snprintf(src, sizeof(src), flagops_tmpl, "0",
		 "    if (RegistryPath->Length != 0)\n"
		 "        MChars.Flags |= NDIS_INTERMEDIATE_DRIVER;\n");
	eng_run(&e, src);
	is = eng_expect(&e, 1, ISSUE_FLAGS_LACK_IM, REG_MINIPORT, eng_line(src, "@regmp"),
			"DriverEntry");
	ck_assert_int_eq(is->flags, 0);
	ck_assert_int_eq(is->trace.nsteps, 1);
	ck_assert_int_eq(is->trace.steps[0].kind, STEP_BRANCH);
	ck_assert(!is->trace.steps[0].taken);
	eng_free(&e);
}
END_TEST

/* A registered flag kept in a field of a global context. */
static const char ctxflag_tmpl[] = PRE
	"typedef struct _GLOBALS { ULONG Count; BOOLEAN MpRegistered; } GLOBALS;\n"
	"GLOBALS g_Ctx;\n"
	"VOID MpUnload(PDRIVER_OBJECT d) /*@unload*/\n"
	"{\n"
	"    UNREFERENCED_PARAMETER(d);\n"
	"    if (g_Ctx.MpRegistered)\n"
	"        NdisMDeregisterMiniportDriver(g_Mp);\n"
	"}\n"
	DE_HEAD FILL REG_MP
	"    if (%s)\n"
	"        g_Ctx.MpRegistered = TRUE;\n"
	"    return STATUS_SUCCESS;\n"
	"}\n";

/* The flag set on success: clean; set on failure: unload misses. */
START_TEST(test_global_struct_flag)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), ctxflag_tmpl, "NT_SUCCESS(Status)");
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 2);
	eng_free(&e);

	/* the flag set on failure: unload skips the deregistration */
	snprintf(src, sizeof(src), ctxflag_tmpl, "!NT_SUCCESS(Status)");
	eng_run(&e, src);
	eng_expect(&e, 1, ISSUE_UNLOAD_MISSES, REG_MINIPORT, eng_line(src, "@unload"),
		   "MpUnload");
	eng_free(&e);
}
END_TEST

/* Recursion between two helpers ends, and the path through it is
 * unknown: only the leak before it is reported.  With N = 5 every path
 * out of PingA goes through the recursion; with N unknown, PingA may
 * return at once, and that path does leak. */
static const char recursion_tmpl[] = PRE UNLOAD_MP
	"static NDIS_STATUS PingA(PUNICODE_STRING R, ULONG N);\n"
	"static NDIS_STATUS PingB(PUNICODE_STRING R, ULONG N)\n"
	"{\n"
	"    if (N == 0)\n"
	"        return NDIS_STATUS_FAILURE;\n"
	"    return PingA(R, N - 1);\n"
	"}\n"
	"static NDIS_STATUS PingA(PUNICODE_STRING R, ULONG N)\n"
	"{\n"
	"    if (N == 0)\n"
	"        return NDIS_STATUS_FAILURE;\n"
	"    return PingB(R, N - 1);\n"
	"}\n"
	DE_HEAD FILL REG_MP
	"    if (Status != NDIS_STATUS_SUCCESS)\n"
	"        return Status;\n"
	"    if (RegistryPath->MaximumLength == 0)\n"
	"        return STATUS_UNSUCCESSFUL; /*@late*/\n"
	"    Status = PingA(RegistryPath, %s); /*@call*/\n"
	"    if (Status != NDIS_STATUS_SUCCESS)\n"
	"        return Status; /*@rec*/\n"
	"    return NDIS_STATUS_SUCCESS;\n"
	"}\n";

/* Bounded recursion (unknown) versus a helper that may return at once. */
START_TEST(test_mutual_recursion)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), recursion_tmpl, "5");
	eng_run(&e, src);
	eng_expect(&e, 1, ISSUE_LEAK_ON_ERROR, REG_MINIPORT, eng_line(src, "@late"),
		   "DriverEntry");
	ck_assert_ptr_null(eng_issue(&e, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
				     eng_line(src, "@rec")));
	ck_assert(!e.r->exhausted);
	ck_assert_int_lt(e.r->visits, 100000);
	eng_free(&e);

	snprintf(src, sizeof(src), recursion_tmpl, "RegistryPath->Length");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 2, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
						   eng_line(src, "@rec"), "DriverEntry");
	const struct engine_trace *t = &is->trace;
	int call = eng_step_find(t, STEP_CALL, 0);
	ck_assert_int_ge(call, 0);
	ck_assert_str_eq(t->steps[call].name, "PingA");
	ck_assert_uint_eq(t->steps[call].loc.line, eng_line(src, "@call"));
	ck_assert_int_lt(eng_step_find(t, STEP_UNKNOWN_CALL, 0), 0);
	/* back from PingA (maybe through PingB) just before the return */
	ck_assert_int_ge(t->nsteps, 3);
	ck_assert_int_eq(t->steps[t->nsteps - 1].kind, STEP_RETURN);
	ck_assert_int_eq(t->steps[t->nsteps - 2].kind, STEP_BRANCH);
	ck_assert_int_eq(t->steps[t->nsteps - 3].kind, STEP_RETURN_FROM);
	ck_assert_str_eq(t->steps[t->nsteps - 3].name, "PingA");
	ck_assert(!e.r->exhausted);
	eng_free(&e);
}
END_TEST

/* A call to a function nobody defines suppresses the issues of the
 * paths through it, not of the others. */
START_TEST(test_unresolved_call)
{
	static const char src[] = PRE
		"NTSTATUS ExternalInit(VOID);\n"
		"VOID ExternalCleanup(VOID);\n"
		"VOID MpUnload(PDRIVER_OBJECT d) /*@unload*/\n"
		"{\n"
		"    UNREFERENCED_PARAMETER(d);\n"
		"    ExternalCleanup();\n"
		"}\n"
		DE_HEAD FILL
		"    if (RegistryPath->MaximumLength == 7) {\n"
		"        ExternalCleanup();\n"
		"        NdisMDeregisterMiniportDriver(g_Mp); /*@unkdereg*/\n"
		"        return STATUS_UNSUCCESSFUL;\n"
		"    }\n"
		REG_MP
		"    if (Status != NDIS_STATUS_SUCCESS)\n"
		"        return Status;\n"
		"    if (RegistryPath->Length == 0)\n"
		"        return STATUS_UNSUCCESSFUL; /*@late*/\n"
		"    Status = ExternalInit();\n"
		"    if (!NT_SUCCESS(Status))\n"
		"        return Status; /*@ext*/\n"
		"    return NDIS_STATUS_SUCCESS;\n"
		"}\n";
	struct eng e;
	eng_run(&e, src);
	eng_expect(&e, 1, ISSUE_LEAK_ON_ERROR, REG_MINIPORT, eng_line(src, "@late"),
		   "DriverEntry");
	ck_assert_ptr_null(eng_issue(&e, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
				     eng_line(src, "@ext")));
	ck_assert_ptr_null(eng_issue(&e, ISSUE_DEREG_WITHOUT_REG, REG_MINIPORT,
				     eng_line(src, "@unkdereg")));
	ck_assert_ptr_null(eng_issue(&e, ISSUE_UNLOAD_MISSES, REG_MINIPORT,
				     eng_line(src, "@unload")));
	eng_free(&e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Merging: n sequential optional steps cost linear, not 2^n           */

/* A DriverEntry with n steps `if (!NT_SUCCESS(StepK(RegistryPath)))
 * goto cleanup;` after the miniport registration; cleanup deregisters
 * when `dereg`.  Returns a malloc'd source. */
static char *merge_source(int n, bool dereg)
{
	size_t size = 8192 + (size_t)n * 512;
	char *s = malloc(size);
	size_t used = 0;
	ck_assert_ptr_nonnull(s);
#define APPEND(...) (used += (size_t)snprintf(s + used, size - used, __VA_ARGS__))
	APPEND("%s", PRE UNLOAD_MP);
	for (int k = 1; k <= n; k++)
		APPEND("static NTSTATUS Step%d(PUNICODE_STRING R)\n"
		       "{\n"
		       "    if (R->Length == %d)\n"
		       "        return STATUS_UNSUCCESSFUL;\n"
		       "    return STATUS_SUCCESS;\n"
		       "}\n", k, k);
	APPEND("%s", DE_HEAD FILL REG_MP
	       "    if (!NT_SUCCESS(Status))\n"
	       "        return Status;\n");
	for (int k = 1; k <= n; k++)
		APPEND("    if (!NT_SUCCESS(Step%d(RegistryPath)))\n"
		       "        goto cleanup;\n", k);
	APPEND("    return STATUS_SUCCESS;\n"
	       "cleanup:\n"
	       "%s"
	       "    return STATUS_UNSUCCESSFUL; /*@cleanup*/\n"
	       "}\n", dereg ? "    NdisMDeregisterMiniportDriver(g_Mp);\n" : "");
#undef APPEND
	ck_assert_uint_lt(used, size);
	return s;
}

/* Visits for 3 and 30 steps; and the leaky variant stays cheap. */
START_TEST(test_merging_linear)
{
	struct eng e;
	char *small = merge_source(3, true);
	eng_run(&e, small);
	eng_expect_none(&e);
	long long v3 = e.r->visits;
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);

	char *big = merge_source(30, true);
	eng_run(&e, big);
	eng_expect_none(&e);
	long long v30 = e.r->visits;
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);

	/* 10 times the steps: linear growth is about 10x; 2^30 paths would be
	 * about 10^8 times as many.  100x separates them with a wide margin. */
	ck_assert_msg(v30 > v3, "visits(30)=%lld visits(3)=%lld", v30, v3);
	ck_assert_msg(v30 < 100 * v3, "visits(30)=%lld visits(3)=%lld: not linear", v30, v3);

	/* the same without the deregistration: one leak at the cleanup return */
	char *leaky = merge_source(30, false);
	eng_run(&e, leaky);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
						   eng_line(leaky, "@cleanup"), "DriverEntry");
	ck_assert_uint_eq(is->loc.col, eng_col(leaky, "@cleanup", "return"));
	ck_assert_msg(e.r->visits < 100 * v3, "visits %lld", e.r->visits);
	eng_free(&e);
	free(small);
	free(big);
	free(leaky);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The unload phase                                                    */

/* A safe-mode path succeeds without registering: two success states;
 * the unload handler runs from the registered one only. */
static const char unload_tmpl[] = PRE
	"VOID MpUnload(PDRIVER_OBJECT d) /*@unload*/\n"
	"{\n"
	"    UNREFERENCED_PARAMETER(d);\n"
	"%s"
	"} /*@uend*/\n"
	DE_HEAD FILL
	"    if (RegistryPath->Length == 0)\n"
	"        return STATUS_SUCCESS; /*@safe*/\n"
	REG_MP
	"    return Status;\n"
	"}\n";

/* A guarded or unconditional deregistration: clean. */
START_TEST(test_unload_guarded)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), unload_tmpl,
		 "    if (g_Mp != NULL)\n"
		 "        NdisMDeregisterMiniportDriver(g_Mp);\n");
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 2);
	eng_free(&e);

	/* unconditional: still correct, since the unload handler is not run
	 * from the safe-mode state */
	snprintf(src, sizeof(src), unload_tmpl, "    NdisMDeregisterMiniportDriver(g_Mp);\n");
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 2);
	eng_free(&e);
}
END_TEST

/* The unload handler forgets: reported at its name, with the unload trace. */
START_TEST(test_unload_forgets)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), unload_tmpl, "    DbgPrint(\"unload\\n\");\n");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_UNLOAD_MISSES, REG_MINIPORT,
						   eng_line(src, "@unload"), "MpUnload");
	ck_assert_uint_eq(is->loc.col, eng_col(src, "@unload", "MpUnload"));
	ck_assert_int_eq(is->why, REG_REGISTERED);
	ck_assert_int_eq(e.r->success_states, 2);
	const struct engine_trace *t = &is->trace;
	int u = eng_step_find(t, STEP_UNLOAD, 0);
	ck_assert_int_ge(u, 1);
	ck_assert_int_eq(t->steps[u].fn, eng_fn(&e, "MpUnload"));
	ck_assert_int_ge(eng_step_find(t, STEP_REG_OK, 0), 0);
	ck_assert_int_lt(eng_step_find(t, STEP_REG_OK, 0), u);
	ck_assert_int_eq(t->steps[t->nsteps - 1].kind, STEP_RETURN);
	ck_assert_int_eq(t->steps[t->nsteps - 1].fn, eng_fn(&e, "MpUnload"));
	ck_assert_uint_eq(t->steps[t->nsteps - 1].loc.line, eng_line(src, "@uend"));
	eng_free(&e);
}
END_TEST

/* The unload handler's guard tested the wrong way: a path through it
 * keeps the registration. */
START_TEST(test_unload_wrong_guard)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), unload_tmpl,
		 "    if (g_Mp == NULL)\n"
		 "        NdisMDeregisterMiniportDriver(g_Mp);\n");
	eng_run(&e, src);
	eng_expect(&e, 1, ISSUE_UNLOAD_MISSES, REG_MINIPORT, eng_line(src, "@unload"),
		   "MpUnload");
	eng_free(&e);
}
END_TEST

/* DriverObject->DriverUnload as the fallback: the handler runs only from
 * the states in which the assignment was made. */
static const char drvunload_tmpl[] = PRE
	"VOID DrvUnload(PDRIVER_OBJECT d)\n"
	"{\n"
	"    UNREFERENCED_PARAMETER(d);\n"
	"    NdisDeregisterProtocolDriver(g_Prot); /*@deprot*/\n"
	"}\n"
	"NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n"
	"{\n"
	"    NDIS_STATUS Status;\n"
	"    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;\n"
	"    NdisZeroMemory(&PChars, sizeof(PChars));\n"
	"%s"
	"    if (RegistryPath->Length == 0)\n"
	"        return STATUS_SUCCESS;\n"
	REG_PROT
	"    if (Status != NDIS_STATUS_SUCCESS)\n"
	"        return Status;\n"
	"%s"
	"    return STATUS_SUCCESS;\n"
	"}\n";

/* Assigned after registering: clean; before the safe-mode return: reported. */
START_TEST(test_driver_unload_fallback)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), drvunload_tmpl, "",
		 "    DriverObject->DriverUnload = DrvUnload;\n");
	eng_run(&e, src);
	ck_assert_int_eq(e.drv.unload, eng_fn(&e, "DrvUnload"));
	ck_assert(!e.drv.unload_from_chars);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 2);
	eng_free(&e);

	/* assigned before the early success: run from there too */
	snprintf(src, sizeof(src), drvunload_tmpl,
		 "    DriverObject->DriverUnload = DrvUnload;\n", "");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_DEREG_WITHOUT_REG, REG_PROTOCOL,
						   eng_line(src, "@deprot"), "DrvUnload");
	ck_assert_int_eq(is->why, REG_NEVER);
	ck_assert_int_ge(eng_step_find(&is->trace, STEP_UNLOAD, 0), 0);
	eng_free(&e);
}
END_TEST

/* DriverEntry calls its own unload routine on the error path. */
static const char selfunload_tmpl[] = PRE
	"VOID MpUnload(PDRIVER_OBJECT d)\n"
	"{\n"
	"    UNREFERENCED_PARAMETER(d);\n"
	"    if (g_Prot %s NULL)\n"
	"        NdisDeregisterProtocolDriver(g_Prot); /*@deprot*/\n"
	"    if (g_Mp != NULL)\n"
	"        NdisMDeregisterMiniportDriver(g_Mp);\n"
	"}\n"
	DE_HEAD FILL REG_MP
	"    if (Status != NDIS_STATUS_SUCCESS)\n"
	"        return Status;\n"
	REG_PROT
	"    if (Status != NDIS_STATUS_SUCCESS) {\n"
	"        MpUnload(DriverObject);\n"
	"        return Status; /*@ret*/\n"
	"    }\n"
	"    NdisIMAssociateMiniport(g_Mp, g_Prot);\n"
	"    return NDIS_STATUS_SUCCESS;\n"
	"}\n";

/* Guarded: clean; guard inverted: a deregistration after failure. */
START_TEST(test_entry_calls_unload)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), selfunload_tmpl, "!=");
	eng_run(&e, src);
	eng_expect_none(&e);
	ck_assert_int_eq(e.r->success_states, 1);
	eng_free(&e);

	/* guard inverted: from DriverEntry's error path it deregisters the
	 * protocol that failed (and from the unload phase it keeps it) */
	snprintf(src, sizeof(src), selfunload_tmpl, "==");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 2, ISSUE_DEREG_WITHOUT_REG, REG_PROTOCOL,
						   eng_line(src, "@deprot"), "MpUnload");
	ck_assert_int_eq(is->why, REG_FAILED);
	ck_assert_int_lt(eng_step_find(&is->trace, STEP_UNLOAD, 0), 0);
	ck_assert_ptr_nonnull(eng_issue(&e, ISSUE_UNLOAD_MISSES, REG_PROTOCOL,
					program_fn(&e.prog, eng_fn(&e, "MpUnload"))->loc.line));
	ck_assert_ptr_null(eng_issue(&e, ISSUE_LEAK_ON_ERROR, REG_MINIPORT,
				     eng_line(src, "@ret")));
	eng_free(&e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* NdisIMAssociateMiniport                                             */

static const char assoc_tmpl[] = PRE UNLOAD_BOTH DE_HEAD FILL
	"%s"
	REG_MP
	"    if (Status != NDIS_STATUS_SUCCESS)\n"
	"        return Status;\n"
	REG_PROT
	"    if (Status != NDIS_STATUS_SUCCESS) {\n"
	"        NdisMDeregisterMiniportDriver(g_Mp);\n"
	"        return Status;\n"
	"    }\n"
	"    if (RegistryPath->Length == 0)\n"
	"        return NDIS_STATUS_SUCCESS; /*@noassoc*/\n"
	"%s"
	"    return NDIS_STATUS_SUCCESS; /*@assoc*/\n"
	"}\n";

/* One success path skips the association; or it comes too early. */
START_TEST(test_associate_missing_on_one_path)
{
	static char src[8192];
	struct eng e;
	snprintf(src, sizeof(src), assoc_tmpl, "", "    NdisIMAssociateMiniport(g_Mp, g_Prot);\n");
	eng_run(&e, src);
	const struct engine_issue *is = eng_expect(&e, 1, ISSUE_NO_ASSOCIATE, REG_MINIPORT,
						   eng_line(src, "@entry"), "DriverEntry");
	ck_assert_uint_eq(is->loc.col, eng_col(src, "@entry", "DriverEntry"));
	const struct engine_trace *t = &is->trace;
	ck_assert_int_ge(t->nsteps, 1);
	ck_assert_int_eq(t->steps[t->nsteps - 1].kind, STEP_RETURN);
	ck_assert_uint_eq(t->steps[t->nsteps - 1].loc.line, eng_line(src, "@noassoc"));
	ck_assert_int_eq(e.r->success_states, 2);
	eng_free(&e);

	/* associated before the registrations only: counts for nothing */
	snprintf(src, sizeof(src), assoc_tmpl, "    NdisIMAssociateMiniport(g_Mp, g_Prot);\n", "");
	eng_run(&e, src);
	eng_expect(&e, 1, ISSUE_NO_ASSOCIATE, REG_MINIPORT, eng_line(src, "@entry"), "DriverEntry");
	eng_free(&e);
}
END_TEST

/* ------------------------------------------------------------------ */

Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("engine");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_split_failure_path);
	tcase_add_test(tc, test_split_never_and_twice);
	tcase_add_test(tc, test_split_success_states);
	tcase_add_test(tc, test_leak_one_error_path);
	tcase_add_test(tc, test_leak_trace);
	tcase_add_loop_test(tc, test_status_failure_tests, 0,
			    (int)(sizeof(status_fail_tests) / sizeof(status_fail_tests[0])));
	tcase_add_loop_test(tc, test_status_success_tests, 0,
			    (int)(sizeof(status_ok_tests) / sizeof(status_ok_tests[0])));
	tcase_add_test(tc, test_status_switch);
	tcase_add_test(tc, test_boolean_flag);
	tcase_add_test(tc, test_global_flag_word);
	tcase_add_test(tc, test_null_initialized_handle);
	tcase_add_test(tc, test_zeroed_struct_handle);
	tcase_add_test(tc, test_retry_loop);
	tcase_add_test(tc, test_unbounded_retry_loop);
	tcase_add_test(tc, test_deep_helper_chain);
	tcase_add_test(tc, test_chars_through_pointer);
	tcase_add_test(tc, test_flags_flow);
	tcase_add_test(tc, test_global_struct_flag);
	tcase_add_test(tc, test_mutual_recursion);
	tcase_add_test(tc, test_unresolved_call);
	tcase_add_test(tc, test_merging_linear);
	tcase_add_test(tc, test_unload_guarded);
	tcase_add_test(tc, test_unload_forgets);
	tcase_add_test(tc, test_unload_wrong_guard);
	tcase_add_test(tc, test_driver_unload_fallback);
	tcase_add_test(tc, test_entry_calls_unload);
	tcase_add_test(tc, test_associate_missing_on_one_path);
	suite_add_tcase(s, tc);
	return s;
}
