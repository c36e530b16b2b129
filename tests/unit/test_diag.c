/* test_diag.c - diagnostics: formatting with source line and caret, the
 * error cap, ordering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
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
	diag_set_source(&dl, NULL, 0);
	diag_error(&dl, 9, 1, "past the end, no source");
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
			    "dir/f.yaml:9:1: past the end, no source\n");
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
	assert_true(dl.stopped);
	struct strbuf sb = STRBUF_INIT;
	diag_format_all(&dl, &sb);
	const char *tail = "f: too many errors; stopped after 50\n";
	assert_string_equal(strbuf_str(&sb) + sb.len - strlen(tail), tail);
	strbuf_release(&sb);
	diag_release(&dl);
}

/* Errors at the end of the file (an unclosed quote or bracket) are placed
 * just after the last character that is not blank, not on an empty line
 * past it. */
static void test_end_of_file_clamped(void **state)
{
	(void)state;
	const char src[] = "a: [b, c\n  # ë\n\n \n";
	struct diag_list dl;
	diag_init(&dl, "f");
	diag_set_source(&dl, src, sizeof(src) - 1);
	diag_error(&dl, 5, 1, "at the very end");
	diag_error(&dl, 2, 9, "past the end of the last line");
	diag_error(&dl, 2, 3, "inside");
	assert_int_equal(dl.items[0].line, 2);
	assert_int_equal(dl.items[0].col, 6);
	assert_int_equal(dl.items[1].line, 2);
	assert_int_equal(dl.items[1].col, 6);
	assert_int_equal(dl.items[2].col, 3);
	struct strbuf sb = STRBUF_INIT;
	diag_format(&dl, &dl.items[0], &sb);
	assert_string_equal(strbuf_str(&sb), "f:2:6: at the very end\n"
					     " 2 |   # ë\n"
					     "   |      ^\n");
	strbuf_release(&sb);
	diag_release(&dl);
	/* Nothing but blanks: nothing to clamp to. */
	diag_init(&dl, "f");
	diag_set_source(&dl, "\n\n", 2);
	diag_error(&dl, 3, 1, "x");
	assert_int_equal(dl.items[0].line, 3);
	diag_release(&dl);
}

/* A line of a megabyte is shown as an excerpt of about 120 columns around
 * the column, the caret still under it. */
static void test_long_line_excerpt(void **state)
{
	(void)state;
	size_t n = 1000 * 1000;
	char *src = malloc(n + 1);
	memset(src, 'a', n);
	memcpy(src + 499999, "XYZ", 3);
	src[n] = '\0';
	struct diag_list dl;
	diag_init(&dl, "f");
	diag_set_source(&dl, src, n);
	diag_error(&dl, 1, 500000, "here");
	diag_error(&dl, 1, 61, "near the start");
	diag_error(&dl, 1, 60, "at the start");
	const struct diag *d = &dl.items[0];
	assert_int_equal(strlen(d->source_line), 3 + 117 + 3); /* 120 columns, then "..." */
	assert_memory_equal(d->source_line, "...", 3);
	assert_memory_equal(d->source_line + 3 + 40, "XYZ", 3);
	assert_int_equal(d->caret, 3 + 40);
	assert_memory_equal(d->source_line + strlen(d->source_line) - 3, "...", 3);
	d = &dl.items[1];
	assert_memory_equal(d->source_line, "...a", 4);
	assert_int_equal(d->caret, 3 + 40);
	d = &dl.items[2];
	assert_int_equal(strlen(d->source_line), 120 + 3);
	assert_int_equal(d->caret, 59);
	/* Short lines are shown whole. */
	diag_set_source(&dl, "abc", 3);
	diag_error(&dl, 1, 2, "short");
	assert_string_equal(dl.items[3].source_line, "abc");
	diag_set_source(&dl, NULL, 0);
	free(src);
	diag_release(&dl);
}

/* Wide characters count two columns, also in the C locale, where wcwidth()
 * knows nothing beyond ASCII. */
static void test_caret_after_wide_characters(void **state)
{
	(void)state;
	const char src[] = "\xE6\xBC\xA2\xE5\xAD\x97: x"; /* 漢字: x */
	const char *locales[] = { "C.UTF-8", "C" };
	for (size_t i = 0; i < 2; i++) {
		setlocale(LC_CTYPE, locales[i]);
		struct diag_list dl;
		diag_init(&dl, "f");
		diag_set_source(&dl, src, sizeof(src) - 1);
		diag_error(&dl, 1, 5, "x");
		assert_int_equal(dl.items[0].caret, 6);
		diag_release(&dl);
	}
	setlocale(LC_CTYPE, "C.UTF-8");
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
		cmocka_unit_test(test_end_of_file_clamped),
		cmocka_unit_test(test_long_line_excerpt),
		cmocka_unit_test(test_caret_after_wide_characters),
		cmocka_unit_test(test_hostile_file_name),
	};
	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
