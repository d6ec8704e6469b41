/*
 * cache.c - the result cache (see cache.h): a SQLite file with one table,
 *
 *   entries (key, depkey, deps, model, sum, used)
 *
 * key: SHA-256 of what is known before parsing (versions, rules,
 * directories, arguments, the source's content); deps: one line
 * "SHA256<TAB>PATH" per file the parse read (the hash "absent" for a file
 * that does not exist, such as an include the front end made up); depkey:
 * SHA-256 of deps; model: model_io bytes; sum: their checksum
 * (cache_checksum: cheap, for damage, not for adversaries who could write
 * a valid blob anyway; model_io_read checks the rest); used: the
 * last run (unix time) that stored or hit it.  A lookup takes the rows of
 * the key whose deps, rebuilt from the files' current contents, are the
 * same text.  The file carries its own application_id and a schema
 * version in user_version.
 */
#include <clang-c/Index.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cli.h"
#include "../analyzer/model_io.h"
#include "../reports/report.h"
#include "../rules/rule.h"

#ifndef NDISLINT_VERSION
#define NDISLINT_VERSION "unknown"
#endif

enum {
	CACHE_APP_ID = 0x4E444C43,      /* "NDLC" */
	CACHE_SCHEMA = 2,
	CACHE_PER_KEY = 4,              /* entries kept per lookup key */
	CACHE_MAX_ENTRIES = 50000,      /* least recently used go first */
	CACHE_BUSY_MS = 3000,
};

static const char cache_schema_sql[] =
	"CREATE TABLE IF NOT EXISTS entries ("
	" key TEXT NOT NULL, depkey TEXT NOT NULL, deps TEXT NOT NULL,"
	" model BLOB NOT NULL, sum TEXT NOT NULL, used INTEGER NOT NULL,"
	" PRIMARY KEY (key, depkey));"
	"CREATE INDEX IF NOT EXISTS entries_used ON entries (used);";

/* path -> SHA-256 of its content, for the files of one run. */
struct cache_memo_entry {
	char *path;
	char hash[65];                  /* 64 hex digits, or "absent" */
};

struct cache {
	sqlite3 *db;
	char *path;
	char *base;                     /* run-wide part of every key */
	size_t baselen;
	bool in_txn;                    /* a write transaction is open */
	bool write_failed;              /* warned; nothing more is written */
	long long now;
	struct cache_memo_entry *memo;  /* open addressing, path NULL empty */
	size_t nmemo, capmemo;
};

/* One warning line about the cache. */
static void cache_warn(const struct cache *c, const char *what,
		       const char *detail)
{
	cli_error("warning: cache %s: %s%s%s", c->path, what,
		  detail ? ": " : "", detail ? detail : "");
}

/* NDISLINT_DEBUG_CACHE set and not "0". */
bool cache_debug(void)
{
	const char *v = getenv("NDISLINT_DEBUG_CACHE");
	return v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

/* ------------------------------------------------------------------ */
/* Hashing files                                                       */

/* SHA-256 of a whole file into hex, or "absent" when it cannot be read
 * (a missing file is part of the key as much as a present one). */
static void cache_hash_file(const char *path, char hex[65])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	char *buf = NULL;
	size_t len = 0;

	strcpy(hex, "absent");
	if (fd < 0)
		return;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0) {
		close(fd);
		return;
	}
	buf = malloc((size_t)st.st_size + 1);
	while (buf != NULL) {
		ssize_t n = read(fd, buf + len, (size_t)st.st_size + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || len + (size_t)n > (size_t)st.st_size)
			break;
		len += (size_t)n;
	}
	/* A file that grew while it was read is not hashed: absent. */
	if (buf != NULL && len == (size_t)st.st_size)
		report_sha256_hex(buf, len, hex);
	free(buf);
	close(fd);
}

/* FNV-1a of a path, for the memo table. */
static uint64_t cache_str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Grows the memo table (load under one half). */
static bool cache_memo_grow(struct cache *c)
{
	size_t cap = c->capmemo ? c->capmemo * 2 : 256;
	struct cache_memo_entry *t = calloc(cap, sizeof(*t));

	if (t == NULL)
		return false;
	for (size_t i = 0; i < c->capmemo; i++) {
		if (c->memo[i].path == NULL)
			continue;
		size_t j = (size_t)cache_str_hash(c->memo[i].path) & (cap - 1);
		while (t[j].path != NULL)
			j = (j + 1) & (cap - 1);
		t[j] = c->memo[i];
	}
	free(c->memo);
	c->memo = t;
	c->capmemo = cap;
	return true;
}

