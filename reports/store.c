/*
 * store.c - the run store in SQLite (API and schema in store.h).
 *
 * Opening checks an existing file without writing to it; the file and
 * its schema are created, or an older schema migrated, only inside the
 * transaction that records a run, so a refused or failed run changes
 * nothing.  Migrations are an array: entry i takes the schema from
 * version i to version i+1; a new version is one more entry.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report.h"
#include "../rules/rule.h"

/* PRAGMA application_id of a run store ("NDLT"): tells our databases
 * from other SQLite files. */
#define STORE_APPLICATION_ID 0x4E444C54

/* How long a writer waits for another one to finish (milliseconds). */
#define STORE_BUSY_TIMEOUT_MS 10000

struct store {
	char *path;
	sqlite3 *db;            /* NULL until store_record creates the file */
	bool must_exist;        /* opened for reading (report, baseline) */
};

/* Schema migrations: store_migrations[v] takes version v to v+1. */
static const char *const store_migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE runs ("
	" id INTEGER PRIMARY KEY,"
	" started TEXT NOT NULL,"
	" finished TEXT NOT NULL,"
	" tool_version TEXT NOT NULL,"
	" rules TEXT NOT NULL,"
	" arguments TEXT NOT NULL,"
	" source_root TEXT NOT NULL);"
	"CREATE TABLE run_files ("
	" run_id INTEGER NOT NULL REFERENCES runs(id),"
	" ordinal INTEGER NOT NULL,"
	" path TEXT NOT NULL,"
	" sha256 TEXT NOT NULL,"
	" PRIMARY KEY (run_id, ordinal));"
	"CREATE TABLE findings ("
	" id INTEGER PRIMARY KEY,"
	" run_id INTEGER NOT NULL REFERENCES runs(id),"
	" ordinal INTEGER NOT NULL,"
	" rule TEXT NOT NULL,"
	" severity TEXT NOT NULL,"
	" message TEXT NOT NULL,"
	" file TEXT,"
	" line INTEGER NOT NULL,"
	" col INTEGER NOT NULL,"
	" function TEXT,"
	" fingerprint TEXT NOT NULL,"
	" suppressed INTEGER NOT NULL DEFAULT 0,"
	" suppress_reason TEXT,"
	" baselined INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX findings_by_run ON findings(run_id, ordinal);"
	"CREATE INDEX findings_by_fingerprint ON findings(fingerprint);"
	"CREATE TABLE steps ("
	" finding_id INTEGER NOT NULL REFERENCES findings(id),"
	" ordinal INTEGER NOT NULL,"
	" file TEXT,"
	" line INTEGER NOT NULL,"
	" col INTEGER NOT NULL,"
	" message TEXT NOT NULL,"
	" PRIMARY KEY (finding_id, ordinal));"
	"CREATE TABLE fixits ("
	" finding_id INTEGER NOT NULL REFERENCES findings(id),"
	" ordinal INTEGER NOT NULL,"
	" file TEXT,"
	" line INTEGER NOT NULL,"
	" col INTEGER NOT NULL,"
	" text TEXT NOT NULL,"
	" message TEXT,"
	" PRIMARY KEY (finding_id, ordinal));"
	"CREATE TABLE notes ("
	" run_id INTEGER NOT NULL REFERENCES runs(id),"
	" ordinal INTEGER NOT NULL,"
	" file TEXT,"
	" line INTEGER NOT NULL,"
	" col INTEGER NOT NULL,"
	" message TEXT NOT NULL,"
	" PRIMARY KEY (run_id, ordinal));",
};

/* The tables every schema version from 1 on has: a database holding
 * tables but not these is somebody else's. */
static const char *const store_tables[] = {
	"runs", "run_files", "findings", "steps", "fixits", "notes",
};

#define STORE_COUNT(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(STORE_COUNT(store_migrations) == STORE_SCHEMA_VERSION,
	       "one migration per schema version");

/* Writes "PATH: MESSAGE" into err. */
static void store_err(char *err, size_t errsize, const char *path,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void store_err(char *err, size_t errsize, const char *path,
		      const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (err == NULL || errsize == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(err, errsize, "%s: %s", path, msg);
}

/* Writes the reason for a SQLite error code (and the connection's
 * message) into err, in words a user can act on. */
static void store_err_sqlite(char *err, size_t errsize, const char *path,
			     sqlite3 *db, int rc, const char *doing)
{
	int prim = rc & 0xff;
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);

	if (prim == SQLITE_NOTADB)
		store_err(err, errsize, path, "not a SQLite database");
	else if (prim == SQLITE_CORRUPT)
		store_err(err, errsize, path, "corrupt database (%s)", msg);
	else if (prim == SQLITE_READONLY || prim == SQLITE_PERM)
		store_err(err, errsize, path, "cannot %s: not writable (%s)",
			  doing, msg);
	else if (prim == SQLITE_BUSY)
		store_err(err, errsize, path, "cannot %s: database busy for "
			  "more than %d s (%s, code %d)", doing,
			  STORE_BUSY_TIMEOUT_MS / 1000, msg, rc);
	else
		store_err(err, errsize, path, "cannot %s: %s", doing, msg);
}

/* The current time as UTC ISO-8601 (store.h). */
void store_now_utc(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, size, "1970-01-01T00:00:00Z");
}

