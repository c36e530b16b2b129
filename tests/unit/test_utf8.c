/* test_utf8.c - decoding, widths, quoting and wrapping of UTF-8 text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "toets/utf8.h"

static void test_decode(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode("\xC3\xAB", 2, &cp), 2); /* ë */
	assert_int_equal(cp, 0xEB);
	assert_int_equal(utf8_decode("\xC4\xB2", 2, &cp), 2); /* Ĳ */
	assert_int_equal(cp, 0x132);
	assert_int_equal(utf8_decode("\xE2\x82\xAC", 3, &cp), 3); /* € */
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* refused: overlong, surrogate, beyond U+10FFFF, cut off, stray continuation */
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xE0\x80\xAF", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode("\xE2\x82", 2, &cp), 0);
	assert_int_equal(utf8_decode("\x80", 1, &cp), 0);
	assert_int_equal(utf8_invalid_offset("abc\xC3\xAB", 5), 5);
	assert_int_equal(utf8_invalid_offset("ab\xFFz", 4), 2);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("Coöperatie Ĳsselland", strlen("Coöperatie Ĳsselland")), 20);
	/* e + combining diaeresis is one column; CJK is two each */
	assert_int_equal(utf8_width("e\xCC\x88", 3), 1);
	assert_int_equal(utf8_width("\xE6\x97\xA5\xE6\x9C\xAC", 6), 4);
}

/* In the C locale wcwidth() knows nothing beyond ASCII: the common wide
 * blocks still count 2. */
static void test_width_in_c_locale(void **state)
{
	(void)state;
	setlocale(LC_CTYPE, "C");
	assert_int_equal(utf8_cp_width(0x6F22), 2);  /* 漢 */
	assert_int_equal(utf8_cp_width(0xAC00), 2);  /* 가 */
	assert_int_equal(utf8_cp_width(0xFF21), 2);  /* Ａ */
	assert_int_equal(utf8_cp_width(0x1F600), 2); /* an emoticon */
	assert_int_equal(utf8_cp_width(0xE9), 1);    /* é */
	assert_int_equal(utf8_cp_width(0x0416), 1);  /* Ж */
	assert_int_equal(utf8_width("\xE6\xBC\xA2x", 4), 3);
	setlocale(LC_CTYPE, "C.UTF-8");
}

static void test_quote_and_sanitize(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	utf8_quote(&sb, "a\"b\\c\nd\x1b[1m", 11, 40);
	assert_string_equal(strbuf_str(&sb), "\"a\\\"b\\\\c\\nd\\u001B[1m\"");
	strbuf_reset(&sb);
	utf8_quote(&sb, "ëëëëë", strlen("ëëëëë"), 3);
	assert_string_equal(strbuf_str(&sb), "\"ëëë...\"");
	strbuf_reset(&sb);
	utf8_quote(&sb, "x\xFFy", 3, 10);
	assert_string_equal(strbuf_str(&sb), "\"x\\xFFy\"");
	strbuf_reset(&sb);
	utf8_sanitize(&sb, "a\tb\x1b[2Jc\xC2\x9B", 10);
	assert_string_equal(strbuf_str(&sb), "a b\xEF\xBF\xBD[2Jc\xEF\xBF\xBD");
	strbuf_release(&sb);
}

static void test_wrap(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	utf8_wrap(&sb, "De  aanvrager heeft\nstatuten   overgelegd waarin de taak staat.", 20, "  ", "  ");
	assert_string_equal(strbuf_str(&sb),
			    "  De aanvrager heeft\n" /* exactly 20 columns */
			    "  statuten\n"
			    "  overgelegd waarin\n"
			    "  de taak staat.\n");
	strbuf_reset(&sb);
	/* Widths, not bytes: ë counts one column. */
	utf8_wrap(&sb, "ëëëëë ëëëëë ëëëëë", 12, "", "");
	assert_string_equal(strbuf_str(&sb), "ëëëëë ëëëëë\nëëëëë\n");
	strbuf_reset(&sb);
	/* A word longer than the line is cut on character boundaries. */
	utf8_wrap(&sb, "ĲĲĲĲĲĲĲĲĲĲĲĲĲĲĲĲĲĲĲĲĲĲĲĲ", 12, "> ", ">> ");
	/* (a line keeps at least 10 columns for text, whatever the indent) */
	assert_string_equal(strbuf_str(&sb), "> ĲĲĲĲĲĲĲĲĲĲ\n>> ĲĲĲĲĲĲĲĲĲĲ\n>> ĲĲĲĲ\n");
	strbuf_reset(&sb);
	/* A hanging indent for the lines after the first. */
	utf8_wrap(&sb, "guidance: kijk in de statuten naar het doel", 24, "", "    ");
	assert_string_equal(strbuf_str(&sb), "guidance: kijk in de\n    statuten naar het\n    doel\n");
	strbuf_reset(&sb);
	utf8_wrap(&sb, "   ", 20, "", "");
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_release(&sb);
}

static void test_sort_key(void **state)
{
	(void)state;
	const char *in[][2] = {
		{ "Élan", "elan" }, { "Ĳsselland", "ijsselland" }, { "ĳs", "ijs" }, { "Coöperatie", "cooperatie" },
		{ "Straße", "strasse" }, { "Æbleø", "aebleo" }, { "ZETA", "zeta" }, { "日本", "日本" },
	};
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		utf8_sort_key(in[i][0], &sb);
		assert_string_equal(strbuf_str(&sb), in[i][1]);
		strbuf_release(&sb);
	}
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_width_in_c_locale),
		cmocka_unit_test(test_quote_and_sanitize),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_sort_key),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
