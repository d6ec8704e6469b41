/*
 * html.c - the HTML audit report: escaping, page skeleton, the output
 * folder (temporary sibling, marker, swap into place), index.html and the
 * rule pages.  Finding pages and source excerpts are in html_finding.c.
 *
 * Every string that does not come from this file goes through
 * html_escape_n(), the one escaping function.  Scripts are constants of
 * this file; data reaches them only through data-* attributes, never
 * inside <script>.
 */
#include "html_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "../rules/rule.h"

#define HTML_MARKER_TEXT "ndislint-report 1\n"

/* ---- escaping ---------------------------------------------------------- */

/* Length of the valid UTF-8 sequence of two or more bytes at p, or 0 when
 * the bytes there are not one (overlong forms and surrogates included). */
static size_t html_utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	size_t n, i;
	unsigned char lo = 0x80, hi = 0xBF;

	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if ((size_t)(end - p) < n)
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++) {
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	}
	return n;
}

/* The entity for an ASCII byte that must be escaped, or NULL. */
static const char *html_entity(unsigned char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	default:
		break;
	}
	if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
		return "\xEF\xBF\xBD";  /* U+FFFD */
	return NULL;
}

/* Escapes `len` bytes for HTML text and quoted attributes (html.h). */
void html_escape_n(FILE *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;

	if (s == NULL)
		return;
	while (p < end) {
		const unsigned char *run = p;
		size_t n;

		/* copy the longest run of plain ASCII at once */
		while (p < end && *p < 0x80 && html_entity(*p) == NULL)
			p++;
		if (p > run)
			fwrite(run, 1, (size_t)(p - run), out);
		if (p >= end)
			break;
		if (*p < 0x80) {
			fputs(html_entity(*p), out);
			p++;
			continue;
		}
		n = html_utf8_len(p, end);
		if (n == 0) {
			fputs("\xEF\xBF\xBD", out);
			p++;
			continue;
		}
		fwrite(p, 1, n, out);
		p += n;
	}
}

/* Escapes a NUL-terminated string. */
void html_escape(FILE *out, const char *s)
{
	if (s != NULL)
		html_escape_n(out, s, strlen(s));
}

/* Escapes into a malloc'd string. */
char *html_escape_str(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		return NULL;
	html_escape(f, s);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* ---- small helpers ----------------------------------------------------- */

/* Severity as a word. */
const char *html_sev_name(enum severity sev)
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

/* Writes a severity badge. */
void html_sev_badge(FILE *out, enum severity sev)
{
	fprintf(out, "<span class=\"sev sev-%s\">%s</span>", html_sev_name(sev),
		html_sev_name(sev));
}

/* Writes a one-line reason into err. */
static void html_err(char *err, size_t errsize, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void html_err(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errsize == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsize, fmt, ap);
	va_end(ap);
}

/* The rule of this name among the report's rules, or NULL. */
const struct rule *html_rule_lookup(const struct html_ctx *c,
				    const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < c->nrules; i++) {
		if (c->rules[i] && strcmp(c->rules[i]->name, name) == 0)
			return c->rules[i];
	}
	return NULL;
}

/* Can this rule name be part of a file name as it is? */
static bool html_rule_name_safe(const char *name)
{
	size_t n = 0;
	const char *p;

	if (name == NULL || *name == '\0')
		return false;
	for (p = name; *p; p++, n++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-'))
			return false;
	}
	return n <= 100;
}

/* Writes the page name of a rule (html_internal.h). */
bool html_rule_href(FILE *out, const char *name)
{
	if (!html_rule_name_safe(name))
		return false;
	fprintf(out, "rule-%s.html", name);
	return true;
}

/* Writes a rule name, linked to its page when the report has one. */
void html_rule_link(FILE *out, const struct html_ctx *c, const char *name)
{
	if (html_rule_lookup(c, name) && html_rule_name_safe(name)) {
		fputs("<a href=\"", out);
		html_rule_href(out, name);
		fputs("\">", out);
		html_escape(out, name);
		fputs("</a>", out);
		return;
	}
	html_escape(out, name ? name : "(no rule)");
}

/* Writes text with `code` spans as <code>, escaped (html_internal.h). */
void html_inline(FILE *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *tick = memchr(s + i, '`', len - i);
		const char *close;

		if (tick == NULL) {
			html_escape_n(out, s + i, len - i);
			return;
		}
		close = memchr(tick + 1, '`', len - (size_t)(tick + 1 - s));
		if (close == NULL) {
			html_escape_n(out, s + i, len - i);
			return;
		}
		html_escape_n(out, s + i, (size_t)(tick - (s + i)));
		fputs("<code>", out);
		html_escape_n(out, tick + 1, (size_t)(close - tick - 1));
		fputs("</code>", out);
		i = (size_t)(close + 1 - s);
	}
}

/* Is the line at p (length len) a "- " list item (after indentation)? */
static bool html_is_item(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len && p[i] == ' ')
		i++;
	return i + 1 < len && p[i] == '-' && p[i + 1] == ' ';
}

/* Writes rule prose (html_internal.h).  One pass, line by line: a blank
 * line ends a paragraph or list, a "- " line starts a list item, other
 * lines continue the current paragraph or item. */
void html_prose(FILE *out, const char *text)
{
	const char *p = text ? text : "";
	enum { NONE, PARA, LIST } state = NONE;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t skip = 0;

		if (len == 0) {
			fputs(state == PARA ? "</p>\n" : state == LIST ?
			      "</li></ul>\n" : "", out);
			state = NONE;
		} else if (html_is_item(p, len)) {
			fputs(state == PARA ? "</p>\n<ul><li>" : state == LIST ?
			      "</li>\n<li>" : "<ul><li>", out);
			state = LIST;
			while (skip < len && p[skip] == ' ')
				skip++;
			skip += 2;
		} else {
			fputs(state == NONE ? "<p>" : " ", out);
			if (state == NONE)
				state = PARA;
		}
		if (len > skip)
			html_inline(out, p + skip, len - skip);
		p += len;
		if (*p == '\n')
			p++;
	}
	fputs(state == PARA ? "</p>\n" : state == LIST ? "</li></ul>\n" : "",
	      out);
}

/* Writes a message (NULL: nothing) with `code` spans. */
void html_message(FILE *out, const char *msg)
{
	if (msg != NULL)
		html_inline(out, msg, strlen(msg));
}

