/*
 * check_reports.c - findings storage, text and SARIF writers, fingerprints.
 *
 * Sources that fingerprints read are written into a fresh directory made
 * with mkdtemp/mkstemps; that directory doubles as the source root.
 */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suites.h"
#include "../analyzer/finding.h"
#include "../reports/report.h"
#include "../rules/rule.h"

/* A scratch source root with files in it; removed by tmp_root_free. */
struct tmp_root {
	char dir[64];
	char files[4][128];
	int nfiles;
};

/* Makes the scratch directory. */
static void tmp_root_init(struct tmp_root *t)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->dir, sizeof(t->dir), "/tmp/ndislint-rep-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->dir));
}

/* Creates a new .c file under the root holding `text`; returns its path. */
static const char *tmp_root_file(struct tmp_root *t, const char *text)
{
	char *path = t->files[t->nfiles++];
	char dir[sizeof(t->dir)];  /* a copy: snprintf must not read from *t */
	int fd;
	FILE *f;

	memcpy(dir, t->dir, sizeof(dir));
	snprintf(path, 128, "%s/srcXXXXXX.c", dir);
	fd = mkstemps(path, 2);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Rewrites an existing scratch file. */
static void tmp_rewrite(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Removes the scratch files and directory. */
static void tmp_root_free(struct tmp_root *t)
{
	int i;

	for (i = 0; i < t->nfiles; i++)
		unlink(t->files[i]);
	rmdir(t->dir);
}

/* Runs a writer into a memory buffer and returns what it wrote. */
static char *capture_text(const struct findings *fs,
			  const struct report_options *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_text(f, fs, o), 0);
	fclose(f);
	return buf;
}

/* Same for the summary line. */
static char *capture_summary(const struct findings *fs, size_t nfiles,
			     const struct report_options *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	report_summary(f, fs, nfiles, o);
	fclose(f);
	return buf;
}

/* Two rules of our own, so the SARIF tests do not depend on the registry's
 * contents. */
static const struct rule test_rule_a = {
	.name = "rule-a", .severity = SEV_ERROR, .applies_to = "any",
	.summary = "summary a", .explanation = "explanation a",
	.bad_example = "bad();", .good_example = "good();",
};
static const struct rule test_rule_b = {
	.name = "rule-b", .severity = SEV_WARNING, .applies_to = "any",
	.summary = "summary b", .explanation = "explanation b",
};
static const struct rule *const test_rules[] = { &test_rule_a, &test_rule_b };

/* Writes SARIF and parses it back. */
static json_t *capture_sarif(const struct findings *fs,
			     const struct rule *const *rules, size_t nrules,
			     const struct report_options *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_error_t err;
	json_t *doc;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_sarif(f, fs, rules, nrules, o), 0);
	fclose(f);
	doc = json_loads(buf, 0, &err);
	if (!doc)
		ck_abort_msg("SARIF does not parse: %s (line %d)", err.text, err.line);
	free(buf);
	return doc;
}

/* A string member reached through a jansson path like "a.b.c". */
static const char *jstr(json_t *obj, const char *path)
{
	char key[64];
	const char *p = path;

	while (obj && *p) {
		size_t n = strcspn(p, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, p);
		obj = json_object_get(obj, key);
		p += n;
		if (*p == '.')
			p++;
	}
	return json_string_value(obj);
}

/* An integer member reached the same way; -1 when absent. */
static long long jint(json_t *obj, const char *path)
{
	char key[64];
	const char *p = path;

	while (obj && *p) {
		size_t n = strcspn(p, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, p);
		obj = json_object_get(obj, key);
		p += n;
		if (*p == '.')
			p++;
	}
	return json_is_integer(obj) ? json_integer_value(obj) : -1;
}

/* ---- findings ---------------------------------------------------------- */

