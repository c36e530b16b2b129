/* test_validate.c - the checks of single typed values, each with the exact
 * reason an assessor reads when a value is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "toets/validate.h"

struct vcase {
	const char *text;
	const char *why; /* NULL: accepted */
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void check_table(const char *name, const char *(*fn)(const char *), const struct vcase *c,
			size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *got = fn(c[i].text);
		if (!c[i].why && got)
			fail_msg("%s(\"%s\") refused: %s", name, c[i].text, got);
		if (c[i].why && (!got || strcmp(got, c[i].why) != 0))
			fail_msg("%s(\"%s\"): expected \"%s\", got \"%s\"", name, c[i].text, c[i].why,
				 got ? got : "(accepted)");
	}
}

static void test_kvk(void **state)
{
	(void)state;
	const char *why = "a KvK number has exactly 8 digits";
	const struct vcase cases[] = {
		{ "12345678", NULL }, { "00000000", NULL }, { "1234", why },     { "1234567", why },
		{ "123456789", why }, { "1234567a", why },  { "1234 5678", why }, { "", why },
		{ " 12345678", why }, { "1234-567", why },
	};
	check_table("validate_kvk", validate_kvk, cases, N(cases));
}

static void test_email(void **state)
{
	(void)state;
	const char *why = "not an e-mail address (name@domain.nl)";
	char long_local[300];
	memset(long_local, 'a', 250);
	memcpy(long_local + 250, "@b.nl", 6); /* 255 bytes: one too many */
	char just_fits[300];
	memset(just_fits, 'a', 249);
	memcpy(just_fits + 249, "@b.nl", 6); /* 254 bytes */
	const struct vcase cases[] = {
		{ "jan@ncsc.nl", NULL },
		{ "jan.de.vries+toets@mail.ncsc.nl", NULL },
		{ "zoë@coöperatie.nl", NULL },
		{ just_fits, NULL },
		{ long_local, why },
		{ "jan", why },
		{ "jan@ncsc", why },        /* no dot in the domain */
		{ "@ncsc.nl", why },        /* no local part */
		{ "jan@@ncsc.nl", why },
		{ "jan@ncsc@nl.nl", why },
		{ "jan @ncsc.nl", why },
		{ "jan@ncsc .nl", why },
		{ "jan@.nl", why },         /* dot right after @ */
		{ "jan@ncsc.", why },       /* nothing after the dot */
		{ "jan@ncsc..nl", why },
		{ "a,b@ncsc.nl", why },
		{ "a;b@ncsc.nl", why },
		{ "<jan@ncsc.nl>", why },
		{ "jan@ncsc.nl\n", why },
		{ "jan\x7f@ncsc.nl", why },
		{ "", why },
		{ "j\xff@ncsc.nl", "not valid UTF-8" },
	};
	check_table("validate_email", validate_email, cases, N(cases));
}

static void test_phone(void **state)
{
	(void)state;
	const char *chars = "a phone number holds digits, and only +, spaces, - and ( )";
	const char *count = "a phone number has 6 to 20 digits";
	const struct vcase cases[] = {
		{ "+31 70 123 4567", NULL },
		{ "070-1234567", NULL },
		{ "(070) 123 45 67", NULL },
		{ "123456", NULL },
		{ "12345678901234567890", NULL },
		{ "12345", count },
		{ "123456789012345678901", count },
		{ "+", count },
		{ "", count },
		{ "070 123 456a", chars },
		{ "31+70123456", chars },   /* + only in front */
		{ "++31701234567", chars },
		{ "070.1234567", chars },
		{ "070/1234567", chars },
	};
	check_table("validate_phone", validate_phone, cases, N(cases));
}

