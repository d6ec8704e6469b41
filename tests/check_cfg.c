/*
 * check_cfg.c - the control-flow builder, constant evaluation and the call
 * graph, on models the front end builds from real parses.
 *
 * Every test writes a C snippet to a temporary .c file, parses it with
 * frontend_parse (bundled headers from $NDISLINT_ROOT/analyzer/include)
 * and asserts on the model: blocks, terminators, successor edges, event
 * order, callee and macro names, store targets, condition operators.
 * Where the whole shape is clearer as text, the test compares the exact
 * model_dump_function output (and prints the actual dump on a mismatch).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analyzer/frontend.h"
#include "../analyzer/model.h"
#include "../analyzer/model_dump.h"
#include "../analyzer/program.h"
#include "suites.h"

/* ------------------------------------------------------------------ */
/* Parsing helpers                                                     */

/* Writes `src` to a new temporary file named /tmp/ndislint-cfg-XXXXXX.c;
 * the name goes to path (at least 32 bytes). */
static void cfg_write_temp(const char *src, char *path)
{
	strcpy(path, "/tmp/ndislint-cfg-XXXXXX.c");
	int fd = mkstemps(path, 2);
	ck_assert_msg(fd >= 0, "mkstemps failed");
	FILE *f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(src, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* Parses the existing file `path` with extra clang arguments; asserts
 * the parse succeeds. */
static struct model_file *cfg_parse_path(const char *path,
					 const char *const *args, int nargs)
{
	char inc[4096], err[512] = "";
	struct parse_options opt = { 0 };
	struct model_file *mf = NULL;

	opt.clang_args = args;
	opt.nclang_args = nargs;
	opt.include_dir = tests_include_dir(inc, sizeof(inc));
	enum parse_result r = frontend_parse(path, &opt, &mf, err, sizeof(err));
	ck_assert_msg(r == PARSE_OK, "parse of %s failed: %s", path, err);
	ck_assert_ptr_nonnull(mf);
	return mf;
}

/* Parses snippet `src` with extra clang arguments. */
static struct model_file *cfg_parse_args(const char *src,
					 const char *const *args, int nargs)
{
	char path[64];
	cfg_write_temp(src, path);
	struct model_file *mf = cfg_parse_path(path, args, nargs);
	unlink(path);
	return mf;
}

/* Parses snippet `src` with no extra clang arguments. */
static struct model_file *cfg_parse(const char *src)
{
	return cfg_parse_args(src, NULL, 0);
}

/* The function `name` of mf; fails the test when it is absent. */
static const struct model_function *cfg_fn(const struct model_file *mf,
					   const char *name)
{
	const struct model_function *fn = model_find_function(mf, name);
	ck_assert_msg(fn != NULL, "function %s not in the model", name);
	return fn;
}


/* The NDIS tests include the bundled <ndis.h>; while the bundled headers
 * have none, they include this stand-in instead, a system header in a
 * temporary -isystem directory (so declared_in_header holds as for the
 * real one).  Only the names the tests use, with the WDK's values. */
static const char cfg_ndis_standin[] =
	"typedef long NTSTATUS;\n"
	"typedef int NDIS_STATUS;\n"
	"typedef void *NDIS_HANDLE;\n"
	"typedef struct _DRIVER_OBJECT *PDRIVER_OBJECT;\n"
	"typedef struct _UNICODE_STRING *PUNICODE_STRING;\n"
	"typedef struct _NDIS_PROTOCOL_DRIVER_CHARACTERISTICS {\n"
	"  int Header; unsigned Flags; } NDIS_PROTOCOL_DRIVER_CHARACTERISTICS;\n"
	"#define NDIS_INTERMEDIATE_DRIVER 0x00000001\n"
	"#define NDIS_WDM_DRIVER 0x00000002\n"
	"#define UNREFERENCED_PARAMETER(P) (P)\n"
	"void *memset(void *d, int c, unsigned long long n);\n"
	"#define RtlZeroMemory(D, L) memset((D), 0, (L))\n"
	"#define NdisZeroMemory(D, L) RtlZeroMemory((D), (L))\n"
	"NDIS_STATUS NdisRegisterProtocolDriver(void *Context,\n"
	"  NDIS_PROTOCOL_DRIVER_CHARACTERISTICS *Chars, NDIS_HANDLE *Handle);\n";

/* The first lines of every NDIS snippet (5 lines). */
#define CFG_NDIS_PRELUDE \
	"#if __has_include(<ndis.h>)\n" \
	"#include <ndis.h>\n" \
	"#else\n" \
	"#include <ndislint_cfg_standin.h>\n" \
	"#endif\n"

/* The stand-in's directory and the clang arguments that name it. */
struct cfg_ndis {
	char dir[64];
	char header[128];
	const char *args[2];
};

/* Creates the stand-in header's directory. */
static void cfg_ndis_begin(struct cfg_ndis *n)
{
	strcpy(n->dir, "/tmp/ndislint-cfg-inc-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(n->dir));
	snprintf(n->header, sizeof(n->header), "%s/ndislint_cfg_standin.h",
		 n->dir);
	FILE *f = fopen(n->header, "w");
	ck_assert_ptr_nonnull(f);
	fputs(cfg_ndis_standin, f);
	ck_assert_int_eq(fclose(f), 0);
	n->args[0] = "-isystem";
	n->args[1] = n->dir;
}

/* Removes the stand-in header and its directory. */
static void cfg_ndis_end(struct cfg_ndis *n)
{
	unlink(n->header);
	rmdir(n->dir);
}

/* ------------------------------------------------------------------ */
/* Model queries                                                       */

/* model_dump_function's text of fn, malloc'ed. */
static char *cfg_dump(const struct model_function *fn)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(f);
	model_dump_function(f, fn);
	fclose(f);
	return text;
}

/* Asserts fn's dump is exactly `want`; prints the actual dump first when
 * it is not, so a failure shows what the builder made. */
static void cfg_check_dump(const struct model_function *fn, const char *want)
{
	char *got = cfg_dump(fn);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "--- expected dump of %s:\n%s--- actual:\n%s",
			fn->name, want, got);
	ck_assert_msg(strcmp(got, want) == 0, "dump of %s differs (see stderr)",
		      fn->name);
	free(got);
}

/* Index of the n-th (0-based) call event to `callee`, or -1. */
static int cfg_call(const struct model_function *fn, const char *callee, int n)
{
	for (int i = 0; i < fn->nevents; i++) {
		const struct event *ev = &fn->events[i];
		if (ev->kind == EV_CALL && ev->callee &&
		    strcmp(ev->callee, callee) == 0 && n-- == 0)
			return i;
	}
	return -1;
}

/* Index of the call event whose first argument is the integer `arg`
 * (calls like f(3) mark places in the snippets); fails when absent. */
static int cfg_mark(const struct model_function *fn, long long arg)
{
	for (int i = 0; i < fn->nevents; i++) {
		const struct event *ev = &fn->events[i];
		int a = model_call_arg(fn, ev, 0);
		if (a >= 0 && fn->exprs[a].kind == EXPR_INT &&
		    fn->exprs[a].value == arg)
			return i;
	}
	ck_abort_msg("no call marked %lld in %s", arg, fn->name);
	return -1;
}

/* The block holding event e. */
static int cfg_block_of(const struct model_function *fn, int e)
{
	for (int b = 0; b < fn->nblocks; b++)
		if (e >= fn->blocks[b].first_event &&
		    e < fn->blocks[b].first_event + fn->blocks[b].nevents)
			return b;
	ck_abort_msg("event %d of %s is in no block", e, fn->name);
	return -1;
}

/* The block of the call marked `arg` (see cfg_mark). */
static int cfg_mark_block(const struct model_function *fn, long long arg)
{
	return cfg_block_of(fn, cfg_mark(fn, arg));
}

/* Does block `from` have an edge to block `to` (successor or case)? */
static bool cfg_edge(const struct model_function *fn, int from, int to)
{
	const struct block *k = &fn->blocks[from];
	for (int s = 0; s < 2; s++)
		if (k->succ[s] == to && k->term != TERM_RETURN &&
		    k->term != TERM_EXIT)
			return true;
	for (int c = 0; k->term == TERM_SWITCH && c < k->ncases; c++)
		if (fn->cases[k->first_case + c].target == to)
			return true;
	return false;
}

/* Number of edges into block `to`. */
static int cfg_npreds(const struct model_function *fn, int to)
{
	int n = 0;
	for (int b = 0; b < fn->nblocks; b++)
		if (cfg_edge(fn, b, to))
			n++;
	return n;
}

/* Is block `to` reachable from block `from` (inclusive), optionally
 * without passing through block `avoid` (-1: none)? */
static bool cfg_reaches(const struct model_function *fn, int from, int to,
			int avoid)
{
	bool *seen = calloc((size_t)fn->nblocks, sizeof(bool));
	int *queue = calloc((size_t)fn->nblocks, sizeof(int));
	int head = 0, tail = 0;
	bool found = false;

	ck_assert_ptr_nonnull(seen);
	ck_assert_ptr_nonnull(queue);
	if (from != avoid) {
		seen[from] = true;
		queue[tail++] = from;
	}
	while (head < tail && !found) {
		int b = queue[head++];
		if (b == to) {
			found = true;
			break;
		}
		for (int s = 0; s < fn->nblocks; s++)
			if (!seen[s] && s != avoid && cfg_edge(fn, b, s)) {
				seen[s] = true;
				queue[tail++] = s;
			}
	}
	free(seen);
	free(queue);
	return found;
}

/* Text of expression `id` of fn into buf (model_expr_text). */
static const char *cfg_text(const struct model_function *fn, int id,
			    char *buf, size_t size)
{
	model_expr_text(fn->exprs, id, buf, size);
	return buf;
}

/* Asserts expression `id` of fn prints as `want`. */
static void cfg_check_expr(const struct model_function *fn, int id,
			   const char *want)
{
	char buf[512];
	ck_assert_str_eq(cfg_text(fn, id, buf, sizeof(buf)), want);
}

/* Asserts event e of fn is a store to path `path` with store_op `op`. */
static void cfg_check_store(const struct model_function *fn, int e,
			    const char *path, enum expr_op op)
{
	char buf[256];
	ck_assert_int_lt(e, fn->nevents);
	ck_assert_int_eq(fn->events[e].kind, EV_STORE);
	ck_assert_msg(model_expr_path(fn->exprs, fn->events[e].target, buf,
				      sizeof(buf)), "store %d has no path", e);
	ck_assert_str_eq(buf, path);
	ck_assert_int_eq(fn->events[e].store_op, op);
}

/* The condition of the branch that ends block b (asserting it is one). */
static const struct expr *cfg_cond(const struct model_function *fn, int b)
{
	ck_assert_int_eq(fn->blocks[b].term, TERM_BRANCH);
	ck_assert_int_ge(fn->blocks[b].cond, 0);
	return &fn->exprs[fn->blocks[b].cond];
}

/* ------------------------------------------------------------------ */
/* if / else                                                           */

START_TEST(test_if_else)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(int x) {\n"
		"  if (x)\n"
		"    f(1);\n"
		"  else\n"
		"    f(2);\n"
		"  f(3);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int then_b = cfg_mark_block(fn, 1), else_b = cfg_mark_block(fn, 2);
	int join = cfg_mark_block(fn, 3);

	/* The entry branches on x: true to f(1), false to f(2). */
	const struct expr *c = cfg_cond(fn, 0);
	ck_assert_int_eq(c->kind, EXPR_VAR);
	ck_assert_str_eq(c->name, "x");
	ck_assert_int_eq(c->scope, SCOPE_PARAM);
	ck_assert_int_eq(fn->blocks[0].succ[0], then_b);
	ck_assert_int_eq(fn->blocks[0].succ[1], else_b);
	ck_assert_uint_eq(fn->blocks[0].loc.line, 3);
	ck_assert_uint_eq(fn->blocks[0].loc.col, 7);
	/* Both arms join at f(3), which falls off the end. */
	ck_assert_int_ne(then_b, else_b);
	ck_assert_int_eq(fn->blocks[then_b].term, TERM_GOTO);
	ck_assert_int_eq(fn->blocks[then_b].succ[0], join);
	ck_assert_int_eq(fn->blocks[else_b].term, TERM_GOTO);
	ck_assert_int_eq(fn->blocks[else_b].succ[0], join);
	ck_assert_int_eq(cfg_npreds(fn, join), 2);
	ck_assert_int_eq(fn->blocks[join].term, TERM_RETURN);
	ck_assert_int_eq(fn->blocks[join].cond, -1);
	ck_assert(fn->blocks[join].implicit_return);
	model_file_free(mf);
}
END_TEST

START_TEST(test_if_without_else)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(int x) {\n"
		"  f(0);\n"
		"  if (x)\n"
		"    f(1);\n"
		"  f(2);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int then_b = cfg_mark_block(fn, 1), join = cfg_mark_block(fn, 2);

	ck_assert_int_eq(cfg_mark_block(fn, 0), 0);
	ck_assert_int_eq(fn->blocks[0].term, TERM_BRANCH);
	ck_assert_int_eq(fn->blocks[0].succ[0], then_b);
	/* False goes straight to the join: f(1) is skipped. */
	ck_assert_int_eq(fn->blocks[0].succ[1], join);
	ck_assert_int_eq(fn->blocks[then_b].succ[0], join);
	ck_assert_int_eq(cfg_npreds(fn, join), 2);
	ck_assert_int_eq(fn->nblocks, 3);
	model_file_free(mf);
}
END_TEST

START_TEST(test_if_nested)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"int t(int x, int y) {\n"
		"  if (x) {\n"
		"    if (y)\n"
		"      return f(1);\n"
		"    else\n"
		"      f(2);\n"
		"  } else if (y) {\n"
		"    f(3);\n"
		"  }\n"
		"  return 0;\n"
		"}\n");
	cfg_check_dump(cfg_fn(mf, "t"),
		"function t @2:5\n"
		"  B0:\n"
		"    branch x ? B1 : B6 @3:7\n"
		"  B1:\n"
		"    branch y ? B2 : B4 @4:9\n"
		"  B2:\n"
		"    5:14 call f(1)\n"
		"    return f()#0 @5:7\n"
		"  B3:\n"                      /* after the return: dead */
		"    goto B5\n"
		"  B4:\n"
		"    7:7 call f(2)\n"
		"    goto B5\n"
		"  B5:\n"
		"    goto B8\n"
		"  B6:\n"
		"    branch y ? B7 : B8 @8:14\n"
		"  B7:\n"
		"    9:5 call f(3)\n"
		"    goto B8\n"
		"  B8:\n"
		"    return 0 @11:3\n");
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* switch                                                              */

