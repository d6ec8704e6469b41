/*
 * html_finding.c - the finding pages of the HTML report: source files read
 * from disk, the functions involved found by a brace scan, C highlighting,
 * the path trace as numbered markers on its lines (scan-build style) with
 * keyboard navigation, and fix-its as diffs.
 *
 * Sources are never parsed here: a single pass over each file finds the
 * brace blocks at file scope (skipping comments, strings, character
 * literals and preprocessor lines), which is enough to show "the function
 * holding this line".  Every byte of source goes out through
 * html_escape_n().
 */
#include "html_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../rules/rule.h"

#define HTML_MAX_SOURCE (32u << 20)   /* larger files are not shown */
#define HTML_MAX_HEADER 60            /* lines of a function's header */
#define HTML_MAX_RANGE  400           /* longer functions: a window */
#define HTML_WINDOW     40            /* half the window around a line */
#define HTML_CONTEXT    3             /* lines around a lone location */
#define HTML_TAB        8             /* tab stops, as the CSS sets them */

/* ---- reading sources --------------------------------------------------- */

/* Reads a regular file whole (NUL-terminated); NULL when it cannot. */
static char *html_slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	char *buf;
	size_t n = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > HTML_MAX_SOURCE) {
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	while (buf != NULL && n < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (buf != NULL)
		buf[n] = '\0';
	*len = n;
	return buf;
}

/* Splits the text into lines (offsets and lengths without \r\n). */
static bool html_index_lines(struct html_src *s)
{
	size_t i, n = 0, start = 0;

	for (i = 0; i < s->len; i++)
		n += s->text[i] == '\n';
	if (s->len > 0 && s->text[s->len - 1] != '\n')
		n++;
	s->off = calloc(n ? n : 1, sizeof *s->off);
	s->llen = calloc(n ? n : 1, sizeof *s->llen);
	s->in_comment = calloc(n ? n : 1, 1);
	if (!s->off || !s->llen || !s->in_comment)
		return false;
	for (i = 0; i <= s->len && s->nlines < n; i++) {
		if (i < s->len && s->text[i] != '\n')
			continue;
		s->off[s->nlines] = start;
		s->llen[s->nlines] = i - start;
		if (i > start && s->text[i - 1] == '\r')
			s->llen[s->nlines]--;
		s->nlines++;
		start = i + 1;
	}
	return true;
}

/* Is line `line` (1-based) empty or only white space? */
static bool html_blank(const struct html_src *s, unsigned line)
{
	const char *p = s->text + s->off[line - 1];
	size_t i;

	for (i = 0; i < s->llen[line - 1]; i++) {
		if (p[i] != ' ' && p[i] != '\t')
			return false;
	}
	return true;
}

/* Appends a file-scope block; its header starts at the first non-blank
 * line after `after` (at most HTML_MAX_HEADER lines above the brace). */
static bool html_add_block(struct html_src *s, size_t *cap, unsigned after,
			   unsigned open, unsigned close)
{
	struct html_block *b;
	unsigned first = after + 1;

	if (open > HTML_MAX_HEADER && first < open - HTML_MAX_HEADER)
		first = open - HTML_MAX_HEADER;
	while (first < open && html_blank(s, first))
		first++;
	if (first > open)
		first = open;
	if (s->nblocks == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct html_block *nb = realloc(s->blocks, ncap * sizeof *nb);

		if (nb == NULL)
			return false;
		s->blocks = nb;
		*cap = ncap;
	}
	b = &s->blocks[s->nblocks++];
	b->first = first;
	b->open = open;
	b->close = close;
	return true;
}

/* The scanner's state between characters. */
enum html_scan_state { SC_CODE, SC_BLOCK, SC_LINE, SC_STR, SC_CHR };

/* One pass over the file: which lines start inside a block comment, and
 * the brace blocks at file scope.  No recursion: a depth counter. */
static bool html_scan(struct html_src *s)
{
	enum html_scan_state st = SC_CODE;
	unsigned line = 1, last_end = 0, open = 0;
	unsigned depth = 0;
	size_t i, cap = 0;
	bool pp = false, line_start = true;

	for (i = 0; i < s->len; i++) {
		char ch = s->text[i];
		char nx = i + 1 < s->len ? s->text[i + 1] : '\0';
		bool cont = i > 0 && (s->text[i - 1] == '\\' ||
				      (s->text[i - 1] == '\r' && i > 1 &&
				       s->text[i - 2] == '\\'));

		if (ch == '\n') {
			if (st != SC_BLOCK && !cont)
				st = SC_CODE;
			if (pp && !cont) {
				pp = false;
				if (depth == 0)
					last_end = line;
			}
			line++;
			if (line <= s->nlines)
				s->in_comment[line - 1] = st == SC_BLOCK;
			line_start = true;
			continue;
		}
		if (st == SC_BLOCK) {
			if (ch == '*' && nx == '/') {
				st = SC_CODE;
				i++;
			}
			continue;
		}
		if (st == SC_LINE)
			continue;
		if (st == SC_STR || st == SC_CHR) {
			if (ch == '\\' && nx != '\n' && nx != '\0')
				i++;
			else if ((ch == '"' && st == SC_STR) ||
				 (ch == '\'' && st == SC_CHR))
				st = SC_CODE;
			continue;
		}
		if (line_start && ch == '#')
			pp = true;
		if (ch != ' ' && ch != '\t' && ch != '\r')
			line_start = false;
		if (ch == '/' && nx == '*') {
			st = SC_BLOCK;
			i++;
		} else if (ch == '/' && nx == '/') {
			st = SC_LINE;
			i++;
		} else if (ch == '"') {
			st = SC_STR;
		} else if (ch == '\'') {
			st = SC_CHR;
		} else if (pp) {
			continue;
		} else if (ch == '{') {
			if (depth == 0)
				open = line;
			depth++;
		} else if (ch == '}' && depth > 0) {
			depth--;
			if (depth == 0) {
				if (!html_add_block(s, &cap, last_end, open, line))
					return false;
				last_end = line;
			}
		} else if (ch == ';' && depth == 0) {
			last_end = line;
		}
	}
	return true;
}

/* Reads and indexes one source; its text stays NULL when unreadable.
 * false only when out of memory. */
static bool html_src_load(struct html_src *s, const char *path,
			  const char *root)
{
	s->path = strdup(path);
	if (s->path == NULL)
		return false;
	s->text = html_slurp(path, &s->len);
	if (s->text == NULL && path[0] != '/' && root != NULL) {
		size_t n = strlen(root) + strlen(path) + 2;
		char *joined = malloc(n);

		if (joined == NULL)
			return false;
		snprintf(joined, n, "%s/%s", root, path);
		s->text = html_slurp(joined, &s->len);
		free(joined);
	}
	if (s->text == NULL)
		return true;
	return html_index_lines(s) && html_scan(s);
}

/* The source at `path`, read on first use (html_internal.h). */
struct html_src *html_src_get(struct html_ctx *c, const char *path)
{
	struct html_src *s;
	size_t i;

	for (i = 0; i < c->nsrcs; i++) {
		if (strcmp(c->srcs[i].path, path) == 0)
			return &c->srcs[i];
	}
	if (c->nsrcs == c->srcs_cap) {
		size_t ncap = c->srcs_cap ? c->srcs_cap * 2 : 8;
		struct html_src *ns = realloc(c->srcs, ncap * sizeof *ns);

		if (ns == NULL)
			return NULL;
		c->srcs = ns;
		c->srcs_cap = ncap;
	}
	s = &c->srcs[c->nsrcs++];
	memset(s, 0, sizeof *s);
	if (!html_src_load(s, path, c->in->source_root)) {
		free(s->text);      /* keep it, unreadable: html_srcs_free */
		s->text = NULL;
		s->nlines = 0;
		if (s->path == NULL) {
			c->nsrcs--;
			return NULL;
		}
	}
	return s;
}

/* Frees every source read. */
void html_srcs_free(struct html_ctx *c)
{
	size_t i;

	for (i = 0; i < c->nsrcs; i++) {
		free(c->srcs[i].path);
		free(c->srcs[i].text);
		free(c->srcs[i].off);
		free(c->srcs[i].llen);
		free(c->srcs[i].in_comment);
		free(c->srcs[i].blocks);
	}
	free(c->srcs);
	c->srcs = NULL;
	c->nsrcs = c->srcs_cap = 0;
}

/* Does the source have line `line`? */
static bool html_has_line(const struct html_src *s, unsigned line)
{
	return s != NULL && s->text != NULL && line >= 1 && line <= s->nlines;
}

/* ---- highlighting ------------------------------------------------------ */

static const char *const html_keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do",
	"double", "else", "enum", "extern", "float", "for", "goto", "if",
	"inline", "int", "long", "register", "return", "short", "signed",
	"sizeof", "static", "struct", "switch", "typedef", "union",
	"unsigned", "void", "volatile", "while", "__try", "__except",
	"__finally", "__leave", "_Bool", "__declspec",
};