/* Writes a block of C code with line numbers, highlighted. */
void html_code_block(FILE *out, const char *code, const char *cls)
{
	const char *p = code ? code : "";
	bool in_comment = false;
	unsigned n = 0;

	fprintf(out, "<div class=\"src example %s\"><table class=\"code\">\n",
		cls ? cls : "");
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		fprintf(out, "<tr><td class=\"ln\">%u</td><td class=\"code\">",
			++n);
		html_highlight(out, p, len, &in_comment);
		fputs("</td></tr>\n", out);
		p += len;
		if (*p == '\n')
			p++;
	}
	fputs("</table></div>\n", out);
}

/* ---- page skeleton ----------------------------------------------------- */

static const char html_css[] =
":root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;"
"--line:#d1d9e0;--err:#cf222e;--warn:#9a6700;--note:#0969da;--ok:#1a7f37;"
"--hl:#fff8c5}\n"
"*{box-sizing:border-box}\n"
"body{margin:0;font:14px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;"
"color:var(--fg);background:var(--bg)}\n"
"header.top{display:flex;gap:1.5em;align-items:center;padding:.5em 1.5em;"
"background:#24292f;color:#fff}\n"
"header.top a{color:#fff;text-decoration:none}\n"
"header.top .brand{font-weight:600}\n"
"header.top nav{display:flex;gap:1em;font-size:13px}\n"
"main{padding:.5em 1.5em 2em;max-width:1500px}\n"
"footer{padding:.8em 1.5em;color:var(--muted);font-size:12px;"
"border-top:1px solid var(--line)}\n"
"h1{font-size:1.45em;margin:.4em 0 .4em;font-weight:600}\n"
"h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);"
"padding-bottom:.2em}\n"
"h3{font-size:1em;margin:1em 0 .4em}\n"
"a{color:#0969da}\n"
"code,pre,.mono,table.code td{font-family:ui-monospace,'DejaVu Sans Mono',"
"Menlo,Consolas,monospace;font-size:13px}\n"
"p code,li code,td code,h1 code,.bubble code{background:var(--panel);padding:0 .25em;"
"border-radius:3px}\n"
".cards{display:flex;flex-wrap:wrap;gap:.8em;margin:.6em 0 1em}\n"
".card{border:1px solid var(--line);border-radius:6px;padding:.5em 1em;"
"min-width:9em;background:var(--panel)}\n"
".card .n{font-size:1.6em;font-weight:600;display:block}\n"
".card .l{color:var(--muted);font-size:12px}\n"
".card.bad .n{color:var(--err)}.card.good .n{color:var(--ok)}\n"
".sev{display:inline-block;border-radius:10px;padding:0 .6em;font-size:12px;"
"font-weight:600;color:#fff;vertical-align:middle}\n"
".sev-error{background:var(--err)}.sev-warning{background:var(--warn)}"
".sev-note{background:var(--note)}\n"
".tag{display:inline-block;border-radius:10px;padding:0 .5em;font-size:12px;"
"border:1px solid;white-space:nowrap}\n"
".tag-new{color:#8250df;border-color:#8250df}"
".tag-supp{color:var(--muted);border-color:var(--muted)}\n"
"table.grid{border-collapse:collapse;margin:.3em 0 1em}\n"
"table.grid th,table.grid td{border:1px solid var(--line);padding:.25em .6em;"
"text-align:left;vertical-align:top}\n"
"table.grid th{background:var(--panel);font-weight:600}\n"
"table.grid td.num,table.grid th.num{text-align:right}\n"
"table.wide{width:100%}\n"
".columns{display:flex;flex-wrap:wrap;gap:0 2.5em;align-items:flex-start}\n"
"#ftable th[data-type]{cursor:pointer;user-select:none;white-space:nowrap}\n"
"#ftable th[aria-sort=ascending]::after{content:' \\25B2'}\n"
"#ftable th[aria-sort=descending]::after{content:' \\25BC'}\n"
"#ftable td.msg{min-width:30em}\n#ftable td:nth-child(3){white-space:nowrap}\n"
"tr.suppressed td{color:var(--muted)}\n"
".filters{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:end;"
"margin:.5em 0;padding:.5em .8em;background:var(--panel);"
"border:1px solid var(--line);border-radius:6px}\n"
".filters label{display:flex;flex-direction:column;font-size:12px;"
"color:var(--muted)}\n"
".filters select,.filters input{font:inherit;font-size:13px;padding:.15em .3em;"
"color:var(--fg)}\n"
".muted{color:var(--muted)}\n"
".meta{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;"
"margin:.5em 0 1em}\n"
".meta dt{color:var(--muted)}.meta dd{margin:0}\n"
".rulebox{border-left:4px solid var(--note);background:var(--panel);"
"padding:.4em 1em;margin:1em 0;border-radius:0 6px 6px 0}\n"
".rulebox p{margin:.4em 0}\n"
"details>summary{cursor:pointer}\n"
".src{border:1px solid var(--line);border-radius:6px;margin:.4em 0 1.4em;"
"overflow-x:auto}\n"
".src .fname{background:var(--panel);padding:.3em .8em;font-weight:600;"
"border-bottom:1px solid var(--line)}\n"
"table.code{border-collapse:collapse;width:100%}\n"
"table.code td{padding:0 .7em;white-space:pre;tab-size:8;-moz-tab-size:8;"
"line-height:1.45;vertical-align:top}\n"
"table.code td.ln{color:var(--muted);text-align:right;user-select:none;"
"width:1%;border-right:1px solid var(--line);background:var(--panel)}\n"
"table.code td.sign{width:1%;user-select:none;padding:0 .3em}\n"
"tr.gap td{background:var(--panel);color:var(--muted)}\n"
"tr.hl-step td.code{background:var(--hl)}\n"
"tr.hl-primary td.code{background:#ffebe9}\n"
"tr.note td.code{white-space:normal;padding-top:.15em;padding-bottom:.25em}\n"
".bubble{display:inline-block;border:1px solid #d4a72c;background:#fff8c5;"
"border-radius:4px;padding:.1em .6em .1em .25em;font-family:system-ui,"
"sans-serif;font-size:13px;max-width:95ch;white-space:normal;"
"scroll-margin:40vh 0}\n"
".stepnum{display:inline-block;min-width:1.6em;text-align:center;"
"border-radius:.8em;background:#9a6700;color:#fff;font-weight:600;"
"margin-right:.4em;font-size:12px;font-family:system-ui,sans-serif}\n"
".bubble.primary{border-color:var(--err);background:#ffebe9}\n"
".primary .stepnum{background:var(--err)}\n"
".bubble.fix{border-color:var(--ok);background:#dafbe1}\n"
".fix .stepnum{background:var(--ok)}\n"
".bubble.current{outline:3px solid #0969da;outline-offset:1px}\n"
"ol.steps{padding-left:0;list-style:none;margin:.3em 0}\n"
"ol.steps li{padding:.1em .5em;border-radius:4px;cursor:pointer}\n"
"ol.steps li.current{background:#ddf4ff;outline:1px solid #54aeff}\n"
"ol.steps .loc{color:var(--muted);font-size:12px;margin-left:.5em}\n"
".stepnav{display:flex;flex-wrap:wrap;gap:.6em;align-items:center;"
"margin:.3em 0}\n"
".stepnav button{font:inherit;font-size:13px;padding:.1em .7em}\n"
"#step-status{font-weight:600}\n"
"kbd{border:1px solid var(--line);border-bottom-width:2px;border-radius:3px;"
"padding:0 .3em;font-size:12px;background:var(--panel)}\n"
"tr.add td{background:#dafbe1}tr.del td{background:#ffebe9}\n"
".example.bad{border-left:4px solid var(--err)}"
".example.good{border-left:4px solid var(--ok)}\n"
".pager{display:flex;gap:1em;font-size:13px;margin:.5em 0}\n"
".c{color:#6e7781;font-style:italic}.s{color:#0a3069}.kw{color:#cf222e}"
".pp{color:#8250df}\n"
"ul.plain{padding-left:1.2em}\n";

