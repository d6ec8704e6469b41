/*
 * model_io.c - a model_file to bytes and back (see model_io.h).
 *
 * Numbers are LEB128 varints (signed ones zigzag-encoded); strings are
 * indices into a table of distinct strings written before the body (0 is
 * NULL).  The writer fills the body while it interns strings, then
 * prepends the header and the table.  The reader is a cursor over the
 * bytes that stops at the first thing out of place; the cross references
 * are checked after each function and at the end.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model_io.h"

static const unsigned char model_io_magic[4] = { 'N', 'D', 'L', 'M' };

/* ------------------------------------------------------------------ */
/* Writing                                                             */

/* A growable byte buffer; `failed` once an allocation failed. */
struct mio_buf {
	unsigned char *data;
	size_t len, cap;
	bool failed;
};

/* The string table being built: open addressing over indices. */
struct mio_strings {
	const char **strs;      /* [n]: distinct strings, in first-use order */
	int n, cap;
	int *slots;             /* hash slots: string index + 1, 0 empty */
	size_t nslots;
};

struct mio_writer {
	struct mio_buf body;
	struct mio_strings st;
	bool failed;
};

/* Makes room for `more` bytes. */
static bool mio_reserve(struct mio_buf *b, size_t more)
{
	if (b->failed)
		return false;
	if (b->cap - b->len >= more)
		return true;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap - b->len < more) {
		if (cap > SIZE_MAX / 2) {
			b->failed = true;
			return false;
		}
		cap *= 2;
	}
	unsigned char *p = realloc(b->data, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

/* Appends n bytes (nothing after a failed allocation). */
static void mio_bytes(struct mio_buf *b, const void *p, size_t n)
{
	if (n && mio_reserve(b, n)) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
	}
}

/* Unsigned LEB128. */
static void mio_uvar(struct mio_buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		unsigned char byte = v & 0x7f;
		v >>= 7;
		tmp[n++] = byte | (v ? 0x80 : 0);
	} while (v);
	mio_bytes(b, tmp, n);
}

/* Signed, zigzag-encoded. */
static void mio_svar(struct mio_buf *b, long long v)
{
	uint64_t u = (uint64_t)v;
	mio_uvar(b, (u << 1) ^ (v < 0 ? UINT64_MAX : 0));
}

/* FNV-1a of a string, for the string table's slots. */
static uint64_t mio_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Doubles the hash slots and re-enters every string. */
static bool mio_rehash(struct mio_strings *st)
{
	size_t n = st->nslots ? st->nslots * 2 : 1024;
	int *slots = calloc(n, sizeof(*slots));

	if (!slots)
		return false;
	for (int i = 0; i < st->n; i++) {
		size_t j = (size_t)mio_hash(st->strs[i]) & (n - 1);
		while (slots[j])
			j = (j + 1) & (n - 1);
		slots[j] = i + 1;
	}
	free(st->slots);
	st->slots = slots;
	st->nslots = n;
	return true;
}

/* Index of s in the table (added if new), 1-based; 0 for NULL; -1 when
 * out of memory. */
static int mio_intern(struct mio_strings *st, const char *s)
{
	if (!s)
		return 0;
	if ((size_t)st->n * 2 >= st->nslots && !mio_rehash(st))
		return -1;
	size_t j = (size_t)mio_hash(s) & (st->nslots - 1);
	while (st->slots[j]) {
		if (strcmp(st->strs[st->slots[j] - 1], s) == 0)
			return st->slots[j];
		j = (j + 1) & (st->nslots - 1);
	}
	if (st->n >= st->cap) {
		int cap = st->cap ? st->cap * 2 : 256;
		const char **p = realloc(st->strs, (size_t)cap * sizeof(*p));
		if (!p)
			return -1;
		st->strs = p;
		st->cap = cap;
	}
	st->strs[st->n++] = s;
	st->slots[j] = st->n;
	return st->n;
}

/* A string as its table index (0: NULL). */
static void w_str(struct mio_writer *w, const char *s)
{
	int id = mio_intern(&w->st, s);
	if (id < 0)
		w->failed = true;
	else
		mio_uvar(&w->body, (uint64_t)id);
}

/* A signed number. */
static void w_int(struct mio_writer *w, long long v)
{
	mio_svar(&w->body, v);
}