/*
 * A SWITCH block's loc is its condition, as for BRANCH.
 */
START_TEST(test_switch_fallthrough_default_ranges)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(int x) {\n"
		"  switch (x) {\n"
		"  case 1: f(1);\n"
		"  case 2: f(2); break;\n"
		"  case 3 ... 5: f(3); break;\n"
		"  default: f(4);\n"
		"  }\n"
		"  f(5);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	const struct block *sw = &fn->blocks[0];
	int b1 = cfg_mark_block(fn, 1), b2 = cfg_mark_block(fn, 2);
	int b3 = cfg_mark_block(fn, 3), b4 = cfg_mark_block(fn, 4);
	int after = cfg_mark_block(fn, 5);

	ck_assert_int_eq(sw->term, TERM_SWITCH);
	cfg_check_expr(fn, sw->cond, "x");
	ck_assert_int_eq(sw->ncases, 3);
	const struct switch_case *c = &fn->cases[sw->first_case];
	ck_assert(c[0].known && c[0].lo == 1 && c[0].hi == 1);
	ck_assert_int_eq(c[0].target, b1);
	ck_assert(c[1].known && c[1].lo == 2 && c[1].hi == 2);
	ck_assert_int_eq(c[1].target, b2);
	ck_assert(c[2].known && c[2].lo == 3 && c[2].hi == 5);
	ck_assert_int_eq(c[2].target, b3);
	ck_assert_int_eq(sw->succ[0], b4);              /* default */
	/* case 1 falls through into case 2; break leaves the switch. */
	ck_assert_int_eq(fn->blocks[b1].term, TERM_GOTO);
	ck_assert_int_eq(fn->blocks[b1].succ[0], b2);
	ck_assert(cfg_reaches(fn, b2, after, -1));
	ck_assert(!cfg_reaches(fn, b2, b3, -1));
	ck_assert(!cfg_reaches(fn, b3, b4, -1));
	ck_assert(cfg_reaches(fn, b4, after, -1));
	cfg_check_dump(fn,
		"function t @2:6\n"
		"  B0:\n"
		"    switch x 1:B1 2:B2 3..5:B3 default:B4 @3:11\n"
		"  B1:\n"
		"    4:11 call f(1)\n"
		"    goto B2\n"
		"  B2:\n"
		"    5:11 call f(2)\n"
		"    goto B5\n"
		"  B3:\n"
		"    6:17 call f(3)\n"
		"    goto B5\n"
		"  B4:\n"
		"    7:12 call f(4)\n"
		"    goto B5\n"
		"  B5:\n"
		"    9:3 call f(5)\n"
		"    return (implicit) @10:1\n");
	model_file_free(mf);
}
END_TEST

START_TEST(test_switch_no_default)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"#define SEVEN 7\n"
		"void t(int x) {\n"
		"  switch (x) {\n"
		"  case SEVEN: f(1); break;\n"
		"  case 8: f(2); break;\n"
		"  }\n"
		"  f(3);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	const struct block *sw = &fn->blocks[0];
	int after = cfg_mark_block(fn, 3);

	ck_assert_int_eq(sw->term, TERM_SWITCH);
	ck_assert_uint_eq(sw->loc.line, 4);
	ck_assert_uint_eq(sw->loc.col, 11);     /* x, as for branches */
	ck_assert_int_eq(sw->ncases, 2);
	ck_assert(fn->cases[sw->first_case].known);
	ck_assert_int_eq(fn->cases[sw->first_case].lo, 7);   /* via macro */
	ck_assert_int_eq(fn->cases[sw->first_case].target, cfg_mark_block(fn, 1));
	ck_assert_int_eq(fn->cases[sw->first_case + 1].lo, 8);
	ck_assert_int_eq(fn->cases[sw->first_case + 1].target, cfg_mark_block(fn, 2));
	/* No default: any other value goes past the switch. */
	ck_assert_int_eq(sw->succ[0], after);
	ck_assert_int_eq(cfg_npreds(fn, after), 3);
	model_file_free(mf);
}
END_TEST

