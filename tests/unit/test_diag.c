/* test_diag.c - diagnostics: formatting with source line and caret, the
 * error cap, ordering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "toets/diag.h"

static void test_format(void **state)
{
	(void)state;
	const char src[] = "eerste\r\n\tkey: ëé waarde\nlaatste";
	struct diag_list dl;
	diag_init(&dl, "dir/f.yaml");
	diag_set_source(&dl, src, sizeof(src) - 1);
	diag_error(&dl, 2, 10, "bad %s", "value");
	diag_warning(&dl, 3, 1, "odd");
	diag_error(&dl, 0, 0, "whole file");
	diag_error(&dl, 9, 1, "past the end");
	diag_set_source(&dl, NULL, 0);
	diag_sort(&dl);
	struct strbuf sb = STRBUF_INIT;
	diag_format_all(&dl, &sb);
	assert_string_equal(strbuf_str(&sb),
			    "dir/f.yaml: whole file\n"
			    "dir/f.yaml:2:10: bad value\n"
			    " 2 |  key: ëé waarde\n"
			    "   |          ^\n"
			    "dir/f.yaml:3:1: warning: odd\n"
			    " 3 | laatste\n"
			    "   | ^\n"
			    "dir/f.yaml:9:1: past the end\n");
	assert_int_equal(dl.n_errors, 3);
	assert_int_equal(dl.n_warnings, 1);
	strbuf_release(&sb);
	diag_release(&dl);
}

static void test_cap(void **state)
{
	(void)state;
	struct diag_list dl;
	diag_init(&dl, "f");
	for (int i = 0; i < DIAG_MAX_ERRORS + 7; i++) {
		assert_int_equal(diag_full(&dl), i >= DIAG_MAX_ERRORS);
		diag_error(&dl, 1, 1, "e%d", i);
	}
	assert_int_equal(dl.n, DIAG_MAX_ERRORS);
	assert_int_equal(dl.n_dropped, 7);
	struct strbuf sb = STRBUF_INIT;
	diag_format_all(&dl, &sb);
	const char *tail = "f: too many errors; 7 more not shown\n";
	assert_string_equal(strbuf_str(&sb) + sb.len - strlen(tail), tail);
	strbuf_release(&sb);
	diag_release(&dl);
}

/* A file name with control characters cannot drive the terminal. */
static void test_hostile_file_name(void **state)
{
	(void)state;
	struct diag_list dl;
	diag_init(&dl, "a\x1b]0;x\x07.yaml");
	diag_error(&dl, 0, 0, "m");
	struct strbuf sb = STRBUF_INIT;
	diag_format_all(&dl, &sb);
	assert_null(strchr(strbuf_str(&sb), '\x1b'));
	assert_null(strchr(strbuf_str(&sb), '\x07'));
	strbuf_release(&sb);
	diag_release(&dl);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_hostile_file_name),
	};
	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
