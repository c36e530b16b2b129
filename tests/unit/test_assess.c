/* test_assess.c - assessments: bound to the exact framework text they were
 * started with, answers checked against it, evidence links to the
 * dossier's own documents, and verdict overrides with their reasons. */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/assess.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/ident.h"
#include "toets/kader.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#include "fixture.h"

/* A small framework: a choice and a multi question under a mandatory
 * criterion, a number, a date and a text under a second one. */
#define FRAMEWORK(version, question) \
	"format: 1\n" \
	"id: mini\n" \
	"version: \"" version "\"\n" \
	"title: {nl: Minikader, en: Mini framework}\n" \
	"applies_to: [oktt]\n" \
	"legal_basis: [Wbni art. 20]\n" \
	"valid_from: 2022-12-01\n" \
	"criteria:\n" \
	"  - id: taak\n" \
	"    title: {nl: Taak, en: Task}\n" \
	"    legal_basis: [Wbni art. 3]\n" \
	"    mandatory: true\n" \
	"    questions:\n" \
	"      - id: statuten\n" \
	"        text: {nl: \"" question "\", en: Statutes?}\n" \
	"        type: choice\n" \
	"        required: true\n" \
	"        evidence: optional\n" \
	"        choices:\n" \
	"          - {id: ja, label: {nl: Ja, en: \"Yes\"}, effect: pass}\n" \
	"          - {id: nee, label: {nl: Nee, en: \"No\"}, effect: fail}\n" \
	"          - {id: deels, label: {nl: Deels, en: Partly}, effect: followup}\n" \
	"      - id: kanalen\n" \
	"        text: {nl: Kanalen?, en: Channels?}\n" \
	"        type: multi\n" \
	"        choices:\n" \
	"          - {id: mail, label: {nl: Mail, en: Mail}, effect: none}\n" \
	"          - {id: chat, label: {nl: Chat, en: Chat}, effect: none}\n" \
	"  - id: omvang\n" \
	"    title: {nl: Omvang, en: Size}\n" \
	"    legal_basis: [Wbni art. 20]\n" \
	"    mandatory: false\n" \
	"    questions:\n" \
	"      - {id: leden, text: {nl: Leden?, en: Members?}, type: number}\n" \
	"      - {id: datum, text: {nl: Datum?, en: Date?}, type: date}\n" \
	"      - {id: doelgroep, text: {nl: Doelgroep?, en: Target group?}, type: text}\n"

#define FW_V1 FRAMEWORK("1", "Zijn er statuten?")

/* ---- fixture: two dossiers with a document each, made once, copied ------------- */

static char template_dir[] = "/tmp/toets-ut-assess-tpl.XXXXXX";
static char template_db[128];
static char template_ref[2][DOSSIER_REF_LEN];
static char template_doc[2][STORE_ID_LEN];

struct fx {
	char dir[64];
	char path[128];
	char fw_path[128];
	struct store *s;
	struct kader *k;
	char ref[2][DOSSIER_REF_LEN];
	char doc[2][STORE_ID_LEN];
};

