/* decision.c - proposals, four-eyes approval and the lock on the assessment. */
#include "toets/decision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/audit.h"
#include "toets/clock.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/ident.h"
#include "toets/validate.h"
#include "toets/xalloc.h"

static const struct {
	const char *code;
	const char *name;
	enum dossier_status to; /* where approval takes the dossier */
} kinds[DECISION_KIND_COUNT] = {
	[DECISION_AANWIJZEN] = { "aanwijzen", "aanwijzen", STATUS_AANGEWEZEN },
	[DECISION_AFWIJZEN] = { "afwijzen", "afwijzen", STATUS_AFGEWEZEN },
	[DECISION_AANVULLING] = { "aanvulling", "aanvulling vragen", STATUS_AANVULLING_GEVRAAGD },
	[DECISION_INTREKKEN] = { "intrekken", "aanwijzing intrekken", STATUS_AANWIJZING_INGETROKKEN },
};

static const char *const state_codes[] = { "voorgesteld", "goedgekeurd", "teruggestuurd" };

const char *decision_kind_code(enum decision_kind k)
{
	return k < DECISION_KIND_COUNT ? kinds[k].code : "?";
}

const char *decision_kind_name(enum decision_kind k)
{
	return k < DECISION_KIND_COUNT ? kinds[k].name : "?";
}

bool decision_kind_parse(const char *text, enum decision_kind *out)
{
	for (int i = 0; i < DECISION_KIND_COUNT; i++) {
		if (strcmp(text, kinds[i].code) == 0 || strcmp(text, kinds[i].name) == 0) {
			*out = (enum decision_kind)i;
			return true;
		}
	}
	return false;
}

const char *decision_state_name(enum decision_state s)
{
	return (unsigned)s < 3 ? state_codes[s] : "?";
}

enum decision_kind decision_suggest(const struct kader *k, const struct assessment_state *st,
				    struct strbuf *why)
{
	bool failed = false, open = false;
	struct strbuf failing = STRBUF_INIT, pending = STRBUF_INIT;
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		if (!c->mandatory)
			continue;
		enum verdict v = assess_verdict(st, c, NULL, NULL);
		struct strbuf *list = v == VERDICT_FAIL ? &failing : v != VERDICT_PASS ? &pending : NULL;
		if (list)
			strbuf_addf(list, "%s%s (%s)", list->len ? ", " : "", c->id, verdict_name(v));
		failed |= v == VERDICT_FAIL;
		open |= v != VERDICT_FAIL && v != VERDICT_PASS;
	}
	enum decision_kind kind = failed ? DECISION_AFWIJZEN : open ? DECISION_AANVULLING : DECISION_AANWIJZEN;
	if (why)
		strbuf_adds(why, failed ? strbuf_str(&failing) : strbuf_str(&pending));
	strbuf_release(&failing);
	strbuf_release(&pending);
	return kind;
}

void decision_missing(const struct kader *k, const struct assessment_state *st, struct strbuf *out)
{
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		if (!c->mandatory)
			continue;
		if (!assess_find_reason(st, c->id) && !assess_find_override(st, c->id))
			strbuf_addf(out, _("- criterion %s (%s) has no motivering ('toets answer reason')\n"), c->id,
				    kader_text(&c->title, KADER_NL));
		for (size_t j = 0; j < c->n_questions; j++) {
			const struct kader_question *q = &c->questions[j];
			if (q->evidence != KADER_EVIDENCE_REQUIRED || !verdict_question_shown(q, &st->answer_view))
				continue;
			const struct stored_answer *ans = assess_find_answer(st, q->id);
			if (ans && ans->n_evidence == 0)
				strbuf_addf(out, _("- question %s (criterion %s) lacks the evidence it requires\n"), q->id,
					    c->id);
		}
	}
}

void decision_release(struct decision *d)
{
	xfree(&d->reason);
	xfree(&d->effective_on);
	xfree(&d->reassess_on);
	xfree(&d->term_until);
	xfree(&d->proposed_by);
	xfree(&d->proposed_at);
	xfree(&d->reviewed_by);
	xfree(&d->reviewed_at);
	xfree(&d->review_note);
}

