/* clock.h - the Awb procedure clock of a dossier: calendar-day arithmetic
 * on YYYY-MM-DD dates, and two clocks:
 *
 * - clock_compute, the basic clock the list and dossier screens use: days
 *   since receipt and receipt + 8 weeks, from the status alone;
 * - clock_evaluate, the legal clock from the dated events of a dossier:
 *   receipt, completeness, suspensions and the decision; the legal term
 *   with its suspensions and the Algemene termijnenwet, and the NCSC's
 *   own service target in working days. Its rules are set out above
 *   clock_evaluate below. */
#ifndef TOETS_CLOCK_H
#define TOETS_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "toets/calendar.h"
#include "toets/datetime.h"
#include "toets/dossier.h"
#include "toets/status.h"

#define CLOCK_LEGAL_TERM_DAYS (8 * 7) /* Awb 4:13: the reasonable term, 8 weeks */
#define CLOCK_NEAR_DAYS 7             /* warn when this many days or fewer remain */
#define CLOCK_TARGET_WORKING_DAYS 15  /* the NCSC's aim: 2-3 weeks after completeness */

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

/* ---- the legal clock -------------------------------------------------------------
 *
 * How days are counted (every "day" is a calendar day unless it says
 * working day):
 *
 * 1. The legal term (Awb 4:13 lid 2: "binnen acht weken na ontvangst van
 *    de aanvraag"). A term after an event starts on the day after it: day
 *    1 is the day after receipt, day 56 its last day. Received Monday
 *    2026-03-02: the 8 weeks end on Monday 2026-04-27.
 *
 * 2. Suspensions (Awb 4:15). Lid 1 a: the term "wordt opgeschort met
 *    ingang van de dag na die waarop het bestuursorgaan [...] uitnodigt de
 *    aanvraag aan te vullen, tot de dag waarop de aanvraag is aangevuld of
 *    de daarvoor gestelde termijn ongebruikt is verstreken". "Tot" without
 *    "en met" excludes that day, as Dutch statutes use it: the term runs
 *    again on the day of completion. So a
 *    suspension is recorded by two dates, `start` (the day of the
 *    invitation) and `end` (the first day the term runs again), and the
 *    suspended days are those strictly between: end - start - 1 of them,
 *    none when end is start or the day after.
 *    - Completed: end = the day the supplement came in.
 *    - Lapsed unused: end = the day after the last day of the term set for
 *      it (the day on which it "is verstreken"); a two-week term set on
 *      Tuesday 2026-03-10 runs 03-11 to 03-24, end = 03-25: 14 days
 *      suspended, the whole term given.
 *    - Lid 2 a, a delay the applicant agreed to in writing: start = the
 *      day of the agreement, end = the day after the delay's last day (a
 *      delay of four weeks agreed on 2026-03-02: end = 2026-03-31, 28 days).
 *    - Open (end NULL or ""): the term stands still from start + 1 on, and
 *      the deadline is not known until it ends.
 *    Each suspended day inside the term moves its end one day later.
 *    Suspensions that overlap or touch count each day once. A suspension
 *    that starts after the term has already run out does not revive it
 *    (nor count as suspended days). The choice of "tot" as exclusive is
 *    also the cautious one: it never puts the deadline later than the
 *    inclusive reading would. Whether an invitation suspends at all (it
 *    must set a term for the supplement: ABRvS 21 September 2016,
 *    ECLI:NL:RVS:2016:2527) is for the assessor who records it.
 *    Example: received 2026-03-02, invitation Tuesday 2026-03-10,
 *    completed Tuesday 2026-03-24: 03-11 to 03-23 are suspended (13 days),
 *    the 56th running day is 2026-04-27 + 13 = Sunday 2026-05-10.
 *
 * 3. Atw art. 1 lid 1: "Een in een wet gestelde termijn die op een
 *    zaterdag, zondag of algemeen erkende feestdag eindigt, wordt verlengd
 *    tot en met de eerstvolgende dag die niet een zaterdag, zondag of
 *    algemeen erkende feestdag is." The Awb's 8 weeks are such a term (a
 *    suspension pauses it, it does not make it longer), so the last day
 *    found in 2 moves to the next working day: Sunday 2026-05-10 ->
 *    Monday 2026-05-11; without the suspension, Koningsdag 2026-04-27 ->
 *    Tuesday 2026-04-28. Only the end
 *    moves; the days it moves over are not running days for a later
 *    suspension. Holidays: calendar.h (Goede Vrijdag included, Atw art. 3
 *    lid 2), plus settings.extra.
 *
 * 4. The service target is the NCSC's own aim, not a statutory term (so
 *    no Atw): `target_working_days` working days after the day the
 *    dossier was complete, that day not counted. A suspension after
 *    completeness (further questions, an agreed delay) is time the NCSC
 *    waits for the applicant, so its working days are not counted either:
 *    the target moves by the working days it covers, with the same
 *    start/end convention as in 2. Suspensions that ended before
 *    completeness do not touch it. Complete Wednesday 2026-12-23: the 15th
 *    working day after it is Friday 2027-01-15 (the Kerstdagen,
 *    Nieuwjaarsdag and three weekends skipped).
 *
 * 5. Days on the clock: the running days of the legal term from receipt
 *    up to and including today, or the decision date once decided: days
 *    since receipt less the suspended days among them.
 *
 * 6. State of each term, in this order: decided -> MET (on or before the
 *    deadline) or MISSED; today is a suspended day of that term, or an
 *    open suspension has stopped it (also one that stops it tomorrow,
 *    the invitation being sent today) -> SUSPENDED; left = deadline - today < 0 ->
 *    PAST; left <= near_days -> NEAR (the deadline day itself included);
 *    otherwise RUNNING. The target is NONE until the dossier is complete.
 */

