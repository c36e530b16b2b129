/* procedure.h - the procedure of a dossier as dated events, and what
 * follows the designation:
 *
 * - the clock's events: receipt (dossier.received_on), completeness
 *   (dossier.complete_on), each suspension of the decision term, and the
 *   decision; read from the store and evaluated with clock_evaluate
 *   (clock.h sets out how days are counted);
 * - `due`: every open dossier near or past its legal deadline, its service
 *   target or the applicant's term for an aanvulling, and every
 *   designation whose re-assessment is near or overdue, by urgency;
 * - the aansluiting: the leidraad voor samenwerking accepted (date, by
 *   whom) and the NDN connection date.
 *
 * Conventions (the clock's, clock.h):
 * - A suspension is stored as `start_on` (the day of the invitation to
 *   supplement, Awb 4:5, or of the applicant's agreement to a delay, Awb
 *   4:15 lid 2) and `end_on`, the first day the term runs again; the days
 *   strictly between are suspended. end_on is empty while the suspension
 *   is open.
 * - An aanvulling is suspended "tot de dag waarop de aanvraag is
 *   aangevuld of de daarvoor gestelde termijn ongebruikt is verstreken":
 *   with a term (term_until, its last day), the suspension ends at the
 *   latest on the day after the term, also when the supplement came later
 *   or has not come at all. The stored end_on stays what happened; the
 *   clock uses the effective end (procedure_effective_end).
 * - Sources: the verzoek-aanvulling letter opens an aanvulling on the
 *   letter's date with the decision's term (letter.c, in the same
 *   transaction); the status move out of aanvulling gevraagd to compleet
 *   or in toetsing ends the open ones on that day, and the move to
 *   compleet dates complete_on when it is empty (dossier.c); by hand:
 *   procedure_add (an aanvulling asked outside toets, an agreed delay),
 *   procedure_resume, procedure_drop.
 * - The decision date: the local date on which the first approved
 *   decision to aanwijzen or afwijzen was approved, or the first move to
 *   ingetrokken (the application withdrawn). A suspension still open then
 *   ends, for the clock, on that day.
 *
 * Every change is one write transaction with its audit row; a change
 * after which clock_evaluate would refuse the dossier's events is refused
 * with its message. */
#ifndef TOETS_PROCEDURE_H
#define TOETS_PROCEDURE_H

#include <stdbool.h>
#include <stddef.h>

#include "toets/audit.h"
#include "toets/clock.h"
#include "toets/datetime.h"
#include "toets/dossier.h"
#include "toets/settings.h"
#include "toets/status.h"
#include "toets/store.h"

#define PROCEDURE_REASSESS_DAYS 90 /* a re-assessment this close is due (as in the register) */

enum suspension_kind {
	SUSPENSION_AANVULLING, /* "aanvulling": supplement asked (Awb 4:5, 4:15 lid 1 a) */
	SUSPENSION_UITSTEL,    /* "uitstel": a delay the applicant agreed to (Awb 4:15 lid 2) */
};

/* "aanvulling", "uitstel": the code stored and shown. */
const char *suspension_kind_code(enum suspension_kind k);
bool suspension_kind_parse(const char *text, enum suspension_kind *out);

struct suspension {
	int number; /* 1, 2, ... in the order of their start: how commands name them */
	char id[STORE_ID_LEN];
	enum suspension_kind kind;
	char start_on[DATE_LEN];
	char end_on[DATE_LEN];     /* the first day the term runs again; "" while open */
	char term_until[DATE_LEN]; /* aanvulling: the last day of the applicant's term; "" for none */
	char letter_id[STORE_ID_LEN]; /* the verzoek om aanvulling that opened it; "" */
	char letter_dated[DATE_LEN];  /* that letter's date; "" */
	char *reason;                 /* NULL when none */
	char *account, *at;           /* who recorded it, when (the last change) */
};

struct procedure {
	char dossier_id[STORE_ID_LEN];
	char reference[DOSSIER_REF_LEN];
	char *organisation;
	enum dossier_status status;
	char received_on[DATE_LEN]; /* "" when not received */
	char complete_on[DATE_LEN]; /* "" when not complete */
	char decided_on[DATE_LEN];  /* "" when not decided */
	/* How it was decided: "aanwijzen", "afwijzen" or "ingetrokken"; "" */
	char decided_how[16];
	struct suspension *suspensions;
	size_t n_suspensions;
};

/* The events of a dossier by reference (or id). */
enum toets_status procedure_load(struct store *s, const char *reference, struct procedure *out,
				 struct toets_error *e);
void procedure_release(struct procedure *p);

/* The day the suspension ends for the clock on `today`, into out: end_on,
 * or for an aanvulling with a term the day after the term when that
 * comes first (the term lapsed unused: not before `today` is that day),
 * or the decision date for one still open then; "" while it is open.
 * Returns whether the term decided it (it lapsed). */
bool procedure_effective_end(const struct procedure *p, const struct suspension *x, const char *today,
			     char out[DATE_LEN]);

/* The clock settings from the user's settings (service-days, near-days). */
void procedure_clock_settings(const struct settings *cfg, struct clock_settings *out);

/* The dossier's clock on `today`. TOETS_ERR_REFUSED when it was not
 * received (no clock); clock_evaluate's TOETS_ERR_INVALID, its message
 * naming the date at fault, when the events do not fit together. */
enum toets_status procedure_clock(const struct procedure *p, const char *today, const struct clock_settings *cs,
				  struct clock_result *out, struct toets_error *e);

/* ---- recording --------------------------------------------------------------------- */

