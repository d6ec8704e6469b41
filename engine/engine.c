/*
 * engine.c - the walk (see engine.h for what it computes).
 *
 * A work list of items, each a program point and a state, processed last
 * in first out.  A program point is (context, function, block, event): the
 * context is the interned call string, so a helper called from two places
 * is walked once per calling context with its caller's state (inlining),
 * and a call that returns resumes in the middle of the caller's block.
 * Before an item is queued, its state is compared with the states already
 * seen at its point: an equal one drops it (merging), and past
 * ENGINE_STATES_PER_POINT states the newcomer is widened (differing
 * constants forgotten), which makes loops reach a fixpoint.
 *
 * Only "tracked" storage gets values: globals (the loader gives them known
 * values), parameters, call results, and locals that some reached
 * function assigns a constant, a function, an address, a registration
 * result or another tracked variable.  Other locals stay unknown, so facts
 * nobody tests never split states.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "initcalls.h"
#include "readset.h"
#include "state.h"

enum {
	ENGINE_STATES_PER_POINT = 32,
	ENGINE_MAX_VISITS = 4000000,
	ENGINE_MAX_TRACE = 400,
	NDIS_INTERMEDIATE_DRIVER_BIT = 0x1,
};

enum phase { PHASE_ENTRY, PHASE_UNLOAD };

/* A persistent list of steps: paths share their common prefix.  A
 * step packed in 48 bytes (struct engine_step takes 56, and a big
 * driver's walk makes a node at every branch, call and return): a
 * switch's case value and the other steps' name share their room. */
struct tnode {
	const struct tnode *prev;
	union {
		const char *name;       /* every step but STEP_SWITCH */
		long long case_value;   /* STEP_SWITCH */
	} u;
	struct model_loc loc;
	int fn, expr, len;
	unsigned char kind, reg;        /* enum step_kind, enum reg_kind */
	bool taken, is_default;
};

struct item {
	int point;
	struct state *st;
	const struct tnode *trace;
};

/* A call string: where to resume in the caller, and who was called. */
struct ctx {
	int parent;             /* -1 for a root */
	int fn, block, event;   /* resume point in the parent */
	int call_event;         /* the call's index in the parent's events */
	int callee;
	int depth;
	enum phase phase;
	int *points;            /* see get_point; NULL until first asked */
	const int *base;        /* point_base of callee, with points */
	int nblocks;            /* callee's, with points */
};

/* A state kept at a point, by value: one allocation per kept state
 * fewer (they are the bulk of what a big driver keeps). */
struct seen_state {
	uint64_t hash;          /* state_hash of st */
	struct state st;
};

struct point {
	int ctx, fn, block, event;
	bool hashed;            /* in point_slots, not in its ctx's points */
	struct seen_state *seen;        /* from the tables arena */
	int nseen, capseen;
};

/* (function, depth, expression) -> location, for lvalues whose location
 * does not depend on the state (no pointer followed). */
struct loc_cache_slot {
	int fn, depth, expr;    /* fn + 1: 0 is an empty slot */
	int loc;
};

struct engine {
	const struct driver *drv;
	const struct program *prog;
	struct strtab strs;
	struct engine_result *res;
	/* tracked roots: "g:Name" strings, and locals (see local_slot) */
	struct strtab tracked;
	struct local_slot *local_slots;
	int nlocals, nlocal_slots;
	struct ctx *ctxs;
	int nctx, capctx;
	int *ctx_slots;                 /* hash of ctxs, -1 empty */
	int nctx_slots;
	struct point *points;
	int npoints, cappoints;
	int *point_slots;
	int npoint_slots;
	int nhashed;                    /* points in point_slots */
	struct state_mem *mem;          /* every state's, see state_mem */
	struct state_pool *pool;        /* bindings of the seen states */

	struct item *work;
	int nwork, capwork;
	struct tnode **tchunks;         /* every trace node, freed at the end */
	int ntchunks, captchunks, tchunk_used;
	/* success states of DriverEntry, for the unload phase */
	struct state **ends;
	const struct tnode **end_traces;
	int nends, capends;
	enum phase phase;
	int **npreds;           /* [fn][block]: predecessors, computed lazily */
	int **point_base;       /* [fn][block]: see point_base */
	struct loc_cache_slot *loc_cache;       /* see loc_of */
	int *frame_locs[ENGINE_MAX_DEPTH][3];  /* see frame_loc */
	int nframe_locs[ENGINE_MAX_DEPTH][3];
	int loc_cache_size;
	int loc_depth;          /* loc_of_uncached calls in progress */
	int loc_work;           /* and made since the outermost began */
	int *late_reads;                /* [loc]: see late_read_of */
	int nlate_reads;
	signed char **tracked_expr;     /* [fn][expr]: loc_tracked, lazily;
	                                   -1 unknown */
	struct call_info **calls;       /* [fn][event]: see call_info */
	struct arena *tables;           /* see table_alloc and seen_alloc */
	struct strtab call_names;       /* see classified_name */
};

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		abort();
	return q;
}

#define GROW(ptr, n, cap)                                               \
	do {                                                            \
		if ((n) >= (cap)) {                                     \
			(cap) = (cap) ? (cap) * 2 : 16;                 \
			(ptr) = xrealloc((ptr), (size_t)(cap) * sizeof(*(ptr))); \
		}                                                       \
	} while (0)

/*
 * n bytes for a table kept until the end of the run (the per-function
 * and per-context tables: the walk makes them for every function it
 * reaches), carved from large chunks that engine_free lets go of at
 * once.  Aligned for any of them; not zeroed.
 */
static void *table_alloc(struct engine *e, size_t n)
{
	return arena_alloc(e->tables, n);
}

/* ------------------------------------------------------------------ */
/* Strings */

/*
 * A string built in a fixed buffer, cut as snprintf cuts it (at size - 1
 * bytes), so that the locations and keys are the ones snprintf made, at
 * a fraction of its cost: the walk builds one at every new location.
 */
struct sbuf {
	char *buf;
	size_t n, size;
};

static void sb_mem(struct sbuf *b, const char *s, size_t len)
{
	size_t room = b->size - 1 - b->n;
	if (len > room)
		len = room;
	memcpy(b->buf + b->n, s, len);
	b->n += len;
	b->buf[b->n] = '\0';
}

/* Appends s; NULL as "(null)", as glibc's "%s" prints it. */
static void sb_str(struct sbuf *b, const char *s)
{
	if (!s)
		s = "(null)";
	sb_mem(b, s, strlen(s));
}

static void sb_chr(struct sbuf *b, char c)
{
	sb_mem(b, &c, 1);
}

/* Appends v in decimal ("%d"). */
static void sb_int(struct sbuf *b, int v)
{
	char tmp[16];
	int i = (int)sizeof(tmp);
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--i] = '-';
	sb_mem(b, tmp + i, sizeof(tmp) - (size_t)i);
}

static struct sbuf sb_init(char *buf, size_t size)
{
	struct sbuf b = { buf, 0, size };
	buf[0] = '\0';
	return b;
}

/* ------------------------------------------------------------------ */
/* Traces */

enum { TCHUNK = 4096 };

static const struct tnode *trace_add(struct engine *e, const struct tnode *prev,
				     const struct engine_step *step)
{
	int len = prev ? prev->len + 1 : 1;
	/* Long loops would make traces useless: keep the steps that tell the
	 * story (registrations, returns) past the cap. */
	if (len > ENGINE_MAX_TRACE && (step->kind == STEP_BRANCH ||
				       step->kind == STEP_SWITCH ||
				       step->kind == STEP_CALL ||
				       step->kind == STEP_RETURN_FROM))
		return prev;
	if (e->ntchunks == 0 || e->tchunk_used == TCHUNK) {
		GROW(e->tchunks, e->ntchunks, e->captchunks);
		e->tchunks[e->ntchunks++] = xrealloc(NULL, TCHUNK * sizeof(struct tnode));
		e->tchunk_used = 0;
	}
	struct tnode *t = &e->tchunks[e->ntchunks - 1][e->tchunk_used++];
	t->prev = prev;
	if (step->kind == STEP_SWITCH)
		t->u.case_value = step->case_value;
	else
		t->u.name = step->name;
	t->loc = step->loc;
	t->fn = step->fn;
	t->expr = step->expr;
	t->len = len;
	t->kind = (unsigned char)step->kind;
	t->reg = (unsigned char)step->reg;
	t->taken = step->taken;
	t->is_default = step->is_default;
	return t;
}

/* The step that trace_add packed into t, as it was (step_at zeroes what
 * a step does not set). */
static struct engine_step tnode_step(const struct tnode *t)
{
	struct engine_step s;
	memset(&s, 0, sizeof(s));
	s.kind = (enum step_kind)t->kind;
	s.fn = t->fn;
	s.loc = t->loc;
	s.expr = t->expr;
	s.taken = t->taken;
	s.is_default = t->is_default;
	if (s.kind == STEP_SWITCH)
		s.case_value = t->u.case_value;
	else
		s.name = t->u.name;
	s.reg = (enum reg_kind)t->reg;
	return s;
}

static struct engine_trace trace_flatten(const struct tnode *t)
{
	struct engine_trace tr = { NULL, 0 };
	int n = t ? t->len : 0;
	if (n == 0)
		return tr;
	tr.steps = xrealloc(NULL, (size_t)n * sizeof(*tr.steps));
	int i = n;
	for (; t && i > 0; t = t->prev)
		tr.steps[--i] = tnode_step(t);
	/* capped traces are shorter than their len; close the gap */
	if (i > 0)
		memmove(tr.steps, tr.steps + i, (size_t)(n - i) * sizeof(*tr.steps));
	tr.nsteps = n - i;
	return tr;
}

static struct engine_step step_at(enum step_kind kind, int fn, struct model_loc loc)
{
	struct engine_step s;
	memset(&s, 0, sizeof(s));
	s.kind = kind;
	s.fn = fn;
	s.loc = loc;
	s.expr = -1;
	return s;
}

/* ------------------------------------------------------------------ */
/* Issues */

static bool issue_exists(const struct engine_result *r, enum issue_kind kind,
			 enum reg_kind reg, int fn, struct model_loc loc)
{
	for (int i = 0; i < r->nissues; i++) {
		const struct engine_issue *x = &r->issues[i];
		if (x->kind == kind && x->reg == reg && x->fn == fn &&
		    x->loc.line == loc.line && x->loc.col == loc.col &&
		    x->loc.file == loc.file)
			return true;
	}
	return false;
}

