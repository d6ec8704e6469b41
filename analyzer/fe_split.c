/*
 * fe_split.c - one big file parsed as two halves at once.
 *
 * libclang parses a file on one thread, and on a big file that parse is
 * most of a run.  In C, what a function body declares stays in the body:
 * blank a body out (spaces between its braces) and the rest of the file
 * parses to the same declarations, with that function empty.  Only the
 * preprocessor reaches out of a body (a #define there holds further
 * down), so its lines are kept.  A pragma operator or a __COUNTER__
 * reaches out too, so a body written with one is not blanked (a macro
 * that hides one is not seen: see docs/LIMITS.md).  frontend.c parses
 * two copies of a big file on two threads, each with the other half of
 * the bodies blanked, converts each copy's own functions, and joins the
 * two models here.  Blanking keeps every byte offset, line and column,
 * so the joined model is the one a whole parse gives.
 *
 * The bodies are found by a lexical scan: a top-level `{` right after a
 * `)`, outside an initializer or a struct, union or enum.  The scan has no
 * preprocessor, so a macro that writes braces, or an #if whose branches
 * open different blocks, can fool it.  That is caught afterwards: both
 * parses must see the same functions, and every blanked span must be
 * exactly a function's body in both; if not, frontend.c parses the file
 * whole.
 */
#include <stdlib.h>
#include <string.h>

#include "fe_split.h"

/* ------------------------------------------------------------------ */
/* The scan                                                            */

struct scan {
	const char *t;
	size_t len, i;
	bool line_start;        /* only blanks and comments so far on the line */
	int depth;              /* brace depth */
	int paren;              /* parenthesis depth, at brace depth 0 */
	char prev;              /* last token at depth 0: punctuation, or 'a'
	                           for a word or literal */
	bool decl_init;         /* this declaration has an `=` at depth 0 */
	bool decl_tag;          /* ... or struct / union / enum */
	bool in_body;           /* the open depth-1 block is a candidate */
	unsigned open;          /* its `{` */
	struct fe_bodies *out;
	int capb, capd;
};

static void push_span(struct fe_span **v, int *n, int *cap, unsigned b, unsigned e)
{
	if (*n == *cap) {
		int c = *cap ? *cap * 2 : 64;
		struct fe_span *p = realloc(*v, (size_t)c * sizeof(*p));
		if (!p)
			abort();
		*v = p;
		*cap = c;
	}
	(*v)[*n].begin = b;
	(*v)[*n].end = e;
	(*n)++;
}

static char at(const struct scan *s, size_t i)
{
	return i < s->len ? s->t[i] : '\0';
}

/* A backslash that splices the next line on: its length with the line
 * end, or 0. */
static size_t splice_len(const struct scan *s, size_t i)
{
	if (at(s, i) != '\\')
		return 0;
	if (at(s, i + 1) == '\n')
		return 2;
	if (at(s, i + 1) == '\r')
		return at(s, i + 2) == '\n' ? 3 : 2;
	return 0;
}

static bool is_line_end(char c)
{
	return c == '\n' || c == '\r';
}

/* From `//` to the line end (not consumed), across spliced lines. */
static void skip_line_comment(struct scan *s)
{
	while (s->i < s->len && !is_line_end(s->t[s->i])) {
		size_t sp = splice_len(s, s->i);
		s->i += sp ? sp : 1;
	}
}

/* From `/` `*` past the closing `*` `/`; false when there is none. */
static bool skip_block_comment(struct scan *s)
{
	const char *end = NULL;
	if (s->i + 2 <= s->len)
		end = memmem(s->t + s->i + 2, s->len - s->i - 2, "*/", 2);
	if (!end)
		return false;
	s->i = (size_t)(end - s->t) + 2;
	return true;
}

/* From a quote past its closing quote, or to the line end when the
 * literal is not closed on its line (an apostrophe in #error text). */
static void skip_literal(struct scan *s)
{
	char q = s->t[s->i++];
	while (s->i < s->len) {
		char c = s->t[s->i];
		size_t sp = splice_len(s, s->i);
		if (sp)
			s->i += sp;
		else if (c == '\\')
			s->i += 2;
		else if (c == q) {
			s->i++;
			return;
		} else if (is_line_end(c))
			return;
		else
			s->i++;
	}
	if (s->i > s->len)
		s->i = s->len;
}

