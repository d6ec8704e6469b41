/*
 * im-miniport-registration - an IM driver's DriverEntry must register its
 * miniport side with NdisMRegisterMiniportDriver.
 */
#include "rule.h"

extern const struct rule rule_im_miniport_registration;

/* Adds a path step at the first call to `api` reachable from the entry,
 * if any, saying what it shows. */
static void imm_step_at_call(const struct driver *drv, struct finding *f,
			     const char *api, const char *what)
{
	const struct program *prog = drv->prog;
	const struct model_function *fn;
	struct model_loc loc;
	int where_fn, where_ev;

	if (!driver_reaches_call(drv, drv->entry, api, &where_fn, &where_ev))
		return;
	fn = program_fn(prog, where_fn);
	loc = fn->events[where_ev].loc;
	finding_add_step(f, program_loc_file(prog, prog->fns[where_fn].file,
					     loc),
			 loc.line, loc.col, "%s", what);
}

/* Reports an IM driver whose DriverEntry, with everything it calls, never
 * calls NdisMRegisterMiniportDriver.  Silent when a call reached from the
 * entry is unknown: the registration may happen there. */
static void imm_check(const struct driver *drv, struct findings *out)
{
	const struct program *prog = drv->prog;
	const struct model_function *entry;
	struct finding *f;

	if (!drv->is_im ||
	    driver_reaches_call(drv, drv->entry, "NdisMRegisterMiniportDriver",
				NULL, NULL) ||
	    driver_reaches_unknown(drv, drv->entry, NULL, NULL))
		return;
	entry = program_fn(prog, drv->entry);
	f = findings_add(out, rule_im_miniport_registration.name, SEV_ERROR,
			 program_loc_file(prog, prog->fns[drv->entry].file,
					  entry->loc),
			 entry->loc.line, entry->loc.col, entry->name,
			 "intermediate driver: %s never calls "
			 "NdisMRegisterMiniportDriver to register its "
			 "MiniportXxx functions", entry->name);
	imm_step_at_call(drv, f, "NdisRegisterProtocolDriver",
			 "the protocol side is registered here, but the "
			 "miniport side never is");
}

const struct rule rule_im_miniport_registration = {
	.name = "im-miniport-registration",
	.severity = SEV_ERROR,
	.applies_to = "IM",
	.summary = "an intermediate driver's DriverEntry must call "
		"NdisMRegisterMiniportDriver",
	.explanation =
		"An NDIS intermediate (IM) driver is two drivers in one: a "
		"protocol at its lower edge, bound to the real adapters, and "
		"a miniport at its upper edge, exposing virtual adapters to "
		"the protocols above.  NDIS learns about the miniport half "
		"only when DriverEntry calls NdisMRegisterMiniportDriver with "
		"an NDIS_MINIPORT_DRIVER_CHARACTERISTICS structure that lists "
		"the MiniportXxx functions and has NDIS_INTERMEDIATE_DRIVER "
		"set in Flags.\n"
		"\n"
		"This rule reports a driver that shows itself to be an IM "
		"driver (it sets NDIS_INTERMEDIATE_DRIVER in Flags or calls "
		"an NdisIM* function) but whose DriverEntry, "
		"with every function it calls in the analyzed files, never "
		"calls NdisMRegisterMiniportDriver.  Without that call NDIS "
		"never calls the driver's MiniportInitializeEx, so "
		"NdisIMInitializeDeviceInstanceEx cannot bring up the virtual "
		"miniports.\n"
		"\n"
		"The finding is reported at DriverEntry's name.  When "
		"DriverEntry calls a function that no analyzed file defines, "
		"the registration may happen there and nothing is reported; "
		"pass the file that defines it.",
	.bad_example =
		"NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject,\n"
		"                     PUNICODE_STRING RegistryPath)\n"
		"{\n"
		"    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;\n"
		"    NDIS_STATUS Status;\n"
		"\n"
		"    NdisZeroMemory(&PChars, sizeof(PChars));\n"
		"    /* ... fill PChars ... */\n"
		"    Status = NdisRegisterProtocolDriver(NULL, &PChars,\n"
		"                                        &ProtHandle);\n"
		"    if (Status == NDIS_STATUS_SUCCESS)\n"
		"        NdisIMAssociateMiniport(MpHandle, ProtHandle);\n"
		"    /* the miniport side is never registered */\n"
		"    return Status;\n"
		"}\n",
	.good_example =
		"NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject,\n"
		"                     PUNICODE_STRING RegistryPath)\n"
		"{\n"
		"    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;\n"
		"    NDIS_STATUS Status;\n"
		"\n"
		"    NdisZeroMemory(&MChars, sizeof(MChars));\n"
		"    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;\n"
		"    MChars.InitializeHandlerEx = MpInitialize;\n"
		"    MChars.UnloadHandler = MpUnload;\n"
		"    /* ... the other MiniportXxx handlers ... */\n"
		"    Status = NdisMRegisterMiniportDriver(DriverObject,\n"
		"                 RegistryPath, NULL, &MChars, &MpHandle);\n"
		"    if (Status != NDIS_STATUS_SUCCESS)\n"
		"        return Status;\n"
		"    /* ... then NdisRegisterProtocolDriver and\n"
		"       NdisIMAssociateMiniport ... */\n"
		"    return Status;\n"
		"}\n",
	.check = imm_check,
};