/* The content hash of `path`, computed once per run. */
static const char *cache_file_hash(struct cache *c, const char *path)
{
	if (c->nmemo * 2 >= c->capmemo && !cache_memo_grow(c))
		return NULL;
	size_t j = (size_t)cache_str_hash(path) & (c->capmemo - 1);
	while (c->memo[j].path != NULL) {
		if (strcmp(c->memo[j].path, path) == 0)
			return c->memo[j].hash;
		j = (j + 1) & (c->capmemo - 1);
	}
	c->memo[j].path = strdup(path);
	if (c->memo[j].path == NULL)
		return NULL;
	cache_hash_file(path, c->memo[j].hash);
	c->nmemo++;
	return c->memo[j].hash;
}

/* ------------------------------------------------------------------ */
/* Key material                                                        */

/* A growable byte string; NULL data after an allocation failure. */
struct cache_buf {
	char *data;
	size_t len, cap;
	bool failed;
};

/* Appends n bytes. */
static void cache_buf_add(struct cache_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->cap - b->len < n + 1) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap - b->len < n + 1)
			cap *= 2;
		char *p = realloc(b->data, cap);
		if (p == NULL) {
			b->failed = true;
			return;
		}
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Appends a string and its terminating NUL (a field of the key). */
static void cache_buf_field(struct cache_buf *b, const char *s)
{
	s = s ? s : "";
	cache_buf_add(b, s, strlen(s) + 1);
}

/* The run-wide part of every key: formats, versions, rules, directories. */
static bool cache_make_base(struct cache *c, const bool *enabled,
			    const char *include_dir)
{
	struct cache_buf b = { 0 };
	char num[32];
	CXString clang = clang_getClangVersion();
	char *cwd = getcwd(NULL, 0);

	cache_buf_field(&b, "ndislint-cache");
	snprintf(num, sizeof(num), "%d/%d", CACHE_SCHEMA, MODEL_IO_FORMAT);
	cache_buf_field(&b, num);
	cache_buf_field(&b, NDISLINT_VERSION);
	cache_buf_field(&b, clang_getCString(clang));
	clang_disposeString(clang);
	for (size_t i = 0; i < rule_count; i++) {
		if (enabled == NULL || enabled[i])
			cache_buf_add(&b, rule_registry[i]->name,
				      strlen(rule_registry[i]->name) + 1);
	}
	cache_buf_field(&b, "|");
	cache_buf_field(&b, cwd);
	cache_buf_field(&b, include_dir);
	free(cwd);
	if (b.failed || cwd == NULL) {
		free(b.data);
		return false;
	}
	c->base = b.data;
	c->baselen = b.len;
	return true;
}

/* SHA-256 of the run-wide base, the input's directory, path and
 * arguments, and its content's SHA-256 (see cache.h). */
bool cache_key(struct cache *c, const struct cache_input *in, char key[65])
{
	struct cache_buf b = { 0 };
	char num[32];
	char content[65];

	cache_hash_file(in->path, content);
	if (strcmp(content, "absent") == 0)
		return false;
	cache_buf_add(&b, c->base, c->baselen);
	cache_buf_field(&b, in->working_dir);
	cache_buf_field(&b, in->path);
	snprintf(num, sizeof(num), "%d", in->nargs);
	cache_buf_field(&b, num);
	for (int i = 0; i < in->nargs; i++)
		cache_buf_field(&b, in->args[i]);
	cache_buf_field(&b, content);
	if (b.failed) {
		free(b.data);
		return false;
	}
	report_sha256_hex(b.data, b.len, key);
	free(b.data);
	return true;
}

/* The deps text of a list of files with their current hashes; NULL when
 * a name cannot be written in it (a newline or tab) or out of memory. */
