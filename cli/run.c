/*
 * run.c - `ndislint check`: inputs, parse, drivers, rules, suppressions,
 * output, exit status.
 *
 * Everything the run allocates lives in one struct run and is freed by
 * run_free(), whatever the exit path.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "parallel.h"
#include "../engine/engine.h"
#include "../analyzer/frontend.h"
#include "../analyzer/program.h"
#include "../reports/report.h"
#include "../reports/store.h"
#include "../reports/html.h"
#include "../rules/rule.h"

/* --db and --baseline of one run (run_history_* functions). */
struct run_history {
	struct store *db;               /* --db, opened before the analysis */
	char **baseline;                /* --baseline fingerprints, sorted */
	size_t nbaseline;
	char started[32];               /* UTC ISO-8601 */
};

/* The state of one check run. */
struct run {
	const struct cli_options *opt;
	struct run_input *inputs;
	int ninputs;
	struct model_file **files;      /* [ninputs], parsed */
	int nfiles;
	struct program prog;
	bool prog_ready;
	struct findings fs;
	struct run_history hist;
};

/* Frees everything the run holds. */
static void run_free(struct run *r)
{
	if (r->prog_ready)
		program_free(&r->prog);
	for (int i = 0; i < r->nfiles; i++)
		model_file_free(r->files[i]);
	free(r->files);
	run_inputs_free(r->inputs, r->ninputs);
	findings_free(&r->fs);
	store_close(r->hist.db);
	report_fingerprints_free(r->hist.baseline, r->hist.nbaseline);
}

/* Copies the arguments after `--` into an input's argument list. */
static bool run_copy_args(struct run_input *in, const char *const *args,
			  int n)
{
	in->args = calloc((size_t)(n ? n : 1), sizeof(char *));
	if (in->args == NULL)
		return false;
	for (int i = 0; i < n; i++) {
		in->args[i] = strdup(args[i]);
		if (in->args[i] == NULL)
			return false;
		in->nargs++;
	}
	return true;
}

/* Checks that a named input can be read as C source; prints the reason. */
static bool run_check_input(const char *path)
{
	char err[512];

	if (input_check(path, err, sizeof err))
		return true;
	cli_error("%s: %s", path, err);
	return false;
}

/* Inputs named on the command line, without a database. */
static int run_plain_inputs(struct run *r)
{
	const struct cli_options *o = r->opt;

	r->inputs = calloc((size_t)(o->ninputs ? o->ninputs : 1),
			   sizeof *r->inputs);
	if (r->inputs == NULL) {
		cli_error("out of memory");
		return CLI_ERROR;
	}
	for (int i = 0; i < o->ninputs; i++) {
		if (!run_check_input(o->inputs[i]))
			return CLI_ERROR;
		r->ninputs++;
		r->inputs[i].path = strdup(o->inputs[i]);
		if (r->inputs[i].path == NULL ||
		    !run_copy_args(&r->inputs[i], o->clang_args,
				   o->nclang_args)) {
			cli_error("out of memory");
			return CLI_ERROR;
		}
	}
	return CLI_CONTINUE;
}

/* Inputs from -p BUILD_DIR (and the FILEs that select entries). */
static int run_db_inputs(struct run *r)
{
	const struct cli_options *o = r->opt;
	char err[1024];

	for (int i = 0; i < o->ninputs; i++) {
		if (!run_check_input(o->inputs[i]))
			return CLI_ERROR;
	}
	if (!compdb_validate(o->build_dir, err, sizeof err) ||
	    !compdb_load(o, &r->inputs, &r->ninputs, err, sizeof err)) {
		cli_error("%s", err);
		return CLI_ERROR;
	}
	for (int i = 0; i < r->ninputs; i++) {
		if (!run_check_input(r->inputs[i].path))
			return CLI_ERROR;
	}
	return CLI_CONTINUE;
}

/* Parses every input; a parse that fails stops the run (exit 2). */
static int run_parse(struct run *r)
{
	char include_buf[PATH_MAX];
	const char *include_dir = frontend_default_include_dir(include_buf,
							       sizeof(include_buf));

	r->files = calloc((size_t)(r->ninputs ? r->ninputs : 1),
			  sizeof *r->files);
	if (r->files == NULL) {
		cli_error("out of memory");
		return CLI_ERROR;
	}
	/* The cache, -j N threads and the progress line: cli/parallel.c. */
	if (parallel_parse_inputs(r->opt, r->inputs, r->ninputs, include_dir,
				  r->files) != CLI_CONTINUE)
		return CLI_ERROR;
	for (int i = 0; i < r->ninputs; i++) {
		struct model_file *mf = r->files[i];

		for (int k = 0; k < mf->nnotes; k++)
			findings_note(&r->fs, mf->notes[k].file, mf->notes[k].line,
				      mf->notes[k].col, "%s", mf->notes[k].message);
		r->files[r->nfiles++] = mf;
	}
	return CLI_CONTINUE;
}