START_TEST(test_switch_nested)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(int x) {\n"
		"  switch (x) {\n"
		"  case 1:\n"
		"    switch (f(0)) {\n"
		"    case 2: f(22); break;\n"
		"    }\n"
		"    f(11);\n"
		"    break;\n"
		"  default:\n"
		"    break;\n"
		"  }\n"
		"  f(99);\n"
		"}\n");
	cfg_check_dump(cfg_fn(mf, "t"),
		"function t @2:6\n"
		"  B0:\n"
		"    switch x 1:B1 default:B4 @3:11\n"
		"  B1:\n"
		"    5:13 call f(0)\n"
		"    switch f()#0 2:B2 default:B3 @5:13\n"
		"  B2:\n"
		"    6:13 call f(22)\n"
		"    goto B3\n"
		"  B3:\n"
		"    8:5 call f(11)\n"
		"    goto B5\n"
		"  B4:\n"
		"    goto B5\n"
		"  B5:\n"
		"    13:3 call f(99)\n"
		"    return (implicit) @14:1\n");
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Loops                                                               */

START_TEST(test_for_all_parts)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(int c) {\n"
		"  for (int i = 0; i < c; i++)\n"
		"    f(i);\n"
		"  f(7);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int body = cfg_block_of(fn, cfg_call(fn, "f", 0));
	int after = cfg_mark_block(fn, 7);

	/* init, then the test, body, increment, back to the test. */
	ck_assert_int_ge(fn->blocks[0].nevents, 1);
	cfg_check_store(fn, fn->blocks[0].first_event, "i", OP_NONE);
	int head = fn->blocks[0].succ[0];
	const struct expr *c = cfg_cond(fn, head);
	ck_assert_int_eq(c->kind, EXPR_BINARY);
	ck_assert_int_eq(c->op, OP_LT);
	ck_assert_int_eq(fn->blocks[head].succ[0], body);
	ck_assert_int_eq(fn->blocks[head].succ[1], after);
	int incr = fn->blocks[body].succ[0];
	ck_assert_int_eq(fn->blocks[incr].nevents, 1);
	cfg_check_store(fn, fn->blocks[incr].first_event, "i", OP_POSTINC);
	ck_assert_int_eq(fn->blocks[incr].term, TERM_GOTO);
	ck_assert_int_eq(fn->blocks[incr].succ[0], head);
	cfg_check_dump(fn,
		"function t @2:6\n"
		"  B0:\n"
		"    3:12 store i = 0\n"
		"    goto B1\n"
		"  B1:\n"
		"    branch (i < c) ? B2 : B4 @3:19\n"
		"  B2:\n"
		"    4:5 call f(i)\n"
		"    goto B3\n"
		"  B3:\n"
		"    3:26 store i ++ (i + 1)\n"
		"    goto B1\n"
		"  B4:\n"
		"    5:3 call f(7)\n"
		"    return (implicit) @6:1\n");
	model_file_free(mf);
}
END_TEST

START_TEST(test_for_missing_parts)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void forever(void) {\n"
		"  for (;;) {\n"
		"    if (f(1))\n"
		"      break;\n"
		"    f(2);\n"
		"  }\n"
		"  f(3);\n"
		"}\n"
		"void condonly(int c) {\n"
		"  for (; c;)\n"
		"    c = f(1);\n"
		"  f(2);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "forever");
	int head = cfg_mark_block(fn, 1), b2 = cfg_mark_block(fn, 2);
	int after = cfg_mark_block(fn, 3);

	/* No test: the only way out is the break (the branch on f(1)). */
	ck_assert_int_eq(cfg_cond(fn, head)->kind, EXPR_CALL);
	ck_assert(cfg_reaches(fn, b2, head, -1));
	ck_assert(!cfg_reaches(fn, b2, after, head));
	ck_assert(cfg_reaches(fn, head, after, -1));
	for (int b = 0; b < fn->nblocks; b++)
		if (fn->blocks[b].term == TERM_BRANCH)
			ck_assert_int_eq(b, head);

	fn = cfg_fn(mf, "condonly");
	int body = cfg_mark_block(fn, 1);
	after = cfg_mark_block(fn, 2);
	head = fn->blocks[0].term == TERM_BRANCH ? 0 : fn->blocks[0].succ[0];
	const struct expr *c = cfg_cond(fn, head);
	ck_assert_int_eq(c->kind, EXPR_VAR);
	ck_assert_str_eq(c->name, "c");
	ck_assert_int_eq(fn->blocks[head].succ[0], body);
	ck_assert_int_eq(fn->blocks[head].succ[1], after);
	ck_assert(cfg_reaches(fn, body, head, -1));
	cfg_check_store(fn, cfg_mark(fn, 1) + 1, "c", OP_ASSIGN);
	model_file_free(mf);
}
END_TEST

START_TEST(test_while_and_do_while)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(int c) {\n"
		"  while (c)\n"
		"    f(1);\n"
		"  do {\n"
		"    f(2);\n"
		"  } while (f(3));\n"
		"  f(4);\n"
		"}\n");
	cfg_check_dump(cfg_fn(mf, "t"),
		"function t @2:6\n"
		"  B0:\n"
		"    branch c ? B1 : B2 @3:10\n"
		"  B1:\n"
		"    4:5 call f(1)\n"
		"    goto B0\n"
		"  B2:\n"
		"    6:5 call f(2)\n"
		"    goto B3\n"
		"  B3:\n"
		"    7:12 call f(3)\n"
		"    branch f()#2 ? B2 : B4 @7:12\n"
		"  B4:\n"
		"    8:3 call f(4)\n"
		"    return (implicit) @9:1\n");
	model_file_free(mf);
}
END_TEST

START_TEST(test_do_while_zero_break)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(void) {\n"
		"  do {\n"
		"    if (f(1))\n"
		"      break;\n"
		"    f(2);\n"
		"  } while (0);\n"
		"  f(3);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int b1 = cfg_mark_block(fn, 1), b2 = cfg_mark_block(fn, 2);
	int after = cfg_mark_block(fn, 3);

	/* while (0) is a plain jump: one branch only (the if), no loop. */
	int nbranch = 0;
	for (int b = 0; b < fn->nblocks; b++)
		nbranch += fn->blocks[b].term == TERM_BRANCH;
	ck_assert_int_eq(nbranch, 1);
	ck_assert(!cfg_reaches(fn, b2, b1, -1));
	ck_assert(cfg_reaches(fn, b2, after, -1));
	/* The break skips f(2). */
	ck_assert(cfg_reaches(fn, b1, after, b2));
	cfg_check_dump(fn,
		"function t @2:6\n"
		"  B0:\n"
		"    4:9 call f(1)\n"
		"    branch f()#0 ? B1 : B2 @4:9\n"
		"  B1:\n"
		"    goto B4\n"
		"  B2:\n"
		"    6:5 call f(2)\n"
		"    goto B3\n"
		"  B3:\n"
		"    goto B4\n"
		"  B4:\n"
		"    8:3 call f(3)\n"
		"    return (implicit) @9:1\n");
	model_file_free(mf);
}
END_TEST

