/* assess.c - assessments, answers, evidence links, verdict overrides. */
#include "toets/assess.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/audit.h"
#include "toets/datetime.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/ident.h"
#include "toets/search.h"
#include "toets/validate.h"
#include "toets/xalloc.h"

static char **split_ids(const char *s, size_t *n);
static enum toets_status check_values(const struct kader_question *q, const struct answer_input *in,
				      struct strbuf *choices, const char **value, struct toets_error *e);

/* Rereads a stored framework text; it loaded once, so a failure now means
 * the database was changed or this toets cannot read an older format. */
static enum toets_status parse_stored(const char *kader_id, const char *version, const char *source,
				      size_t len, struct kader **out, struct toets_error *e)
{
	struct diag_list dl;
	char name[200];
	snprintf(name, sizeof(name), "%s %s", kader_id, version);
	diag_init(&dl, name);
	enum toets_status st = kader_load_buffer(name, source, len, out, &dl);
	if (st != TOETS_OK) {
		struct strbuf sb = STRBUF_INIT;
		diag_format_all(&dl, &sb);
		st = toets_fail(e, TOETS_ERR_CORRUPT,
				_("the framework stored with this assessment (%s %s) no longer loads:\n%s"),
				kader_id, version, strbuf_str(&sb));
		strbuf_release(&sb);
	}
	diag_release(&dl);
	return st;
}

#define ASSESSMENT_COLUMNS                                                                          \
	"SELECT a.id, a.kader_id, a.kader_version, a.kader_sha256, t.source, a.created_by, "        \
	"a.created_at, a.dossier_id, ifnull(a.previous_id, ''), a.locked_at "                        \
	"FROM assessment a LEFT JOIN kader_text t ON t.sha256 = a.kader_sha256 "

static enum toets_status read_assessment(struct store *s, sqlite3_stmt *q, struct assessment *out,
					 struct toets_error *e);

enum toets_status assess_current(struct store *s, const char *reference, struct assessment *out,
				 struct toets_error *e)
{
	static const char sql[] =
		ASSESSMENT_COLUMNS "WHERE a.dossier_id = ? ORDER BY a.rowid DESC LIMIT 1";
	memset(out, 0, sizeof(*out));
	enum toets_status st = dossier_lookup(s, reference, out->dossier_id, e);
	if (st != TOETS_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, out->dossier_id, -1, SQLITE_TRANSIENT);
	st = read_assessment(s, q, out, e);
	if (st == TOETS_ERR_NOT_FOUND)
		return toets_fail(e, TOETS_ERR_NOT_FOUND, _("dossier %s has no assessment yet"), reference);
	return st;
}

enum toets_status assess_get(struct store *s, const char *assessment_id, struct assessment *out,
			     struct toets_error *e)
{
	static const char sql[] = ASSESSMENT_COLUMNS "WHERE a.id = ?";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, assessment_id, -1, SQLITE_TRANSIENT);
	enum toets_status st = read_assessment(s, q, out, e);
	if (st == TOETS_ERR_NOT_FOUND)
		return toets_fail(e, TOETS_ERR_NOT_FOUND, _("no assessment %s"), assessment_id);
	return st;
}

enum toets_status assess_previous(struct store *s, const struct assessment *a, struct assessment *out,
				  struct toets_error *e)
{
	static const char sql[] = ASSESSMENT_COLUMNS "WHERE a.id = ?";
	memset(out, 0, sizeof(*out));
	if (!a->previous_id[0])
		return toets_fail(e, TOETS_ERR_NOT_FOUND, _("this is the first assessment of the dossier"));
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, a->previous_id, -1, SQLITE_STATIC);
	enum toets_status st = read_assessment(s, q, out, e);
	if (st == TOETS_ERR_NOT_FOUND)
		return toets_fail(e, TOETS_ERR_CORRUPT, _("the assessment this one started from is missing"));
	return st;
}

/* One row of ASSESSMENT_COLUMNS into out, the framework reread from its
 * stored text; TOETS_ERR_NOT_FOUND (without a message) when no row. */
static enum toets_status read_assessment(struct store *s, sqlite3_stmt *q, struct assessment *out,
					 struct toets_error *e)
{
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			return store_fail(s, rc, _("reading the assessment"), e);
		return TOETS_ERR_NOT_FOUND;
	}
	snprintf(out->id, sizeof(out->id), "%s", store_text(q, 0));
	snprintf(out->dossier_id, sizeof(out->dossier_id), "%s", store_text(q, 7));
	snprintf(out->previous_id, sizeof(out->previous_id), "%s", store_text(q, 8));
	out->created_by = store_strdup(q, 5);
	out->created_at = store_strdup(q, 6);
	out->locked_at = store_strdup(q, 9);
	enum toets_status st;
	st = parse_stored(store_text(q, 1), store_text(q, 2), store_text(q, 4),
			  (size_t)sqlite3_column_bytes(q, 4), &out->kader, e);
	if (st == TOETS_OK && strcmp(out->kader->sha256_hex, store_text(q, 3)) != 0)
		st = toets_fail(e, TOETS_ERR_CORRUPT,
				_("the framework text stored with the assessment does not match its "
				  "SHA-256: the database was changed outside toets"));
	sqlite3_reset(q);
	if (st != TOETS_OK)
		assess_release(out);
	return st;
}

