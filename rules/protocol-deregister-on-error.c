/*
 * protocol-deregister-on-error - after NdisRegisterProtocolDriver
 * succeeded, a failing DriverEntry must call NdisDeregisterProtocolDriver
 * before it returns.
 */
#include "trace.h"

extern const struct rule rule_protocol_deregister_on_error;

static void pde_report(const struct driver *drv, const struct engine_issue *is,
		       struct findings *out)
{
	rule_report_leak(drv, is, out, &rule_protocol_deregister_on_error,
			 "NdisRegisterProtocolDriver", "NdisDeregisterProtocolDriver");
}

static void pde_check(const struct driver *drv, struct findings *out)
{
	rule_each_issue(drv, ISSUE_LEAK_ON_ERROR, REG_PROTOCOL, pde_report, out);
}

const struct rule rule_protocol_deregister_on_error = {
	.name = "protocol-deregister-on-error",
	.severity = SEV_ERROR,
	.applies_to = "protocol",
	.summary = "a DriverEntry that fails after registering its protocol must "
		"call NdisDeregisterProtocolDriver first",
	.explanation =
		"After NdisRegisterProtocolDriver succeeds, NDIS may call the "
		"driver's ProtocolBindAdapterEx at any time.  If DriverEntry then "
		"returns a failure, the image is unloaded while NDIS still holds "
		"the protocol's handlers.  DriverEntry must call "
		"NdisDeregisterProtocolDriver with the handle the registration "
		"returned before it returns the failure.\n"
		"\n"
		"Reported at each failing `return` of DriverEntry reached with the "
		"protocol registered and not deregistered, with the path that "
		"leads there.  Paths through functions no analyzed file defines "
		"are not reported.",
	.bad_example =
		"Status = NdisRegisterProtocolDriver(NULL, &PChars, &ProtHandle);\n"
		"if (Status != NDIS_STATUS_SUCCESS)\n"
		"    return Status;\n"
		"Status = CreateControlDevice(DriverObject);\n"
		"if (Status != NDIS_STATUS_SUCCESS)\n"
		"    return Status;          /* the protocol stays registered */\n",
	.good_example =
		"Status = CreateControlDevice(DriverObject);\n"
		"if (Status != NDIS_STATUS_SUCCESS) {\n"
		"    NdisDeregisterProtocolDriver(ProtHandle);\n"
		"    return Status;\n"
		"}\n",
	.check = pde_check,
};
