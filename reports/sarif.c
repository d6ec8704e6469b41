/*
 * sarif.c - SARIF 2.1.0 output through jansson.
 *
 * The document is built as a jansson tree in the order a reader expects
 * the keys, then dumped with a two-space indent.  Strings that are not
 * valid UTF-8 (a comment in Latin-1 quoted into a message, say) are
 * repaired with '?' rather than dropped, since JSON must be UTF-8.
 */
#include "report.h"
#include "../rules/rule.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#ifndef NDISLINT_VERSION
#define NDISLINT_VERSION "unknown"
#endif

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_FP_KEY "ndislint/v1"

/* What every part of the document needs to know. */
struct sarif_ctx {
	const char *root;               /* source root (NULL: cwd) */
	const struct rule *const *rules;
	size_t nrules;
	char **fps;                     /* fingerprints, or NULL */
};

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if invalid.
 * Rejects overlong forms, surrogates and code points above U+10FFFF. */
static size_t sarif_utf8_len(const unsigned char *p)
{
	unsigned c = p[0];
	size_t n, i;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* A JSON string for any C string: invalid UTF-8 bytes become '?'. */
static json_t *sarif_str(const char *s)
{
	json_t *j;
	char *fixed;
	size_t i, len;

	if (!s)
		s = "";
	j = json_string(s);
	if (j)
		return j;
	len = strlen(s);
	fixed = malloc(len + 1);
	if (!fixed)
		return NULL;
	for (i = 0; i < len;) {
		size_t n = sarif_utf8_len((const unsigned char *)s + i);

		if (n == 0) {
			fixed[i++] = '?';
			continue;
		}
		memcpy(fixed + i, s + i, n);
		i += n;
	}
	fixed[len] = '\0';
	j = json_string(fixed);
	free(fixed);
	return j;
}

/* {"text": s} */
static json_t *sarif_text(const char *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "text", sarif_str(s));
	return o;
}

/* SARIF's level for a severity. */
static const char *sarif_level(enum severity sev)
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

/* Percent-encodes a path for a uri: everything but unreserved characters
 * (RFC 3986) and '/' is written %XX.  Malloc'd; prefix is copied first. */
static char *sarif_uri_encode(const char *prefix, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t plen = strlen(prefix);
	char *out = malloc(plen + 3 * strlen(path) + 2);
	char *w;
	const unsigned char *p;

	if (!out)
		return NULL;
	memcpy(out, prefix, plen);
	w = out + plen;
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			*w++ = (char)*p;
		} else {
			*w++ = '%';
			*w++ = hex[*p >> 4];
			*w++ = hex[*p & 15];
		}
	}
	*w = '\0';
	return out;
}

/* artifactLocation of a file: relative uri + SRCROOT when it lies under
 * the source root, absolute file:// uri otherwise. */
static json_t *sarif_artifact(const struct sarif_ctx *c, const char *file)
{
	json_t *o = json_object();
	bool inside = false;
	char *rel = report_relpath(file ? file : "", c->root, &inside);
	char *uri = NULL;

	if (rel)
		uri = sarif_uri_encode(inside ? "" : "file://", rel);
	json_object_set_new(o, "uri", sarif_str(uri ? uri : file));
	if (inside)
		json_object_set_new(o, "uriBaseId", json_string("SRCROOT"));
	free(uri);
	free(rel);
	return o;
}

/* region {startLine, startColumn}, or NULL when the line is unknown. */
static json_t *sarif_region(unsigned line, unsigned col)
{
	json_t *o;

	if (line == 0)
		return NULL;
	o = json_object();
	json_object_set_new(o, "startLine", json_integer(line));
	if (col > 0)
		json_object_set_new(o, "startColumn", json_integer(col));
	return o;
}

/* physicalLocation {artifactLocation, region}. */
static json_t *sarif_physical(const struct sarif_ctx *c,
			      const struct position *pos)
{
	json_t *o = json_object();
	json_t *region = sarif_region(pos->line, pos->col);

	json_object_set_new(o, "artifactLocation", sarif_artifact(c, pos->file));
	if (region)
		json_object_set_new(o, "region", region);
	return o;
}

