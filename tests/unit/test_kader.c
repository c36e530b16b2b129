/* test_kader.c - loading frameworks: the shipped ones load, and every class
 * of error gives its exact message at its exact line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/kader.h"
#include "toets/xalloc.h"

/* A valid framework; cases below change one part of it. */
#define HEAD \
	"format: 1\n" \
	"id: test\n" \
	"version: \"1.0\"\n" \
	"title: {nl: Toets, en: Test}\n" \
	"applies_to: [oktt]\n" \
	"legal_basis: [Wbni art. 20]\n" \
	"valid_from: 2022-12-01\n"
/* line 8 */
#define CRIT \
	"criteria:\n" \
	"  - id: c1\n" \
	"    title: {nl: Eén, en: One}\n" \
	"    legal_basis: [Wbni art. 20]\n" \
	"    mandatory: true\n" \
	"    questions:\n"
/* line 14 */
#define Q1 \
	"      - id: q1\n" \
	"        text: {nl: Vraag, en: Question}\n" \
	"        type: choice\n" \
	"        choices:\n" \
	"          - {id: ja, label: {nl: Ja, en: \"Yes\"}, effect: pass}\n" \
	"          - {id: nee, label: {nl: Nee, en: \"No\"}, effect: fail}\n"
/* line 20 */

static enum toets_status load(const char *text, struct kader **k, struct diag_list *dl)
{
	diag_init(dl, "t.yaml");
	return kader_load_buffer("t.yaml", text, strlen(text), k, dl);
}

static const struct diag *find_diag(const struct diag_list *dl, const char *message)
{
	for (size_t i = 0; i < dl->n; i++)
		if (strcmp(dl->items[i].message, message) == 0)
			return &dl->items[i];
	return NULL;
}

static void test_minimal_valid(void **state)
{
	(void)state;
	struct kader *k;
	struct diag_list dl;
	assert_int_equal(load(HEAD CRIT Q1, &k, &dl), TOETS_OK);
	assert_int_equal(dl.n, 0);
	assert_string_equal(k->id, "test");
	assert_string_equal(k->version, "1.0");
	assert_int_equal(k->n_criteria, 1);
	assert_int_equal(k->n_questions, 1);
	const struct kader_question *q = kader_find_question(k, "q1");
	assert_non_null(q);
	assert_int_equal(q->type, KADER_Q_CHOICE);
	assert_int_equal(q->n_choices, 2);
	assert_int_equal(q->choices[1].effect, KADER_EFFECT_FAIL);
	assert_string_equal(kader_text(&k->criteria[0].title, KADER_NL), "Eén");
	assert_ptr_equal(kader_question_criterion(k, q), &k->criteria[0]);
	assert_null(kader_find_question(k, "q2"));
	kader_free(&k);
	assert_null(k);
	diag_release(&dl);
}

/* Scalars are text unless the schema says otherwise: no YAML 1.1 guessing. */
static void test_no_type_guessing(void **state)
{
	(void)state;
	const char *text = HEAD CRIT
		"      - id: 'no'\n"
		"        text: {nl: no, en: yes}\n"
		"        type: multi\n"
		"        choices:\n"
		"          - {id: yes, label: {nl: on, en: off}, effect: none}\n"
		"          - {id: 007, label: {nl: 1.50, en: ~}, effect: pass}\n";
	struct kader *k;
	struct diag_list dl;
	assert_int_equal(load(text, &k, &dl), TOETS_OK);
	const struct kader_question *q = kader_find_question(k, "no");
	assert_non_null(q);
	assert_string_equal(q->text.nl, "no");
	assert_string_equal(q->text.en, "yes");
	assert_string_equal(q->choices[0].id, "yes");
	assert_string_equal(q->choices[0].label.nl, "on");
	assert_string_equal(q->choices[1].id, "007");
	assert_string_equal(q->choices[1].label.nl, "1.50");
	assert_string_equal(q->choices[1].label.en, "~");
	kader_free(&k);
	diag_release(&dl);
}

