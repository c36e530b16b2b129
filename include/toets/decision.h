/* decision.h - the decision on a dossier, with four eyes: what the
 * criterion verdicts suggest, a proposal (another kind only with a written
 * reason), its approval or return by another OS account than the proposer
 * and than anyone who overrode a verdict in the assessment, and the lock
 * that approval puts on the assessment.
 *
 * Kinds: aanwijzen (designate), afwijzen (refuse), aanvulling (ask the
 * applicant for more, Awb 4:5), intrekken (withdraw a designation). On
 * approval the dossier moves: aanwijzen → aangewezen (a re-designation
 * keeps aangewezen/aangesloten), afwijzen → afgewezen, aanvulling →
 * aanvulling gevraagd, intrekken → aanwijzing ingetrokken; aanwijzen and
 * afwijzen (and intrekken) lock the assessment. A designation has an
 * effective date (the approval date unless proposed otherwise) and a
 * re-assessment date (default three years later). */
#ifndef TOETS_DECISION_H
#define TOETS_DECISION_H

#include <stdbool.h>

#include "toets/assess.h"
#include "toets/datetime.h"
#include "toets/status.h"
#include "toets/store.h"

enum decision_kind {
	DECISION_AANWIJZEN,
	DECISION_AFWIJZEN,
	DECISION_AANVULLING,
	DECISION_INTREKKEN,
	DECISION_KIND_COUNT
};

enum decision_state { DECISION_PROPOSED, DECISION_APPROVED, DECISION_RETURNED };

#define DECISION_REASSESS_YEARS 3 /* default years from designation to re-assessment */
#define DECISION_TERM_DAYS 28     /* default term for an aanvulling (Awb 4:5) */

/* "aanwijzen": the code stored and typed. */
const char *decision_kind_code(enum decision_kind k);
/* "aanvulling vragen": the Dutch name shown. */
const char *decision_kind_name(enum decision_kind k);
bool decision_kind_parse(const char *text, enum decision_kind *out);
/* "voorgesteld", "goedgekeurd", "teruggestuurd". */
const char *decision_state_name(enum decision_state s);

/* What the verdicts suggest: afwijzen when a mandatory criterion voldoet
 * niet, else aanvulling when a mandatory criterion is open (nader
 * onderzoek or niet beoordeeld), else aanwijzen. `why` (may be NULL) gets
 * the criteria that decide it, as "taak (voldoet niet), ...". */
enum decision_kind decision_suggest(const struct kader *k, const struct assessment_state *st,
				    struct strbuf *why);

/* What a besluit (aanwijzen, afwijzen) still lacks, one "- ..." line
 * each: a mandatory criterion without motivering (or override reason), a
 * shown and answered question of one without the evidence it requires. */
void decision_missing(const struct kader *k, const struct assessment_state *st, struct strbuf *out);

struct decision {
	char id[STORE_ID_LEN];
	char dossier_id[STORE_ID_LEN];
	char assessment_id[STORE_ID_LEN]; /* "" when none */
	enum decision_kind kind;
	enum decision_kind suggested;
	enum decision_state state;
	char *reason;       /* NULL when the proposal follows the suggestion */
	char *effective_on; /* aanwijzen: when the designation takes effect */
	char *reassess_on;  /* aanwijzen: when it is to be re-assessed */
	char *term_until;   /* aanvulling: the applicant's term */
	char *proposed_by, *proposed_at;
	char *reviewed_by, *reviewed_at, *review_note; /* NULL while proposed */
};

void decision_release(struct decision *d);

struct decision_proposal {
	int kind;                 /* an enum decision_kind, or -1: what the verdicts suggest */
	const char *reason;       /* required when kind differs from the suggestion, and to withdraw */
	const char *effective_on; /* aanwijzen: NULL for the approval date */
	const char *reassess_on;  /* aanwijzen: NULL for effective + the settings' years */
	const char *term_until;   /* aanvulling: NULL for today + DECISION_TERM_DAYS */
};

/* Proposes a decision on a dossier in toetsing (or, for a re-designation
 * or a withdrawal, one that is aangewezen or aangesloten). One proposal
 * waits at a time; while it waits, the assessment cannot change. */
enum toets_status decision_propose(struct store *s, const char *reference,
				   const struct decision_proposal *in, struct decision *out,
				   struct toets_error *e);

/* Approves the waiting proposal as the current OS account, which must be
 * neither the proposer nor anyone who overrode a verdict in the
 * assessment. reassess_years (> 0) dates the re-assessment of a
 * designation when the proposal did not. */
enum toets_status decision_approve(struct store *s, const char *reference, const char *note,
				   int reassess_years, struct decision *out, struct toets_error *e);

/* Sends the waiting proposal back (a reason is required), by another
 * account than the proposer; the dossier returns to in toetsing. */
enum toets_status decision_return(struct store *s, const char *reference, const char *reason,
				  struct decision *out, struct toets_error *e);

/* The newest decision of a dossier (any state); TOETS_ERR_NOT_FOUND when none. */
enum toets_status decision_latest(struct store *s, const char *reference, struct decision *out,
				  struct toets_error *e);

/* The newest approved decision of a kind; TOETS_ERR_NOT_FOUND when none. */
enum toets_status decision_approved(struct store *s, const char *dossier_id, enum decision_kind kind,
				    struct decision *out, struct toets_error *e);

/* Every decision of a dossier, oldest first; stops when fn returns false. */
enum toets_status decision_list(struct store *s, const char *dossier_id,
				bool (*fn)(const struct decision *d, void *ctx), void *ctx,
				struct toets_error *e);

#endif
