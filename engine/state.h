/*
 * state.h - the engine's abstract values, locations and states.
 *
 * A location is an interned string naming storage relative to a call
 * depth: "g:Name" (a global), "l2:5" (local #5 of the function at depth
 * 2), "p0:1" (its parameter #1), "r1:7" (the result of call event #7 at
 * depth 1), followed by ".Field", "[]" (any element) or "->Field" (through
 * a pointer whose target is unknown).  A state maps locations to abstract
 * values, sorted by location id so that equal states compare equal.
 */
#ifndef NDISLINT_ENGINE_STATE_H
#define NDISLINT_ENGINE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;          /* analyzer/model.h */

enum aval_kind {
	AV_TOP,         /* unknown */
	AV_CONST,       /* a known integer */
	AV_NONZERO,     /* not zero (a non-NULL handle), sign unknown */
	AV_NEG,         /* a failure status: negative */
	AV_ZERO_AGG,    /* an aggregate filled with zeros */
	AV_ADDR,        /* the address of location `ref` */
	AV_FUNC,        /* the function named by string `ref` */
};

/* c first: 16 bytes without padding. */
struct aval {
	long long c;
	int ref;
	enum aval_kind kind;
};

/*
 * Interned strings: locations and function names.  Every string comes
 * with the strings one step up from it, interned first, so that the
 * engine's walks compare ids, never text:
 *  - up: the string cut at its last ".", "[" or "->" (the nearest
 *    location it is below, for state_kill), -1 when there is none;
 *  - container: what state_load reads through ("a.b.c" -> "a.b",
 *    "a[]" -> "a"; never across "->" or the ":" of a root), -1 none.
 */
struct strtab {
	char **s;
	size_t *len;            /* strlen of s */
	int *depth;             /* frame depth of a location, -1 global/other */
	char *kind;             /* its first character: 'g', 'l', 'p', 'r' */
	int *up;                /* see above */
	int *nup;               /* length of the chain of up from this id */
	int *container;         /* see above */
	char *has_below;        /* some string has this one as its up */
	int n, cap;
	int *slots;             /* open addressing, -1 empty */
	int nslots;
	struct arena *text;     /* the strings' text */
};

void strtab_init(struct strtab *t);
void strtab_free(struct strtab *t);
int strtab_intern(struct strtab *t, const char *s);
/* strtab_intern for the first len bytes of s (no NUL needed there). */
int strtab_intern_n(struct strtab *t, const char *s, size_t len);
int strtab_find(const struct strtab *t, const char *s);  /* -1: none */
/* Is location `loc` the location `base` or one below it ("base.x",
 * "base[]", "base->x", and so on down)?  A string is interned after the
 * ones it is below, so such a loc has an id >= base. */
bool strtab_is_below(const struct strtab *t, int loc, int base);

enum state_flag {
	SF_UNKNOWN = 1,         /* the path passed through an unresolved call */
	SF_ASSOC = 2,           /* NdisIMAssociateMiniport after both
	                           registrations succeeded */
	SF_DRIVER_UNLOAD = 4,   /* DriverObject->DriverUnload was set */
};

/* The bindings of a state: private to state.c, shared copy-on-write. */
struct bindings;

/*
 * Where an engine run's states and binding arrays come from: carved from
 * large chunks, and kept on free lists when let go of, so that the walk's
 * many copies cost no malloc and no free each, and state_mem_free lets go
 * of them all at once.  Every state and array of a run must be let go of
 * (state_free, state_release, state_pool_free) before state_mem_free.
 */
struct state_mem;

/* For locations of table t, which must outlive it. */
struct state_mem *state_mem_new(const struct strtab *t);
void state_mem_free(struct state_mem *m);

struct state {
	unsigned char reg[2];   /* enum reg_state per enum reg_kind */
	unsigned char flags;
	int reg_fn[2], reg_ev[2];       /* the registration call that set reg */
	struct bindings *bs;    /* never NULL; only state.c looks inside */
};

/* A state with no bindings, from m (which must outlive it and every
 * copy). */
struct state *state_new(struct state_mem *m);
/* O(1): the copy shares the bindings until one of the two changes them. */
struct state *state_copy(const struct state *s);
void state_free(struct state *s);
/* For states stored by value: makes *dst a copy of src that shares its
 * bindings, as state_copy does. */
void state_share(struct state *dst, const struct state *src);
/* For states stored by value: lets go of the bindings of *s (state_free
 * without freeing s). */
void state_release(struct state *s);
bool state_equal(const struct state *a, const struct state *b);
uint64_t state_hash(const struct state *s);

/* Into *v, the exact binding of loc; false when loc has none. */
bool state_get(const struct state *s, int loc, struct aval *v);
/* Binds loc (TOP removes the binding). */
void state_set(struct state *s, int loc, struct aval v);
/* Removes loc and every location below it (".x", "[]", "->x"). */
void state_kill(struct state *s, const struct strtab *t, int loc);
/* Makes loc and everything below it unknown: killed, and shadowed by an
 * explicit unknown when a containing location is bound (a field written
 * with an unknown value inside a zero-filled global). */
void state_forget(struct state *s, const struct strtab *t, int loc);
/* The value of loc: its binding, else a zero-filled aggregate around it,
 * else TOP. */
struct aval state_load(const struct state *s, const struct strtab *t, int loc);
/* Copies loc `from` and everything below it onto `to`. */
void state_copy_tree(struct state *s, struct strtab *t, int to, int from);
/* Removes every location of frame `depth`. */
void state_drop_frame(struct state *s, const struct strtab *t, int depth);
/* Removes the call results of frame `depth` (their values are used by the
 * statement that made the call, never across blocks). */
void state_drop_calls(struct state *s, const struct strtab *t, int depth);
/* Keeps only the bindings `s` and `ref` agree on: the rest becomes
 * unknown (widening at a busy point: its states can only shrink). */
void state_widen(struct state *s, const struct state *ref);

/*
 * A pool of binding arrays, for the states an engine run keeps: a state
 * interned in it shares one array with every state of equal bindings
 * interned before (hash-consing).  Pooled arrays are never changed: a
 * state holding one copies it before its first change.
 */
struct state_pool;

struct state_pool *state_pool_new(void);
/* Drops the pool's references; the states keep their arrays. */
void state_pool_free(struct state_pool *p);
/* Makes s use the pooled array equal to its bindings, pooling them (at
 * their exact size) when there is none yet. */
void state_pool_intern(struct state_pool *p, struct state *s);

static inline struct aval av_top(void) { struct aval v = { .kind = AV_TOP, .c = 0, .ref = -1 }; return v; }
static inline struct aval av_const(long long c) { struct aval v = { .kind = AV_CONST, .c = c, .ref = -1 }; return v; }
static inline struct aval av_kind(enum aval_kind k) { struct aval v = { .kind = k, .c = 0, .ref = -1 }; return v; }
static inline struct aval av_ref(enum aval_kind k, int ref) { struct aval v = { .kind = k, .c = 0, .ref = ref }; return v; }

#endif
