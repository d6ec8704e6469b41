/*
 * state.c - interned locations, abstract values and states (see state.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		abort();
	return q;
}

/* ------------------------------------------------------------------ */
/* Strings */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void strtab_init(struct strtab *t)
{
	memset(t, 0, sizeof(*t));
	t->nslots = 1024;
	t->slots = xrealloc(NULL, (size_t)t->nslots * sizeof(int));
	memset(t->slots, 0xff, (size_t)t->nslots * sizeof(int));
}

void strtab_free(struct strtab *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
	free(t->depth);
	free(t->kind);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static int slot_of(const struct strtab *t, const char *s)
{
	size_t mask = (size_t)t->nslots - 1;
	size_t i = (size_t)hash_str(s) & mask;
	while (t->slots[i] >= 0 && strcmp(t->s[t->slots[i]], s) != 0)
		i = (i + 1) & mask;
	return (int)i;
}

int strtab_find(const struct strtab *t, const char *s)
{
	return t->slots[slot_of(t, s)];
}

/* "l3:..." -> 3; globals and names -> -1. */
static int depth_of(const char *s)
{
	if ((s[0] == 'l' || s[0] == 'p' || s[0] == 'r') && s[1] >= '0' && s[1] <= '9')
		return atoi(s + 1);
	return -1;
}

static void rehash(struct strtab *t)
{
	free(t->slots);
	t->nslots *= 2;
	t->slots = xrealloc(NULL, (size_t)t->nslots * sizeof(int));
	memset(t->slots, 0xff, (size_t)t->nslots * sizeof(int));
	for (int i = 0; i < t->n; i++)
		t->slots[slot_of(t, t->s[i])] = i;
}

int strtab_intern(struct strtab *t, const char *s)
{
	int slot = slot_of(t, s);
	if (t->slots[slot] >= 0)
		return t->slots[slot];
	if (t->n >= t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->s = xrealloc(t->s, (size_t)t->cap * sizeof(char *));
		t->depth = xrealloc(t->depth, (size_t)t->cap * sizeof(int));
		t->kind = xrealloc(t->kind, (size_t)t->cap);
	}
	t->s[t->n] = strdup(s);
	if (!t->s[t->n])
		abort();
	t->depth[t->n] = depth_of(s);
	t->kind[t->n] = s[0];
	t->slots[slot] = t->n;
	int id = t->n++;
	if (t->n * 2 > t->nslots)
		rehash(t);
	return id;
}

/* ------------------------------------------------------------------ */
/* Binding arrays */

struct binding {
	int loc;
	struct aval v;
};

/* Kept states hold millions of bindings on big drivers: keep them packed
 * (struct aval puts its long long first for this). */
_Static_assert(sizeof(struct binding) == 24, "struct binding is not packed");

/*
 * The bindings of a state, sorted by loc.  One array is shared by the
 * states copied from one another (and by the pool) until one of them
 * changes its bindings: that one first takes a copy of its own (see
 * writable), so copying a state costs nothing, and the many states kept
 * at join points share their storage.
 */
struct bindings {
	int refs;               /* holders: states, and the pool */
	int n, cap;
	uint64_t hash;          /* bindings_hash, cached; 0: not known */
	struct binding b[];
};

static struct bindings *bindings_new(int cap)
{
	struct bindings *a = malloc(sizeof(*a) + (size_t)cap * sizeof(a->b[0]));
	if (!a)
		abort();
	a->refs = 1;
	a->n = 0;
	a->cap = cap;
	a->hash = 0;
	return a;
}

static void bindings_release(struct bindings *a)
{
	if (--a->refs == 0)
		free(a);
}

/* A copy of a holding its n bindings, with room for cap. */
static struct bindings *bindings_dup(const struct bindings *a, int cap)
{
	struct bindings *c = bindings_new(cap);
	memcpy(c->b, a->b, (size_t)a->n * sizeof(a->b[0]));
	c->n = a->n;
	c->hash = a->hash;
	return c;
}

/* Capacity for `need` bindings when `cap` is too small: doubling, so that
 * a run of insertions reallocates a logarithmic number of times. */
static int grown_cap(int cap, int need)
{
	int c = cap > 8 ? cap : 8;
	while (c < need)
		c *= 2;
	return c;
}

/*
 * The bindings of s, made safe to change and able to hold `need`: an
 * array another holder shares is copied first (the others keep the old
 * contents).  Every change goes through here, and only once the caller
 * knows it changes something, so that a state that changes nothing is
 * never copied.
 */
static struct binding *writable(struct state *s, int need)
{
	struct bindings *a = s->bs;
	if (a->refs > 1) {
		/* shared arrays are often pooled ones of exact size: the copy
		 * grows only when the change inserts */
		int cap = need <= a->n ? a->n : grown_cap(a->n, need);
		a->refs--;      /* never reaches 0: another holder remains */
		a = bindings_dup(a, cap);
	} else if (need > a->cap) {
		int cap = grown_cap(a->cap, need);
		a = xrealloc(a, sizeof(*a) + (size_t)cap * sizeof(a->b[0]));
		a->cap = cap;
	}
	a->hash = 0;            /* the caller changes the bindings */
	s->bs = a;
	return a->b;
}

/* Inserts (loc, v) at index i, which keeps the array sorted. */
static void insert_at(struct state *s, int i, int loc, struct aval v)
{
	int n = s->bs->n;
	struct binding *b = writable(s, n + 1);
	memmove(&b[i + 1], &b[i], (size_t)(n - i) * sizeof(*b));
	b[i].loc = loc;
	b[i].v = v;
	s->bs->n = n + 1;
}

static void remove_at(struct state *s, int i)
{
	int n = s->bs->n;
	struct binding *b = writable(s, n);
	memmove(&b[i], &b[i + 1], (size_t)(n - i - 1) * sizeof(*b));
	s->bs->n = n - 1;
}

/* A predicate on bindings, for filter_bindings. */
typedef bool keep_fn(const struct binding *x, const void *arg);

/*
 * Keeps the bindings of s that keep() accepts.  The scan for the first
 * one to drop reads the shared array: only a state that loses a binding
 * is copied (state_drop_calls runs at every block entry and mostly drops
 * nothing).  Inline, so that each caller gets keep() inlined.
 */
static inline void filter_bindings(struct state *s, keep_fn *keep, const void *arg)
{
	const struct bindings *a = s->bs;
	int n = a->n, i = 0;
	while (i < n && keep(&a->b[i], arg))
		i++;
	if (i == n)
		return;
	struct binding *b = writable(s, n);
	int k = i;
	for (i++; i < n; i++)
		if (keep(&b[i], arg))
			b[k++] = b[i];
	s->bs->n = k;
}

/* ------------------------------------------------------------------ */
/* States */

struct state *state_new(void)
{
	struct state *s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	s->reg_fn[0] = s->reg_fn[1] = s->reg_ev[0] = s->reg_ev[1] = -1;
	s->bs = bindings_new(8);
	return s;
}

void state_share(struct state *dst, const struct state *src)
{
	*dst = *src;
	dst->bs->refs++;
}

struct state *state_copy(const struct state *s)
{
	struct state *c = malloc(sizeof(*c));
	if (!c)
		abort();
	state_share(c, s);
	return c;
}

void state_release(struct state *s)
{
	bindings_release(s->bs);
	s->bs = NULL;
}

void state_free(struct state *s)
{
	if (!s)
		return;
	state_release(s);
	free(s);
}

static bool aval_equal(struct aval a, struct aval b)
{
	return a.kind == b.kind && a.c == b.c && a.ref == b.ref;
}

static bool bindings_equal(const struct bindings *a, const struct bindings *b)
{
	if (a == b)
		return true;
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++)
		if (a->b[i].loc != b->b[i].loc || !aval_equal(a->b[i].v, b->b[i].v))
			return false;
	return true;
}