/* Inserts the assessment row (and the framework text, once), inside the
 * caller's transaction; out->id and out->dossier_id must be set. */
static enum toets_status insert_assessment(struct store *s, const struct kader *k, const char *previous_id,
					   const char *account, const char *at, struct assessment *out,
					   struct toets_error *e)
{
	static const char sql_text[] = "INSERT OR IGNORE INTO kader_text (sha256, source) VALUES (?, ?)";
	static const char sql[] =
		"INSERT INTO assessment (id, dossier_id, kader_id, kader_version, kader_sha256, "
		"created_by, created_at, previous_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *q = store_prepare(s, sql_text, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, k->sha256_hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, k->source, (int)k->source_len, SQLITE_STATIC);
	enum toets_status st = store_step_done(s, q, _("starting the assessment"), e);
	if (st != TOETS_OK)
		return st;
	if (!(q = store_prepare(s, sql, e)))
		return e->status;
	sqlite3_bind_text(q, 1, out->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, out->dossier_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, k->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, k->version, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, k->sha256_hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, at, -1, SQLITE_STATIC);
	if (previous_id)
		sqlite3_bind_text(q, 8, previous_id, -1, SQLITE_STATIC);
	return store_step_done(s, q, _("starting the assessment"), e);
}

/* After the commit: the assessment works on its own copy of the text, as
 * it will when reopened. */
static enum toets_status finish_assessment(const struct kader *k, const char *account, const char *at,
					   struct assessment *out, struct toets_error *e)
{
	out->created_by = xstrdup(account);
	out->created_at = xstrdup(at);
	return parse_stored(k->id, k->version, k->source, k->source_len, &out->kader, e);
}

enum toets_status assess_start(struct store *s, const char *reference, const struct kader *k,
			       struct assessment *out, struct toets_error *e)
{
	static const char sql_same[] =
		"SELECT 1 FROM assessment WHERE dossier_id = ? AND kader_id = ? AND kader_version = ?";
	memset(out, 0, sizeof(*out));
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	if ((st = dossier_lookup(s, reference, out->dossier_id, e)) != TOETS_OK)
		return store_abort(s, st);
	sqlite3_stmt *q = store_prepare(s, sql_same, e);
	if (!q)
		return store_abort(s, e->status);
	sqlite3_bind_text(q, 1, out->dossier_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, k->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, k->version, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return store_abort(s, toets_fail(e, TOETS_ERR_REFUSED,
					      _("dossier %s already has an assessment against %s %s"),
					      reference, k->id, k->version));
	if (rc != SQLITE_DONE)
		return store_abort(s, store_fail(s, rc, _("reading the assessment"), e));
	char at[TIMESTAMP_LEN];
	store_new_id(out->id);
	timestamp_now(at);
	if ((st = insert_assessment(s, k, NULL, account, at, out, e)) != TOETS_OK)
		return store_abort(s, st);
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "assessment", out->id);
	audit_payload_add(&p, "kader", k->id);
	audit_payload_add(&p, "version", k->version);
	audit_payload_add(&p, "sha256", k->sha256_hex);
	if ((st = audit_commit(s, account, "assessment.start", out->dossier_id, &p, e)) != TOETS_OK)
		return st;
	return finish_assessment(k, account, at, out, e);
}

enum toets_status assess_check_open(struct store *s, const struct assessment *a, struct toets_error *e)
{
	static const char sql[] =
		"SELECT a.locked_at, d.reference FROM assessment a JOIN dossier d ON d.id = a.dossier_id "
		"WHERE a.id = ?";
	static const char sql_waiting[] =
		"SELECT proposed_by FROM decision WHERE assessment_id = ? AND state = 'voorgesteld'";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	enum toets_status st = TOETS_OK;
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL) {
		char day[DATE_LEN];
		timestamp_local_date(store_text(q, 0), day);
		st = toets_fail(e, TOETS_ERR_REFUSED,
				_("the assessment of %s was locked by an approved decision on %s; a change "
				  "needs a re-assessment ('toets reassess %s')"),
				store_text(q, 1), day, store_text(q, 1));
	} else if (rc != SQLITE_ROW) {
		st = rc == SQLITE_DONE ? toets_fail(e, TOETS_ERR_NOT_FOUND, _("the assessment no longer exists"))
				       : store_fail(s, rc, _("reading the assessment"), e);
	}
	sqlite3_reset(q);
	if (st != TOETS_OK)
		return st;
	/* What the second assessor approves is what was proposed. */
	if (!(q = store_prepare(s, sql_waiting, e)))
		return e->status;
	sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		st = toets_fail(e, TOETS_ERR_REFUSED,
				_("a proposal by %s is waiting for approval: the assessment cannot change "
				  "until it is sent back"),
				store_text(q, 0));
	else if (rc != SQLITE_DONE)
		st = store_fail(s, rc, _("reading the decision"), e);
	sqlite3_reset(q);
	return st;
}