/* An unsigned number. */
static void w_uint(struct mio_writer *w, unsigned long long v)
{
	mio_uvar(&w->body, v);
}

/* A location: file index, line, column. */
static void w_loc(struct mio_writer *w, struct model_loc l)
{
	w_int(w, l.file);
	w_uint(w, l.line);
	w_uint(w, l.col);
}

/* One expression, every field. */
static void w_expr(struct mio_writer *w, const struct expr *x)
{
	w_uint(w, (unsigned)x->kind);
	w_uint(w, (unsigned)x->op);
	w_int(w, x->a);
	w_int(w, x->b);
	w_int(w, x->c);
	w_int(w, x->value);
	w_str(w, x->name);
	w_str(w, x->type);
	w_uint(w, (unsigned)x->scope);
	w_int(w, x->var);
	w_uint(w, x->arrow);
	w_int(w, x->call);
	w_loc(w, x->loc);
}

/* An expression pool with its count. */
static void w_exprs(struct mio_writer *w, const struct expr *x, int n)
{
	w_int(w, n);
	for (int i = 0; i < n; i++)
		w_expr(w, &x[i]);
}

/* One event, every field. */
static void w_event(struct mio_writer *w, const struct event *e)
{
	w_uint(w, (unsigned)e->kind);
	w_loc(w, e->loc);
	w_str(w, e->callee);
	w_str(w, e->macro);
	w_int(w, e->callee_expr);
	w_int(w, e->first_arg);
	w_int(w, e->nargs);
	w_int(w, e->result);
	w_uint(w, e->declared_in_header);
	w_int(w, e->target);
	w_int(w, e->value);
	w_uint(w, (unsigned)e->store_op);
}

/* One block, every field. */
static void w_block(struct mio_writer *w, const struct block *k)
{
	w_int(w, k->first_event);
	w_int(w, k->nevents);
	w_uint(w, (unsigned)k->term);
	w_int(w, k->cond);
	w_int(w, k->succ[0]);
	w_int(w, k->succ[1]);
	w_int(w, k->first_case);
	w_int(w, k->ncases);
	w_loc(w, k->loc);
	w_uint(w, k->implicit_return);
}

/* One function: its fields, then each of its arrays with its count. */
static void w_function(struct mio_writer *w, const struct model_function *fn)
{
	w_str(w, fn->name);
	w_loc(w, fn->loc);
	w_uint(w, fn->is_static);
	w_uint(w, fn->in_header);
	w_uint(w, fn->body_begin);
	w_uint(w, fn->body_end);
	w_loc(w, fn->body_end_loc);
	w_int(w, fn->nparams);
	for (int i = 0; i < fn->nparams; i++)
		w_str(w, fn->params[i]);
	w_exprs(w, fn->exprs, fn->nexprs);
	w_int(w, fn->nevents);
	for (int i = 0; i < fn->nevents; i++)
		w_event(w, &fn->events[i]);
	w_int(w, fn->nargs);
	for (int i = 0; i < fn->nargs; i++)
		w_int(w, fn->args[i]);
	w_int(w, fn->nblocks);
	for (int i = 0; i < fn->nblocks; i++)
		w_block(w, &fn->blocks[i]);
	w_int(w, fn->ncases);
	for (int i = 0; i < fn->ncases; i++) {
		w_int(w, fn->cases[i].lo);
		w_int(w, fn->cases[i].hi);
		w_int(w, fn->cases[i].target);
		w_uint(w, fn->cases[i].known);
	}
}

/* One global with its initializer stores. */
static void w_global(struct mio_writer *w, const struct model_global *g)
{
	w_str(w, g->name);
	w_str(w, g->type);
	w_loc(w, g->loc);
	w_uint(w, g->is_static);
	w_uint(w, g->is_definition);
	w_int(w, g->ninits);
	for (int i = 0; i < g->ninits; i++) {
		w_str(w, g->inits[i].path);
		w_int(w, g->inits[i].value);
	}
}