/* Does the file start with the 16-byte SQLite header? (store.h) */
bool store_is_sqlite_file(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, head, sizeof head);
	close(fd);
	return n == (ssize_t)sizeof head && memcmp(head, magic, 16) == 0;
}

/* The directory part of `path` ("." when it has none). */
static char *store_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t len;
	char *d;

	if (slash == NULL)
		return strdup(".");
	len = slash == path ? 1 : (size_t)(slash - path);
	d = malloc(len + 1);
	if (d != NULL) {
		memcpy(d, path, len);
		d[len] = '\0';
	}
	return d;
}

/* Can a database be created at `path` (or an existing one written, with
 * its -wal and -shm files next to it)?  Checks the directory. */
static bool store_dir_writable(const char *path, char *err, size_t errsize)
{
	char *dir = store_dirname(path);
	struct stat st;
	bool ok = false;

	if (dir == NULL) {
		store_err(err, errsize, path, "out of memory");
		return false;
	}
	if (stat(dir, &st) != 0)
		store_err(err, errsize, path, "cannot create: directory %s: %s",
			  dir, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		store_err(err, errsize, path, "cannot create: %s is not a "
			  "directory", dir);
	else if (access(dir, W_OK | X_OK) != 0)
		store_err(err, errsize, path, "cannot write in directory %s: %s",
			  dir, strerror(errno));
	else
		ok = true;
	free(dir);
	return ok;
}

/* Runs a statement returning one integer (a PRAGMA, a count) into *out.
 * Returns the SQLite result code. */
static int store_int(sqlite3 *db, const char *sql, long long *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	*out = 0;
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

/* Does the database pass PRAGMA quick_check?  Writes the reason when
 * not. */
static bool store_quick_check(struct store *st, char *err, size_t errsize)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &s,
				    NULL);
	bool ok = false;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(s, 0);

		ok = r != NULL && strcmp(r, "ok") == 0;
		if (!ok)
			store_err(err, errsize, st->path, "corrupt database (%s)",
				  r ? r : "integrity check failed");
	} else {
		store_err_sqlite(err, errsize, st->path, st->db, rc, "read it");
	}
	sqlite3_finalize(s);
	return ok;
}