/* Copies one answer of the old assessment into the new one, with its
 * evidence links; false (nothing copied) when k cannot take it. */
static enum toets_status copy_answer(struct store *s, const struct kader *k, const char *to_assessment,
				     const char *dossier_id, sqlite3_stmt *row, bool *copied,
				     struct toets_error *e)
{
	static const char sql_answer[] =
		"INSERT INTO answer (id, assessment_id, question_id, choices, value, note, account, at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	static const char sql_evidence[] =
		"INSERT INTO evidence (id, answer_id, document_id, location, account, at) "
		"SELECT lower(hex(randomblob(16))), ?1, document_id, location, account, at "
		"FROM evidence WHERE answer_id = ?2";
	*copied = false;
	const struct kader_question *q = kader_find_question(k, store_text(row, 1));
	if (!q)
		return TOETS_OK;
	size_t n = 0;
	char **values = split_ids(store_text(row, 2), &n);
	const char *one = store_text(row, 3);
	struct answer_input in = { .question_id = q->id };
	if (n) {
		in.values = (const char *const *)values;
		in.n_values = n;
	} else if (sqlite3_column_type(row, 3) != SQLITE_NULL) {
		in.values = &one;
		in.n_values = 1;
	}
	struct strbuf choices = STRBUF_INIT;
	const char *value;
	struct toets_error ignored;
	bool fits = check_values(q, &in, &choices, &value, &ignored) == TOETS_OK;
	for (size_t i = 0; i < n; i++)
		free(values[i]);
	free(values);
	strbuf_release(&choices);
	if (!fits)
		return TOETS_OK;
	char id[STORE_ID_LEN];
	store_new_id(id);
	sqlite3_stmt *ins = store_prepare(s, sql_answer, e);
	if (!ins)
		return e->status;
	sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, to_assessment, -1, SQLITE_STATIC);
	for (int c = 1; c <= 6; c++)
		sqlite3_bind_value(ins, c + 2, sqlite3_column_value(row, c));
	enum toets_status st = store_step_done(s, ins, _("copying the answers"), e);
	if (st != TOETS_OK)
		return st;
	/* The links' ids: 128 random bits, as unique as store_new_id's. */
	sqlite3_stmt *ev = store_prepare(s, sql_evidence, e);
	if (!ev)
		return e->status;
	sqlite3_bind_text(ev, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(ev, 2, store_text(row, 0), -1, SQLITE_STATIC);
	if ((st = store_step_done(s, ev, _("copying the evidence"), e)) != TOETS_OK)
		return st;
	if (sqlite3_column_type(row, 4) != SQLITE_NULL &&
	    (st = search_index(s, "answer", id, dossier_id, store_text(row, 4), e)) != TOETS_OK)
		return st;
	*copied = true;
	return TOETS_OK;
}

static enum toets_status copy_previous(struct store *s, const struct kader *k, const char *from,
				       const char *to, const char *dossier_id, size_t *n_dropped,
				       struct toets_error *e)
{
	static const char sql_answers[] =
		"SELECT id, question_id, choices, value, note, account, at FROM answer "
		"WHERE assessment_id = ? ORDER BY question_id";
	static const char sql_reasons[] =
		"SELECT criterion_id, reason, account, at FROM criterion_reason WHERE assessment_id = ?";
	static const char sql_reason[] =
		"INSERT INTO criterion_reason (assessment_id, criterion_id, reason, account, at) "
		"VALUES (?, ?, ?, ?, ?)";
	/* A statement of its own: copy_answer uses the cached ones. */
	sqlite3_stmt *rows;
	int rc = sqlite3_prepare_v2(store_db(s), sql_answers, -1, &rows, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, _("copying the answers"), e);
	sqlite3_bind_text(rows, 1, from, -1, SQLITE_STATIC);
	enum toets_status st = TOETS_OK;
	*n_dropped = 0;
	while (st == TOETS_OK && (rc = sqlite3_step(rows)) == SQLITE_ROW) {
		bool copied;
		st = copy_answer(s, k, to, dossier_id, rows, &copied, e);
		*n_dropped += !copied;
	}
	if (st == TOETS_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, _("copying the answers"), e);
	sqlite3_finalize(rows);
	if (st != TOETS_OK)
		return st;
	rc = sqlite3_prepare_v2(store_db(s), sql_reasons, -1, &rows, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, _("copying the motiveringen"), e);
	sqlite3_bind_text(rows, 1, from, -1, SQLITE_STATIC);
	while (st == TOETS_OK && (rc = sqlite3_step(rows)) == SQLITE_ROW) {
		if (!kader_find_criterion(k, store_text(rows, 0)))
			continue;
		sqlite3_stmt *ins = store_prepare(s, sql_reason, e);
		if (!ins) {
			st = e->status;
			break;
		}
		sqlite3_bind_text(ins, 1, to, -1, SQLITE_STATIC);
		for (int c = 0; c < 4; c++)
			sqlite3_bind_value(ins, c + 2, sqlite3_column_value(rows, c));
		st = store_step_done(s, ins, _("copying the motiveringen"), e);
	}
	if (st == TOETS_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, _("copying the motiveringen"), e);
	sqlite3_finalize(rows);
	return st;
}