/* Is s[0..len) a C keyword? */
static bool html_is_keyword(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof html_keywords / sizeof html_keywords[0]; i++) {
		if (strlen(html_keywords[i]) == len &&
		    memcmp(html_keywords[i], s, len) == 0)
			return true;
	}
	return false;
}

/* Can c be part of an identifier? */
static bool html_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Writes s[from..to) in a span of class cls. */
static void html_span(FILE *out, const char *cls, const char *s, size_t from,
		      size_t to)
{
	fprintf(out, "<span class=\"%s\">", cls);
	html_escape_n(out, s + from, to - from);
	fputs("</span>", out);
}

/* End of a string or character literal that starts at i (quote q). */
static size_t html_literal_end(const char *s, size_t len, size_t i, char q)
{
	i++;
	while (i < len && s[i] != q) {
		if (s[i] == '\\' && i + 1 < len)
			i++;
		i++;
	}
	return i < len ? i + 1 : len;
}

/* End of the token starting at i that is not a comment or literal. */
static size_t html_plain_end(const char *s, size_t len, size_t i)
{
	if (html_ident_char(s[i])) {
		while (i < len && html_ident_char(s[i]))
			i++;
		return i;
	}
	return i + 1;
}

/* Writes one line of C highlighted (html_internal.h). */
void html_highlight(FILE *out, const char *s, size_t len, bool *in_comment)
{
	size_t i = 0, j;

	if (*in_comment) {
		const char *end = NULL;

		for (j = 0; j + 1 < len && end == NULL; j++)
			end = s[j] == '*' && s[j + 1] == '/' ? s + j + 2 : NULL;
		j = end ? (size_t)(end - s) : len;
		html_span(out, "c", s, 0, j);
		*in_comment = end == NULL;
		i = j;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == '#' && i == strspn(s, " \t")) {
		j = i + 1;
		while (j < len && (s[j] == ' ' || html_ident_char(s[j])))
			j++;
		html_escape_n(out, s, i);
		html_span(out, "pp", s, i, j);
		i = j;
	} else {
		html_escape_n(out, s, i);
	}
	while (i < len) {
		if (s[i] == '/' && i + 1 < len && s[i + 1] == '/') {
			html_span(out, "c", s, i, len);
			return;
		}
		if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
			const char *end = NULL;

			for (j = i + 2; j + 1 < len && end == NULL; j++)
				end = s[j] == '*' && s[j + 1] == '/' ? s + j + 2 : NULL;
			j = end ? (size_t)(end - s) : len;
			html_span(out, "c", s, i, j);
			*in_comment = end == NULL;
			i = j;
			continue;
		}
		if (s[i] == '"' || s[i] == '\'') {
			j = html_literal_end(s, len, i, s[i]);
			html_span(out, "s", s, i, j);
			i = j;
			continue;
		}
		j = html_plain_end(s, len, i);
		if (html_is_keyword(s + i, j - i))
			html_span(out, "kw", s, i, j);
		else
			html_escape_n(out, s + i, j - i);
		i = j;
	}
}

