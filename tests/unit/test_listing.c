/* test_listing.c - the paged dossier list: for every sort column and
 * direction, paging forward and backward visits each dossier once, in the
 * order of one big page and of an order worked out here; filters by
 * status, category and words; count and position agree; dossiers without
 * an assessor or date come first ascending and last descending; long
 * names are cut on a character boundary and still page exactly. */
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
#include "toets/decision.h"
#include "toets/dossier.h"
#include "toets/kader.h"
#include "toets/listing.h"
#include "toets/store.h"
#include "toets/utf8.h"
#include "toets/xalloc.h"

#include "fixture.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define DOSSIERS 60
#define MAX_ROWS 128

/* ---- the fixture: one database of 60 dossiers, made once ------------------------- */

static char dir[] = "/tmp/toets-ut-listing.XXXXXX";
static char path[128];
static struct store *db;

/* What was stored, read back with dossier_list: the model the expected
 * orders are worked out from. */
struct model {
	char id[STORE_ID_LEN];
	char reference[DOSSIER_REF_LEN];
	char *name;
	enum category category;
	enum dossier_status status;
	char *assessor;           /* "" for none */
	char received[DATE_LEN];  /* "" for none */
	bool words;               /* found by "cooperatie" */
};

static struct model dossiers[DOSSIERS];
static int n_dossiers;
static char long_a[400], long_b[400];

static const char *names[20] = {
	"Coöperatie Zorgnet Noord U.A.", /* found by "cooperatie" */
	"Stichting Ééndracht",
	"stichting ééndracht",           /* equal to the one before but for É/é */
	"Stichting Ééndracht",           /* an exact duplicate */
	"ACME Hosting B.V.",
	"acme hosting b.v.",             /* equal to the one before without case */
	"Zorgcoöperatie Oost",           /* not found: the word starts with zorg */
	"COÖPERATIE Energie",            /* found */
	"Cooperatieve Bank",             /* found: a word's start is enough */
	"Gemeente 's-Hertogenbosch",
	"Waterschap Aa en Maas",
	"Ω Omega Security",
	"Ziekenhuis Ürk",
	NULL,                            /* long_a */
	"Provincie Fryslân",
	"Überwachung GmbH",
	NULL,                            /* long_b */
	"Zuid-Holland Netbeheer",
	"Bank",
	"Bank Nederland",
};
static const bool name_words[20] = { [0] = true, [7] = true, [8] = true };

/* Statuses by the moves that reach them from aangemeld: by hand where the
 * workflow allows it, else by a decision (see decide()). */
static const enum dossier_status paths[STATUS_COUNT][6] = {
	[STATUS_AANGEMELD] = { STATUS_COUNT },
	[STATUS_ONTVANGEN] = { STATUS_ONTVANGEN, STATUS_COUNT },
	[STATUS_COMPLEET] = { STATUS_ONTVANGEN, STATUS_COMPLEET, STATUS_COUNT },
	[STATUS_IN_TOETSING] = { STATUS_ONTVANGEN, STATUS_COMPLEET, STATUS_IN_TOETSING, STATUS_COUNT },
	[STATUS_AANVULLING_GEVRAAGD] = { STATUS_ONTVANGEN, STATUS_AANVULLING_GEVRAAGD, STATUS_COUNT },
	[STATUS_BESLUIT_VOORGESTELD] = { STATUS_ONTVANGEN, STATUS_COMPLEET, STATUS_IN_TOETSING,
					 STATUS_BESLUIT_VOORGESTELD, STATUS_COUNT },
	[STATUS_AANGEWEZEN] = { STATUS_ONTVANGEN, STATUS_COMPLEET, STATUS_IN_TOETSING,
				STATUS_BESLUIT_VOORGESTELD, STATUS_AANGEWEZEN, STATUS_COUNT },
	[STATUS_AFGEWEZEN] = { STATUS_ONTVANGEN, STATUS_COMPLEET, STATUS_IN_TOETSING,
			       STATUS_BESLUIT_VOORGESTELD, STATUS_AFGEWEZEN, STATUS_COUNT },
	[STATUS_AANGESLOTEN] = { STATUS_ONTVANGEN, STATUS_COMPLEET, STATUS_IN_TOETSING,
				 STATUS_BESLUIT_VOORGESTELD, STATUS_AANGEWEZEN, STATUS_AANGESLOTEN },
	[STATUS_INGETROKKEN] = { STATUS_INGETROKKEN, STATUS_COUNT },
	[STATUS_AANWIJZING_INGETROKKEN] = { STATUS_ONTVANGEN, STATUS_COMPLEET, STATUS_IN_TOETSING,
					    STATUS_BESLUIT_VOORGESTELD, STATUS_AANGEWEZEN,
					    STATUS_AANWIJZING_INGETROKKEN },
};