/* A location object holding one physicalLocation. */
static json_t *sarif_location(const struct sarif_ctx *c,
			      const struct position *pos)
{
	json_t *o = json_object();

	json_object_set_new(o, "physicalLocation", sarif_physical(c, pos));
	return o;
}

/* Joins parts into one malloc'd string (NULL parts are skipped). */
static char *sarif_join(const char *const *parts, size_t n)
{
	size_t i, len = 1;
	char *out;

	for (i = 0; i < n; i++)
		if (parts[i])
			len += strlen(parts[i]);
	out = malloc(len);
	if (!out)
		return NULL;
	out[0] = '\0';
	for (i = 0; i < n; i++)
		if (parts[i])
			strcat(out, parts[i]);
	return out;
}

/* help {text, markdown}: the explanation and the two examples. */
static json_t *sarif_rule_help(const struct rule *r)
{
	const char *expl = r->explanation ? r->explanation : "";
	const char *bad = r->bad_example, *good = r->good_example;
	const char *text[] = {
		expl,
		bad ? "\n\nBad:\n" : NULL, bad,
		good ? "\n\nGood:\n" : NULL, good,
	};
	const char *md[] = {
		expl,
		bad ? "\n\nBad:\n\n```c\n" : NULL, bad, bad ? "\n```" : NULL,
		good ? "\n\nGood:\n\n```c\n" : NULL, good, good ? "\n```" : NULL,
	};
	char *t = sarif_join(text, sizeof(text) / sizeof(text[0]));
	char *m = sarif_join(md, sizeof(md) / sizeof(md[0]));
	json_t *o = json_object();

	json_object_set_new(o, "text", sarif_str(t));
	json_object_set_new(o, "markdown", sarif_str(m));
	free(t);
	free(m);
	return o;
}

/* One reportingDescriptor of tool.driver.rules. */
static json_t *sarif_rule(const struct rule *r)
{
	json_t *o = json_object();
	json_t *conf = json_object();
	json_t *props = json_object();

	json_object_set_new(o, "id", sarif_str(r->name));
	json_object_set_new(o, "name", sarif_str(r->name));
	json_object_set_new(o, "shortDescription", sarif_text(r->summary));
	json_object_set_new(o, "fullDescription", sarif_text(r->explanation));
	json_object_set_new(o, "help", sarif_rule_help(r));
	json_object_set_new(conf, "level", json_string(sarif_level(r->severity)));
	json_object_set_new(o, "defaultConfiguration", conf);
	if (r->applies_to)
		json_object_set_new(props, "appliesTo", sarif_str(r->applies_to));
	json_object_set_new(o, "properties", props);
	return o;
}

/* tool {driver {name, version, rules}}. */
static json_t *sarif_tool(const struct sarif_ctx *c,
			  const struct report_options *o)
{
	json_t *tool = json_object();
	json_t *driver = json_object();
	json_t *rules = json_array();
	size_t i;

	json_object_set_new(driver, "name", json_string("ndislint"));
	json_object_set_new(driver, "version",
			    sarif_str(o && o->tool_version ? o->tool_version
						       : NDISLINT_VERSION));
	for (i = 0; i < c->nrules; i++)
		if (c->rules[i])
			json_array_append_new(rules, sarif_rule(c->rules[i]));
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);
	return tool;
}

/* Index of a rule in the rules given, or -1. */
static long sarif_rule_index(const struct sarif_ctx *c, const char *name)
{
	size_t i;

	for (i = 0; name && i < c->nrules; i++)
		if (c->rules[i] && c->rules[i]->name &&
		    strcmp(c->rules[i]->name, name) == 0)
			return (long)i;
	return -1;
}

