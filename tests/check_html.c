/*
 * check_html.c - the HTML audit report: escaping, the output folder
 * (refusal, rewrite, nothing written outside it), links, and the browser
 * test (tests/browser_test.sh, headless chromium).
 *
 * Every test works in a fresh directory made with mkdtemp and removes it.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "suites.h"
#include "../analyzer/finding.h"
#include "../reports/html.h"
#include "../reports/report.h"

/* Makes a scratch directory into buf. */
static void scratch(char *buf, size_t size)
{
	snprintf(buf, size, "/tmp/ndislint-html-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(buf));
}

/* Removes a scratch directory and everything in it. */
static void scratch_free(const char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Writes text into the file at path. */
static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* Reads a whole file (malloc'd). */
static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The sorted names in a directory, '|'-separated, "." and ".." left out. */
static char *list_dir(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	char *out = calloc(1, 1);
	size_t len = 0;

	ck_assert_int_ge(n, 0);
	for (int i = 0; i < n; i++) {
		const char *nm = names[i]->d_name;

		if (strcmp(nm, ".") != 0 && strcmp(nm, "..") != 0) {
			out = realloc(out, len + strlen(nm) + 2);
			len += (size_t)sprintf(out + len, "%s|", nm);
		}
		free(names[i]);
	}
	free(names);
	return out;
}

/* A source file in `dir` with a small DriverEntry (no "//" and no
 * "http" in it, so that link checks can scan whole pages). */
static const char driver_src[] =
	"/* driver.c */\n"
	"#include <ndis.h>\n"
	"NDIS_HANDLE H;\n"
	"NTSTATUS DriverEntry(PDRIVER_OBJECT D, PUNICODE_STRING R)\n"
	"{\n"
	"\tNDIS_STATUS Status;\n"
	"\tStatus = NdisMRegisterMiniportDriver(D, R, NULL, &C, &H);\n"
	"\tif (Status != 0)\n"
	"\t\treturn Status;\n"
	"\tStatus = Other(\"<b>&amp;</b>\");\n"
	"\tif (Status != 0)\n"
	"\t\treturn Status;\n"
	"\treturn 0;\n"
	"}\n";

/* Fills fs with findings on `file`, with steps and a fix-it, plus one
 * suppressed finding. */
static void sample_findings(struct findings *fs, const char *file)
{
	struct finding *f;

	findings_init(fs);
	f = findings_add(fs, "miniport-deregister-on-error", SEV_ERROR, file,
			 12, 3, "DriverEntry", "DriverEntry fails <here> & \"there\"");
	finding_add_step(f, file, 7, 11, "1: NdisMRegisterMiniportDriver succeeds");
	finding_add_step(f, file, 11, 6, "2: condition `Status != 0` is true");
	finding_add_step(f, file, 12, 3, "3: DriverEntry returns `Status`");
	finding_add_fixit(f, file, 12, 3, "NdisMDeregisterMiniportDriver(H);\n\t\t",
			  "deregister first");
	f = findings_add(fs, "miniport-deregister-on-unload", SEV_ERROR, file,
			 7, 11, "DriverEntry", "no unload handler");
	f->suppressed = true;
	f->suppress_reason = strdup("legacy <driver>");
	findings_sort(fs);
}

/* ---- escaping ------------------------------------------------------------ */

/* Asserts that html_escape_str(in) is `want`. */
static void expect_escape(const char *in, const char *want)
{
	char *got = html_escape_str(in);

	ck_assert_ptr_nonnull(got);
	ck_assert_msg(strcmp(got, want) == 0, "escape(%s) = '%s', want '%s'",
		      in, got, want);
	free(got);
}

START_TEST(escape_specials)
{
	expect_escape("&", "&amp;");
	expect_escape("<", "&lt;");
	expect_escape(">", "&gt;");
	expect_escape("\"", "&quot;");
	expect_escape("'", "&#39;");
	expect_escape("<script>alert('x')</script>",
		      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	expect_escape("a=\"b\" onload='c'", "a=&quot;b&quot; onload=&#39;c&#39;");
	expect_escape("&amp;", "&amp;amp;");
	expect_escape("plain text 123 `x` /* y */", "plain text 123 `x` /* y */");
	expect_escape("", "");
	/* white space survives; other controls become U+FFFD */
	expect_escape("a\tb\nc\rd", "a\tb\nc\rd");
	expect_escape("\x01\x1b\x7f", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	/* valid UTF-8 (U+00E9, U+2028, U+1F600) is kept */
	expect_escape("\xC3\xA9\xE2\x80\xA8\xF0\x9F\x98\x80",
		      "\xC3\xA9\xE2\x80\xA8\xF0\x9F\x98\x80");
	/* invalid bytes, overlong forms, surrogates, truncation: U+FFFD */
	expect_escape("\xFF", "\xEF\xBF\xBD");
	expect_escape("\xC0\xBC", "\xEF\xBF\xBD\xEF\xBF\xBD");
	expect_escape("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	expect_escape("x\xE2\x80", "x\xEF\xBF\xBD\xEF\xBF\xBD");
}
END_TEST

/* ---- the output folder ---------------------------------------------------- */

/* Runs html_write on fs into dir; returns its result, err filled. */
static int write_report(const char *dir, const struct findings *fs,
			const char *root, char *err, size_t errsize)
{
	struct html_input in = {
		.fs = fs,
		.source_root = root,
		.tool_version = "test",
		.nfiles = 1,
	};

	return html_write(dir, &in, err, errsize);
}

START_TEST(refuses_other_dirs)
{
	char root[64], dir[128], file[256], link[128], err[512];
	struct findings fs;
	char *names;

	scratch(root, sizeof root);
	findings_init(&fs);
	/* a directory with someone's file in it */
	snprintf(dir, sizeof dir, "%s/docs", root);
	ck_assert_int_eq(mkdir(dir, 0777), 0);
	snprintf(file, sizeof file, "%s/keep.txt", dir);
	write_file(file, "mine\n");
	ck_assert(!html_check_target(dir, err, sizeof err));
	ck_assert_int_eq(write_report(dir, &fs, root, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "not an ndislint report") != NULL, "%s", err);
	names = list_dir(dir);
	ck_assert_str_eq(names, "keep.txt|");
	free(names);
	/* an empty directory is not a report either */
	snprintf(dir, sizeof dir, "%s/empty", root);
	ck_assert_int_eq(mkdir(dir, 0777), 0);
	ck_assert_int_eq(write_report(dir, &fs, root, err, sizeof err), -1);
	/* a file, a symbolic link, a missing parent, "." */
	ck_assert_int_eq(write_report(file, &fs, root, err, sizeof err), -1);
	snprintf(link, sizeof link, "%s/link", root);
	ck_assert_int_eq(symlink("docs", link), 0);
	ck_assert_int_eq(write_report(link, &fs, root, err, sizeof err), -1);
	snprintf(dir, sizeof dir, "%s/no/such", root);
	ck_assert_int_eq(write_report(dir, &fs, root, err, sizeof err), -1);
	ck_assert_int_eq(write_report(".", &fs, root, err, sizeof err), -1);
	/* nothing was created next to them */
	names = list_dir(root);
	ck_assert_str_eq(names, "docs|empty|link|");
	free(names);
	findings_free(&fs);
	scratch_free(root);
}
END_TEST

START_TEST(rewrites_report)
{
	char root[64], src[128], out[128], stale[160], err[512];
	struct findings fs;
	char *names, *index;

	scratch(root, sizeof root);
	snprintf(src, sizeof src, "%s/driver.c", root);
	write_file(src, driver_src);
	sample_findings(&fs, src);
	snprintf(out, sizeof out, "%s/report/", root);   /* trailing slash */
	ck_assert_msg(html_check_target(out, err, sizeof err), "%s", err);
	ck_assert_msg(write_report(out, &fs, root, err, sizeof err) == 0, "%s", err);
	snprintf(stale, sizeof stale, "%s/report/finding-99.html", root);
	write_file(stale, "old\n");
	/* the second run replaces the whole folder */
	ck_assert_msg(html_check_target(out, err, sizeof err), "%s", err);
	ck_assert_msg(write_report(out, &fs, root, err, sizeof err) == 0, "%s", err);
	ck_assert_int_ne(access(stale, F_OK), 0);
	names = list_dir(root);
	ck_assert_str_eq(names, "driver.c|report|");   /* no temporary left */
	free(names);
	snprintf(stale, sizeof stale, "%s/report/" HTML_MARKER, root);
	ck_assert_int_eq(access(stale, F_OK), 0);
	snprintf(stale, sizeof stale, "%s/report/index.html", root);
	index = read_all(stale);
	/* the suppressed finding is listed with its reason, escaped */
	ck_assert_ptr_nonnull(strstr(index, "legacy &lt;driver&gt;"));
	ck_assert_ptr_nonnull(strstr(index, "DriverEntry fails &lt;here&gt; &amp; "
				     "&quot;there&quot;"));
	ck_assert_ptr_null(strstr(index, "<here>"));
	free(index);
	findings_free(&fs);
	scratch_free(root);
}
END_TEST

/* Is every name in the list one the report writes? */
static bool only_report_names(const char *names)
{
	const char *p = names;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t len = (size_t)(bar - p);

		if (!((len == strlen(HTML_MARKER) &&
		       strncmp(p, HTML_MARKER, len) == 0) ||
		      (len == 10 && strncmp(p, "index.html", 10) == 0) ||
		      strncmp(p, "finding-", 8) == 0 || strncmp(p, "rule-", 5) == 0))
			return false;
		if (memchr(p, '/', len) != NULL)
			return false;
		p = bar + 1;
	}
	return true;
}

START_TEST(never_writes_outside)
{
	char root[64], sub[96], out[128], err[512];
	const char *files[] = {
		"../../evil.c", "/tmp/ndislint-html-nonexistent/x.c",
		"a/../../../b.c", "..", "/", "<img src=x>.c", "finding-1.html",
	};
	struct findings fs;
	char *names;

	scratch(root, sizeof root);
	snprintf(sub, sizeof sub, "%s/sub", root);
	ck_assert_int_eq(mkdir(sub, 0777), 0);
	findings_init(&fs);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct finding *f = findings_add(&fs, "deregister-without-register",
						 SEV_ERROR, files[i], 3, 1, "F",
						 "in %s", files[i]);

		finding_add_step(f, files[i], 1, 1, "step");
		finding_add_fixit(f, files[i], 2, 1, "x();", "fix");
	}
	findings_add(&fs, "no-such-rule/../../x", SEV_WARNING, NULL, 0, 0,
		     NULL, "no file at all");
	findings_sort(&fs);
	snprintf(out, sizeof out, "%s/out", sub);
	ck_assert_msg(write_report(out, &fs, sub, err, sizeof err) == 0, "%s", err);
	names = list_dir(root);
	ck_assert_str_eq(names, "sub|");
	free(names);
	names = list_dir(sub);
	ck_assert_str_eq(names, "out|");
	free(names);
	names = list_dir(out);
	ck_assert_msg(only_report_names(names), "unexpected files: %s", names);
	ck_assert_ptr_nonnull(strstr(names, "finding-8.html|"));
	free(names);
	ck_assert_int_ne(access("/tmp/ndislint-html-nonexistent", F_OK), 0);
	findings_free(&fs);
	scratch_free(root);
}
END_TEST

/* Checks one href/src value: relative, no scheme, and pointing at a page
 * of the report (or an anchor). */
static void check_link(const char *dir, const char *page, const char *v,
		       size_t len)
{
	char name[256], path[512];
	size_t n = 0;

	ck_assert_msg(len > 0 && len < sizeof name, "%s: bad link", page);
	if (len == 6 && strncmp(v, "data:,", 6) == 0)
		return;                              /* the empty favicon */
	ck_assert_msg(v[0] != '/', "%s: absolute link %.*s", page, (int)len, v);
	ck_assert_msg(memchr(v, ':', len) == NULL, "%s: link with a scheme %.*s",
		      page, (int)len, v);
	if (v[0] == '#')
		return;
	while (n < len && v[n] != '#')
		n++;
	memcpy(name, v, n);
	name[n] = '\0';
	ck_assert_msg(strchr(name, '/') == NULL, "%s: link leaves the folder: %s",
		      page, name);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_msg(access(path, F_OK) == 0, "%s: dangling link %s", page, name);
}

/* Checks every link of a page and the absence of network references. */
static void check_page_links(const char *dir, const char *page)
{
	char path[512];
	char *text, *p;

	snprintf(path, sizeof path, "%s/%s", dir, page);
	text = read_all(path);
	ck_assert_msg(strstr(text, "http:") == NULL && strstr(text, "https:") == NULL,
		      "%s mentions a URL", page);
	for (p = strstr(text, "http"); p; p = strstr(p + 1, "http"))
		ck_assert_msg(strncmp(p, "http-equiv", 10) == 0,
			      "%s: 'http' outside http-equiv", page);
	ck_assert_msg(strstr(text, "//") == NULL, "%s contains //", page);
	ck_assert_msg(strstr(text, "file:") == NULL, "%s contains file:", page);
	ck_assert_msg(strstr(text, "/tmp/") == NULL, "%s contains /tmp/", page);
	for (p = text; (p = strstr(p, "href=\"")) != NULL; p++) {
		const char *end = strchr(p + 6, '"');

		ck_assert_ptr_nonnull(end);
		check_link(dir, page, p + 6, (size_t)(end - p - 6));
	}
	for (p = text; (p = strstr(p, " src=\"")) != NULL; p++) {
		const char *end = strchr(p + 6, '"');

		ck_assert_ptr_nonnull(end);
		check_link(dir, page, p + 6, (size_t)(end - p - 6));
	}
	free(text);
}

START_TEST(relative_links_only)
{
	char root[64], src[128], out[128], err[512];
	struct findings fs;
	char *names, *p;

	scratch(root, sizeof root);
	snprintf(src, sizeof src, "%s/driver.c", root);
	write_file(src, driver_src);
	/* the finding names the file relative to the source root, as runs do
	 * when started there; the absolute path is the fallback */
	ck_assert_int_eq(chdir(root), 0);
	sample_findings(&fs, "driver.c");
	snprintf(out, sizeof out, "%s/out", root);
	ck_assert_msg(write_report("out", &fs, root, err, sizeof err) == 0, "%s", err);
	names = list_dir(out);
	for (p = names; *p; ) {
		char *bar = strchr(p, '|');

		*bar = '\0';
		if (strstr(p, ".html"))
			check_page_links(out, p);
		p = bar + 1;
	}
	free(names);
	findings_free(&fs);
	ck_assert_int_eq(chdir("/"), 0);
	scratch_free(root);
}
END_TEST

START_TEST(finding_page_content)
{
	char root[64], src[128], out[128], path[192], err[512];
	struct findings fs;
	char *page;

	scratch(root, sizeof root);
	snprintf(src, sizeof src, "%s/driver.c", root);
	write_file(src, driver_src);
	sample_findings(&fs, src);
	snprintf(out, sizeof out, "%s/out", root);
	ck_assert_msg(write_report(out, &fs, root, err, sizeof err) == 0, "%s", err);
	/* finding 1 (line 7) is the suppressed one; 2 has the path */
	snprintf(path, sizeof path, "%s/finding-2.html", out);
	page = read_all(path);
	/* numbered source with the whole function, markers and the fix */
	ck_assert_ptr_nonnull(strstr(page, "<td class=\"ln\">4</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<td class=\"ln\">14</td>"));
	ck_assert_ptr_nonnull(strstr(page, "id=\"step-1\" data-step=\"0\""));
	ck_assert_ptr_nonnull(strstr(page, "id=\"step-3\" data-step=\"2\""));
	ck_assert_ptr_nonnull(strstr(page, "<code>Status != 0</code>"));
	ck_assert_ptr_nonnull(strstr(page, "NdisMDeregisterMiniportDriver(H);"));
	ck_assert_ptr_nonnull(strstr(page, "<tr class=\"add\">"));
	/* source text escaped: the string literal's markup */
	ck_assert_ptr_nonnull(strstr(page, "&lt;b&gt;&amp;amp;&lt;/b&gt;"));
	ck_assert_ptr_null(strstr(page, "<b>"));
	/* the rule's explanation is on the page */
	ck_assert_ptr_nonnull(strstr(page, "rule-miniport-deregister-on-error.html"));
	ck_assert_ptr_nonnull(strstr(page, "class=\"rulebox\""));
	/* one script, ours, allowed by hash */
	ck_assert_ptr_nonnull(strstr(page, "script-src 'sha256-"));
	ck_assert_ptr_null(strstr(strstr(page, "<script>") + 1, "<script"));
	free(page);
	findings_free(&fs);
	scratch_free(root);
}
END_TEST

START_TEST(new_and_fixed)
{
	char root[64], src[128], out[128], path[192], err[512];
	struct findings fs;
	char **fps;
	const char *prev[2];
	const char *desc[2] = { NULL, "old-rule a.c:1: gone" };
	char *index;

	scratch(root, sizeof root);
	snprintf(src, sizeof src, "%s/driver.c", root);
	write_file(src, driver_src);
	sample_findings(&fs, src);
	fps = report_fingerprints(&fs, root);
	ck_assert_ptr_nonnull(fps);
	prev[0] = fps[0];               /* the suppressed one was there */
	prev[1] = "0000000000000000000000000000000000000000000000000000000000000000";
	{
		struct html_input in = {
			.fs = &fs, .fingerprints = fps, .previous = prev,
			.nprevious = 2, .previous_desc = desc,
			.source_root = root, .nfiles = 1,
		};

		snprintf(out, sizeof out, "%s/out", root);
		ck_assert_msg(html_write(out, &in, err, sizeof err) == 0, "%s", err);
	}
	snprintf(path, sizeof path, "%s/index.html", out);
	index = read_all(path);
	ck_assert_ptr_nonnull(strstr(index, "<h3>New (1)</h3>"));
	ck_assert_ptr_nonnull(strstr(index, "<h3>Fixed (1)</h3>"));
	ck_assert_ptr_nonnull(strstr(index, "old-rule a.c:1: gone"));
	ck_assert_ptr_nonnull(strstr(index, "data-status=\"new\""));
	free(index);
	report_fingerprints_free(fps, fs.count);
	findings_free(&fs);
	scratch_free(root);
}
END_TEST

/* ---- the browser test -------------------------------------------------- */

START_TEST(browser)
{
	const char *tool = getenv("NDISLINT");
	const char *root = getenv("NDISLINT_ROOT");
	char cmd[2048];
	int rc;

	if (tool == NULL || root == NULL) {
		fprintf(stderr, "browser test: skipped: NDISLINT and "
			"NDISLINT_ROOT are not set\n");
		return;
	}
	snprintf(cmd, sizeof cmd, "sh '%s/tests/browser_test.sh' '%s' '%s' >&2",
		 root, tool, root);
	rc = system(cmd);
	ck_assert_msg(rc != -1 && WIFEXITED(rc), "browser test did not run");
	if (WEXITSTATUS(rc) == 77)
		return;                 /* chromium missing: the script said so */
	ck_assert_msg(WEXITSTATUS(rc) == 0, "tests/browser_test.sh failed "
		      "(exit %d); see its output above", WEXITSTATUS(rc));
}
END_TEST

Suite *html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("report");
	TCase *tb = tcase_create("browser");

	tcase_add_test(tc, escape_specials);
	tcase_add_test(tc, refuses_other_dirs);
	tcase_add_test(tc, rewrites_report);
	tcase_add_test(tc, never_writes_outside);
	tcase_add_test(tc, relative_links_only);
	tcase_add_test(tc, finding_page_content);
	tcase_add_test(tc, new_and_fixed);
	suite_add_tcase(s, tc);
	tcase_set_timeout(tb, 120);
	tcase_add_test(tb, browser);
	suite_add_tcase(s, tb);
	return s;
}