static void test_fingerprint(void **state)
{
	(void)state;
	const char *why = "a PGP fingerprint has 40 hexadecimal digits";
	char out[41];
	assert_null(validate_fingerprint("abcd ef01 2345 6789 ABCD  EF01 2345 6789 abcd ef01", out));
	assert_string_equal(out, "ABCDEF0123456789ABCDEF0123456789ABCDEF01");
	assert_null(validate_fingerprint("0123456789012345678901234567890123456789", out));
	assert_string_equal(out, "0123456789012345678901234567890123456789");
	const char *bad[] = {
		"0123456789012345678901234567890123456789 0",  /* 41 digits */
		"0123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789",    /* 80: must not overrun out */
		"012345678901234567890123456789012345678",     /* 39 */
		"012345678901234567890123456789012345678g",    /* not hex */
		"0x23456789012345678901234567890123456789",
		"01234567-9012345678901234567890123456789",
		"",
		"    ",
	};
	for (size_t i = 0; i < N(bad); i++) {
		const char *got = validate_fingerprint(bad[i], out);
		if (!got || strcmp(got, why) != 0)
			fail_msg("validate_fingerprint(\"%s\"): got \"%s\"", bad[i], got ? got : "(accepted)");
	}
}

static void test_website(void **state)
{
	(void)state;
	const char *why = "a web address starts with https:// (or http://) and names a host";
	const char *space = "a web address has no spaces";
	const struct vcase cases[] = {
		{ "https://www.ncsc.nl", NULL },
		{ "https://ijsselland.example/over-ons?x=1", NULL },
		{ "http://www.ncsc.nl", NULL }, /* the header allows http:// too */
		{ "www.ncsc.nl", why },
		{ "ncsc.nl", why },
		{ "ftp://ncsc.nl", why },
		{ "HTTPS://ncsc.nl", why },
		{ "https://", why },
		{ "https:///ncsc.nl", why },
		{ "https://localhost", why }, /* no dot: no host name */
		{ "", why },
		{ "https://ncsc.nl/a b", space },
		{ "https://ncsc.nl\t", space },
	};
	check_table("validate_website", validate_website, cases, N(cases));
}

static void test_date(void **state)
{
	(void)state;
	const char *why = "not a date: write YYYY-MM-DD, a real calendar date";
	const struct vcase cases[] = {
		{ "2024-02-29", NULL }, { "2023-02-29", why }, { "1899-12-31", why },
		{ "29-02-2024", why },  { "2024-2-29", why },  { "", why },
	};
	check_table("validate_date", validate_date, cases, N(cases));
}

static void test_line(void **state)
{
	(void)state;
	assert_null(validate_line("Statuten (2024, gewijzigd) – Ĳssel", 100));
	assert_string_equal(validate_line("regel een\nregel twee", 100), "one line only: no line breaks or tabs");
	assert_string_equal(validate_line("a\tb", 100), "one line only: no line breaks or tabs");
	assert_string_equal(validate_line("a\x1b[2J", 100), "the text holds control characters");
	assert_string_equal(validate_line("abcdef", 5), "the text is too long");
}

static void test_text(void **state)
{
	(void)state;
	assert_null(validate_text("Coöperatie Ĳsselland\n\tregel twee", 100));
	assert_null(validate_text("", 0));
	assert_null(validate_text("abcde", 5));
	assert_string_equal(validate_text("abcdef", 5), "the text is too long");
	assert_string_equal(validate_text("a\x01" "b", 100), "the text holds control characters");
	assert_string_equal(validate_text("a\rb", 100), "the text holds control characters");
	assert_string_equal(validate_text("a\x1b[31mb", 100), "the text holds control characters");
	assert_string_equal(validate_text("a\x7f", 100), "the text holds control characters");
	assert_string_equal(validate_text("caf\xe9", 100), "the text is not valid UTF-8");
	assert_string_equal(validate_text("\xc0\xaf", 100), "the text is not valid UTF-8"); /* overlong */
	assert_string_equal(validate_text("\xed\xa0\x80", 100), "the text is not valid UTF-8"); /* surrogate */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kvk),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_website),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_text),
	};
	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
