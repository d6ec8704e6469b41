/*
 * suppress.c - suppression comments.
 *
 * `ndislint: ignore RULE` (RULE may be a comma list, optionally followed
 * by `-- reason`) on the reported line or on the line before it
 * suppresses a finding of that rule.  The marker is looked for anywhere
 * on the line (in practice: inside a // or block comment).  Suppressed
 * findings stay in the list, marked, so writers count them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char suppress_marker[] = "ndislint:";

/* Characters of a rule name. */
static bool suppress_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Skips blanks from p up to end. */
static const char *suppress_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Copies the reason after `--` (p .. end), trimmed and without a closing
 * block comment; NULL when empty. */
static char *suppress_reason(const char *p, const char *end)
{
	const char *close = memmem(p, (size_t)(end - p), "*/", 2);
	char *out;

	if (close != NULL)
		end = close;
	p = suppress_blank(p, end);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\r' || end[-1] == '\n'))
		end--;
	if (end == p)
		return NULL;
	out = malloc((size_t)(end - p) + 1);
	if (out == NULL)
		return NULL;
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
	return out;
}

/* Parses one directive starting after "ignore" at p: the rule list, then
 * an optional reason.  True when `rule` is in the list. */
static bool suppress_directive(const char *p, const char *end,
			       const char *rule, char **reason)
{
	size_t rlen = strlen(rule);
	bool found = false;

	for (;;) {
		const char *name;

		p = suppress_blank(p, end);
		name = p;
		while (p < end && suppress_name_char(*p) &&
		       !(p[0] == '-' && p + 1 < end && p[1] == '-' &&
			 p == name))
			p++;
		if ((size_t)(p - name) == rlen && p > name &&
		    memcmp(name, rule, rlen) == 0)
			found = true;
		p = suppress_blank(p, end);
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		break;
	}
	if (found && reason != NULL) {
		*reason = NULL;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			*reason = suppress_reason(p + 2, end);
	}
	return found;
}

/* Does the line carry a suppression of `rule`? (see cli.h) */
bool suppress_line_matches(const char *line, size_t len, const char *rule,
			   char **reason)
{
	const char *end = line + len;
	const char *p = line;

	if (reason != NULL)
		*reason = NULL;
	while (p < end) {
		const char *m = memmem(p, (size_t)(end - p), suppress_marker,
				       sizeof suppress_marker - 1);
		const char *q;

		if (m == NULL)
			return false;
		q = suppress_blank(m + sizeof suppress_marker - 1, end);
		p = m + 1;
		if (end - q < 7 || memcmp(q, "ignore", 6) != 0 ||
		    (q[6] != ' ' && q[6] != '\t'))
			continue;
		if (suppress_directive(q + 6, end, rule, reason))
			return true;
	}
	return false;
}

/* One source file in memory with the offsets of its lines. */
struct suppress_file {
	const char *path;       /* borrowed from the finding */
	char *text;
	size_t size;
	size_t *lines;          /* [i]: offset of line i+1 */
	size_t nlines;
};

/* Frees a loaded file. */
static void suppress_file_free(struct suppress_file *sf)
{
	free(sf->text);
	free(sf->lines);
	memset(sf, 0, sizeof *sf);
}

/* Reads the file and indexes its lines; false when it cannot be read
 * (then nothing is suppressed in it). */
static bool suppress_file_load(struct suppress_file *sf, const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0, n;
	char chunk[65536];

	memset(sf, 0, sizeof *sf);
	sf->path = path;
	if (f == NULL)
		return false;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		char *grown = realloc(sf->text, sf->size + n + 1);

		if (grown == NULL) {
			fclose(f);
			return false;
		}
		sf->text = grown;
		memcpy(sf->text + sf->size, chunk, n);
		sf->size += n;
	}
	fclose(f);
	for (size_t i = 0; i <= sf->size; i++) {
		if (i != 0 && (i == sf->size || sf->text[i - 1] != '\n'))
			continue;
		if (sf->nlines == cap) {
			size_t *grown;

			cap = cap ? cap * 2 : 256;
			grown = realloc(sf->lines, cap * sizeof *grown);
			if (grown == NULL)
				return false;
			sf->lines = grown;
		}
		sf->lines[sf->nlines++] = i;
	}
	return true;
}

/* Does line `line` (1-based) of the file suppress `rule`? */
static bool suppress_file_line(const struct suppress_file *sf,
			       unsigned line, const char *rule, char **reason)
{
	size_t start, end;

	if (line == 0 || line > sf->nlines || sf->text == NULL)
		return false;
	start = sf->lines[line - 1];
	end = line < sf->nlines ? sf->lines[line] : sf->size;
	while (end > start && (sf->text[end - 1] == '\n' ||
			       sf->text[end - 1] == '\r'))
		end--;
	return suppress_line_matches(sf->text + start, end - start, rule,
				     reason);
}

/* Marks the findings that a comment suppresses (see cli.h). */
size_t suppress_apply(struct findings *fs)
{
	struct suppress_file sf;
	size_t count = 0;
	bool loaded = false;

	memset(&sf, 0, sizeof sf);
	for (size_t i = 0; i < fs->count; i++) {
		struct finding *f = &fs->items[i];
		char *reason = NULL;

		if (f->pos.file == NULL || f->rule == NULL || f->suppressed)
			continue;
		if (!loaded || strcmp(sf.path, f->pos.file) != 0) {
			suppress_file_free(&sf);
			suppress_file_load(&sf, f->pos.file);
			loaded = true;
		}
		if (!suppress_file_line(&sf, f->pos.line, f->rule, &reason) &&
		    !suppress_file_line(&sf, f->pos.line - 1, f->rule, &reason))
			continue;
		f->suppressed = true;
		free(f->suppress_reason);
		f->suppress_reason = reason;
		count++;
	}
	suppress_file_free(&sf);
	return count;
}