/* Every field of the file, in struct order. */
static void w_file(struct mio_writer *w, const struct model_file *mf)
{
	w_str(w, mf->path);
	w_int(w, mf->nfiles);
	for (int i = 0; i < mf->nfiles; i++)
		w_str(w, mf->files[i]);
	w_int(w, mf->nfunctions);
	for (int i = 0; i < mf->nfunctions; i++)
		w_function(w, &mf->functions[i]);
	w_int(w, mf->nglobals);
	for (int i = 0; i < mf->nglobals; i++)
		w_global(w, &mf->globals[i]);
	w_exprs(w, mf->gexprs, mf->ngexprs);
	w_int(w, mf->ndiags);
	for (int i = 0; i < mf->ndiags; i++) {
		const struct model_diag *d = &mf->diags[i];
		w_loc(w, d->loc);
		w_uint(w, d->offset);
		w_int(w, d->severity);
		w_str(w, d->message);
		w_str(w, d->header_note);
	}
	w_int(w, mf->nnotes);
	for (int i = 0; i < mf->nnotes; i++) {
		const struct model_note *n = &mf->notes[i];
		w_str(w, n->file);
		w_uint(w, n->line);
		w_uint(w, n->col);
		w_str(w, n->message);
	}
	w_int(w, mf->ndeps);
	for (int i = 0; i < mf->ndeps; i++)
		w_str(w, mf->deps[i]);
}

/* Header, string table, body length, body (see model_io.h). */
bool model_io_write(const struct model_file *mf, unsigned char **out,
		    size_t *len)
{
	struct mio_writer w = { 0 };
	struct mio_buf all = { 0 };

	*out = NULL;
	*len = 0;
	w_file(&w, mf);
	mio_bytes(&all, model_io_magic, sizeof(model_io_magic));
	mio_uvar(&all, MODEL_IO_FORMAT);
	mio_uvar(&all, (uint64_t)w.st.n);
	for (int i = 0; i < w.st.n; i++) {
		size_t n = strlen(w.st.strs[i]);
		mio_uvar(&all, n);
		mio_bytes(&all, w.st.strs[i], n);
	}
	mio_uvar(&all, w.body.len);
	mio_bytes(&all, w.body.data, w.body.len);
	free(w.body.data);
	free(w.st.strs);
	free(w.st.slots);
	if (w.failed || w.body.failed || all.failed) {
		free(all.data);
		return false;
	}
	*out = all.data;
	*len = all.len;
	return true;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

struct mio_reader {
	const unsigned char *p, *end;
	bool ok;
	const char **strs;      /* [nstrs] arena strings */
	uint64_t nstrs;
	struct arena *arena;
};

/* An unsigned LEB128 number; 0 and !ok past the end or when too long. */
static uint64_t r_uvar(struct mio_reader *r)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (r->ok) {
		if (r->p >= r->end || shift > 63) {
			r->ok = false;
			break;
		}
		unsigned char byte = *r->p++;
		v |= (uint64_t)(byte & 0x7f) << shift;
		if (!(byte & 0x80))
			return v;
		shift += 7;
	}
	return 0;
}

/* A zigzag-encoded signed number. */
static long long r_svar(struct mio_reader *r)
{
	uint64_t u = r_uvar(r);
	return (long long)((u >> 1) ^ (0 - (u & 1)));
}

/* An int that must lie in [lo, hi]. */
static int r_int(struct mio_reader *r, long long lo, long long hi)
{
	long long v = r_svar(r);
	if (v < lo || v > hi || v < INT_MIN || v > INT_MAX)
		r->ok = false;
	return r->ok ? (int)v : 0;
}

/* An unsigned int. */
static unsigned r_uint(struct mio_reader *r)
{
	uint64_t v = r_uvar(r);
	if (v > UINT_MAX)
		r->ok = false;
	return r->ok ? (unsigned)v : 0;
}

/* A bool: 0 or 1, nothing else. */
static bool r_bool(struct mio_reader *r)
{
	uint64_t v = r_uvar(r);
	if (v > 1)
		r->ok = false;
	return v == 1;
}

/* An enumeration value below `count`. */
static unsigned r_enum(struct mio_reader *r, unsigned count)
{
	uint64_t v = r_uvar(r);
	if (v >= count)
		r->ok = false;
	return r->ok ? (unsigned)v : 0;
}

/* A string by table index (0: NULL). */
static const char *r_str(struct mio_reader *r)
{
	uint64_t id = r_uvar(r);
	if (id > r->nstrs)
		r->ok = false;
	return r->ok && id > 0 ? r->strs[id - 1] : NULL;
}

