/*
 * check_program.c - the run-level program (call resolution, handler
 * tables, drivers) and the rules that need no path engine
 * (im-miniport-registration, im-protocol-registration,
 * analysis-incomplete), on models built by hand.
 */
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../analyzer/program.h"
#include "../rules/rule.h"
#include "suites.h"

/* ------------------------------------------------------------------ */
/* Model builder: fixed capacities, everything in the file's arena.    */

enum { TB_FNS = 16, TB_GLOBALS = 8, TB_EXPRS = 64, TB_EVENTS = 32,
       TB_ARGS = 32, TB_DIAGS = 8, TB_INITS = 8 };

/* A model_file named `path` with room for TB_* items. */
static struct model_file *tb_file(const char *path)
{
	struct arena *a = arena_new();
	struct model_file *mf = calloc(1, sizeof(*mf));

	mf->arena = a;
	mf->path = arena_strdup(a, path);
	mf->files = arena_calloc(a, 2, sizeof(char *));
	mf->files[0] = mf->path;
	mf->files[1] = arena_strdup(a, "include/ndis.h");
	mf->nfiles = 2;
	mf->functions = arena_calloc(a, TB_FNS, sizeof(*mf->functions));
	mf->globals = arena_calloc(a, TB_GLOBALS, sizeof(*mf->globals));
	mf->gexprs = arena_calloc(a, TB_EXPRS, sizeof(*mf->gexprs));
	mf->diags = arena_calloc(a, TB_DIAGS, sizeof(*mf->diags));
	return mf;
}

/* A function definition named `name` whose name is at line:1 and whose
 * body spans offsets [line * 100, line * 100 + 90). */
static struct model_function *tb_fn(struct model_file *mf, const char *name,
				    unsigned line)
{
	struct model_function *fn = &mf->functions[mf->nfunctions++];

	ck_assert_int_le(mf->nfunctions, TB_FNS);
	fn->name = arena_strdup(mf->arena, name);
	fn->loc = (struct model_loc){ 0, line, 10 };
	fn->body_begin = line * 100;
	fn->body_end = line * 100 + 90;
	fn->exprs = arena_calloc(mf->arena, TB_EXPRS, sizeof(struct expr));
	fn->events = arena_calloc(mf->arena, TB_EVENTS, sizeof(struct event));
	fn->args = arena_calloc(mf->arena, TB_ARGS, sizeof(int));
	return fn;
}

/* Appends an expression to a pool; returns its id. */
static int tb_expr(struct expr *pool, int *n, struct expr e)
{
	ck_assert_int_lt(*n, TB_EXPRS);
	pool[*n] = e;
	return (*n)++;
}

/* A blank expression of kind k (children absent). */
static struct expr tb_blank(enum expr_kind k)
{
	struct expr e;

	memset(&e, 0, sizeof(e));
	e.kind = k;
	e.a = e.b = e.c = -1;
	e.call = -1;
	return e;
}

static int tb_var(struct expr *pool, int *n, const char *name,
		  const char *type)
{
	struct expr e = tb_blank(EXPR_VAR);

	e.name = name;
	e.type = type;
	e.scope = SCOPE_LOCAL;
	return tb_expr(pool, n, e);
}

static int tb_func(struct expr *pool, int *n, const char *name)
{
	struct expr e = tb_blank(EXPR_FUNC);

	e.name = name;
	e.loc = (struct model_loc){ 0, 77, 7 };
	return tb_expr(pool, n, e);
}

static int tb_int(struct expr *pool, int *n, long long v, const char *macro)
{
	struct expr e = tb_blank(EXPR_INT);

	e.value = v;
	e.name = macro;
	return tb_expr(pool, n, e);
}

static int tb_member(struct expr *pool, int *n, int base, const char *field,
		     bool arrow)
{
	struct expr e = tb_blank(EXPR_MEMBER);

	e.a = base;
	e.name = field;
	e.arrow = arrow;
	return tb_expr(pool, n, e);
}

static int tb_unary(struct expr *pool, int *n, enum expr_op op, int a)
{
	struct expr e = tb_blank(EXPR_UNARY);

	e.op = op;
	e.a = a;
	return tb_expr(pool, n, e);
}

static int tb_binary(struct expr *pool, int *n, enum expr_op op, int a,
		     int b)
{
	struct expr e = tb_blank(EXPR_BINARY);

	e.op = op;
	e.a = a;
	e.b = b;
	return tb_expr(pool, n, e);
}

/* Shorthands on a function's pool. */
#define FVAR(fn, name, type) tb_var((fn)->exprs, &(fn)->nexprs, name, type)
#define FFUNC(fn, name) tb_func((fn)->exprs, &(fn)->nexprs, name)
#define FINT(fn, v, m) tb_int((fn)->exprs, &(fn)->nexprs, v, m)
#define FMEMBER(fn, b, f, arrow) \
	tb_member((fn)->exprs, &(fn)->nexprs, b, f, arrow)
#define FUNARY(fn, op, a) tb_unary((fn)->exprs, &(fn)->nexprs, op, a)
#define FBINARY(fn, op, a, b) tb_binary((fn)->exprs, &(fn)->nexprs, op, a, b)

/* Appends a call event to `callee` (NULL: indirect through callee_expr)
 * at line:5; the arguments follow, terminated by -2. */
