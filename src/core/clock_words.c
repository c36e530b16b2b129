/* clock_words.c - the legal clock in words (see clock_words.h). */
#include "toets/clock_words.h"

#include <stdbool.h>

#include "toets/calendar.h"
#include "toets/i18n.h"

const char *clock_weekday_name(const char *date)
{
	static const char *const names[] = { N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
					     N_("Friday"), N_("Saturday"), N_("Sunday") };
	int w = calendar_weekday(date);
	return w >= 1 && w <= 7 ? _(names[w - 1]) : "";
}

void clock_when_words(struct strbuf *out, int left)
{
	if (left == 0)
		strbuf_adds(out, _("today"));
	else if (left > 0)
		strbuf_addf(out, ngettext("in %d day", "in %d days", (unsigned long)left), left);
	else
		strbuf_addf(out, ngettext("%d day ago", "%d days ago", (unsigned long)-left), -left);
}

void clock_term_words(struct strbuf *out, const struct clock_term *t)
{
	switch (t->state) {
	case CLOCK_TERM_NONE:
		strbuf_adds(out, _("starts when the dossier is complete"));
		break;
	case CLOCK_TERM_RUNNING:
	case CLOCK_TERM_NEAR:
		if (t->left == 0)
			strbuf_adds(out, _("near, ends today"));
		else
			strbuf_addf(out,
				    t->state == CLOCK_TERM_NEAR
					    ? ngettext("near, %d day left", "near, %d days left", (unsigned long)t->left)
					    : ngettext("running, %d day left", "running, %d days left", (unsigned long)t->left),
				    t->left);
		break;
	case CLOCK_TERM_PAST:
		strbuf_addf(out, ngettext("past, by %d day", "past, by %d days", (unsigned long)-t->left), -t->left);
		break;
	case CLOCK_TERM_SUSPENDED:
		strbuf_adds(out, t->deadline[0] ? _("suspended today")
						: _("suspended: the deadline is known when the suspension ends"));
		break;
	case CLOCK_TERM_MET:
		if (t->left == 0)
			strbuf_adds(out, _("met: decided on the last day"));
		else
			strbuf_addf(out, ngettext("met: decided %d day before it", "met: decided %d days before it",
						  (unsigned long)t->left),
				    t->left);
		break;
	case CLOCK_TERM_MISSED:
		strbuf_addf(out, ngettext("missed: decided %d day after it", "missed: decided %d days after it",
					  (unsigned long)-t->left),
			    -t->left);
		break;
	}
}

void clock_suspension_words(struct strbuf *out, const struct procedure *p, const struct suspension *x,
			 const char *today)
{
	char end[DATE_LEN];
	bool lapsed = procedure_effective_end(p, x, today, end);
	if (x->kind == SUSPENSION_UITSTEL) {
		char last[DATE_LEN] = "";
		if (x->end_on[0])
			clock_add_days(x->end_on, -1, last);
		strbuf_addf(out, _("uitstel agreed %s, until %s"), x->start_on, last[0] ? last : "?");
	} else {
		strbuf_addf(out, _("aanvulling asked %s"), x->start_on);
		if (x->term_until[0])
			strbuf_addf(out, _(", term until %s"), x->term_until);
		if (lapsed && x->end_on[0])
			strbuf_addf(out, _(", supplemented %s after the term: the clock ran again from %s"), x->end_on,
				    end);
		else if (lapsed)
			strbuf_addf(out, _(", lapsed unused: the clock runs again from %s"), end);
		else if (x->end_on[0])
			strbuf_addf(out, _(", supplemented %s"), x->end_on);
		else if (end[0])
			strbuf_addf(out, _(", open at the decision (%s)"), end);
		else
			strbuf_adds(out, _(", open: the clock stands still"));
	}
	if (end[0]) {
		int days = clock_days_between(x->start_on, end) - 1;
		if (days < 0)
			days = 0;
		strbuf_addf(out, ngettext("; %d day suspended", "; %d days suspended", (unsigned long)days), days);
	}
}
