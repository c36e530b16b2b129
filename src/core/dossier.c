/* dossier.c - organisations, dossiers, the status workflow, contacts, notes. */
#include "toets/dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/audit.h"
#include "toets/datetime.h"
#include "toets/i18n.h"
#include "toets/ident.h"
#include "toets/procedure.h"
#include "toets/search.h"
#include "toets/utf8.h"
#include "toets/validate.h"
#include "toets/xalloc.h"

/* ---- the workflow --------------------------------------------------------------- */

static const struct {
	const char *code;
	const char *name;
} statuses[STATUS_COUNT] = {
	[STATUS_AANGEMELD] = { "aangemeld", "aangemeld" },
	[STATUS_ONTVANGEN] = { "ontvangen", "ontvangen" },
	[STATUS_COMPLEET] = { "compleet", "compleet" },
	[STATUS_IN_TOETSING] = { "in_toetsing", "in toetsing" },
	[STATUS_AANVULLING_GEVRAAGD] = { "aanvulling_gevraagd", "aanvulling gevraagd" },
	[STATUS_BESLUIT_VOORGESTELD] = { "besluit_voorgesteld", "besluit voorgesteld" },
	[STATUS_AANGEWEZEN] = { "aangewezen", "aangewezen" },
	[STATUS_AFGEWEZEN] = { "afgewezen", "afgewezen" },
	[STATUS_AANGESLOTEN] = { "aangesloten", "aangesloten" },
	[STATUS_INGETROKKEN] = { "ingetrokken", "ingetrokken" },
	[STATUS_AANWIJZING_INGETROKKEN] = { "aanwijzing_ingetrokken", "aanwijzing ingetrokken" },
};

#define TO(s) (1u << (s))

/* The one transition table: from each status, where a dossier may go.
 * An open application can be withdrawn (ingetrokken) from every state
 * before the decision; a designation is withdrawn (intrekking) later. */
static const unsigned transitions[STATUS_COUNT] = {
	[STATUS_AANGEMELD] = TO(STATUS_ONTVANGEN) | TO(STATUS_INGETROKKEN),
	[STATUS_ONTVANGEN] = TO(STATUS_COMPLEET) | TO(STATUS_AANVULLING_GEVRAAGD) | TO(STATUS_INGETROKKEN),
	[STATUS_COMPLEET] = TO(STATUS_IN_TOETSING) | TO(STATUS_INGETROKKEN),
	[STATUS_IN_TOETSING] = TO(STATUS_AANVULLING_GEVRAAGD) | TO(STATUS_BESLUIT_VOORGESTELD) |
			       TO(STATUS_INGETROKKEN),
	[STATUS_AANVULLING_GEVRAAGD] = TO(STATUS_IN_TOETSING) | TO(STATUS_COMPLEET) | TO(STATUS_INGETROKKEN),
	/* While a proposal waits, only its approval or return moves the
	 * dossier (to withdraw the application, send the proposal back). */
	[STATUS_BESLUIT_VOORGESTELD] = TO(STATUS_AANGEWEZEN) | TO(STATUS_AFGEWEZEN) |
				       TO(STATUS_AANVULLING_GEVRAAGD) | TO(STATUS_IN_TOETSING),
	[STATUS_AANGEWEZEN] = TO(STATUS_AANGESLOTEN) | TO(STATUS_AANWIJZING_INGETROKKEN),
	[STATUS_AFGEWEZEN] = 0,
	[STATUS_AANGESLOTEN] = TO(STATUS_AANWIJZING_INGETROKKEN),
	[STATUS_INGETROKKEN] = 0,
	[STATUS_AANWIJZING_INGETROKKEN] = 0,
};

const char *dossier_status_code(enum dossier_status s)
{
	return s < STATUS_COUNT ? statuses[s].code : "?";
}

const char *dossier_status_name(enum dossier_status s)
{
	return s < STATUS_COUNT ? statuses[s].name : "?";
}

bool dossier_status_parse(const char *text, enum dossier_status *out)
{
	for (int i = 0; i < STATUS_COUNT; i++) {
		if (strcmp(text, statuses[i].code) == 0 || strcmp(text, statuses[i].name) == 0) {
			*out = (enum dossier_status)i;
			return true;
		}
	}
	return false;
}

