/* test_calendar.c - weekdays, Easter, the holidays of the Algemene
 * termijnenwet (every one of 2026 and 2027, the royal day through its
 * history), working days across weekends, holidays and year ends, and
 * the Atw art. 1 extension. The expected dates are worked out by hand on a
 * printed calendar; the comments say how. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "toets/calendar.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *str(const char *s)
{
	return s ? s : "(null)";
}

static void test_weekday_table(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		int weekday; /* ISO: 1 Monday ... 7 Sunday */
	} cases[] = {
		{ "1900-01-01", 1 }, /* the first date there is: a Monday */
		{ "1970-01-01", 4 }, /* day 0, a Thursday */
		{ "2000-02-29", 2 },
		{ "2026-01-01", 4 }, /* Nieuwjaarsdag 2026 on a Thursday */
		{ "2026-03-02", 1 },
		{ "2026-04-05", 7 }, /* Easter */
		{ "2026-12-26", 6 },
		{ "2027-01-01", 5 },
		{ "9999-12-31", 5 },
		{ "2026-02-29", 0 }, /* not a date */
		{ "", 0 },
	};
	for (size_t i = 0; i < N(cases); i++) {
		int got = calendar_weekday(cases[i].date);
		if (got != cases[i].weekday)
			fail_msg("calendar_weekday(%s) = %d, expected %d", cases[i].date, got, cases[i].weekday);
	}
	assert_int_equal(calendar_weekday(NULL), 0);

	long day;
	char out[DATE_LEN];
	assert_true(calendar_day_number("1970-01-01", &day));
	assert_int_equal(day, 0);
	assert_true(calendar_day_number("1969-12-31", &day));
	assert_int_equal(day, -1);
	assert_int_equal(calendar_weekday_of(-1), 3);
	assert_true(calendar_date(20513, out)); /* 56 * 365 + 14 leap days + 59 days of 2026 */
	assert_string_equal(out, "2026-03-01");
	assert_false(calendar_date(2932897, out)); /* 10000-01-01 */
	assert_string_equal(out, "");
}

/* Easter Sunday: the years asked for, the earliest (22 March) and latest
 * (25 April) possible dates, and century years where the Gregorian
 * corrections change. Each was checked against published Easter tables. */
static void test_easter_table(void **state)
{
	(void)state;
	static const struct {
		int year;
		const char *easter;
	} cases[] = {
		{ 1818, "1818-03-22" }, /* the earliest date, as again in 2285 */
		{ 1900, "1900-04-15" },
		{ 1943, "1943-04-25" }, /* the latest date */
		{ 1949, "1949-04-17" },
		{ 1961, "1961-04-02" },
		{ 2000, "2000-04-23" },
		{ 2008, "2008-03-23" },
		{ 2011, "2011-04-24" },
		{ 2016, "2016-03-27" },
		{ 2019, "2019-04-21" },
		{ 2023, "2023-04-09" },
		{ 2024, "2024-03-31" },
		{ 2025, "2025-04-20" },
		{ 2026, "2026-04-05" },
		{ 2027, "2027-03-28" },
		{ 2038, "2038-04-25" },
		{ 2049, "2049-04-18" },
		{ 2100, "2100-03-28" },
		{ 2200, "2200-04-06" },
		{ 2285, "2285-03-22" },
		{ 2400, "2400-04-16" },
		{ 3000, "3000-04-13" },
		{ 9999, "9999-03-28" },
		{ 1583, "1583-04-10" }, /* the first Gregorian Easter */
		{ 1582, "" },           /* before the Gregorian calendar */
		{ 10000, "" },
	};
	for (size_t i = 0; i < N(cases); i++) {
		char out[DATE_LEN] = "x";
		bool ok = calendar_easter(cases[i].year, out);
		if (strcmp(out, cases[i].easter) != 0 || ok != (cases[i].easter[0] != '\0'))
			fail_msg("calendar_easter(%d) = \"%s\" (%d), expected \"%s\"", cases[i].year, out, ok,
				 cases[i].easter);
	}
}