struct clock_suspension {
	const char *start; /* the day of the invitation (Awb 4:5) or of the agreed delay */
	const char *end;   /* the first day the term runs again; NULL or "" while open */
};

/* What happened to a dossier. NULL or "" for what has not happened. */
struct clock_events {
	const char *received; /* required */
	const char *complete;
	const struct clock_suspension *suspensions; /* any order; may overlap */
	size_t n_suspensions;
	const char *decided;
};

struct clock_settings {
	int legal_term_days;     /* 1-3650; CLOCK_LEGAL_TERM_DAYS (Awb 4:13) */
	int target_working_days; /* 0-1000; CLOCK_TARGET_WORKING_DAYS */
	int near_days;           /* 0-365; CLOCK_NEAR_DAYS */
	struct calendar_extra extra; /* holidays beyond the Atw's (Atw art. 3 lid 3) */
};

/* The defaults above, no extra holidays. */
void clock_settings_init(struct clock_settings *s);

enum clock_term_state {
	CLOCK_TERM_NONE,      /* no such term: the target before completeness */
	CLOCK_TERM_RUNNING,   /* more than near_days left */
	CLOCK_TERM_NEAR,      /* near_days or fewer left, the deadline itself included */
	CLOCK_TERM_PAST,      /* today is after the deadline, no decision */
	CLOCK_TERM_SUSPENDED, /* today is a suspended day of this term: the clock stands still */
	CLOCK_TERM_MET,       /* decided on or before the deadline */
	CLOCK_TERM_MISSED,    /* decided after the deadline */
};

struct clock_term {
	/* The last day; "" for NONE and while an open suspension leaves it
	 * unknown. */
	char deadline[DATE_LEN];
	/* deadline - today, or - the decision date once decided, in calendar
	 * days (negative when past); 0 without a deadline. */
	int left;
	/* The term's own days not yet used on that day: calendar days for
	 * the legal term, working days for the target; never negative, 0 for
	 * NONE. Known even while suspended. */
	int remaining;
	enum clock_term_state state;
};

struct clock_result {
	int days;           /* 5: running days on the clock */
	int suspended_days; /* suspended days from receipt to today or the decision, each once */
	bool suspended;     /* today is a suspended day of the legal term */
	struct clock_term legal;
	/* The legal term's last day before Atw art. 1 moved it; the same as
	 * legal.deadline when it is a working day. */
	char legal_unextended[DATE_LEN];
	struct clock_term target;
};

/* The clock of a dossier's events on `today`, with `settings` (NULL for
 * the defaults). TOETS_ERR_INVALID, with a message naming the date at
 * fault, for: a date that is not YYYY-MM-DD, no date of receipt,
 * completeness, a suspension or the decision before receipt, completeness
 * after the decision, a suspension that ends before it starts or starts
 * after the decision, an open suspension on a decided dossier, settings
 * out of range, an extra holiday that is not a date, or a deadline after
 * the year 9999. out is zeroed on error. */
enum toets_status clock_evaluate(const struct clock_events *ev, const char *today,
				 const struct clock_settings *settings, struct clock_result *out,
				 struct toets_error *e);

#endif