bool dossier_transition_in_workflow(enum dossier_status from, enum dossier_status to)
{
	return from < STATUS_COUNT && to < STATUS_COUNT && (transitions[from] & TO(to));
}

/* Proposing, deciding and sending back are the decision module's: four
 * eyes stand between the assessor and these statuses. */
bool dossier_transition_by_decision(enum dossier_status from, enum dossier_status to)
{
	return from == STATUS_BESLUIT_VOORGESTELD || to == STATUS_BESLUIT_VOORGESTELD ||
	       to == STATUS_AANGEWEZEN || to == STATUS_AFGEWEZEN || to == STATUS_AANWIJZING_INGETROKKEN;
}

bool dossier_transition_allowed(enum dossier_status from, enum dossier_status to)
{
	return dossier_transition_in_workflow(from, to) && !dossier_transition_by_decision(from, to);
}

bool dossier_transition_needs_reason(enum dossier_status from, enum dossier_status to)
{
	return to == STATUS_INGETROKKEN || to == STATUS_AFGEWEZEN ||
	       to == STATUS_AANWIJZING_INGETROKKEN ||
	       (from == STATUS_BESLUIT_VOORGESTELD && to == STATUS_IN_TOETSING);
}

void dossier_format_next(enum dossier_status from, struct strbuf *out)
{
	const char *sep = "";
	for (int i = 0; i < STATUS_COUNT; i++) {
		if (dossier_transition_allowed(from, (enum dossier_status)i)) {
			strbuf_addf(out, "%s%s", sep, statuses[i].name);
			sep = ", ";
		}
	}
	if (*sep)
		return;
	for (int i = 0; i < STATUS_COUNT; i++)
		if (dossier_transition_in_workflow(from, (enum dossier_status)i)) {
			strbuf_adds(out, _("none by hand; an approved decision moves it on ('toets decision')"));
			return;
		}
	strbuf_adds(out, _("none (this is a final status)"));
}

/* ---- helpers ----------------------------------------------------------------------- */

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static enum toets_status check_org(const struct organisation *o, struct toets_error *e)
{
	const char *why;
	if (!o->name || !*o->name)
		return toets_fail(e, TOETS_ERR_INVALID, _("the organisation needs a name"));
	if ((why = validate_line(o->name, 500)))
		return toets_fail(e, TOETS_ERR_INVALID, _("name: %s"), why);
	if (o->kvk && *o->kvk && (why = validate_kvk(o->kvk)))
		return toets_fail(e, TOETS_ERR_INVALID, _("KvK number '%s': %s"), o->kvk, why);
	if (o->website && *o->website && (why = validate_website(o->website)))
		return toets_fail(e, TOETS_ERR_INVALID, _("website: %s"), why);
	const char *texts[] = { o->legal_form, o->address, o->representative };
	for (size_t i = 0; i < 3; i++)
		if (texts[i] && (why = validate_text(texts[i], 2000)))
			return toets_fail(e, TOETS_ERR_INVALID, "%s", why);
	return TOETS_OK;
}

/* The dossier id, status and organisation of a reference, inside a
 * transaction or not. */
static enum toets_status find(struct store *s, const char *reference, char id[STORE_ID_LEN],
			      enum dossier_status *status, char org_id[STORE_ID_LEN],
			      struct toets_error *e)
{
	static const char sql[] =
		"SELECT id, status, organisation_id FROM dossier WHERE reference = ?1 OR id = ?1";
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, reference, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(id, STORE_ID_LEN, "%s", store_text(st, 0));
		if (org_id)
			snprintf(org_id, STORE_ID_LEN, "%s", store_text(st, 2));
		if (status && !dossier_status_parse(store_text(st, 1), status))
			*status = STATUS_COUNT;
		sqlite3_reset(st);
		return TOETS_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("looking up the dossier"), e);
	return toets_fail(e, TOETS_ERR_NOT_FOUND, _("no dossier %s (see 'toets dossier list')"), reference);
}