/* Every Easter from 1900 to 9999 is a Sunday from 22 March to 25 April. */
static void test_easter_every_year(void **state)
{
	(void)state;
	for (int y = 1900; y <= 9999; y++) {
		char out[DATE_LEN];
		assert_true(calendar_easter(y, out));
		char lo[32], hi[32];
		snprintf(lo, sizeof(lo), "%04d-03-22", y);
		snprintf(hi, sizeof(hi), "%04d-04-25", y);
		if (calendar_weekday(out) != 7 || strcmp(out, lo) < 0 || strcmp(out, hi) > 0)
			fail_msg("Easter %d on %s", y, out);
	}
}

/* Every holiday of 2026 and 2027, from Easter 2026-04-05 and 2027-03-28:
 * Goede Vrijdag -2, Paasmaandag +1, Hemelvaart +39 (a Thursday),
 * Pinksteren +49 and +50; Koningsdag 27 April (a Monday in 2026, a
 * Tuesday in 2027). */
static void test_holidays_2026_2027(void **state)
{
	(void)state;
	static const struct calendar_holiday y2026[] = {
		{ "2026-01-01", "Nieuwjaarsdag" },      /* Thursday */
		{ "2026-04-03", "Goede Vrijdag" },      /* Easter - 2 */
		{ "2026-04-05", "Eerste Paasdag" },
		{ "2026-04-06", "Tweede Paasdag" },
		{ "2026-04-27", "Koningsdag" },         /* Monday */
		{ "2026-05-05", "Bevrijdingsdag" },     /* Tuesday */
		{ "2026-05-14", "Hemelvaartsdag" },     /* 5 April + 39 = 14 May */
		{ "2026-05-24", "Eerste Pinksterdag" }, /* + 49 */
		{ "2026-05-25", "Tweede Pinksterdag" },
		{ "2026-12-25", "Eerste Kerstdag" },    /* Friday */
		{ "2026-12-26", "Tweede Kerstdag" },    /* Saturday */
	};
	static const struct calendar_holiday y2027[] = {
		{ "2027-01-01", "Nieuwjaarsdag" },      /* Friday */
		{ "2027-03-26", "Goede Vrijdag" },
		{ "2027-03-28", "Eerste Paasdag" },
		{ "2027-03-29", "Tweede Paasdag" },
		{ "2027-04-27", "Koningsdag" },         /* Tuesday */
		{ "2027-05-05", "Bevrijdingsdag" },     /* Wednesday */
		{ "2027-05-06", "Hemelvaartsdag" },     /* 28 March + 39: 3 + 30 + 6 */
		{ "2027-05-16", "Eerste Pinksterdag" },
		{ "2027-05-17", "Tweede Pinksterdag" },
		{ "2027-12-25", "Eerste Kerstdag" },    /* Saturday */
		{ "2027-12-26", "Tweede Kerstdag" },    /* Sunday */
	};
	static const struct {
		int year;
		const struct calendar_holiday *days;
		size_t n;
	} years[] = { { 2026, y2026, N(y2026) }, { 2027, y2027, N(y2027) } };
	for (size_t y = 0; y < N(years); y++) {
		struct calendar_holiday got[CALENDAR_YEAR_HOLIDAYS + 2];
		size_t n = calendar_holidays(years[y].year, NULL, got, N(got));
		assert_int_equal(n, years[y].n);
		for (size_t i = 0; i < n; i++) {
			const struct calendar_holiday *want = &years[y].days[i];
			if (strcmp(got[i].date, want->date) != 0 || strcmp(got[i].name, want->name) != 0)
				fail_msg("%d, holiday %zu: %s %s, expected %s %s", years[y].year, i, got[i].date,
					 got[i].name, want->date, want->name);
			const char *name = NULL;
			if (!calendar_is_holiday(want->date, NULL, &name) || strcmp(str(name), want->name) != 0)
				fail_msg("calendar_is_holiday(%s): %s, expected %s", want->date, str(name), want->name);
		}
		/* A holiday count of every date of the year: exactly these. */
		size_t count = 0;
		char d[DATE_LEN], prefix[8];
		snprintf(prefix, sizeof(prefix), "%04d-", years[y].year);
		long day;
		calendar_day_number(years[y].days[0].date, &day); /* 1 January */
		for (; calendar_date(day, d) && strncmp(d, prefix, 5) == 0; day++)
			count += calendar_is_holiday(d, NULL, NULL);
		assert_int_equal(count, years[y].n);
	}
}

