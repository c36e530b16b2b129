/* test_ident.c - who is working is the operating-system account, never
 * an environment variable. */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "toets/ident.h"

static void test_account_is_the_os_account(void **state)
{
	(void)state;
	/* Set before the first call: the module must not look at these. */
	setenv("USER", "mallory-not-me", 1);
	setenv("LOGNAME", "mallory-not-me", 1);
	setenv("USERNAME", "mallory-not-me", 1);
	struct passwd *pw = getpwuid(getuid());
	assert_non_null(pw);
	struct toets_error e = { TOETS_OK, "" };
	const char *name = ident_account(&e);
	assert_non_null(name);
	assert_string_equal(name, pw->pw_name);
	assert_string_not_equal(name, "mallory-not-me");
	assert_int_equal(e.status, TOETS_OK);
	/* Kept by the module: the same string each time, NULL error allowed. */
	assert_ptr_equal(ident_account(NULL), name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_is_the_os_account),
	};
	return cmocka_run_group_tests_name("ident", tests, NULL, NULL);
}