static void test_bom_and_crlf(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "\xEF\xBB\xBF");
	for (const char *p = HEAD CRIT Q1; *p; p++) {
		if (*p == '\n')
			strbuf_addc(&sb, '\r');
		strbuf_addc(&sb, *p);
	}
	struct kader *k;
	struct diag_list dl;
	assert_int_equal(load(strbuf_str(&sb), &k, &dl), TOETS_OK);
	assert_string_equal(k->criteria[0].questions[0].text.nl, "Vraag");
	/* The hash is over the exact bytes, BOM and CRs included. */
	assert_int_equal(k->source_len, sb.len);
	kader_free(&k);
	diag_release(&dl);
	/* An error on line 1 is placed as if the BOM were not there. */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "\xEF\xBB\xBF" "format: x\r\n");
	assert_int_equal(load(strbuf_str(&sb), &k, &dl), TOETS_ERR_INVALID);
	const struct diag *d = find_diag(&dl, "expected a format number such as 1, got \"x\"");
	assert_non_null(d);
	assert_int_equal(d->line, 1);
	assert_int_equal(d->col, 9);
	diag_release(&dl);
	strbuf_release(&sb);
}

static void test_sha256_of_exact_bytes(void **state)
{
	(void)state;
	struct kader *k;
	struct diag_list dl;
	assert_int_equal(load(HEAD CRIT Q1, &k, &dl), TOETS_OK);
	char first[65];
	memcpy(first, k->sha256_hex, sizeof(first));
	assert_int_equal(strlen(first), 64);
	kader_free(&k);
	diag_release(&dl);
	/* One more space changes nothing in the model but changes the hash. */
	assert_int_equal(load(HEAD CRIT Q1 " ", &k, &dl), TOETS_OK);
	assert_string_not_equal(first, k->sha256_hex);
	kader_free(&k);
	diag_release(&dl);
	/* sha256("") is the well-known e3b0c442... (a check of the wiring). */
	diag_init(&dl, "e");
	assert_int_equal(kader_load_buffer("e", "", 0, &k, &dl), TOETS_ERR_INVALID);
	assert_string_equal(dl.items[0].message, "the file is empty: it holds no framework");
	diag_release(&dl);
}

struct error_case {
	const char *name;
	const char *text;
	unsigned line, col;
	size_t errors; /* how many errors the file gives in all */
	const char *message;
};