/* ---- reading ------------------------------------------------------------------ */

#define DECISION_COLUMNS                                                                            \
	"SELECT id, dossier_id, ifnull(assessment_id, ''), kind, suggested, state, reason, "         \
	"effective_on, reassess_on, term_until, proposed_by, proposed_at, reviewed_by, reviewed_at, " \
	"review_note FROM decision "

static void read_row(sqlite3_stmt *q, struct decision *d)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->id, sizeof(d->id), "%s", store_text(q, 0));
	snprintf(d->dossier_id, sizeof(d->dossier_id), "%s", store_text(q, 1));
	snprintf(d->assessment_id, sizeof(d->assessment_id), "%s", store_text(q, 2));
	enum decision_kind k = DECISION_AANWIJZEN;
	decision_kind_parse(store_text(q, 3), &k);
	d->kind = k;
	decision_kind_parse(store_text(q, 4), &k);
	d->suggested = k;
	const char *state = store_text(q, 5);
	d->state = strcmp(state, "goedgekeurd") == 0	 ? DECISION_APPROVED
		   : strcmp(state, "teruggestuurd") == 0 ? DECISION_RETURNED
							 : DECISION_PROPOSED;
	d->reason = store_strdup(q, 6);
	d->effective_on = store_strdup(q, 7);
	d->reassess_on = store_strdup(q, 8);
	d->term_until = store_strdup(q, 9);
	d->proposed_by = store_strdup(q, 10);
	d->proposed_at = store_strdup(q, 11);
	d->reviewed_by = store_strdup(q, 12);
	d->reviewed_at = store_strdup(q, 13);
	d->review_note = store_strdup(q, 14);
}

/* One row of the statement into out; TOETS_ERR_NOT_FOUND without a message
 * when there is none. */
static enum toets_status read_one(struct store *s, sqlite3_stmt *q, struct decision *out,
				  struct toets_error *e)
{
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_row(q, out);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return TOETS_OK;
	return rc == SQLITE_DONE ? TOETS_ERR_NOT_FOUND : store_fail(s, rc, _("reading the decision"), e);
}

static enum toets_status pending(struct store *s, const char *dossier_id, struct decision *out,
				 struct toets_error *e)
{
	static const char sql[] = DECISION_COLUMNS "WHERE dossier_id = ? AND state = 'voorgesteld'";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, dossier_id, -1, SQLITE_STATIC);
	return read_one(s, q, out, e);
}

enum toets_status decision_latest(struct store *s, const char *reference, struct decision *out,
				  struct toets_error *e)
{
	static const char sql[] = DECISION_COLUMNS "WHERE dossier_id = ? ORDER BY rowid DESC LIMIT 1";
	char id[STORE_ID_LEN];
	memset(out, 0, sizeof(*out));
	enum toets_status st = dossier_lookup(s, reference, id, e);
	if (st != TOETS_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	st = read_one(s, q, out, e);
	if (st == TOETS_ERR_NOT_FOUND)
		return toets_fail(e, st, _("dossier %s has no decision yet"), reference);
	return st;
}

enum toets_status decision_approved(struct store *s, const char *dossier_id, enum decision_kind kind,
				    struct decision *out, struct toets_error *e)
{
	static const char sql[] = DECISION_COLUMNS
		"WHERE dossier_id = ? AND kind = ? AND state = 'goedgekeurd' ORDER BY rowid DESC LIMIT 1";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, dossier_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, decision_kind_code(kind), -1, SQLITE_STATIC);
	enum toets_status st = read_one(s, q, out, e);
	if (st == TOETS_ERR_NOT_FOUND)
		return toets_fail(e, st, _("no approved decision to %s"), decision_kind_name(kind));
	return st;
}

enum toets_status decision_list(struct store *s, const char *dossier_id,
				bool (*fn)(const struct decision *d, void *ctx), void *ctx,
				struct toets_error *e)
{
	static const char sql[] = DECISION_COLUMNS "WHERE dossier_id = ? ORDER BY rowid";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, dossier_id, -1, SQLITE_STATIC);
	int rc;
	bool go_on = true;
	while (go_on && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct decision d;
		read_row(q, &d);
		go_on = fn(&d, ctx);
		decision_release(&d);
	}
	sqlite3_reset(q);
	if (go_on && rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the decisions"), e);
	return TOETS_OK;
}

