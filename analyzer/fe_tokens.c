/*
 * fe_tokens.c - operators recovered from tokens.
 *
 * libclang 14 exposes no operator kind for BinaryOperator/UnaryOperator
 * cursors, and its clang_getSpellingLocation returns the file location,
 * not the spelling.  clang_tokenize, however, lexes a range at the
 * spelling of its ends.  So an operator is found in one of two ways:
 *   - written in the file: the first token between the left operand's end
 *     and the right operand's start, both as file locations;
 *   - written inside a macro body (NT_SUCCESS): tokens from the left
 *     operand's start to the right operand's start, lexed at their
 *     spelling in the macro definition.
 * Anything else is OP_NONE: the condition is unknown, never guessed.
 */
#include <stdlib.h>
#include <string.h>

#include "fe_internal.h"

struct optab {
	const char *text;
	enum expr_op op;
};

static const struct optab binary_ops[] = {
	{ "*", OP_MUL }, { "/", OP_DIV }, { "%", OP_MOD }, { "+", OP_ADD },
	{ "-", OP_SUB }, { "<<", OP_SHL }, { ">>", OP_SHR }, { "<", OP_LT },
	{ ">", OP_GT }, { "<=", OP_LE }, { ">=", OP_GE }, { "==", OP_EQ },
	{ "!=", OP_NE }, { "&", OP_BITAND }, { "^", OP_BITXOR },
	{ "|", OP_BITOR }, { "&&", OP_LAND }, { "||", OP_LOR },
	{ ",", OP_COMMA }, { "=", OP_ASSIGN }, { NULL, OP_NONE },
};

static const struct optab compound_ops[] = {
	{ "*=", OP_MUL_ASSIGN }, { "/=", OP_DIV_ASSIGN },
	{ "%=", OP_MOD_ASSIGN }, { "+=", OP_ADD_ASSIGN },
	{ "-=", OP_SUB_ASSIGN }, { "<<=", OP_SHL_ASSIGN },
	{ ">>=", OP_SHR_ASSIGN }, { "&=", OP_AND_ASSIGN },
	{ "^=", OP_XOR_ASSIGN }, { "|=", OP_OR_ASSIGN }, { NULL, OP_NONE },
};

static const struct optab prefix_ops[] = {
	{ "!", OP_NOT }, { "~", OP_BITNOT }, { "-", OP_NEG }, { "+", OP_PLUS },
	{ "&", OP_ADDR }, { "*", OP_DEREF }, { "++", OP_PREINC },
	{ "--", OP_PREDEC }, { NULL, OP_NONE },
};

static enum expr_op optab_find(const struct optab *t, const char *text)
{
	for (; t->text; t++)
		if (strcmp(t->text, text) == 0)
			return t->op;
	return OP_NONE;
}

/* A tokenized range with the spellings and offsets we need, owned here. */
struct toks {
	CXToken *raw;
	unsigned n;
	CXTranslationUnit tu;
};

static void toks_get(struct fe *fe, CXSourceRange range, struct toks *t)
{
	t->tu = fe->tu;
	t->raw = NULL;
	t->n = 0;
	clang_tokenize(fe->tu, range, &t->raw, &t->n);
}

static void toks_free(struct toks *t)
{
	if (t->raw)
		clang_disposeTokens(t->tu, t->raw, t->n);
}

/* Token i's text into buf (truncated), "" when out of range. */
static void tok_text(const struct toks *t, int i, char *buf, size_t size)
{
	buf[0] = '\0';
	if (i < 0 || (unsigned)i >= t->n)
		return;
	CXString s = clang_getTokenSpelling(t->tu, t->raw[i]);
	const char *c = clang_getCString(s);
	if (c) {
		strncpy(buf, c, size - 1);
		buf[size - 1] = '\0';
	}
	clang_disposeString(s);
}

static CXTokenKind tok_kind(const struct toks *t, int i)
{
	return clang_getTokenKind(t->raw[i]);
}

