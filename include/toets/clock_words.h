/* clock_words.h - the legal clock in words, one wording for the command
 * line (`toets clock`, `toets due`) and the screens, so that they never
 * tell a clock differently (and share their translations). Strings only:
 * the caller prints or draws them. */
#ifndef TOETS_CLOCK_WORDS_H
#define TOETS_CLOCK_WORDS_H

#include "toets/clock.h"
#include "toets/procedure.h"
#include "toets/xalloc.h"

/* "Monday" ... "Sunday" of a date, translated; "" when it is none. */
const char *clock_weekday_name(const char *date);
/* "today", "in 3 days", "3 days ago". */
void clock_when_words(struct strbuf *out, int left);
/* A term's state: "running, 20 days left", "past, by 3 days", ... */
void clock_term_words(struct strbuf *out, const struct clock_term *t);
/* One suspension: "aanvulling asked 2026-03-10, term until ...,
 * supplemented ...; 13 days suspended". */
void clock_suspension_words(struct strbuf *out, const struct procedure *p, const struct suspension *x,
			    const char *today);

#endif
