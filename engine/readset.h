/*
 * readset.h - what the initialize handler reads: every global path it
 * reads, directly or through the functions it calls, with the chain of
 * calls to the first read of each.  The engine uses it to keep only the
 * late writes that matter to miniport-ready-before-register.
 */
#ifndef NDISLINT_ENGINE_READSET_H
#define NDISLINT_ENGINE_READSET_H

#include "../analyzer/program.h"

/* One global path the initialize handler reads, and where. */
struct read {
	char *path;             /* "G.Lock" */
	int fn;                 /* function that reads it */
	struct model_loc loc;
};

struct reads {
	struct read *v;
	int n, cap;
	int *parent_fn;         /* [fn]: caller in the BFS from the handler */
	int *parent_ev;         /* [fn]: the call event in that caller */
};


/* Breadth first from drv->initialize (which must be analyzed). */
void readset_compute(const struct driver *drv, struct reads *r);
void readset_free(struct reads *r);
/* The first read that overlaps state path `path` (one a prefix of the
 * other at a field boundary: "G" and "G.Lock" overlap, "G.Count" and
 * "G.Lock" do not), or NULL. */
const struct read *readset_overlap(const struct reads *r, const char *path);

#endif