START_TEST(test_break_continue_nested)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(int a, int b) {\n"
		"  while (f(1)) {\n"
		"    for (;;) {\n"
		"      if (f(2))\n"
		"        break;\n"
		"      if (f(3))\n"
		"        continue;\n"
		"      f(4);\n"
		"    }\n"
		"    if (f(5))\n"
		"      continue;\n"
		"    f(6);\n"
		"  }\n"
		"  f(7);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int outer = cfg_mark_block(fn, 1), inner = cfg_mark_block(fn, 2);
	int c3 = cfg_mark_block(fn, 3), b4 = cfg_mark_block(fn, 4);
	int c5 = cfg_mark_block(fn, 5), b6 = cfg_mark_block(fn, 6);
	int after = cfg_mark_block(fn, 7);

	/* The inner break goes to f(5), past the inner loop only. */
	int brk = fn->blocks[inner].succ[0];
	ck_assert(cfg_reaches(fn, brk, c5, -1));
	ck_assert(!cfg_reaches(fn, brk, inner, outer));
	/* The inner continue goes back to the inner loop, skipping f(4). */
	int cont = fn->blocks[c3].succ[0];
	ck_assert(cfg_reaches(fn, cont, inner, b4));
	ck_assert(!cfg_reaches(fn, cont, c5, inner));
	/* The outer continue goes to the outer test, skipping f(6). */
	int ocont = fn->blocks[c5].succ[0];
	ck_assert(cfg_reaches(fn, ocont, outer, b6));
	ck_assert(!cfg_reaches(fn, ocont, b6, outer));
	/* Only the outer test leaves the function's loops. */
	ck_assert(cfg_reaches(fn, outer, after, -1));
	ck_assert(!cfg_reaches(fn, inner, after, outer));
	ck_assert_int_eq(fn->blocks[outer].succ[1], after);
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* goto, return, blocks                                                */

START_TEST(test_goto_labels)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"int t(void) {\n"
		"  goto fwd;\n"
		"  f(0);\n"
		"fwd:\n"
		"  f(1);\n"
		"back:\n"
		"  if (f(2))\n"
		"    goto back;\n"
		"  return 1;\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int dead = cfg_mark_block(fn, 0), fwd = cfg_mark_block(fn, 1);
	int back = cfg_mark_block(fn, 2);

	ck_assert_int_eq(fn->blocks[0].term, TERM_GOTO);
	ck_assert_int_eq(fn->blocks[0].succ[0], fwd);
	/* f(0) is skipped by the forward goto: nothing enters it. */
	ck_assert_int_eq(cfg_npreds(fn, dead), 0);
	ck_assert(!cfg_reaches(fn, 0, dead, -1));
	/* The backward goto loops to the label. */
	ck_assert_int_ne(fwd, back);
	ck_assert(cfg_edge(fn, fwd, back));
	int loop = fn->blocks[back].succ[0];
	ck_assert(cfg_edge(fn, loop, back));
	ck_assert_int_eq(cfg_npreds(fn, back), 2);
	model_file_free(mf);
}
END_TEST

START_TEST(test_returns)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"int value(int a) {\n"
		"  return a + 1;\n"
		"}\n"
		"void novalue(int a) {\n"
		"  if (a)\n"
		"    return;\n"
		"  f(1);\n"
		"  }\n");
	const struct model_function *fn = cfg_fn(mf, "value");
	ck_assert_int_eq(fn->nblocks, 1);
	ck_assert_int_eq(fn->blocks[0].term, TERM_RETURN);
	ck_assert(!fn->blocks[0].implicit_return);
	cfg_check_expr(fn, fn->blocks[0].cond, "(a + 1)");
	ck_assert_uint_eq(fn->blocks[0].loc.line, 3);
	ck_assert_uint_eq(fn->blocks[0].loc.col, 3);

	fn = cfg_fn(mf, "novalue");
	int ret = fn->blocks[0].succ[0], end = cfg_mark_block(fn, 1);
	ck_assert_int_eq(fn->blocks[ret].term, TERM_RETURN);
	ck_assert_int_eq(fn->blocks[ret].cond, -1);
	ck_assert(!fn->blocks[ret].implicit_return);
	ck_assert_uint_eq(fn->blocks[ret].loc.line, 7);
	/* Falling off the end: an implicit return at the closing brace. */
	ck_assert_int_eq(fn->blocks[end].term, TERM_RETURN);
	ck_assert_int_eq(fn->blocks[end].cond, -1);
	ck_assert(fn->blocks[end].implicit_return);
	ck_assert_uint_eq(fn->blocks[end].loc.line, 9);
	ck_assert_uint_eq(fn->blocks[end].loc.col, 3);
	ck_assert_uint_eq(fn->body_end_loc.line, 9);
	model_file_free(mf);
}
END_TEST

START_TEST(test_unreachable_after_return)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"int t(int a) {\n"
		"  return a;\n"
		"  f(9);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int dead = cfg_mark_block(fn, 9);

	ck_assert_int_eq(fn->blocks[0].term, TERM_RETURN);
	ck_assert_int_ne(dead, 0);
	ck_assert_int_eq(cfg_npreds(fn, dead), 0);
	cfg_check_dump(fn,
		"function t @2:5\n"
		"  B0:\n"
		"    return a @3:3\n"
		"  B1:\n"
		"    4:3 call f(9)\n"
		"    return (implicit) @5:1\n");
	model_file_free(mf);
}
END_TEST

START_TEST(test_nested_blocks)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(void) {\n"
		"  f(1);\n"
		"  {\n"
		"    int x = f(2);\n"
		"    {\n"
		"      f(x);\n"
		"    }\n"
		"  }\n"
		"  f(4);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");

	/* Plain blocks add no control flow: one block, events in order. */
	ck_assert_int_eq(fn->nblocks, 1);
	ck_assert_int_eq(fn->nevents, 5);
	ck_assert_int_eq(cfg_mark(fn, 1), 0);
	ck_assert_int_eq(cfg_mark(fn, 2), 1);
	cfg_check_store(fn, 2, "x", OP_NONE);
	ck_assert_int_eq(cfg_call(fn, "f", 2), 3);
	ck_assert_int_eq(cfg_mark(fn, 4), 4);
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Logical operators, ?:, comma                                        */

START_TEST(test_logical_conditions)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void land(int a, int b) { if (a && b) f(1); f(2); }\n"
		"void lor(int a) { if (a || f(5)) f(6); f(7); }\n"
		"void notand(int a, int b) { if (!(a && b)) f(4); f(5); }\n"
		"void cond(int a, int b, int c) { if (a ? b : c) f(1); f(2); }\n");
	const struct model_function *fn = cfg_fn(mf, "land");
	int then_b = cfg_mark_block(fn, 1), join = cfg_mark_block(fn, 2);
	/* a && b: two branches; either false skips f(1). */
	ck_assert_str_eq(cfg_cond(fn, 0)->name, "a");
	int bb = fn->blocks[0].succ[0];
	ck_assert_str_eq(cfg_cond(fn, bb)->name, "b");
	ck_assert_int_eq(fn->blocks[0].succ[1], join);
	ck_assert_int_eq(fn->blocks[bb].succ[0], then_b);
	ck_assert_int_eq(fn->blocks[bb].succ[1], join);

	fn = cfg_fn(mf, "lor");
	/* a || f(5): f(5) is called only when a is false. */
	int call5 = cfg_mark_block(fn, 5), b6 = cfg_mark_block(fn, 6);
	ck_assert_str_eq(cfg_cond(fn, 0)->name, "a");
	ck_assert_int_eq(fn->blocks[0].succ[0], b6);
	ck_assert_int_eq(fn->blocks[0].succ[1], call5);
	ck_assert_int_eq(cfg_cond(fn, call5)->kind, EXPR_CALL);
	ck_assert_int_eq(fn->blocks[call5].succ[0], b6);
	ck_assert_int_eq(fn->blocks[call5].succ[1], cfg_mark_block(fn, 7));

	fn = cfg_fn(mf, "notand");
	/* !(a && b): the same branches, targets swapped. */
	int b4 = cfg_mark_block(fn, 4), b5 = cfg_mark_block(fn, 5);
	ck_assert_str_eq(cfg_cond(fn, 0)->name, "a");
	ck_assert_int_eq(fn->blocks[0].succ[1], b4);
	bb = fn->blocks[0].succ[0];
	ck_assert_str_eq(cfg_cond(fn, bb)->name, "b");
	ck_assert_int_eq(fn->blocks[bb].succ[0], b5);
	ck_assert_int_eq(fn->blocks[bb].succ[1], b4);

	fn = cfg_fn(mf, "cond");
	/* a ? b : c: branch on a, then on b or on c, to the same targets. */
	then_b = cfg_mark_block(fn, 1);
	join = cfg_mark_block(fn, 2);
	ck_assert_str_eq(cfg_cond(fn, 0)->name, "a");
	int tb = fn->blocks[0].succ[0], fb = fn->blocks[0].succ[1];
	ck_assert_str_eq(cfg_cond(fn, tb)->name, "b");
	ck_assert_str_eq(cfg_cond(fn, fb)->name, "c");
	ck_assert_int_eq(fn->blocks[tb].succ[0], then_b);
	ck_assert_int_eq(fn->blocks[tb].succ[1], join);
	ck_assert_int_eq(fn->blocks[fb].succ[0], then_b);
	ck_assert_int_eq(fn->blocks[fb].succ[1], join);
	model_file_free(mf);
}
END_TEST

START_TEST(test_logical_values)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"int g(int);\n"
		"void t(int a) {\n"
		"  int ok, v;\n"
		"  ok = a && f(1);\n"
		"  v = a ? f(2) : g(3);\n"
		"  v = a || g(4);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int b1 = cfg_mark_block(fn, 1);

	/* ok = a && f(1): f is called on the true branch of a only, and
	 * the store comes after both ways join. */
	ck_assert_str_eq(cfg_cond(fn, 0)->name, "a");
	ck_assert_int_eq(fn->blocks[0].succ[0], b1);
	int join = fn->blocks[0].succ[1];
	ck_assert_int_eq(fn->blocks[b1].succ[0], join);
	ck_assert_int_eq(cfg_npreds(fn, join), 2);
	ck_assert_int_gt(fn->blocks[join].nevents, 0);
	cfg_check_store(fn, fn->blocks[join].first_event, "ok", OP_ASSIGN);
	/* v = a ? f(2) : g(3): one call on each branch. */
	int b2 = cfg_mark_block(fn, 2), b3 = cfg_mark_block(fn, 3);
	ck_assert_int_ne(b2, b3);
	ck_assert_str_eq(cfg_cond(fn, join)->name, "a");
	ck_assert_int_eq(fn->blocks[join].succ[0], b2);
	ck_assert_int_eq(fn->blocks[join].succ[1], b3);
	ck_assert_int_eq(fn->blocks[b2].succ[0], fn->blocks[b3].succ[0]);
	int j2 = fn->blocks[b2].succ[0];
	cfg_check_store(fn, fn->blocks[j2].first_event, "v", OP_ASSIGN);
	/* v = a || g(4): g is called on the false branch only. */
	int b4 = cfg_mark_block(fn, 4);
	ck_assert_int_eq(fn->blocks[j2].term, TERM_BRANCH);
	ck_assert_int_eq(fn->blocks[j2].succ[1], b4);
	ck_assert_int_ne(fn->blocks[j2].succ[0], b4);
	model_file_free(mf);
}
END_TEST

