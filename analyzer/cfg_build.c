/*
 * cfg_build.c - C statements and expressions to the control-flow model.
 *
 * Three steps, none recursive on the nesting depth of the source:
 *  1. flatten: the function body's cursors into a pre-order node array
 *     (clang_visitChildren recursion is libclang's own work list; ours is
 *     an ancestor stack);
 *  2. emit: an explicit work stack walks the nodes and emits a linear IR of
 *     labels, events (calls, stores), jumps, branches, switches and
 *     returns.  Conditions are compiled as jumping code, so `&&`, `||`,
 *     `?:` and `!` over them become branches; values go through a value
 *     stack;
 *  3. split: the IR is cut into basic blocks at labels and terminators.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fe_internal.h"

/* ------------------------------------------------------------------ */
/* Nodes */

struct snode {
	CXCursor cur;
	enum CXCursorKind kind;
	int parent, first, next;        /* tree links, -1 when absent */
	int end;                        /* one past the last descendant */
	bool sx;                        /* an expression or a statement */
	int ref;                        /* node_ref's answer in fb.refs, or -1 */
	bool effects;                   /* subtree calls or stores */
	bool maybe_const;               /* subtree may fold to a constant */
	bool op_known;
	enum expr_op op;                /* cached operator */
};

enum ir_kind { IR_LABEL, IR_EVENT, IR_JUMP, IR_BRANCH, IR_SWITCH, IR_RETURN,
	       IR_EXIT };

struct ir {
	enum ir_kind kind;
	int a;                          /* label, event, cond or value */
	int t, f;                       /* labels */
	int first_case, ncases;
	bool implicit;
	struct model_loc loc;
};

enum work_kind {
	W_STMT, W_COND, W_EXPR, W_BUILD, W_DROP, W_LABEL, W_JUMP,
	W_CTX_PUSH, W_CTX_POP, W_BRANCH_VAL, W_BRANCH_UNKNOWN, W_RETURN,
	W_STORE_DECL, W_SWITCH, W_PUSH_UNKNOWN, W_EXIT,
};

struct work {
	enum work_kind kind;
	int node;
	int a, b, c;                    /* labels or expression ids */
};

/* Jump targets of the enclosing loop, switch or __try, -1 when none. */
struct jump_ctx {
	int brk, cont, leave;
};

/* What a declaration referenced in the function gives its uses: asked
 * of libclang at the first use only (a driver names Status hundreds of
 * times). */
struct decl_info {
	CXCursor decl;
	unsigned hash;
	bool used;                      /* the slot holds a declaration */
	bool var_known;                 /* name, type, scope, var are set */
	bool call_known;                /* callee, ret_type, in_header are set */
	const char *name, *type;
	enum var_scope scope;
	int var;
	const char *callee, *ret_type;
	bool in_header;
};

struct named_label {
	const char *name;
	int label;
};

struct fb {
	struct fe *fe;
	struct snode *n;
	int nn, capn;
	int *anc;                       /* ancestor stack while flattening */
	int nanc, capanc;
	struct expr *x;
	int nx, capx;
	struct event *ev;
	int nev, capev;
	int *args;
	int nargs, capargs;
	struct ir *ir;
	int nir, capir;
	struct switch_case *cases;
	int ncases, capcases;
	int nlabels;
	int *case_label;                /* [node] */
	struct named_label *named;
	int nnamed, capnamed;
	CXCursor *refs;                 /* see node_ref */
	int nrefs, caprefs;
	struct decl_info *decls;        /* open addressing on clang_hashCursor */
	int ndecls, capdecls;           /* capdecls: a power of two */
	int nlocals;                    /* local variables numbered so far */
	struct work *w;
	int nw, capw;
	int *vals;
	int nvals, capvals;
	struct jump_ctx *ctx;
	int nctx, capctx;
	CXCursor fn_decl;
	const char *fn_name;
};

/* ------------------------------------------------------------------ */
/* Flatten */

/* clang_isExpression || clang_isStatement, inline: asked of every node. */
static bool is_sx(enum CXCursorKind k)
{
	return (k >= CXCursor_FirstExpr && k <= CXCursor_LastExpr) ||
	       (k >= CXCursor_FirstStmt && k <= CXCursor_LastStmt);
}

/* Is the ancestor a the parent cursor libclang passes?  libclang passes
 * back the very cursor it visited (an equal byte image) as the parent of
 * its children: only a differing image needs clang_equalCursors. */
static bool is_parent(CXCursor a, CXCursor parent)
{
	if (a.kind != parent.kind)
		return false;
	if (memcmp(&a, &parent, sizeof(a)) == 0)
		return true;
	return clang_equalCursors(a, parent) != 0;
}

static enum CXChildVisitResult flatten_visit(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct fb *b = data;
	/* The root stays: libclang may hand it back as a different but
	 * equivalent cursor. */
	/* A type's name (under casts and declarations) is nothing the model
	 * uses: one node in ten, left out. */
	enum CXCursorKind kind = clang_getCursorKind(c);
	if (kind == CXCursor_TypeRef)
		return CXChildVisit_Continue;
	while (b->nanc > 1 && !is_parent(b->n[b->anc[b->nanc - 1]].cur, parent))
		b->nanc--;
	VEC_RESERVE(b->n, b->nn, b->capn);
	int id = b->nn++;
	struct snode *s = &b->n[id];
	memset(s, 0, sizeof(*s));
	s->cur = c;
	s->kind = kind;
	s->sx = is_sx(s->kind);
	s->ref = -1;
	s->first = s->next = -1;
	s->parent = b->nanc > 0 ? b->anc[b->nanc - 1] : -1;
	if (s->parent >= 0) {
		/* Append as the parent's last child: find it through the
		 * previous sibling chain's tail, kept in `end` temporarily. */
		struct snode *p = &b->n[s->parent];
		if (p->first < 0)
			p->first = id;
		else
			b->n[p->end].next = id;
		p->end = id;            /* last child, until fix_ends */
	}
	VEC_RESERVE(b->anc, b->nanc, b->capanc);
	b->anc[b->nanc++] = id;
	return CXChildVisit_Recurse;
}

/* Pre-order: a subtree ends where the next node outside it starts. */
static void fix_ends(struct fb *b)
{
	for (int i = 0; i < b->nn; i++)
		b->n[i].end = i + 1;
	for (int i = b->nn - 1; i > 0; i--) {
		int p = b->n[i].parent;
		if (p >= 0 && b->n[p].end < b->n[i].end)
			b->n[p].end = b->n[i].end;
	}
}

static void flatten(struct fb *b, CXCursor root)
{
	VEC_RESERVE(b->n, b->nn, b->capn);
	struct snode *s = &b->n[b->nn++];
	memset(s, 0, sizeof(*s));
	s->cur = root;
	s->kind = clang_getCursorKind(root);
	s->sx = is_sx(s->kind);
	s->ref = -1;
	s->parent = s->first = s->next = -1;
	VEC_RESERVE(b->anc, b->nanc, b->capanc);
	b->anc[b->nanc++] = 0;
	clang_visitChildren(root, flatten_visit, b);
	fix_ends(b);
}

/* The i-th child that is an expression or a statement, or -1. */
static int sx_child(const struct fb *b, int n, int i)
{
	for (int c = b->n[n].first; c >= 0; c = b->n[c].next)
		if (b->n[c].sx && i-- == 0)
			return c;
	return -1;
}

static int sx_count(const struct fb *b, int n)
{
	int k = 0;
	for (int c = b->n[n].first; c >= 0; c = b->n[c].next)
		k += b->n[c].sx;
	return k;
}

static int last_sx_child(const struct fb *b, int n)
{
	int last = -1;
	for (int c = b->n[n].first; c >= 0; c = b->n[c].next)
		if (b->n[c].sx)
			last = c;
	return last;
}

static bool has_child_kind(const struct fb *b, int n, enum CXCursorKind k)
{
	for (int c = b->n[n].first; c >= 0; c = b->n[c].next)
		if (b->n[c].kind == k)
			return true;
	return false;
}

/*
 * Recovering an operator takes the extents of its operands (and lexes
 * them, inside macros), which costs libclang time in proportion to the
 * operands' depth: over a 100,000-term sum that is quadratic.  Operands
 * larger than this many nodes are not looked into: the operator is
 * unknown (its value too), except that the operator written right after
 * a small left operand is still read (`x = <huge expression>` stays an
 * assignment).  See docs/LIMITS.md.
 */
enum { CFG_MAX_OP_NODES = 1000 };

/* What node n references (a DeclRefExpr's declaration), asked of
 * libclang once: constant folding, calls and values all want it. */
static CXCursor node_ref(struct fb *b, int n)
{
	struct snode *s = &b->n[n];
	if (s->ref < 0) {
		VEC_RESERVE(b->refs, b->nrefs, b->caprefs);
		b->refs[b->nrefs] = clang_getCursorReferenced(s->cur);
		s->ref = b->nrefs++;
	}
	return b->refs[s->ref];
}

/*
 * Where node n's first token is: the start of its extent, without taking
 * the extent (which lexes the last token, and costs more than everything
 * else done per node).  A cursor's location is its first token except for
 * a member access (the member's name) and the implicit nodes over one,
 * which have their operand's location: descend to the operand there.
 * Builds with NDISLINT_SELF_CHECKS (make check-asan) compare the answer
 * with the extent's start every time.
 */
static CXSourceLocation node_begin_of(struct fb *b, int n);

