/*
 * im-protocol-registration - an IM driver's DriverEntry must register its
 * protocol side with NdisRegisterProtocolDriver.
 */
#include "rule.h"

extern const struct rule rule_im_protocol_registration;

/* Adds a path step at the first call to `api` reachable from the entry,
 * if any, saying what it shows. */
static void imp_step_at_call(const struct driver *drv, struct finding *f,
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
 * calls NdisRegisterProtocolDriver.  Silent when a call reached from the
 * entry is unknown: the registration may happen there. */
static void imp_check(const struct driver *drv, struct findings *out)
{
	const struct program *prog = drv->prog;
	const struct model_function *entry;
	struct finding *f;

	if (!drv->is_im ||
	    driver_reaches_call(drv, drv->entry, "NdisRegisterProtocolDriver",
				NULL, NULL) ||
	    driver_reaches_unknown(drv, drv->entry, NULL, NULL))
		return;
	entry = program_fn(prog, drv->entry);
	f = findings_add(out, rule_im_protocol_registration.name, SEV_ERROR,
			 program_loc_file(prog, prog->fns[drv->entry].file,
					  entry->loc),
			 entry->loc.line, entry->loc.col, entry->name,
			 "intermediate driver: %s never calls "
			 "NdisRegisterProtocolDriver to register its "
			 "ProtocolXxx functions", entry->name);
	imp_step_at_call(drv, f, "NdisMRegisterMiniportDriver",
			 "the miniport side is registered here, but the "
			 "protocol side never is");
}

const struct rule rule_im_protocol_registration = {
	.name = "im-protocol-registration",
	.severity = SEV_ERROR,
	.applies_to = "IM",
	.summary = "an intermediate driver's DriverEntry must call "
		"NdisRegisterProtocolDriver",
	.explanation =
		"The lower edge of an NDIS intermediate (IM) driver is a "
		"protocol: it binds to the underlying adapters, receives "
		"their data and sends through them.  NDIS knows the "
		"ProtocolXxx functions (ProtocolBindAdapterEx, "
		"ProtocolUnbindAdapterEx, the receive and completion "
		"handlers, ...) only once DriverEntry passes them in an "
		"NDIS_PROTOCOL_DRIVER_CHARACTERISTICS structure to "
		"NdisRegisterProtocolDriver.\n"
		"\n"
		"This rule reports a driver that shows itself to be an IM "
		"driver (it sets NDIS_INTERMEDIATE_DRIVER in its miniport "
		"characteristics or calls an NdisIM* function) but whose "
		"DriverEntry, with every function it calls in the analyzed "
		"files, never calls NdisRegisterProtocolDriver.  Such a "
		"driver is never bound to an adapter, so its virtual "
		"miniports never come up.\n"
		"\n"
		"The finding is reported at DriverEntry's name.  When "
		"DriverEntry calls a function that no analyzed file defines, "
		"the registration may happen there and nothing is reported; "
		"pass the file that defines it.",
	.bad_example =
		"NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject,\n"
		"                     PUNICODE_STRING RegistryPath)\n"
		"{\n"
		"    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;\n"
		"\n"
		"    NdisZeroMemory(&MChars, sizeof(MChars));\n"
		"    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;\n"
		"    /* ... the MiniportXxx handlers ... */\n"
		"    /* the protocol side is never registered */\n"
		"    return NdisMRegisterMiniportDriver(DriverObject,\n"
		"               RegistryPath, NULL, &MChars, &MpHandle);\n"
		"}\n",
	.good_example =
		"NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject,\n"
		"                     PUNICODE_STRING RegistryPath)\n"
		"{\n"
		"    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;\n"
		"    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;\n"
		"    NDIS_STATUS Status;\n"
		"\n"
		"    /* ... fill MChars with NDIS_INTERMEDIATE_DRIVER ... */\n"
		"    Status = NdisMRegisterMiniportDriver(DriverObject,\n"
		"                 RegistryPath, NULL, &MChars, &MpHandle);\n"
		"    if (Status != NDIS_STATUS_SUCCESS)\n"
		"        return Status;\n"
		"    NdisZeroMemory(&PChars, sizeof(PChars));\n"
		"    PChars.BindAdapterHandlerEx = PtBindAdapter;\n"
		"    /* ... the other ProtocolXxx handlers ... */\n"
		"    Status = NdisRegisterProtocolDriver(NULL, &PChars,\n"
		"                                        &ProtHandle);\n"
		"    if (Status != NDIS_STATUS_SUCCESS) {\n"
		"        NdisMDeregisterMiniportDriver(MpHandle);\n"
		"        return Status;\n"
		"    }\n"
		"    NdisIMAssociateMiniport(MpHandle, ProtHandle);\n"
		"    return Status;\n"
		"}\n",
	.check = imp_check,
};
