/* procedure.c - a dossier's clock events (receipt, completeness,
 * suspensions, decision) read, recorded and evaluated; what is due; the
 * aansluiting after designation. */
#include "toets/procedure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/i18n.h"
#include "toets/ident.h"
#include "toets/validate.h"
#include "toets/xalloc.h"

static const char *const kind_codes[] = { "aanvulling", "uitstel" };

const char *suspension_kind_code(enum suspension_kind k)
{
	return (unsigned)k < 2 ? kind_codes[k] : "?";
}

bool suspension_kind_parse(const char *text, enum suspension_kind *out)
{
	for (int i = 0; i < 2; i++)
		if (strcmp(text, kind_codes[i]) == 0) {
			*out = (enum suspension_kind)i;
			return true;
		}
	return false;
}

/* ---- helpers ------------------------------------------------------------------------ */

static void copy_date(char out[DATE_LEN], sqlite3_stmt *q, int col)
{
	snprintf(out, DATE_LEN, "%s", store_text(q, col));
}

static void bind_opt(sqlite3_stmt *q, int col, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(q, col, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, col);
}

static bool present(const char *s)
{
	return s && *s;
}

static enum toets_status check_date(const char *what, const char *date, struct toets_error *e)
{
	const char *why = validate_date(date);
	if (why)
		return toets_fail(e, TOETS_ERR_INVALID, _("%s '%s': %s"), what, date, why);
	return TOETS_OK;
}

/* A fact is dated on or before the day it is recorded. */
static enum toets_status check_past(const char *what, const char *date, const char *today, struct toets_error *e)
{
	enum toets_status st = check_date(what, date, e);
	if (st == TOETS_OK && strcmp(date, today) > 0)
		return toets_fail(e, TOETS_ERR_INVALID, _("%s '%s' lies after today (%s)"), what, date, today);
	return st;
}

/* ---- reading --------------------------------------------------------------------------- */

void procedure_release(struct procedure *p)
{
	for (size_t i = 0; i < p->n_suspensions; i++) {
		xfree(&p->suspensions[i].reason);
		xfree(&p->suspensions[i].account);
		xfree(&p->suspensions[i].at);
	}
	free(p->suspensions);
	xfree(&p->organisation);
	memset(p, 0, sizeof(*p));
}

static enum toets_status load_dossier(struct store *s, const char *reference, struct procedure *p,
				      struct toets_error *e)
{
	static const char sql[] =
		"SELECT d.id, d.reference, o.name, d.status, ifnull(d.received_on, ''), ifnull(d.complete_on, '') "
		"FROM dossier d JOIN organisation o ON o.id = d.organisation_id WHERE d.reference = ?1 OR d.id = ?1";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, reference, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		snprintf(p->dossier_id, sizeof(p->dossier_id), "%s", store_text(q, 0));
		snprintf(p->reference, sizeof(p->reference), "%s", store_text(q, 1));
		p->organisation = store_strdup(q, 2);
		enum dossier_status st = STATUS_COUNT;
		dossier_status_parse(store_text(q, 3), &st);
		p->status = st;
		copy_date(p->received_on, q, 4);
		copy_date(p->complete_on, q, 5);
	}
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return TOETS_OK;
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the dossier"), e);
	return toets_fail(e, TOETS_ERR_NOT_FOUND, _("no dossier %s (see 'toets dossier list')"), reference);
}

/* The decision date: the first approval of aanwijzen or afwijzen, or the
 * first withdrawal of the application, as a local date (the moments are
 * stored in UTC). */
static enum toets_status load_decided(struct store *s, struct procedure *p, struct toets_error *e)
{
	static const char sql[] =
		"SELECT date(at0, 'localtime'), how FROM ("
		" SELECT reviewed_at AS at0, kind AS how FROM decision WHERE dossier_id = ?1 "
		" AND state = 'goedgekeurd' AND kind IN ('aanwijzen', 'afwijzen') "
		" UNION ALL SELECT at, 'ingetrokken' FROM status_change "
		" WHERE dossier_id = ?1 AND to_status = 'ingetrokken') "
		"ORDER BY at0 LIMIT 1";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, p->dossier_id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		copy_date(p->decided_on, q, 0);
		snprintf(p->decided_how, sizeof(p->decided_how), "%s", store_text(q, 1));
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the decision"), e);
	return TOETS_OK;
}