/* ---- the locations of one finding -------------------------------------- */

enum html_mark_kind { MK_STEP, MK_PRIMARY, MK_FIX };

/* One marker of the page: a step, the primary location or a fix-it. */
struct html_mark {
	enum html_mark_kind kind;
	size_t idx;             /* step or fix-it index */
	size_t file;            /* index into the page's files */
	unsigned line, col;
};

/* The files of one page with their line ranges. */
struct html_pfile {
	struct html_src *src;
	unsigned (*ranges)[2];
	size_t nranges;
};

/* Everything one finding page shows. */
struct html_page {
	struct html_ctx *c;
	const struct finding *f;
	size_t index;
	struct html_pfile *files;
	size_t nfiles;
	struct html_mark *marks;
	size_t nmarks;
	bool *step_shown;       /* [nsteps]: its marker is in an excerpt */
};

/* Index of the page file for `path`, added when new; SIZE_MAX when out of
 * memory. */
static size_t html_page_file(struct html_page *pg, const char *path)
{
	struct html_src *src = html_src_get(pg->c, path);
	size_t i;

	if (src == NULL)
		return SIZE_MAX;
	for (i = 0; i < pg->nfiles; i++) {
		if (pg->files[i].src == src)
			return i;
	}
	pg->files[pg->nfiles].src = src;
	pg->files[pg->nfiles].ranges = NULL;
	pg->files[pg->nfiles].nranges = 0;
	return pg->nfiles++;
}

/* Adds a marker at a position when its file is known; false when out of
 * memory. */
static bool html_page_mark(struct html_page *pg, enum html_mark_kind kind,
			   size_t idx, const struct position *pos)
{
	struct html_mark *m;
	size_t fi;

	if (pos->file == NULL || pos->line == 0)
		return true;
	fi = html_page_file(pg, pos->file);
	if (fi == SIZE_MAX)
		return false;
	m = &pg->marks[pg->nmarks++];
	m->kind = kind;
	m->idx = idx;
	m->file = fi;
	m->line = pos->line;
	m->col = pos->col;
	return true;
}

/* The lines to show around `line`: the file-scope block (function) that
 * holds it, with its header, or a few lines of context. */