static const struct error_case error_cases[] = {
	/* At the end of the file: placed after the last character. */
	{ "syntax", HEAD "criteria: [\n", 8, 12, 1,
	  "YAML syntax error: did not find expected node content (while parsing a flow node at line 8)" },
	{ "syntax-indent", "format: 1\n id: x\n", 2, 4, 1,
	  "YAML syntax error: mapping values are not allowed in this context" },
	{ "anchor", HEAD "description: &d {nl: a, en: b}\n" CRIT Q1, 8, 14, 1,
	  "anchor &d is not allowed: write the value out in full" },
	{ "alias", "format: 1\nid: &x test\nversion: *x\n", 2, 5, 2,
	  "anchor &x is not allowed: write the value out in full" },
	{ "alias-use", "x: &a [1]\ny: *a\n", 2, 4, 2,
	  "alias *a is not allowed: write the value out in full" },
	{ "tag", HEAD "description: !!str x\n", 8, 14, 1,
	  "tag !!str is not allowed: the format decides the type of each value" },
	{ "local-tag", "format: !int 1\n", 1, 9, 1,
	  "tag !int is not allowed: the format decides the type of each value" },
	{ "directive", "%YAML 1.1\n---\nformat: 1\n", 1, 1, 1,
	  "directives (%YAML, %TAG) are not allowed" },
	{ "two-documents", HEAD CRIT Q1 "---\nformat: 1\n", 20, 1, 1,
	  "a second document: a file holds exactly one framework" },
	{ "duplicate-key", HEAD "id: again\n" CRIT Q1, 8, 1, 1,
	  "duplicate key \"id\" (first given at line 2)" },
	{ "unknown-key", HEAD "titel: {nl: x}\n" CRIT Q1, 8, 1, 1,
	  "unknown key \"titel\" in the framework (did you mean \"title\"?)" },
	{ "unknown-key-far", HEAD "colour: red\n" CRIT Q1, 8, 1, 1,
	  "unknown key \"colour\" in the framework" },
	{ "missing-key", "format: 1\nid: x\nversion: '1'\ntitle: {nl: a, en: b}\n"
	  "applies_to: [oktt]\nlegal_basis: [x]\n" CRIT Q1, 1, 1, 1,
	  "the framework lacks the required key \"valid_from\"" },
	{ "wrong-type-list", HEAD "criteria: none\n", 8, 11, 1,
	  "expected a list of criteria, got a text value" },
	{ "wrong-type-map", HEAD CRIT "      - just a question\n", 14, 9, 1,
	  "expected a question (a mapping of keys), got a text value" },
	{ "wrong-type-scalar", "format: 1\nid: [a, b]\n", 2, 5, 7,
	  "expected an id, got a list" },
	{ "empty-list", HEAD "criteria: []\n", 8, 11, 1,
	  "expected a list of criteria, got an empty list" },
	{ "bool-yes", HEAD CRIT Q1 "        required: yes\n", 20, 19, 1,
	  "expected true or false, got \"yes\" (write true)" },
	{ "bool-off", HEAD CRIT Q1 "        required: Off\n", 20, 19, 1,
	  "expected true or false, got \"Off\" (write false)" },
	{ "bool-True", HEAD CRIT Q1 "        required: True\n", 20, 19, 1,
	  "expected true or false, got \"True\" (write true)" },
	{ "bool-quoted", HEAD CRIT Q1 "        required: \"true\"\n", 20, 19, 1,
	  "expected true or false without quotes, got \"true\"" },
	{ "bool-other", HEAD CRIT Q1 "        required: 1\n", 20, 19, 1,
	  "expected true or false, got \"1\"" },
	{ "format-newer", "format: 2\n", 1, 9, 8,
	  "format 2 is newer than this toets understands (up to 1): update toets to read this file" },
	{ "format-text", "format: one\n", 1, 9, 8,
	  "expected a format number such as 1, got \"one\"" },
	{ "format-quoted", "format: \"1\"\n", 1, 9, 8,
	  "expected a format number such as 1 without quotes, got \"1\"" },
	{ "format-octal", "format: 01\n", 1, 9, 8,
	  "expected a format number such as 1, got \"01\"" },
	{ "bad-id", "format: 1\nid: Toets kader\n", 2, 5, 7,
	  "invalid id \"Toets kader\": use 1 to 64 letters, digits, \"-\", \"_\" or \".\", starting with a letter or digit" },
	{ "bad-date", "format: 1\nvalid_from: 2023-02-29\n", 2, 13, 7,
	  "invalid date \"2023-02-29\": expected a real date from 1900 on, as YYYY-MM-DD" },
	{ "date-1899", "format: 1\nvalid_from: 1899-12-31\n", 2, 13, 7,
	  "invalid date \"1899-12-31\": expected a real date from 1900 on, as YYYY-MM-DD" },
	{ "unknown-category", "format: 1\napplies_to: [oktt, bank]\n", 2, 20, 7,
	  "unknown category \"bank\"; expected oktt, csirt, cert or isp" },
	{ "category-twice", "format: 1\napplies_to: [cert, cert]\n", 2, 20, 7,
	  "category \"cert\" is listed twice" },
	{ "unknown-enum", HEAD CRIT Q1 "        evidence: requird\n", 20, 19, 1,
	  "unknown evidence \"requird\"; expected none, optional or required (did you mean \"required\"?)" },
	{ "text-scalar", "format: 1\ntitle: Toets\n", 2, 8, 7,
	  "\"title\" needs a Dutch and an English text: write nl: ... and en: ... on their own lines below it" },
	{ "text-no-nl", "format: 1\ntitle: {en: Test}\n", 2, 8, 7,
	  "\"title\" has no Dutch text (nl)" },
	{ "text-unknown-lang", "format: 1\ntitle: {nl: a, en: b, de: c}\n", 2, 23, 7,
	  "unknown key \"de\" in a text (nl, en)" },
	{ "choices-missing", HEAD CRIT
	  "      - {id: q1, text: {nl: a, en: b}, type: choice}\n", 14, 9, 1,
	  "a choice question needs \"choices\"" },
	{ "choices-on-text", HEAD CRIT
	  "      - id: q1\n        text: {nl: a, en: b}\n        type: text\n"
	  "        choices: [{id: a, label: {nl: a, en: a}, effect: pass}]\n", 17, 18, 1,
	  "a text question has no choices; use type choice or multi" },
	{ "choice-twice", HEAD CRIT Q1 "          - {id: ja, label: {nl: J, en: Y}, effect: pass}\n", 20, 18, 1,
	  "choice id \"ja\" is used twice in this question" },
	{ "question-twice", HEAD CRIT Q1 Q1, 20, 9, 1,
	  "question id \"q1\" is used twice (first at line 14)" },
	{ "criterion-twice", HEAD CRIT Q1
	  "  - id: c1\n    title: {nl: b, en: b}\n    legal_basis: [x]\n    mandatory: false\n"
	  "    questions: [{id: q2, text: {nl: a, en: b}, type: text}]\n", 20, 5, 1,
	  "criterion id \"c1\" is used twice (first at line 9)" },
	{ "condition-unknown", HEAD CRIT Q1
	  "      - {id: q2, text: {nl: a, en: b}, type: text, show_if: {question: q9, any_of: [ja]}}\n",
	  20, 72, 1, "the condition refers to question \"q9\", which does not exist" },
	{ "condition-later", HEAD CRIT
	  "      - {id: q0, text: {nl: a, en: b}, type: text, show_if: {question: q1, any_of: [ja]}}\n" Q1,
	  14, 72, 1, "the condition refers to question \"q1\", which comes later (line 15); a condition may only look back" },
	{ "condition-self", HEAD CRIT
	  "      - id: q1\n        text: {nl: a, en: b}\n        type: choice\n"
	  "        choices: [{id: ja, label: {nl: a, en: a}, effect: pass}]\n"
	  "        show_if: {question: q1, none_of: [ja]}\n", 18, 29, 1,
	  "the condition refers to its own question \"q1\"" },
	{ "condition-choice", HEAD CRIT Q1
	  "      - {id: q2, text: {nl: a, en: b}, type: text, show_if: {question: q1, any_of: [ja, misschien]}}\n",
	  20, 89, 1, "question \"q1\" has no choice \"misschien\"" },
	{ "condition-type", HEAD CRIT
	  "      - {id: q0, text: {nl: a, en: b}, type: number}\n"
	  "      - {id: q1, text: {nl: a, en: b}, type: text, show_if: {question: q0, any_of: [x]}}\n",
	  15, 72, 1, "the condition refers to question \"q0\" of type number; it needs a choice or multi question" },
	{ "condition-choice-twice", HEAD CRIT Q1
	  "      - {id: q2, text: {nl: a, en: b}, type: text, show_if: {question: q1, any_of: [ja, nee, ja]}}\n",
	  20, 94, 1, "choice \"ja\" is listed twice" },
	/* The condition's target has a wrong type: that alone is reported. */
	{ "condition-untyped", HEAD CRIT
	  "      - {id: q0, text: {nl: a, en: b}, type: nummer}\n"
	  "      - {id: q1, text: {nl: a, en: b}, type: text, show_if: {question: q0, any_of: [x]}}\n",
	  14, 46, 1, "unknown type \"nummer\"; expected choice, multi, text, date or number (did you mean \"number\"?)" },
	{ "condition-both", HEAD CRIT Q1
	  "      - {id: q2, text: {nl: a, en: b}, type: text, show_if: {question: q1, any_of: [ja], none_of: [nee]}}\n",
	  20, 99, 1, "a condition takes either any_of or none_of, not both" },
	{ "condition-neither", HEAD CRIT Q1
	  "      - {id: q2, text: {nl: a, en: b}, type: text, show_if: {question: q1}}\n",
	  20, 61, 1, "a condition needs any_of or none_of" },
	{ "complex-key", "? [a]\n: b\n", 1, 3, 1, "a key must be a plain name, not a list" },
	/* Two refused keys are not duplicates of each other. */
	{ "complex-keys", "{[a]: 1, [b]: 2}\n", 1, 2, 2, "a key must be a plain name, not a list" },
	{ "control-escape", "x: \"a\\eb\"\n", 1, 4, 1,
	  "value holds the control character U+001B: only tabs and line breaks are allowed" },
	{ "control-c1", "x: 1\ny: [\"\\x9B\"]\n", 2, 5, 1,
	  "value holds the control character U+009B: only tabs and line breaks are allowed" },
	{ "control-raw", "a: 1\nb: 2\nc: x\x01y\n", 3, 5, 1,
	  "YAML syntax error: control characters are not allowed (U+0001)" },
	{ "non-character", "a: 1\nb: \xEF\xBF\xBE\n", 2, 4, 1,
	  "YAML syntax error: control characters are not allowed (U+FFFE)" },
	{ "lone-cr", "a: 1\rb: 2\n", 1, 5, 1,
	  "a carriage return (CR) without a line feed: use a normal line break" },
	{ "nel", "a: 1\nb: x\xC2\x85y\n", 2, 5, 1,
	  "line break U+0085 is not allowed: use a normal line break" },
	{ "line-separator", "a: 1\r\nb: x\xE2\x80\xA8y\n", 2, 5, 1,
	  "line break U+2028 is not allowed: use a normal line break" },
	{ "paragraph-separator", "a: \xE2\x80\xA9\n", 1, 4, 1,
	  "line break U+2029 is not allowed: use a normal line break" },
	{ "unclosed-quote", "a: \"abc\n", 1, 8, 1,
	  "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar at line 1)" },
	{ "unclosed-list", "a: [b, c\n\n\n", 1, 9, 1,
	  "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 1)" },
	{ "invalid-utf8", "format: 1\ntitle: {nl: \"caf\xC3\x28\"}\n", 2, 17, 1,
	  "invalid UTF-8: byte 0xC3 cannot appear here" },
	{ "overlong-utf8", "x: \xC0\xAF\n", 1, 4, 1, "invalid UTF-8: byte 0xC0 cannot appear here" },
	{ "nul", "x: \"a\\0b\"\n", 1, 4, 1, "value holds a NUL character" },
	{ "not-a-mapping", "- a\n- b\n", 1, 1, 1,
	  "expected the framework (a mapping of keys), got a list" },
	{ "empty", "# only a comment\n", 0, 0, 1, "the file is empty: it holds no framework" },
	{ "empty-document", "---\n", 0, 0, 1, "the file is empty: it holds no framework" },
	{ "empty-document-end", "# x\n---\n...\n", 0, 0, 1, "the file is empty: it holds no framework" },
};

