/*
 * report.h - writers: text, SARIF, the stderr summary, and fingerprints.
 *
 * Writers read a sorted findings list (findings_sort() first) and rule
 * metadata only; they never see the model or libclang.  All of them are
 * reentrant: no global state.
 */
#ifndef NDISLINT_REPORT_H
#define NDISLINT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../analyzer/finding.h"

struct rule;

struct report_options {
	const char *source_root;  /* absolute directory that SARIF uris and
	                             fingerprints are relative to; NULL means
	                             the current directory */
	const char *tool_version; /* NULL: NDISLINT_VERSION if defined */
	int argc;                 /* the command line, recorded in SARIF's */
	char **argv;              /* invocations[0]; argv may be NULL */
	bool quiet;               /* -q: see report_text and report_summary */
};

/*
 * Text format (SPEC.md), one line each, for every finding that is neither
 * suppressed nor baselined, in the list's order:
 *   FILE:LINE:COL: SEVERITY: MESSAGE [RULE]     severity: error|warning|note
 *   FILE:LINE:COL: note: STEP                   one per path-trace step
 *   FILE:LINE:COL: note: MESSAGE: insert "CODE" one per fix-it; newline,
 *                                               tab, backslash and quote in
 *                                               CODE are written \n \t \\ \"
 * then the run notes:
 *   FILE:LINE:COL: note: MESSAGE   or   ndislint: note: MESSAGE (no file)
 * FILE is the path as the finding gives it.  Newlines inside messages are
 * written as spaces so that each record stays on one line.  A suppressed
 * finding is listed, in its place, as
 *   FILE:LINE:COL: note: suppressed [RULE]: REASON   (": REASON" if any)
 * Baselined findings are not written.  With quiet, run notes and the
 * suppressed lines are left out (findings and their notes are always
 * written).
 * Returns 0, or -1 when writing failed.
 */
int report_text(FILE *out, const struct findings *fs,
		const struct report_options *o);

/*
 * SARIF 2.1.0 (JSON, two-space indent, fixed key order).  Every rule of
 * `rules` goes into tool.driver.rules; every finding that is not
 * baselined becomes a result (baselined ones are left out, the others'
 * fingerprints unchanged), suppressed ones with
 * suppressions[{kind "inSource", justification}].
 * Results carry ruleId, ruleIndex (when the rule is in `rules`), level,
 * message, one location (uri relative to the source root with uriBaseId
 * SRCROOT, or an absolute file:// uri for a file outside it), codeFlows
 * for path traces, fixes for fix-its and partialFingerprints
 * {"ndislint/v1": report_fingerprints()}.  Run notes become
 * invocations[0].toolExecutionNotifications.  Returns 0, or -1 when
 * writing failed.
 */
int report_sarif(FILE *out, const struct findings *fs,
		 const struct rule *const *rules, size_t nrules,
		 const struct report_options *o);

/*
 * `--format json`: every finding (suppressed ones marked, baselined ones
 * left out) with its steps,
 * fix-its and fingerprint, the run notes and a summary; the schema is in
 * reports/json.c.  `nfiles` is the number of input files.  Returns 0, or
 * -1 when writing failed.
 */
int report_json(FILE *out, const struct findings *fs, size_t nfiles,
		const struct report_options *o);

/*
 * The one summary line on stderr, e.g.
 *   ndislint: 3 findings (2 errors, 1 warning) in 4 files, 1 suppressed, 2 baselined
 *   ndislint: no findings in 1 file
 * Counts exclude suppressed and baselined findings; ", N suppressed" and
 * ", N baselined" appear only when N is not 0.  `nfiles` is the number of input files checked.  With
 * o->quiet nothing at all is written (o may be NULL).
 */
void report_summary(FILE *err, const struct findings *fs, size_t nfiles,
		    const struct report_options *o);

/*
 * Fingerprints: one malloc'd string of 64 hex digits per finding (index i
 * for fs->items[i]), or NULL when out of memory.  Each is the SHA-256 of
 * "ndislint/v1", the rule, the file path relative to source_root (the
 * absolute path for a file outside it), the text of the reported line with
 * all white space removed (empty when the file cannot be read), the
 * function name, and the ordinal of the finding among the findings of the
 * list that share all of these (0, 1, ... in list order; suppressed
 * findings count).  No line number goes in, so adding unrelated lines
 * above keeps a fingerprint.  source_root NULL means the current
 * directory.  Free with report_fingerprints_free(fps, fs->count).
 */
char **report_fingerprints(const struct findings *fs, const char *source_root);
void report_fingerprints_free(char **fps, size_t n);

/* SHA-256 of `len` bytes as 64 lowercase hex digits plus NUL into hex. */
void report_sha256_hex(const void *data, size_t len, char hex[65]);

/*
 * `path` made absolute (against the current directory) and normalized
 * lexically ("." and ".." and repeated slashes removed).  Malloc'd; NULL
 * when out of memory.
 */
char *report_abspath(const char *path);

/*
 * `file` relative to `root` (NULL: the current directory) when it lies
 * under it, without a leading "./"; otherwise its absolute normalized
 * path, and *inside is set false.  Symbolic links are resolved only when
 * the lexical comparison does not place the file under the root.
 * Malloc'd; NULL when out of memory.
 */
char *report_relpath(const char *file, const char *root, bool *inside);

#endif
