/* test_clock.c - calendar-day arithmetic (leap years, month and year ends,
 * checked against a plain day-by-day calendar), the state of a dossier's
 * basic clock (none, running, near, past, stopped), and the legal clock
 * from events: suspensions (one, two, overlapping, open, after the term),
 * the Atw extension, the service target, near/past/suspended/decided, and
 * the refusal of impossible events. */
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

/* ---- the legal clock ---------------------------------------------------------------
 * Worked by hand on a 2026 calendar (the conventions are in clock.h):
 * received Monday 2026-03-02; day 56 of the term is Monday 2026-04-27,
 * Koningsdag, so the term ends Tuesday 2026-04-28 (Atw art. 1). A
 * suspension from `start` to `end` suspends the days strictly between
 * (end - start - 1 of them), and moves the 56th running day that many
 * days on; the end moves on over a weekend or holiday. The target counts
 * 15 working days after completeness, skipping suspended days after it. */

#define R "2026-03-02"
#define DEF (-1) /* the default setting */

static const struct clock_term_case {
	const char *what;
	const char *received, *complete, *decided, *today;
	struct clock_suspension susp[3];
	int term, twd, near;           /* settings (twd: target working days); DEF: the default */
	const char *extra;             /* one extra holiday, or NULL */
	/* expected */
	int days, suspended_days;
	bool suspended;
	const char *unextended, *legal; /* "" when not known */
	enum clock_term_state lstate;
	int lleft, lremaining;
	const char *target;
	enum clock_term_state tstate;
	int tleft, tremaining;
} term_cases[] = {
	/* No suspension: 56 days from Monday 2 March is Monday 27 April,
	 * Koningsdag; the term ends Tuesday 28 April. */
	{ .what = "received today", .received = R, .today = R, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 0, .unextended = "2026-04-27", .legal = "2026-04-28", .lstate = CLOCK_TERM_RUNNING,
	  .lleft = 57, .lremaining = 56, .target = "", .tstate = CLOCK_TERM_NONE },
	{ .what = "today before receipt", .received = R, .today = "2026-03-01", .term = DEF, .twd = DEF,
	  .near = DEF, .days = 0, .unextended = "2026-04-27", .legal = "2026-04-28",
	  .lstate = CLOCK_TERM_RUNNING, .lleft = 58, .lremaining = 56, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	{ .what = "8 days left", .received = R, .today = "2026-04-20", .term = DEF, .twd = DEF,
	  .near = DEF, .days = 49, .unextended = "2026-04-27", .legal = "2026-04-28",
	  .lstate = CLOCK_TERM_RUNNING, .lleft = 8, .lremaining = 7, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	{ .what = "7 days left: near", .received = R, .today = "2026-04-21", .term = DEF, .twd = DEF,
	  .near = DEF, .days = 50, .unextended = "2026-04-27", .legal = "2026-04-28",
	  .lstate = CLOCK_TERM_NEAR, .lleft = 7, .lremaining = 6, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	{ .what = "the last day, moved past Koningsdag", .received = R, .today = "2026-04-28", .term = DEF,
	  .twd = DEF, .near = DEF, .days = 57, .unextended = "2026-04-27", .legal = "2026-04-28",
	  .lstate = CLOCK_TERM_NEAR, .lleft = 0, .lremaining = 0, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	{ .what = "past", .received = R, .today = "2026-04-29", .term = DEF, .twd = DEF, .near = DEF,
	  .days = 58, .unextended = "2026-04-27", .legal = "2026-04-28", .lstate = CLOCK_TERM_PAST,
	  .lleft = -1, .lremaining = 0, .target = "", .tstate = CLOCK_TERM_NONE },
	/* One suspension: invitation Tue 10 March, completed Tue 24 March:
	 * 11-23 March suspended (13 days); 27 April + 13 = Sunday 10 May ->
	 * Monday 11 May. On 1 April: 30 days since receipt - 13 = 17. Target:
	 * 24 March + 15 working days: 25, 26, 27, 30, 31, 1, 2, [Goede
	 * Vrijdag 3, 4, 5, Paasmaandag 6], 7, 8, 9, 10, 13, 14, 15, 16 April;
	 * 6 of them used by 1 April. */
	{ .what = "one suspension", .received = R, .complete = "2026-03-24", .today = "2026-04-01",
	  .susp = { { "2026-03-10", "2026-03-24" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 17, .suspended_days = 13, .unextended = "2026-05-10", .legal = "2026-05-11",
	  .lstate = CLOCK_TERM_RUNNING, .lleft = 40, .lremaining = 39, .target = "2026-04-16",
	  .tstate = CLOCK_TERM_RUNNING, .tleft = 15, .tremaining = 9 },
	{ .what = "inside a closed suspension", .received = R, .today = "2026-03-15",
	  .susp = { { "2026-03-10", "2026-03-24" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 8, .suspended_days = 5, .suspended = true, .unextended = "2026-05-10",
	  .legal = "2026-05-11", .lstate = CLOCK_TERM_SUSPENDED, .lleft = 57, .lremaining = 48,
	  .target = "", .tstate = CLOCK_TERM_NONE },
	/* Two: 13 days as above and 15-27 April (13): 27 April + 26 = Saturday
	 * 23 May, Pinksteren 24 and 25 May -> Tuesday 26 May. On 19 May: 78 -
	 * 26 = 52 days, 7 left. In either order. */
	{ .what = "two suspensions", .received = R, .today = "2026-05-19",
	  .susp = { { "2026-03-10", "2026-03-24" }, { "2026-04-14", "2026-04-28" } }, .term = DEF,
	  .twd = DEF, .near = DEF, .days = 52, .suspended_days = 26, .unextended = "2026-05-23",
	  .legal = "2026-05-26", .lstate = CLOCK_TERM_NEAR, .lleft = 7, .lremaining = 4, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	{ .what = "two suspensions, later one first", .received = R, .today = "2026-05-19",
	  .susp = { { "2026-04-14", "2026-04-28" }, { "2026-03-10", "2026-03-24" } }, .term = DEF,
	  .twd = DEF, .near = DEF, .days = 52, .suspended_days = 26, .unextended = "2026-05-23",
	  .legal = "2026-05-26", .lstate = CLOCK_TERM_NEAR, .lleft = 7, .lremaining = 4, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	/* Overlapping: 11-23 March and 21-30 March are 11-30 March, 20 days,
	 * not 23: 27 April + 20 = Sunday 17 May -> Monday 18 May. */
	{ .what = "overlapping", .received = R, .today = "2026-04-15",
	  .susp = { { "2026-03-10", "2026-03-24" }, { "2026-03-20", "2026-03-31" } }, .term = DEF,
	  .twd = DEF, .near = DEF, .days = 24, .suspended_days = 20, .unextended = "2026-05-17",
	  .legal = "2026-05-18", .lstate = CLOCK_TERM_RUNNING, .lleft = 33, .lremaining = 32,
	  .target = "", .tstate = CLOCK_TERM_NONE },
	{ .what = "the same twice", .received = R, .today = "2026-04-15",
	  .susp = { { "2026-03-10", "2026-03-24" }, { "2026-03-10", "2026-03-24" } }, .term = DEF,
	  .twd = DEF, .near = DEF, .days = 31, .suspended_days = 13, .unextended = "2026-05-10",
	  .legal = "2026-05-11", .lstate = CLOCK_TERM_RUNNING, .lleft = 26, .lremaining = 25,
	  .target = "", .tstate = CLOCK_TERM_NONE },
	/* One inside another: 11-31 March (21 days) holds 16-19 March: 27 April
	 * + 21 = Monday 18 May, a working day, not moved. */
	{ .what = "one inside another", .received = R, .today = "2026-04-15",
	  .susp = { { "2026-03-10", "2026-04-01" }, { "2026-03-15", "2026-03-20" } }, .term = DEF,
	  .twd = DEF, .near = DEF, .days = 23, .suspended_days = 21, .unextended = "2026-05-18",
	  .legal = "2026-05-18", .lstate = CLOCK_TERM_RUNNING, .lleft = 33, .lremaining = 33,
	  .target = "", .tstate = CLOCK_TERM_NONE },
	/* Touching: 11-23 March and 24-29 March: 19 days: Saturday 16 May ->
	 * Monday 18 May. */
	{ .what = "touching", .received = R, .today = "2026-04-15",
	  .susp = { { "2026-03-10", "2026-03-24" }, { "2026-03-23", "2026-03-30" } }, .term = DEF,
	  .twd = DEF, .near = DEF, .days = 25, .suspended_days = 19, .unextended = "2026-05-16",
	  .legal = "2026-05-18", .lstate = CLOCK_TERM_RUNNING, .lleft = 33, .lremaining = 31,
	  .target = "", .tstate = CLOCK_TERM_NONE },
	/* Open since 10 March: 11-20 March stand still (10 days), 8 used, 48
	 * to go once it ends; no deadline yet. */
	{ .what = "open", .received = R, .today = "2026-03-20", .susp = { { "2026-03-10", NULL } },
	  .term = DEF, .twd = DEF, .near = DEF, .days = 8, .suspended_days = 10, .suspended = true,
	  .unextended = "", .legal = "", .lstate = CLOCK_TERM_SUSPENDED, .lleft = 0, .lremaining = 48,
	  .target = "", .tstate = CLOCK_TERM_NONE },
	/* Invited today: today still runs (day 18), the clock stops tomorrow. */
	{ .what = "open from tomorrow", .received = R, .today = "2026-03-20",
	  .susp = { { "2026-03-20", "" } }, .term = DEF, .twd = DEF, .near = DEF, .days = 18,
	  .unextended = "", .legal = "", .lstate = CLOCK_TERM_SUSPENDED, .lleft = 0, .lremaining = 38,
	  .target = "", .tstate = CLOCK_TERM_NONE },
	/* Received Monday 5 January: the term ended Monday 2 March; an
	 * invitation after that revives nothing. 15 March: 69 days. */
	{ .what = "open, after the term ran out", .received = "2026-01-05", .today = "2026-03-15",
	  .susp = { { "2026-03-10", NULL } }, .term = DEF, .twd = DEF, .near = DEF, .days = 69,
	  .unextended = "2026-03-02", .legal = "2026-03-02", .lstate = CLOCK_TERM_PAST, .lleft = -13,
	  .lremaining = 0, .target = "", .tstate = CLOCK_TERM_NONE },
	{ .what = "closed, after the term ran out", .received = "2026-01-05", .today = "2026-03-15",
	  .susp = { { "2026-03-03", "2026-03-17" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 69, .unextended = "2026-03-02", .legal = "2026-03-02", .lstate = CLOCK_TERM_PAST,
	  .lleft = -13, .lremaining = 0, .target = "", .tstate = CLOCK_TERM_NONE },
	/* Completed the day of the invitation, or the day after: no day
	 * strictly between, nothing suspended. */
	{ .what = "completed the same day", .received = R, .today = "2026-03-20",
	  .susp = { { "2026-03-10", "2026-03-10" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 18, .unextended = "2026-04-27", .legal = "2026-04-28", .lstate = CLOCK_TERM_RUNNING,
	  .lleft = 39, .lremaining = 38, .target = "", .tstate = CLOCK_TERM_NONE },
	{ .what = "completed the next day", .received = R, .today = "2026-03-20",
	  .susp = { { "2026-03-10", "2026-03-11" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 18, .unextended = "2026-04-27", .legal = "2026-04-28", .lstate = CLOCK_TERM_RUNNING,
	  .lleft = 39, .lremaining = 38, .target = "", .tstate = CLOCK_TERM_NONE },
	/* A two-week term for the supplement (11-24 March) lapsed unused: end
	 * 25 March, 14 days: 27 April + 14 = Monday 11 May. */
	{ .what = "lapsed unused", .received = R, .today = "2026-03-30",
	  .susp = { { "2026-03-10", "2026-03-25" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 14, .suspended_days = 14, .unextended = "2026-05-11", .legal = "2026-05-11",
	  .lstate = CLOCK_TERM_RUNNING, .lleft = 42, .lremaining = 42, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	/* A delay of four weeks agreed on the day of receipt (Awb 4:15 lid 2):
	 * 3-30 March, 28 days: 27 April + 28 = 25 May, Pinkstermaandag ->
	 * Tuesday 26 May. */
	{ .what = "agreed delay", .received = R, .today = "2026-04-01",
	  .susp = { { "2026-03-02", "2026-03-31" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 2, .suspended_days = 28, .unextended = "2026-05-25", .legal = "2026-05-26",
	  .lstate = CLOCK_TERM_RUNNING, .lleft = 55, .lremaining = 54, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	{ .what = "invited on the day of receipt", .received = R, .today = "2026-03-20",
	  .susp = { { "2026-03-02", "2026-03-16" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 5, .suspended_days = 13, .unextended = "2026-05-10", .legal = "2026-05-11",
	  .lstate = CLOCK_TERM_RUNNING, .lleft = 52, .lremaining = 51, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	/* Decided: counted to the decision. Complete on receipt: the target is
	 * 15 working days later, Monday 23 March (three plain weeks). */
	{ .what = "decided on the target", .received = R, .complete = R, .decided = "2026-03-23",
	  .today = "2026-06-01", .term = DEF, .twd = DEF, .near = DEF, .days = 21,
	  .unextended = "2026-04-27", .legal = "2026-04-28", .lstate = CLOCK_TERM_MET, .lleft = 36,
	  .lremaining = 35, .target = "2026-03-23", .tstate = CLOCK_TERM_MET, .tleft = 0,
	  .tremaining = 0 },
	{ .what = "decided a day after the target", .received = R, .complete = R, .decided = "2026-03-24",
	  .today = "2026-06-01", .term = DEF, .twd = DEF, .near = DEF, .days = 22,
	  .unextended = "2026-04-27", .legal = "2026-04-28", .lstate = CLOCK_TERM_MET, .lleft = 35,
	  .lremaining = 34, .target = "2026-03-23", .tstate = CLOCK_TERM_MISSED, .tleft = -1,
	  .tremaining = 0 },
	{ .what = "decided on the moved last day", .received = R, .decided = "2026-04-28",
	  .today = "2026-06-01", .term = DEF, .twd = DEF, .near = DEF, .days = 57,
	  .unextended = "2026-04-27", .legal = "2026-04-28", .lstate = CLOCK_TERM_MET, .lleft = 0,
	  .lremaining = 0, .target = "", .tstate = CLOCK_TERM_NONE },
	{ .what = "decided too late", .received = R, .decided = "2026-04-29", .today = "2026-06-01",
	  .term = DEF, .twd = DEF, .near = DEF, .days = 58, .unextended = "2026-04-27",
	  .legal = "2026-04-28", .lstate = CLOCK_TERM_MISSED, .lleft = -1, .lremaining = 0,
	  .target = "", .tstate = CLOCK_TERM_NONE },
	{ .what = "decided while suspended", .received = R, .decided = "2026-03-15", .today = "2026-06-01",
	  .susp = { { "2026-03-10", "2026-03-24" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 8, .suspended_days = 5, .unextended = "2026-05-10", .legal = "2026-05-11",
	  .lstate = CLOCK_TERM_MET, .lleft = 57, .lremaining = 48, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	/* Complete on receipt, then further questions 10-17 March: 11-16
	 * March suspended (6 days, 4 working days: 11, 12, 13, 16). Legal: 27
	 * April + 6 = Sunday 3 May -> Monday 4 May. Target: 3, 4, 5, 6, 9,
	 * 10, [11-16], 17, 18, 19, 20, 23, 24, 25, 26, 27 March. On 20 March:
	 * 10 working days used, 5 to go, 7 calendar days: near. */
	{ .what = "target moved by a suspension after completeness", .received = R, .complete = R,
	  .today = "2026-03-20", .susp = { { "2026-03-10", "2026-03-17" } }, .term = DEF, .twd = DEF,
	  .near = DEF, .days = 12, .suspended_days = 6, .unextended = "2026-05-03",
	  .legal = "2026-05-04", .lstate = CLOCK_TERM_RUNNING, .lleft = 45, .lremaining = 44,
	  .target = "2026-03-27", .tstate = CLOCK_TERM_NEAR, .tleft = 7, .tremaining = 5 },
	{ .what = "target past", .received = R, .complete = R, .today = "2026-03-30",
	  .susp = { { "2026-03-10", "2026-03-17" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 22, .suspended_days = 6, .unextended = "2026-05-03", .legal = "2026-05-04",
	  .lstate = CLOCK_TERM_RUNNING, .lleft = 35, .lremaining = 34, .target = "2026-03-27",
	  .tstate = CLOCK_TERM_PAST, .tleft = -3, .tremaining = 0 },
	/* On 12 March both stand still: 3-10 March are 6 working days used. */
	{ .what = "target suspended", .received = R, .complete = R, .today = "2026-03-12",
	  .susp = { { "2026-03-10", "2026-03-17" } }, .term = DEF, .twd = DEF, .near = DEF,
	  .days = 8, .suspended_days = 2, .suspended = true, .unextended = "2026-05-03",
	  .legal = "2026-05-04", .lstate = CLOCK_TERM_SUSPENDED, .lleft = 53, .lremaining = 48,
	  .target = "2026-03-27", .tstate = CLOCK_TERM_SUSPENDED, .tleft = 15, .tremaining = 9 },
	{ .what = "target open", .received = R, .complete = R, .today = "2026-03-12",
	  .susp = { { "2026-03-10", NULL } }, .term = DEF, .twd = DEF, .near = DEF, .days = 8,
	  .suspended_days = 2, .suspended = true, .unextended = "", .legal = "",
	  .lstate = CLOCK_TERM_SUSPENDED, .lleft = 0, .lremaining = 48, .target = "",
	  .tstate = CLOCK_TERM_SUSPENDED, .tleft = 0, .tremaining = 9 },
	/* Settings: warn 14 days ahead; warn only on the last day. */
	{ .what = "near at 14", .received = R, .today = "2026-04-14", .term = DEF, .twd = DEF,
	  .near = 14, .days = 43, .unextended = "2026-04-27", .legal = "2026-04-28",
	  .lstate = CLOCK_TERM_NEAR, .lleft = 14, .lremaining = 13, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	{ .what = "near at 0, the last day", .received = R, .today = "2026-04-28", .term = DEF,
	  .twd = DEF, .near = 0, .days = 57, .unextended = "2026-04-27", .legal = "2026-04-28",
	  .lstate = CLOCK_TERM_NEAR, .lleft = 0, .lremaining = 0, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	{ .what = "near at 0, the day before", .received = R, .today = "2026-04-27", .term = DEF,
	  .twd = DEF, .near = 0, .days = 56, .unextended = "2026-04-27", .legal = "2026-04-28",
	  .lstate = CLOCK_TERM_RUNNING, .lleft = 1, .lremaining = 0, .target = "",
	  .tstate = CLOCK_TERM_NONE },
	/* Received and complete Wednesday 23 December 2026: the term ends
	 * Wednesday 17 February 2027 (8 days in December, 31 in January, 17);
	 * the target 15 working days later is Friday 15 January 2027: 24, [25,
	 * 26, 27], 28, 29, 30, 31, [1, 2, 3], 4-8, 11-15; with 10, Friday 8
	 * January; with 0, the day itself. */
	{ .what = "target over Kerst and the year end", .received = "2026-12-23",
	  .complete = "2026-12-23", .today = "2026-12-23", .term = DEF, .twd = DEF, .near = DEF,
	  .days = 0, .unextended = "2027-02-17", .legal = "2027-02-17", .lstate = CLOCK_TERM_RUNNING,
	  .lleft = 56, .lremaining = 56, .target = "2027-01-15", .tstate = CLOCK_TERM_RUNNING,
	  .tleft = 23, .tremaining = 15 },
	{ .what = "target of 10 working days", .received = "2026-12-23", .complete = "2026-12-23",
	  .today = "2026-12-23", .term = DEF, .twd = 10, .near = DEF, .days = 0,
	  .unextended = "2027-02-17", .legal = "2027-02-17", .lstate = CLOCK_TERM_RUNNING, .lleft = 56,
	  .lremaining = 56, .target = "2027-01-08", .tstate = CLOCK_TERM_RUNNING, .tleft = 16,
	  .tremaining = 10 },
	{ .what = "target of 0 working days", .received = "2026-12-23", .complete = "2026-12-23",
	  .today = "2026-12-23", .term = DEF, .twd = 0, .near = DEF, .days = 0,
	  .unextended = "2027-02-17", .legal = "2027-02-17", .lstate = CLOCK_TERM_RUNNING, .lleft = 56,
	  .lremaining = 56, .target = "2026-12-23", .tstate = CLOCK_TERM_NEAR, .tleft = 0,
	  .tremaining = 0 },
	/* A day equated by decree on the moved day: Tuesday 28 April too ->
	 * Wednesday 29 April. */
	{ .what = "extra holiday", .received = R, .today = "2026-04-20", .term = DEF, .twd = DEF,
	  .near = DEF, .extra = "2026-04-28", .days = 49, .unextended = "2026-04-27",
	  .legal = "2026-04-29", .lstate = CLOCK_TERM_RUNNING, .lleft = 9, .lremaining = 7,
	  .target = "", .tstate = CLOCK_TERM_NONE },
	/* Another term length: 6 weeks end Monday 13 April, a working day. */
	{ .what = "a term of 6 weeks", .received = R, .today = "2026-03-20", .term = 42, .twd = DEF,
	  .near = DEF, .days = 18, .unextended = "2026-04-13", .legal = "2026-04-13",
	  .lstate = CLOCK_TERM_RUNNING, .lleft = 24, .lremaining = 24, .target = "",
	  .tstate = CLOCK_TERM_NONE },
};

static const char *term_state_name(enum clock_term_state s)
{
	static const char *const names[] = { "none", "running", "near", "past", "suspended", "met", "missed" };
	return (unsigned)s < N(names) ? names[s] : "?";
}

static size_t count_susp(const struct clock_suspension *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n].start)
		n++;
	return n;
}

static void check_term(size_t i, const char *which, const struct clock_term *got, const char *deadline,
		       enum clock_term_state state, int left, int remaining)
{
	if (strcmp(got->deadline, deadline) != 0 || got->state != state || got->left != left ||
	    got->remaining != remaining)
		fail_msg("case %zu (%s), %s: deadline \"%s\" %s left %d remaining %d; expected \"%s\" %s "
			 "left %d remaining %d",
			 i, term_cases[i].what, which, got->deadline, term_state_name(got->state), got->left,
			 got->remaining, deadline, term_state_name(state), left, remaining);
}

static void test_evaluate_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(term_cases); i++) {
		const struct clock_term_case *c = &term_cases[i];
		struct clock_settings set;
		clock_settings_init(&set);
		if (c->term != DEF)
			set.legal_term_days = c->term;
		if (c->twd != DEF)
			set.target_working_days = c->twd;
		if (c->near != DEF)
			set.near_days = c->near;
		struct calendar_holiday extra = { "", "gelijkgesteld" };
		if (c->extra) {
			snprintf(extra.date, sizeof(extra.date), "%s", c->extra);
			set.extra.days = &extra;
			set.extra.count = 1;
		}
		struct clock_events ev = { c->received, c->complete, c->susp, count_susp(c->susp, 3),
					   c->decided };
		struct clock_result r;
		struct toets_error e = { 0 };
		memset(&r, 0x55, sizeof(r));
		enum toets_status st = clock_evaluate(&ev, c->today, &set, &r, &e);
		if (st != TOETS_OK)
			fail_msg("case %zu (%s): status %d: %s", i, c->what, st, e.message);
		if (r.days != c->days || r.suspended_days != c->suspended_days || r.suspended != c->suspended ||
		    strcmp(r.legal_unextended, c->unextended) != 0)
			fail_msg("case %zu (%s): days %d, suspended %d (%d), unextended \"%s\"; expected %d, "
				 "%d (%d), \"%s\"",
				 i, c->what, r.days, r.suspended_days, r.suspended, r.legal_unextended, c->days,
				 c->suspended_days, c->suspended, c->unextended);
		check_term(i, "legal", &r.legal, c->legal, c->lstate, c->lleft, c->lremaining);
		check_term(i, "target", &r.target, c->target, c->tstate, c->tleft, c->tremaining);
	}
}

/* NULL settings are the defaults; the defaults are the constants. */
static void test_evaluate_defaults(void **state)
{
	(void)state;
	struct clock_settings set;
	clock_settings_init(&set);
	assert_int_equal(set.legal_term_days, 56);
	assert_int_equal(set.target_working_days, 15);
	assert_int_equal(set.near_days, 7);
	assert_null(set.extra.days);
	assert_int_equal(set.extra.count, 0);

	const struct clock_events ev = { .received = R, .complete = "2026-03-24" };
	struct clock_result a, b;
	assert_int_equal(clock_evaluate(&ev, "2026-04-21", NULL, &a, NULL), TOETS_OK);
	assert_int_equal(clock_evaluate(&ev, "2026-04-21", &set, &b, NULL), TOETS_OK);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_string_equal(a.legal.deadline, "2026-04-28");
	assert_int_equal(a.legal.state, CLOCK_TERM_NEAR);
	/* 24 March + 15 working days, without suspensions: 16 April (over
	 * Easter, see the table); 21 April is after it. */
	assert_string_equal(a.target.deadline, "2026-04-16");
	assert_int_equal(a.target.state, CLOCK_TERM_PAST);
	assert_int_equal(a.target.left, -5);
}

/* Impossible events and settings are refused with the date at fault in
 * the message, never turned into a date. */
static void test_evaluate_errors(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		const char *received, *complete, *decided, *today;
		struct clock_suspension susp[2];
		int term, target, near;
		const char *extra;
		const char *message; /* a part of the message */
	} cases[] = {
		{ "no receipt", NULL, NULL, NULL, "2026-03-20", { { NULL, NULL } }, DEF, DEF, DEF, NULL,
		  "receipt is missing" },
		{ "empty receipt", "", NULL, NULL, "2026-03-20", { { NULL, NULL } }, DEF, DEF, DEF, NULL,
		  "receipt is missing" },
		{ "receipt not a date", "2026-02-30", NULL, NULL, "2026-03-20", { { NULL, NULL } }, DEF, DEF,
		  DEF, NULL, "2026-02-30" },
		{ "today not a date", R, NULL, NULL, "vandaag", { { NULL, NULL } }, DEF, DEF, DEF, NULL,
		  "vandaag" },
		{ "complete not a date", R, "2026-3-5", NULL, "2026-03-20", { { NULL, NULL } }, DEF, DEF, DEF,
		  NULL, "2026-3-5" },
		{ "complete before receipt", R, "2026-03-01", NULL, "2026-03-20", { { NULL, NULL } }, DEF, DEF,
		  DEF, NULL, "2026-03-01" },
		{ "decision not a date", R, NULL, "morgen", "2026-03-20", { { NULL, NULL } }, DEF, DEF, DEF,
		  NULL, "morgen" },
		{ "decision before receipt", R, NULL, "2026-02-27", "2026-03-20", { { NULL, NULL } }, DEF, DEF,
		  DEF, NULL, "2026-02-27" },
		{ "decision before complete", R, "2026-03-10", "2026-03-09", "2026-03-20", { { NULL, NULL } },
		  DEF, DEF, DEF, NULL, "2026-03-09" },
		{ "suspension start not a date", R, NULL, NULL, "2026-03-20", { { "10-03-2026", NULL } }, DEF,
		  DEF, DEF, NULL, "10-03-2026" },
		{ "suspension end not a date", R, NULL, NULL, "2026-03-20", { { "2026-03-10", "2026-03-32" } },
		  DEF, DEF, DEF, NULL, "2026-03-32" },
		{ "suspension before receipt", R, NULL, NULL, "2026-03-20", { { "2026-03-01", "2026-03-10" } },
		  DEF, DEF, DEF, NULL, "2026-03-01" },
		{ "suspension ends before it starts", R, NULL, NULL, "2026-03-20",
		  { { "2026-03-10", "2026-03-24" }, { "2026-03-12", "2026-03-11" } }, DEF, DEF, DEF, NULL,
		  "suspension 2 ends (2026-03-11) before it starts (2026-03-12)" },
		{ "suspension after the decision", R, NULL, "2026-04-01", "2026-04-20",
		  { { "2026-04-02", "2026-04-10" } }, DEF, DEF, DEF, NULL, "2026-04-02" },
		{ "open suspension on a decided dossier", R, NULL, "2026-04-01", "2026-04-20",
		  { { "2026-03-10", NULL } }, DEF, DEF, DEF, NULL, "still open" },
		{ "term 0", R, NULL, NULL, "2026-03-20", { { NULL, NULL } }, 0, DEF, DEF, NULL, "legal term" },
		{ "term too long", R, NULL, NULL, "2026-03-20", { { NULL, NULL } }, 3651, DEF, DEF, NULL,
		  "3651" },
		{ "target negative", R, NULL, NULL, "2026-03-20", { { NULL, NULL } }, DEF, -2, DEF, NULL,
		  "service target" },
		{ "near too far", R, NULL, NULL, "2026-03-20", { { NULL, NULL } }, DEF, DEF, 366, NULL, "366" },
		{ "extra holiday not a date", R, NULL, NULL, "2026-03-20", { { NULL, NULL } }, DEF, DEF, DEF,
		  "2026-04-31", "2026-04-31" },
		{ "past the year 9999", "9999-12-01", NULL, NULL, "9999-12-02", { { NULL, NULL } }, DEF, DEF,
		  DEF, NULL, "9999" },
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct clock_settings set;
		clock_settings_init(&set);
		if (cases[i].term != DEF)
			set.legal_term_days = cases[i].term;
		if (cases[i].target != DEF)
			set.target_working_days = cases[i].target;
		if (cases[i].near != DEF)
			set.near_days = cases[i].near;
		struct calendar_holiday extra = { "", "x" };
		if (cases[i].extra) {
			snprintf(extra.date, sizeof(extra.date), "%s", cases[i].extra);
			set.extra.days = &extra;
			set.extra.count = 1;
		}
		struct clock_events ev = { cases[i].received, cases[i].complete, cases[i].susp,
					   count_susp(cases[i].susp, 2), cases[i].decided };
		struct clock_result r, zero;
		struct toets_error e = { 0 };
		memset(&r, 0x55, sizeof(r));
		memset(&zero, 0, sizeof(zero));
		enum toets_status st = clock_evaluate(&ev, cases[i].today, &set, &r, &e);
		if (st != TOETS_ERR_INVALID || e.status != TOETS_ERR_INVALID ||
		    !strstr(e.message, cases[i].message))
			fail_msg("case %zu (%s): status %d, message \"%s\"; expected \"%s\"", i, cases[i].what, st,
				 e.message, cases[i].message);
		if (memcmp(&r, &zero, sizeof(r)) != 0)
			fail_msg("case %zu (%s): the result is not cleared", i, cases[i].what);
	}
	/* No events at all, and a count without an array. */
	struct clock_result r;
	assert_int_equal(clock_evaluate(NULL, "2026-03-20", NULL, &r, NULL), TOETS_ERR_INVALID);
	const struct clock_events ev = { .received = R, .n_suspensions = 2 };
	assert_int_equal(clock_evaluate(&ev, "2026-03-20", NULL, &r, NULL), TOETS_ERR_INVALID);
}

/* Against a day-by-day walk: for every pair of one or two suspensions
 * starting 0-70 days after receipt and lasting 0-20 days, the deadline is
 * the 56th day after receipt that is not strictly inside one that began
 * before the term ran out, moved to a working day. */
static void test_evaluate_against_walking(void **state)
{
	(void)state;
	long rec;
	calendar_day_number(R, &rec);
	for (int s1 = 0; s1 <= 70; s1 += 3)
		for (int l1 = 0; l1 <= 20; l1 += 4)
			for (int s2 = 0; s2 <= 70; s2 += 5)
				for (int l2 = 0; l2 <= 20; l2 += 7) {
					char a1[DATE_LEN], b1[DATE_LEN], a2[DATE_LEN], b2[DATE_LEN];
					calendar_date(rec + s1, a1);
					calendar_date(rec + s1 + l1, b1);
					calendar_date(rec + s2, a2);
					calendar_date(rec + s2 + l2, b2);
					const struct clock_suspension susp[] = { { a1, b1 }, { a2, b2 } };
					/* the walk: a day is suspended when strictly inside a
					 * suspension that starts before the term is used up */
					long d = rec;
					int left = 56;
					while (left > 0) {
						d++;
						bool in = (d > rec + s1 && d < rec + s1 + l1) ||
							  (d > rec + s2 && d < rec + s2 + l2);
						if (!in)
							left--;
					}
					while (!calendar_is_working_day_of(d, NULL))
						d++;
					char expect[DATE_LEN];
					calendar_date(d, expect);
					const struct clock_events ev = { .received = R, .suspensions = susp,
									 .n_suspensions = 2 };
					struct clock_result r;
					assert_int_equal(clock_evaluate(&ev, R, NULL, &r, NULL), TOETS_OK);
					if (strcmp(r.legal.deadline, expect) != 0)
						fail_msg("suspensions %s-%s and %s-%s: %s, expected %s", a1, b1, a2,
							 b2, r.legal.deadline, expect);
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
		cmocka_unit_test(test_evaluate_table),
		cmocka_unit_test(test_evaluate_defaults),
		cmocka_unit_test(test_evaluate_errors),
		cmocka_unit_test(test_evaluate_against_walking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
