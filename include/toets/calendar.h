/* calendar.h - the Dutch legal calendar: day numbers, weekdays, Easter,
 * the public holidays of the Algemene termijnenwet (Atw) and working days.
 *
 * Dates are YYYY-MM-DD strings (date_valid: years 1900-9999) in the
 * proleptic Gregorian calendar; no time zone or mktime is involved.
 *
 * Holidays ("algemeen erkende feestdagen", Atw art. 3), computed for any
 * year, never listed by hand:
 *   lid 1: Nieuwjaarsdag (1 January), tweede Paasdag (Easter + 1),
 *          Hemelvaartsdag (Easter + 39), tweede Pinksterdag (Easter + 50),
 *          the day the King's birthday is celebrated, 5 May
 *          (Bevrijdingsdag, every year: the Atw names "de vijfde mei"
 *          without a lustrum condition), eerste en tweede Kerstdag.
 *   lid 2: Goede Vrijdag (Easter - 2) "wordt met de in het vorige lid
 *          genoemde dagen gelijkgesteld": for the Atw, and so for the
 *          legal clock, it IS a holiday, though many employers work then.
 *   Also named, being Sundays anyway: eerste Paasdag and eerste
 *   Pinksterdag, so that a date can be explained.
 *   lid 3: days equated by Royal Decree (published in the Staatscourant
 *          for a few years at a time, e.g. the Friday after Hemelvaart)
 *          are not computable: pass them as `extra` (struct
 *          calendar_extra), as an office's own closing days would be.
 *
 * The royal day follows history from 1949: Koninginnedag 30 April
 * (1949-1979: Monday 1 May when 30 April is a Sunday; 1980-2013:
 * Saturday 29 April), Koningsdag 27 April from 2014 (Saturday 26 April
 * when 27 April is a Sunday). Before 1949 (Wilhelmina, 31 August) no royal
 * day is computed. The other days are the current Atw's list applied to
 * every year; the Atw itself dates from 1965 and named 5 May from the
 * 1980s, which does not matter for dossiers of this century.
 *
 * Holiday names are the Dutch legal names and are not translated, like
 * the statute they come from. */
#ifndef TOETS_CALENDAR_H
#define TOETS_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "toets/datetime.h"
#include "toets/status.h"

/* The Atw days of one year: lid 1 (8 days), Goede Vrijdag, and eerste
 * Paas- and Pinksterdag. */
#define CALENDAR_YEAR_HOLIDAYS 11

struct calendar_holiday {
	char date[DATE_LEN];
	const char *name; /* a static string for the Atw days; the caller's for extra days */
};

/* Days that count as holidays besides the computed ones: the days equated
 * by Royal Decree under Atw art. 3 lid 3, or closing days configured
 * later. Wherever a `const struct calendar_extra *` is taken, NULL means
 * none. Entries whose date is not a valid date never match. */
struct calendar_extra {
	const struct calendar_holiday *days;
	size_t count;
};

/* ---- days ------------------------------------------------------------------
 * A day number counts days from 1970-01-01 (day 0); negative before it. */

/* The day number of a valid date; false (and *day untouched) otherwise. */
bool calendar_day_number(const char *date, long *day);
/* The date of a day number; false and out "" outside the years 1900-9999. */
bool calendar_date(long day, char out[DATE_LEN]);
/* ISO weekday of a day number: 1 Monday ... 7 Sunday. */
int calendar_weekday_of(long day);
/* ISO weekday of a date, 0 when it is not a valid date. */
int calendar_weekday(const char *date);

/* ---- holidays --------------------------------------------------------------- */

/* Easter Sunday of `year` (1583-9999), by the anonymous Gregorian
 * algorithm (Meeus/Jones/Butcher), as YYYY-MM-DD. False and out "" for
 * other years. */
bool calendar_easter(int year, char out[DATE_LEN]);

/* True when `date` is an Atw holiday or one of `extra`; *name (when name
 * is not NULL) gets its name, or NULL when it is none. When two fall on
 * one date (Hemelvaartsdag on 5 May, as in 2016), the name is the first
 * in the order of Atw art. 3 lid 1, then lid 2, then the Sundays, then
 * `extra`. False for a date that is not valid. */
bool calendar_is_holiday(const char *date, const struct calendar_extra *extra, const char **name);

/* Fills out with the holidays of `year` (the Atw's and those of `extra`
 * that fall in it), sorted by date, at most `cap`; returns how many there
 * are (more than cap when out was too small). 0 for a year outside
 * 1900-9999. */
size_t calendar_holidays(int year, const struct calendar_extra *extra, struct calendar_holiday *out,
			 size_t cap);

/* ---- working days ------------------------------------------------------------
 * A working day is neither a Saturday, nor a Sunday, nor a holiday. */

/* False also for a date that is not valid. */
bool calendar_is_working_day(const char *date, const struct calendar_extra *extra);

/* The n-th working day after `date`, the date itself not counted
 * (Wednesday 2026-12-23 + 5: 24, [25 Kerst, 26, 27 weekend], 28, 29, 30,
 * 31 December); before it for a negative n; `date` itself for n = 0.
 * TOETS_ERR_INVALID (out "") for a date that is not valid or a result
 * outside the years 1900-9999. */
enum toets_status calendar_add_working_days(const char *date, int n, const struct calendar_extra *extra,
					    char out[DATE_LEN], struct toets_error *e);

/* The working days after `from` up to and including `to`, so that
 * calendar_add_working_days(from, n) = to gives n (for a `to` that is a
 * working day); negative (minus those after `to` up to and including
 * `from`) when `to` is earlier; 0 when either is not a valid date. */
int calendar_working_days_between(const char *from, const char *to, const struct calendar_extra *extra);

/* Atw art. 1 lid 1: a statutory term "die op een zaterdag, zondag of
 * algemeen erkende feestdag eindigt, wordt verlengd tot en met de
 * eerstvolgende dag die niet een zaterdag, zondag of algemeen erkende
 * feestdag is". out is `date` when it is a working day, else the next
 * working day (Saturday 2026-12-26 -> Monday 2026-12-28). */
enum toets_status calendar_atw_extend(const char *date, const struct calendar_extra *extra,
				      char out[DATE_LEN], struct toets_error *e);

/* The day-number forms of the above, for callers that already hold day
 * numbers (the clock). */
bool calendar_is_holiday_day(long day, const struct calendar_extra *extra, const char **name);
bool calendar_is_working_day_of(long day, const struct calendar_extra *extra);
/* Working days in (from, to]; negative when to < from, as above. */
long calendar_working_days_in(long from, long to, const struct calendar_extra *extra);

#endif