/* Counts the tables of the schema and how many of ours are among them. */
static int store_count_tables(sqlite3 *db, long long *all, long long *ours)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE "
				    "type = 'table' AND name NOT LIKE 'sqlite\\_%' "
				    "ESCAPE '\\'", -1, &s, NULL);

	*all = *ours = 0;
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);

		(*all)++;
		for (size_t i = 0; name && i < STORE_COUNT(store_tables); i++) {
			if (strcmp(name, store_tables[i]) == 0)
				(*ours)++;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Decides whether the open database is ours and which version it has:
 * 0 with *version set when usable (0: empty, to be created), -1 with the
 * reason (a newer schema, somebody else's database, a read error).
 */
static int store_check_schema(struct store *st, long long *version,
			      char *err, size_t errsize)
{
	long long app = 0, all = 0, ours = 0;
	int rc = store_int(st->db, "PRAGMA application_id", &app);

	if (rc == SQLITE_OK)
		rc = store_int(st->db, "PRAGMA user_version", version);
	if (rc == SQLITE_OK)
		rc = store_count_tables(st->db, &all, &ours);
	if (rc != SQLITE_OK) {
		store_err_sqlite(err, errsize, st->path, st->db, rc, "read it");
		return -1;
	}
	if (all == 0 && app == 0 && *version == 0)
		return 0;       /* an empty database: becomes ours */
	if (app != STORE_APPLICATION_ID ||
	    ours != (long long)STORE_COUNT(store_tables) || *version < 1) {
		store_err(err, errsize, st->path, "a SQLite database that is "
			  "not an ndislint run store");
		return -1;
	}
	if (*version > STORE_SCHEMA_VERSION) {
		store_err(err, errsize, st->path, "written by a newer ndislint "
			  "(schema version %lld; this one reads up to %d)",
			  *version, STORE_SCHEMA_VERSION);
		return -1;
	}
	return 0;
}

/* Opens the SQLite connection on an existing file and sets the busy
 * timeout; false with the reason. */
static bool store_connect(struct store *st, int flags, char *err,
			  size_t errsize)
{
	int rc = sqlite3_open_v2(st->path, &st->db, flags, NULL);

	if (rc != SQLITE_OK) {
		store_err_sqlite(err, errsize, st->path, st->db, rc, "open it");
		sqlite3_close(st->db);
		st->db = NULL;
		return false;
	}
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(st->db, 1);
	return true;
}

/* Checks an existing file: SQLite, intact, ours, not newer, writable
 * when it will be written.  Leaves it open in st->db. */
static bool store_open_existing(struct store *st, const struct stat *sb,
				char *err, size_t errsize)
{
	bool writable = access(st->path, R_OK | W_OK) == 0;
	long long version = 0;

	if (!S_ISREG(sb->st_mode)) {
		store_err(err, errsize, st->path, S_ISDIR(sb->st_mode) ?
			  "is a directory" : "not a regular file");
		return false;
	}
	if (access(st->path, R_OK) != 0) {
		store_err(err, errsize, st->path, "cannot read: %s",
			  strerror(errno));
		return false;
	}
	if (sb->st_size > 0 && !store_is_sqlite_file(st->path)) {
		store_err(err, errsize, st->path, "not a SQLite database");
		return false;
	}
	if (!st->must_exist && !writable) {
		store_err(err, errsize, st->path, "cannot record the run: the "
			  "file is not writable");
		return false;
	}
	if (!st->must_exist && !store_dir_writable(st->path, err, errsize))
		return false;
	if (!store_connect(st, writable ? SQLITE_OPEN_READWRITE :
			   SQLITE_OPEN_READONLY, err, errsize))
		return false;
	if (sb->st_size == 0 && st->must_exist) {
		store_err(err, errsize, st->path, "holds no recorded run");
		return false;
	}
	if (!store_quick_check(st, err, errsize) ||
	    store_check_schema(st, &version, err, errsize) != 0)
		return false;
	if (st->must_exist && version == 0) {
		store_err(err, errsize, st->path, "holds no recorded run");
		return false;
	}
	return true;
}

/* Opens the run store (store.h). */
struct store *store_open(const char *path, bool must_exist, char *err,
			 size_t errsize)
{
	struct store *st = calloc(1, sizeof *st);
	struct stat sb;
	bool ok;

	if (st != NULL)
		st->path = strdup(path);
	if (st == NULL || st->path == NULL) {
		free(st);
		store_err(err, errsize, path, "out of memory");
		return NULL;
	}
	st->must_exist = must_exist;
	if (stat(path, &sb) == 0) {
		ok = store_open_existing(st, &sb, err, errsize);
	} else if (errno == ENOENT && !must_exist) {
		ok = store_dir_writable(path, err, errsize);
	} else {
		store_err(err, errsize, path, "%s", strerror(errno));
		ok = false;
	}
	if (!ok) {
		store_close(st);
		return NULL;
	}
	return st;
}

/* Closes the store (store.h). */
void store_close(struct store *st)
{
	if (st == NULL)
		return;
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* ---- recording a run ---------------------------------------------------- */

/* Prepared statements of one recording. */
struct store_rec {
	struct store *st;
	sqlite3_stmt *run, *file, *finding, *step, *fixit, *note;
	const char *root;
	char *err;
	size_t errsize;
};

/* Binds a string, or NULL. */
static int store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

/* Runs a bound insert and resets it; the SQLite result code. */
static int store_step_reset(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The path as stored: relative to the source root when under it.
 * Malloc'd; NULL for a NULL path (or out of memory). */
static char *store_rel(const char *file, const char *root)
{
	bool inside = false;

	if (file == NULL)
		return NULL;
	return report_relpath(file, root, &inside);
}

/* Binds file, line and column at i, i+1, i+2. */
static int store_bind_pos(sqlite3_stmt *s, int i, const struct position *p,
			  const char *root)
{
	char *rel = store_rel(p->file, root);
	int rc = store_bind_text(s, i, rel);

	free(rel);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, i + 1, p->line);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, i + 2, p->col);
	return rc;
}

/* The word stored for a severity. */
static const char *store_severity_name(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/* The command line as a JSON array of strings (bytes that are not UTF-8
 * become '?').  Malloc'd; NULL when out of memory. */
static char *store_args_json(int argc, char *const *argv)
{
	json_t *a = json_array();
	char *out;

	for (int i = 0; a && argv && i < argc; i++) {
		json_t *s = json_string(argv[i]);

		if (s == NULL) {
			char *copy = strdup(argv[i]);

			for (char *p = copy; p && *p; p++) {
				if ((unsigned char)*p >= 0x80)
					*p = '?';
			}
			s = json_string(copy ? copy : "?");
			free(copy);
		}
		json_array_append_new(a, s);
	}
	out = a ? json_dumps(a, JSON_COMPACT) : NULL;
	json_decref(a);
	return out;
}

/* Reads a whole file and hashes it; false when it cannot be read. */
static bool store_hash_file(const char *path, char hex[65])
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, chunk[65536];
	size_t len = 0, n;
	bool ok = true;

	if (f == NULL)
		return false;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		char *grown = realloc(buf, len + n);

		if (grown == NULL) {
			ok = false;
			break;
		}
		buf = grown;
		memcpy(buf + len, chunk, n);
		len += n;
	}
	if (ferror(f))
		ok = false;
	fclose(f);
	if (ok)
		report_sha256_hex(buf ? buf : "", len, hex);
	free(buf);
	return ok;
}

/* Inserts the run row; its id into *id. */
static int store_insert_run(struct store_rec *r,
			    const struct store_run_input *in, long long *id)
{
	char finished[32];
	char *args = store_args_json(in->argc, in->argv);
	sqlite3_stmt *s = r->run;
	int rc;

	if (args == NULL)
		return SQLITE_NOMEM;
	store_now_utc(finished, sizeof finished);
	rc = store_bind_text(s, 1, in->started ? in->started : finished);
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 2, finished);
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 3, in->tool_version ? in->tool_version : "");
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 4, in->rules ? in->rules : "");
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 5, args);
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 6, r->root);
	free(args);
	if (rc == SQLITE_OK)
		rc = store_step_reset(s);
	*id = sqlite3_last_insert_rowid(r->st->db);
	return rc;
}