START_TEST(test_comma_expressions)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"int g(int);\n"
		"void t(void) {\n"
		"  int a, b, v;\n"
		"  a = 1, b = 2;\n"
		"  v = (f(7), g(8));\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");

	ck_assert_int_eq(fn->nblocks, 1);
	ck_assert_int_eq(fn->nevents, 5);
	cfg_check_store(fn, 0, "a", OP_ASSIGN);
	cfg_check_expr(fn, fn->events[0].value, "1");
	cfg_check_store(fn, 1, "b", OP_ASSIGN);
	cfg_check_expr(fn, fn->events[1].value, "2");
	ck_assert_int_eq(cfg_mark(fn, 7), 2);
	ck_assert_int_eq(cfg_mark(fn, 8), 3);
	/* The comma's value is its right operand. */
	cfg_check_store(fn, 4, "v", OP_ASSIGN);
	ck_assert_int_eq(fn->exprs[fn->events[4].value].kind, EXPR_CALL);
	ck_assert_int_eq(fn->exprs[fn->events[4].value].call, 3);
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Structured exception handling                                       */

START_TEST(test_seh_try_except)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"int g(int);\n"
		"void t(int a) {\n"
		"  __try {\n"
		"    f(1);\n"
		"    if (a)\n"
		"      __leave;\n"
		"    f(2);\n"
		"  } __except (g(0)) {\n"
		"    f(3);\n"
		"  }\n"
		"  f(4);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int b1 = cfg_mark_block(fn, 1), b2 = cfg_mark_block(fn, 2);
	int handler = cfg_mark_block(fn, 3), after = cfg_mark_block(fn, 4);

	/* The filter runs before the handler body, in the same block. */
	ck_assert_int_eq(cfg_block_of(fn, cfg_call(fn, "g", 0)), handler);
	ck_assert_int_lt(cfg_call(fn, "g", 0), cfg_mark(fn, 3));
	/* The handler may run with none of the body's effects ... */
	ck_assert(cfg_reaches(fn, 0, handler, b1));
	/* ... or after all of them. */
	ck_assert(cfg_reaches(fn, b2, handler, -1));
	/* Normal completion skips the handler. */
	ck_assert(cfg_reaches(fn, b2, after, handler));
	/* __leave goes to the end of the body, skipping f(2). */
	int leave = fn->blocks[b1].succ[0];
	ck_assert(cfg_reaches(fn, leave, after, b2));
	ck_assert(!cfg_reaches(fn, leave, b2, -1));
	ck_assert(cfg_reaches(fn, handler, after, -1));
	/* The entry and the end of the body branch on an unknown. */
	ck_assert_int_eq(cfg_cond(fn, 0)->kind, EXPR_UNKNOWN);
	cfg_check_dump(fn,
		"function t @3:6\n"
		"  B0:\n"
		"    branch ? ? B1 : B5 @4:3\n"
		"  B1:\n"
		"    5:5 call f(1)\n"
		"    branch a ? B2 : B3 @6:9\n"
		"  B2:\n"
		"    goto B4\n"
		"  B3:\n"
		"    8:5 call f(2)\n"
		"    goto B4\n"
		"  B4:\n"
		"    branch ? ? B6 : B5 @4:3\n"
		"  B5:\n"
		"    9:15 call g(0)\n"
		"    10:5 call f(3)\n"
		"    goto B6\n"
		"  B6:\n"
		"    12:3 call f(4)\n"
		"    return (implicit) @13:1\n");
	model_file_free(mf);
}
END_TEST

START_TEST(test_seh_try_finally_leave)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(int a) {\n"
		"  __try {\n"
		"    f(1);\n"
		"    if (a)\n"
		"      __leave;\n"
		"    f(2);\n"
		"  } __finally {\n"
		"    f(3);\n"
		"  }\n"
		"  f(4);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int b1 = cfg_mark_block(fn, 1), b2 = cfg_mark_block(fn, 2);
	int fin = cfg_mark_block(fn, 3);

	/* __finally runs after the body, whether it leaves or completes. */
	int leave = fn->blocks[b1].succ[0];
	ck_assert(cfg_reaches(fn, leave, fin, b2));
	ck_assert(cfg_reaches(fn, b2, fin, -1));
	ck_assert(!cfg_reaches(fn, leave, b2, -1));
	ck_assert_int_eq(cfg_npreds(fn, fin), 2);
	/* f(4) follows f(3): nothing skips the finally block. */
	ck_assert(!cfg_reaches(fn, 0, cfg_mark_block(fn, 4), fin));
	ck_assert_int_lt(cfg_mark(fn, 3), cfg_mark(fn, 4));
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Events and stores                                                   */

START_TEST(test_event_order)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"int g(int);\n"
		"int h(int, int);\n"
		"void t(void) {\n"
		"  int x;\n"
		"  x = f(g(1));\n"
		"  h(f(2), g(3));\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");

	ck_assert_int_eq(fn->nevents, 6);
	/* x = f(g(1)): g, then f with g's result, then the store. */
	ck_assert_str_eq(fn->events[0].callee, "g");
	ck_assert_str_eq(fn->events[1].callee, "f");
	ck_assert_int_eq(fn->events[1].nargs, 1);
	int arg = model_call_arg(fn, &fn->events[1], 0);
	ck_assert_int_eq(fn->exprs[arg].kind, EXPR_CALL);
	ck_assert_int_eq(fn->exprs[arg].call, 0);
	cfg_check_store(fn, 2, "x", OP_ASSIGN);
	ck_assert_int_eq(fn->exprs[fn->events[2].value].call, 1);
	/* h(f(2), g(3)): the arguments' calls, left to right, then h. */
	ck_assert_int_eq(cfg_mark(fn, 2), 3);
	ck_assert_int_eq(cfg_mark(fn, 3), 4);
	ck_assert_str_eq(fn->events[5].callee, "h");
	ck_assert_int_eq(fn->events[5].nargs, 2);
	ck_assert_int_eq(fn->exprs[fn->events[5].result].kind, EXPR_CALL);
	ck_assert_int_eq(fn->exprs[fn->events[5].result].call, 5);
	ck_assert_uint_eq(fn->events[5].loc.line, 7);
	ck_assert_uint_eq(fn->events[5].loc.col, 3);
	model_file_free(mf);
}
END_TEST