static enum toets_status load_suspensions(struct store *s, struct procedure *p, struct toets_error *e)
{
	static const char sql[] =
		"SELECT x.id, x.kind, x.start_on, ifnull(x.end_on, ''), ifnull(x.term_until, ''), "
		"ifnull(x.letter_id, ''), ifnull(l.dated, ''), x.reason, x.account, x.at "
		"FROM suspension x LEFT JOIN letter l ON l.id = x.letter_id "
		"WHERE x.dossier_id = ? ORDER BY x.start_on, x.rowid";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, p->dossier_id, -1, SQLITE_TRANSIENT);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		p->suspensions = xgrow(p->suspensions, &cap, p->n_suspensions + 1, sizeof(*p->suspensions));
		struct suspension *x = &p->suspensions[p->n_suspensions++];
		memset(x, 0, sizeof(*x));
		x->number = (int)p->n_suspensions;
		snprintf(x->id, sizeof(x->id), "%s", store_text(q, 0));
		enum suspension_kind k = SUSPENSION_AANVULLING;
		suspension_kind_parse(store_text(q, 1), &k);
		x->kind = k;
		copy_date(x->start_on, q, 2);
		copy_date(x->end_on, q, 3);
		copy_date(x->term_until, q, 4);
		snprintf(x->letter_id, sizeof(x->letter_id), "%s", store_text(q, 5));
		copy_date(x->letter_dated, q, 6);
		x->reason = store_strdup(q, 7);
		x->account = store_strdup(q, 8);
		x->at = store_strdup(q, 9);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the suspensions"), e);
	return TOETS_OK;
}

enum toets_status procedure_load(struct store *s, const char *reference, struct procedure *out,
				 struct toets_error *e)
{
	memset(out, 0, sizeof(*out));
	enum toets_status st = load_dossier(s, reference, out, e);
	if (st == TOETS_OK)
		st = load_decided(s, out, e);
	if (st == TOETS_OK)
		st = load_suspensions(s, out, e);
	if (st != TOETS_OK)
		procedure_release(out);
	return st;
}

/* ---- evaluating ---------------------------------------------------------------------------- */

bool procedure_effective_end(const struct procedure *p, const struct suspension *x, const char *today,
			     char out[DATE_LEN])
{
	char lapse[DATE_LEN] = "";
	snprintf(out, DATE_LEN, "%s", x->end_on);
	if (x->kind == SUSPENSION_AANVULLING && present(x->term_until)) {
		clock_add_days(x->term_until, 1, lapse); /* the day on which the term "is verstreken" */
		/* A term that ended before the request (a letter issued late)
		 * suspends nothing. */
		if (*lapse && strcmp(lapse, x->start_on) < 0)
			snprintf(lapse, sizeof(lapse), "%s", x->start_on);
	}
	/* The term lapsed before the supplement came, or it has lapsed by
	 * today (or by the decision) and nothing came. */
	bool lapsed = false;
	if (*lapse) {
		const char *by = present(p->decided_on) ? p->decided_on : today;
		if (*out ? strcmp(lapse, out) < 0 : strcmp(lapse, by) <= 0) {
			snprintf(out, DATE_LEN, "%s", lapse);
			lapsed = true;
		}
	}
	/* Open when the decision was taken: the procedure ended there. */
	if (!*out && present(p->decided_on) && strcmp(p->decided_on, x->start_on) >= 0)
		snprintf(out, DATE_LEN, "%s", p->decided_on);
	return lapsed;
}

void procedure_clock_settings(const struct settings *cfg, struct clock_settings *out)
{
	clock_settings_init(out);
	if (cfg) {
		out->target_working_days = cfg->service_days;
		out->near_days = cfg->near_days;
	}
}

enum toets_status procedure_clock(const struct procedure *p, const char *today, const struct clock_settings *cs,
				  struct clock_result *out, struct toets_error *e)
{
	memset(out, 0, sizeof(*out));
	if (!present(p->received_on))
		return toets_fail(e, TOETS_ERR_REFUSED,
				  _("dossier %s has not been received: its clock has not started "
				    "('toets dossier set %s received_on=DATE')"),
				  p->reference, p->reference);
	struct clock_suspension *sp = p->n_suspensions ? xcalloc(p->n_suspensions, sizeof(*sp)) : NULL;
	char (*ends)[DATE_LEN] = p->n_suspensions ? xcalloc(p->n_suspensions, DATE_LEN) : NULL;
	for (size_t i = 0; i < p->n_suspensions; i++) {
		procedure_effective_end(p, &p->suspensions[i], today, ends[i]);
		sp[i].start = p->suspensions[i].start_on;
		sp[i].end = ends[i];
	}
	struct clock_events ev = {
		.received = p->received_on,
		.complete = p->complete_on,
		.suspensions = sp,
		.n_suspensions = p->n_suspensions,
		.decided = p->decided_on,
	};
	enum toets_status st = clock_evaluate(&ev, today, cs, out, e);
	if (st != TOETS_OK && e) {
		/* Name the dossier: the message names the date at fault. */
		char *msg = xstrdup(e->message);
		toets_fail(e, st, _("the clock of %s: %s"), p->reference, msg);
		free(msg);
	}
	free(sp);
	free(ends);
	return st;
}