bool state_equal(const struct state *a, const struct state *b)
{
	if (a->flags != b->flags ||
	    memcmp(a->reg, b->reg, sizeof(a->reg)) != 0 ||
	    memcmp(a->reg_fn, b->reg_fn, sizeof(a->reg_fn)) != 0 ||
	    memcmp(a->reg_ev, b->reg_ev, sizeof(a->reg_ev)) != 0)
		return false;
	return bindings_equal(a->bs, b->bs);
}

#define FNV_OFFSET 1469598103934665603ULL
#define MIX(h, x) ((h) = ((h) ^ (uint64_t)(x)) * 1099511628211ULL)

/* An FNV-1a hash of the bindings of a, computed once per array: states
 * pass many blocks unchanged, and pooled arrays never change. */
static uint64_t bindings_hash(struct bindings *a)
{
	if (a->hash)
		return a->hash;
	uint64_t h = FNV_OFFSET;
	for (int i = 0; i < a->n; i++) {
		MIX(h, a->b[i].loc);
		MIX(h, a->b[i].v.kind);
		MIX(h, a->b[i].v.c);
		MIX(h, a->b[i].v.ref);
	}
	a->hash = h;
	return h;
}

/* The registration fields, then the bindings' own hash (cached in their
 * array): equal states hash equal, as before the cache. */