/* The base64 of the SHA-256 of a script, for its CSP hash source. */
static void html_script_hash(const char *script, char b64[45])
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char d[33];
	char hex[65];
	size_t i, o = 0;

	report_sha256_hex(script, strlen(script), hex);
	for (i = 0; i < 32; i++) {
		unsigned hi = (unsigned)(hex[2 * i] <= '9' ? hex[2 * i] - '0' :
					 hex[2 * i] - 'a' + 10);
		unsigned lo = (unsigned)(hex[2 * i + 1] <= '9' ?
					 hex[2 * i + 1] - '0' :
					 hex[2 * i + 1] - 'a' + 10);

		d[i] = (unsigned char)(hi << 4 | lo);
	}
	d[32] = 0;
	for (i = 0; i < 33; i += 3) {
		unsigned v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 |
			     (i + 2 < 33 ? d[i + 2] : 0);

		b64[o++] = tab[v >> 18 & 63];
		b64[o++] = tab[v >> 12 & 63];
		b64[o++] = i + 1 < 32 ? tab[v >> 6 & 63] : '=';
		b64[o++] = i + 2 < 32 ? tab[v & 63] : '=';
	}
	b64[44] = '\0';
}

/* Writes the head of a page and the top bar (html_internal.h). */
void html_page_begin(FILE *out, const struct html_ctx *c, const char *title,
		     const char *script)
{
	char hash[45];

	(void)c;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\""
	      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
	      "base-uri 'none'; form-action 'none'", out);
	if (script != NULL) {
		html_script_hash(script, hash);
		fprintf(out, "; script-src 'sha256-%s'", hash);
	}
	fputs("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
	      "<meta name=\"generator\" content=\"ndislint\">\n<title>", out);
	html_escape(out, title);
	fputs("</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n", out);
	fputs(html_css, out);
	fputs("</style>\n</head>\n<body>\n<header class=\"top\">"
	      "<a class=\"brand\" href=\"index.html\">ndislint audit report</a>"
	      "<nav><a href=\"index.html#findings\">Findings</a>"
	      "<a href=\"index.html#by-rule\">Rules</a>"
	      "<a href=\"index.html#changes\">Changes</a>"
	      "<a href=\"index.html#suppressed\">Suppressed</a></nav>"
	      "</header>\n<main>\n", out);
}

/* Ends a page (html_internal.h). */
void html_page_end(FILE *out, const struct html_ctx *c, const char *script)
{
	fputs("</main>\n<footer>Generated by ndislint ", out);
	html_escape(out, c->version);
	fputs(" on ", out);
	html_escape(out, c->when);
	fputs(".</footer>\n", out);
	if (script != NULL) {
		fputs("<script>", out);
		fputs(script, out);
		fputs("</script>\n", out);
	}
	fputs("</body>\n</html>\n", out);
}

/* Creates a page in the output directory (never following a link). */
FILE *html_open_page(struct html_ctx *c, const char *name)
{
	int fd = openat(c->dirfd, name,
			O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			0666);
	FILE *f;

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "w");
	if (f == NULL)
		close(fd);
	return f;
}

/* Closes a page; -1 when any write failed. */
int html_close_page(FILE *out)
{
	int bad = ferror(out);

	if (fclose(out) != 0)
		bad = 1;
	return bad ? -1 : 0;
}

/* ---- index.html -------------------------------------------------------- */

/* Sorting and filtering of the findings table.  Reads only data-*
 * attributes and text; writes only classes, attributes and textContent. */
static const char html_index_js[] =
"(function () {\n"
"  'use strict';\n"
"  var table = document.getElementById('ftable');\n"
"  if (!table || !table.tBodies.length) { return; }\n"
"  var tbody = table.tBodies[0];\n"
"  var rows = Array.prototype.slice.call(tbody.rows);\n"
"  var heads = table.tHead.rows[0].cells;\n"
"  var sortCol = -1, sortDir = 1;\n"
"  function key(row, col, type) {\n"
"    var cell = row.cells[col];\n"
"    var v = cell.getAttribute('data-v');\n"
"    if (v === null) { v = cell.textContent; }\n"
"    return type === 'num' ? Number(v) : v.toLowerCase();\n"
"  }\n"
"  function sortBy(col) {\n"
"    var type = heads[col].getAttribute('data-type');\n"
"    sortDir = col === sortCol ? -sortDir : 1;\n"
"    sortCol = col;\n"
"    rows.sort(function (a, b) {\n"
"      var x = key(a, col, type), y = key(b, col, type);\n"
"      if (x < y) { return -sortDir; }\n"
"      if (x > y) { return sortDir; }\n"
"      return Number(a.getAttribute('data-index')) -\n"
"        Number(b.getAttribute('data-index'));\n"
"    });\n"
"    rows.forEach(function (r) { tbody.appendChild(r); });\n"
"    for (var i = 0; i < heads.length; i++) {\n"
"      if (heads[i].hasAttribute('data-type')) {\n"
"        heads[i].setAttribute('aria-sort', i !== col ? 'none' :\n"
"          sortDir > 0 ? 'ascending' : 'descending');\n"
"      }\n"
"    }\n"
"  }\n"
"  Array.prototype.forEach.call(heads, function (th, col) {\n"
"    if (!th.hasAttribute('data-type')) { return; }\n"
"    th.addEventListener('click', function () { sortBy(col); });\n"
"    th.addEventListener('keydown', function (e) {\n"
"      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(col); }\n"
"    });\n"
"  });\n"
"  var fRule = document.getElementById('f-rule');\n"
"  var fSev = document.getElementById('f-sev');\n"
"  var fFile = document.getElementById('f-file');\n"
"  var fStatus = document.getElementById('f-status');\n"
"  var fText = document.getElementById('f-text');\n"
"  var count = document.getElementById('f-count');\n"
"  function apply() {\n"
"    var rule = fRule.value, sev = fSev.value, file = fFile.value;\n"
"    var status = fStatus.value, text = fText.value.toLowerCase();\n"
"    var shown = 0;\n"
"    rows.forEach(function (r) {\n"
"      var st = r.getAttribute('data-status');\n"
"      var ok = (!rule || r.getAttribute('data-rule') === rule) &&\n"
"        (!sev || r.getAttribute('data-sev') === sev) &&\n"
"        (!file || r.getAttribute('data-file') === file) &&\n"
"        (!status || (status === 'active' ?\n"
"          st !== 'suppressed' && st !== 'baselined' : st === status)) &&\n"
"        (!text || r.textContent.toLowerCase().indexOf(text) >= 0);\n"
"      r.hidden = !ok;\n"
"      if (ok) { shown++; }\n"
"    });\n"
"    count.textContent = shown + ' of ' + rows.length + ' shown';\n"
"  }\n"
"  [fRule, fSev, fFile, fStatus].forEach(function (el) {\n"
"    el.addEventListener('change', apply);\n"
"  });\n"
"  fText.addEventListener('input', apply);\n"
"  apply();\n"
"})();\n";