enum toets_status assess_reassess(struct store *s, const char *reference, const struct kader *k,
				  struct assessment *out, size_t *n_dropped, struct toets_error *e)
{
	static const char sql_locked[] =
		"SELECT locked_at IS NOT NULL FROM assessment WHERE id = ?1 AND rowid = "
		"(SELECT max(rowid) FROM assessment WHERE dossier_id = (SELECT dossier_id FROM assessment "
		"WHERE id = ?1))";
	struct assessment cur;
	memset(out, 0, sizeof(*out));
	*n_dropped = 0;
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	enum toets_status st = assess_current(s, reference, &cur, e);
	if (st != TOETS_OK)
		return st;
	if (!k)
		k = cur.kader;
	if ((st = store_begin(s, e)) != TOETS_OK)
		goto done;
	/* Read again inside the transaction: another window may have moved on. */
	sqlite3_stmt *q = store_prepare(s, sql_locked, e);
	if (!q) {
		st = e->status;
		store_rollback(s);
		goto done;
	}
	sqlite3_bind_text(q, 1, cur.id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_int(q, 0) == 0)
		st = toets_fail(e, TOETS_ERR_REFUSED,
				_("the assessment of %s is still open: change it there (a re-assessment "
				  "starts once a decision has locked it)"),
				reference);
	else if (rc == SQLITE_DONE)
		st = toets_fail(e, TOETS_ERR_REFUSED,
				_("another window started a re-assessment of %s just now"), reference);
	else if (rc != SQLITE_ROW)
		st = store_fail(s, rc, _("reading the assessment"), e);
	sqlite3_reset(q);
	char at[TIMESTAMP_LEN];
	timestamp_now(at);
	snprintf(out->dossier_id, sizeof(out->dossier_id), "%s", cur.dossier_id);
	snprintf(out->previous_id, sizeof(out->previous_id), "%s", cur.id);
	store_new_id(out->id);
	if (st == TOETS_OK)
		st = insert_assessment(s, k, cur.id, account, at, out, e);
	if (st == TOETS_OK)
		st = copy_previous(s, k, cur.id, out->id, cur.dossier_id, n_dropped, e);
	if (st != TOETS_OK) {
		store_rollback(s);
		goto done;
	}
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "assessment", out->id);
	audit_payload_add(&p, "previous", cur.id);
	audit_payload_add(&p, "kader", k->id);
	audit_payload_add(&p, "version", k->version);
	audit_payload_add(&p, "sha256", k->sha256_hex);
	audit_payload_addf(&p, "dropped", "%zu", *n_dropped);
	if ((st = audit_commit(s, account, "assessment.reassess", cur.dossier_id, &p, e)) == TOETS_OK)
		st = finish_assessment(k, account, at, out, e);
done:
	assess_release(&cur);
	if (st != TOETS_OK)
		assess_release(out);
	return st;
}

void assess_release(struct assessment *a)
{
	kader_free(&a->kader);
	xfree(&a->created_by);
	xfree(&a->created_at);
	xfree(&a->locked_at);
}

/* ---- answers ------------------------------------------------------------------- */

/* Checks the values against the question; fills `choices` (space-joined
 * ids) or `value`. */
static enum toets_status check_values(const struct kader_question *q, const struct answer_input *in,
				      struct strbuf *choices, const char **value, struct toets_error *e)
{
	*value = NULL;
	if (in->n_values == 0)
		return toets_fail(e, TOETS_ERR_INVALID, _("question %s needs an answer (or --clear)"), q->id);
	switch (q->type) {
	case KADER_Q_CHOICE:
	case KADER_Q_MULTI:
		if (q->type == KADER_Q_CHOICE && in->n_values > 1)
			return toets_fail(e, TOETS_ERR_INVALID, _("question %s takes one choice, not %zu"),
					  q->id, in->n_values);
		for (size_t i = 0; i < in->n_values; i++) {
			if (!kader_find_choice(q, in->values[i])) {
				struct strbuf ids = STRBUF_INIT;
				for (size_t j = 0; j < q->n_choices; j++)
					strbuf_addf(&ids, "%s%s", j ? ", " : "", q->choices[j].id);
				enum toets_status st = toets_fail(
					e, TOETS_ERR_INVALID, _("question %s has no choice '%s'; the choices are: %s"),
					q->id, in->values[i], strbuf_str(&ids));
				strbuf_release(&ids);
				return st;
			}
			for (size_t j = 0; j < i; j++)
				if (strcmp(in->values[i], in->values[j]) == 0)
					return toets_fail(e, TOETS_ERR_INVALID, _("choice '%s' is given twice"),
							  in->values[i]);
			if (i)
				strbuf_addc(choices, ' ');
			strbuf_adds(choices, in->values[i]);
		}
		return TOETS_OK;
	case KADER_Q_DATE:
		if (in->n_values != 1 || !date_valid(in->values[0]))
			return toets_fail(e, TOETS_ERR_INVALID, _("question %s takes a date (YYYY-MM-DD)"), q->id);
		break;
	case KADER_Q_NUMBER: {
		char *end;
		double d = in->n_values == 1 ? strtod(in->values[0], &end) : 0;
		if (in->n_values != 1 || end == in->values[0] || *end || !isfinite(d))
			return toets_fail(e, TOETS_ERR_INVALID, _("question %s takes a number, such as 120"),
					  q->id);
		break;
	}
	case KADER_Q_TEXT: {
		if (in->n_values != 1)
			return toets_fail(e, TOETS_ERR_INVALID, _("question %s takes one text (quote it)"), q->id);
		const char *why = validate_text(in->values[0], 100000);
		if (why)
			return toets_fail(e, TOETS_ERR_INVALID, "%s", why);
		break;
	}
	}
	*value = in->values[0];
	return TOETS_OK;
}

