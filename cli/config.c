/*
 * config.c - `.ndislint`, the project configuration file at the source
 * root, read with libinih (Debian's libinih-dev):
 *
 *   # .ndislint
 *   [ndislint]
 *   entry = MyDriverEntry
 *   define = NDIS_MINIPORT_DRIVER
 *   define = NDIS630_MINIPORT=1
 *   include = inc
 *   enable = miniport-deregister-on-error,miniport-deregister-on-unload
 *   disable = miniport-ready-before-register
 *   source-root = .
 *
 * Command-line options override it (see config_apply in cli.h).  The file
 * is read into memory and fed to ini_parse_stream line by line, so that
 * every error can name its line.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "cli.h"
#include "../rules/rule.h"

/* The largest .ndislint read. */
#define CONFIG_MAX_SIZE (1 << 20)

/* What .ndislint said; owned by cli_options.config. */
struct cli_config {
	char *path;                     /* DIR/.ndislint */
	char *dir;                      /* its directory */
	char *entry;
	char *source_root;              /* as written */
	char **strings;                 /* -D/-I arguments made, owned */
	int nstrings;
	const char **args;              /* config args then argv's `--` args */
	bool has_enable;
	bool *enable;                   /* [rule_count] named by enable */
	bool *disable;                  /* [rule_count] named by disable */
};

/* The parse of one file: its text, the reader's position, the first
 * error the handler found. */
struct config_parse {
	struct cli_config *cfg;
	const char *text;
	size_t len, pos;
	int line;                       /* lines handed to inih so far */
	int err_line;                   /* 0: no handler error yet */
	char err[512];
};

/* Frees what .ndislint allocated (cli.h). */
void config_free(struct cli_config *cfg)
{
	if (cfg == NULL)
		return;
	for (int i = 0; i < cfg->nstrings; i++)
		free(cfg->strings[i]);
	free(cfg->strings);
	free(cfg->args);
	free(cfg->enable);
	free(cfg->disable);
	free(cfg->entry);
	free(cfg->source_root);
	free(cfg->path);
	free(cfg->dir);
	free(cfg);
}

/* ini_reader: hands inih the next line of the text (fgets style).  A line
 * too long for inih's buffer is an error of that line. */
static char *config_reader(char *str, int num, void *stream)
{
	struct config_parse *p = stream;
	const char *start = p->text + p->pos;
	const char *nl;
	size_t len, room = num > 1 ? (size_t)num - 1 : 0;

	if (p->pos >= p->len || room == 0)
		return NULL;
	nl = memchr(start, '\n', p->len - p->pos);
	len = nl ? (size_t)(nl - start) + 1 : p->len - p->pos;
	p->line++;
	if (len > room && p->err_line == 0) {
		p->err_line = p->line;
		snprintf(p->err, sizeof p->err,
			 "line longer than %d characters", num - 3);
	}
	if (len > room) {
		/* inih sees the start of the line; the rest is skipped */
		memcpy(str, start, room - 1);
		str[room - 1] = '\n';
		str[room] = '\0';
	} else {
		memcpy(str, start, len);
		str[len] = '\0';
	}
	p->pos += len;
	return str;
}

/* Records the handler's first error (at the current line); returns 0 for
 * inih. */
static int config_fail(struct config_parse *p, const char *fmt,
		       const char *a)
{
	if (p->err_line == 0) {
		p->err_line = p->line;
		snprintf(p->err, sizeof p->err, fmt, a);
	}
	return 0;
}

/* Adds one argument string to the config's parser arguments. */
static bool config_add_string(struct cli_config *cfg, char *s)
{
	char **grown;

	if (s == NULL)
		return false;
	grown = realloc(cfg->strings, (size_t)(cfg->nstrings + 1) *
			sizeof *grown);
	if (grown == NULL) {
		free(s);
		return false;
	}
	cfg->strings = grown;
	cfg->strings[cfg->nstrings++] = s;
	return true;
}

/* "-D" VALUE or "-I" DIR (relative to the file's directory). */
static bool config_add_arg(struct cli_config *cfg, const char *opt,
			   const char *value)
{
	bool rel = opt[1] == 'I' && value[0] != '/';
	size_t n = strlen(opt) + strlen(value) + strlen(cfg->dir) + 3;
	char *s = malloc(n);

	if (s == NULL)
		return false;
	if (rel)
		snprintf(s, n, "%s%s/%s", opt, cfg->dir, value);
	else
		snprintf(s, n, "%s%s", opt, value);
	return config_add_string(cfg, s);
}