static char *cache_deps_text(struct cache *c, const char *const *files,
			     int n)
{
	struct cache_buf b = { 0 };

	for (int i = 0; i < n; i++) {
		const char *hash = cache_file_hash(c, files[i]);
		if (hash == NULL || strpbrk(files[i], "\t\n") != NULL) {
			free(b.data);
			return NULL;
		}
		cache_buf_add(&b, hash, strlen(hash));
		cache_buf_add(&b, "\t", 1);
		cache_buf_add(&b, files[i], strlen(files[i]));
		cache_buf_add(&b, "\n", 1);
	}
	if (b.data == NULL && !b.failed)
		cache_buf_add(&b, "", 0);
	if (b.failed) {
		free(b.data);
		return NULL;
	}
	return b.data;
}

/* The current deps text for the files a stored deps text names. */
static char *cache_deps_now(struct cache *c, const char *stored)
{
	const char **files = NULL;
	int n = 0, cap = 0;
	char *copy = strdup(stored);
	char *text = NULL;
	bool ok = copy != NULL;

	for (char *line = copy; ok && line && *line;) {
		char *nl = strchr(line, '\n');
		char *tab = strchr(line, '\t');
		if (nl == NULL || tab == NULL || tab > nl) {
			ok = false;
			break;
		}
		*nl = '\0';
		if (n >= cap) {
			cap = cap ? cap * 2 : 32;
			const char **p = realloc(files, (size_t)cap * sizeof(*p));
			if (p == NULL) {
				ok = false;
				break;
			}
			files = p;
		}
		files[n++] = tab + 1;
		line = nl + 1;
	}
	if (ok)
		text = cache_deps_text(c, files, n);
	free(files);
	free(copy);
	return text;
}

/* ------------------------------------------------------------------ */
/* The database                                                        */

/* Runs one statement that returns at most one integer (or none). */
static int cache_exec_int(sqlite3 *db, const char *sql, long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && out)
			*out = sqlite3_column_int64(st, 0);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

enum cache_state { CACHE_USABLE, CACHE_BROKEN, CACHE_FOREIGN, CACHE_FAILED };

/* Makes the schema in a fresh (or outdated) file of ours. */
static enum cache_state cache_create(sqlite3 *db, bool drop)
{
	char sql[128];

	if (drop && sqlite3_exec(db, "DROP TABLE IF EXISTS entries", NULL, NULL,
				 NULL) != SQLITE_OK)
		return CACHE_FAILED;
	if (sqlite3_exec(db, cache_schema_sql, NULL, NULL, NULL) != SQLITE_OK)
		return CACHE_FAILED;
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; "
		 "PRAGMA user_version = %d", CACHE_APP_ID, CACHE_SCHEMA);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return CACHE_FAILED;
	return CACHE_USABLE;
}

/* Decides what the opened file is and makes it usable if it is ours. */
static enum cache_state cache_check(sqlite3 *db)
{
	long long app = 0, version = 0, tables = 0;
	int rc = cache_exec_int(db, "PRAGMA application_id", &app);

	if (rc == SQLITE_OK)
		rc = cache_exec_int(db, "PRAGMA user_version", &version);
	if (rc == SQLITE_OK)
		rc = cache_exec_int(db, "SELECT count(*) FROM sqlite_master",
				    &tables);
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
		return CACHE_BROKEN;
	if (rc != SQLITE_OK)
		return CACHE_FAILED;
	if (app == 0 && tables == 0)
		return cache_create(db, false);
	if (app != CACHE_APP_ID)
		return CACHE_FOREIGN;
	if (version != CACHE_SCHEMA)
		return cache_create(db, true);
	rc = cache_exec_int(db, "SELECT count(*) FROM entries", NULL);
	if (rc == SQLITE_OK)
		return CACHE_USABLE;
	return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT || rc == SQLITE_ERROR ?
	       CACHE_BROKEN : CACHE_FAILED;
}

/* Opens the file read-write (created if missing), else read-only. */
static sqlite3 *cache_db_open(struct cache *c)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READWRITE |
				 SQLITE_OPEN_CREATE, NULL);

	if (rc != SQLITE_OK) {
		sqlite3_close(db);
		db = NULL;
		rc = sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READONLY, NULL);
	}
	if (rc != SQLITE_OK) {
		cache_warn(c, "cannot be opened, running without it",
			   db ? sqlite3_errmsg(db) : strerror(errno));
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, CACHE_BUSY_MS);
	sqlite3_extended_result_codes(db, 0);
	return db;
}

