/* clock.h - the Awb procedure clock of a dossier: calendar-day arithmetic
 * on YYYY-MM-DD dates, days since receipt, the legal deadline and whether
 * it is near or past.
 *
 * This is the basic clock: the legal term is 8 weeks after receipt (Awb
 * 4:13), without suspensions (Awb 4:15), working days or the service
 * target; the legal-clock issue adds those. */
#ifndef TOETS_CLOCK_H
#define TOETS_CLOCK_H

#include "toets/datetime.h"
#include "toets/dossier.h"

#define CLOCK_LEGAL_TERM_DAYS (8 * 7) /* Awb 4:13: the reasonable term, 8 weeks */
#define CLOCK_NEAR_DAYS 7             /* warn when this many days or fewer remain */

/* Calendar days from `from` to `to` (to - from; negative when `to` is
 * earlier), both YYYY-MM-DD. No time zones are involved: a date is a day.
 * 0 when either is not a valid date (date_valid). */
int clock_days_between(const char *from, const char *to);

/* The date `days` calendar days after `date` (before it when negative).
 * out is "" when `date` is not a valid date or the result falls outside
 * the years 1900-9999. */
void clock_add_days(const char *date, int days, char out[DATE_LEN]);

enum clock_state {
	CLOCK_NONE,    /* not received: no clock */
	CLOCK_RUNNING, /* received, decision pending, more than CLOCK_NEAR_DAYS left */
	CLOCK_NEAR,    /* CLOCK_NEAR_DAYS or fewer days left, the deadline itself included */
	CLOCK_PAST,    /* today is after the deadline */
	CLOCK_STOPPED, /* decided or ended (or only aangemeld): nothing to meet */
};

struct clock_info {
	int days;                /* today - received; 0 when not received */
	char deadline[DATE_LEN]; /* received + 8 weeks; "" when not received */
	enum clock_state state;
};

/* The clock of a dossier on `today`. received_on may be NULL or "" (not
 * received: CLOCK_NONE, as is a received_on or today that is not a valid
 * date). Stopped are the statuses in which the decision has been taken or
 * the application has ended (aangewezen, afgewezen, aangesloten,
 * ingetrokken, aanwijzing ingetrokken) and aangemeld, which precedes
 * receipt. For a stopped clock days and deadline are still filled in as
 * facts, but days keep counting: the decision date is not recorded yet,
 * so show the state, not the count. */
void clock_compute(const char *received_on, enum dossier_status status, const char *today,
		   struct clock_info *out);

#endif