/* The framework the proposals rest on: one question, any category. */
static const char framework[] =
	"format: 1\n"
	"id: lijst\n"
	"version: \"1\"\n"
	"title: {nl: Lijstkader, en: List framework}\n"
	"applies_to: [oktt, csirt, cert, isp]\n"
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
	"          - {id: ja, label: {nl: Ja, en: \"Yes\"}, effect: pass}\n"
	"          - {id: nee, label: {nl: Nee, en: \"No\"}, effect: fail}\n";
static struct kader *kader;

/* Four eyes: the approval must come from another OS account than the
 * proposer's, and a unit test runs as one account. So the proposal is made
 * by toets, then only its proposer is rewritten with raw SQL (a waiting
 * proposal may change), and the real approval runs as this account. What
 * is simulated is a second assessor; every status row is toets's own. */
static enum toets_status approve_as_second(const char *ref, struct toets_error *e)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(store_db(db),
			       "UPDATE decision SET proposed_by = 'tweede-toetser' WHERE state = 'voorgesteld' "
			       "AND dossier_id = (SELECT id FROM dossier WHERE reference = ?)",
			       -1, &q, NULL) != SQLITE_OK)
		return toets_fail(e, TOETS_ERR_INTERNAL, "%s", sqlite3_errmsg(store_db(db)));
	sqlite3_bind_text(q, 1, ref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE || sqlite3_changes(store_db(db)) != 1)
		return toets_fail(e, TOETS_ERR_INTERNAL, "no waiting proposal of %s to rewrite", ref);
	struct decision d;
	enum toets_status st = decision_approve(db, ref, NULL, DECISION_REASSESS_YEARS, &d, e);
	if (st == TOETS_OK)
		decision_release(&d);
	return st;
}

static enum toets_status propose(const char *ref, int kind, struct toets_error *e)
{
	struct decision_proposal in = { .kind = kind, .reason = kind < 0 ? NULL : "lijsttest" };
	struct decision d;
	enum toets_status st = decision_propose(db, ref, &in, &d, e);
	if (st == TOETS_OK)
		decision_release(&d);
	return st;
}

/* A move that only a decision makes, made by one: a proposal on an
 * assessment (the kind that leads to `target`), its approval, or a
 * proposal to withdraw the designation and its approval. */
static enum toets_status decide(const char *ref, enum dossier_status from, enum dossier_status to,
				enum dossier_status target, struct toets_error *e)
{
	if (from == STATUS_IN_TOETSING && to == STATUS_BESLUIT_VOORGESTELD) {
		struct assessment a;
		enum toets_status st = assess_start(db, ref, kader, &a, e);
		if (st != TOETS_OK)
			return st;
		/* a besluit needs its motivering first */
		st = assess_reason(db, &a, "taak", "De statuten leggen de taak vast.", e);
		assess_release(&a);
		if (st != TOETS_OK)
			return st;
		return propose(ref,
			       target == STATUS_AFGEWEZEN		? DECISION_AFWIJZEN
			       : target == STATUS_BESLUIT_VOORGESTELD ? -1 /* what the verdicts suggest */
									: DECISION_AANWIJZEN,
			       e);
	}
	if (from == STATUS_BESLUIT_VOORGESTELD)
		return approve_as_second(ref, e);
	if (to == STATUS_AANWIJZING_INGETROKKEN) {
		enum toets_status st = propose(ref, DECISION_INTREKKEN, e);
		return st == TOETS_OK ? approve_as_second(ref, e) : st;
	}
	return toets_fail(e, TOETS_ERR_INTERNAL, "no decision moves %s to %s", dossier_status_code(from),
			  dossier_status_code(to));
}

