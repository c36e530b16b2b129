/* assess_diff.c - what a re-assessment changed against the assessment it
 * started from: answers (their choices or value, and their note) and the
 * criterion verdicts that count. */
#include <stdlib.h>
#include <string.h>

#include "toets/assess.h"
#include "toets/xalloc.h"

/* The answer as the assessor reads it: choice labels, or the value, and
 * the note after a dash. "" when not answered. */
static void answer_text(const struct kader_question *q, const struct stored_answer *a, struct strbuf *out)
{
	strbuf_reset(out);
	if (!a)
		return;
	for (size_t i = 0; i < a->n_choices; i++) {
		const struct kader_choice *c = q ? kader_find_choice(q, a->choices[i]) : NULL;
		strbuf_addf(out, "%s%s", i ? ", " : "", c ? kader_text(&c->label, KADER_NL) : a->choices[i]);
	}
	if (a->value)
		strbuf_adds(out, a->value);
	if (a->note)
		strbuf_addf(out, " — %s", a->note);
}

static void report(void (*fn)(const struct assess_change *, void *), void *ctx, const char *qid,
		   const char *cid, const char *before, const char *after)
{
	struct assess_change c = {
		.kind = !*before ? ASSESS_ADDED : !*after ? ASSESS_REMOVED : ASSESS_CHANGED,
		.question_id = qid,
		.criterion_id = cid,
		.before = *before ? before : NULL,
		.after = *after ? after : NULL,
	};
	fn(&c, ctx);
}

void assess_diff(const struct kader *old_k, const struct assessment_state *old_st,
		 const struct kader *new_k, const struct assessment_state *new_st,
		 void (*fn)(const struct assess_change *c, void *ctx), void *ctx)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	for (size_t i = 0; i < new_k->n_criteria; i++) {
		const struct kader_criterion *c = &new_k->criteria[i];
		for (size_t j = 0; j < c->n_questions; j++) {
			const struct kader_question *q = &c->questions[j];
			answer_text(kader_find_question(old_k, q->id), assess_find_answer(old_st, q->id), &before);
			answer_text(q, assess_find_answer(new_st, q->id), &after);
			if (strcmp(strbuf_str(&before), strbuf_str(&after)) != 0)
				report(fn, ctx, q->id, NULL, strbuf_str(&before), strbuf_str(&after));
		}
		const struct kader_criterion *oc = kader_find_criterion(old_k, c->id);
		const char *was = oc ? verdict_name(assess_verdict(old_st, oc, NULL, NULL)) : "";
		const char *now = verdict_name(assess_verdict(new_st, c, NULL, NULL));
		if (strcmp(was, now) != 0)
			report(fn, ctx, NULL, c->id, was, now);
	}
	/* What the old framework asked and the new one no longer does. */
	for (size_t i = 0; i < old_st->n_answers; i++) {
		const struct stored_answer *a = &old_st->answers[i];
		if (kader_find_question(new_k, a->question_id))
			continue;
		answer_text(kader_find_question(old_k, a->question_id), a, &before);
		report(fn, ctx, a->question_id, NULL, strbuf_str(&before), "");
	}
	strbuf_release(&before);
	strbuf_release(&after);
}