static enum toets_status answer_id(struct store *s, const struct assessment *a, const char *qid,
				   char id[STORE_ID_LEN], bool *exists, struct toets_error *e)
{
	static const char sql[] = "SELECT id FROM answer WHERE assessment_id = ? AND question_id = ?";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, qid, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	*exists = rc == SQLITE_ROW;
	if (*exists)
		snprintf(id, STORE_ID_LEN, "%s", store_text(q, 0));
	else
		store_new_id(id);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the answer"), e);
	return TOETS_OK;
}

static enum toets_status add_evidence(struct store *s, const struct assessment *a, const char *answer,
				      const struct evidence_input *ev, const char *account,
				      const char *at, struct audit_payload *p, struct toets_error *e)
{
	static const char sql_exists[] =
		"SELECT 1 FROM evidence WHERE answer_id = ? AND document_id = ? AND location = ?";
	static const char sql_insert[] =
		"INSERT INTO evidence (id, answer_id, document_id, location, account, at) "
		"VALUES (?, ?, ?, ?, ?, ?)";
	char doc[STORE_ID_LEN], id[STORE_ID_LEN];
	const char *location = ev->location ? ev->location : "";
	const char *why = validate_line(location, 500);
	if (why)
		return toets_fail(e, TOETS_ERR_INVALID, _("evidence location: %s"), why);
	enum toets_status st = document_find(s, a->dossier_id, ev->document, doc, e);
	if (st != TOETS_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, sql_exists, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, answer, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, doc, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, location, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return TOETS_OK; /* already linked */
	store_new_id(id);
	q = store_prepare(s, sql_insert, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, answer, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, doc, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, location, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 5, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, at, -1, SQLITE_TRANSIENT);
	st = store_step_done(s, q, _("linking the evidence"), e);
	if (st == TOETS_OK)
		audit_payload_addf(p, "evidence", "%s@%s", doc, location);
	return st;
}

enum toets_status assess_answer(struct store *s, const struct assessment *a,
				const struct answer_input *in, struct toets_error *e)
{
	static const char sql_upsert[] =
		"INSERT INTO answer (id, assessment_id, question_id, choices, value, note, account, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
		"ON CONFLICT (assessment_id, question_id) DO UPDATE SET choices = ?4, value = ?5, "
		"note = CASE WHEN ?9 THEN ?6 ELSE note END, account = ?7, at = ?8";
	static const char sql_delete_ev[] = "DELETE FROM evidence WHERE answer_id = ?";
	static const char sql_delete[] = "DELETE FROM answer WHERE id = ?";
	const struct kader_question *q = kader_find_question(a->kader, in->question_id);
	if (!q)
		return toets_fail(e, TOETS_ERR_INVALID, _("framework %s %s has no question '%s' "
							  "(see 'toets kader show')"),
				  a->kader->id, a->kader->version, in->question_id);
	struct strbuf choices = STRBUF_INIT;
	const char *value = NULL;
	enum toets_status st = TOETS_OK;
	if (!in->clear)
		st = check_values(q, in, &choices, &value, e);
	if (st == TOETS_OK && in->note && *in->note) {
		const char *why = validate_text(in->note, 100000);
		if (why)
			st = toets_fail(e, TOETS_ERR_INVALID, _("note: %s"), why);
	}
	const char *account = st == TOETS_OK ? ident_account(e) : NULL;
	if (st != TOETS_OK || !account) {
		strbuf_release(&choices);
		return st != TOETS_OK ? st : e->status;
	}
	if ((st = store_begin(s, e)) != TOETS_OK) {
		strbuf_release(&choices);
		return st;
	}
	char id[STORE_ID_LEN], at[TIMESTAMP_LEN];
	bool exists = false;
	timestamp_now(at);
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "assessment", a->id);
	audit_payload_add(&p, "question", q->id);
	if ((st = assess_check_open(s, a, e)) != TOETS_OK ||
	    (st = answer_id(s, a, q->id, id, &exists, e)) != TOETS_OK)
		goto fail;
	if (in->clear) {
		if (!exists) {
			st = toets_fail(e, TOETS_ERR_NOT_FOUND, _("question %s has no answer to clear"), q->id);
			goto fail;
		}
		const char *sqls[] = { sql_delete_ev, sql_delete };
		for (int i = 0; i < 2 && st == TOETS_OK; i++) {
			sqlite3_stmt *d = store_prepare(s, sqls[i], e);
			if (!d) {
				st = e->status;
				goto fail;
			}
			sqlite3_bind_text(d, 1, id, -1, SQLITE_TRANSIENT);
			st = store_step_done(s, d, _("clearing the answer"), e);
		}
		if (st == TOETS_OK)
			st = search_index(s, "answer", id, a->dossier_id, NULL, e);
		if (st != TOETS_OK)
			goto fail;
		audit_payload_add(&p, "cleared", "true");
		strbuf_release(&choices);
		return audit_commit(s, account, "answer.clear", a->dossier_id, &p, e);
	}
	sqlite3_stmt *u = store_prepare(s, sql_upsert, e);
	if (!u) {
		st = e->status;
		goto fail;
	}
	sqlite3_bind_text(u, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(u, 2, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(u, 3, q->id, -1, SQLITE_STATIC);
	if (choices.len)
		sqlite3_bind_text(u, 4, strbuf_str(&choices), -1, SQLITE_TRANSIENT);
	if (value)
		sqlite3_bind_text(u, 5, value, -1, SQLITE_TRANSIENT);
	if (in->note && *in->note)
		sqlite3_bind_text(u, 6, in->note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(u, 7, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(u, 8, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(u, 9, in->note != NULL);
	if ((st = store_step_done(s, u, _("storing the answer"), e)) != TOETS_OK)
		goto fail;
	if (in->note && (st = search_index(s, "answer", id, a->dossier_id, in->note, e)) != TOETS_OK)
		goto fail;
	audit_payload_add(&p, "choices", choices.len ? strbuf_str(&choices) : NULL);
	audit_payload_add(&p, "value", value);
	if (in->note)
		audit_payload_add(&p, "note", *in->note ? in->note : NULL);
	for (size_t i = 0; i < in->n_evidence; i++)
		if ((st = add_evidence(s, a, id, &in->evidence[i], account, at, &p, e)) != TOETS_OK)
			goto fail;
	strbuf_release(&choices);
	return audit_commit(s, account, "answer.set", a->dossier_id, &p, e);
fail:
	audit_payload_release(&p);
	strbuf_release(&choices);
	return store_abort(s, st);
}

enum toets_status assess_override(struct store *s, const struct assessment *a,
				  const char *criterion_id, int v, const char *reason,
				  struct toets_error *e)
{
	static const char sql_set[] =
		"INSERT INTO verdict_override (assessment_id, criterion_id, verdict, reason, account, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (assessment_id, criterion_id) DO UPDATE SET "
		"verdict = ?3, reason = ?4, account = ?5, at = ?6";
	static const char sql_clear[] =
		"DELETE FROM verdict_override WHERE assessment_id = ? AND criterion_id = ?";
	const struct kader_criterion *c = kader_find_criterion(a->kader, criterion_id);
	if (!c)
		return toets_fail(e, TOETS_ERR_INVALID, _("framework %s %s has no criterion '%s'"),
				  a->kader->id, a->kader->version, criterion_id);
	bool clear = v == VERDICT_COUNT;
	if (!clear) {
		const char *why = !validate_blank(reason) ? validate_text(reason, 10000)
							  : _("overriding a verdict needs a reason (--reason TEXT)");
		if (why)
			return toets_fail(e, TOETS_ERR_INVALID, "%s", why);
	}
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	if ((st = assess_check_open(s, a, e)) != TOETS_OK)
		return store_abort(s, st);
	char at[TIMESTAMP_LEN];
	timestamp_now(at);
	sqlite3_stmt *q = store_prepare(s, clear ? sql_clear : sql_set, e);
	if (!q)
		return store_abort(s, e->status);
	sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, c->id, -1, SQLITE_STATIC);
	if (!clear) {
		sqlite3_bind_text(q, 3, verdict_name((enum verdict)v), -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, reason, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 5, account, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 6, at, -1, SQLITE_TRANSIENT);
	}
	if ((st = store_step_done(s, q, _("storing the verdict"), e)) != TOETS_OK)
		return store_abort(s, st);
	if (clear && sqlite3_changes(store_db(s)) == 0)
		return store_abort(s, toets_fail(e, TOETS_ERR_NOT_FOUND,
					      _("criterion %s has no overridden verdict to clear"), c->id));
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "assessment", a->id);
	audit_payload_add(&p, "criterion", c->id);
	audit_payload_add(&p, "verdict", clear ? NULL : verdict_name((enum verdict)v));
	audit_payload_add(&p, "reason", clear ? NULL : reason);
	return audit_commit(s, account, clear ? "verdict.clear" : "verdict.override", a->dossier_id, &p, e);
}

enum toets_status assess_reason(struct store *s, const struct assessment *a, const char *criterion_id,
				const char *reason, struct toets_error *e)
{
	static const char sql_set[] =
		"INSERT INTO criterion_reason (assessment_id, criterion_id, reason, account, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (assessment_id, criterion_id) DO UPDATE SET "
		"reason = ?3, account = ?4, at = ?5";
	static const char sql_clear[] =
		"DELETE FROM criterion_reason WHERE assessment_id = ? AND criterion_id = ?";
	const struct kader_criterion *c = kader_find_criterion(a->kader, criterion_id);
	if (!c)
		return toets_fail(e, TOETS_ERR_INVALID, _("framework %s %s has no criterion '%s'"),
				  a->kader->id, a->kader->version, criterion_id);
	bool clear = !reason || validate_blank(reason);
	const char *why = clear ? NULL : validate_text(reason, 20000);
	if (why)
		return toets_fail(e, TOETS_ERR_INVALID, _("motivering: %s"), why);
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	if ((st = assess_check_open(s, a, e)) != TOETS_OK)
		return store_abort(s, st);
	char at[TIMESTAMP_LEN];
	timestamp_now(at);
	sqlite3_stmt *q = store_prepare(s, clear ? sql_clear : sql_set, e);
	if (!q)
		return store_abort(s, e->status);
	sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, c->id, -1, SQLITE_STATIC);
	if (!clear) {
		sqlite3_bind_text(q, 3, reason, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, account, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, at, -1, SQLITE_STATIC);
	}
	if ((st = store_step_done(s, q, _("storing the motivering"), e)) != TOETS_OK)
		return store_abort(s, st);
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "assessment", a->id);
	audit_payload_add(&p, "criterion", c->id);
	audit_payload_add(&p, "reason", clear ? NULL : reason);
	return audit_commit(s, account, "criterion.reason", a->dossier_id, &p, e);
}

/* ---- reading back ------------------------------------------------------------ */

static char **split_ids(const char *s, size_t *n)
{
	*n = 0;
	if (!s || !*s)
		return NULL;
	size_t cap = 1;
	for (const char *p = s; *p; p++)
		cap += *p == ' ';
	char **out = xcalloc(cap, sizeof(*out));
	const char *p = s;
	while (*p) {
		size_t len = strcspn(p, " ");
		if (len)
			out[(*n)++] = xstrndup(p, len);
		p += len;
		while (*p == ' ')
			p++;
	}
	return out;
}

static enum toets_status load_evidence(struct store *s, struct stored_answer *ans, const char *answer_id,
				       struct toets_error *e)
{
	static const char sql[] =
		"SELECT v.document_id, d.title, v.location FROM evidence v JOIN document d ON d.id = v.document_id "
		"WHERE v.answer_id = ? ORDER BY v.at, v.rowid";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, answer_id, -1, SQLITE_TRANSIENT);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		ans->evidence = xgrow(ans->evidence, &cap, ans->n_evidence + 1, sizeof(*ans->evidence));
		struct stored_evidence *ev = &ans->evidence[ans->n_evidence++];
		ev->document_id = store_strdup(q, 0);
		ev->document_title = store_strdup(q, 1);
		ev->location = store_strdup(q, 2);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the evidence"), e);
	return TOETS_OK;
}