/* After a change, inside its transaction: do the events still fit? */
static enum toets_status check_events(struct store *s, const char *dossier_id, struct toets_error *e)
{
	struct procedure p;
	enum toets_status st = procedure_load(s, dossier_id, &p, e);
	if (st != TOETS_OK)
		return st;
	if (present(p.received_on)) {
		char today[DATE_LEN];
		struct clock_result r;
		date_today(today);
		st = procedure_clock(&p, today, NULL, &r, e);
	} else if (present(p.complete_on) || p.n_suspensions) {
		st = toets_fail(e, TOETS_ERR_INVALID,
				_("dossier %s has a completeness date or suspensions but no date of receipt "
				  "('toets dossier set %s received_on=DATE')"),
				p.reference, p.reference);
	}
	procedure_release(&p);
	return st;
}

enum toets_status procedure_check_dates(struct store *s, const char *dossier_id, const char *received_on,
					const char *complete_on, struct toets_error *e)
{
	struct procedure p;
	enum toets_status st = procedure_load(s, dossier_id, &p, e);
	if (st != TOETS_OK)
		return st;
	if (received_on)
		snprintf(p.received_on, sizeof(p.received_on), "%s", received_on);
	if (complete_on)
		snprintf(p.complete_on, sizeof(p.complete_on), "%s", complete_on);
	if (present(p.received_on)) {
		char today[DATE_LEN];
		struct clock_result r;
		date_today(today);
		st = procedure_clock(&p, today, NULL, &r, e);
	} else if (present(p.complete_on) || p.n_suspensions) {
		st = toets_fail(e, TOETS_ERR_INVALID,
				_("dossier %s cannot lose its date of receipt while it has a completeness date or "
				  "suspensions"),
				p.reference);
	}
	procedure_release(&p);
	return st;
}

/* ---- recording ------------------------------------------------------------------------------ */

static enum toets_status insert_suspension(struct store *s, const char *id, const char *dossier_id,
					   enum suspension_kind kind, const char *start, const char *end,
					   const char *term, const char *reason, const char *letter_id,
					   const char *account, const char *at, struct toets_error *e)
{
	static const char sql[] =
		"INSERT INTO suspension (id, dossier_id, kind, start_on, end_on, term_until, reason, letter_id, "
		"account, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, dossier_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, suspension_kind_code(kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, start, -1, SQLITE_TRANSIENT);
	bind_opt(q, 5, end);
	bind_opt(q, 6, term);
	bind_opt(q, 7, reason);
	bind_opt(q, 8, letter_id);
	sqlite3_bind_text(q, 9, account, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 10, at, -1, SQLITE_TRANSIENT);
	return store_step_done(s, q, _("storing the suspension"), e);
}

enum toets_status procedure_add(struct store *s, const char *reference, const struct procedure_suspension_new *in,
				int *number, struct toets_error *e)
{
	char today[DATE_LEN], end[DATE_LEN] = "";
	date_today(today);
	enum toets_status st;
	bool delay = in->kind == SUSPENSION_UITSTEL;
	if (!present(in->start_on))
		return toets_fail(e, TOETS_ERR_INVALID,
				  delay ? _("a delay needs the day the applicant agreed to it (--from DATE)")
					: _("an aanvulling needs the day it was asked (--on DATE)"));
	if ((st = check_past(delay ? _("the day of the agreement") : _("the day of the request"), in->start_on,
			     today, e)) != TOETS_OK)
		return st;
	if (delay) {
		if (!present(in->until))
			return toets_fail(e, TOETS_ERR_INVALID, _("a delay needs its last day (--until DATE)"));
		if ((st = check_date(_("the last day of the delay"), in->until, e)) != TOETS_OK)
			return st;
		if (strcmp(in->until, in->start_on) <= 0)
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("the delay runs from the day after the agreement (%s): its last day (%s) "
					    "must come after it"),
					  in->start_on, in->until);
		clock_add_days(in->until, 1, end);
		if (validate_blank(in->reason))
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("a delay needs a reason: what the applicant agreed to, and when (--reason TEXT)"));
	} else {
		if (present(in->until))
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("an aanvulling is open until it is supplemented: end it with 'toets clock resume'"));
		if (present(in->term_until)) {
			if ((st = check_date(_("the term"), in->term_until, e)) != TOETS_OK)
				return st;
			if (strcmp(in->term_until, in->start_on) <= 0)
				return toets_fail(e, TOETS_ERR_INVALID,
						  _("the term (%s) must end after the day of the request (%s)"),
						  in->term_until, in->start_on);
		}
	}
	if (!validate_blank(in->reason)) {
		const char *why = validate_text(in->reason, 4000);
		if (why)
			return toets_fail(e, TOETS_ERR_INVALID, _("reason: %s"), why);
	}
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	if ((st = store_begin(s, e)) != TOETS_OK)
		return st;
	char dossier_id[STORE_ID_LEN], id[STORE_ID_LEN], at[TIMESTAMP_LEN];
	if ((st = dossier_lookup(s, reference, dossier_id, e)) != TOETS_OK)
		return store_abort(s, st);
	store_new_id(id);
	timestamp_now(at);
	const char *reason = validate_blank(in->reason) ? NULL : in->reason;
	const char *term = delay ? NULL : in->term_until;
	st = insert_suspension(s, id, dossier_id, in->kind, in->start_on, end, term, reason, NULL, account, at, e);
	if (st == TOETS_OK)
		st = check_events(s, dossier_id, e);
	if (st != TOETS_OK)
		return store_abort(s, st);
	if (number) {
		struct procedure p;
		*number = 0;
		if (procedure_load(s, dossier_id, &p, e) == TOETS_OK) {
			for (size_t i = 0; i < p.n_suspensions; i++)
				if (strcmp(p.suspensions[i].id, id) == 0)
					*number = p.suspensions[i].number;
			procedure_release(&p);
		}
	}
	struct audit_payload pl = { STRBUF_INIT };
	audit_payload_add(&pl, "suspension", id);
	audit_payload_add(&pl, "kind", suspension_kind_code(in->kind));
	audit_payload_add(&pl, "start_on", in->start_on);
	audit_payload_add(&pl, "end_on", *end ? end : NULL);
	audit_payload_add(&pl, "term_until", present(term) ? term : NULL);
	audit_payload_add(&pl, "reason", reason);
	return audit_commit(s, account, "suspension.add", dossier_id, &pl, e);
}

