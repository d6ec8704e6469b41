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
/* States */

struct state *state_new(void)
{
	struct state *s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	s->reg_fn[0] = s->reg_fn[1] = s->reg_ev[0] = s->reg_ev[1] = -1;
	return s;
}

struct state *state_copy(const struct state *s)
{
	struct state *c = malloc(sizeof(*c));
	if (!c)
		abort();
	*c = *s;
	c->cap = s->n;
	c->b = s->n ? malloc((size_t)s->n * sizeof(*s->b)) : NULL;
	if (s->n && !c->b)
		abort();
	if (s->n)
		memcpy(c->b, s->b, (size_t)s->n * sizeof(*s->b));
	return c;
}

void state_free(struct state *s)
{
	if (!s)
		return;
	free(s->b);
	free(s);
}

static bool aval_equal(struct aval a, struct aval b)
{
	return a.kind == b.kind && a.c == b.c && a.ref == b.ref;
}

bool state_equal(const struct state *a, const struct state *b)
{
	if (a->n != b->n || a->flags != b->flags ||
	    memcmp(a->reg, b->reg, sizeof(a->reg)) != 0 ||
	    memcmp(a->reg_fn, b->reg_fn, sizeof(a->reg_fn)) != 0 ||
	    memcmp(a->reg_ev, b->reg_ev, sizeof(a->reg_ev)) != 0)
		return false;
	for (int i = 0; i < a->n; i++)
		if (a->b[i].loc != b->b[i].loc || !aval_equal(a->b[i].v, b->b[i].v))
			return false;
	return true;
}

uint64_t state_hash(const struct state *s)
{
	uint64_t h = 1469598103934665603ULL;
#define MIX(x) (h = (h ^ (uint64_t)(x)) * 1099511628211ULL)
	MIX(s->reg[0]);
	MIX(s->reg[1]);
	MIX(s->flags);
	MIX(s->reg_fn[0]);
	MIX(s->reg_ev[0]);
	MIX(s->reg_fn[1]);
	MIX(s->reg_ev[1]);
	for (int i = 0; i < s->n; i++) {
		MIX(s->b[i].loc);
		MIX(s->b[i].v.kind);
		MIX(s->b[i].v.c);
		MIX(s->b[i].v.ref);
	}
#undef MIX
	return h;
}

/* Index of loc in s->b, or the insertion point encoded as -(i+1). */
static int find_index(const struct state *s, int loc)
{
	int lo = 0, hi = s->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (s->b[mid].loc < loc)
			lo = mid + 1;
		else if (s->b[mid].loc > loc)
			hi = mid;
		else
			return mid;
	}
	return -(lo + 1);
}

const struct aval *state_get(const struct state *s, int loc)
{
	int i = find_index(s, loc);
	return i >= 0 ? &s->b[i].v : NULL;
}

void state_set(struct state *s, int loc, struct aval v)
{
	int i = find_index(s, loc);
	if (v.kind == AV_TOP) {
		if (i >= 0) {
			memmove(&s->b[i], &s->b[i + 1], (size_t)(s->n - i - 1) * sizeof(*s->b));
			s->n--;
		}
		return;
	}
	if (i >= 0) {
		s->b[i].v = v;
		return;
	}
	i = -(i + 1);
	if (s->n >= s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->b = xrealloc(s->b, (size_t)s->cap * sizeof(*s->b));
	}
	memmove(&s->b[i + 1], &s->b[i], (size_t)(s->n - i) * sizeof(*s->b));
	s->b[i].loc = loc;
	s->b[i].v = v;
	s->n++;
}

/* Is `s` the location `base` or one below it? */
static bool is_below(const char *s, const char *base, size_t blen)
{
	if (strncmp(s, base, blen) != 0)
		return false;
	char c = s[blen];
	return c == '\0' || c == '.' || c == '[' || (c == '-' && s[blen + 1] == '>');
}

void state_kill(struct state *s, const struct strtab *t, int loc)
{
	const char *base = t->s[loc];
	size_t blen = strlen(base);
	int k = 0;
	for (int i = 0; i < s->n; i++)
		if (!is_below(t->s[s->b[i].loc], base, blen))
			s->b[k++] = s->b[i];
	s->n = k;
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
	if (i >= 0)
		return;
	i = -(i + 1);
	if (s->n >= s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->b = xrealloc(s->b, (size_t)s->cap * sizeof(*s->b));
	}
	memmove(&s->b[i + 1], &s->b[i], (size_t)(s->n - i) * sizeof(*s->b));
	s->b[i].loc = loc;
	s->b[i].v = av_top();
	s->n++;
}

void state_copy_tree(struct state *s, struct strtab *t, int to, int from)
{
	const char *fs = t->s[from];
	size_t flen = strlen(fs);
	struct binding *copies = NULL;
	int nc = 0;
	struct aval whole = state_load(s, t, from);
	const struct aval *exact_p = state_get(s, from);
	struct aval exact_v = exact_p ? *exact_p : av_top();   /* s->b moves below */
	const struct aval *exact = exact_p ? &exact_v : NULL;

	for (int i = 0; i < s->n; i++) {
		const char *ls = t->s[s->b[i].loc];
		if (s->b[i].loc != from && is_below(ls, fs, flen)) {
			copies = xrealloc(copies, (size_t)(nc + 1) * sizeof(*copies));
			copies[nc].loc = s->b[i].loc;
			copies[nc++].v = s->b[i].v;
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

void state_drop_frame(struct state *s, const struct strtab *t, int depth)
{
	int k = 0;
	for (int i = 0; i < s->n; i++)
		if (t->depth[s->b[i].loc] != depth)
			s->b[k++] = s->b[i];
	s->n = k;
}

void state_drop_calls(struct state *s, const struct strtab *t, int depth)
{
	int k = 0;
	for (int i = 0; i < s->n; i++)
		if (!(t->kind[s->b[i].loc] == 'r' && t->depth[s->b[i].loc] == depth))
			s->b[k++] = s->b[i];
	s->n = k;
}

void state_widen(struct state *s, const struct state *ref)
{
	int k = 0;
	for (int i = 0; i < s->n; i++) {
		const struct aval *r = state_get(ref, s->b[i].loc);
		bool keep = r && aval_equal(*r, s->b[i].v);
		if (keep)
			s->b[k++] = s->b[i];
	}
	s->n = k;
}
