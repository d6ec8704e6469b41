/*
 * state.c - interned locations, abstract values and states (see state.h).
 */
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "../analyzer/model.h"

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		abort();
	return q;
}

/* ------------------------------------------------------------------ */
/* Strings */

static uint64_t hash_str(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

void strtab_init(struct strtab *t)
{
	memset(t, 0, sizeof(*t));
	t->text = arena_new();
	t->nslots = 1024;
	t->slots = xrealloc(NULL, (size_t)t->nslots * sizeof(int));
	memset(t->slots, 0xff, (size_t)t->nslots * sizeof(int));
}

void strtab_free(struct strtab *t)
{
	arena_free(t->text);
	free(t->s);
	free(t->depth);
	free(t->kind);
	free(t->up);
	free(t->nup);
	free(t->container);
	free(t->has_below);
	free(t->len);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

/* Is string id equal to the len bytes at s? */
static bool same_str(const struct strtab *t, int id, const char *s, size_t len)
{
	return t->len[id] == len && memcmp(t->s[id], s, len) == 0;
}

static int slot_of(const struct strtab *t, const char *s, size_t len)
{
	size_t mask = (size_t)t->nslots - 1;
	size_t i = (size_t)hash_str(s, len) & mask;
	while (t->slots[i] >= 0 && !same_str(t, t->slots[i], s, len))
		i = (i + 1) & mask;
	return (int)i;
}

int strtab_find(const struct strtab *t, const char *s)
{
	return t->slots[slot_of(t, s, strlen(s))];
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
		t->slots[slot_of(t, t->s[i], t->len[i])] = i;
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

/*
 * The container of the len bytes at s, or -1.  state_load looked for it
 * in a 512-byte copy of the location, so a longer one is cut there
 * first, as that copy was.  The container is a shorter prefix cut at a
 * "." or "[": strtab_intern_n has interned it already.
 */
static int container_of(struct strtab *t, const char *s, size_t len)
{
	char buf[512];
	size_t n = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!parent_path(buf))
		return -1;
	return strtab_intern(t, buf);
}


/* Appends the len bytes at s (not interned yet, slot `slot` free for
 * them) with `up` as the string one step up. */
static int add_str(struct strtab *t, const char *s, size_t len, int up)
{
	int container = container_of(t, s, len);
	int slot = slot_of(t, s, len);  /* container_of may have rehashed */
	if (t->n >= t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->s = xrealloc(t->s, (size_t)t->cap * sizeof(char *));
		t->depth = xrealloc(t->depth, (size_t)t->cap * sizeof(int));
		t->kind = xrealloc(t->kind, (size_t)t->cap);
		t->up = xrealloc(t->up, (size_t)t->cap * sizeof(int));
		t->nup = xrealloc(t->nup, (size_t)t->cap * sizeof(int));
		t->container = xrealloc(t->container, (size_t)t->cap * sizeof(int));
		t->has_below = xrealloc(t->has_below, (size_t)t->cap);
		t->len = xrealloc(t->len, (size_t)t->cap * sizeof(size_t));
	}
	/* From the arena: one malloc per chunk, not per string (a big
	 * driver interns tens of thousands). */
	char *copy = arena_strndup(t->text, s, len);
	t->s[t->n] = copy;
	t->len[t->n] = len;
	t->depth[t->n] = depth_of(copy);
	t->kind[t->n] = copy[0];
	t->up[t->n] = up;
	t->nup[t->n] = up >= 0 ? t->nup[up] + 1 : 0;
	t->container[t->n] = container;
	t->has_below[t->n] = 0;
	if (up >= 0)
		t->has_below[up] = 1;
	t->slots[slot] = t->n;
	int id = t->n++;
	if (t->n * 2 > t->nslots)
		rehash(t);
	return id;
}

/* Does a location below another start at s[i] ("." , "[" or "->")? */
static bool is_separator(const char *s, size_t len, size_t i)
{
	return s[i] == '.' || s[i] == '[' || (s[i] == '-' && i + 1 < len && s[i + 1] == '>');
}

int strtab_intern_n(struct strtab *t, const char *s, size_t len)
{
	int id = t->slots[slot_of(t, s, len)];
	if (id >= 0)
		return id;
	/* the prefixes one step up, shortest first, each with the one
	 * before it as its own step up: no recursion on long chains */
	int up = -1;
	for (size_t i = 0; i < len; i++) {
		if (!is_separator(s, len, i))
			continue;
		int p = t->slots[slot_of(t, s, i)];
		up = p >= 0 ? p : add_str(t, s, i, up);
	}
	return add_str(t, s, len, up);
}

int strtab_intern(struct strtab *t, const char *s)
{
	return strtab_intern_n(t, s, strlen(s));
}

bool strtab_is_below(const struct strtab *t, int loc, int base)
{
	int d = t->nup[loc] - t->nup[base];
	if (d < 0)
		return false;
	while (d-- > 0)
		loc = t->up[loc];
	return loc == base;
}

/* ------------------------------------------------------------------ */
/* Binding arrays */

/*
 * A location and its value, in 16 bytes: kept states hold millions of
 * bindings on big drivers, and the value's kind fits in the high bits of
 * the location id.  No padding either, so that arrays compare with
 * memcmp (equal bytes: equal locations and values).
 */
struct binding {
	unsigned lk;            /* loc | kind << LOC_BITS */
	int ref;
	long long c;
};

enum { LOC_BITS = 28 };
#define LOC_MASK ((1u << LOC_BITS) - 1)

_Static_assert(sizeof(struct binding) == 16, "struct binding is not packed");
_Static_assert(AV_FUNC < (1 << (32 - LOC_BITS)), "aval kinds do not fit");

static int b_loc(const struct binding *b)
{
	return (int)(b->lk & LOC_MASK);
}

static struct aval b_val(const struct binding *b)
{
	struct aval v = { .c = b->c, .ref = b->ref, .kind = (enum aval_kind)(b->lk >> LOC_BITS) };
	return v;
}

static void b_set(struct binding *b, int loc, struct aval v)
{
	/* a table of 2^28 locations would not fit in memory first */
	if ((unsigned)loc > LOC_MASK)
		abort();
	b->lk = (unsigned)loc | (unsigned)v.kind << LOC_BITS;
	b->ref = v.ref;
	b->c = v.c;
}

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
	/* Depths (depth_bit) that may have bindings of their frame, and
	 * call results: set by insertions, cleared only by the drop that
	 * removes them all, so that the drops at every block entry and
	 * call skip the scan when there is nothing to drop.  Not part of
	 * the value of the bindings: two equal arrays may differ here. */
	uint32_t frames, calls;
	struct state_mem *m;    /* where it comes from; m->t: the locations */
	uint64_t hash;          /* the sum of binding_hash over b: kept up to
	                           date by every change, so that hashing a
	                           state costs nothing */
	struct binding b[];
};

/* ------------------------------------------------------------------ */
/* Memory */

/* Arrays of up to MEM_MAX_CAP bindings, and states, come from the
 * chunks and go back to a free list per capacity; bigger arrays are
 * malloc'd. */
enum { MEM_MAX_CAP = 128 };

/* A block on a free list: its first bytes link to the next one. */
struct free_block {
	struct free_block *next;
};

struct state_mem {
	const struct strtab *t;
	struct free_block *free_arrays[MEM_MAX_CAP + 1];        /* by cap */
	struct free_block *free_states;
	struct arena *chunks;
};

struct state_mem *state_mem_new(const struct strtab *t)
{
	struct state_mem *m = calloc(1, sizeof(*m));
	if (!m)
		abort();
	m->t = t;
	m->chunks = arena_new();
	return m;
}

void state_mem_free(struct state_mem *m)
{
	if (!m)
		return;
	arena_free(m->chunks);
	free(m);
}

/* size bytes from the chunks. */
static void *mem_carve(struct state_mem *m, size_t size)
{
	return arena_alloc(m->chunks, size);
}

static size_t bindings_size(int cap)
{
	return sizeof(struct bindings) + (size_t)cap * sizeof(struct binding);
}

_Static_assert(sizeof(struct bindings) % 8 == 0, "struct bindings is not 8-aligned");
_Static_assert(sizeof(struct state) % 8 == 0, "struct state is not 8-aligned");

/* Room for an array of cap bindings (header not set). */
static struct bindings *mem_array(struct state_mem *m, int cap)
{
	if (cap > MEM_MAX_CAP) {
		struct bindings *a = malloc(bindings_size(cap));
		if (!a)
			abort();
		return a;
	}
	struct free_block *f = m->free_arrays[cap];
	if (f) {
		m->free_arrays[cap] = f->next;
		return (struct bindings *)f;
	}
	return mem_carve(m, bindings_size(cap));
}

static void mem_array_free(struct bindings *a)
{
	if (a->cap > MEM_MAX_CAP) {
		free(a);
		return;
	}
	struct state_mem *m = a->m;
	struct free_block *f = (struct free_block *)a;
	f->next = m->free_arrays[a->cap];
	m->free_arrays[a->cap] = f;
}

static struct state *mem_state(struct state_mem *m)
{
	struct free_block *f = m->free_states;
	if (f) {
		m->free_states = f->next;
		return (struct state *)f;
	}
	return mem_carve(m, sizeof(struct state));
}

static void mem_state_free(struct state_mem *m, struct state *s)
{
	struct free_block *f = (struct free_block *)s;
	f->next = m->free_states;
	m->free_states = f;
}

/* One binding's share of its array's hash.  A sum of these does not
 * depend on the order of the additions, so that each change adjusts the
 * hash instead of hashing the array again. */
static uint64_t binding_hash(int loc, struct aval v)
{
	uint64_t h = (uint64_t)(uint32_t)loc * 0x9E3779B97F4A7C15ULL;
	h ^= (uint64_t)v.c * 0xC2B2AE3D27D4EB4FULL;
	h ^= ((uint64_t)(uint32_t)v.ref << 8 | (uint64_t)v.kind) * 0x165667B19E3779F9ULL;
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ULL;
	h ^= h >> 33;
	return h;
}

static struct bindings *bindings_new(int cap, struct state_mem *m)
{
	struct bindings *a = mem_array(m, cap);
	a->refs = 1;
	a->n = 0;
	a->cap = cap;
	a->frames = a->calls = 0;
	a->m = m;
	a->hash = 0;
	return a;
}

/* The bit of `frames` and `calls` for depth d: the last one stands for
 * every depth from 31 on, and is never cleared. */
static uint32_t depth_bit(int d)
{
	return d < 31 ? 1u << d : 1u << 31;
}

/* Notes in a's depth masks that loc is bound. */
static void note_loc(struct bindings *a, int loc)
{
	int d = a->m->t->depth[loc];
	if (d < 0)
		return;
	a->frames |= depth_bit(d);
	if (a->m->t->kind[loc] == 'r')
		a->calls |= depth_bit(d);
}

static void bindings_release(struct bindings *a)
{
	if (--a->refs == 0)
		mem_array_free(a);
}

/* A copy of a holding its n bindings, with room for cap. */
static struct bindings *bindings_dup(const struct bindings *a, int cap)
{
	struct bindings *c = bindings_new(cap, a->m);
	memcpy(c->b, a->b, (size_t)a->n * sizeof(a->b[0]));
	c->n = a->n;
	c->frames = a->frames;
	c->calls = a->calls;
	c->hash = a->hash;
	return c;
}

/* a moved to an array of cap bindings (cap >= a->n), a let go of: what
 * realloc did, with the arrays from the chunks. */
static struct bindings *bindings_move(struct bindings *a, int cap)
{
	if (a->cap > MEM_MAX_CAP && cap > MEM_MAX_CAP) {
		a = xrealloc(a, bindings_size(cap));
		a->cap = cap;
		return a;
	}
	struct bindings *c = bindings_dup(a, cap);
	c->refs = a->refs;
	mem_array_free(a);
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
		a = bindings_move(a, grown_cap(a->cap, need));
	}
	s->bs = a;
	return a->b;
}

