/*
 * im-intermediate-flag - an IM driver's miniport characteristics must have
 * NDIS_INTERMEDIATE_DRIVER in Flags at the NdisMRegisterMiniportDriver
 * call, on every path.
 */
#include "trace.h"

extern const struct rule rule_im_intermediate_flag;

static void imf_report(const struct driver *drv, const struct engine_issue *is,
		       struct findings *out)
{
	const struct model_function *fn = program_fn(drv->prog, is->fn);
	struct finding *f = findings_add(out, rule_im_intermediate_flag.name, SEV_ERROR,
		rule_file(drv, is->fn, is->loc), is->loc.line, is->loc.col, fn->name,
		"intermediate driver: the characteristics passed to "
		"NdisMRegisterMiniportDriver lack NDIS_INTERMEDIATE_DRIVER in Flags "
		"(Flags is 0x%llx on this path)", (unsigned long long)is->flags);
	rule_add_trace(f, drv, &is->trace);
}

/* Reports each registration call reached with known Flags that lack the
 * IM bit; unknown Flags (read from the registry, say) are not guessed. */
static void imf_check(const struct driver *drv, struct findings *out)
{
	if (drv->is_im)
		rule_each_issue(drv, ISSUE_FLAGS_LACK_IM, -1, imf_report, out);
}

const struct rule rule_im_intermediate_flag = {
	.name = "im-intermediate-flag",
	.severity = SEV_ERROR,
	.applies_to = "IM",
	.summary = "an intermediate driver must set NDIS_INTERMEDIATE_DRIVER in its "
		"miniport characteristics' Flags",
	.explanation =
		"NDIS tells an intermediate driver's virtual miniports from a "
		"hardware miniport's by the NDIS_INTERMEDIATE_DRIVER bit in the "
		"Flags of the NDIS_MINIPORT_DRIVER_CHARACTERISTICS passed to "
		"NdisMRegisterMiniportDriver.  Without it NDIS treats the driver "
		"as a physical miniport: NdisIMInitializeDeviceInstanceEx fails "
		"and the virtual adapters never come up.\n"
		"\n"
		"The rule follows the characteristics object flow-sensitively to "
		"each registration call: zeroing (NdisZeroMemory, memset), "
		"assignments, `|=` and `&= ~`, struct copies, helpers that fill "
		"the structure through a pointer, and static initializers of a "
		"global.  It reports the call when, on some path, Flags is known "
		"and lacks the bit; a Flags value it cannot know is not guessed.",
	.bad_example =
		"NdisZeroMemory(&MChars, sizeof(MChars));\n"
		"MChars.Flags = NDIS_INTERMEDIATE_DRIVER;\n"
		"if (!UseIm)\n"
		"    MChars.Flags &= ~NDIS_INTERMEDIATE_DRIVER;\n"
		"Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath,\n"
		"                                     NULL, &MChars, &MpHandle);\n",
	.good_example =
		"NdisZeroMemory(&MChars, sizeof(MChars));\n"
		"MChars.Flags = NDIS_INTERMEDIATE_DRIVER;\n"
		"Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath,\n"
		"                                     NULL, &MChars, &MpHandle);\n",
	.check = imf_check,
};
