/* calendar.c - day numbers, Easter, the Atw holidays and working days. */
#include "toets/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/i18n.h"
#include "toets/xalloc.h"

/* ---- day numbers -------------------------------------------------------------
 * The days-from-civil algorithm (proleptic Gregorian calendar, day 0 =
 * 1970-01-01, eras of 400 years), so no mktime, time zone or daylight
 * saving time can shift a day. */

static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;                                    /* [0, 399] */
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365], March first */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;                                      /* [0, 146096] */
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
	long mp = (5 * doy + 2) / 153;                                    /* [0, 11], March first */
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool calendar_day_number(const char *date, long *day)
{
	if (!date || !date_valid(date))
		return false;
	*day = days_from_civil(digits(date, 4), digits(date + 5, 2), digits(date + 8, 2));
	return true;
}

static long year_of(long day)
{
	long y;
	int m, d;
	civil_from_days(day, &y, &m, &d);
	return y;
}

bool calendar_date(long day, char out[DATE_LEN])
{
	long y;
	int m, d;
	out[0] = '\0';
	civil_from_days(day, &y, &m, &d);
	if (y < 1900 || y > 9999)
		return false;
	snprintf(out, DATE_LEN, "%04ld-%02d-%02d", y, m, d);
	return true;
}

int calendar_weekday_of(long day)
{
	/* 1970-01-01 was a Thursday (4). */
	long r = (day + 3) % 7;
	if (r < 0)
		r += 7;
	return (int)r + 1;
}

int calendar_weekday(const char *date)
{
	long day;
	return calendar_day_number(date, &day) ? calendar_weekday_of(day) : 0;
}

/* ---- holidays -------------------------------------------------------------------- */

/* Easter Sunday as a day number; the year must be in 1583-9999. */
static long easter_day(long year)
{
	/* Meeus/Jones/Butcher: the Gregorian computus without tables. */
	long a = year % 19, b = year / 100, c = year % 100;
	long d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	long h = (19 * a + b - d - g + 15) % 30;
	long i = c / 4, k = c % 4;
	long l = (32 + 2 * e + 2 * i - h - k) % 7;
	long m = (a + 11 * h + 22 * l) / 451;
	int month = (int)((h + l - 7 * m + 114) / 31);
	int day = (int)((h + l - 7 * m + 114) % 31 + 1);
	return days_from_civil(year, month, day);
}

bool calendar_easter(int year, char out[DATE_LEN])
{
	long y;
	int m, d;
	out[0] = '\0';
	if (year < 1583 || year > 9999)
		return false;
	civil_from_days(easter_day(year), &y, &m, &d);
	snprintf(out, DATE_LEN, "%04ld-%02d-%02d", y, m, d);
	return true;
}

/* The day the monarch's birthday is celebrated ("de dag waarop de
 * verjaardag van de Koning wordt gevierd"), or -1 with no name before
 * 1949. */
static long royal_day(long year, const char **name)
{
	if (year < 1949) {
		*name = NULL;
		return -1;
	}
	if (year >= 2014) {
		*name = "Koningsdag";
		long day = days_from_civil(year, 4, 27);
		return calendar_weekday_of(day) == 7 ? day - 1 : day;
	}
	*name = "Koninginnedag";
	long day = days_from_civil(year, 4, 30);
	if (calendar_weekday_of(day) == 7)
		return year < 1980 ? day + 1 : day - 1; /* Monday 1 May until 1980, then Saturday 29 April */
	return day;
}

struct atw_day {
	long day;
	const char *name;
};

/* The Atw days of a year (1900-9999), in the order of art. 3: lid 1 as
 * the statute lists it, lid 2, then the two Sundays. Returns the count. */
