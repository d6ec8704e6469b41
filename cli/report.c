/*
 * report.c - `ndislint report --db FILE --html DIR`: the HTML audit report
 * of the latest run recorded in a run store, with "new" and "fixed"
 * measured against the run recorded before it.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "../reports/html.h"
#include "../reports/report.h"
#include "../reports/store.h"

/* The options of `report`. */
struct report_args {
	const char *db;
	const char *html;
};

/* Parses --db FILE and --html DIR (also --db=FILE); false after an
 * error line. */
static bool report_parse(int argc, char **argv, struct report_args *a)
{
	memset(a, 0, sizeof *a);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char **slot = NULL;
		const char *value = NULL;
		size_t n = 0;

		if (strncmp(arg, "--db", 4) == 0 && (arg[4] == '\0' || arg[4] == '=')) {
			slot = &a->db;
			n = 4;
		} else if (strncmp(arg, "--html", 6) == 0 &&
			   (arg[6] == '\0' || arg[6] == '=')) {
			slot = &a->html;
			n = 6;
		} else {
			cli_error("report: unexpected argument '%s' (usage: ndislint "
				  "report --db FILE --html DIR)", arg);
			return false;
		}
		if (arg[n] == '=')
			value = arg + n + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		if (value == NULL || *value == '\0') {
			cli_error("report: %.*s: missing value", (int)n, arg);
			return false;
		}
		*slot = value;
	}
	if (a->db == NULL || a->html == NULL) {
		cli_error("report: needs --db FILE and --html DIR");
		return false;
	}
	return true;
}

/* "2024-05-01T12:00:00Z" as a time; 0 when it does not parse. */
static time_t report_parse_time(const char *iso)
{
	struct tm tm;
	const char *end;

	if (iso == NULL)
		return 0;
	memset(&tm, 0, sizeof tm);
	end = strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL)
		return 0;
	return timegm(&tm);
}

/* The loaded run and what the report needs besides. */
struct report_data {
	struct findings fs;
	struct store_run_info info;
	char **fps;
	char **prev;
	size_t nprev;
	bool has_prev;
};

/* Loads the latest run and the previous run's fingerprints; CLI_CONTINUE
 * or CLI_ERROR after the error line. */
static int report_load(struct store *st, const char *db,
		       struct report_data *d)
{
	char err[1200];
	int rc = store_load_run(st, 0, &d->fs, &d->info, &d->fps, err,
				sizeof err);

	if (rc == 1) {
		cli_error("report: %s: holds no recorded run", db);
		return CLI_ERROR;
	}
	if (rc != 0) {
		cli_error("report: %s", err);
		return CLI_ERROR;
	}
	if (d->info.previous_id <= 0)
		return CLI_CONTINUE;
	if (store_previous_fingerprints(st, d->info.id, &d->prev, &d->nprev,
					err, sizeof err) != 0) {
		cli_error("report: %s", err);
		return CLI_ERROR;
	}
	d->has_prev = true;
	if (d->prev == NULL) {
		d->prev = calloc(1, sizeof *d->prev);  /* a run with no finding */
		if (d->prev == NULL) {
			cli_error("out of memory");
			return CLI_ERROR;
		}
	}
	return CLI_CONTINUE;
}

/* Writes the report of the loaded run. */
static int report_write(const struct report_args *a,
			const struct report_data *d)
{
	char label[512], err[1200];
	struct html_input in = {
		.fs = &d->fs,
		.fingerprints = d->fps,
		.previous = d->has_prev ? (const char *const *)d->prev : NULL,
		.nprevious = d->nprev,
		.source_root = d->info.source_root,
		.tool_version = d->info.tool_version,
		.run_time = report_parse_time(d->info.started),
		.nfiles = d->info.nfiles,
		.run_label = label,
	};

	snprintf(label, sizeof label, "run %lld of %s", d->info.id, a->db);
	if (html_write(a->html, &in, err, sizeof err) != 0) {
		cli_error("report: --html: %s", err);
		return CLI_ERROR;
	}
	return CLI_OK;
}

/* `report --db FILE --html DIR` (cli.h). */
int cli_report(int argc, char **argv)
{
	struct report_args a;
	struct report_data d;
	struct store *st;
	char err[1200];
	int rc;

	if (!report_parse(argc, argv, &a))
		return CLI_ERROR;
	if (!html_check_target(a.html, err, sizeof err)) {
		cli_error("report: --html: %s", err);
		return CLI_ERROR;
	}
	st = store_open(a.db, true, err, sizeof err);
	if (st == NULL) {
		cli_error("report: --db: %s", err);
		return CLI_ERROR;
	}
	memset(&d, 0, sizeof d);
	findings_init(&d.fs);
	rc = report_load(st, a.db, &d);
	if (rc == CLI_CONTINUE)
		rc = report_write(&a, &d);
	store_close(st);
	report_fingerprints_free(d.fps, d.fs.count);
	report_fingerprints_free(d.prev, d.nprev ? d.nprev : (d.prev ? 1 : 0));
	findings_free(&d.fs);
	store_run_info_free(&d.info);
	return rc;
}