uint64_t state_hash(const struct state *s)
{
	uint64_t h = FNV_OFFSET;
	MIX(h, s->reg[0]);
	MIX(h, s->reg[1]);
	MIX(h, s->flags);
	MIX(h, s->reg_fn[0]);
	MIX(h, s->reg_ev[0]);
	MIX(h, s->reg_fn[1]);
	MIX(h, s->reg_ev[1]);
	return MIX(h, bindings_hash(s->bs));
}

/* Index of loc in s's bindings, or the insertion point encoded as -(i+1). */
static int find_index(const struct state *s, int loc)
{
	const struct binding *b = s->bs->b;
	int lo = 0, hi = s->bs->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (b[mid].loc < loc)
			lo = mid + 1;
		else if (b[mid].loc > loc)
			hi = mid;
		else
			return mid;
	}
	return -(lo + 1);
}

const struct aval *state_get(const struct state *s, int loc)
{
	int i = find_index(s, loc);
	return i >= 0 ? &s->bs->b[i].v : NULL;
}

void state_set(struct state *s, int loc, struct aval v)
{
	int i = find_index(s, loc);
	if (v.kind == AV_TOP) {
		if (i >= 0)
			remove_at(s, i);
		return;
	}
	if (i < 0) {
		insert_at(s, -(i + 1), loc, v);
		return;
	}
	/* rebinding the same value must not copy a shared array */
	if (!aval_equal(s->bs->b[i].v, v))
		writable(s, s->bs->n)[i].v = v;
}

/* Is `s` the location `base` or one below it? */
static bool is_below(const char *s, const char *base, size_t blen)
{
	if (strncmp(s, base, blen) != 0)
		return false;
	char c = s[blen];
	return c == '\0' || c == '.' || c == '[' || (c == '-' && s[blen + 1] == '>');
}

/* A location and the string table, for keep_not_below. */
struct below_arg {
	const struct strtab *t;
	const char *base;
	size_t blen;
};

static bool keep_not_below(const struct binding *x, const void *arg)
{
	const struct below_arg *a = arg;
	return !is_below(a->t->s[x->loc], a->base, a->blen);
}

void state_kill(struct state *s, const struct strtab *t, int loc)
{
	struct below_arg a = { t, t->s[loc], strlen(t->s[loc]) };
	filter_bindings(s, keep_not_below, &a);
}

/*
 * The enclosing location one step up ("a.b.c" -> "a.b", "a[]" -> "a"),
 * without crossing a pointer ("p->x" has no container in the state).
 */
static bool parent_path(char *buf)
{
	size_t n = strlen(buf);
	while (n > 0) {
		n--;
		if (buf[n] == '.' || buf[n] == '[') {
			buf[n] = '\0';
			return true;
		}
		if (buf[n] == '>' && n > 0 && buf[n - 1] == '-')
			return false;
		if (buf[n] == ':')
			return false;
	}
	return false;
}

struct aval state_load(const struct state *s, const struct strtab *t, int loc)
{
	const struct aval *v = state_get(s, loc);
	if (v)
		return v->kind == AV_ZERO_AGG ? av_const(0) : *v;
	char buf[512];
	snprintf(buf, sizeof(buf), "%s", t->s[loc]);
	while (parent_path(buf)) {
		int p = strtab_find(t, buf);
		const struct aval *pv = p >= 0 ? state_get(s, p) : NULL;
		if (pv)
			return pv->kind == AV_ZERO_AGG ? av_const(0) : av_top();
	}
	return av_top();
}

/* Does some location containing loc have a binding (so that loading loc
 * would read through it)? */
static bool has_container_binding(const struct state *s, const struct strtab *t, int loc)
{
	char buf[512];
	snprintf(buf, sizeof(buf), "%s", t->s[loc]);
	while (parent_path(buf)) {
		int p = strtab_find(t, buf);
		if (p >= 0 && state_get(s, p))
			return true;
	}
	return false;
}

void state_forget(struct state *s, const struct strtab *t, int loc)
{
	state_kill(s, t, loc);
	if (!has_container_binding(s, t, loc))
		return;
	/* an explicit unknown shadows the zero-filled container */
	int i = find_index(s, loc);
	if (i < 0)
		insert_at(s, -(i + 1), loc, av_top());
}

void state_copy_tree(struct state *s, struct strtab *t, int to, int from)
{
	const char *fs = t->s[from];
	size_t flen = strlen(fs);
	struct binding *copies = NULL;
	int nc = 0;
	struct aval whole = state_load(s, t, from);
	const struct aval *exact_p = state_get(s, from);
	struct aval exact_v = exact_p ? *exact_p : av_top();   /* s->bs changes below */
	const struct aval *exact = exact_p ? &exact_v : NULL;
	const struct bindings *a = s->bs;

	for (int i = 0; i < a->n; i++) {
		const char *ls = t->s[a->b[i].loc];
		if (a->b[i].loc != from && is_below(ls, fs, flen)) {
			copies = xrealloc(copies, (size_t)(nc + 1) * sizeof(*copies));
			copies[nc++] = a->b[i];
		}
	}
	state_forget(s, t, to);
	if (exact && exact->kind != AV_TOP)
		state_set(s, to, *exact);
	else if (whole.kind != AV_TOP)
		state_set(s, to, whole);
	for (int i = 0; i < nc; i++) {
		char buf[512];
		snprintf(buf, sizeof(buf), "%s%s", t->s[to], t->s[copies[i].loc] + flen);
		state_set(s, strtab_intern(t, buf), copies[i].v);
	}
	free(copies);
}