static void test_error_cases(void **state)
{
	(void)state;
	int failures = 0;
	for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
		const struct error_case *c = &error_cases[i];
		struct kader *k;
		struct diag_list dl;
		enum toets_status st = load(c->text, &k, &dl);
		if (st != TOETS_ERR_INVALID || dl.n_errors == 0)
			fail_msg("case %s: loaded without error", c->name);
		/* The error may come with others (a missing key, say): they are
		 * counted, so that no case gives follow-up errors unnoticed. */
		const struct diag *d = find_diag(&dl, c->message);
		if (!d || d->severity != DIAG_ERROR || d->line != c->line || d->col != c->col ||
		    dl.n_errors != c->errors) {
			struct strbuf sb = STRBUF_INIT;
			diag_format_all(&dl, &sb);
			print_error("case %s:\n  want %u:%u: %s (%zu errors)\n  got %zu errors:\n%s",
				    c->name, c->line, c->col, c->message, c->errors, dl.n_errors,
				    strbuf_str(&sb));
			strbuf_release(&sb);
			failures++;
		}
		assert_null(k);
		diag_release(&dl);
	}
	assert_int_equal(failures, 0);
}

static void test_missing_english_is_a_warning(void **state)
{
	(void)state;
	const char *text = HEAD "description: {nl: Alleen Nederlands}\n" CRIT Q1;
	struct kader *k;
	struct diag_list dl;
	assert_int_equal(load(text, &k, &dl), TOETS_OK);
	assert_int_equal(dl.n_errors, 0);
	assert_int_equal(dl.n_warnings, 1);
	assert_int_equal(dl.items[0].line, 8);
	assert_int_equal(dl.items[0].col, 14);
	assert_string_equal(dl.items[0].message, "\"description\" has no English text (en)");
	/* Missing English falls back to Dutch. */
	assert_string_equal(kader_text(&k->description, KADER_EN), "Alleen Nederlands");
	struct strbuf sb = STRBUF_INIT;
	diag_format(&dl, &dl.items[0], &sb);
	assert_string_equal(strbuf_str(&sb),
			    "t.yaml:8:14: warning: \"description\" has no English text (en)\n"
			    " 8 | description: {nl: Alleen Nederlands}\n"
			    "   |              ^\n");
	strbuf_release(&sb);
	kader_free(&k);
	diag_release(&dl);
}

