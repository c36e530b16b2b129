/* test_clock.c - calendar-day arithmetic (leap years, month and year ends,
 * checked against a plain day-by-day calendar) and the state of a
 * dossier's clock: none, running, near, past, stopped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "toets/clock.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_days_between_table(void **state)
{
	(void)state;
	static const struct {
		const char *from, *to;
		int days;
	} cases[] = {
		{ "2026-03-10", "2026-03-10", 0 },
		{ "2026-03-10", "2026-03-11", 1 },
		{ "2026-03-11", "2026-03-10", -1 },
		{ "2024-02-28", "2024-03-01", 2 },   /* leap year */
		{ "2023-02-28", "2023-03-01", 1 },   /* common year */
		{ "2000-02-28", "2000-03-01", 2 },   /* divisible by 400: leap */
		{ "1900-02-28", "1900-03-01", 1 },   /* divisible by 100 only: not */
		{ "2100-02-28", "2100-03-01", 1 },
		{ "2026-01-31", "2026-02-01", 1 },   /* month ends */
		{ "2026-04-30", "2026-05-01", 1 },
		{ "2026-12-31", "2027-01-01", 1 },   /* year end */
		{ "2025-12-31", "2026-12-31", 365 },
		{ "2024-01-01", "2025-01-01", 366 },
		{ "2023-03-01", "2024-03-01", 366 }, /* spans 29 February 2024 */
		{ "2024-03-01", "2025-03-01", 365 },
		{ "2026-01-01", "2026-12-31", 364 },
		{ "1970-01-01", "2000-01-01", 10957 },
		{ "1900-01-01", "9999-12-31", 2958463 },
		{ "2026-11-15", "2027-01-10", 56 },  /* 8 weeks across a year end */
		{ "9999-12-31", "1900-01-01", -2958463 },
		{ "2026-02-30", "2026-03-01", 0 },   /* not a date */
		{ "2026-03-01", "", 0 },
		{ "1899-12-31", "1900-01-01", 0 },   /* outside date_valid's years */
	};
	for (size_t i = 0; i < N(cases); i++) {
		int got = clock_days_between(cases[i].from, cases[i].to);
		if (got != cases[i].days)
			fail_msg("clock_days_between(%s, %s) = %d, expected %d", cases[i].from,
				 cases[i].to, got, cases[i].days);
	}
	assert_int_equal(clock_days_between(NULL, "2026-01-01"), 0);
}

static void test_add_days_table(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		int days;
		const char *expect;
	} cases[] = {
		{ "2026-03-10", 0, "2026-03-10" },
		{ "2024-02-28", 1, "2024-02-29" },
		{ "2024-02-29", 1, "2024-03-01" },
		{ "2023-02-28", 1, "2023-03-01" },
		{ "2000-02-28", 1, "2000-02-29" },
		{ "1900-02-28", 1, "1900-03-01" },
		{ "2024-03-01", -1, "2024-02-29" },
		{ "2023-03-01", -1, "2023-02-28" },
		{ "2026-01-31", 1, "2026-02-01" },
		{ "2026-02-28", 1, "2026-03-01" },
		{ "2026-03-31", 1, "2026-04-01" },
		{ "2026-04-30", 1, "2026-05-01" },
		{ "2026-06-30", 1, "2026-07-01" },
		{ "2026-07-31", 1, "2026-08-01" },
		{ "2026-08-31", 1, "2026-09-01" },
		{ "2026-09-30", 1, "2026-10-01" },
		{ "2026-11-30", 1, "2026-12-01" },
		{ "2026-12-31", 1, "2027-01-01" },
		{ "2027-01-01", -1, "2026-12-31" },
		{ "2026-01-01", 56, "2026-02-26" },  /* the legal term */
		{ "2026-11-15", 56, "2027-01-10" },  /* across a year end */
		{ "2024-01-10", 56, "2024-03-06" },  /* across 29 February */
		{ "2025-01-10", 56, "2025-03-07" },
		{ "2024-02-29", 365, "2025-02-28" },
		{ "2024-02-29", 366, "2025-03-01" },
		{ "2024-02-29", 4 * 365 + 1, "2028-02-29" },
		{ "1999-12-31", 1, "2000-01-01" },
		{ "2026-05-05", -3650, "2016-05-07" },
		{ "1900-01-01", -1, "" },          /* before the years a date may have */
		{ "9999-12-31", 1, "" },
		{ "9999-12-30", 1, "9999-12-31" },
		{ "2026-13-01", 1, "" },           /* not a date */
		{ "", 1, "" },
	};
	for (size_t i = 0; i < N(cases); i++) {
		char out[DATE_LEN] = "x";
		clock_add_days(cases[i].date, cases[i].days, out);
		if (strcmp(out, cases[i].expect) != 0)
			fail_msg("clock_add_days(%s, %d) = \"%s\", expected \"%s\"", cases[i].date,
				 cases[i].days, out, cases[i].expect);
	}
	char out[DATE_LEN] = "x";
	clock_add_days(NULL, 1, out);
	assert_string_equal(out, "");
}