/* Inserts (loc, v) at index i, which keeps the array sorted. */
static void insert_at(struct state *s, int i, int loc, struct aval v)
{
	int n = s->bs->n;
	struct binding *b = writable(s, n + 1);
	memmove(&b[i + 1], &b[i], (size_t)(n - i) * sizeof(*b));
	b_set(&b[i], loc, v);
	s->bs->n = n + 1;
	s->bs->hash += binding_hash(loc, v);
	note_loc(s->bs, loc);
}

static void remove_at(struct state *s, int i)
{
	int n = s->bs->n;
	struct binding *b = writable(s, n);
	s->bs->hash -= binding_hash(b_loc(&b[i]), b_val(&b[i]));
	memmove(&b[i], &b[i + 1], (size_t)(n - i - 1) * sizeof(*b));
	s->bs->n = n - 1;
}

/* A predicate on bindings, for filter_bindings. */
typedef bool keep_fn(const struct binding *x, const void *arg);

/*
 * Keeps the bindings of s that keep() accepts, from index `from` on (the
 * ones before it are kept).  The scan for the first one to drop reads
 * the shared array: only a state that loses a binding is copied
 * (state_drop_calls runs at every block entry and mostly drops nothing).
 * Inline, so that each caller gets keep() inlined.
 */
static inline void filter_bindings_from(struct state *s, int from, keep_fn *keep,
					const void *arg)
{
	const struct bindings *a = s->bs;
	int n = a->n, i = from;
	while (i < n && keep(&a->b[i], arg))
		i++;
	if (i == n)
		return;
	struct binding *b = writable(s, n);
	uint64_t dropped = binding_hash(b_loc(&b[i]), b_val(&b[i]));
	int k = i;
	for (i++; i < n; i++) {
		if (keep(&b[i], arg))
			b[k++] = b[i];
		else
			dropped += binding_hash(b_loc(&b[i]), b_val(&b[i]));
	}
	s->bs->n = k;
	s->bs->hash -= dropped;
}