/* Inserts the input files with their hashes. */
static int store_insert_files(struct store_rec *r,
			      const struct store_run_input *in, long long run)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; rc == SQLITE_OK && i < in->nfiles; i++) {
		char hex[65];
		char *rel;

		if (!store_hash_file(in->files[i], hex)) {
			store_err(r->err, r->errsize, r->st->path, "cannot record "
				  "the run: %s: %s", in->files[i], strerror(errno));
			return SQLITE_ABORT;
		}
		rel = store_rel(in->files[i], r->root);
		rc = sqlite3_bind_int64(r->file, 1, run);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(r->file, 2, (long long)i);
		if (rc == SQLITE_OK)
			rc = store_bind_text(r->file, 3, rel ? rel : in->files[i]);
		if (rc == SQLITE_OK)
			rc = store_bind_text(r->file, 4, hex);
		free(rel);
		if (rc == SQLITE_OK)
			rc = store_step_reset(r->file);
	}
	return rc;
}

/* Inserts the steps and fix-its of the finding stored with id `fid`. */
static int store_insert_trace(struct store_rec *r, const struct finding *f,
			      long long fid)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; rc == SQLITE_OK && i < f->nsteps; i++) {
		rc = sqlite3_bind_int64(r->step, 1, fid);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(r->step, 2, (long long)i);
		if (rc == SQLITE_OK)
			rc = store_bind_pos(r->step, 3, &f->steps[i].pos, r->root);
		if (rc == SQLITE_OK)
			rc = store_bind_text(r->step, 6, f->steps[i].message ?
					     f->steps[i].message : "");
		if (rc == SQLITE_OK)
			rc = store_step_reset(r->step);
	}
	for (size_t i = 0; rc == SQLITE_OK && i < f->nfixits; i++) {
		const struct fixit *x = &f->fixits[i];

		rc = sqlite3_bind_int64(r->fixit, 1, fid);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(r->fixit, 2, (long long)i);
		if (rc == SQLITE_OK)
			rc = store_bind_pos(r->fixit, 3, &x->pos, r->root);
		if (rc == SQLITE_OK)
			rc = store_bind_text(r->fixit, 6, x->text ? x->text : "");
		if (rc == SQLITE_OK)
			rc = store_bind_text(r->fixit, 7, x->message);
		if (rc == SQLITE_OK)
			rc = store_step_reset(r->fixit);
	}
	return rc;
}

/* Inserts finding number `i` of the run with its trace. */
static int store_insert_finding(struct store_rec *r, long long run,
				size_t i, const struct finding *f,
				const char *fp)
{
	sqlite3_stmt *s = r->finding;
	int rc = sqlite3_bind_int64(s, 1, run);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, 2, (long long)i);
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 3, f->rule ? f->rule : "");
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 4, store_severity_name(f->severity));
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 5, f->message ? f->message : "");
	if (rc == SQLITE_OK)
		rc = store_bind_pos(s, 6, &f->pos, r->root);
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 9, f->function);
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 10, fp ? fp : "");
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(s, 11, f->suppressed);
	if (rc == SQLITE_OK)
		rc = store_bind_text(s, 12, f->suppress_reason);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(s, 13, f->baselined);
	if (rc == SQLITE_OK)
		rc = store_step_reset(s);
	if (rc == SQLITE_OK)
		rc = store_insert_trace(r, f, sqlite3_last_insert_rowid(r->st->db));
	return rc;
}

/* Inserts the run notes. */
static int store_insert_notes(struct store_rec *r, long long run,
			      const struct findings *fs)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; rc == SQLITE_OK && i < fs->nnotes; i++) {
		rc = sqlite3_bind_int64(r->note, 1, run);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(r->note, 2, (long long)i);
		if (rc == SQLITE_OK)
			rc = store_bind_pos(r->note, 3, &fs->notes[i].pos, r->root);
		if (rc == SQLITE_OK)
			rc = store_bind_text(r->note, 6, fs->notes[i].message ?
					     fs->notes[i].message : "");
		if (rc == SQLITE_OK)
			rc = store_step_reset(r->note);
	}
	return rc;
}

/* Prepares the insert statements. */
static int store_rec_prepare(struct store_rec *r)
{
	static const char *const sql[6] = {
		"INSERT INTO runs (started, finished, tool_version, rules, "
		"arguments, source_root) VALUES (?, ?, ?, ?, ?, ?)",
		"INSERT INTO run_files (run_id, ordinal, path, sha256) "
		"VALUES (?, ?, ?, ?)",
		"INSERT INTO findings (run_id, ordinal, rule, severity, message, "
		"file, line, col, function, fingerprint, suppressed, "
		"suppress_reason, baselined) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"?, ?, ?, ?)",
		"INSERT INTO steps (finding_id, ordinal, file, line, col, "
		"message) VALUES (?, ?, ?, ?, ?, ?)",
		"INSERT INTO fixits (finding_id, ordinal, file, line, col, text, "
		"message) VALUES (?, ?, ?, ?, ?, ?, ?)",
		"INSERT INTO notes (run_id, ordinal, file, line, col, message) "
		"VALUES (?, ?, ?, ?, ?, ?)",
	};
	sqlite3_stmt **out[6] = {
		&r->run, &r->file, &r->finding, &r->step, &r->fixit, &r->note,
	};
	int rc = SQLITE_OK;

	for (int i = 0; rc == SQLITE_OK && i < 6; i++)
		rc = sqlite3_prepare_v2(r->st->db, sql[i], -1, out[i], NULL);
	return rc;
}