/* From `#` to the end of the directive's last line (not consumed). */
static bool skip_directive(struct scan *s)
{
	while (s->i < s->len && !is_line_end(s->t[s->i])) {
		char c = s->t[s->i];
		size_t sp = splice_len(s, s->i);
		if (sp)
			s->i += sp;
		else if (c == '/' && at(s, s->i + 1) == '/')
			skip_line_comment(s);
		else if (c == '/' && at(s, s->i + 1) == '*') {
			if (!skip_block_comment(s))
				return false;
		} else if (c == '"' || c == '\'')
			skip_literal(s);
		else
			s->i++;
	}
	return true;
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$' ||
	       (unsigned char)c >= 0x80;
}

static bool word_is(const char *w, size_t n, const char *kw)
{
	return strlen(kw) == n && memcmp(w, kw, n) == 0;
}

static void scan_word(struct scan *s)
{
	size_t b = s->i;
	while (s->i < s->len && is_word_char(s->t[s->i]))
		s->i++;
	const char *w = s->t + b;
	size_t n = s->i - b;
	if (s->depth == 0 && s->paren == 0 &&
	    (word_is(w, n, "struct") || word_is(w, n, "union") || word_is(w, n, "enum")))
		s->decl_tag = true;
	/* What a body can do to the rest of the file without a directive:
	 * a pragma operator (`__pragma(pack(push, 1))` left open changes
	 * the structs below) or a __COUNTER__ (numbers later uses).  Such a
	 * body is left in both halves. */
	if (s->depth > 0 && (word_is(w, n, "_Pragma") || word_is(w, n, "__pragma") ||
			     word_is(w, n, "__COUNTER__")))
		s->in_body = false;
	s->prev = 'a';
}

static void end_declaration(struct scan *s)
{
	s->decl_init = false;
	s->decl_tag = false;
}

/* One punctuation character; false when the braces do not balance. */
static bool scan_punct(struct scan *s, char c)
{
	s->i++;
	switch (c) {
	case '{':
		if (s->depth == 0) {
			s->in_body = s->prev == ')' && s->paren == 0 &&
				     !s->decl_init && !s->decl_tag;
			s->open = (unsigned)(s->i - 1);
		}
		s->depth++;
		break;
	case '}':
		if (--s->depth < 0)
			return false;
		if (s->depth == 0 && s->in_body) {
			push_span(&s->out->bodies, &s->out->nbodies, &s->capb,
				  s->open, (unsigned)s->i);
			s->in_body = false;
			end_declaration(s);
		}
		break;
	case '(':
		s->paren += s->depth == 0;
		break;
	case ')':
		if (s->depth == 0 && --s->paren < 0)
			return false;
		break;
	case ';':
		if (s->depth == 0)
			end_declaration(s);
		break;
	case '=':
		if (s->depth == 0 && s->paren == 0)
			s->decl_init = true;
		break;
	default:
		break;
	}
	if (s->depth == 0 || (c == '{' && s->depth == 1))
		s->prev = c;
	return true;
}

/* One step of the scan; false when it cannot follow the text. */
static bool scan_step(struct scan *s)
{
	char c = s->t[s->i];
	char n = at(s, s->i + 1);

	if (is_line_end(c)) {           /* a lone \r ends a line too */
		s->line_start = true;
		s->i++;
	} else if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
		s->i++;
	} else if (c == '/' && n == '/') {
		skip_line_comment(s);
	} else if (c == '/' && n == '*') {
		return skip_block_comment(s);
	} else if (c == '#' && s->line_start) {
		size_t b = s->i;
		if (!skip_directive(s))
			return false;
		if (s->depth > 0 && s->in_body)
			push_span(&s->out->directives, &s->out->ndirectives,
				  &s->capd, (unsigned)b, (unsigned)s->i);
	} else if (splice_len(s, s->i)) {
		s->i += splice_len(s, s->i);
	} else {
		s->line_start = false;
		if (c == '"' || c == '\'') {
			skip_literal(s);
			s->prev = 'a';
		} else if (is_word_char(c)) {
			scan_word(s);
		} else {
			return scan_punct(s, c);
		}
	}
	return true;
}

void fe_bodies_free(struct fe_bodies *b)
{
	free(b->bodies);
	free(b->directives);
	memset(b, 0, sizeof(*b));
}