/* Suspension `number` of a loaded procedure, or a refusal listing them. */
static const struct suspension *numbered(const struct procedure *p, int number, struct toets_error *e)
{
	if (number >= 1 && (size_t)number <= p->n_suspensions)
		return &p->suspensions[number - 1];
	if (!p->n_suspensions)
		toets_fail(e, TOETS_ERR_NOT_FOUND, _("dossier %s has no suspensions"), p->reference);
	else
		toets_fail(e, TOETS_ERR_NOT_FOUND, _("dossier %s has suspensions 1 to %zu, not %d ('toets clock %s')"),
			   p->reference, p->n_suspensions, number, p->reference);
	return NULL;
}

static enum toets_status set_end(struct store *s, const char *id, const char *end, const char *account,
				 const char *at, struct toets_error *e)
{
	static const char sql[] = "UPDATE suspension SET end_on = ?, account = ?, at = ? WHERE id = ?";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	bind_opt(q, 1, end);
	sqlite3_bind_text(q, 2, account, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, id, -1, SQLITE_TRANSIENT);
	return store_step_done(s, q, _("ending the suspension"), e);
}

enum toets_status procedure_resume(struct store *s, const char *reference, int number, const char *on,
				   int *ended, struct toets_error *e)
{
	char today[DATE_LEN];
	date_today(today);
	if (ended)
		*ended = 0;
	enum toets_status st;
	if (on && (st = check_past(_("the day the term runs again"), on, today, e)) != TOETS_OK)
		return st;
	const char *day = on ? on : today;
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	if ((st = store_begin(s, e)) != TOETS_OK)
		return st;
	struct procedure p;
	if ((st = procedure_load(s, reference, &p, e)) != TOETS_OK)
		return store_abort(s, st);
	char at[TIMESTAMP_LEN];
	timestamp_now(at);
	struct audit_payload pl = { STRBUF_INIT };
	struct strbuf ids = STRBUF_INIT;
	int n = 0;
	for (size_t i = 0; i < p.n_suspensions; i++) {
		const struct suspension *x = &p.suspensions[i];
		bool pick = number ? x->number == number : !x->end_on[0];
		if (!pick)
			continue;
		if (strcmp(day, x->start_on) < 0) {
			st = toets_fail(e, TOETS_ERR_INVALID,
					_("suspension %d of %s started on %s: it cannot end before that (%s)"),
					x->number, p.reference, x->start_on, day);
			goto fail;
		}
		if ((st = set_end(s, x->id, day, account, at, e)) != TOETS_OK)
			goto fail;
		strbuf_addf(&ids, "%s%s", n ? "," : "", x->id);
		n++;
	}
	if (!n) {
		if (number)
			numbered(&p, number, e);
		else
			toets_fail(e, TOETS_ERR_REFUSED,
				   _("dossier %s has no open suspension; to correct the end of one, name its number "
				     "('toets clock %s' lists them)"),
				   p.reference, p.reference);
		st = e ? e->status : TOETS_ERR_REFUSED;
		goto fail;
	}
	if ((st = check_events(s, p.dossier_id, e)) != TOETS_OK)
		goto fail;
	audit_payload_add(&pl, "suspension", strbuf_str(&ids));
	audit_payload_add(&pl, "end_on", day);
	strbuf_release(&ids);
	if (ended)
		*ended = n;
	char dossier_id[STORE_ID_LEN];
	snprintf(dossier_id, sizeof(dossier_id), "%s", p.dossier_id);
	procedure_release(&p);
	return audit_commit(s, account, "suspension.end", dossier_id, &pl, e);
fail:
	strbuf_release(&ids);
	audit_payload_release(&pl);
	procedure_release(&p);
	return store_abort(s, st);
}