/* Finalizes the insert statements. */
static void store_rec_finalize(struct store_rec *r)
{
	sqlite3_finalize(r->run);
	sqlite3_finalize(r->file);
	sqlite3_finalize(r->finding);
	sqlite3_finalize(r->step);
	sqlite3_finalize(r->fixit);
	sqlite3_finalize(r->note);
}

/* Brings the schema to STORE_SCHEMA_VERSION inside the open write
 * transaction: creates it in an empty database, migrates an older one,
 * refuses a newer or foreign one. */
static int store_migrate(struct store *st, char *err, size_t errsize)
{
	long long version = 0;
	char sql[64];
	int rc;

	if (store_check_schema(st, &version, err, errsize) != 0)
		return SQLITE_ABORT;
	if (version == STORE_SCHEMA_VERSION)
		return SQLITE_OK;
	for (long long v = version; v < STORE_SCHEMA_VERSION; v++) {
		rc = sqlite3_exec(st->db, store_migrations[v], NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return rc;
	}
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
		 STORE_APPLICATION_ID);
	rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		 STORE_SCHEMA_VERSION);
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/* Test hooks (tests/check_store.c): NDISLINT_TEST_STORE_HOLD_MS keeps the
 * write transaction open that long, so two writers overlap;
 * NDISLINT_TEST_FAIL_AFTER_FINDINGS=1 fails the recording after the
 * findings are inserted, =kill kills the process there (SIGKILL), to
 * show that a failed or killed run leaves no trace. */
static int store_test_hooks(struct store_rec *r, bool after_findings)
{
	const char *hold = getenv("NDISLINT_TEST_STORE_HOLD_MS");
	const char *fail = getenv("NDISLINT_TEST_FAIL_AFTER_FINDINGS");

	if (!after_findings && hold != NULL && atoi(hold) > 0) {
		struct timespec ts = { atoi(hold) / 1000,
				       (long)(atoi(hold) % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
	if (!after_findings || fail == NULL || *fail == '\0' ||
	    strcmp(fail, "0") == 0)
		return SQLITE_OK;
	if (strcmp(fail, "kill") == 0)
		raise(SIGKILL);
	store_err(r->err, r->errsize, r->st->path, "cannot record the run: "
		  "failure injected by NDISLINT_TEST_FAIL_AFTER_FINDINGS");
	return SQLITE_ABORT;
}

/* Inserts everything of the run inside the open transaction. */
static int store_insert_all(struct store_rec *r,
			    const struct store_run_input *in,
			    const struct findings *fs, char *const *fps,
			    long long *run)
{
	int rc = store_rec_prepare(r);

	if (rc == SQLITE_OK)
		rc = store_insert_run(r, in, run);
	if (rc == SQLITE_OK)
		rc = store_insert_files(r, in, *run);
	for (size_t i = 0; rc == SQLITE_OK && i < fs->count; i++)
		rc = store_insert_finding(r, *run, i, &fs->items[i],
					  fps ? fps[i] : NULL);
	if (rc == SQLITE_OK)
		rc = store_insert_notes(r, *run, fs);
	if (rc == SQLITE_OK)
		rc = store_test_hooks(r, true);
	store_rec_finalize(r);
	return rc;
}

/* Switches the database to WAL mode: SQLITE_OK once it is in it. */
static int store_set_wal(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1,
				    &s, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(s, 0);

		rc = mode != NULL && strcmp(mode, "wal") == 0 ? SQLITE_OK :
		     SQLITE_BUSY;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Opens (creating) the database for writing and puts it in WAL mode.
 * SQLite does not call the busy handler for the switch to WAL (a second
 * process that finds the file another one is creating gets SQLITE_BUSY
 * at once), so it is retried here for up to the busy timeout. */
static int store_open_for_write(struct store *st)
{
	struct timespec nap = { 0, 20 * 1000000L };
	int rc;

	if (st->db == NULL) {
		rc = sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE |
				     SQLITE_OPEN_CREATE, NULL);
		if (rc != SQLITE_OK)
			return rc;
		sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
		sqlite3_extended_result_codes(st->db, 1);
	}
	rc = store_set_wal(st);
	for (int waited = 0; (rc & 0xff) == SQLITE_BUSY &&
	     waited < STORE_BUSY_TIMEOUT_MS; waited += 20) {
		nanosleep(&nap, NULL);
		rc = store_set_wal(st);
	}
	return rc;
}

/* Records one run in one transaction (store.h). */
long long store_record(struct store *st, const struct store_run_input *in,
		       const struct findings *fs, char *const *fps,
		       char *err, size_t errsize)
{
	struct store_rec r = {
		.st = st, .root = in->source_root, .err = err,
		.errsize = errsize,
	};
	long long run = -1;
	int rc;

	if (err != NULL && errsize > 0)
		err[0] = '\0';
	if (st->must_exist) {
		store_err(err, errsize, st->path, "opened for reading only");
		return -1;
	}
	rc = store_open_for_write(st);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		store_err_sqlite(err, errsize, st->path, st->db, rc,
				 "record the run");
		return -1;
	}
	rc = store_migrate(st, err, errsize);
	if (rc == SQLITE_OK)
		rc = store_test_hooks(&r, false);
	if (rc == SQLITE_OK)
		rc = store_insert_all(&r, in, fs, fps, &run);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		if (err != NULL && errsize > 0 && err[0] == '\0')
			store_err_sqlite(err, errsize, st->path, st->db, rc,
					 "record the run");
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return run;
}

/* ---- reading runs ------------------------------------------------------- */

/* A stored path made usable again: joined to the source root when it is
 * relative.  Malloc'd (NULL for NULL). */
static char *store_abs(const char *stored, const char *root)
{
	size_t n;
	char *out;

	if (stored == NULL)
		return NULL;
	if (stored[0] == '/' || root == NULL || root[0] == '\0')
		return strdup(stored);
	n = strlen(root) + strlen(stored) + 2;
	out = malloc(n);
	if (out != NULL)
		snprintf(out, n, "%s%s%s", root,
			 root[strlen(root) - 1] == '/' ? "" : "/", stored);
	return out;
}

/* Column i as a string (NULL for SQL NULL). */
static const char *store_col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* strdup that keeps NULL. */
static char *store_dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The id of the latest run, or of the run before `before` (> 0); 0 when
 * there is none.  The SQLite result code. */
static int store_run_id(struct store *st, long long before, long long *id)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, before > 0 ?
				    "SELECT max(id) FROM runs WHERE id < ?" :
				    "SELECT max(id) FROM runs", -1, &s, NULL);

	*id = 0;
	if (rc == SQLITE_OK && before > 0)
		rc = sqlite3_bind_int64(s, 1, before);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Fills info from the run row and its files; the run's source root into
 * *root (malloc'd).  SQLITE_NOTFOUND when there is no such run. */
static int store_read_run(struct store *st, long long id,
			  struct store_run_info *info, char **root)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "SELECT started, finished, "
				    "tool_version, rules, arguments, source_root "
				    "FROM runs WHERE id = ?", -1, &s, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*root = store_dup(store_col(s, 5));
		if (info != NULL) {
			info->id = id;
			info->started = store_dup(store_col(s, 0));
			info->finished = store_dup(store_col(s, 1));
			info->tool_version = store_dup(store_col(s, 2));
			info->rules = store_dup(store_col(s, 3));
			info->arguments = store_dup(store_col(s, 4));
			info->source_root = store_dup(store_col(s, 5));
		}
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_NOTFOUND;
	}
	sqlite3_finalize(s);
	return rc;
}

