/*
 * trace.c - path traces as finding steps (see trace.h).
 */
#include <stdio.h>
#include <string.h>

#include "trace.h"
#include "../analyzer/model_dump.h"

const struct engine_result *rule_engine(const struct driver *drv)
{
	return drv->engine;
}

const char *rule_file(const struct driver *drv, int fn, struct model_loc loc)
{
	return program_loc_file(drv->prog, drv->prog->fns[fn].file, loc);
}

/* One step's words. */
static void step_text(const struct driver *drv, const struct engine_step *s,
		      char *buf, size_t size)
{
	const struct model_function *f = program_fn(drv->prog, s->fn);
	char e[256] = "";

	if (s->expr >= 0)
		model_expr_source(f->exprs, s->expr, e, sizeof(e));
	switch (s->kind) {
	case STEP_REG_OK:
		snprintf(buf, size, "%s succeeds", s->name);
		break;
	case STEP_REG_FAILED:
		snprintf(buf, size, "%s fails", s->name);
		break;
	case STEP_DEREGISTER:
		snprintf(buf, size, "%s is called", s->name);
		break;
	case STEP_BRANCH:
		snprintf(buf, size, "condition `%s` is %s", e, s->taken ? "true" : "false");
		break;
	case STEP_SWITCH:
		if (s->is_default)
			snprintf(buf, size, "switch on `%s` takes the default", e);
		else
			snprintf(buf, size, "switch on `%s` takes case %lld", e, s->case_value);
		break;
	case STEP_CALL:
		snprintf(buf, size, "calls %s", s->name);
		break;
	case STEP_RETURN_FROM:
		snprintf(buf, size, "returns from %s", s->name);
		break;
	case STEP_UNKNOWN_CALL:
		snprintf(buf, size, "calls %s, which no analyzed file defines",
			 s->name ? s->name : "a function through a pointer");
		break;
	case STEP_RETURN:
		if (s->expr >= 0)
			snprintf(buf, size, "%s returns `%s`", f->name, e);
		else
			snprintf(buf, size, "%s returns", f->name);
		break;
	case STEP_UNLOAD:
		snprintf(buf, size, "DriverEntry has succeeded; NDIS later calls the "
			 "unload handler %s", s->name);
		break;
	case STEP_ASSOCIATE:
		snprintf(buf, size, "NdisIMAssociateMiniport is called");
		break;
	case STEP_LATE_WRITE:
		if (s->name)
			snprintf(buf, size, "%s initializes the state while the miniport "
				 "is registered", s->name);
		else
			snprintf(buf, size, "the state is written while the miniport is "
				 "registered");
		break;
	}
}

void rule_add_trace(struct finding *f, const struct driver *drv,
		    const struct engine_trace *t)
{
	for (int i = 0; i < t->nsteps; i++) {
		const struct engine_step *s = &t->steps[i];
		char text[512];
		step_text(drv, s, text, sizeof(text));
		finding_add_step(f, rule_file(drv, s->fn, s->loc), s->loc.line,
				 s->loc.col, "%d: %s", i + 1, text);
	}
}

void rule_reg_handle(const struct driver *drv, const struct engine_issue *is,
		     char *buf, size_t size)
{
	const struct event *ev = engine_reg_event(drv, is);
	snprintf(buf, size, "%s", is->reg == REG_MINIPORT ? "MiniportDriverHandle" :
		 "ProtocolHandle");
	if (!ev)
		return;
	const struct model_function *f = program_fn(drv->prog, is->reg_fn);
	int arg = model_call_arg(f, ev, is->reg == REG_MINIPORT ? 4 : 2);
	while (arg >= 0 && f->exprs[arg].kind == EXPR_UNARY && f->exprs[arg].op == OP_CAST)
		arg = f->exprs[arg].a;
	if (arg < 0)
		return;
	if (f->exprs[arg].kind == EXPR_UNARY && f->exprs[arg].op == OP_ADDR) {
		char path[256];
		if (model_expr_path(f->exprs, f->exprs[arg].a, path, sizeof(path)))
			snprintf(buf, size, "%s", path);
		return;
	}
	/* a pointer to the handle: *p */
	char path[256];
	if (model_expr_path(f->exprs, arg, path, sizeof(path)))
		snprintf(buf, size, "*%s", path);
}

void rule_each_issue(const struct driver *drv, enum issue_kind kind, int reg,
		     rule_issue_fn fn, struct findings *out)
{
	const struct engine_result *r = rule_engine(drv);
	if (!r)
		return;
	for (int i = 0; i < r->nissues; i++) {
		const struct engine_issue *is = &r->issues[i];
		if (is->kind == kind && (reg < 0 || (int)is->reg == reg))
			fn(drv, is, out);
	}
}

void rule_report_at_miniport_registrations(const struct driver *drv,
					   const char *rule, const char *message,
					   struct findings *out)
{
	const struct program *prog = drv->prog;
	for (int id = 0; id < prog->nfns; id++) {
		const struct model_function *fn = program_fn(prog, id);
		if (!drv->reaches[id] || !prog->call_target[id])
			continue;
		for (int e = 0; e < fn->nevents; e++) {
			const struct event *ev = &fn->events[e];
			if (model_call_is(ev, "NdisMRegisterMiniportDriver"))
				findings_add(out, rule, SEV_ERROR, rule_file(drv, id, ev->loc),
					     ev->loc.line, ev->loc.col, fn->name, "%s", message);
		}
	}
}
