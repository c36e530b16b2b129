/* test_procedure.c - the clock's events against a real store: receipt and
 * completeness dated by status moves and by 'dossier set' (refused when
 * they no longer fit), suspensions from the verzoek-aanvulling letter and
 * by hand (agreed delays, resumed, corrected, dropped), an aanvulling's
 * term that lapses, the decision date in local time, the clock evaluated
 * from what is stored; `due` with its contents and order; the
 * aansluiting; operational contacts; the two settings; and the summary
 * that shows the aansluiting. The clock's arithmetic itself is
 * test_clock.c's. Decisions a second assessor approves are written with
 * raw SQL (four eyes need two accounts; test_listing.c goes through the
 * real approval). */
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
#include <time.h>

#include "toets/assess.h"
#include "toets/audit.h"
#include "toets/config.h"
#include "toets/datetime.h"
#include "toets/decision.h"
#include "toets/dossier.h"
#include "toets/kader.h"
#include "toets/letter.h"
#include "toets/procedure.h"
#include "toets/render.h"
#include "toets/settings.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#include "fixture.h"

/* ---- fixture: an empty database, made once and copied for each test ---------- */

static char template_dir[] = "/tmp/toets-ut-procedure-tpl.XXXXXX";
static char template_db[128];

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
};

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(template_dir))
		return -1;
	snprintf(template_db, sizeof(template_db), "%s/toets.db", template_dir);
	/* No user's templates or frameworks: only the source tree's. */
	setenv("XDG_DATA_HOME", template_dir, 1);
	struct store *s = NULL;
	struct toets_error e;
	if (store_open(template_db, &s, &e) != TOETS_OK)
		return -1;
	store_close(&s);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	render_shutdown(); /* the font caches the letters filled, for valgrind and ASan */
	return rm_tree(template_dir);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/toets-ut-procedure.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/toets.db", f->dir);
	struct toets_error e;
	if (copy_file(template_db, f->path) != 0 || store_open(f->path, &f->s, &e) != TOETS_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(&f->s);
	rm_tree(f->dir);
	free(f);
	return 0;
}

/* ---- helpers ------------------------------------------------------------------------ */

