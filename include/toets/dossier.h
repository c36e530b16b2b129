/* dossier.h - organisations, dossiers and their status workflow, contacts
 * and notes. Every change is one write transaction with its audit row. */
#ifndef TOETS_DOSSIER_H
#define TOETS_DOSSIER_H

#include <stdbool.h>

#include "toets/category.h"
#include "toets/status.h"
#include "toets/store.h"

#define DOSSIER_REF_LEN 16 /* "2026-0007" and room to spare */

/* The workflow. Dutch names are what assessors see (dossier_status_name). */
enum dossier_status {
	STATUS_AANGEMELD,           /* aangemeld: first contact */
	STATUS_ONTVANGEN,           /* ontvangen: application received */
	STATUS_COMPLEET,            /* compleet: the dossier is complete */
	STATUS_IN_TOETSING,         /* in toetsing */
	STATUS_AANVULLING_GEVRAAGD, /* aanvulling gevraagd (Awb 4:5) */
	STATUS_BESLUIT_VOORGESTELD, /* besluit voorgesteld */
	STATUS_AANGEWEZEN,          /* aangewezen */
	STATUS_AFGEWEZEN,           /* afgewezen */
	STATUS_AANGESLOTEN,         /* aangesloten: connected */
	STATUS_INGETROKKEN,         /* ingetrokken: the application was withdrawn */
	STATUS_AANWIJZING_INGETROKKEN, /* aanwijzing ingetrokken: designation withdrawn */
	STATUS_COUNT
};

/* "in_toetsing": the code stored and typed on the command line. */
const char *dossier_status_code(enum dossier_status s);
/* "in toetsing": the Dutch name shown. */
const char *dossier_status_name(enum dossier_status s);
/* Accepts the code or the name. */
bool dossier_status_parse(const char *text, enum dossier_status *out);
/* Whether an assessor may make the move by hand ('toets dossier status'). */
bool dossier_transition_allowed(enum dossier_status from, enum dossier_status to);
/* Whether the move is in the workflow at all, by hand or by decision. */
bool dossier_transition_in_workflow(enum dossier_status from, enum dossier_status to);
/* Whether only a decision makes this move: to besluit voorgesteld,
 * aangewezen, afgewezen, aanwijzing ingetrokken, and out of besluit
 * voorgesteld (approved or sent back). */
bool dossier_transition_by_decision(enum dossier_status from, enum dossier_status to);
/* Whether a move to `to` from `from` must give a reason. */
bool dossier_transition_needs_reason(enum dossier_status from, enum dossier_status to);
/* The statuses reachable from `from`, as Dutch names: "ontvangen, ingetrokken". */
void dossier_format_next(enum dossier_status from, struct strbuf *out);

struct organisation {
	char *name;
	char *kvk;
	char *legal_form;
	char *address;
	char *website;
	char *representative;
};

struct dossier {
	char *id;
	char *reference;
	char *organisation_id;
	enum category category;
	char *assessor;
	enum dossier_status status;
	char *received_on;
	char *created_at;
	char *updated_at;
	struct organisation org;
};

struct dossier_new {
	struct organisation org;
	enum category category;
	const char *assessor;    /* NULL: the account creating it */
	const char *received_on; /* NULL when not yet received */
};

/* Creates the organisation and its dossier, status aangemeld, with the
 * next reference of this year ("2026-0007"). */
enum toets_status dossier_create(struct store *s, const struct dossier_new *in,
				 char reference[DOSSIER_REF_LEN], struct toets_error *e);

/* The id of the dossier with this reference (or id). */
enum toets_status dossier_lookup(struct store *s, const char *reference, char id[STORE_ID_LEN],
				 struct toets_error *e);

/* Looks a dossier up by reference (or id). */
enum toets_status dossier_get(struct store *s, const char *reference, struct dossier *out,
			      struct toets_error *e);
void dossier_release(struct dossier *d);

struct dossier_filter {
	int status;        /* an enum dossier_status, or -1 for all */
	int category;      /* an enum category, or -1 for all */
	const char *after; /* keyset paging: references after this one */
	int limit;         /* 0: no limit */
};

#define DOSSIER_FILTER_ALL { -1, -1, NULL, 0 }

/* Calls fn for each dossier in reference order; stops when it returns false. */
enum toets_status dossier_list(struct store *s, const struct dossier_filter *f,
			       bool (*fn)(const struct dossier *d, void *ctx), void *ctx,
			       struct toets_error *e);

/* The fields `dossier_set` takes, for help texts. */
extern const char *const dossier_fields[];

/* Changes one field: name, kvk, legal_form, address, website,
 * representative, category, assessor, received_on, complete_on (the two
 * dates only as far as the clock's other events allow: procedure.h). An
 * empty value clears an optional field. */
enum toets_status dossier_set(struct store *s, const char *reference, const char *field,
			      const char *value, struct toets_error *e);

/* Moves the dossier to another status; a refusal names the allowed ones. */
enum toets_status dossier_transition(struct store *s, const char *reference,
				     enum dossier_status to, const char *reason,
				     struct toets_error *e);

/* The id and status of a dossier by reference (or id). */
enum toets_status dossier_find(struct store *s, const char *reference, char id[STORE_ID_LEN],
			       enum dossier_status *status, struct toets_error *e);

/* For the decision module, inside its transaction: the status move and its
 * history row (the caller writes the audit row). */
enum toets_status dossier_move(struct store *s, const char *dossier_id, enum dossier_status from,
			       enum dossier_status to, const char *reason, const char *account,
			       const char *at, struct toets_error *e);

struct status_change {
	const char *from; /* NULL for the first */
	const char *to;
	const char *account;
	const char *at;
	const char *reason; /* NULL when none */
};

enum toets_status dossier_history(struct store *s, const char *dossier_id,
				  bool (*fn)(const struct status_change *c, void *ctx), void *ctx,
				  struct toets_error *e);

struct contact {
	const char *name;
	const char *role;
	const char *email;
	const char *phone;
	const char *pgp_fingerprint;
	bool operational; /* an operational (24/7) contact: the aansluiting's */
};

enum toets_status contact_add(struct store *s, const char *reference, const struct contact *c,
			      struct toets_error *e);
enum toets_status contact_list(struct store *s, const char *dossier_id,
			       bool (*fn)(const struct contact *c, void *ctx), void *ctx,
			       struct toets_error *e);

struct note {
	const char *text;
	const char *account;
	const char *at;
};

enum toets_status note_add(struct store *s, const char *reference, const char *text,
			   struct toets_error *e);
enum toets_status note_list(struct store *s, const char *dossier_id,
			    bool (*fn)(const struct note *n, void *ctx), void *ctx,
			    struct toets_error *e);

#endif