START_TEST(test_sort_order)
{
	struct findings fs;

	findings_init(&fs);
	findings_add(&fs, "zeta", SEV_ERROR, "b.c", 1, 1, NULL, "m1");
	findings_add(&fs, "beta", SEV_ERROR, "a.c", 10, 5, NULL, "m2");
	findings_add(&fs, "alpha", SEV_ERROR, "a.c", 10, 5, NULL, "m3");
	findings_add(&fs, "alpha", SEV_ERROR, "a.c", 2, 9, NULL, "m4");
	findings_add(&fs, "alpha", SEV_ERROR, "a.c", 10, 1, NULL, "m5");
	findings_add(&fs, "alpha", SEV_ERROR, "a.c", 9, 30, NULL, "m6");
	findings_sort(&fs);
	ck_assert_uint_eq(fs.count, 6);
	ck_assert_str_eq(fs.items[0].message, "m4");
	ck_assert_str_eq(fs.items[1].message, "m6");
	ck_assert_str_eq(fs.items[2].message, "m5");
	ck_assert_str_eq(fs.items[3].message, "m3");
	ck_assert_str_eq(fs.items[4].message, "m2");
	ck_assert_str_eq(fs.items[5].message, "m1");
	findings_free(&fs);
	ck_assert_uint_eq(fs.count, 0);
}
END_TEST

START_TEST(test_sort_numeric_lines)
{
	struct findings fs;

	findings_init(&fs);
	findings_add(&fs, "r", SEV_ERROR, "a.c", 100, 1, NULL, "hundred");
	findings_add(&fs, "r", SEV_ERROR, "a.c", 20, 1, NULL, "twenty");
	findings_add(&fs, "r", SEV_ERROR, "a.c", 3, 1, NULL, "three");
	findings_sort(&fs);
	ck_assert_str_eq(fs.items[0].message, "three");
	ck_assert_str_eq(fs.items[1].message, "twenty");
	ck_assert_str_eq(fs.items[2].message, "hundred");
	findings_free(&fs);
}
END_TEST

START_TEST(test_dedupe_keeps_first)
{
	struct findings fs;
	struct finding *f;
	int i;

	findings_init(&fs);
	/* Many duplicates interleaved with others, to exercise the merge. */
	for (i = 0; i < 40; i++) {
		f = findings_add(&fs, "r", SEV_ERROR, "a.c", (unsigned)(i % 4) + 1, 1,
				 "fn", "copy %d", i);
		finding_add_step(f, "a.c", 1, 1, "step of %d", i);
		finding_add_fixit(f, "a.c", 1, 1, "x();", "add x");
	}
	findings_add(&fs, "other", SEV_ERROR, "a.c", 1, 1, NULL, "other rule");
	findings_sort(&fs);
	ck_assert_uint_eq(fs.count, 5);
	ck_assert_str_eq(fs.items[0].rule, "other");
	ck_assert_str_eq(fs.items[1].message, "copy 0");
	ck_assert_str_eq(fs.items[2].message, "copy 1");
	ck_assert_str_eq(fs.items[3].message, "copy 2");
	ck_assert_str_eq(fs.items[4].message, "copy 3");
	ck_assert_str_eq(fs.items[1].steps[0].message, "step of 0");
	findings_free(&fs);
}
END_TEST

START_TEST(test_active_and_notes)
{
	struct findings fs;
	struct finding *f;

	findings_init(&fs);
	findings_add(&fs, "r", SEV_ERROR, "a.c", 1, 1, NULL, "x");
	f = findings_add(&fs, "r", SEV_ERROR, "a.c", 2, 1, NULL, "y");
	f->suppressed = true;
	ck_assert_uint_eq(findings_active(&fs), 1);
	findings_note(&fs, NULL, 0, 0, "unresolved: %s", "Foo");
	findings_note(&fs, "b.c", 3, 4, "missing include");
	findings_note(&fs, NULL, 0, 0, "unresolved: %s", "Foo");
	findings_sort(&fs);
	ck_assert_uint_eq(fs.nnotes, 2);
	ck_assert_str_eq(fs.notes[0].message, "missing include");
	ck_assert_str_eq(fs.notes[1].message, "unresolved: Foo");
	ck_assert_ptr_null(fs.notes[1].pos.file);
	findings_free(&fs);
}
END_TEST

/* ---- text -------------------------------------------------------------- */