#define OK(call)                                                                         \
	do {                                                                             \
		struct toets_error e_ = { TOETS_OK, "" };                                \
		enum toets_status st_ = (call);                                          \
		if (st_ != TOETS_OK)                                                     \
			fail_msg("%s: %s", #call, e_.message);                           \
	} while (0)
#define E (&e_)

/* A call that must fail with `status` and a message containing `part`. */
#define REFUSED(status, part, call)                                                          \
	do {                                                                                 \
		struct toets_error e_ = { TOETS_OK, "" };                                    \
		assert_int_equal((call), (status));                                          \
		if (!strstr(e_.message, (part)))                                             \
			fail_msg("%s: '%s' does not say '%s'", #call, e_.message, (part));     \
	} while (0)

static void new_dossier(struct fx *f, const char *name, const char *received, char ref[DOSSIER_REF_LEN])
{
	struct dossier_new in = { .category = CATEGORY_OKTT, .received_on = received };
	in.org.name = (char *)name;
	in.org.address = (char *)"Markt 1, Zwolle";
	OK(dossier_create(f->s, &in, ref, E));
}

/* Raw SQL for what only a second account or the past could have written. */
static void sql(struct fx *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *q = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	char *err = NULL;
	if (sqlite3_exec(store_db(f->s), q, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", q, err);
	sqlite3_free(q);
}

static int query_int(struct fx *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *q = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(store_db(f->s), q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_free(q);
	return v;
}

/* An approved decision of a kind, as a second assessor's approval leaves it. */
static void approved(struct fx *f, const char *ref, const char *kind, const char *reviewed_at, const char *term,
		     const char *reassess, const char *status)
{
	char effective[DATE_LEN];
	snprintf(effective, sizeof(effective), "%.10s", reviewed_at);
	sql(f,
	    "INSERT INTO decision (id, dossier_id, kind, suggested, proposed_by, proposed_at, state, reviewed_by, "
	    "reviewed_at, term_until, effective_on, reassess_on) SELECT lower(hex(randomblob(16))), id, %Q, %Q, "
	    "'tweede-toetser', %Q, 'goedgekeurd', 'derde-toetser', %Q, %Q, %Q, %Q FROM dossier WHERE reference = %Q",
	    kind, kind, reviewed_at, reviewed_at, term, reassess ? effective : NULL, reassess, ref);
	if (status)
		sql(f, "UPDATE dossier SET status = %Q WHERE reference = %Q", status, ref);
}

static void load(struct fx *f, const char *ref, struct procedure *p)
{
	OK(procedure_load(f->s, ref, p, E));
}

static void add_delay(struct fx *f, const char *ref, const char *from, const char *until)
{
	struct procedure_suspension_new in = { SUSPENSION_UITSTEL, from, until, NULL, "schriftelijk akkoord" };
	OK(procedure_add(f->s, ref, &in, NULL, E));
}

static void add_aanvulling(struct fx *f, const char *ref, const char *on, const char *term)
{
	struct procedure_suspension_new in = { SUSPENSION_AANVULLING, on, NULL, term, NULL };
	OK(procedure_add(f->s, ref, &in, NULL, E));
}

/* ---- receipt and completeness ------------------------------------------------------ */

/* The move to compleet dates the completeness once; the move out of
 * aanvulling gevraagd ends the open aanvulling on that day; both are in
 * the move's audit row. */
static void test_moves_date_the_clock(void **state)
{
	struct fx *f = *state;
	char ref[DOSSIER_REF_LEN], today[DATE_LEN];
	date_today(today);
	new_dossier(f, "Stichting Klok", NULL, ref);
	OK(dossier_transition(f->s, ref, STATUS_ONTVANGEN, NULL, E));
	OK(dossier_transition(f->s, ref, STATUS_AANVULLING_GEVRAAGD, NULL, E));
	add_aanvulling(f, ref, today, NULL);
	struct procedure p;
	load(f, ref, &p);
	assert_string_equal(p.received_on, today);
	assert_string_equal(p.complete_on, "");
	assert_int_equal(p.n_suspensions, 1);
	assert_string_equal(p.suspensions[0].end_on, "");
	procedure_release(&p);

	OK(dossier_transition(f->s, ref, STATUS_COMPLEET, NULL, E));
	load(f, ref, &p);
	assert_string_equal(p.complete_on, today);
	assert_string_equal(p.suspensions[0].end_on, today);
	procedure_release(&p);
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit WHERE action = 'dossier.status' AND payload LIKE "
				      "'%%to=compleet%%complete_on=%q%%suspension_ended=%%end_on=%q%%'",
				   today, today),
			 1);

	/* A later completeness (after further questions) keeps the first date. */
	OK(dossier_set(f->s, ref, "received_on", "2020-01-02", E));
	OK(dossier_set(f->s, ref, "complete_on", "2020-01-06", E));
	OK(dossier_transition(f->s, ref, STATUS_IN_TOETSING, NULL, E));
	OK(dossier_transition(f->s, ref, STATUS_AANVULLING_GEVRAAGD, NULL, E));
	OK(dossier_transition(f->s, ref, STATUS_COMPLEET, NULL, E));
	load(f, ref, &p);
	assert_string_equal(p.complete_on, "2020-01-06");
	procedure_release(&p);
	/* Only an aanvulling ends on the move: an agreed delay keeps its end. */
	add_delay(f, ref, "2020-02-03", "2020-02-28");
	OK(dossier_transition(f->s, ref, STATUS_IN_TOETSING, NULL, E));
	OK(dossier_transition(f->s, ref, STATUS_AANVULLING_GEVRAAGD, NULL, E));
	OK(dossier_transition(f->s, ref, STATUS_IN_TOETSING, NULL, E));
	load(f, ref, &p);
	assert_int_equal(p.n_suspensions, 2);
	assert_string_equal(p.suspensions[0].start_on, "2020-02-03");
	assert_string_equal(p.suspensions[0].end_on, "2020-02-29"); /* a leap year */
	assert_string_equal(p.suspensions[1].start_on, today);
	procedure_release(&p);
}

/* 'dossier set' of the two dates: checked against the other events with
 * clock_evaluate's messages; nothing changes when refused. */
static void test_set_dates(void **state)
{
	struct fx *f = *state;
	char ref[DOSSIER_REF_LEN];
	new_dossier(f, "Stichting Datum", "2026-03-02", ref);
	REFUSED(TOETS_ERR_INVALID, "the application cannot be complete (2026-03-01) before it was received (2026-03-02)",
		dossier_set(f->s, ref, "complete_on", "2026-03-01", E));
	REFUSED(TOETS_ERR_INVALID, "complete_on '2026-02-30'", dossier_set(f->s, ref, "complete_on", "2026-02-30", E));
	OK(dossier_set(f->s, ref, "complete_on", "2026-03-20", E));
	REFUSED(TOETS_ERR_INVALID, "the application cannot be complete (2026-03-20) before it was received (2026-03-21)",
		dossier_set(f->s, ref, "received_on", "2026-03-21", E));
	REFUSED(TOETS_ERR_INVALID, "cannot lose its date of receipt", dossier_set(f->s, ref, "received_on", "", E));
	add_delay(f, ref, "2026-03-04", "2026-03-10");
	REFUSED(TOETS_ERR_INVALID, "suspension 1 starts (2026-03-04) before the application was received (2026-03-05)",
		dossier_set(f->s, ref, "received_on", "2026-03-05", E));
	OK(dossier_set(f->s, ref, "received_on", "2026-03-03", E));
	OK(dossier_set(f->s, ref, "complete_on", "", E));
	struct procedure p;
	load(f, ref, &p);
	assert_string_equal(p.received_on, "2026-03-03");
	assert_string_equal(p.complete_on, "");
	procedure_release(&p);
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit WHERE action = 'dossier.set' AND payload LIKE "
				      "'field=complete_on%%'"),
			 2);
}

/* ---- suspensions --------------------------------------------------------------------- */

/* The verzoek om aanvulling opens a suspension on its date with its
 * decision's term, in the letter's transaction and audit row; the move
 * to in toetsing ends it. A letter that is refused opens nothing. */
static void test_aanvulling_letter(void **state)
{
	struct fx *f = *state;
	char ref[DOSSIER_REF_LEN], today[DATE_LEN], term[DATE_LEN], at[TIMESTAMP_LEN];
	date_today(today);
	timestamp_now(at);
	clock_add_days(today, 28, term);
	new_dossier(f, "Stichting Brief", NULL, ref);
	OK(dossier_transition(f->s, ref, STATUS_ONTVANGEN, NULL, E));
	OK(dossier_transition(f->s, ref, STATUS_COMPLEET, NULL, E));
	OK(dossier_transition(f->s, ref, STATUS_IN_TOETSING, NULL, E));
	/* besluit voorgesteld -> aanvulling gevraagd is the approval's move. */
	approved(f, ref, "aanvulling", at, term, NULL, "aanvulling_gevraagd");

	struct settings cfg;
	settings_defaults(&cfg);
	cfg.template_dir = xstrdup(TOETS_SRCDIR "/data/templates");
	struct letter l;
	struct diag_list dl;
	diag_init(&dl, "template");
	/* Without an address the letter is refused, and so is the suspension. */
	OK(dossier_set(f->s, ref, "address", "", E));
	REFUSED(TOETS_ERR_REFUSED, "address", letter_issue(f->s, ref, LETTER_AANVULLING, &cfg, &l, &dl, E));
	assert_int_equal(query_int(f, "SELECT count(*) FROM suspension"), 0);
	OK(dossier_set(f->s, ref, "address", "Markt 1, Zwolle", E));
	OK(letter_issue(f->s, ref, LETTER_AANVULLING, &cfg, &l, &dl, E));

	struct procedure p;
	load(f, ref, &p);
	assert_int_equal(p.n_suspensions, 1);
	const struct suspension *x = &p.suspensions[0];
	assert_int_equal(x->kind, SUSPENSION_AANVULLING);
	assert_string_equal(x->start_on, l.dated);
	assert_string_equal(x->term_until, term);
	assert_string_equal(x->end_on, "");
	assert_string_equal(x->letter_id, l.id);
	assert_string_equal(x->letter_dated, today);
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit WHERE action = 'letter.issue' AND payload LIKE "
				      "'%%suspension=%q%%'",
				   x->id),
			 1);
	/* Open: the clock stands still from tomorrow; the legal term has no end yet. */
	struct clock_result r;
	OK(procedure_clock(&p, today, NULL, &r, E));
	assert_true(r.legal.state == CLOCK_TERM_SUSPENDED);
	assert_string_equal(r.legal.deadline, "");
	/* Dropping it is refused: the letter was sent. */
	REFUSED(TOETS_ERR_REFUSED, "rests on the verzoek om aanvulling", procedure_drop(f->s, ref, 1, "vergissing", E));
	procedure_release(&p);

	OK(dossier_transition(f->s, ref, STATUS_IN_TOETSING, NULL, E));
	load(f, ref, &p);
	assert_string_equal(p.suspensions[0].end_on, today);
	OK(procedure_clock(&p, today, NULL, &r, E));
	assert_true(r.legal.deadline[0] != '\0');
	procedure_release(&p);

	letter_release(&l);
	diag_release(&dl);
	settings_release(&cfg);
}