/* A frame depth and the string table, for keep_other_frame/keep_not_call. */
struct depth_arg {
	const struct strtab *t;
	int depth;
};

static bool keep_other_frame(const struct binding *x, const void *arg)
{
	const struct depth_arg *a = arg;
	return a->t->depth[x->loc] != a->depth;
}

void state_drop_frame(struct state *s, const struct strtab *t, int depth)
{
	struct depth_arg a = { t, depth };
	filter_bindings(s, keep_other_frame, &a);
}

static bool keep_not_call(const struct binding *x, const void *arg)
{
	const struct depth_arg *a = arg;
	return !(a->t->kind[x->loc] == 'r' && a->t->depth[x->loc] == a->depth);
}

void state_drop_calls(struct state *s, const struct strtab *t, int depth)
{
	struct depth_arg a = { t, depth };
	filter_bindings(s, keep_not_call, &a);
}

static bool keep_agreed(const struct binding *x, const void *arg)
{
	const struct aval *r = state_get(arg, x->loc);
	return r && aval_equal(*r, x->v);
}

void state_widen(struct state *s, const struct state *ref)
{
	filter_bindings(s, keep_agreed, ref);
}

/* ------------------------------------------------------------------ */
/* The pool */

struct pool_slot {
	uint64_t hash;          /* bindings_hash of a */
	struct bindings *a;     /* NULL: empty */
};

struct state_pool {
	struct pool_slot *slots;        /* open addressing */
	int n, nslots;
};

struct state_pool *state_pool_new(void)
{
	struct state_pool *p = calloc(1, sizeof(*p));
	if (!p)
		abort();
	p->nslots = 256;
	p->slots = calloc((size_t)p->nslots, sizeof(*p->slots));
	if (!p->slots)
		abort();
	return p;
}

void state_pool_free(struct state_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->nslots; i++)
		if (p->slots[i].a)
			bindings_release(p->slots[i].a);
	free(p->slots);
	free(p);
}

/* The slot holding bindings equal to a (hash h), or the empty one where
 * they would go. */
static struct pool_slot *pool_slot_of(const struct state_pool *p, const struct bindings *a,
				      uint64_t h)
{
	size_t mask = (size_t)p->nslots - 1;
	size_t i = (size_t)h & mask;
	while (p->slots[i].a && !(p->slots[i].hash == h && bindings_equal(p->slots[i].a, a)))
		i = (i + 1) & mask;
	return &p->slots[i];
}

static void pool_grow(struct state_pool *p)
{
	struct pool_slot *old = p->slots;
	int nold = p->nslots;
	p->nslots *= 2;
	p->slots = calloc((size_t)p->nslots, sizeof(*p->slots));
	if (!p->slots)
		abort();
	for (int i = 0; i < nold; i++)
		if (old[i].a)
			*pool_slot_of(p, old[i].a, old[i].hash) = old[i];
	free(old);
}

/* The bindings of s at their exact size, for keeping: an array nobody
 * else holds shrinks in place, a shared one with room to spare is
 * copied. */
static struct bindings *exact_bindings(struct state *s)
{
	struct bindings *a = s->bs;
	if (a->cap == a->n)
		return a;
	if (a->refs == 1) {
		a = xrealloc(a, sizeof(*a) + (size_t)a->n * sizeof(a->b[0]));
		a->cap = a->n;
		return a;
	}
	a->refs--;              /* s lets go of it; another holder remains */
	return bindings_dup(a, a->n);
}

void state_pool_intern(struct state_pool *p, struct state *s)
{
	uint64_t h = bindings_hash(s->bs);
	struct pool_slot *slot = pool_slot_of(p, s->bs, h);
	if (slot->a) {
		if (slot->a != s->bs) {
			slot->a->refs++;
			bindings_release(s->bs);
			s->bs = slot->a;
		}
		return;
	}
	s->bs = exact_bindings(s);
	s->bs->refs++;          /* the pool's: pooled arrays stay shared */
	slot->hash = h;
	slot->a = s->bs;
	if (++p->n * 2 > p->nslots)
		pool_grow(p);
}