/* Runs every enabled rule on the driver of entry function `entry`. */
static void run_driver(struct run *r, int entry)
{
	struct driver drv;

	driver_init(&drv, &r->prog, entry);
	struct engine_result *engine = engine_run(&drv);
	drv.engine = engine;
	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *rule = rule_registry[i];

		if (r->opt->enabled[i] && rule->check != NULL)
			rule->check(&drv, &r->fs);
	}
	/* The rules stay silent on paths through calls nobody defines: say
	 * which, so the user can pass the files that define them. */
	program_unresolved_note(&r->prog, &drv, 1, &r->fs);
	if (engine->exhausted)
		findings_note(&r->fs, NULL, 0, 0, "the path engine stopped after %lld "
			      "program points: findings for %s may be incomplete",
			      engine->visits, program_fn(&r->prog, entry)->name);
	engine_result_free(engine);
	driver_free(&drv);
}

/* Builds the program and runs the rules on every entry function. */
static int run_analyze(struct run *r)
{
	const struct cli_options *o = r->opt;
	int *entries;
	int n;

	program_init(&r->prog, r->files, r->nfiles, &r->fs);
	r->prog_ready = true;
	entries = malloc((size_t)(r->prog.nfns ? r->prog.nfns : 1) *
			 sizeof *entries);
	if (entries == NULL) {
		cli_error("out of memory");
		return CLI_ERROR;
	}
	n = program_lookup(&r->prog, o->entry, entries, r->prog.nfns);
	if (n == 0 && o->entry_given) {
		free(entries);
		cli_error("no input defines entry function %s", o->entry);
		return CLI_ERROR;
	}
	if (n == 0)
		findings_note(&r->fs, NULL, 0, 0,
			      "no entry function %s in the inputs", o->entry);
	for (int i = 0; i < n; i++)
		run_driver(r, entries[i]);
	free(entries);
	return CLI_CONTINUE;
}

/* Writes the chosen format to `out`; 0 or -1 on a write error. */
static int run_emit(const struct run *r, FILE *out,
		    const struct report_options *ro)
{
	if (r->opt->format == CLI_FORMAT_SARIF)
		return report_sarif(out, &r->fs, rule_registry, rule_count, ro);
	if (r->opt->format == CLI_FORMAT_JSON)
		return report_json(out, &r->fs, (size_t)r->nfiles, ro);
	return report_text(out, &r->fs, ro);
}

/* The directory part of `path` for the temporary file ("." when none). */
static char *run_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t len;
	char *d;

	if (slash == NULL)
		return strdup(".");
	len = slash == path ? 1 : (size_t)(slash - path);
	d = malloc(len + 1);
	if (d != NULL) {
		memcpy(d, path, len);
		d[len] = '\0';
	}
	return d;
}

/* Writes the output to -o FILE through a temporary file in the same
 * directory, renamed over FILE only once complete. */
static int run_write_file(const struct run *r,
			  const struct report_options *ro)
{
	const char *path = r->opt->output;
	char *dir = run_dirname(path);
	size_t n = (dir ? strlen(dir) : 0) + sizeof "/.ndislint-XXXXXX";
	char *tmp = malloc(n);
	mode_t mask;
	FILE *f = NULL;
	int fd = -1, rc, saved;

	if (dir == NULL || tmp == NULL) {
		free(dir);
		free(tmp);
		cli_error("out of memory");
		return CLI_ERROR;
	}
	snprintf(tmp, n, "%s/.ndislint-XXXXXX", dir);
	free(dir);
	fd = mkstemp(tmp);
	if (fd < 0) {
		cli_error("%s: cannot create: %s", path, strerror(errno));
		free(tmp);
		return CLI_ERROR;
	}
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	f = fdopen(fd, "w");
	rc = f ? run_emit(r, f, ro) : -1;
	if (f != NULL && fflush(f) != 0)
		rc = -1;
	saved = errno;
	if (f != NULL && fclose(f) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	} else if (f == NULL) {
		close(fd);
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		rc = -1;
		saved = errno;
	}
	if (rc != 0) {
		unlink(tmp);
		cli_error("%s: cannot write: %s", path, strerror(saved));
	}
	free(tmp);
	return rc == 0 ? CLI_CONTINUE : CLI_ERROR;
}