/* A location in the main file's buffer at `offset`. */
static CXSourceLocation file_offset_loc(struct fe *fe, CXFile file,
					unsigned offset)
{
	return clang_getLocationForOffset(fe->tu, file, offset);
}

/* Paren depth, counted from the macro name, of offset `at` inside the
 * main-file macro expansion m (1 = directly inside its argument list). */
static int macro_arg_depth(struct fe *fe, const struct macro_use *m,
			   unsigned at)
{
	struct toks t;
	int depth = 0;
	toks_get(fe, clang_getRange(file_offset_loc(fe, fe->main_file, m->begin),
				    file_offset_loc(fe, fe->main_file, at)), &t);
	for (unsigned i = 0; i < t.n; i++) {
		char b[4];
		tok_text(&t, (int)i, b, sizeof(b));
		if (strcmp(b, "(") == 0)
			depth++;
		else if (strcmp(b, ")") == 0)
			depth--;
	}
	toks_free(&t);
	return depth;
}

/* Is the `,` at main-file offset `at` a macro argument separator rather
 * than a comma operator? */
static bool comma_separates_macro_args(struct fe *fe, unsigned at)
{
	for (int i = 0; i < fe->nmacros; i++) {
		const struct macro_use *m = &fe->macros[i];
		if (m->begin > at)
			break;
		if (at < m->end && m->function_like &&
		    macro_arg_depth(fe, m, at) == 1)
			return true;
	}
	return false;
}

/* A `,` token between two operands is an operator unless it separates
 * the arguments of a macro call written in the main file. */
static bool comma_is_operator(struct fe *fe, const struct toks *t, int i)
{
	struct fe_pos cp = fe_file_pos(fe, clang_getTokenLocation(fe->tu, t->raw[i]));
	return !(cp.file && clang_File_isEqual(cp.file, fe->main_file) &&
		 comma_separates_macro_args(fe, cp.offset));
}

/* The punctuator starting at buf[i] (longest match) into out; its length,
 * 0 when buf[i] starts no punctuator. */
static size_t punct_at(const char *buf, size_t len, size_t i, char out[4])
{
	static const char *const puncts[] = {
		"<<=", ">>=", "...", "==", "!=", "<=", ">=", "&&", "||", "<<", ">>",
		"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "->", "++", "--",
		"+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^",
		",", "?", ":", ";", ".", "(", ")", "[", "]", "{", "}",
	};
	if (i >= len || !strchr("<>.=!&|+-*/%^~,?:;()[]{}", buf[i]) || buf[i] == '\0')
		return 0;       /* no punctuator starts here: skip the table */
	for (size_t k = 0; k < sizeof(puncts) / sizeof(puncts[0]); k++) {
		if (puncts[k][0] != buf[i])
			continue;
		size_t n = strlen(puncts[k]);
		if (i + n <= len && memcmp(buf + i, puncts[k], n) == 0) {
			memcpy(out, puncts[k], n);
			out[n] = '\0';
			return n;
		}
	}
	return 0;
}

/* Skips white space, comments and line continuations from i. */
static size_t skip_blank(const char *buf, size_t len, size_t i)
{
	while (i < len) {
		char c = buf[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			i++;
		} else if (c == '\\' && i + 1 < len && (buf[i + 1] == '\n' || buf[i + 1] == '\r')) {
			i += 2;
		} else if (c == '/' && i + 1 < len && buf[i + 1] == '/') {
			while (i < len && buf[i] != '\n')
				i++;
		} else if (c == '/' && i + 1 < len && buf[i + 1] == '*') {
			i += 2;
			while (i + 1 < len && !(buf[i] == '*' && buf[i + 1] == '/'))
				i++;
			i = i + 2 <= len ? i + 2 : len;
		} else {
			break;
		}
	}
	return i;
}

/* The operator written in the file between the operands, or OP_NONE:
 * lexed straight from the main file's buffer (the common case, and a hot
 * one), or through clang_tokenize for other files. */