/* The royal day and a few dates that are not holidays. 30 April fell on
 * a Sunday in 1950, 1961, 1967, 1972, 1978 (moved to Monday 1 May), 1989,
 * 1995 and 2006 (moved to Saturday 29 April from 1980 on); 27 April on a
 * Sunday in 2014, 2025 and 2031 (Saturday 26 April). */
static void test_is_holiday_table(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		const char *name; /* NULL: not a holiday */
	} cases[] = {
		{ "1949-04-30", "Koninginnedag" }, /* the first, a Saturday */
		{ "1950-05-01", "Koninginnedag" },
		{ "1950-04-30", NULL },
		{ "1961-05-01", "Koninginnedag" },
		{ "1967-05-01", "Koninginnedag" },
		{ "1972-05-01", "Koninginnedag" },
		{ "1978-05-01", "Koninginnedag" },
		{ "1980-04-30", "Koninginnedag" }, /* a Wednesday */
		{ "1989-04-29", "Koninginnedag" },
		{ "1989-05-01", NULL },
		{ "1995-04-29", "Koninginnedag" },
		{ "2006-04-29", "Koninginnedag" },
		{ "2006-04-30", NULL },
		{ "2013-04-30", "Koninginnedag" }, /* the last, a Tuesday */
		{ "2014-04-26", "Koningsdag" },    /* the first, 27 April a Sunday */
		{ "2014-04-30", NULL },
		{ "2025-04-26", "Koningsdag" },
		{ "2025-04-27", NULL },            /* the Sunday itself is no holiday (only a Sunday) */
		{ "2026-04-27", "Koningsdag" },
		{ "2031-04-26", "Koningsdag" },
		{ "1948-08-31", NULL },            /* Wilhelmina's day: before the range computed */
		{ "1948-04-30", NULL },
		/* Two on one date: the first in the order of art. 3 lid 1 */
		{ "2016-05-05", "Hemelvaartsdag" },
		/* the earliest Hemelvaart: Easter 22 March 2285 + 39 */
		{ "2285-04-30", "Hemelvaartsdag" },
		/* Bevrijdingsdag every year, not only each fifth */
		{ "2026-05-05", "Bevrijdingsdag" },
		{ "2027-05-05", "Bevrijdingsdag" },
		{ "1900-05-05", "Bevrijdingsdag" }, /* today's list, applied to every year */
		/* Goede Vrijdag: Atw art. 3 lid 2 */
		{ "2025-04-18", "Goede Vrijdag" },
		{ "2024-03-29", "Goede Vrijdag" },
		/* plain days */
		{ "2026-05-15", NULL },            /* Friday after Hemelvaart: only by decree (extra) */
		{ "2026-12-24", NULL },
		{ "2026-12-31", NULL },
		{ "2026-04-04", NULL },            /* Saturday between Goede Vrijdag and Easter */
		{ "2026-02-29", NULL },            /* not a date */
		{ "", NULL },
	};
	for (size_t i = 0; i < N(cases); i++) {
		const char *name = "x";
		bool got = calendar_is_holiday(cases[i].date, NULL, &name);
		if (got != (cases[i].name != NULL) || strcmp(str(name), str(cases[i].name)) != 0)
			fail_msg("calendar_is_holiday(%s) = %d, %s; expected %s", cases[i].date, got, str(name),
				 str(cases[i].name));
	}
	assert_false(calendar_is_holiday(NULL, NULL, NULL));
	assert_true(calendar_is_holiday("2026-01-01", NULL, NULL));

	/* Both of 2016-05-05 are listed, Hemelvaartsdag first. */
	struct calendar_holiday list[CALENDAR_YEAR_HOLIDAYS];
	assert_int_equal(calendar_holidays(2016, NULL, list, N(list)), 11);
	assert_string_equal(list[5].date, "2016-05-05");
	assert_string_equal(list[5].name, "Hemelvaartsdag");
	assert_string_equal(list[6].date, "2016-05-05");
	assert_string_equal(list[6].name, "Bevrijdingsdag");
	/* Before 1949: no royal day; a small array gets the first, the count all. */
	assert_int_equal(calendar_holidays(1948, NULL, list, 2), 10);
	assert_string_equal(list[0].name, "Nieuwjaarsdag");
	assert_string_equal(list[1].name, "Goede Vrijdag");
	assert_int_equal(calendar_holidays(1899, NULL, list, N(list)), 0);
	assert_int_equal(calendar_holidays(2026, NULL, NULL, 0), 11);
}

