/*
 * compdb.c - `-p BUILD_DIR`: inputs and flags from compile_commands.json.
 *
 * The database is read with jansson, as bear and CMake write it: each
 * entry has a "directory" (absolute, or relative to the database's own
 * directory), a "file" (relative to the directory) and either an
 * "arguments" array or a "command" string.  A command is split into words
 * here, without a shell: POSIX shell quoting ('...', "...", backslash), or
 * the Windows rules (CommandLineToArgvW: backslashes are literal except
 * before a double quote) for an entry written on Windows, that is one whose
 * directory or file is a Windows path or whose compiler is cl/clang-cl.
 *
 * --path-map FROM=TO rewrites the paths of a database written on another
 * machine (C:\src\drv=/src/drv) in "directory", "file" and the path
 * arguments (-I, -isystem, -include, /I, /FI, ... and -D values).
 *
 * Driver selection (SPEC.md "Command line"): without named files every C
 * file of the database is analyzed in one run, and each entry function
 * found forms one driver.  With named files, every C file of the database
 * is parsed (the result cache makes this cheap) and compdb_select_drivers
 * keeps only the drivers that compile or include a named file, whole; see
 * there for what "a driver's files" means.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "../analyzer/model.h"
#include "../analyzer/program.h"

/* "BUILD_DIR/compile_commands.json", malloc'd. */
static char *compdb_path(const char *build_dir)
{
	size_t n = strlen(build_dir) + sizeof "/compile_commands.json";
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s/compile_commands.json", build_dir);
	return p;
}

/* ------------------------------------------------------------------ */
/* Checking the JSON                                                   */

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
	if (!json_is_string(json_object_get(e, "directory")) ||
	    json_string_length(json_object_get(e, "directory")) == 0) {
		snprintf(err, errsize, "%s: entry %zu has no \"directory\" string",
			 path, i + 1);
		return false;
	}
	if (!json_is_string(json_object_get(e, "file")) ||
	    json_string_length(json_object_get(e, "file")) == 0) {
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

/* Loads and checks the database; the root array, or NULL with a reason. */
static json_t *compdb_read_json(const char *build_dir, char *err,
				size_t errsize)
{
	char *path = compdb_path(build_dir);
	json_error_t jerr;
	struct stat st;
	json_t *root;
	bool ok = true;

	if (path == NULL) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	if (stat(path, &st) != 0) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errsize, "%s: not a regular file", path);
		free(path);
		return NULL;
	}
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		snprintf(err, errsize, "%s:%d:%d: not valid JSON: %s", path,
			 jerr.line, jerr.column, jerr.text);
		free(path);
		return NULL;
	}
	if (!json_is_array(root)) {
		snprintf(err, errsize, "%s: not a JSON array of compile commands",
			 path);
		ok = false;
	}
	for (size_t i = 0; ok && i < json_array_size(root); i++)
		ok = compdb_check_entry(json_array_get(root, i), i, path, err,
					errsize);
	free(path);
	if (!ok) {
		json_decref(root);
		return NULL;
	}
	return root;
}

/* Checks the database's JSON shape with jansson (see cli.h). */
bool compdb_validate(const char *build_dir, char *err, size_t errsize)
{
	json_t *root = compdb_read_json(build_dir, err, errsize);

	json_decref(root);
	return root != NULL;
}

/* ------------------------------------------------------------------ */
/* Splitting a command                                                 */

/* A growing list of malloc'd strings. */
struct compdb_words {
	char **v;
	int n, cap;
};

/* Appends a copy of s (with a prefix) to the list; false when out of
 * memory. */
static bool compdb_words_add(struct compdb_words *w, const char *prefix,
			     const char *s)
{
	size_t len = strlen(prefix) + strlen(s) + 1;
	char *copy;

	if (w->n == w->cap) {
		int cap = w->cap ? 2 * w->cap : 8;
		char **grown = realloc(w->v, (size_t)cap * sizeof *grown);

		if (grown == NULL)
			return false;
		w->v = grown;
		w->cap = cap;
	}
	copy = malloc(len);
	if (copy == NULL)
		return false;
	snprintf(copy, len, "%s%s", prefix, s);
	w->v[w->n++] = copy;
	return true;
}