static size_t atw_days(long year, struct atw_day out[CALENDAR_YEAR_HOLIDAYS])
{
	long easter = easter_day(year);
	const char *royal_name;
	long royal = royal_day(year, &royal_name);
	size_t n = 0;
	out[n++] = (struct atw_day){ days_from_civil(year, 1, 1), "Nieuwjaarsdag" };
	out[n++] = (struct atw_day){ easter + 1, "Tweede Paasdag" };
	out[n++] = (struct atw_day){ easter + 50, "Tweede Pinksterdag" };
	out[n++] = (struct atw_day){ days_from_civil(year, 12, 25), "Eerste Kerstdag" };
	out[n++] = (struct atw_day){ days_from_civil(year, 12, 26), "Tweede Kerstdag" };
	out[n++] = (struct atw_day){ easter + 39, "Hemelvaartsdag" };
	if (royal_name)
		out[n++] = (struct atw_day){ royal, royal_name };
	out[n++] = (struct atw_day){ days_from_civil(year, 5, 5), "Bevrijdingsdag" };
	out[n++] = (struct atw_day){ easter - 2, "Goede Vrijdag" }; /* art. 3 lid 2 */
	out[n++] = (struct atw_day){ easter, "Eerste Paasdag" };
	out[n++] = (struct atw_day){ easter + 49, "Eerste Pinksterdag" };
	return n;
}

static bool in_year_range(long day)
{
	long y = year_of(day);
	return y >= 1900 && y <= 9999;
}

static const char *extra_name(long day, const struct calendar_extra *extra)
{
	if (!extra)
		return NULL;
	for (size_t i = 0; i < extra->count; i++) {
		long d;
		if (calendar_day_number(extra->days[i].date, &d) && d == day)
			return extra->days[i].name ? extra->days[i].name : "";
	}
	return NULL;
}

static const char *atw_name(long day)
{
	struct atw_day days[CALENDAR_YEAR_HOLIDAYS];
	size_t n = atw_days(year_of(day), days);
	for (size_t i = 0; i < n; i++)
		if (days[i].day == day)
			return days[i].name;
	return NULL;
}

bool calendar_is_holiday_day(long day, const struct calendar_extra *extra, const char **name)
{
	const char *found = NULL;
	if (in_year_range(day)) {
		found = atw_name(day);
		if (!found)
			found = extra_name(day, extra);
	}
	if (name)
		*name = found;
	return found != NULL;
}

bool calendar_is_holiday(const char *date, const struct calendar_extra *extra, const char **name)
{
	long day;
	if (!calendar_day_number(date, &day)) {
		if (name)
			*name = NULL;
		return false;
	}
	return calendar_is_holiday_day(day, extra, name);
}

size_t calendar_holidays(int year, const struct calendar_extra *extra, struct calendar_holiday *out,
			 size_t cap)
{
	if (year < 1900 || year > 9999)
		return 0;
	struct atw_day days[CALENDAR_YEAR_HOLIDAYS];
	size_t natw = atw_days(year, days), nextra = extra ? extra->count : 0, n = 0;
	struct atw_day *all = xmalloc((natw + nextra) * sizeof(*all));
	for (size_t i = 0; i < natw + nextra; i++) {
		struct atw_day x;
		if (i < natw) {
			x = days[i];
		} else {
			const struct calendar_holiday *h = &extra->days[i - natw];
			if (!calendar_day_number(h->date, &x.day) || year_of(x.day) != year)
				continue;
			x.name = h->name ? h->name : "";
		}
		/* Insertion after those of the same date: a stable sort that
		 * keeps the order of art. 3, then the order of `extra`. */
		size_t at = n;
		while (at > 0 && all[at - 1].day > x.day) {
			all[at] = all[at - 1];
			at--;
		}
		all[at] = x;
		n++;
	}
	for (size_t i = 0; i < n && i < cap; i++) {
		calendar_date(all[i].day, out[i].date);
		out[i].name = all[i].name;
	}
	free(all);
	return n;
}

/* ---- working days ---------------------------------------------------------------- */

bool calendar_is_working_day_of(long day, const struct calendar_extra *extra)
{
	if (!in_year_range(day) || calendar_weekday_of(day) >= 6)
		return false;
	return !calendar_is_holiday_day(day, extra, NULL);
}