/* Writes the output to stdout or -o FILE. */
static int run_write(const struct run *r, const struct report_options *ro)
{
	if (r->opt->output != NULL)
		return run_write_file(r, ro);
	if (run_emit(r, stdout, ro) != 0 || fflush(stdout) != 0) {
		cli_error("cannot write the output: %s", strerror(errno));
		return CLI_ERROR;
	}
	return CLI_CONTINUE;
}

/* Opens --db and loads --baseline before any work, so that a store or
 * baseline that cannot be used stops the run at once (exit 2). */
static int run_history_open(struct run *r)
{
	const struct cli_options *o = r->opt;
	char err[1200];

	store_now_utc(r->hist.started, sizeof r->hist.started);
	if (o->db_file != NULL) {
		r->hist.db = store_open(o->db_file, false, err, sizeof err);
		if (r->hist.db == NULL) {
			cli_error("--db: %s", err);
			return CLI_ERROR;
		}
	}
	if (o->baseline != NULL &&
	    store_baseline_load(o->baseline, &r->hist.baseline,
				&r->hist.nbaseline, err, sizeof err) != 0) {
		cli_error("--baseline: %s", err);
		return CLI_ERROR;
	}
	return CLI_CONTINUE;
}

/* Notes every suppression comment of the inputs that matched nothing
 * (after suppress_apply), then sorts the notes in. */
static void run_suppression_notes(struct run *r)
{
	const char **files = malloc((size_t)(r->ninputs ? r->ninputs : 1) *
				    sizeof *files);

	if (files == NULL)
		return;
	for (int i = 0; i < r->ninputs; i++)
		files[i] = r->inputs[i].path;
	if (suppress_unmatched_notes(&r->fs, files, (size_t)r->ninputs,
				     r->opt->enabled) > 0)
		findings_sort(&r->fs);
	free(files);
}

/* The enabled rules as a comma list (malloc'd; NULL when out of
 * memory). */
static char *run_rule_list(const struct cli_options *o)
{
	size_t len = 1;
	char *out;

	for (size_t i = 0; i < rule_count; i++)
		len += strlen(rule_registry[i]->name) + 1;
	out = malloc(len);
	if (out == NULL)
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < rule_count; i++) {
		if (!o->enabled[i])
			continue;
		if (out[0] != '\0')
			strcat(out, ",");
		strcat(out, rule_registry[i]->name);
	}
	return out;
}

/* Records the run in --db (one transaction); CLI_ERROR when it failed
 * (nothing recorded then). */
static int run_history_record(struct run *r, char *const *fps, int argc,
			      char **argv)
{
	const char **files = malloc((size_t)(r->ninputs ? r->ninputs : 1) *
				    sizeof *files);
	char *rules = run_rule_list(r->opt);
	char err[1200];
	long long id = -1;

	if (files != NULL && rules != NULL) {
		struct store_run_input in = {
			.started = r->hist.started,
			.tool_version = NDISLINT_VERSION,
			.rules = rules,
			.argc = argc,
			.argv = argv,
			.source_root = r->opt->source_root,
			.files = files,
			.nfiles = (size_t)r->ninputs,
		};

		for (int i = 0; i < r->ninputs; i++)
			files[i] = r->inputs[i].path;
		id = store_record(r->hist.db, &in, &r->fs, fps, err, sizeof err);
	} else {
		snprintf(err, sizeof err, "%s: out of memory", r->opt->db_file);
	}
	free(files);
	free(rules);
	if (id < 0) {
		cli_error("--db: %s", err);
		return CLI_ERROR;
	}
	return CLI_CONTINUE;
}

/* Fingerprints the findings, marks those in the baseline and records the
 * run in the store; CLI_ERROR on failure. */
static int run_history_finish(struct run *r, int argc, char **argv)
{
	char **fps;
	int rc = CLI_CONTINUE;

	if (r->opt->baseline == NULL && r->hist.db == NULL)
		return CLI_CONTINUE;
	fps = report_fingerprints(&r->fs, r->opt->source_root);
	if (fps == NULL && r->fs.count > 0) {
		cli_error("out of memory");
		return CLI_ERROR;
	}
	for (size_t i = 0; i < r->fs.count; i++) {
		struct finding *f = &r->fs.items[i];

		if (!f->suppressed &&
		    store_baseline_has(r->hist.baseline, r->hist.nbaseline,
				       fps[i]))
			f->baselined = true;
	}
	if (r->hist.db != NULL)
		rc = run_history_record(r, fps, argc, argv);
	report_fingerprints_free(fps, r->fs.count);
	return rc;
}

