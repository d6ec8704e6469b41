/*
 * fe_fixups.c - what the WDK build would have done before the compiler
 * ran, done here through libclang's unsaved files so that every line and
 * column stays where it is in the real file.
 *
 *  - An #include that cannot be found (a WPP .tmh file, a version header
 *    the build generates) becomes an in-memory file: empty, or for a .tmh
 *    a stand-in that defines what the WPP preprocessor would have: the
 *    trace macros (WPP_INIT_TRACING, WPP_CLEANUP, DoTraceMessage and the
 *    driver's own, found in `begin_wpp config` blocks or recognized as
 *    undeclared functions called with a format string) as no-ops, and the
 *    WPP_DEFINE_BIT names of WPP_CONTROL_GUIDS as constants.
 *  - MSVC pastes a string literal next to __FUNCTION__; clang does not.
 *    Such a __FUNCTION__ is rewritten to a string literal of the same
 *    length.
 * Each fix-up is found from a parse's diagnostics and the files it read;
 * the caller parses again with the unsaved files until nothing changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fe_fixups.h"

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		abort();
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);
	if (!p)
		abort();
	return p;
}

static void grow(void **v, int *cap, int n, size_t size)
{
	if (n < *cap)
		return;
	int nc = *cap ? *cap * 2 : 8;
	void *p = realloc(*v, (size_t)nc * size);
	if (!p)
		abort();
	*v = p;
	*cap = nc;
}

void fixups_init(struct fixups *fx, const char *main_path)
{
	memset(fx, 0, sizeof(*fx));
	fx->main_path = xstrdup(main_path);
}

void fixups_free(struct fixups *fx)
{
	for (int i = 0; i < fx->nfiles; i++) {
		free(fx->files[i].path);
		free(fx->files[i].text);
	}
	for (int i = 0; i < fx->nmissing; i++) {
		free(fx->missing[i].name);
		free(fx->missing[i].includer);
	}
	for (int i = 0; i < fx->nwpp; i++)
		free(fx->wpp_funcs[i]);
	for (int i = 0; i < fx->nnotes; i++)
		free(fx->notes[i].message);
	free(fx->files);
	free(fx->missing);
	free(fx->wpp_funcs);
	free(fx->notes);
	free(fx->unsaved);
	free(fx->main_path);
	memset(fx, 0, sizeof(*fx));
}

static void add_note(struct fixups *fx, const char *file, unsigned line,
		     unsigned col, const char *fmt, const char *a, const char *b)
{
	grow((void **)&fx->notes, &fx->capnotes, fx->nnotes, sizeof(*fx->notes));
	struct fixup_note *n = &fx->notes[fx->nnotes++];
	char buf[1024];
	snprintf(buf, sizeof(buf), fmt, a, b ? b : "");
	n->file = file;
	n->line = line;
	n->col = col;
	n->message = xstrdup(buf);
}

/* The unsaved file for path, or NULL. */
static struct fixup_file *find_file(struct fixups *fx, const char *path)
{
	for (int i = 0; i < fx->nfiles; i++)
		if (strcmp(fx->files[i].path, path) == 0)
			return &fx->files[i];
	return NULL;
}

/* Sets the in-memory contents of path (takes ownership of text). */
static void set_file(struct fixups *fx, const char *path, char *text,
		     bool generated)
{
	struct fixup_file *f = find_file(fx, path);
	if (!f) {
		grow((void **)&fx->files, &fx->capfiles, fx->nfiles, sizeof(*fx->files));
		f = &fx->files[fx->nfiles++];
		f->path = xstrdup(path);
		f->text = NULL;
	}
	free(f->text);
	f->text = text;
	f->generated = generated;
}

/* ------------------------------------------------------------------ */
/* __FUNCTION__ next to a string literal */

struct lex {
	const char *s;
	size_t n, i;
};

enum tok { T_EOF, T_STRING, T_IDENT, T_OTHER };

/* Skips white space, comments and line continuations. */
static void lex_skip(struct lex *lx)
{
	while (lx->i < lx->n) {
		char c = lx->s[lx->i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			lx->i++;
		} else if (c == '\\' && lx->i + 1 < lx->n &&
			   (lx->s[lx->i + 1] == '\n' || lx->s[lx->i + 1] == '\r')) {
			lx->i += 2;
		} else if (c == '/' && lx->i + 1 < lx->n && lx->s[lx->i + 1] == '/') {
			while (lx->i < lx->n && lx->s[lx->i] != '\n')
				lx->i++;
		} else if (c == '/' && lx->i + 1 < lx->n && lx->s[lx->i + 1] == '*') {
			lx->i += 2;
			while (lx->i + 1 < lx->n &&
			       !(lx->s[lx->i] == '*' && lx->s[lx->i + 1] == '/'))
				lx->i++;
			lx->i = lx->i + 2 <= lx->n ? lx->i + 2 : lx->n;
		} else {
			return;
		}
	}
}

