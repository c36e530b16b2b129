/* datetime.c - dates and timestamps. */
#define _POSIX_C_SOURCE 200809L
#include "toets/datetime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool date_valid(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

static struct tm local_now(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return tm;
}

void date_today(char out[DATE_LEN])
{
	struct tm tm = local_now();
	strftime(out, DATE_LEN, "%Y-%m-%d", &tm);
}

int date_year(void)
{
	return local_now().tm_year + 1900;
}

void timestamp_now(char out[TIMESTAMP_LEN])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	/* Years stay four digits until 9999: the layout is fixed. */
	size_t n = strftime(out, TIMESTAMP_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
	int ms = (int)(ts.tv_nsec / 1000000) % 1000;
	if (n == 19) {
		out[19] = '.';
		out[20] = (char)('0' + ms / 100);
		out[21] = (char)('0' + ms / 10 % 10);
		out[22] = (char)('0' + ms % 10);
		out[23] = 'Z';
		out[24] = '\0';
	}
}

/* Days since 1970-01-01 of a proleptic Gregorian date (after Howard
 * Hinnant's days_from_civil): timegm is not POSIX. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

void timestamp_local_date(const char *ts, char out[DATE_LEN])
{
	int y, mo, d, h, mi, sec;
	out[0] = '\0';
	if (!ts || sscanf(ts, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6 || mo < 1 || mo > 12 ||
	    d < 1 || d > 31) {
		if (ts && strlen(ts) >= 10) {
			memcpy(out, ts, 10); /* a date already, or not ours: as it is */
			out[10] = '\0';
		}
		return;
	}
	time_t t = (time_t)days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, DATE_LEN, "%Y-%m-%d", &tm);
}