/* An array count: each element takes at least one byte, so a count larger
 * than the bytes left is damage (and never a huge allocation). */
static int r_count(struct mio_reader *r)
{
	int n = r_int(r, 0, INT_MAX);
	if ((size_t)n > (size_t)(r->end - r->p))
		r->ok = false;
	return r->ok ? n : 0;
}

/* n + 1 zeroed elements, as the front end allocates them. */
static void *r_array(struct mio_reader *r, int n, size_t size)
{
	return arena_calloc(r->arena, (size_t)n + 1, size);
}

/* A location whose file index names an entry of the file table. */
static struct model_loc r_loc(struct mio_reader *r, int nfiles)
{
	struct model_loc l;
	l.file = r_int(r, 0, nfiles > 0 ? nfiles - 1 : 0);
	l.line = r_uint(r);
	l.col = r_uint(r);
	return l;
}

/* One expression; child references are checked by r_exprs. */
static void r_expr(struct mio_reader *r, struct expr *x, int nfiles)
{
	x->kind = r_enum(r, EXPR_ZERO_INIT + 1);
	x->op = r_enum(r, OP__COUNT);
	x->a = r_int(r, -1, INT_MAX);
	x->b = r_int(r, -1, INT_MAX);
	x->c = r_int(r, -1, INT_MAX);
	x->value = r_svar(r);
	x->name = r_str(r);
	x->type = r_str(r);
	x->scope = r_enum(r, SCOPE_GLOBAL + 1);
	x->var = r_int(r, INT_MIN, INT_MAX);
	x->arrow = r_bool(r);
	x->call = r_int(r, INT_MIN, INT_MAX);
	x->loc = r_loc(r, nfiles);
}

/* Reads an expression pool and checks its child references. */
static struct expr *r_exprs(struct mio_reader *r, int *n, int nfiles)
{
	*n = r_count(r);
	struct expr *x = r_array(r, *n, sizeof(*x));
	for (int i = 0; i < *n && r->ok; i++) {
		r_expr(r, &x[i], nfiles);
		if (x[i].a >= *n || x[i].b >= *n || x[i].c >= *n)
			r->ok = false;
	}
	return x;
}

/* One event; references are checked by function_refs_ok. */
static void r_event(struct mio_reader *r, struct event *e, int nfiles)
{
	e->kind = r_enum(r, EV_STORE + 1);
	e->loc = r_loc(r, nfiles);
	e->callee = r_str(r);
	e->macro = r_str(r);
	e->callee_expr = r_int(r, -1, INT_MAX);
	e->first_arg = r_int(r, INT_MIN, INT_MAX);
	e->nargs = r_int(r, 0, INT_MAX);
	e->result = r_int(r, -1, INT_MAX);
	e->declared_in_header = r_bool(r);
	e->target = r_int(r, -1, INT_MAX);
	e->value = r_int(r, -1, INT_MAX);
	e->store_op = r_enum(r, OP__COUNT);
}

/* One block; references are checked by function_refs_ok. */
static void r_block(struct mio_reader *r, struct block *k, int nfiles)
{
	k->first_event = r_int(r, 0, INT_MAX);
	k->nevents = r_int(r, 0, INT_MAX);
	k->term = r_enum(r, TERM_EXIT + 1);
	k->cond = r_int(r, -1, INT_MAX);
	k->succ[0] = r_int(r, -1, INT_MAX);
	k->succ[1] = r_int(r, -1, INT_MAX);
	k->first_case = r_int(r, 0, INT_MAX);
	k->ncases = r_int(r, 0, INT_MAX);
	k->loc = r_loc(r, nfiles);
	k->implicit_return = r_bool(r);
}

/* Is [first, first + n) inside an array of `total` (n 0: anything)? */
static bool range_ok(int first, int n, int total)
{
	return n == 0 || (first >= 0 && first <= total && n <= total - first);
}