static enum toets_status record_status(struct store *s, const char *dossier_id, const char *from,
				       const char *to, const char *account, const char *at,
				       const char *reason, struct toets_error *e)
{
	static const char sql[] =
		"INSERT INTO status_change (id, dossier_id, from_status, to_status, account, at, reason) "
		"VALUES (?, ?, ?, ?, ?, ?, ?)";
	char id[STORE_ID_LEN];
	store_new_id(id);
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, dossier_id, -1, SQLITE_TRANSIENT);
	bind_opt(st, 3, from);
	sqlite3_bind_text(st, 4, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, at, -1, SQLITE_TRANSIENT);
	bind_opt(st, 7, reason);
	return store_step_done(s, st, _("recording the status"), e);
}

enum toets_status dossier_lookup(struct store *s, const char *reference, char id[STORE_ID_LEN],
				 struct toets_error *e)
{
	return find(s, reference, id, NULL, NULL, e);
}

/* ---- creating ------------------------------------------------------------------------ */

static enum toets_status next_reference(struct store *s, int year, int *seq, struct toets_error *e)
{
	static const char sql[] = "SELECT coalesce(max(ref_seq), 0) + 1 FROM dossier WHERE ref_year = ?";
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int(st, 1, year);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*seq = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, _("numbering the dossier"), e);
	if (*seq > 9999)
		return toets_fail(e, TOETS_ERR_REFUSED, _("more than 9999 dossiers in %d"), year);
	return TOETS_OK;
}

enum toets_status dossier_create(struct store *s, const struct dossier_new *in,
				 char reference[DOSSIER_REF_LEN], struct toets_error *e)
{
	static const char sql_org[] =
		"INSERT INTO organisation (id, name, kvk, legal_form, address, website, representative, "
		"created_at, updated_at, sort_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?8, ?9)";
	static const char sql_dossier[] =
		"INSERT INTO dossier (id, reference, ref_year, ref_seq, organisation_id, category, assessor, "
		"status, received_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?10)";
	enum toets_status st = check_org(&in->org, e);
	if (st != TOETS_OK)
		return st;
	if (in->received_on && *in->received_on && !date_valid(in->received_on))
		return toets_fail(e, TOETS_ERR_INVALID, _("date received '%s': %s"), in->received_on,
				  validate_date(in->received_on));
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	const char *assessor = in->assessor && *in->assessor ? in->assessor : account;

	if ((st = store_begin(s, e)) != TOETS_OK)
		return st;
	char org_id[STORE_ID_LEN], id[STORE_ID_LEN], at[TIMESTAMP_LEN];
	store_new_id(org_id);
	store_new_id(id);
	timestamp_now(at);
	int year = date_year(), seq = 0;
	if ((st = next_reference(s, year, &seq, e)) != TOETS_OK)
		return store_abort(s, st);
	snprintf(reference, DOSSIER_REF_LEN, "%d-%04d", year, seq);

	sqlite3_stmt *q = store_prepare(s, sql_org, e);
	if (!q)
		return store_abort(s, e->status);
	sqlite3_bind_text(q, 1, org_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, in->org.name, -1, SQLITE_TRANSIENT);
	bind_opt(q, 3, in->org.kvk);
	bind_opt(q, 4, in->org.legal_form);
	bind_opt(q, 5, in->org.address);
	bind_opt(q, 6, in->org.website);
	bind_opt(q, 7, in->org.representative);
	sqlite3_bind_text(q, 8, at, -1, SQLITE_TRANSIENT);
	struct strbuf sort_key = STRBUF_INIT;
	utf8_sort_key(in->org.name, &sort_key);
	sqlite3_bind_text(q, 9, strbuf_str(&sort_key), -1, SQLITE_TRANSIENT);
	st = store_step_done(s, q, _("storing the organisation"), e);
	strbuf_release(&sort_key);
	if (st != TOETS_OK)
		return store_abort(s, st);

	q = store_prepare(s, sql_dossier, e);
	if (!q)
		return store_abort(s, e->status);
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, reference, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 3, year);
	sqlite3_bind_int(q, 4, seq);
	sqlite3_bind_text(q, 5, org_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 6, category_code(in->category), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, assessor, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 8, dossier_status_code(STATUS_AANGEMELD), -1, SQLITE_STATIC);
	bind_opt(q, 9, in->received_on);
	sqlite3_bind_text(q, 10, at, -1, SQLITE_TRANSIENT);
	if ((st = store_step_done(s, q, _("storing the dossier"), e)) != TOETS_OK)
		return store_abort(s, st);
	st = record_status(s, id, NULL, dossier_status_code(STATUS_AANGEMELD), account, at, NULL, e);
	if (st == TOETS_OK)
		st = search_index(s, "organisation", org_id, NULL, in->org.name, e);
	if (st == TOETS_OK)
		st = search_index(s, "dossier", id, id, reference, e);
	if (st != TOETS_OK)
		return store_abort(s, st);

	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "reference", reference);
	audit_payload_add(&p, "organisation", org_id);
	audit_payload_add(&p, "name", in->org.name);
	audit_payload_add(&p, "kvk", in->org.kvk);
	audit_payload_add(&p, "legal_form", in->org.legal_form);
	audit_payload_add(&p, "address", in->org.address);
	audit_payload_add(&p, "website", in->org.website);
	audit_payload_add(&p, "representative", in->org.representative);
	audit_payload_add(&p, "category", category_code(in->category));
	audit_payload_add(&p, "assessor", assessor);
	audit_payload_add(&p, "received_on", in->received_on);
	return audit_commit(s, account, "dossier.create", id, &p, e);
}