static void html_fn_range(const struct html_src *s, unsigned line,
			  unsigned r[2])
{
	size_t i;

	r[0] = line > HTML_CONTEXT ? line - HTML_CONTEXT : 1;
	r[1] = line + HTML_CONTEXT;
	for (i = 0; i < s->nblocks; i++) {
		const struct html_block *b = &s->blocks[i];

		if (b->first <= line && line <= b->close) {
			r[0] = b->first;
			r[1] = b->close;
			break;
		}
	}
	if (r[1] - r[0] > HTML_MAX_RANGE) {
		if (line > r[0] + HTML_WINDOW)
			r[0] = line - HTML_WINDOW;
		if (line + HTML_WINDOW < r[1])
			r[1] = line + HTML_WINDOW;
	}
	if (r[1] > s->nlines)
		r[1] = (unsigned)s->nlines;
}

/* qsort comparator of ranges by first line. */
static int html_range_cmp(const void *a, const void *b)
{
	const unsigned *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* Computes the merged line ranges of each readable page file. */
static bool html_page_ranges(struct html_page *pg)
{
	size_t i, k;

	for (i = 0; i < pg->nfiles; i++) {
		struct html_pfile *pf = &pg->files[i];
		size_t n = 0;

		pf->ranges = calloc(pg->nmarks ? pg->nmarks : 1,
				    sizeof *pf->ranges);
		if (pf->ranges == NULL)
			return false;
		for (k = 0; k < pg->nmarks; k++) {
			if (pg->marks[k].file == i &&
			    html_has_line(pf->src, pg->marks[k].line))
				html_fn_range(pf->src, pg->marks[k].line,
					      pf->ranges[n++]);
		}
		qsort(pf->ranges, n, sizeof *pf->ranges, html_range_cmp);
		pf->nranges = 0;
		for (k = 0; k < n; k++) {
			unsigned (*last)[2] = pf->nranges ?
				&pf->ranges[pf->nranges - 1] : NULL;

			if (last && pf->ranges[k][0] <= (*last)[1] + 3) {
				if (pf->ranges[k][1] > (*last)[1])
					(*last)[1] = pf->ranges[k][1];
				continue;
			}
			pf->ranges[pf->nranges][0] = pf->ranges[k][0];
			pf->ranges[pf->nranges][1] = pf->ranges[k][1];
			pf->nranges++;
		}
	}
	return true;
}

/* Gathers the files, markers and ranges of finding i. */
static bool html_page_init(struct html_page *pg, struct html_ctx *c, size_t i)
{
	const struct finding *f = &c->fs->items[i];
	size_t n = 1 + f->nsteps + f->nfixits, k;

	memset(pg, 0, sizeof *pg);
	pg->c = c;
	pg->f = f;
	pg->index = i;
	pg->files = calloc(n, sizeof *pg->files);
	pg->marks = calloc(n, sizeof *pg->marks);
	pg->step_shown = calloc(f->nsteps ? f->nsteps : 1, sizeof(bool));
	if (!pg->files || !pg->marks || !pg->step_shown)
		return false;
	if (!html_page_mark(pg, MK_PRIMARY, 0, &f->pos))
		return false;
	for (k = 0; k < f->nsteps; k++) {
		if (!html_page_mark(pg, MK_STEP, k, &f->steps[k].pos))
			return false;
	}
	for (k = 0; k < f->nfixits; k++) {
		if (!html_page_mark(pg, MK_FIX, k, &f->fixits[k].pos))
			return false;
	}
	for (k = 0; k < pg->nmarks; k++) {
		const struct html_mark *m = &pg->marks[k];

		if (m->kind == MK_STEP &&
		    html_has_line(pg->files[m->file].src, m->line))
			pg->step_shown[m->idx] = true;
	}
	return html_page_ranges(pg);
}

/* Frees a page's bookkeeping (the sources stay cached). */
static void html_page_free(struct html_page *pg)
{
	size_t i;

	for (i = 0; pg->files && i < pg->nfiles; i++)
		free(pg->files[i].ranges);
	free(pg->files);
	free(pg->marks);
	free(pg->step_shown);
}

/* ---- writing a finding page -------------------------------------------- */

/* Keyboard and click navigation between the steps of the path.  Reads
 * data-* attributes, writes classes and textContent only. */
static const char html_finding_js[] =
"(function () {\n"
"  'use strict';\n"
"  var marks = document.querySelectorAll('[data-step]');\n"
"  var items = document.querySelectorAll('[data-step-ref]');\n"
"  var status = document.getElementById('step-status');\n"
"  var n = 0, cur = -1, i;\n"
"  for (i = 0; i < marks.length; i++) {\n"
"    n = Math.max(n, Number(marks[i].getAttribute('data-step')) + 1);\n"
"  }\n"
"  for (i = 0; i < items.length; i++) {\n"
"    n = Math.max(n, Number(items[i].getAttribute('data-step-ref')) + 1);\n"
"  }\n"
"  function mark(list, attr, k) {\n"
"    for (var j = 0; j < list.length; j++) {\n"
"      list[j].classList.toggle('current',\n"
"        Number(list[j].getAttribute(attr)) === k);\n"
"    }\n"
"  }\n"
"  function go(k, scroll) {\n"
"    if (n === 0) { return; }\n"
"    k = Math.max(0, Math.min(n - 1, k));\n"
"    cur = k;\n"
"    mark(marks, 'data-step', k);\n"
"    mark(items, 'data-step-ref', k);\n"
"    if (status) { status.textContent = 'Step ' + (k + 1) + ' of ' + n; }\n"
"    if (!scroll) { return; }\n"
"    var t = document.querySelector('[data-step=\"' + k + '\"]') ||\n"
"      document.querySelector('[data-step-ref=\"' + k + '\"]');\n"
"    if (t) { t.scrollIntoView({block: 'center'}); }\n"
"  }\n"
"  document.addEventListener('keydown', function (e) {\n"
"    if (e.altKey || e.ctrlKey || e.metaKey) { return; }\n"
"    var tag = e.target && e.target.tagName;\n"
"    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') { return; }\n"
"    if (e.key === 'j' || e.key === 'n' || e.key === 'ArrowRight') {\n"
"      go(cur + 1, true); e.preventDefault();\n"
"    } else if (e.key === 'k' || e.key === 'p' || e.key === 'ArrowLeft') {\n"
"      go(cur - 1, true); e.preventDefault();\n"
"    }\n"
"  });\n"
"  function clickTo(list, attr) {\n"
"    Array.prototype.forEach.call(list, function (el) {\n"
"      el.addEventListener('click', function () {\n"
"        go(Number(el.getAttribute(attr)), false);\n"
"      });\n"
"    });\n"
"  }\n"
"  clickTo(marks, 'data-step');\n"
"  clickTo(items, 'data-step-ref');\n"
"  var prev = document.getElementById('step-prev');\n"
"  var next = document.getElementById('step-next');\n"
"  if (prev) { prev.addEventListener('click', function () { go(cur - 1, true); }); }\n"
"  if (next) { next.addEventListener('click', function () { go(cur + 1, true); }); }\n"
"  go(0, false);\n"
"})();\n";

/* The step message without a leading "N: " that repeats its number. */
static const char *html_step_text(const char *msg, size_t k)
{
	char num[32];
	size_t n;

	if (msg == NULL)
		return "";
	n = (size_t)snprintf(num, sizeof num, "%zu: ", k + 1);
	return strncmp(msg, num, n) == 0 ? msg + n : msg;
}

/* The visual column (0-based, tabs expanded) of byte column col (1-based)
 * of a line; UTF-8 continuation bytes take no room. */
static unsigned html_visual_col(const char *s, size_t len, unsigned col)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; i + 1 < col && i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\t')
			v = (v / HTML_TAB + 1) * HTML_TAB;
		else if ((ch & 0xC0) != 0x80)
			v++;
	}
	return v > 120 ? 120 : v;
}

