/*
 * miniport-deregister-on-unload - a driver whose DriverEntry can succeed
 * with its miniport registered must give NDIS an unload handler, and every
 * path through it must call NdisMDeregisterMiniportDriver.
 */
#include "trace.h"

extern const struct rule rule_miniport_deregister_on_unload;

/* Shared with protocol-deregister-on-unload: the finding at the unload
 * handler's name. */
void rule_report_unload(const struct driver *drv, const struct engine_issue *is,
			struct findings *out, const struct rule *rule,
			const char *reg_api, const char *dereg_api)
{
	const struct model_function *fn = program_fn(drv->prog, is->fn);
	const struct event *reg = engine_reg_event(drv, is);
	struct finding *f = findings_add(out, rule->name, SEV_ERROR,
		rule_file(drv, is->fn, is->loc), is->loc.line, is->loc.col, fn->name,
		"unload handler %s can return without calling %s, although %s "
		"succeeded (line %u)", fn->name, dereg_api, reg_api,
		reg ? reg->loc.line : 0);
	rule_add_trace(f, drv, &is->trace);
}

static void mdu_report(const struct driver *drv, const struct engine_issue *is,
		       struct findings *out)
{
	rule_report_unload(drv, is, out, &rule_miniport_deregister_on_unload,
			   "NdisMRegisterMiniportDriver", "NdisMDeregisterMiniportDriver");
}

/* No unload handler at all: reported at each registration call reached. */
static void mdu_check(const struct driver *drv, struct findings *out)
{
	if (!drv->unload_handler) {
		if (!driver_reaches_unknown(drv, drv->entry, NULL, NULL))
			rule_report_at_miniport_registrations(drv,
				rule_miniport_deregister_on_unload.name,
				"no unload handler is registered: set UnloadHandler in the "
				"miniport characteristics to a MiniportDriverUnload that calls "
				"NdisMDeregisterMiniportDriver", out);
		return;
	}
	rule_each_issue(drv, ISSUE_UNLOAD_MISSES, REG_MINIPORT, mdu_report, out);
}

const struct rule rule_miniport_deregister_on_unload = {
	.name = "miniport-deregister-on-unload",
	.severity = SEV_ERROR,
	.applies_to = "miniport",
	.summary = "the MiniportDriverUnload handler must call "
		"NdisMDeregisterMiniportDriver",
	.explanation =
		"When DriverEntry succeeded with its miniport registered, NDIS "
		"calls the MiniportDriverUnload function stored in UnloadHandler "
		"of the characteristics before the driver image goes away.  That "
		"function must call NdisMDeregisterMiniportDriver with the handle "
		"from the registration: otherwise NDIS keeps a registration whose "
		"code is gone.\n"
		"\n"
		"The rule starts the unload handler in every state in which "
		"DriverEntry succeeds with the miniport registered (the handle the "
		"registration wrote is known to be non-NULL there, so a NULL test "
		"before the call is fine) and reports the handler's name when a "
		"path through it returns without deregistering.  A driver that "
		"registers no unload handler at all is reported at the "
		"registration call.",
	.bad_example =
		"VOID MpUnload(PDRIVER_OBJECT DriverObject)\n"
		"{\n"
		"    NdisDeregisterProtocolDriver(ProtHandle);\n"
		"    /* the miniport registration is never undone */\n"
		"}\n",
	.good_example =
		"VOID MpUnload(PDRIVER_OBJECT DriverObject)\n"
		"{\n"
		"    NdisDeregisterProtocolDriver(ProtHandle);\n"
		"    if (MpHandle != NULL)\n"
		"        NdisMDeregisterMiniportDriver(MpHandle);\n"
		"}\n",
	.check = mdu_check,
};