bool fe_find_bodies(const char *text, size_t len, struct fe_bodies *out)
{
	struct scan s = { .t = text, .len = len, .line_start = true, .out = out };

	memset(out, 0, sizeof(*out));
	/* Offsets are unsigned, as libclang's are. */
	if (len >= (size_t)0xffffffffu)
		return false;
	while (s.i < s.len)
		if (!scan_step(&s)) {
			fe_bodies_free(out);
			return false;
		}
	if (s.depth != 0 || s.paren != 0) {
		fe_bodies_free(out);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Blanking and splitting                                              */

char *fe_blank_bodies(const char *text, size_t len, const struct fe_bodies *b,
		      int first, int n)
{
	char *t = malloc(len + 1);
	int d = 0;

	if (!t)
		abort();
	memcpy(t, text, len);
	t[len] = '\0';
	for (int k = first; k < first + n; k++) {
		unsigned p = b->bodies[k].begin + 1, end = b->bodies[k].end - 1;
		while (d < b->ndirectives && b->directives[d].end <= p)
			d++;
		for (; p < end; p++) {
			if (d < b->ndirectives && p >= b->directives[d].begin) {
				p = b->directives[d++].end - 1;
				continue;
			}
			if (!is_line_end(t[p]))
				t[p] = ' ';
		}
	}
	return t;
}

int fe_split_point(const struct fe_bodies *b)
{
	unsigned long long total = 0, acc = 0;
	int k = 0;

	for (int i = 0; i < b->nbodies; i++)
		total += b->bodies[i].end - b->bodies[i].begin;
	while (k < b->nbodies && acc * 2 < total) {
		acc += b->bodies[k].end - b->bodies[k].begin;
		k++;
	}
	if (k < 1)
		k = 1;
	if (k > b->nbodies - 1)
		k = b->nbodies - 1;
	return k;
}

/* ------------------------------------------------------------------ */
/* Joining the halves                                                  */

static int body_begin_cmp(const void *key, const void *elem)
{
	unsigned k = *(const unsigned *)key;
	unsigned b = ((const struct model_function *)elem)->body_begin;
	return k < b ? -1 : k > b;
}

/* The function whose body is exactly span, or -1 (functions are in text
 * order: halves_agree checks it before the first search). */
static int function_at(const struct model_file *mf, struct fe_span span)
{
	const struct model_function *f = mf->nfunctions ?
		bsearch(&span.begin, mf->functions, (size_t)mf->nfunctions,
			sizeof(*f), body_begin_cmp) : NULL;
	if (f && f->body_end == span.end && !f->in_header)
		return (int)(f - mf->functions);
	return -1;
}

/* Does a range of `skipped` hold all of span? */
static bool in_skipped(const struct fe_ranges *skipped, struct fe_span span)
{
	for (int i = 0; i < skipped->n; i++)
		if (skipped->v[i].begin <= span.begin && span.end <= skipped->v[i].end)
			return true;
	return false;
}

/* Did both parses see the same functions, in the same order, and was
 * every blanked span a function body, or text the preprocessor skipped,
 * in both? */
static bool halves_agree(const struct model_file *a, const struct model_file *b,
			 const struct fe_bodies *spans,
			 const struct fe_ranges skipped[2])
{
	if (a->nfunctions != b->nfunctions)
		return false;
	for (int i = 0; i < a->nfunctions; i++) {
		const struct model_function *fa = &a->functions[i], *fb = &b->functions[i];
		if (strcmp(fa->name, fb->name) != 0 || fa->body_begin != fb->body_begin ||
		    fa->body_end != fb->body_end || fa->in_header != fb->in_header)
			return false;
		if (i > 0 && fa->body_begin <= a->functions[i - 1].body_begin)
			return false;       /* not in text order: no binary search */
	}
	for (int k = 0; k < spans->nbodies; k++) {
		struct fe_span s = spans->bodies[k];
		bool body = function_at(a, s) >= 0 && function_at(b, s) >= 0;
		bool gone = in_skipped(&skipped[0], s) && in_skipped(&skipped[1], s);
		if (!body && !gone)
			return false;
	}
	return true;
}

/* kept's index for each of other's files, appending the ones kept lacks
 * (a header only the other half's functions name). */
static int *map_files(struct model_file *kept, const struct model_file *other)
{
	int *map = malloc(((size_t)other->nfiles + 1) * sizeof(*map));
	const char **files = arena_calloc(kept->arena,
					  (size_t)(kept->nfiles + other->nfiles + 1),
					  sizeof(*files));
	int n = kept->nfiles;

	if (!map)
		abort();
	memcpy(files, kept->files, (size_t)kept->nfiles * sizeof(*files));
	for (int j = 0; j < other->nfiles; j++) {
		int found = -1;
		for (int i = 0; i < n && found < 0; i++)
			if (strcmp(files[i], other->files[j]) == 0)
				found = i;
		if (found < 0) {
			files[n] = other->files[j];
			found = n++;
		}
		map[j] = found;
	}
	kept->files = files;
	kept->nfiles = n;
	return map;
}

static void remap_loc(struct model_loc *l, const int *map)
{
	l->file = map[l->file];
}

static void remap_function(struct model_function *fn, const int *map)
{
	remap_loc(&fn->loc, map);
	remap_loc(&fn->body_end_loc, map);
	for (int i = 0; i < fn->nexprs; i++)
		remap_loc(&fn->exprs[i].loc, map);
	for (int i = 0; i < fn->nevents; i++)
		remap_loc(&fn->events[i].loc, map);
	for (int i = 0; i < fn->nblocks; i++)
		remap_loc(&fn->blocks[i].loc, map);
}

/* Is diagnostic d in the main file inside one of spans [k, n)? */
static bool diag_in(const struct model_diag *d, const struct fe_bodies *b, int k)
{
	if (d->loc.file != 0)
		return false;
	for (int i = k; i < b->nbodies; i++)
		if (d->offset >= b->bodies[i].begin && d->offset < b->bodies[i].end)
			return true;
	return false;
}

/* kept's diagnostics outside spans [k, n) and other's inside them, in
 * main-file order (the order clang reports them in). */
static void join_diags(struct model_file *kept, const struct model_file *other,
		       const struct fe_bodies *b, int k, const int *map)
{
	struct model_diag *d = arena_calloc(kept->arena,
					    (size_t)(kept->ndiags + other->ndiags + 1),
					    sizeof(*d));
	int n = 0, j = 0;

	for (int i = 0; i <= kept->ndiags; i++) {
		const struct model_diag *kd = i < kept->ndiags ? &kept->diags[i] : NULL;
		if (kd && diag_in(kd, b, k))
			continue;
		/* other's in-span diagnostics that come before this one */
		for (; j < other->ndiags; j++) {
			const struct model_diag *od = &other->diags[j];
			if (!diag_in(od, b, k))
				continue;
			if (kd && kd->loc.file == 0 && kd->offset <= od->offset)
				break;
			if (kd && kd->loc.file != 0)
				break;
			d[n] = *od;
			remap_loc(&d[n++].loc, map);
		}
		if (kd)
			d[n++] = *kd;
	}
	kept->diags = d;
	kept->ndiags = n;
}

/* Every file either parse read, sorted, once. */
static void join_deps(struct model_file *kept, const struct model_file *other)
{
	const char **d = arena_calloc(kept->arena,
				      (size_t)(kept->ndeps + other->ndeps + 1),
				      sizeof(*d));
	int i = 0, j = 0, n = 0;

	while (i < kept->ndeps || j < other->ndeps) {
		int c = i >= kept->ndeps ? 1 : j >= other->ndeps ? -1 :
			strcmp(kept->deps[i], other->deps[j]);
		d[n++] = c <= 0 ? kept->deps[i] : other->deps[j];
		i += c <= 0;
		j += c >= 0;
	}
	kept->deps = d;
	kept->ndeps = n;
}

bool fe_join_halves(struct model_file *kept, struct model_file *other,
		    const struct fe_bodies *b, int k,
		    const struct fe_ranges skipped[2])
{
	if (!halves_agree(kept, other, b, skipped))
		return false;
	int *map = map_files(kept, other);
	for (int s = k; s < b->nbodies; s++) {
		int f = function_at(kept, b->bodies[s]);
		if (f < 0)
			continue;       /* skipped text */
		kept->functions[f] = other->functions[f];
		remap_function(&kept->functions[f], map);
	}
	join_diags(kept, other, b, k, map);
	join_deps(kept, other);
	free(map);
	arena_absorb(kept->arena, other->arena);
	free(other);
	return true;
}
