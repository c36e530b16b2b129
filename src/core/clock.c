/* clock.c - the Awb procedure clock: the basic form (calendar days from
 * the status) and the legal clock from a dossier's events. */
#include "toets/clock.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/i18n.h"
#include "toets/xalloc.h"

/* Day numbers come from calendar.c (days-from-civil, proleptic
 * Gregorian), so no mktime, time zone or daylight saving time can shift a
 * day. */

static bool day_number(const char *date, long *out)
{
	return calendar_day_number(date, out);
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
	long z;
	out[0] = '\0';
	if (!day_number(date, &z))
		return;
	calendar_date(z + days, out);
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

/* ---- the legal clock ------------------------------------------------------------------ */

#define OPEN LONG_MAX /* the last day of a suspension that has not ended */

/* Suspended days a..b, both included. */
struct span {
	long a, b;
};

static int span_cmp(const void *x, const void *y)
{
	const struct span *p = x, *q = y;
	return (p->a > q->a) - (p->a < q->a);
}

/* Sorts the spans and joins those that overlap or touch, so that each
 * day is counted once; returns how many remain. */
static size_t merge_spans(struct span *sp, size_t n)
{
	size_t m = 0;
	if (n == 0)
		return 0; /* sp may be NULL: no qsort on it */
	qsort(sp, n, sizeof(*sp), span_cmp);
	for (size_t i = 0; i < n; i++) {
		if (m > 0 && (sp[m - 1].b == OPEN || sp[i].a <= sp[m - 1].b + 1)) {
			if (sp[i].b > sp[m - 1].b)
				sp[m - 1].b = sp[i].b;
		} else {
			sp[m++] = sp[i];
		}
	}
	return m;
}

/* Counting days in (from, to]: every day, or working days only. */
static long count_days(long from, long to, bool working, const struct calendar_extra *x)
{
	if (to <= from)
		return 0;
	return working ? calendar_working_days_in(from, to, x) : to - from;
}

struct walk {
	long end;       /* the term's last day, when !open */
	bool open;      /* an open suspension stops the term: no last day yet */
	size_t reached; /* spans[0, reached) fall inside the term and suspend it */
};

/* Runs a term of n counting days after `from` past the suspended spans
 * (sorted, merged): each suspended day is skipped; a span that starts
 * after the term's last day is not reached. False when the last day
 * falls after the year 9999. */
static bool walk_term(long from, long n, bool working, const struct span *sp, size_t nsp,
		      const struct calendar_extra *x, struct walk *w)
{
	long d = from, remaining = n;
	w->end = 0;
	w->open = false;
	w->reached = 0;
	for (size_t i = 0; i < nsp; i++) {
		long a = sp[i].a, b = sp[i].b;
		if (b <= d)
			continue; /* over before the term starts */
		if (a <= d)
			a = d + 1;
		long gap = count_days(d, a - 1, working, x);
		if (remaining <= gap)
			break;
		remaining -= gap;
		w->reached = i + 1;
		if (b == OPEN) {
			w->open = true;
			return true;
		}
		d = b;
	}
	if (!working) {
		d += remaining;
	} else {
		while (remaining > 0) {
			d++;
			char probe[DATE_LEN];
			if (!calendar_date(d, probe))
				return false;
			if (calendar_is_working_day_of(d, x))
				remaining--;
		}
	}
	char probe[DATE_LEN];
	if (!calendar_date(d, probe))
		return false;
	w->end = d;
	return true;
}

/* Of the reached spans, the counting days in (from, to] they cover. */
static long suspended_in(long from, long to, bool working, const struct span *sp, size_t reached,
			 const struct calendar_extra *x)
{
	long sum = 0;
	for (size_t i = 0; i < reached; i++) {
		long a = sp[i].a > from + 1 ? sp[i].a : from + 1;
		long b = sp[i].b < to ? sp[i].b : to;
		if (a <= b)
			sum += count_days(a - 1, b, working, x);
	}
	return sum;
}

static bool inside(long day, long from, const struct span *sp, size_t reached)
{
	for (size_t i = 0; i < reached; i++)
		if (day > from && day >= sp[i].a && day <= sp[i].b)
			return true;
	return false;
}

void clock_settings_init(struct clock_settings *s)
{
	s->legal_term_days = CLOCK_LEGAL_TERM_DAYS;
	s->target_working_days = CLOCK_TARGET_WORKING_DAYS;
	s->near_days = CLOCK_NEAR_DAYS;
	s->extra.days = NULL;
	s->extra.count = 0;
}

static bool present(const char *s)
{
	return s && s[0];
}

static enum toets_status check_settings(const struct clock_settings *s, struct toets_error *e)
{
	if (s->legal_term_days < 1 || s->legal_term_days > 3650)
		return toets_fail(e, TOETS_ERR_INVALID, _("the legal term must be 1 to 3650 days, not %d"),
				  s->legal_term_days);
	if (s->target_working_days < 0 || s->target_working_days > 1000)
		return toets_fail(e, TOETS_ERR_INVALID,
				  _("the service target must be 0 to 1000 working days, not %d"),
				  s->target_working_days);
	if (s->near_days < 0 || s->near_days > 365)
		return toets_fail(e, TOETS_ERR_INVALID, _("the warning must come 0 to 365 days ahead, not %d"),
				  s->near_days);
	if (s->extra.count > 0 && !s->extra.days)
		return toets_fail(e, TOETS_ERR_INVALID, _("%zu extra holidays without their dates"),
				  s->extra.count);
	for (size_t i = 0; i < s->extra.count; i++) {
		long d;
		const char *date = s->extra.days[i].date;
		if (!calendar_day_number(date, &d))
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("extra holiday %zu is not a date (YYYY-MM-DD): %s"), i + 1, date);
	}
	return TOETS_OK;
}

