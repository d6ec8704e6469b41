/*
 * readset.c - the initialize handler's read set (see readset.h).
 *
 * State is a global followed by .fields: a dereference ends it and array
 * subscripts collapse to the whole array.  A read is any use of such a
 * path as a value, its address passed anywhere (NdisAcquireSpinLock(
 * &G.Lock) reads G.Lock), the pointer of a dereferenced path, or a local
 * that holds the address of one (p = &G.List; IsListEmpty(p)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readset.h"

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
		/* `p = &G` makes p an alias (reads through p count as reads of
		 * G); taking the address is not itself a read */
		const struct expr *tv = ev->target >= 0 ? &f->exprs[ev->target] : NULL;
		const struct expr *vv = ev->value >= 0 ? &f->exprs[ev->value] : NULL;
		bool makes_alias = tv && vv && tv->kind == EXPR_VAR && tv->scope == SCOPE_LOCAL &&
				   tv->var >= 0 && tv->var < nvars && alias[tv->var] &&
				   vv->kind == EXPR_UNARY && vv->op == OP_ADDR;
		if (!makes_alias)
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
void readset_compute(const struct driver *drv, struct reads *r)
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

void readset_free(struct reads *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->v[i].path);
	free(r->v);
	free(r->parent_fn);
	free(r->parent_ev);
}

/* Do state paths p and q overlap (one a prefix of the other, at a field
 * boundary)? */
static bool readset_overlap_paths(const char *p, const char *q)
{
	size_t a = strlen(p), b = strlen(q), n = a < b ? a : b;
	if (strncmp(p, q, n) != 0)
		return false;
	const char *rest = a > b ? p + n : q + n;
	return *rest == '\0' || *rest == '.';
}

const struct read *readset_overlap(const struct reads *r, const char *path)
{
	for (int i = 0; path && i < r->n; i++)
		if (readset_overlap_paths(path, r->v[i].path))
			return &r->v[i];
	return NULL;
}