static enum expr_op binary_op_in_file(struct fe *fe, CXCursor lhs,
				      CXSourceLocation rhs, const struct optab *tab)
{
	struct fe_pos le = fe_file_pos(fe, clang_getRangeEnd(clang_getCursorExtent(lhs)));
	struct fe_pos rb = fe_file_pos(fe, rhs);
	if (!le.file || !rb.file || !clang_File_isEqual(le.file, rb.file) ||
	    le.offset >= rb.offset)
		return OP_NONE;
	enum expr_op op = OP_NONE;
	if (clang_File_isEqual(le.file, fe->main_file)) {
		if (!fe->main_text || rb.offset > fe->main_len)
			return OP_NONE;
		size_t at = skip_blank(fe->main_text, rb.offset, le.offset);
		char b[4];
		size_t n = at < rb.offset ? punct_at(fe->main_text, rb.offset, at, b) : 0;
		if (n == 0)
			return OP_NONE;
		op = optab_find(tab, b);
		if (op == OP_COMMA && comma_separates_macro_args(fe, (unsigned)at))
			op = OP_NONE;
		return op;
	}
	struct toks t;
	toks_get(fe, clang_getRange(file_offset_loc(fe, le.file, le.offset),
				    file_offset_loc(fe, rb.file, rb.offset)), &t);
	if (t.n >= 1 && tok_kind(&t, 0) == CXToken_Punctuation) {
		char b[8];
		tok_text(&t, 0, b, sizeof(b));
		op = optab_find(tab, b);
		if (op == OP_COMMA && !comma_is_operator(fe, &t, 0))
			op = OP_NONE;
	}
	toks_free(&t);
	return op;
}

static bool is_binary_text(const char *s)
{
	return optab_find(binary_ops, s) != OP_NONE ||
	       optab_find(compound_ops, s) != OP_NONE;
}

/*
 * The operator spelled inside a macro body: lex from the left operand's
 * spelling to the right operand's.  Lexing stops at or just after the
 * right operand's first token, so the operator is the last token or the
 * one before it: the one before when the last token can only start an
 * operand (a name, a literal, `(`) or when two operator tokens end the
 * range (`== -1`).
 */
static enum expr_op binary_op_in_macro(struct fe *fe, CXSourceLocation lb,
				       CXSourceLocation rb, const struct optab *tab)
{
	struct toks t;
	toks_get(fe, clang_getRange(lb, rb), &t);
	enum expr_op op = OP_NONE;
	if (t.n >= 2) {
		int last = (int)t.n - 1;
		char tl[8], tp[8];
		tok_text(&t, last, tl, sizeof(tl));
		tok_text(&t, last - 1, tp, sizeof(tp));
		bool last_starts_operand = tok_kind(&t, last) != CXToken_Punctuation ||
					   strcmp(tl, "(") == 0;
		bool prev_is_op = tok_kind(&t, last - 1) == CXToken_Punctuation &&
				  is_binary_text(tp);
		int pick = (last_starts_operand || prev_is_op) ? last - 1 : last;
		op = optab_find(tab, pick == last ? tl : tp);
		if (op == OP_COMMA && !comma_is_operator(fe, &t, pick))
			op = OP_NONE;
	}
	toks_free(&t);
	return op;
}

/* Can the tokens of an expression of this kind be skipped by balancing
 * brackets, up to the first binary operator after its first token?  True
 * for primary, postfix and prefix-unary expressions; not for binary or
 * conditional ones, whose own operators would be found first. */
static bool skippable_operand(enum CXCursorKind k)
{
	return k != CXCursor_BinaryOperator && k != CXCursor_CompoundAssignOperator &&
	       k != CXCursor_ConditionalOperator;
}

/*
 * The operator of a driver's macro whose operands come from another
 * file (`#define MY_FAILED(s) ((s) != NDIS_STATUS_SUCCESS)`: the right
 * operand is spelled in ndis.h, so no single range reaches it).  The
 * definition's own tokens are lexed from the left operand's spelling to
 * the end of the definition; the operator is the first binary operator
 * at bracket depth 0 after the operand's first token.  The left operand
 * must be one whose tokens that scan can skip.
 */