/* ---- proposing ---------------------------------------------------------------- */

/* Which kinds may be proposed from which status. */
static bool proposable(enum decision_kind k, enum dossier_status from)
{
	bool designated = from == STATUS_AANGEWEZEN || from == STATUS_AANGESLOTEN;
	switch (k) {
	case DECISION_AANWIJZEN:
		return from == STATUS_IN_TOETSING || designated;
	case DECISION_AFWIJZEN:
	case DECISION_AANVULLING:
		return from == STATUS_IN_TOETSING;
	case DECISION_INTREKKEN:
		return designated;
	default:
		return false;
	}
}

static enum toets_status check_date(const char *what, const char *date, struct toets_error *e)
{
	if (date && !date_valid(date))
		return toets_fail(e, TOETS_ERR_INVALID, _("%s: '%s' is not a date (YYYY-MM-DD)"), what, date);
	return TOETS_OK;
}

static enum toets_status check_proposal(const struct decision_proposal *in, struct toets_error *e)
{
	enum toets_status st = TOETS_OK;
	if (in->reason && !validate_blank(in->reason)) {
		const char *why = validate_text(in->reason, 20000);
		if (why)
			return toets_fail(e, TOETS_ERR_INVALID, _("reason: %s"), why);
	}
	if ((st = check_date(_("effective date"), in->effective_on, e)) != TOETS_OK ||
	    (st = check_date(_("re-assessment date"), in->reassess_on, e)) != TOETS_OK ||
	    (st = check_date(_("term"), in->term_until, e)) != TOETS_OK)
		return st;
	if (in->effective_on && in->reassess_on && strcmp(in->reassess_on, in->effective_on) <= 0)
		return toets_fail(e, TOETS_ERR_INVALID, _("the re-assessment date must come after the effective date"));
	char today[DATE_LEN];
	date_today(today);
	if (in->term_until && strcmp(in->term_until, today) <= 0)
		return toets_fail(e, TOETS_ERR_INVALID, _("the term must end after today (%s)"), today);
	return TOETS_OK;
}

static void bind_opt(sqlite3_stmt *q, int col, const char *v)
{
	if (v)
		sqlite3_bind_text(q, col, v, -1, SQLITE_STATIC);
}

