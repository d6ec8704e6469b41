/*
 * frontend.c - libclang parse of one source file into a model_file.
 *
 * Parse options, the file table, macro expansions of the main file,
 * diagnostics, and the walk over file-scope declarations.  Statements and
 * expressions are converted in cfg_build.c, operators recovered in
 * fe_tokens.c.  Everything libclang owns is disposed of before returning.
 */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <clang-c/FatalErrorHandler.h>

#include "fe_fixups.h"
#include "fe_internal.h"
#include "fe_split.h"
#include "frontend.h"

/* clang's own headers (stddef.h, stdarg.h, ...): libclang looks for them
 * next to the library it was loaded from, which fails for some installs,
 * so the directory found at build time is passed explicitly. */
#ifndef NDISLINT_CLANG_RESOURCE_DIR
#define NDISLINT_CLANG_RESOURCE_DIR ""
#endif

#ifndef NDISLINT_SOURCE_INCLUDE
#define NDISLINT_SOURCE_INCLUDE "analyzer/include"
#endif

/* The file this thread is parsing (inside libclang's parse call), read
 * by the crash handler; NULL otherwise.  Thread-local: a signal handler
 * has no other way to know. */
static __thread const char *fe_parsing;

/* Deepest bracket nesting the parser accepts (clang's default is 256);
 * beyond it the parse stops with a fatal error (exit 2, fatal_stop).
 * Measured to fit FE_STACK below: docs/LIMITS.md. */
#define FE_BRACKET_DEPTH "-fbracket-depth=20000"

/* Arguments that make clang parse as the WDK compiler would. */
static const char *const target_args[] = {
	"-x", "c",
	"--target=x86_64-pc-windows-msvc",
	"-fms-extensions",
	"-fms-compatibility",
	"-nostdlibinc",
	"-ferror-limit=0",
	FE_BRACKET_DEPTH,
	"-Wno-pragma-pack",
	"-Wno-unknown-pragmas",
	"-Wno-microsoft-anon-tag",
	"-Wno-ignored-pragma-intrinsic",
	"-D_AMD64_", "-D_WIN64", "-DAMD64",
};

int fe_file_index(struct fe *fe, CXFile file)
{
	if (!file)
		return 0;
	/* Most locations are in the file looked up last. */
	if (fe->last_index >= 0 && fe->last_index < fe->nfiles &&
	    fe->cxfiles[fe->last_index] == file)
		return fe->last_index;
	for (int i = 0; i < fe->nfiles; i++)
		if (clang_File_isEqual(fe->cxfiles[i], file))
			return fe->last_index = i;
	if (fe->nfiles >= fe->capfiles) {
		int cap = fe->capfiles ? fe->capfiles * 2 : 16;
		fe->cxfiles = realloc(fe->cxfiles, (size_t)cap * sizeof(*fe->cxfiles));
		fe->files = realloc(fe->files, (size_t)cap * sizeof(*fe->files));
		if (!fe->cxfiles || !fe->files)
			abort();
		fe->capfiles = cap;
	}
	CXString name = clang_getFileName(file);
	fe->cxfiles[fe->nfiles] = file;
	fe->files[fe->nfiles] = arena_strdup(fe->arena, clang_getCString(name));
	clang_disposeString(name);
	return fe->nfiles++;
}

/* Offsets where the main file's lines start, counted as clang counts
 * them (\n, \r\n and a lone \r end a line); false without the text. */
static bool main_lines(struct fe *fe)
{
	if (fe->line_starts)
		return true;
	if (!fe->main_text)
		return false;
	const char *t = fe->main_text;
	int cap = 1024;
	fe->line_starts = malloc((size_t)cap * sizeof(*fe->line_starts));
	if (!fe->line_starts)
		abort();
	fe->nlines = 0;
	fe->line_starts[fe->nlines++] = 0;
	if (!memchr(t, '\r', fe->main_len)) {
		/* The common case, searched a word at a time. */
		const char *p = t, *end = t + fe->main_len;
		while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			p++;
			VEC_RESERVE(fe->line_starts, fe->nlines, cap);
			fe->line_starts[fe->nlines++] = (unsigned)(p - t);
		}
		return true;
	}
	for (size_t i = 0; i < fe->main_len; i++) {
		if (t[i] != '\n' && t[i] != '\r')
			continue;
		if (t[i] == '\r' && i + 1 < fe->main_len && t[i + 1] == '\n')
			i++;
		VEC_RESERVE(fe->line_starts, fe->nlines, cap);
		fe->line_starts[fe->nlines++] = (unsigned)(i + 1);
	}
	return true;
}

/* Line and column of a main-file offset: the line of the last answer or
 * the next first (conversion goes forward), else a binary search. */
static void main_line_col(struct fe *fe, unsigned offset, unsigned *line, unsigned *col)
{
	const unsigned *ls = fe->line_starts;
	int n = fe->nlines, h = fe->line_hint, found = -1;
	for (int i = h; i <= h + 1 && i < n && found < 0; i++)
		if (ls[i] <= offset && (i + 1 == n || offset < ls[i + 1]))
			found = i;
	if (found < 0) {
		/* Near the last answer first (a function's nodes are close
		 * together): a window doubling away from it, then a binary
		 * search inside the window. */
		int lo = 0, hi = n - 1, step = 4;
		if (h < n && ls[h] <= offset) {
			lo = h;
			while (lo + step < n && ls[lo + step] <= offset)
				lo += step, step *= 2;
			hi = lo + step < n ? lo + step - 1 : n - 1;
		} else if (h < n) {
			hi = h;
			while (hi - step > 0 && ls[hi - step] > offset)
				hi -= step, step *= 2;
			lo = hi - step > 0 ? hi - step : 0;
		}
		while (lo < hi) {
			int mid = lo + (hi - lo + 1) / 2;
			if (ls[mid] <= offset)
				lo = mid;
			else
				hi = mid - 1;
		}
		found = lo;
	}
	fe->line_hint = found;
	*line = (unsigned)found + 1;
	*col = offset - ls[found] + 1;
}

