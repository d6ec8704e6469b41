/*
 * registry.c - the table of every rule, built from rules.def.
 */
#include "rule.h"

#include <string.h>

#define RULE(id) extern const struct rule rule_##id;
#include "rules.def"
#undef RULE

#define RULE(id) &rule_##id,
const struct rule *const rule_registry[] = {
#include "rules.def"
};
#undef RULE

const size_t rule_count = sizeof(rule_registry) / sizeof(rule_registry[0]);

/* The rule with this stable name, or NULL. */
const struct rule *rule_find(const char *name)
{
	for (size_t i = 0; i < rule_count; i++)
		if (strcmp(rule_registry[i]->name, name) == 0)
			return rule_registry[i];
	return NULL;
}
