/*
 * json.c - `--format json`: findings, their path steps and fix-its, run
 * notes and the summary, with a fixed key order (schema below; version
 * bumps on any incompatible change).
 *
 *   {
 *     "schema": "ndislint-findings", "version": 1,
 *     "tool": {"name": "ndislint", "version": "..."},
 *     "source_root": "/abs/root",
 *     "findings": [{
 *       "rule", "severity" ("error"|"warning"|"note"), "file" (relative to
 *       the source root when inside it), "line", "column", "function",
 *       "message", "fingerprint", "suppressed", "suppression_reason"
 *       (string or null),
 *       "steps": [{"file", "line", "column", "message"}],
 *       "fixits": [{"file", "line", "column", "insert", "message"}]
 *     }],
 *     "notes": [{"file" (or null), "line", "column", "message"}],
 *     "summary": {"findings", "errors", "warnings", "suppressed",
 *                 "baselined", "files", "by_rule": {"rule": count, ...}}
 *   }
 *
 * Counts in the summary exclude suppressed and baselined findings, as the
 * text summary does.  Baselined findings (--baseline) are left out of
 * "findings"; suppressed ones are listed, marked.  Findings come in SPEC.md's order: file, line, column, rule.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../rules/rule.h"

static const char *json_severity(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/* The path as reports show it: relative to the root when inside it. */
static json_t *json_path(const char *file, const char *root)
{
	if (!file)
		return json_null();
	bool inside = false;
	char *rel = root ? report_relpath(file, root, &inside) : NULL;
	json_t *j = json_string(rel && inside ? rel : file);
	free(rel);
	return j ? j : json_string("?");
}

/* Adds file, line and column to o. */
static void json_position(json_t *o, const struct position *p, const char *root)
{
	json_object_set_new(o, "file", json_path(p->file, root));
	json_object_set_new(o, "line", json_integer(p->line));
	json_object_set_new(o, "column", json_integer(p->col));
}

/* A string, or "?" when it is not valid UTF-8 (jansson refuses those). */
static json_t *json_text(const char *s)
{
	json_t *j = json_string(s ? s : "");
	return j ? j : json_string("?");
}

static json_t *json_finding(const struct finding *f, const char *fingerprint,
			    const char *root)
{
	json_t *o = json_object();
	json_object_set_new(o, "rule", json_string(f->rule));
	json_object_set_new(o, "severity", json_string(json_severity(f->severity)));
	json_position(o, &f->pos, root);
	json_object_set_new(o, "function", f->function ? json_text(f->function) : json_null());
	json_object_set_new(o, "message", json_text(f->message));
	json_object_set_new(o, "fingerprint", fingerprint ? json_string(fingerprint) : json_null());
	json_object_set_new(o, "suppressed", json_boolean(f->suppressed));
	json_object_set_new(o, "suppression_reason",
			    f->suppress_reason ? json_text(f->suppress_reason) : json_null());
	json_t *steps = json_array();
	for (size_t i = 0; i < f->nsteps; i++) {
		json_t *s = json_object();
		json_position(s, &f->steps[i].pos, root);
		json_object_set_new(s, "message", json_text(f->steps[i].message));
		json_array_append_new(steps, s);
	}
	json_object_set_new(o, "steps", steps);
	json_t *fixits = json_array();
	for (size_t i = 0; i < f->nfixits; i++) {
		json_t *x = json_object();
		json_position(x, &f->fixits[i].pos, root);
		json_object_set_new(x, "insert", json_text(f->fixits[i].text));
		json_object_set_new(x, "message", json_text(f->fixits[i].message));
		json_array_append_new(fixits, x);
	}
	json_object_set_new(o, "fixits", fixits);
	return o;
}

static json_t *json_summary(const struct findings *fs, size_t nfiles)
{
	json_int_t errors = 0, warnings = 0, suppressed = 0, total = 0;
	json_int_t baselined = 0;
	json_t *by_rule = json_object();
	for (size_t i = 0; i < fs->count; i++) {
		const struct finding *f = &fs->items[i];
		if (f->suppressed) {
			suppressed++;
			continue;
		}
		if (f->baselined) {
			baselined++;
			continue;
		}
		total++;
		errors += f->severity == SEV_ERROR;
		warnings += f->severity == SEV_WARNING;
		json_t *c = json_object_get(by_rule, f->rule);
		json_object_set_new(by_rule, f->rule,
				    json_integer(c ? json_integer_value(c) + 1 : 1));
	}
	json_t *s = json_object();
	json_object_set_new(s, "findings", json_integer(total));
	json_object_set_new(s, "errors", json_integer(errors));
	json_object_set_new(s, "warnings", json_integer(warnings));
	json_object_set_new(s, "suppressed", json_integer(suppressed));
	json_object_set_new(s, "baselined", json_integer(baselined));
	json_object_set_new(s, "files", json_integer((json_int_t)nfiles));
	json_object_set_new(s, "by_rule", by_rule);
	return s;
}

int report_json(FILE *out, const struct findings *fs, size_t nfiles,
		const struct report_options *o)
{
	const char *root = o ? o->source_root : NULL;
	char **fps = report_fingerprints(fs, root);
	json_t *doc = json_object();
	json_t *tool = json_object();

	json_object_set_new(doc, "schema", json_string("ndislint-findings"));
	json_object_set_new(doc, "version", json_integer(1));
	json_object_set_new(tool, "name", json_string("ndislint"));
	json_object_set_new(tool, "version",
			    json_string(o && o->tool_version ? o->tool_version : ""));
	json_object_set_new(doc, "tool", tool);
	json_object_set_new(doc, "source_root", root ? json_text(root) : json_null());
	json_t *findings = json_array();
	for (size_t i = 0; i < fs->count; i++) {
		if (fs->items[i].baselined)
			continue;       /* not reported; counted in the summary */
		json_array_append_new(findings, json_finding(&fs->items[i],
							     fps ? fps[i] : NULL, root));
	}
	json_object_set_new(doc, "findings", findings);
	json_t *notes = json_array();
	for (size_t i = 0; i < fs->nnotes; i++) {
		json_t *n = json_object();
		json_position(n, &fs->notes[i].pos, root);
		json_object_set_new(n, "message", json_text(fs->notes[i].message));
		json_array_append_new(notes, n);
	}
	json_object_set_new(doc, "notes", notes);
	json_object_set_new(doc, "summary", json_summary(fs, nfiles));

	int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	json_decref(doc);
	if (fps)
		report_fingerprints_free(fps, fs->count);
	return rc == 0 && !ferror(out) ? 0 : -1;
}