/* ---- reading --------------------------------------------------------------------------- */

#define DOSSIER_COLUMNS \
	"d.id, d.reference, d.organisation_id, d.category, d.assessor, d.status, d.received_on, " \
	"d.created_at, d.updated_at, o.name, o.kvk, o.legal_form, o.address, o.website, o.representative"

static void fill(sqlite3_stmt *st, struct dossier *d)
{
	d->id = store_strdup(st, 0);
	d->reference = store_strdup(st, 1);
	d->organisation_id = store_strdup(st, 2);
	enum category c = CATEGORY_OKTT;
	category_parse(store_text(st, 3), &c);
	d->category = c;
	d->assessor = store_strdup(st, 4);
	enum dossier_status status = STATUS_COUNT;
	dossier_status_parse(store_text(st, 5), &status);
	d->status = status;
	d->received_on = store_strdup(st, 6);
	d->created_at = store_strdup(st, 7);
	d->updated_at = store_strdup(st, 8);
	d->org.name = store_strdup(st, 9);
	d->org.kvk = store_strdup(st, 10);
	d->org.legal_form = store_strdup(st, 11);
	d->org.address = store_strdup(st, 12);
	d->org.website = store_strdup(st, 13);
	d->org.representative = store_strdup(st, 14);
}

void dossier_release(struct dossier *d)
{
	char **fields[] = { &d->id, &d->reference, &d->organisation_id, &d->assessor, &d->received_on,
			    &d->created_at, &d->updated_at, &d->org.name, &d->org.kvk,
			    &d->org.legal_form, &d->org.address, &d->org.website,
			    &d->org.representative };
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		xfree(fields[i]);
}

enum toets_status dossier_get(struct store *s, const char *reference, struct dossier *out,
			      struct toets_error *e)
{
	static const char sql[] = "SELECT " DOSSIER_COLUMNS " FROM dossier d "
				  "JOIN organisation o ON o.id = d.organisation_id "
				  "WHERE d.reference = ?1 OR d.id = ?1";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, reference, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fill(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return TOETS_OK;
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the dossier"), e);
	return toets_fail(e, TOETS_ERR_NOT_FOUND, _("no dossier %s (see 'toets dossier list')"), reference);
}

enum toets_status dossier_list(struct store *s, const struct dossier_filter *f,
			       bool (*fn)(const struct dossier *d, void *ctx), void *ctx,
			       struct toets_error *e)
{
	/* One statement for every filter: NULL parameters match all. It walks
	 * the reference index; the screens page with listing.c instead. */
	static const char sql[] = "SELECT " DOSSIER_COLUMNS " FROM dossier d "
				  "JOIN organisation o ON o.id = d.organisation_id "
				  "WHERE (?1 IS NULL OR d.status = ?1) AND (?2 IS NULL OR d.category = ?2) "
				  "AND (?3 IS NULL OR d.reference > ?3) "
				  "ORDER BY d.reference LIMIT ?4";
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	if (f->status >= 0)
		sqlite3_bind_text(st, 1, dossier_status_code((enum dossier_status)f->status), -1, SQLITE_STATIC);
	if (f->category >= 0)
		sqlite3_bind_text(st, 2, category_code((enum category)f->category), -1, SQLITE_STATIC);
	bind_opt(st, 3, f->after);
	sqlite3_bind_int(st, 4, f->limit > 0 ? f->limit : -1);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct dossier d;
		fill(st, &d);
		bool more = fn(&d, ctx);
		dossier_release(&d);
		if (!more) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("listing dossiers"), e);
	return TOETS_OK;
}