static bool is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Skips a quoted literal starting at lx->i (the quote). */
static void lex_quoted(struct lex *lx)
{
	char q = lx->s[lx->i++];
	while (lx->i < lx->n && lx->s[lx->i] != q && lx->s[lx->i] != '\n') {
		if (lx->s[lx->i] == '\\' && lx->i + 1 < lx->n)
			lx->i++;
		lx->i++;
	}
	if (lx->i < lx->n && lx->s[lx->i] == q)
		lx->i++;
}

/* Next token: its kind and [start, end). */
static enum tok lex_next(struct lex *lx, size_t *start, size_t *end)
{
	lex_skip(lx);
	*start = lx->i;
	if (lx->i >= lx->n) {
		*end = lx->i;
		return T_EOF;
	}
	char c = lx->s[lx->i];
	enum tok t = T_OTHER;
	if (is_ident_char(c)) {
		while (lx->i < lx->n && is_ident_char(lx->s[lx->i]))
			lx->i++;
		t = T_IDENT;
		/* L"..", u8"..": a prefixed literal is a string. */
		if (lx->i < lx->n && lx->s[lx->i] == '"' && lx->i - *start <= 2) {
			lex_quoted(lx);
			t = T_STRING;
		}
	} else if (c == '"') {
		lex_quoted(lx);
		t = T_STRING;
	} else if (c == '\'') {
		lex_quoted(lx);
	} else {
		lx->i++;
	}
	*end = lx->i;
	return t;
}