/* Opens and checks the database; rebuilds a damaged one once. */
static bool cache_db_setup(struct cache *c)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		c->db = cache_db_open(c);
		if (c->db == NULL)
			return false;
		enum cache_state s = cache_check(c->db);
		if (s == CACHE_USABLE)
			return true;
		sqlite3_close(c->db);
		c->db = NULL;
		if (s == CACHE_FOREIGN) {
			cache_warn(c, "is not an ndislint cache, running without it",
				   NULL);
			return false;
		}
		if (s == CACHE_FAILED || attempt > 0) {
			cache_warn(c, "cannot be used, running without it", NULL);
			return false;
		}
		cache_warn(c, "is damaged or not a cache, rebuilt", NULL);
		if (unlink(c->path) != 0 && errno != ENOENT) {
			cache_warn(c, "cannot be removed, running without it",
				   strerror(errno));
			return false;
		}
	}
	return false;
}

/* mkdir -p of the directory part of path (the default location only). */
static void cache_make_dirs(const char *path)
{
	char *p = strdup(path);

	if (p == NULL)
		return;
	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		(void)mkdir(p, 0700);
		*s = '/';
	}
	free(p);
}

/* $XDG_CACHE_HOME/ndislint/cache.db or ~/.cache/ndislint/cache.db;
 * malloc'd, NULL when there is no home. */
static char *cache_default_path(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char *path = NULL;
	int n;

	if (xdg != NULL && xdg[0] == '/')
		n = asprintf(&path, "%s/ndislint/cache.db", xdg);
	else if (home != NULL && home[0] == '/')
		n = asprintf(&path, "%s/.cache/ndislint/cache.db", home);
	else
		return NULL;
	return n < 0 ? NULL : path;
}

/* Opens, checks or rebuilds the cache (see cache.h). */
struct cache *cache_open(const char *file, const bool *enabled,
			 const char *include_dir)
{
	struct cache *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->now = (long long)time(NULL);
	c->path = file ? strdup(file) : cache_default_path();
	if (c->path == NULL) {
		if (file == NULL)
			cli_error("warning: cache: no $HOME or $XDG_CACHE_HOME, "
				  "running without it");
		free(c);
		return NULL;
	}
	if (file == NULL)
		cache_make_dirs(c->path);
	if (!cache_make_base(c, enabled, include_dir) || !cache_db_setup(c)) {
		cache_close(c);
		return NULL;
	}
	return c;
}

/* Stops writing after a failure, with one warning; none when another
 * ndislint holds the lock (its results are as good as ours). */
static void cache_write_failed(struct cache *c)
{
	int code = sqlite3_errcode(c->db);
	bool busy = code == SQLITE_BUSY || code == SQLITE_LOCKED;

	if (!c->write_failed && !busy)
		cache_warn(c, "cannot be written, results are not stored",
			   sqlite3_errmsg(c->db));
	c->write_failed = true;
	if (c->in_txn)
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	c->in_txn = false;
}

/* Starts the run's write transaction if needed; false when writing is
 * off. */
static bool cache_begin(struct cache *c)
{
	if (c->write_failed)
		return false;
	if (c->in_txn)
		return true;
	if (sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		cache_write_failed(c);
		return false;
	}
	c->in_txn = true;
	return true;
}

/* Keeps the newest entries per key and overall. */
static void cache_evict(struct cache *c)
{
	char sql[512];

	snprintf(sql, sizeof(sql),
		 "DELETE FROM entries WHERE rowid IN (SELECT rowid FROM entries"
		 " ORDER BY used DESC, rowid DESC LIMIT -1 OFFSET %d)",
		 CACHE_MAX_ENTRIES);
	if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		cache_write_failed(c);
}

/* Trims, commits and frees (see cache.h). */
void cache_close(struct cache *c)
{
	if (c == NULL)
		return;
	if (c->db != NULL && c->in_txn) {
		cache_evict(c);
		if (c->in_txn &&
		    sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			cache_write_failed(c);
	}
	sqlite3_close(c->db);
	for (size_t i = 0; i < c->capmemo; i++)
		free(c->memo[i].path);
	free(c->memo);
	free(c->base);
	free(c->path);
	free(c);
}

/* Marks an entry used by this run (best effort). */
static void cache_touch(struct cache *c, long long rowid)
{
	sqlite3_stmt *st = NULL;

	if (!cache_begin(c))
		return;
	if (sqlite3_prepare_v2(c->db, "UPDATE entries SET used = ? WHERE rowid = ?",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, c->now);
		sqlite3_bind_int64(st, 2, rowid);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			cache_write_failed(c);
			return;
		}
	}
	sqlite3_finalize(st);
}

