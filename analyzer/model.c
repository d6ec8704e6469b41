/*
 * model.c - arena allocation and the small helpers that read a model.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* The arena is a list of chunks; big requests get a chunk of their own. */
struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct arena_chunk *head;
	void **adopted;                 /* malloc'd blocks it owns too */
	size_t nadopted, capadopted;
};

enum { ARENA_CHUNK = 64 * 1024 };

/* A new, empty arena; aborts on out-of-memory like every allocation here. */
struct arena *arena_new(void)
{
	struct arena *a = calloc(1, sizeof(*a));
	if (!a)
		abort();
	return a;
}

/* Frees every allocation of the arena and the arena itself. */
void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	for (size_t i = 0; i < a->nadopted; i++)
		free(a->adopted[i]);
	free(a->adopted);
	free(a);
}

/* Allocates `size` bytes, aligned for any type, uninitialized. */
void *arena_alloc(struct arena *a, size_t size)
{
	size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	if (size == 0)
		size = align;
	struct arena_chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
		c = malloc(sizeof(*c) + cap);
		if (!c)
			abort();
		c->size = cap;
		c->used = 0;
		/* Keep the roomier chunk at the head for small requests. */
		if (a->head && cap == size) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = (char *)c->data + c->used;
	c->used += size;
	return p;
}

void arena_adopt(struct arena *a, void *block)
{
	if (a->nadopted == a->capadopted) {
		size_t cap = a->capadopted ? a->capadopted * 2 : 16;
		void **p = realloc(a->adopted, cap * sizeof(*p));
		if (!p)
			abort();
		a->adopted = p;
		a->capadopted = cap;
	}
	a->adopted[a->nadopted++] = block;
}

