/*
 * initcalls.h - the table of APIs that initialize state through their
 * arguments, and of those that release it.  One line per API; see
 * initcalls.c.
 */
#ifndef NDISLINT_ENGINE_INITCALLS_H
#define NDISLINT_ENGINE_INITCALLS_H

#include <stdbool.h>
#include <stddef.h>

struct initcall {
	const char *name;       /* the API, as recognized at the call site */
	unsigned args;          /* bit i: argument i is initialized (through
	                           its address) */
	bool releases;          /* frees or tears down: never an
	                           initialization */
};

/* The number of entries, and entry i (i < initcall_count()): for
 * tables built over the names. */
size_t initcall_count(void);
const struct initcall *initcall_at(size_t i);

/* The entry for this call's name (function or outermost macro), or NULL. */
struct event;
const struct initcall *initcall_find(const struct event *ev);

#endif