/* Days equated by Royal Decree (Atw art. 3 lid 3) or configured later. */
static void test_extra_holidays(void **state)
{
	(void)state;
	static const struct calendar_holiday days[] = {
		{ "2026-05-15", "Vrijdag na Hemelvaartsdag" },
		{ "2026-12-25", "Kerstsluiting" },   /* already a holiday: counted once */
		{ "2026-12-31", "Oudejaarsdag" },
		{ "2026-13-01", "kapot" },           /* not a date: never matches */
		{ "2027-01-02", NULL },              /* a Saturday, without a name */
	};
	const struct calendar_extra extra = { days, N(days) };
	const char *name;
	assert_true(calendar_is_holiday("2026-05-15", &extra, &name));
	assert_string_equal(name, "Vrijdag na Hemelvaartsdag");
	assert_true(calendar_is_holiday("2026-12-25", &extra, &name));
	assert_string_equal(name, "Eerste Kerstdag"); /* the Atw's name first */
	assert_true(calendar_is_holiday("2027-01-02", &extra, &name));
	assert_string_equal(name, "");
	assert_false(calendar_is_holiday("2026-05-15", NULL, &name));
	assert_null(name);
	assert_false(calendar_is_working_day("2026-05-15", &extra));
	assert_true(calendar_is_working_day("2026-05-15", NULL));

	struct calendar_holiday list[16];
	size_t n = calendar_holidays(2026, &extra, list, N(list));
	assert_int_equal(n, 14);
	assert_string_equal(list[7].date, "2026-05-15"); /* after Hemelvaartsdag 14 May */
	assert_string_equal(list[7].name, "Vrijdag na Hemelvaartsdag");
	assert_string_equal(list[10].date, "2026-12-25"); /* both, the Atw's first */
	assert_string_equal(list[10].name, "Eerste Kerstdag");
	assert_string_equal(list[11].date, "2026-12-25");
	assert_string_equal(list[11].name, "Kerstsluiting");
	assert_string_equal(list[12].name, "Tweede Kerstdag");
	assert_string_equal(list[13].date, "2026-12-31");

	/* Wednesday 13 May + 1 working day: Thursday Hemelvaart, Friday by
	 * decree, the weekend: Monday 18 May. */
	char out[DATE_LEN];
	assert_int_equal(calendar_add_working_days("2026-05-13", 1, &extra, out, NULL), TOETS_OK);
	assert_string_equal(out, "2026-05-18");
	/* 23 December + 3: 24, [25, 26, 27], 28, 29 (30 stays, 31 is out). */
	assert_int_equal(calendar_add_working_days("2026-12-23", 3, &extra, out, NULL), TOETS_OK);
	assert_string_equal(out, "2026-12-29");
	assert_int_equal(calendar_add_working_days("2026-12-23", 5, &extra, out, NULL), TOETS_OK);
	assert_string_equal(out, "2027-01-04"); /* 24, 28, 29, 30, [31, 1, 2, 3], 4 */
	/* 2026 has 253 working days (below); the extra weekday holidays
	 * 15 May and 31 December take two more; 25 December was one already. */
	assert_int_equal(calendar_working_days_between("2025-12-31", "2026-12-31", &extra), 251);
}