START_TEST(test_text_format)
{
	struct findings fs;
	struct finding *f;
	struct report_options o = { 0 };
	char *out;

	findings_init(&fs);
	f = findings_add(&fs, "miniport-deregister-on-error", SEV_ERROR,
			 "drv/entry.c", 42, 9, "DriverEntry",
			 "DriverEntry fails without %s", "NdisMDeregisterMiniportDriver");
	finding_add_step(f, "drv/entry.c", 30, 14, "miniport registration succeeds");
	finding_add_step(f, "drv/entry.c", 42, 9, "DriverEntry returns a failure");
	finding_add_fixit(f, "drv/entry.c", 42, 9,
			  "NdisMDeregisterMiniportDriver(Handle);\n",
			  "deregister before returning");
	f = findings_add(&fs, "analysis-incomplete", SEV_WARNING, "drv/a.c", 5, 1,
			 "Foo", "parse error\nin Foo");
	f = findings_add(&fs, "deregister-without-register", SEV_ERROR,
			 "drv/a.c", 7, 3, "Foo", "hidden");
	f->suppressed = true;
	findings_note(&fs, NULL, 0, 0, "call to unresolved Bar");
	findings_note(&fs, "drv/a.c", 1, 10, "include \"x.tmh\" not found");
	findings_sort(&fs);

	out = capture_text(&fs, &o);
	ck_assert_str_eq(out,
		"drv/a.c:5:1: warning: parse error in Foo [analysis-incomplete]\n"
		"drv/a.c:7:3: note: suppressed [deregister-without-register]\n"
		"drv/entry.c:42:9: error: DriverEntry fails without "
		"NdisMDeregisterMiniportDriver [miniport-deregister-on-error]\n"
		"drv/entry.c:30:14: note: miniport registration succeeds\n"
		"drv/entry.c:42:9: note: DriverEntry returns a failure\n"
		"drv/entry.c:42:9: note: deregister before returning: insert "
		"\"NdisMDeregisterMiniportDriver(Handle);\\n\"\n"
		"drv/a.c:1:10: note: include \"x.tmh\" not found\n"
		"ndislint: note: call to unresolved Bar\n");
	free(out);

	o.quiet = true;
	out = capture_text(&fs, &o);
	ck_assert_ptr_null(strstr(out, "unresolved Bar"));
	ck_assert_ptr_null(strstr(out, "suppressed"));
	ck_assert_ptr_nonnull(strstr(out, "[analysis-incomplete]"));
	free(out);
	findings_free(&fs);
}
END_TEST

START_TEST(test_summary_line)
{
	struct findings fs;
	struct finding *f;
	struct report_options o = { 0 };
	char *out;

	findings_init(&fs);
	out = capture_summary(&fs, 1, &o);
	ck_assert_str_eq(out, "ndislint: no findings in 1 file\n");
	free(out);

	findings_add(&fs, "r", SEV_ERROR, "a.c", 1, 1, NULL, "x");
	findings_add(&fs, "r", SEV_ERROR, "a.c", 2, 1, NULL, "x");
	findings_add(&fs, "w", SEV_WARNING, "a.c", 3, 1, NULL, "x");
	f = findings_add(&fs, "r", SEV_ERROR, "a.c", 4, 1, NULL, "x");
	f->suppressed = true;
	out = capture_summary(&fs, 4, &o);
	ck_assert_str_eq(out,
		"ndislint: 3 findings (2 errors, 1 warning) in 4 files, 1 suppressed\n");
	free(out);

	o.quiet = true;
	out = capture_summary(&fs, 4, &o);
	ck_assert_str_eq(out, "");
	free(out);
	findings_free(&fs);

	findings_init(&fs);
	findings_add(&fs, "w", SEV_WARNING, "a.c", 3, 1, NULL, "x");
	out = capture_summary(&fs, 2, NULL);
	ck_assert_str_eq(out, "ndislint: 1 finding (1 warning) in 2 files\n");
	free(out);
	findings_free(&fs);
}
END_TEST

/* ---- SARIF ------------------------------------------------------------- */

