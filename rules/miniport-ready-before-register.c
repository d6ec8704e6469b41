/*
 * miniport-ready-before-register - from the moment NdisMRegisterMiniportDriver
 * is called, NDIS may call MiniportInitializeEx: state the initialize handler
 * reads must be set up before the registration.
 *
 * The read set is computed here from the model: every global path the
 * initialize handler reads, directly or through the functions it calls,
 * with the chain of calls that leads to the first read.  The engine reports
 * every write or initializing call to global state made while the miniport
 * registration is in force (ISSUE_LATE_WRITE); a late write that overlaps
 * the read set is a finding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

extern const struct rule rule_miniport_ready_before_register;

/* One global path the initialize handler reads, and where. */
struct read {
	char *path;             /* "G.Lock" */
	int fn;                 /* function that reads it */
	struct model_loc loc;
	int chain;              /* index into the BFS parents (see below) */
};

struct reads {
	struct read *v;
	int n, cap;
	int *parent_fn;         /* [fn]: caller in the BFS from the handler */
	int *parent_ev;         /* [fn]: the call event in that caller */
};

static void reads_add(struct reads *r, const char *path, size_t len, int fn,
		      struct model_loc loc)
{
	for (int i = 0; i < r->n; i++)
		if (strlen(r->v[i].path) == len && strncmp(r->v[i].path, path, len) == 0)
			return;         /* the first (closest) read wins */
	if (r->n >= r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->v = realloc(r->v, (size_t)r->cap * sizeof(*r->v));
		if (!r->v)
			abort();
	}
	r->v[r->n].path = strndup(path, len);
	if (!r->v[r->n].path)
		abort();
	r->v[r->n].fn = fn;
	r->v[r->n].loc = loc;
	r->n++;
}

/*
 * The state path of lvalue `id` into buf: its global root followed by
 * .fields, cut at the first dereference or subscript (the subscript's
 * array is the state).  Locals pointing at a global (alias[var]) count as
 * that global.  False when the root is not global.
 */
static bool state_path(const struct model_function *f, int id, char **alias,
		       int nalias, char *buf, size_t size)
{
	enum { MAX = 64 };
	int chain[MAX], n = 0;
	while (id >= 0 && n < MAX) {
		const struct expr *e = &f->exprs[id];
		chain[n++] = id;
		if (e->kind == EXPR_VAR)
			break;
		if (e->kind == EXPR_MEMBER || e->kind == EXPR_INDEX ||
		    (e->kind == EXPR_UNARY && e->op == OP_DEREF))
			id = e->a;
		else
			return false;
	}
	if (n == 0)
		return false;
	const struct expr *root = &f->exprs[chain[n - 1]];
	if (root->kind != EXPR_VAR)
		return false;
	size_t len;
	if (root->scope == SCOPE_GLOBAL)
		len = (size_t)snprintf(buf, size, "%s", root->name);
	else if (root->scope == SCOPE_LOCAL && root->var >= 0 && root->var < nalias &&
		 alias[root->var])
		len = (size_t)snprintf(buf, size, "%s", alias[root->var]);
	else
		return false;
	bool through_alias = root->scope == SCOPE_LOCAL;
	for (int i = n - 2; i >= 0 && len < size; i--) {
		const struct expr *e = &f->exprs[chain[i]];
		/* a local alias holds the address: its first -> is the global */
		if (e->kind == EXPR_MEMBER && (!e->arrow || (through_alias && i == n - 2)))
			len += (size_t)snprintf(buf + len, size - len, ".%s", e->name);
		else
			break;
	}
	return true;
}

