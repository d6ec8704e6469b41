/*
 * run_tests.c - the one test runner: every Check suite of tests/, then
 * Check's summary line; and the helpers the suites share.  CK_FORK is left to Check's default (fork), so a
 * crashing test fails alone.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "../analyzer/frontend.h"
#include "suites.h"

const char *tests_include_dir(char *buf, size_t size)
{
	const char *root = getenv("NDISLINT_ROOT");
	if (root && *root) {
		snprintf(buf, size, "%s/analyzer/include", root);
		return buf;
	}
	return frontend_default_include_dir(buf, size);
}

int main(void)
{
	Suite *(*const suites[])(void) = {
		cfg_suite,
		program_suite,
		reports_suite,
		cli_suite,
		corpus_suite,
		fixups_suite,
		engine_suite,
		store_suite,
		html_suite,
		hostile_suite,
		compdb_suite,
		hook_suite,
		cache_suite,
		split_suite,
	};
	char *cache_dir = cache_tests_isolate();
	SRunner *sr = srunner_create(NULL);
	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	cache_tests_cleanup(cache_dir);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
