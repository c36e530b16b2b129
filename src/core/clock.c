/* clock.c - the Awb procedure clock, basic form: calendar days only. */
#include "toets/clock.h"

#include <stdbool.h>
#include <stdio.h>

/* ---- calendar arithmetic ----------------------------------------------------
 * Dates become day numbers with the days-from-civil algorithm (proleptic
 * Gregorian calendar, day 0 = 1970-01-01, eras of 400 years), so no
 * mktime, time zone or daylight saving time can shift a day. */

static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;                                /* [0, 399] */
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365], March first */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;        /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;                                     /* [0, 146096] */
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);              /* [0, 365] */
	long mp = (5 * doy + 2) / 153;                                   /* [0, 11], March first */
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

/* The day number of a valid YYYY-MM-DD date. */
static bool day_number(const char *date, long *out)
{
	if (!date_valid(date))
		return false;
	*out = days_from_civil(digits(date, 4), digits(date + 5, 2), digits(date + 8, 2));
	return true;
}

int clock_days_between(const char *from, const char *to)
{
	long a, b;
	if (!day_number(from, &a) || !day_number(to, &b))
		return 0;
	return (int)(b - a);
}

void clock_add_days(const char *date, int days, char out[DATE_LEN])
{
	long z, y;
	int m, d;
	out[0] = '\0';
	if (!day_number(date, &z))
		return;
	civil_from_days(z + days, &y, &m, &d);
	if (y < 1900 || y > 9999)
		return;
	snprintf(out, DATE_LEN, "%04ld-%02d-%02d", y, m, d);
}

/* ---- the clock of a dossier --------------------------------------------------------- */

static bool stopped(enum dossier_status s)
{
	switch (s) {
	case STATUS_AANGEMELD: /* not received yet: the procedure has not started */
	case STATUS_AANGEWEZEN:
	case STATUS_AFGEWEZEN:
	case STATUS_AANGESLOTEN:
	case STATUS_INGETROKKEN:
	case STATUS_AANWIJZING_INGETROKKEN:
		return true;
	default:
		return false;
	}
}

void clock_compute(const char *received_on, enum dossier_status status, const char *today,
		   struct clock_info *out)
{
	long received, now;
	out->days = 0;
	out->deadline[0] = '\0';
	out->state = CLOCK_NONE;
	if (!received_on || !day_number(received_on, &received) || !day_number(today, &now))
		return;
	out->days = (int)(now - received);
	/* Awb 4:13: a decision within a reasonable term, at most 8 weeks after
	 * receipt. Suspensions for a requested supplement (Awb 4:15), agreed
	 * delays and working days are not counted here yet: the legal-clock
	 * issue adds them and moves this deadline. */
	clock_add_days(received_on, CLOCK_LEGAL_TERM_DAYS, out->deadline);
	if (stopped(status)) {
		out->state = CLOCK_STOPPED;
		return;
	}
	long left = received + CLOCK_LEGAL_TERM_DAYS - now;
	if (left < 0)
		out->state = CLOCK_PAST;
	else if (left <= CLOCK_NEAR_DAYS)
		out->state = CLOCK_NEAR;
	else
		out->state = CLOCK_RUNNING;
}