static inline void filter_bindings(struct state *s, keep_fn *keep, const void *arg)
{
	filter_bindings_from(s, 0, keep, arg);
}

/* ------------------------------------------------------------------ */
/* States */

struct state *state_new(struct state_mem *m)
{
	struct state *s = mem_state(m);
	memset(s, 0, sizeof(*s));
	s->reg_fn[0] = s->reg_fn[1] = s->reg_ev[0] = s->reg_ev[1] = -1;
	s->bs = bindings_new(8, m);
	return s;
}

void state_share(struct state *dst, const struct state *src)
{
	*dst = *src;
	dst->bs->refs++;
}

struct state *state_copy(const struct state *s)
{
	struct state *c = mem_state(s->bs->m);
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
	struct state_mem *m = s->bs->m;
	state_release(s);
	mem_state_free(m, s);
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
	return memcmp(a->b, b->b, (size_t)a->n * sizeof(a->b[0])) == 0;
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

/* The hash of the bindings of a: kept in the array (see binding_hash). */
static uint64_t bindings_hash(const struct bindings *a)
{
	return a->hash;
}

/* The registration fields, then the bindings' own hash: equal states
 * hash equal. */
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
		if (b_loc(&b[mid]) < loc)
			lo = mid + 1;
		else if (b_loc(&b[mid]) > loc)
			hi = mid;
		else
			return mid;
	}
	return -(lo + 1);
}