/* Checks a function's references once all of it is read. */
static bool function_refs_ok(const struct model_function *fn)
{
	int nx = fn->nexprs;

	for (int i = 0; i < nx; i++) {
		const struct expr *x = &fn->exprs[i];
		if (x->kind == EXPR_CALL && (x->call < 0 || x->call >= fn->nevents))
			return false;
	}
	for (int i = 0; i < fn->nevents; i++) {
		const struct event *e = &fn->events[i];
		if (e->callee_expr >= nx || e->result >= nx || e->target >= nx ||
		    e->value >= nx || !range_ok(e->first_arg, e->nargs, fn->nargs))
			return false;
	}
	for (int i = 0; i < fn->nargs; i++)
		if (fn->args[i] < -1 || fn->args[i] >= nx)
			return false;
	for (int i = 0; i < fn->nblocks; i++) {
		const struct block *k = &fn->blocks[i];
		if (!range_ok(k->first_event, k->nevents, fn->nevents) ||
		    !range_ok(k->first_case, k->ncases, fn->ncases) ||
		    k->cond >= nx || k->succ[0] >= fn->nblocks ||
		    k->succ[1] >= fn->nblocks)
			return false;
	}
	for (int i = 0; i < fn->ncases; i++)
		if (fn->cases[i].target < -1 || fn->cases[i].target >= fn->nblocks)
			return false;
	return true;
}

/* One function, then the check of its cross references. */
static void r_function(struct mio_reader *r, struct model_function *fn,
		       int nfiles)
{
	fn->name = r_str(r);
	fn->loc = r_loc(r, nfiles);
	fn->is_static = r_bool(r);
	fn->in_header = r_bool(r);
	fn->body_begin = r_uint(r);
	fn->body_end = r_uint(r);
	fn->body_end_loc = r_loc(r, nfiles);
	fn->nparams = r_count(r);
	fn->params = r_array(r, fn->nparams, sizeof(*fn->params));
	for (int i = 0; i < fn->nparams && r->ok; i++)
		fn->params[i] = r_str(r);
	fn->exprs = r_exprs(r, &fn->nexprs, nfiles);
	fn->nevents = r_count(r);
	fn->events = r_array(r, fn->nevents, sizeof(*fn->events));
	for (int i = 0; i < fn->nevents && r->ok; i++)
		r_event(r, &fn->events[i], nfiles);
	fn->nargs = r_count(r);
	fn->args = r_array(r, fn->nargs, sizeof(*fn->args));
	for (int i = 0; i < fn->nargs && r->ok; i++)
		fn->args[i] = r_int(r, -1, INT_MAX);
	fn->nblocks = r_count(r);
	fn->blocks = r_array(r, fn->nblocks, sizeof(*fn->blocks));
	for (int i = 0; i < fn->nblocks && r->ok; i++)
		r_block(r, &fn->blocks[i], nfiles);
	fn->ncases = r_count(r);
	fn->cases = r_array(r, fn->ncases, sizeof(*fn->cases));
	for (int i = 0; i < fn->ncases && r->ok; i++) {
		fn->cases[i].lo = r_svar(r);
		fn->cases[i].hi = r_svar(r);
		fn->cases[i].target = r_int(r, -1, INT_MAX);
		fn->cases[i].known = r_bool(r);
	}
	if (r->ok && !function_refs_ok(fn))
		r->ok = false;
}

/* One global; init values are checked by globals_refs_ok. */
static void r_global(struct mio_reader *r, struct model_global *g, int nfiles)
{
	g->name = r_str(r);
	g->type = r_str(r);
	g->loc = r_loc(r, nfiles);
	g->is_static = r_bool(r);
	g->is_definition = r_bool(r);
	g->ninits = r_count(r);
	g->inits = r_array(r, g->ninits, sizeof(*g->inits));
	for (int i = 0; i < g->ninits && r->ok; i++) {
		g->inits[i].path = r_str(r);
		g->inits[i].value = r_int(r, -1, INT_MAX);
	}
}

/* Global initializers name expressions of the file's pool. */
static bool globals_refs_ok(const struct model_file *mf)
{
	for (int i = 0; i < mf->nglobals; i++)
		for (int k = 0; k < mf->globals[i].ninits; k++)
			if (mf->globals[i].inits[k].value >= mf->ngexprs)
				return false;
	return true;
}

/* The parser diagnostics kept in the model. */
static void r_diags(struct mio_reader *r, struct model_file *mf)
{
	mf->ndiags = r_count(r);
	mf->diags = r_array(r, mf->ndiags, sizeof(*mf->diags));
	for (int i = 0; i < mf->ndiags && r->ok; i++) {
		struct model_diag *d = &mf->diags[i];
		d->loc = r_loc(r, mf->nfiles);
		d->offset = r_uint(r);
		d->severity = r_int(r, INT_MIN, INT_MAX);
		d->message = r_str(r);
		d->header_note = r_str(r);
	}
}