/* All errors of a file are reported, in file order, up to the cap. */
static void test_reports_all_errors(void **state)
{
	(void)state;
	const char *text = "format: 9\nid: 'a b'\nversion: []\ntitle: x\nfoo: 1\n";
	struct kader *k;
	struct diag_list dl;
	assert_int_equal(load(text, &k, &dl), TOETS_ERR_INVALID);
	assert_int_equal(dl.n_errors, 9); /* 5 above and 4 missing keys */
	assert_int_equal(dl.items[0].line, 1);
	assert_int_equal(dl.items[1].line, 1);
	assert_int_equal(dl.items[5].line, 2);
	assert_int_equal(dl.items[8].line, 5);
	diag_release(&dl);

	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "format: 1\n");
	for (int i = 0; i < 80; i++)
		strbuf_addf(&sb, "bad%d: x\n", i);
	assert_int_equal(load(strbuf_str(&sb), &k, &dl), TOETS_ERR_INVALID);
	assert_int_equal(dl.n_errors, DIAG_MAX_ERRORS);
	assert_true(dl.stopped);
	strbuf_reset(&sb);
	diag_format_all(&dl, &sb);
	const char *tail = "t.yaml: too many errors; stopped after 50\n";
	assert_string_equal(strbuf_str(&sb) + sb.len - strlen(tail), tail);
	strbuf_release(&sb);
	diag_release(&dl);
}