/* Is the finding reported (neither suppressed nor baselined)? */
static bool html_active(const struct finding *f)
{
	return !f->suppressed && !f->baselined;
}

/* Number of findings with the suppressed (or else baselined) flag. */
static size_t html_count_flag(const struct findings *fs, bool baselined)
{
	size_t i, n = 0;

	for (i = 0; i < fs->count; i++) {
		if (baselined ? fs->items[i].baselined && !fs->items[i].suppressed :
		    fs->items[i].suppressed)
			n++;
	}
	return n;
}

/* Counts per severity of the reported findings. */
static void html_count_sev(const struct findings *fs, size_t counts[3])
{
	size_t i;

	counts[0] = counts[1] = counts[2] = 0;
	for (i = 0; i < fs->count; i++) {
		if (html_active(&fs->items[i]) && fs->items[i].severity <= SEV_ERROR)
			counts[fs->items[i].severity]++;
	}
}

/* Writes one summary card. */
static void html_card(FILE *out, const char *cls, size_t n, const char *label)
{
	fprintf(out, "<div class=\"card %s\"><span class=\"n\">%zu</span>"
		"<span class=\"l\">", cls, n);
	html_escape(out, label);
	fputs("</span></div>\n", out);
}

/* The heading, run facts and summary cards. */
static void html_index_head(FILE *out, const struct html_ctx *c)
{
	const struct findings *fs = c->fs;
	size_t sev[3], active = findings_active(fs);

	html_count_sev(fs, sev);
	fputs("<h1>ndislint audit report</h1>\n<dl class=\"meta\">", out);
	if (c->in->run_label) {
		fputs("<dt>Run</dt><dd>", out);
		html_escape(out, c->in->run_label);
		fputs("</dd>", out);
	}
	fputs("<dt>Date</dt><dd>", out);
	html_escape(out, c->when);
	fputs("</dd><dt>Tool</dt><dd>ndislint ", out);
	html_escape(out, c->version);
	fprintf(out, "</dd><dt>Files checked</dt><dd>%zu</dd></dl>\n",
		c->in->nfiles);
	fputs("<div class=\"cards\">\n", out);
	html_card(out, active ? "bad" : "good", active, "findings");
	html_card(out, "", sev[SEV_ERROR], "errors");
	html_card(out, "", sev[SEV_WARNING], "warnings");
	html_card(out, "", html_count_flag(fs, false), "suppressed");
	if (html_count_flag(fs, true) > 0)
		html_card(out, "", html_count_flag(fs, true),
			  "in the baseline (not reported)");
	if (c->in->previous != NULL) {
		html_card(out, c->nnew ? "bad" : "", c->nnew,
			  "new since the previous run");
		html_card(out, c->nfixed ? "good" : "", c->nfixed,
			  "fixed since the previous run");
	}
	fputs("</div>\n", out);
}

/* Counts reported and other (suppressed, baselined) findings of one
 * rule. */
static void html_rule_counts(const struct findings *fs, const char *name,
			     size_t *active, size_t *supp)
{
	size_t i;

	*active = *supp = 0;
	for (i = 0; i < fs->count; i++) {
		if (fs->items[i].rule == NULL ||
		    strcmp(fs->items[i].rule, name) != 0)
			continue;
		if (!html_active(&fs->items[i]))
			(*supp)++;
		else
			(*active)++;
	}
}

/* Was rule `name` seen before index i (so its row is already written)? */
static bool html_rule_seen(const struct findings *fs, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++) {
		if (fs->items[k].rule && fs->items[i].rule &&
		    strcmp(fs->items[k].rule, fs->items[i].rule) == 0)
			return true;
	}
	return false;
}

/* The per-rule table: every rule of the report, then rules that findings
 * name but the report does not know. */
static void html_index_by_rule(FILE *out, const struct html_ctx *c)
{
	size_t i, a, s;

	fputs("<div><h2 id=\"by-rule\">By rule</h2>\n<table class=\"grid\">"
	      "<thead><tr><th>Rule</th><th>Severity</th><th class=\"num\">"
	      "Findings</th><th class=\"num\">Not reported</th><th>Checks that"
	      "</th></tr></thead>\n<tbody>\n", out);
	for (i = 0; i < c->nrules; i++) {
		const struct rule *r = c->rules[i];

		html_rule_counts(c->fs, r->name, &a, &s);
		fputs("<tr><td>", out);
		html_rule_link(out, c, r->name);
		fputs("</td><td>", out);
		html_sev_badge(out, r->severity);
		fprintf(out, "</td><td class=\"num\">%zu</td><td class=\"num\">"
			"%zu</td><td>", a, s);
		html_escape(out, r->summary);
		fputs("</td></tr>\n", out);
	}
	for (i = 0; i < c->fs->count; i++) {
		const struct finding *f = &c->fs->items[i];

		if (f->rule == NULL || html_rule_lookup(c, f->rule) ||
		    html_rule_seen(c->fs, i))
			continue;
		html_rule_counts(c->fs, f->rule, &a, &s);
		fputs("<tr><td>", out);
		html_escape(out, f->rule);
		fputs("</td><td>", out);
		html_sev_badge(out, f->severity);
		fprintf(out, "</td><td class=\"num\">%zu</td><td class=\"num\">"
			"%zu</td><td class=\"muted\">(not a rule of this "
			"version)</td></tr>\n", a, s);
	}
	fputs("</tbody></table></div>\n", out);
}

