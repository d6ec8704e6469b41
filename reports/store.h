/*
 * store.h - the run store: every `check --db FILE` run recorded in one
 * SQLite database, for baselines (`--baseline`), history ("new" and
 * "fixed") and `ndislint report --db FILE --html DIR`.
 *
 * Schema (version 1, PRAGMA user_version = 1; later versions are forward
 * migrations applied in order, see store.c):
 *   runs      (id, started, finished, tool_version, rules, arguments,
 *              source_root)                      times: UTC ISO-8601
 *                                                "2024-05-01T12:00:00Z";
 *                                                rules: enabled rule names,
 *                                                comma-separated;
 *                                                arguments: the command
 *                                                line as a JSON array
 *   run_files (run_id, path, sha256)             the input files
 *   findings  (id, run_id, ordinal, rule, severity, message, file, line,
 *              col, function, fingerprint, suppressed, suppress_reason,
 *              baselined)                        severity: error|warning|note
 *   steps     (finding_id, ordinal, file, line, col, message)
 *   fixits    (finding_id, ordinal, file, line, col, text, message)
 *   notes     (run_id, ordinal, file, line, col, message)   run notes
 * Paths (run_files, findings, steps, fixits, notes) are stored relative to
 * the run's source root when they lie under it, else absolute.
 *
 * One run is one transaction (BEGIN IMMEDIATE ... COMMIT): a run that
 * fails or is killed leaves no trace and every earlier run intact.  The
 * database is in WAL mode with a 10 s busy timeout, so several ndislint
 * processes can record into one file at once.
 *
 * Every function that can fail writes a one-line reason, starting with the
 * database's path, into err (errsize bytes) and returns NULL or -1.  A
 * refused database is never modified.  No global state: a struct store is
 * used by one thread at a time.
 */
#ifndef NDISLINT_STORE_H
#define NDISLINT_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "../analyzer/finding.h"

/* The schema version this build writes and reads. */
#define STORE_SCHEMA_VERSION 1

struct store;

/* What a recorded run says about itself (store_load_run). */
struct store_run_info {
	long long id;
	long long previous_id;  /* the run recorded before it, 0: none */
	char *started;          /* UTC ISO-8601 */
	char *finished;
	char *tool_version;
	char *rules;            /* enabled rule names, comma-separated */
	char *arguments;        /* command line as a JSON array of strings */
	char *source_root;      /* absolute */
	char **files;           /* [nfiles] input files as stored (relative
	                           to source_root when under it) */
	char **file_sha256;     /* [nfiles] 64 hex digits each */
	size_t nfiles;
};

/* What store_record needs to know about the run besides its findings. */
struct store_run_input {
	const char *started;            /* UTC ISO-8601 (store_now_utc) */
	const char *tool_version;
	const char *rules;              /* enabled rules, comma-separated */
	int argc;                       /* the command line */
	char *const *argv;
	const char *source_root;        /* absolute */
	const char *const *files;       /* input files, as given: read and
	                                   hashed (SHA-256) by store_record */
	size_t nfiles;
};

/*
 * Opens the run store at `path`.
 *   must_exist = false (`check --db`): a missing file is fine; it is
 *     created, with the schema, by the first store_record (so a run that
 *     fails before recording leaves no file).  Its directory must exist
 *     and be writable.
 *   must_exist = true (`report --db`, `--baseline`): the file must exist
 *     and be a run store; it is only read.
 * An existing file is checked without changing it: it must be a SQLite
 * database (else "not a SQLite database"), not corrupt (quick_check),
 * of schema version <= STORE_SCHEMA_VERSION (else "written by a newer
 * ndislint"), and either empty or holding our tables (else "a SQLite
 * database that is not an ndislint run store"); for must_exist = false
 * it must be writable.  Returns NULL with the reason in err.
 */
struct store *store_open(const char *path, bool must_exist, char *err,
			 size_t errsize);

/* Closes the store (NULL is fine). */
void store_close(struct store *st);

/* The current time as UTC ISO-8601 ("2024-05-01T12:00:00Z") into buf
 * (at least 21 bytes). */
void store_now_utc(char *buf, size_t size);

/*
 * Records one run in one transaction: the run, its input files with their
 * SHA-256, every finding of `fs` (suppressed and baselined ones too, with
 * fps[i] its fingerprint from report_fingerprints), steps, fix-its and run
 * notes.  Creates the file and schema, or migrates an older schema, inside
 * the same transaction.  Returns the new run's id, or -1 with the reason
 * in err and nothing changed.
 */
long long store_record(struct store *st, const struct store_run_input *in,
		       const struct findings *fs, char *const *fps,
		       char *err, size_t errsize);

/*
 * Loads run `run_id` (<= 0: the latest run).  `out` (findings_init()ed by
 * the caller, or zeroed) receives its findings in SPEC.md order with their
 * steps, fix-its, suppressed/suppress_reason and baselined flags, and its
 * run notes; paths stored relative are given back joined to the run's
 * source root (absolute), so report_relpath(file, info->source_root)
 * gives the stored form again.  `info` (may be NULL) is filled; free it
 * with store_run_info_free().  `fingerprints` (may be NULL) receives a
 * malloc'd array of out->count malloc'd strings (fingerprint of
 * out->items[i]); free with report_fingerprints_free(fps, out->count).
 * Returns 0; 1 when the store holds no run at all (run_id <= 0) and
 * nothing was filled; -1 with the reason in err (no such run, read error).
 */
int store_load_run(struct store *st, long long run_id, struct findings *out,
		   struct store_run_info *info, char ***fingerprints,
		   char *err, size_t errsize);

/*
 * The fingerprints of every finding of the run recorded just before run
 * `run_id` (<= 0: before the latest run), to tell "new" (not among them)
 * and "fixed" (among them, not in run_id).  *fps is a malloc'd array of
 * *n malloc'd strings (free with report_fingerprints_free(*fps, *n));
 * *n = 0 and *fps = NULL when there is no earlier run.  Returns 0, or -1
 * with the reason in err.
 */
int store_previous_fingerprints(struct store *st, long long run_id,
				char ***fps, size_t *n, char *err,
				size_t errsize);

/*
 * The fingerprints of the latest run (for --baseline), same conventions
 * as store_previous_fingerprints.  A store without any run is an error
 * ("holds no recorded run").
 */
int store_latest_fingerprints(struct store *st, char ***fps, size_t *n,
			      char *err, size_t errsize);

/* Frees what store_load_run put into *info and zeroes it. */
void store_run_info_free(struct store_run_info *info);

/*
 * The fingerprints of a --baseline FILE, sorted (strcmp) for bsearch:
 * either a run store (the fingerprints of its latest run) or a SARIF file
 * that ndislint wrote (runs[0].tool.driver.name "ndislint"; every
 * result's partialFingerprints["ndislint/v1"]).  Any other file, a store
 * without runs, or SARIF from another tool is refused: -1 with the reason
 * in err.  Free with report_fingerprints_free(*fps, *n).
 */
int store_baseline_load(const char *path, char ***fps, size_t *n,
			char *err, size_t errsize);

/* Is fingerprint `fp` in the sorted array of n fingerprints? */
bool store_baseline_has(char *const *fps, size_t n, const char *fp);

/* Does the file start with the SQLite header ("SQLite format 3")? */
bool store_is_sqlite_file(const char *path);

#endif
