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
#include "../reports/report.h"
#include "../rules/rule.h"

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
 * (then nothing is suppressed in it).  A file without the marker
 * anywhere (most of them) keeps no line index: no line of it can hold a
 * directive. */
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
		/* Doubling: a big source is not copied once per chunk. */
		if (sf->size + n + 1 > cap) {
			size_t want = cap ? cap : sizeof chunk;
			while (want < sf->size + n + 1)
				want *= 2;
			char *grown = realloc(sf->text, want);
			if (grown == NULL) {
				fclose(f);
				return false;
			}
			sf->text = grown;
			cap = want;
		}
		memcpy(sf->text + sf->size, chunk, n);
		sf->size += n;
	}
	fclose(f);
	cap = 0;
	if (sf->text == NULL ||
	    memmem(sf->text, sf->size, suppress_marker, sizeof suppress_marker - 1) == NULL)
		return true;
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

/* One rule name of a directive: where it is on its line. */
struct suppress_name {
	const char *start;
	size_t len;
};

/* Collects the rule names of the directive that starts after "ignore" at
 * p (as suppress_directive reads them) into names[max]; their number. */
static size_t suppress_names(const char *p, const char *end,
			     struct suppress_name *names, size_t max)
{
	size_t n = 0;

	for (;;) {
		const char *name;

		p = suppress_blank(p, end);
		name = p;
		while (p < end && suppress_name_char(*p) &&
		       !(p[0] == '-' && p + 1 < end && p[1] == '-' &&
			 p == name))
			p++;
		if (p > name && n < max) {
			names[n].start = name;
			names[n].len = (size_t)(p - name);
			n++;
		}
		p = suppress_blank(p, end);
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		return n;
	}
}

/* Was a finding of `rule` in the file (absolute path `abs`) suppressed
 * by a comment on line `line`, i.e. is it reported on that line or the
 * next? */
static bool suppress_used(const struct findings *fs, const char *abs,
			  const char *rule, size_t len, unsigned line)
{
	for (size_t i = 0; i < fs->count; i++) {
		const struct finding *f = &fs->items[i];
		char *fabs;
		bool same;

		if (!f->suppressed || f->rule == NULL || f->pos.file == NULL ||
		    strlen(f->rule) != len || memcmp(f->rule, rule, len) != 0 ||
		    (f->pos.line != line && f->pos.line != line + 1))
			continue;
		fabs = report_abspath(f->pos.file);
		same = fabs != NULL && strcmp(fabs, abs) == 0;
		free(fabs);
		if (same)
			return true;
	}
	return false;
}

/* The index of a rule in rule_registry (rule_count when absent). */
static size_t suppress_rule_index(const struct rule *r)
{
	size_t i;

	for (i = 0; i < rule_count; i++) {
		if (rule_registry[i] == r)
			break;
	}
	return i;
}

/* Adds the notes for the unmatched rule names of one directive on line
 * `line` (1-based) whose text starts at `text`. */
static size_t suppress_line_notes(struct findings *fs, const char *path,
				  const char *abs, const char *text,
				  const char *after, const char *end,
				  unsigned line, const bool *enabled)
{
	struct suppress_name names[32];
	size_t n = suppress_names(after, end, names, 32), count = 0;

	for (size_t k = 0; k < n; k++) {
		const struct rule *r;
		char name[128];
		unsigned col = (unsigned)(names[k].start - text) + 1;

		snprintf(name, sizeof name, "%.*s", (int)names[k].len,
			 names[k].start);
		r = rule_find(name);
		if (r == NULL) {
			findings_note(fs, path, line, col, "ndislint: ignore %s "
				      "matches no finding (no rule is named %s)",
				      name, name);
			count++;
			continue;
		}
		if (enabled != NULL && suppress_rule_index(r) < rule_count &&
		    !enabled[suppress_rule_index(r)])
			continue;       /* disabled: it could not match */
		if (suppress_used(fs, abs, name, names[k].len, line))
			continue;
		findings_note(fs, path, line, col,
			      "ndislint: ignore %s matches no finding", name);
		count++;
	}
	return count;
}

/* Scans one loaded file for directives and notes the unmatched ones. */
static size_t suppress_file_notes(struct findings *fs,
				  const struct suppress_file *sf,
				  const bool *enabled)
{
	char *abs = report_abspath(sf->path);
	size_t count = 0;

	for (size_t l = 0; abs != NULL && l < sf->nlines; l++) {
		const char *text = sf->text + sf->lines[l];
		const char *end = sf->text + (l + 1 < sf->nlines ?
					      sf->lines[l + 1] : sf->size);
		const char *p = text;

		while (p < end) {
			const char *m = memmem(p, (size_t)(end - p), suppress_marker,
					       sizeof suppress_marker - 1);
			const char *q;

			if (m == NULL)
				break;
			q = suppress_blank(m + sizeof suppress_marker - 1, end);
			p = m + 1;
			if (end - q < 7 || memcmp(q, "ignore", 6) != 0 ||
			    (q[6] != ' ' && q[6] != '\t'))
				continue;
			count += suppress_line_notes(fs, sf->path, abs, text,
						     q + 6, end, (unsigned)l + 1,
						     enabled);
		}
	}
	free(abs);
	return count;
}

/* Notes the suppression comments that match no finding (see cli.h). */
size_t suppress_unmatched_notes(struct findings *fs, const char *const *files,
				size_t nfiles, const bool *enabled)
{
	size_t count = 0;

	for (size_t i = 0; i < nfiles; i++) {
		struct suppress_file sf;
		bool seen = false;

		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(files[k], files[i]) == 0;
		if (seen || !suppress_file_load(&sf, files[i])) {
			if (!seen)
				suppress_file_free(&sf);
			continue;
		}
		count += suppress_file_notes(fs, &sf, enabled);
		suppress_file_free(&sf);
	}
	return count;
}
