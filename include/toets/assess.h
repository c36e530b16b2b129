/* assess.h - assessments: a dossier tested against one framework version
 * (its id, version, SHA-256 and full text stored, so it is always reread
 * exactly as assessed), the answers with notes and evidence links, and the
 * criterion verdicts: computed, or overridden with a reason. */
#ifndef TOETS_ASSESS_H
#define TOETS_ASSESS_H

#include <stdbool.h>
#include <stddef.h>

#include "toets/kader.h"
#include "toets/status.h"
#include "toets/store.h"
#include "toets/verdict.h"

struct assessment {
	char id[STORE_ID_LEN];
	char dossier_id[STORE_ID_LEN];
	char previous_id[STORE_ID_LEN]; /* the assessment a re-assessment started from; "" */
	char *created_by;
	char *created_at;
	char *locked_at; /* when an approved decision locked it; NULL while open */
	struct kader *kader; /* parsed from the stored text, never today's file */
};

/* The newest assessment of a dossier; TOETS_ERR_NOT_FOUND when none. */
enum toets_status assess_current(struct store *s, const char *reference, struct assessment *out,
				 struct toets_error *e);

/* Starts the first assessment of a dossier against framework k (one per
 * dossier per framework version; a later one is a re-assessment). */
enum toets_status assess_start(struct store *s, const char *reference, const struct kader *k,
			       struct assessment *out, struct toets_error *e);

void assess_release(struct assessment *a);

struct evidence_input {
	const char *document; /* a document id, or its first 4+ characters */
	const char *location; /* "art. 2 lid 1", "p. 4", or NULL */
};

struct answer_input {
	const char *question_id;
	const char *const *values; /* choice ids, or the one value */
	size_t n_values;
	const char *note;          /* NULL: keep the note as it is */
	const struct evidence_input *evidence; /* added to the answer's links */
	size_t n_evidence;
	bool clear;                /* remove the answer (and its links) */
};

/* Records an answer, checked against the assessment's framework: the
 * question exists, choices exist (one for a choice question), a date is a
 * date, a number a number, evidence names a document of this dossier. */
enum toets_status assess_answer(struct store *s, const struct assessment *a,
				const struct answer_input *in, struct toets_error *e);

/* Overrides the computed verdict of a criterion; the reason is required.
 * VERDICT_COUNT as v clears the override. */
enum toets_status assess_override(struct store *s, const struct assessment *a,
				  const char *criterion_id, int v, const char *reason,
				  struct toets_error *e);

/* Sets the motivering of a criterion (NULL or blank clears it). */
enum toets_status assess_reason(struct store *s, const struct assessment *a, const char *criterion_id,
				const char *reason, struct toets_error *e);

/* TOETS_ERR_REFUSED, saying when it was locked and how to go on, when an
 * approved decision has locked the assessment; read from the file, so a
 * lock by another window counts. Inside a transaction for a write. */
enum toets_status assess_check_open(struct store *s, const struct assessment *a, struct toets_error *e);

/* Starts a re-assessment of a dossier whose current assessment is locked:
 * a new assessment against k (NULL: the same framework text) that starts
 * from the previous answers, notes, evidence links and motiveringen, for
 * every question and criterion k still has (overrides are not carried:
 * they are judgements of the old assessment). *n_dropped counts the
 * answers k could not take. */
enum toets_status assess_reassess(struct store *s, const char *reference, const struct kader *k,
				  struct assessment *out, size_t *n_dropped, struct toets_error *e);

/* An assessment by its id (a decision names the one it rests on). */
enum toets_status assess_get(struct store *s, const char *assessment_id, struct assessment *out,
			     struct toets_error *e);

/* The assessment a re-assessment started from. */
enum toets_status assess_previous(struct store *s, const struct assessment *a, struct assessment *out,
				  struct toets_error *e);

struct stored_evidence {
	char *document_id;
	char *document_title;
	char *location;
};

struct stored_answer {
	char *question_id;
	char **choices;
	size_t n_choices;
	char *value;
	char *note;
	char *account;
	char *at;
	struct stored_evidence *evidence;
	size_t n_evidence;
};

/* The assessor's motivering of a criterion: what the letter says about it. */
struct stored_reason {
	char *criterion_id;
	char *reason;
	char *account;
	char *at;
};

struct stored_override {
	char *criterion_id;
	enum verdict verdict;
	char *reason;
	char *account;
	char *at;
};

/* Everything recorded in an assessment, and the view the verdict rule
 * reads. */
struct assessment_state {
	struct stored_answer *answers;
	size_t n_answers;
	struct stored_override *overrides;
	size_t n_overrides;
	struct stored_reason *reasons;
	size_t n_reasons;
	struct answer *view; /* for verdict_compute */
	struct answers answer_view;
};

enum toets_status assess_load(struct store *s, const struct assessment *a,
			      struct assessment_state *out, struct toets_error *e);
void assess_state_release(struct assessment_state *st);

const struct stored_answer *assess_find_answer(const struct assessment_state *st, const char *qid);
const struct stored_reason *assess_find_reason(const struct assessment_state *st,
					       const char *criterion_id);
const struct stored_override *assess_find_override(const struct assessment_state *st,
						   const char *criterion_id);

/* The verdict that counts: the override when there is one, else computed. */
enum verdict assess_verdict(const struct assessment_state *st, const struct kader_criterion *c,
			    struct verdict_progress *progress, bool *overridden);

/* What changed from one assessment to the next, question by question and
 * criterion by criterion, in the new framework's order (then what the
 * old one had and the new one lacks). */
enum assess_change_kind { ASSESS_ADDED, ASSESS_REMOVED, ASSESS_CHANGED };

struct assess_change {
	enum assess_change_kind kind;
	const char *question_id;  /* NULL for a criterion verdict */
	const char *criterion_id; /* NULL for a question */
	const char *before;       /* the old answer or verdict, as text; NULL when none */
	const char *after;
};

/* Calls fn for every change; the strings live until fn returns. */
void assess_diff(const struct kader *old_k, const struct assessment_state *old_st,
		 const struct kader *new_k, const struct assessment_state *new_st,
		 void (*fn)(const struct assess_change *c, void *ctx), void *ctx);

#endif