/* Locals of f assigned the address of a global path (`p = &G.List`). */
static char **local_aliases(const struct model_function *f, int *nvars)
{
	int max = 0;
	for (int i = 0; i < f->nexprs; i++)
		if (f->exprs[i].kind == EXPR_VAR && f->exprs[i].scope == SCOPE_LOCAL &&
		    f->exprs[i].var + 1 > max)
			max = f->exprs[i].var + 1;
	char **alias = calloc((size_t)max + 1, sizeof(char *));
	if (!alias)
		abort();
	for (int i = 0; i < f->nevents; i++) {
		const struct event *ev = &f->events[i];
		if (ev->kind != EV_STORE || ev->value < 0 || ev->target < 0)
			continue;
		const struct expr *t = &f->exprs[ev->target], *v = &f->exprs[ev->value];
		if (t->kind != EXPR_VAR || t->scope != SCOPE_LOCAL || t->var < 0 ||
		    t->var >= max || v->kind != EXPR_UNARY || v->op != OP_ADDR)
			continue;
		char buf[512];
		if (state_path(f, v->a, NULL, 0, buf, sizeof(buf)) && !alias[t->var]) {
			alias[t->var] = strdup(buf);
			if (!alias[t->var])
				abort();
		}
	}
	*nvars = max;
	return alias;
}

/* Records every global path read inside expression tree `id` of f. */
static void scan_expr(struct reads *r, int fn, const struct model_function *f,
		      char **alias, int nalias, int id)
{
	enum { MAX = 512 };
	int stack[MAX], sp = 0;
	if (id < 0)
		return;
	stack[sp++] = id;
	while (sp > 0) {
		const struct expr *e = &f->exprs[stack[--sp]];
		int cur = (int)(e - f->exprs);
		bool lvalue = e->kind == EXPR_VAR || e->kind == EXPR_MEMBER ||
			      e->kind == EXPR_INDEX || (e->kind == EXPR_UNARY && e->op == OP_DEREF);
		int target = e->kind == EXPR_UNARY && e->op == OP_ADDR ? e->a : cur;
		char buf[512];
		if ((lvalue || target != cur) && state_path(f, target, alias, nalias, buf, sizeof(buf))) {
			reads_add(r, buf, strlen(buf), fn, e->loc);
			/* the path's own chain is this read; only subscripts
			 * along it are further reads */
			for (int c = target; c >= 0 && sp < MAX; c = f->exprs[c].a) {
				const struct expr *x = &f->exprs[c];
				if (x->kind == EXPR_INDEX && x->b >= 0)
					stack[sp++] = x->b;
				if (x->kind == EXPR_VAR)
					break;
			}
			continue;
		}
		int kids[3] = { e->a, e->b, e->c };
		bool walk = e->kind == EXPR_UNARY || e->kind == EXPR_BINARY ||
			    e->kind == EXPR_COND || e->kind == EXPR_MEMBER || e->kind == EXPR_INDEX;
		for (int k = 0; walk && k < 3; k++)
			if (kids[k] >= 0 && sp < MAX)
				stack[sp++] = kids[k];
	}
}

/* Every read of function fn: arguments, stored values, conditions,
 * returned values, and the bases of store targets. */
static void scan_function(struct reads *r, const struct program *prog, int fn)
{
	const struct model_function *f = program_fn(prog, fn);
	int nvars;
	char **alias = local_aliases(f, &nvars);
	for (int i = 0; i < f->nevents; i++) {
		const struct event *ev = &f->events[i];
		if (ev->kind == EV_CALL) {
			for (int k = 0; k < ev->nargs; k++)
				scan_expr(r, fn, f, alias, nvars, model_call_arg(f, ev, k));
			scan_expr(r, fn, f, alias, nvars, ev->callee_expr);
			continue;
		}
		scan_expr(r, fn, f, alias, nvars, ev->value);
		/* `G.p->x = v` reads G.p; `G.n += 1` reads G.n */
		const struct expr *t = ev->target >= 0 ? &f->exprs[ev->target] : NULL;
		if (t && (t->kind == EXPR_MEMBER || t->kind == EXPR_INDEX) &&
		    (t->arrow || t->kind == EXPR_INDEX))
			scan_expr(r, fn, f, alias, nvars, t->a);
	}
	for (int b = 0; b < f->nblocks; b++)
		if (f->blocks[b].cond >= 0)
			scan_expr(r, fn, f, alias, nvars, f->blocks[b].cond);
	for (int v = 0; v < nvars; v++)
		free(alias[v]);
	free(alias);
}

