/* test_paths.c - the framework search path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "toets/paths.h"

static void test_xdg_absolute(void **state)
{
	(void)state;
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	setenv("HOME", "/home/assessor", 1);
	setenv("TOETS_DATADIR", "/opt/toets/share", 1);
	struct path_list pl;
	paths_forms_search(&pl);
	assert_true(pl.n >= 2);
	assert_string_equal(pl.dirs[0], "/srv/data/toets/forms");
	assert_string_equal(pl.dirs[1], "/opt/toets/share/forms");
	path_list_release(&pl);
}

/* The XDG spec: a relative XDG_DATA_HOME is ignored. */
static void test_xdg_relative_ignored(void **state)
{
	(void)state;
	setenv("XDG_DATA_HOME", "relative/dir", 1);
	setenv("HOME", "/home/assessor", 1);
	char *dir = paths_user_data_dir();
	assert_string_equal(dir, "/home/assessor/.local/share/toets");
	free(dir);
	unsetenv("XDG_DATA_HOME");
	dir = paths_user_data_dir();
	assert_string_equal(dir, "/home/assessor/.local/share/toets");
	free(dir);
	/* A relative TOETS_DATADIR is ignored too. */
	setenv("TOETS_DATADIR", "share", 1);
	assert_string_equal(paths_data_dir(), TOETS_DATADIR);
}

/* The test program lives in build/tests/, two levels below the source
 * tree, as a build variant's toets does (build/asan/toets): found. */
static void test_source_tree(void **state)
{
	(void)state;
	const char *tree = paths_source_tree();
	assert_non_null(tree);
	assert_string_equal(tree, TOETS_SRCDIR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xdg_absolute),
		cmocka_unit_test(test_xdg_relative_ignored),
		cmocka_unit_test(test_source_tree),
	};
	return cmocka_run_group_tests_name("paths", tests, NULL, NULL);
}