static void test_is_working_day_table(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		bool working;
	} cases[] = {
		{ "2026-03-02", true },  /* Monday */
		{ "2026-03-06", true },  /* Friday */
		{ "2026-03-07", false }, /* Saturday */
		{ "2026-03-08", false }, /* Sunday */
		{ "2026-01-01", false }, /* Nieuwjaarsdag, Thursday */
		{ "2026-01-02", true },  /* the Friday after it (no decree assumed) */
		{ "2026-04-03", false }, /* Goede Vrijdag */
		{ "2026-04-06", false }, /* Paasmaandag */
		{ "2026-04-07", true },
		{ "2026-04-27", false }, /* Koningsdag */
		{ "2026-05-05", false }, /* Bevrijdingsdag */
		{ "2026-05-14", false }, /* Hemelvaartsdag */
		{ "2026-05-15", true },
		{ "2026-05-25", false }, /* Pinkstermaandag */
		{ "2026-12-24", true },
		{ "2026-12-25", false },
		{ "2026-12-31", true },
		{ "2027-12-27", true },  /* Monday after Kerst on a weekend: no holiday moves */
		{ "2026-02-30", false }, /* not a date */
	};
	for (size_t i = 0; i < N(cases); i++)
		if (calendar_is_working_day(cases[i].date, NULL) != cases[i].working)
			fail_msg("calendar_is_working_day(%s) != %d", cases[i].date, cases[i].working);
	assert_false(calendar_is_working_day(NULL, NULL));
}

/* n working days after a date, the date itself not counted. Days in
 * brackets are skipped. */
static void test_add_working_days_table(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		int n;
		const char *expect;
	} cases[] = {
		{ "2026-03-02", 0, "2026-03-02" },
		{ "2026-03-07", 0, "2026-03-07" },  /* 0: the date itself, even a Saturday */
		{ "2026-03-02", 1, "2026-03-03" },
		{ "2026-03-06", 1, "2026-03-09" },  /* Fri + 1: [Sat, Sun] Monday */
		{ "2026-03-07", 1, "2026-03-09" },  /* from a Saturday */
		{ "2026-03-08", 1, "2026-03-09" },  /* from a Sunday */
		{ "2026-03-02", 5, "2026-03-09" },  /* a week */
		{ "2026-03-02", 15, "2026-03-23" }, /* three weeks */
		/* Easter: Thu 2 April + 1: [Goede Vrijdag 3, 4, 5, Paasmaandag 6] Tue 7 */
		{ "2026-04-02", 1, "2026-04-07" },
		/* Koningsdag: Fri 24 April + 1: [25, 26, Koningsdag 27] Tue 28 */
		{ "2026-04-24", 1, "2026-04-28" },
		/* Bevrijdingsdag: Mon 4 May + 1: [5] Wed 6 */
		{ "2026-05-04", 1, "2026-05-06" },
		/* Hemelvaart: Wed 13 May + 1: [Thu 14] Fri 15; + 2: [16, 17] Mon 18 */
		{ "2026-05-13", 1, "2026-05-15" },
		{ "2026-05-13", 2, "2026-05-18" },
		/* Pinksteren: Fri 22 May + 1: [23, 24, Pinkstermaandag 25] Tue 26 */
		{ "2026-05-22", 1, "2026-05-26" },
		/* Hemelvaart to Pinksteren: Wed 13 May + 8: 15, 18, 19, 20, 21, 22, 26, 27 */
		{ "2026-05-13", 8, "2026-05-27" },
		/* Kerst and the year end: Wed 23 December + 5: 24, [25, 26, 27], 28,
		 * 29, 30, 31; + 6: [Nieuwjaarsdag 1 (Fri), 2, 3] Mon 4 January */
		{ "2026-12-23", 5, "2026-12-31" },
		{ "2026-12-23", 6, "2027-01-04" },
		/* 15 working days from there: ... 4, 5, 6, 7, 8, 11, 12, 13, 14, 15 */
		{ "2026-12-23", 15, "2027-01-15" },
		/* 2027: Kerst on the weekend, Nieuwjaarsdag 2028 a Saturday:
		 * Thu 23 December 2027 + 2: 24, [25, 26] 27 */
		{ "2027-12-23", 2, "2027-12-27" },
		/* backwards: Mon 5 January 2026 - 1: [4, 3] Fri 2; - 2: [1] Wed 31 December */
		{ "2026-01-05", -1, "2026-01-02" },
		{ "2026-01-05", -2, "2025-12-31" },
		{ "2026-04-07", -1, "2026-04-02" }, /* back over Easter */
		{ "2026-03-09", -5, "2026-03-02" },
		/* over a leap day: Fri 28 February 2020 + 1: [Sat 29, Sun 1] Mon 2 March */
		{ "2020-02-28", 1, "2020-03-02" },
		/* the ends of the years there are */
		{ "9999-12-30", 1, "9999-12-31" },  /* a Thursday and a Friday */
		{ "9999-12-31", 1, "" },
		{ "1900-01-01", -1, "" },
		{ "2026-02-30", 1, "" },            /* not a date */
	};
	for (size_t i = 0; i < N(cases); i++) {
		char out[DATE_LEN] = "x";
		struct toets_error e = { 0 };
		enum toets_status st = calendar_add_working_days(cases[i].date, cases[i].n, NULL, out, &e);
		bool want_ok = cases[i].expect[0] != '\0';
		if (strcmp(out, cases[i].expect) != 0 || (st == TOETS_OK) != want_ok)
			fail_msg("calendar_add_working_days(%s, %d) = \"%s\" (%d: %s), expected \"%s\"",
				 cases[i].date, cases[i].n, out, st, e.message, cases[i].expect);
		if (!want_ok && (st != TOETS_ERR_INVALID || !strstr(e.message, cases[i].date)))
			fail_msg("calendar_add_working_days(%s, %d): status %d, message \"%s\"", cases[i].date,
				 cases[i].n, st, e.message);
	}
	char out[DATE_LEN];
	assert_int_equal(calendar_add_working_days(NULL, 1, NULL, out, NULL), TOETS_ERR_INVALID);
}