/* Reads the events into day numbers and checks their order. */
static enum toets_status check_events(const struct clock_events *ev, long *received, long *complete,
				      long *decided, struct span *sp, size_t *nsp, struct toets_error *e)
{
	if (!present(ev->received))
		return toets_fail(e, TOETS_ERR_INVALID, _("the date of receipt is missing"));
	if (!calendar_day_number(ev->received, received))
		return toets_fail(e, TOETS_ERR_INVALID, _("the date of receipt is not a date (YYYY-MM-DD): %s"),
				  ev->received);
	*complete = *decided = -1;
	if (present(ev->complete)) {
		if (!calendar_day_number(ev->complete, complete))
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("the date of completeness is not a date (YYYY-MM-DD): %s"),
					  ev->complete);
		if (*complete < *received)
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("the application cannot be complete (%s) before it was received (%s)"),
					  ev->complete, ev->received);
	}
	if (present(ev->decided)) {
		if (!calendar_day_number(ev->decided, decided))
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("the date of the decision is not a date (YYYY-MM-DD): %s"), ev->decided);
		if (*decided < *received)
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("the decision (%s) cannot come before the receipt (%s)"), ev->decided,
					  ev->received);
		if (*complete >= 0 && *decided < *complete)
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("the decision (%s) cannot come before the application was complete (%s)"),
					  ev->decided, ev->complete);
	}
	if (ev->n_suspensions > 0 && !ev->suspensions)
		return toets_fail(e, TOETS_ERR_INVALID, _("%zu suspensions without their dates"),
				  ev->n_suspensions);
	*nsp = 0;
	for (size_t i = 0; i < ev->n_suspensions; i++) {
		const struct clock_suspension *s = &ev->suspensions[i];
		long start, end = OPEN;
		if (!calendar_day_number(s->start, &start))
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("suspension %zu: the start is not a date (YYYY-MM-DD): %s"), i + 1,
					  s->start ? s->start : "");
		if (start < *received)
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("suspension %zu starts (%s) before the application was received (%s)"),
					  i + 1, s->start, ev->received);
		if (*decided >= 0 && start > *decided)
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("suspension %zu starts (%s) after the decision (%s)"), i + 1, s->start,
					  ev->decided);
		if (present(s->end)) {
			if (!calendar_day_number(s->end, &end))
				return toets_fail(e, TOETS_ERR_INVALID,
						  _("suspension %zu: the end is not a date (YYYY-MM-DD): %s"), i + 1,
						  s->end);
			if (end < start)
				return toets_fail(e, TOETS_ERR_INVALID,
						  _("suspension %zu ends (%s) before it starts (%s)"), i + 1, s->end,
						  s->start);
			end--; /* the end is the first day the term runs again */
		} else if (*decided >= 0) {
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("suspension %zu from %s is still open, but the decision was taken on %s: "
					    "end it first"),
					  i + 1, s->start, ev->decided);
		}
		if (end >= start + 1)
			sp[(*nsp)++] = (struct span){ start + 1, end };
	}
	*nsp = merge_spans(sp, *nsp);
	return TOETS_OK;
}

