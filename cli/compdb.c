/*
 * compdb.c - `-p BUILD_DIR`: inputs and flags from compile_commands.json.
 *
 * The JSON is checked with jansson first (libclang's own reader accepts
 * or silently skips malformed entries); the commands are then read through
 * libclang's compilation-database API, which splits "command" strings the
 * way the build tools wrote them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <clang-c/CXCompilationDatabase.h>
#include <jansson.h>

#include "cli.h"

/* "BUILD_DIR/compile_commands.json", malloc'd. */
static char *compdb_path(const char *build_dir)
{
	size_t n = strlen(build_dir) + sizeof "/compile_commands.json";
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s/compile_commands.json", build_dir);
	return p;
}

/* Checks one entry of the array; false with a reason. */
static bool compdb_check_entry(json_t *e, size_t i, const char *path,
			       char *err, size_t errsize)
{
	json_t *args, *cmd;
	size_t j;
	json_t *a;

	if (!json_is_object(e)) {
		snprintf(err, errsize, "%s: entry %zu is not an object",
			 path, i + 1);
		return false;
	}
	if (!json_is_string(json_object_get(e, "directory"))) {
		snprintf(err, errsize, "%s: entry %zu has no \"directory\" string",
			 path, i + 1);
		return false;
	}
	if (!json_is_string(json_object_get(e, "file"))) {
		snprintf(err, errsize, "%s: entry %zu has no \"file\" string",
			 path, i + 1);
		return false;
	}
	args = json_object_get(e, "arguments");
	cmd = json_object_get(e, "command");
	if (args != NULL) {
		if (!json_is_array(args) || json_array_size(args) == 0) {
			snprintf(err, errsize,
				 "%s: entry %zu: \"arguments\" is not a non-empty array of strings",
				 path, i + 1);
			return false;
		}
		json_array_foreach(args, j, a) {
			if (!json_is_string(a)) {
				snprintf(err, errsize,
					 "%s: entry %zu: \"arguments\" item %zu is not a string",
					 path, i + 1, j + 1);
				return false;
			}
		}
		return true;
	}
	if (!json_is_string(cmd)) {
		snprintf(err, errsize,
			 "%s: entry %zu has neither an \"arguments\" array nor a \"command\" string",
			 path, i + 1);
		return false;
	}
	return true;
}

/* Checks the database's JSON shape with jansson (see cli.h). */
bool compdb_validate(const char *build_dir, char *err, size_t errsize)
{
	char *path = compdb_path(build_dir);
	json_error_t jerr;
	struct stat st;
	json_t *root;
	bool ok = true;

	if (path == NULL) {
		snprintf(err, errsize, "out of memory");
		return false;
	}
	if (stat(path, &st) != 0) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		free(path);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errsize, "%s: not a regular file", path);
		free(path);
		return false;
	}
	root = json_load_file(path, 0, &jerr);
	if (root == NULL) {
		snprintf(err, errsize, "%s:%d:%d: not valid JSON: %s", path,
			 jerr.line, jerr.column, jerr.text);
		free(path);
		return false;
	}
	if (!json_is_array(root)) {
		snprintf(err, errsize, "%s: not a JSON array of compile commands",
			 path);
		ok = false;
	}
	for (size_t i = 0; ok && i < json_array_size(root); i++)
		ok = compdb_check_entry(json_array_get(root, i), i, path, err,
					errsize);
	json_decref(root);
	free(path);
	return ok;
}

/* Copies a CXString into a malloc'd string and disposes of it. */
static char *compdb_string(CXString s)
{
	const char *c = clang_getCString(s);
	char *out = strdup(c ? c : "");

	clang_disposeString(s);
	return out;
}

/* dir/file unless file is absolute; malloc'd. */
static char *compdb_join(const char *dir, const char *file)
{
	size_t n;
	char *p;

	if (file[0] == '/' || dir == NULL || dir[0] == '\0')
		return strdup(file);
	n = strlen(dir) + strlen(file) + 2;
	p = malloc(n);
	if (p != NULL)
		snprintf(p, n, "%s/%s", dir, file);
	return p;
}