/* The whole way, through the real decision: a proposal to ask for an
 * aanvulling (its default term), approved by a second account (only the
 * proposer is rewritten with SQL), which moves the dossier to aanvulling
 * gevraagd; the letter opens the suspension with that term; the move to
 * compleet ends it, and the completeness date set before stays. */
static void test_aanvulling_decision(void **state)
{
	static const char framework[] =
		"format: 1\n"
		"id: klok\n"
		"version: \"1\"\n"
		"title: {nl: Klokkader, en: Clock framework}\n"
		"applies_to: [oktt]\n"
		"legal_basis: [Wbni art. 20]\n"
		"valid_from: 2022-12-01\n"
		"criteria:\n"
		"  - id: taak\n"
		"    title: {nl: Taak, en: Task}\n"
		"    legal_basis: [Wbni art. 3]\n"
		"    mandatory: true\n"
		"    questions:\n"
		"      - id: statuten\n"
		"        text: {nl: Statuten?, en: Statutes?}\n"
		"        type: choice\n"
		"        required: true\n"
		"        choices:\n"
		"          - {id: ja, label: {nl: Ja, en: \"Yes\"}, effect: pass}\n";
	struct fx *f = *state;
	char ref[DOSSIER_REF_LEN], today[DATE_LEN], term[DATE_LEN];
	date_today(today);
	clock_add_days(today, DECISION_TERM_DAYS, term);
	new_dossier(f, "Stichting Besluit", "2020-01-06", ref);
	OK(dossier_set(f->s, ref, "complete_on", "2020-01-08", E));
	OK(dossier_transition(f->s, ref, STATUS_ONTVANGEN, NULL, E));
	OK(dossier_transition(f->s, ref, STATUS_COMPLEET, NULL, E));
	OK(dossier_transition(f->s, ref, STATUS_IN_TOETSING, NULL, E));
	struct kader *k = NULL;
	struct diag_list dl;
	diag_init(&dl, "klok.yaml");
	assert_int_equal(kader_load_buffer("klok.yaml", framework, strlen(framework), &k, &dl), TOETS_OK);
	diag_release(&dl);
	struct assessment a;
	OK(assess_start(f->s, ref, k, &a, E));
	assess_release(&a);
	struct decision_proposal in = { .kind = DECISION_AANVULLING };
	struct decision d;
	OK(decision_propose(f->s, ref, &in, &d, E));
	decision_release(&d);
	sql(f, "UPDATE decision SET proposed_by = 'tweede-toetser' WHERE state = 'voorgesteld'");
	OK(decision_approve(f->s, ref, NULL, DECISION_REASSESS_YEARS, &d, E));
	decision_release(&d);
	enum dossier_status status;
	char id[STORE_ID_LEN];
	OK(dossier_find(f->s, ref, id, &status, E));
	assert_int_equal(status, STATUS_AANVULLING_GEVRAAGD);

	struct settings cfg;
	settings_defaults(&cfg);
	cfg.template_dir = xstrdup(TOETS_SRCDIR "/data/templates");
	struct letter l;
	diag_init(&dl, "template");
	OK(letter_issue(f->s, ref, LETTER_AANVULLING, &cfg, &l, &dl, E));
	struct procedure p;
	load(f, ref, &p);
	assert_int_equal(p.n_suspensions, 1);
	assert_string_equal(p.suspensions[0].start_on, today);
	assert_string_equal(p.suspensions[0].term_until, term);
	assert_string_equal(p.suspensions[0].letter_id, l.id);
	procedure_release(&p);
	OK(dossier_transition(f->s, ref, STATUS_COMPLEET, NULL, E));
	load(f, ref, &p);
	assert_string_equal(p.suspensions[0].end_on, today);
	assert_string_equal(p.complete_on, "2020-01-08");
	assert_string_equal(p.decided_on, ""); /* asking for more decides nothing */
	procedure_release(&p);
	letter_release(&l);
	diag_release(&dl);
	settings_release(&cfg);
	kader_free(&k);
}

