/*
 * im-associate-miniport - an IM driver whose DriverEntry succeeds with both
 * registrations must associate them with NdisIMAssociateMiniport.
 */
#include "trace.h"

extern const struct rule rule_im_associate_miniport;

static void iam_report(const struct driver *drv, const struct engine_issue *is,
		       struct findings *out)
{
	const struct model_function *fn = program_fn(drv->prog, is->fn);
	struct finding *f = findings_add(out, rule_im_associate_miniport.name, SEV_ERROR,
		rule_file(drv, is->fn, is->loc), is->loc.line, is->loc.col, fn->name,
		"intermediate driver: %s can succeed with both registrations done "
		"without calling NdisIMAssociateMiniport after them", fn->name);
	rule_add_trace(f, drv, &is->trace);
}

static void iam_check(const struct driver *drv, struct findings *out)
{
	if (drv->is_im)
		rule_each_issue(drv, ISSUE_NO_ASSOCIATE, -1, iam_report, out);
}

const struct rule rule_im_associate_miniport = {
	.name = "im-associate-miniport",
	.severity = SEV_ERROR,
	.applies_to = "IM",
	.summary = "an intermediate driver must call NdisIMAssociateMiniport after "
		"registering both its halves",
	.explanation =
		"An IM driver's miniport and protocol halves are registered "
		"separately; NdisIMAssociateMiniport tells NDIS that they belong "
		"together, so that NDIS can manage the stack of virtual miniports "
		"over their bindings (power, unbinding, unload order).  It takes "
		"the two handles, so it comes after both registrations succeeded.\n"
		"\n"
		"Reported at DriverEntry's name when a path through it succeeds "
		"with both registrations in place but no NdisIMAssociateMiniport "
		"call after them.",
	.bad_example =
		"Status = NdisRegisterProtocolDriver(NULL, &PChars, &ProtHandle);\n"
		"if (Status != NDIS_STATUS_SUCCESS) { ... }\n"
		"return NDIS_STATUS_SUCCESS;   /* never associated */\n",
	.good_example =
		"Status = NdisRegisterProtocolDriver(NULL, &PChars, &ProtHandle);\n"
		"if (Status != NDIS_STATUS_SUCCESS) { ... }\n"
		"NdisIMAssociateMiniport(MpHandle, ProtHandle);\n"
		"return NDIS_STATUS_SUCCESS;\n",
	.check = iam_check,
};