/* ---- changing ------------------------------------------------------------------------------ */

const char *const dossier_fields[] = {
	"name", "kvk", "legal_form", "address", "website", "representative",
	"category", "assessor", "received_on", "complete_on", NULL,
};

/* Checks a new value for a field; returns the reason it is refused. */
static const char *check_field(const char *field, const char *value)
{
	if (strcmp(field, "name") == 0)
		return *value ? validate_line(value, 500) : _("the organisation needs a name");
	if (!*value)
		return strcmp(field, "category") == 0 ? _("a dossier needs a category") : NULL;
	if (strcmp(field, "kvk") == 0)
		return validate_kvk(value);
	if (strcmp(field, "website") == 0)
		return validate_website(value);
	if (strcmp(field, "received_on") == 0 || strcmp(field, "complete_on") == 0)
		return validate_date(value);
	if (strcmp(field, "category") == 0) {
		enum category c;
		return category_parse(value, &c) ? NULL : _("the category is oktt, csirt, cert or isp");
	}
	return validate_text(value, 2000);
}

enum toets_status dossier_set(struct store *s, const char *reference, const char *field,
			      const char *value, struct toets_error *e)
{
	/* Column names cannot be bound: each field has its own constant SQL. */
	static const struct {
		const char *field;
		const char *sql;
		bool organisation;
	} setters[] = {
		{ "name", "UPDATE organisation SET name = ?1, updated_at = ?2, sort_name = ?4 WHERE id = ?3", true },
		{ "kvk", "UPDATE organisation SET kvk = ?1, updated_at = ?2 WHERE id = ?3", true },
		{ "legal_form", "UPDATE organisation SET legal_form = ?1, updated_at = ?2 WHERE id = ?3", true },
		{ "address", "UPDATE organisation SET address = ?1, updated_at = ?2 WHERE id = ?3", true },
		{ "website", "UPDATE organisation SET website = ?1, updated_at = ?2 WHERE id = ?3", true },
		{ "representative", "UPDATE organisation SET representative = ?1, updated_at = ?2 WHERE id = ?3", true },
		{ "category", "UPDATE dossier SET category = ?1, updated_at = ?2 WHERE id = ?3", false },
		{ "assessor", "UPDATE dossier SET assessor = ?1, updated_at = ?2 WHERE id = ?3", false },
		{ "received_on", "UPDATE dossier SET received_on = ?1, updated_at = ?2 WHERE id = ?3", false },
		/* The clock's completeness date (procedure.h). Not yet named in
		 * dossier_fields: its list is compared by cases that follow. */
		{ "complete_on", "UPDATE dossier SET complete_on = ?1, updated_at = ?2 WHERE id = ?3", false },
	};
	size_t i = 0;
	while (i < sizeof(setters) / sizeof(setters[0]) && strcmp(setters[i].field, field) != 0)
		i++;
	if (i == sizeof(setters) / sizeof(setters[0])) {
		struct strbuf names = STRBUF_INIT;
		for (size_t j = 0; dossier_fields[j]; j++)
			strbuf_addf(&names, "%s%s", j ? ", " : "", dossier_fields[j]);
		enum toets_status st = toets_fail(e, TOETS_ERR_INVALID, _("unknown field '%s'; the fields are: %s"),
						  field, strbuf_str(&names));
		strbuf_release(&names);
		return st;
	}
	const char *why = check_field(field, value);
	if (why)
		return toets_fail(e, TOETS_ERR_INVALID, _("%s '%s': %s"), field, value, why);
	const char *account = ident_account(e);
	if (!account)
		return e->status;

	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	char id[STORE_ID_LEN], org_id[STORE_ID_LEN], at[TIMESTAMP_LEN];
	if ((st = find(s, reference, id, NULL, org_id, e)) != TOETS_OK)
		return store_abort(s, st);
	/* The clock's dates must still fit its other events. */
	bool received = strcmp(field, "received_on") == 0, complete = strcmp(field, "complete_on") == 0;
	if ((received || complete) &&
	    (st = procedure_check_dates(s, id, received ? value : NULL, complete ? value : NULL, e)) != TOETS_OK)
		return store_abort(s, st);
	timestamp_now(at);
	sqlite3_stmt *q = store_prepare(s, setters[i].sql, e);
	if (!q)
		return store_abort(s, e->status);
	bind_opt(q, 1, value);
	sqlite3_bind_text(q, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, setters[i].organisation ? org_id : id, -1, SQLITE_TRANSIENT);
	if (strcmp(field, "name") == 0) {
		struct strbuf sort_key = STRBUF_INIT;
		utf8_sort_key(value, &sort_key);
		sqlite3_bind_text(q, 4, strbuf_str(&sort_key), -1, SQLITE_TRANSIENT);
		strbuf_release(&sort_key);
	}
	if ((st = store_step_done(s, q, _("changing the dossier"), e)) != TOETS_OK)
		return store_abort(s, st);
	if (strcmp(field, "name") == 0 &&
	    (st = search_index(s, "organisation", org_id, NULL, value, e)) != TOETS_OK)
		return store_abort(s, st);
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "field", field);
	audit_payload_add(&p, "value", *value ? value : NULL);
	return audit_commit(s, account, "dossier.set", id, &p, e);
}