static void test_working_days_between_table(void **state)
{
	(void)state;
	static const struct {
		const char *from, *to;
		int days;
	} cases[] = {
		{ "2026-03-02", "2026-03-02", 0 },
		{ "2026-03-02", "2026-03-03", 1 },
		{ "2026-03-06", "2026-03-09", 1 },   /* Fri to Mon */
		{ "2026-03-07", "2026-03-08", 0 },   /* a weekend */
		{ "2026-03-02", "2026-03-23", 15 },
		{ "2026-12-23", "2026-12-31", 5 },   /* 24, 28, 29, 30, 31 */
		{ "2026-12-23", "2027-01-04", 6 },
		{ "2026-12-23", "2027-01-03", 5 },   /* to a Sunday: up to the Friday */
		{ "2026-04-02", "2026-04-07", 1 },   /* over Easter */
		{ "2026-05-13", "2026-05-27", 8 },   /* Hemelvaart to Pinksteren */
		/* 2026: 261 weekdays (it starts and ends on a Thursday), less the
		 * 8 holidays on weekdays: 1 Jan, 3 and 6 April, 27 April, 5 May,
		 * 14 and 25 May, 25 December (26 December is a Saturday) */
		{ "2025-12-31", "2026-12-31", 253 },
		/* 2027: 261 weekdays (it starts and ends on a Friday), less 1 Jan,
		 * 26 and 29 March, 27 April, 5 and 6 May, 17 May: 254 (Kerst on
		 * the weekend) */
		{ "2026-12-31", "2027-12-31", 254 },
		{ "2026-03-09", "2026-03-02", -5 },  /* backwards: minus (2, 9] */
		{ "2027-01-04", "2026-12-23", -6 },
		{ "2026-02-30", "2026-03-02", 0 },   /* not a date */
		{ "2026-03-02", "", 0 },
	};
	for (size_t i = 0; i < N(cases); i++) {
		int got = calendar_working_days_between(cases[i].from, cases[i].to, NULL);
		if (got != cases[i].days)
			fail_msg("calendar_working_days_between(%s, %s) = %d, expected %d", cases[i].from,
				 cases[i].to, got, cases[i].days);
	}
	/* The whole range: 1900-01-01 to 9999-12-31 does not overflow. */
	int all = calendar_working_days_between("1900-01-01", "9999-12-31", NULL);
	assert_true(all > 2000000 && all < 2200000);
	assert_int_equal(calendar_working_days_between("9999-12-31", "1900-01-01", NULL), -all);
}

/* Between and add against a plain day-by-day count, from every day of
 * 2025-2028 for 0 to 40 working days: they are each other's inverse. */
