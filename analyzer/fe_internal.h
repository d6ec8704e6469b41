/*
 * fe_internal.h - shared by the front end's files (frontend.c: parsing,
 * files, macros, diagnostics, globals; fe_tokens.c: operator recovery;
 * cfg_build.c: statements and expressions to the control-flow model).
 * Nothing outside analyzer/frontend*.c, fe_*.c and cfg_build.c includes it.
 */
#ifndef NDISLINT_FE_INTERNAL_H
#define NDISLINT_FE_INTERNAL_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include "fe_split.h"
#include "model.h"

/* Growable array helper: ensures room for one more element. */
#define VEC_RESERVE(ptr, count, cap)                                      \
	do {                                                              \
		if ((count) >= (cap)) {                                   \
			size_t vec_new = (cap) ? (size_t)(cap) * 2 : 16;  \
			void *vec_p = realloc((ptr), vec_new * sizeof(*(ptr))); \
			if (!vec_p)                                       \
				abort();                                  \
			(ptr) = vec_p;                                    \
			(cap) = vec_new;                                  \
		}                                                         \
	} while (0)

/* A macro expansion written in the main file. */
struct macro_use {
	unsigned begin, end;    /* file offsets of the expansion's tokens */
	const char *name;       /* arena string */
	bool function_like;
	CXCursor def;           /* its MacroDefinition (valid while the
	                           translation unit is), or a null cursor */
};

/* Per-parse state: one per frontend_parse call, never shared. */
struct fe {
	CXTranslationUnit tu;
	struct model_file *mf;
	struct arena *arena;
	CXFile main_file;
	CXFile *cxfiles;                /* parallel to the file table */
	const char **files;
	int nfiles, capfiles;
	int last_index;                 /* fe_file_index's last answer */
	const char *main_text;          /* the main file's buffer (libclang's) */
	size_t main_len;
	unsigned main_base;             /* see fe_main_offset; 0: unknown */
	const void *main_sm;
	const char **strs;              /* interned strings (open addressing) */
	int nstrs, capstrs;
	struct macro_use *macros;       /* sorted by begin */
	int nmacros, capmacros;
	unsigned *macro_reach;          /* [i]: largest end of macros[0..i] */
	int macro_hint;                 /* macro_lower_bound's last answer */
	unsigned *line_starts;          /* the main file's, once asked */
	int nlines, line_hint;
	const struct fe_span *blanked;  /* bodies blanked in this half of a
	                                   split parse, in text order: their
	                                   functions get no CFG (fe_split.c) */
	int nblanked;
};

/* Is [begin, end) one of the bodies blanked in this parse? */
bool fe_body_blanked(const struct fe *fe, unsigned begin, unsigned end);

/* A file location: file table index, line, column, offset. */
struct fe_pos {
	CXFile file;
	int index;
	unsigned line, col, offset;
};

/* Position of a location after macro expansion (SourceManager's file
 * location), with its file entered into the file table. */
struct fe_pos fe_file_pos(struct fe *fe, CXSourceLocation loc);
struct model_loc fe_loc(struct fe *fe, CXSourceLocation loc);
/* The main-file offset of a location after macro expansion; false when
 * it is elsewhere. */
bool fe_main_offset(struct fe *fe, CXSourceLocation loc, unsigned *off);
int fe_file_index(struct fe *fe, CXFile file);

/* One arena copy per distinct string (type and field names repeat
 * thousands of times in a big function). */
const char *fe_intern(struct fe *fe, const char *s);

/* The main-file macro expansion starting exactly at offset, or NULL. */
const struct macro_use *fe_macro_at(struct fe *fe, unsigned offset);
/* A main-file macro expansion whose tokens [begin, end) include offset,
 * or NULL. */
const struct macro_use *fe_macro_covering(struct fe *fe, unsigned offset);
/* Space-separated names of object-like macros expanded in [begin, end),
 * arena-allocated, or NULL when none. */
const char *fe_macros_in(struct fe *fe, unsigned begin, unsigned end);

/* Operator recovery from tokens (fe_tokens.c). */
enum expr_op fe_binary_op(struct fe *fe, CXCursor op, CXCursor lhs, CXCursor rhs,
			  CXSourceLocation lhs_begin, CXSourceLocation rhs_begin,
			  bool compound);
enum expr_op fe_unary_op(struct fe *fe, CXCursor op, CXCursor operand);
/* The prefix operator written plainly in the main file at offset op,
 * with only blanks up to its operand's first token at offset operand
 * (outside every macro expansion); OP_NONE: ask fe_unary_op. */
enum expr_op fe_prefix_op_at(struct fe *fe, unsigned op, unsigned operand);
/* The operator written in the main file right after `lhs`, without
 * looking at the right operand (for a right operand too large to take
 * the extent of: cfg_build's CFG_MAX_OP_NODES); OP_NONE when the left
 * operand does not end in the main file. */
enum expr_op fe_binary_op_after(struct fe *fe, CXCursor lhs, bool compound);
/* The operator read backwards in the main file's text from offset rhs,
 * the right operand's first token (written there, or the first token of
 * a macro expansion there that holds none of the left operand's), when
 * the text there is plain (see fe_tokens.c).  OP_NONE: ask
 * fe_binary_op. */
enum expr_op fe_binary_op_before(struct fe *fe, unsigned rhs, bool compound);
/* Offsets of the two `;` of a for statement's header and its `)`, in the
 * main file; false when the header is not written there plainly. */
bool fe_for_header(struct fe *fe, CXCursor stmt, unsigned semis[2],
		   unsigned *close);

/* Converts one function definition into fn (cfg_build.c). */
void cfg_build_function(struct fe *fe, CXCursor decl,
			struct model_function *fn);
/* Converts a file-scope variable's initializer into global inits. */
void cfg_build_global(struct fe *fe, CXCursor decl, struct model_global *g);

#endif
