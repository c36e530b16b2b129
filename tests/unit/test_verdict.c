/* test_verdict.c - the verdict rule of toets-kader(5), case by case, and
 * which questions conditions show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "toets/verdict.h"

/* One criterion:
 *   a  choice, required:  ja (pass) | nee (fail) | deels (followup) | nvt (none)
 *   b  multi:             x (pass) | y (followup) | z (none)
 *   c  text, required, shown only if a is ja or deels
 *   d  choice:            ok (pass) | stuk (fail), shown only if b none_of [z]
 *   e  number, required, shown only if d any_of [stuk]  (chains through d and b) */
static const char framework[] =
	"format: 1\nid: t\nversion: '1'\ntitle: {nl: t, en: t}\napplies_to: [oktt]\n"
	"legal_basis: [x]\nvalid_from: 2022-12-01\ncriteria:\n"
	"  - id: c\n    title: {nl: c, en: c}\n    legal_basis: [x]\n    mandatory: true\n"
	"    questions:\n"
	"      - id: a\n        text: {nl: a, en: a}\n        type: choice\n        required: true\n"
	"        choices:\n"
	"          - {id: ja, label: {nl: j, en: j}, effect: pass}\n"
	"          - {id: nee, label: {nl: n, en: n}, effect: fail}\n"
	"          - {id: deels, label: {nl: d, en: d}, effect: followup}\n"
	"          - {id: nvt, label: {nl: v, en: v}, effect: none}\n"
	"      - id: b\n        text: {nl: b, en: b}\n        type: multi\n"
	"        choices:\n"
	"          - {id: x, label: {nl: x, en: x}, effect: pass}\n"
	"          - {id: y, label: {nl: y, en: y}, effect: followup}\n"
	"          - {id: z, label: {nl: z, en: z}, effect: none}\n"
	"      - id: c\n        text: {nl: c, en: c}\n        type: text\n        required: true\n"
	"        show_if: {question: a, any_of: [ja, deels]}\n"
	"      - id: d\n        text: {nl: d, en: d}\n        type: choice\n"
	"        show_if: {question: b, none_of: [z]}\n"
	"        choices:\n"
	"          - {id: ok, label: {nl: o, en: o}, effect: pass}\n"
	"          - {id: stuk, label: {nl: s, en: s}, effect: fail}\n"
	"      - id: e\n        text: {nl: e, en: e}\n        type: number\n        required: true\n"
	"        show_if: {question: d, any_of: [stuk]}\n";

static struct kader *k;

static int setup(void **state)
{
	(void)state;
	struct diag_list dl;
	diag_init(&dl, "verdict");
	enum toets_status st = kader_load_buffer("verdict", framework, strlen(framework), &k, &dl);
	diag_release(&dl);
	return st == TOETS_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	kader_free(&k);
	return 0;
}

/* Answers written compactly: "a=ja b=x,y c=* e=*" (* = a value given). */
struct vcase {
	const char *answers;
	enum verdict want;
	size_t shown, required, required_answered;
};