/* By hand: an agreed delay (last day given; the term runs again the day
 * after), an aanvulling asked outside toets, resumed and corrected; the
 * refusals say what is allowed, and what clock_evaluate says is wrong. */
static void test_by_hand(void **state)
{
	struct fx *f = *state;
	char ref[DOSSIER_REF_LEN], today[DATE_LEN], tomorrow[DATE_LEN];
	date_today(today);
	clock_add_days(today, 1, tomorrow);
	new_dossier(f, "Stichting Uitstel", "2026-03-02", ref);
	struct procedure_suspension_new in = { SUSPENSION_UITSTEL, "2026-03-10", "2026-03-10", NULL, "akkoord" };
	REFUSED(TOETS_ERR_INVALID, "must come after it", procedure_add(f->s, ref, &in, NULL, E));
	in.until = "2026-04-06";
	in.reason = " ";
	REFUSED(TOETS_ERR_INVALID, "a delay needs a reason", procedure_add(f->s, ref, &in, NULL, E));
	in.reason = "akkoord per brief";
	in.start_on = tomorrow;
	REFUSED(TOETS_ERR_INVALID, "lies after today", procedure_add(f->s, ref, &in, NULL, E));
	in.start_on = "2026-03-01";
	REFUSED(TOETS_ERR_INVALID, "suspension 1 starts (2026-03-01) before the application was received",
		procedure_add(f->s, ref, &in, NULL, E));
	assert_int_equal(query_int(f, "SELECT count(*) FROM suspension"), 0);
	in.start_on = "2026-03-09";
	int number = 0;
	OK(procedure_add(f->s, ref, &in, &number, E));
	assert_int_equal(number, 1);

	/* An aanvulling before it: numbered by their start. */
	struct procedure_suspension_new av = { SUSPENSION_AANVULLING, "2026-03-04", "2026-03-05", NULL, NULL };
	REFUSED(TOETS_ERR_INVALID, "toets clock resume", procedure_add(f->s, ref, &av, NULL, E));
	av.until = NULL;
	av.term_until = "2026-03-04";
	REFUSED(TOETS_ERR_INVALID, "must end after the day of the request", procedure_add(f->s, ref, &av, NULL, E));
	av.term_until = "2026-03-18";
	OK(procedure_add(f->s, ref, &av, &number, E));
	assert_int_equal(number, 1);

	struct procedure p;
	load(f, ref, &p);
	assert_int_equal(p.n_suspensions, 2);
	assert_int_equal(p.suspensions[0].kind, SUSPENSION_AANVULLING);
	assert_int_equal(p.suspensions[1].kind, SUSPENSION_UITSTEL);
	assert_string_equal(p.suspensions[1].end_on, "2026-04-07");
	assert_string_equal(p.suspensions[1].reason, "akkoord per brief");
	procedure_release(&p);

	/* Resumed: not before it started, not after today; then corrected by number. */
	REFUSED(TOETS_ERR_INVALID, "cannot end before that", procedure_resume(f->s, ref, 0, "2026-03-03", NULL, E));
	REFUSED(TOETS_ERR_INVALID, "lies after today", procedure_resume(f->s, ref, 0, tomorrow, NULL, E));
	int ended = 0;
	OK(procedure_resume(f->s, ref, 0, "2026-03-12", &ended, E));
	assert_int_equal(ended, 1);
	REFUSED(TOETS_ERR_REFUSED, "no open suspension", procedure_resume(f->s, ref, 0, NULL, NULL, E));
	REFUSED(TOETS_ERR_NOT_FOUND, "suspensions 1 to 2, not 3", procedure_resume(f->s, ref, 3, NULL, NULL, E));
	OK(procedure_resume(f->s, ref, 1, "2026-03-11", &ended, E));
	load(f, ref, &p);
	assert_string_equal(p.suspensions[0].end_on, "2026-03-11");

	/* The clock from what is stored: 2026-03-05..10 and 03-10..04-06,
	 * overlapping on 03-10, so 6 + 28 - 1 = 33 days: 2026-04-27 + 33 =
	 * Saturday 2026-05-30, Monday 2026-06-01 by the Atw. */
	struct clock_result r;
	OK(procedure_clock(&p, "2026-04-20", NULL, &r, E));
	assert_string_equal(r.legal_unextended, "2026-05-30");
	assert_string_equal(r.legal.deadline, "2026-06-01");
	assert_int_equal(r.suspended_days, 33);
	procedure_release(&p);

	/* Dropped with a reason; what was dropped is in the log. */
	REFUSED(TOETS_ERR_INVALID, "needs a reason", procedure_drop(f->s, ref, 2, "", E));
	OK(procedure_drop(f->s, ref, 2, "dubbel ingevoerd", E));
	load(f, ref, &p);
	assert_int_equal(p.n_suspensions, 1);
	procedure_release(&p);
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit WHERE action = 'suspension.drop' AND payload LIKE "
				      "'%%start_on=2026-03-09%%end_on=2026-04-07%%reason=dubbel ingevoerd%%'"),
			 1);
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit WHERE action LIKE 'suspension.%%'"), 5);
	REFUSED(TOETS_ERR_NOT_FOUND, "no dossier", procedure_resume(f->s, "1999-0001", 0, NULL, NULL, E));
}