bool state_get(const struct state *s, int loc, struct aval *v)
{
	int i = find_index(s, loc);
	if (i < 0)
		return false;
	*v = b_val(&s->bs->b[i]);
	return true;
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
	if (aval_equal(b_val(&s->bs->b[i]), v))
		return;
	struct binding *b = writable(s, s->bs->n);
	s->bs->hash += binding_hash(loc, v) - binding_hash(loc, b_val(&b[i]));
	b_set(&b[i], loc, v);
}

/* A location and the string table, for keep_not_below. */
struct below_arg {
	const struct strtab *t;
	int base;
};

static bool keep_not_below(const struct binding *x, const void *arg)
{
	const struct below_arg *a = arg;
	return !strtab_is_below(a->t, b_loc(x), a->base);
}

/* Bindings are sorted by id, and what is below loc has an id >= loc's:
 * the scan starts at loc's place, and a location nothing is below loses
 * its own binding only. */
void state_kill(struct state *s, const struct strtab *t, int loc)
{
	int i = find_index(s, loc);
	if (!t->has_below[loc]) {
		if (i >= 0)
			remove_at(s, i);
		return;
	}
	struct below_arg a = { t, loc };
	filter_bindings_from(s, i >= 0 ? i : -(i + 1), keep_not_below, &a);
}