START_TEST(test_sarif_structure)
{
	struct tmp_root t;
	struct findings fs;
	struct finding *f;
	struct report_options o = { 0 };
	char *argv[] = { "ndislint", "check", "--format", "sarif", "x.c" };
	const char *file;
	char root_uri[128];
	json_t *doc, *run, *rules, *results, *res, *tfl, *repl, *notes;
	const char *base;

	tmp_root_init(&t);
	file = tmp_root_file(&t, "int a;\nNTSTATUS DriverEntry(void)\n{\n"
			     "\treturn Status;\n}\n");
	base = strrchr(file, '/') + 1;
	o.source_root = t.dir;
	o.tool_version = "9.9.9";
	o.argc = 5;
	o.argv = argv;

	findings_init(&fs);
	f = findings_add(&fs, "rule-a", SEV_ERROR, file, 4, 2, "DriverEntry",
			 "fails without deregistering");
	finding_add_step(f, file, 2, 10, "registration succeeds");
	finding_add_step(f, file, 4, 2, "returns failure");
	finding_add_fixit(f, file, 4, 2, "Dereg();\n\t", "deregister first");
	f = findings_add(&fs, "rule-b", SEV_WARNING, file, 5, 1, NULL, "suppressed");
	f->suppressed = true;
	f->suppress_reason = strdup("known");
	findings_add(&fs, "not-registered", SEV_ERROR, file, 5, 2, NULL, "odd rule");
	findings_note(&fs, NULL, 0, 0, "unresolved call to Bar");
	findings_note(&fs, file, 1, 1, "missing include");
	findings_sort(&fs);

	doc = capture_sarif(&fs, test_rules, 2, &o);
	ck_assert_str_eq(jstr(doc, "$schema"),
			 "https://json.schemastore.org/sarif-2.1.0.json");
	ck_assert_str_eq(jstr(doc, "version"), "2.1.0");
	run = json_array_get(json_object_get(doc, "runs"), 0);
	ck_assert_ptr_nonnull(run);
	ck_assert_str_eq(jstr(run, "tool.driver.name"), "ndislint");
	ck_assert_str_eq(jstr(run, "tool.driver.version"), "9.9.9");

	rules = json_object_get(json_object_get(json_object_get(run, "tool"),
						"driver"), "rules");
	ck_assert_uint_eq(json_array_size(rules), 2);
	ck_assert_str_eq(jstr(json_array_get(rules, 0), "id"), "rule-a");
	ck_assert_str_eq(jstr(json_array_get(rules, 0), "shortDescription.text"),
			 "summary a");
	ck_assert_str_eq(jstr(json_array_get(rules, 0), "fullDescription.text"),
			 "explanation a");
	ck_assert_ptr_nonnull(strstr(jstr(json_array_get(rules, 0), "help.text"),
				     "good();"));
	ck_assert_str_eq(jstr(json_array_get(rules, 0), "defaultConfiguration.level"),
			 "error");
	ck_assert_str_eq(jstr(json_array_get(rules, 1), "defaultConfiguration.level"),
			 "warning");

	snprintf(root_uri, sizeof(root_uri), "file://%s/", t.dir);
	ck_assert_str_eq(jstr(run, "originalUriBaseIds.SRCROOT.uri"), root_uri);

	results = json_object_get(run, "results");
	ck_assert_uint_eq(json_array_size(results), 3);
	res = json_array_get(results, 0);
	ck_assert_str_eq(jstr(res, "ruleId"), "rule-a");
	ck_assert_int_eq(jint(res, "ruleIndex"), 0);
	ck_assert_str_eq(jstr(res, "level"), "error");
	ck_assert_str_eq(jstr(res, "message.text"), "fails without deregistering");
	{
		json_t *pl = json_object_get(json_array_get(
			json_object_get(res, "locations"), 0), "physicalLocation");

		ck_assert_str_eq(jstr(pl, "artifactLocation.uri"), base);
		ck_assert_str_eq(jstr(pl, "artifactLocation.uriBaseId"), "SRCROOT");
		ck_assert_int_eq(jint(pl, "region.startLine"), 4);
		ck_assert_int_eq(jint(pl, "region.startColumn"), 2);
	}
	tfl = json_array_get(json_object_get(json_array_get(json_object_get(
		json_array_get(json_object_get(res, "codeFlows"), 0), "threadFlows"), 0),
		"locations"), 1);
	ck_assert_str_eq(jstr(tfl, "location.message.text"), "returns failure");
	ck_assert_int_eq(jint(tfl, "location.physicalLocation.region.startLine"), 4);
	ck_assert_int_eq(jint(tfl, "executionOrder"), 2);
	{
		json_t *fix = json_array_get(json_object_get(res, "fixes"), 0);
		json_t *ch = json_array_get(json_object_get(fix, "artifactChanges"), 0);

		ck_assert_str_eq(jstr(fix, "description.text"), "deregister first");
		ck_assert_str_eq(jstr(ch, "artifactLocation.uri"), base);
		repl = json_array_get(json_object_get(ch, "replacements"), 0);
		ck_assert_int_eq(jint(repl, "deletedRegion.startLine"), 4);
		ck_assert_int_eq(jint(repl, "deletedRegion.startColumn"), 2);
		ck_assert_int_eq(jint(repl, "deletedRegion.endLine"), 4);
		ck_assert_int_eq(jint(repl, "deletedRegion.endColumn"), 2);
		ck_assert_str_eq(jstr(repl, "insertedContent.text"), "Dereg();\n\t");
	}
	ck_assert_uint_eq(strlen(jstr(res, "partialFingerprints.ndislint/v1")), 64);
	ck_assert_ptr_null(json_object_get(res, "suppressions"));

	res = json_array_get(results, 1);
	ck_assert_str_eq(jstr(res, "ruleId"), "rule-b");
	ck_assert_int_eq(jint(res, "ruleIndex"), 1);
	ck_assert_str_eq(jstr(res, "level"), "warning");
	ck_assert_ptr_null(json_object_get(res, "codeFlows"));
	ck_assert_str_eq(jstr(json_array_get(json_object_get(res, "suppressions"), 0),
			      "kind"), "inSource");
	ck_assert_str_eq(jstr(json_array_get(json_object_get(res, "suppressions"), 0),
			      "justification"), "known");

	res = json_array_get(results, 2);
	ck_assert_str_eq(jstr(res, "ruleId"), "not-registered");
	ck_assert_ptr_null(json_object_get(res, "ruleIndex"));

	{
		json_t *inv = json_array_get(json_object_get(run, "invocations"), 0);

		ck_assert(json_is_true(json_object_get(inv, "executionSuccessful")));
		ck_assert_str_eq(jstr(inv, "commandLine"),
				 "ndislint check --format sarif x.c");
		ck_assert_uint_eq(json_array_size(json_object_get(inv, "arguments")), 4);
		notes = json_object_get(inv, "toolExecutionNotifications");
		ck_assert_uint_eq(json_array_size(notes), 2);
		ck_assert_str_eq(jstr(json_array_get(notes, 0), "level"), "note");
		ck_assert_str_eq(jstr(json_array_get(notes, 0), "message.text"),
				 "missing include");
		ck_assert_str_eq(jstr(json_array_get(notes, 1), "message.text"),
				 "unresolved call to Bar");
		ck_assert_ptr_null(json_object_get(json_array_get(notes, 1), "locations"));
	}
	json_decref(doc);
	findings_free(&fs);
	tmp_root_free(&t);
}
END_TEST