void arena_absorb(struct arena *a, struct arena *from)
{
	struct arena_chunk *c = from->head;
	while (c) {
		struct arena_chunk *next = c->next;
		/* after a's head, which stays the chunk small requests use */
		if (a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = NULL;
			a->head = c;
		}
		c = next;
	}
	for (size_t i = 0; i < from->nadopted; i++)
		arena_adopt(a, from->adopted[i]);
	free(from->adopted);
	free(from);
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		abort();
	void *p = arena_alloc(a, n * size);
	memset(p, 0, n * size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* Frees a model and everything its arena owns. */
void model_file_free(struct model_file *mf)
{
	if (!mf)
		return;
	arena_free(mf->arena);
	free(mf);
}

static const char *const op_spellings[OP__COUNT] = {
	[OP_NONE] = "", [OP_MUL] = "*", [OP_DIV] = "/", [OP_MOD] = "%",
	[OP_ADD] = "+", [OP_SUB] = "-", [OP_SHL] = "<<", [OP_SHR] = ">>",
	[OP_LT] = "<", [OP_GT] = ">", [OP_LE] = "<=", [OP_GE] = ">=",
	[OP_EQ] = "==", [OP_NE] = "!=", [OP_BITAND] = "&", [OP_BITXOR] = "^",
	[OP_BITOR] = "|", [OP_LAND] = "&&", [OP_LOR] = "||", [OP_COMMA] = ",",
	[OP_ASSIGN] = "=", [OP_MUL_ASSIGN] = "*=", [OP_DIV_ASSIGN] = "/=",
	[OP_MOD_ASSIGN] = "%=", [OP_ADD_ASSIGN] = "+=", [OP_SUB_ASSIGN] = "-=",
	[OP_SHL_ASSIGN] = "<<=", [OP_SHR_ASSIGN] = ">>=",
	[OP_AND_ASSIGN] = "&=", [OP_XOR_ASSIGN] = "^=", [OP_OR_ASSIGN] = "|=",
	[OP_NOT] = "!", [OP_BITNOT] = "~", [OP_NEG] = "-", [OP_PLUS] = "+",
	[OP_ADDR] = "&", [OP_DEREF] = "*", [OP_PREINC] = "++",
	[OP_PREDEC] = "--", [OP_POSTINC] = "++", [OP_POSTDEC] = "--",
	[OP_CAST] = "(cast)",
};

const char *model_op_spelling(enum expr_op op)
{
	if ((int)op < 0 || op >= OP__COUNT || !op_spellings[op])
		return "";
	return op_spellings[op];
}

/* Appends `s` to buf at *len, truncating; keeps buf terminated. */
static void path_append(char *buf, size_t size, size_t *len, const char *s)
{
	size_t n = strlen(s);
	if (*len + 1 >= size)
		return;
	if (n > size - 1 - *len)
		n = size - 1 - *len;
	memcpy(buf + *len, s, n);
	*len += n;
	buf[*len] = '\0';
}

/*
 * Collects the chain from an lvalue down to its root variable, without
 * recursion: the chain is walked root-ward into a small array first, then
 * printed from the root outward.  Paths longer than the array are not
 * paths we reason about; they print as "?".
 */
bool model_expr_path(const struct expr *exprs, int id, char *buf, size_t size)
{
	enum { MAX_DEPTH = 64 };
	int chain[MAX_DEPTH];
	int n = 0;
	size_t len = 0;

	if (size == 0)
		return false;
	buf[0] = '\0';
	while (id >= 0 && n < MAX_DEPTH) {
		const struct expr *e = &exprs[id];
		chain[n++] = id;
		if (e->kind == EXPR_VAR)
			break;
		if (e->kind == EXPR_MEMBER || e->kind == EXPR_INDEX)
			id = e->a;
		else if (e->kind == EXPR_UNARY &&
			 (e->op == OP_DEREF || e->op == OP_CAST))
			id = e->a;
		else
			id = -1;
	}
	if (n == 0 || exprs[chain[n - 1]].kind != EXPR_VAR) {
		path_append(buf, size, &len, "?");
		return false;
	}
	path_append(buf, size, &len, exprs[chain[n - 1]].name);
	for (int i = n - 2; i >= 0; i--) {
		const struct expr *e = &exprs[chain[i]];
		if (e->kind == EXPR_MEMBER) {
			path_append(buf, size, &len, e->arrow ? "->" : ".");
			path_append(buf, size, &len, e->name);
		} else if (e->kind == EXPR_INDEX) {
			path_append(buf, size, &len, "[]");
		} else if (e->op == OP_DEREF) {
			/* "*p": the star belongs in front of what we have. */
			char tmp[256];
			snprintf(tmp, sizeof(tmp), "*%s", buf);
			len = 0;
			buf[0] = '\0';
			path_append(buf, size, &len, tmp);
		}
	}
	return true;
}

int model_expr_root(const struct expr *exprs, int id)
{
	while (id >= 0) {
		const struct expr *e = &exprs[id];
		if (e->kind == EXPR_VAR)
			return id;
		if (e->kind == EXPR_MEMBER || e->kind == EXPR_INDEX ||
		    (e->kind == EXPR_UNARY &&
		     (e->op == OP_DEREF || e->op == OP_CAST)))
			id = e->a;
		else
			return -1;
	}
	return -1;
}

/* Applies a binary operator to two constants; false for division by zero
 * and operators that are not arithmetic. */
static bool const_binary(enum expr_op op, long long x, long long y,
			 long long *out)
{
	unsigned long long ux = (unsigned long long)x, uy = (unsigned long long)y;
	switch (op) {
	case OP_MUL: *out = (long long)(ux * uy); return true;
	case OP_DIV: if (y == 0 || (x == LLONG_MIN && y == -1)) return false;
		*out = x / y; return true;
	case OP_MOD: if (y == 0 || (x == LLONG_MIN && y == -1)) return false;
		*out = x % y; return true;
	case OP_ADD: *out = (long long)(ux + uy); return true;
	case OP_SUB: *out = (long long)(ux - uy); return true;
	case OP_SHL: if (y < 0 || y > 63) return false;
		*out = (long long)(ux << y); return true;
	case OP_SHR: if (y < 0 || y > 63) return false;
		*out = x >> y; return true;
	case OP_LT: *out = x < y; return true;
	case OP_GT: *out = x > y; return true;
	case OP_LE: *out = x <= y; return true;
	case OP_GE: *out = x >= y; return true;
	case OP_EQ: *out = x == y; return true;
	case OP_NE: *out = x != y; return true;
	case OP_BITAND: *out = x & y; return true;
	case OP_BITXOR: *out = x ^ y; return true;
	case OP_BITOR: *out = x | y; return true;
	case OP_LAND: *out = x && y; return true;
	case OP_LOR: *out = x || y; return true;
	case OP_COMMA: *out = y; return true;
	default: return false;
	}
}

static bool const_unary(enum expr_op op, long long x, long long *out)
{
	switch (op) {
	case OP_NOT: *out = !x; return true;
	case OP_BITNOT: *out = ~x; return true;
	case OP_NEG: *out = (long long)(0ULL - (unsigned long long)x); return true;
	case OP_PLUS: case OP_CAST: *out = x; return true;
	default: return false;
	}
}

/*
 * Evaluates a constant expression tree.  The front end already folds what
 * clang can fold, so trees reaching here are small; still, evaluation uses
 * an explicit post-order stack so that no input can overflow ours.
 */
bool model_expr_const(const struct expr *exprs, int id, long long *out)
{
	enum { MAX_NODES = 256 };
	struct { int id; int state; } stack[MAX_NODES];
	long long vals[MAX_NODES];
	int sp = 0, vp = 0;

	if (id < 0)
		return false;
	stack[sp].id = id;
	stack[sp++].state = 0;
	while (sp > 0) {
		int cur = stack[sp - 1].id;
		const struct expr *e = &exprs[cur];
		if (e->kind == EXPR_INT) {
			if (vp >= MAX_NODES)
				return false;
			vals[vp++] = e->value;
			sp--;
			continue;
		}
		int nkids = e->kind == EXPR_UNARY ? 1 :
			    e->kind == EXPR_BINARY ? 2 :
			    e->kind == EXPR_COND ? 3 : -1;
		if (nkids < 0)
			return false;
		int state = stack[sp - 1].state;
		if (state < nkids) {
			int kid = state == 0 ? e->a : state == 1 ? e->b : e->c;
			if (kid < 0 || sp >= MAX_NODES)
				return false;
			stack[sp - 1].state++;
			stack[sp].id = kid;
			stack[sp++].state = 0;
			continue;
		}
		long long r;
		if (e->kind == EXPR_UNARY) {
			if (!const_unary(e->op, vals[vp - 1], &r))
				return false;
			vp -= 1;
		} else if (e->kind == EXPR_BINARY) {
			if (!const_binary(e->op, vals[vp - 2], vals[vp - 1], &r))
				return false;
			vp -= 2;
		} else {
			r = vals[vp - 3] ? vals[vp - 2] : vals[vp - 1];
			vp -= 3;
		}
		vals[vp++] = r;
		sp--;
	}
	*out = vals[0];
	return vp == 1;
}

/* Is `name` one of the words of `list` (macro names separated by
 * spaces)? */
static bool word_in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strstr(list, name); p; p = strstr(p + 1, name)) {
		bool start = p == list || p[-1] == ' ';
		bool end = p[n] == '\0' || p[n] == ' ';
		if (start && end)
			return true;
	}
	return false;
}

