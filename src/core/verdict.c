/* verdict.c - conditions and the criterion verdict rule. */
#include "toets/verdict.h"

#include <string.h>

const struct answer *answers_find(const struct answers *a, const char *question_id)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->items[i].question_id, question_id) == 0)
			return &a->items[i];
	return NULL;
}

static bool is_answered(const struct kader_question *q, const struct answer *ans)
{
	if (!ans)
		return false;
	if (q->type == KADER_Q_CHOICE || q->type == KADER_Q_MULTI)
		return ans->n_choices > 0;
	return ans->answered;
}

static bool chose(const struct answer *ans, const char *choice_id)
{
	for (size_t i = 0; i < ans->n_choices; i++)
		if (strcmp(ans->choices[i], choice_id) == 0)
			return true;
	return false;
}

static bool condition_holds(const struct kader_condition *cond, const struct answers *a)
{
	const struct answer *ans = answers_find(a, cond->question->id);
	if (!is_answered(cond->question, ans))
		return false;
	bool any = false;
	for (size_t i = 0; i < cond->n_choices && !any; i++)
		any = chose(ans, cond->choices[i]->id);
	return cond->negate ? !any : any;
}

bool verdict_question_shown(const struct kader_question *q, const struct answers *a)
{
	/* Conditions only look back, so following them ends; a loop rather
	 * than recursion keeps long chains off the stack. */
	for (; q->show_if; q = q->show_if->question)
		if (!condition_holds(q->show_if, a))
			return false;
	return true;
}

enum verdict verdict_compute(const struct kader_criterion *c, const struct answers *a,
			     struct verdict_progress *progress)
{
	struct verdict_progress p = { 0 };
	bool fail = false, followup = false, pass = false;

	for (size_t i = 0; i < c->n_questions; i++) {
		const struct kader_question *q = &c->questions[i];
		if (!verdict_question_shown(q, a))
			continue;
		const struct answer *ans = answers_find(a, q->id);
		bool answered = is_answered(q, ans);
		p.shown++;
		p.answered += answered;
		if (q->required) {
			p.required++;
			p.required_answered += answered;
		}
		if (!answered || (q->type != KADER_Q_CHOICE && q->type != KADER_Q_MULTI))
			continue;
		for (size_t j = 0; j < ans->n_choices; j++) {
			const struct kader_choice *ch = kader_find_choice(q, ans->choices[j]);
			if (!ch)
				continue; /* a choice the framework does not know counts for nothing */
			fail |= ch->effect == KADER_EFFECT_FAIL;
			followup |= ch->effect == KADER_EFFECT_FOLLOWUP;
			pass |= ch->effect == KADER_EFFECT_PASS;
		}
	}
	if (progress)
		*progress = p;

	if (fail)
		return VERDICT_FAIL;
	if (p.required_answered < p.required)
		return VERDICT_NOT_ASSESSED;
	if (followup)
		return VERDICT_FOLLOWUP;
	if (pass)
		return VERDICT_PASS;
	return VERDICT_NOT_ASSESSED;
}

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS:
		return "voldoet";
	case VERDICT_FAIL:
		return "voldoet niet";
	case VERDICT_FOLLOWUP:
		return "nader onderzoek";
	default:
		return "niet beoordeeld";
	}
}

bool verdict_parse(const char *text, enum verdict *out)
{
	static const struct {
		const char *word;
		enum verdict v;
	} words[] = {
		{ "voldoet", VERDICT_PASS }, { "voldoet niet", VERDICT_FAIL },
		{ "nader onderzoek", VERDICT_FOLLOWUP }, { "niet beoordeeld", VERDICT_NOT_ASSESSED },
		{ "pass", VERDICT_PASS }, { "fail", VERDICT_FAIL },
		{ "followup", VERDICT_FOLLOWUP }, { "none", VERDICT_NOT_ASSESSED },
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strcmp(text, words[i].word) == 0) {
			*out = words[i].v;
			return true;
		}
	}
	return false;
}