enum toets_status decision_propose(struct store *s, const char *reference,
				   const struct decision_proposal *in, struct decision *out,
				   struct toets_error *e)
{
	static const char sql[] =
		"INSERT INTO decision (id, dossier_id, assessment_id, kind, suggested, reason, effective_on, "
		"reassess_on, term_until, proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	memset(out, 0, sizeof(*out));
	enum toets_status st = check_proposal(in, e);
	if (st != TOETS_OK)
		return st;
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	struct assessment a;
	struct assessment_state as;
	char dossier_id[STORE_ID_LEN];
	if ((st = dossier_lookup(s, reference, dossier_id, e)) != TOETS_OK)
		return st;
	if ((st = assess_current(s, reference, &a, e)) != TOETS_OK)
		return st == TOETS_ERR_NOT_FOUND
			       ? toets_fail(e, TOETS_ERR_REFUSED,
					    _("dossier %s has no assessment: a decision rests on one "
					      "('toets answer' or the walk)"),
					    reference)
			       : st;
	if ((st = assess_load(s, &a, &as, e)) != TOETS_OK) {
		assess_release(&a);
		return st;
	}
	struct strbuf why = STRBUF_INIT;
	enum decision_kind suggested = decision_suggest(a.kader, &as, &why);
	enum decision_kind kind = in->kind < 0 ? suggested : (enum decision_kind)in->kind;
	bool has_reason = in->reason && !validate_blank(in->reason);
	char term[DATE_LEN] = "";
	if (kind == DECISION_AANVULLING && !in->term_until) {
		char today[DATE_LEN];
		date_today(today);
		clock_add_days(today, DECISION_TERM_DAYS, term);
	}
	if ((st = store_begin(s, e)) != TOETS_OK)
		goto done;
	enum dossier_status from;
	struct decision waiting;
	if ((st = dossier_find(s, reference, out->dossier_id, &from, e)) != TOETS_OK)
		goto fail;
	if ((st = pending(s, out->dossier_id, &waiting, e)) == TOETS_OK) {
		st = toets_fail(e, TOETS_ERR_REFUSED,
				_("dossier %s already has a proposal to %s (by %s), waiting for approval"),
				reference, decision_kind_name(waiting.kind), waiting.proposed_by);
		decision_release(&waiting);
		goto fail;
	}
	if (st != TOETS_ERR_NOT_FOUND)
		goto fail;
	if (!proposable(kind, from)) {
		st = toets_fail(e, TOETS_ERR_REFUSED, _("a proposal (%s) cannot be made while dossier %s is \"%s\""),
				decision_kind_name(kind), reference, dossier_status_name(from));
		goto fail;
	}
	/* Withdrawing rests on the designation's assessment, which is locked;
	 * everything else on an open one. */
	if (kind != DECISION_INTREKKEN && (st = assess_check_open(s, &a, e)) != TOETS_OK)
		goto fail;
	/* A besluit is what its letter says: every mandatory criterion
	 * motivated and evidenced before a second assessor sees it, since
	 * approval locks the assessment. */
	if (kind == DECISION_AANWIJZEN || kind == DECISION_AFWIJZEN) {
		struct strbuf missing = STRBUF_INIT;
		decision_missing(a.kader, &as, &missing);
		if (missing.len)
			missing.data[--missing.len] = '\0'; /* the last line's newline: the message's end */
		if (missing.len)
			st = toets_fail(e, TOETS_ERR_REFUSED, _("a proposal to %s needs first:\n%s"),
					decision_kind_name(kind), strbuf_str(&missing));
		strbuf_release(&missing);
		if (st != TOETS_OK)
			goto fail;
	}
	if (kind == DECISION_INTREKKEN && !has_reason) {
		st = toets_fail(e, TOETS_ERR_INVALID, _("withdrawing a designation needs a reason (--reason TEXT)"));
		goto fail;
	}
	if (kind != suggested && !has_reason) {
		st = toets_fail(e, TOETS_ERR_INVALID,
				_("the verdicts suggest %s%s%s%s; proposing %s needs a reason (--reason TEXT)"),
				decision_kind_name(suggested), why.len ? " (" : "", strbuf_str(&why),
				why.len ? ")" : "", decision_kind_name(kind));
		goto fail;
	}
	char at[TIMESTAMP_LEN];
	timestamp_now(at);
	store_new_id(out->id);
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q) {
		st = e->status;
		goto fail;
	}
	sqlite3_bind_text(q, 1, out->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, out->dossier_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, a.id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, decision_kind_code(kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, decision_kind_code(suggested), -1, SQLITE_STATIC);
	bind_opt(q, 6, has_reason ? in->reason : NULL);
	bind_opt(q, 7, kind == DECISION_AANWIJZEN ? in->effective_on : NULL);
	bind_opt(q, 8, kind == DECISION_AANWIJZEN ? in->reassess_on : NULL);
	bind_opt(q, 9, kind != DECISION_AANVULLING ? NULL : in->term_until ? in->term_until : term);
	sqlite3_bind_text(q, 10, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 11, at, -1, SQLITE_STATIC);
	if ((st = store_step_done(s, q, _("storing the proposal"), e)) != TOETS_OK)
		goto fail;
	if (from == STATUS_IN_TOETSING) {
		char *note = xasprintf(_("proposal: %s"), decision_kind_name(kind));
		st = dossier_move(s, out->dossier_id, from, STATUS_BESLUIT_VOORGESTELD, note, account, at, e);
		free(note);
		if (st != TOETS_OK)
			goto fail;
	}
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "decision", out->id);
	audit_payload_add(&p, "assessment", a.id);
	audit_payload_add(&p, "kind", decision_kind_code(kind));
	audit_payload_add(&p, "suggested", decision_kind_code(suggested));
	audit_payload_add(&p, "reason", has_reason ? in->reason : NULL);
	if ((st = audit_commit(s, account, "decision.propose", out->dossier_id, &p, e)) != TOETS_OK)
		goto done;
	st = decision_latest(s, reference, out, e);
	goto done;
