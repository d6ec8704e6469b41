/*
 * deregister-without-register - NdisMDeregisterMiniportDriver and
 * NdisDeregisterProtocolDriver only undo a registration that succeeded
 * and was not undone yet.
 */
#include "trace.h"

extern const struct rule rule_deregister_without_register;

static const char *dwr_why(enum reg_state s)
{
	switch (s) {
	case REG_FAILED: return "the registration failed";
	case REG_DEREGISTERED: return "the registration was already undone";
	default: return "the registration never happened";
	}
}

static void dwr_report(const struct driver *drv, const struct engine_issue *is,
		       struct findings *out)
{
	const struct model_function *fn = program_fn(drv->prog, is->fn);
	bool mp = is->reg == REG_MINIPORT;
	struct finding *f = findings_add(out, rule_deregister_without_register.name,
		SEV_ERROR, rule_file(drv, is->fn, is->loc), is->loc.line, is->loc.col,
		fn->name, "%s is called on a path where %s",
		mp ? "NdisMDeregisterMiniportDriver" : "NdisDeregisterProtocolDriver",
		dwr_why(is->why));
	rule_add_trace(f, drv, &is->trace);
}

static void dwr_check(const struct driver *drv, struct findings *out)
{
	rule_each_issue(drv, ISSUE_DEREG_WITHOUT_REG, -1, dwr_report, out);
}

const struct rule rule_deregister_without_register = {
	.name = "deregister-without-register",
	.severity = SEV_ERROR,
	.applies_to = "any",
	.summary = "a deregistration call must undo a registration that succeeded",
	.explanation =
		"NdisMDeregisterMiniportDriver and NdisDeregisterProtocolDriver take "
		"the handle that a successful registration wrote.  Called after the "
		"registration failed, before it happened, or a second time, they "
		"pass NDIS a NULL or stale handle, which crashes or corrupts NDIS's "
		"driver list.\n"
		"\n"
		"The rule follows DriverEntry and the unload handler path by path "
		"and reports each deregistration call reached where the matching "
		"registration failed, never happened, or was already undone.  A "
		"call guarded by a test that only passes after success (a handle "
		"initialized to NULL and tested, a BOOLEAN set after success, the "
		"status itself) is not reported.",
	.bad_example =
		"Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath,\n"
		"                                     NULL, &MChars, &MpHandle);\n"
		"if (Status != NDIS_STATUS_SUCCESS) {\n"
		"    NdisMDeregisterMiniportDriver(MpHandle);   /* never registered */\n"
		"    return Status;\n"
		"}\n",
	.good_example =
		"NDIS_HANDLE MpHandle = NULL;\n"
		"...\n"
		"cleanup:\n"
		"    if (MpHandle != NULL)\n"
		"        NdisMDeregisterMiniportDriver(MpHandle);\n",
	.check = dwr_check,
};