/* codeFlows [{threadFlows [{locations [...]}]}] for a path trace. */
static json_t *sarif_code_flows(const struct sarif_ctx *c,
				const struct finding *f)
{
	json_t *locs = json_array();
	json_t *thread = json_object();
	json_t *flow = json_object();
	json_t *threads = json_array();
	json_t *flows = json_array();
	size_t i;

	for (i = 0; i < f->nsteps; i++) {
		json_t *tfl = json_object();
		json_t *loc = sarif_location(c, &f->steps[i].pos);

		json_object_set_new(loc, "message", sarif_text(f->steps[i].message));
		json_object_set_new(tfl, "location", loc);
		json_object_set_new(tfl, "executionOrder", json_integer((json_int_t)i + 1));
		json_array_append_new(locs, tfl);
	}
	json_object_set_new(thread, "locations", locs);
	json_array_append_new(threads, thread);
	json_object_set_new(flow, "threadFlows", threads);
	json_array_append_new(flows, flow);
	return flows;
}

/* One fix: insert x->text before x->pos (a zero-length deleted region). */
static json_t *sarif_fix(const struct sarif_ctx *c, const struct fixit *x)
{
	json_t *fix = json_object();
	json_t *change = json_object();
	json_t *repl = json_object();
	json_t *region = json_object();
	json_t *content = json_object();
	json_t *changes = json_array();
	json_t *repls = json_array();
	unsigned col = x->pos.col ? x->pos.col : 1;

	json_object_set_new(region, "startLine", json_integer(x->pos.line));
	json_object_set_new(region, "startColumn", json_integer(col));
	json_object_set_new(region, "endLine", json_integer(x->pos.line));
	json_object_set_new(region, "endColumn", json_integer(col));
	json_object_set_new(content, "text", sarif_str(x->text));
	json_object_set_new(repl, "deletedRegion", region);
	json_object_set_new(repl, "insertedContent", content);
	json_array_append_new(repls, repl);
	json_object_set_new(change, "artifactLocation", sarif_artifact(c, x->pos.file));
	json_object_set_new(change, "replacements", repls);
	json_array_append_new(changes, change);
	json_object_set_new(fix, "description", sarif_text(x->message));
	json_object_set_new(fix, "artifactChanges", changes);
	return fix;
}

/* One result for finding number i. */
static json_t *sarif_result(const struct sarif_ctx *c, const struct finding *f,
			    size_t i)
{
	json_t *res = json_object();
	json_t *locs = json_array();
	json_t *loc = sarif_location(c, &f->pos);
	long ri = sarif_rule_index(c, f->rule);
	size_t k;

	json_object_set_new(res, "ruleId", sarif_str(f->rule));
	if (ri >= 0)
		json_object_set_new(res, "ruleIndex", json_integer(ri));
	json_object_set_new(res, "level", json_string(sarif_level(f->severity)));
	json_object_set_new(res, "message", sarif_text(f->message));
	if (f->function) {
		json_t *ll = json_object();
		json_t *lls = json_array();

		json_object_set_new(ll, "name", sarif_str(f->function));
		json_object_set_new(ll, "kind", json_string("function"));
		json_array_append_new(lls, ll);
		json_object_set_new(loc, "logicalLocations", lls);
	}
	json_array_append_new(locs, loc);
	json_object_set_new(res, "locations", locs);
	if (f->nsteps > 0)
		json_object_set_new(res, "codeFlows", sarif_code_flows(c, f));
	if (f->nfixits > 0) {
		json_t *fixes = json_array();

		for (k = 0; k < f->nfixits; k++)
			json_array_append_new(fixes, sarif_fix(c, &f->fixits[k]));
		json_object_set_new(res, "fixes", fixes);
	}
	if (c->fps && c->fps[i]) {
		json_t *pf = json_object();

		json_object_set_new(pf, SARIF_FP_KEY, json_string(c->fps[i]));
		json_object_set_new(res, "partialFingerprints", pf);
	}
	if (f->suppressed) {
		json_t *sup = json_object();
		json_t *sups = json_array();

		json_object_set_new(sup, "kind", json_string("inSource"));
		if (f->suppress_reason && *f->suppress_reason)
			json_object_set_new(sup, "justification",
					    sarif_str(f->suppress_reason));
		json_array_append_new(sups, sup);
		json_object_set_new(res, "suppressions", sups);
	}
	return res;
}