fail:
	store_rollback(s);
done:
	strbuf_release(&why);
	assess_state_release(&as);
	assess_release(&a);
	return st;
}

/* ---- reviewing ------------------------------------------------------------------ */

/* The date `years` years after `date`; 29 February becomes 28 February. */
static void add_years(const char *date, int years, char out[DATE_LEN])
{
	int y, m, d;
	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		out[0] = '\0';
		return;
	}
	y += years;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		d = 28;
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) {
		out[0] = '\0';
		return;
	}
	snprintf(out, DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

/* Four eyes: the reviewer is not the proposer, and overrode no verdict in
 * the assessment the proposal rests on. */
static enum toets_status check_reviewer(struct store *s, const struct decision *d, const char *account,
					const char *what, struct toets_error *e)
{
	static const char sql[] = "SELECT 1 FROM override_account WHERE assessment_id = ? AND account = ?";
	if (strcmp(account, d->proposed_by) == 0)
		return toets_fail(e, TOETS_ERR_REFUSED,
				  _("you (%s) proposed this decision: another assessor must %s it (four eyes)"),
				  account, what);
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, d->assessment_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, account, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return toets_fail(e, TOETS_ERR_REFUSED,
				  _("you (%s) overrode a verdict in this assessment: another assessor must %s "
				    "the decision (four eyes)"),
				  account, what);
	return rc == SQLITE_DONE ? TOETS_OK : store_fail(s, rc, _("reading the verdicts"), e);
}

/* Starts a review: the transaction, the dossier and its waiting proposal. */
static enum toets_status begin_review(struct store *s, const char *reference, const char *account,
				      const char *what, struct decision *d, enum dossier_status *from,
				      struct toets_error *e)
{
	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	char id[STORE_ID_LEN];
	if ((st = dossier_find(s, reference, id, from, e)) != TOETS_OK)
		return store_abort(s, st);
	st = pending(s, id, d, e);
	if (st == TOETS_ERR_NOT_FOUND)
		st = toets_fail(e, TOETS_ERR_NOT_FOUND, _("dossier %s has no proposal waiting for approval"),
				reference);
	if (st != TOETS_OK)
		return store_abort(s, st);
	if ((st = check_reviewer(s, d, account, what, e)) != TOETS_OK) {
		decision_release(d);
		return store_abort(s, st);
	}
	return TOETS_OK;
}

enum toets_status decision_approve(struct store *s, const char *reference, const char *note,
				   int reassess_years, struct decision *out, struct toets_error *e)
{
	static const char sql[] =
		"UPDATE decision SET state = 'goedgekeurd', reviewed_by = ?, reviewed_at = ?, review_note = ?, "
		"effective_on = ?, reassess_on = ? WHERE id = ? AND state = 'voorgesteld'";
	static const char sql_lock[] =
		"UPDATE assessment SET locked_at = ?, locked_by = ? WHERE id = ? AND locked_at IS NULL";
	memset(out, 0, sizeof(*out));
	if (note && !validate_blank(note)) {
		const char *why = validate_text(note, 20000);
		if (why)
			return toets_fail(e, TOETS_ERR_INVALID, _("note: %s"), why);
	}
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	struct decision d;
	enum dossier_status from;
	enum toets_status st = begin_review(s, reference, account, _("approve"), &d, &from, e);
	if (st != TOETS_OK)
		return st;
	char at[TIMESTAMP_LEN], today[DATE_LEN], effective[DATE_LEN] = "", reassess[DATE_LEN] = "";
	timestamp_now(at);
	date_today(today);
	if (d.kind == DECISION_AANWIJZEN) {
		snprintf(effective, sizeof(effective), "%s", d.effective_on ? d.effective_on : today);
		if (d.reassess_on)
			snprintf(reassess, sizeof(reassess), "%s", d.reassess_on);
		else
			add_years(effective, reassess_years > 0 ? reassess_years : DECISION_REASSESS_YEARS,
				  reassess);
	}
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q) {
		st = e->status;
		goto fail;
	}
	sqlite3_bind_text(q, 1, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, at, -1, SQLITE_STATIC);
	bind_opt(q, 3, note && !validate_blank(note) ? note : NULL);
	bind_opt(q, 4, effective[0] ? effective : NULL);
	bind_opt(q, 5, reassess[0] ? reassess : NULL);
	sqlite3_bind_text(q, 6, d.id, -1, SQLITE_STATIC);
	if ((st = store_step_done(s, q, _("approving the decision"), e)) != TOETS_OK)
		goto fail;
	/* A besluit ends the assessment as it stands: nothing in it changes
	 * after, a later change is a re-assessment. */
	if (d.kind != DECISION_AANVULLING && d.assessment_id[0]) {
		if (!(q = store_prepare(s, sql_lock, e))) {
			st = e->status;
			goto fail;
		}
		sqlite3_bind_text(q, 1, at, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, d.id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, d.assessment_id, -1, SQLITE_STATIC);
		if ((st = store_step_done(s, q, _("locking the assessment"), e)) != TOETS_OK)
			goto fail;
	}
	enum dossier_status to = kinds[d.kind].to;
	if (from == STATUS_BESLUIT_VOORGESTELD || (d.kind == DECISION_INTREKKEN && from != to)) {
		char *why = xasprintf(_("approved: %s"), decision_kind_name(d.kind));
		st = dossier_move(s, d.dossier_id, from, to, why, account, at, e);
		free(why);
		if (st != TOETS_OK)
			goto fail;
	}
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "decision", d.id);
	audit_payload_add(&p, "kind", decision_kind_code(d.kind));
	audit_payload_add(&p, "proposed_by", d.proposed_by);
	audit_payload_add(&p, "effective_on", effective[0] ? effective : NULL);
	audit_payload_add(&p, "reassess_on", reassess[0] ? reassess : NULL);
	audit_payload_add(&p, "note", note && !validate_blank(note) ? note : NULL);
	if ((st = audit_commit(s, account, "decision.approve", d.dossier_id, &p, e)) == TOETS_OK)
		st = decision_latest(s, reference, out, e);
	decision_release(&d);
	return st;
