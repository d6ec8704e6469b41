/*
 * miniport-ready-before-register - from the moment NdisMRegisterMiniportDriver
 * is called, NDIS may call MiniportInitializeEx: state the initialize handler
 * reads must be set up before the registration.
 *
 * The engine computes the read set (engine/readset.c: every global path
 * the initialize handler reads, directly or through the functions it
 * calls, with the chain of calls to the first read) and reports each write
 * or initializing call to that state made while the miniport registration
 * is in force (ISSUE_LATE_WRITE).  This rule words them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "../engine/readset.h"

extern const struct rule rule_miniport_ready_before_register;

/* The steps from the initialize handler down to the read. */
static void add_read_chain(struct finding *f, const struct driver *drv,
			   const struct reads *r, const struct read *rd, int first)
{
	int chain[64], n = 0;
	for (int fn = rd->fn; fn >= 0 && n < 64; fn = r->parent_fn[fn])
		chain[n++] = fn;
	const struct model_function *init = program_fn(drv->prog, drv->initialize);
	int step = first;
	finding_add_step(f, rule_file(drv, drv->initialize, init->loc), init->loc.line,
			 init->loc.col, "%d: NDIS may now call %s (MiniportInitializeEx)",
			 step++, init->name);
	for (int i = n - 2; i >= 0; i--) {
		int caller = chain[i + 1];
		const struct model_function *cf = program_fn(drv->prog, caller);
		const struct event *ev = &cf->events[r->parent_ev[chain[i]]];
		finding_add_step(f, rule_file(drv, caller, ev->loc), ev->loc.line, ev->loc.col,
				 "%d: %s calls %s", step++, cf->name,
				 program_fn(drv->prog, chain[i])->name);
	}
	const struct model_function *rf = program_fn(drv->prog, rd->fn);
	finding_add_step(f, rule_file(drv, rd->fn, rd->loc), rd->loc.line, rd->loc.col,
			 "%d: %s reads %s", step, rf->name, rd->path);
}

static void report_late(const struct driver *drv, const struct reads *r,
			const struct engine_issue *is, struct findings *out)
{
	if (is->read < 0 || is->read >= r->n)
		return;
	const struct read *rd = &r->v[is->read];
	const struct model_function *fn = program_fn(drv->prog, is->fn);
	const struct model_function *init = program_fn(drv->prog, drv->initialize);
	const struct event *reg = engine_reg_event(drv, is);
	char through[300] = "";
	if (rd->fn != drv->initialize)
		snprintf(through, sizeof(through), " through %s",
			 program_fn(drv->prog, rd->fn)->name);
	struct finding *f = findings_add(out, rule_miniport_ready_before_register.name,
		SEV_ERROR, rule_file(drv, is->fn, is->loc), is->loc.line, is->loc.col,
		fn->name, "%s is %s after NdisMRegisterMiniportDriver (line %u), but %s "
		"reads it%s (line %u)", is->path, is->by_call ? "initialized" : "written",
		reg ? reg->loc.line : 0, init->name, through, rd->loc.line);
	rule_add_trace(f, drv, &is->trace);
	add_read_chain(f, drv, r, rd, is->trace.nsteps + 1);
}

/* No initialize handler: reported at each registration call reached. */
static void rbr_check(const struct driver *drv, struct findings *out)
{
	const struct engine_result *res = rule_engine(drv);
	if (!drv->initialize_handler) {
		if (!driver_reaches_unknown(drv, drv->entry, NULL, NULL))
			rule_report_at_miniport_registrations(drv,
				rule_miniport_ready_before_register.name,
				"no InitializeHandlerEx is registered: NDIS calls "
				"MiniportInitializeEx as soon as the miniport is registered", out);
		return;
	}
	if (!res || !res->reads)
		return;         /* registered, but defined in no analyzed file */
	for (int i = 0; i < res->nissues; i++)
		if (res->issues[i].kind == ISSUE_LATE_WRITE)
			report_late(drv, res->reads, &res->issues[i], out);
}

const struct rule rule_miniport_ready_before_register = {
	.name = "miniport-ready-before-register",
	.severity = SEV_ERROR,
	.applies_to = "miniport",
	.summary = "state that MiniportInitializeEx reads must be set up before "
		"NdisMRegisterMiniportDriver",
	.explanation =
		"NDIS may call the driver's MiniportInitializeEx as soon as "
		"NdisMRegisterMiniportDriver is called (for an IM driver, as soon "
		"as its own NdisIMInitializeDeviceInstanceEx runs, which may be on "
		"another processor while DriverEntry is still going).  Whatever the "
		"initialize handler uses (global spin locks, list heads, lookaside "
		"lists, handles, configuration) must therefore exist before the "
		"registration: set up afterwards, it is a race that shows as a "
		"crash at boot on real machines.\n"
		"\n"
		"The rule collects what the InitializeHandlerEx function reads, "
		"through any depth of calls (a global, its fields, their address "
		"passed to a callee, a local pointing at them), and reports each "
		"write or initializing call (NdisAllocateSpinLock, "
		"InitializeListHead, NdisInitializeNPagedLookasideList, ...) that "
		"DriverEntry or a function it calls makes to that state after a "
		"successful registration and before any deregistration.  The "
		"registration's own handle and, in an IM driver, the protocol "
		"handle are exempt.  A driver that registers no InitializeHandlerEx "
		"is reported at the registration call.",
	.bad_example =
		"Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath,\n"
		"                                     NULL, &MChars, &MpHandle);\n"
		"NdisAllocateSpinLock(&GlobalLock);   /* MpInitialize takes it */\n"
		"InitializeListHead(&AdapterList);\n",
	.good_example =
		"NdisAllocateSpinLock(&GlobalLock);\n"
		"InitializeListHead(&AdapterList);\n"
		"Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath,\n"
		"                                     NULL, &MChars, &MpHandle);\n",
	.check = rbr_check,
};
