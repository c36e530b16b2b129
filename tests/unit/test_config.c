/* test_config.c - the configuration file: bind lines split into words
 * with their columns; every malformed line reported, the rest kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "toets/config.h"

static void test_parse(void **state)
{
	(void)state;
	const char text[] =
		"# comment\n"
		"bind <F5> redraw   # trailing comment\n"
		"\n"
		"  bind \"x\" quit\r\n"
		"bind q\n"
		"set colour blue\n"
		"bind \"open\n"
		"bind a b c d e\n"
		"bind ë help\n";
	struct diag_list dl;
	struct config cfg;
	diag_init(&dl, "config");
	assert_int_equal(config_parse(text, sizeof(text) - 1, &cfg, &dl), TOETS_ERR_INVALID);
	assert_int_equal(cfg.n, 3);
	assert_int_equal(cfg.entries[0].line, 2);
	assert_string_equal(cfg.entries[0].words[1].text, "<F5>");
	assert_int_equal(cfg.entries[0].words[2].col, 11);
	assert_string_equal(cfg.entries[1].words[1].text, "x");
	assert_int_equal(cfg.entries[1].words[1].col, 8);
	assert_string_equal(cfg.entries[2].words[1].text, "ë");
	assert_int_equal(cfg.entries[2].words[2].col, 8); /* columns count characters */
	assert_int_equal(dl.n_errors, 4);
	const struct { unsigned line, col; const char *msg; } want[] = {
		{ 5, 1, "expected: bind KEY ACTION" },
		{ 6, 1, "unknown setting 'set'; expected: bind KEY ACTION" },
		{ 7, 6, "a quote that is not closed" },
		{ 8, 12, "too many words on this line" },
	};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(dl.items[i].line, want[i].line);
		assert_int_equal(dl.items[i].col, want[i].col);
		assert_string_equal(dl.items[i].message, want[i].msg);
	}
	diag_set_source(&dl, NULL, 0);
	config_release(&cfg);
	diag_release(&dl);
}

static void test_missing_file_is_empty(void **state)
{
	(void)state;
	struct diag_list dl;
	struct config cfg;
	diag_init(&dl, "x");
	assert_int_equal(config_load_file("/nonexistent/toets/config", &cfg, &dl), TOETS_OK);
	assert_int_equal(cfg.n, 0);
	assert_int_equal(dl.n, 0);
	config_release(&cfg);
	diag_release(&dl);
}

static void test_default_path(void **state)
{
	(void)state;
	setenv("XDG_CONFIG_HOME", "/srv/cfg", 1);
	char *p = config_default_path();
	assert_string_equal(p, "/srv/cfg/toets/config");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/home/a", 1);
	p = config_default_path();
	assert_string_equal(p, "/home/a/.config/toets/config");
	free(p);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_missing_file_is_empty),
		cmocka_unit_test(test_default_path),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