/* Writes a position as "file:line:col". */
static void html_pos_text(FILE *out, const struct position *pos)
{
	html_escape(out, pos->file ? pos->file : "(no file)");
	if (pos->line)
		fprintf(out, ":%u:%u", pos->line, pos->col);
}

/* Writes the marker bubble of m (after its line). */
static void html_mark_row(FILE *out, const struct html_page *pg,
			  const struct html_mark *m, const struct html_src *s)
{
	const struct finding *f = pg->f;
	unsigned v = html_visual_col(s->text + s->off[m->line - 1],
				     s->llen[m->line - 1], m->col);

	fprintf(out, "<tr class=\"note\"><td class=\"ln\"></td><td class=\"code\">"
		"<div style=\"padding-left:%uch\">", v);
	if (m->kind == MK_STEP) {
		fprintf(out, "<span class=\"bubble\" id=\"step-%zu\" "
			"data-step=\"%zu\"><span class=\"stepnum\">%zu</span>",
			m->idx + 1, m->idx, m->idx + 1);
		html_message(out, html_step_text(f->steps[m->idx].message, m->idx));
	} else if (m->kind == MK_PRIMARY) {
		fputs("<span class=\"bubble primary\" id=\"primary\"", out);
		if (f->nsteps == 0)
			fputs(" data-step=\"0\"", out);
		fputs("><span class=\"stepnum\">!</span>", out);
		html_message(out, f->message);
	} else {
		fprintf(out, "<span class=\"bubble fix\"><span class=\"stepnum\">+"
			"</span>fix-it: ");
		html_message(out, f->fixits[m->idx].message);
		fprintf(out, " <a href=\"#fix-%zu\">see the change</a>",
			m->idx + 1);
	}
	fputs("</span></div></td></tr>\n", out);
}