static bool is_function_macro(const char *s, size_t len)
{
	static const char *const names[] = { "__FUNCTION__", "__FUNCSIG__",
					     "__FUNCDNAME__" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
			return true;
	return false;
}

/*
 * Returns a copy of text with every __FUNCTION__ (and __FUNCSIG__,
 * __FUNCDNAME__) that touches a string literal replaced by a literal of
 * the same length ("_FUNCTION_"), or NULL when there is none.
 */
char *fixups_function_concat(const char *text, size_t len)
{
	struct lex lx = { text, len, 0 };
	char *out = NULL;
	enum tok prev = T_EOF;
	size_t s, e;

	for (enum tok t = lex_next(&lx, &s, &e); t != T_EOF; t = lex_next(&lx, &s, &e)) {
		if (t == T_IDENT && is_function_macro(text + s, e - s)) {
			struct lex ahead = lx;
			size_t s2, e2;
			bool glued = prev == T_STRING ||
				     lex_next(&ahead, &s2, &e2) == T_STRING;
			if (glued) {
				if (!out) {
					out = malloc(len + 1);
					if (!out)
						abort();
					memcpy(out, text, len);
					out[len] = '\0';
				}
				out[s] = '"';
				out[e - 1] = '"';
				t = T_STRING;
			}
		}
		prev = t;
	}
	return out;
}

/* ------------------------------------------------------------------ */
/* WPP */

static bool has_wpp_func(const struct fixups *fx, const char *name)
{
	for (int i = 0; i < fx->nwpp; i++)
		if (strcmp(fx->wpp_funcs[i], name) == 0)
			return true;
	return false;
}

static bool add_wpp_func(struct fixups *fx, const char *name, size_t len)
{
	char *n = xstrndup(name, len);
	if (len == 0 || has_wpp_func(fx, n)) {
		free(n);
		return false;
	}
	grow((void **)&fx->wpp_funcs, &fx->capwpp, fx->nwpp, sizeof(char *));
	fx->wpp_funcs[fx->nwpp++] = n;
	return true;
}

/* Reads `FUNC Name(...)` and `FUNC Name{...}(...)` lines of the
 * `begin_wpp config ... end_wpp` comment blocks of text. */
static bool scan_wpp_config(struct fixups *fx, const char *text, size_t len)
{
	bool added = false;
	const char *end = text + len;
	const char *p = text;
	while (p < end) {
		const char *b = memmem(p, (size_t)(end - p), "begin_wpp config", 16);
		if (!b)
			break;
		const char *e = memmem(b, (size_t)(end - b), "end_wpp", 7);
		if (!e)
			e = end;
		for (const char *f = b; f < e; f++) {
			f = memmem(f, (size_t)(e - f), "FUNC", 4);
			if (!f)
				break;
			const char *q = f + 4;
			if (f > text && is_ident_char(f[-1]))
				continue;
			if (q >= e || (*q != ' ' && *q != '\t'))
				continue;
			while (q < e && (*q == ' ' || *q == '\t'))
				q++;
			const char *name = q;
			while (q < e && is_ident_char(*q))
				q++;
			added |= add_wpp_func(fx, name, (size_t)(q - name));
		}
		p = e;
	}
	return added;
}

/* The stand-in for a WPP trace header. */
static char *wpp_stub(const struct fixups *fx, const char *name)
{
	size_t cap = 4096 + (size_t)fx->nwpp * 128;
	char *s = malloc(cap);
	size_t n = 0;
	if (!s)
		abort();
	n += (size_t)snprintf(s + n, cap - n,
		"/* ndislint: stand-in for the WPP trace header %s, which the WDK\n"
		"   build generates; defines what the WPP preprocessor would. */\n"
		"#ifndef NDISLINT_WPP_STANDIN\n"
		"#define NDISLINT_WPP_STANDIN\n"
		"#define WPP_INIT_TRACING(...) ((void)0)\n"
		"#define WPP_CLEANUP(...) ((void)0)\n"
		"#define WPP_RECORDER_SF(...) ((void)0)\n"
		"#define DoTraceMessage(...) ((void)0)\n"
		"#define DoDebugTrace(...) ((void)0)\n"
		"#define WPP_LEVEL_ENABLED(...) 0\n"
		"#define WPP_FLAG_ENABLED(...) 0\n"
		"#ifdef WPP_CONTROL_GUIDS\n"
		"/* each control GUID numbers its flag bits from 0 */\n"
		"#define WPP_DEFINE_CONTROL_GUID(Name, Guid, Bits) \\\n"
		"    enum ndislint_wpp_bits_ ## Name { Bits ndislint_wpp_bits_end_ ## Name };\n"
		"#define WPP_DEFINE_BIT(Name) WPP_BIT_ ## Name,\n"
		"WPP_CONTROL_GUIDS\n"
		"#undef WPP_DEFINE_BIT\n"
		"#undef WPP_DEFINE_CONTROL_GUID\n"
		"#define WPP_DEFINE_CONTROL_GUID(Name, Guid, Bits) \\\n"
		"    enum ndislint_wpp_flags_ ## Name { Bits ndislint_wpp_flags_end_ ## Name };\n"
		"#define WPP_DEFINE_BIT(Name) Name = 1u << WPP_BIT_ ## Name,\n"
		"WPP_CONTROL_GUIDS\n"
		"#undef WPP_DEFINE_BIT\n"
		"#undef WPP_DEFINE_CONTROL_GUID\n"
		"#endif\n", name);
	for (int i = 0; i < fx->nwpp && n < cap; i++)
		n += (size_t)snprintf(s + n, cap - n,
				      "#undef %s\n#define %s(...) ((void)0)\n",
				      fx->wpp_funcs[i], fx->wpp_funcs[i]);
	if (n < cap)
		snprintf(s + n, cap - n, "#endif\n");
	return s;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool any_wpp_header(const struct fixups *fx)
{
	for (int i = 0; i < fx->nmissing; i++)
		if (has_suffix(fx->missing[i].name, ".tmh"))
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* Missing includes */

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Where a missing include is made to exist: next to the file that
 * includes it (for "quotes") and next to the main source, which the front
 * end puts last on the include path (for <angles>). */
static void place_missing(struct fixups *fx, int i)
{
	const struct missing_include *m = &fx->missing[i];
	char *dirs[2] = { dir_of(m->includer), dir_of(fx->main_path) };
	for (int k = 0; k < 2; k++) {
		char *path = NULL;
		if (k == 1 && strcmp(dirs[0], dirs[1]) == 0)
			break;
		if (asprintf(&path, "%s/%s", dirs[k], m->name) < 0)
			abort();
		char *text = has_suffix(m->name, ".tmh") ? wpp_stub(fx, m->name) :
			xstrdup("/* ndislint: include not found, treated as empty */\n");
		set_file(fx, path, text, true);
		free(path);
	}
	free(dirs[0]);
	free(dirs[1]);
}

/* "'foo.tmh' file not found" -> foo.tmh (backslashes as slashes). */
static char *missing_name(const char *msg)
{
	const char *q = strchr(msg, '\'');
	const char *r = q ? strstr(q + 1, "' file not found") : NULL;
	if (!q || !r)
		return NULL;
	char *n = xstrndup(q + 1, (size_t)(r - q - 1));
	for (char *c = n; *c; c++)
		if (*c == '\\')
			*c = '/';
	return n;
}

static char *cx_string(CXString s)
{
	const char *c = clang_getCString(s);
	char *r = xstrdup(c ? c : "");
	clang_disposeString(s);
	return r;
}

/* Records the includes a parse could not find; true when there is a new
 * one. */
static bool collect_missing(struct fixups *fx, CXTranslationUnit tu)
{
	bool added = false;
	unsigned n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			char *msg = cx_string(clang_getDiagnosticSpelling(d));
			char *name = missing_name(msg);
			CXFile f = NULL;
			unsigned line = 0, col = 0;
			clang_getFileLocation(clang_getDiagnosticLocation(d), &f, &line, &col, NULL);
			if (name && f && fx->nmissing < 256) {
				grow((void **)&fx->missing, &fx->capmissing, fx->nmissing,
				     sizeof(*fx->missing));
				struct missing_include *m = &fx->missing[fx->nmissing++];
				m->name = name;
				m->includer = cx_string(clang_getFileName(f));
				m->line = line;
				m->col = col;
				place_missing(fx, fx->nmissing - 1);
				added = true;
			} else {
				free(name);
			}
			free(msg);
		}
		clang_disposeDiagnostic(d);
	}
	return added;
}

/* ------------------------------------------------------------------ */
/* Files the parse read */

struct walk {
	struct fixups *fx;
	CXTranslationUnit tu;
	bool changed;
};

/* For each non-system file of the parse: rewrite __FUNCTION__ pastes and
 * read WPP config blocks. */
static void visit_inclusion(CXFile file, CXSourceLocation *stack, unsigned depth,
			    CXClientData data)
{
	struct walk *w = data;
	(void)stack;
	(void)depth;
	if (clang_Location_isInSystemHeader(clang_getLocationForOffset(w->tu, file, 0)))
		return;
	char *path = cx_string(clang_getFileName(file));
	struct fixup_file *known = find_file(w->fx, path);
	if (known && known->generated) {
		free(path);
		return;
	}
	size_t size = 0;
	const char *text = clang_getFileContents(w->tu, file, &size);
	if (text) {
		w->changed |= scan_wpp_config(w->fx, text, size);
		if (!known) {
			char *fixed = fixups_function_concat(text, size);
			if (fixed) {
				set_file(w->fx, path, fixed, false);
				w->changed = true;
			}
		}
	}
	free(path);
}

/*
 * A call to an undeclared function with a string literal among its
 * arguments, in a file whose WPP header is missing, is one of the
 * driver's trace functions (configured in its project file).  Only the
 * main file's calls are looked at: `DEBUGP(MP_TRACE, "...")`.
 */
static bool collect_trace_calls(struct fixups *fx, CXTranslationUnit tu)
{
	bool added = false;
	unsigned n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		CXString opt = clang_getDiagnosticOption(d, NULL);
		const char *o = clang_getCString(opt);
		bool implicit = o && strcmp(o, "-Wimplicit-function-declaration") == 0;
		clang_disposeString(opt);
		if (implicit) {
			char *msg = cx_string(clang_getDiagnosticSpelling(d));
			const char *q = strchr(msg, '\'');
			const char *r = q ? strchr(q + 1, '\'') : NULL;
			CXSourceLocation loc = clang_getDiagnosticLocation(d);
			if (q && r && fixups_call_has_string(tu, loc)) {
				char *name = xstrndup(q + 1, (size_t)(r - q - 1));
				if (add_wpp_func(fx, name, strlen(name))) {
					fx->nwpp_guessed++;
					added = true;
				}
				free(name);
			}
			free(msg);
		}
		clang_disposeDiagnostic(d);
	}
	return added;
}