static const char *const assessors[] = { "", "anna", "bram", "Anna", "chris", "Émile", "anna" };
static const char *const dates[] = { "2024-02-29", "2025-12-31", "", "2026-01-01",
				     "2025-12-31", "2026-03-15", "1999-01-01" };

static bool read_one(const struct dossier *d, void *ctx)
{
	(void)ctx;
	struct model *m = &dossiers[n_dossiers++];
	snprintf(m->id, sizeof(m->id), "%s", d->id);
	snprintf(m->reference, sizeof(m->reference), "%s", d->reference);
	m->name = xstrdup(d->org.name);
	m->category = d->category;
	m->status = d->status;
	m->assessor = xstrdup(d->assessor ? d->assessor : "");
	snprintf(m->received, sizeof(m->received), "%s", d->received_on ? d->received_on : "");
	return n_dossiers < DOSSIERS;
}

#define OK(call)                                                                        \
	do {                                                                            \
		struct toets_error e_ = { TOETS_OK, "" };                               \
		if ((call) != TOETS_OK) {                                               \
			fprintf(stderr, "%s: %s\n", #call, e_.message);                  \
			return -1;                                                      \
		}                                                                       \
	} while (0)
#define E (&e_)

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/toets.db", dir);
	OK(store_open(path, &db, E));
	struct diag_list dl;
	diag_init(&dl, "lijst.yaml");
	enum toets_status loaded = kader_load_buffer("lijst.yaml", framework, strlen(framework), &kader, &dl);
	diag_release(&dl);
	if (loaded != TOETS_OK)
		return -1;

	/* Two names of about 300 bytes that differ only after 256: a sort
	 * value that does not fit in a key. 10 + 2 * 140 bytes: byte 255 is
	 * the middle of an é, so the cut must step back. */
	strcpy(long_a, "Vereniging");
	strcpy(long_b, "Vereniging");
	for (int i = 0; i < 140; i++) {
		strcat(long_a, "é");
		strcat(long_b, "é");
	}
	strcat(long_a, " Alfa");
	strcat(long_b, " Beta");
	names[13] = long_a;
	names[16] = long_b;

	bool words[DOSSIERS];
	enum dossier_status targets[DOSSIERS];
	for (int i = 0; i < DOSSIERS; i++) {
		char ref[DOSSIER_REF_LEN];
		struct dossier_new in = { .category = (enum category)((i * 3 + i / 11) % CATEGORY_COUNT) };
		in.org.name = (char *)names[i % 20];
		OK(dossier_create(db, &in, ref, E));
		words[i] = name_words[i % 20];
		enum dossier_status target = (enum dossier_status)((i * 7) % STATUS_COUNT);
		targets[i] = target;
		enum dossier_status at = STATUS_AANGEMELD;
		for (int j = 0; j < 6 && paths[target][j] != STATUS_COUNT; j++) {
			enum dossier_status to = paths[target][j];
			if (dossier_transition_allowed(at, to))
				OK(dossier_transition(db, ref, to, "test", E));
			else
				OK(decide(ref, at, to, target, E));
			at = to;
		}
		/* An empty value clears: no assessor, not received. A dossier
		 * that was complete keeps the date receipt gave it (the clock
		 * counts from it). */
		OK(dossier_set(db, ref, "assessor", assessors[i % N(assessors)], E));
		const char *date = dates[(i / 2) % N(dates)];
		bool completed = false;
		for (int j = 0; j < 6 && paths[target][j] != STATUS_COUNT; j++)
			completed |= paths[target][j] == STATUS_COMPLEET;
		if ((target != STATUS_AANGEMELD || i % 5 == 0) && (*date || !completed))
			OK(dossier_set(db, ref, "received_on", date, E));
		if (i == 41) { /* found by a text of its own, not by its name */
			OK(note_add(db, ref, "Lid van de coöperatieve bond", E));
			words[i] = true;
		}
	}
	struct dossier_filter all = DOSSIER_FILTER_ALL;
	OK(dossier_list(db, &all, read_one, NULL, E));
	if (n_dossiers != DOSSIERS)
		return -1;
	/* dossier_list gives reference order, as they were created */
	for (int i = 0; i < DOSSIERS; i++) {
		dossiers[i].words = words[i];
		/* every status is there, each where it was meant to be */
		if (dossiers[i].status != targets[i]) {
			fprintf(stderr, "%s is %s, not %s\n", dossiers[i].reference,
				dossier_status_code(dossiers[i].status), dossier_status_code(targets[i]));
			return -1;
		}
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	for (int i = 0; i < n_dossiers; i++) {
		free(dossiers[i].name);
		free(dossiers[i].assessor);
	}
	kader_free(&kader);
	store_close(&db);
	return nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- the expected order, worked out without SQL ------------------------------------ */

/* SQLite's NOCASE: ASCII letters folded, every other byte as it is. */
/* Organisations sort by their sort key: no case, no diacritics. */
static int nocase_cmp(const char *a, const char *b)
{
	struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
	utf8_sort_key(a, &ka);
	utf8_sort_key(b, &kb);
	int c = strcmp(strbuf_str(&ka), strbuf_str(&kb));
	strbuf_release(&ka);
	strbuf_release(&kb);
	return c;
}

static enum listing_sort cmp_sort;

static int cmp_value(const struct model *a, const struct model *b)
{
	switch (cmp_sort) {
	case SORT_ORGANISATION:
		return nocase_cmp(a->name, b->name);
	case SORT_CATEGORY:
		return strcmp(category_code(a->category), category_code(b->category));
	case SORT_STATUS:
		return strcmp(dossier_status_code(a->status), dossier_status_code(b->status));
	case SORT_ASSESSOR:
		return strcmp(a->assessor, b->assessor); /* "" (none) first */
	case SORT_RECEIVED:
		return strcmp(a->received, b->received);
	default:
		return 0;
	}
}

static int cmp_model(const void *x, const void *y)
{
	const struct model *a = *(const struct model *const *)x, *b = *(const struct model *const *)y;
	int c = cmp_value(a, b);
	return c ? c : strcmp(a->reference, b->reference);
}

static bool passes(const struct model *m, const struct listing_filter *f)
{
	return (f->status < 0 || (int)m->status == f->status) &&
	       (f->category < 0 || (int)m->category == f->category) && (!f->query || m->words);
}

/* The references that pass f in this order, into out; returns how many. */
static int expected(const struct listing_filter *f, enum listing_sort sort, bool desc,
		    const char *out[DOSSIERS])
{
	const struct model *v[DOSSIERS];
	int n = 0;
	for (int i = 0; i < n_dossiers; i++)
		if (passes(&dossiers[i], f))
			v[n++] = &dossiers[i];
	cmp_sort = sort;
	qsort(v, (size_t)n, sizeof(v[0]), cmp_model);
	for (int i = 0; i < n; i++)
		out[i] = v[desc ? n - 1 - i : i]->reference;
	return n;
}

static const struct model *find_model(const char *reference)
{
	for (int i = 0; i < n_dossiers; i++)
		if (strcmp(dossiers[i].reference, reference) == 0)
			return &dossiers[i];
	fail_msg("no dossier %s in the model", reference);
	return NULL;
}

/* ---- helpers ---------------------------------------------------------------------------- */

static const char *const sort_names[SORT_COUNT] = { "reference", "organisation", "category",
						    "status", "assessor", "received" };

static int page(const struct listing_filter *f, enum listing_sort sort, bool desc,
		const struct listing_key *anchor, bool after, int limit, struct listing_row *rows)
{
	struct toets_error e = { TOETS_OK, "" };
	int n = -1;
	if (listing_page(db, f, sort, desc, anchor, after, limit, rows, &n, &e) != TOETS_OK)
		fail_msg("listing_page (%s%s): %s", sort_names[sort], desc ? " desc" : "", e.message);
	assert_true(n >= 0 && n <= limit);
	return n;
}

static int position(const struct listing_filter *f, enum listing_sort sort, bool desc,
		    const struct listing_key *k)
{
	struct toets_error e = { TOETS_OK, "" };
	int pos = -1;
	if (listing_position(db, f, sort, desc, k, &pos, &e) != TOETS_OK)
		fail_msg("listing_position: %s", e.message);
	return pos;
}

static int count(const struct listing_filter *f)
{
	struct toets_error e = { TOETS_OK, "" };
	int n = -1;
	if (listing_count(db, f, &n, &e) != TOETS_OK)
		fail_msg("listing_count: %s", e.message);
	return n;
}

static void describe(char *buf, size_t size, const struct listing_filter *f,
		     enum listing_sort sort, bool desc)
{
	snprintf(buf, size, "%s %s, status %d, category %d, words %s", sort_names[sort],
		 desc ? "descending" : "ascending", f->status, f->category,
		 f->query ? f->query : "none");
}

/* Everything the list promises, for one filter, column and direction;
 * `every_anchor`: also one row on and back from every row. */
static void check_order(const struct listing_filter *f, enum listing_sort sort, bool desc,
			bool every_anchor)
{
	char what[200];
	describe(what, sizeof(what), f, sort, desc);
	const char *want[DOSSIERS];
	int total = expected(f, sort, desc, want);

	/* one big page: the order worked out above, and rows as stored */
	static struct listing_row all[MAX_ROWS], rows[MAX_ROWS];
	int n = page(f, sort, desc, NULL, true, MAX_ROWS, all);
	if (n != total)
		fail_msg("%s: %d rows, expected %d", what, n, total);
	for (int i = 0; i < n; i++) {
		if (strcmp(all[i].reference, want[i]) != 0)
			fail_msg("%s: row %d is %s, expected %s", what, i, all[i].reference, want[i]);
		const struct model *m = find_model(all[i].reference);
		assert_string_equal(all[i].id, m->id);
		assert_int_equal(all[i].category, m->category);
		assert_int_equal(all[i].status, m->status);
		assert_string_equal(all[i].assessor, m->assessor);
		assert_string_equal(all[i].received_on, m->received);
		assert_string_equal(all[i].key.reference, m->reference);
		/* the name, or its start cut on a character boundary */
		size_t len = strlen(all[i].organisation);
		assert_true(len < LISTING_TEXT_LEN);
		assert_memory_equal(all[i].organisation, m->name, len);
		assert_int_equal(utf8_invalid_offset(all[i].organisation, len), len);
		if (len < strlen(m->name))
			assert_true(len >= LISTING_TEXT_LEN - 4);
	}
	assert_int_equal(count(f), total);

	/* forward, 7 at a time: the big page again, each row once */
	int seen = 0;
	const struct listing_key *anchor = NULL;
	struct listing_key k;
	for (;;) {
		int got = page(f, sort, desc, anchor, true, 7, rows);
		for (int i = 0; i < got; i++, seen++) {
			if (seen >= total || strcmp(rows[i].reference, want[seen]) != 0)
				fail_msg("%s: forward, row %d is %s, expected %s", what, seen,
					 rows[i].reference, seen < total ? want[seen] : "the end");
		}
		if (got < 7)
			break;
		k = rows[got - 1].key;
		anchor = &k;
	}
	assert_int_equal(seen, total);

	/* backward from the last page: the same pages from the end */
	int end = total;
	anchor = NULL;
	for (;;) {
		int got = page(f, sort, desc, anchor, false, 7, rows);
		int start = end - got;
		if (start < 0 || (got < 7 && start != 0))
			fail_msg("%s: backward, %d rows before row %d", what, got, end);
		for (int i = 0; i < got; i++)
			if (strcmp(rows[i].reference, want[start + i]) != 0)
				fail_msg("%s: backward, row %d is %s, expected %s", what, start + i,
					 rows[i].reference, want[start + i]);
		end = start;
		if (got < 7)
			break;
		k = rows[0].key;
		anchor = &k;
	}
	assert_int_equal(end, 0);

	/* every row as an anchor: its position, one row on, one row back */
	for (int i = 0; i < total; i++) {
		int pos = position(f, sort, desc, &all[i].key);
		if (pos != i)
			fail_msg("%s: position of %s is %d, expected %d", what, want[i], pos, i);
		listing_key_reference(&k, want[i]);
		if ((pos = position(f, sort, desc, &k)) != i)
			fail_msg("%s: position of %s by reference is %d, expected %d", what, want[i], pos, i);
		if (!every_anchor)
			continue;
		int got = page(f, sort, desc, &all[i].key, true, 1, rows);
		if (got != (i + 1 < total) || (got && strcmp(rows[0].reference, want[i + 1]) != 0))
			fail_msg("%s: the row after %s is %s", what, want[i], got ? rows[0].reference : "none");
		got = page(f, sort, desc, &all[i].key, false, 1, rows);
		if (got != (i > 0) || (got && strcmp(rows[0].reference, want[i - 1]) != 0))
			fail_msg("%s: the row before %s is %s", what, want[i], got ? rows[0].reference : "none");
	}
}

/* ---- tests ------------------------------------------------------------------------------- */

static void test_every_order(void **state)
{
	(void)state;
	struct listing_filter f = LISTING_FILTER_ALL;
	for (int s = 0; s < SORT_COUNT; s++) {
		check_order(&f, (enum listing_sort)s, false, true);
		check_order(&f, (enum listing_sort)s, true, true);
	}
}

static void test_filters(void **state)
{
	(void)state;
	static const struct listing_filter filters[] = {
		{ STATUS_AANGEMELD, -1, NULL },
		{ STATUS_IN_TOETSING, -1, NULL },
		{ STATUS_AANWIJZING_INGETROKKEN, -1, NULL },
		{ -1, CATEGORY_CSIRT, NULL },
		{ -1, CATEGORY_ISP, NULL },
		{ -1, -1, "cooperatie" },
		{ -1, CATEGORY_OKTT, "cooperatie" },
		{ STATUS_ONTVANGEN, CATEGORY_CERT, NULL },
	};
	for (size_t i = 0; i < N(filters); i++) {
		for (int s = 0; s < SORT_COUNT; s++) {
			check_order(&filters[i], (enum listing_sort)s, false, false);
			check_order(&filters[i], (enum listing_sort)s, true, false);
		}
	}
	/* the fixture holds what the filters are meant to find */
	struct listing_filter words = { -1, -1, "cooperatie" };
	assert_int_equal(count(&words), 10); /* 3 names x 3 dossiers, and a note */
	struct listing_filter coop_aangemeld = { STATUS_AANGEMELD, -1, "Coöperatie" };
	const char *want[DOSSIERS];
	assert_int_equal(count(&coop_aangemeld), expected(&coop_aangemeld, SORT_REFERENCE, false, want));
}

static void test_words(void **state)
{
	(void)state;
	struct listing_filter f = LISTING_FILTER_ALL;
	/* only spaces: no filter */
	f.query = "   ";
	assert_int_equal(count(&f), DOSSIERS);
	/* upper case, diacritics, a word's start */
	f.query = "COÖP";
	assert_int_equal(count(&f), 10);
	f.query = "zorgcooperatie";
	assert_int_equal(count(&f), 3);
	f.query = "eendracht stichting";
	assert_int_equal(count(&f), 9);
	/* operators and quotes are words like any other */
	f.query = "\"cooperatie\" OR bank";
	assert_int_equal(count(&f), 0);
	f.query = "nergens";
	struct listing_row rows[4];
	assert_int_equal(count(&f), 0);
	assert_int_equal(page(&f, SORT_ORGANISATION, false, NULL, true, 4, rows), 0);
	assert_int_equal(page(&f, SORT_ORGANISATION, true, NULL, false, 4, rows), 0);
	/* a reference is indexed too */
	f.query = dossiers[17].reference;
	assert_int_equal(count(&f), 1);
	assert_int_equal(page(&f, SORT_RECEIVED, true, NULL, true, 4, rows), 1);
	assert_string_equal(rows[0].reference, dossiers[17].reference);
}

/* No assessor and no date: first ascending, last descending. */
static void test_empty_values_first_ascending(void **state)
{
	(void)state;
	struct listing_filter f = LISTING_FILTER_ALL;
	static struct listing_row rows[MAX_ROWS];
	for (int s = SORT_ASSESSOR; s <= SORT_RECEIVED; s++) {
		int none = 0;
		for (int i = 0; i < n_dossiers; i++)
			none += !*(s == SORT_ASSESSOR ? dossiers[i].assessor : dossiers[i].received);
		assert_true(none > 1 && none < n_dossiers);
		int n = page(&f, (enum listing_sort)s, false, NULL, true, MAX_ROWS, rows);
		assert_int_equal(n, n_dossiers);
		for (int i = 0; i < n; i++) {
			const char *v = s == SORT_ASSESSOR ? rows[i].assessor : rows[i].received_on;
			assert_int_equal(!*v, i < none);
			assert_string_equal(rows[i].key.value, v);
		}
		n = page(&f, (enum listing_sort)s, true, NULL, true, MAX_ROWS, rows);
		for (int i = 0; i < n; i++) {
			const char *v = s == SORT_ASSESSOR ? rows[i].assessor : rows[i].received_on;
			assert_int_equal(!*v, i >= n - none);
		}
	}
}

/* The two long names share their first 290 bytes: their keys do not hold
 * the whole value, and the list still pages exactly across them (which
 * check_order covers); here the cut itself. */
static void test_long_names(void **state)
{
	(void)state;
	struct listing_filter f = { -1, -1, "Vereniging" };
	struct listing_row rows[8];
	int n = page(&f, SORT_ORGANISATION, false, NULL, true, 8, rows);
	assert_int_equal(n, 6);
	struct strbuf key = STRBUF_INIT;
	utf8_sort_key(long_a, &key);
	bool whole = key.len < LISTING_VALUE_LEN; /* the sort key folds é to e */
	strbuf_release(&key);
	for (int i = 0; i < n; i++) {
		assert_int_equal(rows[i].key.by_reference, !whole);
		/* "Vereniging" is 10 bytes, é 2: byte 255 is half an é */
		assert_int_equal(strlen(rows[i].organisation), 254);
		assert_true(strncmp(rows[i].organisation, long_a, 254) == 0);
	}
	assert_string_equal(find_model(rows[2].reference)->name, long_a);
	assert_string_equal(find_model(rows[3].reference)->name, long_b);
	/* short values are kept in the key */
	f.query = "Bank";
	n = page(&f, SORT_ORGANISATION, false, NULL, true, 8, rows);
	assert_true(n > 0);
	assert_false(rows[0].key.by_reference);
	assert_string_equal(rows[0].key.value, "bank"); /* the sort key */
}

/* A key made from a reference alone stands for that dossier where it is. */
static void test_key_by_reference(void **state)
{
	(void)state;
	struct listing_filter f = LISTING_FILTER_ALL;
	struct listing_key k;
	struct listing_row rows[3];
	const char *want[DOSSIERS];
	int total = expected(&f, SORT_STATUS, true, want);
	listing_key_reference(&k, want[10]);
	assert_int_equal(page(&f, SORT_STATUS, true, &k, true, 3, rows), 3);
	assert_string_equal(rows[0].reference, want[11]);
	assert_string_equal(rows[2].reference, want[13]);
	assert_int_equal(page(&f, SORT_STATUS, true, &k, false, 3, rows), 3);
	assert_string_equal(rows[0].reference, want[7]);
	assert_string_equal(rows[2].reference, want[9]);
	assert_int_equal(total, DOSSIERS);
	/* a reference that does not exist matches nothing */
	listing_key_reference(&k, "1999-0001");
	assert_int_equal(page(&f, SORT_ASSESSOR, false, &k, true, 3, rows), 0);
	assert_int_equal(position(&f, SORT_ASSESSOR, false, &k), 0);
}

/* A page reads the database as it is now, from where the key says: a
 * dossier that changed status moves, the anchor stays where it was shown. */
static void test_change_between_pages(void **state)
{
	(void)state;
	struct listing_filter f = LISTING_FILTER_ALL;
	struct listing_row first[5], next[5];
	assert_int_equal(page(&f, SORT_ASSESSOR, false, NULL, true, 5, first), 5);
	/* give the last row shown an assessor that sorts last */
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(dossier_set(db, first[4].reference, "assessor", "zz", &e), TOETS_OK);
	assert_int_equal(page(&f, SORT_ASSESSOR, false, &first[4].key, true, 5, next), 5);
	const char *want[DOSSIERS];
	expected(&f, SORT_ASSESSOR, false, want);
	for (int i = 0; i < 5; i++)
		assert_string_equal(next[i].reference, want[5 + i]);
	assert_int_equal(dossier_set(db, first[4].reference, "assessor", first[4].assessor, &e), TOETS_OK);
}

/* The anchor may be a row of the array the page is read into. */
static void test_anchor_in_rows(void **state)
{
	(void)state;
	struct listing_filter f = LISTING_FILTER_ALL;
	const char *want[DOSSIERS];
	for (int s = 0; s < SORT_COUNT; s++) {
		for (int after = 0; after < 2; after++) {
			int total = expected(&f, (enum listing_sort)s, false, want);
			struct listing_row rows[9];
			int n = page(&f, (enum listing_sort)s, false, NULL, after, 9, rows), seen = n;
			while (n == 9) {
				n = page(&f, (enum listing_sort)s, false, &rows[after ? 8 : 0].key, after, 9, rows);
				for (int i = 0; i < n; i++) {
					int at = after ? seen + i : total - seen - n + i;
					if (strcmp(rows[i].reference, want[at]) != 0)
						fail_msg("%s, %s: row %d is %s, expected %s", sort_names[s],
							 after ? "forward" : "backward", at, rows[i].reference,
							 want[at]);
				}
				seen += n;
			}
			assert_int_equal(seen, total);
		}
	}
}

static void test_limits(void **state)
{
	(void)state;
	struct listing_filter f = LISTING_FILTER_ALL;
	struct listing_row rows[1];
	struct toets_error e = { TOETS_OK, "" };
	int n = -1;
	assert_int_equal(listing_page(db, &f, SORT_REFERENCE, false, NULL, true, 0, rows, &n, &e), TOETS_OK);
	assert_int_equal(n, 0);
	assert_int_equal(listing_page(db, NULL, SORT_REFERENCE, false, NULL, true, 1, rows, &n, &e), TOETS_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].reference, dossiers[0].reference);
	assert_int_equal(listing_count(db, NULL, &n, &e), TOETS_OK);
	assert_int_equal(n, DOSSIERS);
	assert_int_equal(listing_page(db, &f, SORT_COUNT, false, NULL, true, 1, rows, &n, &e),
			 TOETS_ERR_INTERNAL);
	assert_int_equal(n, 0);
	assert_int_equal(listing_position(db, &f, (enum listing_sort)-1, false, &rows[0].key, &n, &e),
			 TOETS_ERR_INTERNAL);
}

/* A search keeps its matches between pages, yet sees what was written
 * since: here by this connection, and by another process's connection. */
static void test_words_follow_writes(void **state)
{
	(void)state;
	struct listing_filter f = { -1, -1, "zeldzaamwoord" };
	struct toets_error e = { TOETS_OK, "" };
	int n = -1;
	assert_int_equal(listing_count(db, &f, &n, &e), TOETS_OK);
	assert_int_equal(n, 0);
	assert_int_equal(note_add(db, dossiers[3].reference, "een zeldzaamwoord hier", &e), TOETS_OK);
	assert_int_equal(listing_count(db, &f, &n, &e), TOETS_OK);
	assert_int_equal(n, 1);
	struct store *other;
	assert_int_equal(store_open(path, &other, &e), TOETS_OK);
	assert_int_equal(note_add(other, dossiers[9].reference, "nog een zeldzaamwoord", &e), TOETS_OK);
	store_close(&other);
	assert_int_equal(listing_count(db, &f, &n, &e), TOETS_OK);
	assert_int_equal(n, 2);
	struct listing_row rows[4];
	assert_int_equal(listing_page(db, &f, SORT_REFERENCE, false, NULL, true, 4, rows, &n, &e), TOETS_OK);
	assert_int_equal(n, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_order),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_empty_values_first_ascending),
		cmocka_unit_test(test_long_names),
		cmocka_unit_test(test_key_by_reference),
		cmocka_unit_test(test_change_between_pages),
		cmocka_unit_test(test_anchor_in_rows),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_words_follow_writes), /* last: it writes */
	};
	return cmocka_run_group_tests_name("listing", tests, group_setup, group_teardown);
}