fail:
	decision_release(&d);
	return store_abort(s, st);
}

enum toets_status decision_return(struct store *s, const char *reference, const char *reason,
				  struct decision *out, struct toets_error *e)
{
	static const char sql[] = "UPDATE decision SET state = 'teruggestuurd', reviewed_by = ?, "
				  "reviewed_at = ?, review_note = ? WHERE id = ? AND state = 'voorgesteld'";
	memset(out, 0, sizeof(*out));
	const char *why = validate_blank(reason) ? _("sending a proposal back needs a reason (--reason TEXT)")
						 : validate_text(reason, 20000);
	if (why)
		return toets_fail(e, TOETS_ERR_INVALID, "%s", why);
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	struct decision d;
	enum dossier_status from;
	enum toets_status st = begin_review(s, reference, account, _("return"), &d, &from, e);
	if (st != TOETS_OK)
		return st;
	char at[TIMESTAMP_LEN];
	timestamp_now(at);
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q) {
		st = e->status;
		goto fail;
	}
	sqlite3_bind_text(q, 1, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, d.id, -1, SQLITE_STATIC);
	if ((st = store_step_done(s, q, _("sending the proposal back"), e)) != TOETS_OK)
		goto fail;
	if (from == STATUS_BESLUIT_VOORGESTELD &&
	    (st = dossier_move(s, d.dossier_id, from, STATUS_IN_TOETSING, reason, account, at, e)) != TOETS_OK)
		goto fail;
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "decision", d.id);
	audit_payload_add(&p, "kind", decision_kind_code(d.kind));
	audit_payload_add(&p, "proposed_by", d.proposed_by);
	audit_payload_add(&p, "reason", reason);
	if ((st = audit_commit(s, account, "decision.return", d.dossier_id, &p, e)) == TOETS_OK)
		st = decision_latest(s, reference, out, e);
	decision_release(&d);
	return st;
fail:
	decision_release(&d);
	return store_abort(s, st);
}
