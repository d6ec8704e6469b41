/*
 * fe_split.h - one big file parsed as two halves at once (see fe_split.c).
 *
 * No libclang here: finding function bodies in the text, blanking them,
 * and joining the two halves' models into one.
 */
#ifndef NDISLINT_FE_SPLIT_H
#define NDISLINT_FE_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

/* A brace block of the text: offsets of its `{` and just past its `}`. */
struct fe_span {
	unsigned begin, end;
};

/* What the lexical scan found: the top-level blocks that look like
 * function bodies, and the preprocessor lines inside them (kept when a
 * body is blanked: a #define there still counts further down). */
struct fe_bodies {
	struct fe_span *bodies;         /* in text order */
	int nbodies;
	struct fe_span *directives;     /* inside bodies, in text order */
	int ndirectives;
};

/* Scans text; false (and nothing found) when its braces, comments or
 * literals do not balance the way a scan without a preprocessor can
 * follow. */
bool fe_find_bodies(const char *text, size_t len, struct fe_bodies *out);
void fe_bodies_free(struct fe_bodies *b);

/* A malloc'd copy of text (len bytes, plus a NUL) with the inside of
 * bodies[first .. first + n) made blanks: every byte becomes a space
 * except line ends and the preprocessor lines, so that every offset,
 * line and column stays what it was. */
char *fe_blank_bodies(const char *text, size_t len, const struct fe_bodies *b,
		      int first, int n);

/* The index that splits the bodies into two runs of about equal text:
 * [0, k) and [k, nbodies), both non-empty (nbodies >= 2). */
int fe_split_point(const struct fe_bodies *b);

/*
 * Joins the models of the two halves: `kept` parsed the text with
 * bodies [k, n) blanked, `other` with [0, k) blanked; skipped[0] and
 * skipped[1] are the main-file text each parse's preprocessor skipped
 * (#if 0), in text order.  Checks first that both parses saw the same
 * functions and that every blanked span was exactly a function's body in
 * both, or skipped text in both (the scan guessed right); false, and
 * both models untouched, when not.  On success the result is `kept`,
 * holding other's functions for the bodies it did not parse, and
 * `other` is consumed (its arena absorbed, the struct freed).
 */
struct fe_ranges {
	struct fe_span *v;
	int n;
};
bool fe_join_halves(struct model_file *kept, struct model_file *other,
		    const struct fe_bodies *b, int k,
		    const struct fe_ranges skipped[2]);

#endif