static void add_issue(struct engine *e, enum issue_kind kind, enum reg_kind reg,
		      enum reg_state why, int fn, struct model_loc loc,
		      const struct state *st, const struct tnode *trace)
{
	struct engine_result *r = e->res;
	if (issue_exists(r, kind, reg, fn, loc))
		return;
	GROW(r->issues, r->nissues, r->capissues);
	struct engine_issue *x = &r->issues[r->nissues++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->reg = reg;
	x->why = why;
	x->fn = fn;
	x->loc = loc;
	x->reg_fn = st->reg_fn[reg];
	x->reg_event = st->reg_ev[reg];
	x->trace = trace_flatten(trace);
}

/* ------------------------------------------------------------------ */
/* Tracked storage */

/*
 * The tracked roots: globals by their key "g:<name>" (cut at 255 bytes)
 * in e->tracked, locals and parameters by (function, kind, index) in a
 * set of their own, with no string to build or hash (the walk asks about
 * every local of every function it reaches).
 */
struct local_slot {
	int fn, var;
	signed char param;      /* -1: empty */
};

static uint64_t local_hash(int fn, bool param, int var)
{
	uint64_t h = ((uint64_t)(uint32_t)fn << 32 | (uint32_t)var) * 0x9E3779B97F4A7C15ULL;
	return (h ^ (h >> 29) ^ (uint64_t)param) * 0xBF58476D1CE4E5B9ULL;
}

/* The slot of (fn, param, var) in the set, or the empty one where it
 * would go; NULL while the set is empty. */
static struct local_slot *local_slot(const struct engine *e, int fn, bool param, int var)
{
	if (!e->nlocal_slots)
		return NULL;
	size_t mask = (size_t)e->nlocal_slots - 1;
	size_t i = (size_t)(local_hash(fn, param, var) >> 20) & mask;
	for (;;) {
		struct local_slot *sl = &e->local_slots[i];
		if (sl->param < 0 || (sl->fn == fn && sl->var == var && sl->param == (signed char)param))
			return sl;
		i = (i + 1) & mask;
	}
}

static void local_rehash(struct engine *e)
{
	struct local_slot *old = e->local_slots;
	int nold = e->nlocal_slots;
	e->nlocal_slots = nold ? nold * 2 : 256;
	e->local_slots = xrealloc(NULL, (size_t)e->nlocal_slots * sizeof(*old));
	for (int i = 0; i < e->nlocal_slots; i++)
		e->local_slots[i].param = -1;
	for (int i = 0; i < nold; i++)
		if (old[i].param >= 0)
			*local_slot(e, old[i].fn, old[i].param, old[i].var) = old[i];
	free(old);
}

/* The key "g:<name>" of a global, into buf (as snprintf cut it). */
static void global_key(char *buf, size_t size, const char *name)
{
	struct sbuf b = sb_init(buf, size);
	sb_mem(&b, "g:", 2);
	sb_str(&b, name);
}

/* Is the variable at the root of expression id tracked?  False when
 * there is no variable root. */
static bool root_tracked(const struct engine *e, const struct model_function *f, int fn,
			 int id)
{
	int r = model_expr_root(f->exprs, id);
	if (r < 0)
		return false;
	const struct expr *v = &f->exprs[r];
	if (v->scope == SCOPE_GLOBAL) {
		char key[256];
		global_key(key, sizeof(key), v->name);
		return strtab_find(&e->tracked, key) >= 0;
	}
	const struct local_slot *sl = local_slot(e, fn, v->scope == SCOPE_PARAM, v->var);
	return sl && sl->param >= 0;
}

/* Marks the variable at the root of lvalue `target` of function fn as
 * tracked; true when it is new. */
static bool track_root(struct engine *e, const struct model_function *f, int fn,
		       int target)
{
	int r = model_expr_root(f->exprs, target);
	if (r < 0)
		return false;
	const struct expr *v = &f->exprs[r];
	if (v->scope == SCOPE_GLOBAL) {
		char key[256];
		global_key(key, sizeof(key), v->name);
		if (strtab_find(&e->tracked, key) >= 0)
			return false;
		strtab_intern(&e->tracked, key);
		return true;
	}
	bool param = v->scope == SCOPE_PARAM;
	struct local_slot *sl = local_slot(e, fn, param, v->var);
	if (sl && sl->param >= 0)
		return false;
	if ((e->nlocals + 1) * 2 > e->nlocal_slots) {
		local_rehash(e);
		sl = local_slot(e, fn, param, v->var);
	}
	sl->fn = fn;
	sl->var = v->var;
	sl->param = param;
	e->nlocals++;
	return true;
}

/* What a call event calls, as far as the walk cares: each test as
 * model_call_is made it, so that a call matching two keeps both. */
enum call_flag {
	CF_REG_MINIPORT = 1 << 0,       /* NdisMRegisterMiniportDriver */
	CF_REG_PROTOCOL = 1 << 1,       /* NdisRegisterProtocolDriver */
	CF_DEREG_MINIPORT = 1 << 2,     /* NdisMDeregisterMiniportDriver */
	CF_DEREG_PROTOCOL = 1 << 3,     /* NdisDeregisterProtocolDriver */
	CF_ASSOCIATE = 1 << 4,          /* NdisIMAssociateMiniport */
	CF_ZEROING = 1 << 5,            /* see is_zeroing */
	CF_COPYING = 1 << 6,            /* see is_copying */
};

enum {
	CF_REGISTRATION = CF_REG_MINIPORT | CF_REG_PROTOCOL,
	CF_DEREGISTRATION = CF_DEREG_MINIPORT | CF_DEREG_PROTOCOL,
};

/* One event's call_flags and initcall entry, worked out once. */
struct call_info {
	const struct initcall *ic;      /* initcall_find's answer */
	unsigned flags;                 /* enum call_flag */
};

static bool is_zeroing(const struct event *ev)
{
	return model_call_is(ev, "NdisZeroMemory") || model_call_is(ev, "RtlZeroMemory") ||
	       model_call_is(ev, "RtlSecureZeroMemory") ||
	       (model_call_is(ev, "memset") && ev->nargs == 3);
}

static bool is_copying(const struct event *ev)
{
	return model_call_is(ev, "NdisMoveMemory") || model_call_is(ev, "RtlCopyMemory") ||
	       model_call_is(ev, "RtlMoveMemory") || model_call_is(ev, "memcpy") ||
	       model_call_is(ev, "memmove");
}

static struct call_info classify_call(const struct event *ev)
{
	struct call_info c = { NULL, 0 };
	if (ev->kind != EV_CALL)
		return c;
	c.ic = initcall_find(ev);
	if (model_call_is(ev, "NdisMRegisterMiniportDriver"))
		c.flags |= CF_REG_MINIPORT;
	if (model_call_is(ev, "NdisRegisterProtocolDriver"))
		c.flags |= CF_REG_PROTOCOL;
	if (model_call_is(ev, "NdisMDeregisterMiniportDriver"))
		c.flags |= CF_DEREG_MINIPORT;
	if (model_call_is(ev, "NdisDeregisterProtocolDriver"))
		c.flags |= CF_DEREG_PROTOCOL;
	if (model_call_is(ev, "NdisIMAssociateMiniport"))
		c.flags |= CF_ASSOCIATE;
	if (is_zeroing(ev))
		c.flags |= CF_ZEROING;
	if (is_copying(ev))
		c.flags |= CF_COPYING;
	return c;
}

/* Every name classify_call tests (initcall_find's come from its table):
 * a call naming none of them is nothing to the walk. */
static const char *const classified_names[] = {
	"NdisMRegisterMiniportDriver", "NdisRegisterProtocolDriver",
	"NdisMDeregisterMiniportDriver", "NdisDeregisterProtocolDriver",
	"NdisIMAssociateMiniport",
	"NdisZeroMemory", "RtlZeroMemory", "RtlSecureZeroMemory", "memset",
	"NdisMoveMemory", "RtlCopyMemory", "RtlMoveMemory", "memcpy", "memmove",
};

/* Is name one that classify_call or initcall_find may match? */
static bool classified_name(struct engine *e, const char *name)
{
	if (!name)
		return false;
	if (e->call_names.n == 0) {
		size_t n = sizeof(classified_names) / sizeof(classified_names[0]);
		for (size_t i = 0; i < n; i++)
			strtab_intern(&e->call_names, classified_names[i]);
		for (size_t i = 0; i < initcall_count(); i++)
			strtab_intern(&e->call_names, initcall_at(i)->name);
	}
	return strtab_find(&e->call_names, name) >= 0;
}

/* classify_call, with one look-up for the many calls (to the driver's
 * own functions, to other APIs) that name nothing it tests. */
static struct call_info classify_call_quick(struct engine *e, const struct event *ev)
{
	if (ev->kind != EV_CALL ||
	    (!classified_name(e, ev->macro) && !classified_name(e, ev->callee))) {
		struct call_info none = { NULL, 0 };
		return none;
	}
	return classify_call(ev);
}

/* The call_info of event evidx of function fn: the walk asks at every
 * call it passes, and comparing names each time cost more than the
 * rest of the call's work. */
static const struct call_info *call_info(struct engine *e, int fn, int evidx)
{
	if (!e->calls[fn]) {
		const struct model_function *f = program_fn(e->prog, fn);
		struct call_info *c = table_alloc(e, ((size_t)f->nevents + 1) * sizeof(*c));
		for (int i = 0; i < f->nevents; i++)
			c[i] = classify_call_quick(e, &f->events[i]);
		e->calls[fn] = c;
	}
	return &e->calls[fn][evidx];
}

/* Strips casts. */
static int strip_casts(const struct expr *x, int id)
{
	while (id >= 0 && x[id].kind == EXPR_UNARY && x[id].op == OP_CAST)
		id = x[id].a;
	return id;
}

/* Does a store of value `id` make its target worth tracking? */
static bool value_worth_tracking(struct engine *e, int fn,
				 const struct model_function *f, int id)
{
	id = strip_casts(f->exprs, id);
	if (id < 0)
		return false;
	const struct expr *x = &f->exprs[id];
	switch (x->kind) {
	case EXPR_INT:
	case EXPR_FUNC:
	case EXPR_ZERO_INIT:
		return true;
	case EXPR_UNARY:
		return x->op == OP_ADDR || x->op == OP_NOT;
	case EXPR_BINARY:
		return true;    /* |=, &= ~X, comparisons */
	case EXPR_CALL: {
		int target = e->prog->call_target[fn] ? e->prog->call_target[fn][x->call] : -1;
		return (call_info(e, fn, x->call)->flags & CF_REGISTRATION) || target >= 0;
	}
	case EXPR_VAR:
	case EXPR_MEMBER:
	case EXPR_INDEX:
		return root_tracked(e, f, fn, id);
	default:
		return false;
	}
}

/* The lvalue behind `&x` in an argument, or -1. */
static int addr_target(const struct model_function *f, int arg)
{
	arg = strip_casts(f->exprs, arg);
	if (arg >= 0 && f->exprs[arg].kind == EXPR_UNARY && f->exprs[arg].op == OP_ADDR)
		return f->exprs[arg].a;
	return -1;
}

/* One pass over a function's events; true when something became
 * tracked. */
static bool track_function(struct engine *e, int fn)
{
	const struct model_function *f = program_fn(e->prog, fn);
	bool changed = false;
	for (int i = 0; i < f->nevents; i++) {
		const struct event *ev = &f->events[i];
		if (ev->kind == EV_STORE) {
			if (value_worth_tracking(e, fn, f, ev->value))
				changed |= track_root(e, f, fn, ev->target);
			continue;
		}
		if (call_info(e, fn, i)->flags & (CF_REGISTRATION | CF_ZEROING | CF_COPYING |
						  CF_DEREGISTRATION))
			for (int k = 0; k < ev->nargs; k++) {
				int t = addr_target(f, model_call_arg(f, ev, k));
				if (t >= 0)
					changed |= track_root(e, f, fn, t);
			}
	}
	return changed;
}

/* Globals with a static initializer or zero-filled by the loader are
 * tracked when some function stores into them; the fixpoint follows
 * copies between variables. */
static void compute_tracking(struct engine *e)
{
	strtab_init(&e->tracked);
	bool changed = true;
	for (int round = 0; changed && round < 8; round++) {
		changed = false;
		for (int fn = 0; fn < e->prog->nfns; fn++)
			if (e->drv->depends[fn] && e->prog->call_target[fn])
				changed |= track_function(e, fn);
	}
}

/* ------------------------------------------------------------------ */
/* Locations and values */

struct frame {
	int fn;
	int depth;
	const struct model_function *f;
};

static int intern_loc(struct engine *e, const char *s)
{
	return strtab_intern(&e->strs, s);
}

/* The location of base followed by sep and name ("g:G" "." "Lock"), cut
 * at 511 bytes as the 512-byte buffers that built them cut them. */
static int intern_join(struct engine *e, int base, const char *sep, const char *name)
{
	char buf[512];
	struct sbuf b = sb_init(buf, sizeof(buf));
	sb_str(&b, e->strs.s[base]);
	sb_str(&b, sep);
	sb_str(&b, name);
	return strtab_intern_n(&e->strs, buf, b.n);
}

/* The global's location, "g:<name>". */
static int global_loc(struct engine *e, const char *name)
{
	char buf[512];
	struct sbuf b = sb_init(buf, sizeof(buf));
	sb_mem(&b, "g:", 2);
	sb_str(&b, name);
	return strtab_intern_n(&e->strs, buf, b.n);
}

/* Storage of a frame: 'l' locals, 'p' parameters, 'r' call results. */
static int frame_kind_index(char kind)
{
	return kind == 'l' ? 0 : kind == 'p' ? 1 : 2;
}

/*
 * The location "<kind><depth>:<idx>" ("l2:5", "p1:0", "r1:7"), kept in a
 * table per depth and kind: every variable, parameter and call result of
 * every frame asks for it, and the string is the same each time.
 */
static int frame_loc_new(struct engine *e, char kind, int depth, int idx);

static int frame_loc(struct engine *e, char kind, int depth, int idx)
{
	int k = frame_kind_index(kind);
	if ((unsigned)depth < ENGINE_MAX_DEPTH && (unsigned)idx < (unsigned)e->nframe_locs[depth][k]) {
		int loc = e->frame_locs[depth][k][idx];
		if (loc >= 0)
			return loc;
	}
	return frame_loc_new(e, kind, depth, idx);
}

/* frame_loc for a location not in the table yet. */
static int frame_loc_new(struct engine *e, char kind, int depth, int idx)
{
	enum { MAX_IDX = 1 << 20 };     /* beyond: built each time */
	int k = frame_kind_index(kind);
	bool cached = depth >= 0 && depth < ENGINE_MAX_DEPTH && idx >= 0 && idx < MAX_IDX;
	char buf[64];
	struct sbuf b = sb_init(buf, sizeof(buf));
	sb_chr(&b, kind);
	sb_int(&b, depth);
	sb_chr(&b, ':');
	sb_int(&b, idx);
	int loc = strtab_intern_n(&e->strs, buf, b.n);
	if (!cached)
		return loc;
	int n = e->nframe_locs[depth][k];
	if (idx >= n) {
		int cap = n ? n : 16;
		while (cap <= idx)
			cap *= 2;
		e->frame_locs[depth][k] = xrealloc(e->frame_locs[depth][k],
						   (size_t)cap * sizeof(int));
		memset(e->frame_locs[depth][k] + n, 0xff, (size_t)(cap - n) * sizeof(int));
		e->nframe_locs[depth][k] = cap;
	}
	e->frame_locs[depth][k][idx] = loc;
	return loc;
}

static struct aval eval(struct engine *e, const struct frame *fr,
			const struct state *st, int id);

/* Does the location of lvalue `id` follow no pointer (so that it is the
 * same in every state)? */
static bool loc_is_static(const struct expr *x, int id)
{
	for (int guard = 0; id >= 0 && guard < 64; guard++) {
		const struct expr *v = &x[id];
		if (v->kind == EXPR_VAR)
			return true;
		if ((v->kind == EXPR_MEMBER && !v->arrow) || v->kind == EXPR_INDEX ||
		    (v->kind == EXPR_UNARY && v->op == OP_CAST))
			id = v->a;
		else
			return false;
	}
	return false;
}

static int loc_of_uncached(struct engine *e, const struct frame *fr,
			   const struct state *st, int id);

/* The location an lvalue expression names, or -1.  Locations that follow
 * no pointer are cached: they are looked up on every evaluation. */
static int loc_of(struct engine *e, const struct frame *fr,
		  const struct state *st, int id)
{
	if (id < 0)
		return loc_of_uncached(e, fr, st, id);
	if (!e->loc_cache) {
		/* zeroed: fn 0 is no function's (slots hold fn + 1) */
		e->loc_cache_size = 1 << 16;
		e->loc_cache = calloc((size_t)e->loc_cache_size, sizeof(*e->loc_cache));
		if (!e->loc_cache)
			abort();
	}
	uint64_t h = ((uint64_t)fr->fn * 1000003u + (uint64_t)fr->depth) * 1000033u + (uint64_t)id;
	struct loc_cache_slot *slot = &e->loc_cache[(h ^ (h >> 17)) & (uint64_t)(e->loc_cache_size - 1)];
	/* only static locations are cached: a hit is one */
	if (slot->fn == fr->fn + 1 && slot->depth == fr->depth && slot->expr == id)
		return slot->loc;
	if (!loc_is_static(fr->f->exprs, id))
		return loc_of_uncached(e, fr, st, id);
	int loc = loc_of_uncached(e, fr, st, id);
	slot->fn = fr->fn + 1;
	slot->depth = fr->depth;
	slot->expr = id;
	slot->loc = loc;
	return loc;
}

static int loc_of_lvalue(struct engine *e, const struct frame *fr,
			 const struct state *st, int id);

/*
 * An lvalue's base is an lvalue (`a.b.c`, `p->q->r`, `*(*p)`), and
 * through `->` and `*` loc_of and eval call each other, each link both
 * evaluating its base and taking its location: the depth is the
 * source's, and the calls can double at each link.  Past
 * ENGINE_MAX_LVALUE_DEPTH links, or ENGINE_MAX_LVALUE_WORK calls for one
 * location, the location is unknown (-1): a 100,000-link chain costs
 * neither stack nor time (docs/LIMITS.md).
 */
enum { ENGINE_MAX_LVALUE_DEPTH = 64, ENGINE_MAX_LVALUE_WORK = 512 };

static int loc_of_uncached(struct engine *e, const struct frame *fr,
			   const struct state *st, int id)
{
	if (e->loc_depth == 0)
		e->loc_work = 0;
	if (e->loc_depth >= ENGINE_MAX_LVALUE_DEPTH ||
	    ++e->loc_work > ENGINE_MAX_LVALUE_WORK)
		return -1;
	e->loc_depth++;
	int loc = loc_of_lvalue(e, fr, st, id);
	e->loc_depth--;
	return loc;
}

/* loc_of_uncached's work. */
static int loc_of_lvalue(struct engine *e, const struct frame *fr,
			 const struct state *st, int id)
{
	const struct expr *x = fr->f->exprs;
	id = strip_casts(x, id);
	if (id < 0)
		return -1;
	const struct expr *v = &x[id];
	switch (v->kind) {
	case EXPR_VAR:
		if (v->scope == SCOPE_GLOBAL)
			return global_loc(e, v->name);
		return frame_loc(e, v->scope == SCOPE_PARAM ? 'p' : 'l', fr->depth, v->var);
	case EXPR_MEMBER: {
		if (v->arrow) {
			struct aval p = eval(e, fr, st, v->a);
			if (p.kind == AV_ADDR)
				return intern_join(e, p.ref, ".", v->name);
		}
		int base = loc_of(e, fr, st, v->a);
		if (base < 0)
			return -1;
		return intern_join(e, base, v->arrow ? "->" : ".", v->name);
	}
	case EXPR_INDEX: {
		int base = loc_of(e, fr, st, v->a);
		if (base < 0)
			return -1;
		return intern_join(e, base, "[]", "");
	}
	case EXPR_UNARY:
		if (v->op == OP_DEREF) {
			struct aval p = eval(e, fr, st, v->a);
			if (p.kind == AV_ADDR)
				return p.ref;
			int base = loc_of(e, fr, st, v->a);
			if (base < 0)
				return -1;
			return intern_join(e, base, "->*", "");
		}
		return -1;
	default:
		return -1;
	}
}

/* Is the storage that lvalue `id` names worth a binding?  Parameters
 * always are (they carry the caller's addresses); what is reached
 * through a pointer is, since the pointer said so. */
static bool loc_tracked_uncached(struct engine *e, const struct frame *fr, int id);

/* Cached per (function, expression): the answer never changes. */
static bool loc_tracked(struct engine *e, const struct frame *fr, int id)
{
	signed char *t = e->tracked_expr[fr->fn];
	if (!t) {
		t = table_alloc(e, (size_t)fr->f->nexprs + 1);
		memset(t, -1, (size_t)fr->f->nexprs + 1);
		e->tracked_expr[fr->fn] = t;
	}
	if (id < 0 || id >= fr->f->nexprs)
		return loc_tracked_uncached(e, fr, id);
	if (t[id] < 0)
		t[id] = loc_tracked_uncached(e, fr, id);
	return t[id] != 0;
}

static bool loc_tracked_uncached(struct engine *e, const struct frame *fr, int id)
{
	int r = model_expr_root(fr->f->exprs, id);
	/* Globals start from values the loader knows (zero, or their
	 * initializer) and drivers test them: always tracked. */
	if (r < 0 || fr->f->exprs[r].scope == SCOPE_PARAM ||
	    fr->f->exprs[r].scope == SCOPE_GLOBAL)
		return true;
	return root_tracked(e, fr->f, fr->fn, id);
}

static int truth(struct aval v)        /* 1 true, 0 false, -1 unknown */
{
	switch (v.kind) {
	case AV_CONST: return v.c != 0;
	case AV_NONZERO: case AV_NEG: case AV_ADDR: case AV_FUNC: return 1;
	case AV_ZERO_AGG: return 0;
	default: return -1;
	}
}

static struct aval from_truth(int t)
{
	return t < 0 ? av_top() : av_const(t);
}

/* a == b: 1, 0 or -1 (unknown). */
static int compare_eq(struct aval a, struct aval b)
{
	if (a.kind == AV_ZERO_AGG) a = av_const(0);
	if (b.kind == AV_ZERO_AGG) b = av_const(0);
	if (a.kind == AV_CONST && b.kind == AV_CONST)
		return a.c == b.c;
	if (b.kind == AV_CONST) {
		struct aval t = a; a = b; b = t;
	}
	/* a is the constant if there is one */
	if (a.kind == AV_CONST) {
		if ((b.kind == AV_NONZERO || b.kind == AV_ADDR || b.kind == AV_FUNC) && a.c == 0)
			return 0;
		if (b.kind == AV_NEG && a.c >= 0)
			return 0;
		return -1;
	}
	if (a.kind == AV_FUNC && b.kind == AV_FUNC)
		return a.ref == b.ref;
	if (a.kind == AV_ADDR && b.kind == AV_ADDR)
		return a.ref == b.ref ? 1 : -1;
	return -1;
}

/* Sign facts for relational operators against constants. */
static int compare_rel(enum expr_op op, struct aval a, struct aval b)
{
	if (a.kind == AV_ZERO_AGG) a = av_const(0);
	if (b.kind == AV_ZERO_AGG) b = av_const(0);
	if (a.kind == AV_CONST && b.kind == AV_CONST) {
		switch (op) {
		case OP_LT: return a.c < b.c;
		case OP_GT: return a.c > b.c;
		case OP_LE: return a.c <= b.c;
		case OP_GE: return a.c >= b.c;
		default: return -1;
		}
	}
	/* a failure status is below every non-negative constant */
	if (a.kind == AV_NEG && b.kind == AV_CONST && b.c >= 0)
		return op == OP_LT || op == OP_LE;
	if (b.kind == AV_NEG && a.kind == AV_CONST && a.c >= 0)
		return op == OP_GT || op == OP_GE;
	return -1;
}

static struct aval eval_binary(enum expr_op op, struct aval a, struct aval b)
{
	long long r;
	int t;
	switch (op) {
	case OP_EQ: return from_truth(compare_eq(a, b));
	case OP_NE: t = compare_eq(a, b); return from_truth(t < 0 ? -1 : !t);
	case OP_LT: case OP_GT: case OP_LE: case OP_GE:
		return from_truth(compare_rel(op, a, b));
	case OP_LAND: {
		int x = truth(a), y = truth(b);
		if (x == 0 || y == 0) return av_const(0);
		if (x == 1 && y == 1) return av_const(1);
		return av_top();
	}
	case OP_LOR: {
		int x = truth(a), y = truth(b);
		if (x == 1 || y == 1) return av_const(1);
		if (x == 0 && y == 0) return av_const(0);
		return av_top();
	}
	case OP_BITOR:
		if (a.kind == AV_CONST && b.kind == AV_CONST) return av_const(a.c | b.c);
		if ((a.kind == AV_CONST && a.c != 0) || (b.kind == AV_CONST && b.c != 0))
			return av_kind(AV_NONZERO);
		return av_top();
	case OP_BITAND:
		if ((a.kind == AV_CONST && a.c == 0) || (b.kind == AV_CONST && b.c == 0))
			return av_const(0);
		break;
	default:
		break;
	}
	if (a.kind == AV_CONST && b.kind == AV_CONST) {
		struct expr tmp[3];
		memset(tmp, 0, sizeof(tmp));
		tmp[0].kind = EXPR_BINARY; tmp[0].op = op; tmp[0].a = 1; tmp[0].b = 2;
		tmp[1].kind = EXPR_INT; tmp[1].value = a.c;
		tmp[2].kind = EXPR_INT; tmp[2].value = b.c;
		if (model_expr_const(tmp, 0, &r))
			return av_const(r);
	}
	return av_top();
}

static struct aval eval_unary(enum expr_op op, struct aval a)
{
	switch (op) {
	case OP_NOT: { int t = truth(a); return t < 0 ? av_top() : av_const(!t); }
	case OP_CAST: case OP_PLUS: return a;
	case OP_BITNOT: return a.kind == AV_CONST ? av_const(~a.c) : av_top();
	case OP_NEG: return a.kind == AV_CONST ? av_const(-a.c) : av_top();
	default: return av_top();
	}
}

/* The location of call event `event`'s result at `depth` ("r2:7"): it
 * is asked for on every call. */
static int call_result_loc(struct engine *e, int depth, int event)
{
	return frame_loc(e, 'r', depth, event);
}

/*
 * An evaluation in progress, for eval_node: the depth of the expression
 * stack (nodes whose operands are being evaluated, the current one
 * included) and the number of operand values waiting for their node, as
 * an explicit stack would hold them.  Past EVAL_MAX nodes deep or
 * EVAL_MAX - 3 waiting values, or at an operand missing from a node
 * that needs it, the whole evaluation is unknown (failed).
 */
enum { EVAL_MAX = 256 };

struct eval_walk {
	struct engine *e;
	const struct frame *fr;
	const struct state *st;
	int sp, vp;
	bool failed;
};

/* How many operands eval takes the values of first: the others (lvalues,
 * `&x`, `*p`, calls, constants) are leaves to it. */
static int eval_arity(const struct expr *v)
{
	return v->kind == EXPR_UNARY && v->op != OP_ADDR && v->op != OP_DEREF ? 1 :
	       v->kind == EXPR_BINARY ? 2 : v->kind == EXPR_COND ? 3 : 0;
}

/* The value of node cur, a leaf (eval_arity 0). */
static struct aval eval_leaf(struct engine *e, const struct frame *fr,
			     const struct state *st, int cur)
{
	const struct expr *x = fr->f->exprs;
	const struct expr *v = &x[cur];
	struct aval r = av_top();
	switch (v->kind) {
	case EXPR_INT: r = av_const(v->value); break;
	case EXPR_ZERO_INIT: r = av_kind(AV_ZERO_AGG); break;
	case EXPR_STRING: r = av_kind(AV_NONZERO); break;
	case EXPR_FUNC: r = av_ref(AV_FUNC, intern_loc(e, v->name)); break;
	case EXPR_CALL: {
		if (!state_get(st, call_result_loc(e, fr->depth, v->call), &r))
			r = av_top();
		break;
	}
	case EXPR_VAR: case EXPR_MEMBER: case EXPR_INDEX: {
		int l = loc_of(e, fr, st, cur);
		r = l >= 0 ? state_load(st, &e->strs, l) : av_top();
		break;
	}
	case EXPR_UNARY:
		if (v->op == OP_ADDR) {
			int a = strip_casts(x, v->a);
			if (a >= 0 && x[a].kind == EXPR_FUNC) {
				r = av_ref(AV_FUNC, intern_loc(e, x[a].name));
			} else {
				int l = loc_of(e, fr, st, v->a);
				r = l >= 0 ? av_ref(AV_ADDR, l) : av_kind(AV_NONZERO);
			}
		} else if (v->op == OP_DEREF) {
			int l = loc_of(e, fr, st, cur);
			r = l >= 0 ? state_load(st, &e->strs, l) : av_top();
		}
		break;
	default:
		break;
	}
	return r;
}

/* The value of node cur (eval_arity > 0), its operands first, left to
 * right. */
static struct aval eval_node(struct eval_walk *w, int cur)
{
	const struct expr *x = w->fr->f->exprs;
	const struct expr *v = &x[cur];
	int nk = eval_arity(v);
	struct aval k[3];
	for (int i = 0; i < nk; i++) {
		int kid = i == 0 ? v->a : i == 1 ? v->b : v->c;
		if (kid < 0 || w->sp >= EVAL_MAX || w->vp >= EVAL_MAX - 3) {
			w->failed = true;
			return av_top();
		}
		if (eval_arity(&x[kid]) == 0) {
			k[i] = eval_leaf(w->e, w->fr, w->st, kid);
		} else {
			w->sp++;
			k[i] = eval_node(w, kid);
			w->sp--;
			if (w->failed)
				return av_top();
		}
		w->vp++;
	}
	w->vp -= nk;
	switch (v->kind) {
	case EXPR_UNARY:
		return eval_unary(v->op, k[0]);
	case EXPR_BINARY:
		return eval_binary(v->op, k[0], k[1]);
	case EXPR_COND: {
		int t = truth(k[0]);
		if (t == 1)
			return k[1];
		if (t == 0)
			return k[2];
		if (k[1].kind == k[2].kind && k[1].c == k[2].c && k[1].ref == k[2].ref)
			return k[1];
		return av_top();
	}
	default:
		return av_top();
	}
}

/* Evaluates an expression (recursing at most EVAL_MAX deep: expressions
 * can be deep).  Lvalues load from the state. */
static struct aval eval(struct engine *e, const struct frame *fr,
			const struct state *st, int id)
{
	if (id < 0)
		return av_top();
	if (eval_arity(&fr->f->exprs[id]) == 0)
		return eval_leaf(e, fr, st, id);
	struct eval_walk w = { e, fr, st, 1, 0, false };
	struct aval r = eval_node(&w, id);
	return w.failed ? av_top() : r;
}

/* ------------------------------------------------------------------ */
/* Branch refinement */

static bool status_type(const char *type)
{
	return type && (strstr(type, "STATUS") || strcmp(type, "LONG") == 0 ||
			strcmp(type, "long") == 0);
}

/* The location a condition operand names (a variable path or a call
 * result), or -1; *type gets its type. */
static int refinable(struct engine *e, const struct frame *fr,
		     const struct state *st, int id, const char **type)
{
	const struct expr *x = fr->f->exprs;
	id = strip_casts(x, id);
	if (id < 0)
		return -1;
	*type = x[id].type;
	if (x[id].kind == EXPR_CALL)
		return call_result_loc(e, fr->depth, x[id].call);
	if (x[id].kind != EXPR_VAR && x[id].kind != EXPR_MEMBER && x[id].kind != EXPR_INDEX &&
	    !(x[id].kind == EXPR_UNARY && x[id].op == OP_DEREF))
		return -1;
	int l = loc_of(e, fr, st, id);
	if (l < 0 || !loc_tracked(e, fr, id))
		return -1;
	return l;
}

/* Narrows `loc` to what `value` says (only when it was unknown or less
 * precise). */
static void narrow(struct state *st, const struct strtab *t, int loc, struct aval v)
{
	struct aval cur = state_load(st, t, loc);
	if (cur.kind == AV_TOP || (cur.kind == AV_NONZERO && v.kind == AV_CONST))
		state_set(st, loc, v);
}

/*
 * Teaches the state that condition `id` has truth value `want`: for
 * `x`, `!x`, `x == c`, `x != c`, `x >= 0`, `x < 0` (either way round) on
 * a tracked location.  A status tested for success is modelled as
 * success (0) or failure (negative), as SPEC.md says.
 */
static void refine_at(struct engine *e, const struct frame *fr,
		      struct state *st, int id, bool want, int depth);

static void refine(struct engine *e, const struct frame *fr, struct state *st,
		   int id, bool want)
{
	refine_at(e, fr, st, id, want, 0);
}

/* refine, `depth` left operands of `&&` (or `||`) deep: past 64 the left
 * operands teach nothing (the recursion follows the source's nesting). */
static void refine_at(struct engine *e, const struct frame *fr,
		      struct state *st, int id, bool want, int depth)
{
	const struct expr *x = fr->f->exprs;
	for (int guard = 0; guard < 64; guard++) {
		id = strip_casts(x, id);
		if (id < 0)
			return;
		const struct expr *v = &x[id];
		if (v->kind == EXPR_UNARY && v->op == OP_NOT) {
			id = v->a;
			want = !want;
			continue;
		}
		if (v->kind == EXPR_BINARY && ((v->op == OP_LAND && want) ||
					       (v->op == OP_LOR && !want))) {
			if (depth < 64)
				refine_at(e, fr, st, v->a, want, depth + 1);
			id = v->b;
			continue;
		}
		break;
	}
	const struct expr *v = &x[id];
	const char *type = NULL;
	if (v->kind != EXPR_BINARY) {
		int l = refinable(e, fr, st, id, &type);
		if (l >= 0)
			narrow(st, &e->strs, l, want ? av_kind(AV_NONZERO) : av_const(0));
		return;
	}
	enum expr_op op = v->op;
	int lhs = v->a, rhs = v->b;
	struct aval cv = eval(e, fr, st, rhs);
	if (cv.kind != AV_CONST) {
		cv = eval(e, fr, st, lhs);
		if (cv.kind != AV_CONST)
			return;
		int t = lhs; lhs = rhs; rhs = t;
		/* mirror the operator: c < x is x > c */
		op = op == OP_LT ? OP_GT : op == OP_GT ? OP_LT :
		     op == OP_LE ? OP_GE : op == OP_GE ? OP_LE : op;
	}
	int l = refinable(e, fr, st, lhs, &type);
	if (l < 0)
		return;
	bool status = status_type(type);
	if (op == OP_NE) {
		op = OP_EQ;
		want = !want;
	}
	if (op == OP_EQ) {
		if (want)
			narrow(st, &e->strs, l, cv);
		else if (cv.c == 0)
			narrow(st, &e->strs, l, status ? av_kind(AV_NEG) : av_kind(AV_NONZERO));
		return;
	}
	/* x >= 0, x > -1 (success) and x < 0 (failure), for statuses */
	bool success_test = (op == OP_GE && cv.c == 0) || (op == OP_GT && cv.c == -1);
	bool failure_test = (op == OP_LT && cv.c == 0) || (op == OP_LE && cv.c == -1);
	if (!status || (!success_test && !failure_test))
		return;
	bool success = success_test ? want : !want;
	narrow(st, &e->strs, l, success ? av_const(0) : av_kind(AV_NEG));
}

/* ------------------------------------------------------------------ */
/* Work list */

static uint64_t ctx_hash(int parent, int fn, int block, int event, int callee,
			 enum phase phase)
{
	uint64_t h = 1469598103934665603ULL;
	int v[6] = { parent, fn, block, event, callee, (int)phase };
	for (int i = 0; i < 6; i++)
		h = (h ^ (uint64_t)(uint32_t)v[i]) * 1099511628211ULL;
	return h;
}

static bool ctx_matches(const struct ctx *c, int parent, int fn, int block, int event,
			int callee, enum phase phase)
{
	return c->parent == parent && c->fn == fn && c->block == block &&
	       c->event == event && c->callee == callee && c->phase == phase;
}

static void ctx_rehash(struct engine *e)
{
	free(e->ctx_slots);
	e->nctx_slots = e->nctx_slots ? e->nctx_slots * 2 : 256;
	e->ctx_slots = xrealloc(NULL, (size_t)e->nctx_slots * sizeof(int));
	memset(e->ctx_slots, 0xff, (size_t)e->nctx_slots * sizeof(int));
	size_t mask = (size_t)e->nctx_slots - 1;
	for (int i = 0; i < e->nctx; i++) {
		const struct ctx *c = &e->ctxs[i];
		size_t s = (size_t)ctx_hash(c->parent, c->fn, c->block, c->event, c->callee,
					    c->phase) & mask;
		while (e->ctx_slots[s] >= 0)
			s = (s + 1) & mask;
		e->ctx_slots[s] = i;
	}
}

/* The context for a call made at (fn, block, event) in context parent,
 * created once (hashed: a driver makes thousands of calls). */
static int intern_ctx(struct engine *e, int parent, int fn, int block, int event,
		      int call_event, int callee, enum phase phase)
{
	if (e->nctx * 2 >= e->nctx_slots)
		ctx_rehash(e);
	size_t mask = (size_t)e->nctx_slots - 1;
	size_t s = (size_t)ctx_hash(parent, fn, block, event, callee, phase) & mask;
	while (e->ctx_slots[s] >= 0) {
		if (ctx_matches(&e->ctxs[e->ctx_slots[s]], parent, fn, block, event, callee, phase))
			return e->ctx_slots[s];
		s = (s + 1) & mask;
	}
	GROW(e->ctxs, e->nctx, e->capctx);
	struct ctx *c = &e->ctxs[e->nctx];
	c->parent = parent;
	c->fn = fn;
	c->block = block;
	c->event = event;
	c->call_event = call_event;
	c->callee = callee;
	c->depth = parent >= 0 ? e->ctxs[parent].depth + 1 : 0;
	c->phase = phase;
	c->points = NULL;
	c->base = NULL;
	c->nblocks = 0;
	e->ctx_slots[s] = e->nctx;
	return e->nctx++;
}

static uint64_t point_hash(int ctx, int fn, int block, int event)
{
	uint64_t h = 1469598103934665603ULL;
	h = (h ^ (uint64_t)ctx) * 1099511628211ULL;
	h = (h ^ (uint64_t)fn) * 1099511628211ULL;
	h = (h ^ (uint64_t)block) * 1099511628211ULL;
	h = (h ^ (uint64_t)event) * 1099511628211ULL;
	return h;
}

static void point_rehash(struct engine *e)
{
	free(e->point_slots);
	e->npoint_slots = e->npoint_slots ? e->npoint_slots * 2 : 1024;
	e->point_slots = xrealloc(NULL, (size_t)e->npoint_slots * sizeof(int));
	memset(e->point_slots, 0xff, (size_t)e->npoint_slots * sizeof(int));
	size_t mask = (size_t)e->npoint_slots - 1;
	for (int i = 0; i < e->npoints; i++) {
		const struct point *p = &e->points[i];
		if (!p->hashed)
			continue;
		size_t s = (size_t)point_hash(p->ctx, p->fn, p->block, p->event) & mask;
		while (e->point_slots[s] >= 0)
			s = (s + 1) & mask;
		e->point_slots[s] = i;
	}
}

/* Creates point (ctx, fn, block, event). */
static int new_point(struct engine *e, int ctx, int fn, int block, int event)
{
	GROW(e->points, e->npoints, e->cappoints);
	struct point *p = &e->points[e->npoints];
	memset(p, 0, sizeof(*p));
	p->ctx = ctx;
	p->fn = fn;
	p->block = block;
	p->event = event;
	return e->npoints++;
}

/* get_point, through the table of points. */
static int get_point_hashed(struct engine *e, int ctx, int fn, int block, int event);

/*
 * [fn][block]: where the points of block start in an array of every
 * point of fn (block b holds events 0 .. nevents, the last one the
 * point after its last event): base[nblocks] is the size.
 */
static const int *point_base(struct engine *e, int fn)
{
	if (!e->point_base[fn]) {
		const struct model_function *f = program_fn(e->prog, fn);
		int *base = table_alloc(e, ((size_t)f->nblocks + 1) * sizeof(int));
		base[0] = 0;
		for (int b = 0; b < f->nblocks; b++)
			base[b + 1] = base[b] + f->blocks[b].nevents + 1;
		e->point_base[fn] = base;
	}
	return e->point_base[fn];
}

/*
 * The point (ctx, fn, block, event), created once.  It is asked for at
 * every state queued: the points of the function that ctx walks (fn is
 * always that one, with a block and event in range) sit in an array of
 * the ctx's, indexed by block and event; only the others, and those of
 * huge functions, go through the table.
 */
static int get_point(struct engine *e, int ctx, int fn, int block, int event)
{
	enum { MAX_ARRAY = 1 << 16 };   /* points in a ctx's array */
	struct ctx *c = &e->ctxs[ctx];
	if (c->points && fn == c->callee && block >= 0 && block < c->nblocks && event >= 0 &&
	    event < c->base[block + 1] - c->base[block]) {
		/* the array is there: block and event in range index it */
		int *slot = &c->points[c->base[block] + event];
		if (*slot < 0)
			*slot = new_point(e, ctx, fn, block, event);
		return *slot;
	}
	if (fn != c->callee || fn < 0 || block < 0 || event < 0)
		return get_point_hashed(e, ctx, fn, block, event);
	const struct model_function *f = program_fn(e->prog, fn);
	if (block >= f->nblocks || event > f->blocks[block].nevents)
		return get_point_hashed(e, ctx, fn, block, event);
	const int *base = point_base(e, fn);
	if (base[f->nblocks] > MAX_ARRAY)
		return get_point_hashed(e, ctx, fn, block, event);
	if (!c->points) {
		c->points = table_alloc(e, ((size_t)base[f->nblocks] + 1) * sizeof(int));
		memset(c->points, 0xff, ((size_t)base[f->nblocks] + 1) * sizeof(int));
		c->base = base;
		c->nblocks = f->nblocks;
	}
	int *slot = &c->points[base[block] + event];
	if (*slot < 0)
		*slot = new_point(e, ctx, fn, block, event);
	return *slot;
}

static int get_point_hashed(struct engine *e, int ctx, int fn, int block, int event)
{
	if (e->nhashed * 2 >= e->npoint_slots)
		point_rehash(e);
	size_t mask = (size_t)e->npoint_slots - 1;
	size_t s = (size_t)point_hash(ctx, fn, block, event) & mask;
	while (e->point_slots[s] >= 0) {
		const struct point *p = &e->points[e->point_slots[s]];
		if (p->ctx == ctx && p->fn == fn && p->block == block && p->event == event)
			return e->point_slots[s];
		s = (s + 1) & mask;
	}
	int pi = new_point(e, ctx, fn, block, event);
	e->points[pi].hashed = true;
	e->nhashed++;
	e->point_slots[s] = pi;
	return pi;
}

static bool point_has(const struct point *p, const struct state *st, uint64_t h)
{
	for (int i = 0; i < p->nseen; i++)
		if (p->seen[i].hash == h && state_equal(&p->seen[i].st, st))
			return true;
	return false;
}

/* The first state seen at p with the same registration states and flags,
 * and how many there are: widening compares like with like, so a success
 * path is never widened against a failure path. */
static const struct state *same_signature(const struct point *p, const struct state *st,
					  int *count)
{
	const struct state *first = NULL;
	*count = 0;
	for (int i = 0; i < p->nseen; i++) {
		const struct state *o = &p->seen[i].st;
		if (o->reg[0] == st->reg[0] && o->reg[1] == st->reg[1] && o->flags == st->flags) {
			if (!first)
				first = o;
			(*count)++;
		}
	}
	return first;
}

/* Number of predecessors of each block of fn (computed once). */
static const int *preds_of(struct engine *e, int fn)
{
	if (!e->npreds[fn]) {
		const struct model_function *f = program_fn(e->prog, fn);
		int *n = table_alloc(e, ((size_t)f->nblocks + 1) * sizeof(int));
		memset(n, 0, ((size_t)f->nblocks + 1) * sizeof(int));
		for (int b = 0; b < f->nblocks; b++) {
			const struct block *k = &f->blocks[b];
			for (int i = 0; i < 2; i++)
				if (k->succ[i] >= 0 && k->succ[i] < f->nblocks)
					n[k->succ[i]]++;
			for (int c = 0; k->term == TERM_SWITCH && c < k->ncases; c++) {
				int t = f->cases[k->first_case + c].target;
				if (t >= 0 && t < f->nblocks)
					n[t]++;
			}
		}
		e->npreds[fn] = n;
	}
	return e->npreds[fn];
}

/*
 * Room for n seen states, carved from large chunks: most points keep one
 * state or two, and a malloc each cost more than the rest of keeping
 * them.  An outgrown array stays in its chunk until the end (the arrays
 * double, so that is at most as much again).
 */
static struct seen_state *seen_alloc(struct engine *e, int n)
{
	return arena_alloc(e->tables, (size_t)n * sizeof(struct seen_state));
}

/* Queues (point, state) unless an equal state was seen there; takes
 * ownership of st.  States are remembered only where paths can meet: at
 * blocks with several predecessors (joins and loop heads), function
 * entries and resume points; a block with one predecessor gets each state
 * of that predecessor once already. */
static void enqueue(struct engine *e, int ctx, int fn, int block, int event,
		    struct state *st, const struct tnode *trace)
{
	if (event == 0)
		state_drop_calls(st, &e->strs, e->ctxs[ctx].depth);
	if (event == 0 && block > 0 && preds_of(e, fn)[block] == 1) {
		GROW(e->work, e->nwork, e->capwork);
		e->work[e->nwork].point = get_point(e, ctx, fn, block, event);
		e->work[e->nwork].st = st;
		e->work[e->nwork++].trace = trace;
		return;
	}
	int pi = get_point(e, ctx, fn, block, event);
	struct point *p = &e->points[pi];
	int similar;
	const struct state *ref = same_signature(p, st, &similar);
	if (similar >= ENGINE_STATES_PER_POINT)
		state_widen(st, ref);
	/* Kept states share equal bindings, and st shares them until it
	 * changes.  Pooled first: the states seen here are pooled, so an
	 * equal one holds the very same array, and comparing is cheap.  A
	 * state dropped as seen adds nothing to the pool (its bindings are
	 * there already). */
	state_pool_intern(e->pool, st);
	uint64_t h = state_hash(st);
	if (point_has(p, st, h)) {
		state_free(st);
		return;
	}
	if (p->nseen == p->capseen) {
		p->capseen = p->capseen ? p->capseen * 2 : 1;
		struct seen_state *seen = seen_alloc(e, p->capseen);
		if (p->nseen)
			memcpy(seen, p->seen, (size_t)p->nseen * sizeof(*seen));
		p->seen = seen;
	}
	p->seen[p->nseen].hash = h;
	state_share(&p->seen[p->nseen++].st, st);
	GROW(e->work, e->nwork, e->capwork);
	e->work[e->nwork].point = pi;
	e->work[e->nwork].st = st;
	e->work[e->nwork++].trace = trace;
}

/* ------------------------------------------------------------------ */
/* Events */

/* The state path of a global location ("g:G.Lock[]" -> "G.Lock"): a
 * dereference ends it, a subscript collapses to the whole array.  NULL
 * for storage that is not global. */
static char *global_state_path(const struct engine *e, int loc)
{
	const char *s = e->strs.s[loc];
	if (strncmp(s, "g:", 2) != 0)
		return NULL;
	s += 2;
	size_t n = 0;
	while (s[n] && s[n] != '[' && !(s[n] == '-' && s[n + 1] == '>'))
		n++;
	char *p = strndup(s, n);
	if (!p)
		abort();
	return p;
}

/* The index in e->res->reads->v of the first read that the state path of
 * location loc overlaps, or -1 (none, or loc is not global).  Kept per
 * location: the walk writes the same globals on path after path. */
static int late_read_of(struct engine *e, int loc)
{
	if (loc >= e->nlate_reads) {
		int n = e->nlate_reads, cap = n ? n : 256;
		while (cap <= loc)
			cap *= 2;
		e->late_reads = xrealloc(e->late_reads, (size_t)cap * sizeof(int));
		for (int i = n; i < cap; i++)
			e->late_reads[i] = -2;  /* not known yet */
		e->nlate_reads = cap;
	}
	if (e->late_reads[loc] == -2) {
		char *path = global_state_path(e, loc);
		const struct read *rd = path ? readset_overlap(e->res->reads, path) : NULL;
		e->late_reads[loc] = rd ? (int)(rd - e->res->reads->v) : -1;
		free(path);
	}
	return e->late_reads[loc];
}

/* miniport-ready-before-register's fact: global state written while the
 * miniport registration is in force on this path. */
static void late_write(struct engine *e, const struct frame *fr, const struct state *st,
		       int loc, const struct event *ev, bool by_call,
		       const struct tnode *trace)
{
	if (e->phase != PHASE_ENTRY || st->reg[REG_MINIPORT] != REG_REGISTERED ||
	    !e->res->reads)
		return;
	int read = late_read_of(e, loc);
	if (read < 0)
		return;
	int before = e->res->nissues;
	struct engine_step s = step_at(STEP_LATE_WRITE, fr->fn, ev->loc);
	s.name = ev->kind == EV_CALL ? (ev->macro ? ev->macro : ev->callee) : NULL;
	add_issue(e, ISSUE_LATE_WRITE, REG_MINIPORT, REG_REGISTERED, fr->fn, ev->loc, st,
		  trace_add(e, trace, &s));
	if (e->res->nissues > before) {
		e->res->issues[e->res->nissues - 1].path = global_state_path(e, loc);
		e->res->issues[e->res->nissues - 1].by_call = by_call;
		e->res->issues[e->res->nissues - 1].read = read;
	}
}

static void store_value(struct engine *e, const struct frame *fr, struct state *st,
			const struct event *ev, const struct tnode *trace)
{
	int target = loc_of(e, fr, st, ev->target);
	if (target < 0)
		return;
	late_write(e, fr, st, target, ev, false, trace);
	if (!loc_tracked(e, fr, ev->target)) {
		state_forget(st, &e->strs, target);
		return;
	}
	const struct expr *x = fr->f->exprs;
	int vid = strip_casts(x, ev->value);
	bool lvalue = vid >= 0 && (x[vid].kind == EXPR_VAR || x[vid].kind == EXPR_MEMBER ||
				   x[vid].kind == EXPR_INDEX ||
				   (x[vid].kind == EXPR_UNARY && x[vid].op == OP_DEREF));
	if (lvalue && (ev->store_op == OP_ASSIGN || ev->store_op == OP_NONE)) {
		int from = loc_of(e, fr, st, vid);
		if (from >= 0 && from != target) {
			state_copy_tree(st, &e->strs, target, from);
			return;
		}
	}
	struct aval v = eval(e, fr, st, ev->value);
	state_forget(st, &e->strs, target);
	if (v.kind != AV_TOP)
		state_set(st, target, v);
	const char *ts = e->strs.s[target];
	size_t n = strlen(ts);
	if (v.kind == AV_FUNC && n >= 14 && strcmp(ts + n - 14, "->DriverUnload") == 0)
		st->flags |= SF_DRIVER_UNLOAD;
}

/* The location an argument points to (`&x`, or a pointer holding an
 * address), or -1. */
static int arg_target(struct engine *e, const struct frame *fr,
		      const struct state *st, const struct event *ev, int i)
{
	int a = model_call_arg(fr->f, ev, i);
	if (a < 0)
		return -1;
	struct aval v = eval(e, fr, st, a);
	return v.kind == AV_ADDR ? v.ref : -1;
}

/* What a call we do not follow does to the state: everything whose
 * address it receives becomes unknown. */
static void havoc_args(struct engine *e, const struct frame *fr, struct state *st,
		       const struct event *ev)
{
	for (int i = 0; i < ev->nargs; i++) {
		int t = arg_target(e, fr, st, ev, i);
		if (t >= 0)
			state_forget(st, &e->strs, t);
	}
}

static bool api_effects(struct engine *e, const struct frame *fr, struct state *st,
			const struct event *ev, unsigned flags)
{
	if (flags & CF_ZEROING) {
		int t = arg_target(e, fr, st, ev, 0);
		if (t >= 0) {
			state_kill(st, &e->strs, t);
			state_set(st, t, av_kind(AV_ZERO_AGG));
		}
		return true;
	}
	if (flags & CF_COPYING) {
		int to = arg_target(e, fr, st, ev, 0), from = arg_target(e, fr, st, ev, 1);
		if (to >= 0 && from >= 0)
			state_copy_tree(st, &e->strs, to, from);
		else if (to >= 0)
			state_forget(st, &e->strs, to);
		return true;
	}
	return false;
}

static struct engine_step reg_step(enum step_kind kind, const struct frame *fr,
				   const struct event *ev, enum reg_kind reg)
{
	struct engine_step s = step_at(kind, fr->fn, ev->loc);
	s.name = reg == REG_MINIPORT ? (kind == STEP_DEREGISTER ? "NdisMDeregisterMiniportDriver" :
					"NdisMRegisterMiniportDriver") :
		 (kind == STEP_DEREGISTER ? "NdisDeregisterProtocolDriver" :
		  "NdisRegisterProtocolDriver");
	s.reg = reg;
	return s;
}

/* im-intermediate-flag's fact: the Flags of the characteristics passed to
 * NdisMRegisterMiniportDriver, when known. */
static void check_flags(struct engine *e, const struct frame *fr, const struct state *st,
			const struct event *ev, const struct tnode *trace)
{
	int chars = arg_target(e, fr, st, ev, 3);
	if (chars < 0 || (st->flags & SF_UNKNOWN))
		return;
	struct aval f = state_load(st, &e->strs, intern_join(e, chars, ".", "Flags"));
	if (f.kind != AV_CONST || (f.c & NDIS_INTERMEDIATE_DRIVER_BIT))
		return;
	int before = e->res->nissues;
	add_issue(e, ISSUE_FLAGS_LACK_IM, REG_MINIPORT, REG_NEVER, fr->fn, ev->loc, st, trace);
	if (e->res->nissues > before)
		e->res->issues[e->res->nissues - 1].flags = f.c;
}

/* Splits the state at a registration call: success and failure. */
static void registration(struct engine *e, const struct frame *fr, int ctx, int block,
			 int event, struct state *st, const struct event *ev, int evidx,
			 unsigned flags, const struct tnode *trace)
{
	enum reg_kind reg = (flags & CF_REG_MINIPORT) ? REG_MINIPORT : REG_PROTOCOL;
	if (reg == REG_MINIPORT && e->phase == PHASE_ENTRY)
		check_flags(e, fr, st, ev, trace);
	int handle = arg_target(e, fr, st, ev, reg == REG_MINIPORT ? 4 : 2);
	int result = call_result_loc(e, fr->depth, evidx);

	struct state *ok = state_copy(st);
	ok->reg[reg] = REG_REGISTERED;
	ok->reg_fn[reg] = fr->fn;
	ok->reg_ev[reg] = evidx;
	state_set(ok, result, av_const(0));
	if (handle >= 0) {
		state_kill(ok, &e->strs, handle);
		state_set(ok, handle, av_kind(AV_NONZERO));
	}
	struct engine_step s = reg_step(STEP_REG_OK, fr, ev, reg);
	enqueue(e, ctx, fr->fn, block, event + 1, ok, trace_add(e, trace, &s));

	st->reg[reg] = REG_FAILED;
	st->reg_fn[reg] = fr->fn;
	st->reg_ev[reg] = evidx;
	state_set(st, result, av_kind(AV_NEG));
	s = reg_step(STEP_REG_FAILED, fr, ev, reg);
	enqueue(e, ctx, fr->fn, block, event + 1, st, trace_add(e, trace, &s));
}

static void deregistration(struct engine *e, const struct frame *fr, struct state *st,
			   const struct event *ev, unsigned flags,
			   const struct tnode **trace)
{
	enum reg_kind reg = (flags & CF_DEREG_MINIPORT) ? REG_MINIPORT : REG_PROTOCOL;
	struct engine_step s = reg_step(STEP_DEREGISTER, fr, ev, reg);
	*trace = trace_add(e, *trace, &s);
	if (st->reg[reg] == REG_REGISTERED) {
		st->reg[reg] = REG_DEREGISTERED;
		return;
	}
	if (!(st->flags & SF_UNKNOWN))
		add_issue(e, ISSUE_DEREG_WITHOUT_REG, reg, (enum reg_state)st->reg[reg],
			  fr->fn, ev->loc, st, *trace);
}

/* Is callee already being walked in this context (recursion)? */
static bool on_stack(const struct engine *e, int ctx, int callee, int fn)
{
	if (callee == fn)
		return true;
	for (int c = ctx; c >= 0; c = e->ctxs[c].parent)
		if (e->ctxs[c].callee == callee || e->ctxs[c].fn == callee)
			return true;
	return false;
}

/* Arguments enter_call evaluates before it changes the state. */
enum { ENTER_MAX_ARGS = 16 };

/* Enters an analyzed function; false when it cannot be followed.  Takes
 * st when it returns true. */
static bool enter_call(struct engine *e, const struct frame *fr, int ctx, int block,
		       int event, struct state *st, const struct event *ev, int evidx,
		       int callee, const struct tnode *trace)
{
	if (e->ctxs[ctx].depth + 1 >= ENGINE_MAX_DEPTH || on_stack(e, ctx, callee, fr->fn))
		return false;
	const struct model_function *cf = program_fn(e->prog, callee);
	int nctx = intern_ctx(e, ctx, fr->fn, block, event + 1, evidx, callee, e->phase);
	int depth = e->ctxs[nctx].depth;
	int nparams = ev->nargs < cf->nparams ? ev->nargs : cf->nparams;
	struct engine_step s = step_at(STEP_CALL, fr->fn, ev->loc);
	s.name = cf->name;
	if (nparams > ENTER_MAX_ARGS) {
		struct state *ns = state_copy(st);
		state_drop_frame(ns, &e->strs, depth);
		for (int i = 0; i < nparams; i++) {
			struct aval v = eval(e, fr, st, model_call_arg(fr->f, ev, i));
			state_set(ns, frame_loc(e, 'p', depth, i), v);
		}
		enqueue(e, nctx, callee, 0, 0, ns, trace_add(e, trace, &s));
		state_free(st);
		return true;
	}
	/* The arguments are evaluated in the caller's state as it was, then
	 * that state becomes the callee's: not copied, so that its bindings
	 * are changed in place when nobody else holds them. */
	struct aval args[ENTER_MAX_ARGS];
	int params[ENTER_MAX_ARGS];
	for (int i = 0; i < nparams; i++) {
		args[i] = eval(e, fr, st, model_call_arg(fr->f, ev, i));
		params[i] = frame_loc(e, 'p', depth, i);
	}
	state_drop_frame(st, &e->strs, depth);
	for (int i = 0; i < nparams; i++)
		state_set(st, params[i], args[i]);
	enqueue(e, nctx, callee, 0, 0, st, trace_add(e, trace, &s));
	return true;
}

/* ------------------------------------------------------------------ */
/* Terminators */

static void end_of_entry(struct engine *e, const struct frame *fr, struct state *st,
			 const struct block *k, const struct tnode *trace)
{
	struct aval v = k->cond >= 0 ? eval(e, fr, st, k->cond) : av_top();
	bool may_fail = v.kind == AV_NEG || v.kind == AV_TOP || v.kind == AV_NONZERO ||
			(v.kind == AV_CONST && v.c < 0);
	bool may_succeed = v.kind == AV_TOP || v.kind == AV_NONZERO || v.kind == AV_ZERO_AGG ||
			   (v.kind == AV_CONST && v.c >= 0);
	struct engine_step s = step_at(STEP_RETURN, fr->fn, k->loc);
	s.expr = k->cond;
	const struct tnode *t = trace_add(e, trace, &s);

	if (may_fail && !(st->flags & SF_UNKNOWN) && !k->implicit_return)
		for (int r = 0; r < REG__COUNT; r++)
			if (st->reg[r] == REG_REGISTERED)
				add_issue(e, ISSUE_LEAK_ON_ERROR, (enum reg_kind)r, REG_REGISTERED,
					  fr->fn, k->loc, st, t);
	if (!may_succeed) {
		state_free(st);
		return;
	}
	if (st->reg[REG_MINIPORT] == REG_REGISTERED && st->reg[REG_PROTOCOL] == REG_REGISTERED &&
	    !(st->flags & (SF_ASSOC | SF_UNKNOWN)))
		add_issue(e, ISSUE_NO_ASSOCIATE, REG_MINIPORT, REG_REGISTERED, fr->fn,
			  program_fn(e->prog, e->drv->entry)->loc, st, t);
	state_drop_frame(st, &e->strs, 0);
	for (int i = 0; i < e->nends; i++)
		if (state_equal(e->ends[i], st)) {
			state_free(st);
			return;
		}
	GROW(e->ends, e->nends, e->capends);
	e->end_traces = xrealloc(e->end_traces, (size_t)e->capends * sizeof(*e->end_traces));
	e->ends[e->nends] = st;
	e->end_traces[e->nends++] = t;
}

static void end_of_unload(struct engine *e, const struct frame *fr, struct state *st,
			  const struct block *k, const struct tnode *trace)
{
	struct engine_step s = step_at(STEP_RETURN, fr->fn, k->loc);
	s.expr = k->cond;
	const struct tnode *t = trace_add(e, trace, &s);
	if (!(st->flags & SF_UNKNOWN))
		for (int r = 0; r < REG__COUNT; r++)
			if (st->reg[r] == REG_REGISTERED)
				add_issue(e, ISSUE_UNLOAD_MISSES, (enum reg_kind)r, REG_REGISTERED,
					  e->drv->unload, program_fn(e->prog, e->drv->unload)->loc,
					  st, t);
	state_free(st);
}

static void do_return(struct engine *e, const struct frame *fr, int ctx, struct state *st,
		      const struct block *k, const struct tnode *trace)
{
	const struct ctx *c = &e->ctxs[ctx];
	if (c->parent < 0) {
		if (c->phase == PHASE_ENTRY)
			end_of_entry(e, fr, st, k, trace);
		else
			end_of_unload(e, fr, st, k, trace);
		return;
	}
	struct aval v = k->cond >= 0 ? eval(e, fr, st, k->cond) : av_top();
	state_drop_frame(st, &e->strs, c->depth);
	state_set(st, call_result_loc(e, c->depth - 1, c->call_event), v);
	struct engine_step s = step_at(STEP_RETURN_FROM, fr->fn, k->loc);
	s.name = fr->f->name;
	enqueue(e, c->parent, c->fn, c->block, c->event, st, trace_add(e, trace, &s));
}

static void do_branch(struct engine *e, const struct frame *fr, int ctx, struct state *st,
		      const struct block *k, const struct tnode *trace)
{
	struct aval v = eval(e, fr, st, k->cond);
	int t = truth(v);
	for (int side = 0; side < 2; side++) {
		bool want = side == 0;
		if (t >= 0 && t != (int)want)
			continue;
		struct state *ns = side == 0 && t < 0 ? state_copy(st) : st;
		if (t < 0)
			refine(e, fr, ns, k->cond, want);
		struct engine_step s = step_at(STEP_BRANCH, fr->fn, k->loc);
		s.expr = k->cond;
		s.taken = want;
		enqueue(e, ctx, fr->fn, k->succ[side], 0, ns, trace_add(e, trace, &s));
		if (t >= 0)
			return;
	}
}

static void do_switch(struct engine *e, const struct frame *fr, int ctx, struct state *st,
		      const struct block *k, const struct tnode *trace)
{
	struct aval v = eval(e, fr, st, k->cond);
	const char *type = NULL;
	int l = refinable(e, fr, st, k->cond, &type);
	bool matched = false;
	for (int i = 0; i < k->ncases; i++) {
		const struct switch_case *sc = &fr->f->cases[k->first_case + i];
		bool take = v.kind != AV_CONST || !sc->known ||
			    (v.c >= sc->lo && v.c <= sc->hi);
		if (v.kind == AV_CONST && sc->known && take)
			matched = true;
		if (v.kind == AV_NEG && sc->known && sc->lo >= 0)
			take = false;
		if (!take)
			continue;
		struct state *ns = state_copy(st);
		if (l >= 0 && sc->known && sc->lo == sc->hi)
			narrow(ns, &e->strs, l, av_const(sc->lo));
		struct engine_step s = step_at(STEP_SWITCH, fr->fn, k->loc);
		s.expr = k->cond;
		s.case_value = sc->lo;
		enqueue(e, ctx, fr->fn, sc->target, 0, ns, trace_add(e, trace, &s));
	}
	if (matched) {
		state_free(st);
		return;
	}
	struct engine_step s = step_at(STEP_SWITCH, fr->fn, k->loc);
	s.expr = k->cond;
	s.is_default = true;
	enqueue(e, ctx, fr->fn, k->succ[0], 0, st, trace_add(e, trace, &s));
}

/* ------------------------------------------------------------------ */
/* One item */

/* Walks the events of the item's block from its event on; returns false
 * when the state went elsewhere (a split or a call). */
static bool run_events(struct engine *e, const struct frame *fr, int ctx, int block,
		       int *event, struct state **stp, const struct tnode **trace)
{
	const struct block *k = &fr->f->blocks[block];
	struct state *st = *stp;
	for (; *event < k->nevents; (*event)++) {
		int evidx = k->first_event + *event;
		const struct event *ev = &fr->f->events[evidx];
		if (ev->kind == EV_STORE) {
			store_value(e, fr, st, ev, *trace);
			continue;
		}
		int target = e->prog->call_target[fr->fn] ? e->prog->call_target[fr->fn][evidx] :
			     CALL_API;
		const struct call_info *ci = call_info(e, fr->fn, evidx);
		if (ci->flags & CF_REGISTRATION) {
			registration(e, fr, ctx, block, *event, st, ev, evidx, ci->flags, *trace);
			return false;
		}
		if (ci->flags & CF_DEREGISTRATION) {
			deregistration(e, fr, st, ev, ci->flags, trace);
			continue;
		}
		if (ci->flags & CF_ASSOCIATE) {
			if (st->reg[REG_MINIPORT] == REG_REGISTERED &&
			    st->reg[REG_PROTOCOL] == REG_REGISTERED)
				st->flags |= SF_ASSOC;
			continue;
		}
		if (target >= 0 &&
		    enter_call(e, fr, ctx, block, *event, st, ev, evidx, target, *trace))
			return false;
		const struct initcall *ic = target == CALL_API ? ci->ic : NULL;
		for (int i = 0; ic && !ic->releases && i < ev->nargs && i < 32; i++) {
			int t = (ic->args & (1u << i)) ? arg_target(e, fr, st, ev, i) : -1;
			if (t >= 0)
				late_write(e, fr, st, t, ev, true, *trace);
		}
		if (target == CALL_API && api_effects(e, fr, st, ev, ci->flags))
			continue;
		havoc_args(e, fr, st, ev);
		state_set(st, call_result_loc(e, fr->depth, evidx), av_top());
		if (target == CALL_UNRESOLVED || target == CALL_AMBIGUOUS || target >= 0) {
			st->flags |= SF_UNKNOWN;
			struct engine_step s = step_at(STEP_UNKNOWN_CALL, fr->fn, ev->loc);
			s.name = ev->callee;
			*trace = trace_add(e, *trace, &s);
		}
	}
	*stp = st;
	return true;
}

static void process(struct engine *e, struct item it)
{
	const struct point *p = &e->points[it.point];
	int ctx = p->ctx, block = p->block, event = p->event;
	struct frame fr = { p->fn, e->ctxs[ctx].depth, program_fn(e->prog, p->fn) };
	struct state *st = it.st;
	const struct tnode *trace = it.trace;

	if (block < 0 || block >= fr.f->nblocks) {
		state_free(st);
		return;
	}
	if (!run_events(e, &fr, ctx, block, &event, &st, &trace))
		return;
	const struct block *k = &fr.f->blocks[block];
	switch (k->term) {
	case TERM_GOTO:
		enqueue(e, ctx, fr.fn, k->succ[0], 0, st, trace);
		break;
	case TERM_BRANCH:
		do_branch(e, &fr, ctx, st, k, trace);
		break;
	case TERM_SWITCH:
		do_switch(e, &fr, ctx, st, k, trace);
		break;
	case TERM_RETURN:
		do_return(e, &fr, ctx, st, k, trace);
		break;
	case TERM_EXIT:
		state_free(st);
		break;
	}
}

static void drain(struct engine *e)
{
	while (e->nwork > 0) {
		if (++e->res->visits > ENGINE_MAX_VISITS) {
			e->res->exhausted = true;
			while (e->nwork > 0)
				state_free(e->work[--e->nwork].st);
			return;
		}
		struct item it = e->work[--e->nwork];
		process(e, it);
	}
}

/* ------------------------------------------------------------------ */
/* Start states */

/* Static initial values of the tracked globals of every file. */
static void bind_globals(struct engine *e, struct state *st)
{
	for (int f = 0; f < e->prog->nfiles; f++) {
		const struct model_file *mf = e->prog->files[f];
		for (int g = 0; g < mf->nglobals; g++) {
			const struct model_global *gl = &mf->globals[g];
			char key[512];
			snprintf(key, sizeof(key), "g:%s", gl->name);
			if (!gl->is_definition)
				continue;
			for (int i = 0; i < gl->ninits; i++) {
				const struct expr *v = &mf->gexprs[gl->inits[i].value];
				struct aval a = av_top();
				long long c;
				if (v->kind == EXPR_ZERO_INIT)
					a = av_kind(AV_ZERO_AGG);
				else if (v->kind == EXPR_FUNC)
					a = av_ref(AV_FUNC, intern_loc(e, v->name));
				else if (model_expr_const(mf->gexprs, gl->inits[i].value, &c))
					a = av_const(c);
				else if (v->kind == EXPR_UNARY && v->op == OP_ADDR &&
					 v->a >= 0 && mf->gexprs[v->a].kind == EXPR_FUNC)
					a = av_ref(AV_FUNC, intern_loc(e, mf->gexprs[v->a].name));
				char buf[768];
				snprintf(buf, sizeof(buf), "%s%s", key, gl->inits[i].path);
				if (a.kind != AV_TOP)
					state_set(st, intern_loc(e, buf), a);
			}
		}
	}
}

static void run_entry(struct engine *e)
{
	struct state *st = state_new(e->mem);
	bind_globals(e, st);
	e->phase = PHASE_ENTRY;
	int ctx = intern_ctx(e, -1, -1, -1, -1, -1, e->drv->entry, PHASE_ENTRY);
	enqueue(e, ctx, e->drv->entry, 0, 0, st, NULL);
	drain(e);
}

static void run_unload(struct engine *e)
{
	const struct driver *d = e->drv;
	e->res->success_states = e->nends;
	if (d->unload < 0 || !e->prog->call_target[d->unload])
		return;
	e->phase = PHASE_UNLOAD;
	int ctx = intern_ctx(e, -1, -1, -1, -1, -1, d->unload, PHASE_UNLOAD);
	const struct model_function *uf = program_fn(e->prog, d->unload);
	for (int i = 0; i < e->nends; i++) {
		struct state *st = e->ends[i];
		bool entered = d->unload_from_chars ? st->reg[REG_MINIPORT] == REG_REGISTERED :
			       (st->flags & SF_DRIVER_UNLOAD) != 0;
		if (!entered)
			continue;
		struct engine_step s = step_at(STEP_UNLOAD, d->unload, uf->loc);
		s.name = uf->name;
		enqueue(e, ctx, d->unload, 0, 0, state_copy(st),
			trace_add(e, e->end_traces[i], &s));
	}
	drain(e);
}

/* The per-function tables' slots, one per function, each table filled
 * on first use (call_info, loc_tracked, point_base, preds_of). */
static void function_tables_init(struct engine *e)
{
	size_t n = (size_t)e->prog->nfns + 1;
	e->calls = arena_calloc(e->tables, n, sizeof(*e->calls));
	e->tracked_expr = arena_calloc(e->tables, n, sizeof(*e->tracked_expr));
	e->point_base = arena_calloc(e->tables, n, sizeof(*e->point_base));
	e->npreds = arena_calloc(e->tables, n, sizeof(*e->npreds));
}

static void engine_free(struct engine *e)
{
	for (int i = 0; i < e->npoints; i++) {
		for (int k = 0; k < e->points[i].nseen; k++)
			state_release(&e->points[i].seen[k].st);
	}
	for (int i = 0; i < e->nends; i++)
		state_free(e->ends[i]);
	for (int i = 0; i < e->ntchunks; i++)
		free(e->tchunks[i]);
	free(e->tchunks);
	free(e->late_reads);
	arena_free(e->tables);
	strtab_free(&e->call_names);
	free(e->loc_cache);
	for (int d = 0; d < ENGINE_MAX_DEPTH; d++)
		for (int k = 0; k < 3; k++)
			free(e->frame_locs[d][k]);
	free(e->ends);
	free(e->end_traces);
	free(e->points);
	free(e->point_slots);
	free(e->ctxs);
	free(e->ctx_slots);
	free(e->work);
	state_pool_free(e->pool);
	state_mem_free(e->mem);
	strtab_free(&e->strs);
	strtab_free(&e->tracked);
	free(e->local_slots);
}

struct engine_result *engine_run(const struct driver *drv)
{
	struct engine e;
	memset(&e, 0, sizeof(e));
	e.drv = drv;
	e.prog = drv->prog;
	e.tables = arena_new();
	function_tables_init(&e);
	e.res = calloc(1, sizeof(*e.res));
	if (!e.res)
		abort();
	strtab_init(&e.strs);
	strtab_init(&e.call_names);
	e.mem = state_mem_new(&e.strs);
	e.pool = state_pool_new();
	compute_tracking(&e);
	if (drv->initialize >= 0 && e.prog->call_target[drv->initialize]) {
		e.res->reads = calloc(1, sizeof(*e.res->reads));
		if (!e.res->reads)
			abort();
		readset_compute(drv, e.res->reads);
	}
	if (drv->entry >= 0 && e.prog->call_target[drv->entry]) {
		run_entry(&e);
		run_unload(&e);
	}
	struct engine_result *r = e.res;
	engine_free(&e);
	return r;
}

void engine_result_free(struct engine_result *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->nissues; i++) {
		free(r->issues[i].trace.steps);
		free(r->issues[i].path);
	}
	free(r->issues);
	if (r->reads) {
		readset_free(r->reads);
		free(r->reads);
	}
	free(r);
}

const struct event *engine_reg_event(const struct driver *drv,
				     const struct engine_issue *is)
{
	if (is->reg_fn < 0 || is->reg_event < 0)
		return NULL;
	const struct model_function *f = program_fn(drv->prog, is->reg_fn);
	return is->reg_event < f->nevents ? &f->events[is->reg_event] : NULL;
}