/* Awb 4:15 lid 1 a: the term "ongebruikt verstreken" ends the suspension
 * on the day after it, also when the supplement came later; an open one
 * ends, for the clock, with the decision. */
static void test_effective_end(void **state)
{
	(void)state;
	struct suspension x = { .kind = SUSPENSION_AANVULLING };
	struct procedure p = { .received_on = "2026-03-02", .suspensions = &x, .n_suspensions = 1 };
	char end[DATE_LEN];
	strcpy(x.start_on, "2026-03-10");
	strcpy(x.term_until, "2026-03-24");
	assert_false(procedure_effective_end(&p, &x, "2026-03-24", end));
	assert_string_equal(end, "");
	assert_true(procedure_effective_end(&p, &x, "2026-03-25", end));
	assert_string_equal(end, "2026-03-25");
	strcpy(x.end_on, "2026-03-20");
	assert_false(procedure_effective_end(&p, &x, "2026-04-01", end));
	assert_string_equal(end, "2026-03-20");
	strcpy(x.end_on, "2026-03-25");
	assert_false(procedure_effective_end(&p, &x, "2026-04-01", end));
	assert_string_equal(end, "2026-03-25");
	strcpy(x.end_on, "2026-04-01");
	assert_true(procedure_effective_end(&p, &x, "2026-04-01", end));
	assert_string_equal(end, "2026-03-25");
	/* A term that ended before the request: nothing is suspended. */
	strcpy(x.term_until, "2026-03-01");
	assert_true(procedure_effective_end(&p, &x, "2026-04-01", end));
	assert_string_equal(end, "2026-03-10");
	strcpy(x.term_until, "2026-03-24");
	/* A delay has no term: its end is its end. */
	x.kind = SUSPENSION_UITSTEL;
	assert_false(procedure_effective_end(&p, &x, "2026-05-01", end));
	assert_string_equal(end, "2026-04-01");
	/* Open at the decision: it ends there, or with the term before. */
	x.kind = SUSPENSION_AANVULLING;
	x.end_on[0] = '\0';
	strcpy(p.decided_on, "2026-03-15");
	assert_false(procedure_effective_end(&p, &x, "2026-06-01", end));
	assert_string_equal(end, "2026-03-15");
	strcpy(p.decided_on, "2026-04-15");
	assert_true(procedure_effective_end(&p, &x, "2026-06-01", end));
	assert_string_equal(end, "2026-03-25");
	x.term_until[0] = '\0';
	assert_false(procedure_effective_end(&p, &x, "2026-06-01", end));
	assert_string_equal(end, "2026-04-15");
	struct clock_result r;
	struct toets_error e;
	assert_int_equal(procedure_clock(&p, "2026-06-01", NULL, &r, &e), TOETS_OK);
	assert_int_equal(r.legal.state, CLOCK_TERM_MET);
	assert_int_equal(r.suspended_days, 35); /* 03-11 .. 04-14 */
}

/* The decision date: the approval of aanwijzen or afwijzen as a local
 * date (stored moments are UTC), or the withdrawal; the first of them. */
static void test_decided(void **state)
{
	struct fx *f = *state;
	char a[DOSSIER_REF_LEN], b[DOSSIER_REF_LEN], c[DOSSIER_REF_LEN], today[DATE_LEN];
	const char *tz = getenv("TZ");
	char *saved = tz ? xstrdup(tz) : NULL;
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1); /* Amsterdam, without tzdata */
	tzset();
	date_today(today);
	new_dossier(f, "Stichting Aangewezen", "2026-03-02", a);
	approved(f, a, "aanwijzen", "2026-04-20T22:30:00.000Z", NULL, "2029-04-21", "aangewezen");
	/* A later re-designation does not move it. */
	approved(f, a, "aanwijzen", "2029-04-01T08:00:00.000Z", NULL, "2032-04-01", NULL);
	new_dossier(f, "Stichting Afgewezen", "2026-03-02", b);
	approved(f, b, "afwijzen", "2026-03-31T21:59:59.000Z", NULL, NULL, "afgewezen");
	new_dossier(f, "Stichting Ingetrokken", "2020-01-06", c);
	OK(dossier_transition(f->s, c, STATUS_INGETROKKEN, "teruggetrokken", E));

	struct procedure p;
	load(f, a, &p);
	assert_string_equal(p.decided_on, "2026-04-21"); /* 00:30 in Amsterdam */
	assert_string_equal(p.decided_how, "aanwijzen");
	struct clock_result r;
	OK(procedure_clock(&p, "2026-06-01", NULL, &r, E));
	assert_int_equal(r.legal.state, CLOCK_TERM_MET);
	assert_int_equal(r.days, 50);
	procedure_release(&p);
	load(f, b, &p);
	assert_string_equal(p.decided_on, "2026-03-31");
	assert_string_equal(p.decided_how, "afwijzen");
	procedure_release(&p);
	load(f, c, &p);
	assert_string_equal(p.decided_on, today);
	assert_string_equal(p.decided_how, "ingetrokken");
	OK(procedure_clock(&p, today, NULL, &r, E));
	assert_int_equal(r.legal.state, CLOCK_TERM_MISSED);
	procedure_release(&p);

	/* No clock before receipt. */
	char d[DOSSIER_REF_LEN];
	new_dossier(f, "Stichting Aangemeld", NULL, d);
	load(f, d, &p);
	REFUSED(TOETS_ERR_REFUSED, "has not been received", procedure_clock(&p, today, NULL, &r, E));
	procedure_release(&p);
	if (saved) {
		setenv("TZ", saved, 1);
		free(saved);
	} else {
		unsetenv("TZ");
	}
	tzset();
}