/* Marks the rules of a comma list in set[]; false (with the error
 * recorded) for an unknown name. */
static bool config_rules(struct config_parse *p, const char *list, bool *set)
{
	const char *s = list;

	while (*s != '\0') {
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char name[128];
		const struct rule *r;

		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		snprintf(name, sizeof name, "%.*s", (int)len, s);
		r = len > 0 && len < sizeof name ? rule_find(name) : NULL;
		if (len > 0 && r == NULL) {
			config_fail(p, "unknown rule '%s' (see ndislint rules)",
				    name);
			return false;
		}
		for (size_t i = 0; r != NULL && i < rule_count; i++)
			set[i] |= rule_registry[i] == r;
		s = end ? end + 1 : s + strlen(s);
	}
	return true;
}

/* Replaces a single-valued setting. */
static bool config_set(char **slot, const char *value)
{
	free(*slot);
	*slot = strdup(value);
	return *slot != NULL;
}

/* ini_handler: one key = value of the file. */
static int config_handler(void *user, const char *section, const char *name,
			  const char *value)
{
	struct config_parse *p = user;
	struct cli_config *cfg = p->cfg;

	if (section[0] != '\0' && strcmp(section, "ndislint") != 0)
		return config_fail(p, "unknown section [%s] (keys go in [ndislint])",
				   section);
	if (value[0] == '\0')
		return config_fail(p, "'%s' has an empty value", name);
	if (p->err_line != 0)
		return 1;       /* only the first error is reported */
	if (strcmp(name, "entry") == 0)
		return config_set(&cfg->entry, value) ? 1 :
		       config_fail(p, "%s", "out of memory");
	if (strcmp(name, "source-root") == 0)
		return config_set(&cfg->source_root, value) ? 1 :
		       config_fail(p, "%s", "out of memory");
	if (strcmp(name, "define") == 0)
		return config_add_arg(cfg, "-D", value) ? 1 :
		       config_fail(p, "%s", "out of memory");
	if (strcmp(name, "include") == 0)
		return config_add_arg(cfg, "-I", value) ? 1 :
		       config_fail(p, "%s", "out of memory");
	if (strcmp(name, "enable") == 0) {
		cfg->has_enable = true;
		return config_rules(p, value, cfg->enable);
	}
	if (strcmp(name, "disable") == 0)
		return config_rules(p, value, cfg->disable);
	return config_fail(p,
			   "unknown key '%s' (entry, define, include, enable, disable, source-root)",
			   name);
}

/* Reads the whole file (a regular file, at most CONFIG_MAX_SIZE bytes, no
 * NUL byte) into *text.  Returns 1 read, 0 no such file, -1 error (with a
 * reason in err). */
static int config_read(const char *path, char **text, size_t *len,
		       char *err, size_t errsize)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	ssize_t got = 0;

	*text = NULL;
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(err, errsize, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > CONFIG_MAX_SIZE) {
		snprintf(err, errsize, "%s", S_ISREG(st.st_mode) ?
			 "larger than 1 MiB" : "not a regular file");
		close(fd);
		return -1;
	}
	*text = malloc((size_t)st.st_size + 1);
	if (*text != NULL)
		got = read(fd, *text, (size_t)st.st_size);
	close(fd);
	if (*text == NULL || got < 0) {
		snprintf(err, errsize, "%s", *text ? strerror(errno) :
			 "out of memory");
		return -1;
	}
	*len = (size_t)got;
	(*text)[*len] = '\0';
	if (memchr(*text, '\0', *len) != NULL) {
		snprintf(err, errsize, "not a text file (NUL byte)");
		return -1;
	}
	return 1;
}

/* Parses the text into cfg; false after printing "PATH:LINE: reason". */
static bool config_parse_text(struct cli_config *cfg, const char *text,
			      size_t len)
{
	struct config_parse p = {
		.cfg = cfg,
		.text = text,
		.len = len,
	};
	int rc = ini_parse_stream(config_reader, &p, config_handler, &p);

	if (rc == 0 && p.err_line == 0)
		return true;
	if (rc < 0 && p.err_line == 0) {
		cli_error("%s: out of memory", cfg->path);
		return false;
	}
	if (p.err_line != 0 && (rc <= 0 || p.err_line <= rc))
		cli_error("%s:%d: %s", cfg->path, p.err_line, p.err);
	else
		cli_error("%s:%d: syntax error (expected [section], "
			  "key = value or a comment)", cfg->path, rc);
	return false;
}

/* The directory holding .ndislint: --source-root, else the default
 * source root of the current directory.  Malloc'd, NULL on failure. */