/* A 64-bit checksum of a blob as 16 hex digits: eight bytes at a time,
 * several times faster than SHA-256 on the hot path of a warm run. */
static void cache_checksum(const void *data, size_t len, char hex[65])
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)len;

	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
		p += 8;
		len -= 8;
	}
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	snprintf(hex, 65, "%016llx", (unsigned long long)h);
}

/* Decodes a blob after checking its checksum; NULL when damaged. */
static struct model_file *cache_decode(const void *blob, size_t len,
				       const char *sum)
{
	char hex[65];

	if (blob == NULL || sum == NULL)
		return NULL;
	cache_checksum(blob, len, hex);
	if (strcmp(hex, sum) != 0)
		return NULL;
	return model_io_read(blob, len);
}

/* The newest entry of the key whose files are unchanged, decoded
 * (see cache.h). */
struct model_file *cache_lookup(struct cache *c, const char key[65])
{
	sqlite3_stmt *st = NULL;
	struct model_file *mf = NULL;
	long long hit = -1;
	int rc;

	if (c == NULL || sqlite3_prepare_v2(c->db,
		"SELECT rowid, deps, model, sum FROM entries WHERE key = ?"
		" ORDER BY used DESC", -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return NULL;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	while (mf == NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *deps = (const char *)sqlite3_column_text(st, 1);
		char *now = deps ? cache_deps_now(c, deps) : NULL;
		bool same = now != NULL && strcmp(now, deps) == 0;

		free(now);
		if (!same)
			continue;
		mf = cache_decode(sqlite3_column_blob(st, 2),
				  (size_t)sqlite3_column_bytes(st, 2),
				  (const char *)sqlite3_column_text(st, 3));
		if (mf == NULL)
			cache_warn(c, "an entry is damaged, its file is parsed again",
				   NULL);
		else
			hit = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (hit >= 0)
		cache_touch(c, hit);
	return mf;
}

/* Inserts one entry; false on a database error. */
static bool cache_insert(struct cache *c, const char *key, const char *deps,
			 const unsigned char *blob, size_t len)
{
	sqlite3_stmt *st = NULL;
	char depkey[65], sum[65];
	bool ok;

	report_sha256_hex(deps, strlen(deps), depkey);
	cache_checksum(blob, len, sum);
	if (sqlite3_prepare_v2(c->db, "INSERT OR REPLACE INTO entries"
			       " (key, depkey, deps, model, sum, used)"
			       " VALUES (?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return false;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, depkey, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, deps, -1, SQLITE_STATIC);
	sqlite3_bind_blob64(st, 4, blob, len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, sum, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, c->now);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok;
}

/* Drops all but the newest entries of one key. */
static bool cache_trim_key(struct cache *c, const char *key)
{
	sqlite3_stmt *st = NULL;
	bool ok;

	if (sqlite3_prepare_v2(c->db, "DELETE FROM entries WHERE key = ?1 AND"
			       " rowid NOT IN (SELECT rowid FROM entries WHERE"
			       " key = ?1 ORDER BY used DESC, rowid DESC LIMIT ?2)",
			       -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return false;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, CACHE_PER_KEY);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok;
}

/* Adds the fresh model with its files' current hashes (see cache.h). */
void cache_store(struct cache *c, const char key[65],
		 const struct model_file *mf)
{
	unsigned char *blob = NULL;
	size_t len = 0;
	char *deps;

	if (c == NULL || c->write_failed)
		return;
	deps = cache_deps_text(c, (const char *const *)mf->deps, mf->ndeps);
	if (deps == NULL || !model_io_write(mf, &blob, &len)) {
		free(deps);
		return;
	}
	if (cache_begin(c) &&
	    (!cache_insert(c, key, deps, blob, len) || !cache_trim_key(c, key)))
		cache_write_failed(c);
	free(deps);
	free(blob);
}
