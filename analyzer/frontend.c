/*
 * frontend.c - libclang parse of one source file into a model_file.
 *
 * Parse options, the file table, macro expansions of the main file,
 * diagnostics, and the walk over file-scope declarations.  Statements and
 * expressions are converted in cfg_build.c, operators recovered in
 * fe_tokens.c.  Everything libclang owns is disposed of before returning.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fe_fixups.h"
#include "fe_internal.h"
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

/* Arguments that make clang parse as the WDK compiler would. */
static const char *const target_args[] = {
	"-x", "c",
	"--target=x86_64-pc-windows-msvc",
	"-fms-extensions",
	"-fms-compatibility",
	"-nostdlibinc",
	"-ferror-limit=0",
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

struct fe_pos fe_file_pos(struct fe *fe, CXSourceLocation loc)
{
	struct fe_pos p = { 0 };
	clang_getFileLocation(loc, &p.file, &p.line, &p.col, &p.offset);
	p.index = p.file ? fe_file_index(fe, p.file) : 0;
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

/* Binary search for the first macro use beginning at or after offset. */
static int macro_lower_bound(const struct fe *fe, unsigned offset)
{
	int lo = 0, hi = fe->nmacros;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (fe->macros[mid].begin < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct macro_use *fe_macro_at(const struct fe *fe, unsigned offset)
{
	int i = macro_lower_bound(fe, offset);
	if (i < fe->nmacros && fe->macros[i].begin == offset)
		return &fe->macros[i];
	return NULL;
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

/* Records a main-file macro expansion cursor. */
static void collect_macro(struct fe *fe, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	struct fe_pos b = fe_file_pos(fe, clang_getRangeStart(r));
	struct fe_pos e = fe_file_pos(fe, clang_getRangeEnd(r));
	if (!b.file || !clang_File_isEqual(b.file, fe->main_file))
		return;
	VEC_RESERVE(fe->macros, fe->nmacros, fe->capmacros);
	struct macro_use *m = &fe->macros[fe->nmacros++];
	CXString name = clang_getCursorSpelling(c);
	m->begin = b.offset;
	m->end = e.offset > b.offset ? e.offset : b.offset + 1;
	m->name = arena_strdup(fe->arena, clang_getCString(name));
	clang_disposeString(name);
	CXCursor def = clang_getCursorReferenced(c);
	m->function_like = !clang_Cursor_isNull(def) &&
			   clang_Cursor_isMacroFunctionLike(def);
	m->def = def;
}

static int macro_cmp(const void *a, const void *b)
{
	const struct macro_use *x = a, *y = b;
	return x->begin < y->begin ? -1 : x->begin > y->begin;
}

/* Is the cursor's location in the main file? */
static bool in_main_file(struct fe *fe, CXCursor c)
{
	CXFile f = NULL;
	clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
	return f && clang_File_isEqual(f, fe->main_file);
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
		if (clang_Location_isFromMainFile(clang_getCursorLocation(c)))
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
	int n = ntarget + 8 + (opt ? opt->nclang_args : 0);
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

/* Converts a parsed translation unit into a model. */
static struct model_file *convert_tu(CXTranslationUnit tu, const char *path)
{
	struct fe fe = { 0 };
	fe.last_index = -1;
	struct model_file *mf = calloc(1, sizeof(*mf));
	if (!mf)
		abort();
	fe.tu = tu;
	fe.mf = mf;
	fe.arena = mf->arena = arena_new();
	fe.main_file = clang_getFile(tu, path);
	mf->path = arena_strdup(fe.arena, path);
	fe_file_index(&fe, fe.main_file);

	struct toplevel tl = { 0 };
	void *ctx[2] = { &fe, &tl };
	clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_toplevel, ctx);
	if (fe.nmacros > 1)
		qsort(fe.macros, (size_t)fe.nmacros, sizeof(*fe.macros), macro_cmp);
	convert_globals(&fe, &tl);
	convert_functions(&fe, &tl);
	collect_diagnostics(&fe);

	free(tl.fns);
	free(tl.vars);
	free(fe.macros);
	free(fe.cxfiles);
	free(fe.strs);
	mf->nfiles = fe.nfiles;
	mf->files = to_arena(fe.arena, fe.files, (size_t)fe.nfiles, sizeof(*mf->files));
	if (mf->nfiles > 0)
		mf->files[0] = mf->path;
	return mf;
}

/* Parses with the fix-ups found so far; NULL and a reason on failure. */
static CXTranslationUnit parse_once(CXIndex index, const char *path,
				    const char **argv, int argc,
				    struct fixups *fx, enum CXErrorCode *ec)
{
	unsigned flags = CXTranslationUnit_DetailedPreprocessingRecord |
			 CXTranslationUnit_KeepGoing;
	unsigned nunsaved = 0;
	struct CXUnsavedFile *unsaved = fixups_unsaved(fx, &nunsaved);
	CXTranslationUnit tu = NULL;
	*ec = clang_parseTranslationUnit2(index, path, argv, argc, unsaved,
					  nunsaved, flags, &tu);
	return *ec == CXError_Success ? tu : NULL;
}

enum { MAX_FIXUP_ROUNDS = 4 };

enum parse_result frontend_parse(const char *path,
				 const struct parse_options *opt,
				 struct model_file **out,
				 char *err, size_t errsize)
{
	struct args args;
	CXIndex index = clang_createIndex(0, 0);
	CXTranslationUnit tu = NULL;
	enum CXErrorCode ec = CXError_Success;
	struct fixups fx;
	char cwd[PATH_MAX];
	bool chdired = false;

	*out = NULL;
	/* compile_commands.json entries name files relative to their own
	 * directory; libclang resolves paths against the process cwd. */
	if (opt && opt->working_dir && getcwd(cwd, sizeof(cwd)))
		chdired = chdir(opt->working_dir) == 0;
	build_args(path, opt, &args);
	fixups_init(&fx, path);
	for (int round = 0; round < MAX_FIXUP_ROUNDS; round++) {
		if (tu)
			clang_disposeTranslationUnit(tu);
		tu = parse_once(index, path, args.argv, args.argc, &fx, &ec);
		if (!tu || !fixups_after_parse(&fx, tu))
			break;
	}
	free_args(&args);
	if (!tu) {
		if (chdired && chdir(cwd) != 0)
			set_err(err, errsize, "%s: cannot return to the working directory", path);
		else if (ec == CXError_Crashed)
			set_err(err, errsize, "%s: the parser crashed", path);
		else
			set_err(err, errsize, "%s: the parser could not read this file", path);
		fixups_free(&fx);
		clang_disposeIndex(index);
		return PARSE_FAILED;
	}

	struct model_file *mf = convert_tu(tu, path);
	copy_notes(mf, &fx);
	fixups_free(&fx);
	clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
	if (chdired && chdir(cwd) != 0) {
		model_file_free(mf);
		set_err(err, errsize, "%s: cannot return to the working directory", path);
		return PARSE_FAILED;
	}
	*out = mf;
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