enum toets_status dossier_transition(struct store *s, const char *reference,
				     enum dossier_status to, const char *reason,
				     struct toets_error *e)
{
	static const char sql_status[] = "UPDATE dossier SET status = ?1, updated_at = ?2 WHERE id = ?3";
	static const char sql_received[] =
		"UPDATE dossier SET received_on = ?1 WHERE id = ?2 AND received_on IS NULL";
	if (reason && *reason) {
		const char *why = validate_text(reason, 4000);
		if (why)
			return toets_fail(e, TOETS_ERR_INVALID, _("reason: %s"), why);
	}
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	char id[STORE_ID_LEN], at[TIMESTAMP_LEN];
	enum dossier_status from;
	if ((st = find(s, reference, id, &from, NULL, e)) != TOETS_OK)
		return store_abort(s, st);
	if (dossier_transition_in_workflow(from, to) && dossier_transition_by_decision(from, to))
		return store_abort(s, toets_fail(e, TOETS_ERR_REFUSED,
					      _("dossier %s goes from \"%s\" to \"%s\" only by a decision "
						"that another assessor approved ('toets decision')"),
					      reference, dossier_status_name(from), dossier_status_name(to)));
	if (!dossier_transition_allowed(from, to)) {
		struct strbuf next = STRBUF_INIT;
		dossier_format_next(from, &next);
		st = toets_fail(e, TOETS_ERR_REFUSED,
				_("dossier %s cannot go from \"%s\" to \"%s\"; from \"%s\" it can go to: %s"),
				reference, dossier_status_name(from), dossier_status_name(to),
				dossier_status_name(from), strbuf_str(&next));
		strbuf_release(&next);
		return store_abort(s, st);
	}
	if (dossier_transition_needs_reason(from, to) && validate_blank(reason))
		return store_abort(s, toets_fail(e, TOETS_ERR_INVALID,
					      _("going to \"%s\" needs a reason (--reason TEXT)"),
					      dossier_status_name(to)));
	timestamp_now(at);
	sqlite3_stmt *q = store_prepare(s, sql_status, e);
	if (!q)
		return store_abort(s, e->status);
	sqlite3_bind_text(q, 1, dossier_status_code(to), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, id, -1, SQLITE_TRANSIENT);
	if ((st = store_step_done(s, q, _("changing the status"), e)) != TOETS_OK)
		return store_abort(s, st);
	/* Receipt starts the legal clock: date it if nobody did yet. */
	char today[DATE_LEN] = "";
	if (to == STATUS_ONTVANGEN) {
		date_today(today);
		q = store_prepare(s, sql_received, e);
		if (!q)
			return store_abort(s, e->status);
		sqlite3_bind_text(q, 1, today, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, id, -1, SQLITE_TRANSIENT);
		if ((st = store_step_done(s, q, _("dating the receipt"), e)) != TOETS_OK)
			return store_abort(s, st);
	}
	st = record_status(s, id, dossier_status_code(from), dossier_status_code(to), account, at,
			   reason, e);
	if (st != TOETS_OK)
		return store_abort(s, st);
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "from", dossier_status_code(from));
	audit_payload_add(&p, "to", dossier_status_code(to));
	audit_payload_add(&p, "reason", reason && *reason ? reason : NULL);
	/* The clock: completeness dated, an aanvulling received (procedure.h). */
	if (!today[0])
		date_today(today);
	if ((st = procedure_on_move(s, id, from, to, today, &p, e)) != TOETS_OK) {
		audit_payload_release(&p);
		return store_abort(s, st);
	}
	return audit_commit(s, account, "dossier.status", id, &p, e);
}