/* The CSS class of a source line: primary location, step, or none. */
static const char *html_line_class(const struct html_page *pg, size_t fi,
				   unsigned line)
{
	const char *cls = "";
	size_t k;

	for (k = 0; k < pg->nmarks; k++) {
		const struct html_mark *m = &pg->marks[k];

		if (m->file != fi || m->line != line)
			continue;
		if (m->kind == MK_PRIMARY)
			return " class=\"hl-primary\"";
		if (m->kind == MK_STEP)
			cls = " class=\"hl-step\"";
	}
	return cls;
}

/* Writes the markers of one line: steps in order, then the primary
 * location, then fix-its. */
static void html_line_marks(FILE *out, const struct html_page *pg, size_t fi,
			    unsigned line)
{
	static const enum html_mark_kind order[] = { MK_STEP, MK_PRIMARY, MK_FIX };
	const struct html_src *s = pg->files[fi].src;
	size_t o, k;

	for (o = 0; o < 3; o++) {
		for (k = 0; k < pg->nmarks; k++) {
			const struct html_mark *m = &pg->marks[k];

			if (m->file == fi && m->line == line && m->kind == order[o])
				html_mark_row(out, pg, m, s);
		}
	}
}

/* Writes one page file: its excerpts with line numbers and markers. */
static void html_page_source(FILE *out, const struct html_page *pg, size_t fi)
{
	const struct html_pfile *pf = &pg->files[fi];
	const struct html_src *s = pf->src;
	size_t r;

	fprintf(out, "<div class=\"src\" id=\"file-%zu\"><div class=\"fname "
		"mono\">", fi + 1);
	html_escape(out, s->path);
	fputs("</div>\n", out);
	if (s->text == NULL || pf->nranges == 0) {
		fputs("<p class=\"muted\" style=\"padding:0 .8em\">The source "
		      "of this file could not be read.</p></div>\n", out);
		return;
	}
	fputs("<table class=\"code\">\n", out);
	for (r = 0; r < pf->nranges; r++) {
		bool in_comment = s->in_comment[pf->ranges[r][0] - 1];
		unsigned line;

		if (r > 0 || pf->ranges[r][0] > 1)
			fputs("<tr class=\"gap\"><td class=\"ln\">&#8942;</td>"
			      "<td class=\"code\"></td></tr>\n", out);
		for (line = pf->ranges[r][0]; line <= pf->ranges[r][1]; line++) {
			fprintf(out, "<tr id=\"f%zu-%u\"%s><td class=\"ln\">%u</td>"
				"<td class=\"code\">", fi + 1, line,
				html_line_class(pg, fi, line), line);
			html_highlight(out, s->text + s->off[line - 1],
				       s->llen[line - 1], &in_comment);
			fputs("</td></tr>\n", out);
			html_line_marks(out, pg, fi, line);
		}
	}
	fputs("</table></div>\n", out);
}

/* The page file index of a position, or SIZE_MAX. */
static size_t html_pos_file(const struct html_page *pg,
			    const struct position *pos)
{
	size_t i;

	for (i = 0; pos->file && i < pg->nfiles; i++) {
		if (strcmp(pg->files[i].src->path, pos->file) == 0)
			return i;
	}
	return SIZE_MAX;
}

/* The numbered list of steps with the navigation controls. */
static void html_page_steps(FILE *out, const struct html_page *pg)
{
	const struct finding *f = pg->f;
	size_t k;

	if (f->nsteps == 0)
		return;
	fprintf(out, "<h2 id=\"path\">Path (%zu step%s)</h2>\n", f->nsteps,
		f->nsteps == 1 ? "" : "s");
	fputs("<div class=\"stepnav\"><button type=\"button\" id=\"step-prev\">"
	      "&#9664; previous</button><span id=\"step-status\">Step 1 of ",
	      out);
	fprintf(out, "%zu</span><button type=\"button\" id=\"step-next\">next "
		"&#9654;</button><span class=\"muted\">keys: <kbd>j</kbd> "
		"<kbd>n</kbd> <kbd>&#8594;</kbd> next step, <kbd>k</kbd> "
		"<kbd>p</kbd> <kbd>&#8592;</kbd> previous</span></div>\n",
		f->nsteps);
	fputs("<ol class=\"steps\">\n", out);
	for (k = 0; k < f->nsteps; k++) {
		const struct finding_step *st = &f->steps[k];

		fprintf(out, "<li data-step-ref=\"%zu\">", k);
		if (pg->step_shown[k])
			fprintf(out, "<a href=\"#step-%zu\"><span class=\"stepnum\">"
				"%zu</span></a>", k + 1, k + 1);
		else
			fprintf(out, "<span class=\"stepnum\">%zu</span>", k + 1);
		html_message(out, html_step_text(st->message, k));
		fputs("<span class=\"loc mono\">", out);
		html_pos_text(out, &st->pos);
		fputs("</span></li>\n", out);
	}
	fputs("</ol>\n", out);
}