/* The raw encoding libclang keeps in a location (clang's SourceLocation)
 * is, for a location in a file rather than in a macro expansion (bit 31
 * clear), the file's start in the translation unit's offset space plus
 * the byte offset.  Asked for the main file's start once, a main-file
 * offset is then one subtraction instead of clang_getFileLocation's
 * decomposition.  Builds with NDISLINT_SELF_CHECKS compare the two. */
enum { FE_MACRO_LOC_BIT = 1u << 31 };

enum raw_answer { RAW_UNKNOWN, RAW_MAIN, RAW_ELSEWHERE };

static enum raw_answer main_offset_raw(struct fe *fe, CXSourceLocation loc, unsigned *off)
{
	unsigned raw = loc.int_data;
	if (fe->main_base == 0 || (raw & FE_MACRO_LOC_BIT) || raw == 0 ||
	    loc.ptr_data[0] != fe->main_sm)
		return RAW_UNKNOWN;
	/* A file location outside the main file's range is in another file. */
	if (raw < fe->main_base || raw - fe->main_base > fe->main_len)
		return RAW_ELSEWHERE;
	*off = raw - fe->main_base;
	return RAW_MAIN;
}

/* Sets up main_offset_raw: the main file's text, start and manager. */
static void main_base_init(struct fe *fe)
{
	CXSourceLocation start = clang_getLocationForOffset(fe->tu, fe->main_file, 0);
	fe->main_text = clang_getFileContents(fe->tu, fe->main_file, &fe->main_len);
	if (!fe->main_text || (start.int_data & FE_MACRO_LOC_BIT))
		return;
	fe->main_base = start.int_data;
	fe->main_sm = start.ptr_data[0];
}

#ifdef NDISLINT_SELF_CHECKS
static void self_check_raw(struct fe *fe, CXSourceLocation loc, enum raw_answer a,
			   unsigned off)
{
	CXFile f = NULL;
	unsigned slow = 0;
	clang_getFileLocation(loc, &f, NULL, NULL, &slow);
	bool main = f && clang_File_isEqual(f, fe->main_file);
	if (main != (a == RAW_MAIN) || (main && slow != off)) {
		fprintf(stderr, "self-check: raw location says %s %u, libclang %s %u\n",
			a == RAW_MAIN ? "main file" : "elsewhere", off,
			main ? "main file" : "elsewhere", slow);
		abort();
	}
}
#endif

bool fe_main_offset(struct fe *fe, CXSourceLocation loc, unsigned *off)
{
	enum raw_answer a = main_offset_raw(fe, loc, off);
	if (a != RAW_UNKNOWN) {
#ifdef NDISLINT_SELF_CHECKS
		self_check_raw(fe, loc, a, a == RAW_MAIN ? *off : 0);
#endif
		return a == RAW_MAIN;
	}
	CXFile f = NULL;
	clang_getFileLocation(loc, &f, NULL, NULL, off);
	return f && clang_File_isEqual(f, fe->main_file);
}

struct fe_pos fe_file_pos(struct fe *fe, CXSourceLocation loc)
{
	struct fe_pos p = { 0 };
	if (fe_main_offset(fe, loc, &p.offset)) {
		/* Most locations are in the main file: its lines are counted
		 * here, cheaper than libclang's line lookup. */
		p.file = fe->main_file;
		if (main_lines(fe) && p.offset <= fe->main_len)
			main_line_col(fe, p.offset, &p.line, &p.col);
		else
			clang_getFileLocation(loc, NULL, &p.line, &p.col, NULL);
	} else {
		clang_getFileLocation(loc, &p.file, &p.line, &p.col, &p.offset);
		if (!p.file)
			return p;
	}
	p.index = fe_file_index(fe, p.file);
	return p;
}

struct model_loc fe_loc(struct fe *fe, CXSourceLocation loc)
{
	struct fe_pos p = fe_file_pos(fe, loc);
	struct model_loc m = { p.index, p.line, p.col };
	return m;
}

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

const char *fe_intern(struct fe *fe, const char *s)
{
	if (!s)
		return NULL;
	if (fe->nstrs * 2 >= fe->capstrs) {
		int cap = fe->capstrs ? fe->capstrs * 2 : 1024;
		const char **t = calloc((size_t)cap, sizeof(*t));
		if (!t)
			abort();
		for (int i = 0; i < fe->capstrs; i++) {
			if (!fe->strs[i])
				continue;
			size_t j = (size_t)str_hash(fe->strs[i]) & (size_t)(cap - 1);
			while (t[j])
				j = (j + 1) & (size_t)(cap - 1);
			t[j] = fe->strs[i];
		}
		free(fe->strs);
		fe->strs = t;
		fe->capstrs = cap;
	}
	size_t j = (size_t)str_hash(s) & (size_t)(fe->capstrs - 1);
	while (fe->strs[j]) {
		if (strcmp(fe->strs[j], s) == 0)
			return fe->strs[j];
		j = (j + 1) & (size_t)(fe->capstrs - 1);
	}
	fe->strs[j] = arena_strdup(fe->arena, s);
	fe->nstrs++;
	return fe->strs[j];
}

/* The first macro use beginning at or after offset: conversion asks in
 * about increasing offsets, so where the last answer ended is tried
 * before a binary search. */