static const struct vcase cases[] = {
	/* nothing answered: a is required */
	{ "", VERDICT_NOT_ASSESSED, 2, 1, 0 },
	/* rule 1: a fail decides, even with required questions open */
	{ "a=nee", VERDICT_FAIL, 2, 1, 1 },
	{ "a=ja", VERDICT_NOT_ASSESSED, 3, 2, 1 }, /* c is now shown, and open */
	{ "b=x d=stuk", VERDICT_FAIL, 4, 2, 0 },
	/* rule 2: a required shown question open -> niet beoordeeld */
	{ "b=y", VERDICT_NOT_ASSESSED, 3, 1, 0 },
	/* rule 3: followup once the required ones are answered */
	{ "a=deels c=*", VERDICT_FOLLOWUP, 3, 2, 2 },
	{ "a=ja c=* b=x,y", VERDICT_FOLLOWUP, 4, 2, 2 },
	/* rule 4: pass */
	{ "a=ja c=*", VERDICT_PASS, 3, 2, 2 },
	{ "a=ja c=* b=x d=ok", VERDICT_PASS, 4, 2, 2 },
	/* rule 5: nothing deciding */
	{ "a=nvt", VERDICT_NOT_ASSESSED, 2, 1, 1 },
	{ "a=nvt b=z", VERDICT_NOT_ASSESSED, 2, 1, 1 },
	/* hidden questions count for nothing, even when answered */
	{ "a=nvt c=*", VERDICT_NOT_ASSESSED, 2, 1, 1 },
	{ "a=nvt b=z d=stuk", VERDICT_NOT_ASSESSED, 2, 1, 1 },
	/* a chain: e needs d=stuk, which needs b without z */
	{ "a=ja c=* b=x d=stuk", VERDICT_FAIL, 5, 3, 2 },
	/* none_of holds only on an answered question */
	{ "a=ja c=* b=", VERDICT_PASS, 3, 2, 2 },
	/* a choice the framework does not know is ignored */
	{ "a=ja c=* b=onbekend", VERDICT_PASS, 4, 2, 2 },
};

#define MAX_ANS 8

static size_t split(const char *spec, struct answer *ans, char store[MAX_ANS][64],
		    const char *choice_ptrs[MAX_ANS][4])
{
	size_t n = 0;
	char buf[256];
	strncpy(buf, spec, sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	for (char *save = NULL, *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		*eq = '\0';
		strcpy(store[n], tok);
		memset(&ans[n], 0, sizeof(ans[n]));
		ans[n].question_id = store[n];
		char *vals = store[n] + strlen(tok) + 1;
		strcpy(vals, eq + 1);
		if (strcmp(vals, "*") == 0) {
			ans[n].answered = true;
		} else {
			size_t m = 0;
			for (char *s2 = NULL, *v = strtok_r(vals, ",", &s2); v; v = strtok_r(NULL, ",", &s2))
				choice_ptrs[n][m++] = v;
			ans[n].choices = choice_ptrs[n];
			ans[n].n_choices = m;
		}
		n++;
	}
	return n;
}

static void test_rule_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct answer items[MAX_ANS];
		char store[MAX_ANS][64];
		const char *choices[MAX_ANS][4];
		struct answers a = { items, split(cases[i].answers, items, store, choices) };
		struct verdict_progress p;
		enum verdict v = verdict_compute(&k->criteria[0], &a, &p);
		if (v != cases[i].want || p.shown != cases[i].shown || p.required != cases[i].required ||
		    p.required_answered != cases[i].required_answered)
			fail_msg("answers \"%s\": got %s shown=%zu required=%zu/%zu, want %s %zu %zu/%zu",
				 cases[i].answers, verdict_name(v), p.shown, p.required_answered, p.required,
				 verdict_name(cases[i].want), cases[i].shown, cases[i].required_answered,
				 cases[i].required);
	}
}

static void test_shown(void **state)
{
	(void)state;
	const char *ja[] = { "ja" }, *z[] = { "z" }, *stuk[] = { "stuk" };
	struct answer items[3] = {
		{ "a", ja, 1, false }, { "b", z, 1, false }, { "d", stuk, 1, false },
	};
	struct answers a = { items, 3 };
	assert_true(verdict_question_shown(kader_find_question(k, "a"), &a));
	assert_true(verdict_question_shown(kader_find_question(k, "c"), &a));
	/* d is hidden by b=z, so e is hidden though d says stuk. */
	assert_false(verdict_question_shown(kader_find_question(k, "d"), &a));
	assert_false(verdict_question_shown(kader_find_question(k, "e"), &a));
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(verdict_name(VERDICT_PASS), "voldoet");
	assert_string_equal(verdict_name(VERDICT_FAIL), "voldoet niet");
	assert_string_equal(verdict_name(VERDICT_FOLLOWUP), "nader onderzoek");
	assert_string_equal(verdict_name(VERDICT_NOT_ASSESSED), "niet beoordeeld");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_shown),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests_name("verdict", tests, setup, teardown);
}