/* Is argv[0] the MSVC driver (cl, clang-cl)? */
static bool compdb_is_cl(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');
	const char *bslash = strrchr(argv0, '\\');
	const char *base = argv0;

	if (slash && slash + 1 > base)
		base = slash + 1;
	if (bslash && bslash + 1 > base)
		base = bslash + 1;
	return strcasecmp(base, "cl") == 0 || strcasecmp(base, "cl.exe") == 0 ||
	       strcasecmp(base, "clang-cl") == 0 ||
	       strcasecmp(base, "clang-cl.exe") == 0;
}

/* Appends a copy of s (with an optional prefix) to the list. */
static bool compdb_push(char ***list, int *n, const char *prefix,
			const char *s)
{
	size_t len = strlen(prefix) + strlen(s) + 1;
	char **grown = realloc(*list, (size_t)(*n + 1) * sizeof **list);
	char *copy;

	if (grown == NULL)
		return false;
	*list = grown;
	copy = malloc(len);
	if (copy == NULL)
		return false;
	snprintf(copy, len, "%s%s", prefix, s);
	grown[(*n)++] = copy;
	return true;
}

/* Is argument `a` the entry's source file itself? */
static bool compdb_is_source(const char *a, const char *file,
			     const char *abs_file, const char *dir)
{
	char *joined;
	bool same;

	if (strcmp(a, file) == 0 || strcmp(a, abs_file) == 0)
		return true;
	joined = compdb_join(dir, a);
	same = joined != NULL && strcmp(joined, abs_file) == 0;
	free(joined);
	return same;
}

/* Dependency-file options of gcc/clang that take a separate value. */
static bool compdb_dep_with_value(const char *a)
{
	return strcmp(a, "-MF") == 0 || strcmp(a, "-MT") == 0 ||
	       strcmp(a, "-MQ") == 0 || strcmp(a, "-o") == 0;
}

/* Options without a value that only concern the build, not the parse. */
static bool compdb_build_only(const char *a)
{
	static const char *const drop[] = {
		"-c", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-S", "-E",
		"-pipe",
	};

	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
		if (strcmp(a, drop[i]) == 0)
			return true;
	}
	return (strncmp(a, "-MF", 3) == 0 || strncmp(a, "-MT", 3) == 0 ||
		strncmp(a, "-MQ", 3) == 0 || strncmp(a, "-o", 2) == 0);
}

/* Translates one cl option (after its / or -) into parser arguments;
 * *skip is set when it consumed the next argument.  Others are dropped. */
static bool compdb_cl_option(const char *opt, const char *next, bool *skip,
			     char ***out, int *n)
{
	static const struct { const char *cl, *clang; } map[] = {
		{"external:I", "-isystem"}, {"imsvc", "-isystem"},
		{"FI", "-include"}, {"D", "-D"}, {"U", "-U"}, {"I", "-I"},
	};

	*skip = false;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		size_t len = strlen(map[i].cl);
		const char *val = opt + len;
		bool joined = map[i].clang[1] == 'D' || map[i].clang[1] == 'U' ||
			      map[i].clang[1] == 'I';

		if (strncmp(opt, map[i].cl, len) != 0)
			continue;
		if (*val == '\0') {
			if (next == NULL)
				return true;
			val = next;
			*skip = true;
		}
		if (joined)
			return compdb_push(out, n, map[i].clang, val);
		return compdb_push(out, n, map[i].clang, "") &&
		       compdb_push(out, n, "", val);
	}
	return true;
}

/* Compile command -> parser arguments (see cli.h). */
char **compdb_filter_args(const char *const *argv, int argc,
			  const char *file, const char *abs_file,
			  const char *dir, int *nout)
{
	bool cl = argc > 0 && compdb_is_cl(argv[0]);
	char **out = malloc(sizeof *out);  /* never NULL when empty */
	int n = 0;
	bool ok = out != NULL;

	for (int i = 1; ok && i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		bool skip = false;

		if (compdb_is_source(a, file, abs_file, dir))
			continue;
		if (cl && (a[0] == '/' || a[0] == '-')) {
			ok = compdb_cl_option(a + 1, next, &skip, &out, &n);
			i += skip;
			continue;
		}
		if (cl)
			continue;       /* another input or a response file */
		if (compdb_dep_with_value(a)) {
			i++;
			continue;
		}
		if (compdb_build_only(a))
			continue;
		ok = compdb_push(&out, &n, "", a);
	}
	if (!ok) {
		for (int i = 0; i < n; i++)
			free(out[i]);
		free(out);
		*nout = 0;
		return NULL;
	}
	*nout = n;
	return out;
}

