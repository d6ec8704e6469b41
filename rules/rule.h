/*
 * rule.h - one rule: its metadata, written once, and its check.
 *
 * `ndislint rules`, `ndislint explain`, SARIF's tool.driver.rules and the
 * HTML report all read this metadata.  A rule reads the driver model
 * (analyzer/program.h) and adds findings; it never touches libclang.
 */
#ifndef NDISLINT_RULE_H
#define NDISLINT_RULE_H

#include "../analyzer/finding.h"
#include "../analyzer/program.h"

struct rule {
	const char *name;        /* stable identifier: `im-intermediate-flag` */
	enum severity severity;
	const char *applies_to;  /* "IM", "miniport", "protocol", "any" */
	const char *summary;     /* one line */
	const char *explanation; /* what it checks and why (paragraphs) */
	const char *bad_example; /* C code that violates it */
	const char *good_example;/* C code that satisfies it */
	/* Adds this rule's findings for one driver. */
	void (*check)(const struct driver *drv, struct findings *out);
};

/* The registry: every rule, in rules.def order. */
extern const struct rule *const rule_registry[];
extern const size_t rule_count;

const struct rule *rule_find(const char *name);

#endif