START_TEST(test_sarif_registry_rules)
{
	struct findings fs;
	struct report_options o = { 0 };
	json_t *doc, *rules;
	size_t i;

	findings_init(&fs);
	o.source_root = "/";
	doc = capture_sarif(&fs, rule_registry, rule_count, &o);
	rules = json_object_get(json_object_get(json_object_get(json_array_get(
		json_object_get(doc, "runs"), 0), "tool"), "driver"), "rules");
	ck_assert_uint_eq(json_array_size(rules), rule_count);
	for (i = 0; i < rule_count; i++) {
		json_t *r = json_array_get(rules, i);

		ck_assert_str_eq(jstr(r, "id"), rule_registry[i]->name);
		ck_assert_ptr_nonnull(jstr(r, "shortDescription.text"));
		ck_assert_ptr_nonnull(jstr(r, "fullDescription.text"));
		ck_assert_ptr_nonnull(jstr(r, "help.text"));
		ck_assert_ptr_nonnull(jstr(r, "defaultConfiguration.level"));
	}
	ck_assert_uint_eq(json_array_size(json_object_get(json_array_get(
		json_object_get(doc, "runs"), 0), "results")), 0);
	json_decref(doc);
	findings_free(&fs);
}
END_TEST

START_TEST(test_sarif_uris)
{
	struct findings fs;
	struct report_options o = { 0 };
	json_t *doc, *results;

	findings_init(&fs);
	o.source_root = "/src/my root";
	findings_add(&fs, "rule-a", SEV_ERROR, "/src/my root/sub dir/a#1.c", 1, 1,
		     NULL, "inside, with spaces");
	findings_add(&fs, "rule-a", SEV_ERROR, "/src/my root/./x/../b.c", 2, 1,
		     NULL, "inside, not normalized");
	findings_add(&fs, "rule-a", SEV_ERROR, "/elsewhere/c d.c", 3, 1, NULL,
		     "outside");
	findings_add(&fs, "rule-a", SEV_ERROR, "/src/my rootless/e.c", 4, 1, NULL,
		     "sibling with the root as prefix");
	findings_add(&fs, "rule-a", SEV_ERROR, "/src/f.c", 5, 1, NULL,
		     "bad UTF-8 \xff\xfe here");
	doc = capture_sarif(&fs, test_rules, 2, &o);
	results = json_object_get(json_array_get(json_object_get(doc, "runs"), 0),
				  "results");
#define LOC(i) json_object_get(json_array_get(json_object_get( \
		json_array_get(results, i), "locations"), 0), "physicalLocation")
	ck_assert_str_eq(jstr(LOC(0), "artifactLocation.uri"), "sub%20dir/a%231.c");
	ck_assert_str_eq(jstr(LOC(0), "artifactLocation.uriBaseId"), "SRCROOT");
	ck_assert_str_eq(jstr(LOC(1), "artifactLocation.uri"), "b.c");
	ck_assert_str_eq(jstr(LOC(2), "artifactLocation.uri"), "file:///elsewhere/c%20d.c");
	ck_assert_ptr_null(jstr(LOC(2), "artifactLocation.uriBaseId"));
	ck_assert_str_eq(jstr(LOC(3), "artifactLocation.uri"),
			 "file:///src/my%20rootless/e.c");