enum toets_status procedure_drop(struct store *s, const char *reference, int number, const char *reason,
				 struct toets_error *e)
{
	static const char sql[] = "DELETE FROM suspension WHERE id = ?";
	const char *why = validate_blank(reason) ? _("removing a suspension needs a reason (--reason TEXT)")
						 : validate_text(reason, 4000);
	if (why)
		return toets_fail(e, TOETS_ERR_INVALID, "%s", why);
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	struct procedure p;
	if ((st = procedure_load(s, reference, &p, e)) != TOETS_OK)
		return store_abort(s, st);
	const struct suspension *x = numbered(&p, number, e);
	if (!x) {
		st = e ? e->status : TOETS_ERR_NOT_FOUND;
		goto fail;
	}
	if (x->letter_id[0]) {
		st = toets_fail(e, TOETS_ERR_REFUSED,
				_("suspension %d of %s rests on the verzoek om aanvulling issued on %s and stays; "
				  "correct its end with 'toets clock resume %s %d --on DATE'"),
				x->number, p.reference, x->letter_dated, p.reference, x->number);
		goto fail;
	}
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q) {
		st = e->status;
		goto fail;
	}
	sqlite3_bind_text(q, 1, x->id, -1, SQLITE_TRANSIENT);
	if ((st = store_step_done(s, q, _("removing the suspension"), e)) != TOETS_OK ||
	    (st = check_events(s, p.dossier_id, e)) != TOETS_OK)
		goto fail;
	struct audit_payload pl = { STRBUF_INIT };
	audit_payload_add(&pl, "suspension", x->id);
	audit_payload_add(&pl, "kind", suspension_kind_code(x->kind));
	audit_payload_add(&pl, "start_on", x->start_on);
	audit_payload_add(&pl, "end_on", x->end_on[0] ? x->end_on : NULL);
	audit_payload_add(&pl, "term_until", x->term_until[0] ? x->term_until : NULL);
	audit_payload_add(&pl, "reason", reason);
	char dossier_id[STORE_ID_LEN];
	snprintf(dossier_id, sizeof(dossier_id), "%s", p.dossier_id);
	procedure_release(&p);
	return audit_commit(s, account, "suspension.drop", dossier_id, &pl, e);
fail:
	procedure_release(&p);
	return store_abort(s, st);
}

/* ---- hooks ---------------------------------------------------------------------------------- */

enum toets_status procedure_on_move(struct store *s, const char *dossier_id, enum dossier_status from,
				    enum dossier_status to, const char *today, struct audit_payload *p,
				    struct toets_error *e)
{
	static const char sql_complete[] =
		"UPDATE dossier SET complete_on = ?1 WHERE id = ?2 AND complete_on IS NULL";
	/* An invitation dated after today (by hand) ends no earlier than it began. */
	static const char sql_resume[] =
		"UPDATE suspension SET end_on = max(?1, start_on) WHERE dossier_id = ?2 AND end_on IS NULL "
		"AND kind = 'aanvulling' RETURNING id";
	if (to == STATUS_COMPLEET) {
		sqlite3_stmt *q = store_prepare(s, sql_complete, e);
		if (!q)
			return e->status;
		sqlite3_bind_text(q, 1, today, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, dossier_id, -1, SQLITE_TRANSIENT);
		enum toets_status st = store_step_done(s, q, _("dating the completeness"), e);
		if (st != TOETS_OK)
			return st;
		if (sqlite3_changes(store_db(s)) > 0)
			audit_payload_add(p, "complete_on", today);
	}
	if (from == STATUS_AANVULLING_GEVRAAGD && (to == STATUS_COMPLEET || to == STATUS_IN_TOETSING)) {
		sqlite3_stmt *q = store_prepare(s, sql_resume, e);
		if (!q)
			return e->status;
		sqlite3_bind_text(q, 1, today, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, dossier_id, -1, SQLITE_TRANSIENT);
		struct strbuf ids = STRBUF_INIT;
		int rc;
		while ((rc = sqlite3_step(q)) == SQLITE_ROW)
			strbuf_addf(&ids, "%s%s", ids.len ? "," : "", store_text(q, 0));
		sqlite3_reset(q);
		if (rc != SQLITE_DONE) {
			strbuf_release(&ids);
			return store_fail(s, rc, _("ending the suspension"), e);
		}
		if (ids.len) {
			audit_payload_add(p, "suspension_ended", strbuf_str(&ids));
			audit_payload_add(p, "end_on", today);
		}
		strbuf_release(&ids);
	}
	return TOETS_OK;
}