/* Breadth first from the initialize handler over resolved calls, so the
 * first read of each path comes with the shortest chain of calls. */
static void compute_reads(const struct driver *drv, struct reads *r)
{
	const struct program *prog = drv->prog;
	int *queue = calloc((size_t)prog->nfns + 1, sizeof(int));
	bool *seen = calloc((size_t)prog->nfns + 1, sizeof(bool));
	r->parent_fn = calloc((size_t)prog->nfns + 1, sizeof(int));
	r->parent_ev = calloc((size_t)prog->nfns + 1, sizeof(int));
	if (!queue || !seen || !r->parent_fn || !r->parent_ev)
		abort();
	int head = 0, tail = 0;
	queue[tail++] = drv->initialize;
	seen[drv->initialize] = true;
	r->parent_fn[drv->initialize] = -1;
	while (head < tail) {
		int fn = queue[head++];
		if (!prog->call_target[fn])
			continue;
		scan_function(r, prog, fn);
		const struct model_function *f = program_fn(prog, fn);
		for (int e = 0; e < f->nevents; e++) {
			int t = prog->call_target[fn][e];
			if (t < 0 || seen[t])
				continue;
			seen[t] = true;
			r->parent_fn[t] = fn;
			r->parent_ev[t] = e;
			queue[tail++] = t;
		}
	}
	free(queue);
	free(seen);
}

static void reads_free(struct reads *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->v[i].path);
	free(r->v);
	free(r->parent_fn);
	free(r->parent_ev);
}

/* Do state paths p and q overlap (one a prefix of the other, at a field
 * boundary)? */
static bool overlap(const char *p, const char *q)
{
	size_t a = strlen(p), b = strlen(q), n = a < b ? a : b;
	if (strncmp(p, q, n) != 0)
		return false;
	const char *rest = a > b ? p + n : q + n;
	return *rest == '\0' || *rest == '.';
}

/* The steps from the initialize handler down to the read. */
static void add_read_chain(struct finding *f, const struct driver *drv,
			   const struct reads *r, const struct read *rd, int first)
{
	int chain[64], n = 0;
	for (int fn = rd->fn; fn >= 0 && n < 64; fn = r->parent_fn[fn])
		chain[n++] = fn;
	const struct model_function *init = program_fn(drv->prog, drv->initialize);
	int step = first;
	finding_add_step(f, rule_file(drv, drv->initialize, init->loc), init->loc.line,
			 init->loc.col, "%d: NDIS may now call %s (MiniportInitializeEx)",
			 step++, init->name);
	for (int i = n - 2; i >= 0; i--) {
		int caller = chain[i + 1];
		const struct model_function *cf = program_fn(drv->prog, caller);
		const struct event *ev = &cf->events[r->parent_ev[chain[i]]];
		finding_add_step(f, rule_file(drv, caller, ev->loc), ev->loc.line, ev->loc.col,
				 "%d: %s calls %s", step++, cf->name,
				 program_fn(drv->prog, chain[i])->name);
	}
	const struct model_function *rf = program_fn(drv->prog, rd->fn);
	finding_add_step(f, rule_file(drv, rd->fn, rd->loc), rd->loc.line, rd->loc.col,
			 "%d: %s reads %s", step, rf->name, rd->path);
}

static void report_late(const struct driver *drv, const struct reads *r,
			const struct engine_issue *is, struct findings *out)
{
	const struct read *rd = NULL;
	for (int i = 0; i < r->n && !rd; i++)
		if (is->path && overlap(is->path, r->v[i].path))
			rd = &r->v[i];
	if (!rd)
		return;
	const struct model_function *fn = program_fn(drv->prog, is->fn);
	const struct model_function *init = program_fn(drv->prog, drv->initialize);
	const struct event *reg = engine_reg_event(drv, is);
	char through[300] = "";
	if (rd->fn != drv->initialize)
		snprintf(through, sizeof(through), " through %s",
			 program_fn(drv->prog, rd->fn)->name);
	struct finding *f = findings_add(out, rule_miniport_ready_before_register.name,
		SEV_ERROR, rule_file(drv, is->fn, is->loc), is->loc.line, is->loc.col,
		fn->name, "%s is %s after NdisMRegisterMiniportDriver (line %u), but %s "
		"reads it%s (line %u)", is->path, is->by_call ? "initialized" : "written",
		reg ? reg->loc.line : 0, init->name, through, rd->loc.line);
	rule_add_trace(f, drv, &is->trace);
	add_read_chain(f, drv, r, rd, is->trace.nsteps + 1);
}