/* Walks the tree with an explicit stack looking for an INT whose macro
 * list names `name`. */
bool model_expr_mentions_macro(const struct expr *exprs, int id,
			       const char *name)
{
	enum { MAX_NODES = 256 };
	int stack[MAX_NODES];
	int sp = 0;

	if (id < 0)
		return false;
	stack[sp++] = id;
	while (sp > 0) {
		const struct expr *e = &exprs[stack[--sp]];
		if (e->kind == EXPR_INT && e->name && word_in_list(e->name, name))
			return true;
		int kids[3] = { e->a, e->b, e->c };
		bool has_kids = e->kind == EXPR_UNARY || e->kind == EXPR_BINARY ||
				e->kind == EXPR_COND;
		for (int i = 0; has_kids && i < 3; i++)
			if (kids[i] >= 0 && sp < MAX_NODES)
				stack[sp++] = kids[i];
	}
	return false;
}

const struct model_function *model_find_function(const struct model_file *mf,
						 const char *name)
{
	for (int i = 0; i < mf->nfunctions; i++)
		if (strcmp(mf->functions[i].name, name) == 0)
			return &mf->functions[i];
	return NULL;
}

bool model_call_is(const struct event *ev, const char *api)
{
	if (ev->kind != EV_CALL)
		return false;
	return (ev->macro && strcmp(ev->macro, api) == 0) ||
	       (ev->callee && strcmp(ev->callee, api) == 0);
}

int model_call_arg(const struct model_function *fn, const struct event *ev,
		   int i)
{
	if (ev->kind != EV_CALL || i < 0 || i >= ev->nargs)
		return -1;
	return fn->args[ev->first_arg + i];
}
