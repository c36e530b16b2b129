/* test_decision.c - decisions with four eyes: what the verdicts suggest, a
 * proposal (another kind only with a reason, one at a time, the assessment
 * frozen while it waits), approval and return never by the proposer nor by
 * anyone who overrode a verdict, the lock an approval puts on the
 * assessment, in the code and in the schema itself; re-assessments that
 * start from the locked one, and what changed since.
 *
 * A unit test runs as one OS account, and four eyes need two. Approval by
 * another account is tested against the real program in
 * tests/store/t_four_eyes.sh. Here, where a test needs a second assessor,
 * the proposal (or an override) is made by toets and only its account is
 * rewritten afterwards with raw SQL (second_proposer(), second_overrider());
 * each such place says so. Everything else is toets's own doing. */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "toets/assess.h"
#include "toets/audit.h"
#include "toets/clock.h"
#include "toets/datetime.h"
#include "toets/decision.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/ident.h"
#include "toets/kader.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#include "fixture.h"

/* Two mandatory criteria and one that is not; version 2 drops a choice of
 * the optional question (an answer "weinig" no longer fits), drops the
 * question "kanaal", and adds a criterion. */
#define CRITERIA                                                            \
	"criteria:\n"                                                       \
	"  - id: taak\n"                                                    \
	"    title: {nl: Taak, en: Task}\n"                                 \
	"    legal_basis: [Wbni art. 3]\n"                                  \
	"    mandatory: true\n"                                             \
	"    questions:\n"                                                  \
	"      - id: statuten\n"                                            \
	"        text: {nl: Statuten?, en: Statutes?}\n"                    \
	"        type: choice\n"                                            \
	"        required: true\n"                                          \
	"        evidence: optional\n"                                      \
	"        choices:\n"                                                \
	"          - {id: ja, label: {nl: Ja, en: \"Yes\"}, effect: pass}\n" \
	"          - {id: nee, label: {nl: Nee, en: \"No\"}, effect: fail}\n" \
	"          - {id: deels, label: {nl: Deels, en: Partly}, effect: followup}\n" \
	"  - id: tlp\n"                                                     \
	"    title: {nl: TLP, en: TLP}\n"                                   \
	"    legal_basis: [Wbni art. 20]\n"                                 \
	"    mandatory: true\n"                                             \
	"    questions:\n"                                                  \
	"      - id: procedure\n"                                           \
	"        text: {nl: Procedure?, en: Procedure?}\n"                  \
	"        type: choice\n"                                            \
	"        required: true\n"                                          \
	"        choices:\n"                                                \
	"          - {id: ja, label: {nl: Ja, en: \"Yes\"}, effect: pass}\n" \
	"          - {id: nee, label: {nl: Nee, en: \"No\"}, effect: fail}\n"

#define FW_V1                                                               \
	"format: 1\n"                                                       \
	"id: vier\n"                                                        \
	"version: \"1\"\n"                                                  \
	"title: {nl: Vier ogen, en: Four eyes}\n"                           \
	"applies_to: [oktt]\n"                                              \
	"legal_basis: [Wbni art. 20]\n"                                     \
	"valid_from: 2022-12-01\n" CRITERIA                                 \
	"  - id: omvang\n"                                                  \
	"    title: {nl: Omvang, en: Size}\n"                               \
	"    legal_basis: [Wbni art. 20]\n"                                 \
	"    mandatory: false\n"                                            \
	"    questions:\n"                                                  \
	"      - id: leden\n"                                               \
	"        text: {nl: Leden?, en: Members?}\n"                        \
	"        type: choice\n"                                            \
	"        choices:\n"                                                \
	"          - {id: veel, label: {nl: Veel, en: Many}, effect: pass}\n" \
	"          - {id: weinig, label: {nl: Weinig, en: Few}, effect: fail}\n" \
	"      - {id: kanaal, text: {nl: Kanaal?, en: Channel?}, type: text}\n"

#define FW_V2                                                               \
	"format: 1\n"                                                       \
	"id: vier\n"                                                        \
	"version: \"2\"\n"                                                  \
	"title: {nl: Vier ogen, en: Four eyes}\n"                           \
	"applies_to: [oktt]\n"                                              \
	"legal_basis: [Wbni art. 20]\n"                                     \
	"valid_from: 2025-01-01\n" CRITERIA                                 \
	"  - id: omvang\n"                                                  \
	"    title: {nl: Omvang, en: Size}\n"                               \
	"    legal_basis: [Wbni art. 20]\n"                                 \
	"    mandatory: false\n"                                            \
	"    questions:\n"                                                  \
	"      - id: leden\n"                                               \
	"        text: {nl: Leden?, en: Members?}\n"                        \
	"        type: choice\n"                                            \
	"        choices:\n"                                                \
	"          - {id: veel, label: {nl: Veel, en: Many}, effect: pass}\n" \
	"  - id: bereik\n"                                                  \
	"    title: {nl: Bereik, en: Reach}\n"                              \
	"    legal_basis: [Wbni art. 20]\n"                                 \
	"    mandatory: false\n"                                            \
	"    questions:\n"                                                  \
	"      - {id: sectoren, text: {nl: Sectoren?, en: Sectors?}, type: number}\n"

#define SECOND "tweede-toetser" /* the second assessor, where one is simulated */

/* ---- fixture: three dossiers in toetsing, one with a document ------------------------- */

static char template_dir[] = "/tmp/toets-ut-decision-tpl.XXXXXX";
static char template_db[128];
static char template_ref[3][DOSSIER_REF_LEN];
static char template_doc[STORE_ID_LEN];

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
	struct kader *k, *k2;
	char ref[3][DOSSIER_REF_LEN];
	char doc[STORE_ID_LEN];
	const char *me;
};

static struct kader *load_text(const char *name, const char *text)
{
	struct diag_list dl;
	diag_init(&dl, name);
	struct kader *k = NULL;
	if (kader_load_buffer(name, text, strlen(text), &k, &dl) != TOETS_OK) {
		struct strbuf sb = STRBUF_INIT;
		diag_format_all(&dl, &sb);
		fprintf(stderr, "%s", strbuf_str(&sb));
		strbuf_release(&sb);
	}
	diag_release(&dl);
	return k;
}

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(template_dir))
		return -1;
	snprintf(template_db, sizeof(template_db), "%s/toets.db", template_dir);
	char doc[160];
	snprintf(doc, sizeof(doc), "%s/statuten.txt", template_dir);
	FILE *fp = fopen(doc, "w");
	if (!fp || fputs("Artikel 2. Doel.", fp) < 0 || fclose(fp) != 0)
		return -1;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	if (store_open(template_db, &s, &e) != TOETS_OK)
		return -1;
	const char *names[3] = { "Stichting Vier Ogen", "Coöperatie Twee", "Vereniging Drie" };
	const enum dossier_status walk[] = { STATUS_ONTVANGEN, STATUS_COMPLEET, STATUS_IN_TOETSING };
	for (int i = 0; i < 3; i++) {
		struct dossier_new in = { .category = CATEGORY_OKTT };
		in.org.name = (char *)names[i];
		bool ok = dossier_create(s, &in, template_ref[i], &e) == TOETS_OK;
		for (size_t j = 0; ok && j < sizeof(walk) / sizeof(walk[0]); j++)
			ok = dossier_transition(s, template_ref[i], walk[j], NULL, &e) == TOETS_OK;
		if (ok && i == 0)
			ok = document_add(s, template_ref[0], doc, "Statuten", "statuten", NULL, template_doc, &e) ==
			     TOETS_OK;
		if (!ok) {
			fprintf(stderr, "group setup: %s\n", e.message);
			store_close(&s);
			return -1;
		}
	}
	store_close(&s);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return rm_tree(template_dir);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/toets-ut-decision.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/toets.db", f->dir);
	struct toets_error e;
	if (copy_file(template_db, f->path) != 0 || store_open(f->path, &f->s, &e) != TOETS_OK ||
	    !(f->k = load_text("vier-1.yaml", FW_V1)) || !(f->k2 = load_text("vier-2.yaml", FW_V2)))
		return -1;
	memcpy(f->ref, template_ref, sizeof(f->ref));
	memcpy(f->doc, template_doc, sizeof(f->doc));
	f->me = ident_account(NULL);
	if (!f->me || strcmp(f->me, SECOND) == 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	kader_free(&f->k);
	kader_free(&f->k2);
	store_close(&f->s);
	rm_tree(f->dir);
	free(f);
	return 0;
}

/* ---- helpers ------------------------------------------------------------------------- */