/* The per-severity table. */
static void html_index_by_sev(FILE *out, const struct html_ctx *c)
{
	static const enum severity order[] = { SEV_ERROR, SEV_WARNING, SEV_NOTE };
	size_t sev[3], i;

	html_count_sev(c->fs, sev);
	fputs("<div><h2 id=\"by-severity\">By severity</h2>\n"
	      "<table class=\"grid\"><thead><tr><th>Severity</th>"
	      "<th class=\"num\">Findings</th></tr></thead>\n<tbody>\n", out);
	for (i = 0; i < 3; i++) {
		fputs("<tr><td>", out);
		html_sev_badge(out, order[i]);
		fprintf(out, "</td><td class=\"num\">%zu</td></tr>\n",
			sev[order[i]]);
	}
	fputs("</tbody></table></div>\n", out);
}

/* strcmp() where NULL equals NULL and sorts last. */
static int html_strcmp0(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (a == NULL)
		return 1;
	if (b == NULL)
		return -1;
	return strcmp(a, b);
}

/* The per-file table (findings are sorted by file, so a file's findings
 * are consecutive). */
static void html_index_by_file(FILE *out, const struct html_ctx *c)
{
	const struct findings *fs = c->fs;
	size_t i = 0;

	fputs("<div><h2 id=\"by-file\">By file</h2>\n<table class=\"grid\">"
	      "<thead><tr><th>File</th><th class=\"num\">Findings</th>"
	      "<th class=\"num\">Not reported</th></tr></thead>\n<tbody>\n", out);
	if (fs->count == 0)
		fputs("<tr><td colspan=\"3\" class=\"muted\">no findings"
		      "</td></tr>\n", out);
	while (i < fs->count) {
		size_t k = i, a = 0, s = 0;

		while (k < fs->count &&
		       html_strcmp0(fs->items[k].pos.file,
				    fs->items[i].pos.file) == 0) {
			if (!html_active(&fs->items[k]))
				s++;
			else
				a++;
			k++;
		}
		fputs("<tr><td class=\"mono\">", out);
		html_escape(out, fs->items[i].pos.file ? fs->items[i].pos.file :
			    "(no file)");
		fprintf(out, "</td><td class=\"num\">%zu</td><td class=\"num\">"
			"%zu</td></tr>\n", a, s);
		i = k;
	}
	fputs("</tbody></table></div>\n", out);
}

/* Writes a finding's location "file:line:col" (escaped). */
static void html_location(FILE *out, const struct position *pos)
{
	html_escape(out, pos->file ? pos->file : "(no file)");
	if (pos->line)
		fprintf(out, ":%u:%u", pos->line, pos->col);
}

/* The options of one filter <select>: the distinct values of a finding
 * field, in first-seen order (the findings are few; quadratic is fine). */
static void html_filter_options(FILE *out, const struct findings *fs,
				const char *(*field)(const struct finding *))
{
	size_t i, k;

	for (i = 0; i < fs->count; i++) {
		const char *v = field(&fs->items[i]);
		bool dup = false;

		for (k = 0; k < i && !dup; k++)
			dup = html_strcmp0(field(&fs->items[k]), v) == 0;
		if (dup || v == NULL)
			continue;
		fputs("<option value=\"", out);
		html_escape(out, v);
		fputs("\">", out);
		html_escape(out, v);
		fputs("</option>", out);
	}
}

/* Field accessors for html_filter_options. */
static const char *html_f_rule(const struct finding *f)
{
	return f->rule;
}

/* The file of a finding (html_filter_options). */
static const char *html_f_file(const struct finding *f)
{
	return f->pos.file;
}

/* The filter inputs above the findings table. */
static void html_index_filters(FILE *out, const struct html_ctx *c)
{
	fputs("<div class=\"filters\" role=\"search\">"
	      "<label>Rule<select id=\"f-rule\"><option value=\"\">all rules"
	      "</option>", out);
	html_filter_options(out, c->fs, html_f_rule);
	fputs("</select></label><label>Severity<select id=\"f-sev\">"
	      "<option value=\"\">all</option><option value=\"error\">error"
	      "</option><option value=\"warning\">warning</option>"
	      "<option value=\"note\">note</option></select></label>"
	      "<label>File<select id=\"f-file\"><option value=\"\">all files"
	      "</option>", out);
	html_filter_options(out, c->fs, html_f_file);
	fputs("</select></label><label>Status<select id=\"f-status\">"
	      "<option value=\"\">all</option><option value=\"active\">"
	      "reported</option>", out);
	if (c->in->previous != NULL)
		fputs("<option value=\"new\">new</option>", out);
	if (html_count_flag(c->fs, true) > 0)
		fputs("<option value=\"baselined\">in the baseline</option>", out);
	fputs("<option value=\"suppressed\">suppressed</option></select>"
	      "</label><label>Text<input id=\"f-text\" type=\"search\" "
	      "placeholder=\"message, function...\" size=\"28\"></label>"
	      "<span id=\"f-count\" class=\"muted\"></span></div>\n", out);
}

/* The status word of finding i: suppressed, new, or "" (or "known" when
 * the previous run is known). */
static const char *html_status(const struct html_ctx *c, size_t i)
{
	if (c->fs->items[i].suppressed)
		return "suppressed";
	if (c->fs->items[i].baselined)
		return "baselined";
	if (c->in->previous == NULL)
		return "";
	return c->is_new[i] ? "new" : "known";
}

/* Writes the status tag of finding i. */
static void html_status_tag(FILE *out, const struct html_ctx *c, size_t i)
{
	const char *st = html_status(c, i);

	if (strcmp(st, "suppressed") == 0)
		fputs("<span class=\"tag tag-supp\">suppressed</span>", out);
	else if (strcmp(st, "baselined") == 0)
		fputs("<span class=\"tag tag-supp\">baseline</span>", out);
	else if (strcmp(st, "new") == 0)
		fputs("<span class=\"tag tag-new\">new</span>", out);
}