static int tb_call_ex(struct model_function *fn, const char *callee,
		      int callee_expr, bool in_header, unsigned line, ...)
{
	struct event *ev = &fn->events[fn->nevents];
	struct expr r = tb_blank(EXPR_CALL);
	va_list ap;
	int arg;

	ck_assert_int_lt(fn->nevents, TB_EVENTS);
	memset(ev, 0, sizeof(*ev));
	ev->kind = EV_CALL;
	ev->loc = (struct model_loc){ 0, line, 5 };
	ev->callee = callee;
	ev->callee_expr = callee_expr;
	ev->declared_in_header = in_header;
	ev->first_arg = fn->nargs;
	va_start(ap, line);
	for (arg = va_arg(ap, int); arg != -2; arg = va_arg(ap, int)) {
		ck_assert_int_lt(fn->nargs, TB_ARGS);
		fn->args[fn->nargs++] = arg;
		ev->nargs++;
	}
	va_end(ap);
	r.call = fn->nevents;
	ev->result = tb_expr(fn->exprs, &fn->nexprs, r);
	ev->target = ev->value = -1;
	return fn->nevents++;
}

/* A direct call with no arguments. */
static int tb_call(struct model_function *fn, const char *callee,
		   bool in_header, unsigned line)
{
	return tb_call_ex(fn, callee, -1, in_header, line, -2);
}

/* Appends a store event target op= value at line:3. */
static int tb_store(struct model_function *fn, int target, int value,
		    enum expr_op op, unsigned line)
{
	struct event *ev = &fn->events[fn->nevents];

	ck_assert_int_lt(fn->nevents, TB_EVENTS);
	memset(ev, 0, sizeof(*ev));
	ev->kind = EV_STORE;
	ev->loc = (struct model_loc){ 0, line, 3 };
	ev->callee_expr = ev->result = -1;
	ev->target = target;
	ev->value = value;
	ev->store_op = op;
	return fn->nevents++;
}

/* Stores `Obj.Field = Fn` (or Obj->Field) in fn. */
static void tb_store_handler(struct model_function *fn, const char *obj,
			     const char *type, const char *field,
			     const char *handler, bool arrow, unsigned line)
{
	int base = FVAR(fn, obj, type);
	int t = FMEMBER(fn, base, field, arrow);

	tb_store(fn, t, FFUNC(fn, handler), OP_ASSIGN, line);
}

/* A global with room for initializers. */
static struct model_global *tb_global(struct model_file *mf,
				      const char *name, const char *type)
{
	struct model_global *g = &mf->globals[mf->nglobals++];

	g->name = name;
	g->type = type;
	g->is_definition = true;
	g->inits = arena_calloc(mf->arena, TB_INITS, sizeof(*g->inits));
	return g;
}

static void tb_global_init(struct model_global *g, const char *path,
			   int value)
{
	g->inits[g->ninits].path = path;
	g->inits[g->ninits].value = value;
	g->ninits++;
}

/* Calls NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
 * &chars, &Handle) at `line`. */
static void tb_register_miniport(struct model_function *fn,
				 const char *chars, unsigned line)
{
	int a0 = FVAR(fn, "DriverObject", "PDRIVER_OBJECT");
	int a1 = FVAR(fn, "RegistryPath", "PUNICODE_STRING");
	int a2 = FINT(fn, 0, "NULL");
	int a3 = FUNARY(fn, OP_ADDR, FVAR(fn, chars,
			"NDIS_MINIPORT_DRIVER_CHARACTERISTICS"));
	int a4 = FUNARY(fn, OP_ADDR, FVAR(fn, "Handle", "NDIS_HANDLE"));

	tb_call_ex(fn, "NdisMRegisterMiniportDriver", -1, true, line, a0, a1,
		   a2, a3, a4, -2);
}

/* A whole run: up to four files, the program, one driver, notes. */
struct tb_run {
	struct model_file *files[4];
	int nfiles;
	struct program prog;
	struct findings notes;
	struct driver drv;
	bool has_driver;
};

/* Builds the program over the files of `run`. */
static void tb_program(struct tb_run *run)
{
	findings_init(&run->notes);
	program_init(&run->prog, run->files, run->nfiles, &run->notes);
}

/* Function id of `name` defined in file `file`. */
static int tb_id(const struct tb_run *run, int file, const char *name)
{
	for (int id = 0; id < run->prog.nfns; id++)
		if (run->prog.fns[id].file == file &&
		    strcmp(program_fn(&run->prog, id)->name, name) == 0)
			return id;
	ck_abort_msg("no function %s in file %d", name, file);
	return -1;
}

/* Builds the driver whose entry is DriverEntry of file 0. */
static void tb_driver(struct tb_run *run)
{
	driver_init(&run->drv, &run->prog, tb_id(run, 0, "DriverEntry"));
	run->has_driver = true;
}

static void tb_free(struct tb_run *run)
{
	if (run->has_driver)
		driver_free(&run->drv);
	program_free(&run->prog);
	findings_free(&run->notes);
	for (int i = 0; i < run->nfiles; i++)
		model_file_free(run->files[i]);
}

/* Target of event `e` of function `id`. */
#define TARGET(run, id, e) ((run)->prog.call_target[id][e])

/* ------------------------------------------------------------------ */
/* Call resolution                                                      */