static enum expr_op binary_op_in_macro_def(struct fe *fe, CXCursor lhs,
					   CXSourceLocation lb, const struct optab *tab)
{
	if (!skippable_operand(clang_getCursorKind(lhs)))
		return OP_NONE;
	unsigned at;
	const struct macro_use *m = fe_main_offset(fe, lb, &at) ? fe_macro_at(fe, at) : NULL;
	if (!m || clang_Cursor_isNull(m->def))
		return OP_NONE;
	CXSourceRange def = clang_getCursorExtent(m->def);
	struct fe_pos d0 = fe_file_pos(fe, clang_getRangeStart(def));
	struct fe_pos d1 = fe_file_pos(fe, clang_getRangeEnd(def));
	struct toks t;
	toks_get(fe, clang_getRange(lb, clang_getRangeEnd(def)), &t);
	enum expr_op op = OP_NONE;
	if (t.n >= 2) {
		struct fe_pos first = fe_file_pos(fe, clang_getTokenLocation(fe->tu, t.raw[0]));
		bool inside = first.file && d0.file && clang_File_isEqual(first.file, d0.file) &&
			      first.offset >= d0.offset && first.offset < d1.offset;
		int depth = 0;
		for (unsigned i = 0; inside && i < t.n && op == OP_NONE; i++) {
			char b[8];
			tok_text(&t, (int)i, b, sizeof(b));
			if (strcmp(b, "(") == 0 || strcmp(b, "[") == 0) {
				depth++;
			} else if (strcmp(b, ")") == 0 || strcmp(b, "]") == 0) {
				if (--depth < 0)
					break;
			} else if (i > 0 && depth == 0 && tok_kind(&t, (int)i) == CXToken_Punctuation) {
				op = optab_find(tab, b);
				if (op == OP_NONE && is_binary_text(b))
					break;  /* another kind of operator: not ours */
			}
		}
	}
	toks_free(&t);
	return op;
}

/* The innermost function-like macro call written in the main file that
 * contains offset `at`, or NULL. */
static const struct macro_use *macro_around(const struct fe *fe, unsigned at)
{
	const struct macro_use *best = NULL;
	for (int i = 0; i < fe->nmacros && fe->macros[i].begin <= at; i++)
		if (fe->macros[i].function_like && at < fe->macros[i].end)
			best = &fe->macros[i];
	return best;
}

/* Which argument of macro call m starts exactly at main-file offset at
 * (-1 when at is not the start of an argument). */
static int macro_arg_index(struct fe *fe, const struct macro_use *m, unsigned at)
{
	struct toks t;
	int depth = 0, index = 0, result = -1;
	char last[8] = "";
	toks_get(fe, clang_getRange(file_offset_loc(fe, fe->main_file, m->begin),
				    file_offset_loc(fe, fe->main_file, at)), &t);
	for (unsigned i = 0; i < t.n; i++) {
		char b[8];
		tok_text(&t, (int)i, b, sizeof(b));
		if (fe_file_pos(fe, clang_getTokenLocation(fe->tu, t.raw[i])).offset >= at)
			break;
		if (strcmp(b, "(") == 0)
			depth++;
		else if (strcmp(b, ")") == 0)
			depth--;
		else if (strcmp(b, ",") == 0 && depth == 1)
			index++;
		memcpy(last, b, sizeof(last));
	}
	if (depth == 1 && (strcmp(last, "(") == 0 || strcmp(last, ",") == 0))
		result = index;
	toks_free(&t);
	return result;
}

/*
 * The operator after a macro parameter in the macro's body, when the left
 * operand is that parameter's argument (`#define IS_OK(s) (s == 0)`): the
 * argument is spelled at the call, the operator in the definition, and no
 * range joins them.  Every use of the parameter followed by a binary
 * operator must agree; otherwise the operator is unknown.
 */
