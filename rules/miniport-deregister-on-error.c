/*
 * miniport-deregister-on-error - after NdisMRegisterMiniportDriver
 * succeeded, a failing DriverEntry must call NdisMDeregisterMiniportDriver
 * before it returns.
 */
#include <stdio.h>

#include "trace.h"

extern const struct rule rule_miniport_deregister_on_error;

/* The finding at the failing return, with its trace and the fix-it: the
 * deregistration, with the handle the registration wrote, before it. */
void rule_report_leak(const struct driver *drv, const struct engine_issue *is,
		      struct findings *out, const struct rule *rule,
		      const char *reg_api, const char *dereg_api)
{
	const struct model_function *fn = program_fn(drv->prog, is->fn);
	const struct event *reg = engine_reg_event(drv, is);
	const char *file = rule_file(drv, is->fn, is->loc);
	char handle[256], text[512], why[768];
	unsigned reg_line = reg ? reg->loc.line : 0;

	rule_reg_handle(drv, is, handle, sizeof(handle));
	struct finding *f = findings_add(out, rule->name, SEV_ERROR, file,
		is->loc.line, is->loc.col, fn->name,
		"%s fails here after %s succeeded (line %u) without calling %s",
		program_fn(drv->prog, drv->entry)->name, reg_api, reg_line, dereg_api);
	rule_add_trace(f, drv, &is->trace);
	snprintf(text, sizeof(text), "%s(%s);\n%*s", dereg_api, handle,
		 (int)(is->loc.col > 1 ? is->loc.col - 1 : 0), "");
	snprintf(why, sizeof(why), "call %s(%s) before this return; if the return "
		 "ends a cleanup block that other paths share, guard the call so "
		 "that it runs only after the registration succeeded", dereg_api, handle);
	finding_add_fixit(f, file, is->loc.line, is->loc.col, text, why);
}

static void mde_report(const struct driver *drv, const struct engine_issue *is,
		       struct findings *out)
{
	rule_report_leak(drv, is, out, &rule_miniport_deregister_on_error,
			 "NdisMRegisterMiniportDriver", "NdisMDeregisterMiniportDriver");
}

static void mde_check(const struct driver *drv, struct findings *out)
{
	rule_each_issue(drv, ISSUE_LEAK_ON_ERROR, REG_MINIPORT, mde_report, out);
}

const struct rule rule_miniport_deregister_on_error = {
	.name = "miniport-deregister-on-error",
	.severity = SEV_ERROR,
	.applies_to = "miniport",
	.summary = "a DriverEntry that fails after registering its miniport must "
		"call NdisMDeregisterMiniportDriver first",
	.explanation =
		"Once NdisMRegisterMiniportDriver has returned NDIS_STATUS_SUCCESS, "
		"NDIS holds the driver's registration.  If DriverEntry then fails "
		"(the protocol registration, a device object or an allocation "
		"fails) and returns an error, the system unloads the driver image "
		"while NDIS still refers to it: the next bind or PnP event calls "
		"into freed code.  DriverEntry must call "
		"NdisMDeregisterMiniportDriver with the handle the registration "
		"returned before it returns the failure.\n"
		"\n"
		"The rule walks every path of DriverEntry and the functions it "
		"calls.  A path is reported at its failing `return` when the "
		"registration succeeded on it and no deregistration followed.  "
		"Registration results, copies of the status, BOOLEAN flags, flag "
		"words and handles tested against NULL are followed, so guarded "
		"cleanup is understood.  A path through a function no analyzed "
		"file defines is not reported.",
	.bad_example =
		"Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath,\n"
		"                                     NULL, &MChars, &MpHandle);\n"
		"if (Status != NDIS_STATUS_SUCCESS)\n"
		"    return Status;\n"
		"Status = NdisRegisterProtocolDriver(NULL, &PChars, &ProtHandle);\n"
		"if (Status != NDIS_STATUS_SUCCESS)\n"
		"    return Status;          /* the miniport stays registered */\n",
	.good_example =
		"Status = NdisRegisterProtocolDriver(NULL, &PChars, &ProtHandle);\n"
		"if (Status != NDIS_STATUS_SUCCESS) {\n"
		"    NdisMDeregisterMiniportDriver(MpHandle);\n"
		"    return Status;\n"
		"}\n",
	.check = mde_check,
};