static enum toets_status load_reasons(struct store *s, const struct assessment *a,
				      struct assessment_state *out, struct toets_error *e)
{
	static const char sql[] = "SELECT criterion_id, reason, account, at FROM criterion_reason "
				  "WHERE assessment_id = ? ORDER BY criterion_id";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		out->reasons = xgrow(out->reasons, &cap, out->n_reasons + 1, sizeof(*out->reasons));
		struct stored_reason *r = &out->reasons[out->n_reasons++];
		r->criterion_id = store_strdup(q, 0);
		r->reason = store_strdup(q, 1);
		r->account = store_strdup(q, 2);
		r->at = store_strdup(q, 3);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? TOETS_OK : store_fail(s, rc, _("reading the motiveringen"), e);
}

enum toets_status assess_load(struct store *s, const struct assessment *a,
			      struct assessment_state *out, struct toets_error *e)
{
	static const char sql_answers[] =
		"SELECT id, question_id, choices, value, note, account, at FROM answer "
		"WHERE assessment_id = ? ORDER BY question_id";
	static const char sql_overrides[] =
		"SELECT criterion_id, verdict, reason, account, at FROM verdict_override "
		"WHERE assessment_id = ? ORDER BY criterion_id";
	memset(out, 0, sizeof(*out));
	size_t cap = 0;
	sqlite3_stmt *q = store_prepare(s, sql_answers, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
	int rc;
	/* Collect first: loading evidence uses other statements. */
	char **ids = NULL;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		out->answers = xgrow(out->answers, &cap, out->n_answers + 1, sizeof(*out->answers));
		ids = xrealloc(ids, cap * sizeof(*ids));
		struct stored_answer *ans = &out->answers[out->n_answers];
		memset(ans, 0, sizeof(*ans));
		ids[out->n_answers++] = store_strdup(q, 0);
		ans->question_id = store_strdup(q, 1);
		ans->choices = split_ids(store_text(q, 2), &ans->n_choices);
		ans->value = store_strdup(q, 3);
		ans->note = store_strdup(q, 4);
		ans->account = store_strdup(q, 5);
		ans->at = store_strdup(q, 6);
	}
	sqlite3_reset(q);
	enum toets_status st = rc == SQLITE_DONE ? TOETS_OK : store_fail(s, rc, _("reading the answers"), e);
	for (size_t i = 0; i < out->n_answers; i++) {
		if (st == TOETS_OK)
			st = load_evidence(s, &out->answers[i], ids[i], e);
		free(ids[i]);
	}
	free(ids);
	if (st == TOETS_OK && !(q = store_prepare(s, sql_overrides, e)))
		st = e->status;
	if (st == TOETS_OK) {
		sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
		cap = 0;
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			out->overrides = xgrow(out->overrides, &cap, out->n_overrides + 1, sizeof(*out->overrides));
			struct stored_override *o = &out->overrides[out->n_overrides++];
			o->criterion_id = store_strdup(q, 0);
			enum verdict v = VERDICT_NOT_ASSESSED;
			verdict_parse(store_text(q, 1), &v);
			o->verdict = v;
			o->reason = store_strdup(q, 2);
			o->account = store_strdup(q, 3);
			o->at = store_strdup(q, 4);
		}
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			st = store_fail(s, rc, _("reading the verdicts"), e);
	}
	if (st == TOETS_OK)
		st = load_reasons(s, a, out, e);
	/* The view the verdict rule reads points into the stored answers. */
	out->view = xcalloc(out->n_answers ? out->n_answers : 1, sizeof(*out->view));
	for (size_t i = 0; i < out->n_answers; i++) {
		const struct stored_answer *ans = &out->answers[i];
		out->view[i].question_id = ans->question_id;
		out->view[i].choices = (const char *const *)ans->choices;
		out->view[i].n_choices = ans->n_choices;
		out->view[i].answered = ans->n_choices > 0 || ans->value != NULL;
	}
	out->answer_view.items = out->view;
	out->answer_view.n = out->n_answers;
	if (st != TOETS_OK)
		assess_state_release(out);
	return st;
}