/* No initialize handler: reported at each registration call reached. */
static void report_no_handler(const struct driver *drv, struct findings *out)
{
	const struct program *prog = drv->prog;
	for (int id = 0; id < prog->nfns; id++) {
		const struct model_function *fn = program_fn(prog, id);
		if (!drv->reaches[id] || !prog->call_target[id])
			continue;
		for (int e = 0; e < fn->nevents; e++) {
			const struct event *ev = &fn->events[e];
			if (model_call_is(ev, "NdisMRegisterMiniportDriver"))
				findings_add(out, rule_miniport_ready_before_register.name,
					SEV_ERROR, rule_file(drv, id, ev->loc), ev->loc.line,
					ev->loc.col, fn->name,
					"no InitializeHandlerEx is registered: NDIS calls "
					"MiniportInitializeEx as soon as the miniport is registered");
		}
	}
}

static void rbr_check(const struct driver *drv, struct findings *out)
{
	const struct engine_result *res = rule_engine(drv);
	if (!drv->initialize_handler) {
		if (!driver_reaches_unknown(drv, drv->entry, NULL, NULL))
			report_no_handler(drv, out);
		return;
	}
	if (drv->initialize < 0 || !res)
		return;         /* registered, but defined in no analyzed file */
	struct reads r = { 0 };
	compute_reads(drv, &r);
	for (int i = 0; i < res->nissues; i++)
		if (res->issues[i].kind == ISSUE_LATE_WRITE)
			report_late(drv, &r, &res->issues[i], out);
	reads_free(&r);
}

const struct rule rule_miniport_ready_before_register = {
	.name = "miniport-ready-before-register",
	.severity = SEV_ERROR,
	.applies_to = "miniport",
	.summary = "state that MiniportInitializeEx reads must be set up before "
		"NdisMRegisterMiniportDriver",
	.explanation =
		"NDIS may call the driver's MiniportInitializeEx as soon as "
		"NdisMRegisterMiniportDriver is called (for an IM driver, as soon "
		"as its own NdisIMInitializeDeviceInstanceEx runs, which may be on "
		"another processor while DriverEntry is still going).  Whatever the "
		"initialize handler uses (global spin locks, list heads, lookaside "
		"lists, handles, configuration) must therefore exist before the "
		"registration: set up afterwards, it is a race that shows as a "
		"crash at boot on real machines.\n"
		"\n"
		"The rule collects what the InitializeHandlerEx function reads, "
		"through any depth of calls (a global, its fields, their address "
		"passed to a callee, a local pointing at them), and reports each "
		"write or initializing call (NdisAllocateSpinLock, "
		"InitializeListHead, NdisInitializeNPagedLookasideList, ...) that "
		"DriverEntry or a function it calls makes to that state after a "
		"successful registration and before any deregistration.  The "
		"registration's own handle and, in an IM driver, the protocol "
		"handle are exempt.  A driver that registers no InitializeHandlerEx "
		"is reported at the registration call.",
	.bad_example =
		"Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath,\n"
		"                                     NULL, &MChars, &MpHandle);\n"
		"NdisAllocateSpinLock(&GlobalLock);   /* MpInitialize takes it */\n"
		"InitializeListHead(&AdapterList);\n",
	.good_example =
		"NdisAllocateSpinLock(&GlobalLock);\n"
		"InitializeListHead(&AdapterList);\n"
		"Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath,\n"
		"                                     NULL, &MChars, &MpHandle);\n",
	.check = rbr_check,
};