/* ---- due ---------------------------------------------------------------------------------- */

static const struct due_item *find_item(const struct due_list *l, const char *ref, enum due_kind kind)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].reference, ref) == 0 && l->items[i].kind == kind)
			return &l->items[i];
	return NULL;
}

/* Everything that needs attention on 2026-06-01 (a Monday), most urgent
 * first, and nothing that does not. */
static void test_due(void **state)
{
	struct fx *f = *state;
	char ref[12][DOSSIER_REF_LEN];
	/* 0: legal term past: 2026-03-02 + 8 weeks = 04-27 Koningsdag -> 04-28. */
	new_dossier(f, "A past", "2026-03-02", ref[0]);
	/* 1: near: 04-10 + 56 = Friday 06-05. */
	new_dossier(f, "B near", "2026-04-10", ref[1]);
	/* 2: complete 05-20: the 15th working day after, Pinkstermaandag 05-25
	 * skipped, is 06-11: in 10 days; its legal term (07-15) is far. */
	new_dossier(f, "C target", "2026-05-20", ref[2]);
	OK(dossier_set(f->s, ref[2], "complete_on", "2026-05-20", E));
	/* 3: an open aanvulling whose term ends 06-03: its clock stands still. */
	new_dossier(f, "D aanvulling", "2026-03-02", ref[3]);
	add_aanvulling(f, ref[3], "2026-03-05", "2026-06-03");
	/* 4: the same, its term lapsed 05-30: the clock runs again from 05-30. */
	new_dossier(f, "E verlopen", "2026-04-20", ref[4]);
	add_aanvulling(f, ref[4], "2026-04-21", "2026-05-29");
	/* 5, 6, 7: re-assessments due in 30 days, overdue, and far. */
	new_dossier(f, "F herbeoordeling", "2023-01-02", ref[5]);
	approved(f, ref[5], "aanwijzen", "2023-02-01T10:00:00.000Z", NULL, "2026-07-01", "aangesloten");
	new_dossier(f, "G te laat", "2022-01-03", ref[6]);
	approved(f, ref[6], "aanwijzen", "2022-02-01T10:00:00.000Z", NULL, "2025-12-01", "aangewezen");
	new_dossier(f, "H later", "2024-01-02", ref[7]);
	approved(f, ref[7], "aanwijzen", "2024-02-01T10:00:00.000Z", NULL, "2027-01-01", "aangewezen");
	/* 8: withdrawn, 9: refused long ago: nothing due. */
	new_dossier(f, "I ingetrokken", "2021-01-04", ref[8]);
	approved(f, ref[8], "aanwijzen", "2021-02-01T10:00:00.000Z", NULL, "2024-02-01", NULL);
	approved(f, ref[8], "intrekken", "2023-02-01T10:00:00.000Z", NULL, NULL, "aanwijzing_ingetrokken");
	new_dossier(f, "J afgewezen", "2026-01-05", ref[9]);
	approved(f, ref[9], "afwijzen", "2026-04-01T10:00:00.000Z", NULL, NULL, "afgewezen");
	/* 10: events that do not fit (written past the checks). */
	new_dossier(f, "K kapot", "2026-05-01", ref[10]);
	sql(f, "UPDATE dossier SET complete_on = '2026-04-01' WHERE reference = %Q", ref[10]);
	/* 11: not received. */
	new_dossier(f, "L aangemeld", NULL, ref[11]);

	struct clock_settings cs;
	clock_settings_init(&cs);
	struct due_list l;
	OK(procedure_due(f->s, "2026-06-01", &cs, 7, 90, &l, E));
	const struct {
		int dossier;
		enum due_kind kind;
		const char *date;
		int left;
	} want[] = {
		{ 6, DUE_REASSESS, "2025-12-01", -182 },
		{ 0, DUE_LEGAL, "2026-04-28", -34 },
		{ 4, DUE_TERM, "2026-05-29", -3 },
		{ 3, DUE_TERM, "2026-06-03", 2 },
		{ 1, DUE_LEGAL, "2026-06-05", 4 },
		{ 5, DUE_REASSESS, "2026-07-01", 30 },
	};
	assert_int_equal(l.n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < l.n; i++) {
		assert_string_equal(l.items[i].reference, ref[want[i].dossier]);
		assert_int_equal(l.items[i].kind, want[i].kind);
		assert_string_equal(l.items[i].date, want[i].date);
		assert_int_equal(l.items[i].left, want[i].left);
	}
	assert_string_equal(l.items[1].organisation, "A past");
	assert_int_equal(l.items[0].status, STATUS_AANGEWEZEN);
	assert_int_equal(l.n_problems, 1);
	assert_string_equal(l.problems[0].reference, ref[10]);
	assert_non_null(strstr(l.problems[0].message, "cannot be complete (2026-04-01) before it was received"));
	due_list_release(&l);

	/* Ten days ahead: the service target joins; its legal term does not. */
	OK(procedure_due(f->s, "2026-06-01", &cs, 10, 0, &l, E));
	const struct due_item *t = find_item(&l, ref[2], DUE_TARGET);
	assert_non_null(t);
	assert_string_equal(t->date, "2026-06-11");
	assert_int_equal(t->left, 10);
	assert_null(find_item(&l, ref[2], DUE_LEGAL));
	assert_null(find_item(&l, ref[5], DUE_REASSESS));
	assert_non_null(find_item(&l, ref[6], DUE_REASSESS));
	/* The lapsed aanvulling's clock runs again from 05-30: 04-20 + 56 +
	 * 38 suspended days (04-22 .. 05-29) = 07-23, not due. */
	assert_null(find_item(&l, ref[4], DUE_LEGAL));
	due_list_release(&l);

	struct toets_error e;
	assert_int_equal(procedure_due(f->s, "2026-02-30", &cs, 7, 90, &l, &e), TOETS_ERR_INVALID);
	assert_int_equal(procedure_due(f->s, "2026-06-01", &cs, -1, 90, &l, &e), TOETS_ERR_INVALID);
}

