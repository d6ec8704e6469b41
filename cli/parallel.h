/*
 * parallel.h - parsing the inputs of a run: result cache first, then the
 * remaining files on -j N threads, each with its own frontend_parse call.
 */
#ifndef NDISLINT_PARALLEL_H
#define NDISLINT_PARALLEL_H

#include "cli.h"
#include "../analyzer/model.h"

/* The number of parse threads for -j N (0: one per online core). */
int parallel_jobs(int requested);

/* Parses inputs in[0..n) into files[0..n) (input order whatever the
 * threads did): models from the cache unless opt->no_cache, the others
 * parsed on parallel_jobs(opt->jobs) threads and stored in the cache.
 * Shows the progress line on a terminal.  Returns CLI_CONTINUE, or
 * CLI_ERROR after printing the reason of the first input, in input order,
 * that failed (as a sequential run would); files[] then holds nothing. */
int parallel_parse_inputs(const struct cli_options *opt,
			  const struct run_input *in, int n,
			  const char *include_dir, struct model_file **files);

#endif