/* Reads the run's input files into info. */
static int store_read_files(struct store *st, long long id,
			    struct store_run_info *info)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "SELECT path, sha256 FROM run_files "
				    "WHERE run_id = ? ORDER BY ordinal", -1, &s,
				    NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, 1, id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t n = info->nfiles + 1;
		char **files = realloc(info->files, n * sizeof *files);
		char **hashes;

		if (files == NULL)
			break;
		info->files = files;
		hashes = realloc(info->file_sha256, n * sizeof *hashes);
		if (hashes == NULL)
			break;
		info->file_sha256 = hashes;
		files[n - 1] = store_dup(store_col(s, 0));
		hashes[n - 1] = store_dup(store_col(s, 1));
		info->nfiles = n;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc == SQLITE_ROW ? SQLITE_NOMEM : rc;
}

/* The severity for a stored word. */
static enum severity store_severity(const char *name)
{
	if (name && strcmp(name, "error") == 0)
		return SEV_ERROR;
	if (name && strcmp(name, "warning") == 0)
		return SEV_WARNING;
	return SEV_NOTE;
}

/* Adds the steps and fix-its stored for finding `fid` to f. */
static int store_read_trace(struct store *st, long long fid,
			    struct finding *f, const char *root)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "SELECT file, line, col, message "
				    "FROM steps WHERE finding_id = ? ORDER BY "
				    "ordinal", -1, &s, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, 1, fid);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		char *file = store_abs(store_col(s, 0), root);

		finding_add_step(f, file, (unsigned)sqlite3_column_int64(s, 1),
				 (unsigned)sqlite3_column_int64(s, 2), "%s",
				 store_col(s, 3) ? store_col(s, 3) : "");
		free(file);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rc;
	rc = sqlite3_prepare_v2(st->db, "SELECT file, line, col, text, message "
				"FROM fixits WHERE finding_id = ? ORDER BY "
				"ordinal", -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, 1, fid);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		char *file = store_abs(store_col(s, 0), root);

		finding_add_fixit(f, file, (unsigned)sqlite3_column_int64(s, 1),
				  (unsigned)sqlite3_column_int64(s, 2),
				  store_col(s, 3), store_col(s, 4));
		free(file);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Appends a fingerprint to a growing array. */
static bool store_push(char ***arr, size_t *n, const char *s)
{
	char **grown = realloc(*arr, (*n + 1) * sizeof **arr);

	if (grown == NULL)
		return false;
	*arr = grown;
	grown[*n] = strdup(s ? s : "");
	if (grown[*n] == NULL)
		return false;
	(*n)++;
	return true;
}

/* Adds one stored finding row (id, rule, severity, message, file, line,
 * col, function, fingerprint, suppressed, reason, baselined) to out. */