/* Splits text at newlines into a diff's lines of one kind. */
static void html_diff_lines(FILE *out, const char *text, size_t len,
			    const char *cls, const char *sign, unsigned line)
{
	size_t i = 0;
	bool in_comment = false;

	while (i <= len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t vis = end;

		if (vis > i && text[vis - 1] == '\r')
			vis--;
		fprintf(out, "<tr class=\"%s\"><td class=\"ln\">", cls);
		if (line)
			fprintf(out, "%u", line);
		fprintf(out, "</td><td class=\"sign\">%s</td><td class=\"code\">",
			sign);
		html_highlight(out, text + i, vis - i, &in_comment);
		fputs("</td></tr>\n", out);
		if (nl == NULL)
			break;
		i = end + 1;
	}
}

/* Context lines [from, to] of a diff. */
static void html_diff_context(FILE *out, const struct html_src *s,
			      unsigned from, unsigned to)
{
	unsigned line;

	for (line = from; line <= to; line++) {
		if (html_has_line(s, line))
			html_diff_lines(out, s->text + s->off[line - 1],
					s->llen[line - 1], "ctx", " ", line);
	}
}

/* The changed line of a fix-it: the line with the text inserted before
 * the column.  Shown as inserted lines when the line itself survives
 * unchanged as the last line, else as the old line and the new ones. */
static void html_diff_change(FILE *out, const struct fixit *x,
			     const struct html_src *s)
{
	const char *line = s->text + s->off[x->pos.line - 1];
	size_t len = s->llen[x->pos.line - 1];
	size_t pre = x->pos.col > 0 ? x->pos.col - 1 : 0;
	size_t tlen = strlen(x->text), nlen;
	char *joined;
	const char *last;

	if (pre > len)
		pre = len;
	nlen = pre + tlen + (len - pre);
	joined = malloc(nlen + 1);
	if (joined == NULL) {
		html_diff_lines(out, x->text, tlen, "add", "+", 0);
		return;
	}
	memcpy(joined, line, pre);
	memcpy(joined + pre, x->text, tlen);
	memcpy(joined + pre + tlen, line + pre, len - pre);
	joined[nlen] = '\0';
	last = strrchr(joined, '\n');
	if (last != NULL && strlen(last + 1) == len &&
	    memcmp(last + 1, line, len) == 0) {
		html_diff_lines(out, joined, (size_t)(last - joined), "add", "+", 0);
		html_diff_lines(out, line, len, "ctx", " ", x->pos.line);
	} else {
		html_diff_lines(out, line, len, "del", "-", x->pos.line);
		html_diff_lines(out, joined, nlen, "add", "+", 0);
	}
	free(joined);
}

/* The fix-its as diffs against their lines. */
static void html_page_fixits(FILE *out, struct html_page *pg)
{
	const struct finding *f = pg->f;
	size_t k;

	if (f->nfixits == 0)
		return;
	fprintf(out, "<h2 id=\"fix\">Suggested fix%s</h2>\n",
		f->nfixits == 1 ? "" : "es");
	for (k = 0; k < f->nfixits; k++) {
		const struct fixit *x = &f->fixits[k];
		size_t fi = html_pos_file(pg, &x->pos);
		const struct html_src *s = fi == SIZE_MAX ? NULL :
					   pg->files[fi].src;

		fprintf(out, "<div id=\"fix-%zu\"><p>", k + 1);
		html_message(out, x->message);
		fputs(" <span class=\"muted\">(insert before <span class="
		      "\"mono\">", out);
		html_pos_text(out, &x->pos);
		fputs("</span>)</span></p>\n<div class=\"src\"><div class=\"fname "
		      "mono\">", out);
		html_escape(out, x->pos.file ? x->pos.file : "(no file)");
		fputs("</div><table class=\"code diff\">\n", out);
		if (html_has_line(s, x->pos.line)) {
			html_diff_context(out, s, x->pos.line > HTML_CONTEXT ?
					  x->pos.line - HTML_CONTEXT : 1,
					  x->pos.line - 1);
			html_diff_change(out, x, s);
			html_diff_context(out, s, x->pos.line + 1,
					  x->pos.line + HTML_CONTEXT);
		} else {
			html_diff_lines(out, x->text, strlen(x->text), "add", "+", 0);
		}
		fputs("</table></div></div>\n", out);
	}
}

