/*
 * model.h - the driver model: what the front end extracts from one source file.
 *
 * Plain C data.  Nothing here points into libclang: once the front end has
 * filled a struct model_file, the translation unit is disposed of and the
 * model lives on its own (a later issue stores it in a SQLite cache).
 * Cross references are indices, never pointers, so a model can be written
 * out and read back field by field.
 *
 * Every function definition becomes a control-flow graph of basic blocks.
 * A block holds events (calls and stores) in evaluation order and ends in a
 * terminator (goto, two-way branch on a condition, switch, return).
 * Values and conditions are small expression trees kept in a per-function
 * expression pool.
 */
#ifndef NDISLINT_MODEL_H
#define NDISLINT_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/* A source position: file index (into model_file.files), 1-based line/col. */
struct model_loc {
	int file;
	unsigned line;
	unsigned col;
};

enum expr_kind {
	EXPR_UNKNOWN,   /* anything the model does not represent */
	EXPR_INT,       /* integer constant, value evaluated (macros included) */
	EXPR_STRING,    /* string literal */
	EXPR_VAR,       /* a named variable: local, parameter or global */
	EXPR_FUNC,      /* a function designator (name of a function) */
	EXPR_MEMBER,    /* a.b (arrow false) or a->b (arrow true); a = base */
	EXPR_INDEX,     /* a[b] */
	EXPR_UNARY,     /* op a */
	EXPR_BINARY,    /* a op b */
	EXPR_COND,      /* a ? b : c */
	EXPR_CALL,      /* the result of call event `call` */
	EXPR_ZERO_INIT, /* an aggregate filled with zeros ({0}, {}, memset) */
};

enum expr_op {
	OP_NONE,
	/* binary */
	OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB, OP_SHL, OP_SHR,
	OP_LT, OP_GT, OP_LE, OP_GE, OP_EQ, OP_NE,
	OP_BITAND, OP_BITXOR, OP_BITOR, OP_LAND, OP_LOR, OP_COMMA,
	OP_ASSIGN, OP_MUL_ASSIGN, OP_DIV_ASSIGN, OP_MOD_ASSIGN, OP_ADD_ASSIGN,
	OP_SUB_ASSIGN, OP_SHL_ASSIGN, OP_SHR_ASSIGN, OP_AND_ASSIGN,
	OP_XOR_ASSIGN, OP_OR_ASSIGN,
	/* unary */
	OP_NOT, OP_BITNOT, OP_NEG, OP_PLUS, OP_ADDR, OP_DEREF,
	OP_PREINC, OP_PREDEC, OP_POSTINC, OP_POSTDEC,
	OP_CAST,        /* (type) a: value passes through */
	OP__COUNT
};

enum var_scope { SCOPE_NONE, SCOPE_LOCAL, SCOPE_PARAM, SCOPE_GLOBAL };

struct expr {
	enum expr_kind kind;
	enum expr_op op;        /* UNARY, BINARY */
	int a, b, c;            /* child expression ids, -1 when absent */
	long long value;        /* INT */
	const char *name;       /* VAR, FUNC: the name; MEMBER: the field;
	                           INT: the macro it was spelled with, or NULL;
	                           STRING: the literal's text */
	const char *type;       /* type spelling for lvalues (VAR, MEMBER,
	                           INDEX, deref) and call results, else NULL */
	enum var_scope scope;   /* VAR */
	int var;                /* VAR: LOCAL: index of the declaration among
	                           the function's locals (shadowed names get
	                           distinct ids); PARAM: parameter index;
	                           GLOBAL: -1 */
	bool arrow;             /* MEMBER */
	int call;               /* CALL: the call event's index in fn->events */
	struct model_loc loc;   /* VAR, MEMBER, INDEX, FUNC, UNARY: the
	                           cursor's location (the name of a variable
	                           or field, the operator); zero for others */
};

enum event_kind {
	EV_CALL,                /* a call; its result is expression `result` */
	EV_STORE,               /* target = value */
};

struct event {
	enum event_kind kind;
	struct model_loc loc;   /* CALL: the callee's name; STORE: the target's
	                           first token */
	/* EV_CALL */
	const char *callee;     /* name of the function called, NULL when the
	                           call goes through a pointer */
	const char *macro;      /* the outermost macro at the call site whose
	                           expansion produced the call, or NULL */
	int callee_expr;        /* the callee expression (for indirect calls) */
	int first_arg, nargs;   /* arguments: fn->args[first_arg .. +nargs] */
	int result;             /* EXPR_CALL expression for the value */
	bool declared_in_header;/* the callee's declaration is in a header
	                           (bundled or -isystem): an API unless an
	                           analyzed file defines it */
	/* EV_STORE */
	int target;             /* lvalue expression */
	int value;              /* value stored: for x |= v, BINARY(|, x, v) */
	enum expr_op store_op;  /* OP_ASSIGN, OP_OR_ASSIGN, OP_PREINC, ...;
	                           OP_NONE for a declaration's initializer */
};

enum term_kind {
	TERM_GOTO,              /* unconditional: succ[0] */
	TERM_BRANCH,            /* cond true: succ[0], false: succ[1] */
	TERM_SWITCH,            /* cond value: cases, else succ[0] (default) */
	TERM_RETURN,            /* return cond (value) or -1 */
	TERM_EXIT,              /* no successor and no return (noreturn call,
	                           end of an unreachable region) */
};