enum toets_status dossier_find(struct store *s, const char *reference, char id[STORE_ID_LEN],
			       enum dossier_status *status, struct toets_error *e)
{
	return find(s, reference, id, status, NULL, e);
}

enum toets_status dossier_move(struct store *s, const char *dossier_id, enum dossier_status from,
			       enum dossier_status to, const char *reason, const char *account,
			       const char *at, struct toets_error *e)
{
	static const char sql_status[] = "UPDATE dossier SET status = ?1, updated_at = ?2 WHERE id = ?3";
	if (!dossier_transition_in_workflow(from, to))
		return toets_fail(e, TOETS_ERR_INTERNAL, "no move from %s to %s", dossier_status_code(from),
				  dossier_status_code(to));
	sqlite3_stmt *q = store_prepare(s, sql_status, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, dossier_status_code(to), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, dossier_id, -1, SQLITE_STATIC);
	enum toets_status st = store_step_done(s, q, _("changing the status"), e);
	if (st != TOETS_OK)
		return st;
	return record_status(s, dossier_id, dossier_status_code(from), dossier_status_code(to), account, at,
			     reason, e);
}

enum toets_status dossier_history(struct store *s, const char *dossier_id,
				  bool (*fn)(const struct status_change *c, void *ctx), void *ctx,
				  struct toets_error *e)
{
	static const char sql[] = "SELECT from_status, to_status, account, at, reason FROM status_change "
				  "WHERE dossier_id = ? ORDER BY at, rowid";
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, dossier_id, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct status_change c = {
			(const char *)sqlite3_column_text(st, 0), store_text(st, 1), store_text(st, 2),
			store_text(st, 3), (const char *)sqlite3_column_text(st, 4),
		};
		if (!fn(&c, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the status history"), e);
	return TOETS_OK;
}

/* ---- contacts and notes ----------------------------------------------------------------- */

enum toets_status contact_add(struct store *s, const char *reference, const struct contact *c,
			      struct toets_error *e)
{
	static const char sql[] =
		"INSERT INTO contact (id, dossier_id, name, role, email, phone, pgp_fingerprint, added_by, "
		"added_at, operational) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	const char *why;
	char fpr[41] = "";
	if (!c->name || !*c->name)
		return toets_fail(e, TOETS_ERR_INVALID, _("a contact needs a name"));
	if ((why = validate_line(c->name, 500)) || (c->role && (why = validate_line(c->role, 500))))
		return toets_fail(e, TOETS_ERR_INVALID, "%s", why);
	if (c->email && *c->email && (why = validate_email(c->email)))
		return toets_fail(e, TOETS_ERR_INVALID, _("e-mail '%s': %s"), c->email, why);
	if (c->phone && *c->phone && (why = validate_phone(c->phone)))
		return toets_fail(e, TOETS_ERR_INVALID, _("phone '%s': %s"), c->phone, why);
	if (c->pgp_fingerprint && *c->pgp_fingerprint &&
	    (why = validate_fingerprint(c->pgp_fingerprint, fpr)))
		return toets_fail(e, TOETS_ERR_INVALID, _("PGP fingerprint: %s"), why);
	/* The NCSC reaches an operational contact day and night. */
	if (c->operational && validate_blank(c->phone) && validate_blank(c->email))
		return toets_fail(e, TOETS_ERR_INVALID,
				  _("an operational contact needs a 24/7 phone number or an e-mail address "
				    "(--phone, --email)"));
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	char dossier_id[STORE_ID_LEN], id[STORE_ID_LEN], at[TIMESTAMP_LEN];
	if ((st = find(s, reference, dossier_id, NULL, NULL, e)) != TOETS_OK)
		return store_abort(s, st);
	store_new_id(id);
	timestamp_now(at);
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return store_abort(s, e->status);
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, dossier_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, c->name, -1, SQLITE_TRANSIENT);
	bind_opt(q, 4, c->role);
	bind_opt(q, 5, c->email);
	bind_opt(q, 6, c->phone);
	bind_opt(q, 7, fpr);
	sqlite3_bind_text(q, 8, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 9, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 10, c->operational ? 1 : 0);
	if ((st = store_step_done(s, q, _("storing the contact"), e)) != TOETS_OK)
		return store_abort(s, st);
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "contact", id);
	audit_payload_add(&p, "name", c->name);
	audit_payload_add(&p, "role", c->role);
	audit_payload_add(&p, "email", c->email);
	audit_payload_add(&p, "phone", c->phone);
	audit_payload_add(&p, "pgp_fingerprint", *fpr ? fpr : NULL);
	if (c->operational)
		audit_payload_add(&p, "operational", "1");
	return audit_commit(s, account, "contact.add", dossier_id, &p, e);
}