/* The front end's notes. */
static void r_notes(struct mio_reader *r, struct model_file *mf)
{
	mf->nnotes = r_count(r);
	mf->notes = r_array(r, mf->nnotes, sizeof(*mf->notes));
	for (int i = 0; i < mf->nnotes && r->ok; i++) {
		struct model_note *n = &mf->notes[i];
		n->file = r_str(r);
		n->line = r_uint(r);
		n->col = r_uint(r);
		n->message = r_str(r);
	}
}

/* The body: every field of the file in the order w_file wrote them. */
static void r_file(struct mio_reader *r, struct model_file *mf)
{
	mf->path = r_str(r);
	mf->nfiles = r_count(r);
	mf->files = r_array(r, mf->nfiles, sizeof(*mf->files));
	for (int i = 0; i < mf->nfiles && r->ok; i++)
		mf->files[i] = r_str(r);
	mf->nfunctions = r_count(r);
	mf->functions = r_array(r, mf->nfunctions, sizeof(*mf->functions));
	for (int i = 0; i < mf->nfunctions && r->ok; i++)
		r_function(r, &mf->functions[i], mf->nfiles);
	mf->nglobals = r_count(r);
	mf->globals = r_array(r, mf->nglobals, sizeof(*mf->globals));
	for (int i = 0; i < mf->nglobals && r->ok; i++)
		r_global(r, &mf->globals[i], mf->nfiles);
	mf->gexprs = r_exprs(r, &mf->ngexprs, mf->nfiles);
	r_diags(r, mf);
	r_notes(r, mf);
	mf->ndeps = r_count(r);
	mf->deps = r_array(r, mf->ndeps, sizeof(*mf->deps));
	for (int i = 0; i < mf->ndeps && r->ok; i++) {
		mf->deps[i] = r_str(r);
		if (!mf->deps[i])
			r->ok = false;
	}
	if (r->ok && (!mf->path || !globals_refs_ok(mf)))
		r->ok = false;
	for (int i = 0; i < mf->nfiles && r->ok; i++)
		if (!mf->files[i])
			r->ok = false;
}

/* The header and the string table, into arena strings. */
static bool r_strings(struct mio_reader *r)
{
	if ((size_t)(r->end - r->p) < sizeof(model_io_magic) ||
	    memcmp(r->p, model_io_magic, sizeof(model_io_magic)) != 0)
		return false;
	r->p += sizeof(model_io_magic);
	if (r_uvar(r) != MODEL_IO_FORMAT || !r->ok)
		return false;
	r->nstrs = r_uvar(r);
	if (!r->ok || r->nstrs > (uint64_t)(r->end - r->p))
		return false;
	r->strs = calloc((size_t)r->nstrs + 1, sizeof(*r->strs));
	if (!r->strs)
		return false;
	for (uint64_t i = 0; i < r->nstrs && r->ok; i++) {
		uint64_t n = r_uvar(r);
		if (!r->ok || n > (uint64_t)(r->end - r->p) ||
		    memchr(r->p, '\0', (size_t)n) != NULL)
			return false;
		r->strs[i] = arena_strndup(r->arena, (const char *)r->p, (size_t)n);
		r->p += n;
	}
	return r->ok;
}

/* Reads a whole model or nothing (see model_io.h). */
struct model_file *model_io_read(const void *data, size_t len)
{
	struct mio_reader r = { 0 };
	struct model_file *mf = calloc(1, sizeof(*mf));

	if (!data || !mf) {
		free(mf);
		return NULL;
	}
	mf->arena = arena_new();
	r.p = data;
	r.end = r.p + len;
	r.ok = true;
	r.arena = mf->arena;
	if (r_strings(&r)) {
		uint64_t body = r_uvar(&r);
		if (r.ok && body == (uint64_t)(r.end - r.p))
			r_file(&r, mf);
		else
			r.ok = false;
	} else {
		r.ok = false;
	}
	free(r.strs);
	if (!r.ok || r.p != r.end) {
		model_file_free(mf);
		return NULL;
	}
	return mf;
}