/* Into *v, the binding of the nearest container of loc that has one;
 * false when none has. */
static bool container_binding(const struct state *s, const struct strtab *t, int loc,
			      struct aval *v)
{
	for (int p = t->container[loc]; p >= 0; p = t->container[p])
		if (state_get(s, p, v))
			return true;
	return false;
}

struct aval state_load(const struct state *s, const struct strtab *t, int loc)
{
	struct aval v;
	if (state_get(s, loc, &v))
		return v.kind == AV_ZERO_AGG ? av_const(0) : v;
	if (container_binding(s, t, loc, &v))
		return v.kind == AV_ZERO_AGG ? av_const(0) : av_top();
	return av_top();
}

/* Does some location containing loc have a binding (so that loading loc
 * would read through it)? */
static bool has_container_binding(const struct state *s, const struct strtab *t, int loc)
{
	struct aval v;
	return container_binding(s, t, loc, &v);
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
	size_t flen = strlen(t->s[from]);
	struct binding *copies = NULL;
	int nc = 0;
	const struct bindings *a = s->bs;
	int first = find_index(s, from);
	/* state_load's value of from, and its exact binding */
	struct aval whole = av_top(), exact_v;
	const struct aval *exact = NULL;
	if (first >= 0) {
		exact_v = b_val(&a->b[first]);
		exact = &exact_v;
		whole = exact_v.kind == AV_ZERO_AGG ? av_const(0) : exact_v;
	} else if (container_binding(s, t, from, &whole)) {
		whole = whole.kind == AV_ZERO_AGG ? av_const(0) : av_top();
	} else {
		whole = av_top();
	}
	first = first >= 0 ? first + 1 : -(first + 1);  /* what is below comes after */
	for (int i = first; t->has_below[from] && i < a->n; i++) {
		if (strtab_is_below(t, b_loc(&a->b[i]), from)) {
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
		/* `to` followed by what follows `from`, cut to 511 bytes */
		char buf[512];
		const char *ts = t->s[to], *rest = t->s[b_loc(&copies[i])] + flen;
		size_t tn = strlen(ts), rn = strlen(rest);
		if (tn > sizeof(buf) - 1)
			tn = sizeof(buf) - 1;
		if (rn > sizeof(buf) - 1 - tn)
			rn = sizeof(buf) - 1 - tn;
		memcpy(buf, ts, tn);
		memcpy(buf + tn, rest, rn);
		state_set(s, strtab_intern_n(t, buf, tn + rn), b_val(&copies[i]));
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
	return a->t->depth[b_loc(x)] != a->depth;
}

/* Forgets that a's depth masks may hold `depth` (its locations are all
 * gone): a cache, so even a shared array may be told. */
static void clear_depth(const struct bindings *a, int depth, bool frame)
{
	if (depth < 0 || depth >= 31)
		return;
	struct bindings *w = (struct bindings *)a;
	if (frame)
		w->frames &= ~depth_bit(depth);
	w->calls &= ~depth_bit(depth);
}

void state_drop_frame(struct state *s, const struct strtab *t, int depth)
{
	if (depth >= 0 && !(s->bs->frames & depth_bit(depth)))
		return;
	struct depth_arg a = { t, depth };
	filter_bindings(s, keep_other_frame, &a);
	clear_depth(s->bs, depth, true);
}

static bool keep_not_call(const struct binding *x, const void *arg)
{
	const struct depth_arg *a = arg;
	int loc = b_loc(x);
	return !(a->t->kind[loc] == 'r' && a->t->depth[loc] == a->depth);
}

void state_drop_calls(struct state *s, const struct strtab *t, int depth)
{
	if (depth >= 0 && !(s->bs->calls & depth_bit(depth)))
		return;
	struct depth_arg a = { t, depth };
	filter_bindings(s, keep_not_call, &a);
	clear_depth(s->bs, depth, false);
}

static bool keep_agreed(const struct binding *x, const void *arg)
{
	struct aval r;
	return state_get(arg, b_loc(x), &r) && aval_equal(r, b_val(x));
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
	if (a->refs == 1)
		return bindings_move(a, a->n);
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