START_TEST(test_store_forms)
{
	struct model_file *mf = cfg_parse(
		"#define FLAG_A 0x1\n"
		"#define FLAG_B 0x4\n"
		"typedef struct _CHARS { int Flags; int Lock; } CHARS;\n"
		"CHARS g;\n"
		"void t(CHARS *p, int i) {\n"
		"  CHARS MChars;\n"
		"  int a[4];\n"
		"  MChars.Flags = FLAG_A;\n"
		"  MChars.Flags |= FLAG_B;\n"
		"  MChars.Flags &= ~FLAG_A;\n"
		"  p->Flags = 2;\n"
		"  g.Lock = 3;\n"
		"  a[i] = 4;\n"
		"  i++;\n"
		"  --i;\n"
		"  i += 5;\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	char buf[256];

	ck_assert_int_eq(fn->nevents, 9);
	cfg_check_store(fn, 0, "MChars.Flags", OP_ASSIGN);
	ck_assert_int_eq(fn->exprs[fn->events[0].value].kind, EXPR_INT);
	ck_assert_int_eq(fn->exprs[fn->events[0].value].value, 1);
	ck_assert_str_eq(fn->exprs[fn->events[0].value].name, "FLAG_A");
	/* x |= v stores BINARY(|, x, v). */
	cfg_check_store(fn, 1, "MChars.Flags", OP_OR_ASSIGN);
	const struct expr *v = &fn->exprs[fn->events[1].value];
	ck_assert_int_eq(v->kind, EXPR_BINARY);
	ck_assert_int_eq(v->op, OP_BITOR);
	ck_assert(model_expr_path(fn->exprs, v->a, buf, sizeof(buf)));
	ck_assert_str_eq(buf, "MChars.Flags");
	ck_assert_int_eq(fn->exprs[v->b].value, 4);
	cfg_check_expr(fn, fn->events[1].value, "(MChars.Flags | 4{FLAG_B})");
	/* x &= ~A: BINARY(&, x, ~A) with ~A folded, A still named. */
	cfg_check_store(fn, 2, "MChars.Flags", OP_AND_ASSIGN);
	v = &fn->exprs[fn->events[2].value];
	ck_assert_int_eq(v->kind, EXPR_BINARY);
	ck_assert_int_eq(v->op, OP_BITAND);
	long long k;
	ck_assert(model_expr_const(fn->exprs, v->b, &k));
	ck_assert_int_eq(k, ~1LL);
	ck_assert(model_expr_mentions_macro(fn->exprs, v->b, "FLAG_A"));
	/* Member paths through a pointer and of a global; array element. */
	cfg_check_store(fn, 3, "p->Flags", OP_ASSIGN);
	ck_assert(fn->exprs[fn->events[3].target].arrow);
	cfg_check_store(fn, 4, "g.Lock", OP_ASSIGN);
	int root = model_expr_root(fn->exprs, fn->events[4].target);
	ck_assert_int_ge(root, 0);
	ck_assert_int_eq(fn->exprs[root].scope, SCOPE_GLOBAL);
	cfg_check_store(fn, 5, "a[]", OP_ASSIGN);
	ck_assert_int_eq(fn->exprs[fn->events[5].target].kind, EXPR_INDEX);
	/* ++, -- and += store the new value. */
	cfg_check_store(fn, 6, "i", OP_POSTINC);
	cfg_check_expr(fn, fn->events[6].value, "(i + 1)");
	cfg_check_store(fn, 7, "i", OP_PREDEC);
	cfg_check_expr(fn, fn->events[7].value, "(i - 1)");
	cfg_check_store(fn, 8, "i", OP_ADD_ASSIGN);
	cfg_check_expr(fn, fn->events[8].value, "(i + 5)");
	model_file_free(mf);
}
END_TEST

START_TEST(test_declaration_initializers)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"#define FLAG_A 0x10\n"
		"typedef struct _HDR { int Type; int Size; } HDR;\n"
		"typedef struct _CHARS { HDR Header; int Flags; int Lock; } CHARS;\n"
		"void t(void) {\n"
		"  int n = 3;\n"
		"  CHARS z = {0};\n"
		"  CHARS d = { .Header.Type = 7, .Flags = FLAG_A, .Lock = f(1) };\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	int e = 0;

	cfg_check_store(fn, e, "n", OP_NONE);
	cfg_check_expr(fn, fn->events[e++].value, "3");
	/* = {0}: the whole object is zero filled first. */
	cfg_check_store(fn, e, "z", OP_NONE);
	ck_assert_int_eq(fn->exprs[fn->events[e++].value].kind, EXPR_ZERO_INIT);
	/* Designated: zero fill, then one path store per designator in
	 * order; a call in an initializer comes before its store. */
	while (e < fn->nevents && fn->events[e].kind == EV_STORE) {
		char buf[64];
		model_expr_path(fn->exprs, fn->events[e].target, buf, sizeof(buf));
		if (strcmp(buf, "d") == 0)
			break;
		e++;                    /* z's member stores, if any */
	}
	cfg_check_store(fn, e, "d", OP_NONE);
	ck_assert_int_eq(fn->exprs[fn->events[e++].value].kind, EXPR_ZERO_INIT);
	cfg_check_store(fn, e, "d.Header.Type", OP_NONE);
	cfg_check_expr(fn, fn->events[e++].value, "7");
	cfg_check_store(fn, e, "d.Flags", OP_NONE);
	cfg_check_expr(fn, fn->events[e++].value, "16{FLAG_A}");
	ck_assert_int_eq(cfg_mark(fn, 1), e++);
	cfg_check_store(fn, e, "d.Lock", OP_NONE);
	ck_assert_int_eq(fn->exprs[fn->events[e].value].kind, EXPR_CALL);
	ck_assert_int_eq(fn->exprs[fn->events[e].value].call, e - 1);
	ck_assert_int_eq(e + 1, fn->nevents);
	model_file_free(mf);
}
END_TEST

START_TEST(test_global_designated_initializers)
{
	struct model_file *mf = cfg_parse(
		"#define FLAG_A 0x10\n"
		"void Unload(void *d) { (void)d; }\n"
		"typedef struct _HDR { int Type; int Size; } HDR;\n"
		"typedef struct _CHARS { HDR Header; int Flags;\n"
		"                        void (*UnloadHandler)(void *); } CHARS;\n"
		"CHARS Chars = { .Header.Type = 7, .Flags = FLAG_A,\n"
		"                .UnloadHandler = Unload };\n");
	const struct model_global *g = NULL;
	for (int i = 0; i < mf->nglobals; i++)
		if (strcmp(mf->globals[i].name, "Chars") == 0)
			g = &mf->globals[i];
	ck_assert_ptr_nonnull(g);
	ck_assert(g->is_definition);
	ck_assert_int_eq(g->ninits, 4);
	char buf[128];
	ck_assert_str_eq(g->inits[0].path, "");
	ck_assert_int_eq(mf->gexprs[g->inits[0].value].kind, EXPR_ZERO_INIT);
	ck_assert_str_eq(g->inits[1].path, ".Header.Type");
	ck_assert_int_eq(mf->gexprs[g->inits[1].value].value, 7);
	ck_assert_str_eq(g->inits[2].path, ".Flags");
	model_expr_text(mf->gexprs, g->inits[2].value, buf, sizeof(buf));
	ck_assert_str_eq(buf, "16{FLAG_A}");
	ck_assert_str_eq(g->inits[3].path, ".UnloadHandler");
	const struct expr *fx = &mf->gexprs[g->inits[3].value];
	while (fx->kind == EXPR_UNARY && (fx->op == OP_CAST || fx->op == OP_ADDR))
		fx = &mf->gexprs[fx->a];
	ck_assert_int_eq(fx->kind, EXPR_FUNC);
	ck_assert_str_eq(fx->name, "Unload");
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Operators recovered from tokens                                     */

/* The condition of the branch whose true edge leads to the block of the
 * call marked `mark` (the snippets below are `if (c) f(mark);`). */
static const struct expr *cfg_cond_to(const struct model_function *fn,
				      long long mark)
{
	int target = cfg_mark_block(fn, mark);
	for (int b = 0; b < fn->nblocks; b++)
		if (fn->blocks[b].term == TERM_BRANCH &&
		    fn->blocks[b].succ[0] == target)
			return &fn->exprs[fn->blocks[b].cond];
	ck_abort_msg("no branch to the call marked %lld", mark);
	return NULL;
}

/* Asserts `c` is `lhs_var op rhs` with an integer rhs. */
static void cfg_check_binop(const struct model_function *fn,
			    const struct expr *c, enum expr_op op,
			    const char *lhs, long long rhs)
{
	ck_assert_int_eq(c->kind, EXPR_BINARY);
	ck_assert_msg(c->op == op, "operator %s, expected %s",
		      model_op_spelling(c->op), model_op_spelling(op));
	ck_assert_int_eq(fn->exprs[c->a].kind, EXPR_VAR);
	ck_assert_str_eq(fn->exprs[c->a].name, lhs);
	ck_assert_int_eq(fn->exprs[c->b].kind, EXPR_INT);
	ck_assert_int_eq(fn->exprs[c->b].value, rhs);
}

START_TEST(test_operators_plain)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"void t(int x) {\n"
		"  if (x == 1) f(1);\n"
		"  if (x != 2) f(2);\n"
		"  if (x < 3) f(3);\n"
		"  if (x >= 4) f(4);\n"
		"  if (x & 5) f(5);\n"
		"  if (!x) f(6);\n"
		"  if (x<=7) f(7);\n"
		"  if ((x >> 1) > 8) f(8);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");

	cfg_check_binop(fn, cfg_cond_to(fn, 1), OP_EQ, "x", 1);
	cfg_check_binop(fn, cfg_cond_to(fn, 2), OP_NE, "x", 2);
	cfg_check_binop(fn, cfg_cond_to(fn, 3), OP_LT, "x", 3);
	cfg_check_binop(fn, cfg_cond_to(fn, 4), OP_GE, "x", 4);
	cfg_check_binop(fn, cfg_cond_to(fn, 5), OP_BITAND, "x", 5);
	const struct expr *c = cfg_cond_to(fn, 6);
	ck_assert_int_eq(c->kind, EXPR_UNARY);
	ck_assert_int_eq(c->op, OP_NOT);
	ck_assert_str_eq(fn->exprs[c->a].name, "x");
	cfg_check_binop(fn, cfg_cond_to(fn, 7), OP_LE, "x", 7);
	c = cfg_cond_to(fn, 8);
	ck_assert_int_eq(c->op, OP_GT);
	cfg_check_expr(fn, (int)(c - fn->exprs), "((x >> 1) > 8)");
	model_file_free(mf);
}
END_TEST