/* --html DIR: refuses a directory that is not ours before any work. */
static int run_html_check(const struct run *r)
{
	char err[1200];

	if (r->opt->html_dir == NULL ||
	    html_check_target(r->opt->html_dir, err, sizeof err))
		return CLI_CONTINUE;
	cli_error("--html: %s", err);
	return CLI_ERROR;
}

/* The previous run's fingerprints from --db (the run recorded before the
 * one this run just recorded, i.e. before the latest).  *prev stays NULL
 * when there is no earlier run.  CLI_ERROR when the store failed. */
static int run_html_previous(struct run *r, char ***prev, size_t *nprev)
{
	struct findings tmp;
	struct store_run_info info;
	char err[1200];
	long long earlier;
	int rc;

	*prev = NULL;
	*nprev = 0;
	if (r->hist.db == NULL)
		return CLI_CONTINUE;
	findings_init(&tmp);
	memset(&info, 0, sizeof info);
	rc = store_load_run(r->hist.db, 0, &tmp, &info, NULL, err, sizeof err);
	findings_free(&tmp);
	earlier = rc == 0 ? info.previous_id : 0;
	store_run_info_free(&info);
	if (earlier > 0)
		rc = store_previous_fingerprints(r->hist.db, 0, prev, nprev, err,
						 sizeof err);
	if (rc < 0) {
		cli_error("--db: %s", err);
		return CLI_ERROR;
	}
	if (rc == 0 && *prev == NULL && earlier > 0) {
		*prev = calloc(1, sizeof **prev);   /* an earlier run, no finding */
		if (*prev == NULL) {
			cli_error("out of memory");
			return CLI_ERROR;
		}
	}
	return CLI_CONTINUE;
}

/* Writes the --html report of the run (after the store recorded it). */
static int run_html(struct run *r)
{
	char **prev = NULL;
	size_t nprev = 0;
	char err[1200];
	int rc;

	if (r->opt->html_dir == NULL)
		return CLI_CONTINUE;
	rc = run_html_previous(r, &prev, &nprev);
	if (rc == CLI_CONTINUE) {
		struct html_input in = {
			.fs = &r->fs,
			.previous = (const char *const *)prev,
			.nprevious = nprev,
			.source_root = r->opt->source_root,
			.tool_version = NDISLINT_VERSION,
			.nfiles = (size_t)r->nfiles,
		};

		if (html_write(r->opt->html_dir, &in, err, sizeof err) != 0) {
			cli_error("--html: %s", err);
			rc = CLI_ERROR;
		}
	}
	report_fingerprints_free(prev, nprev ? nprev : (prev ? 1 : 0));
	return rc;
}

/* The steps of a run after option parsing; returns the exit status. */
static int run_steps(struct run *r, int argc, char **argv)
{
	const struct cli_options *o = r->opt;
	struct report_options ro = {
		.source_root = o->source_root,
		.tool_version = NDISLINT_VERSION,
		.argc = argc,
		.argv = argv,
		.quiet = o->quiet,
	};
	int rc;

	rc = run_history_open(r);
	if (rc == CLI_CONTINUE)
		rc = run_html_check(r);
	if (rc == CLI_CONTINUE)
		rc = o->build_dir ? run_db_inputs(r) : run_plain_inputs(r);
	if (rc == CLI_CONTINUE)
		rc = run_parse(r);
	if (rc == CLI_CONTINUE && o->build_dir != NULL && o->ninputs > 0)
		rc = compdb_select_drivers(o, r->inputs, &r->ninputs, r->files,
					   &r->nfiles, &r->fs);
	if (rc == CLI_CONTINUE)
		rc = run_analyze(r);
	if (rc != CLI_CONTINUE)
		return rc;
	findings_sort(&r->fs);
	suppress_apply(&r->fs);
	run_suppression_notes(r);
	rc = run_history_finish(r, argc, argv);
	if (rc == CLI_CONTINUE)
		rc = run_html(r);
	if (rc != CLI_CONTINUE)
		return rc;
	rc = run_write(r, &ro);
	if (rc != CLI_CONTINUE)
		return rc;
	report_summary(stderr, &r->fs, (size_t)r->nfiles, &ro);
	return findings_active(&r->fs) > 0 ? CLI_FINDINGS : CLI_OK;
}

/* Runs `check`; returns the exit status. */
int cli_run_check(const struct cli_options *opt, int argc, char **argv)
{
	struct run r;
	int rc;

	memset(&r, 0, sizeof r);
	r.opt = opt;
	findings_init(&r.fs);
	rc = run_steps(&r, argc, argv);
	run_free(&r);
	return rc;
}