enum toets_status procedure_open_from_letter(struct store *s, const char *dossier_id, const char *letter_id,
					     const char *dated, const char *decision_id, const char *account,
					     const char *at, char id[STORE_ID_LEN], struct toets_error *e)
{
	static const char sql[] = "SELECT ifnull(term_until, '') FROM decision WHERE id = ?";
	char term[DATE_LEN] = "";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, decision_id ? decision_id : "", -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		copy_date(term, q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the decision"), e);
	store_new_id(id);
	return insert_suspension(s, id, dossier_id, SUSPENSION_AANVULLING, dated, NULL, term, NULL, letter_id,
				 account, at, e);
}

/* ---- what is due ------------------------------------------------------------------------------ */

static const char *const due_codes[DUE_KIND_COUNT] = {
	[DUE_LEGAL] = "legal-term",
	[DUE_TERM] = "aanvulling-term",
	[DUE_TARGET] = "service-target",
	[DUE_REASSESS] = "re-assessment",
};

const char *due_kind_code(enum due_kind k)
{
	return (unsigned)k < DUE_KIND_COUNT ? due_codes[k] : "?";
}

void due_list_release(struct due_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].organisation);
	for (size_t i = 0; i < l->n_problems; i++)
		free(l->problems[i].message);
	free(l->items);
	free(l->problems);
	memset(l, 0, sizeof(*l));
}

struct due_acc {
	struct due_list *l;
	size_t cap, cap_problems;
};

static void add_item(struct due_acc *a, const char *reference, const char *organisation,
		     enum dossier_status status, enum due_kind kind, const char *date, int left)
{
	struct due_list *l = a->l;
	l->items = xgrow(l->items, &a->cap, l->n + 1, sizeof(*l->items));
	struct due_item *it = &l->items[l->n++];
	memset(it, 0, sizeof(*it));
	snprintf(it->reference, sizeof(it->reference), "%s", reference);
	it->organisation = xstrdup(organisation ? organisation : "");
	it->status = status;
	it->kind = kind;
	snprintf(it->date, sizeof(it->date), "%s", date);
	it->left = left;
}

static int item_cmp(const void *x, const void *y)
{
	const struct due_item *a = x, *b = y;
	if (a->left != b->left)
		return a->left < b->left ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->reference, b->reference);
}

static bool term_due(const struct clock_term *t, int window)
{
	switch (t->state) {
	case CLOCK_TERM_PAST:
		return true;
	case CLOCK_TERM_NEAR:
	case CLOCK_TERM_RUNNING:
		return t->deadline[0] && t->left <= window;
	default:
		return false;
	}
}

/* The clock items of one open dossier. */
static enum toets_status due_clock(struct store *s, struct due_acc *a, const char *dossier_id, const char *today,
				   const struct clock_settings *cs, int window, struct toets_error *e)
{
	struct procedure p;
	enum toets_status st = procedure_load(s, dossier_id, &p, e);
	if (st != TOETS_OK)
		return st;
	if (!present(p.received_on) || present(p.decided_on))
		goto done;
	struct clock_result r;
	struct toets_error ce = { 0 };
	if (procedure_clock(&p, today, cs, &r, &ce) != TOETS_OK) {
		struct due_list *l = a->l;
		l->problems = xgrow(l->problems, &a->cap_problems, l->n_problems + 1, sizeof(*l->problems));
		struct due_problem *pr = &l->problems[l->n_problems++];
		snprintf(pr->reference, sizeof(pr->reference), "%s", p.reference);
		pr->message = xstrdup(ce.message);
		goto done;
	}
	if (term_due(&r.legal, window))
		add_item(a, p.reference, p.organisation, p.status, DUE_LEGAL, r.legal.deadline, r.legal.left);
	if (term_due(&r.target, window))
		add_item(a, p.reference, p.organisation, p.status, DUE_TARGET, r.target.deadline, r.target.left);
	for (size_t i = 0; i < p.n_suspensions; i++) {
		const struct suspension *x = &p.suspensions[i];
		if (x->kind != SUSPENSION_AANVULLING || x->end_on[0] || !x->term_until[0])
			continue;
		int left = clock_days_between(today, x->term_until);
		if (left <= window)
			add_item(a, p.reference, p.organisation, p.status, DUE_TERM, x->term_until, left);
	}
done:
	procedure_release(&p);
	return TOETS_OK;
}

