/* test_datetime.c - calendar dates as typed (YYYY-MM-DD, real dates only)
 * and the UTC timestamps stored with every change. */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "toets/datetime.h"

static void test_date_valid_table(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool ok;
	} cases[] = {
		{ "2024-02-29", true },  /* leap year */
		{ "2023-02-29", false }, /* not a leap year */
		{ "2000-02-29", true },  /* divisible by 400 */
		{ "1900-02-29", false }, /* divisible by 100, not by 400 */
		{ "2100-02-29", false },
		{ "2023-02-28", true },
		{ "1899-12-31", false }, /* before 1900 */
		{ "1900-01-01", true },
		{ "9999-12-31", true },
		{ "0000-01-01", false },
		{ "2026-01-31", true },
		{ "2026-04-30", true },
		{ "2026-04-31", false },
		{ "2026-06-31", false },
		{ "2026-09-31", false },
		{ "2026-11-31", false },
		{ "2026-12-31", true },
		{ "2026-12-32", false },
		{ "2026-13-01", false },
		{ "2026-00-10", false },
		{ "2026-01-00", false },
		{ "2026-1-01", false },
		{ "2026-01-1", false },
		{ "26-01-01", false },
		{ "2026/01/01", false },
		{ "2026-01-01 ", false },
		{ " 2026-01-01", false },
		{ "2026-01-01T00:00", false },
		{ "+026-01-01", false },
		{ "2026-0a-01", false },
		{ "2026--1-01", false },
		{ "", false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (date_valid(cases[i].text) != cases[i].ok)
			fail_msg("date_valid(\"%s\") should be %s", cases[i].text,
				 cases[i].ok ? "true" : "false");
	}
	assert_false(date_valid(NULL));
}

static void test_today_and_year(void **state)
{
	(void)state;
	char today[DATE_LEN];
	int year, again;
	/* Read the year on both sides, so a new year at this moment is no failure. */
	do {
		year = date_year();
		date_today(today);
		again = date_year();
	} while (year != again);
	assert_int_equal(strlen(today), 10);
	assert_true(date_valid(today));
	assert_int_equal(atoi(today), year);
}

static bool is_digits(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* YYYY-MM-DDTHH:MM:SS.mmmZ, in UTC, at the moment of the call. */
static void test_timestamp_now(void **state)
{
	(void)state;
	time_t before = time(NULL);
	char ts[TIMESTAMP_LEN];
	memset(ts, '#', sizeof(ts));
	timestamp_now(ts);
	time_t after = time(NULL);
	assert_int_equal(strlen(ts), TIMESTAMP_LEN - 1);
	assert_true(is_digits(ts, 0, 4));
	assert_int_equal(ts[4], '-');
	assert_true(is_digits(ts, 5, 7));
	assert_int_equal(ts[7], '-');
	assert_true(is_digits(ts, 8, 10));
	assert_int_equal(ts[10], 'T');
	assert_true(is_digits(ts, 11, 13));
	assert_int_equal(ts[13], ':');
	assert_true(is_digits(ts, 14, 16));
	assert_int_equal(ts[16], ':');
	assert_true(is_digits(ts, 17, 19));
	assert_int_equal(ts[19], '.');
	assert_true(is_digits(ts, 20, 23));
	assert_int_equal(ts[23], 'Z');
	char date[DATE_LEN];
	memcpy(date, ts, 10);
	date[10] = '\0';
	assert_true(date_valid(date));
	/* Read back as UTC, it lies between the clock before and after. */
	struct tm tm = { 0 };
	tm.tm_year = atoi(ts) - 1900;
	tm.tm_mon = atoi(ts + 5) - 1;
	tm.tm_mday = atoi(ts + 8);
	tm.tm_hour = atoi(ts + 11);
	tm.tm_min = atoi(ts + 14);
	tm.tm_sec = atoi(ts + 17);
	time_t t = timegm(&tm);
	assert_true(t >= before);
	assert_true(t <= after);
}

/* A stored UTC moment as the local date, in Amsterdam's rules (a POSIX TZ
 * string: no tzdata needed): winter UTC+1, summer UTC+2. */
static void test_timestamp_local_date(void **state)
{
	(void)state;
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	static const struct {
		const char *ts, *want;
	} cases[] = {
		{ "2026-11-22T22:59:59.999Z", "2026-11-22" },
		{ "2026-11-22T23:00:00.000Z", "2026-11-23" }, /* midnight in winter */
		{ "2026-06-30T21:59:59.000Z", "2026-06-30" },
		{ "2026-06-30T22:00:00.000Z", "2026-07-01" }, /* midnight in summer */
		{ "2026-12-31T23:30:00.000Z", "2027-01-01" }, /* a new year */
		{ "2028-02-28T23:30:00.000Z", "2028-02-29" }, /* a leap day */
		{ "2026-03-29T00:59:00.000Z", "2026-03-29" }, /* the night of the clock change */
		{ "2026-11-22", "2026-11-22" },               /* a date already */
		{ "rubbish", "" },
		{ NULL, "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[DATE_LEN];
		timestamp_local_date(cases[i].ts, out);
		assert_string_equal(out, cases[i].want);
	}
	unsetenv("TZ");
	tzset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_valid_table),
		cmocka_unit_test(test_today_and_year),
		cmocka_unit_test(test_timestamp_now),
		cmocka_unit_test(test_timestamp_local_date),
	};
	return cmocka_run_group_tests_name("datetime", tests, NULL, NULL);
}