/* The rule box: summary and explanation. */
static void html_page_rule(FILE *out, const struct html_page *pg)
{
	const struct rule *r = html_rule_lookup(pg->c, pg->f->rule);

	fputs("<div class=\"rulebox\">", out);
	if (r == NULL) {
		fputs("<p>Rule <code>", out);
		html_escape(out, pg->f->rule);
		fputs("</code> is not a rule of this version of ndislint.</p>"
		      "</div>\n", out);
		return;
	}
	fputs("<details open><summary><strong>", out);
	html_escape(out, r->name);
	fputs("</strong>: ", out);
	html_escape(out, r->summary);
	fputs("</summary>\n", out);
	html_prose(out, r->explanation);
	fputs("<p><a href=\"", out);
	html_rule_href(out, r->name);
	fputs("\">The rule's page</a> has a bad and a good example.</p>"
	      "</details></div>\n", out);
}

/* The page heading, neighbours and facts. */
static void html_page_head(FILE *out, const struct html_page *pg)
{
	const struct html_ctx *c = pg->c;
	const struct finding *f = pg->f;
	size_t i = pg->index, n = c->fs->count;

	fputs("<div class=\"pager\">", out);
	if (i > 0)
		fprintf(out, "<a href=\"finding-%zu.html\">&#8592; previous "
			"finding</a>", i);
	fputs("<a href=\"index.html#findings\">all findings</a>", out);
	if (i + 1 < n)
		fprintf(out, "<a href=\"finding-%zu.html\">next finding "
			"&#8594;</a>", i + 2);
	fprintf(out, "<span class=\"muted\">finding %zu of %zu</span></div>\n",
		i + 1, n);
	fputs("<h1>", out);
	html_sev_badge(out, f->severity);
	fputc(' ', out);
	html_message(out, f->message);
	fputs("</h1>\n<dl class=\"meta\"><dt>Rule</dt><dd>", out);
	html_rule_link(out, c, f->rule);
	fputs("</dd><dt>Location</dt><dd class=\"mono\">", out);
	if (html_pos_file(pg, &f->pos) != SIZE_MAX)
		fputs("<a href=\"#primary\">", out);
	html_pos_text(out, &f->pos);
	if (html_pos_file(pg, &f->pos) != SIZE_MAX)
		fputs("</a>", out);
	fputs("</dd><dt>Function</dt><dd class=\"mono\">", out);
	html_escape(out, f->function ? f->function : "-");
	fputs("</dd><dt>Status</dt><dd>", out);
	if (f->suppressed) {
		fputs("<span class=\"tag tag-supp\">suppressed</span> ", out);
		html_escape(out, f->suppress_reason);
	} else if (f->baselined) {
		fputs("<span class=\"tag tag-supp\">baseline</span> in the "
		      "baseline: not reported", out);
	} else if (c->in->previous != NULL) {
		fputs(c->is_new[i] ? "<span class=\"tag tag-new\">new</span> since "
		      "the previous run" : "also in the previous run", out);
	} else {
		fputs("reported", out);
	}
	fputs("</dd><dt>Fingerprint</dt><dd class=\"mono\">", out);
	html_escape(out, c->fps && c->fps[i] ? c->fps[i] : "-");
	fputs("</dd></dl>\n", out);
}

/* Writes the body of finding page pg. */
static void html_page_body(FILE *out, struct html_page *pg)
{
	size_t fi;

	html_page_head(out, pg);
	html_page_rule(out, pg);
	html_page_steps(out, pg);
	fputs("<h2 id=\"source\">Source</h2>\n", out);
	if (pg->nfiles == 0)
		fputs("<p class=\"muted\">This finding names no source "
		      "location.</p>\n", out);
	for (fi = 0; fi < pg->nfiles; fi++)
		html_page_source(out, pg, fi);
	html_page_fixits(out, pg);
}

/* Writes finding-(i+1).html (html_internal.h). */
int html_write_finding(struct html_ctx *c, size_t i)
{
	struct html_page pg;
	char name[64], title[96];
	FILE *out;
	int rc = -1;

	if (!html_page_init(&pg, c, i)) {
		html_page_free(&pg);
		errno = ENOMEM;
		return -1;
	}
	snprintf(name, sizeof name, "finding-%zu.html", i + 1);
	snprintf(title, sizeof title, "Finding %zu: ", i + 1);
	out = html_open_page(c, name);
	if (out != NULL) {
		char *full = NULL;
		size_t tlen = strlen(title) + strlen(pg.f->rule ? pg.f->rule : "");

		full = malloc(tlen + 1);
		if (full != NULL)
			snprintf(full, tlen + 1, "%s%s", title,
				 pg.f->rule ? pg.f->rule : "");
		html_page_begin(out, c, full ? full : title, html_finding_js);
		free(full);
		html_page_body(out, &pg);
		html_page_end(out, c, html_finding_js);
		rc = html_close_page(out);
	}
	html_page_free(&pg);
	return rc;
}
