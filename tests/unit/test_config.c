/* test_config.c - the configuration file: bind and set lines split into
 * words with their columns; every malformed line reported, the rest kept;
 * and what the settings module makes of the set lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "toets/config.h"
#include "toets/settings.h"

static void test_parse(void **state)
{
	(void)state;
	const char text[] =
		"# comment\n"
		"bind <F5> redraw   # trailing comment\n"
		"\n"
		"  bind \"x\" quit\r\n"
		"bind q\n"
		"sett colour blue\n"
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
		{ 6, 1, "unknown setting 'sett'; expected: bind KEY ACTION or set NAME VALUE" },
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

/* set NAME VALUE: three words, as a bind line; the value may be quoted. */
static void test_set_lines(void **state)
{
	(void)state;
	const char text[] =
		"set reassess-years 5\n"
		"  set print-command \"lpr -P kantoor\"  # the printer\n"
		"set signatory\n"
		"set\n"
		"set a b c\n"
		"set a b c d\n"
		"bind q quit\n"
		"set template-dir \"/srv/brieven\"\n";
	struct diag_list dl;
	struct config cfg;
	diag_init(&dl, "config");
	assert_int_equal(config_parse(text, sizeof(text) - 1, &cfg, &dl), TOETS_ERR_INVALID);
	assert_int_equal(cfg.n, 4);
	assert_string_equal(cfg.entries[0].words[0].text, "set");
	assert_string_equal(cfg.entries[0].words[1].text, "reassess-years");
	assert_string_equal(cfg.entries[0].words[2].text, "5");
	assert_int_equal(cfg.entries[0].words[2].col, 20);
	assert_int_equal(cfg.entries[1].line, 2);
	assert_string_equal(cfg.entries[1].words[2].text, "lpr -P kantoor");
	assert_int_equal(cfg.entries[1].words[1].col, 7);
	assert_int_equal(cfg.entries[1].words[2].col, 21);
	assert_string_equal(cfg.entries[2].words[0].text, "bind");
	assert_int_equal(cfg.entries[3].line, 8);
	assert_string_equal(cfg.entries[3].words[2].text, "/srv/brieven");
	const struct { unsigned line, col; const char *msg; } want[] = {
		{ 3, 1, "expected: set NAME VALUE" },
		{ 4, 1, "expected: set NAME VALUE" },
		{ 5, 1, "expected: set NAME VALUE" },
		{ 6, 11, "too many words on this line" },
	};
	assert_int_equal(dl.n_errors, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(dl.items[i].line, want[i].line);
		assert_int_equal(dl.items[i].col, want[i].col);
		assert_string_equal(dl.items[i].message, want[i].msg);
	}
	diag_set_source(&dl, NULL, 0);
	config_release(&cfg);
	diag_release(&dl);
}

/* The settings: defaults, the set lines that apply, and each bad value
 * reported at its column with the default (or the earlier value) kept. */
static void test_settings(void **state)
{
	(void)state;
	const char text[] =
		"set reassess-years 5\n"
		"set reassess-years 0\n"
		"set reassess-years 11\n"
		"set reassess-years 3x\n"
		"set print-command \"lpr  -P kantoor\"\n"
		"set print-command \" \"\n"
		"set template-dir brieven\n"
		"set signatory \"J. Jansen, hoofd\"\n"
		"set signatory \"a\tb\"\n"
		"set kleur blauw\n"
		"bind q quit\n";
	struct settings st;
	settings_defaults(&st);
	assert_int_equal(st.reassess_years, 3);
	assert_string_equal(st.print_argv[0], "lpr");
	assert_null(st.print_argv[1]);
	assert_null(st.template_dir);
	assert_null(st.signatory);

	struct diag_list dl;
	struct config cfg;
	diag_init(&dl, "config");
	assert_int_equal(config_parse(text, sizeof(text) - 1, &cfg, &dl), TOETS_OK);
	settings_apply(&st, &cfg, &dl);
	assert_int_equal(st.reassess_years, 5);
	assert_string_equal(st.print_argv[0], "lpr");
	assert_string_equal(st.print_argv[1], "-P");
	assert_string_equal(st.print_argv[2], "kantoor");
	assert_null(st.print_argv[3]);
	assert_null(st.template_dir);
	assert_string_equal(st.signatory, "J. Jansen, hoofd");
	const struct { unsigned line, col; const char *msg; } want[] = {
		{ 2, 20, "reassess-years takes a number of years from 1 to 10, not '0'" },
		{ 3, 20, "reassess-years takes a number of years from 1 to 10, not '11'" },
		{ 4, 20, "reassess-years takes a number of years from 1 to 10, not '3x'" },
		{ 6, 19, "print-command needs a command, such as \"lpr -P kantoor\"" },
		{ 7, 18, "template-dir takes an absolute path, not 'brieven'" },
		{ 9, 15, "signatory: one line only: no line breaks or tabs" },
		{ 10, 5, "unknown setting 'kleur'; known: print-command, reassess-years, template-dir, signatory, "
		  "service-days, near-days" },
	};
	assert_int_equal(dl.n_errors, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(dl.items[i].line, want[i].line);
		assert_int_equal(dl.items[i].col, want[i].col);
		assert_string_equal(dl.items[i].message, want[i].msg);
	}
	settings_release(&st);
	assert_null(st.print_argv);
	assert_null(st.signatory);
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
		cmocka_unit_test(test_set_lines),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_missing_file_is_empty),
		cmocka_unit_test(test_default_path),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
