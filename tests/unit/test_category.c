/* test_category.c - partner category codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "toets/category.h"

static void test_codes(void **state)
{
	(void)state;
	enum category c;
	assert_true(category_parse("cert", &c));
	assert_int_equal(c, CATEGORY_CERT);
	assert_string_equal(category_code(c), "cert");
	assert_false(category_parse("CERT", &c));
	assert_false(category_parse("", &c));
	struct strbuf sb = STRBUF_INIT;
	category_format_set(CATEGORY_BIT(CATEGORY_ISP) | CATEGORY_BIT(CATEGORY_OKTT), &sb);
	assert_string_equal(strbuf_str(&sb), "oktt, isp");
	strbuf_reset(&sb);
	category_format_choices(&sb);
	assert_string_equal(strbuf_str(&sb), "oktt, csirt, cert or isp");
	strbuf_release(&sb);
	assert_string_equal(category_name(CATEGORY_ISP), "Aanbieder van internettoegang");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests_name("category", tests, NULL, NULL);
}
