/*
 * protocol-deregister-on-unload - in a driver with an unload handler, every
 * path through it must call NdisDeregisterProtocolDriver when the protocol
 * registration succeeded.
 */
#include "trace.h"

extern const struct rule rule_protocol_deregister_on_unload;

static void pdu_report(const struct driver *drv, const struct engine_issue *is,
		       struct findings *out)
{
	rule_report_unload(drv, is, out, &rule_protocol_deregister_on_unload,
			   "NdisRegisterProtocolDriver", "NdisDeregisterProtocolDriver");
}

static void pdu_check(const struct driver *drv, struct findings *out)
{
	if (drv->unload_handler)
		rule_each_issue(drv, ISSUE_UNLOAD_MISSES, REG_PROTOCOL, pdu_report, out);
}

const struct rule rule_protocol_deregister_on_unload = {
	.name = "protocol-deregister-on-unload",
	.severity = SEV_ERROR,
	.applies_to = "protocol",
	.summary = "the unload handler must call NdisDeregisterProtocolDriver",
	.explanation =
		"A driver that registered its protocol side must undo it when it "
		"unloads: otherwise NDIS keeps calling ProtocolBindAdapterEx and "
		"the other handlers of an unloaded image.  For an IM driver the "
		"place is its MiniportDriverUnload; for a protocol driver, the "
		"DriverUnload routine stored in the driver object.\n"
		"\n"
		"The rule starts the unload handler in every state in which "
		"DriverEntry succeeds with the protocol registered and the unload "
		"handler in place, and reports the handler's name when a path "
		"through it returns without NdisDeregisterProtocolDriver.",
	.bad_example =
		"VOID MpUnload(PDRIVER_OBJECT DriverObject)\n"
		"{\n"
		"    NdisMDeregisterMiniportDriver(MpHandle);\n"
		"    /* the protocol stays registered */\n"
		"}\n",
	.good_example =
		"VOID MpUnload(PDRIVER_OBJECT DriverObject)\n"
		"{\n"
		"    if (ProtHandle != NULL)\n"
		"        NdisDeregisterProtocolDriver(ProtHandle);\n"
		"    NdisMDeregisterMiniportDriver(MpHandle);\n"
		"}\n",
	.check = pdu_check,
};
