/*
 * trace.h - what the path rules share: the engine's results for a driver,
 * and its path traces written as numbered finding steps.  Not a rule.
 */
#ifndef NDISLINT_RULES_TRACE_H
#define NDISLINT_RULES_TRACE_H

#include "rule.h"
#include "../engine/engine.h"

/* The engine's results for drv (run by the caller of the rules). */
const struct engine_result *rule_engine(const struct driver *drv);

/* Path of the file holding location loc of function fn. */
const char *rule_file(const struct driver *drv, int fn, struct model_loc loc);

/* Adds the trace's steps to f as "N: what happens" steps. */
void rule_add_trace(struct finding *f, const struct driver *drv,
		    const struct engine_trace *t);

/* The handle a registration call writes (its out-parameter, `&` removed)
 * as written in the source, into buf; "Handle" when unknown. */
void rule_reg_handle(const struct driver *drv, const struct engine_issue *is,
		     char *buf, size_t size);

/* Adds one finding per issue of `kind` (and `reg`, unless reg < 0). */
typedef void (*rule_issue_fn)(const struct driver *drv,
			      const struct engine_issue *is,
			      struct findings *out);
void rule_each_issue(const struct driver *drv, enum issue_kind kind, int reg,
		     rule_issue_fn fn, struct findings *out);

/* The deregister-on-error finding for an issue (miniport and protocol
 * rules share it): message, trace, and the fix-it before the return. */
/* Reports `message` for `rule` at every NdisMRegisterMiniportDriver call
 * in a function the driver reaches (a handler missing from the
 * characteristics the call registers). */
void rule_report_at_miniport_registrations(const struct driver *drv,
					   const char *rule, const char *message,
					   struct findings *out);

void rule_report_leak(const struct driver *drv, const struct engine_issue *is,
		      struct findings *out, const struct rule *rule,
		      const char *reg_api, const char *dereg_api);

/* The deregister-on-unload finding at the unload handler's name. */
void rule_report_unload(const struct driver *drv, const struct engine_issue *is,
			struct findings *out, const struct rule *rule,
			const char *reg_api, const char *dereg_api);

#endif
