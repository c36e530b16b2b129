/* datetime.h - dates and times as toets stores them: calendar dates as
 * YYYY-MM-DD (Dutch local dates), moments as UTC "YYYY-MM-DDTHH:MM:SS.mmmZ". */
#ifndef TOETS_DATETIME_H
#define TOETS_DATETIME_H

#include <stdbool.h>

#define DATE_LEN 11     /* "2026-11-22" and NUL */
#define TIMESTAMP_LEN 25 /* "2026-11-22T08:15:00.123Z" and NUL */

/* True for a real calendar date written YYYY-MM-DD (years 1900-9999). */
bool date_valid(const char *s);
/* Today's date in local time. */
void date_today(char out[DATE_LEN]);
/* The current year in local time. */
int date_year(void);
/* Now, in UTC with milliseconds. */
void timestamp_now(char out[TIMESTAMP_LEN]);

/* The local date of a stored UTC moment ("2026-11-22T23:30:00.000Z" is
 * 2026-11-23 in Amsterdam); "" when ts is not one. */
void timestamp_local_date(const char *ts, char out[DATE_LEN]);

#endif