START_TEST(test_resolve_same_file_first)
{
	struct tb_run run = { .nfiles = 3 };
	struct model_function *de;
	int c;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	run.files[2] = tb_file("c.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	c = tb_call(de, "Helper", false, 2);
	tb_fn(run.files[0], "Helper", 3);
	tb_fn(run.files[1], "Helper", 1);
	tb_program(&run);
	ck_assert_int_eq(TARGET(&run, tb_id(&run, 0, "DriverEntry"), c),
			 tb_id(&run, 0, "Helper"));
	ck_assert_int_eq(run.notes.nnotes, 0);
	tb_free(&run);
}
END_TEST

START_TEST(test_resolve_cross_file)
{
	struct tb_run run = { .nfiles = 2 };
	struct model_function *de, *st;
	int c1, c2;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	c1 = tb_call(de, "Foo", false, 2);
	c2 = tb_call(de, "Hidden", false, 3);
	tb_fn(run.files[1], "Foo", 1);
	st = tb_fn(run.files[1], "Hidden", 2);
	st->is_static = true;   /* invisible from a.c */
	tb_program(&run);
	ck_assert_int_eq(run.prog.nfns, 3);
	ck_assert_int_eq(TARGET(&run, 0, c1), tb_id(&run, 1, "Foo"));
	ck_assert_int_eq(TARGET(&run, 0, c2), CALL_UNRESOLVED);
	tb_free(&run);
}
END_TEST

START_TEST(test_resolve_ambiguous)
{
	struct tb_run run = { .nfiles = 3 };
	struct model_function *de;
	int c;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	run.files[2] = tb_file("c.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	c = tb_call(de, "Bar", false, 4);
	tb_fn(run.files[1], "Bar", 1);
	tb_fn(run.files[2], "Bar", 1);
	tb_program(&run);
	ck_assert_int_eq(TARGET(&run, 0, c), CALL_AMBIGUOUS);
	ck_assert_int_eq(run.notes.nnotes, 1);
	ck_assert_ptr_nonnull(strstr(run.notes.notes[0].message, "Bar"));
	ck_assert_str_eq(run.notes.notes[0].pos.file, "a.c");
	ck_assert_uint_eq(run.notes.notes[0].pos.line, 4);
	tb_free(&run);
}
END_TEST

START_TEST(test_resolve_api_unresolved_indirect)
{
	struct tb_run run = { .nfiles = 1 };
	struct model_function *de, *hdr;
	int api, unres, hdrcall, ind, designator;
	int fp, addr_fn;

	run.files[0] = tb_file("a.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	api = tb_call(de, "NdisAllocateSpinLock", true, 2);
	unres = tb_call(de, "VendorInit", false, 3);
	hdrcall = tb_call(de, "InlineHelper", false, 4);
	fp = FVAR(de, "Callback", "PVOID");
	ind = tb_call_ex(de, NULL, FUNARY(de, OP_DEREF, fp), false, 5, -2);
	addr_fn = FUNARY(de, OP_ADDR, FFUNC(de, "Local"));
	designator = tb_call_ex(de, NULL, addr_fn, false, 6, -2);
	tb_fn(run.files[0], "Local", 2);
	hdr = tb_fn(run.files[0], "InlineHelper", 3);
	hdr->in_header = true;
	hdr->loc.file = 1;
	tb_call(hdr, "Local", false, 1);
	tb_program(&run);
	ck_assert_int_eq(TARGET(&run, 0, api), CALL_API);
	ck_assert_int_eq(TARGET(&run, 0, unres), CALL_UNRESOLVED);
	ck_assert_int_eq(TARGET(&run, 0, hdrcall), CALL_API);
	ck_assert_int_eq(TARGET(&run, 0, ind), CALL_INDIRECT);
	ck_assert_int_eq(TARGET(&run, 0, designator), tb_id(&run, 0, "Local"));
	/* header functions are never driver code: not resolved */
	ck_assert_ptr_null(run.prog.call_target[tb_id(&run, 0,
						      "InlineHelper")]);
	tb_free(&run);
}
END_TEST

START_TEST(test_lookup_and_loc_file)
{
	struct tb_run run = { .nfiles = 2 };
	int ids[4];

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	tb_fn(run.files[0], "DriverEntry", 1);
	tb_fn(run.files[0], "Twice", 2);
	tb_fn(run.files[1], "Twice", 2);
	tb_program(&run);
	ck_assert_int_eq(program_lookup(&run.prog, "Twice", ids, 4), 2);
	ck_assert_int_eq(program_lookup(&run.prog, "Twice", ids, 1), 1);
	ck_assert_int_eq(program_lookup(&run.prog, "Nope", ids, 4), 0);
	ck_assert_str_eq(program_fn_file(&run.prog, ids[0])->path, "a.c");
	ck_assert_str_eq(program_loc_file(&run.prog, 1,
					  (struct model_loc){ 1, 1, 1 }),
			 "include/ndis.h");
	ck_assert_str_eq(program_loc_file(&run.prog, 1,
					  (struct model_loc){ 0, 1, 1 }),
			 "b.c");
	tb_free(&run);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Handler tables                                                       */

/* Finds the handler for `field`, or NULL. */
static const struct handler *tb_handler(const struct program *prog,
					const char *field)
{
	for (int i = 0; i < prog->nhandlers; i++)
		if (strcmp(prog->handlers[i].field, field) == 0)
			return &prog->handlers[i];
	return NULL;
}

START_TEST(test_handlers_from_stores)
{
	struct tb_run run = { .nfiles = 2 };
	struct model_function *de;
	const struct handler *h;
	int base, t, cast;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	tb_store_handler(de, "MChars", "NDIS_MINIPORT_DRIVER_CHARACTERISTICS",
			 "InitializeHandlerEx", "MpInitialize", false, 5);
	/* MChars.UnloadHandler = (MINIPORT_DRIVER_UNLOAD *)&MpUnload; */
	base = FVAR(de, "MChars", "NDIS_MINIPORT_DRIVER_CHARACTERISTICS");
	t = FMEMBER(de, base, "UnloadHandler", false);
	cast = FUNARY(de, OP_CAST, FUNARY(de, OP_ADDR,
					  FFUNC(de, "MpUnload")));
	tb_store(de, t, cast, OP_ASSIGN, 6);
	tb_store_handler(de, "DriverObject", "PDRIVER_OBJECT",
			 "DriverUnload", "DrvUnload", true, 7);
	/* a non-function value is not a handler */
	base = FVAR(de, "MChars", "NDIS_MINIPORT_DRIVER_CHARACTERISTICS");
	tb_store(de, FMEMBER(de, base, "Flags", false), FINT(de, 1, NULL),
		 OP_ASSIGN, 8);
	tb_fn(run.files[1], "MpInitialize", 1);
	tb_fn(run.files[0], "MpUnload", 2);
	tb_program(&run);

	ck_assert_int_eq(run.prog.nhandlers, 3);
	h = tb_handler(&run.prog, "InitializeHandlerEx");
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h->object, "MChars");
	ck_assert_str_eq(h->fn_name, "MpInitialize");
	ck_assert_int_eq(h->fn, tb_id(&run, 1, "MpInitialize"));
	ck_assert_int_eq(h->in_fn, tb_id(&run, 0, "DriverEntry"));
	ck_assert_uint_eq(h->loc.line, 5);
	ck_assert_int_eq(h->file, 0);
	h = tb_handler(&run.prog, "UnloadHandler");
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(h->fn, tb_id(&run, 0, "MpUnload"));
	h = tb_handler(&run.prog, "DriverUnload");
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h->object, "DriverObject");
	ck_assert_int_eq(h->fn, -1);    /* DrvUnload is not analyzed */
	ck_assert_str_eq(h->fn_name, "DrvUnload");
	tb_free(&run);
}
END_TEST

/* a.c: a global miniport characteristics object initialized with
 * designators, registered by DriverEntry; returns the global. */
static struct model_global *tb_global_chars(struct model_file *mf,
					    bool im_flag)
{
	struct model_global *g = tb_global(mf, "GChars",
		"NDIS_MINIPORT_DRIVER_CHARACTERISTICS");
	struct expr zero = tb_blank(EXPR_ZERO_INIT);

	tb_global_init(g, "", tb_expr(mf->gexprs, &mf->ngexprs, zero));
	if (im_flag)
		tb_global_init(g, ".Flags",
			       tb_int(mf->gexprs, &mf->ngexprs, 1,
				      "NDIS_INTERMEDIATE_DRIVER"));
	tb_global_init(g, ".Header.Type",
		       tb_int(mf->gexprs, &mf->ngexprs, 0x8a, NULL));
	tb_global_init(g, ".UnloadHandler",
		       tb_func(mf->gexprs, &mf->ngexprs, "MpUnload"));
	tb_global_init(g, ".InitializeHandlerEx",
		       tb_unary(mf->gexprs, &mf->ngexprs, OP_ADDR,
				tb_func(mf->gexprs, &mf->ngexprs,
					"MpInitialize")));
	return g;
}

START_TEST(test_handlers_from_global_initializer)
{
	struct tb_run run = { .nfiles = 2 };
	struct model_function *de;
	const struct handler *h;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	tb_global_chars(run.files[0], true);
	de = tb_fn(run.files[0], "DriverEntry", 1);
	tb_register_miniport(de, "GChars", 9);
	tb_fn(run.files[1], "MpUnload", 1);
	tb_fn(run.files[0], "MpInitialize", 3);
	tb_program(&run);

	ck_assert_int_eq(run.prog.nhandlers, 2);
	h = tb_handler(&run.prog, "UnloadHandler");
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h->object, "GChars");
	ck_assert_int_eq(h->in_fn, -1);
	ck_assert_int_eq(h->fn, tb_id(&run, 1, "MpUnload"));
	ck_assert_uint_eq(h->loc.line, 77);

	tb_driver(&run);
	ck_assert_int_eq(run.drv.unload, tb_id(&run, 1, "MpUnload"));
	ck_assert(run.drv.unload_from_chars);
	ck_assert_ptr_eq(run.drv.unload_handler, h);
	ck_assert_int_eq(run.drv.initialize, tb_id(&run, 0, "MpInitialize"));
	ck_assert(run.drv.is_im);
	ck_assert(run.drv.depends[run.drv.unload]);
	ck_assert(!run.drv.reaches[run.drv.unload]);
	tb_free(&run);
}
END_TEST

START_TEST(test_unload_fallback_and_helper_fill)
{
	struct tb_run run = { .nfiles = 2 };
	struct model_function *de, *fill, *mu;
	int ptr;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	/* FillChars(&MChars) fills through a pointer */
	ptr = FUNARY(de, OP_ADDR, FVAR(de, "MChars",
		"NDIS_MINIPORT_DRIVER_CHARACTERISTICS"));
	tb_call_ex(de, "FillChars", -1, false, 2, ptr, -2);
	tb_register_miniport(de, "MChars", 3);
	tb_store_handler(de, "DriverObject", "PDRIVER_OBJECT",
			 "DriverUnload", "DrvUnload", true, 4);
	fill = tb_fn(run.files[1], "FillChars", 1);
	tb_store_handler(fill, "Chars",
			 "PNDIS_MINIPORT_DRIVER_CHARACTERISTICS",
			 "InitializeHandlerEx", "MpInitialize", true, 2);
	tb_fn(run.files[1], "MpInitialize", 2);
	mu = tb_fn(run.files[0], "DrvUnload", 2);
	tb_call(mu, "UnloadHelper", false, 3);
	tb_fn(run.files[1], "UnloadHelper", 3);
	/* a function nobody registers stores an UnloadHandler: ignored */
	tb_store_handler(tb_fn(run.files[1], "Unused", 4), "X",
			 "NDIS_MINIPORT_DRIVER_CHARACTERISTICS",
			 "UnloadHandler", "MpInitialize", false, 1);
	tb_program(&run);
	tb_driver(&run);

	ck_assert_int_eq(run.drv.unload, tb_id(&run, 0, "DrvUnload"));
	ck_assert(!run.drv.unload_from_chars);
	ck_assert_str_eq(run.drv.unload_handler->field, "DriverUnload");
	ck_assert_int_eq(run.drv.initialize, tb_id(&run, 1, "MpInitialize"));
	ck_assert_int_eq(run.drv.initialize_handler->in_fn,
			 tb_id(&run, 1, "FillChars"));
	ck_assert(run.drv.depends[tb_id(&run, 1, "UnloadHelper")]);
	ck_assert(!run.drv.reaches[tb_id(&run, 1, "UnloadHelper")]);
	ck_assert(!run.drv.depends[tb_id(&run, 1, "Unused")]);
	ck_assert(!run.drv.is_im);
	tb_free(&run);
}
END_TEST

START_TEST(test_no_handlers)
{
	struct tb_run run = { .nfiles = 1 };

	run.files[0] = tb_file("a.c");
	tb_fn(run.files[0], "DriverEntry", 1);
	tb_program(&run);
	tb_driver(&run);
	ck_assert_int_eq(run.drv.unload, -1);
	ck_assert_ptr_null(run.drv.unload_handler);
	ck_assert_int_eq(run.drv.initialize, -1);
	ck_assert_ptr_null(run.drv.initialize_handler);
	ck_assert(run.drv.reaches[run.drv.entry]);
	ck_assert(run.drv.depends[run.drv.entry]);
	tb_free(&run);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Reachability                                                         */

START_TEST(test_reach_three_deep_across_files)
{
	struct tb_run run = { .nfiles = 3 };
	struct model_function *de, *f1, *f2, *f3;
	int fn, ev;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	run.files[2] = tb_file("c.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	tb_call(de, "F1", false, 2);
	f1 = tb_fn(run.files[1], "F1", 1);
	tb_call(f1, "F2", false, 2);
	f2 = tb_fn(run.files[2], "F2", 1);
	tb_call(f2, "F3", false, 2);
	f3 = tb_fn(run.files[0], "F3", 2);
	tb_call(f3, "NdisRegisterProtocolDriver", true, 9);
	tb_fn(run.files[1], "NotCalled", 2);
	tb_program(&run);
	tb_driver(&run);
	ck_assert(run.drv.reaches[tb_id(&run, 1, "F1")]);
	ck_assert(run.drv.reaches[tb_id(&run, 2, "F2")]);
	ck_assert(run.drv.reaches[tb_id(&run, 0, "F3")]);
	ck_assert(!run.drv.reaches[tb_id(&run, 1, "NotCalled")]);
	ck_assert(!run.drv.depends[tb_id(&run, 1, "NotCalled")]);
	ck_assert(driver_reaches_call(&run.drv, run.drv.entry,
				      "NdisRegisterProtocolDriver", &fn, &ev));
	ck_assert_int_eq(fn, tb_id(&run, 0, "F3"));
	ck_assert_int_eq(ev, 0);
	ck_assert(driver_reaches_call(&run.drv, tb_id(&run, 2, "F2"),
				      "NdisRegisterProtocolDriver", NULL,
				      NULL));
	ck_assert(!driver_reaches_call(&run.drv, run.drv.entry,
				       "NdisMRegisterMiniportDriver", NULL,
				       NULL));
	ck_assert(!driver_reaches_unknown(&run.drv, run.drv.entry, NULL,
					  NULL));
	tb_free(&run);
}
END_TEST

START_TEST(test_reach_recursion_terminates)
{
	struct tb_run run = { .nfiles = 2 };
	struct model_function *de, *r, *m;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	tb_call(de, "Rec", false, 2);
	r = tb_fn(run.files[1], "Rec", 1);
	tb_call(r, "Rec", false, 2);            /* self recursion */
	tb_call(r, "Mutual", false, 3);
	m = tb_fn(run.files[0], "Mutual", 2);
	tb_call(m, "Rec", false, 3);            /* mutual recursion */
	tb_call(m, "DriverEntry", false, 4);    /* back to the entry */
	tb_program(&run);
	tb_driver(&run);
	ck_assert(run.drv.reaches[tb_id(&run, 1, "Rec")]);
	ck_assert(run.drv.reaches[tb_id(&run, 0, "Mutual")]);
	ck_assert(!driver_reaches_call(&run.drv, run.drv.entry,
				       "NdisMRegisterMiniportDriver", NULL,
				       NULL));
	tb_free(&run);
}
END_TEST

START_TEST(test_reach_unknown)
{
	struct tb_run run = { .nfiles = 1 };
	struct model_function *de, *h;
	int fn, ev;

	run.files[0] = tb_file("a.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	tb_call(de, "NdisAllocateSpinLock", true, 2);
	tb_call(de, "Helper", false, 3);
	h = tb_fn(run.files[0], "Helper", 2);
	tb_call(h, "VendorRegister", false, 4);
	tb_call(h, "VendorRegister", false, 5);
	tb_call(h, "OtherMissing", false, 6);
	tb_program(&run);
	tb_driver(&run);
	ck_assert(driver_reaches_unknown(&run.drv, run.drv.entry, &fn, &ev));
	ck_assert_int_eq(fn, tb_id(&run, 0, "Helper"));
	ck_assert_int_eq(ev, 0);
	program_unresolved_note(&run.prog, &run.drv, 1, &run.notes);
	ck_assert_int_eq(run.notes.nnotes, 1);
	ck_assert_ptr_nonnull(strstr(run.notes.notes[0].message,
				     "VendorRegister, OtherMissing"));
	ck_assert_ptr_null(strstr(strstr(run.notes.notes[0].message,
					 "VendorRegister") + 1,
				  "VendorRegister"));
	ck_assert_uint_eq(run.notes.notes[0].pos.line, 4);
	tb_free(&run);
}
END_TEST

/* ------------------------------------------------------------------ */
/* IM evidence                                                          */

enum im_way { IM_MACRO, IM_OR_CONST, IM_CONST_CHARS, IM_CONST_OTHER_TYPE,
	      IM_NDISIM_CALL, IM_BOTH_REGISTRATIONS, IM_MINIPORT_ONLY,
	      IM_GLOBAL, IM_GLOBAL_NO_FLAG };

/* Builds a two-file driver showing (or not) IM evidence in way `way`
 * inside a helper in b.c; returns drv.is_im. */
static bool tb_im(enum im_way way)
{
	struct tb_run run = { .nfiles = 2 };
	struct model_function *de, *h;
	const char *chars = "NDIS_MINIPORT_DRIVER_CHARACTERISTICS";
	int base, t, v;
	bool im;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	tb_call(de, "Setup", false, 2);
	h = tb_fn(run.files[1], "Setup", 1);
	switch (way) {
	case IM_MACRO:  /* Chars->Flags = NDIS_INTERMEDIATE_DRIVER | X */
		base = FVAR(h, "Chars", "PVOID");
		t = FMEMBER(h, base, "Flags", true);
		v = FBINARY(h, OP_BITOR,
			    FINT(h, 1, "NDIS_INTERMEDIATE_DRIVER"),
			    FINT(h, 2, "NDIS_WDM_DRIVER"));
		tb_store(h, t, v, OP_ASSIGN, 3);
		break;
	case IM_OR_CONST:       /* MChars.Flags |= 0x1 */
		base = FVAR(h, "MChars", chars);
		t = FMEMBER(h, base, "Flags", false);
		v = FBINARY(h, OP_BITOR, FMEMBER(h, FVAR(h, "MChars", chars),
						 "Flags", false),
			    FINT(h, 1, NULL));
		tb_store(h, t, v, OP_OR_ASSIGN, 3);
		break;
	case IM_CONST_CHARS:    /* Chars->Flags = 0x3 (already folded) */
		base = FVAR(h, "Chars",
			    "PNDIS_MINIPORT_DRIVER_CHARACTERISTICS");
		tb_store(h, FMEMBER(h, base, "Flags", true),
			 FINT(h, 3, NULL), OP_ASSIGN, 3);
		break;
	case IM_CONST_OTHER_TYPE:       /* PChars.Flags = 1 */
		base = FVAR(h, "PChars",
			    "NDIS_PROTOCOL_DRIVER_CHARACTERISTICS");
		tb_store(h, FMEMBER(h, base, "Flags", false),
			 FINT(h, 1, NULL), OP_ASSIGN, 3);
		break;
	case IM_NDISIM_CALL:
		tb_call(h, "NdisIMAssociateMiniport", true, 3);
		break;
	case IM_BOTH_REGISTRATIONS:
		tb_register_miniport(h, "MChars", 3);
		tb_call(de, "NdisRegisterProtocolDriver", true, 4);
		break;
	case IM_MINIPORT_ONLY:
		tb_register_miniport(h, "MChars", 3);
		base = FVAR(h, "MChars", chars);
		tb_store(h, FMEMBER(h, base, "Flags", false),
			 FINT(h, 2, "NDIS_WDM_DRIVER"), OP_ASSIGN, 4);
		break;
	case IM_GLOBAL:
	case IM_GLOBAL_NO_FLAG:
		tb_global_chars(run.files[0], way == IM_GLOBAL);
		tb_register_miniport(h, "GChars", 3);
		break;
	}
	tb_program(&run);
	tb_driver(&run);
	im = run.drv.is_im;
	tb_free(&run);
	return im;
}

START_TEST(test_im_evidence)
{
	ck_assert(tb_im(IM_MACRO));
	ck_assert(tb_im(IM_OR_CONST));
	ck_assert(tb_im(IM_CONST_CHARS));
	ck_assert(!tb_im(IM_CONST_OTHER_TYPE));
	ck_assert(tb_im(IM_NDISIM_CALL));
	ck_assert(tb_im(IM_BOTH_REGISTRATIONS));
	ck_assert(!tb_im(IM_MINIPORT_ONLY));
	ck_assert(tb_im(IM_GLOBAL));
	ck_assert(!tb_im(IM_GLOBAL_NO_FLAG));
}
END_TEST

START_TEST(test_im_evidence_unreached_ignored)
{
	struct tb_run run = { .nfiles = 2 };
	struct model_function *u;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	tb_fn(run.files[0], "DriverEntry", 1);
	u = tb_fn(run.files[1], "Unreached", 1);
	tb_call(u, "NdisIMAssociateMiniport", true, 2);
	tb_program(&run);
	tb_driver(&run);
	ck_assert(!run.drv.is_im);
	tb_free(&run);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Rules                                                                */

/* Runs rule `name` on the driver of `run` into `out`. */
static void tb_check(struct tb_run *run, const char *name,
		     struct findings *out)
{
	const struct rule *r = rule_find(name);

	ck_assert_ptr_nonnull(r);
	findings_init(out);
	r->check(&run->drv, out);
}

/* An IM driver (NdisIMAssociateMiniport) that registers the miniport if
 * `miniport`, the protocol if `protocol`; `unknown` adds a call to an
 * unresolved function. */
static void tb_im_driver(struct tb_run *run, bool miniport, bool protocol,
			 bool unknown)
{
	struct model_function *de, *reg;

	run->nfiles = 2;
	run->files[0] = tb_file("drv/im.c");
	run->files[1] = tb_file("drv/reg.c");
	de = tb_fn(run->files[0], "DriverEntry", 12);
	tb_call(de, "RegisterAll", false, 13);
	tb_call(de, "NdisIMAssociateMiniport", true, 14);
	if (unknown)
		tb_call(de, "VendorSetup", false, 15);
	reg = tb_fn(run->files[1], "RegisterAll", 3);
	if (miniport)
		tb_register_miniport(reg, "MChars", 4);
	if (protocol)
		tb_call(reg, "NdisRegisterProtocolDriver", true, 5);
	tb_program(run);
	tb_driver(run);
}

START_TEST(test_rule_im_miniport_registration)
{
	struct tb_run run = { 0 };
	struct findings out;

	tb_im_driver(&run, false, true, false);
	tb_check(&run, "im-miniport-registration", &out);
	ck_assert_int_eq(out.count, 1);
	ck_assert_str_eq(out.items[0].rule, "im-miniport-registration");
	ck_assert_int_eq(out.items[0].severity, SEV_ERROR);
	ck_assert_str_eq(out.items[0].pos.file, "drv/im.c");
	ck_assert_uint_eq(out.items[0].pos.line, 12);
	ck_assert_uint_eq(out.items[0].pos.col, 10);
	ck_assert_str_eq(out.items[0].function, "DriverEntry");
	ck_assert_int_eq(out.items[0].nsteps, 1);
	ck_assert_str_eq(out.items[0].steps[0].pos.file, "drv/reg.c");
	ck_assert_uint_eq(out.items[0].steps[0].pos.line, 5);
	findings_free(&out);
	tb_check(&run, "im-protocol-registration", &out);
	ck_assert_int_eq(out.count, 0);
	findings_free(&out);
	tb_free(&run);
}
END_TEST

START_TEST(test_rule_im_protocol_registration)
{
	struct tb_run run = { 0 };
	struct findings out;

	tb_im_driver(&run, true, false, false);
	tb_check(&run, "im-protocol-registration", &out);
	ck_assert_int_eq(out.count, 1);
	ck_assert_str_eq(out.items[0].rule, "im-protocol-registration");
	ck_assert_str_eq(out.items[0].pos.file, "drv/im.c");
	ck_assert_uint_eq(out.items[0].pos.line, 12);
	ck_assert_uint_eq(out.items[0].pos.col, 10);
	findings_free(&out);
	tb_check(&run, "im-miniport-registration", &out);
	ck_assert_int_eq(out.count, 0);
	findings_free(&out);
	tb_free(&run);
}
END_TEST

START_TEST(test_rule_registration_silent)
{
	struct tb_run run = { 0 };
	struct findings out;

	/* an unresolved call might register: nothing reported */
	tb_im_driver(&run, false, false, true);
	tb_check(&run, "im-miniport-registration", &out);
	ck_assert_int_eq(out.count, 0);
	findings_free(&out);
	tb_check(&run, "im-protocol-registration", &out);
	ck_assert_int_eq(out.count, 0);
	findings_free(&out);
	tb_free(&run);

	/* both registrations present */
	memset(&run, 0, sizeof(run));
	tb_im_driver(&run, true, true, false);
	tb_check(&run, "im-miniport-registration", &out);
	ck_assert_int_eq(out.count, 0);
	findings_free(&out);
	tb_free(&run);
}
END_TEST

START_TEST(test_rule_registration_not_im)
{
	struct tb_run run = { .nfiles = 1 };
	struct model_function *de;
	struct findings out;

	/* a plain protocol driver: not IM, no finding from either rule */
	run.files[0] = tb_file("proto.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);
	tb_call(de, "NdisRegisterProtocolDriver", true, 2);
	tb_program(&run);
	tb_driver(&run);
	ck_assert(!run.drv.is_im);
	tb_check(&run, "im-miniport-registration", &out);
	ck_assert_int_eq(out.count, 0);
	findings_free(&out);
	tb_check(&run, "im-protocol-registration", &out);
	ck_assert_int_eq(out.count, 0);
	findings_free(&out);
	tb_free(&run);
}
END_TEST

/* Adds a diagnostic at line:col, offset, severity to mf. */
static void tb_diag(struct model_file *mf, int file, unsigned line,
		    unsigned offset, int severity, const char *message,
		    const char *header)
{
	struct model_diag *d = &mf->diags[mf->ndiags++];

	d->loc = (struct model_loc){ file, line, 2 };
	d->offset = offset;
	d->severity = severity;
	d->message = message;
	d->header_note = header;
}

START_TEST(test_rule_analysis_incomplete)
{
	struct tb_run run = { .nfiles = 2 };
	struct model_function *de;
	struct findings out;

	run.files[0] = tb_file("a.c");
	run.files[1] = tb_file("b.c");
	de = tb_fn(run.files[0], "DriverEntry", 1);     /* body 100..190 */
	tb_call(de, "Helper", false, 2);
	tb_fn(run.files[1], "Helper", 2);               /* body 200..290 */
	tb_fn(run.files[1], "Unused", 3);               /* body 300..390 */
	/* a.c: two errors in DriverEntry (listed out of order) after a
	 * kept warning (the front end keeps only those that mean the code
	 * was not understood: implicit declarations, int conversions), an
	 * error outside any body, and one in a header at an offset that
	 * would fall inside the body */
	tb_diag(run.files[0], 0, 7, 160, 3, "second error", NULL);
	tb_diag(run.files[0], 0, 5, 130, 4, "first error", NULL);
	tb_diag(run.files[0], 0, 3, 110, 2,
		"implicit declaration of function 'Foo' is invalid in C99", NULL);
	tb_diag(run.files[0], 0, 9, 195, 3, "outside", NULL);
	tb_diag(run.files[0], 1, 40, 105, 3, "in header", NULL);
	/* b.c: an error in Helper with its header note, one in Unused */
	tb_diag(run.files[1], 0, 21, 250, 3, "unknown type name 'FOO'",
		"vendor.h");
	tb_diag(run.files[1], 0, 31, 310, 3, "not depended on", NULL);
	tb_program(&run);
	tb_driver(&run);
	tb_check(&run, "analysis-incomplete", &out);
	findings_sort(&out);
	ck_assert_int_eq(out.count, 2);
	ck_assert_str_eq(out.items[0].rule, "analysis-incomplete");
	ck_assert_int_eq(out.items[0].severity, SEV_WARNING);
	ck_assert_str_eq(out.items[0].pos.file, "a.c");
	ck_assert_uint_eq(out.items[0].pos.line, 3);
	ck_assert_ptr_nonnull(strstr(out.items[0].message, "DriverEntry"));
	ck_assert_ptr_nonnull(strstr(out.items[0].message, "'Foo'"));
	ck_assert_int_eq(out.items[0].nsteps, 1);
	ck_assert_ptr_nonnull(strstr(out.items[0].steps[0].message, "'Foo'"));
	ck_assert_str_eq(out.items[1].pos.file, "b.c");
	ck_assert_uint_eq(out.items[1].pos.line, 21);
	ck_assert_str_eq(out.items[1].function, "Helper");
	ck_assert_int_eq(out.items[1].nsteps, 1);
	ck_assert_ptr_nonnull(strstr(out.items[1].steps[0].message,
				     "vendor.h"));
	findings_free(&out);
	tb_free(&run);
}
END_TEST

START_TEST(test_registry)
{
	const char *names[] = { "im-miniport-registration",
				"im-protocol-registration",
				"analysis-incomplete" };

	ck_assert_uint_ge(rule_count, 3);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ck_assert_ptr_nonnull(rule_find(names[i]));
	ck_assert_ptr_null(rule_find("no-such-rule"));
	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = rule_registry[i];

		ck_assert_ptr_eq(rule_find(r->name), r);
		ck_assert(r->summary && *r->summary);
		ck_assert(r->explanation && *r->explanation);
		ck_assert(r->bad_example && *r->bad_example);
		ck_assert(r->good_example && *r->good_example);
		ck_assert(r->applies_to && *r->applies_to);
		ck_assert_ptr_nonnull(r->check);
		ck_assert_int_eq(r->severity,
				 strcmp(r->name, "analysis-incomplete") == 0 ?
				 SEV_WARNING : SEV_ERROR);
	}
}
END_TEST

Suite *program_suite(void)
{
	Suite *s = suite_create("program");
	TCase *tc = tcase_create("resolve");

	tcase_add_test(tc, test_resolve_same_file_first);
	tcase_add_test(tc, test_resolve_cross_file);
	tcase_add_test(tc, test_resolve_ambiguous);
	tcase_add_test(tc, test_resolve_api_unresolved_indirect);
	tcase_add_test(tc, test_lookup_and_loc_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("handlers");
	tcase_add_test(tc, test_handlers_from_stores);
	tcase_add_test(tc, test_handlers_from_global_initializer);
	tcase_add_test(tc, test_unload_fallback_and_helper_fill);
	tcase_add_test(tc, test_no_handlers);
	suite_add_tcase(s, tc);

	tc = tcase_create("reach");
	tcase_add_test(tc, test_reach_three_deep_across_files);
	tcase_add_test(tc, test_reach_recursion_terminates);
	tcase_add_test(tc, test_reach_unknown);
	tcase_add_test(tc, test_im_evidence);
	tcase_add_test(tc, test_im_evidence_unreached_ignored);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_test(tc, test_rule_im_miniport_registration);
	tcase_add_test(tc, test_rule_im_protocol_registration);
	tcase_add_test(tc, test_rule_registration_silent);
	tcase_add_test(tc, test_rule_registration_not_im);
	tcase_add_test(tc, test_rule_analysis_incomplete);
	tcase_add_test(tc, test_registry);
	suite_add_tcase(s, tc);
	return s;
}