struct procedure_suspension_new {
	enum suspension_kind kind;
	const char *start_on;   /* required: not after today */
	/* uitstel: the last day of the delay (required; the term runs again
	 * the day after); aanvulling: NULL (it is open until procedure_resume) */
	const char *until;
	const char *term_until; /* aanvulling: the applicant's term, its last day; NULL for none */
	const char *reason;     /* required for uitstel */
};

/* Records a suspension by hand; *number (may be NULL) gets its number. */
enum toets_status procedure_add(struct store *s, const char *reference, const struct procedure_suspension_new *in,
				int *number, struct toets_error *e);

/* Ends suspension `number` (0: every open one; refused when none is open)
 * on `on` (NULL: today), the first day the term runs again: the day the
 * supplement came in. Also corrects the end of an ended one by number.
 * *ended (may be NULL) gets how many were ended. */
enum toets_status procedure_resume(struct store *s, const char *reference, int number, const char *on,
				   int *ended, struct toets_error *e);

/* Removes a suspension recorded by hand (a mistake), with a reason; one
 * that a letter opened is refused (its end can be corrected instead). */
enum toets_status procedure_drop(struct store *s, const char *reference, int number, const char *reason,
				 struct toets_error *e);

/* ---- for dossier.c and letter.c, inside their transactions --------------------- */

/* A status move: to compleet dates complete_on when empty; out of
 * aanvulling gevraagd to compleet or in toetsing ends the open aanvulling
 * suspensions on `today`. What changed is added to the move's payload. */
enum toets_status procedure_on_move(struct store *s, const char *dossier_id, enum dossier_status from,
				    enum dossier_status to, const char *today, struct audit_payload *p,
				    struct toets_error *e);

/* A verzoek om aanvulling was issued: opens an aanvulling suspension on
 * its date with the term of its decision; id gets the suspension's id. */
enum toets_status procedure_open_from_letter(struct store *s, const char *dossier_id, const char *letter_id,
					     const char *dated, const char *decision_id, const char *account,
					     const char *at, char id[STORE_ID_LEN], struct toets_error *e);

/* Whether the dossier's events still fit together with this receipt
 * and completeness date (NULL: as stored; "": cleared): for 'dossier set'.
 * TOETS_ERR_INVALID with clock_evaluate's message when not. */
enum toets_status procedure_check_dates(struct store *s, const char *dossier_id, const char *received_on,
					const char *complete_on, struct toets_error *e);

/* ---- what is due ------------------------------------------------------------------- */

enum due_kind {
	DUE_LEGAL,      /* the legal term (Awb 4:13 and 4:15, Atw) */
	DUE_TERM,       /* the applicant's term for an aanvulling, while it is open */
	DUE_TARGET,     /* the NCSC's service target */
	DUE_REASSESS,   /* the re-assessment of a designation */
	DUE_KIND_COUNT
};

/* "legal-term", "aanvulling-term", "service-target", "re-assessment". */
const char *due_kind_code(enum due_kind k);

struct due_item {
	char reference[DOSSIER_REF_LEN];
	char *organisation;
	enum dossier_status status;
	enum due_kind kind;
	char date[DATE_LEN]; /* the deadline, term end or re-assessment date */
	int left;            /* date - today in calendar days: negative when past */
};

/* A dossier whose events do not fit together: its clock cannot be told. */
struct due_problem {
	char reference[DOSSIER_REF_LEN];
	char *message;
};

struct due_list {
	struct due_item *items;
	size_t n;
	struct due_problem *problems;
	size_t n_problems;
};

/* Everything due on `today`: for every dossier received and not decided,
 * the legal term and the service target that are past or come within
 * clock_days (their clock not suspended today), and an open aanvulling
 * whose term ends within clock_days or has lapsed; every designation (not
 * withdrawn) whose re-assessment is within reassess_days or overdue.
 * Sorted by `left`, then legal term, aanvulling term, service target,
 * re-assessment, then reference. */
enum toets_status procedure_due(struct store *s, const char *today, const struct clock_settings *cs,
				int clock_days, int reassess_days, struct due_list *out, struct toets_error *e);
void due_list_release(struct due_list *l);

/* ---- the aansluiting ----------------------------------------------------------------- */

struct aansluiting {
	/* The designation in force (status aangewezen or aangesloten): the
	 * local date of its approval and its effective date; "" when none. */
	char designated_on[DATE_LEN];
	char effective_on[DATE_LEN];
	bool recorded;             /* false: nothing recorded yet */
	char leidraad_on[DATE_LEN]; /* the leidraad voor samenwerking accepted; "" */
	char *leidraad_by;          /* by whom, for the partner; NULL */
	char ndn_on[DATE_LEN];      /* connected to the National Detection Network; "" */
	char *account, *at;         /* the last change */
};

/* NULL leaves a field as it is; "" clears it. */
struct aansluiting_change {
	const char *leidraad_on;
	const char *leidraad_by;
	const char *ndn_on;
};

/* The aansluiting of a dossier (by id); recorded false when none. */
enum toets_status aansluiting_get(struct store *s, const char *dossier_id, struct aansluiting *out,
				  struct toets_error *e);
void aansluiting_release(struct aansluiting *a);

/* Records the aansluiting of a designated dossier (an approved decision
 * to aanwijzen, not withdrawn): dates not after today nor before the
 * designation was approved; the leidraad with both its date and who
 * accepted it. */
enum toets_status aansluiting_set(struct store *s, const char *reference, const struct aansluiting_change *c,
				  struct toets_error *e);

#endif