void assess_state_release(struct assessment_state *st)
{
	for (size_t i = 0; i < st->n_answers; i++) {
		struct stored_answer *a = &st->answers[i];
		for (size_t j = 0; j < a->n_choices; j++)
			free(a->choices[j]);
		free(a->choices);
		for (size_t j = 0; j < a->n_evidence; j++) {
			free(a->evidence[j].document_id);
			free(a->evidence[j].document_title);
			free(a->evidence[j].location);
		}
		free(a->evidence);
		free(a->question_id);
		free(a->value);
		free(a->note);
		free(a->account);
		free(a->at);
	}
	free(st->answers);
	for (size_t i = 0; i < st->n_overrides; i++) {
		free(st->overrides[i].criterion_id);
		free(st->overrides[i].reason);
		free(st->overrides[i].account);
		free(st->overrides[i].at);
	}
	free(st->overrides);
	for (size_t i = 0; i < st->n_reasons; i++) {
		free(st->reasons[i].criterion_id);
		free(st->reasons[i].reason);
		free(st->reasons[i].account);
		free(st->reasons[i].at);
	}
	free(st->reasons);
	free(st->view);
	memset(st, 0, sizeof(*st));
}

const struct stored_answer *assess_find_answer(const struct assessment_state *st, const char *qid)
{
	for (size_t i = 0; i < st->n_answers; i++)
		if (strcmp(st->answers[i].question_id, qid) == 0)
			return &st->answers[i];
	return NULL;
}

const struct stored_reason *assess_find_reason(const struct assessment_state *st,
					       const char *criterion_id)
{
	for (size_t i = 0; i < st->n_reasons; i++)
		if (strcmp(st->reasons[i].criterion_id, criterion_id) == 0)
			return &st->reasons[i];
	return NULL;
}

const struct stored_override *assess_find_override(const struct assessment_state *st,
						   const char *criterion_id)
{
	for (size_t i = 0; i < st->n_overrides; i++)
		if (strcmp(st->overrides[i].criterion_id, criterion_id) == 0)
			return &st->overrides[i];
	return NULL;
}

enum verdict assess_verdict(const struct assessment_state *st, const struct kader_criterion *c,
			    struct verdict_progress *progress, bool *overridden)
{
	enum verdict computed = verdict_compute(c, &st->answer_view, progress);
	const struct stored_override *o = assess_find_override(st, c->id);
	if (overridden)
		*overridden = o != NULL;
	return o ? o->verdict : computed;
}
