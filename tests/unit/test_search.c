/* test_search.c - full-text search: diacritics folded ("cooperatie" finds
 * "Coöperatie"), every kind of text found and kept current when it
 * changes, and typed text never read as FTS5 query syntax. */
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
#include "toets/datetime.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/kader.h"
#include "toets/search.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#include "fixture.h"

/* ---- fixture: an empty database, made once and copied for each test ---------- */

static char template_dir[] = "/tmp/toets-ut-search-tpl.XXXXXX";
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
	return nftw(template_dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/toets-ut-search.XXXXXX");
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
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* ---- helpers ----------------------------------------------------------------------- */

static void create(struct store *s, const char *name, char ref[DOSSIER_REF_LEN])
{
	struct toets_error e = { TOETS_OK, "" };
	struct dossier_new in = { .category = CATEGORY_OKTT };
	in.org.name = (char *)name;
	if (dossier_create(s, &in, ref, &e) != TOETS_OK)
		fail_msg("dossier_create: %s", e.message);
}

struct hits {
	struct strbuf text;
	int stop_after;
	int n;
};

static bool collect(const struct search_hit *h, void *ctx)
{
	struct hits *hs = ctx;
	strbuf_addf(&hs->text, "%s|%s|%s|%s\n", h->reference, h->kind, h->organisation, h->snippet);
	return !(hs->stop_after && ++hs->n >= hs->stop_after);
}

/* The hits of a search, one line each: "reference|kind|organisation|snippet".
 * The result is valid until the next call. */
static struct hits last = { STRBUF_INIT, 0, 0 };

static const char *search(struct fx *f, const char *text, int limit)
{
	struct toets_error e = { TOETS_OK, "" };
	strbuf_reset(&last.text);
	last.n = 0;
	if (search_run(f->s, text, limit, collect, &last, &e) != TOETS_OK)
		fail_msg("search \"%s\": %s", text, e.message);
	return strbuf_str(&last.text);
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static char *line(const char *ref, const char *kind, const char *org, const char *snippet)
{
	return xasprintf("%s|%s|%s|%s\n", ref, kind, org, snippet);
}

static void expect_hits(struct fx *f, const char *text, const char *want)
{
	const char *got = search(f, text, 0);
	if (strcmp(got, want) != 0)
		fail_msg("search \"%s\":\n got: %s\nwant: %s", text, got, want);
}

/* ---- diacritics ------------------------------------------------------------------------- */

static void test_diacritics(void **state)
{
	struct fx *f = *state;
	char ref[DOSSIER_REF_LEN];
	create(f->s, "Coöperatie Ĳsselland", ref);
	const char *org = "Coöperatie Ĳsselland";
	/* The index keeps Ĳ as the two letters IJ (as Dutch is typed), so
	 * the text shown with a hit has them so too. */
	char *first = line(ref, "organisation", org, "[Coöperatie] IJsselland");
	char *second = line(ref, "organisation", org, "Coöperatie [IJsselland]");
	expect_hits(f, "cooperatie", first);
	expect_hits(f, "Coöperatie", first);
	expect_hits(f, "COÖPERATIE", first);
	expect_hits(f, "coöp", first); /* a word's start is enough */
	expect_hits(f, "Cooperatie", first);
	/* unicode61 folds case and strips diacritics, but Ĳ (U+0132) is a
	 * ligature it keeps as one letter: search folds it to "ij", so every
	 * way of typing it finds the name. */
	expect_hits(f, "Ĳsselland", second);
	expect_hits(f, "ĳsselland", second); /* lower-case ligature U+0133 */
	expect_hits(f, "ijsselland", second);
	expect_hits(f, "IJsselland", second);
	/* every word must occur, each as the start of a word */
	char *both = line(ref, "organisation", org, "[Coöperatie] [IJsselland]");
	expect_hits(f, "cooperatie ĳssel", both);
	expect_hits(f, "cooperatie ijsselland", both);
	expect_hits(f, "peratie", "");
	free(both);
	free(first);
	free(second);
}

/* ---- what is indexed -------------------------------------------------------------------- */

#define FW \
	"format: 1\nid: zoek\nversion: '1'\ntitle: {nl: t, en: t}\napplies_to: [oktt]\n" \
	"legal_basis: [x]\nvalid_from: 2022-12-01\ncriteria:\n" \
	"  - {id: c, title: {nl: c, en: c}, legal_basis: [x], mandatory: true,\n" \
	"     questions: [{id: q, text: {nl: q, en: q}, type: text}]}\n"

static void test_every_kind_found(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	char ref[DOSSIER_REF_LEN], other[DOSSIER_REF_LEN];
	create(f->s, "Stichting Vindbaar", ref);
	create(f->s, "Stichting Anders", other);
	const char *org = "Stichting Vindbaar";

	/* a note */
	assert_int_equal(note_add(f->s, ref, "Gesprek met de voorzitter over de doelgroep", &e), TOETS_OK);
	char *want = line(ref, "note", org, "Gesprek met de [voorzitter] over de doelgroep");
	expect_hits(f, "voorzitter", want);
	free(want);

	/* a document title */
	char *doc = xasprintf("%s/beleid.pdf", f->dir);
	FILE *fp = fopen(doc, "w");
	assert_non_null(fp);
	fputs("%PDF", fp);
	fclose(fp);
	char id[STORE_ID_LEN];
	assert_int_equal(document_add(f->s, ref, doc, "Beveiligingsbeleid 2025", "beveiligingsbeleid", NULL, id, &e),
			 TOETS_OK);
	free(doc);
	want = line(ref, "document", org, "[Beveiligingsbeleid] 2025");
	expect_hits(f, "beveiligings", want);
	free(want);

	/* an answer's note */
	struct diag_list dl;
	diag_init(&dl, "zoek.yaml");
	struct kader *k = NULL;
	assert_int_equal(kader_load_buffer("zoek.yaml", FW, strlen(FW), &k, &dl), TOETS_OK);
	diag_release(&dl);
	struct assessment a;
	assert_int_equal(assess_start(f->s, ref, k, &a, &e), TOETS_OK);
	const char *v[] = { "ja" };
	struct answer_input in = { .question_id = "q", .values = v, .n_values = 1,
				   .note = "Informatieplicht besproken met de secretaris" };
	assert_int_equal(assess_answer(f->s, &a, &in, &e), TOETS_OK);
	want = line(ref, "answer", org, "[Informatieplicht] besproken met de secretaris");
	expect_hits(f, "informatieplicht", want);
	free(want);
	/* a new note replaces the old in the index */
	in.note = "Geheimhouding geregeld";
	assert_int_equal(assess_answer(f->s, &a, &in, &e), TOETS_OK);
	expect_hits(f, "informatieplicht", "");
	want = line(ref, "answer", org, "[Geheimhouding] geregeld");
	expect_hits(f, "geheimhouding", want);
	free(want);
	/* no note given: the note and its entry stay */
	in.note = NULL;
	assert_int_equal(assess_answer(f->s, &a, &in, &e), TOETS_OK);
	assert_int_equal(count_lines(search(f, "geheimhouding", 0)), 1);
	/* an answer cleared is no longer found */
	struct answer_input clear = { .question_id = "q", .clear = true };
	assert_int_equal(assess_answer(f->s, &a, &clear, &e), TOETS_OK);
	expect_hits(f, "geheimhouding", "");
	assess_release(&a);
	kader_free(&k);

	/* the reference */
	char *marked = xasprintf("[%s]", ref);
	want = line(ref, "dossier", org, marked);
	expect_hits(f, ref, want);
	free(want);
	free(marked);

	/* each hit names its own dossier */
	char *l1 = line(ref, "organisation", org, "[Stichting] Vindbaar");
	char *l2 = line(other, "organisation", "Stichting Anders", "[Stichting] Anders");
	want = xasprintf("%s%s", l1, l2);
	expect_hits(f, "stichting", want);
	free(want);
	free(l1);
	free(l2);
}

static void test_rename(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	char ref[DOSSIER_REF_LEN];
	create(f->s, "Vereniging Oudenaam", ref);
	assert_int_equal(count_lines(search(f, "oudenaam", 0)), 1);
	assert_int_equal(dossier_set(f->s, ref, "name", "Stichting Nieuwenaam", &e), TOETS_OK);
	expect_hits(f, "oudenaam", "");
	char *want = line(ref, "organisation", "Stichting Nieuwenaam", "Stichting [Nieuwenaam]");
	expect_hits(f, "nieuwenaam", want);
	free(want);
	/* other fields do not touch the index */
	assert_int_equal(dossier_set(f->s, ref, "representative", "Oudenaam", &e), TOETS_OK);
	expect_hits(f, "oudenaam", "");
	/* a refused rename changes nothing */
	assert_int_equal(dossier_set(f->s, ref, "name", "", &e), TOETS_ERR_INVALID);
	assert_int_equal(count_lines(search(f, "nieuwenaam", 0)), 1);
}

/* ---- typed text is not query syntax ------------------------------------------------------ */

static void test_query_text(void **state)
{
	(void)state;
	static const struct {
		const char *typed;
		const char *query;
	} cases[] = {
		{ "cooperatie", "\"cooperatie\"*" },
		{ "  twee\twoorden\n", "\"twee\"* \"woorden\"*" },
		{ "\"a\" OR b*", "\"\"\"a\"\"\"* \"OR\"* \"b*\"*" },
		{ "a\"b", "\"a\"\"b\"*" },
		{ "NEAR(a b)", "\"NEAR(a\"* \"b)\"*" },
		{ "kind:organisation", "\"kind:organisation\"*" },
		{ "", "" },
		{ " \t\n", "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		search_query(cases[i].typed, &sb);
		assert_string_equal(strbuf_str(&sb), cases[i].query);
		strbuf_release(&sb);
	}
}

static void test_operators_have_no_effect(void **state)
{
	struct fx *f = *state;
	char bakkerij[DOSSIER_REF_LEN], orde[DOSSIER_REF_LEN];
	create(f->s, "Bakkerij Amstel", bakkerij);
	create(f->s, "Orde van Advocaten Brabant", orde);
	/* As FTS5 syntax this would match "Bakkerij Amstel" (a OR b*); as
	 * typed words it asks for a..., or... and b... together. */
	char *want = line(orde, "organisation", "Orde van Advocaten Brabant", "[Orde] van [Advocaten] [Brabant]");
	expect_hits(f, "\"a\" OR b*", want);
	free(want);
	/* NOT is a word here, not an operator */
	expect_hits(f, "bakkerij NOT amstel", "");
	/* a column filter is no filter */
	expect_hits(f, "kind:organisation", "");
	expect_hits(f, "body:bakkerij", "");
	/* none of these is an error */
	const char *hostile[] = { "\"", "\"\"", "*", "(", ")", "NEAR(a b)", "{body}: co", "-a", "^a", "+", "'",
				  "a AND", "OR", "a:b", "\\", "%", "_", "\"a", "a\"" };
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		search(f, hostile[i], 0);
}

static void test_empty_query(void **state)
{
	struct fx *f = *state;
	const char *empty[] = { "", "   ", "\t\n" };
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		struct toets_error e = { TOETS_OK, "" };
		struct hits hs = { STRBUF_INIT, 0, 0 };
		assert_int_equal(search_run(f->s, empty[i], 0, collect, &hs, &e), TOETS_ERR_INVALID);
		assert_string_equal(e.message, "nothing to search for");
		assert_int_equal(hs.text.len, 0);
		strbuf_release(&hs.text);
	}
}

static void test_limit_and_stop(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	char ref[DOSSIER_REF_LEN];
	create(f->s, "Stichting Een", ref);
	create(f->s, "Stichting Twee", ref);
	create(f->s, "Stichting Drie", ref);
	assert_int_equal(count_lines(search(f, "stichting", 0)), 3);
	assert_int_equal(count_lines(search(f, "stichting", 2)), 2);
	assert_int_equal(count_lines(search(f, "stichting", 1)), 1);
	struct hits hs = { STRBUF_INIT, 1, 0 };
	assert_int_equal(search_run(f->s, "stichting", 0, collect, &hs, &e), TOETS_OK);
	assert_int_equal(count_lines(strbuf_str(&hs.text)), 1);
	strbuf_release(&hs.text);
}

static int final_teardown(void **state)
{
	strbuf_release(&last.text);
	return group_teardown(state);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_diacritics),
		T(test_every_kind_found),
		T(test_rename),
		cmocka_unit_test(test_query_text),
		T(test_operators_have_no_effect),
		T(test_empty_query),
		T(test_limit_and_stop),
	};
	return cmocka_run_group_tests_name("search", tests, group_setup, final_teardown);
}
