/* test_status.c - the error value: toets_fail fills the message and hands
 * back the status, and may be given no error value at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "toets/status.h"

static void test_fail_fills_message(void **state)
{
	(void)state;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(toets_fail(&e, TOETS_ERR_NOT_FOUND, "no dossier %s (%d)", "2026-0007", 3),
			 TOETS_ERR_NOT_FOUND);
	assert_int_equal(e.status, TOETS_ERR_NOT_FOUND);
	assert_string_equal(e.message, "no dossier 2026-0007 (3)");
	/* A second failure replaces the first, status and message. */
	assert_int_equal(toets_fail(&e, TOETS_ERR_FULL, "full"), TOETS_ERR_FULL);
	assert_int_equal(e.status, TOETS_ERR_FULL);
	assert_string_equal(e.message, "full");
}

static void test_fail_without_error_value(void **state)
{
	(void)state;
	assert_int_equal(toets_fail(NULL, TOETS_ERR_BUSY, "in use: %s", "x"), TOETS_ERR_BUSY);
	assert_int_equal(toets_fail(NULL, TOETS_ERR_INTERNAL, "bug"), TOETS_ERR_INTERNAL);
}

/* A message longer than the buffer is cut, never overruns. */
static void test_long_message_truncated(void **state)
{
	(void)state;
	struct toets_error e;
	char big[3000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memset(e.message, '#', sizeof(e.message));
	assert_int_equal(toets_fail(&e, TOETS_ERR_INVALID, "<%s>", big), TOETS_ERR_INVALID);
	assert_int_equal(strlen(e.message), sizeof(e.message) - 1);
	assert_int_equal(e.message[0], '<');
	assert_int_equal(e.message[sizeof(e.message) - 2], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fail_fills_message),
		cmocka_unit_test(test_fail_without_error_value),
		cmocka_unit_test(test_long_message_truncated),
	};
	return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
