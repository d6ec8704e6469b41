/*
 * analysis-incomplete - a parse error inside a function the rules depend
 * on: their verdicts on it cannot be trusted.
 */
#include <string.h>

#include "rule.h"

extern const struct rule rule_analysis_incomplete;

/* The first diagnostic, by position, inside the body of function `id`
 * that means the parse did not understand it: an error, or one of the
 * warnings the front end keeps (an implicit function declaration, an
 * int conversion); -1 when there is none. */
static int inc_first_error(const struct program *prog, int id)
{
	const struct model_function *fn = program_fn(prog, id);
	const struct model_file *mf = program_fn_file(prog, id);
	int best = -1;

	for (int i = 0; i < mf->ndiags; i++) {
		const struct model_diag *d = &mf->diags[i];

		if (d->loc.file != fn->loc.file ||
		    d->offset < fn->body_begin || d->offset >= fn->body_end)
			continue;
		if (best < 0 || d->offset < mf->diags[best].offset)
			best = i;
	}
	return best;
}

/* The quoted name in a diagnostic ("use of undeclared identifier 'X'"),
 * into buf; false when there is none. */
static bool inc_quoted_name(const char *msg, char *buf, size_t size)
{
	const char *q = msg ? strchr(msg, '\'') : NULL;
	const char *r = q ? strchr(q + 1, '\'') : NULL;
	if (!q || !r || r == q + 1 || (size_t)(r - q) > size)
		return false;
	memcpy(buf, q + 1, (size_t)(r - q - 1));
	buf[r - q - 1] = '\0';
	return true;
}

/* Reports, once per function the rules depend on, the first parse error
 * inside its body, with a step naming the header or identifier behind it
 * when known. */
static void inc_check(const struct driver *drv, struct findings *out)
{
	const struct program *prog = drv->prog;

	for (int id = 0; id < prog->nfns; id++) {
		const struct model_function *fn = program_fn(prog, id);
		const struct model_diag *d;
		const char *path;
		struct finding *f;
		char name[256];
		int i;

		if (!drv->depends[id] || fn->in_header)
			continue;
		i = inc_first_error(prog, id);
		if (i < 0)
			continue;
		d = &program_fn_file(prog, id)->diags[i];
		path = program_loc_file(prog, prog->fns[id].file, d->loc);
		f = findings_add(out, rule_analysis_incomplete.name,
				 SEV_WARNING, path, d->loc.line, d->loc.col,
				 fn->name,
				 "%s in %s: %s; findings for this "
				 "function may be incomplete",
				 d->severity >= 3 ? "parse error" : "not understood",
				 fn->name, d->message ? d->message : "(no message)");
		if (d->header_note)
			finding_add_step(f, path, d->loc.line, d->loc.col,
					 "the error comes from header %s",
					 d->header_note);
		else if (inc_quoted_name(d->message, name, sizeof(name)))
			finding_add_step(f, path, d->loc.line, d->loc.col,
					 "'%s' is declared by no header this parse "
					 "read: pass the header that declares it "
					 "(-I or -isystem after --) or define it",
					 name);
	}
}

const struct rule rule_analysis_incomplete = {
	.name = "analysis-incomplete",
	.severity = SEV_WARNING,
	.applies_to = "any",
	.summary = "a parse error inside a function the rules depend on "
		"makes their verdict unreliable",
	.explanation =
		"ndislint reads driver code through a C parser and judges "
		"what it parsed.  When the parser reports an error inside the "
		"body of DriverEntry, of the unload or initialize handler, or "
		"of any function they call, the statement in error (and "
		"sometimes the rest of the block) is missing from the model: "
		"a registration, a deregistration or a status check there is "
		"invisible, so the other rules may report a problem that is "
		"not there or miss one that is.\n"
		"\n"
		"This warning is reported once per such function, at the "
		"first error inside its body, so the other findings can be "
		"weighed.  The other rules still report what they find.  An "
		"error outside these functions is ignored: it cannot change "
		"a verdict.\n"
		"\n"
		"Usual causes are a header that ndislint's bundled WDK "
		"headers do not provide (pass the real ones with -isystem "
		"after --), a macro defined by the build system (pass it "
		"with -D after --), or a vendor extension the parser does "
		"not know.  When the error comes from a header, a note names "
		"it.",
	.bad_example =
		"/* PVENDOR_CONTEXT comes from a vendor header that is not\n"
		"   on the include path: the declaration does not parse, and\n"
		"   the statements that use Ctx are lost with it. */\n"
		"NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject,\n"
		"                     PUNICODE_STRING RegistryPath)\n"
		"{\n"
		"    PVENDOR_CONTEXT Ctx = VendorGetContext();\n"
		"    return RegisterAll(Ctx, DriverObject, RegistryPath);\n"
		"}\n",
	.good_example =
		"/* The same code, checked with the vendor header given:\n"
		"   ndislint check driver.c -- -isystem vendor/include */\n"
		"#include <vendor.h>\n"
		"\n"
		"NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject,\n"
		"                     PUNICODE_STRING RegistryPath)\n"
		"{\n"
		"    PVENDOR_CONTEXT Ctx = VendorGetContext();\n"
		"    return RegisterAll(Ctx, DriverObject, RegistryPath);\n"
		"}\n",
	.check = inc_check,
};