static char *config_dir(const struct cli_options *opt)
{
	char *cwd, *dir;

	if (opt->source_root != NULL)
		return strdup(opt->source_root);
	cwd = getcwd(NULL, 0);
	if (cwd == NULL)
		return NULL;
	dir = cli_find_source_root(cwd);
	free(cwd);
	return dir;
}

/* Allocates an empty configuration for DIR/.ndislint. */
static struct cli_config *config_new(char *dir)
{
	struct cli_config *cfg = calloc(1, sizeof *cfg);
	size_t n = strlen(dir) + sizeof "/.ndislint";

	if (cfg == NULL) {
		free(dir);
		return NULL;
	}
	cfg->dir = dir;
	cfg->path = malloc(n);
	cfg->enable = calloc(rule_count ? rule_count : 1, sizeof(bool));
	cfg->disable = calloc(rule_count ? rule_count : 1, sizeof(bool));
	if (cfg->path == NULL || cfg->enable == NULL || cfg->disable == NULL) {
		config_free(cfg);
		return NULL;
	}
	snprintf(cfg->path, n, "%s/.ndislint", strcmp(dir, "/") ? dir : "");
	return cfg;
}

/* Sets the source root from `source-root` (relative to the file). */
static bool config_source_root(struct cli_options *opt,
			       const struct cli_config *cfg)
{
	const char *v = cfg->source_root;
	size_t n = strlen(cfg->dir) + strlen(v) + 2;
	char *joined = malloc(n);
	char *abs;
	struct stat st;

	if (joined == NULL)
		return false;
	snprintf(joined, n, "%s/%s", v[0] == '/' ? "" : cfg->dir, v);
	abs = realpath(v[0] == '/' ? v : joined, NULL);
	free(joined);
	if (abs == NULL || stat(abs, &st) != 0 || !S_ISDIR(st.st_mode)) {
		cli_error("%s: source-root: %s: %s", cfg->path, v,
			  abs ? "not a directory" : strerror(errno));
		free(abs);
		return false;
	}
	opt->source_root = abs;
	return true;
}

/* Puts the config's -D/-I arguments before the command line's. */
static bool config_args(struct cli_options *opt, struct cli_config *cfg)
{
	int n = cfg->nstrings + opt->nclang_args;

	if (cfg->nstrings == 0)
		return true;
	cfg->args = malloc((size_t)n * sizeof *cfg->args);
	if (cfg->args == NULL)
		return false;
	for (int i = 0; i < cfg->nstrings; i++)
		cfg->args[i] = cfg->strings[i];
	for (int i = 0; i < opt->nclang_args; i++)
		cfg->args[cfg->nstrings + i] = opt->clang_args[i];
	opt->clang_args = cfg->args;
	opt->nclang_args = n;
	return true;
}

/* Applies the parsed file to what the command line left unset. */
static int config_merge(struct cli_options *opt, struct cli_config *cfg,
			bool cmdline_enable)
{
	if (cfg->entry != NULL && !opt->entry_given)
		opt->entry = cfg->entry;
	if (cfg->source_root != NULL && opt->source_root == NULL &&
	    !config_source_root(opt, cfg))
		return CLI_ERROR;
	for (size_t i = 0; !cmdline_enable && i < rule_count; i++) {
		if ((cfg->has_enable && !cfg->enable[i]) || cfg->disable[i])
			opt->enabled[i] = false;
	}
	if (!config_args(opt, cfg)) {
		cli_error("out of memory");
		return CLI_ERROR;
	}
	return CLI_CONTINUE;
}

/* Reads and applies .ndislint (cli.h). */
int config_apply(struct cli_options *opt, bool cmdline_enable)
{
	char *dir = config_dir(opt);
	struct cli_config *cfg;
	char err[256];
	char *text;
	size_t len = 0;
	int rc;

	if (dir == NULL) {
		cli_error("cannot read the current directory: %s",
			  strerror(errno));
		return CLI_ERROR;
	}
	cfg = config_new(dir);
	if (cfg == NULL) {
		cli_error("out of memory");
		return CLI_ERROR;
	}
	rc = config_read(cfg->path, &text, &len, err, sizeof err);
	if (rc <= 0) {
		if (rc < 0)
			cli_error("%s: %s", cfg->path, err);
		free(text);
		config_free(cfg);
		return rc < 0 ? CLI_ERROR : CLI_CONTINUE;
	}
	opt->config = cfg;
	if (!config_parse_text(cfg, text, len)) {
		free(text);
		return CLI_ERROR;
	}
	free(text);
	return config_merge(opt, cfg, cmdline_enable);
}