static int write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	if (!fp)
		return -1;
	size_t n = strlen(text);
	int rc = fwrite(text, 1, n, fp) == n ? 0 : -1;
	return fclose(fp) == 0 ? rc : -1;
}

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(template_dir))
		return -1;
	snprintf(template_db, sizeof(template_db), "%s/toets.db", template_dir);
	char doc[160];
	snprintf(doc, sizeof(doc), "%s/statuten.txt", template_dir);
	struct store *s = NULL;
	struct toets_error e;
	if (write_text(doc, "Artikel 2. Doel.") != 0 || store_open(template_db, &s, &e) != TOETS_OK)
		return -1;
	const char *names[2] = { "Coöperatie Toets", "Ander" };
	const char *titles[2] = { "Statuten", "Statuten van een ander" };
	for (int i = 0; i < 2; i++) {
		struct dossier_new in = { .category = CATEGORY_OKTT };
		in.org.name = (char *)names[i];
		if (dossier_create(s, &in, template_ref[i], &e) != TOETS_OK ||
		    document_add(s, template_ref[i], doc, titles[i], "statuten", NULL, template_doc[i], &e) !=
			    TOETS_OK) {
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
	return nftw(template_dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static struct kader *load(const char *path)
{
	struct diag_list dl;
	diag_init(&dl, path);
	struct kader *k = NULL;
	if (kader_load_file(path, &k, &dl) != TOETS_OK) {
		struct strbuf sb = STRBUF_INIT;
		diag_format_all(&dl, &sb);
		fprintf(stderr, "%s", strbuf_str(&sb));
		strbuf_release(&sb);
	}
	diag_release(&dl);
	return k;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/toets-ut-assess.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/toets.db", f->dir);
	snprintf(f->fw_path, sizeof(f->fw_path), "%s/mini.yaml", f->dir);
	struct toets_error e;
	if (copy_file(template_db, f->path) != 0 || store_open(f->path, &f->s, &e) != TOETS_OK ||
	    write_text(f->fw_path, FW_V1) != 0 || !(f->k = load(f->fw_path)))
		return -1;
	memcpy(f->ref, template_ref, sizeof(f->ref));
	memcpy(f->doc, template_doc, sizeof(f->doc));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	kader_free(&f->k);
	store_close(&f->s);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
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

static void start(struct fx *f, struct assessment *a)
{
	struct toets_error e = { TOETS_OK, "" };
	if (assess_start(f->s, f->ref[0], f->k, a, &e) != TOETS_OK)
		fail_msg("assess_start: %s", e.message);
}

/* Answers question `qid` with the values given (NULL-terminated). */
static enum toets_status answer(struct fx *f, const struct assessment *a, const char *qid,
				const char *note, struct toets_error *e, ...)
{
	const char *values[8];
	size_t n = 0;
	va_list ap;
	va_start(ap, e);
	const char *v;
	while ((v = va_arg(ap, const char *)) && n < 8)
		values[n++] = v;
	va_end(ap);
	struct answer_input in = { .question_id = qid, .values = values, .n_values = n, .note = note };
	return assess_answer(f->s, a, &in, e);
}

static void expect_refused(struct fx *f, const struct assessment *a, const char *qid, const char *message,
			   const char *v1, const char *v2)
{
	struct toets_error e = { TOETS_OK, "" };
	const char *values[2] = { v1, v2 };
	struct answer_input in = { .question_id = qid, .values = values, .n_values = v2 ? 2 : v1 ? 1 : 0 };
	assert_int_equal(assess_answer(f->s, a, &in, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, message);
}

/* ---- starting ----------------------------------------------------------------------------- */

static void test_start_stores_framework(void **state)
{
	struct fx *f = *state;
	struct assessment a;
	start(f, &a);
	assert_int_equal(strlen(a.id), 36);
	assert_string_equal(a.created_by, ident_account(NULL));
	assert_non_null(a.kader);
	assert_string_equal(a.kader->sha256_hex, f->k->sha256_hex);
	assert_string_equal(a.kader->id, "mini");
	/* its own copy, not the caller's */
	assert_ptr_not_equal(a.kader, f->k);

	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(f->s),
					    "SELECT a.id, a.dossier_id, a.kader_id, a.kader_version, a.kader_sha256, "
					    "t.source, a.created_by FROM assessment a "
					    "JOIN kader_text t ON t.sha256 = a.kader_sha256",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(st, 0), a.id);
	assert_string_equal(sqlite3_column_text(st, 1), a.dossier_id);
	assert_string_equal(sqlite3_column_text(st, 2), "mini");
	assert_string_equal(sqlite3_column_text(st, 3), "1");
	assert_string_equal(sqlite3_column_text(st, 4), f->k->sha256_hex);
	/* the full text, byte for byte */
	assert_int_equal(sqlite3_column_bytes(st, 5), (int)strlen(FW_V1));
	assert_memory_equal(sqlite3_column_text(st, 5), FW_V1, strlen(FW_V1));
	assert_string_equal(sqlite3_column_text(st, 6), ident_account(NULL));
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	char *sql = xasprintf("SELECT count(*) FROM audit WHERE action = 'assessment.start' AND payload = "
			      "'assessment=%s' || char(10) || 'kader=mini' || char(10) || 'version=1' || "
			      "char(10) || 'sha256=%s' || char(10)",
			      a.id, f->k->sha256_hex);
	assert_int_equal(query_int(f->s, sql), 1);
	free(sql);
	assess_release(&a);
	assert_null(a.kader);
}

/* Reopening reads the stored text, whatever the file says today. */
static void test_current_uses_stored_text(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a, cur;
	assert_int_equal(assess_current(f->s, f->ref[0], &cur, &e), TOETS_ERR_NOT_FOUND);
	char want[256];
	snprintf(want, sizeof(want), "dossier %s has no assessment yet", f->ref[0]);
	assert_string_equal(e.message, want);
	start(f, &a);
	char original[65];
	memcpy(original, f->k->sha256_hex, sizeof(original));
	assess_release(&a);

	/* The file changes: same id and version, another question text. */
	assert_int_equal(write_text(f->fw_path, FRAMEWORK("1", "Statuten overgelegd?")), 0);
	struct kader *today = load(f->fw_path);
	assert_non_null(today);
	assert_string_not_equal(today->sha256_hex, original);
	kader_free(&today);

	assert_int_equal(assess_current(f->s, f->ref[0], &cur, &e), TOETS_OK);
	assert_string_equal(cur.kader->sha256_hex, original);
	assert_string_equal(kader_find_question(cur.kader, "statuten")->text.nl, "Zijn er statuten?");
	assert_string_equal(cur.created_by, ident_account(NULL));
	assert_non_null(cur.created_at);
	assess_release(&cur);
	/* by dossier id too */
	char id[STORE_ID_LEN];
	assert_int_equal(dossier_lookup(f->s, f->ref[0], id, &e), TOETS_OK);
	assert_int_equal(assess_current(f->s, id, &cur, &e), TOETS_OK);
	assess_release(&cur);
	assert_int_equal(assess_current(f->s, "2099-0001", &cur, &e), TOETS_ERR_NOT_FOUND);
	assert_string_equal(e.message, "no dossier 2099-0001 (see 'toets dossier list')");
}

/* A stored text changed outside toets is noticed on reopening. */
static void test_current_detects_changed_text(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	start(f, &a);
	assess_release(&a);
	assert_int_equal(sqlite3_exec(store_db(f->s),
				      "UPDATE kader_text SET source = replace(source, "
				      "'effect: fail', 'effect: pass')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(assess_current(f->s, f->ref[0], &a, &e), TOETS_ERR_CORRUPT);
	assert_string_equal(e.message, "the framework text stored with the assessment does not match its "
				       "SHA-256: the database was changed outside toets");
	assert_null(a.kader);
	assert_int_equal(sqlite3_exec(store_db(f->s), "UPDATE kader_text SET source = 'format: 1'", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(assess_current(f->s, f->ref[0], &a, &e), TOETS_ERR_CORRUPT);
	assert_int_equal(strncmp(e.message, "the framework stored with this assessment (mini 1) no longer loads:\n",
				 68),
			 0);
}

static void test_one_per_framework_version(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a, b;
	start(f, &a);
	int64_t rows = query_int(f->s, "SELECT count(*) FROM audit");
	assert_int_equal(assess_start(f->s, f->ref[0], f->k, &b, &e), TOETS_ERR_REFUSED);
	char want[256];
	snprintf(want, sizeof(want), "dossier %s already has an assessment against mini 1", f->ref[0]);
	assert_string_equal(e.message, want);
	assert_null(b.kader);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM assessment"), 1);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit"), rows);
	assert_true(sqlite3_get_autocommit(store_db(f->s)));
	/* another dossier may */
	assert_int_equal(assess_start(f->s, f->ref[1], f->k, &b, &e), TOETS_OK);
	assess_release(&b);
	/* and a new version of the framework too: it becomes the current one */
	assert_int_equal(write_text(f->fw_path, FRAMEWORK("2", "Zijn er statuten?")), 0);
	struct kader *v2 = load(f->fw_path);
	assert_non_null(v2);
	assert_int_equal(assess_start(f->s, f->ref[0], v2, &b, &e), TOETS_OK);
	struct assessment cur;
	assert_int_equal(assess_current(f->s, f->ref[0], &cur, &e), TOETS_OK);
	assert_string_equal(cur.id, b.id);
	assert_string_equal(cur.kader->version, "2");
	assess_release(&cur);
	assess_release(&b);
	kader_free(&v2);
	assess_release(&a);
	assert_int_equal(assess_start(f->s, "2099-0001", f->k, &b, &e), TOETS_ERR_NOT_FOUND);
}

/* ---- answers ------------------------------------------------------------------------------- */

static void test_answer_validation(void **state)
{
	struct fx *f = *state;
	struct assessment a;
	start(f, &a);
	int64_t rows = query_int(f->s, "SELECT count(*) FROM audit");
	expect_refused(f, &a, "onbekend", "framework mini 1 has no question 'onbekend' (see 'toets kader show')",
		       "ja", NULL);
	expect_refused(f, &a, "statuten", "question statuten has no choice 'misschien'; the choices are: ja, nee, "
					  "deels",
		       "misschien", NULL);
	expect_refused(f, &a, "statuten", "question statuten takes one choice, not 2", "ja", "nee");
	expect_refused(f, &a, "statuten", "question statuten needs an answer (or --clear)", NULL, NULL);
	expect_refused(f, &a, "kanalen", "question kanalen has no choice 'fax'; the choices are: mail, chat", "mail",
		       "fax");
	expect_refused(f, &a, "kanalen", "choice 'mail' is given twice", "mail", "mail");
	expect_refused(f, &a, "datum", "question datum takes a date (YYYY-MM-DD)", "2023-02-29", NULL);
	expect_refused(f, &a, "datum", "question datum takes a date (YYYY-MM-DD)", "29-02-2024", NULL);
	expect_refused(f, &a, "datum", "question datum takes a date (YYYY-MM-DD)", "2024-01-01", "2024-01-02");
	expect_refused(f, &a, "leden", "question leden takes a number, such as 120", "120 leden", NULL);
	expect_refused(f, &a, "leden", "question leden takes a number, such as 120", "", NULL);
	expect_refused(f, &a, "leden", "question leden takes a number, such as 120", "inf", NULL);
	expect_refused(f, &a, "leden", "question leden takes a number, such as 120", "nan", NULL);
	expect_refused(f, &a, "leden", "question leden takes a number, such as 120", "1", "2");
	expect_refused(f, &a, "doelgroep", "question doelgroep takes one text (quote it)", "een", "twee");
	expect_refused(f, &a, "doelgroep", "the text holds control characters", "tekst\x1b[31m", NULL);
	/* a bad note */
	const char *ja[] = { "ja" };
	struct answer_input in = { .question_id = "statuten", .values = ja, .n_values = 1, .note = "\x01" };
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(assess_answer(f->s, &a, &in, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "note: the text holds control characters");
	/* nothing stored */
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM answer"), 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit"), rows);
	assess_release(&a);
}

static void test_answers_stored(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	start(f, &a);
	assert_int_equal(answer(f, &a, "statuten", "Zie artikel 2", &e, "ja", NULL), TOETS_OK);
	assert_int_equal(answer(f, &a, "kanalen", NULL, &e, "mail", "chat", NULL), TOETS_OK);
	assert_int_equal(answer(f, &a, "leden", NULL, &e, "120", NULL), TOETS_OK);
	assert_int_equal(answer(f, &a, "datum", NULL, &e, "2024-02-29", NULL), TOETS_OK);
	assert_int_equal(answer(f, &a, "doelgroep", NULL, &e, "Leden van de coöperatie", NULL), TOETS_OK);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'answer.set'"), 5);

	struct assessment_state st;
	assert_int_equal(assess_load(f->s, &a, &st, &e), TOETS_OK);
	assert_int_equal(st.n_answers, 5);
	const struct stored_answer *s = assess_find_answer(&st, "statuten");
	assert_non_null(s);
	assert_int_equal(s->n_choices, 1);
	assert_string_equal(s->choices[0], "ja");
	assert_null(s->value);
	assert_string_equal(s->note, "Zie artikel 2");
	assert_string_equal(s->account, ident_account(NULL));
	assert_non_null(s->at);
	s = assess_find_answer(&st, "kanalen");
	assert_int_equal(s->n_choices, 2);
	assert_string_equal(s->choices[0], "mail");
	assert_string_equal(s->choices[1], "chat");
	assert_null(s->note);
	assert_string_equal(assess_find_answer(&st, "leden")->value, "120");
	assert_string_equal(assess_find_answer(&st, "datum")->value, "2024-02-29");
	assert_string_equal(assess_find_answer(&st, "doelgroep")->value, "Leden van de coöperatie");
	assert_null(assess_find_answer(&st, "onbekend"));
	/* the verdict rule's view */
	assert_int_equal(st.answer_view.n, 5);
	const struct kader_criterion *taak = kader_find_criterion(a.kader, "taak");
	struct verdict_progress p;
	bool overridden = true;
	assert_int_equal(assess_verdict(&st, taak, &p, &overridden), VERDICT_PASS);
	assert_false(overridden);
	assert_int_equal(p.shown, 2);
	assert_int_equal(p.answered, 2);
	assert_int_equal(p.required, 1);
	assert_int_equal(p.required_answered, 1);
	assess_state_release(&st);

	/* Changed: a new choice; no note given keeps the note, "" clears it. */
	assert_int_equal(answer(f, &a, "statuten", NULL, &e, "nee", NULL), TOETS_OK);
	assert_int_equal(assess_load(f->s, &a, &st, &e), TOETS_OK);
	s = assess_find_answer(&st, "statuten");
	assert_string_equal(s->choices[0], "nee");
	assert_string_equal(s->note, "Zie artikel 2");
	assert_int_equal(assess_verdict(&st, taak, NULL, NULL), VERDICT_FAIL);
	assess_state_release(&st);
	assert_int_equal(answer(f, &a, "statuten", "", &e, "deels", NULL), TOETS_OK);
	assert_int_equal(assess_load(f->s, &a, &st, &e), TOETS_OK);
	s = assess_find_answer(&st, "statuten");
	assert_string_equal(s->choices[0], "deels");
	assert_null(s->note);
	assert_int_equal(assess_verdict(&st, taak, NULL, NULL), VERDICT_FOLLOWUP);
	assess_state_release(&st);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM answer"), 5);
	assess_release(&a);
}

/* ---- evidence -------------------------------------------------------------------------------- */

static enum toets_status answer_with_evidence(struct fx *f, const struct assessment *a,
					      const struct evidence_input *ev, size_t n, struct toets_error *e)
{
	const char *ja[] = { "ja" };
	struct answer_input in = { .question_id = "statuten", .values = ja, .n_values = 1, .evidence = ev,
				   .n_evidence = n };
	return assess_answer(f->s, a, &in, e);
}

static void test_evidence(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	start(f, &a);
	/* Another dossier's document is no document of this one: the whole
	 * answer is refused. */
	char other[9];
	snprintf(other, sizeof(other), "%.8s", f->doc[1]);
	struct evidence_input foreign = { other, "p. 1" };
	assert_int_equal(answer_with_evidence(f, &a, &foreign, 1, &e), TOETS_ERR_NOT_FOUND);
	char want[256];
	snprintf(want, sizeof(want), "the dossier has no document %s (see 'toets doc list')", other);
	assert_string_equal(e.message, want);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM answer"), 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM evidence"), 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'answer.set'"), 0);

	/* By a prefix or the whole id, with a location. */
	char mine[9];
	snprintf(mine, sizeof(mine), "%.8s", f->doc[0]);
	struct evidence_input ev[] = { { mine, "art. 2 lid 1" }, { f->doc[0], "p. 4" } };
	assert_int_equal(answer_with_evidence(f, &a, ev, 2, &e), TOETS_OK);
	/* the same link again is not doubled; a link without location is its own */
	struct evidence_input again[] = { { f->doc[0], "p. 4" }, { mine, NULL } };
	assert_int_equal(answer_with_evidence(f, &a, again, 2, &e), TOETS_OK);
	struct assessment_state st;
	assert_int_equal(assess_load(f->s, &a, &st, &e), TOETS_OK);
	const struct stored_answer *s = assess_find_answer(&st, "statuten");
	assert_non_null(s);
	assert_int_equal(s->n_evidence, 3);
	assert_string_equal(s->evidence[0].document_id, f->doc[0]);
	assert_string_equal(s->evidence[0].document_title, "Statuten");
	assert_string_equal(s->evidence[0].location, "art. 2 lid 1");
	assert_string_equal(s->evidence[1].location, "p. 4");
	assert_string_equal(s->evidence[2].location, "");
	assess_state_release(&st);
	/* a failed link in a later answer leaves the earlier links alone */
	assert_int_equal(answer_with_evidence(f, &a, &foreign, 1, &e), TOETS_ERR_NOT_FOUND);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM evidence"), 3);
	struct evidence_input short_id = { "abc", NULL };
	assert_int_equal(answer_with_evidence(f, &a, &short_id, 1, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "name a document by its id or the first 4 or more characters of it, not 'abc'");
	struct evidence_input bad_loc = { mine, "p.\x01" };
	assert_int_equal(answer_with_evidence(f, &a, &bad_loc, 1, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "evidence location: the text holds control characters");
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM evidence"), 3);
	assess_release(&a);
}

static void test_clear(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	start(f, &a);
	struct evidence_input ev = { f->doc[0], "p. 2" };
	assert_int_equal(answer_with_evidence(f, &a, &ev, 1, &e), TOETS_OK);
	assert_int_equal(answer(f, &a, "leden", NULL, &e, "12", NULL), TOETS_OK);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM evidence"), 1);
	struct answer_input clear = { .question_id = "statuten", .clear = true };
	assert_int_equal(assess_answer(f->s, &a, &clear, &e), TOETS_OK);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM evidence"), 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM answer"), 1);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'answer.clear'"), 1);
	struct assessment_state st;
	assert_int_equal(assess_load(f->s, &a, &st, &e), TOETS_OK);
	assert_null(assess_find_answer(&st, "statuten"));
	assert_non_null(assess_find_answer(&st, "leden"));
	assert_int_equal(assess_verdict(&st, kader_find_criterion(a.kader, "taak"), NULL, NULL),
			 VERDICT_NOT_ASSESSED);
	assess_state_release(&st);
	/* nothing left to clear */
	int64_t rows = query_int(f->s, "SELECT count(*) FROM audit");
	assert_int_equal(assess_answer(f->s, &a, &clear, &e), TOETS_ERR_NOT_FOUND);
	assert_string_equal(e.message, "question statuten has no answer to clear");
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit"), rows);
	clear.question_id = "onbekend";
	assert_int_equal(assess_answer(f->s, &a, &clear, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "framework mini 1 has no question 'onbekend' (see 'toets kader show')");
	assess_release(&a);
}

/* ---- overrides ------------------------------------------------------------------------------- */

static void test_override(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct assessment a;
	start(f, &a);
	assert_int_equal(answer(f, &a, "statuten", NULL, &e, "ja", NULL), TOETS_OK);
	const struct kader_criterion *taak = kader_find_criterion(a.kader, "taak");
	int64_t rows = query_int(f->s, "SELECT count(*) FROM audit");

	assert_int_equal(assess_override(f->s, &a, "taak", VERDICT_FAIL, NULL, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "overriding a verdict needs a reason (--reason TEXT)");
	assert_int_equal(assess_override(f->s, &a, "taak", VERDICT_FAIL, "", &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "overriding a verdict needs a reason (--reason TEXT)");
	assert_int_equal(assess_override(f->s, &a, "taak", VERDICT_FAIL, "a\x01", &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "the text holds control characters");
	assert_int_equal(assess_override(f->s, &a, "geen", VERDICT_FAIL, "reden", &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "framework mini 1 has no criterion 'geen'");
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM verdict_override"), 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit"), rows);

	assert_int_equal(assess_override(f->s, &a, "taak", VERDICT_FAIL, "statuten zijn verlopen", &e), TOETS_OK);
	struct assessment_state st;
	assert_int_equal(assess_load(f->s, &a, &st, &e), TOETS_OK);
	bool overridden = false;
	assert_int_equal(assess_verdict(&st, taak, NULL, &overridden), VERDICT_FAIL);
	assert_true(overridden);
	const struct stored_override *o = assess_find_override(&st, "taak");
	assert_non_null(o);
	assert_int_equal(o->verdict, VERDICT_FAIL);
	assert_string_equal(o->reason, "statuten zijn verlopen");
	assert_string_equal(o->account, ident_account(NULL));
	assert_non_null(o->at);
	/* the other criterion is not touched */
	assert_null(assess_find_override(&st, "omvang"));
	assert_int_equal(assess_verdict(&st, kader_find_criterion(a.kader, "omvang"), NULL, &overridden),
			 VERDICT_NOT_ASSESSED);
	assert_false(overridden);
	assess_state_release(&st);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'verdict.override' AND "
					 "payload LIKE '%verdict=voldoet niet' || char(10) || "
					 "'reason=statuten zijn verlopen' || char(10)"),
			 1);

	/* overriding again replaces it */
	assert_int_equal(assess_override(f->s, &a, "taak", VERDICT_FOLLOWUP, "navragen", &e), TOETS_OK);
	assert_int_equal(assess_load(f->s, &a, &st, &e), TOETS_OK);
	assert_int_equal(assess_verdict(&st, taak, NULL, &overridden), VERDICT_FOLLOWUP);
	assert_true(overridden);
	assert_string_equal(assess_find_override(&st, "taak")->reason, "navragen");
	assert_int_equal(st.n_overrides, 1);
	assess_state_release(&st);

	/* cleared: the computed verdict counts again (no reason needed) */
	assert_int_equal(assess_override(f->s, &a, "taak", VERDICT_COUNT, NULL, &e), TOETS_OK);
	assert_int_equal(assess_load(f->s, &a, &st, &e), TOETS_OK);
	assert_int_equal(assess_verdict(&st, taak, NULL, &overridden), VERDICT_PASS);
	assert_false(overridden);
	assert_null(assess_find_override(&st, "taak"));
	assess_state_release(&st);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM verdict_override"), 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'verdict.clear'"), 1);
	assess_release(&a);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_start_stores_framework),
		T(test_current_uses_stored_text),
		T(test_current_detects_changed_text),
		T(test_one_per_framework_version),
		T(test_answer_validation),
		T(test_answers_stored),
		T(test_evidence),
		T(test_clear),
		T(test_override),
	};
	return cmocka_run_group_tests_name("assess", tests, group_setup, group_teardown);
}
