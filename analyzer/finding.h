/*
 * finding.h - what rules report and writers print.
 *
 * A finding names its file by path (not by model index) so that writers
 * never need the model.  Everything a finding holds is owned by the
 * finding list and freed by findings_free().
 */
#ifndef NDISLINT_FINDING_H
#define NDISLINT_FINDING_H

#include <stdbool.h>
#include <stddef.h>

enum severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };

struct position {
	char *file;             /* path as given on the command line */
	unsigned line, col;     /* 1-based */
};

/* One numbered step of a path trace. */
struct finding_step {
	struct position pos;
	char *message;
};

/* Where a missing call belongs and what to write there. */
struct fixit {
	struct position pos;    /* insert before this position */
	char *text;             /* the code to insert */
	char *message;          /* human explanation */
};

struct finding {
	const char *rule;       /* rule name (static string from the registry) */
	enum severity severity;
	struct position pos;
	char *message;
	char *function;         /* enclosing function, for fingerprints */
	struct finding_step *steps;
	size_t nsteps;
	struct fixit *fixits;
	size_t nfixits;
	bool suppressed;
	char *suppress_reason;
	bool baselined;         /* its fingerprint is in the --baseline: not
	                           reported, does not fail the run, counted */
};

/* Run-level notes (unresolved calls, missing includes, no entry). */
struct run_note {
	struct position pos;    /* pos.file may be NULL */
	char *message;
};

struct findings {
	struct finding *items;
	size_t count, cap;
	struct run_note *notes;
	size_t nnotes, notes_cap;
};

void findings_init(struct findings *fs);
void findings_free(struct findings *fs);

/* Appends a finding; strings are copied.  Returns it so the caller can
 * add steps and fix-its. */
struct finding *findings_add(struct findings *fs, const char *rule,
			     enum severity sev, const char *file,
			     unsigned line, unsigned col, const char *function,
			     const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
void finding_add_step(struct finding *f, const char *file, unsigned line,
		      unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void finding_add_fixit(struct finding *f, const char *file, unsigned line,
		       unsigned col, const char *text, const char *message);
void findings_note(struct findings *fs, const char *file, unsigned line,
		   unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Sorts by file, line, column, rule (SPEC.md's fixed order) and drops exact
 * duplicates (same rule and position). */
void findings_sort(struct findings *fs);

/* Number of findings that are neither suppressed nor baselined. */
size_t findings_active(const struct findings *fs);

#endif
