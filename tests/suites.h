/*
 * suites.h - every Check suite of the test runner, one line each.
 */
#ifndef NDISLINT_SUITES_H
#define NDISLINT_SUITES_H

#include <check.h>

Suite *program_suite(void);
Suite *cli_suite(void);
Suite *reports_suite(void);

Suite *cfg_suite(void);
Suite *corpus_suite(void);
Suite *fixups_suite(void);
Suite *engine_suite(void);
Suite *store_suite(void);
Suite *html_suite(void);
Suite *hostile_suite(void);
Suite *compdb_suite(void);
Suite *hook_suite(void);
Suite *cache_suite(void);
Suite *split_suite(void);

/* run_tests.c: the bundled headers, $NDISLINT_ROOT/analyzer/include,
 * else the front end's default; buf holds a joined path. */
const char *tests_include_dir(char *buf, size_t size);

/* check_cache.c: a private $XDG_CACHE_HOME for the whole run. */
char *cache_tests_isolate(void);
void cache_tests_cleanup(char *dir);

#endif