bool calendar_is_working_day(const char *date, const struct calendar_extra *extra)
{
	long day;
	return calendar_day_number(date, &day) && calendar_is_working_day_of(day, extra);
}

static long floor_div(long a, long b)
{
	long q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Monday to Friday among the days before `day`, counted from a Monday
 * long ago (only differences are used). */
static long weekdays_before(long day)
{
	long k = day - 4; /* 1970-01-05 was a Monday */
	long weeks = floor_div(k, 7), rem = k - weeks * 7;
	return weeks * 5 + (rem < 5 ? rem : 5);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* Working days in (from, to] for from <= to, both in the years
 * 1900-9999: the weekdays, less the distinct holidays on weekdays. */
static long working_days_forward(long from, long to, const struct calendar_extra *extra)
{
	if (to <= from)
		return 0;
	long count = weekdays_before(to + 1) - weekdays_before(from + 1);
	long y0 = year_of(from + 1), y1 = year_of(to);
	for (long y = y0; y <= y1; y++) {
		struct atw_day days[CALENDAR_YEAR_HOLIDAYS];
		size_t n = atw_days(y, days);
		long seen[CALENDAR_YEAR_HOLIDAYS];
		size_t nseen = 0;
		for (size_t i = 0; i < n; i++) {
			long d = days[i].day;
			if (d <= from || d > to || calendar_weekday_of(d) >= 6)
				continue;
			bool dup = false;
			for (size_t j = 0; j < nseen; j++)
				dup = dup || seen[j] == d;
			if (!dup) {
				seen[nseen++] = d;
				count--;
			}
		}
	}
	if (extra && extra->count > 0) {
		long *xs = xmalloc(extra->count * sizeof(*xs));
		size_t nx = 0;
		for (size_t i = 0; i < extra->count; i++) {
			long d;
			if (calendar_day_number(extra->days[i].date, &d) && d > from && d <= to &&
			    calendar_weekday_of(d) < 6 && !atw_name(d))
				xs[nx++] = d;
		}
		qsort(xs, nx, sizeof(*xs), cmp_long);
		for (size_t i = 0; i < nx; i++)
			if (i == 0 || xs[i] != xs[i - 1])
				count--;
		free(xs);
	}
	return count;
}

long calendar_working_days_in(long from, long to, const struct calendar_extra *extra)
{
	if (!in_year_range(from) || !in_year_range(to))
		return 0;
	return from <= to ? working_days_forward(from, to, extra) : -working_days_forward(to, from, extra);
}

int calendar_working_days_between(const char *from, const char *to, const struct calendar_extra *extra)
{
	long a, b;
	if (!calendar_day_number(from, &a) || !calendar_day_number(to, &b))
		return 0;
	return (int)calendar_working_days_in(a, b, extra);
}

enum toets_status calendar_add_working_days(const char *date, int n, const struct calendar_extra *extra,
					    char out[DATE_LEN], struct toets_error *e)
{
	long day;
	out[0] = '\0';
	if (!calendar_day_number(date, &day))
		return toets_fail(e, TOETS_ERR_INVALID, _("not a date (YYYY-MM-DD): %s"), date ? date : "");
	long step = n < 0 ? -1 : 1, left = n < 0 ? -(long)n : n;
	while (left > 0) {
		day += step;
		if (!in_year_range(day))
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("%d working days from %s fall outside the years 1900-9999"), n, date);
		if (calendar_is_working_day_of(day, extra))
			left--;
	}
	calendar_date(day, out);
	return TOETS_OK;
}

enum toets_status calendar_atw_extend(const char *date, const struct calendar_extra *extra,
				      char out[DATE_LEN], struct toets_error *e)
{
	long day;
	out[0] = '\0';
	if (!calendar_day_number(date, &day))
		return toets_fail(e, TOETS_ERR_INVALID, _("not a date (YYYY-MM-DD): %s"), date ? date : "");
	while (!calendar_is_working_day_of(day, extra)) {
		day++;
		if (!in_year_range(day))
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("no working day follows %s before the year 10000"), date);
	}
	calendar_date(day, out);
	return TOETS_OK;
}