/* Frees an array of run inputs. */
void run_inputs_free(struct run_input *in, int n)
{
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < in[i].nargs; j++)
			free(in[i].args[j]);
		free(in[i].args);
		free(in[i].path);
		free(in[i].working_dir);
	}
	free(in);
}

/* One command of the database, read out of libclang. */
struct compdb_cmd {
	char *dir;
	char *file;             /* as the database names it */
	char *abs;              /* dir/file, resolved when it exists */
	char **argv;
	int argc;
	bool exists;
	bool selected;
};

/* Frees the commands read. */
static void compdb_cmds_free(struct compdb_cmd *c, int n)
{
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < c[i].argc; j++)
			free(c[i].argv[j]);
		free(c[i].argv);
		free(c[i].dir);
		free(c[i].file);
		free(c[i].abs);
	}
	free(c);
}

/* Reads one CXCompileCommand. */
static bool compdb_read_cmd(CXCompileCommand cc, struct compdb_cmd *c)
{
	char *joined;

	memset(c, 0, sizeof *c);
	c->dir = compdb_string(clang_CompileCommand_getDirectory(cc));
	c->file = compdb_string(clang_CompileCommand_getFilename(cc));
	c->argc = (int)clang_CompileCommand_getNumArgs(cc);
	c->argv = calloc((size_t)(c->argc ? c->argc : 1), sizeof(char *));
	if (c->dir == NULL || c->file == NULL || c->argv == NULL)
		return false;
	for (int j = 0; j < c->argc; j++) {
		c->argv[j] = compdb_string(clang_CompileCommand_getArg(cc,
							(unsigned)j));
		if (c->argv[j] == NULL)
			return false;
	}
	joined = compdb_join(c->dir, c->file);
	if (joined == NULL)
		return false;
	c->abs = realpath(joined, NULL);
	c->exists = c->abs != NULL;
	if (c->abs == NULL)
		c->abs = joined;
	else
		free(joined);
	return true;
}

/* Reads every command of the database through libclang. */
static bool compdb_read_all(const char *build_dir, struct compdb_cmd **out,
			    int *nout, char *err, size_t errsize)
{
	CXCompilationDatabase_Error code;
	CXCompilationDatabase db;
	CXCompileCommands cmds;
	struct compdb_cmd *c;
	unsigned n;
	bool ok = true;

	*out = NULL;
	*nout = 0;
	db = clang_CompilationDatabase_fromDirectory(build_dir, &code);
	if (code != CXCompilationDatabase_NoError || db == NULL) {
		snprintf(err, errsize,
			 "%s/compile_commands.json: libclang cannot load it",
			 build_dir);
		if (db != NULL)
			clang_CompilationDatabase_dispose(db);
		return false;
	}
	cmds = clang_CompilationDatabase_getAllCompileCommands(db);
	n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
	c = calloc(n ? n : 1, sizeof *c);
	for (unsigned i = 0; c != NULL && ok && i < n; i++) {
		ok = compdb_read_cmd(clang_CompileCommands_getCommand(cmds, i),
				     &c[i]);
		*nout = (int)i + 1;
	}
	if (cmds)
		clang_CompileCommands_dispose(cmds);
	clang_CompilationDatabase_dispose(db);
	*out = c;
	if (c == NULL || !ok) {
		snprintf(err, errsize, "out of memory");
		return false;
	}
	return true;
}

/* Is this command's file a C source (by name)? */
static bool compdb_is_c(const struct compdb_cmd *c)
{
	size_t len = strlen(c->file);

	return len > 2 && strcmp(c->file + len - 2, ".c") == 0;
}

/* The directory part of an absolute path, malloc'd. */
static char *compdb_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 0;
	char *d;

	if (slash == path)
		len = 1;
	d = malloc(len + 2);
	if (d == NULL)
		return NULL;
	if (slash == NULL)
		return strcpy(d, ".");
	memcpy(d, path, len);
	d[len] = '\0';
	return d;
}