static void test_load_file_errors(void **state)
{
	(void)state;
	struct kader *k;
	struct diag_list dl;
	diag_init(&dl, "/nonexistent/x.yaml");
	assert_int_equal(kader_load_file("/nonexistent/x.yaml", &k, &dl), TOETS_ERR_NOT_FOUND);
	assert_string_equal(dl.items[0].message, "cannot open: No such file or directory");
	diag_release(&dl);
	diag_init(&dl, "/");
	assert_int_equal(kader_load_file("/", &k, &dl), TOETS_ERR_IO);
	assert_string_equal(dl.items[0].message, "is a directory, not a framework file");
	diag_release(&dl);
}

/* The shipped frameworks load without errors or warnings. */
static void test_shipped_frameworks(void **state)
{
	(void)state;
	const char *names[] = { "oktt", "cert", "csirt", "isp" };
	for (size_t i = 0; i < 4; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/forms/%s.yaml", TOETS_SRCDIR, names[i]);
		struct kader *k;
		struct diag_list dl;
		diag_init(&dl, path);
		enum toets_status st = kader_load_file(path, &k, &dl);
		if (st != TOETS_OK || dl.n) {
			struct strbuf sb = STRBUF_INIT;
			diag_format_all(&dl, &sb);
			fail_msg("%s:\n%s", path, strbuf_str(&sb));
		}
		assert_string_equal(k->id, names[i]);
		assert_true(k->n_criteria >= 5);
		/* Every criterion cites a legal basis. */
		for (size_t c = 0; c < k->n_criteria; c++)
			assert_true(k->criteria[c].legal.n > 0);
		kader_free(&k);
		diag_release(&dl);
	}
}

/* Inputs that once crashed the fuzzer must now load or fail cleanly. */
static void test_fuzz_crashers(void **state)
{
	(void)state;
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/tests/fuzz/crashers", TOETS_SRCDIR);
	DIR *d = opendir(dir);
	if (!d)
		return; /* none recorded */
	for (struct dirent *de; (de = readdir(d));) {
		if (de->d_name[0] == '.')
			continue;
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		struct kader *k;
		struct diag_list dl;
		diag_init(&dl, path);
		enum toets_status st = kader_load_file(path, &k, &dl);
		assert_true(st == TOETS_OK || dl.n_errors > 0);
		kader_free(&k);
		diag_release(&dl);
	}
	closedir(d);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_valid),
		cmocka_unit_test(test_no_type_guessing),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_sha256_of_exact_bytes),
		cmocka_unit_test(test_error_cases),
		cmocka_unit_test(test_missing_english_is_a_warning),
		cmocka_unit_test(test_reports_all_errors),
		cmocka_unit_test(test_load_file_errors),
		cmocka_unit_test(test_shipped_frameworks),
		cmocka_unit_test(test_fuzz_crashers),
	};
	return cmocka_run_group_tests_name("kader", tests, NULL, NULL);
}
