/*
 * cache.h - the result cache: per input file, the model the front end
 * extracted, kept in a SQLite file so that a later run with the same
 * inputs skips libclang for that file.
 *
 * A model is found again only when everything that made it is the same:
 * the source's content and the content of every file its parse read (each
 * header it includes), the parser arguments as normalized for the input,
 * the directories they are taken from, the tool and libclang versions and
 * the enabled rules.  The lookup key hashes what is known before parsing;
 * each entry also lists the files the parse read with the SHA-256 of
 * their content, checked again at lookup, so a changed header invalidates
 * exactly the files that include it.
 *
 * The cache is never trusted and never fatal: a file that is not a cache
 * (or is damaged) is rebuilt, one that cannot be opened or written is
 * bypassed, each time with one warning line on stderr; a blob that fails
 * its checksum or does not decode is a miss.  All calls are made from one
 * thread.
 */
#ifndef NDISLINT_CACHE_H
#define NDISLINT_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "../analyzer/model.h"

struct cache;

/* What the model of one input depends on besides file contents. */
struct cache_input {
	const char *path;                 /* the source, as parsed */
	const char *const *args;          /* parser arguments */
	int nargs;
	const char *working_dir;          /* NULL: the current directory */
};

/* Opens the cache `file` (NULL: $XDG_CACHE_HOME/ndislint/cache.db, else
 * ~/.cache/ndislint/cache.db, directories created).  `enabled`
 * ([rule_count]) and `include_dir` (the bundled headers) go into every
 * key.  Returns NULL after a warning when the cache cannot be used. */
struct cache *cache_open(const char *file, const bool *enabled,
			 const char *include_dir);

/* Commits what cache_store added and closes the cache (NULL is fine). */
void cache_close(struct cache *c);

/* The lookup key of an input (64 hex digits); false when the source
 * cannot be read (it is then parsed, and not stored). */
bool cache_key(struct cache *c, const struct cache_input *in, char key[65]);

/* The model stored for key, if the files its parse read are unchanged;
 * NULL on a miss. */
struct model_file *cache_lookup(struct cache *c, const char key[65]);

/* Stores the model of a fresh parse under key (written at cache_close, in
 * one transaction). */
void cache_store(struct cache *c, const char key[65],
		 const struct model_file *mf);

/* Does NDISLINT_DEBUG_CACHE ask for a "cache hit FILE" / "cache miss
 * FILE" line per input on stderr? */
bool cache_debug(void);

#endif
