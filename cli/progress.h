/*
 * progress.h - the one-line progress display of a run on a terminal:
 *
 *   ndislint: [12/40] src/miniport.c
 *
 * written on stderr, redrawn in place with \r, shown only once the run has
 * taken about a second, and erased at the end.  Nothing at all is written
 * when stderr is not a terminal or with -q.  Only the thread that created
 * it calls these functions.
 */
#ifndef NDISLINT_PROGRESS_H
#define NDISLINT_PROGRESS_H

#include <stdbool.h>

struct progress;

/* A display for `total` files; `quiet` (-q) turns it off.  NULL (a valid
 * argument to the others) when it is off. */
struct progress *progress_new(int total, bool quiet);

/* `done` files finished, `current` (may be NULL) being parsed: redraws
 * when due (at most ten times a second, after the first second). */
void progress_update(struct progress *p, int done, const char *current);

/* Erases the line if it was shown and frees p. */
void progress_end(struct progress *p);

#endif