/* One row of the findings table. */
static void html_index_row(FILE *out, const struct html_ctx *c, size_t i)
{
	const struct finding *f = &c->fs->items[i];

	fprintf(out, "<tr data-index=\"%zu\" data-rule=\"", i);
	html_escape(out, f->rule);
	fprintf(out, "\" data-sev=\"%s\" data-file=\"", html_sev_name(f->severity));
	html_escape(out, f->pos.file);
	fprintf(out, "\" data-status=\"%s\"%s>", html_status(c, i),
		html_active(f) ? "" : " class=\"suppressed\"");
	fprintf(out, "<td class=\"num\"><a href=\"finding-%zu.html\">%zu</a>"
		"</td><td data-v=\"%d\">", i + 1, i + 1, 2 - (int)f->severity);
	html_sev_badge(out, f->severity);
	fputs("</td><td>", out);
	html_rule_link(out, c, f->rule);
	fputs("</td><td class=\"mono\">", out);
	html_escape(out, f->pos.file);
	fprintf(out, "</td><td class=\"num\">%u</td><td class=\"mono\">", f->pos.line);
	html_escape(out, f->function);
	fprintf(out, "</td><td class=\"msg\"><a href=\"finding-%zu.html\">", i + 1);
	html_message(out, f->message);
	fputs("</a></td><td>", out);
	html_status_tag(out, c, i);
	fputs("</td></tr>\n", out);
}

/* The sortable, filterable table of every finding. */
static void html_index_table(FILE *out, const struct html_ctx *c)
{
	size_t i;

	fputs("<h2 id=\"findings\">Findings</h2>\n", out);
	if (c->fs->count == 0) {
		fputs("<p>No findings in this run.</p>\n", out);
		return;
	}
	html_index_filters(out, c);
	fputs("<table class=\"grid wide\" id=\"ftable\"><thead><tr>"
	      "<th data-type=\"num\" tabindex=\"0\" aria-sort=\"none\">#</th>"
	      "<th data-type=\"num\" tabindex=\"0\" aria-sort=\"none\">Severity</th>"
	      "<th data-type=\"text\" tabindex=\"0\" aria-sort=\"none\">Rule</th>"
	      "<th data-type=\"text\" tabindex=\"0\" aria-sort=\"none\">File</th>"
	      "<th data-type=\"num\" tabindex=\"0\" aria-sort=\"none\">Line</th>"
	      "<th data-type=\"text\" tabindex=\"0\" aria-sort=\"none\">Function</th>"
	      "<th data-type=\"text\" tabindex=\"0\" aria-sort=\"none\">Message</th>"
	      "<th data-type=\"text\" tabindex=\"0\" aria-sort=\"none\">Status</th>"
	      "</tr></thead>\n<tbody>\n", out);
	for (i = 0; i < c->fs->count; i++)
		html_index_row(out, c, i);
	fputs("</tbody></table>\n<p class=\"muted\">Click a column heading to "
	      "sort; the inputs above filter the rows.</p>\n", out);
}

/* A compact list entry: link to the finding page, location, message. */
static void html_finding_item(FILE *out, const struct html_ctx *c, size_t i)
{
	const struct finding *f = &c->fs->items[i];

	fprintf(out, "<li><a href=\"finding-%zu.html\">#%zu</a> ", i + 1, i + 1);
	html_rule_link(out, c, f->rule);
	fputs(" <span class=\"mono\">", out);
	html_location(out, &f->pos);
	fputs("</span>: ", out);
	html_message(out, f->message);
}

/* New and fixed since the previous run. */
static void html_index_changes(FILE *out, const struct html_ctx *c)
{
	const struct html_input *in = c->in;
	size_t i;

	fputs("<h2 id=\"changes\">Changes since the previous run</h2>\n", out);
	if (in->previous == NULL) {
		fputs("<p class=\"muted\">No previous run is known, so nothing "
		      "is called new or fixed (record runs with "
		      "<code>--db FILE</code>).</p>\n", out);
		return;
	}
	fprintf(out, "<h3>New (%zu)</h3>\n", c->nnew);
	fputs(c->nnew ? "<ul class=\"plain\">\n" : "<p class=\"muted\">none</p>\n",
	      out);
	for (i = 0; i < c->fs->count; i++) {
		if (c->is_new[i] && html_active(&c->fs->items[i])) {
			html_finding_item(out, c, i);
			fputs("</li>\n", out);
		}
	}
	if (c->nnew)
		fputs("</ul>\n", out);
	fprintf(out, "<h3>Fixed (%zu)</h3>\n", c->nfixed);
	fputs(c->nfixed ? "<ul class=\"plain\">\n" :
	      "<p class=\"muted\">none</p>\n", out);
	for (i = 0; i < c->nfixed; i++) {
		size_t k = c->fixed[i];
		const char *desc = in->previous_desc ? in->previous_desc[k] : NULL;

		fputs("<li>", out);
		if (desc != NULL)
			html_escape(out, desc);
		fputs(" <span class=\"muted mono\">", out);
		html_escape(out, in->previous[k]);
		fputs("</span></li>\n", out);
	}
	if (c->nfixed)
		fputs("</ul>\n", out);
}

