/* letter_int.h - what letter.c and letter_values.c share: the facts a
 * letter is made from. Not a public interface. */
#ifndef TOETS_LETTER_INT_H
#define TOETS_LETTER_INT_H

#include "toets/assess.h"
#include "toets/decision.h"
#include "toets/dossier.h"
#include "toets/letter.h"
#include "toets/template.h"

struct letter_facts {
	enum letter_kind kind;
	struct dossier d;
	struct decision dec; /* the decision the letter rests on, when has_decision */
	bool has_decision;
	struct decision designation; /* the newest approved aanwijzen (summary, intrekking) */
	bool has_designation;
	struct assessment a; /* the assessment it rests on, when has_assessment */
	struct assessment_state st;
	bool has_assessment;
	const struct settings *cfg;
	char today[DATE_LEN];
	struct strbuf missing; /* one "- ..." line per thing that stops issuing */
};

/* Reads everything the letter needs; fails when the letter cannot exist
 * yet (no decision of its kind, not received). */
enum toets_status letter_facts_load(struct store *s, const char *reference, enum letter_kind kind,
				    const struct settings *cfg, struct letter_facts *out, struct toets_error *e);
void letter_facts_release(struct letter_facts *lf);

/* The template's values, inline and block, from the facts. */
enum toets_status letter_values(struct store *s, struct letter_facts *lf, struct template_fields *f,
				struct toets_error *e);

/* "22 november 2026" from "2026-11-22"; the input when it is not a date. */
void letter_long_date(const char *date, struct strbuf *out);

#endif