static int macro_lower_bound(struct fe *fe, unsigned offset)
{
	int h = fe->macro_hint;
	for (int i = h; i <= h + 1 && i <= fe->nmacros; i++)
		if ((i == 0 || fe->macros[i - 1].begin < offset) &&
		    (i == fe->nmacros || fe->macros[i].begin >= offset))
			return fe->macro_hint = i;
	int lo = 0, hi = fe->nmacros;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (fe->macros[mid].begin < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return fe->macro_hint = lo;
}

const struct macro_use *fe_macro_at(struct fe *fe, unsigned offset)
{
	int i = macro_lower_bound(fe, offset);
	if (i < fe->nmacros && fe->macros[i].begin == offset)
		return &fe->macros[i];
	return NULL;
}

const struct macro_use *fe_macro_covering(struct fe *fe, unsigned offset)
{
	const struct macro_use *at = NULL;
	/* Expansions nest (a macro in another's arguments): walk back from
	 * the last one starting at or before offset while some earlier one
	 * still reaches past it.  One strictly around offset wins. */
	for (int i = macro_lower_bound(fe, offset + 1) - 1;
	     i >= 0 && fe->macro_reach[i] > offset; i--) {
		const struct macro_use *m = &fe->macros[i];
		if (m->end > offset && m->begin < offset)
			return m;
		if (m->end > offset && m->begin == offset)
			at = m;
	}
	return at;
}

const char *fe_macros_in(struct fe *fe, unsigned begin, unsigned end)
{
	char buf[512];
	size_t len = 0;
	buf[0] = '\0';
	for (int i = macro_lower_bound(fe, begin);
	     i < fe->nmacros && fe->macros[i].begin < end; i++) {
		const struct macro_use *m = &fe->macros[i];
		size_t n = strlen(m->name);
		if (m->function_like || len + n + 2 > sizeof(buf))
			continue;
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, m->name, n + 1);
		len += n;
	}
	return len ? arena_strdup(fe->arena, buf) : NULL;
}

/* Records a main-file macro expansion cursor.  An object-like macro's
 * expansion is its name; only a call's end (its `)`) needs the extent,
 * which costs libclang a lexer run. */
static void collect_macro(struct fe *fe, CXCursor c)
{
	unsigned begin = 0, end = 0;
	if (!fe_main_offset(fe, clang_getCursorLocation(c), &begin))
		return;
	VEC_RESERVE(fe->macros, fe->nmacros, fe->capmacros);
	struct macro_use *m = &fe->macros[fe->nmacros++];
	CXString name = clang_getCursorSpelling(c);
	const char *s = clang_getCString(name);
	m->name = arena_strdup(fe->arena, s ? s : "");
	clang_disposeString(name);
	CXCursor def = clang_getCursorReferenced(c);
	m->function_like = !clang_Cursor_isNull(def) &&
			   clang_Cursor_isMacroFunctionLike(def);
	m->def = def;
	if (m->function_like)
		clang_getFileLocation(clang_getRangeEnd(clang_getCursorExtent(c)),
				      NULL, NULL, NULL, &end);
	else
		end = begin + (unsigned)strlen(m->name);
	m->begin = begin;
	m->end = end > begin ? end : begin + 1;
}

static int macro_cmp(const void *a, const void *b)
{
	const struct macro_use *x = a, *y = b;
	return x->begin < y->begin ? -1 : x->begin > y->begin;
}

/* Is the cursor's location in the main file? */
static bool in_main_file(struct fe *fe, CXCursor c)
{
	unsigned off;
	return fe_main_offset(fe, clang_getCursorLocation(c), &off);
}

/* Collected during the top-level walk, converted afterwards so that all
 * macro uses are known first. */
struct toplevel {
	CXCursor *fns;
	int nfns, capfns;
	CXCursor *vars;
	int nvars, capvars;
};

static enum CXChildVisitResult visit_toplevel(CXCursor c, CXCursor parent,
					      CXClientData data)
{
	(void)parent;
	void **ctx = data;
	struct fe *fe = ctx[0];
	struct toplevel *tl = ctx[1];
	enum CXCursorKind k = clang_getCursorKind(c);

	if (k == CXCursor_MacroExpansion) {
		/* the headers' own expansions are many and of no use */
		if (in_main_file(fe, c))
			collect_macro(fe, c);
	} else if (k == CXCursor_FunctionDecl && clang_isCursorDefinition(c) &&
		   in_main_file(fe, c)) {
		VEC_RESERVE(tl->fns, tl->nfns, tl->capfns);
		tl->fns[tl->nfns++] = c;
	} else if (k == CXCursor_VarDecl && in_main_file(fe, c)) {
		VEC_RESERVE(tl->vars, tl->nvars, tl->capvars);
		tl->vars[tl->nvars++] = c;
	} else if (k == CXCursor_LinkageSpec || k == CXCursor_UnexposedDecl) {
		return CXChildVisit_Recurse;
	}
	return CXChildVisit_Continue;
}

/* Copies a malloc'd vector into the arena and frees it. */
static void *to_arena(struct arena *a, void *v, size_t n, size_t size)
{
	void *p = arena_calloc(a, n ? n : 1, size);
	if (n)
		memcpy(p, v, n * size);
	free(v);
	return p;
}

static void convert_functions(struct fe *fe, struct toplevel *tl)
{
	struct model_file *mf = fe->mf;
	mf->functions = arena_calloc(fe->arena, (size_t)tl->nfns + 1,
				     sizeof(*mf->functions));
	for (int i = 0; i < tl->nfns; i++)
		cfg_build_function(fe, tl->fns[i], &mf->functions[i]);
	mf->nfunctions = tl->nfns;
}

static void convert_globals(struct fe *fe, struct toplevel *tl)
{
	struct model_file *mf = fe->mf;
	mf->globals = arena_calloc(fe->arena, (size_t)tl->nvars + 1,
				   sizeof(*mf->globals));
	for (int i = 0; i < tl->nvars; i++) {
		CXCursor c = tl->vars[i];
		struct model_global *g = &mf->globals[mf->nglobals++];
		CXString name = clang_getCursorSpelling(c);
		CXString type = clang_getTypeSpelling(clang_getCursorType(c));
		g->name = arena_strdup(fe->arena, clang_getCString(name));
		g->type = arena_strdup(fe->arena, clang_getCString(type));
		clang_disposeString(name);
		clang_disposeString(type);
		g->loc = fe_loc(fe, clang_getCursorLocation(c));
		g->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
		g->is_definition = clang_isCursorDefinition(c);
		cfg_build_global(fe, c, g);
	}
}

/* The file, if any, that a diagnostic points into other than the main
 * file: the header behind an error. */