static int store_read_finding(struct store *st, sqlite3_stmt *s,
			      struct findings *out, char ***fps, size_t *nfps,
			      const char *root)
{
	const struct rule *rule = rule_find(store_col(s, 1) ? store_col(s, 1) : "");
	char *file;
	struct finding *f;

	if (rule == NULL) {
		/* a rule this build does not know (a newer ndislint wrote it) */
		findings_note(out, NULL, 0, 0, "finding of unknown rule '%s' "
			      "left out", store_col(s, 1) ? store_col(s, 1) : "");
		return SQLITE_OK;
	}
	file = store_abs(store_col(s, 4), root);
	f = findings_add(out, rule->name, store_severity(store_col(s, 2)), file,
			 (unsigned)sqlite3_column_int64(s, 5),
			 (unsigned)sqlite3_column_int64(s, 6), store_col(s, 7),
			 "%s", store_col(s, 3) ? store_col(s, 3) : "");
	free(file);
	f->suppressed = sqlite3_column_int(s, 9) != 0;
	f->suppress_reason = store_dup(store_col(s, 10));
	f->baselined = sqlite3_column_int(s, 11) != 0;
	if (fps != NULL && !store_push(fps, nfps, store_col(s, 8)))
		return SQLITE_NOMEM;
	return store_read_trace(st, sqlite3_column_int64(s, 0), f, root);
}

