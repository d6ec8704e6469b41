/*
 * finding.c - the findings list that rules fill and writers print.
 *
 * Plain dynamic arrays; every string is copied in, so callers may pass
 * temporaries.  No global state: everything lives in struct findings.
 * Running out of memory is not recoverable here; it ends the process with
 * exit status 2 (SPEC.md: internal failure) and a one-line reason.
 */
#include "finding.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reports an allocation failure and ends the run (exit 2). */
static void finding_oom(void)
{
	fputs("ndislint: out of memory\n", stderr);
	exit(2);
}

/* realloc() that never returns NULL for a non-zero size. */
static void *finding_realloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		finding_oom();
	return q;
}

/* strdup() that keeps NULL as NULL and never fails otherwise. */
static char *finding_strdup(const char *s)
{
	char *copy;

	if (!s)
		return NULL;
	copy = strdup(s);
	if (!copy)
		finding_oom();
	return copy;
}

/* vasprintf() done with vsnprintf(): returns a malloc'd formatted string.
 * Short messages (the usual case) are formatted once, into `small`. */
static char *finding_vformat(const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	int len;
	char *buf;

	va_copy(ap2, ap);
	len = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (len < 0)
		return finding_strdup("(message could not be formatted)");
	if ((size_t)len < sizeof(small))
		return finding_strdup(small);
	buf = finding_realloc(NULL, (size_t)len + 1);
	vsnprintf(buf, (size_t)len + 1, fmt, ap);
	return buf;
}

/* Grows an array of `elem`-sized items so that it holds at least `need`. */
static void *finding_grow(void *items, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;

	if (need <= *cap)
		return items;
	ncap = *cap ? *cap * 2 : 8;
	while (ncap < need)
		ncap *= 2;
	items = finding_realloc(items, ncap * elem);
	*cap = ncap;
	return items;
}

/* Sets a position, copying the file name. */
static void finding_set_pos(struct position *pos, const char *file,
			    unsigned line, unsigned col)
{
	pos->file = finding_strdup(file);
	pos->line = line;
	pos->col = col;
}

/* Frees everything one finding owns (not the finding itself). */
static void finding_release(struct finding *f)
{
	size_t i;

	free(f->pos.file);
	free(f->message);
	free(f->function);
	for (i = 0; i < f->nsteps; i++) {
		free(f->steps[i].pos.file);
		free(f->steps[i].message);
	}
	free(f->steps);
	for (i = 0; i < f->nfixits; i++) {
		free(f->fixits[i].pos.file);
		free(f->fixits[i].text);
		free(f->fixits[i].message);
	}
	free(f->fixits);
	free(f->suppress_reason);
	memset(f, 0, sizeof(*f));
}

/* Prepares an empty list. */
void findings_init(struct findings *fs)
{
	memset(fs, 0, sizeof(*fs));
}

/* Frees every finding and note and leaves an empty list behind. */
void findings_free(struct findings *fs)
{
	size_t i;

	for (i = 0; i < fs->count; i++)
		finding_release(&fs->items[i]);
	free(fs->items);
	for (i = 0; i < fs->nnotes; i++) {
		free(fs->notes[i].pos.file);
		free(fs->notes[i].message);
	}
	free(fs->notes);
	findings_init(fs);
}

/* Appends a finding with a formatted message; the rule name is kept as a
 * pointer (it is the registry's static string), the rest is copied. */