static enum expr_op binary_op_after_param(struct fe *fe, CXSourceLocation lb,
					  const struct optab *tab)
{
	unsigned at;
	if (!fe_main_offset(fe, lb, &at))
		return OP_NONE;
	const struct macro_use *m = macro_around(fe, at);
	if (!m || clang_Cursor_isNull(m->def) || m->begin == at)
		return OP_NONE;
	int arg = macro_arg_index(fe, m, at);
	if (arg < 0)
		return OP_NONE;
	struct toks t;
	toks_get(fe, clang_getCursorExtent(m->def), &t);
	char param[128] = "";
	unsigned body = 0;
	int k = 0;
	/* NAME ( p0 , p1 ... ) body */
	for (unsigned i = 2; i < t.n && !body; i++) {
		char b[128];
		tok_text(&t, (int)i, b, sizeof(b));
		if (strcmp(b, ")") == 0)
			body = i + 1;
		else if (strcmp(b, ",") == 0)
			k++;
		else if (k == arg && !param[0])
			memcpy(param, b, sizeof(param));
	}
	enum expr_op op = OP_NONE;
	bool conflict = false;
	for (unsigned i = body; param[0] && i + 1 < t.n && !conflict; i++) {
		char b[128], nx[8];
		tok_text(&t, (int)i, b, sizeof(b));
		if (strcmp(b, param) != 0)
			continue;
		tok_text(&t, (int)i + 1, nx, sizeof(nx));
		enum expr_op o = optab_find(tab, nx);
		if (o == OP_NONE)
			continue;
		conflict = op != OP_NONE && op != o;
		op = o;
	}
	toks_free(&t);
	return conflict ? OP_NONE : op;
}

enum expr_op fe_binary_op(struct fe *fe, CXCursor opc, CXCursor lhs, CXCursor rhs,
			  CXSourceLocation lb, CXSourceLocation rb, bool compound)
{
	(void)opc;
	(void)rhs;
	const struct optab *tab = compound ? compound_ops : binary_ops;
	CXFile fl = NULL, fr = NULL;
	unsigned ol = 0, or = 0;
	clang_getFileLocation(lb, &fl, NULL, NULL, &ol);
	clang_getFileLocation(rb, &fr, NULL, NULL, &or);
	enum expr_op op = OP_NONE;
	/* Operands that start at one place (inside one macro expansion) have
	 * no text between them in the file. */
	if (!fl || !fr || !clang_File_isEqual(fl, fr) || ol < or)
		op = binary_op_in_file(fe, lhs, rb, tab);
	if (op == OP_NONE)
		op = binary_op_in_macro(fe, lb, rb, tab);
	if (op == OP_NONE)
		op = binary_op_in_macro_def(fe, lhs, lb, tab);
	if (op == OP_NONE)
		op = binary_op_after_param(fe, lb, tab);
	return op;
}

static bool is_op_char(char c)
{
	return c != '\0' && strchr("<>=!&|+-*/%^~,?:", c) != NULL;
}