static int64_t query_int(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *db = store_db(s);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The first column of the first row as text ("" for NULL), malloc'd. */
static char *query_text(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *db = store_db(s);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	char *v = xstrdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	return v;
}

/* Raw SQL that must succeed. */
static void exec_ok(struct store *s, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(store_db(s), sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* Raw SQL that the schema must refuse, with this message. */
static void exec_refused(struct store *s, const char *sql, const char *message)
{
	char *err = NULL;
	int rc = sqlite3_exec(store_db(s), sql, NULL, NULL, &err);
	if (rc == SQLITE_OK)
		fail_msg("the schema took: %s", sql);
	if (!strstr(err ? err : "", message))
		fail_msg("%s: '%s', expected '%s'", sql, err ? err : "", message);
	sqlite3_free(err);
	assert_true(sqlite3_get_autocommit(store_db(s)));
}

static int64_t audit_rows(struct fx *f)
{
	return query_int(f->s, "SELECT count(*) FROM audit");
}

/* Starts the assessment with a motivering for both mandatory criteria,
 * which a proposal to aanwijzen or afwijzen needs (test_propose_needs_motivering). */
static void start(struct fx *f, int i, struct assessment *a)
{
	struct toets_error e = { TOETS_OK, "" };
	if (assess_start(f->s, f->ref[i], f->k, a, &e) != TOETS_OK)
		fail_msg("assess_start: %s", e.message);
	if (assess_reason(f->s, a, "taak", "De statuten leggen de taak vast.", &e) != TOETS_OK ||
	    assess_reason(f->s, a, "tlp", "Er is een TLP-procedure.", &e) != TOETS_OK)
		fail_msg("assess_reason: %s", e.message);
}

static enum toets_status answer(struct fx *f, const struct assessment *a, const char *qid, const char *value,
				struct toets_error *e)
{
	struct answer_input in = { .question_id = qid, .values = &value, .n_values = 1 };
	return assess_answer(f->s, a, &in, e);
}

static void answered(struct fx *f, const struct assessment *a, const char *qid, const char *value)
{
	struct toets_error e = { TOETS_OK, "" };
	if (answer(f, a, qid, value, &e) != TOETS_OK)
		fail_msg("answer %s %s: %s", qid, value, e.message);
}

/* Every mandatory criterion voldoet. */
static void assess_passing(struct fx *f, int i, struct assessment *a)
{
	start(f, i, a);
	answered(f, a, "statuten", "ja");
	answered(f, a, "procedure", "ja");
}

static enum toets_status propose(struct fx *f, int i, int kind, const char *reason, struct decision *d,
				 struct toets_error *e)
{
	struct decision_proposal in = { .kind = kind, .reason = reason };
	return decision_propose(f->s, f->ref[i], &in, d, e);
}

static void proposed(struct fx *f, int i, int kind, const char *reason)
{
	struct toets_error e = { TOETS_OK, "" };
	struct decision d;
	if (propose(f, i, kind, reason, &d, &e) != TOETS_OK)
		fail_msg("decision_propose: %s", e.message);
	decision_release(&d);
}

/* SIMULATED second assessor: the waiting proposal of dossier i was made by
 * toets as this account; raw SQL makes it another's (a waiting proposal
 * may change), so that approving or returning it as this account is four
 * eyes. */
static void second_proposer(struct fx *f, int i)
{
	char *sql = xasprintf("UPDATE decision SET proposed_by = '" SECOND "' WHERE state = 'voorgesteld' AND "
			      "dossier_id = (SELECT id FROM dossier WHERE reference = '%s')",
			      f->ref[i]);
	exec_ok(f->s, sql);
	free(sql);
	assert_int_equal(sqlite3_changes(store_db(f->s)), 1);
}

/* Approval by the second assessor (simulated: see second_proposer). */
static void approved(struct fx *f, int i, struct decision *d)
{
	struct toets_error e = { TOETS_OK, "" };
	second_proposer(f, i);
	if (decision_approve(f->s, f->ref[i], NULL, DECISION_REASSESS_YEARS, d, &e) != TOETS_OK)
		fail_msg("decision_approve: %s", e.message);
}

static enum dossier_status status_of(struct fx *f, int i)
{
	struct dossier d;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(dossier_get(f->s, f->ref[i], &d, &e), TOETS_OK);
	enum dossier_status st = d.status;
	dossier_release(&d);
	return st;
}

static void want_message(const struct toets_error *e, const char *fmt, ...)
{
	char want[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	assert_string_equal(e->message, want);
}

/* ---- what the verdicts suggest, without a database ------------------------------------------ */

struct suggest_case {
	const char *statuten, *procedure, *leden; /* NULL: not answered */
	enum decision_kind kind;
	const char *why;
};

static void test_suggest(void **state)
{
	struct fx *f = *state;
	static const struct suggest_case cases[] = {
		/* every mandatory criterion voldoet */
		{ "ja", "ja", NULL, DECISION_AANWIJZEN, "" },
		{ "ja", "ja", "veel", DECISION_AANWIJZEN, "" },
		/* a criterion that is not mandatory does not count, even failing */
		{ "ja", "ja", "weinig", DECISION_AANWIJZEN, "" },
		/* a mandatory one fails: afwijzen, whatever else is open */
		{ "nee", "ja", NULL, DECISION_AFWIJZEN, "taak (voldoet niet)" },
		{ "nee", NULL, "veel", DECISION_AFWIJZEN, "taak (voldoet niet)" },
		{ "deels", "nee", NULL, DECISION_AFWIJZEN, "tlp (voldoet niet)" },
		{ "nee", "nee", NULL, DECISION_AFWIJZEN, "taak (voldoet niet), tlp (voldoet niet)" },
		/* a mandatory one open (nader onderzoek, niet beoordeeld): aanvulling */
		{ "deels", "ja", NULL, DECISION_AANVULLING, "taak (nader onderzoek)" },
		{ "ja", NULL, "weinig", DECISION_AANVULLING, "tlp (niet beoordeeld)" },
		{ NULL, NULL, NULL, DECISION_AANVULLING, "taak (niet beoordeeld), tlp (niet beoordeeld)" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct suggest_case *c = &cases[i];
		const char *qids[3] = { "statuten", "procedure", "leden" };
		const char *values[3] = { c->statuten, c->procedure, c->leden };
		struct answer items[3];
		size_t n = 0;
		for (int q = 0; q < 3; q++)
			if (values[q])
				items[n++] = (struct answer){ qids[q], &values[q], 1, true };
		struct assessment_state st = { 0 };
		st.answer_view.items = items;
		st.answer_view.n = n;
		struct strbuf why = STRBUF_INIT;
		enum decision_kind k = decision_suggest(f->k, &st, &why);
		if (k != c->kind || strcmp(strbuf_str(&why), c->why) != 0)
			fail_msg("case %zu: %s (%s), expected %s (%s)", i, decision_kind_code(k), strbuf_str(&why),
				 decision_kind_code(c->kind), c->why);
		/* why may be NULL */
		assert_int_equal(decision_suggest(f->k, &st, NULL), c->kind);
		strbuf_release(&why);
	}

	/* An overridden verdict counts as the verdict. */
	const char *ja = "ja";
	struct answer items[2] = { { "statuten", &ja, 1, true }, { "procedure", &ja, 1, true } };
	struct stored_override o = { .criterion_id = "tlp", .verdict = VERDICT_FAIL };
	struct assessment_state st = { 0 };
	st.answer_view.items = items;
	st.answer_view.n = 2;
	st.overrides = &o;
	st.n_overrides = 1;
	assert_int_equal(decision_suggest(f->k, &st, NULL), DECISION_AFWIJZEN);
	o.verdict = VERDICT_FOLLOWUP;
	assert_int_equal(decision_suggest(f->k, &st, NULL), DECISION_AANVULLING);
}

static void test_kinds_and_states(void **state)
{
	(void)state;
	static const char *const codes[] = { "aanwijzen", "afwijzen", "aanvulling", "intrekken" };
	static const char *const names[] = { "aanwijzen", "afwijzen", "aanvulling vragen", "aanwijzing intrekken" };
	for (int i = 0; i < DECISION_KIND_COUNT; i++) {
		enum decision_kind k = DECISION_KIND_COUNT;
		assert_string_equal(decision_kind_code((enum decision_kind)i), codes[i]);
		assert_string_equal(decision_kind_name((enum decision_kind)i), names[i]);
		assert_true(decision_kind_parse(codes[i], &k));
		assert_int_equal(k, i);
		k = DECISION_KIND_COUNT;
		assert_true(decision_kind_parse(names[i], &k));
		assert_int_equal(k, i);
	}
	enum decision_kind k = DECISION_AFWIJZEN;
	assert_false(decision_kind_parse("aanwijzing", &k));
	assert_false(decision_kind_parse("Aanwijzen", &k));
	assert_false(decision_kind_parse("", &k));
	assert_int_equal(k, DECISION_AFWIJZEN);
	assert_string_equal(decision_kind_code(DECISION_KIND_COUNT), "?");
	assert_string_equal(decision_state_name(DECISION_PROPOSED), "voorgesteld");
	assert_string_equal(decision_state_name(DECISION_APPROVED), "goedgekeurd");
	assert_string_equal(decision_state_name(DECISION_RETURNED), "teruggestuurd");
}

/* ---- proposing -------------------------------------------------------------------------------- */

static void test_propose_needs_assessment(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct decision d;
	int64_t rows = audit_rows(f);
	assert_int_equal(propose(f, 0, -1, NULL, &d, &e), TOETS_ERR_REFUSED);
	want_message(&e, "dossier %s has no assessment: a decision rests on one ('toets answer' or the walk)",
		     f->ref[0]);
	/* a kind and a reason do not make up for it */
	assert_int_equal(propose(f, 0, DECISION_AANWIJZEN, "toch", &d, &e), TOETS_ERR_REFUSED);
	want_message(&e, "dossier %s has no assessment: a decision rests on one ('toets answer' or the walk)",
		     f->ref[0]);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM decision"), 0);
	assert_int_equal(audit_rows(f), rows);
	assert_int_equal(status_of(f, 0), STATUS_IN_TOETSING);
	assert_true(sqlite3_get_autocommit(store_db(f->s)));
	assert_int_equal(decision_latest(f->s, f->ref[0], &d, &e), TOETS_ERR_NOT_FOUND);
	want_message(&e, "dossier %s has no decision yet", f->ref[0]);
}

/* A besluit needs every mandatory criterion motivated before it is
 * proposed: approval locks the assessment, and its letter says why. */
static void test_propose_needs_motivering(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	assess_passing(f, 0, &a);
	assert_int_equal(assess_reason(f->s, &a, "tlp", NULL, &e), TOETS_OK);
	int64_t rows = audit_rows(f);
	assert_int_equal(propose(f, 0, -1, NULL, &d, &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, "a proposal to aanwijzen needs first:\n"
				       "- criterion tlp (TLP) has no motivering ('toets answer reason')");
	assert_int_equal(propose(f, 0, DECISION_AFWIJZEN, "toch niet", &d, &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, "a proposal to afwijzen needs first:\n"
				       "- criterion tlp (TLP) has no motivering ('toets answer reason')");
	assert_int_equal(audit_rows(f), rows);
	assert_int_equal(status_of(f, 0), STATUS_IN_TOETSING);
	/* an aanvulling asks for what is missing: it needs none */
	assert_int_equal(propose(f, 0, DECISION_AANVULLING, "eerst de procedure", &d, &e), TOETS_OK);
	decision_release(&d);
	assess_release(&a);
}

/* A dossier that does not exist is named as such, as by every other
 * command (not called a dossier without an assessment). */
static void test_propose_unknown_dossier(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct decision d;
	struct decision_proposal in = { .kind = -1 };
	int64_t rows = audit_rows(f);
	enum toets_status st = decision_propose(f->s, "2099-0001", &in, &d, &e);
	assert_int_equal(audit_rows(f), rows);
	assert_int_equal(decision_approve(f->s, "2099-0001", NULL, 3, &d, &e), TOETS_ERR_NOT_FOUND);
	assert_string_equal(e.message, "no dossier 2099-0001 (see 'toets dossier list')");
	assert_int_equal(decision_return(f->s, "2099-0001", "reden", &d, &e), TOETS_ERR_NOT_FOUND);
	assert_string_equal(e.message, "no dossier 2099-0001 (see 'toets dossier list')");
	assert_int_equal(st, TOETS_ERR_NOT_FOUND);
	assert_int_equal(decision_propose(f->s, "2099-0001", &in, &d, &e), TOETS_ERR_NOT_FOUND);
	assert_string_equal(e.message, "no dossier 2099-0001 (see 'toets dossier list')");
}

/* Only from in toetsing (withdrawing: from aangewezen or aangesloten). */
static void test_propose_wrong_status(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	assess_passing(f, 0, &a);
	int64_t rows = audit_rows(f);
	/* in toetsing: no withdrawal of a designation there is not */
	assert_int_equal(propose(f, 0, DECISION_INTREKKEN, "geen taak meer", &d, &e), TOETS_ERR_REFUSED);
	want_message(&e, "a proposal (aanwijzing intrekken) cannot be made while dossier %s is \"in toetsing\"",
		     f->ref[0]);
	/* aanvulling gevraagd: back to in toetsing first */
	assert_int_equal(dossier_transition(f->s, f->ref[0], STATUS_AANVULLING_GEVRAAGD, NULL, &e), TOETS_OK);
	rows = audit_rows(f);
	assert_int_equal(propose(f, 0, -1, NULL, &d, &e), TOETS_ERR_REFUSED);
	want_message(&e, "a proposal (aanwijzen) cannot be made while dossier %s is \"aanvulling gevraagd\"",
		     f->ref[0]);
	assert_int_equal(propose(f, 0, DECISION_AFWIJZEN, "te laat", &d, &e), TOETS_ERR_REFUSED);
	want_message(&e, "a proposal (afwijzen) cannot be made while dossier %s is \"aanvulling gevraagd\"",
		     f->ref[0]);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM decision"), 0);
	assert_int_equal(audit_rows(f), rows);
	assert_int_equal(status_of(f, 0), STATUS_AANVULLING_GEVRAAGD);
	assess_release(&a);
}

/* Another kind than the verdicts suggest needs a reason, and says why. */
static void test_propose_other_kind_needs_reason(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	start(f, 0, &a);
	answered(f, &a, "statuten", "nee");
	answered(f, &a, "procedure", "ja");
	int64_t rows = audit_rows(f);
	assert_int_equal(propose(f, 0, DECISION_AANWIJZEN, NULL, &d, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "the verdicts suggest afwijzen (taak (voldoet niet)); proposing aanwijzen "
				       "needs a reason (--reason TEXT)");
	assert_int_equal(propose(f, 0, DECISION_AANWIJZEN, " \t\n", &d, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "the verdicts suggest afwijzen (taak (voldoet niet)); proposing aanwijzen "
				       "needs a reason (--reason TEXT)");
	assert_int_equal(propose(f, 0, DECISION_AANVULLING, NULL, &d, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "the verdicts suggest afwijzen (taak (voldoet niet)); proposing aanvulling "
				       "vragen needs a reason (--reason TEXT)");
	assert_int_equal(propose(f, 0, DECISION_AANWIJZEN, "reden\x01", &d, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "reason: the text holds control characters");
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM decision"), 0);
	assert_int_equal(audit_rows(f), rows);
	assert_int_equal(status_of(f, 0), STATUS_IN_TOETSING);
	assert_true(sqlite3_get_autocommit(store_db(f->s)));

	/* with a reason it is proposed, and both kinds are kept */
	assert_int_equal(propose(f, 0, DECISION_AANWIJZEN, "statuten worden aangepast", &d, &e), TOETS_OK);
	assert_int_equal(strlen(d.id), 36);
	assert_int_equal(d.kind, DECISION_AANWIJZEN);
	assert_int_equal(d.suggested, DECISION_AFWIJZEN);
	assert_int_equal(d.state, DECISION_PROPOSED);
	assert_string_equal(d.reason, "statuten worden aangepast");
	assert_string_equal(d.assessment_id, a.id);
	assert_string_equal(d.proposed_by, f->me);
	assert_int_equal(strlen(d.proposed_at), TIMESTAMP_LEN - 1);
	assert_null(d.reviewed_by);
	assert_null(d.effective_on); /* set on approval */
	assert_null(d.term_until);
	decision_release(&d);
	assert_int_equal(status_of(f, 0), STATUS_BESLUIT_VOORGESTELD);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM status_change WHERE from_status = 'in_toetsing' AND "
					 "to_status = 'besluit_voorgesteld' AND reason = 'proposal: aanwijzen'"),
			 1);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'decision.propose' AND payload "
					 "LIKE '%kind=aanwijzen' || char(10) || 'suggested=afwijzen' || char(10) || "
					 "'reason=statuten worden aangepast' || char(10)"),
			 1);
	assert_int_equal(audit_rows(f), rows + 1);

	/* when all is well, the message has no criteria to name */
	struct assessment b;
	assess_passing(f, 1, &b);
	assert_int_equal(propose(f, 1, DECISION_AFWIJZEN, NULL, &d, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "the verdicts suggest aanwijzen; proposing afwijzen needs a reason "
				       "(--reason TEXT)");
	/* what the verdicts suggest needs none, and stores none */
	assert_int_equal(propose(f, 1, -1, NULL, &d, &e), TOETS_OK);
	assert_int_equal(d.kind, DECISION_AANWIJZEN);
	assert_int_equal(d.suggested, DECISION_AANWIJZEN);
	assert_null(d.reason);
	decision_release(&d);
	assess_release(&b);
	assess_release(&a);
}

/* An aanvulling gets a term: four weeks unless given; dates are checked. */
static void test_propose_dates(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	start(f, 0, &a);
	answered(f, &a, "statuten", "deels");
	answered(f, &a, "procedure", "ja");
	struct decision_proposal bad[] = {
		{ .kind = -1, .term_until = "2026-02-30" },
		{ .kind = -1, .term_until = "2000-01-01" },
		{ .kind = -1, .effective_on = "2030-01-01", .reassess_on = "2029-12-31" },
		{ .kind = -1, .reassess_on = "morgen" },
	};
	char today[DATE_LEN];
	date_today(today);
	char past_term[128];
	snprintf(past_term, sizeof(past_term), "the term must end after today (%s)", today);
	const char *messages[] = {
		"term: '2026-02-30' is not a date (YYYY-MM-DD)",
		past_term,
		"the re-assessment date must come after the effective date",
		"re-assessment date: 'morgen' is not a date (YYYY-MM-DD)",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(decision_propose(f->s, f->ref[0], &bad[i], &d, &e), TOETS_ERR_INVALID);
		assert_string_equal(e.message, messages[i]);
	}
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM decision"), 0);
	assert_int_equal(propose(f, 0, -1, NULL, &d, &e), TOETS_OK);
	assert_int_equal(d.kind, DECISION_AANVULLING);
	char term[DATE_LEN];
	clock_add_days(today, DECISION_TERM_DAYS, term);
	assert_string_equal(d.term_until, term);
	assert_null(d.effective_on);
	decision_release(&d);
	assess_release(&a);
}

static void test_one_proposal_at_a_time(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	assess_passing(f, 0, &a);
	proposed(f, 0, -1, NULL);
	int64_t rows = audit_rows(f);
	assert_int_equal(propose(f, 0, -1, NULL, &d, &e), TOETS_ERR_REFUSED);
	want_message(&e, "dossier %s already has a proposal to aanwijzen (by %s), waiting for approval", f->ref[0],
		     f->me);
	assert_int_equal(propose(f, 0, DECISION_AFWIJZEN, "bij nader inzien", &d, &e), TOETS_ERR_REFUSED);
	want_message(&e, "dossier %s already has a proposal to aanwijzen (by %s), waiting for approval", f->ref[0],
		     f->me);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM decision"), 1);
	assert_int_equal(audit_rows(f), rows);
	/* the schema itself holds one waiting proposal per dossier */
	exec_refused(f->s,
		     "INSERT INTO decision (id, dossier_id, kind, suggested, proposed_by, proposed_at) "
		     "SELECT 'x', dossier_id, kind, suggested, proposed_by, proposed_at FROM decision",
		     "UNIQUE constraint failed");
	/* another dossier has its own */
	struct assessment b;
	assess_passing(f, 1, &b);
	proposed(f, 1, -1, NULL);
	assess_release(&b);
	assess_release(&a);
}

/* What the second assessor approves is what was proposed. */
static void test_waiting_proposal_freezes_assessment(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a, b;
	assess_passing(f, 0, &a);
	assert_int_equal(assess_reason(f->s, &a, "taak", "De statuten leggen de taak vast.", &e), TOETS_OK);
	proposed(f, 0, -1, NULL);
	int64_t rows = audit_rows(f), answers = query_int(f->s, "SELECT count(*) FROM answer");
	char want[512];
	snprintf(want, sizeof(want),
		 "a proposal by %s is waiting for approval: the assessment cannot change until it is sent back",
		 f->me);
	assert_int_equal(answer(f, &a, "statuten", "nee", &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	assert_int_equal(answer(f, &a, "leden", "veel", &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	struct answer_input clear = { .question_id = "statuten", .clear = true };
	assert_int_equal(assess_answer(f->s, &a, &clear, &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	assert_int_equal(assess_override(f->s, &a, "tlp", VERDICT_FAIL, "toch niet", &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	assert_int_equal(assess_reason(f->s, &a, "taak", "Anders.", &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	assert_int_equal(assess_reason(f->s, &a, "taak", NULL, &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	/* nor is there a re-assessment of an open one */
	size_t dropped = 7;
	assert_int_equal(assess_reassess(f->s, f->ref[0], NULL, &b, &dropped, &e), TOETS_ERR_REFUSED);
	want_message(&e,
		     "the assessment of %s is still open: change it there (a re-assessment starts once a "
		     "decision has locked it)",
		     f->ref[0]);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM answer"), answers);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM criterion_reason WHERE reason = "
					 "'De statuten leggen de taak vast.'"),
			 1);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM verdict_override"), 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM assessment"), 1);
	assert_int_equal(audit_rows(f), rows);
	assert_true(sqlite3_get_autocommit(store_db(f->s)));
	assess_release(&a);
}

/* ---- reviewing ------------------------------------------------------------------------------- */

static void test_no_self_review(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	assess_passing(f, 0, &a);
	assert_int_equal(decision_approve(f->s, f->ref[0], NULL, 3, &d, &e), TOETS_ERR_NOT_FOUND);
	want_message(&e, "dossier %s has no proposal waiting for approval", f->ref[0]);
	proposed(f, 0, -1, NULL);
	int64_t rows = audit_rows(f);
	assert_int_equal(decision_approve(f->s, f->ref[0], "akkoord", 3, &d, &e), TOETS_ERR_REFUSED);
	want_message(&e, "you (%s) proposed this decision: another assessor must approve it (four eyes)", f->me);
	assert_int_equal(decision_return(f->s, f->ref[0], "nog niet", &d, &e), TOETS_ERR_REFUSED);
	want_message(&e, "you (%s) proposed this decision: another assessor must return it (four eyes)", f->me);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM decision WHERE state = 'voorgesteld'"), 1);
	assert_int_equal(status_of(f, 0), STATUS_BESLUIT_VOORGESTELD);
	assert_null(a.locked_at);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM assessment WHERE locked_at IS NULL"), 1);
	assert_int_equal(audit_rows(f), rows);
	assert_true(sqlite3_get_autocommit(store_db(f->s)));
	assess_release(&a);
}

/* Whoever overrode a verdict in the assessment does not approve it, even
 * after the override was cleared. */
static void test_overrider_cannot_approve(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	assess_passing(f, 0, &a);
	assert_int_equal(assess_override(f->s, &a, "tlp", VERDICT_FOLLOWUP, "navragen", &e), TOETS_OK);
	assert_int_equal(assess_override(f->s, &a, "tlp", VERDICT_COUNT, NULL, &e), TOETS_OK);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM verdict_override"), 0);
	char *sql = xasprintf("SELECT count(*) FROM override_account WHERE account = '%s'", f->me);
	assert_int_equal(query_int(f->s, sql), 1);
	free(sql);
	proposed(f, 0, -1, NULL);
	second_proposer(f, 0); /* SIMULATED: the proposal is another's */
	int64_t rows = audit_rows(f);
	assert_int_equal(decision_approve(f->s, f->ref[0], NULL, 3, &d, &e), TOETS_ERR_REFUSED);
	want_message(&e,
		     "you (%s) overrode a verdict in this assessment: another assessor must approve the decision "
		     "(four eyes)",
		     f->me);
	assert_int_equal(decision_return(f->s, f->ref[0], "nog niet", &d, &e), TOETS_ERR_REFUSED);
	want_message(&e,
		     "you (%s) overrode a verdict in this assessment: another assessor must return the decision "
		     "(four eyes)",
		     f->me);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM decision WHERE state = 'voorgesteld'"), 1);
	assert_int_equal(audit_rows(f), rows);
	assess_release(&a);
}

static void test_return(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	assess_passing(f, 0, &a);
	proposed(f, 0, -1, NULL);
	second_proposer(f, 0); /* SIMULATED: the proposal is another's */
	int64_t rows = audit_rows(f);
	assert_int_equal(decision_return(f->s, f->ref[0], NULL, &d, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "sending a proposal back needs a reason (--reason TEXT)");
	assert_int_equal(decision_return(f->s, f->ref[0], "  ", &d, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "sending a proposal back needs a reason (--reason TEXT)");
	assert_int_equal(decision_return(f->s, f->ref[0], "nee\x1b[2J", &d, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "the text holds control characters");
	assert_int_equal(audit_rows(f), rows);
	assert_int_equal(status_of(f, 0), STATUS_BESLUIT_VOORGESTELD);

	assert_int_equal(decision_return(f->s, f->ref[0], "motivering van tlp ontbreekt", &d, &e), TOETS_OK);
	assert_int_equal(d.state, DECISION_RETURNED);
	assert_string_equal(d.proposed_by, SECOND);
	assert_string_equal(d.reviewed_by, f->me);
	assert_string_equal(d.review_note, "motivering van tlp ontbreekt");
	decision_release(&d);
	assert_int_equal(status_of(f, 0), STATUS_IN_TOETSING);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM status_change WHERE from_status = "
					 "'besluit_voorgesteld' AND to_status = 'in_toetsing' AND "
					 "reason = 'motivering van tlp ontbreekt'"),
			 1);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'decision.return'"), 1);
	assert_int_equal(audit_rows(f), rows + 1);
	/* the assessment is open again, and a new proposal may follow */
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM assessment WHERE locked_at IS NULL"), 1);
	assert_int_equal(assess_reason(f->s, &a, "tlp", "De TLP-procedure is vastgelegd.", &e), TOETS_OK);
	proposed(f, 0, -1, NULL);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM decision"), 2);
	assert_int_equal(decision_return(f->s, f->ref[1], "x", &d, &e), TOETS_ERR_NOT_FOUND);
	want_message(&e, "dossier %s has no proposal waiting for approval", f->ref[1]);
	struct audit_verdict v;
	assert_int_equal(audit_verify(f->s, &v, &e), TOETS_OK);
	assert_true(v.ok);
	assess_release(&a);
}

/* Approved (the proposer simulated as another account): the dossier is
 * aangewezen, dated, and its assessment locked. */
static void test_approve_locks(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a, cur;
	struct decision d;
	assess_passing(f, 0, &a);
	struct evidence_input ev = { f->doc, "art. 2" };
	const char *ja = "ja";
	struct answer_input with_ev = { .question_id = "statuten", .values = &ja, .n_values = 1, .evidence = &ev,
					.n_evidence = 1 };
	assert_int_equal(assess_answer(f->s, &a, &with_ev, &e), TOETS_OK);
	proposed(f, 0, -1, NULL);
	second_proposer(f, 0); /* SIMULATED: the proposal is another's */
	assert_int_equal(decision_approve(f->s, f->ref[0], "akkoord\x01", 3, &d, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "note: the text holds control characters");
	int64_t rows = audit_rows(f);
	assert_int_equal(decision_approve(f->s, f->ref[0], "akkoord", 5, &d, &e), TOETS_OK);
	assert_int_equal(d.state, DECISION_APPROVED);
	assert_int_equal(d.kind, DECISION_AANWIJZEN);
	assert_string_equal(d.proposed_by, SECOND);
	assert_string_equal(d.reviewed_by, f->me);
	assert_string_equal(d.review_note, "akkoord");
	char today[DATE_LEN], later[32];
	date_today(today);
	snprintf(later, sizeof(later), "%04d%s", atoi(today) + 5, today + 4); /* not on 29 February */
	assert_string_equal(d.effective_on, today);
	assert_string_equal(d.reassess_on, later);
	char id[STORE_ID_LEN];
	snprintf(id, sizeof(id), "%s", d.id);
	decision_release(&d);
	assert_int_equal(status_of(f, 0), STATUS_AANGEWEZEN);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM status_change WHERE from_status = "
					 "'besluit_voorgesteld' AND to_status = 'aangewezen' AND reason = "
					 "'approved: aanwijzen'"),
			 1);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'decision.approve'"), 1);
	assert_int_equal(audit_rows(f), rows + 1);
	/* the newest and the approved one */
	assert_int_equal(decision_latest(f->s, f->ref[0], &d, &e), TOETS_OK);
	assert_string_equal(d.id, id);
	decision_release(&d);
	assert_int_equal(decision_approved(f->s, a.dossier_id, DECISION_AANWIJZEN, &d, &e), TOETS_OK);
	assert_string_equal(d.id, id);
	decision_release(&d);
	assert_int_equal(decision_approved(f->s, a.dossier_id, DECISION_AFWIJZEN, &d, &e), TOETS_ERR_NOT_FOUND);
	assert_string_equal(e.message, "no approved decision to afwijzen");

	/* locked, by this decision */
	assert_int_equal(assess_current(f->s, f->ref[0], &cur, &e), TOETS_OK);
	assert_non_null(cur.locked_at);
	char *locked_by = query_text(f->s, "SELECT locked_by FROM assessment");
	assert_string_equal(locked_by, id);
	free(locked_by);
	char day[DATE_LEN];
	snprintf(day, sizeof(day), "%s", cur.locked_at);
	char want[512];
	snprintf(want, sizeof(want),
		 "the assessment of %s was locked by an approved decision on %s; a change needs a "
		 "re-assessment ('toets reassess %s')",
		 f->ref[0], day, f->ref[0]);
	rows = audit_rows(f);
	int64_t answers = query_int(f->s, "SELECT count(*) FROM answer");
	assert_int_equal(answer(f, &a, "statuten", "nee", &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	assert_int_equal(answer(f, &cur, "leden", "veel", &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	assert_int_equal(assess_override(f->s, &cur, "taak", VERDICT_FAIL, "toch niet", &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	assert_int_equal(assess_reason(f->s, &cur, "taak", "Anders.", &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM answer"), answers);
	assert_int_equal(audit_rows(f), rows);
	/* a re-designation rests on an open assessment: a re-assessment first */
	assert_int_equal(propose(f, 0, -1, NULL, &d, &e), TOETS_ERR_REFUSED);
	assert_string_equal(e.message, want);
	assess_release(&cur);
	assess_release(&a);
}

/* A designation with an effective date: the re-assessment follows it by
 * the settings' years, 29 February becoming 28 February. */
static void test_approve_dates(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	assess_passing(f, 0, &a);
	struct decision_proposal in = { .kind = -1, .effective_on = "2028-02-29" };
	assert_int_equal(decision_propose(f->s, f->ref[0], &in, &d, &e), TOETS_OK);
	assert_string_equal(d.effective_on, "2028-02-29");
	assert_null(d.reassess_on);
	decision_release(&d);
	second_proposer(f, 0); /* SIMULATED: the proposal is another's */
	assert_int_equal(decision_approve(f->s, f->ref[0], NULL, 1, &d, &e), TOETS_OK);
	assert_string_equal(d.effective_on, "2028-02-29");
	assert_string_equal(d.reassess_on, "2029-02-28");
	assert_null(d.review_note);
	decision_release(&d);
	/* a date proposed stays */
	struct assessment b;
	assess_passing(f, 1, &b);
	struct decision_proposal both = { .kind = -1, .effective_on = "2027-01-01", .reassess_on = "2028-06-30" };
	assert_int_equal(decision_propose(f->s, f->ref[1], &both, &d, &e), TOETS_OK);
	decision_release(&d);
	second_proposer(f, 1); /* SIMULATED */
	assert_int_equal(decision_approve(f->s, f->ref[1], NULL, 3, &d, &e), TOETS_OK);
	assert_string_equal(d.effective_on, "2027-01-01");
	assert_string_equal(d.reassess_on, "2028-06-30");
	decision_release(&d);
	assess_release(&b);
	assess_release(&a);
}

/* An approved afwijzing; a designation withdrawn (the assessment stays
 * locked, the withdrawal rests on it). */
static void test_afwijzen_and_intrekken(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a, b;
	struct decision d;
	start(f, 0, &a);
	answered(f, &a, "statuten", "nee");
	answered(f, &a, "procedure", "ja");
	proposed(f, 0, -1, NULL);
	approved(f, 0, &d);
	assert_int_equal(d.kind, DECISION_AFWIJZEN);
	assert_null(d.effective_on);
	assert_null(d.reassess_on);
	decision_release(&d);
	assert_int_equal(status_of(f, 0), STATUS_AFGEWEZEN);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM assessment WHERE locked_at IS NOT NULL"), 1);
	/* nothing more to propose on a refused application */
	assert_int_equal(propose(f, 0, DECISION_AANWIJZEN, "toch", &d, &e), TOETS_ERR_REFUSED);
	want_message(&e, "a proposal (aanwijzen) cannot be made while dossier %s is \"afgewezen\"", f->ref[0]);

	assess_passing(f, 1, &b);
	proposed(f, 1, -1, NULL);
	approved(f, 1, &d);
	decision_release(&d);
	assert_int_equal(dossier_transition(f->s, f->ref[1], STATUS_AANGESLOTEN, NULL, &e), TOETS_OK);
	/* withdrawing is never what the verdicts suggest: a reason, always */
	assert_int_equal(propose(f, 1, DECISION_INTREKKEN, NULL, &d, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "withdrawing a designation needs a reason (--reason TEXT)");
	assert_int_equal(propose(f, 1, DECISION_INTREKKEN, "doet niet meer mee", &d, &e), TOETS_OK);
	decision_release(&d);
	/* no move while it waits; aangesloten stays until approval */
	assert_int_equal(status_of(f, 1), STATUS_AANGESLOTEN);
	approved(f, 1, &d);
	assert_int_equal(d.kind, DECISION_INTREKKEN);
	decision_release(&d);
	assert_int_equal(status_of(f, 1), STATUS_AANWIJZING_INGETROKKEN);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM status_change WHERE from_status = 'aangesloten' AND "
					 "to_status = 'aanwijzing_ingetrokken' AND reason = 'approved: aanwijzing "
					 "intrekken'"),
			 1);
	struct audit_verdict v;
	assert_int_equal(audit_verify(f->s, &v, &e), TOETS_OK);
	assert_true(v.ok);
	assess_release(&b);
	assess_release(&a);
}

/* Every status move a decision makes is in the workflow. Approving an
 * aanvulling takes the dossier to aanvulling gevraagd (decision.h) and
 * leaves the assessment open. */
static void test_approve_aanvulling(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	const enum dossier_status moves[][2] = {
		{ STATUS_IN_TOETSING, STATUS_BESLUIT_VOORGESTELD },     { STATUS_BESLUIT_VOORGESTELD, STATUS_IN_TOETSING },
		{ STATUS_BESLUIT_VOORGESTELD, STATUS_AANGEWEZEN },      { STATUS_BESLUIT_VOORGESTELD, STATUS_AFGEWEZEN },
		{ STATUS_AANGEWEZEN, STATUS_AANWIJZING_INGETROKKEN }, { STATUS_AANGESLOTEN, STATUS_AANWIJZING_INGETROKKEN },
	};
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		assert_true(dossier_transition_in_workflow(moves[i][0], moves[i][1]));
		assert_true(dossier_transition_by_decision(moves[i][0], moves[i][1]));
	}
	start(f, 0, &a);
	answered(f, &a, "statuten", "deels");
	answered(f, &a, "procedure", "ja");
	proposed(f, 0, -1, NULL);
	second_proposer(f, 0); /* SIMULATED: the proposal is another's */
	int64_t rows = audit_rows(f);
	assert_int_equal(decision_approve(f->s, f->ref[0], NULL, 3, &d, &e), TOETS_OK);
	assert_int_equal(audit_rows(f), rows + 1);
	assert_int_equal(d.kind, DECISION_AANVULLING);
	assert_int_equal(d.state, DECISION_APPROVED);
	decision_release(&d);
	assert_int_equal(status_of(f, 0), STATUS_AANVULLING_GEVRAAGD);
	/* an aanvulling is no besluit: the assessment goes on */
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM assessment WHERE locked_at IS NULL"), 1);
	assert_int_equal(dossier_transition(f->s, f->ref[0], STATUS_IN_TOETSING, NULL, &e), TOETS_OK);
	answered(f, &a, "statuten", "ja");
	assess_release(&a);
}

/* ---- the schema holds the rules without toets ---------------------------------------------- */

static void test_schema_four_eyes(void **state)
{
	struct fx *f = *state;
	struct assessment a;
	assess_passing(f, 0, &a);
	proposed(f, 0, -1, NULL);
	/* approval or return by the proposer, or by nobody */
	exec_refused(f->s,
		     "UPDATE decision SET state = 'goedgekeurd', reviewed_by = proposed_by, "
		     "reviewed_at = proposed_at",
		     "CHECK constraint failed");
	exec_refused(f->s, "UPDATE decision SET state = 'teruggestuurd', reviewed_by = proposed_by",
		     "CHECK constraint failed");
	exec_refused(f->s, "UPDATE decision SET state = 'goedgekeurd'", "CHECK constraint failed");
	exec_refused(f->s, "UPDATE decision SET state = 'besloten', reviewed_by = 'x'", "CHECK constraint failed");
	/* another kind than suggested, with an empty reason (without one at
	 * all: test_schema_other_kind_null_reason) */
	exec_refused(f->s, "UPDATE decision SET kind = 'afwijzen', reason = ''",
		     "a decision other than the suggested one needs a reason");
	exec_refused(f->s, "UPDATE decision SET kind = 'besluiten', reason = 'x'", "CHECK constraint failed");
	exec_refused(f->s, "DELETE FROM decision", "decisions are kept");
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM decision WHERE state = 'voorgesteld'"), 1);

	/* reviewed (by another: raw SQL, which the schema allows), it never changes */
	exec_ok(f->s, "UPDATE decision SET state = 'goedgekeurd', reviewed_by = '" SECOND "', "
		      "reviewed_at = proposed_at");
	exec_refused(f->s, "UPDATE decision SET state = 'voorgesteld', reviewed_by = NULL",
		     "a reviewed decision cannot change");
	exec_refused(f->s, "UPDATE decision SET review_note = 'later toegevoegd'", "a reviewed decision cannot change");
	exec_refused(f->s, "UPDATE decision SET reviewed_by = 'derde'", "a reviewed decision cannot change");
	exec_refused(f->s, "DELETE FROM decision", "decisions are kept");
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM decision WHERE state = 'goedgekeurd' AND "
					 "reviewed_by = '" SECOND "' AND review_note IS NULL"),
			 1);
	assess_release(&a);
}

/* Another kind than suggested without a reason is refused by the schema
 * too: step 6's CHECK passed a NULL reason (a CHECK that is NULL passes),
 * step 9's triggers do not. */
static void test_schema_other_kind_null_reason(void **state)
{
	struct fx *f = *state;
	struct assessment a;
	assess_passing(f, 0, &a);
	proposed(f, 0, -1, NULL);
	assess_release(&a);
	char *err = NULL;
	assert_int_not_equal(sqlite3_exec(store_db(f->s), "UPDATE decision SET kind = 'afwijzen'", NULL, NULL, &err),
			     SQLITE_OK);
	assert_non_null(strstr(err ? err : "", "a decision other than the suggested one needs a reason"));
	sqlite3_free(err);
	/* nor a new row without one */
	exec_refused(f->s,
		     "INSERT INTO decision (id, dossier_id, kind, suggested, proposed_by, proposed_at, state, "
		     "reviewed_by) SELECT 'x', dossier_id, 'intrekken', suggested, proposed_by, proposed_at, "
		     "'teruggestuurd', 'iemand' FROM decision",
		     "a decision other than the suggested one needs a reason");
}

/* A locked assessment refuses every change from outside toets too. */
static void test_schema_lock(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	assess_passing(f, 0, &a);
	struct evidence_input ev = { f->doc, "art. 2" };
	const char *ja = "ja";
	struct answer_input with_ev = { .question_id = "statuten", .values = &ja, .n_values = 1, .evidence = &ev,
					.n_evidence = 1, .note = "Zie artikel 2" };
	assert_int_equal(assess_answer(f->s, &a, &with_ev, &e), TOETS_OK);
	assert_int_equal(assess_reason(f->s, &a, "taak", "De statuten leggen de taak vast.", &e), TOETS_OK);
	proposed(f, 0, -1, NULL);
	approved(f, 0, &d);
	decision_release(&d);
	char *before = query_text(f->s, "SELECT group_concat(id || question_id || ifnull(choices, '') || "
					"ifnull(note, '') || account || at, '|') FROM answer");
	static const char *const refused[] = {
		"UPDATE answer SET choices = 'nee'",
		"UPDATE answer SET note = NULL",
		"DELETE FROM answer",
		"INSERT INTO answer (id, assessment_id, question_id, choices, account, at) "
		"SELECT 'x', id, 'leden', 'veel', 'iemand', created_at FROM assessment",
		"INSERT INTO verdict_override (assessment_id, criterion_id, verdict, reason, account, at) "
		"SELECT id, 'taak', 'voldoet niet', 'achteraf', 'iemand', created_at FROM assessment",
		"UPDATE criterion_reason SET reason = 'Iets anders.'",
		"DELETE FROM criterion_reason",
		"INSERT INTO criterion_reason (assessment_id, criterion_id, reason, account, at) "
		"SELECT id, 'tlp', 'Achteraf.', 'iemand', created_at FROM assessment",
		"DELETE FROM evidence",
		"INSERT INTO evidence (id, answer_id, document_id, location, account, at) "
		"SELECT 'y', answer_id, document_id, 'p. 9', account, at FROM evidence",
		"UPDATE assessment SET locked_at = NULL, locked_by = NULL",
		"UPDATE assessment SET kader_sha256 = 'x'",
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		exec_refused(f->s, refused[i], "the assessment is locked");
	exec_refused(f->s, "DELETE FROM assessment", "assessments are kept");
	char *after = query_text(f->s, "SELECT group_concat(id || question_id || ifnull(choices, '') || "
				       "ifnull(note, '') || account || at, '|') FROM answer");
	assert_string_equal(after, before);
	free(before);
	free(after);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM evidence WHERE location = 'art. 2'"), 1);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM criterion_reason WHERE reason = "
					 "'De statuten leggen de taak vast.'"),
			 1);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM verdict_override"), 0);
	assess_release(&a);
}

/* The evidence links of a locked assessment cannot be re-pointed either
 * (step 9's UPDATE trigger on evidence). */
static void test_schema_lock_evidence_update(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	struct decision d;
	assess_passing(f, 0, &a);
	struct evidence_input ev = { f->doc, "art. 2" };
	const char *ja = "ja";
	struct answer_input with_ev = { .question_id = "statuten", .values = &ja, .n_values = 1, .evidence = &ev,
					.n_evidence = 1 };
	assert_int_equal(assess_answer(f->s, &a, &with_ev, &e), TOETS_OK);
	proposed(f, 0, -1, NULL);
	approved(f, 0, &d);
	decision_release(&d);
	char *err = NULL;
	assert_int_not_equal(sqlite3_exec(store_db(f->s), "UPDATE evidence SET location = 'p. 99'", NULL, NULL, &err),
			     SQLITE_OK);
	assert_non_null(strstr(err ? err : "", "the assessment is locked"));
	sqlite3_free(err);
	assess_release(&a);
}

/* ---- re-assessing ------------------------------------------------------------------------------ */

static void test_reassess(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a, b, cur, prev, none;
	struct decision d;
	size_t dropped = 9;
	/* no assessment, nothing to start from */
	assert_int_equal(assess_reassess(f->s, f->ref[0], NULL, &none, &dropped, &e), TOETS_ERR_NOT_FOUND);
	want_message(&e, "dossier %s has no assessment yet", f->ref[0]);

	assess_passing(f, 0, &a);
	struct evidence_input ev = { f->doc, "art. 2" };
	const char *ja = "ja";
	struct answer_input with_ev = { .question_id = "statuten", .values = &ja, .n_values = 1, .evidence = &ev,
					.n_evidence = 1, .note = "Zie artikel 2" };
	assert_int_equal(assess_answer(f->s, &a, &with_ev, &e), TOETS_OK);
	answered(f, &a, "leden", "veel");
	answered(f, &a, "kanaal", "e-mail en chat");
	assert_int_equal(assess_reason(f->s, &a, "taak", "De statuten leggen de taak vast.", &e), TOETS_OK);
	assert_int_equal(assess_reason(f->s, &a, "omvang", "Ruim 40 leden.", &e), TOETS_OK);
	/* an override by a third assessor (SIMULATED: made by toets as this
	 * account, its account rewritten by raw SQL so that this one may
	 * approve) */
	assert_int_equal(assess_override(f->s, &a, "omvang", VERDICT_FOLLOWUP, "ledenlijst opvragen", &e), TOETS_OK);
	exec_ok(f->s, "UPDATE verdict_override SET account = 'derde-toetser'"); /* its trigger records the third */
	exec_ok(f->s, "DROP TRIGGER override_account_kept"); /* SIMULATED too: the log of overriders is kept */
	char *mine = xasprintf("DELETE FROM override_account WHERE account = '%s'", f->me);
	exec_ok(f->s, mine);
	free(mine);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM override_account WHERE account = 'derde-toetser'"), 1);
	/* open: change it there */
	assert_int_equal(assess_reassess(f->s, f->ref[0], NULL, &none, &dropped, &e), TOETS_ERR_REFUSED);
	want_message(&e,
		     "the assessment of %s is still open: change it there (a re-assessment starts once a "
		     "decision has locked it)",
		     f->ref[0]);
	assert_null(none.kader);
	proposed(f, 0, -1, NULL);
	approved(f, 0, &d);
	decision_release(&d);

	int64_t rows = audit_rows(f);
	assert_int_equal(assess_reassess(f->s, f->ref[0], NULL, &b, &dropped, &e), TOETS_OK);
	assert_int_equal(dropped, 0);
	assert_string_equal(b.previous_id, a.id);
	assert_string_not_equal(b.id, a.id);
	assert_null(b.locked_at);
	assert_string_equal(b.created_by, f->me);
	assert_string_equal(b.kader->sha256_hex, a.kader->sha256_hex);
	assert_int_equal(audit_rows(f), rows + 1);
	char *sql = xasprintf("SELECT count(*) FROM audit WHERE action = 'assessment.reassess' AND payload LIKE "
			      "'assessment=%s' || char(10) || 'previous=%s' || char(10) || '%%dropped=0' || char(10)",
			      b.id, a.id);
	assert_int_equal(query_int(f->s, sql), 1);
	free(sql);
	/* the current one is the new one; it knows where it came from */
	assert_int_equal(assess_current(f->s, f->ref[0], &cur, &e), TOETS_OK);
	assert_string_equal(cur.id, b.id);
	assert_string_equal(cur.previous_id, a.id);
	assert_int_equal(assess_previous(f->s, &cur, &prev, &e), TOETS_OK);
	assert_string_equal(prev.id, a.id);
	assert_non_null(prev.locked_at);
	assert_int_equal(assess_previous(f->s, &prev, &none, &e), TOETS_ERR_NOT_FOUND);
	assert_string_equal(e.message, "this is the first assessment of the dossier");
	assess_release(&prev);

	/* answers, notes, evidence and motiveringen carried; overrides not */
	struct assessment_state old_st, new_st;
	assert_int_equal(assess_load(f->s, &a, &old_st, &e), TOETS_OK);
	assert_int_equal(assess_load(f->s, &cur, &new_st, &e), TOETS_OK);
	assert_int_equal(new_st.n_answers, old_st.n_answers);
	assert_int_equal(new_st.n_answers, 4);
	for (size_t i = 0; i < old_st.n_answers; i++) {
		const struct stored_answer *o = &old_st.answers[i];
		const struct stored_answer *n = assess_find_answer(&new_st, o->question_id);
		assert_non_null(n);
		assert_int_equal(n->n_choices, o->n_choices);
		for (size_t j = 0; j < o->n_choices; j++)
			assert_string_equal(n->choices[j], o->choices[j]);
		assert_true((n->value == NULL) == (o->value == NULL));
		if (o->value)
			assert_string_equal(n->value, o->value);
		assert_true((n->note == NULL) == (o->note == NULL));
		if (o->note)
			assert_string_equal(n->note, o->note);
		/* who answered, and when */
		assert_string_equal(n->account, o->account);
		assert_string_equal(n->at, o->at);
		assert_int_equal(n->n_evidence, o->n_evidence);
	}
	const struct stored_answer *s = assess_find_answer(&new_st, "statuten");
	assert_string_equal(s->note, "Zie artikel 2");
	assert_int_equal(s->n_evidence, 1);
	assert_string_equal(s->evidence[0].document_id, f->doc);
	assert_string_equal(s->evidence[0].location, "art. 2");
	assert_int_equal(new_st.n_reasons, 3); /* taak, tlp (from start) and omvang */
	assert_string_equal(assess_find_reason(&new_st, "taak")->reason, "De statuten leggen de taak vast.");
	assert_string_equal(assess_find_reason(&new_st, "tlp")->reason, "Er is een TLP-procedure.");
	assert_string_equal(assess_find_reason(&new_st, "omvang")->reason, "Ruim 40 leden.");
	assert_int_equal(old_st.n_overrides, 1);
	assert_int_equal(new_st.n_overrides, 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM evidence"), 2);
	/* the copies are rows of their own */
	assert_int_equal(query_int(f->s, "SELECT count(DISTINCT id) FROM answer"), 8);
	assess_state_release(&old_st);
	assess_state_release(&new_st);

	/* the new one is open: it changes, the old one stays as it was */
	answered(f, &cur, "statuten", "deels");
	assert_int_equal(assess_reason(f->s, &cur, "tlp", "Procedure gezien.", &e), TOETS_OK);
	assert_int_equal(answer(f, &a, "statuten", "deels", &e), TOETS_ERR_REFUSED);
	sql = xasprintf("SELECT count(*) FROM answer WHERE assessment_id = '%s' AND choices = 'ja' AND "
			"question_id = 'statuten'",
			a.id);
	assert_int_equal(query_int(f->s, sql), 1);
	free(sql);
	/* and no second re-assessment while this one is open */
	assert_int_equal(assess_reassess(f->s, f->ref[0], NULL, &none, &dropped, &e), TOETS_ERR_REFUSED);
	assess_release(&cur);
	struct audit_verdict v;
	assert_int_equal(audit_verify(f->s, &v, &e), TOETS_OK);
	assert_true(v.ok);
	assess_release(&b);
	assess_release(&a);
}

/* Against a newer framework: what it cannot take is left out and counted. */
static void test_reassess_new_framework(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a, b;
	struct decision d;
	assess_passing(f, 0, &a);
	answered(f, &a, "leden", "weinig");            /* a choice version 2 no longer has */
	answered(f, &a, "kanaal", "e-mail");           /* a question version 2 no longer has */
	assert_int_equal(assess_reason(f->s, &a, "omvang", "Te klein.", &e), TOETS_OK);
	assert_int_equal(assess_reason(f->s, &a, "taak", "Statuten in orde.", &e), TOETS_OK);
	proposed(f, 0, -1, NULL);
	approved(f, 0, &d);
	decision_release(&d);
	size_t dropped = 0;
	assert_int_equal(assess_reassess(f->s, f->ref[0], f->k2, &b, &dropped, &e), TOETS_OK);
	assert_int_equal(dropped, 2);
	assert_string_equal(b.kader->version, "2");
	assert_string_equal(b.previous_id, a.id);
	struct assessment_state st;
	assert_int_equal(assess_load(f->s, &b, &st, &e), TOETS_OK);
	assert_int_equal(st.n_answers, 2);
	assert_non_null(assess_find_answer(&st, "statuten"));
	assert_non_null(assess_find_answer(&st, "procedure"));
	assert_null(assess_find_answer(&st, "leden"));
	assert_null(assess_find_answer(&st, "kanaal"));
	/* a criterion it still has keeps its motivering (taak, tlp; omvang too) */
	assert_int_equal(st.n_reasons, 3);
	assess_state_release(&st);
	assess_release(&b);
	assess_release(&a);
}

/* ---- what changed ----------------------------------------------------------------------------- */

static void collect_change(const struct assess_change *c, void *ctx)
{
	struct strbuf *sb = ctx;
	const char *mark = c->kind == ASSESS_ADDED ? "+" : c->kind == ASSESS_REMOVED ? "-" : "~";
	assert_true((c->question_id == NULL) != (c->criterion_id == NULL));
	assert_true(c->kind != ASSESS_ADDED || (!c->before && c->after));
	assert_true(c->kind != ASSESS_REMOVED || (c->before && !c->after));
	assert_true(c->kind != ASSESS_CHANGED || (c->before && c->after));
	strbuf_addf(sb, "%s %s%s: %s -> %s\n", mark, c->question_id ? "" : "criterion ",
		    c->question_id ? c->question_id : c->criterion_id, c->before ? c->before : "(none)",
		    c->after ? c->after : "(none)");
}

static void diff_text(struct fx *f, const struct assessment *old_a, const struct assessment *new_a,
		      struct strbuf *out)
{
	struct toets_error e = { TOETS_OK, "" };
	struct assessment_state o, n;
	assert_int_equal(assess_load(f->s, old_a, &o, &e), TOETS_OK);
	assert_int_equal(assess_load(f->s, new_a, &n, &e), TOETS_OK);
	strbuf_reset(out);
	assess_diff(old_a->kader, &o, new_a->kader, &n, collect_change, out);
	assess_state_release(&o);
	assess_state_release(&n);
}

static void test_diff(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a, b;
	struct decision d;
	assess_passing(f, 0, &a);
	const char *ja = "ja";
	struct answer_input noted = { .question_id = "procedure", .values = &ja, .n_values = 1,
				      .note = "TLP-beleid 2024" };
	assert_int_equal(assess_answer(f->s, &a, &noted, &e), TOETS_OK);
	answered(f, &a, "leden", "veel");
	proposed(f, 0, -1, NULL);
	approved(f, 0, &d);
	decision_release(&d);
	size_t dropped;
	assert_int_equal(assess_reassess(f->s, f->ref[0], NULL, &b, &dropped, &e), TOETS_OK);
	struct strbuf sb = STRBUF_INIT;
	diff_text(f, &a, &b, &sb);
	assert_string_equal(strbuf_str(&sb), ""); /* nothing yet */

	answered(f, &b, "statuten", "deels");                   /* changed, and its verdict */
	struct answer_input renoted = { .question_id = "procedure", .values = &ja, .n_values = 1, .note = "" };
	assert_int_equal(assess_answer(f->s, &b, &renoted, &e), TOETS_OK); /* the note cleared */
	struct answer_input clear = { .question_id = "leden", .clear = true };
	assert_int_equal(assess_answer(f->s, &b, &clear, &e), TOETS_OK); /* removed, and its verdict */
	answered(f, &b, "kanaal", "e-mail");                    /* added */
	diff_text(f, &a, &b, &sb);
	assert_string_equal(strbuf_str(&sb), "~ statuten: Ja -> Deels\n"
					     "~ criterion taak: voldoet -> nader onderzoek\n"
					     "~ procedure: Ja — TLP-beleid 2024 -> Ja\n"
					     "- leden: Veel -> (none)\n"
					     "+ kanaal: (none) -> e-mail\n"
					     "~ criterion omvang: voldoet -> niet beoordeeld\n");
	/* an overridden verdict counts as the verdict */
	assert_int_equal(assess_override(f->s, &b, "tlp", VERDICT_FAIL, "procedure niet gevolgd", &e), TOETS_OK);
	diff_text(f, &a, &b, &sb);
	assert_non_null(strstr(strbuf_str(&sb), "~ criterion tlp: voldoet -> voldoet niet\n"));
	assess_release(&b);

	/* against another framework: what the old one asked and the new one
	 * does not, a criterion only the new one has */
	struct assessment c;
	assess_passing(f, 1, &c);
	answered(f, &c, "kanaal", "chat");
	proposed(f, 1, -1, NULL);
	approved(f, 1, &d);
	decision_release(&d);
	struct assessment c2;
	assert_int_equal(assess_reassess(f->s, f->ref[1], f->k2, &c2, &dropped, &e), TOETS_OK);
	assert_int_equal(dropped, 1);
	answered(f, &c2, "sectoren", "3");
	diff_text(f, &c, &c2, &sb);
	assert_string_equal(strbuf_str(&sb), "+ sectoren: (none) -> 3\n"
					     "+ criterion bereik: (none) -> niet beoordeeld\n"
					     "- kanaal: chat -> (none)\n");
	strbuf_release(&sb);
	assess_release(&c2);
	assess_release(&c);
	assess_release(&a);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_suggest),
		T(test_kinds_and_states),
		T(test_propose_needs_assessment),
		T(test_propose_needs_motivering),
		T(test_propose_unknown_dossier),
		T(test_propose_wrong_status),
		T(test_propose_other_kind_needs_reason),
		T(test_propose_dates),
		T(test_one_proposal_at_a_time),
		T(test_waiting_proposal_freezes_assessment),
		T(test_no_self_review),
		T(test_overrider_cannot_approve),
		T(test_return),
		T(test_approve_locks),
		T(test_approve_dates),
		T(test_afwijzen_and_intrekken),
		T(test_approve_aanvulling),
		T(test_schema_four_eyes),
		T(test_schema_other_kind_null_reason),
		T(test_schema_lock),
		T(test_schema_lock_evidence_update),
		T(test_reassess),
		T(test_reassess_new_framework),
		T(test_diff),
	};
	return cmocka_run_group_tests_name("decision", tests, group_setup, group_teardown);
}