START_TEST(test_operators_macros)
{
	struct model_file *mf = cfg_parse(
		"#include <ntdef.h>\n"
		"#define STATUS_OK 0\n"
		"#define FAILED(s) (!NT_SUCCESS(s))\n"
		"#define IS_OK(s) ((s) == 0)\n"
		"int f(int);\n"
		"void t(NTSTATUS Status, int x) {\n"
		"  if (Status != STATUS_OK) f(1);\n"
		"  if (NT_SUCCESS(Status)) f(2);\n"
		"  if (FAILED(Status)) f(3);\n"
		"  if (IS_OK(x)) f(4);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");

	/* A macro operand: the operator is in the file. */
	const struct expr *c = cfg_cond_to(fn, 1);
	cfg_check_binop(fn, c, OP_NE, "Status", 0);
	ck_assert_str_eq(fn->exprs[c->b].name, "STATUS_OK");
	/* The operator inside a bundled header's macro body. */
	c = cfg_cond_to(fn, 2);
	ck_assert_int_eq(c->kind, EXPR_BINARY);
	ck_assert_int_eq(c->op, OP_GE);
	ck_assert_int_eq(fn->exprs[c->b].value, 0);
	char buf[128];
	ck_assert(model_expr_path(fn->exprs, c->a, buf, sizeof(buf)));
	ck_assert_str_eq(buf, "Status");
	/* A driver macro over a header macro. */
	c = cfg_cond_to(fn, 3);
	ck_assert_int_eq(c->kind, EXPR_UNARY);
	ck_assert_int_eq(c->op, OP_NOT);
	ck_assert_int_eq(fn->exprs[c->a].kind, EXPR_BINARY);
	ck_assert_int_eq(fn->exprs[c->a].op, OP_GE);
	/* A driver macro with the operator in its body. */
	cfg_check_binop(fn, cfg_cond_to(fn, 4), OP_EQ, "x", 0);
	model_file_free(mf);
}
END_TEST

/*
 * `#define EQ(a, b) a == b` used as `if (EQ(x, y))`: the `==` sits in the
 * macro body between two argument expansions, which no source range
 * joins; the `,` between the operands in the file is the macro's argument
 * separator, never a comma operator.  The operator is read from the
 * definition, after the parameter the left operand stands for.  When the
 * parameter is followed by different operators (`AMB`), the condition
 * stays EXPR_UNKNOWN: never guessed.
 */
START_TEST(test_operator_unrecoverable)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"#define EQ(a, b) a == b\n"
		"#define AMB(a, b) (a == b || a < b)\n"
		"void t(int x, int y) {\n"
		"  if (EQ(x, y)) f(1);\n"
		"  f(2);\n"
		"  if (AMB(x, y)) f(3);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	const struct expr *c = cfg_cond(fn, 0);

	ck_assert_msg(!(c->kind == EXPR_BINARY && c->op != OP_EQ),
		      "operator guessed as %s", model_op_spelling(c->op));
	ck_assert_int_eq(c->kind, EXPR_BINARY);
	ck_assert_int_eq(c->op, OP_EQ);
	ck_assert_str_eq(fn->exprs[c->a].name, "x");
	ck_assert_str_eq(fn->exprs[c->b].name, "y");
	ck_assert_int_eq(fn->blocks[0].succ[0], cfg_mark_block(fn, 1));
	ck_assert_int_eq(fn->blocks[0].succ[1], cfg_mark_block(fn, 2));
	/* AMB: `a` is followed by both == and <, and the `||` between them
	 * has no recoverable spelling either: one unknown branch */
	int unknown = 0;
	for (int b = 0; b < fn->nblocks; b++)
		if (fn->blocks[b].term == TERM_BRANCH &&
		    fn->exprs[fn->blocks[b].cond].kind == EXPR_UNKNOWN)
			unknown++;
	ck_assert_int_eq(unknown, 1);
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Constant evaluation                                                 */