static const char *diag_header(struct fe *fe, CXDiagnostic d)
{
	CXFile f = NULL;
	clang_getFileLocation(clang_getDiagnosticLocation(d), &f, NULL, NULL, NULL);
	if (f && !clang_File_isEqual(f, fe->main_file)) {
		CXString n = clang_getFileName(f);
		const char *s = arena_strdup(fe->arena, clang_getCString(n));
		clang_disposeString(n);
		return s;
	}
	return NULL;
}

/* Errors, fatal errors, and the warnings that mean a function was not
 * understood (implicit declarations, int conversions). */
static bool diag_is_kept(CXDiagnostic d)
{
	enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
	if (sev >= CXDiagnostic_Error)
		return true;
	if (sev != CXDiagnostic_Warning)
		return false;
	CXString opt = clang_getDiagnosticOption(d, NULL);
	const char *o = clang_getCString(opt);
	bool keep = o && (strcmp(o, "-Wimplicit-function-declaration") == 0 ||
			  strcmp(o, "-Wint-conversion") == 0);
	clang_disposeString(opt);
	return keep;
}

static void collect_diagnostics(struct fe *fe)
{
	struct model_file *mf = fe->mf;
	unsigned n = clang_getNumDiagnostics(fe->tu);
	mf->diags = arena_calloc(fe->arena, n + 1, sizeof(*mf->diags));
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(fe->tu, i);
		if (diag_is_kept(d)) {
			struct model_diag *md = &mf->diags[mf->ndiags++];
			struct fe_pos p = fe_file_pos(fe, clang_getDiagnosticLocation(d));
			CXString s = clang_getDiagnosticSpelling(d);
			md->loc.file = p.index;
			md->loc.line = p.line;
			md->loc.col = p.col;
			md->offset = p.offset;
			md->severity = (int)clang_getDiagnosticSeverity(d);
			md->message = arena_strdup(fe->arena, clang_getCString(s));
			md->header_note = diag_header(fe, d);
			clang_disposeString(s);
		}
		clang_disposeDiagnostic(d);
	}
}

/* The parser's arguments; source_dir is owned here. */
struct args {
	const char **argv;
	int argc;
	char *source_dir;
};

/* Builds the argument vector: target flags, user args, bundled headers,
 * and the source's own directory last (a local header included with
 * <angles>, as MSVC finds it). */
static void build_args(const char *path, const struct parse_options *opt,
		       struct args *a)
{
	int ntarget = (int)(sizeof(target_args) / sizeof(target_args[0]));
	int n = ntarget + 12 + (opt ? opt->nclang_args : 0);
	const char **argv = calloc((size_t)n + 1, sizeof(*argv));
	const char *slash = strrchr(path, '/');
	int k = 0;
	if (!argv)
		abort();
	for (int i = 0; i < ntarget; i++)
		argv[k++] = target_args[i];
	if (NDISLINT_CLANG_RESOURCE_DIR[0] &&
	    access(NDISLINT_CLANG_RESOURCE_DIR, R_OK) == 0) {
		argv[k++] = "-resource-dir";
		argv[k++] = NDISLINT_CLANG_RESOURCE_DIR;
	}
	for (int i = 0; opt && i < opt->nclang_args; i++)
		argv[k++] = opt->clang_args[i];
	/* After the user's own -I/-isystem, so real WDK headers win. */
	if (opt && opt->include_dir) {
		argv[k++] = "-isystem";
		argv[k++] = opt->include_dir;
	}
	if (opt && opt->pch) {
		argv[k++] = "-include-pch";
		argv[k++] = opt->pch;
	}
	a->source_dir = strndup(slash ? path : ".",
				slash ? (size_t)(slash == path ? 1 : slash - path) : 1);
	if (!a->source_dir)
		abort();
	argv[k++] = "-idirafter";
	argv[k++] = a->source_dir;
	a->argv = argv;
	a->argc = k;
}

static void free_args(struct args *a)
{
	free(a->argv);
	free(a->source_dir);
}

static void set_err(char *err, size_t size, const char *fmt, const char *a)
{
	if (err && size)
		snprintf(err, size, fmt, a);
}

/* Copies the fix-ups' notes into the model. */
static void copy_notes(struct model_file *mf, struct fixups *fx)
{
	fixups_finish_notes(fx);
	mf->notes = arena_calloc(mf->arena, (size_t)fx->nnotes + 1, sizeof(*mf->notes));
	for (int i = 0; i < fx->nnotes; i++) {
		mf->notes[i].file = arena_strdup(mf->arena, fx->notes[i].file);
		mf->notes[i].line = fx->notes[i].line;
		mf->notes[i].col = fx->notes[i].col;
		mf->notes[i].message = arena_strdup(mf->arena, fx->notes[i].message);
	}
	mf->nnotes = fx->nnotes;
}

/* A growing list of file names (collect_deps). */
struct dep_list {
	char **names;
	int n, cap;
};

/* clang_getInclusions visitor: records every file the parse read. */
static void visit_dep(CXFile file, CXSourceLocation *stack, unsigned depth,
		      CXClientData data)
{
	struct dep_list *d = data;
	CXString name = clang_getFileName(file);
	const char *s = clang_getCString(name);

	(void)stack;
	(void)depth;
	if (s && *s) {
		VEC_RESERVE(d->names, d->n, d->cap);
		d->names[d->n] = strdup(s);
		if (!d->names[d->n])
			abort();
		d->n++;
	}
	clang_disposeString(name);
}

static int dep_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fills mf->deps with the files the parse read, sorted, without
 * duplicates. */
static void collect_deps(CXTranslationUnit tu, struct model_file *mf)
{
	struct dep_list d = { 0 };

	clang_getInclusions(tu, visit_dep, &d);
	if (d.n > 1)
		qsort(d.names, (size_t)d.n, sizeof(*d.names), dep_cmp);
	mf->deps = arena_calloc(mf->arena, (size_t)d.n + 1, sizeof(*mf->deps));
	for (int i = 0; i < d.n; i++) {
		if (mf->ndeps == 0 || strcmp(mf->deps[mf->ndeps - 1], d.names[i]) != 0)
			mf->deps[mf->ndeps++] = arena_strdup(mf->arena, d.names[i]);
		free(d.names[i]);
	}
	free(d.names);
}