static CXSourceLocation node_begin(struct fb *b, int n)
{
	CXSourceLocation loc = node_begin_of(b, n);
#ifdef NDISLINT_SELF_CHECKS
	CXFile f1 = NULL, f2 = NULL;
	unsigned o1 = 0, o2 = 0;
	clang_getFileLocation(loc, &f1, NULL, NULL, &o1);
	clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(b->n[n].cur)),
			      &f2, NULL, NULL, &o2);
	if (o1 != o2 || !f1 != !f2 || (f1 && !clang_File_isEqual(f1, f2))) {
		fprintf(stderr, "self-check: node_begin of a cursor of kind %d in %s: "
			"offset %u, its extent starts at %u\n", b->n[n].kind, b->fn_name, o1, o2);
		abort();
	}
#endif
	return loc;
}

static CXSourceLocation node_begin_of(struct fb *b, int n)
{
	for (;;) {
		struct snode *s = &b->n[n];
		CXSourceLocation loc = clang_getCursorLocation(s->cur);
		int c = s->first;
		if (c < 0 || !b->n[c].sx)
			return loc;
		if (s->kind == CXCursor_MemberRefExpr) {
			n = c;
			continue;
		}
		/* An implicit node has its operand's location; any other
		 * unexposed expression begins with its own first token. */
		if (s->kind == CXCursor_UnexposedExpr &&
		    clang_equalLocations(loc, clang_getCursorLocation(b->n[c].cur))) {
			n = c;
			continue;
		}
		return loc;
	}
}

/* Nodes in the subtree of n (n included). */
static int subtree_nodes(const struct fb *b, int n)
{
	return b->n[n].end - n;
}

/* Main-file offset of a location, or false when it is in no file or
 * another one. */
static bool main_offset(struct fb *b, CXSourceLocation loc, unsigned *off)
{
	return fe_main_offset(b->fe, loc, off);
}

/* The operator between operands l and r read backwards from r's first
 * token (fe_binary_op_before), or OP_NONE. */
static enum expr_op binary_op_fast(struct fb *b, int l, int r, bool compound)
{
	unsigned rhs, lhs_last;
	if (!main_offset(b, node_begin(b, r), &rhs))
		return OP_NONE;
	/* The right operand's first token is written at rhs, or is the first
	 * token of a macro expansion starting there that holds none of the
	 * left operand's tokens (its last node is before). */
	const struct macro_use *m = fe_macro_covering(b->fe, rhs);
	if (m && (m->begin != rhs ||
		  !main_offset(b, clang_getCursorLocation(b->n[b->n[l].end - 1].cur),
			       &lhs_last) || lhs_last >= rhs))
		return OP_NONE;
	return fe_binary_op_before(b->fe, rhs, compound);
}

/* The prefix operator of unary node n read in the main file's text
 * (fe_prefix_op_at), or OP_NONE. */
static enum expr_op prefix_op_fast(struct fb *b, int n, int operand)
{
	unsigned op, at;
	if (!main_offset(b, clang_getCursorLocation(b->n[n].cur), &op) ||
	    !main_offset(b, node_begin(b, operand), &at))
		return OP_NONE;
	return fe_prefix_op_at(b->fe, op, at);
}

/* Operator of an operator node, recovered once. */
static enum expr_op node_op(struct fb *b, int n)
{
	struct snode *s = &b->n[n];
	if (s->op_known)
		return s->op;
	s->op_known = true;
	s->op = OP_NONE;
	if (s->kind == CXCursor_BinaryOperator ||
	    s->kind == CXCursor_CompoundAssignOperator) {
		int l = sx_child(b, n, 0), r = sx_child(b, n, 1);
		bool compound = s->kind == CXCursor_CompoundAssignOperator;
		if (l < 0 || r < 0 || subtree_nodes(b, l) > CFG_MAX_OP_NODES)
			;       /* unknown: see CFG_MAX_OP_NODES */
		else if (subtree_nodes(b, r) > CFG_MAX_OP_NODES)
			s->op = fe_binary_op_after(b->fe, b->n[l].cur, compound);
		else if ((s->op = binary_op_fast(b, l, r, compound)) == OP_NONE)
			s->op = fe_binary_op(b->fe, s->cur, b->n[l].cur, b->n[r].cur,
					     node_begin(b, l), node_begin(b, r), compound);
#ifdef NDISLINT_SELF_CHECKS
		else if (subtree_nodes(b, r) <= CFG_MAX_OP_NODES) {
			/* The shortcut never contradicts the tokens' answer. */
			enum expr_op slow = fe_binary_op(b->fe, s->cur, b->n[l].cur,
							 b->n[r].cur, node_begin(b, l),
							 node_begin(b, r), compound);
			if (slow != OP_NONE && slow != s->op) {
				fprintf(stderr, "self-check: operator %d read backwards "
					"in %s, %d from the tokens\n", s->op, b->fn_name, slow);
				abort();
			}
		}
#endif
	} else if (s->kind == CXCursor_UnaryOperator) {
		int o = sx_child(b, n, 0);
		if (o < 0 || subtree_nodes(b, o) > CFG_MAX_OP_NODES)
			return s->op;
		s->op = prefix_op_fast(b, n, o);
		if (s->op == OP_NONE)
			s->op = fe_unary_op(b->fe, s->cur, b->n[o].cur);
#ifdef NDISLINT_SELF_CHECKS
		else if (s->op != fe_unary_op(b->fe, s->cur, b->n[o].cur)) {
			fprintf(stderr, "self-check: prefix operator %d read in the "
				"text of %s differs from the tokens'\n", s->op, b->fn_name);
			abort();
		}
#endif
	}
	return s->op;
}

static bool is_incdec(enum expr_op op)
{
	return op == OP_PREINC || op == OP_PREDEC || op == OP_POSTINC ||
	       op == OP_POSTDEC;
}

/* Does this node itself call or store? */
static bool self_effect(struct fb *b, int n)
{
	switch (b->n[n].kind) {
	case CXCursor_CallExpr:
	case CXCursor_CompoundAssignOperator:
		return true;
	case CXCursor_BinaryOperator:
		return node_op(b, n) == OP_ASSIGN;
	case CXCursor_UnaryOperator:
		return is_incdec(node_op(b, n));
	default:
		return false;
	}
}

/* Could a node of this kind fold to an integer constant? */
static bool const_kind(struct fb *b, int n)
{
	switch (b->n[n].kind) {
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_ParenExpr:
	case CXCursor_UnexposedExpr:
	case CXCursor_CStyleCastExpr:
	case CXCursor_BinaryOperator:
	case CXCursor_UnaryOperator:
	case CXCursor_ConditionalOperator:
		return true;
	case CXCursor_DeclRefExpr: {
		CXCursor r = node_ref(b, n);
		return clang_getCursorKind(r) == CXCursor_EnumConstantDecl;
	}
	default:
		return false;
	}
}