/* Suppressed findings with their reasons. */
static void html_index_suppressed(FILE *out, const struct html_ctx *c)
{
	size_t i, n = html_count_flag(c->fs, false);

	fprintf(out, "<h2 id=\"suppressed\">Suppressed (%zu)</h2>\n", n);
	if (n == 0) {
		fputs("<p class=\"muted\">No finding was suppressed by an "
		      "<code>ndislint: ignore</code> comment.</p>\n", out);
		return;
	}
	fputs("<ul class=\"plain\">\n", out);
	for (i = 0; i < c->fs->count; i++) {
		const struct finding *f = &c->fs->items[i];

		if (!f->suppressed)
			continue;
		html_finding_item(out, c, i);
		fputs("<br><span class=\"muted\">Reason: </span>", out);
		if (f->suppress_reason && *f->suppress_reason)
			html_escape(out, f->suppress_reason);
		else
			fputs("<span class=\"muted\">(none given)</span>", out);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
}

/* The run notes (unresolved calls, missing includes...). */
static void html_index_notes(FILE *out, const struct html_ctx *c)
{
	size_t i;

	if (c->fs->nnotes == 0)
		return;
	fprintf(out, "<h2 id=\"notes\">Run notes (%zu)</h2>\n<ul class=\"plain\">\n",
		c->fs->nnotes);
	for (i = 0; i < c->fs->nnotes; i++) {
		const struct run_note *n = &c->fs->notes[i];

		fputs("<li>", out);
		if (n->pos.file) {
			fputs("<span class=\"mono\">", out);
			html_location(out, &n->pos);
			fputs("</span>: ", out);
		}
		html_escape(out, n->message);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
}

/* Writes index.html. */
static int html_write_index(struct html_ctx *c)
{
	FILE *out = html_open_page(c, "index.html");
	const char *script = c->fs->count ? html_index_js : NULL;

	if (out == NULL)
		return -1;
	html_page_begin(out, c, "ndislint audit report", script);
	html_index_head(out, c);
	html_index_table(out, c);
	fputs("<div class=\"columns\">\n", out);
	html_index_by_rule(out, c);
	html_index_by_sev(out, c);
	html_index_by_file(out, c);
	fputs("</div>\n", out);
	html_index_changes(out, c);
	html_index_suppressed(out, c);
	html_index_notes(out, c);
	html_page_end(out, c, script);
	return html_close_page(out);
}

/* ---- rule pages -------------------------------------------------------- */

/* Writes rule-NAME.html for one rule. */
static int html_write_rule(struct html_ctx *c, const struct rule *r)
{
	char name[160];
	size_t i, n = 0;
	FILE *out;

	if (!html_rule_name_safe(r->name))
		return 0;
	snprintf(name, sizeof name, "rule-%s.html", r->name);
	out = html_open_page(c, name);
	if (out == NULL)
		return -1;
	html_page_begin(out, c, r->name, NULL);
	fputs("<h1>", out);
	html_escape(out, r->name);
	fputs(" ", out);
	html_sev_badge(out, r->severity);
	fputs("</h1>\n<p><strong>", out);
	html_escape(out, r->summary);
	fputs("</strong></p>\n<dl class=\"meta\"><dt>Applies to</dt><dd>", out);
	html_escape(out, r->applies_to ? r->applies_to : "any");
	fputs(" drivers</dd><dt>On the command line</dt><dd><code>ndislint "
	      "explain ", out);
	html_escape(out, r->name);
	fputs("</code></dd></dl>\n<h2>What it checks and why</h2>\n", out);
	html_prose(out, r->explanation);
	fputs("<h2>Bad</h2>\n", out);
	html_code_block(out, r->bad_example, "bad");
	fputs("<h2>Good</h2>\n", out);
	html_code_block(out, r->good_example, "good");
	fputs("<h2>Findings of this run</h2>\n<ul class=\"plain\">\n", out);
	for (i = 0; i < c->fs->count; i++) {
		const struct finding *f = &c->fs->items[i];

		if (f->rule == NULL || strcmp(f->rule, r->name) != 0)
			continue;
		n++;
		html_finding_item(out, c, i);
		fputc(' ', out);
		html_status_tag(out, c, i);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
	if (n == 0)
		fputs("<p class=\"muted\">none</p>\n", out);
	html_page_end(out, c, NULL);
	return html_close_page(out);
}

/* ---- run data: fingerprints, new and fixed ----------------------------- */

/* qsort comparator for arrays of string pointers. */
static int html_cmp_str(const void *a, const void *b)
{
	return html_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

/* Is `key` in the sorted array `arr` of n strings? */
static bool html_in_sorted(const char **arr, size_t n, const char *key)
{
	return key != NULL &&
	       bsearch(&key, arr, n, sizeof *arr, html_cmp_str) != NULL;
}

/* Marks each finding new or not and lists the previous findings that are
 * gone.  false when out of memory. */
static bool html_diff_runs(struct html_ctx *c)
{
	const struct html_input *in = c->in;
	size_t n = c->fs->count, i;
	const char **prev, **cur;

	c->is_new = calloc(n ? n : 1, sizeof *c->is_new);
	c->fixed = calloc(in->nprevious ? in->nprevious : 1, sizeof *c->fixed);
	prev = malloc((in->nprevious ? in->nprevious : 1) * sizeof *prev);
	cur = malloc((n ? n : 1) * sizeof *cur);
	if (!c->is_new || !c->fixed || !prev || !cur) {
		free(prev);
		free(cur);
		return false;
	}
	for (i = 0; i < in->nprevious; i++)
		prev[i] = in->previous ? in->previous[i] : NULL;
	for (i = 0; i < n; i++)
		cur[i] = c->fps[i];
	qsort(prev, in->nprevious, sizeof *prev, html_cmp_str);
	qsort(cur, n, sizeof *cur, html_cmp_str);
	for (i = 0; in->previous && i < n; i++) {
		c->is_new[i] = !html_in_sorted(prev, in->nprevious, c->fps[i]);
		if (c->is_new[i] && html_active(&c->fs->items[i]))
			c->nnew++;
	}
	for (i = 0; in->previous && i < in->nprevious; i++) {
		if (in->previous[i] && !html_in_sorted(cur, n, in->previous[i]))
			c->fixed[c->nfixed++] = i;
	}
	free(prev);
	free(cur);
	return true;
}

/* Fills the context from the input.  false when out of memory. */
static bool html_ctx_init(struct html_ctx *c, const struct html_input *in)
{
	time_t t = in->run_time ? in->run_time : time(NULL);
	struct tm tm;

	memset(c, 0, sizeof *c);
	c->in = in;
	c->fs = in->fs;
	c->dirfd = -1;
	c->rules = in->rules ? in->rules : rule_registry;
	c->nrules = in->rules ? in->nrules : rule_count;
#ifdef NDISLINT_VERSION
	c->version = in->tool_version ? in->tool_version : NDISLINT_VERSION;
#else
	c->version = in->tool_version ? in->tool_version : "unknown";
#endif
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(c->when, sizeof c->when, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(c->when, sizeof c->when, "(unknown time)");
	if (in->fingerprints != NULL) {
		c->fps = in->fingerprints;
	} else {
		c->own_fps = report_fingerprints(c->fs, in->source_root);
		if (c->own_fps == NULL && c->fs->count)
			return false;
		c->fps = c->own_fps;
	}
	return html_diff_runs(c);
}

/* Frees what the context holds. */
static void html_ctx_free(struct html_ctx *c)
{
	if (c->own_fps)
		report_fingerprints_free(c->own_fps, c->fs->count);
	free(c->is_new);
	free(c->fixed);
	html_srcs_free(c);
	if (c->dirfd >= 0)
		close(c->dirfd);
	memset(c, 0, sizeof *c);
}

/* ---- the output folder ------------------------------------------------- */

/* `dir` without trailing slashes (malloc'd), and its parent directory and
 * last component (malloc'd).  false when out of memory. */
static bool html_split_dir(const char *dir, char **clean, char **parent,
			   char **base)
{
	size_t len = strlen(dir);
	const char *slash;

	while (len > 1 && dir[len - 1] == '/')
		len--;
	*clean = strndup(dir, len);
	*parent = NULL;
	*base = NULL;
	if (*clean == NULL)
		return false;
	slash = strrchr(*clean, '/');
	if (slash == NULL) {
		*parent = strdup(".");
		*base = strdup(*clean);
	} else {
		*parent = strndup(*clean, slash == *clean ? 1 :
				  (size_t)(slash - *clean));
		*base = strdup(slash + 1);
	}
	return *parent != NULL && *base != NULL;
}

/* Does directory `path` hold our marker file? */
static bool html_has_marker(const char *path)
{
	char buf[sizeof HTML_MARKER_TEXT];
	int dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int fd;
	ssize_t n;

	if (dfd < 0)
		return false;
	fd = openat(dfd, HTML_MARKER, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC);
	close(dfd);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	return n >= 15 && memcmp(buf, "ndislint-report", 15) == 0;
}

/* Checks the target directory (html.h). */
bool html_check_target(const char *dir, char *err, size_t errsize)
{
	char *clean, *parent, *base;
	struct stat st;
	bool ok = false;

	if (dir == NULL || *dir == '\0') {
		html_err(err, errsize, "--html: empty directory name");
		return false;
	}
	if (!html_split_dir(dir, &clean, &parent, &base)) {
		html_err(err, errsize, "out of memory");
		goto out;
	}
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
	    strcmp(clean, "/") == 0) {
		html_err(err, errsize, "%s: cannot be replaced by a report "
			 "(name a new directory)", dir);
		goto out;
	}
	if (lstat(clean, &st) != 0) {
		if (errno != ENOENT) {
			html_err(err, errsize, "%s: %s", dir, strerror(errno));
		} else if (stat(parent, &st) != 0 || !S_ISDIR(st.st_mode)) {
			html_err(err, errsize, "%s: parent directory %s does "
				 "not exist", dir, parent);
		} else {
			ok = true;
		}
		goto out;
	}
	if (S_ISLNK(st.st_mode))
		html_err(err, errsize, "%s: is a symbolic link; refusing to "
			 "write a report there", dir);
	else if (!S_ISDIR(st.st_mode))
		html_err(err, errsize, "%s: exists and is not a directory", dir);
	else if (!html_has_marker(clean))
		html_err(err, errsize, "%s: exists and is not an ndislint "
			 "report; refusing to overwrite it", dir);
	else
		ok = true;
out:
	free(clean);
	free(parent);
	free(base);
	return ok;
}

/* Empties and removes a directory that html_write made or replaced.  Its
 * entries are flat (files, at most empty directories): no recursion. */
static void html_remove_dir(const char *path)
{
	int dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d;
	struct dirent *e;

	if (dfd < 0)
		return;
	d = fdopendir(dfd);
	if (d == NULL) {
		close(dfd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dfd, e->d_name, 0) != 0)
			(void)unlinkat(dfd, e->d_name, AT_REMOVEDIR);
	}
	closedir(d);
	(void)rmdir(path);
}

/* Writes the marker file. */
static int html_write_marker(struct html_ctx *c)
{
	FILE *out = html_open_page(c, HTML_MARKER);

	if (out == NULL)
		return -1;
	fputs(HTML_MARKER_TEXT, out);
	fputs("This directory is an HTML report written by ndislint; "
	      "`ndislint check --html` replaces it as a whole.\n", out);
	return html_close_page(out);
}

/* Writes every page into the open output directory. */
static int html_write_pages(struct html_ctx *c)
{
	size_t i;

	if (html_write_marker(c) != 0 || html_write_index(c) != 0)
		return -1;
	for (i = 0; i < c->nrules; i++) {
		if (c->rules[i] && html_write_rule(c, c->rules[i]) != 0)
			return -1;
	}
	for (i = 0; i < c->fs->count; i++) {
		if (html_write_finding(c, i) != 0)
			return -1;
	}
	return 0;
}

/* Moves the finished temporary directory `tmp` to `dir`: a plain rename
 * when dir does not exist, else an exchange with the earlier report,
 * which is then removed.  0, or -1 with errno set. */
static int html_put_in_place(const char *tmp, const char *dir)
{
	struct stat st;

	if (lstat(dir, &st) != 0)
		return rename(tmp, dir);
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
		html_remove_dir(tmp);   /* now the earlier report */
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	{
		/* no atomic exchange here: move the old one aside first */
		size_t n = strlen(tmp) + sizeof ".old";
		char *old = malloc(n);
		int rc;

		if (old == NULL)
			return -1;
		snprintf(old, n, "%s.old", tmp);
		rc = rename(dir, old);
		if (rc == 0) {
			rc = rename(tmp, dir);
			if (rc != 0)
				(void)rename(old, dir);
			else
				html_remove_dir(old);
		}
		free(old);
		return rc;
	}
}

/* Makes the temporary sibling directory; returns its malloc'd path. */
static char *html_make_tmp(const char *parent, const char *base)
{
	size_t n = strlen(parent) + strlen(base) + sizeof "/..ndislint-XXXXXX";
	char *tmp = malloc(n);
	mode_t mask;

	if (tmp == NULL)
		return NULL;
	snprintf(tmp, n, "%s/.%s.ndislint-XXXXXX", parent, base);
	if (mkdtemp(tmp) == NULL) {
		free(tmp);
		return NULL;
	}
	mask = umask(0);
	umask(mask);
	(void)chmod(tmp, 0777 & ~mask);
	return tmp;
}

/* Writes the report (html.h). */
int html_write(const char *dir, const struct html_input *in, char *err,
	       size_t errsize)
{
	struct html_ctx c;
	char *clean = NULL, *parent = NULL, *base = NULL, *tmp = NULL;
	int rc = -1, saved = 0;

	if (!html_check_target(dir, err, errsize))
		return -1;
	if (!html_split_dir(dir, &clean, &parent, &base)) {
		html_err(err, errsize, "out of memory");
		goto out;
	}
	if (!html_ctx_init(&c, in)) {
		html_err(err, errsize, "out of memory");
		goto done;
	}
	tmp = html_make_tmp(parent, base);
	if (tmp == NULL) {
		html_err(err, errsize, "%s: cannot create a directory in %s: %s",
			 dir, parent, strerror(errno));
		goto done;
	}
	c.dirfd = open(tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (c.dirfd < 0 || html_write_pages(&c) != 0) {
		saved = errno;
		html_err(err, errsize, "%s: cannot write the report: %s", dir,
			 strerror(saved ? saved : EIO));
		html_remove_dir(tmp);
		goto done;
	}
	if (html_put_in_place(tmp, clean) != 0) {
		saved = errno;
		html_err(err, errsize, "%s: cannot put the report in place: %s",
			 dir, strerror(saved));
		html_remove_dir(tmp);
		goto done;
	}
	rc = 0;
done:
	html_ctx_free(&c);
out:
	free(tmp);
	free(clean);
	free(parent);
	free(base);
	return rc;
}