/* Converts a parsed translation unit into a model. */
static int span_begin_cmp(const void *key, const void *elem)
{
	unsigned k = *(const unsigned *)key, b = ((const struct fe_span *)elem)->begin;
	return k < b ? -1 : k > b;
}

bool fe_body_blanked(const struct fe *fe, unsigned begin, unsigned end)
{
	const struct fe_span *s = fe->nblanked ?
		bsearch(&begin, fe->blanked, (size_t)fe->nblanked, sizeof(*s),
			span_begin_cmp) : NULL;
	return s && s->end == end;
}

/* The model of a parsed file; the functions whose bodies are
 * blanked[0 .. nblanked) (a half of a split parse) get no CFG. */
static struct model_file *convert_tu(CXTranslationUnit tu, const char *path,
				     const struct fe_span *blanked, int nblanked)
{
	struct fe fe = { 0 };
	fe.last_index = -1;
	fe.blanked = blanked;
	fe.nblanked = nblanked;
	struct model_file *mf = calloc(1, sizeof(*mf));
	if (!mf)
		abort();
	fe.tu = tu;
	fe.mf = mf;
	fe.arena = mf->arena = arena_new();
	fe.main_file = clang_getFile(tu, path);
	main_base_init(&fe);
	mf->path = arena_strdup(fe.arena, path);
	fe_file_index(&fe, fe.main_file);

	struct toplevel tl = { 0 };
	void *ctx[2] = { &fe, &tl };
	clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_toplevel, ctx);
	if (fe.nmacros > 1)
		qsort(fe.macros, (size_t)fe.nmacros, sizeof(*fe.macros), macro_cmp);
	fe.macro_reach = malloc(((size_t)fe.nmacros + 1) * sizeof(*fe.macro_reach));
	if (!fe.macro_reach)
		abort();
	for (int i = 0; i < fe.nmacros; i++)
		fe.macro_reach[i] = i > 0 && fe.macro_reach[i - 1] > fe.macros[i].end ?
				    fe.macro_reach[i - 1] : fe.macros[i].end;
	convert_globals(&fe, &tl);
	convert_functions(&fe, &tl);
	collect_diagnostics(&fe);
	collect_deps(tu, mf);

	free(tl.fns);
	free(tl.vars);
	free(fe.macros);
	free(fe.macro_reach);
	free(fe.line_starts);
	free(fe.cxfiles);
	free(fe.strs);
	mf->nfiles = fe.nfiles;
	mf->files = to_arena(fe.arena, fe.files, (size_t)fe.nfiles, sizeof(*mf->files));
	if (mf->nfiles > 0)
		mf->files[0] = mf->path;
	return mf;
}

/* The fix-ups' unsaved files, plus the main file's text when the caller
 * gave it (parse_options.contents) and no fix-up rewrote it.  Malloc'd. */
static struct CXUnsavedFile *merge_unsaved(struct fixups *fx, const char *path,
					   const struct parse_options *opt,
					   unsigned *n)
{
	unsigned nfx = 0;
	struct CXUnsavedFile *fxu = fixups_unsaved(fx, &nfx);
	struct CXUnsavedFile *u = calloc((size_t)nfx + 1, sizeof(*u));
	bool have_main = false;

	if (!u)
		abort();
	for (unsigned i = 0; i < nfx; i++) {
		u[i] = fxu[i];
		have_main |= strcmp(fxu[i].Filename, path) == 0;
	}
	*n = nfx;
	if (opt && opt->contents && !have_main) {
		u[nfx].Filename = path;
		u[nfx].Contents = opt->contents;
		u[nfx].Length = (unsigned long)opt->contents_len;
		*n = nfx + 1;
	}
	return u;
}

/* Parses with the fix-ups found so far; NULL and a reason on failure. */
static CXTranslationUnit parse_once(CXIndex index, const char *path,
				    const char **argv, int argc,
				    struct fixups *fx,
				    const struct parse_options *opt,
				    enum CXErrorCode *ec)
{
	unsigned flags = CXTranslationUnit_DetailedPreprocessingRecord |
			 CXTranslationUnit_KeepGoing;
	unsigned nunsaved = 0;
	struct CXUnsavedFile *unsaved = merge_unsaved(fx, path, opt, &nunsaved);
	CXTranslationUnit tu = NULL;
	fe_parsing = path;
	*ec = clang_parseTranslationUnit2(index, path, argv, argc, unsaved,
					  nunsaved, flags, &tu);
	fe_parsing = NULL;
	free(unsaved);
	return *ec == CXError_Success ? tu : NULL;
}

enum { MAX_FIXUP_ROUNDS = 4 };

/*
 * Did the parser stop before the end of the input?  Nesting deeper than
 * -fbracket-depth (an error, not a fatal one, in clang 14) and any fatal
 * error other than a missing include (which the fix-ups handle, and
 * after which clang goes on: CXTranslationUnit_KeepGoing) cut the parse
 * off: clang skips the rest of the file, so functions after it
 * (DriverEntry, say) would silently not exist.  Writes
 * "FILE:LINE:COL: ..." to err.
 */
static bool fatal_stop(CXTranslationUnit tu, char *err, size_t errsize)
{
	unsigned n = clang_getNumDiagnostics(tu);
	bool stop = false;

	for (unsigned i = 0; i < n && !stop; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		if (sev >= CXDiagnostic_Error) {
			CXString msg = clang_getDiagnosticSpelling(d);
			const char *m = clang_getCString(msg);
			stop = !m || strstr(m, "bracket nesting level exceeded") ||
			       (sev == CXDiagnostic_Fatal && !strstr(m, "file not found"));
			if (stop) {
				CXFile f = NULL;
				unsigned line = 0, col = 0;
				clang_getFileLocation(clang_getDiagnosticLocation(d),
						      &f, &line, &col, NULL);
				CXString fname = clang_getFileName(f);
				const char *fn = f ? clang_getCString(fname) : NULL;
				if (err && errsize)
					snprintf(err, errsize, "%s:%u:%u: the parser stopped "
						 "here: %s; the rest of the file was not read "
						 "(see docs/LIMITS.md)", fn ? fn : "?",
						 line, col, m ? m : "fatal error");
				clang_disposeString(fname);
			}
			clang_disposeString(msg);
		}
		clang_disposeDiagnostic(d);
	}
	return stop;
}