/* Marks the commands selected by one named file; false with a reason. */
static bool compdb_select_file(struct compdb_cmd *c, int n, const char *name,
			       const char *build_dir, char *err, size_t errsize)
{
	char *abs = realpath(name, NULL);
	char *dir = NULL;
	int hits = 0;

	if (abs == NULL) {
		snprintf(err, errsize, "%s: %s", name, strerror(errno));
		return false;
	}
	if (input_is_header(name))
		dir = compdb_dirname(abs);
	for (int i = 0; i < n; i++) {
		char *cdir;
		bool match;

		if (dir == NULL) {
			match = strcmp(c[i].abs, abs) == 0;
		} else {
			cdir = compdb_dirname(c[i].abs);
			match = cdir && compdb_is_c(&c[i]) &&
				strcmp(cdir, dir) == 0;
			free(cdir);
		}
		if (match) {
			c[i].selected = true;
			hits++;
		}
	}
	if (dir != NULL && hits == 0) {
		/* A header outside every source directory: any driver may
		 * include it. */
		for (int i = 0; i < n; i++)
			c[i].selected |= compdb_is_c(&c[i]);
	}
	free(dir);
	free(abs);
	if (dir == NULL && hits == 0) {
		snprintf(err, errsize, "%s: not in %s/compile_commands.json",
			 name, build_dir);
		return false;
	}
	return true;
}

/* Builds the run input of one selected command. */
static bool compdb_make_input(const struct compdb_cmd *c,
			      const char *const *extra, int nextra,
			      struct run_input *in)
{
	int n = 0;
	char **args = compdb_filter_args((const char *const *)c->argv,
					 c->argc, c->file, c->abs, c->dir, &n);

	memset(in, 0, sizeof *in);
	if (args == NULL)
		return false;
	in->args = args;
	in->nargs = n;
	for (int i = 0; i < nextra; i++) {
		if (!compdb_push(&in->args, &in->nargs, "", extra[i]))
			return false;
	}
	in->path = strdup(c->abs);
	in->working_dir = strdup(c->dir);
	return in->path != NULL && in->working_dir != NULL;
}

/* Turns the selected commands into run inputs, one per distinct file;
 * false when a selected file does not exist. */
static bool compdb_collect(struct compdb_cmd *c, int n,
			   const char *const *extra, int nextra,
			   struct run_input **out, int *nout, char *err,
			   size_t errsize)
{
	struct run_input *in = calloc((size_t)(n ? n : 1), sizeof *in);
	int count = 0;

	*out = in;
	*nout = 0;
	if (in == NULL) {
		snprintf(err, errsize, "out of memory");
		return false;
	}
	for (int i = 0; i < n; i++) {
		bool dup = false;

		if (!c[i].selected)
			continue;
		for (int j = 0; j < i && !dup; j++)
			dup = c[j].selected && strcmp(c[j].abs, c[i].abs) == 0;
		if (dup)
			continue;
		if (!c[i].exists) {
			snprintf(err, errsize,
				 "%s: %s (named by the compilation database)",
				 c[i].abs, strerror(ENOENT));
			return false;
		}
		if (!compdb_make_input(&c[i], extra, nextra, &in[count])) {
			*nout = count + 1;
			snprintf(err, errsize, "out of memory");
			return false;
		}
		count++;
		*nout = count;
	}
	return true;
}

/* Selects the database entries to parse (see cli.h). */
bool compdb_load(const char *build_dir, const char *const *files,
		 int nfiles, const char *const *extra, int nextra,
		 struct run_input **out, int *nout, char *err,
		 size_t errsize)
{
	struct compdb_cmd *c;
	int n;
	bool ok;

	*out = NULL;
	*nout = 0;
	if (!compdb_read_all(build_dir, &c, &n, err, errsize)) {
		compdb_cmds_free(c, n);
		return false;
	}
	ok = true;
	for (int i = 0; ok && i < nfiles; i++)
		ok = compdb_select_file(c, n, files[i], build_dir, err,
					errsize);
	for (int i = 0; ok && nfiles == 0 && i < n; i++)
		c[i].selected = compdb_is_c(&c[i]);
	if (ok)
		ok = compdb_collect(c, n, extra, nextra, out, nout, err,
				    errsize);
	if (ok && *nout == 0) {
		snprintf(err, errsize, "%s/compile_commands.json: no C source in it",
			 build_dir);
		ok = false;
	}
	compdb_cmds_free(c, n);
	return ok;
}