/* Does the call whose name is at loc have a string literal argument?
 * Tokens from the name to the matching `)`. */
bool fixups_call_has_string(CXTranslationUnit tu, CXSourceLocation loc)
{
	CXFile f = NULL;
	unsigned off = 0;
	size_t size = 0;
	clang_getFileLocation(loc, &f, NULL, NULL, &off);
	if (!f || !clang_getFileContents(tu, f, &size))
		return false;
	unsigned end = off + 4096 < size ? off + 4096 : (unsigned)size;
	CXToken *toks = NULL;
	unsigned nt = 0;
	clang_tokenize(tu, clang_getRange(clang_getLocationForOffset(tu, f, off),
					  clang_getLocationForOffset(tu, f, end)), &toks, &nt);
	int depth = 0;
	bool found = false, done = false;
	for (unsigned i = 1; i < nt && !done; i++) {
		CXString s = clang_getTokenSpelling(tu, toks[i]);
		const char *t = clang_getCString(s);
		if (i == 1 && strcmp(t, "(") != 0)
			done = true;
		else if (strcmp(t, "(") == 0)
			depth++;
		else if (strcmp(t, ")") == 0)
			done = --depth == 0;
		else if (clang_getTokenKind(toks[i]) == CXToken_Literal && t[0] != '\'' &&
			 (t[0] == '"' || strchr(t, '"')))
			found = true;
		clang_disposeString(s);
	}
	if (toks)
		clang_disposeTokens(tu, toks, nt);
	return found;
}