START_TEST(test_constant_evaluation)
{
	struct cfg_ndis nd;
	cfg_ndis_begin(&nd);
	struct model_file *mf = cfg_parse_args(
		CFG_NDIS_PRELUDE
		"enum color { RED, GREEN = 5, BLUE };\n"
		"typedef struct _PAIR { int a; int b; } PAIR;\n"
		"void t(void) {\n"
		"  int v;\n"
		"  v = NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER;\n"
		"  v = BLUE;\n"
		"  v = sizeof(PAIR);\n"
		"  v = (1 << 4);\n"
		"  v = GREEN * 2 + sizeof(int);\n"
		"}\n", nd.args, 2);
	cfg_ndis_end(&nd);
	const struct model_function *fn = cfg_fn(mf, "t");
	const struct expr *v;

	ck_assert_int_eq(fn->nevents, 5);
	for (int e = 0; e < 5; e++)
		cfg_check_store(fn, e, "v", OP_ASSIGN);
	v = &fn->exprs[fn->events[0].value];
	ck_assert_int_eq(v->kind, EXPR_INT);
	ck_assert_int_eq(v->value, 3);
	ck_assert(model_expr_mentions_macro(fn->exprs, fn->events[0].value,
					    "NDIS_INTERMEDIATE_DRIVER"));
	ck_assert(model_expr_mentions_macro(fn->exprs, fn->events[0].value,
					    "NDIS_WDM_DRIVER"));
	ck_assert(!model_expr_mentions_macro(fn->exprs, fn->events[0].value,
					     "NDIS_MINIPORT_DRIVER"));
	v = &fn->exprs[fn->events[1].value];
	ck_assert_int_eq(v->kind, EXPR_INT);
	ck_assert_int_eq(v->value, 6);
	v = &fn->exprs[fn->events[2].value];
	ck_assert_int_eq(v->kind, EXPR_INT);
	ck_assert_int_eq(v->value, 8);
	v = &fn->exprs[fn->events[3].value];
	ck_assert_int_eq(v->kind, EXPR_INT);
	ck_assert_int_eq(v->value, 16);
	ck_assert_ptr_null(v->name);
	v = &fn->exprs[fn->events[4].value];
	ck_assert_int_eq(v->kind, EXPR_INT);
	ck_assert_int_eq(v->value, 14);
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Calls                                                               */

START_TEST(test_calls_through_macros)
{
	struct cfg_ndis nd;
	cfg_ndis_begin(&nd);
	struct model_file *mf = cfg_parse_args(
		CFG_NDIS_PRELUDE
		"typedef struct _CTX { int Flags; int Lock; } CTX;\n"
		"int Helper(CTX *c);\n"
		"int Helper(CTX *c) { return c->Flags; }\n"
		"void t(void) {\n"
		"  CTX x;\n"
		"  NdisZeroMemory(&x, sizeof(x));\n"
		"  Helper(&x);\n"
		"}\n", nd.args, 2);
	cfg_ndis_end(&nd);
	const struct model_function *fn = cfg_fn(mf, "t");
	int e = cfg_call(fn, "memset", 0);

	ck_assert_int_ge(e, 0);
	const struct event *ev = &fn->events[e];
	ck_assert_str_eq(ev->macro, "NdisZeroMemory");
	ck_assert(ev->declared_in_header);
	ck_assert(model_call_is(ev, "NdisZeroMemory"));
	ck_assert(model_call_is(ev, "memset"));
	ck_assert_uint_eq(ev->loc.line, 11);
	ck_assert_uint_eq(ev->loc.col, 3);
	ck_assert_int_eq(ev->nargs, 3);
	int a0 = model_call_arg(fn, ev, 0);
	ck_assert_int_eq(fn->exprs[a0].kind, EXPR_UNARY);
	ck_assert_int_eq(fn->exprs[a0].op, OP_ADDR);
	int a2 = model_call_arg(fn, ev, 2);
	long long size;
	ck_assert(model_expr_const(fn->exprs, a2, &size));
	ck_assert_int_eq(size, 8);
	/* A driver function is no API, and no macro made the call. */
	e = cfg_call(fn, "Helper", 0);
	ck_assert_int_gt(e, cfg_call(fn, "memset", 0));
	ck_assert(!fn->events[e].declared_in_header);
	ck_assert_ptr_null(fn->events[e].macro);
	ck_assert(!model_call_is(&fn->events[e], "NdisZeroMemory"));
	model_file_free(mf);
}
END_TEST

/*
 * A call through a function pointer that is a plain variable or
 * parameter (`fp(1)`) has no callee name: model.h says callee is NULL
 * for calls through a pointer, and program.c resolves them as indirect.
 */
START_TEST(test_indirect_call)
{
	struct model_file *mf = cfg_parse(
		"int f(int);\n"
		"typedef int (*HANDLER)(int);\n"
		"struct ops { HANDLER Handler; };\n"
		"void t(HANDLER fp, struct ops *o) {\n"
		"  fp(1);\n"
		"  o->Handler(2);\n"
		"  (*fp)(3);\n"
		"  f(4);\n"
		"}\n");
	const struct model_function *fn = cfg_fn(mf, "t");
	char buf[128];

	ck_assert_int_eq(fn->nevents, 4);
	for (int e = 0; e < 3; e++) {
		ck_assert_int_eq(fn->events[e].kind, EV_CALL);
		ck_assert_ptr_null(fn->events[e].callee);
		ck_assert_int_ge(fn->events[e].callee_expr, 0);
	}
	ck_assert_int_eq(cfg_mark(fn, 1), 0);
	cfg_check_expr(fn, fn->events[0].callee_expr, "fp");
	ck_assert(model_expr_path(fn->exprs, fn->events[1].callee_expr, buf,
				  sizeof(buf)));
	ck_assert_str_eq(buf, "o->Handler");
	/* (*fp)(3): the callee is a dereference rooted at the same
	 * parameter (each occurrence is its own expression). */
	int r2 = model_expr_root(fn->exprs, fn->events[2].callee_expr);
	ck_assert_int_ge(r2, 0);
	ck_assert_str_eq(fn->exprs[r2].name, "fp");
	ck_assert_int_eq(fn->exprs[r2].scope, SCOPE_PARAM);
	ck_assert_str_eq(fn->events[3].callee, "f");
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Scale                                                               */

START_TEST(test_deep_nesting)
{
	enum { DEPTH = 2000 };
	const char *head = "int f(int);\nvoid deep(int x) {\n";
	size_t cap = strlen(head) + DEPTH * 16 + 64;
	char *src = malloc(cap);
	size_t len = 0;

	ck_assert_ptr_nonnull(src);
	len += (size_t)snprintf(src + len, cap - len, "%s", head);
	for (int i = 0; i < DEPTH; i++)
		len += (size_t)snprintf(src + len, cap - len, "if (x) {\n");
	len += (size_t)snprintf(src + len, cap - len, "f(1);\n");
	for (int i = 0; i < DEPTH; i++)
		len += (size_t)snprintf(src + len, cap - len, "}\n");
	snprintf(src + len, cap - len, "}\n");

	const char *args[] = { "-fbracket-depth=5000" };
	struct model_file *mf = cfg_parse_args(src, args, 1);
	free(src);
	ck_assert_int_eq(mf->ndiags, 0);
	const struct model_function *fn = cfg_fn(mf, "deep");
	ck_assert_int_gt(fn->nblocks, DEPTH);
	/* The innermost call is reached through DEPTH true branches. */
	int inner = cfg_mark_block(fn, 1);
	int b = 0, depth = 0;
	while (fn->blocks[b].term == TERM_BRANCH && depth <= DEPTH) {
		b = fn->blocks[b].succ[0];
		depth++;
	}
	ck_assert_int_eq(depth, DEPTH);
	ck_assert_int_eq(b, inner);
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Bundled headers                                                     */

/*
 * The bundled headers parse with no diagnostic: this needs clang's own
 * <stddef.h> and <stdarg.h>, found through the resource directory the
 * front end passes explicitly.
 */
START_TEST(test_bundled_headers_clean)
{
	struct model_file *mf = cfg_parse(
		"#include <ntdef.h>\n"
		"#include <ntstatus.h>\n"
		"#include <string.h>\n"
		"size_t n;\n"
		"NTSTATUS t(void) { return STATUS_SUCCESS; }\n");
	for (int i = 0; i < mf->ndiags; i++)
		fprintf(stderr, "diag: %s\n", mf->diags[i].message);
	ck_assert_int_eq(mf->ndiags, 0);
	ck_assert_int_eq(mf->nnotes, 0);
	model_file_free(mf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Call graph on real parses                                           */

START_TEST(test_call_graph_two_files)
{
	char path_a[64], path_b[64];
	struct cfg_ndis nd;
	cfg_ndis_begin(&nd);
	cfg_write_temp(
		CFG_NDIS_PRELUDE
		"NDIS_STATUS Helper(NDIS_HANDLE Driver);\n"
		"static void Local(void) { }\n"
		"NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject,\n"
		"                     PUNICODE_STRING RegistryPath)\n"
		"{\n"
		"  UNREFERENCED_PARAMETER(RegistryPath);\n"
		"  Local();\n"
		"  return Helper(DriverObject);\n"
		"}\n", path_a);
	cfg_write_temp(
		CFG_NDIS_PRELUDE
		"NDIS_HANDLE ProtocolHandle;\n"
		"NDIS_STATUS Helper(NDIS_HANDLE Driver)\n"
		"{\n"
		"  NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;\n"
		"  NdisZeroMemory(&PChars, sizeof(PChars));\n"
		"  return NdisRegisterProtocolDriver(Driver, &PChars,\n"
		"                                    &ProtocolHandle);\n"
		"}\n"
		"void Unused(void) { Helper(0); }\n", path_b);
	struct model_file *files[2];
	files[0] = cfg_parse_path(path_a, nd.args, 2);
	files[1] = cfg_parse_path(path_b, nd.args, 2);
	unlink(path_a);
	unlink(path_b);
	cfg_ndis_end(&nd);

	struct program prog;
	program_init(&prog, files, 2, NULL);
	int ids[4];
	ck_assert_int_eq(program_lookup(&prog, "DriverEntry", ids, 4), 1);
	int entry = ids[0];
	ck_assert_int_eq(program_lookup(&prog, "Helper", ids, 4), 1);
	int helper = ids[0];
	ck_assert_int_eq(program_lookup(&prog, "Local", ids, 4), 1);
	int local = ids[0];
	ck_assert_ptr_eq(program_fn_file(&prog, entry), files[0]);
	ck_assert_ptr_eq(program_fn_file(&prog, helper), files[1]);

	/* DriverEntry's calls: Local (same file), Helper (the other). */
	const struct model_function *fe = program_fn(&prog, entry);
	int e = cfg_call(fe, "Helper", 0);
	ck_assert_int_ge(e, 0);
	ck_assert(!fe->events[e].declared_in_header);
	ck_assert_int_eq(prog.call_target[entry][e], helper);
	ck_assert_int_eq(prog.call_target[entry][cfg_call(fe, "Local", 0)],
			 local);
	/* Helper's calls: APIs from the bundled header. */
	const struct model_function *fh = program_fn(&prog, helper);
	e = cfg_call(fh, "NdisRegisterProtocolDriver", 0);
	ck_assert_int_ge(e, 0);
	ck_assert(fh->events[e].declared_in_header);
	ck_assert_int_eq(prog.call_target[helper][e], CALL_API);

	struct driver drv;
	driver_init(&drv, &prog, entry);
	ck_assert(drv.reaches[entry]);
	ck_assert(drv.reaches[helper]);
	ck_assert(drv.reaches[local]);
	ck_assert_int_eq(program_lookup(&prog, "Unused", ids, 4), 1);
	ck_assert(!drv.reaches[ids[0]]);
	int wf = -1, we = -1;
	ck_assert(driver_reaches_call(&drv, entry, "NdisRegisterProtocolDriver",
				      &wf, &we));
	ck_assert_int_eq(wf, helper);
	ck_assert_int_eq(we, e);
	ck_assert(driver_reaches_call(&drv, entry, "NdisZeroMemory", NULL, NULL));
	ck_assert(!driver_reaches_call(&drv, entry, "NdisMRegisterMiniportDriver",
				       NULL, NULL));
	ck_assert(!driver_reaches_call(&drv, local, "NdisRegisterProtocolDriver",
				       NULL, NULL));
	ck_assert(!driver_reaches_unknown(&drv, entry, NULL, NULL));
	driver_free(&drv);
	program_free(&prog);
	model_file_free(files[0]);
	model_file_free(files[1]);
}
END_TEST

Suite *cfg_suite(void)
{
	Suite *s = suite_create("cfg");
	TCase *tc = tcase_create("cfg");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_if_else);
	tcase_add_test(tc, test_if_without_else);
	tcase_add_test(tc, test_if_nested);
	tcase_add_test(tc, test_switch_fallthrough_default_ranges);
	tcase_add_test(tc, test_switch_no_default);
	tcase_add_test(tc, test_switch_nested);
	tcase_add_test(tc, test_for_all_parts);
	tcase_add_test(tc, test_for_missing_parts);
	tcase_add_test(tc, test_while_and_do_while);
	tcase_add_test(tc, test_do_while_zero_break);
	tcase_add_test(tc, test_break_continue_nested);
	tcase_add_test(tc, test_goto_labels);
	tcase_add_test(tc, test_returns);
	tcase_add_test(tc, test_unreachable_after_return);
	tcase_add_test(tc, test_nested_blocks);
	tcase_add_test(tc, test_logical_conditions);
	tcase_add_test(tc, test_logical_values);
	tcase_add_test(tc, test_comma_expressions);
	tcase_add_test(tc, test_seh_try_except);
	tcase_add_test(tc, test_seh_try_finally_leave);
	tcase_add_test(tc, test_event_order);
	tcase_add_test(tc, test_store_forms);
	tcase_add_test(tc, test_declaration_initializers);
	tcase_add_test(tc, test_global_designated_initializers);
	tcase_add_test(tc, test_operators_plain);
	tcase_add_test(tc, test_operators_macros);
	tcase_add_test(tc, test_operator_unrecoverable);
	tcase_add_test(tc, test_constant_evaluation);
	tcase_add_test(tc, test_calls_through_macros);
	tcase_add_test(tc, test_indirect_call);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_bundled_headers_clean);
	tcase_add_test(tc, test_call_graph_two_files);
	suite_add_tcase(s, tc);
	return s;
}