/* Parses with fix-up rounds until none is new (or MAX_FIXUP_ROUNDS);
 * the last translation unit, or NULL and a reason in *ec. */
static CXTranslationUnit parse_fixed(CXIndex index, const char *path,
				     const struct parse_options *opt,
				     struct fixups *fx, enum CXErrorCode *ec)
{
	struct args args;
	CXTranslationUnit tu = NULL;

	build_args(path, opt, &args);
	for (int round = 0; round < MAX_FIXUP_ROUNDS; round++) {
		if (tu)
			clang_disposeTranslationUnit(tu);
		tu = parse_once(index, path, args.argv, args.argc, fx, opt, ec);
		if (!tu || !fixups_after_parse(fx, tu))
			break;
	}
	free_args(&args);
	return tu;
}

/* ------------------------------------------------------------------ */
/* A big file as two halves at once (fe_split.c)                       */

static bool start_parse_thread(pthread_t *th, void (*fn)(void *), void *arg);

/* One half: the caller's options, with the blanked text as the file. */
struct half {
	const char *path;
	struct parse_options opt;
	const struct fe_span *blanked;  /* the bodies blanked in this half */
	int nblanked;
	struct model_file *mf;          /* NULL: not parsed cleanly */
	struct fe_ranges skipped;       /* main-file text #if'd out */
	struct fixups fx;               /* its own fix-ups */
};

/* The main-file ranges the preprocessor skipped, as offsets. */
static struct fe_ranges skipped_ranges(CXTranslationUnit tu, const char *path)
{
	struct fe_ranges r = { NULL, 0 };
	CXFile f = clang_getFile(tu, path);
	CXSourceRangeList *l = f ? clang_getSkippedRanges(tu, f) : NULL;

	if (l && l->count > 0) {
		r.v = calloc(l->count, sizeof(*r.v));
		if (!r.v)
			abort();
		for (unsigned i = 0; i < l->count; i++) {
			clang_getFileLocation(clang_getRangeStart(l->ranges[i]),
					      NULL, NULL, NULL, &r.v[r.n].begin);
			clang_getFileLocation(clang_getRangeEnd(l->ranges[i]),
					      NULL, NULL, NULL, &r.v[r.n].end);
			r.n++;
		}
	}
	if (l)
		clang_disposeSourceRangeList(l);
	return r;
}

/* Parses one half, with the fix-ups it needs as a whole parse would,
 * and converts it.  A half whose last parse still has an error or an
 * implicit declaration is given up (mf stays NULL): error reports are
 * the whole parse's business. */
static void parse_half(void *arg)
{
	struct half *h = arg;
	CXIndex index = clang_createIndex(0, 0);
	enum CXErrorCode ec = CXError_Success;
	CXTranslationUnit tu = parse_fixed(index, h->path, &h->opt, &h->fx, &ec);

	if (tu && !fixups_parse_needs_any(tu)) {
		h->mf = convert_tu(tu, h->path, h->blanked, h->nblanked);
		h->skipped = skipped_ranges(tu, h->path);
	}
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
}

/* The main file's text, malloc'd (*len bytes, NUL-terminated): the
 * caller's, or read from a regular file of at least min bytes.  NULL
 * when there is none such. */
static char *split_text(const char *path, const struct parse_options *opt,
			size_t min, size_t *len)
{
	char *t = NULL;
	struct stat st;
	int fd;

	if (opt->contents) {
		*len = opt->contents_len;
		if (*len < min || !(t = malloc(*len + 1)))
			return NULL;
		memcpy(t, opt->contents, *len);
		t[*len] = '\0';
		return t;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size >= min &&
	    (uint64_t)st.st_size < UINT32_MAX && (t = malloc((size_t)st.st_size + 1))) {
		size_t got = 0;
		ssize_t r = 1;
		while (got < (size_t)st.st_size &&
		       (r = read(fd, t + got, (size_t)st.st_size - got)) > 0)
			got += (size_t)r;
		if (r <= 0 || got != (size_t)st.st_size) {
			free(t);
			t = NULL;
		} else {
			t[got] = '\0';
			*len = got;
		}
	}
	close(fd);
	return t;
}

static size_t body_bytes(const struct fe_bodies *b)
{
	size_t n = 0;
	for (int i = 0; i < b->nbodies; i++)
		n += b->bodies[i].end - b->bodies[i].begin;
	return n;
}

/* Parses the two halves at once and joins them; false (nothing made)
 * when the file is not worth splitting or the halves do not agree. */
static bool split_halves(const char *path, const struct parse_options *opt,
			 const char *text, size_t len, const struct fe_bodies *b,
			 struct model_file **out)
{
	int k = fe_split_point(b);
	struct half h[2] = {
		{ .path = path, .opt = *opt, .blanked = b->bodies + k,
		  .nblanked = b->nbodies - k },
		{ .path = path, .opt = *opt, .blanked = b->bodies, .nblanked = k },
	};
	char *texts[2] = {
		fe_blank_bodies(text, len, b, k, b->nbodies - k),
		fe_blank_bodies(text, len, b, 0, k),
	};
	pthread_t th;
	bool ok = false;

