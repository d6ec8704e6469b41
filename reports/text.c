/*
 * text.c - the compiler-style text output and the stderr summary line.
 *
 * `FILE:LINE:COL: SEVERITY: MESSAGE [RULE]` as GCC and clang-tidy print
 * it, so CI problem matchers and editors pick findings up; path steps and
 * fix-its are `note:` lines, which those matchers skip.
 */
#include "report.h"

#include <string.h>

/* The word printed for a severity. */
static const char *text_severity(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	case SEV_NOTE:
		break;
	}
	return "note";
}

/* Writes a message with newlines (and carriage returns) as spaces. */
static void text_message(FILE *out, const char *msg)
{
	const char *p;

	for (p = msg ? msg : ""; *p; p++)
		fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
}

/* Writes code to insert as one line: newline, tab, backslash and double
 * quote escaped C-style, carriage returns dropped. */
static void text_code(FILE *out, const char *code)
{
	const char *p;

	for (p = code ? code : ""; *p; p++) {
		switch (*p) {
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '"':
			fputs("\\\"", out);
			break;
		case '\r':
			break;
		default:
			fputc(*p, out);
		}
	}
}

/* Writes the `FILE:LINE:COL: ` prefix, or `ndislint: ` without a file. */
static void text_prefix(FILE *out, const struct position *pos)
{
	if (pos->file && pos->line == 0)
		fprintf(out, "%s: ", pos->file);        /* a whole-file note */
	else if (pos->file)
		fprintf(out, "%s:%u:%u: ", pos->file, pos->line, pos->col);
	else
		fputs("ndislint: ", out);
}

/* Writes one finding with its path steps and fix-its. */
static void text_finding(FILE *out, const struct finding *f)
{
	size_t i;

	text_prefix(out, &f->pos);
	fprintf(out, "%s: ", text_severity(f->severity));
	text_message(out, f->message);
	fprintf(out, " [%s]\n", f->rule ? f->rule : "");
	for (i = 0; i < f->nsteps; i++) {
		text_prefix(out, &f->steps[i].pos);
		fputs("note: ", out);
		text_message(out, f->steps[i].message);
		fputc('\n', out);
	}
	for (i = 0; i < f->nfixits; i++) {
		const struct fixit *x = &f->fixits[i];

		text_prefix(out, &x->pos);
		fputs("note: ", out);
		if (x->message && *x->message) {
			text_message(out, x->message);
			fputs(": ", out);
		}
		fputs("insert \"", out);
		text_code(out, x->text);
		fputs("\"\n", out);
	}
}

/* Writes the note that lists a suppressed finding with its reason. */
static void text_suppressed(FILE *out, const struct finding *f)
{
	text_prefix(out, &f->pos);
	fprintf(out, "note: suppressed [%s]", f->rule ? f->rule : "");
	if (f->suppress_reason && *f->suppress_reason) {
		fputs(": ", out);
		text_message(out, f->suppress_reason);
	}
	fputc('\n', out);
}

/* Writes the text report (format in report.h). */
int report_text(FILE *out, const struct findings *fs,
		const struct report_options *o)
{
	bool quiet = o && o->quiet;
	size_t i;

	for (i = 0; i < fs->count; i++) {
		const struct finding *f = &fs->items[i];

		if (f->suppressed && !quiet)
			text_suppressed(out, f);
		else if (!f->suppressed && !f->baselined)
			text_finding(out, f);
	}
	if (!quiet) {
		for (i = 0; i < fs->nnotes; i++) {
			text_prefix(out, &fs->notes[i].pos);
			fputs("note: ", out);
			text_message(out, fs->notes[i].message);
			fputc('\n', out);
		}
	}
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}

/* Appends "N word(s)" to the parenthesized list, with ", " between. */
static void text_count(FILE *err, size_t n, const char *word, bool *first)
{
	if (n == 0)
		return;
	fprintf(err, "%s%zu %s%s", *first ? "" : ", ", n, word,
		n == 1 ? "" : "s");
	*first = false;
}

/* Writes the one summary line (format in report.h). */
void report_summary(FILE *err, const struct findings *fs, size_t nfiles,
		    const struct report_options *o)
{
	size_t by_sev[3] = { 0, 0, 0 };
	size_t i, active = 0, suppressed = 0, baselined = 0;
	bool first = true;

	if (o && o->quiet)
		return;
	for (i = 0; i < fs->count; i++) {
		const struct finding *f = &fs->items[i];

		if (f->suppressed) {
			suppressed++;
			continue;
		}
		if (f->baselined) {
			baselined++;
			continue;
		}
		active++;
		if ((unsigned)f->severity < 3)
			by_sev[f->severity]++;
	}
	if (active == 0) {
		fputs("ndislint: no findings", err);
	} else {
		fprintf(err, "ndislint: %zu finding%s (", active,
			active == 1 ? "" : "s");
		text_count(err, by_sev[SEV_ERROR], "error", &first);
		text_count(err, by_sev[SEV_WARNING], "warning", &first);
		text_count(err, by_sev[SEV_NOTE], "note", &first);
		fputc(')', err);
	}
	fprintf(err, " in %zu file%s", nfiles, nfiles == 1 ? "" : "s");
	if (suppressed)
		fprintf(err, ", %zu suppressed", suppressed);
	if (baselined)
		fprintf(err, ", %zu baselined", baselined);
	fputc('\n', err);
	fflush(err);
}
