/* verdict.h - the rule from answers to a criterion verdict, and which
 * questions a condition shows. Written once here; toets-kader(5) describes
 * it, tests/unit/test_verdict.c pins it down case by case. */
#ifndef TOETS_VERDICT_H
#define TOETS_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "toets/kader.h"

enum verdict {
	VERDICT_NOT_ASSESSED, /* niet beoordeeld */
	VERDICT_PASS,         /* voldoet */
	VERDICT_FAIL,         /* voldoet niet */
	VERDICT_FOLLOWUP,     /* nader onderzoek */
	VERDICT_COUNT
};

/* One answer: for choice and multi questions the chosen choice ids; for
 * text, date and number questions `answered` says a value was given. */
struct answer {
	const char *question_id;
	const char *const *choices;
	size_t n_choices;
	bool answered;
};

struct answers {
	const struct answer *items;
	size_t n;
};

/* Counts behind a verdict, for progress displays. */
struct verdict_progress {
	size_t shown;             /* questions shown */
	size_t answered;          /* of those, answered */
	size_t required;          /* shown and required */
	size_t required_answered; /* of those, answered */
};

/* The answer to a question, or NULL when it has none. */
const struct answer *answers_find(const struct answers *a, const char *question_id);

/* True when the question is shown: it has no condition, or the question its
 * condition names is itself shown and answered with a matching choice. */
bool verdict_question_shown(const struct kader_question *q, const struct answers *a);

/* The verdict on a criterion from the answers (see toets-kader(5)).
 * progress may be NULL. */
enum verdict verdict_compute(const struct kader_criterion *c, const struct answers *a,
			     struct verdict_progress *progress);

/* The Dutch name: "voldoet", "voldoet niet", "nader onderzoek", "niet beoordeeld". */
const char *verdict_name(enum verdict v);
/* Accepts the Dutch name, or pass / fail / followup / none. */
bool verdict_parse(const char *text, enum verdict *out);

#endif