/* Regenerates every WPP stand-in with the trace functions known now. */
static void refresh_wpp(struct fixups *fx)
{
	for (int i = 0; i < fx->nmissing; i++)
		if (has_suffix(fx->missing[i].name, ".tmh"))
			place_missing(fx, i);
}

/* Does the parse have an error, or an implicit declaration (a WPP trace
 * function without its header)?  A clean parse needs no fix-up. */
bool fixups_parse_needs_any(CXTranslationUnit tu)
{
	unsigned n = clang_getNumDiagnostics(tu);
	bool needs = false;
	for (unsigned i = 0; i < n && !needs; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		CXString opt = clang_getDiagnosticOption(d, NULL);
		const char *o = clang_getCString(opt);
		needs = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error ||
			(o && strcmp(o, "-Wimplicit-function-declaration") == 0);
		clang_disposeString(opt);
		clang_disposeDiagnostic(d);
	}
	return needs;
}

bool fixups_after_parse(struct fixups *fx, CXTranslationUnit tu)
{
	struct walk w = { fx, tu, false };
	if (!fixups_parse_needs_any(tu))
		return false;
	bool missing = collect_missing(fx, tu);
	clang_getInclusions(tu, visit_inclusion, &w);
	bool traces = any_wpp_header(fx) && collect_trace_calls(fx, tu);
	if (w.changed || traces)
		refresh_wpp(fx);
	return missing || w.changed || traces;
}

static bool has_missing(const struct fixups *fx, const struct missing_include *m)
{
	for (int i = 0; i < fx->nmissing; i++) {
		const struct missing_include *k = &fx->missing[i];
		if (strcmp(k->name, m->name) == 0 && strcmp(k->includer, m->includer) == 0 &&
		    k->line == m->line && k->col == m->col)
			return true;
	}
	return false;
}

void fixups_merge(struct fixups *fx, const struct fixups *other)
{
	for (int i = 0; i < other->nmissing; i++) {
		const struct missing_include *m = &other->missing[i];
		if (has_missing(fx, m))
			continue;
		grow((void **)&fx->missing, &fx->capmissing, fx->nmissing,
		     sizeof(*fx->missing));
		struct missing_include *k = &fx->missing[fx->nmissing++];
		k->name = xstrdup(m->name);
		k->includer = xstrdup(m->includer);
		k->line = m->line;
		k->col = m->col;
	}
	for (int i = 0; i < other->nwpp; i++)
		add_wpp_func(fx, other->wpp_funcs[i], strlen(other->wpp_funcs[i]));
}

struct CXUnsavedFile *fixups_unsaved(struct fixups *fx, unsigned *n)
{
	free(fx->unsaved);
	fx->unsaved = calloc((size_t)fx->nfiles + 1, sizeof(*fx->unsaved));
	if (!fx->unsaved)
		abort();
	for (int i = 0; i < fx->nfiles; i++) {
		fx->unsaved[i].Filename = fx->files[i].path;
		fx->unsaved[i].Contents = fx->files[i].text;
		fx->unsaved[i].Length = strlen(fx->files[i].text);
	}
	*n = (unsigned)fx->nfiles;
	return fx->unsaved;
}

/* Notes for the run: each include treated as empty or replaced, each
 * trace function recognized. */
void fixups_finish_notes(struct fixups *fx)
{
	for (int i = 0; i < fx->nmissing; i++) {
		const struct missing_include *m = &fx->missing[i];
		bool wpp = has_suffix(m->name, ".tmh");
		add_note(fx, m->includer, m->line, m->col,
			 wpp ? "'%s' not found: a WPP trace header the build generates; "
			       "using a stand-in that defines the WPP macros%s" :
			       "'%s' not found: treated as empty%s", m->name, NULL);
	}
	if (fx->nwpp > 0) {
		char list[768];
		size_t len = 0;
		list[0] = '\0';
		for (int i = 0; i < fx->nwpp && len + 2 < sizeof(list); i++)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
						i ? ", " : "", fx->wpp_funcs[i]);
		if (any_wpp_header(fx))
			add_note(fx, fx->main_path, 0, 0,
				 "WPP trace functions treated as no-ops: %s%s", list, NULL);
	}
}