/* Bottom-up flags over the pre-order array: children have larger ids. */
static void compute_flags(struct fb *b)
{
	for (int i = 0; i < b->nn; i++) {
		b->n[i].effects = false;
		b->n[i].maybe_const = true;
	}
	for (int i = b->nn - 1; i >= 0; i--) {
		struct snode *s = &b->n[i];
		bool sx = s->sx;
		if (sx && self_effect(b, i))
			s->effects = true;
		if (s->kind == CXCursor_UnaryExpr) /* sizeof: operands unevaluated */
			s->effects = false, s->maybe_const = true;
		else if (sx)
			s->maybe_const = s->maybe_const && !s->effects && const_kind(b, i);
		if (s->parent >= 0) {
			struct snode *p = &b->n[s->parent];
			p->effects = p->effects || s->effects;
			if (sx)
				p->maybe_const = p->maybe_const && s->maybe_const;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Expressions, events, IR */

static int new_expr(struct fb *b, enum expr_kind kind, int n)
{
	VEC_RESERVE(b->x, b->nx, b->capx);
	struct expr *e = &b->x[b->nx];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->a = e->b = e->c = -1;
	e->var = -1;
	e->call = -1;
	/* Only lvalues, functions and unary operators carry a location (the
	 * read sites of miniport-ready-before-register, handler stores); the
	 * cursor's own location (the name of a variable or field) is much
	 * cheaper than its first token (node_loc, for statements). */
	bool located = kind == EXPR_VAR || kind == EXPR_MEMBER || kind == EXPR_INDEX ||
		       kind == EXPR_FUNC || kind == EXPR_UNARY;
	if (n >= 0 && located)
		e->loc = fe_loc(b->fe, clang_getCursorLocation(b->n[n].cur));
	return b->nx++;
}

static const char *type_of(struct fb *b, CXCursor c)
{
	CXString s = clang_getTypeSpelling(clang_getCursorType(c));
	const char *t = fe_intern(b->fe, clang_getCString(s));
	clang_disposeString(s);
	return t;
}

static const char *spelling_of(struct fb *b, CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *t = fe_intern(b->fe, clang_getCString(s));
	clang_disposeString(s);
	return t;
}

static void push_val(struct fb *b, int v)
{
	VEC_RESERVE(b->vals, b->nvals, b->capvals);
	b->vals[b->nvals++] = v;
}

static int pop_val(struct fb *b)
{
	return b->nvals > 0 ? b->vals[--b->nvals] : -1;
}

static struct ir *emit(struct fb *b, enum ir_kind kind)
{
	VEC_RESERVE(b->ir, b->nir, b->capir);
	struct ir *r = &b->ir[b->nir++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->a = r->t = r->f = -1;
	return r;
}

static int new_label(struct fb *b)
{
	return b->nlabels++;
}

static int named_label(struct fb *b, const char *name)
{
	for (int i = 0; i < b->nnamed; i++)
		if (strcmp(b->named[i].name, name) == 0)
			return b->named[i].label;
	VEC_RESERVE(b->named, b->nnamed, b->capnamed);
	b->named[b->nnamed].name = arena_strdup(b->fe->arena, name);
	b->named[b->nnamed].label = new_label(b);
	return b->named[b->nnamed++].label;
}

static struct event *new_event(struct fb *b, enum event_kind kind, int *idx)
{
	VEC_RESERVE(b->ev, b->nev, b->capev);
	*idx = b->nev;
	struct event *e = &b->ev[b->nev++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->callee_expr = e->result = e->target = e->value = -1;
	e->first_arg = b->nargs;
	return e;
}

static void emit_store(struct fb *b, int target, int value, enum expr_op op,
		       struct model_loc loc)
{
	int idx;
	struct event *e = new_event(b, EV_STORE, &idx);
	e->target = target;
	e->value = value;
	e->store_op = op;
	e->loc = loc;
	emit(b, IR_EVENT)->a = idx;
}

/* ------------------------------------------------------------------ */
/* Locals */

/* clang_hashCursor's low bits repeat (it hashes pointers): mixed, so
 * that the table's low bits spread. */
static unsigned decl_hash(CXCursor decl)
{
	unsigned h = clang_hashCursor(decl);
	h ^= h >> 16;
	h *= 0x45d9f3bu;
	h ^= h >> 16;
	return h;
}

static void decls_grow(struct fb *b)
{
	int cap = b->capdecls ? b->capdecls * 2 : 16;
	struct decl_info *t = calloc((size_t)cap, sizeof(*t));
	if (!t)
		abort();
	for (int i = 0; i < b->capdecls; i++) {
		if (!b->decls[i].used)
			continue;
		unsigned j = b->decls[i].hash & (unsigned)(cap - 1);
		while (t[j].used)
			j = (j + 1) & (unsigned)(cap - 1);
		t[j] = b->decls[i];
	}
	free(b->decls);
	b->decls = t;
	b->capdecls = cap;
}

/* The entry of a declaration, made empty on first sight.  Valid until
 * the next call. */
static struct decl_info *decl_info_of(struct fb *b, CXCursor decl)
{
	if ((b->ndecls + 1) * 2 > b->capdecls)
		decls_grow(b);
	unsigned h = decl_hash(decl);
	unsigned j = h & (unsigned)(b->capdecls - 1);
	while (b->decls[j].used) {
		if (b->decls[j].hash == h && clang_equalCursors(b->decls[j].decl, decl))
			return &b->decls[j];
		j = (j + 1) & (unsigned)(b->capdecls - 1);
	}
	struct decl_info *d = &b->decls[j];
	memset(d, 0, sizeof(*d));
	d->used = true;
	d->decl = decl;
	d->hash = h;
	b->ndecls++;
	return d;
}

static int param_index(struct fb *b, CXCursor decl)
{
	int n = clang_Cursor_getNumArguments(b->fn_decl);
	for (int i = 0; i < n; i++)
		if (clang_equalCursors(clang_Cursor_getArgument(b->fn_decl, i), decl))
			return i;
	return -1;
}

/* Name, type, scope and number of a variable or parameter. */
static void describe_var(struct fb *b, CXCursor decl, struct decl_info *d)
{
	d->name = spelling_of(b, decl);
	d->type = type_of(b, decl);
	d->var = -1;
	if (clang_getCursorKind(decl) == CXCursor_ParmDecl) {
		d->scope = SCOPE_PARAM;
		d->var = param_index(b, decl);
	} else if (clang_Cursor_hasVarDeclGlobalStorage(decl) &&
		   clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_FunctionDecl) {
		/* A static local lives as long as a global; give it a name no
		 * global can have. */
		char buf[512];
		snprintf(buf, sizeof(buf), "%s::%s", b->fn_name, d->name);
		d->name = arena_strdup(b->fe->arena, buf);
		d->scope = SCOPE_GLOBAL;
	} else if (clang_Cursor_hasVarDeclGlobalStorage(decl)) {
		d->scope = SCOPE_GLOBAL;
	} else {
		d->scope = SCOPE_LOCAL;
		d->var = b->nlocals++;
	}
	d->var_known = true;
}

/* A VAR expression for a declaration referenced at node n (or -1). */
static int var_expr(struct fb *b, CXCursor decl, int n)
{
	struct decl_info *d = decl_info_of(b, decl);
	if (!d->var_known)
		describe_var(b, decl, d);
	int v = new_expr(b, EXPR_VAR, n);
	struct expr *e = &b->x[v];
	e->name = d->name;
	e->type = d->type;
	e->scope = d->scope;
	e->var = d->var;
	return v;
}

/* ------------------------------------------------------------------ */
/* Work stack */

static void push_work(struct fb *b, enum work_kind kind, int node, int a,
		      int bb, int c)
{
	VEC_RESERVE(b->w, b->nw, b->capw);
	struct work *w = &b->w[b->nw++];
	w->kind = kind;
	w->node = node;
	w->a = a;
	w->b = bb;
	w->c = c;
}

#define PUSH(b, k, n) push_work((b), (k), (n), -1, -1, -1)

/* Skips parentheses and implicit conversions. */
static int strip(const struct fb *b, int n)
{
	for (;;) {
		enum CXCursorKind k = b->n[n].kind;
		if ((k == CXCursor_ParenExpr || k == CXCursor_UnexposedExpr) &&
		    sx_count(b, n) == 1 && !has_child_kind(b, n, CXCursor_MemberRef))
			n = sx_child(b, n, 0);
		else
			return n;
	}
}

enum { CFG_MAX_FOLD_NODES = 10000 };

/*
 * The object-like macros a constant was written with (how the driver
 * spelled it: NDIS_INTERMEDIATE_DRIVER), or NULL.  A constant that comes
 * out of a function-like macro's body (the 0 of NT_SUCCESS) was written
 * with none of the macros in that call's arguments.  The names are
 * those of the expansions from the constant's first token to its last
 * node in pre-order, its rightmost operand: a macro written in the
 * constant yields nodes located at its name, none of them after that
 * operand.
 */
static const char *const_macros(struct fb *b, int n)
{
	unsigned first = 0, last = 0;
	if (!main_offset(b, node_begin(b, n), &first))
		return NULL;
	const struct macro_use *at = fe_macro_at(b->fe, first);
	if (at && at->function_like)
		return NULL;
	if (b->n[n].end - 1 == n ||
	    !main_offset(b, clang_getCursorLocation(b->n[b->n[n].end - 1].cur), &last) ||
	    last < first)
		last = first;
	return fe_macros_in(b->fe, first, last + 1);
}

/* Folds a constant expression with clang's evaluator. */
static bool try_const(struct fb *b, int n)
{
	/* clang's evaluator recurses on the expression's depth: a constant
	 * of more nodes than this (a macro expanding to a megabyte, say)
	 * stays unknown rather than risk its stack (docs/LIMITS.md). */
	if (b->n[n].end - n > CFG_MAX_FOLD_NODES)
		return false;
	if (!b->n[n].maybe_const || b->n[n].effects)
		return false;
	CXEvalResult r = clang_Cursor_Evaluate(b->n[n].cur);
	if (!r)
		return false;
	bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
	long long v = 0;
	if (ok)
		v = clang_EvalResult_isUnsignedInt(r) ?
			(long long)clang_EvalResult_getAsUnsigned(r) :
			clang_EvalResult_getAsLongLong(r);
	clang_EvalResult_dispose(r);
	if (!ok)
		return false;
	int e = new_expr(b, EXPR_INT, n);
	b->x[e].value = v;
	b->x[e].name = const_macros(b, n);
	push_val(b, e);
	return true;
}

/* The callee of a call: the referenced function, or -1 for a pointer. */
static int callee_ref_node(struct fb *b, int call)
{
	int c = sx_child(b, call, 0);
	if (c < 0)
		return -1;
	c = strip(b, c);
	if (b->n[c].kind != CXCursor_DeclRefExpr)
		return -1;
	/* A pointer variable called directly (`fp(1)`) is still indirect. */
	CXCursor r = node_ref(b, c);
	return clang_getCursorKind(r) == CXCursor_FunctionDecl ? c : -1;
}

/* Starts an expression node: constants fold, leaves are made here,
 * others push their children and a W_BUILD. */
static void expr_start(struct fb *b, int n)
{
	struct snode *s = &b->n[n];
	int nsx = sx_count(b, n);

	if (try_const(b, n))
		return;
	switch (s->kind) {
	case CXCursor_ParenExpr:
	case CXCursor_CStyleCastExpr:
		if (nsx >= 1) {
			PUSH(b, W_EXPR, last_sx_child(b, n));
			return;
		}
		break;
	case CXCursor_UnexposedExpr:
		if (nsx == 1 && !has_child_kind(b, n, CXCursor_MemberRef)) {
			PUSH(b, W_EXPR, sx_child(b, n, 0));
			return;
		}
		break;
	case CXCursor_DeclRefExpr: {
		CXCursor r = node_ref(b, n);
		enum CXCursorKind rk = clang_getCursorKind(r);
		if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl) {
			push_val(b, var_expr(b, r, n));
			return;
		}
		if (rk == CXCursor_FunctionDecl) {
			int e = new_expr(b, EXPR_FUNC, n);
			b->x[e].name = spelling_of(b, r);
			push_val(b, e);
			return;
		}
		break;
	}
	case CXCursor_StringLiteral: {
		int e = new_expr(b, EXPR_STRING, n);
		b->x[e].name = spelling_of(b, s->cur);
		push_val(b, e);
		return;
	}
	case CXCursor_MemberRefExpr:
	case CXCursor_ArraySubscriptExpr:
	case CXCursor_UnaryOperator:
	case CXCursor_CompoundAssignOperator:
	case CXCursor_CallExpr:
		PUSH(b, W_BUILD, n);
		for (int i = nsx - 1; i >= 0; i--) {
			int c = sx_child(b, n, i);
			/* A direct callee is not evaluated as a value. */
			if (s->kind == CXCursor_CallExpr && i == 0 &&
			    callee_ref_node(b, n) >= 0)
				continue;
			PUSH(b, W_EXPR, c);
		}
		/* Assignments evaluate the value before the target. */
		if (s->kind == CXCursor_CompoundAssignOperator && nsx == 2) {
			b->w[b->nw - 1].node = sx_child(b, n, 1);
			b->w[b->nw - 2].node = sx_child(b, n, 0);
		}
		return;
	case CXCursor_BinaryOperator: {
		enum expr_op op = node_op(b, n);
		int l = sx_child(b, n, 0), r = sx_child(b, n, 1);
		if (l < 0 || r < 0)
			break;
		if ((op == OP_LAND || op == OP_LOR) && b->n[r].effects) {
			/* `v = a && f()`: f runs only on one branch. */
			int lr = new_label(b), lend = new_label(b);
			PUSH(b, W_PUSH_UNKNOWN, n);
			push_work(b, W_LABEL, -1, lend, -1, -1);
			PUSH(b, W_DROP, -1);
			PUSH(b, W_EXPR, r);
			push_work(b, W_LABEL, -1, lr, -1, -1);
			if (op == OP_LAND)
				push_work(b, W_COND, l, lr, lend, -1);
			else
				push_work(b, W_COND, l, lend, lr, -1);
			return;
		}
		if (op == OP_COMMA) {
			PUSH(b, W_EXPR, r);
			PUSH(b, W_DROP, -1);
			PUSH(b, W_EXPR, l);
			return;
		}
		PUSH(b, W_BUILD, n);
		if (op == OP_ASSIGN) {
			PUSH(b, W_EXPR, l);
			PUSH(b, W_EXPR, r);
		} else {
			PUSH(b, W_EXPR, r);
			PUSH(b, W_EXPR, l);
		}
		return;
	}
	case CXCursor_ConditionalOperator: {
		int a = sx_child(b, n, 0), t = sx_child(b, n, 1), f = sx_child(b, n, 2);
		if (a < 0 || t < 0 || f < 0)
			break;
		if (b->n[t].effects || b->n[f].effects) {
			int l1 = new_label(b), l2 = new_label(b), lend = new_label(b);
			PUSH(b, W_PUSH_UNKNOWN, n);
			push_work(b, W_LABEL, -1, lend, -1, -1);
			PUSH(b, W_DROP, -1);
			PUSH(b, W_EXPR, f);
			push_work(b, W_LABEL, -1, l2, -1, -1);
			push_work(b, W_JUMP, -1, lend, -1, -1);
			PUSH(b, W_DROP, -1);
			PUSH(b, W_EXPR, t);
			push_work(b, W_LABEL, -1, l1, -1, -1);
			push_work(b, W_COND, a, l1, l2, -1);
			return;
		}
		PUSH(b, W_BUILD, n);
		PUSH(b, W_EXPR, f);
		PUSH(b, W_EXPR, t);
		PUSH(b, W_EXPR, a);
		return;
	}
	default:
		break;
	}
	/* Anything else: its side effects happen, its value is unknown. */
	PUSH(b, W_PUSH_UNKNOWN, n);
	for (int i = nsx - 1; i >= 0; i--) {
		int c = sx_child(b, n, i);
		if (clang_isExpression(b->n[c].kind)) {
			PUSH(b, W_DROP, -1);
			PUSH(b, W_EXPR, c);
		} else {
			PUSH(b, W_STMT, c);
		}
	}
}

static bool is_pointer(CXCursor c)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(c));
	return t.kind == CXType_Pointer;
}

/* Name, declaration site and result type of a function called directly
 * (call node n is the first call to it). */
static const struct decl_info *describe_callee(struct fb *b, CXCursor fn, int n)
{
	struct decl_info *d = decl_info_of(b, fn);
	if (d->call_known)
		return d;
	d->callee = spelling_of(b, fn);
	CXCursor canon = clang_getCanonicalCursor(fn);
	CXSourceLocation dl = clang_getCursorLocation(canon);
	CXFile df = NULL;
	clang_getFileLocation(dl, &df, NULL, NULL, NULL);
	/* An API: declared in a system header, or a compiler builtin (no
	 * file at all: _exception_code behind GetExceptionCode). */
	d->in_header = !df || clang_Location_isInSystemHeader(dl) != 0;
	/* A builtin's result type may follow its arguments' (__sync_*). */
	d->ret_type = df ? type_of(b, b->n[n].cur) : NULL;
	d->call_known = true;
	return d;
}

static void build_call(struct fb *b, int n)
{
	int nsx = sx_count(b, n);
	int ref = callee_ref_node(b, n);
	int nargs = nsx - 1;
	int callee_val = -1;
	int *argv = calloc((size_t)(nargs > 0 ? nargs : 1), sizeof(int));
	if (!argv)
		abort();
	for (int i = nargs - 1; i >= 0; i--)
		argv[i] = pop_val(b);
	if (ref < 0 && nsx >= 1)
		callee_val = pop_val(b);

	int idx;
	struct event *e = new_event(b, EV_CALL, &idx);
	e->callee_expr = callee_val;
	int at = ref >= 0 ? ref : sx_child(b, n, 0);
	CXSourceLocation loc = at >= 0 ?
		clang_getCursorLocation(b->n[at].cur) :
		node_begin(b, n);
	e->loc = fe_loc(b->fe, loc);
	const char *ret_type = NULL;
	if (ref >= 0) {
		const struct decl_info *d = describe_callee(b, node_ref(b, ref), n);
		e->callee = d->callee;
		e->declared_in_header = d->in_header;
		ret_type = d->ret_type;
		unsigned off;
		const struct macro_use *m = main_offset(b, loc, &off) ?
			fe_macro_at(b->fe, off) : NULL;
		if (m)
			e->macro = m->name;
	}
	for (int i = 0; i < nargs; i++) {
		VEC_RESERVE(b->args, b->nargs, b->capargs);
		b->args[b->nargs++] = argv[i];
	}
	free(argv);
	e = &b->ev[idx];
	e->nargs = nargs;
	int r = new_expr(b, EXPR_CALL, n);
	b->x[r].call = idx;
	b->x[r].name = e->callee;
	b->x[r].type = ret_type ? ret_type : type_of(b, b->n[n].cur);
	e->result = r;
	emit(b, IR_EVENT)->a = idx;
	push_val(b, r);
}

static enum expr_op compound_base(enum expr_op op)
{
	switch (op) {
	case OP_MUL_ASSIGN: return OP_MUL;
	case OP_DIV_ASSIGN: return OP_DIV;
	case OP_MOD_ASSIGN: return OP_MOD;
	case OP_ADD_ASSIGN: return OP_ADD;
	case OP_SUB_ASSIGN: return OP_SUB;
	case OP_SHL_ASSIGN: return OP_SHL;
	case OP_SHR_ASSIGN: return OP_SHR;
	case OP_AND_ASSIGN: return OP_BITAND;
	case OP_XOR_ASSIGN: return OP_BITXOR;
	case OP_OR_ASSIGN: return OP_BITOR;
	default: return OP_NONE;
	}
}

static int binary(struct fb *b, enum expr_op op, int l, int r, int n)
{
	if (op == OP_NONE)
		return new_expr(b, EXPR_UNKNOWN, n);
	int e = new_expr(b, EXPR_BINARY, n);
	b->x[e].op = op;
	b->x[e].a = l;
	b->x[e].b = r;
	return e;
}

static int int_const(struct fb *b, long long v, int n)
{
	int e = new_expr(b, EXPR_INT, n);
	b->x[e].value = v;
	return e;
}

static struct model_loc node_loc(struct fb *b, int n)
{
	return fe_loc(b->fe, node_begin(b, n));
}

/* Finishes an expression node once its children's values are pushed. */
static void expr_build(struct fb *b, int n)
{
	struct snode *s = &b->n[n];
	switch (s->kind) {
	case CXCursor_CallExpr:
		build_call(b, n);
		return;
	case CXCursor_MemberRefExpr: {
		int base = sx_count(b, n) >= 1 ? pop_val(b) : -1;
		int e = new_expr(b, EXPR_MEMBER, n);
		int bn = sx_child(b, n, 0);
		b->x[e].a = base;
		b->x[e].name = spelling_of(b, s->cur);
		b->x[e].type = type_of(b, s->cur);
		b->x[e].arrow = bn >= 0 && is_pointer(b->n[bn].cur);
		push_val(b, e);
		return;
	}
	case CXCursor_ArraySubscriptExpr: {
		int i = pop_val(b), a = pop_val(b);
		int e = new_expr(b, EXPR_INDEX, n);
		b->x[e].a = a;
		b->x[e].b = i;
		b->x[e].type = type_of(b, s->cur);
		push_val(b, e);
		return;
	}
	case CXCursor_UnaryOperator: {
		enum expr_op op = node_op(b, n);
		int a = pop_val(b);
		if (is_incdec(op)) {
			bool inc = op == OP_PREINC || op == OP_POSTINC;
			int v = binary(b, inc ? OP_ADD : OP_SUB, a, int_const(b, 1, n), n);
			emit_store(b, a, v, op, node_loc(b, sx_child(b, n, 0)));
			push_val(b, op == OP_PREINC || op == OP_PREDEC ? v : a);
			return;
		}
		int e = new_expr(b, op == OP_NONE ? EXPR_UNKNOWN : EXPR_UNARY, n);
		b->x[e].op = op;
		b->x[e].a = a;
		if (op == OP_DEREF)
			b->x[e].type = type_of(b, s->cur);
		push_val(b, e);
		return;
	}
	case CXCursor_CompoundAssignOperator: {
		enum expr_op op = node_op(b, n);
		int target = pop_val(b), rhs = pop_val(b);
		int v = binary(b, compound_base(op), target, rhs, n);
		emit_store(b, target, v, op == OP_NONE ? OP_ASSIGN : op,
			   node_loc(b, sx_child(b, n, 0)));
		push_val(b, v);
		return;
	}
	case CXCursor_BinaryOperator: {
		enum expr_op op = node_op(b, n);
		if (op == OP_ASSIGN) {
			int target = pop_val(b), rhs = pop_val(b);
			emit_store(b, target, rhs, OP_ASSIGN,
				   node_loc(b, sx_child(b, n, 0)));
			push_val(b, rhs);
			return;
		}
		int r = pop_val(b), l = pop_val(b);
		push_val(b, binary(b, op, l, r, n));
		return;
	}
	case CXCursor_ConditionalOperator: {
		int f = pop_val(b), t = pop_val(b), a = pop_val(b);
		int e = new_expr(b, EXPR_COND, n);
		b->x[e].a = a;
		b->x[e].b = t;
		b->x[e].c = f;
		push_val(b, e);
		return;
	}
	default:
		push_val(b, new_expr(b, EXPR_UNKNOWN, n));
		return;
	}
}

/* ------------------------------------------------------------------ */
/* Conditions */

static bool is_short_circuit(struct fb *b, int n)
{
	for (;;) {              /* through `!`s: a loop, not a recursion */
		n = strip(b, n);
		if (b->n[n].kind == CXCursor_ConditionalOperator)
			return true;
		if (b->n[n].kind == CXCursor_BinaryOperator) {
			enum expr_op op = node_op(b, n);
			return op == OP_LAND || op == OP_LOR || op == OP_COMMA;
		}
		if (b->n[n].kind != CXCursor_UnaryOperator || node_op(b, n) != OP_NOT)
			return false;
		n = sx_child(b, n, 0);
		if (n < 0)
			return false;
	}
}

/* Jumping code for condition n: to label t when true, f when false. */
static void cond_start(struct fb *b, int n, int t, int f)
{
	n = strip(b, n);
	struct snode *s = &b->n[n];
	int a = sx_child(b, n, 0), c = sx_child(b, n, 1);

	if (s->kind == CXCursor_BinaryOperator && a >= 0 && c >= 0 &&
	    !b->n[n].maybe_const) {
		enum expr_op op = node_op(b, n);
		if (op == OP_LAND || op == OP_LOR) {
			int mid = new_label(b);
			push_work(b, W_COND, c, t, f, -1);
			push_work(b, W_LABEL, -1, mid, -1, -1);
			if (op == OP_LAND)
				push_work(b, W_COND, a, mid, f, -1);
			else
				push_work(b, W_COND, a, t, mid, -1);
			return;
		}
		if (op == OP_COMMA) {
			push_work(b, W_COND, c, t, f, -1);
			PUSH(b, W_DROP, -1);
			PUSH(b, W_EXPR, a);
			return;
		}
	}
	if (s->kind == CXCursor_UnaryOperator && a >= 0 &&
	    node_op(b, n) == OP_NOT && is_short_circuit(b, a)) {
		push_work(b, W_COND, a, f, t, -1);
		return;
	}
	if (s->kind == CXCursor_ConditionalOperator && !b->n[n].maybe_const) {
		int e = sx_child(b, n, 2);
		if (a >= 0 && c >= 0 && e >= 0) {
			int l1 = new_label(b), l2 = new_label(b);
			push_work(b, W_COND, e, t, f, -1);
			push_work(b, W_LABEL, -1, l2, -1, -1);
			push_work(b, W_COND, c, t, f, -1);
			push_work(b, W_LABEL, -1, l1, -1, -1);
			push_work(b, W_COND, a, l1, l2, -1);
			return;
		}
	}
	push_work(b, W_BRANCH_VAL, n, t, f, -1);
	PUSH(b, W_EXPR, n);
}

/* ------------------------------------------------------------------ */
/* Statements */

static int jump_target(struct fb *b, int which)
{
	for (int i = b->nctx - 1; i >= 0; i--) {
		int l = which == 0 ? b->ctx[i].brk :
			which == 1 ? b->ctx[i].cont : b->ctx[i].leave;
		if (l >= 0)
			return l;
	}
	return -1;
}

static void stmt_if(struct fb *b, int n)
{
	int c = sx_child(b, n, 0), then = sx_child(b, n, 1), els = sx_child(b, n, 2);
	int lt = new_label(b), lend = new_label(b);
	int lf = els >= 0 ? new_label(b) : lend;
	push_work(b, W_LABEL, -1, lend, -1, -1);
	if (els >= 0) {
		PUSH(b, W_STMT, els);
		push_work(b, W_LABEL, -1, lf, -1, -1);
		push_work(b, W_JUMP, -1, lend, -1, -1);
	}
	if (then >= 0)
		PUSH(b, W_STMT, then);
	push_work(b, W_LABEL, -1, lt, -1, -1);
	if (c >= 0)
		push_work(b, W_COND, c, lt, lf, -1);
}

/* Pushes the body of a loop or switch between its jump context. */
static void push_body(struct fb *b, int body, int brk, int cont)
{
	PUSH(b, W_CTX_POP, -1);
	if (body >= 0)
		PUSH(b, W_STMT, body);
	push_work(b, W_CTX_PUSH, -1, brk, cont, -1);
}

static void stmt_while(struct fb *b, int n)
{
	int c = sx_child(b, n, 0), body = sx_child(b, n, 1);
	int lc = new_label(b), lb = new_label(b), lend = new_label(b);
	push_work(b, W_LABEL, -1, lend, -1, -1);
	push_work(b, W_JUMP, -1, lc, -1, -1);
	push_body(b, body, lend, lc);
	push_work(b, W_LABEL, -1, lb, -1, -1);
	push_work(b, W_COND, c, lb, lend, -1);
	push_work(b, W_LABEL, -1, lc, -1, -1);
}

static void stmt_do(struct fb *b, int n)
{
	int body = sx_child(b, n, 0), c = sx_child(b, n, 1);
	int lb = new_label(b), lc = new_label(b), lend = new_label(b);
	push_work(b, W_LABEL, -1, lend, -1, -1);
	push_work(b, W_COND, c, lb, lend, -1);
	push_work(b, W_LABEL, -1, lc, -1, -1);
	push_body(b, body, lend, lc);
	push_work(b, W_LABEL, -1, lb, -1, -1);
}

/* Which of a for statement's children are init, cond and inc: by their
 * place against the header's semicolons when the header is written in the
 * file, else by count (an ambiguous condition stays unknown). */
static void for_parts(struct fb *b, int n, int *init, int *cond, int *inc,
		      int *body, bool *cond_unknown)
{
	int kids[4], nk = 0;
	for (int c = b->n[n].first; c >= 0 && nk < 4; c = b->n[c].next)
		if (b->n[c].sx)
			kids[nk++] = c;
	*init = *cond = *inc = *body = -1;
	*cond_unknown = false;
	if (nk == 0)
		return;
	*body = kids[--nk];
	if (nk == 3) {
		*init = kids[0], *cond = kids[1], *inc = kids[2];
		return;
	}
	unsigned semi[2], close;
	if (nk > 0 && fe_for_header(b->fe, b->n[n].cur, semi, &close)) {
		for (int i = 0; i < nk; i++) {
			unsigned off = fe_file_pos(b->fe, node_begin(b, kids[i])).offset;
			if (off < semi[0])
				*init = kids[i];
			else if (off < semi[1])
				*cond = kids[i];
			else
				*inc = kids[i];
		}
		return;
	}
	for (int i = 0; i < nk; i++) {
		if (b->n[kids[i]].kind == CXCursor_DeclStmt)
			*init = kids[i];
		else if (*init < 0 && i == 0 && nk == 2)
			*init = kids[i];
		else
			*inc = kids[i];
	}
	*cond_unknown = nk > 0;
}

static void stmt_for(struct fb *b, int n)
{
	int init, cond, inc, body;
	bool unknown;
	for_parts(b, n, &init, &cond, &inc, &body, &unknown);
	int lc = new_label(b), lb = new_label(b), linc = new_label(b),
	    lend = new_label(b);
	push_work(b, W_LABEL, -1, lend, -1, -1);
	push_work(b, W_JUMP, -1, lc, -1, -1);
	if (inc >= 0)
		PUSH(b, W_STMT, inc);
	push_work(b, W_LABEL, -1, linc, -1, -1);
	push_body(b, body, lend, linc);
	push_work(b, W_LABEL, -1, lb, -1, -1);
	if (cond >= 0)
		push_work(b, W_COND, cond, lb, lend, -1);
	else if (unknown)
		push_work(b, W_BRANCH_UNKNOWN, n, lb, lend, -1);
	push_work(b, W_LABEL, -1, lc, -1, -1);
	if (init >= 0)
		PUSH(b, W_STMT, init);
}

/* The innermost switch statement enclosing node n, or -1. */
static int enclosing_switch(const struct fb *b, int n)
{
	for (int p = b->n[n].parent; p >= 0; p = b->n[p].parent)
		if (b->n[p].kind == CXCursor_SwitchStmt)
			return p;
	return -1;
}

static void stmt_switch(struct fb *b, int n)
{
	int c = sx_child(b, n, 0), body = sx_child(b, n, 1);
	int lend = new_label(b);
	push_work(b, W_LABEL, -1, lend, -1, -1);
	push_body(b, body, lend, -1);
	push_work(b, W_SWITCH, n, lend, -1, -1);
	if (c >= 0)
		PUSH(b, W_EXPR, c);
	else
		PUSH(b, W_PUSH_UNKNOWN, n);
}

/* Emits the SWITCH: one case per case label of this switch (nested
 * switches keep theirs), default or the end label otherwise. */
static void emit_switch(struct fb *b, int n, int lend)
{
	int v = pop_val(b);
	int deflabel = lend;
	int first = b->ncases;
	for (int i = n + 1; i < b->n[n].end; i++) {
		enum CXCursorKind k = b->n[i].kind;
		if ((k != CXCursor_CaseStmt && k != CXCursor_DefaultStmt) ||
		    enclosing_switch(b, i) != n)
			continue;
		b->case_label[i] = new_label(b);
		if (k == CXCursor_DefaultStmt) {
			deflabel = b->case_label[i];
			continue;
		}
		VEC_RESERVE(b->cases, b->ncases, b->capcases);
		struct switch_case *sc = &b->cases[b->ncases++];
		memset(sc, 0, sizeof(*sc));
		sc->target = b->case_label[i];
		int lo = sx_child(b, i, 0), hi = sx_count(b, i) >= 3 ? sx_child(b, i, 1) : lo;
		CXEvalResult r1 = lo >= 0 ? clang_Cursor_Evaluate(b->n[lo].cur) : NULL;
		CXEvalResult r2 = hi >= 0 ? clang_Cursor_Evaluate(b->n[hi].cur) : NULL;
		if (r1 && r2 && clang_EvalResult_getKind(r1) == CXEval_Int &&
		    clang_EvalResult_getKind(r2) == CXEval_Int) {
			sc->lo = clang_EvalResult_getAsLongLong(r1);
			sc->hi = clang_EvalResult_getAsLongLong(r2);
			sc->known = true;
		}
		if (r1)
			clang_EvalResult_dispose(r1);
		if (r2)
			clang_EvalResult_dispose(r2);
	}
	struct ir *r = emit(b, IR_SWITCH);
	r->a = v;
	r->t = deflabel;
	r->first_case = first;
	r->ncases = b->ncases - first;
	int c = sx_child(b, n, 0);
	r->loc = node_loc(b, c >= 0 ? c : n);
}

/* Field names of a record type, in order, for positional initializers. */
struct field_list {
	struct fb *b;
	const char **names;
	int n, cap;
};

static enum CXVisitorResult field_visit(CXCursor c, CXClientData data)
{
	struct field_list *fl = data;
	VEC_RESERVE(fl->names, fl->n, fl->cap);
	fl->names[fl->n++] = spelling_of(fl->b, c);
	return CXVisit_Continue;
}

/* One (path, value node) pair of an initializer. */
struct init_item {
	char *path;
	int value;      /* node, or -1 for the zero fill of the whole */
};

struct init_list {
	struct init_item *items;
	int n, cap;
};

static void init_add(struct init_list *il, const char *path, int value)
{
	VEC_RESERVE(il->items, il->n, il->cap);
	il->items[il->n].path = strdup(path);
	if (!il->items[il->n].path)
		abort();
	il->items[il->n++].value = value;
}

/* Designator path of a designated initializer element, into buf. */
static void designator_path(struct fb *b, int elem, const char *base,
			    char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "%s", base);
	int last = last_sx_child(b, elem);
	for (int c = b->n[elem].first; c >= 0 && len < size; c = b->n[c].next) {
		if (b->n[c].kind == CXCursor_MemberRef) {
			CXString s = clang_getCursorSpelling(b->n[c].cur);
			len += (size_t)snprintf(buf + len, size - len, ".%s", clang_getCString(s));
			clang_disposeString(s);
		} else if (b->n[c].sx && c != last) {
			len += (size_t)snprintf(buf + len, size - len, "[]");
		}
	}
}

/*
 * Flattens an initializer into (path, value) pairs, outer zero fill
 * first: `{ .Flags = X, .Header = { .Type = T } }` gives ("", zero),
 * (".Flags", X), (".Header.Type", T).  Uses an explicit stack of
 * initializer lists, each with its path.
 */
static void flatten_init(struct fb *b, int init, struct init_list *il)
{
	struct pending { int node; char path[256]; } *st = NULL;
	int nst = 0, capst = 0;

	init_add(il, "", -1);
	VEC_RESERVE(st, nst, capst);
	st[nst].node = init;
	st[nst++].path[0] = '\0';
	while (nst > 0) {
		struct pending cur = st[--nst];
		CXType t = clang_getCanonicalType(clang_getCursorType(b->n[cur.node].cur));
		bool is_array = t.kind == CXType_ConstantArray ||
				t.kind == CXType_IncompleteArray;
		struct field_list fl = { b, NULL, 0, 0 };
		if (t.kind == CXType_Record)
			clang_Type_visitFields(t, field_visit, &fl);
		int pos = 0;
		for (int c = b->n[cur.node].first; c >= 0; c = b->n[c].next) {
			if (!b->n[c].sx)
				continue;
			char path[256];
			int value = c;
			bool designated = b->n[c].kind == CXCursor_UnexposedExpr &&
				(has_child_kind(b, c, CXCursor_MemberRef) || sx_count(b, c) >= 2);
			if (designated) {
				designator_path(b, c, cur.path, path, sizeof(path));
				value = last_sx_child(b, c);
				int fr = -1;
				for (int k = b->n[c].first; k >= 0 && fr < 0; k = b->n[k].next)
					if (b->n[k].kind == CXCursor_MemberRef)
						fr = k;
				for (int k = 0; fr >= 0 && k < fl.n; k++) {
					CXString s = clang_getCursorSpelling(b->n[fr].cur);
					if (strcmp(fl.names[k], clang_getCString(s)) == 0)
						pos = k + 1;
					clang_disposeString(s);
				}
			} else if (is_array || pos >= fl.n) {
				pos++;
				/* Paths this deep are not ones we reason about. */
				if (snprintf(path, sizeof(path), "%s[]", cur.path) >= (int)sizeof(path))
					continue;
			} else if (snprintf(path, sizeof(path), "%s.%s", cur.path,
					    fl.names[pos++]) >= (int)sizeof(path)) {
				continue;
			}
			if (value < 0)
				continue;
			int vs = strip(b, value);
			if (b->n[vs].kind == CXCursor_InitListExpr) {
				VEC_RESERVE(st, nst, capst);
				st[nst].node = vs;
				snprintf(st[nst++].path, sizeof(st[0].path), "%s", path);
			} else {
				init_add(il, path, value);
			}
		}
		free(fl.names);
	}
	free(st);
}

/* MEMBER/INDEX chain for a path ".a.b[]" rooted at expression base. */
static int path_expr(struct fb *b, int base, const char *path, int n)
{
	int e = base;
	const char *p = path;
	while (*p) {
		if (p[0] == '[') {
			int x = new_expr(b, EXPR_INDEX, n);
			b->x[x].a = e;
			b->x[x].b = new_expr(b, EXPR_UNKNOWN, n);
			e = x;
			p += 2;
			continue;
		}
		const char *start = p + 1;
		const char *end = start;
		while (*end && *end != '.' && *end != '[')
			end++;
		int x = new_expr(b, EXPR_MEMBER, n);
		b->x[x].a = e;
		b->x[x].name = arena_strndup(b->fe->arena, start, (size_t)(end - start));
		e = x;
		p = end;
	}
	return e;
}

/* The initializer node of a VarDecl node, or -1. */
static int var_init_node(struct fb *b, int vd)
{
	CXCursor init = clang_Cursor_getVarDeclInitializer(b->n[vd].cur);
	if (clang_Cursor_isNull(init))
		return -1;
	for (int c = b->n[vd].first; c >= 0; c = b->n[c].next)
		if (clang_equalCursors(b->n[c].cur, init))
			return c;
	return last_sx_child(b, vd);
}

/* A local declaration with an initializer: stores, in order. */
static void stmt_vardecl(struct fb *b, int vd)
{
	CXCursor c = b->n[vd].cur;
	enum CX_StorageClass sc = clang_Cursor_getStorageClass(c);
	if (sc == CX_SC_Static || sc == CX_SC_Extern)
		return;
	int init = var_init_node(b, vd);
	int var = var_expr(b, c, vd);
	struct model_loc loc = fe_loc(b->fe, clang_getCursorLocation(c));
	b->x[var].loc = loc;
	if (init < 0)
		return;
	int si = strip(b, init);
	if (b->n[si].kind != CXCursor_InitListExpr) {
		push_work(b, W_STORE_DECL, vd, var, -1, -1);
		PUSH(b, W_EXPR, init);
		return;
	}
	struct init_list il = { 0 };
	flatten_init(b, si, &il);
	for (int i = il.n - 1; i >= 0; i--) {
		int target = path_expr(b, var, il.items[i].path, vd);
		b->x[target].loc = loc;
		if (il.items[i].value < 0) {
			push_work(b, W_STORE_DECL, vd, target, -1, -1);
			push_work(b, W_PUSH_UNKNOWN, vd, 1, -1, -1);
		} else {
			push_work(b, W_STORE_DECL, vd, target, -1, -1);
			PUSH(b, W_EXPR, il.items[i].value);
		}
		free(il.items[i].path);
	}
	free(il.items);
}

static void stmt_seh_try(struct fb *b, int n)
{
	int body = sx_child(b, n, 0), handler = sx_child(b, n, 1);
	int lend = new_label(b), lleave = new_label(b);
	if (handler >= 0 && b->n[handler].kind == CXCursor_SEHFinallyStmt) {
		/* __finally runs after the body however it leaves normally. */
		PUSH(b, W_STMT, sx_child(b, handler, 0));
		push_work(b, W_LABEL, -1, lleave, -1, -1);
		PUSH(b, W_CTX_POP, -1);
		PUSH(b, W_STMT, body);
		push_work(b, W_CTX_PUSH, -1, -1, -1, lleave);
		return;
	}
	/* __except: the handler may run with none or all of the body's
	 * effects (an exception at its start or at its end). */
	int lbody = new_label(b), lexc = new_label(b);
	push_work(b, W_LABEL, -1, lend, -1, -1);
	if (handler >= 0) {
		int filter = sx_child(b, handler, 0), block = sx_child(b, handler, 1);
		if (block >= 0)
			PUSH(b, W_STMT, block);
		if (filter >= 0) {
			PUSH(b, W_DROP, -1);
			PUSH(b, W_EXPR, filter);
		}
	}
	push_work(b, W_LABEL, -1, lexc, -1, -1);
	push_work(b, W_BRANCH_UNKNOWN, n, lend, lexc, -1);
	push_work(b, W_LABEL, -1, lleave, -1, -1);
	PUSH(b, W_CTX_POP, -1);
	if (body >= 0)
		PUSH(b, W_STMT, body);
	push_work(b, W_CTX_PUSH, -1, -1, -1, lleave);
	push_work(b, W_LABEL, -1, lbody, -1, -1);
	push_work(b, W_BRANCH_UNKNOWN, n, lbody, lexc, -1);
}

/* Pushes a work item for each expression or statement child of n, last
 * first, so that they run in order: one pass over the children (a block
 * with thousands of statements must not cost their square). */
static void push_children_reversed(struct fb *b, int n, enum work_kind kind)
{
	int first = b->nw;
	for (int c = b->n[n].first; c >= 0; c = b->n[c].next)
		if (b->n[c].sx)
			PUSH(b, kind, c);
	for (int i = first, j = b->nw - 1; i < j; i++, j--) {
		struct work t = b->w[i];
		b->w[i] = b->w[j];
		b->w[j] = t;
	}
}

static void stmt_start(struct fb *b, int n)
{
	struct snode *s = &b->n[n];
	switch (s->kind) {
	case CXCursor_CompoundStmt:
		push_children_reversed(b, n, W_STMT);
		return;
	case CXCursor_DeclStmt: {
		/* Declarations run in order: push the last first. */
		int last = -1;
		for (int c = s->first; c >= 0; c = b->n[c].next)
			if (b->n[c].kind == CXCursor_VarDecl)
				last = c;
		for (int c = last; c > n; c--)
			if (b->n[c].parent == n && b->n[c].kind == CXCursor_VarDecl)
				stmt_vardecl(b, c);
		return;
	}
	case CXCursor_IfStmt: stmt_if(b, n); return;
	case CXCursor_WhileStmt: stmt_while(b, n); return;
	case CXCursor_DoStmt: stmt_do(b, n); return;
	case CXCursor_ForStmt: stmt_for(b, n); return;
	case CXCursor_SwitchStmt: stmt_switch(b, n); return;
	case CXCursor_SEHTryStmt: stmt_seh_try(b, n); return;
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt: {
		int sub = last_sx_child(b, n);
		if (s->kind == CXCursor_CaseStmt && sx_count(b, n) < 2)
			sub = -1;
		if (sub >= 0)
			PUSH(b, W_STMT, sub);
		if (b->case_label[n] >= 0)
			push_work(b, W_LABEL, -1, b->case_label[n], -1, -1);
		return;
	}
	case CXCursor_LabelStmt: {
		int sub = sx_child(b, n, 0);
		CXString name = clang_getCursorSpelling(s->cur);
		int l = named_label(b, clang_getCString(name));
		clang_disposeString(name);
		if (sub >= 0)
			PUSH(b, W_STMT, sub);
		push_work(b, W_LABEL, -1, l, -1, -1);
		return;
	}
	case CXCursor_GotoStmt: {
		CXCursor target = clang_getCursorReferenced(s->cur);
		CXString name = clang_getCursorSpelling(target);
		int l = named_label(b, clang_getCString(name));
		clang_disposeString(name);
		push_work(b, W_JUMP, -1, l, -1, -1);
		return;
	}
	case CXCursor_IndirectGotoStmt:
		PUSH(b, W_EXIT, n);
		PUSH(b, W_DROP, -1);
		PUSH(b, W_EXPR, sx_child(b, n, 0));
		return;
	case CXCursor_BreakStmt:
	case CXCursor_ContinueStmt:
	case CXCursor_SEHLeaveStmt: {
		int which = s->kind == CXCursor_BreakStmt ? 0 :
			    s->kind == CXCursor_ContinueStmt ? 1 : 2;
		int l = jump_target(b, which);
		if (l >= 0)
			push_work(b, W_JUMP, -1, l, -1, -1);
		return;
	}
	case CXCursor_ReturnStmt: {
		int v = sx_child(b, n, 0);
		push_work(b, W_RETURN, n, v >= 0, -1, -1);
		if (v >= 0)
			PUSH(b, W_EXPR, v);
		return;
	}
	case CXCursor_NullStmt:
	case CXCursor_AsmStmt:
	case CXCursor_MSAsmStmt:
		return;
	default:
		if (clang_isExpression(s->kind)) {
			PUSH(b, W_DROP, -1);
			PUSH(b, W_EXPR, n);
			return;
		}
		push_children_reversed(b, n, W_STMT);
		return;
	}
}

/* Runs the work stack until it is empty. */
static void run_work(struct fb *b)
{
	while (b->nw > 0) {
		struct work w = b->w[--b->nw];
		switch (w.kind) {
		case W_STMT:
			if (w.node >= 0)
				stmt_start(b, w.node);
			break;
		case W_COND:
			if (w.node >= 0)
				cond_start(b, w.node, w.a, w.b);
			else
				push_work(b, W_BRANCH_UNKNOWN, -1, w.a, w.b, -1);
			break;
		case W_EXPR:
			if (w.node >= 0)
				expr_start(b, w.node);
			else
				push_val(b, new_expr(b, EXPR_UNKNOWN, -1));
			break;
		case W_BUILD:
			expr_build(b, w.node);
			break;
		case W_DROP:
			pop_val(b);
			break;
		case W_LABEL:
			emit(b, IR_LABEL)->a = w.a;
			break;
		case W_JUMP:
			emit(b, IR_JUMP)->t = w.a;
			break;
		case W_CTX_PUSH:
			VEC_RESERVE(b->ctx, b->nctx, b->capctx);
			b->ctx[b->nctx].brk = w.a;
			b->ctx[b->nctx].cont = w.b;
			b->ctx[b->nctx++].leave = w.c;
			break;
		case W_CTX_POP:
			if (b->nctx > 0)
				b->nctx--;
			break;
		case W_BRANCH_VAL: {
			int v = pop_val(b);
			struct ir *r;
			if (v >= 0 && b->x[v].kind == EXPR_INT) {
				/* A constant condition (do ... while (0)) is a
				 * jump: the other edge does not exist. */
				emit(b, IR_JUMP)->t = b->x[v].value ? w.a : w.b;
				break;
			}
			r = emit(b, IR_BRANCH);
			r->a = v;
			r->t = w.a;
			r->f = w.b;
			r->loc = node_loc(b, w.node);
			break;
		}
		case W_BRANCH_UNKNOWN: {
			struct ir *r = emit(b, IR_BRANCH);
			r->a = new_expr(b, EXPR_UNKNOWN, w.node);
			r->t = w.a;
			r->f = w.b;
			if (w.node >= 0)
				r->loc = node_loc(b, w.node);
			break;
		}
		case W_RETURN: {
			int v = w.a ? pop_val(b) : -1;
			struct ir *r = emit(b, IR_RETURN);
			r->a = v;
			r->loc = node_loc(b, w.node);
			break;
		}
		case W_STORE_DECL: {
			int v = pop_val(b);
			emit_store(b, w.a, v, OP_NONE, b->x[w.a].loc);
			break;
		}
		case W_SWITCH:
			emit_switch(b, w.node, w.a);
			break;
		case W_PUSH_UNKNOWN:
			push_val(b, new_expr(b, w.a == 1 ? EXPR_ZERO_INIT : EXPR_UNKNOWN,
					     w.node));
			break;
		case W_EXIT:
			emit(b, IR_EXIT);
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Split into blocks */

struct blocks {
	struct block *v;
	int n, cap;
};

static int open_block(struct blocks *bl, int first_event)
{
	VEC_RESERVE(bl->v, bl->n, bl->cap);
	struct block *k = &bl->v[bl->n];
	memset(k, 0, sizeof(*k));
	k->first_event = first_event;
	k->term = TERM_EXIT;
	k->cond = -1;
	k->succ[0] = k->succ[1] = -1;
	return bl->n++;
}

/* Cuts the IR into blocks; label targets are resolved afterwards. */
static void split_blocks(struct fb *b, struct model_function *fn,
			 struct model_loc end_loc)
{
	struct blocks bl = { 0 };
	int *label_block = malloc((size_t)(b->nlabels + 1) * sizeof(int));
	if (!label_block)
		abort();
	for (int i = 0; i <= b->nlabels; i++)
		label_block[i] = -1;
	int cur = open_block(&bl, 0);
	bool closed = false;
	int next_event = 0;

	for (int i = 0; i < b->nir; i++) {
		struct ir *r = &b->ir[i];
		if (r->kind == IR_LABEL) {
			if (closed) {
				cur = open_block(&bl, next_event);
				closed = false;
			} else if (bl.v[cur].nevents > 0) {
				int nb = open_block(&bl, next_event);
				bl.v[cur].term = TERM_GOTO;
				bl.v[cur].succ[0] = -2 - r->a;  /* label, fixed below */
				cur = nb;
			}
			label_block[r->a] = cur;
			continue;
		}
		if (closed) {
			cur = open_block(&bl, next_event);
			closed = false;
		}
		struct block *k = &bl.v[cur];
		switch (r->kind) {
		case IR_EVENT:
			k->nevents++;
			next_event++;
			break;
		case IR_JUMP:
			k->term = TERM_GOTO;
			k->succ[0] = -2 - r->t;
			closed = true;
			break;
		case IR_BRANCH:
			k->term = TERM_BRANCH;
			k->cond = r->a;
			k->succ[0] = -2 - r->t;
			k->succ[1] = -2 - r->f;
			k->loc = r->loc;
			closed = true;
			break;
		case IR_SWITCH:
			k->term = TERM_SWITCH;
			k->cond = r->a;
			k->succ[0] = -2 - r->t;
			k->first_case = r->first_case;
			k->ncases = r->ncases;
			k->loc = r->loc;
			closed = true;
			break;
		case IR_RETURN:
			k->term = TERM_RETURN;
			k->cond = r->a;
			k->loc = r->loc;
			closed = true;
			break;
		case IR_EXIT:
			k->term = TERM_EXIT;
			closed = true;
			break;
		default:
			break;
		}
	}
	if (!closed) {
		struct block *k = &bl.v[cur];
		k->term = TERM_RETURN;
		k->cond = -1;
		k->loc = end_loc;
		k->implicit_return = true;
	}

	/* A label nobody placed (goto into an erroneous region) ends in an
	 * exit block. */
	int missing = -1;
	for (int i = 0; i < bl.n; i++) {
		for (int s = 0; s < 2; s++) {
			int v = bl.v[i].succ[s];
			if (v > -2)
				continue;
			int target = label_block[-2 - v];
			if (target < 0) {
				if (missing < 0)
					missing = open_block(&bl, next_event);
				target = missing;
			}
			bl.v[i].succ[s] = target;
		}
	}
	for (int i = 0; i < b->ncases; i++) {
		int target = label_block[b->cases[i].target];
		if (target < 0) {
			if (missing < 0)
				missing = open_block(&bl, next_event);
			target = missing;
		}
		b->cases[i].target = target;
	}
	free(label_block);
	fn->blocks = bl.v;
	fn->nblocks = bl.n;
}

/* ------------------------------------------------------------------ */
/* Entry points */

enum { CFG_ADOPT_BYTES = 64 * 1024 };

static void *move_to_arena(struct arena *a, void *v, size_t n, size_t size)
{
	/* A big function's arrays are handed over rather than copied: no
	 * second copy of megabytes, no fresh pages for it. */
	if (n * size >= CFG_ADOPT_BYTES) {
		void *exact = realloc(v, n * size);
		if (exact)
			v = exact;
		arena_adopt(a, v);
		return v;
	}
	/* Not zeroed: every byte is copied over. */
	void *p = n ? arena_alloc(a, n * size) : arena_calloc(a, 1, size);
	if (n)
		memcpy(p, v, n * size);
	free(v);
	return p;
}

static void fb_free(struct fb *b)
{
	free(b->n);
	free(b->anc);
	free(b->ir);
	free(b->case_label);
	free(b->named);
	free(b->decls);
	free(b->w);
	free(b->vals);
	free(b->ctx);
	free(b->refs);
}

/* The CompoundStmt body of a function definition. */
static enum CXChildVisitResult find_body(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	if (clang_getCursorKind(c) == CXCursor_CompoundStmt) {
		*(CXCursor *)d = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

static void function_header(struct fe *fe, CXCursor decl,
			    struct model_function *fn)
{
	CXString name = clang_getCursorSpelling(decl);
	fn->name = arena_strdup(fe->arena, clang_getCString(name));
	clang_disposeString(name);
	fn->loc = fe_loc(fe, clang_getCursorLocation(decl));
	fn->is_static = clang_Cursor_getStorageClass(decl) == CX_SC_Static;
	int np = clang_Cursor_getNumArguments(decl);
	fn->nparams = np > 0 ? np : 0;
	fn->params = arena_calloc(fe->arena, (size_t)fn->nparams + 1, sizeof(char *));
	for (int i = 0; i < fn->nparams; i++) {
		CXString p = clang_getCursorSpelling(clang_Cursor_getArgument(decl, i));
		fn->params[i] = arena_strdup(fe->arena, clang_getCString(p));
		clang_disposeString(p);
	}
}

void cfg_build_function(struct fe *fe, CXCursor decl, struct model_function *fn)
{
	struct fb b = { 0 };
	CXCursor body = clang_getNullCursor();

	b.fe = fe;
	b.fn_decl = decl;
	function_header(fe, decl, fn);
	b.fn_name = fn->name;
	clang_visitChildren(decl, find_body, &body);

	struct model_loc end_loc = fn->loc;
	if (!clang_Cursor_isNull(body)) {
		CXSourceRange ext = clang_getCursorExtent(body);
		struct fe_pos p0 = fe_file_pos(fe, clang_getRangeStart(ext));
		struct fe_pos p1 = fe_file_pos(fe, clang_getRangeEnd(ext));
		fn->body_begin = p0.offset;
		fn->body_end = p1.offset;
		end_loc.file = p1.index;
		end_loc.line = p1.line;
		end_loc.col = p1.col > 1 ? p1.col - 1 : 1;
		fn->body_end_loc = end_loc;
	}
	/* A body blanked in this half of a split parse is the other half's
	 * to convert. */
	if (!clang_Cursor_isNull(body) &&
	    !fe_body_blanked(fe, fn->body_begin, fn->body_end)) {
		flatten(&b, body);
		b.case_label = malloc((size_t)b.nn * sizeof(int));
		if (!b.case_label)
			abort();
		for (int i = 0; i < b.nn; i++)
			b.case_label[i] = -1;
		compute_flags(&b);
		PUSH(&b, W_STMT, 0);
		run_work(&b);
	}
	split_blocks(&b, fn, end_loc);
	fn->blocks = move_to_arena(fe->arena, fn->blocks, (size_t)fn->nblocks, sizeof(struct block));
	fn->exprs = move_to_arena(fe->arena, b.x, (size_t)b.nx, sizeof(struct expr));
	fn->nexprs = b.nx;
	fn->events = move_to_arena(fe->arena, b.ev, (size_t)b.nev, sizeof(struct event));
	fn->nevents = b.nev;
	fn->args = move_to_arena(fe->arena, b.args, (size_t)b.nargs, sizeof(int));
	fn->nargs = b.nargs;
	fn->cases = move_to_arena(fe->arena, b.cases, (size_t)b.ncases, sizeof(struct switch_case));
	fn->ncases = b.ncases;
	fb_free(&b);
}

/* Appends a function-local pool into the file's global pool, shifting
 * child ids. */
static int append_gexprs(struct fe *fe, struct fb *b, int root)
{
	struct model_file *mf = fe->mf;
	int base = mf->ngexprs;
	struct expr *nx = arena_calloc(fe->arena, (size_t)(base + b->nx + 1), sizeof(*nx));
	if (base)
		memcpy(nx, mf->gexprs, (size_t)base * sizeof(*nx));
	for (int i = 0; i < b->nx; i++) {
		struct expr e = b->x[i];
		if (e.a >= 0) e.a += base;
		if (e.b >= 0) e.b += base;
		if (e.c >= 0) e.c += base;
		e.call = -1;
		nx[base + i] = e;
	}
	mf->gexprs = nx;
	mf->ngexprs = base + b->nx;
	return root >= 0 ? root + base : -1;
}

void cfg_build_global(struct fe *fe, CXCursor decl, struct model_global *g)
{
	struct fb b = { 0 };
	struct init_list il = { 0 };
	CXCursor init = clang_Cursor_getVarDeclInitializer(decl);

	b.fe = fe;
	b.fn_decl = clang_getNullCursor();
	b.fn_name = "";
	if (clang_Cursor_isNull(init)) {
		/* A definition or a tentative one (`T g;`): zero-filled by the
		 * loader; only an extern declaration says nothing. */
		if (clang_Cursor_getStorageClass(decl) != CX_SC_Extern) {
			g->is_definition = true;
			init_add(&il, "", -1);
		}
	} else {
		flatten(&b, decl);
		b.case_label = calloc((size_t)b.nn, sizeof(int));
		if (!b.case_label)
			abort();
		compute_flags(&b);
		int in = var_init_node(&b, 0);
		int si = in >= 0 ? strip(&b, in) : -1;
		if (si >= 0 && b.n[si].kind == CXCursor_InitListExpr)
			flatten_init(&b, si, &il);
		else if (in >= 0)
			init_add(&il, "", in);
	}
	g->inits = arena_calloc(fe->arena, (size_t)il.n + 1, sizeof(*g->inits));
	for (int i = 0; i < il.n; i++) {
		int v;
		if (il.items[i].value < 0) {
			v = new_expr(&b, EXPR_ZERO_INIT, -1);
		} else {
			PUSH(&b, W_EXPR, il.items[i].value);
			run_work(&b);
			v = pop_val(&b);
		}
		g->inits[i].path = arena_strdup(fe->arena, il.items[i].path);
		g->inits[i].value = v;
		free(il.items[i].path);
	}
	g->ninits = il.n;
	free(il.items);
	int base = fe->mf->ngexprs;
	append_gexprs(fe, &b, -1);
	for (int i = 0; i < g->ninits; i++)
		if (g->inits[i].value >= 0)
			g->inits[i].value += base;
	free(b.x);
	free(b.ev);
	free(b.args);
	free(b.cases);
	fb_free(&b);
}