	for (int i = 0; i < 2; i++) {
		h[i].opt.contents = texts[i];
		h[i].opt.contents_len = len;
		fixups_init(&h[i].fx, path);
	}
	if (start_parse_thread(&th, parse_half, &h[1])) {
		parse_half(&h[0]);
		pthread_join(th, NULL);
		struct fe_ranges skipped[2] = { h[0].skipped, h[1].skipped };
		ok = h[0].mf && h[1].mf &&
		     fe_join_halves(h[0].mf, h[1].mf, b, k, skipped);
	}
	if (ok) {
		/* one set of notes, as the whole parse would give */
		fixups_merge(&h[0].fx, &h[1].fx);
		copy_notes(h[0].mf, &h[0].fx);
		*out = h[0].mf;
	} else {
		model_file_free(h[0].mf);
		model_file_free(h[1].mf);
	}
	for (int i = 0; i < 2; i++) {
		free(h[i].skipped.v);
		fixups_free(&h[i].fx);
	}
	free(texts[0]);
	free(texts[1]);
	return ok;
}

/* A split parse when the caller allows two threads and the file's
 * function bodies are big enough; false: parse it whole. */
static bool parse_split(const char *path, const struct parse_options *opt,
			struct model_file **out)
{
	size_t min = opt && opt->split_min ? opt->split_min : FRONTEND_SPLIT_MIN;
	size_t len = 0;
	struct fe_bodies b;
	bool ok = false;

	if (!opt || opt->threads < 2)
		return false;
	char *text = split_text(path, opt, min, &len);
	if (!text)
		return false;
	if (fe_find_bodies(text, len, &b) && b.nbodies >= 2 && body_bytes(&b) >= min)
		ok = split_halves(path, opt, text, len, &b, out);
	fe_bodies_free(&b);
	free(text);
	return ok;
}

/* frontend_parse on the calling thread. */
static enum parse_result parse_here(const char *path,
				    const struct parse_options *opt,
				    struct model_file **out,
				    char *err, size_t errsize)
{
	CXIndex index;
	CXTranslationUnit tu;
	enum CXErrorCode ec = CXError_Success;
	struct fixups fx;
	const char *name = path;        /* for messages */
	char *abs = NULL;

	*out = NULL;
	/* compile_commands.json entries name files relative to their own
	 * directory.  chdir() -- and libclang 14's -working-directory, which
	 * chdirs too -- would change every thread's directory: the source is
	 * made absolute here, and the caller gives the other paths absolute
	 * (cli/compdb.c does). */
	if (opt && opt->working_dir && path[0] != '/') {
		if (asprintf(&abs, "%s/%s", opt->working_dir, path) < 0)
			abort();
		path = abs;
	}
	if (opt && opt->parts)
		*opt->parts = 1;
	if (parse_split(path, opt, out)) {
		if (opt->parts)
			*opt->parts = 2;
		free(abs);
		return PARSE_OK;
	}
	index = clang_createIndex(0, 0);
	fixups_init(&fx, path);
	tu = parse_fixed(index, path, opt, &fx, &ec);
	if (!tu) {
		if (ec == CXError_Crashed)
			set_err(err, errsize, "%s: the parser crashed", name);
		else
			set_err(err, errsize, "%s: the parser could not read this file", name);
		fixups_free(&fx);
		clang_disposeIndex(index);
		free(abs);
		return PARSE_FAILED;
	}
	if (fatal_stop(tu, err, errsize)) {
		fixups_free(&fx);
		clang_disposeTranslationUnit(tu);
		clang_disposeIndex(index);
		free(abs);
		return PARSE_FAILED;
	}

	struct model_file *mf = convert_tu(tu, path, NULL, 0);
	copy_notes(mf, &fx);
	fixups_free(&fx);
	clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
	free(abs);
	*out = mf;
	return PARSE_OK;
}

/* ------------------------------------------------------------------ */
/* A stack for the parser, and its crashes                             */

/*
 * clang's parser and semantic checks recurse on the nesting of the
 * source: each level of `(`, `!`, `a + a + ...` costs it a few hundred
 * bytes of stack.  libclang would run them on a thread of its own with
 * 8 MB (a 100,000-term sum overflows it, and a stack overflow kills the
 * process: its crash recovery handler cannot run on the overflowed
 * stack).  So libclang is told to use the caller's thread
 * (LIBCLANG_NOTHREADS) without its crash recovery
 * (LIBCLANG_DISABLE_CRASH_RECOVERY), and frontend_parse runs on a thread
 * of ours with fe_stack_sizes[0] bytes of stack (address space, touched
 * only as deep as the input goes) and an alternate signal stack, so that
 * a crash that is still possible beyond that becomes
 * frontend_guard_crashes()'s one-line error and exit 2.  -fbracket-depth
 * (FE_BRACKET_DEPTH) stops bracket nesting with a clean error
 * (fatal_stop) well before that.
 */
enum { FE_ALTSTACK = 64 * 1024 };
static const size_t fe_stack_sizes[] = {
	(size_t)512 << 20, (size_t)128 << 20, (size_t)32 << 20,
};

/* Signals that mean a crash, and what was installed before ours (set
 * once by frontend_guard_crashes, then only read). */
static const int fe_crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
enum { FE_NSIGNALS = sizeof(fe_crash_signals) / sizeof(fe_crash_signals[0]) };
static struct sigaction fe_prev_actions[FE_NSIGNALS];

static void fe_write_str(const char *s)
{
	ssize_t r = write(STDERR_FILENO, s, strlen(s));
	(void)r;
}

/* In frontend_parse: one line on stderr and exit 2.  Elsewhere: put the
 * previous handler back and return, so that the fault happens again and
 * is handled as if we were not here (a crash of ours stays a crash). */
static void fe_crash_handler(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	if (fe_parsing) {
		fe_write_str("ndislint: ");
		fe_write_str(fe_parsing);
		fe_write_str(sig == SIGABRT ? ": the parser (libclang) aborted" :
			     ": the parser (libclang) crashed");
		fe_write_str(" on this input: a libclang bug, or nesting too "
			     "deep for its stack (see docs/LIMITS.md)\n");
		/* the system call, not _exit(): a sanitizer would take a
		 * call to a noreturn function on this stack for a stack
		 * switch and print a warning */
		syscall(SYS_exit_group, 2);
	}
	for (int i = 0; i < FE_NSIGNALS; i++)
		if (fe_crash_signals[i] == sig)
			sigaction(sig, &fe_prev_actions[i], NULL);
	if (sig == SIGABRT)
		raise(sig);
}