struct finding *findings_add(struct findings *fs, const char *rule,
			     enum severity sev, const char *file,
			     unsigned line, unsigned col, const char *function,
			     const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	fs->items = finding_grow(fs->items, &fs->cap, fs->count + 1,
				 sizeof(*fs->items));
	f = &fs->items[fs->count++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = sev;
	finding_set_pos(&f->pos, file, line, col);
	f->function = finding_strdup(function);
	va_start(ap, fmt);
	f->message = finding_vformat(fmt, ap);
	va_end(ap);
	return f;
}

/* Appends one path-trace step to a finding. */
void finding_add_step(struct finding *f, const char *file, unsigned line,
		      unsigned col, const char *fmt, ...)
{
	struct finding_step *s;
	va_list ap;

	/* struct finding keeps no capacity: steps grow one at a time. */
	f->steps = finding_realloc(f->steps, (f->nsteps + 1) * sizeof(*f->steps));
	s = &f->steps[f->nsteps++];
	finding_set_pos(&s->pos, file, line, col);
	va_start(ap, fmt);
	s->message = finding_vformat(fmt, ap);
	va_end(ap);
}

/* Appends one fix-it (code to insert before a position) to a finding. */
void finding_add_fixit(struct finding *f, const char *file, unsigned line,
		       unsigned col, const char *text, const char *message)
{
	struct fixit *x;

	f->fixits = finding_realloc(f->fixits,
				    (f->nfixits + 1) * sizeof(*f->fixits));
	x = &f->fixits[f->nfixits++];
	finding_set_pos(&x->pos, file, line, col);
	x->text = finding_strdup(text ? text : "");
	x->message = finding_strdup(message ? message : "");
}

/* Appends a run-level note; file may be NULL (then line/col are unused). */
void findings_note(struct findings *fs, const char *file, unsigned line,
		   unsigned col, const char *fmt, ...)
{
	struct run_note *n;
	va_list ap;

	fs->notes = finding_grow(fs->notes, &fs->notes_cap, fs->nnotes + 1,
				 sizeof(*fs->notes));
	n = &fs->notes[fs->nnotes++];
	finding_set_pos(&n->pos, file, line, col);
	va_start(ap, fmt);
	n->message = finding_vformat(fmt, ap);
	va_end(ap);
}

/* strcmp() where NULL sorts after every string. */
static int finding_strcmp(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (!a)
		return 1;
	if (!b)
		return -1;
	return strcmp(a, b);
}

/* Orders two positions: file, line, column. */
static int finding_pos_cmp(const struct position *a, const struct position *b)
{
	int c = finding_strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

/* SPEC.md's fixed order: file, line, column, rule. */
static int finding_cmp(const void *a, const void *b)
{
	const struct finding *fa = a, *fb = b;
	int c = finding_pos_cmp(&fa->pos, &fb->pos);

	return c ? c : finding_strcmp(fa->rule, fb->rule);
}

/* Notes: position (file-less notes last), then message. */
static int finding_note_cmp(const void *a, const void *b)
{
	const struct run_note *na = a, *nb = b;
	int c = finding_pos_cmp(&na->pos, &nb->pos);

	return c ? c : finding_strcmp(na->message, nb->message);
}

/*
 * Stable bottom-up merge sort of `n` items of `size` bytes (no recursion).
 * Equal items keep their insertion order, so the first of a set of
 * duplicates is the one that survives deduplication.
 */
static void finding_stable_sort(void *base, size_t n, size_t size,
				int (*cmp)(const void *, const void *))
{
	char *src = base, *dst, *tmp;
	size_t width, lo;

	if (n < 2)
		return;
	dst = finding_realloc(NULL, n * size);
	for (width = 1; width < n; width *= 2) {
		for (lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi) {
				if (cmp(src + j * size, src + i * size) < 0)
					memcpy(dst + k++ * size, src + j++ * size, size);
				else
					memcpy(dst + k++ * size, src + i++ * size, size);
			}
			while (i < mid)
				memcpy(dst + k++ * size, src + i++ * size, size);
			while (j < hi)
				memcpy(dst + k++ * size, src + j++ * size, size);
		}
		tmp = src;
		src = dst;
		dst = tmp;
	}
	/* `src` holds the result; copy it home if it is the scratch buffer. */
	if (src != base) {
		memcpy(base, src, n * size);
		free(src);
	} else {
		free(dst);
	}
}

/* Drops findings equal (by finding_cmp) to the one kept before them. */
static void finding_dedupe(struct findings *fs)
{
	size_t i, kept = 0;

	for (i = 0; i < fs->count; i++) {
		if (kept && finding_cmp(&fs->items[kept - 1], &fs->items[i]) == 0) {
			finding_release(&fs->items[i]);
			continue;
		}
		if (kept != i)
			fs->items[kept] = fs->items[i];
		kept++;
	}
	fs->count = kept;
}

/* Drops notes identical (position and message) to the one before them. */
static void finding_dedupe_notes(struct findings *fs)
{
	size_t i, kept = 0;

	for (i = 0; i < fs->nnotes; i++) {
		if (kept && finding_note_cmp(&fs->notes[kept - 1], &fs->notes[i]) == 0) {
			free(fs->notes[i].pos.file);
			free(fs->notes[i].message);
			continue;
		}
		if (kept != i)
			fs->notes[kept] = fs->notes[i];
		kept++;
	}
	fs->nnotes = kept;
}

/* Sorts findings into SPEC.md's order (stable) and drops duplicates of the
 * same rule at the same position, keeping the first added.  Run notes are
 * sorted too (by position, file-less ones last, then text) and exact
 * duplicates dropped, so output does not depend on analysis order. */
void findings_sort(struct findings *fs)
{
	finding_stable_sort(fs->items, fs->count, sizeof(*fs->items), finding_cmp);
	finding_dedupe(fs);
	finding_stable_sort(fs->notes, fs->nnotes, sizeof(*fs->notes),
			    finding_note_cmp);
	finding_dedupe_notes(fs);
}

/* Counts the findings that are neither suppressed nor baselined. */
size_t findings_active(const struct findings *fs)
{
	size_t i, n = 0;

	for (i = 0; i < fs->count; i++)
		if (!fs->items[i].suppressed && !fs->items[i].baselined)
			n++;
	return n;
}