struct switch_case {
	long long lo, hi;       /* case lo ... hi (GNU ranges); lo == hi mostly */
	int target;             /* block */
	bool known;             /* false: the case value is not a constant */
};

struct block {
	int first_event, nevents;       /* fn->events[first_event .. +nevents] */
	enum term_kind term;
	int cond;                       /* BRANCH/SWITCH: condition expr;
	                                   RETURN: value expr or -1 */
	int succ[2];                    /* -1 when absent */
	int first_case, ncases;         /* SWITCH: fn->cases[...] */
	struct model_loc loc;           /* RETURN: the `return` keyword (or the
	                                   closing brace for a fall-off);
	                                   BRANCH/SWITCH: the condition */
	bool implicit_return;           /* RETURN made by falling off the end */
};

struct model_diag {
	struct model_loc loc;           /* file location of the diagnostic */
	unsigned offset;                /* byte offset in its file */
	int severity;                   /* 3 error, 4 fatal, 2 warning */
	const char *message;
	const char *header_note;        /* header behind it, or NULL */
};

struct model_function {
	const char *name;
	struct model_loc loc;           /* the name at the definition */
	bool is_static;
	bool in_header;                 /* defined in an included file: never
	                                   driver code */
	unsigned body_begin, body_end;  /* byte offsets of the body in its file */
	struct model_loc body_end_loc;  /* the closing brace */
	const char **params;            /* parameter names ("" when unnamed) */
	int nparams;
	struct expr *exprs;
	int nexprs;
	struct event *events;
	int nevents;
	int *args;                      /* argument expression ids of calls */
	int nargs;
	struct block *blocks;           /* blocks[0] is the entry */
	int nblocks;
	struct switch_case *cases;
	int ncases;
};

/* A global variable with the stores its static initializer makes, in
 * order, as (field path relative to the global, value) pairs held in the
 * file's global expression pool: `G = { .Flags = X }` gives ("", ZERO)
 * then (".Flags", X). */
struct global_init {
	const char *path;               /* "" for the whole object, ".Flags",
	                                   ".Header.Type", ... */
	int value;                      /* expression id in file->gexprs */
};

struct model_global {
	const char *name;
	const char *type;
	struct model_loc loc;
	bool is_static;
	bool is_definition;
	struct global_init *inits;
	int ninits;
};

struct model_note {
	const char *file;               /* path, NULL for the run */
	unsigned line, col;             /* 0 when not known */
	const char *message;
};

struct model_file {
	const char *path;               /* the source as named on the command
	                                   line */
	const char **files;             /* file table: [0] is the source itself,
	                                   then the headers that locations name */
	int nfiles;
	struct model_function *functions;
	int nfunctions;
	struct model_global *globals;
	int nglobals;
	struct expr *gexprs;            /* expressions of global initializers */
	int ngexprs;
	struct model_diag *diags;       /* errors and notable warnings */
	int ndiags;
	struct model_note *notes;       /* what the front end did that the
	                                   user should know: includes treated
	                                   as empty, WPP stand-ins */
	int nnotes;
	const char **deps;              /* every file the parse read: the
	                                   source and each header it includes,
	                                   as the parser named them, sorted
	                                   (the result cache's key) */
	int ndeps;
	struct arena *arena;            /* owns every string and array above */
};

/* Arena allocation: every string and array of a model_file lives in its
 * arena and is freed at once with model_file_free(). */
struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);
void *arena_calloc(struct arena *a, size_t n, size_t size);
/* The arena takes a malloc'd block: freed with it. */
void arena_adopt(struct arena *a, void *block);
/* a takes every allocation of `from`, which is freed (not its blocks). */
void arena_absorb(struct arena *a, struct arena *from);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

void model_file_free(struct model_file *mf);

/* Name of an operator as written in C ("==", "|=", "!"), "" for OP_NONE. */
const char *model_op_spelling(enum expr_op op);

/* Writes the lvalue path of expression `id` ("MChars.Flags", "p->Flags",
 * "g.Lock", "*p", "a[]") into buf; returns false (buf = "?") when the
 * expression is not a path rooted in a variable. */
bool model_expr_path(const struct expr *exprs, int id, char *buf, size_t size);

/* The variable at the root of an lvalue path, or -1. */
int model_expr_root(const struct expr *exprs, int id);

/* Evaluates an expression tree made only of integer constants; false when
 * it depends on anything else. */
bool model_expr_const(const struct expr *exprs, int id, long long *out);

/* Does expression `id` mention a constant spelled with macro `name`? */
bool model_expr_mentions_macro(const struct expr *exprs, int id,
			       const char *name);

/* The function of file `mf` with this name, or NULL. */
const struct model_function *model_find_function(const struct model_file *mf,
						 const char *name);

/* Is `ev` a call to `api`, by function name or outermost macro name? */
bool model_call_is(const struct event *ev, const char *api);

/* Argument `i` of call event `ev` (expression id), or -1. */
int model_call_arg(const struct model_function *fn, const struct event *ev,
		   int i);

#endif