static void test_working_days_against_counting(void **state)
{
	(void)state;
	long first, last;
	calendar_day_number("2025-01-01", &first);
	calendar_day_number("2028-12-31", &last);
	for (long day = first; day <= last; day++) {
		char from[DATE_LEN];
		calendar_date(day, from);
		long d = day;
		for (int n = 1; n <= 40; n++) {
			do
				d++;
			while (!calendar_is_working_day_of(d, NULL));
			char expect[DATE_LEN], got[DATE_LEN];
			calendar_date(d, expect);
			assert_int_equal(calendar_add_working_days(from, n, NULL, got, NULL), TOETS_OK);
			if (strcmp(got, expect) != 0)
				fail_msg("%s + %d working days: %s, expected %s", from, n, got, expect);
			if (calendar_working_days_between(from, expect, NULL) != n)
				fail_msg("working days from %s to %s: %d, expected %d", from, expect,
					 calendar_working_days_between(from, expect, NULL), n);
			char back[DATE_LEN];
			assert_int_equal(calendar_add_working_days(expect, -n, NULL, back, NULL), TOETS_OK);
			/* back lands on the working day on or before `from` */
			long b;
			calendar_day_number(back, &b);
			if (b > day || calendar_working_days_between(back, from, NULL) != 0)
				fail_msg("%s - %d working days: %s, not the working day at or before %s", expect, n,
					 back, from);
		}
	}
}

/* Atw art. 1: a term ending on a Saturday, Sunday or holiday ends on the
 * next working day instead. */
static void test_atw_extend_table(void **state)
{
	(void)state;
	static const struct {
		const char *date, *expect;
	} cases[] = {
		{ "2026-03-04", "2026-03-04" }, /* a Wednesday stays */
		{ "2026-03-07", "2026-03-09" }, /* Saturday -> Monday */
		{ "2026-03-08", "2026-03-09" }, /* Sunday -> Monday */
		{ "2026-04-03", "2026-04-07" }, /* Goede Vrijdag -> [4, 5, 6] Tuesday */
		{ "2026-04-05", "2026-04-07" }, /* Easter */
		{ "2026-04-27", "2026-04-28" }, /* Koningsdag -> Tuesday */
		{ "2025-04-26", "2025-04-28" }, /* Koningsdag on Saturday 26 April 2025 -> Monday */
		{ "2026-05-05", "2026-05-06" }, /* Bevrijdingsdag */
		{ "2026-05-14", "2026-05-15" }, /* Hemelvaart -> Friday */
		{ "2026-05-23", "2026-05-26" }, /* Pinksteren weekend -> Tuesday */
		{ "2026-12-25", "2026-12-28" }, /* Kerst, weekend -> Monday */
		{ "2027-12-25", "2027-12-27" },
		{ "2027-12-31", "2027-12-31" }, /* Friday, a working day */
		{ "2028-01-01", "2028-01-03" }, /* Nieuwjaarsdag on a Saturday -> Monday */
		{ "2026-01-01", "2026-01-02" }, /* Thursday -> Friday */
		{ "9999-12-31", "9999-12-31" }, /* a Friday */
	};
	for (size_t i = 0; i < N(cases); i++) {
		char out[DATE_LEN] = "x";
		assert_int_equal(calendar_atw_extend(cases[i].date, NULL, out, NULL), TOETS_OK);
		if (strcmp(out, cases[i].expect) != 0)
			fail_msg("calendar_atw_extend(%s) = %s, expected %s", cases[i].date, out, cases[i].expect);
	}
	char out[DATE_LEN] = "x";
	struct toets_error e = { 0 };
	assert_int_equal(calendar_atw_extend("2026-02-29", NULL, out, &e), TOETS_ERR_INVALID);
	assert_string_equal(out, "");
	assert_non_null(strstr(e.message, "2026-02-29"));
	/* 9999-12-25 is a Saturday and -26 a Sunday, then 27 December */
	assert_int_equal(calendar_atw_extend("9999-12-25", NULL, out, NULL), TOETS_OK);
	assert_string_equal(out, "9999-12-27");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekday_table),
		cmocka_unit_test(test_easter_table),
		cmocka_unit_test(test_easter_every_year),
		cmocka_unit_test(test_holidays_2026_2027),
		cmocka_unit_test(test_is_holiday_table),
		cmocka_unit_test(test_extra_holidays),
		cmocka_unit_test(test_is_working_day_table),
		cmocka_unit_test(test_add_working_days_table),
		cmocka_unit_test(test_working_days_between_table),
		cmocka_unit_test(test_working_days_against_counting),
		cmocka_unit_test(test_atw_extend_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