#undef LOC
	ck_assert_str_eq(jstr(json_array_get(results, 4), "message.text"),
			 "bad UTF-8 ?? here");
	ck_assert_str_eq(jstr(json_array_get(json_object_get(doc, "runs"), 0),
			      "originalUriBaseIds.SRCROOT.uri"),
			 "file:///src/my%20root/");
	json_decref(doc);
	findings_free(&fs);
}
END_TEST

START_TEST(test_relpath)
{
	bool inside;
	char *p;

	p = report_relpath("x/./y/../z.c", NULL, &inside);
	ck_assert(inside);
	ck_assert_str_eq(p, "x/z.c");
	free(p);
	p = report_relpath("/a/b/c.c", "/a/b/", &inside);
	ck_assert(inside);
	ck_assert_str_eq(p, "c.c");
	free(p);
	p = report_relpath("/a/bc/c.c", "/a/b", &inside);
	ck_assert(!inside);
	ck_assert_str_eq(p, "/a/bc/c.c");
	free(p);
	p = report_relpath("/a/../../b.c", "/", &inside);
	ck_assert(inside);
	ck_assert_str_eq(p, "b.c");
	free(p);
	p = report_abspath("/a//b/./c/..");
	ck_assert_str_eq(p, "/a/b");
	free(p);
}
END_TEST

/* ---- fingerprints ------------------------------------------------------ */

