/*
 * html.h - the HTML audit report: a self-contained folder for reviewers.
 *
 * html_write() turns one run (its sorted findings, their fingerprints, the
 * rule metadata and, when known, the previous run's fingerprints) into a
 * directory of static pages:
 *
 *   index.html        run summary (counts per rule, severity and file; new
 *                     and fixed since the previous run; suppressed findings
 *                     with their reasons; run notes) and a sortable,
 *                     filterable table of every finding
 *   finding-N.html    one per finding (N = 1 + its index in the list): the
 *                     rule's explanation, numbered source excerpts of the
 *                     functions involved with the path trace as numbered
 *                     markers (keyboard navigation: j/n/Right next step,
 *                     k/p/Left previous), the fix-it as a diff
 *   rule-NAME.html    one per rule of the registry: explanation, bad and
 *                     good example, this run's findings for it
 *   .ndislint-report  marker: this directory is an ndislint report
 *
 * Pages carry inline CSS and JS only, load nothing, link relatively (the
 * folder can be moved) and escape every string that comes from the
 * sources, file names, messages or rule text.  No file name is derived from
 * a source path.  A Content-Security-Policy restricts scripts to the
 * report's own (by hash) and forbids every network load.
 *
 * Source files are read from disk by the paths the findings give (tried
 * against source_root too when relative and not found).
 */
#ifndef NDISLINT_HTML_H
#define NDISLINT_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "../analyzer/finding.h"

struct rule;

/* Name of the marker file that identifies a report directory. */
#define HTML_MARKER ".ndislint-report"

struct html_input {
	const struct findings *fs;     /* sorted (findings_sort) */
	char *const *fingerprints;     /* [fs->count], or NULL: computed from
	                                  source_root (report_fingerprints) */
	/* The previous run's fingerprints; previous NULL when there is no
	 * previous run (then nothing is called new or fixed). */
	const char *const *previous;
	size_t nprevious;
	/* Optional one-line descriptions of those findings ("rule file:line:
	 * message"), parallel to previous; NULL or NULL entries: none. */
	const char *const *previous_desc;
	const struct rule *const *rules; /* NULL: the registry */
	size_t nrules;
	const char *source_root;       /* for fingerprints and relative source
	                                  paths; NULL: the current directory */
	const char *tool_version;      /* NULL: NDISLINT_VERSION if defined */
	const char *run_label;         /* e.g. "run 4 of ci.db"; may be NULL */
	time_t run_time;               /* when the run was made; 0: now */
	size_t nfiles;                 /* number of input files checked */
};

/*
 * May the report be written to `dir`?  True when it does not exist yet
 * (its parent must be a directory) or is a directory holding an earlier
 * report (its marker file); false, with a one-line reason in err, for any
 * other existing path (a file, a symbolic link, a directory that is not a
 * report, even an empty one).
 */
bool html_check_target(const char *dir, char *err, size_t errsize);

/*
 * Writes the report into `dir` (see html_check_target): every page is
 * written into a fresh temporary sibling directory first, which then
 * replaces `dir` in one rename (an earlier report is swapped out and
 * removed), so a failure leaves `dir` as it was.  Returns 0, or -1 with
 * a one-line reason in err.
 */
int html_write(const char *dir, const struct html_input *in, char *err,
	       size_t errsize);

/*
 * The one escaping function of the report, for text and for quoted
 * attribute values alike: & < > " ' become entities, control characters
 * other than tab, newline and carriage return and invalid UTF-8 bytes
 * become U+FFFD.  Writes `len` bytes of `s` to out.
 */
void html_escape_n(FILE *out, const char *s, size_t len);

/* html_escape_n() of a NUL-terminated string; NULL writes nothing. */
void html_escape(FILE *out, const char *s);

/* html_escape() into a malloc'd string (tests); NULL when out of memory. */
char *html_escape_str(const char *s);

#endif