void frontend_guard_crashes(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fe_crash_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < FE_NSIGNALS; i++)
		sigaction(fe_crash_signals[i], &sa, &fe_prev_actions[i]);
}

static pthread_once_t fe_env_once = PTHREAD_ONCE_INIT;

/* libclang reads these at every parse: set them once, before any. */
static void fe_set_env(void)
{
	setenv("LIBCLANG_NOTHREADS", "1", 1);
	setenv("LIBCLANG_DISABLE_CRASH_RECOVERY", "1", 1);
	/* LLVM's fatal errors abort() instead of exit(1) (1 means findings) */
	clang_install_aborting_llvm_fatal_error_handler();
}

/* A function for a parse thread, and its argument. */
struct fe_call {
	void (*fn)(void *);
	void *arg;
};

/* A parse thread: an alternate signal stack (unless the thread has one
 * already: a sanitizer's), then the call. */
static void *fe_thread_main(void *arg)
{
	struct fe_call *c = arg;
	stack_t ss = { 0 }, cur = { 0 }, off = { 0 };
	void *alt = NULL;

	if (sigaltstack(NULL, &cur) == 0 && (cur.ss_flags & SS_DISABLE))
		alt = malloc(FE_ALTSTACK);
	if (alt) {
		ss.ss_sp = alt;
		ss.ss_size = FE_ALTSTACK;
		if (sigaltstack(&ss, NULL) != 0) {
			free(alt);
			alt = NULL;
		}
	}
	c->fn(c->arg);
	if (alt) {
		off.ss_flags = SS_DISABLE;
		sigaltstack(&off, NULL);
		free(alt);
	}
	free(c);
	return NULL;
}

/* Starts fn(arg) on a thread with the biggest of fe_stack_sizes that
 * can be had; false when no thread starts. */
static bool start_parse_thread(pthread_t *th, void (*fn)(void *), void *arg)
{
	for (size_t i = 0; i < sizeof(fe_stack_sizes) / sizeof(fe_stack_sizes[0]); i++) {
		pthread_attr_t attr;
		struct fe_call *c = malloc(sizeof(*c));
		int rc;

		if (!c || pthread_attr_init(&attr) != 0) {
			free(c);
			return false;
		}
		c->fn = fn;
		c->arg = arg;
		rc = pthread_attr_setstacksize(&attr, fe_stack_sizes[i]);
		if (rc == 0)
			rc = pthread_create(th, &attr, fe_thread_main, c);
		pthread_attr_destroy(&attr);
		if (rc == 0)
			return true;
		free(c);
	}
	return false;
}

struct fe_job {
	const char *path;
	const struct parse_options *opt;
	struct model_file **out;
	char *err;
	size_t errsize;
	enum parse_result rc;
};

static void fe_job_run(void *arg)
{
	struct fe_job *j = arg;
	j->rc = parse_here(j->path, j->opt, j->out, j->err, j->errsize);
}

enum parse_result frontend_parse(const char *path,
				 const struct parse_options *opt,
				 struct model_file **out,
				 char *err, size_t errsize)
{
	struct fe_job job = { path, opt, out, err, errsize, PARSE_FAILED };
	pthread_t th;

	pthread_once(&fe_env_once, fe_set_env);
	if (start_parse_thread(&th, fe_job_run, &job)) {
		pthread_join(th, NULL);
		return job.rc;
	}
	/* no thread to be had: the caller's stack, then */
	struct fe_call *c = malloc(sizeof(*c));
	if (!c)
		abort();
	c->fn = fe_job_run;
	c->arg = &job;
	fe_thread_main(c);
	return job.rc;
}

enum parse_result frontend_build_pch(const char *stub_path, const char *text,
				     const struct parse_options *opt,
				     const char *out_path,
				     char *err, size_t errsize)
{
	struct parse_options o = opt ? *opt : (struct parse_options){ 0 };
	struct args args;
	struct CXUnsavedFile stub = { stub_path, text, (unsigned long)strlen(text) };
	CXIndex index = clang_createIndex(0, 0);
	CXTranslationUnit tu = NULL;
	enum CXErrorCode ec;
	int saved = CXSaveError_Unknown;

	pthread_once(&fe_env_once, fe_set_env);
	o.pch = NULL;
	o.contents = NULL;
	build_args(stub_path, &o, &args);
	/* "-x c" of target_args, then this: the stub is a header. */
	args.argv[args.argc++] = "-x";
	args.argv[args.argc++] = "c-header";
	ec = clang_parseTranslationUnit2(index, stub_path, args.argv, args.argc,
					 &stub, 1,
					 CXTranslationUnit_ForSerialization |
					 CXTranslationUnit_DetailedPreprocessingRecord,
					 &tu);
	if (ec == CXError_Success && tu)
		saved = clang_saveTranslationUnit(tu, out_path,
						  clang_defaultSaveOptions(tu));
	if (saved == CXSaveError_None && fatal_stop(tu, err, errsize))
		saved = CXSaveError_TranslationErrors;
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
	free_args(&args);
	if (ec != CXError_Success || saved != CXSaveError_None) {
		set_err(err, errsize, "%s: cannot build the precompiled header",
			out_path);
		return PARSE_FAILED;
	}
	return PARSE_OK;
}

/* Directory of the running binary, from /proc/self/exe. */
static bool exe_dir(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return true;
}

const char *frontend_default_include_dir(char *buf, size_t size)
{
	const char *env = getenv("NDISLINT_INCLUDE");
	char dir[PATH_MAX];

	if (env && *env)
		return env;
	if (size > 0 && exe_dir(dir, sizeof(dir))) {
		int n = snprintf(buf, size, "%s/../share/ndislint/include/ndis.h", dir);
		if (n > 0 && (size_t)n < size && access(buf, R_OK) == 0) {
			buf[(size_t)n - strlen("/ndis.h")] = '\0';
			return buf;
		}
	}
	return NDISLINT_SOURCE_INCLUDE;
}
