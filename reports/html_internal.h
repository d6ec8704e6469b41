/*
 * html_internal.h - what html.c (folder, index, rule pages) and
 * html_finding.c (source excerpts, finding pages) share.  Not a public
 * interface: the report's API is html.h.
 */
#ifndef NDISLINT_HTML_INTERNAL_H
#define NDISLINT_HTML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "html.h"

/* A brace block at file scope (a function body, an initializer, a struct):
 * 1-based lines of its first header line, its `{` and its `}`. */
struct html_block {
	unsigned first, open, close;
};

/* One source file as read from disk, split into lines. */
struct html_src {
	char *path;                 /* as the findings name it */
	char *text;                 /* NULL: could not be read */
	size_t len;
	size_t nlines;
	size_t *off;                /* [nlines] offset of each line */
	size_t *llen;               /* [nlines] length without \r\n */
	unsigned char *in_comment;  /* [nlines] starts inside a comment */
	struct html_block *blocks;  /* in file order */
	size_t nblocks;
};

/* Everything one html_write() call works with. */
struct html_ctx {
	const struct html_input *in;
	const struct findings *fs;
	const struct rule *const *rules;
	size_t nrules;
	char *const *fps;           /* [fs->count] fingerprints */
	char **own_fps;             /* computed here, freed at the end */
	bool *is_new;               /* [fs->count]: not in the previous run */
	size_t *fixed;              /* indexes into in->previous */
	size_t nfixed;
	size_t nnew;
	int dirfd;                  /* the temporary output directory */
	struct html_src *srcs;      /* sources read so far */
	size_t nsrcs, srcs_cap;
	char when[64];              /* the run's time as text */
	const char *version;
};

/* Severity as a word: error, warning, note. */
const char *html_sev_name(enum severity sev);

/* Creates page `name` in the output directory for writing; NULL on
 * failure (errno set). */
FILE *html_open_page(struct html_ctx *c, const char *name);

/* Flushes and closes a page; 0, or -1 when anything failed to write. */
int html_close_page(FILE *out);

/* Writes the head of a page up to the opening of <main>; `script` is the
 * page's inline script (allowed by hash in the page's CSP) or NULL. */
void html_page_begin(FILE *out, const struct html_ctx *c, const char *title,
		     const char *script);

/* Closes <main>, writes the footer and the inline script, ends the page. */
void html_page_end(FILE *out, const struct html_ctx *c, const char *script);

/* The rule of this name among the report's rules, or NULL. */
const struct rule *html_rule_lookup(const struct html_ctx *c,
				    const char *name);

/* Writes `rule-NAME.html` for a rule whose name is safe in a file name
 * (lowercase letters, digits and '-'); false (nothing written) else. */
bool html_rule_href(FILE *out, const char *name);

/* Writes a rule name, linked to its page when it has one. */
void html_rule_link(FILE *out, const struct html_ctx *c, const char *name);

/* Writes rule prose: paragraphs at blank lines, "- " lines as lists,
 * `code` spans; all escaped. */
void html_prose(FILE *out, const char *text);

/* Writes s[0..len) escaped, with `code` spans as <code>. */
void html_inline(FILE *out, const char *s, size_t len);

/* Writes a finding or step message (NULL: nothing) like html_inline. */
void html_message(FILE *out, const char *msg);

/* Writes a severity badge. */
void html_sev_badge(FILE *out, enum severity sev);

/* Writes a block of C code, highlighted, with line numbers; `cls` is an
 * extra CSS class for the block. */
void html_code_block(FILE *out, const char *code, const char *cls);

/* Writes one line of C highlighted (comments, strings, keywords,
 * preprocessor).  *in_comment carries a block comment across lines. */
void html_highlight(FILE *out, const char *s, size_t len, bool *in_comment);

/* The source file at `path`, read on first use (cached in c); never NULL
 * unless out of memory, but its text is NULL when it cannot be read. */
struct html_src *html_src_get(struct html_ctx *c, const char *path);
void html_srcs_free(struct html_ctx *c);

/* Writes finding-(i+1).html.  0, or -1 on a write error. */
int html_write_finding(struct html_ctx *c, size_t i);

#endif