enum toets_status procedure_due(struct store *s, const char *today, const struct clock_settings *cs,
				int clock_days, int reassess_days, struct due_list *out, struct toets_error *e)
{
	/* Open applications only: a decided one has nothing left to meet. */
	static const char sql_open[] =
		"SELECT id FROM dossier WHERE received_on IS NOT NULL AND status NOT IN ('aangewezen', "
		"'afgewezen', 'aangesloten', 'ingetrokken', 'aanwijzing_ingetrokken') ORDER BY ref_year, ref_seq";
	static const char sql_reassess[] =
		"SELECT d.reference, o.name, d.status, x.reassess_on "
		"FROM dossier d JOIN organisation o ON o.id = d.organisation_id "
		"JOIN decision x ON x.id = (SELECT y.id FROM decision y WHERE y.dossier_id = d.id AND "
		" y.kind = 'aanwijzen' AND y.state = 'goedgekeurd' ORDER BY y.rowid DESC LIMIT 1) "
		"WHERE d.status <> 'aanwijzing_ingetrokken' AND x.reassess_on IS NOT NULL "
		"AND NOT EXISTS (SELECT 1 FROM decision w WHERE w.dossier_id = d.id AND w.kind = 'intrekken' "
		" AND w.state = 'goedgekeurd' AND w.rowid > x.rowid) "
		"AND x.reassess_on <= ?1 ORDER BY d.ref_year, d.ref_seq";
	memset(out, 0, sizeof(*out));
	if (!date_valid(today))
		return toets_fail(e, TOETS_ERR_INVALID, _("today is not a date (YYYY-MM-DD): %s"), today ? today : "");
	if (clock_days < 0 || reassess_days < 0)
		return toets_fail(e, TOETS_ERR_INVALID, _("the days ahead cannot be negative"));
	struct due_acc a = { out, 0, 0 };
	enum toets_status st = TOETS_OK;

	/* The ids first: the per-dossier reads use statements of their own. */
	char (*ids)[STORE_ID_LEN] = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *q = store_prepare(s, sql_open, e);
	if (!q)
		return e->status;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		ids = xgrow(ids, &cap, n + 1, sizeof(*ids));
		snprintf(ids[n++], STORE_ID_LEN, "%s", store_text(q, 0));
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		st = store_fail(s, rc, _("listing dossiers"), e);
	for (size_t i = 0; st == TOETS_OK && i < n; i++)
		st = due_clock(s, &a, ids[i], today, cs, clock_days, e);
	free(ids);

	if (st == TOETS_OK) {
		char until[DATE_LEN];
		clock_add_days(today, reassess_days, until);
		if (!*until)
			snprintf(until, sizeof(until), "9999-12-31");
		if (!(q = store_prepare(s, sql_reassess, e))) {
			st = e->status;
		} else {
			sqlite3_bind_text(q, 1, until, -1, SQLITE_TRANSIENT);
			while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
				enum dossier_status ds = STATUS_COUNT;
				dossier_status_parse(store_text(q, 2), &ds);
				const char *date = store_text(q, 3);
				add_item(&a, store_text(q, 0), store_text(q, 1), ds, DUE_REASSESS, date,
					 clock_days_between(today, date));
			}
			sqlite3_reset(q);
			if (rc != SQLITE_DONE)
				st = store_fail(s, rc, _("reading the designations"), e);
		}
	}
	if (st != TOETS_OK) {
		due_list_release(out);
		return st;
	}
	if (out->n)
		qsort(out->items, out->n, sizeof(*out->items), item_cmp);
	return TOETS_OK;
}

/* ---- the aansluiting ---------------------------------------------------------------------------- */

void aansluiting_release(struct aansluiting *a)
{
	xfree(&a->leidraad_by);
	xfree(&a->account);
	xfree(&a->at);
	memset(a, 0, sizeof(*a));
}

/* The local date the dossier's designation in force was approved, and
 * its effective date; "" when it has none in force. */
static enum toets_status designated_on(struct store *s, const char *dossier_id, char out[DATE_LEN],
				       char effective[DATE_LEN], struct toets_error *e)
{
	static const char sql[] =
		"SELECT date(x.reviewed_at, 'localtime'), ifnull(x.effective_on, '') FROM decision x "
		"JOIN dossier d ON d.id = x.dossier_id "
		"WHERE x.dossier_id = ? AND x.kind = 'aanwijzen' AND x.state = 'goedgekeurd' "
		"AND d.status IN ('aangewezen', 'aangesloten') ORDER BY x.rowid LIMIT 1";
	out[0] = effective[0] = '\0';
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, dossier_id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		copy_date(out, q, 0);
		copy_date(effective, q, 1);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the decision"), e);
	return TOETS_OK;
}

enum toets_status aansluiting_get(struct store *s, const char *dossier_id, struct aansluiting *out,
				  struct toets_error *e)
{
	static const char sql[] = "SELECT ifnull(leidraad_on, ''), leidraad_by, ifnull(ndn_on, ''), account, at "
				  "FROM aansluiting WHERE dossier_id = ?";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, dossier_id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->recorded = true;
		copy_date(out->leidraad_on, q, 0);
		out->leidraad_by = store_strdup(q, 1);
		copy_date(out->ndn_on, q, 2);
		out->account = store_strdup(q, 3);
		out->at = store_strdup(q, 4);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		aansluiting_release(out);
		return store_fail(s, rc, _("reading the aansluiting"), e);
	}
	enum toets_status st = designated_on(s, dossier_id, out->designated_on, out->effective_on, e);
	if (st != TOETS_OK)
		aansluiting_release(out);
	return st;
}