/* Every day from 1900 to 2200 against a calendar that just counts: the
 * next day of each date, and the distance from the start. */
static void test_every_day_against_counting(void **state)
{
	(void)state;
	static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 1900, m = 1, d = 1;
	char prev[DATE_LEN] = "1900-01-01";
	for (int n = 1; y < 2200; n++) {
		int len = month_days[m - 1] + (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
		if (++d > len) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
		char expect[32], next[DATE_LEN], back[DATE_LEN];
		snprintf(expect, sizeof(expect), "%04d-%02d-%02d", y, m, d);
		clock_add_days(prev, 1, next);
		if (strcmp(next, expect) != 0)
			fail_msg("the day after %s: %s, expected %s", prev, next, expect);
		clock_add_days(expect, -1, back);
		if (strcmp(back, prev) != 0)
			fail_msg("the day before %s: %s, expected %s", expect, back, prev);
		if (clock_days_between("1900-01-01", expect) != n)
			fail_msg("days from 1900-01-01 to %s: %d, expected %d", expect,
				 clock_days_between("1900-01-01", expect), n);
		memcpy(prev, expect, DATE_LEN);
	}
}

static const char *state_name(enum clock_state s)
{
	static const char *const names[] = { "none", "running", "near", "past", "stopped" };
	return (unsigned)s < N(names) ? names[s] : "?";
}

static void test_compute_table(void **state)
{
	(void)state;
	static const struct {
		const char *received;
		enum dossier_status status;
		const char *today;
		int days;
		const char *deadline;
		enum clock_state state;
	} cases[] = {
		/* not received */
		{ NULL, STATUS_ONTVANGEN, "2026-03-01", 0, "", CLOCK_NONE },
		{ "", STATUS_IN_TOETSING, "2026-03-01", 0, "", CLOCK_NONE },
		{ NULL, STATUS_AANGEMELD, "2026-03-01", 0, "", CLOCK_NONE },
		{ "2026-02-30", STATUS_ONTVANGEN, "2026-03-01", 0, "", CLOCK_NONE },
		{ "2026-01-01", STATUS_ONTVANGEN, "today", 0, "", CLOCK_NONE },
		/* running: more than 7 days left */
		{ "2026-01-01", STATUS_ONTVANGEN, "2026-01-01", 0, "2026-02-26", CLOCK_RUNNING },
		{ "2026-01-01", STATUS_COMPLEET, "2026-02-18", 48, "2026-02-26", CLOCK_RUNNING },
		{ "2026-01-01", STATUS_IN_TOETSING, "2025-12-30", -2, "2026-02-26", CLOCK_RUNNING },
		/* near: 7 days or fewer left, the deadline itself included */
		{ "2026-01-01", STATUS_IN_TOETSING, "2026-02-19", 49, "2026-02-26", CLOCK_NEAR },
		{ "2026-01-01", STATUS_AANVULLING_GEVRAAGD, "2026-02-25", 55, "2026-02-26", CLOCK_NEAR },
		{ "2026-01-01", STATUS_BESLUIT_VOORGESTELD, "2026-02-26", 56, "2026-02-26", CLOCK_NEAR },
		/* past */
		{ "2026-01-01", STATUS_BESLUIT_VOORGESTELD, "2026-02-27", 57, "2026-02-26", CLOCK_PAST },
		{ "2025-01-01", STATUS_ONTVANGEN, "2026-01-01", 365, "2025-02-26", CLOCK_PAST },
		/* leap day and year end inside the term */
		{ "2024-01-10", STATUS_COMPLEET, "2024-02-28", 49, "2024-03-06", CLOCK_NEAR },
		{ "2024-01-10", STATUS_COMPLEET, "2024-02-27", 48, "2024-03-06", CLOCK_RUNNING },
		{ "2026-11-15", STATUS_IN_TOETSING, "2027-01-03", 49, "2027-01-10", CLOCK_NEAR },
		{ "2026-11-15", STATUS_IN_TOETSING, "2027-01-11", 57, "2027-01-10", CLOCK_PAST },
		/* stopped: decided, ended, or only aangemeld */
		{ "2026-01-01", STATUS_AANGEMELD, "2026-03-01", 59, "2026-02-26", CLOCK_STOPPED },
		{ "2026-01-01", STATUS_AANGEWEZEN, "2026-03-01", 59, "2026-02-26", CLOCK_STOPPED },
		{ "2026-01-01", STATUS_AFGEWEZEN, "2026-02-20", 50, "2026-02-26", CLOCK_STOPPED },
		{ "2026-01-01", STATUS_AANGESLOTEN, "2026-01-02", 1, "2026-02-26", CLOCK_STOPPED },
		{ "2026-01-01", STATUS_INGETROKKEN, "2026-05-01", 120, "2026-02-26", CLOCK_STOPPED },
		{ "2026-01-01", STATUS_AANWIJZING_INGETROKKEN, "2027-01-01", 365, "2026-02-26", CLOCK_STOPPED },
		/* an unknown status (foreign data) keeps the clock running */
		{ "2026-01-01", STATUS_COUNT, "2026-01-02", 1, "2026-02-26", CLOCK_RUNNING },
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct clock_info c;
		memset(&c, 0x55, sizeof(c));
		clock_compute(cases[i].received, cases[i].status, cases[i].today, &c);
		if (c.days != cases[i].days || strcmp(c.deadline, cases[i].deadline) != 0 ||
		    c.state != cases[i].state)
			fail_msg("case %zu (received %s, %s, today %s): days %d, deadline \"%s\", %s; "
				 "expected %d, \"%s\", %s",
				 i, cases[i].received ? cases[i].received : "NULL",
				 dossier_status_code(cases[i].status), cases[i].today, c.days, c.deadline,
				 state_name(c.state), cases[i].days, cases[i].deadline,
				 state_name(cases[i].state));
	}
}

/* Each status of the workflow has its clock state, so a new status cannot
 * be added without deciding whether its clock runs. */
static void test_every_status(void **state)
{
	(void)state;
	static const enum clock_state expect[STATUS_COUNT] = {
		[STATUS_AANGEMELD] = CLOCK_STOPPED,
		[STATUS_ONTVANGEN] = CLOCK_RUNNING,
		[STATUS_COMPLEET] = CLOCK_RUNNING,
		[STATUS_IN_TOETSING] = CLOCK_RUNNING,
		[STATUS_AANVULLING_GEVRAAGD] = CLOCK_RUNNING,
		[STATUS_BESLUIT_VOORGESTELD] = CLOCK_RUNNING,
		[STATUS_AANGEWEZEN] = CLOCK_STOPPED,
		[STATUS_AFGEWEZEN] = CLOCK_STOPPED,
		[STATUS_AANGESLOTEN] = CLOCK_STOPPED,
		[STATUS_INGETROKKEN] = CLOCK_STOPPED,
		[STATUS_AANWIJZING_INGETROKKEN] = CLOCK_STOPPED,
	};
	for (int s = 0; s < STATUS_COUNT; s++) {
		struct clock_info c;
		clock_compute("2026-01-01", (enum dossier_status)s, "2026-01-15", &c);
		if (c.state != expect[s])
			fail_msg("status %s: clock %s, expected %s", dossier_status_code((enum dossier_status)s),
				 state_name(c.state), state_name(expect[s]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_between_table),
		cmocka_unit_test(test_add_days_table),
		cmocka_unit_test(test_every_day_against_counting),
		cmocka_unit_test(test_compute_table),
		cmocka_unit_test(test_every_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