/* Reads the findings of run `id` into out (and their fingerprints). */
static int store_read_findings(struct store *st, long long id,
			       struct findings *out, char ***fps,
			       const char *root)
{
	sqlite3_stmt *s = NULL;
	size_t nfps = 0;
	int rc = sqlite3_prepare_v2(st->db, "SELECT id, rule, severity, message, "
				    "file, line, col, function, fingerprint, "
				    "suppressed, suppress_reason, baselined FROM "
				    "findings WHERE run_id = ? ORDER BY ordinal",
				    -1, &s, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, 1, id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
		rc = store_read_finding(st, s, out, fps, &nfps, root);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Reads the run notes of run `id` into out. */
static int store_read_notes(struct store *st, long long id,
			    struct findings *out, const char *root)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "SELECT file, line, col, message "
				    "FROM notes WHERE run_id = ? ORDER BY ordinal",
				    -1, &s, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, 1, id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		char *file = store_abs(store_col(s, 0), root);

		findings_note(out, file, (unsigned)sqlite3_column_int64(s, 1),
			      (unsigned)sqlite3_column_int64(s, 2), "%s",
			      store_col(s, 3) ? store_col(s, 3) : "");
		free(file);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Checks that the store can be read (a store opened for writing whose
 * file does not exist yet holds no run). */
static bool store_readable(struct store *st)
{
	return st->db != NULL;
}

/* Loads one run (store.h). */
int store_load_run(struct store *st, long long run_id, struct findings *out,
		   struct store_run_info *info, char ***fingerprints,
		   char *err, size_t errsize)
{
	char *root = NULL;
	long long id = run_id;
	int rc = SQLITE_OK;

	if (info != NULL)
		memset(info, 0, sizeof *info);
	if (fingerprints != NULL)
		*fingerprints = NULL;
	if (!store_readable(st))
		return run_id <= 0 ? 1 : (store_err(err, errsize, st->path,
						    "no run %lld", run_id), -1);
	if (id <= 0)
		rc = store_run_id(st, 0, &id);
	if (rc == SQLITE_OK && id == 0)
		return 1;
	if (rc == SQLITE_OK)
		rc = store_read_run(st, id, info, &root);
	if (rc == SQLITE_NOTFOUND) {
		store_err(err, errsize, st->path, "no run %lld", id);
		return -1;
	}
	if (rc == SQLITE_OK && info != NULL)
		rc = store_run_id(st, id, &info->previous_id);
	if (rc == SQLITE_OK && info != NULL)
		rc = store_read_files(st, id, info);
	if (rc == SQLITE_OK)
		rc = store_read_findings(st, id, out, fingerprints, root);
	if (rc == SQLITE_OK)
		rc = store_read_notes(st, id, out, root);
	free(root);
	if (rc != SQLITE_OK) {
		store_err_sqlite(err, errsize, st->path, st->db, rc, "read it");
		if (fingerprints != NULL && *fingerprints != NULL) {
			report_fingerprints_free(*fingerprints, out->count);
			*fingerprints = NULL;
		}
		findings_free(out);
		store_run_info_free(info);
		return -1;
	}
	return 0;
}

/* The fingerprints of every finding of run `id`. */
static int store_fingerprints_of(struct store *st, long long id, char ***fps,
				 size_t *n)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "SELECT fingerprint FROM findings "
				    "WHERE run_id = ? ORDER BY ordinal", -1, &s,
				    NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, 1, id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
		rc = store_push(fps, n, store_col(s, 0)) ? SQLITE_OK :
		     SQLITE_NOMEM;
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Fingerprints of the run before run_id (store.h). */
int store_previous_fingerprints(struct store *st, long long run_id,
				char ***fps, size_t *n, char *err,
				size_t errsize)
{
	long long id = run_id, prev = 0;
	int rc = SQLITE_OK;

	*fps = NULL;
	*n = 0;
	if (!store_readable(st))
		return 0;
	if (id <= 0)
		rc = store_run_id(st, 0, &id);
	if (rc == SQLITE_OK && id > 0)
		rc = store_run_id(st, id, &prev);
	if (rc == SQLITE_OK && prev > 0)
		rc = store_fingerprints_of(st, prev, fps, n);
	if (rc != SQLITE_OK) {
		store_err_sqlite(err, errsize, st->path, st->db, rc, "read it");
		report_fingerprints_free(*fps, *n);
		*fps = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Fingerprints of the latest run (store.h). */
int store_latest_fingerprints(struct store *st, char ***fps, size_t *n,
			      char *err, size_t errsize)
{
	long long id = 0;
	int rc = SQLITE_OK;

	*fps = NULL;
	*n = 0;
	if (store_readable(st))
		rc = store_run_id(st, 0, &id);
	if (rc == SQLITE_OK && id == 0) {
		store_err(err, errsize, st->path, "holds no recorded run");
		return -1;
	}
	if (rc == SQLITE_OK)
		rc = store_fingerprints_of(st, id, fps, n);
	if (rc != SQLITE_OK) {
		store_err_sqlite(err, errsize, st->path, st->db, rc, "read it");
		report_fingerprints_free(*fps, *n);
		*fps = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Frees a run's description (store.h). */
void store_run_info_free(struct store_run_info *info)
{
	if (info == NULL)
		return;
	free(info->started);
	free(info->finished);
	free(info->tool_version);
	free(info->rules);
	free(info->arguments);
	free(info->source_root);
	for (size_t i = 0; i < info->nfiles; i++) {
		free(info->files[i]);
		free(info->file_sha256[i]);
	}
	free(info->files);
	free(info->file_sha256);
	memset(info, 0, sizeof *info);
}

/* ---- baselines ---------------------------------------------------------- */

/* strcmp for qsort/bsearch over an array of strings. */
static int store_fp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is the fingerprint in the sorted baseline? (store.h) */
bool store_baseline_has(char *const *fps, size_t n, const char *fp)
{
	if (fps == NULL || n == 0 || fp == NULL)
		return false;
	return bsearch(&fp, fps, n, sizeof *fps, store_fp_cmp) != NULL;
}

/* The fingerprints of the latest run of a run store. */
static int store_baseline_store(const char *path, char ***fps, size_t *n,
				char *err, size_t errsize)
{
	struct store *st = store_open(path, true, err, errsize);
	int rc;

	if (st == NULL)
		return -1;
	rc = store_latest_fingerprints(st, fps, n, err, errsize);
	store_close(st);
	return rc;
}

/* runs[0] of a SARIF document that ndislint wrote, or NULL with the
 * reason. */
static json_t *store_sarif_run(json_t *doc, const char *path, char *err,
			       size_t errsize)
{
	json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
	json_t *name = json_object_get(json_object_get(json_object_get(run,
				       "tool"), "driver"), "name");

	if (!json_is_object(doc) || !json_is_string(json_object_get(doc,
								      "version")) ||
	    !json_is_object(run)) {
		store_err(err, errsize, path, "neither an ndislint run store nor "
			  "a SARIF file");
		return NULL;
	}
	if (!json_is_string(name) ||
	    strcmp(json_string_value(name), "ndislint") != 0) {
		store_err(err, errsize, path, "SARIF written by %s, not by "
			  "ndislint", json_is_string(name) ?
			  json_string_value(name) : "an unnamed tool");
		return NULL;
	}
	return run;
}

/* The ndislint/v1 fingerprint of every result of runs[0]. */
static int store_baseline_sarif(const char *path, char ***fps, size_t *n,
				char *err, size_t errsize)
{
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr);
	json_t *run, *results, *res;
	bool ok;
	size_t i;

	if (doc == NULL) {
		store_err(err, errsize, path, "neither an ndislint run store nor "
			  "a SARIF file (%s at line %d)", jerr.text, jerr.line);
		return -1;
	}
	run = store_sarif_run(doc, path, err, errsize);
	results = run ? json_object_get(run, "results") : NULL;
	ok = json_is_array(results);
	if (run != NULL && !ok)
		store_err(err, errsize, path, "SARIF run without results");
	json_array_foreach(ok ? results : NULL, i, res) {
		json_t *fp = json_object_get(json_object_get(res,
					     "partialFingerprints"), "ndislint/v1");

		if (!json_is_string(fp) || !store_push(fps, n,
						       json_string_value(fp))) {
			store_err(err, errsize, path, "SARIF result %zu has no "
				  "ndislint/v1 fingerprint", i);
			ok = false;
			break;
		}
	}
	json_decref(doc);
	if (!ok) {
		report_fingerprints_free(*fps, *n);
		*fps = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Loads a --baseline FILE (store.h). */
int store_baseline_load(const char *path, char ***fps, size_t *n,
			char *err, size_t errsize)
{
	struct stat sb;
	int rc;

	*fps = NULL;
	*n = 0;
	if (stat(path, &sb) != 0) {
		store_err(err, errsize, path, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		store_err(err, errsize, path, S_ISDIR(sb.st_mode) ?
			  "is a directory" : "not a regular file");
		return -1;
	}
	if (sb.st_size == 0) {
		store_err(err, errsize, path, "empty file: holds no recorded run");
		return -1;
	}
	if (store_is_sqlite_file(path))
		rc = store_baseline_store(path, fps, n, err, errsize);
	else
		rc = store_baseline_sarif(path, fps, n, err, errsize);
	if (rc == 0 && *n > 1)
		qsort(*fps, *n, sizeof **fps, store_fp_cmp);
	return rc;
}