static enum toets_status check_connection_date(const char *what, const char *date, const char *today,
					       struct toets_error *e)
{
	if (!date || !*date)
		return TOETS_OK;
	return check_past(what, date, today, e);
}

enum toets_status aansluiting_set(struct store *s, const char *reference, const struct aansluiting_change *c,
				  struct toets_error *e)
{
	static const char sql[] =
		"INSERT INTO aansluiting (dossier_id, leidraad_on, leidraad_by, ndn_on, account, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (dossier_id) DO UPDATE SET leidraad_on = ?2, "
		"leidraad_by = ?3, ndn_on = ?4, account = ?5, at = ?6";
	char today[DATE_LEN];
	date_today(today);
	enum toets_status st;
	if (!c->leidraad_on && !c->leidraad_by && !c->ndn_on)
		return toets_fail(e, TOETS_ERR_INVALID,
				  _("nothing to record: give --leidraad DATE --leidraad-by NAME, or --ndn DATE"));
	if ((st = check_connection_date(_("the leidraad's date"), c->leidraad_on, today, e)) != TOETS_OK ||
	    (st = check_connection_date(_("the NDN connection date"), c->ndn_on, today, e)) != TOETS_OK)
		return st;
	if (c->leidraad_by && *c->leidraad_by) {
		const char *why = validate_line(c->leidraad_by, 500);
		if (why)
			return toets_fail(e, TOETS_ERR_INVALID, _("leidraad accepted by: %s"), why);
	}
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	if ((st = store_begin(s, e)) != TOETS_OK)
		return st;
	char dossier_id[STORE_ID_LEN], at[TIMESTAMP_LEN];
	enum dossier_status status;
	struct aansluiting old = { 0 };
	if ((st = dossier_find(s, reference, dossier_id, &status, e)) != TOETS_OK ||
	    (st = aansluiting_get(s, dossier_id, &old, e)) != TOETS_OK)
		goto fail;
	const char *since = old.designated_on;
	if (!*since) {
		st = toets_fail(e, TOETS_ERR_REFUSED,
				_("dossier %s is \"%s\": the aansluiting follows a designation (an approved "
				  "decision to aanwijzen; the status aangewezen or aangesloten)"),
				reference, dossier_status_name(status));
		goto fail;
	}
	/* What it will be: the change over what is recorded. */
	const char *leidraad_on = c->leidraad_on ? c->leidraad_on : old.leidraad_on;
	const char *leidraad_by = c->leidraad_by ? c->leidraad_by : old.leidraad_by;
	const char *ndn_on = c->ndn_on ? c->ndn_on : old.ndn_on;
	if (present(leidraad_on) != present(leidraad_by)) {
		st = toets_fail(e, TOETS_ERR_INVALID,
				_("the leidraad voor samenwerking is recorded with its date and who accepted it "
				  "(--leidraad DATE --leidraad-by NAME)"));
		goto fail;
	}
	const char *dates[] = { leidraad_on, ndn_on };
	const char *names[] = { _("the leidraad's date"), _("the NDN connection date") };
	for (int i = 0; i < 2; i++)
		if (present(dates[i]) && strcmp(dates[i], since) < 0) {
			st = toets_fail(e, TOETS_ERR_INVALID, _("%s (%s) lies before the designation of %s (%s)"),
					names[i], dates[i], reference, since);
			goto fail;
		}
	timestamp_now(at);
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q) {
		st = e->status;
		goto fail;
	}
	sqlite3_bind_text(q, 1, dossier_id, -1, SQLITE_TRANSIENT);
	bind_opt(q, 2, leidraad_on);
	bind_opt(q, 3, leidraad_by);
	bind_opt(q, 4, ndn_on);
	sqlite3_bind_text(q, 5, account, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 6, at, -1, SQLITE_TRANSIENT);
	if ((st = store_step_done(s, q, _("storing the aansluiting"), e)) != TOETS_OK)
		goto fail;
	struct audit_payload pl = { STRBUF_INIT };
	audit_payload_add(&pl, "leidraad_on", present(leidraad_on) ? leidraad_on : NULL);
	audit_payload_add(&pl, "leidraad_by", present(leidraad_by) ? leidraad_by : NULL);
	audit_payload_add(&pl, "ndn_on", present(ndn_on) ? ndn_on : NULL);
	aansluiting_release(&old);
	return audit_commit(s, account, "aansluiting.set", dossier_id, &pl, e);
fail:
	aansluiting_release(&old);
	return store_abort(s, st);
}