/* Frees a word list's strings and array. */
static void compdb_words_free(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Appends the word being built (buf[0..len]) to the list. */
static bool compdb_end_word(struct compdb_words *w, char *buf, size_t *len)
{
	buf[*len] = '\0';
	*len = 0;
	return compdb_words_add(w, "", buf);
}

/* POSIX shell quoting of one character position; returns the index after
 * what it consumed, or 0 on an unterminated quote. */
static size_t compdb_posix_step(const char *s, size_t i, char *buf,
				size_t *len)
{
	if (s[i] == '\'') {
		for (i++; s[i] != '\'' ; i++) {
			if (s[i] == '\0')
				return 0;
			buf[(*len)++] = s[i];
		}
		return i + 1;
	}
	if (s[i] == '"') {
		for (i++; s[i] != '"'; i++) {
			if (s[i] == '\0')
				return 0;
			if (s[i] == '\\' && s[i + 1] != '\0' &&
			    strchr("\\\"$`\n", s[i + 1]) != NULL)
				i++;
			buf[(*len)++] = s[i];
		}
		return i + 1;
	}
	if (s[i] == '\\' && s[i + 1] != '\0')
		i++;
	buf[(*len)++] = s[i];
	return i + 1;
}

/* Windows (CommandLineToArgvW) rules for the characters at s[i]: 2n
 * backslashes before a quote give n and the quote toggles quoting, 2n+1
 * give n and a literal quote, other backslashes are literal, and "" inside
 * quotes is a literal quote.  Returns the index after them. */
static size_t compdb_windows_step(const char *s, size_t i, char *buf,
				  size_t *len, bool *quoted)
{
	size_t n = 0;

	while (s[i + n] == '\\')
		n++;
	if (n > 0 && s[i + n] != '"') {
		memset(buf + *len, '\\', n);
		*len += n;
		return i + n;
	}
	memset(buf + *len, '\\', n / 2);
	*len += n / 2;
	i += n;
	if (n % 2 == 1) {
		buf[(*len)++] = '"';
		return i + 1;
	}
	if (*quoted && s[i + 1] == '"') {
		buf[(*len)++] = '"';
		return i + 2;
	}
	*quoted = !*quoted;
	return i + 1;
}

/* Splits a command line into words (see cli.h). */
char **compdb_split_command(const char *cmd, bool windows, int *nout,
			    char *err, size_t errsize)
{
	struct compdb_words w = {0};
	char *buf = malloc(strlen(cmd) + 1);
	size_t i = 0, len = 0;
	bool in_word = false, quoted = false, ok = buf != NULL;

	while (ok && cmd[i] != '\0') {
		char c = cmd[i];

		if (!quoted && (c == ' ' || c == '\t' || c == '\n' ||
				c == '\r')) {
			if (in_word)
				ok = compdb_end_word(&w, buf, &len);
			in_word = false;
			i++;
			continue;
		}
		in_word = true;
		if (windows && (c == '\\' || c == '"')) {
			i = compdb_windows_step(cmd, i, buf, &len, &quoted);
		} else if (windows) {
			buf[len++] = c;
			i++;
		} else {
			i = compdb_posix_step(cmd, i, buf, &len);
			if (i == 0) {
				snprintf(err, errsize, "unterminated quote in \"command\"");
				free(buf);
				compdb_words_free(w.v, w.n);
				*nout = 0;
				return NULL;
			}
		}
	}
	if (ok && in_word)
		ok = compdb_end_word(&w, buf, &len);
	free(buf);
	if (ok && w.v == NULL)
		ok = (w.v = malloc(sizeof *w.v)) != NULL;
	if (!ok) {
		snprintf(err, errsize, "out of memory");
		compdb_words_free(w.v, w.n);
		*nout = 0;
		return NULL;
	}
	*nout = w.n;
	return w.v;
}

/* ------------------------------------------------------------------ */
/* Paths                                                               */

/* Is `p` a Windows path: a drive letter and a colon, or a UNC path? */
static bool compdb_is_windows_path(const char *p)
{
	if (((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) &&
	    p[1] == ':')
		return true;
	return p[0] == '\\' && p[1] == '\\';
}

/* Is `c` a path separator of either system? */
static bool compdb_is_sep(char c)
{
	return c == '/' || c == '\\';
}

/* Copies `s` with every run of backslashes or slashes turned into one
 * slash (a leading "\\\\" of a UNC path into "//"); malloc'd. */
static char *compdb_slashes(const char *s)
{
	char *out = malloc(strlen(s) + 1);
	size_t k = 0;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; s[i] != '\0'; i++) {
		if (!compdb_is_sep(s[i])) {
			out[k++] = s[i];
			continue;
		}
		if (k == 0 || out[k - 1] != '/' || i == 1)
			out[k++] = '/';
	}
	out[k] = '\0';
	return out;
}

/* Length of FROM in spec "FROM=TO", 0 when it is not one. */
static size_t compdb_map_from_len(const char *spec)
{
	const char *eq = strchr(spec, '=');

	return eq == NULL ? 0 : (size_t)(eq - spec);
}

/* Checks a --path-map value (see cli.h). */
bool compdb_path_map_check(const char *spec, char *err, size_t errsize)
{
	size_t from = compdb_map_from_len(spec);

	if (strchr(spec, '=') == NULL || from == 0 ||
	    spec[from + 1] == '\0') {
		snprintf(err, errsize,
			 "--path-map: '%s' is not FROM=TO (say C:\\src\\drv=/src/drv)",
			 spec);
		return false;
	}
	return true;
}

/* Does spec's FROM match the start of `path` (separators of either kind
 * equal, letters of a Windows FROM in any case, ending at a component
 * boundary)?  Sets *used to the length of path that it covers. */
static bool compdb_map_matches(const char *spec, const char *path,
			       size_t *used)
{
	size_t flen = compdb_map_from_len(spec);
	bool fold = compdb_is_windows_path(spec);
	size_t i = 0, j = 0;

	while (flen > 0 && compdb_is_sep(spec[flen - 1]) && flen > 1)
		flen--;            /* "C:\src\" is "C:\src" */
	while (i < flen) {
		char a = spec[i], b = path[j];

		if (b == '\0')
			return false;
		if (compdb_is_sep(a) && compdb_is_sep(b)) {
			while (i < flen && compdb_is_sep(spec[i]))
				i++;
			while (compdb_is_sep(path[j]))
				j++;
			continue;
		}
		if (a != b && !(fold && tolower((unsigned char)a) ==
					  tolower((unsigned char)b)))
			return false;
		i++;
		j++;
	}
	if (path[j] != '\0' && !compdb_is_sep(path[j]) &&
	    !compdb_is_sep(spec[flen - 1]))
		return false;
	*used = j;
	return true;
}

/* Maps `path` through the longest matching --path-map (see cli.h). */
char *compdb_map_path(const char *const *maps, int nmaps, const char *path,
		      bool windows)
{
	size_t best_used = 0;
	int best = -1;
	const char *to;
	char *rest, *out;
	size_t n;

	for (int i = 0; i < nmaps; i++) {
		size_t used;

		if (compdb_map_matches(maps[i], path, &used) &&
		    (best < 0 || compdb_map_from_len(maps[i]) >
				 compdb_map_from_len(maps[best]))) {
			best = i;
			best_used = used;
		}
	}
	if (best < 0)
		return windows ? compdb_slashes(path) : strdup(path);
	to = maps[best] + compdb_map_from_len(maps[best]) + 1;
	rest = compdb_slashes(path + best_used);
	if (rest == NULL)
		return NULL;
	n = strlen(to) + strlen(rest) + 2;
	out = malloc(n);
	if (out != NULL) {
		size_t tl = strlen(to);

		while (tl > 1 && to[tl - 1] == '/')
			tl--;
		snprintf(out, n, "%.*s%s%s", (int)tl, to,
			 rest[0] != '/' && rest[0] != '\0' ? "/" : "", rest);
	}
	free(rest);
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

/* Removes "." and "dir/.." components of an absolute path in place. */
static void compdb_lexical_clean(char *p)
{
	char *out = p, *s = p;

	while (*s != '\0') {
		char *end;
		size_t len;

		while (*s == '/')
			s++;
		end = strchr(s, '/');
		len = end ? (size_t)(end - s) : strlen(s);
		if (len == 0)
			break;
		if (len == 1 && s[0] == '.') {
			s += len;
			continue;
		}
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			while (out > p && *--out != '/')
				;
			s += len;
			continue;
		}
		*out++ = '/';
		memmove(out, s, len);
		out += len;
		s += len;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

/* The absolute, canonical form of dir/file: realpath() when it exists,
 * else the lexically cleaned join.  *exists tells which.  Malloc'd. */
static char *compdb_absolute(const char *dir, const char *file, bool *exists)
{
	char *joined = compdb_join(dir, file);
	char *real;

	*exists = false;
	if (joined == NULL)
		return NULL;
	real = realpath(joined, NULL);
	if (real != NULL) {
		*exists = true;
		free(joined);
		return real;
	}
	if (joined[0] == '/')
		compdb_lexical_clean(joined);
	return joined;
}

/* ------------------------------------------------------------------ */
/* Compile command -> parser arguments                                 */

/* The base name of argv[0] without ".exe", into buf. */
static const char *compdb_tool_name(const char *argv0, char *buf,
				    size_t size)
{
	const char *base = argv0;
	size_t len;

	for (const char *p = argv0; *p; p++) {
		if (compdb_is_sep(*p))
			base = p + 1;
	}
	snprintf(buf, size, "%s", base);
	len = strlen(buf);
	if (len > 4 && strcasecmp(buf + len - 4, ".exe") == 0)
		buf[len - 4] = '\0';
	return buf;
}

/* Is argv[0] the MSVC driver (cl, clang-cl)? */
static bool compdb_is_cl(const char *argv0)
{
	char buf[256];
	const char *base = compdb_tool_name(argv0, buf, sizeof buf);

	return strcasecmp(base, "cl") == 0 || strcasecmp(base, "clang-cl") == 0;
}

/* Is argv[0] a compiler wrapper that takes the compiler as its first
 * argument (ccache gcc ...)? */
static bool compdb_is_wrapper(const char *argv0)
{
	static const char *const wrappers[] = {
		"ccache", "sccache", "distcc", "icecc", "buildcache",
	};
	char buf[256];
	const char *base = compdb_tool_name(argv0, buf, sizeof buf);

	for (size_t i = 0; i < sizeof wrappers / sizeof wrappers[0]; i++) {
		if (strcmp(base, wrappers[i]) == 0)
			return true;
	}
	return false;
}

/* What the translation of one command needs to know. */
struct compdb_cmdctx {
	const char *file;               /* the source as the entry names it */
	const char *abs_file;           /* its absolute path */
	const char *dir;                /* the entry's directory */
	const char *const *maps;        /* --path-map specs */
	int nmaps;
	bool windows;                   /* written on Windows */
	bool absolute;                  /* make relative paths absolute
	                                   against dir */
	struct compdb_words out;
};

/* A path argument after --path-map (and with slashes for a Windows
 * entry), made absolute against the entry's directory when c->absolute
 * (the parser then needs no working directory); malloc'd. */
static char *compdb_arg_path(const struct compdb_cmdctx *c, const char *v)
{
	char *mapped = compdb_map_path(c->maps, c->nmaps, v, c->windows);
	char *abs;

	if (mapped == NULL || !c->absolute || mapped[0] == '/' ||
	    mapped[0] == '=' || mapped[0] == '\0' ||
	    compdb_is_windows_path(mapped))
		return mapped;
	abs = compdb_join(c->dir, mapped);
	free(mapped);
	if (abs != NULL)
		compdb_lexical_clean(abs);
	return abs;
}

/* A -D value NAME=VALUE with a path in VALUE (optionally quoted) mapped
 * through --path-map; other values unchanged.  Malloc'd. */
static char *compdb_define_value(const struct compdb_cmdctx *c,
				 const char *v)
{
	const char *eq = strchr(v, '=');
	size_t head, used;
	char *mapped, *out;
	bool any = false;
	size_t n;

	if (eq == NULL)
		return strdup(v);
	head = (size_t)(eq - v) + 1 + (eq[1] == '"');
	for (int i = 0; i < c->nmaps && !any; i++)
		any = compdb_map_matches(c->maps[i], v + head, &used);
	if (!any)
		return strdup(v);
	mapped = compdb_map_path(c->maps, c->nmaps, v + head, false);
	if (mapped == NULL)
		return NULL;
	n = head + strlen(mapped) + 1;
	out = malloc(n);
	if (out != NULL)
		snprintf(out, n, "%.*s%s", (int)head, v, mapped);
	free(mapped);
	return out;
}

/* Appends option `opt` with value `v` (a path when is_path, else a -D/-U
 * value), joined ("-Ipath") or as two words ("-isystem", "path"). */
static bool compdb_emit(struct compdb_cmdctx *c, const char *opt,
			const char *v, bool is_path, bool joined)
{
	char *val = is_path ? compdb_arg_path(c, v) :
			      (opt[1] == 'D' ? compdb_define_value(c, v) :
					       strdup(v));
	bool ok = val != NULL;

	if (ok && joined)
		ok = compdb_words_add(&c->out, opt, val);
	else if (ok)
		ok = compdb_words_add(&c->out, opt, "") &&
		     compdb_words_add(&c->out, "", val);
	free(val);
	return ok;
}

/* Is argument `a` the entry's source file itself? */
static bool compdb_is_source(const struct compdb_cmdctx *c, const char *a)
{
	char *mapped, *joined, *real;
	bool same;

	if (strcmp(a, c->file) == 0 || strcmp(a, c->abs_file) == 0)
		return true;
	if (a[0] == '-')
		return false;
	mapped = compdb_map_path(c->maps, c->nmaps, a, c->windows);
	if (mapped == NULL)
		return false;
	joined = compdb_join(c->dir, mapped);
	free(mapped);
	if (joined == NULL)
		return false;
	if (joined[0] == '/')
		compdb_lexical_clean(joined);
	same = strcmp(joined, c->abs_file) == 0;
	real = same ? NULL : realpath(joined, NULL);
	same |= real != NULL && strcmp(real, c->abs_file) == 0;
	free(real);
	free(joined);
	return same;
}

/* The options of cl that the parser needs, as clang spells them; every
 * other cl option is dropped.  Longest names first. */
static const struct compdb_cl_map {
	const char *cl;
	const char *clang;
	bool path, joined;
} compdb_cl_options[] = {
	{"external:I", "-isystem", true, false},
	{"imsvc", "-isystem", true, false},
	{"FI", "-include", true, false},
	{"D", "-D", false, true},
	{"U", "-U", false, true},
	{"I", "-I", true, true},
};

/* Translates one cl option (after its / or -); *skip is set when it
 * consumed the next argument. */
static bool compdb_cl_option(struct compdb_cmdctx *c, const char *opt,
			     const char *next, bool *skip)
{
	size_t n = sizeof compdb_cl_options / sizeof compdb_cl_options[0];

	*skip = false;
	for (size_t i = 0; i < n; i++) {
		const struct compdb_cl_map *m = &compdb_cl_options[i];
		size_t len = strlen(m->cl);
		const char *val = opt + len;

		if (strncmp(opt, m->cl, len) != 0)
			continue;
		if (*val == '\0') {
			if (next == NULL)
				return true;
			val = next;
			*skip = true;
		}
		return compdb_emit(c, m->clang, val, m->path, m->joined);
	}
	return true;
}

/* gcc/clang options that take a path, joined or as the next argument. */
static const char *const compdb_path_options[] = {
	"-isystem", "-iquote", "-idirafter", "-include", "-imacros", "-I",
};

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
	return strncmp(a, "-MF", 3) == 0 || strncmp(a, "-MT", 3) == 0 ||
	       strncmp(a, "-MQ", 3) == 0 || strncmp(a, "-o", 2) == 0 ||
	       strncmp(a, "--target=", 9) == 0;
}

/* Options whose next argument is theirs and goes with them when dropped:
 * output and dependency files, and the target (ndislint parses as for
 * the driver's target, SPEC.md). */
static bool compdb_drop_with_value(const char *a)
{
	return strcmp(a, "-MF") == 0 || strcmp(a, "-MT") == 0 ||
	       strcmp(a, "-MQ") == 0 || strcmp(a, "-o") == 0 ||
	       strcmp(a, "-target") == 0;
}

/* Translates one gcc/clang argument; *skip when it used the next one. */
static bool compdb_gcc_option(struct compdb_cmdctx *c, const char *a,
			      const char *next, bool *skip)
{
	size_t n = sizeof compdb_path_options / sizeof compdb_path_options[0];

	*skip = false;
	if (compdb_drop_with_value(a)) {
		*skip = true;
		return true;
	}
	if (compdb_build_only(a))
		return true;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(compdb_path_options[i]);

		if (strncmp(a, compdb_path_options[i], len) != 0)
			continue;
		if (a[len] != '\0')
			return compdb_emit(c, compdb_path_options[i], a + len,
					   true, true);
		if (next == NULL)
			return compdb_words_add(&c->out, "", a);
		*skip = true;
		return compdb_emit(c, compdb_path_options[i], next, true,
				   false);
	}
	if (strncmp(a, "-D", 2) == 0 && a[2] != '\0')
		return compdb_emit(c, "-D", a + 2, false, true);
	return compdb_words_add(&c->out, "", a);
}

/* Translates a whole command (argv[0] the compiler, or a wrapper). */
static char **compdb_translate(struct compdb_cmdctx *c,
			       const char *const *argv, int argc, int *nout)
{
	int first = 0;
	bool cl, ok = true;

	while (first + 1 < argc && compdb_is_wrapper(argv[first]))
		first++;
	cl = argc > first && compdb_is_cl(argv[first]);
	for (int i = first + 1; ok && i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		bool skip = false;

		if (compdb_is_source(c, a))
			continue;
		if (cl && (strcasecmp(a, "/link") == 0 ||
			   strcasecmp(a, "-link") == 0))
			break;          /* the rest is for the linker */
		if (cl && (a[0] == '/' || a[0] == '-'))
			ok = compdb_cl_option(c, a + 1, next, &skip);
		else if (!cl)
			ok = compdb_gcc_option(c, a, next, &skip);
		/* cl: another input or a response file: dropped */
		i += skip;
	}
	if (ok && c->out.v == NULL)
		ok = (c->out.v = malloc(sizeof *c->out.v)) != NULL;
	if (!ok) {
		compdb_words_free(c->out.v, c->out.n);
		*nout = 0;
		return NULL;
	}
	*nout = c->out.n;
	return c->out.v;
}

/* Compile command -> parser arguments (see cli.h). */
char **compdb_filter_args(const char *const *argv, int argc,
			  const char *file, const char *abs_file,
			  const char *dir, int *nout)
{
	struct compdb_cmdctx c = {
		.file = file,
		.abs_file = abs_file,
		.dir = dir,
	};

	return compdb_translate(&c, argv, argc, nout);
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

/* ------------------------------------------------------------------ */
/* Reading the entries                                                 */

/* One entry of the database, resolved. */
struct compdb_cmd {
	char *dir;              /* absolute, mapped */
	char *file;             /* mapped, as the entry names it */
	char *abs;              /* absolute: realpath when it exists */
	char **argv;            /* the command's words */
	int argc;
	bool exists;
	bool windows;           /* written on Windows */
	char *unmapped;         /* dir or file still a Windows path, or
	                           NULL */
	bool selected;
};

/* Frees the entries read. */
static void compdb_cmds_free(struct compdb_cmd *c, int n)
{
	for (int i = 0; i < n; i++) {
		compdb_words_free(c[i].argv, c[i].argc);
		free(c[i].dir);
		free(c[i].file);
		free(c[i].abs);
		free(c[i].unmapped);
	}
	free(c);
}

/* The entry's command words: its "arguments", or its "command" split. */
static bool compdb_entry_words(json_t *e, struct compdb_cmd *c, char *err,
			       size_t errsize)
{
	json_t *args = json_object_get(e, "arguments");
	const char *cmd;
	size_t j;
	json_t *a;

	if (args != NULL) {
		c->argv = calloc(json_array_size(args), sizeof(char *));
		if (c->argv == NULL)
			return false;
		json_array_foreach(args, j, a) {
			c->argv[j] = strdup(json_string_value(a));
			if (c->argv[j] == NULL)
				return false;
			c->argc = (int)j + 1;
		}
		return true;
	}
	cmd = json_string_value(json_object_get(e, "command"));
	c->argv = compdb_split_command(cmd, c->windows, &c->argc, err, errsize);
	if (c->argv != NULL && !c->windows && c->argc > 0 &&
	    compdb_is_cl(c->argv[0])) {
		/* cl's command lines follow the Windows rules. */
		compdb_words_free(c->argv, c->argc);
		c->windows = true;
		c->argv = compdb_split_command(cmd, true, &c->argc, err,
					       errsize);
	}
	if (c->argv != NULL && c->argc == 0) {
		snprintf(err, errsize, "\"command\" is empty");
		return false;
	}
	return c->argv != NULL;
}

/* Resolves one entry: words, mapped directory and file, absolute path. */
static bool compdb_read_entry(json_t *e, const char *db_dir,
			      const struct cli_options *opt,
			      struct compdb_cmd *c, char *err, size_t errsize)
{
	const char *dir = json_string_value(json_object_get(e, "directory"));
	const char *file = json_string_value(json_object_get(e, "file"));
	char *mdir;

	memset(c, 0, sizeof *c);
	c->windows = compdb_is_windows_path(dir) ||
		     compdb_is_windows_path(file);
	if (!compdb_entry_words(e, c, err, errsize))
		return false;
	c->windows |= compdb_is_cl(c->argv[0]);
	mdir = compdb_map_path(opt->path_maps, opt->npath_maps, dir,
			       c->windows);
	c->file = compdb_map_path(opt->path_maps, opt->npath_maps, file,
				  c->windows);
	if (mdir == NULL || c->file == NULL) {
		free(mdir);
		return false;
	}
	if (compdb_is_windows_path(mdir) || compdb_is_windows_path(c->file))
		c->unmapped = strdup(compdb_is_windows_path(c->file) ?
				     file : dir);
	c->dir = compdb_absolute(db_dir, mdir, &c->exists);
	free(mdir);
	if (c->dir == NULL)
		return false;
	c->abs = compdb_absolute(c->dir, c->file, &c->exists);
	return c->abs != NULL;
}

/* Reads and resolves every entry of the database. */
static bool compdb_read_all(const struct cli_options *opt,
			    struct compdb_cmd **out, int *nout, char *err,
			    size_t errsize)
{
	json_t *root = compdb_read_json(opt->build_dir, err, errsize);
	char *db_dir;
	size_t n;
	bool ok = true;

	*out = NULL;
	*nout = 0;
	if (root == NULL)
		return false;
	db_dir = realpath(opt->build_dir, NULL);
	n = json_array_size(root);
	*out = calloc(n ? n : 1, sizeof **out);
	if (db_dir == NULL || *out == NULL) {
		snprintf(err, errsize, "%s: %s", opt->build_dir,
			 db_dir == NULL ? strerror(errno) : "out of memory");
		ok = false;
	}
	for (size_t i = 0; ok && i < n; i++) {
		char why[512] = "out of memory";

		ok = compdb_read_entry(json_array_get(root, i), db_dir, opt,
				       &(*out)[i], why, sizeof why);
		*nout = (int)i + 1;
		if (!ok)
			snprintf(err, errsize,
				 "%s/compile_commands.json: entry %zu: %s",
				 opt->build_dir, i + 1, why);
	}
	free(db_dir);
	json_decref(root);
	return ok;
}

/* Is this entry's file a C source (by name)? */
static bool compdb_is_c(const struct compdb_cmd *c)
{
	size_t len = strlen(c->file);

	return len > 2 && strcmp(c->file + len - 2, ".c") == 0;
}

/* Checks that a named source is compiled by the database; false with a
 * reason.  Named headers select drivers after the parse. */
static bool compdb_check_named(const struct compdb_cmd *c, int n,
			       const char *name, const char *build_dir,
			       char *err, size_t errsize)
{
	char *abs = realpath(name, NULL);
	bool found = false;

	if (abs == NULL) {
		snprintf(err, errsize, "%s: %s", name, strerror(errno));
		return false;
	}
	for (int i = 0; i < n && !found; i++)
		found = strcmp(c[i].abs, abs) == 0;
	free(abs);
	if (!found && !input_is_header(name)) {
		snprintf(err, errsize, "%s: not in %s/compile_commands.json",
			 name, build_dir);
		return false;
	}
	return true;
}

/* Builds the run input of one entry. */
static bool compdb_make_input(const struct compdb_cmd *c,
			      const struct cli_options *opt,
			      struct run_input *in)
{
	struct compdb_cmdctx ctx = {
		.file = c->file,
		.abs_file = c->abs,
		.dir = c->dir,
		.maps = opt->path_maps,
		.nmaps = opt->npath_maps,
		.windows = c->windows,
		.absolute = true,
	};
	int n = 0;
	char **args = compdb_translate(&ctx, (const char *const *)c->argv,
				       c->argc, &n);

	memset(in, 0, sizeof *in);
	if (args == NULL)
		return false;
	in->args = args;
	in->nargs = n;
	for (int i = 0; i < opt->nclang_args; i++) {
		struct compdb_words w = {in->args, in->nargs, in->nargs};

		if (!compdb_words_add(&w, "", opt->clang_args[i]))
			return false;
		in->args = w.v;
		in->nargs = w.n;
	}
	/* No working directory: the paths of the arguments are absolute
	 * already, and libclang's -working-directory changes the process's
	 * current directory. */
	in->path = strdup(c->abs);
	return in->path != NULL;
}

/* Can a selected entry's file be read?  False with a reason. */
static bool compdb_entry_usable(const struct compdb_cmd *c,
				const char *build_dir, char *err,
				size_t errsize)
{
	if (c->unmapped) {
		snprintf(err, errsize,
			 "%s/compile_commands.json: %s is a Windows path: map it with --path-map FROM=TO",
			 build_dir, c->unmapped);
		return false;
	}
	if (!c->exists) {
		snprintf(err, errsize,
			 "%s: %s (named by the compilation database)",
			 c->abs, strerror(ENOENT));
		return false;
	}
	return true;
}

/* Turns the selected entries into run inputs, one per distinct file (the
 * first entry of a file compiled twice wins). */
static bool compdb_collect(struct compdb_cmd *c, int n,
			   const struct cli_options *opt,
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
		if (!compdb_entry_usable(&c[i], opt->build_dir, err, errsize))
			return false;
		if (!compdb_make_input(&c[i], opt, &in[count])) {
			*nout = count + 1;
			snprintf(err, errsize, "out of memory");
			return false;
		}
		count++;
		*nout = count;
	}
	return true;
}

/* Reads the database and builds the inputs of the run (see cli.h). */
bool compdb_load(const struct cli_options *opt, struct run_input **out,
		 int *nout, char *err, size_t errsize)
{
	struct compdb_cmd *c;
	int n;
	bool ok;

	*out = NULL;
	*nout = 0;
	ok = compdb_read_all(opt, &c, &n, err, errsize);
	for (int i = 0; ok && i < opt->ninputs; i++)
		ok = compdb_check_named(c, n, opt->inputs[i], opt->build_dir,
					err, errsize);
	for (int i = 0; ok && i < n; i++)
		c[i].selected = compdb_is_c(&c[i]);
	if (ok)
		ok = compdb_collect(c, n, opt, out, nout, err, errsize);
	if (ok && *nout == 0) {
		snprintf(err, errsize, "%s/compile_commands.json: no C source in it",
			 opt->build_dir);
		ok = false;
	}
	compdb_cmds_free(c, n);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Driver selection by named files                                     */

/* The state of compdb_select_drivers. */
struct compdb_sel {
	const struct program *prog;
	bool *in_drv;           /* [fn]: in the driver being built */
	int *work;              /* worklist of function ids */
	int nwork;
	bool *file_in_drv;      /* [file]: holds a function of the driver */
	bool *keep;             /* [file]: in some selected driver */
};

/* Adds function `fn` (and its file) to the driver being built. */
static void compdb_sel_add(struct compdb_sel *s, int fn)
{
	if (fn < 0 || s->in_drv[fn])
		return;
	s->in_drv[fn] = true;
	s->file_in_drv[s->prog->fns[fn].file] = true;
	s->work[s->nwork++] = fn;
}

/* Adds what function `fn` reaches directly: its callees (every
 * definition of an ambiguous name, so that keeping the driver's files
 * leaves the call as ambiguous as in the whole database) and the handlers
 * it stores. */
static void compdb_sel_expand(struct compdb_sel *s, int fn, int *defs)
{
	const struct program *p = s->prog;
	const struct model_function *f = program_fn(p, fn);

	for (int e = 0; p->call_target[fn] != NULL && e < f->nevents; e++) {
		int t = p->call_target[fn][e];

		if (t >= 0)
			compdb_sel_add(s, t);
		if (t == CALL_AMBIGUOUS && f->events[e].callee != NULL) {
			int nd = program_lookup(p, f->events[e].callee, defs,
						p->nfns);

			for (int k = 0; k < nd; k++)
				compdb_sel_add(s, defs[k]);
		}
	}
	for (int h = 0; h < p->nhandlers; h++) {
		if (p->handlers[h].in_fn == fn)
			compdb_sel_add(s, p->handlers[h].fn);
	}
}

/* Builds the files of the driver of entry `entry` into s->file_in_drv:
 * the files defining the functions it reaches through calls and through
 * the handlers that those functions, or the global initializers of the
 * driver's files, store.  A worklist: no recursion. */
static void compdb_sel_driver(struct compdb_sel *s, int entry, int *defs)
{
	const struct program *p = s->prog;
	bool grew = true;

	memset(s->in_drv, 0, (size_t)p->nfns * sizeof *s->in_drv);
	memset(s->file_in_drv, 0, (size_t)p->nfiles * sizeof *s->file_in_drv);
	s->nwork = 0;
	compdb_sel_add(s, entry);
	while (grew) {
		while (s->nwork > 0)
			compdb_sel_expand(s, s->work[--s->nwork], defs);
		grew = false;
		for (int h = 0; h < p->nhandlers; h++) {
			const struct handler *hd = &p->handlers[h];

			if (hd->in_fn < 0 && hd->fn >= 0 && !s->in_drv[hd->fn] &&
			    hd->file >= 0 && hd->file < p->nfiles &&
			    s->file_in_drv[hd->file]) {
				compdb_sel_add(s, hd->fn);
				grew = true;
			}
		}
	}
}

/* Is `path` (as the parser named it, relative to `dir`) one of the
 * named files (realpaths)? */
static bool compdb_is_named(const char *path, const char *dir,
			    char *const *named, int nnamed)
{
	bool exists;
	char *abs = compdb_absolute(path[0] == '/' ? NULL : dir, path,
				    &exists);
	bool hit = false;

	for (int i = 0; abs != NULL && exists && i < nnamed && !hit; i++)
		hit = strcmp(abs, named[i]) == 0;
	free(abs);
	return hit;
}

/* Does file `i` (the source or anything it includes) name a named file? */
static bool compdb_file_names(const struct run_input *in,
			      const struct model_file *mf,
			      char *const *named, int nnamed)
{
	char cwd[PATH_MAX];
	const char *dir = in->working_dir;

	if (dir == NULL)
		dir = getcwd(cwd, sizeof cwd) ? cwd : ".";
	if (compdb_is_named(in->path, dir, named, nnamed))
		return true;
	for (int d = 0; d < mf->ndeps; d++) {
		if (compdb_is_named(mf->deps[d], dir, named, nnamed))
			return true;
	}
	return false;
}

/* Marks in s->keep the files of every driver that compiles or includes
 * a named file; returns how many drivers were selected. */
static int compdb_sel_all(struct compdb_sel *s, const char *entry_name,
			  const bool *names)
{
	const struct program *p = s->prog;
	int *entries = malloc((size_t)(p->nfns ? p->nfns : 1) * sizeof *entries);
	int *defs = malloc((size_t)(p->nfns ? p->nfns : 1) * sizeof *defs);
	int n, selected = 0;

	if (entries == NULL || defs == NULL) {
		free(entries);
		free(defs);
		return -1;
	}
	n = program_lookup(p, entry_name, entries, p->nfns);
	for (int e = 0; e < n; e++) {
		bool hit = false;

		compdb_sel_driver(s, entries[e], defs);
		for (int f = 0; f < p->nfiles && !hit; f++)
			hit = s->file_in_drv[f] && names[f];
		if (!hit)
			continue;
		selected++;
		for (int f = 0; f < p->nfiles; f++)
			s->keep[f] |= s->file_in_drv[f];
	}
	free(entries);
	free(defs);
	return selected;
}

/* Is run note `note` one that model file `mf` made? */
static bool compdb_note_from(const struct run_note *note,
			     const struct model_file *mf)
{
	for (int k = 0; k < mf->nnotes; k++) {
		const struct model_note *m = &mf->notes[k];

		if (strcmp(note->message, m->message) == 0 &&
		    note->pos.line == m->line && note->pos.col == m->col &&
		    (note->pos.file == NULL) == (m->file == NULL) &&
		    (m->file == NULL || strcmp(note->pos.file, m->file) == 0))
			return true;
	}
	return false;
}

/* Drops the run notes that only dropped files made. */
static void compdb_drop_notes(struct findings *fs, struct model_file **files,
			      int nfiles, const bool *keep)
{
	size_t k = 0;

	for (size_t i = 0; i < fs->nnotes; i++) {
		bool dropped = false, kept = false;

		for (int f = 0; f < nfiles; f++) {
			if (compdb_note_from(&fs->notes[i], files[f])) {
				dropped |= !keep[f];
				kept |= keep[f];
			}
		}
		if (dropped && !kept) {
			free(fs->notes[i].pos.file);
			free(fs->notes[i].message);
			continue;
		}
		fs->notes[k++] = fs->notes[i];
	}
	fs->nnotes = k;
}

/* Removes the files not in keep[] from the inputs and the models. */
static void compdb_compact(struct run_input *in, int *nin,
			   struct model_file **files, int *nfiles,
			   const bool *keep)
{
	int k = 0;

	for (int i = 0; i < *nfiles; i++) {
		if (keep[i]) {
			struct run_input tmp = in[i];

			in[i] = in[k];
			in[k] = tmp;
			files[k++] = files[i];
			continue;
		}
		model_file_free(files[i]);
	}
	for (int i = k; i < *nin; i++) {
		for (int j = 0; j < in[i].nargs; j++)
			free(in[i].args[j]);
		free(in[i].args);
		free(in[i].path);
		free(in[i].working_dir);
		memset(&in[i], 0, sizeof in[i]);
	}
	*nin = k;
	*nfiles = k;
}

/* Realpaths of the named files; NULL when out of memory. */
static char **compdb_named_paths(const struct cli_options *opt)
{
	char **named = calloc((size_t)(opt->ninputs ? opt->ninputs : 1),
			      sizeof *named);

	for (int i = 0; named != NULL && i < opt->ninputs; i++) {
		named[i] = realpath(opt->inputs[i], NULL);
		if (named[i] == NULL)
			named[i] = strdup(opt->inputs[i]);
	}
	return named;
}

/* Keeps the drivers that compile or include a named file (see cli.h). */
int compdb_select_drivers(const struct cli_options *opt,
			  struct run_input *in, int *nin,
			  struct model_file **files, int *nfiles,
			  struct findings *fs)
{
	struct compdb_sel s = {0};
	struct findings scratch;
	struct program prog;
	char **named = compdb_named_paths(opt);
	bool *names = calloc((size_t)(*nfiles ? *nfiles : 1), sizeof *names);
	int n = *nfiles, selected = -1;

	findings_init(&scratch);
	program_init(&prog, files, n, &scratch);
	s.prog = &prog;
	s.in_drv = calloc((size_t)(prog.nfns ? prog.nfns : 1), sizeof(bool));
	s.work = calloc((size_t)(prog.nfns ? prog.nfns : 1), sizeof(int));
	s.file_in_drv = calloc((size_t)(n ? n : 1), sizeof(bool));
	s.keep = calloc((size_t)(n ? n : 1), sizeof(bool));
	if (named != NULL && names != NULL && s.in_drv && s.work &&
	    s.file_in_drv && s.keep) {
		for (int f = 0; f < n; f++)
			names[f] = compdb_file_names(&in[f], files[f], named,
						     opt->ninputs);
		selected = compdb_sel_all(&s, opt->entry, names);
	}
	if (selected >= 0) {
		compdb_drop_notes(fs, files, n, s.keep);
		compdb_compact(in, nin, files, nfiles, s.keep);
	}
	if (selected == 0)
		findings_note(fs, NULL, 0, 0,
			      "no driver in %s/compile_commands.json compiles or includes the files named",
			      opt->build_dir);
	program_free(&prog);
	findings_free(&scratch);
	compdb_words_free(named, named ? opt->ninputs : 0);
	free(names);
	free(s.in_drv);
	free(s.work);
	free(s.file_in_drv);
	free(s.keep);
	if (selected < 0) {
		cli_error("out of memory");
		return CLI_ERROR;
	}
	return CLI_CONTINUE;
}