START_TEST(test_sha256_vectors)
{
	char hex[65];
	char *million = malloc(1000000);

	report_sha256_hex("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	report_sha256_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	report_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', 1000000);
	report_sha256_hex(million, 1000000, hex);
	ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
}
END_TEST

/* Fingerprint of the only finding of a one-finding list. */
static char *one_fp(const char *file, unsigned line, const char *fn,
		    const char *root)
{
	struct findings fs;
	char **fps;
	char *fp;

	findings_init(&fs);
	findings_add(&fs, "rule-a", SEV_ERROR, file, line, 3, fn, "m");
	fps = report_fingerprints(&fs, root);
	ck_assert_ptr_nonnull(fps);
	fp = strdup(fps[0]);
	report_fingerprints_free(fps, fs.count);
	findings_free(&fs);
	return fp;
}

START_TEST(test_fingerprint_stable)
{
	struct tmp_root t;
	const char *file;
	char *before, *after, *other_fn, *other_text, *other_root;

	tmp_root_init(&t);
	file = tmp_root_file(&t, "int a;\nvoid f(void)\n{\n\treturn Status;\n}\n");
	before = one_fp(file, 4, "f", t.dir);
	ck_assert_uint_eq(strlen(before), 64);

	/* Lines added above, white space changed on the line itself. */
	tmp_rewrite(file, "// new\n\nint a;\nvoid f(void)\n{\n  return  Status ;\r\n}\n");
	after = one_fp(file, 6, "f", t.dir);
	ck_assert_str_eq(before, after);

	other_fn = one_fp(file, 6, "g", t.dir);
	ck_assert_str_ne(before, other_fn);
	other_text = one_fp(file, 3, "f", t.dir);
	ck_assert_str_ne(before, other_text);
	other_root = one_fp(file, 6, "f", "/");
	ck_assert_str_ne(before, other_root);

	free(before);
	free(after);
	free(other_fn);
	free(other_text);
	free(other_root);
	tmp_root_free(&t);
}
END_TEST

START_TEST(test_fingerprint_ordinal)
{
	struct tmp_root t;
	struct findings fs;
	const char *file;
	char **fps;
	char *single;

	tmp_root_init(&t);
	file = tmp_root_file(&t, "x;\nreturn s;\nfoo;\nreturn s;\n");
	single = one_fp(file, 2, "f", t.dir);

	findings_init(&fs);
	/* Lines 2 and 4 have the same text: same key, ordinals 0 and 1. */
	findings_add(&fs, "rule-a", SEV_ERROR, file, 2, 3, "f", "m");
	findings_add(&fs, "rule-b", SEV_ERROR, file, 3, 3, "f", "m");
	findings_add(&fs, "rule-a", SEV_ERROR, file, 4, 3, "f", "m");
	findings_sort(&fs);
	fps = report_fingerprints(&fs, t.dir);
	ck_assert_ptr_nonnull(fps);
	ck_assert_str_eq(fps[0], single);
	ck_assert_str_ne(fps[0], fps[2]);
	ck_assert_str_ne(fps[0], fps[1]);
	report_fingerprints_free(fps, fs.count);
	findings_free(&fs);

	/* An unreadable file hashes an empty line and still works. */
	findings_init(&fs);
	findings_add(&fs, "rule-a", SEV_ERROR, "/nonexistent/zz.c", 2, 3, "f", "m");
	fps = report_fingerprints(&fs, t.dir);
	ck_assert_ptr_nonnull(fps);
	ck_assert_uint_eq(strlen(fps[0]), 64);
	report_fingerprints_free(fps, fs.count);
	findings_free(&fs);

	free(single);
	tmp_root_free(&t);
}
END_TEST

/* The suite for tests/run_tests.c. */
Suite *reports_suite(void)
{
	Suite *s = suite_create("reports");
	TCase *tc = tcase_create("findings");

	tcase_add_test(tc, test_sort_order);
	tcase_add_test(tc, test_sort_numeric_lines);
	tcase_add_test(tc, test_dedupe_keeps_first);
	tcase_add_test(tc, test_active_and_notes);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_test(tc, test_text_format);
	tcase_add_test(tc, test_summary_line);
	suite_add_tcase(s, tc);

	tc = tcase_create("sarif");
	tcase_add_test(tc, test_sarif_structure);
	tcase_add_test(tc, test_sarif_registry_rules);
	tcase_add_test(tc, test_sarif_uris);
	tcase_add_test(tc, test_relpath);
	suite_add_tcase(s, tc);

	tc = tcase_create("fingerprints");
	tcase_add_test(tc, test_sha256_vectors);
	tcase_add_test(tc, test_fingerprint_stable);
	tcase_add_test(tc, test_fingerprint_ordinal);
	suite_add_tcase(s, tc);
	return s;
}