/* Can c be the last character of an operand (or a blank after one)? */
static bool ends_operand(char c)
{
	return c == ' ' || c == '\t' || c == ')' || c == ']' || c == '\'' ||
	       c == '"' || c == '_' || (c >= '0' && c <= '9') ||
	       (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

enum expr_op fe_binary_op_before(struct fe *fe, unsigned rhs, bool compound)
{
	const struct optab *tab = compound ? compound_ops : binary_ops;
	const char *t = fe->main_text;
	if (!t || rhs == 0 || rhs > fe->main_len)
		return OP_NONE;
	size_t end = rhs;
	while (end > 0 && (t[end - 1] == ' ' || t[end - 1] == '\t'))
		end--;
	size_t start = end;
	while (start > 0 && end - start < 4 && is_op_char(t[start - 1]))
		start--;
	if (start == end || end - start > 3 || start == 0 || !ends_operand(t[start - 1]) ||
	    fe_macro_covering(fe, (unsigned)start))
		return OP_NONE;
	/* The lexer reads one token there, the whole run. */
	char b[4];
	if (punct_at(t, end, start, b) != end - start)
		return OP_NONE;
	enum expr_op op = optab_find(tab, b);
	return op == OP_COMMA ? OP_NONE : op;
}

enum expr_op fe_binary_op_after(struct fe *fe, CXCursor lhs, bool compound)
{
	const struct optab *tab = compound ? compound_ops : binary_ops;
	struct fe_pos le = fe_file_pos(fe, clang_getRangeEnd(clang_getCursorExtent(lhs)));
	if (!le.file || !clang_File_isEqual(le.file, fe->main_file))
		return OP_NONE;
	if (!fe->main_text || le.offset >= fe->main_len)
		return OP_NONE;
	size_t at = skip_blank(fe->main_text, fe->main_len, le.offset);
	char b[4];
	size_t n = at < fe->main_len ? punct_at(fe->main_text, fe->main_len, at, b) : 0;
	enum expr_op op = n ? optab_find(tab, b) : OP_NONE;
	return op == OP_COMMA ? OP_NONE : op;
}

enum expr_op fe_prefix_op_at(struct fe *fe, unsigned op, unsigned operand)
{
	const char *t = fe->main_text;
	if (!t || op >= operand || operand > fe->main_len || fe_macro_covering(fe, op))
		return OP_NONE;
	char b[4];
	size_t n = punct_at(t, operand, op, b);
	if (n == 0)
		return OP_NONE;
	for (size_t i = op + n; i < operand; i++)
		if (t[i] != ' ' && t[i] != '\t')
			return OP_NONE;
	return optab_find(prefix_ops, b);
}

/*
 * A prefix operator is the first token of the expression; a postfix one
 * (++, --) its last.  Tokens of the whole extent first; when the extent
 * spans a macro boundary, the spelling from the operator to the operand.
 */
enum expr_op fe_unary_op(struct fe *fe, CXCursor opc, CXCursor operand)
{
	struct toks t;
	char b[8];
	enum expr_op op = OP_NONE;

	toks_get(fe, clang_getCursorExtent(opc), &t);
	if (t.n >= 2) {
		tok_text(&t, 0, b, sizeof(b));
		op = optab_find(prefix_ops, b);
		if (op == OP_NONE) {
			tok_text(&t, (int)t.n - 1, b, sizeof(b));
			if (strcmp(b, "++") == 0)
				op = OP_POSTINC;
			else if (strcmp(b, "--") == 0)
				op = OP_POSTDEC;
		}
	}
	toks_free(&t);
	if (op != OP_NONE)
		return op;

	CXSourceLocation ob = clang_getRangeStart(clang_getCursorExtent(opc));
	CXSourceLocation pb = clang_getRangeStart(clang_getCursorExtent(operand));
	toks_get(fe, clang_getRange(ob, pb), &t);
	if (t.n >= 1) {
		tok_text(&t, 0, b, sizeof(b));
		op = optab_find(prefix_ops, b);
	}
	toks_free(&t);
	return op;
}

bool fe_for_header(struct fe *fe, CXCursor stmt, unsigned semis[2],
		   unsigned *close)
{
	struct toks t;
	int depth = 0, nsemi = 0;
	bool ok = false;

	toks_get(fe, clang_getCursorExtent(stmt), &t);
	for (unsigned i = 0; i < t.n && !ok; i++) {
		char b[4];
		tok_text(&t, (int)i, b, sizeof(b));
		if (i == 0 && strcmp(b, "for") != 0)
			break;
		if (strcmp(b, "(") == 0) {
			depth++;
		} else if (strcmp(b, ")") == 0) {
			if (--depth == 0) {
				*close = fe_file_pos(fe, clang_getTokenLocation(fe->tu, t.raw[i])).offset;
				ok = nsemi == 2;
			}
		} else if (strcmp(b, ";") == 0 && depth == 1 && nsemi < 2) {
			semis[nsemi++] = fe_file_pos(fe, clang_getTokenLocation(fe->tu, t.raw[i])).offset;
		}
	}
	toks_free(&t);
	return ok;
}