/* originalUriBaseIds {SRCROOT {uri "file:///root/"}}. */
static json_t *sarif_base_ids(const struct sarif_ctx *c)
{
	json_t *ids = json_object();
	json_t *src = json_object();
	char *abs = report_abspath(c->root ? c->root : ".");
	char *uri = abs ? sarif_uri_encode("file://", abs) : NULL;
	size_t len = uri ? strlen(uri) : 0;

	if (uri && uri[len - 1] != '/') {
		char *slashed = realloc(uri, len + 2);

		if (slashed) {
			slashed[len] = '/';
			slashed[len + 1] = '\0';
			uri = slashed;
		}
	}
	json_object_set_new(src, "uri", sarif_str(uri ? uri : "file:///"));
	json_object_set_new(ids, "SRCROOT", src);
	free(uri);
	free(abs);
	return ids;
}

/* invocations [{executionSuccessful, commandLine, arguments,
 * toolExecutionNotifications}]. */
static json_t *sarif_invocations(const struct sarif_ctx *c,
				 const struct findings *fs,
				 const struct report_options *o)
{
	json_t *inv = json_object();
	json_t *invs = json_array();
	size_t i;

	json_object_set_new(inv, "executionSuccessful", json_true());
	if (o && o->argv && o->argc > 0) {
		json_t *args = json_array();
		size_t len = 1;
		char *line;
		int a;

		for (a = 0; a < o->argc; a++)
			len += strlen(o->argv[a]) + 1;
		line = malloc(len);
		if (line) {
			line[0] = '\0';
			for (a = 0; a < o->argc; a++) {
				if (a > 0)
					strcat(line, " ");
				strcat(line, o->argv[a]);
			}
			json_object_set_new(inv, "commandLine", sarif_str(line));
			free(line);
		}
		for (a = 1; a < o->argc; a++)
			json_array_append_new(args, sarif_str(o->argv[a]));
		json_object_set_new(inv, "arguments", args);
	}
	if (fs->nnotes > 0) {
		json_t *notes = json_array();

		for (i = 0; i < fs->nnotes; i++) {
			json_t *n = json_object();

			json_object_set_new(n, "level", json_string("note"));
			json_object_set_new(n, "message", sarif_text(fs->notes[i].message));
			if (fs->notes[i].pos.file) {
				json_t *locs = json_array();

				json_array_append_new(locs,
						      sarif_location(c, &fs->notes[i].pos));
				json_object_set_new(n, "locations", locs);
			}
			json_array_append_new(notes, n);
		}
		json_object_set_new(inv, "toolExecutionNotifications", notes);
	}
	json_array_append_new(invs, inv);
	return invs;
}

/* Builds the whole SARIF document. */
static json_t *sarif_document(const struct sarif_ctx *c,
			      const struct findings *fs,
			      const struct report_options *o)
{
	json_t *doc = json_object();
	json_t *run = json_object();
	json_t *runs = json_array();
	json_t *results = json_array();
	size_t i;

	json_object_set_new(doc, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(doc, "version", json_string("2.1.0"));
	json_object_set_new(run, "tool", sarif_tool(c, o));
	json_object_set_new(run, "invocations", sarif_invocations(c, fs, o));
	json_object_set_new(run, "originalUriBaseIds", sarif_base_ids(c));
	for (i = 0; i < fs->count; i++) {
		/* baselined findings are not reported (README: --baseline);
		 * they stay in the list so that fingerprints keep their
		 * ordinals */
		if (!fs->items[i].baselined)
			json_array_append_new(results,
					      sarif_result(c, &fs->items[i], i));
	}
	json_object_set_new(run, "results", results);
	json_array_append_new(runs, run);
	json_object_set_new(doc, "runs", runs);
	return doc;
}

/* Writes the SARIF report (see report.h). */
int report_sarif(FILE *out, const struct findings *fs,
		 const struct rule *const *rules, size_t nrules,
		 const struct report_options *o)
{
	struct sarif_ctx c;
	json_t *doc;
	int rc = 0;

	c.root = o ? o->source_root : NULL;
	c.rules = rules;
	c.nrules = rules ? nrules : 0;
	c.fps = report_fingerprints(fs, c.root);
	doc = sarif_document(&c, fs, o);
	if (!doc || json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
		rc = -1;
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	json_decref(doc);
	report_fingerprints_free(c.fps, fs->count);
	return rc;
}