/* The state of a term with a known or open end, on `now` (or decided). */
static void term_state(struct clock_term *t, const struct walk *w, long now, long decided,
		       bool now_suspended, int near_days)
{
	long end = w->end;
	if (!w->open)
		calendar_date(end, t->deadline);
	if (decided >= 0) {
		/* An open suspension on a decided dossier was refused above. */
		t->left = (int)(end - decided);
		t->state = decided <= end ? CLOCK_TERM_MET : CLOCK_TERM_MISSED;
		return;
	}
	t->left = w->open ? 0 : (int)(end - now);
	if (w->open || now_suspended)
		t->state = CLOCK_TERM_SUSPENDED;
	else if (t->left < 0)
		t->state = CLOCK_TERM_PAST;
	else if (t->left <= near_days)
		t->state = CLOCK_TERM_NEAR;
	else
		t->state = CLOCK_TERM_RUNNING;
}

enum toets_status clock_evaluate(const struct clock_events *ev, const char *today,
				 const struct clock_settings *settings, struct clock_result *out,
				 struct toets_error *e)
{
	struct clock_settings defaults;
	long now, received, complete, decided;
	enum toets_status st;
	struct span *sp = NULL;
	size_t nsp = 0;

	memset(out, 0, sizeof(*out));
	if (!settings) {
		clock_settings_init(&defaults);
		settings = &defaults;
	}
	const struct calendar_extra *x = &settings->extra;
	if ((st = check_settings(settings, e)) != TOETS_OK)
		return st;
	if (!ev)
		return toets_fail(e, TOETS_ERR_INVALID, _("the date of receipt is missing"));
	if (!calendar_day_number(today, &now))
		return toets_fail(e, TOETS_ERR_INVALID, _("today is not a date (YYYY-MM-DD): %s"),
				  today ? today : "");
	if (ev->n_suspensions > 0)
		sp = xcalloc(ev->n_suspensions, sizeof(*sp));
	if ((st = check_events(ev, &received, &complete, &decided, sp, &nsp, e)) != TOETS_OK)
		goto fail;
	long stop = decided >= 0 ? decided : now;

	/* The legal term: 1-3 of the header. */
	struct walk legal;
	if (!walk_term(received, settings->legal_term_days, false, sp, nsp, x, &legal))
		goto range;
	if (!legal.open) {
		char extended[DATE_LEN];
		calendar_date(legal.end, out->legal_unextended);
		if (calendar_atw_extend(out->legal_unextended, x, extended, e) != TOETS_OK)
			goto range;
		calendar_day_number(extended, &legal.end);
	}
	long susp = stop > received ? suspended_in(received, stop, false, sp, legal.reached, x) : 0;
	out->suspended_days = (int)susp;
	out->days = stop > received ? (int)(stop - received - susp) : 0;
	out->suspended = inside(now, received, sp, legal.reached);
	int term = settings->legal_term_days;
	out->legal.remaining = out->days < term ? term - out->days : 0;
	term_state(&out->legal, &legal, now, decided, out->suspended, settings->near_days);

	/* The service target: 4 of the header. */
	if (complete >= 0) {
		struct walk target;
		if (!walk_term(complete, settings->target_working_days, true, sp, nsp, x, &target))
			goto range;
		long used = 0;
		if (stop > complete)
			used = count_days(complete, stop, true, x) -
			       suspended_in(complete, stop, true, sp, target.reached, x);
		out->target.remaining = used < settings->target_working_days
						? settings->target_working_days - (int)used
						: 0;
		term_state(&out->target, &target, now, decided, inside(now, complete, sp, target.reached),
			   settings->near_days);
	}
	free(sp);
	return TOETS_OK;

range:
	st = toets_fail(e, TOETS_ERR_INVALID,
			_("the clock of an application received on %s runs past the year 9999"), ev->received);
fail:
	free(sp);
	memset(out, 0, sizeof(*out));
	return st;
}