enum toets_status contact_list(struct store *s, const char *dossier_id,
			       bool (*fn)(const struct contact *c, void *ctx), void *ctx,
			       struct toets_error *e)
{
	static const char sql[] = "SELECT name, role, email, phone, pgp_fingerprint, operational FROM contact "
				  "WHERE dossier_id = ? ORDER BY added_at, rowid";
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, dossier_id, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct contact c = {
			store_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4), sqlite3_column_int(st, 5) != 0,
		};
		if (!fn(&c, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading contacts"), e);
	return TOETS_OK;
}

enum toets_status note_add(struct store *s, const char *reference, const char *text,
			   struct toets_error *e)
{
	static const char sql[] = "INSERT INTO note (id, dossier_id, text, account, at) VALUES (?, ?, ?, ?, ?)";
	const char *why = text && *text ? validate_text(text, 100000) : _("the note is empty");
	if (why)
		return toets_fail(e, TOETS_ERR_INVALID, _("note: %s"), why);
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	char dossier_id[STORE_ID_LEN], id[STORE_ID_LEN], at[TIMESTAMP_LEN];
	if ((st = find(s, reference, dossier_id, NULL, NULL, e)) != TOETS_OK)
		return store_abort(s, st);
	store_new_id(id);
	timestamp_now(at);
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return store_abort(s, e->status);
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, dossier_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, at, -1, SQLITE_TRANSIENT);
	if ((st = store_step_done(s, q, _("storing the note"), e)) != TOETS_OK)
		return store_abort(s, st);
	if ((st = search_index(s, "note", id, dossier_id, text, e)) != TOETS_OK)
		return store_abort(s, st);
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "note", id);
	audit_payload_add(&p, "text", text);
	return audit_commit(s, account, "note.add", dossier_id, &p, e);
}

enum toets_status note_list(struct store *s, const char *dossier_id,
			    bool (*fn)(const struct note *n, void *ctx), void *ctx,
			    struct toets_error *e)
{
	static const char sql[] = "SELECT text, account, at FROM note WHERE dossier_id = ? ORDER BY at, rowid";
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, dossier_id, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct note n = { store_text(st, 0), store_text(st, 1), store_text(st, 2) };
		if (!fn(&n, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading notes"), e);
	return TOETS_OK;
}