/* ---- the aansluiting ----------------------------------------------------------------------- */

static void test_aansluiting(void **state)
{
	struct fx *f = *state;
	char ref[DOSSIER_REF_LEN], today[DATE_LEN], tomorrow[DATE_LEN], id[STORE_ID_LEN];
	date_today(today);
	clock_add_days(today, 1, tomorrow);
	new_dossier(f, "Stichting Aansluiting", "2026-01-05", ref);
	OK(dossier_lookup(f->s, ref, id, E));
	struct aansluiting_change c = { "2026-03-01", "J. Jansen", NULL };
	REFUSED(TOETS_ERR_REFUSED, "follows a designation", aansluiting_set(f->s, ref, &c, E));
	approved(f, ref, "aanwijzen", "2026-02-10T10:00:00.000Z", NULL, "2029-02-10", "aangewezen");

	struct aansluiting_change bad[] = {
		{ NULL, NULL, NULL },
		{ "2026-03-01", NULL, NULL },
		{ NULL, "J. Jansen", NULL },
		{ "2026-02-09", "J. Jansen", NULL },
		{ NULL, NULL, "2026-02-09" },
		{ tomorrow, "J. Jansen", NULL },
		{ "2026-13-01", "J. Jansen", NULL },
		{ "2026-03-01", "J.\tJansen", NULL },
	};
	const char *says[] = {
		"nothing to record", "with its date and who accepted it", "with its date and who accepted it",
		"lies before the designation", "lies before the designation", "lies after today",
		"the leidraad's date '2026-13-01'", "leidraad accepted by",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		REFUSED(TOETS_ERR_INVALID, says[i], aansluiting_set(f->s, ref, &bad[i], E));
	struct aansluiting a;
	OK(aansluiting_get(f->s, id, &a, E));
	assert_false(a.recorded);
	aansluiting_release(&a);

	OK(aansluiting_set(f->s, ref, &c, E));
	struct aansluiting_change ndn = { NULL, NULL, "2026-03-15" };
	OK(aansluiting_set(f->s, ref, &ndn, E));
	OK(aansluiting_get(f->s, id, &a, E));
	assert_true(a.recorded);
	assert_string_equal(a.designated_on, "2026-02-10");
	assert_string_equal(a.effective_on, "2026-02-10");
	assert_string_equal(a.leidraad_on, "2026-03-01");
	assert_string_equal(a.leidraad_by, "J. Jansen");
	assert_string_equal(a.ndn_on, "2026-03-15");
	aansluiting_release(&a);
	/* Who accepted it, corrected alone; the NDN date cleared. */
	struct aansluiting_change fix = { NULL, "mr. J. Jansen", "" };
	OK(aansluiting_set(f->s, ref, &fix, E));
	OK(aansluiting_get(f->s, id, &a, E));
	assert_string_equal(a.leidraad_by, "mr. J. Jansen");
	assert_string_equal(a.ndn_on, "");
	aansluiting_release(&a);
	/* The leidraad is not cleared by half. */
	struct aansluiting_change half = { "", NULL, NULL };
	REFUSED(TOETS_ERR_INVALID, "with its date and who accepted it", aansluiting_set(f->s, ref, &half, E));
	half.leidraad_by = "";
	OK(aansluiting_set(f->s, ref, &half, E));
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit WHERE action = 'aansluiting.set'"), 4);
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit WHERE action = 'aansluiting.set' AND payload = "
				      "'leidraad_on=2026-03-01' || char(10) || 'leidraad_by=J. Jansen' || char(10) || "
				      "'ndn_on=\\0' || char(10)"),
			 1);

	/* Withdrawn: no more aansluiting. */
	approved(f, ref, "intrekken", "2026-04-01T10:00:00.000Z", NULL, NULL, "aanwijzing_ingetrokken");
	REFUSED(TOETS_ERR_REFUSED, "aanwijzing ingetrokken", aansluiting_set(f->s, ref, &ndn, E));
	OK(aansluiting_get(f->s, id, &a, E));
	assert_string_equal(a.designated_on, "");
	assert_string_equal(a.leidraad_on, "");
	aansluiting_release(&a);
}

/* Operational contacts: reachable (24/7 phone or e-mail), marked, listed. */
static bool collect(const struct contact *c, void *ctx)
{
	struct strbuf *sb = ctx;
	strbuf_addf(sb, "%s:%d\n", c->name, c->operational);
	return true;
}

static void test_operational_contacts(void **state)
{
	struct fx *f = *state;
	char ref[DOSSIER_REF_LEN], id[STORE_ID_LEN];
	new_dossier(f, "Stichting Contact", NULL, ref);
	struct contact soc = { .name = "SOC", .operational = true };
	REFUSED(TOETS_ERR_INVALID, "24/7 phone number or an e-mail address", contact_add(f->s, ref, &soc, E));
	soc.phone = "+31 20 123 4567";
	OK(contact_add(f->s, ref, &soc, E));
	struct contact jan = { .name = "Jan" };
	OK(contact_add(f->s, ref, &jan, E));
	OK(dossier_lookup(f->s, ref, id, E));
	struct strbuf sb = STRBUF_INIT;
	OK(contact_list(f->s, id, collect, &sb, E));
	assert_string_equal(strbuf_str(&sb), "SOC:1\nJan:0\n");
	strbuf_release(&sb);
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit WHERE action = 'contact.add' AND payload LIKE "
				      "'%%operational=1%%'"),
			 1);
}

/* The summary shows the completeness, the aansluiting and the 24/7 contacts. */
static void test_summary(void **state)
{
	struct fx *f = *state;
	char ref[DOSSIER_REF_LEN];
	new_dossier(f, "Stichting Samenvatting", "2026-01-05", ref);
	OK(dossier_set(f->s, ref, "complete_on", "2026-01-20", E));
	approved(f, ref, "aanwijzen", "2026-02-10T10:00:00.000Z", NULL, "2029-02-10", "aangewezen");
	struct settings cfg;
	settings_defaults(&cfg);
	cfg.template_dir = xstrdup(TOETS_SRCDIR "/data/templates");
	struct letter_draft d;
	struct diag_list dl;
	diag_init(&dl, "template");
	OK(letter_draft(f->s, ref, LETTER_SAMENVATTING, &cfg, &d, &dl, E));
	assert_non_null(strstr(d.text, "Compleet: 20 januari 2026"));
	assert_non_null(strstr(d.text, "Leidraad voor samenwerking: [nog niet aanvaard]"));
	assert_non_null(strstr(d.text, "Aangesloten op het NDN: [nog niet aangesloten]"));
	assert_non_null(strstr(d.text, "[geen operationele contactpersonen vastgelegd]"));
	letter_draft_release(&d);

	struct aansluiting_change c = { "2026-03-01", "J. Jansen", "2026-03-15" };
	OK(aansluiting_set(f->s, ref, &c, E));
	struct contact soc = { .name = "SOC Samenvatting", .email = "soc@example.nl", .phone = "+31 20 123 4567",
			       .operational = true };
	OK(contact_add(f->s, ref, &soc, E));
	OK(letter_draft(f->s, ref, LETTER_SAMENVATTING, &cfg, &d, &dl, E));
	assert_non_null(strstr(d.text, "Leidraad voor samenwerking: aanvaard op 1 maart 2026 door J. Jansen"));
	assert_non_null(strstr(d.text, "Aangesloten op het NDN: 15 maart 2026"));
	assert_non_null(strstr(d.text, "SOC Samenvatting — 24/7 +31 20 123 4567, soc@example.nl"));
	letter_draft_release(&d);
	diag_release(&dl);
	settings_release(&cfg);
}

/* service-days and near-days: their defaults, values and refusals. */
static void test_settings(void **state)
{
	(void)state;
	const char text[] = "set service-days 10\n"
			    "set near-days 14\n"
			    "set service-days 1001\n"
			    "set near-days -1\n"
			    "set near-days x\n";
	struct settings st;
	settings_defaults(&st);
	assert_int_equal(st.service_days, CLOCK_TARGET_WORKING_DAYS);
	assert_int_equal(st.near_days, CLOCK_NEAR_DAYS);
	struct diag_list dl;
	struct config cfg;
	diag_init(&dl, "config");
	assert_int_equal(config_parse(text, sizeof(text) - 1, &cfg, &dl), TOETS_OK);
	settings_apply(&st, &cfg, &dl);
	assert_int_equal(st.service_days, 10);
	assert_int_equal(st.near_days, 14);
	assert_int_equal(dl.n_errors, 3);
	assert_string_equal(dl.items[0].message, "service-days takes a number of working days from 0 to 1000, not '1001'");
	assert_string_equal(dl.items[2].message, "near-days takes a number of days from 0 to 365, not 'x'");
	struct clock_settings cs;
	procedure_clock_settings(&st, &cs);
	assert_int_equal(cs.target_working_days, 10);
	assert_int_equal(cs.near_days, 14);
	assert_int_equal(cs.legal_term_days, CLOCK_LEGAL_TERM_DAYS);
	settings_release(&st);
	diag_set_source(&dl, NULL, 0);
	config_release(&cfg);
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_moves_date_the_clock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aanvulling_letter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aanvulling_decision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_hand, setup, teardown),
		cmocka_unit_test(test_effective_end),
		cmocka_unit_test_setup_teardown(test_decided, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aansluiting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_operational_contacts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary, setup, teardown),
		cmocka_unit_test(test_settings),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
