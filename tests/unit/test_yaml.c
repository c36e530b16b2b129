/* test_yaml.c - the strict reader: the tree it builds, and hostile input
 * refused early (the number of parser events consumed shows how early). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "toets/yaml.h"

struct parsed {
	struct arena *arena;
	struct diag_list dl;
	struct yaml_doc doc;
	bool ok;
};

static void parse(struct parsed *p, const char *buf, size_t len)
{
	p->arena = arena_new();
	diag_init(&p->dl, "t.yaml");
	p->ok = yaml_parse(buf, len, p->arena, &p->dl, &p->doc);
	diag_set_source(&p->dl, NULL, 0);
}

static void done(struct parsed *p)
{
	diag_release(&p->dl);
	arena_free(&p->arena);
}

static void test_tree_and_positions(void **state)
{
	(void)state;
	const char *text = "a: 1\nb:\n  - x\n  - 'y z'\nc: {d: ë}\n";
	struct parsed p;
	parse(&p, text, strlen(text));
	assert_true(p.ok);
	assert_int_equal(p.dl.n, 0);
	const struct ynode *root = p.doc.root;
	assert_int_equal(root->kind, YNODE_MAPPING);
	assert_int_equal(root->u.map.n, 3);
	const struct ynode *b = ynode_get(root, "b");
	assert_int_equal(b->kind, YNODE_SEQUENCE);
	assert_int_equal(b->u.seq.n, 2);
	assert_int_equal(b->line, 3);
	assert_int_equal(b->col, 3);
	assert_string_equal(b->u.seq.items[1]->u.scalar.text, "y z");
	assert_false(b->u.seq.items[1]->u.scalar.plain);
	assert_true(b->u.seq.items[0]->u.scalar.plain);
	const struct ynode *d = ynode_get(ynode_get(root, "c"), "d");
	assert_string_equal(d->u.scalar.text, "ë");
	assert_int_equal(d->line, 5);
	assert_int_equal(d->col, 8);
	assert_null(ynode_get(root, "e"));
	done(&p);
}

/* Columns count characters, so a caret lands right after "ë". */
static void test_columns_count_characters(void **state)
{
	(void)state;
	const char *text = "ëëë: [\n";
	struct parsed p;
	parse(&p, text, strlen(text));
	assert_false(p.ok);
	/* At the end of the file: placed after the "[" (7, not 10 bytes). */
	assert_int_equal(p.dl.items[0].line, 1);
	assert_int_equal(p.dl.items[0].col, 7);
	struct strbuf sb = STRBUF_INIT;
	const char *t2 = "é: x\nü: &a y\n";
	struct parsed q;
	parse(&q, t2, strlen(t2));
	assert_int_equal(q.dl.items[0].line, 2);
	assert_int_equal(q.dl.items[0].col, 4);
	diag_format(&q.dl, &q.dl.items[0], &sb);
	assert_string_equal(strbuf_str(&sb),
			    "t.yaml:2:4: anchor &a is not allowed: write the value out in full\n"
			    " 2 | ü: &a y\n"
			    "   |    ^\n");
	strbuf_release(&sb);
	done(&q);
	done(&p);
}

/* Billion laughs: refused at the first anchor, nothing is expanded. */
static void test_billion_laughs(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (char c = 'b'; c <= 'i'; c++)
		strbuf_addf(&sb, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n", c, c, c - 1, c - 1,
			    c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
	struct parsed p;
	parse(&p, sb.data, sb.len);
	assert_int_equal(p.dl.items[0].line, 1);
	assert_int_equal(p.dl.items[0].col, 4);
	assert_string_equal(p.dl.items[0].message, "anchor &a is not allowed: write the value out in full");
	/* Events are read once each: about 100 for this file, never 10^9. */
	assert_true(p.doc.events < 200);
	assert_true(p.dl.n_errors > 1);
	strbuf_release(&sb);
	done(&p);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	size_t n = 100000;
	char *buf = malloc(n);
	memset(buf, '[', n);
	struct parsed p;
	parse(&p, buf, n);
	assert_false(p.ok);
	assert_int_equal(p.dl.n_errors, 1);
	assert_string_equal(p.dl.items[0].message, "nesting deeper than 64 levels");
	assert_int_equal(p.dl.items[0].line, 1);
	assert_int_equal(p.dl.items[0].col, 65);
	assert_true(p.doc.events < 70);
	free(buf);
	done(&p);
}

static void test_file_too_large(void **state)
{
	(void)state;
	size_t n = 2 * 1024 * 1024;
	char *buf = malloc(n);
	memcpy(buf, "x: ", 3);
	memset(buf + 3, 'a', n - 3);
	struct parsed p;
	parse(&p, buf, n);
	assert_false(p.ok);
	assert_int_equal(p.doc.events, 0);
	assert_string_equal(p.dl.items[0].message, "file is larger than 1 MiB (2097152 bytes)");
	assert_int_equal(p.dl.items[0].line, 0);
	free(buf);
	done(&p);
}

static void test_long_scalar(void **state)
{
	(void)state;
	size_t n = 100 * 1024;
	char *buf = malloc(n + 16);
	strcpy(buf, "a: 1\nx: ");
	memset(buf + 8, 'a', n);
	strcpy(buf + 8 + n, "\n");
	struct parsed p;
	parse(&p, buf, strlen(buf));
	assert_true(p.ok); /* the rest of the file can still be checked */
	assert_int_equal(p.dl.n_errors, 1);
	assert_string_equal(p.dl.items[0].message, "value is longer than 64 KiB (102400 bytes)");
	assert_int_equal(p.dl.items[0].line, 2);
	assert_int_equal(p.dl.items[0].col, 4);
	assert_int_equal(ynode_get(p.doc.root, "x")->kind, YNODE_INVALID);
	free(buf);
	done(&p);
}

/* 200,000 keys: refused at the node limit, and duplicates are found by
 * sorting, not by comparing every pair. */
static void test_many_keys(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "{");
	for (int i = 0; i < 200000; i++)
		strbuf_addf(&sb, "%x: 0,", i);
	strbuf_adds(&sb, "}");
	assert_true(sb.len < 2 * 1024 * 1024);
	struct parsed p;
	/* Under the size limit by construction: the node limit must act. */
	char *half = sb.data;
	size_t len = sb.len > YAML_MAX_FILE ? YAML_MAX_FILE - 1 : sb.len;
	half[len - 1] = '}';
	parse(&p, half, len);
	assert_false(p.ok);
	assert_string_equal(p.dl.items[0].message, "more than 100000 values: too large for a framework");
	assert_true(p.doc.events <= YAML_MAX_NODES + 10);
	done(&p);

	/* 40,000 keys in one mapping, all the same: every duplicate named. */
	strbuf_reset(&sb);
	for (int i = 0; i < 40000; i++)
		strbuf_adds(&sb, "k: 1\n");
	parse(&p, sb.data, sb.len);
	assert_false(p.ok); /* reading stops at the error cap */
	assert_int_equal(p.dl.n_errors, DIAG_MAX_ERRORS);
	assert_string_equal(p.dl.items[0].message, "duplicate key \"k\" (first given at line 1)");
	assert_int_equal(p.dl.items[0].line, 2);
	done(&p);
	strbuf_release(&sb);
}

static void test_multiple_documents(void **state)
{
	(void)state;
	const char *text = "a: 1\n---\nb: 2\n";
	struct parsed p;
	parse(&p, text, strlen(text));
	assert_false(p.ok);
	assert_int_equal(p.dl.items[0].line, 2);
	assert_string_equal(p.dl.items[0].message, "a second document: a file holds exactly one framework");
	done(&p);
	/* One document with explicit markers is fine. */
	const char *one = "---\na: 1\n...\n";
	parse(&p, one, strlen(one));
	assert_true(p.ok);
	assert_int_equal(p.dl.n, 0);
	done(&p);
}

static void test_utf16_refused(void **state)
{
	(void)state;
	const char text[] = "\xFF\xFE" "a\0:\0 \0" "1\0";
	struct parsed p;
	parse(&p, text, sizeof(text) - 1);
	assert_false(p.ok);
	assert_string_equal(p.dl.items[0].message, "invalid UTF-8: byte 0xFF cannot appear here");
	done(&p);
}

static void test_tabs_and_control_characters(void **state)
{
	(void)state;
	/* A control character written raw: libyaml's reader refuses it, the
	 * error is placed on it (not at 1:1), and the source line shown does
	 * not carry it to the terminal. */
	const char text[] = "a: 1\nb: 2\nc: \"x\x1b[31my\"\n";
	struct parsed p;
	parse(&p, text, sizeof(text) - 1);
	assert_false(p.ok);
	assert_int_equal(p.dl.n_errors, 1);
	assert_string_equal(p.dl.items[0].message,
			    "YAML syntax error: control characters are not allowed (U+001B)");
	assert_int_equal(p.dl.items[0].line, 3);
	assert_int_equal(p.dl.items[0].col, 6);
	assert_null(strchr(p.dl.items[0].source_line, '\x1b'));
	done(&p);

	/* A NUL byte in the file, after a multi-byte character. */
	const char nul[] = "a: 1\nb: \xC3\xAB\0\n";
	parse(&p, nul, sizeof(nul) - 1);
	assert_false(p.ok);
	assert_int_equal(p.dl.items[0].line, 2);
	assert_int_equal(p.dl.items[0].col, 5);
	done(&p);

	/* Written as an escape, it passes the reader; the value is refused. */
	const char esc[] = "a: 1\nb: [x, \"\\e]0;title\\a\"]\n";
	parse(&p, esc, sizeof(esc) - 1);
	assert_true(p.ok);
	assert_int_equal(p.dl.n_errors, 1);
	assert_string_equal(p.dl.items[0].message,
			    "value holds the control character U+001B: only tabs and line breaks are allowed");
	assert_int_equal(p.dl.items[0].line, 2);
	assert_int_equal(p.dl.items[0].col, 8);
	done(&p);

	/* Tabs and line breaks in values are fine. */
	const char fine[] = "a: \"x\\ty\\nz\"\nb: |\n  een\n  twee\n";
	parse(&p, fine, sizeof(fine) - 1);
	assert_true(p.ok);
	assert_int_equal(p.dl.n, 0);
	assert_string_equal(ynode_get(p.doc.root, "a")->u.scalar.text, "x\ty\nz");
	done(&p);
}

/* Line breaks that YAML counts and editors do not: refused where they are;
 * CR LF is fine. */
static void test_odd_line_breaks(void **state)
{
	(void)state;
	struct parsed p;
	const char crlf[] = "a: 1\r\nb: 2\r\n";
	parse(&p, crlf, sizeof(crlf) - 1);
	assert_true(p.ok);
	assert_int_equal(p.dl.n, 0);
	done(&p);
	const char cr[] = "a: 1\r\nb: 2\rc: 3\r\n";
	parse(&p, cr, sizeof(cr) - 1);
	assert_false(p.ok);
	assert_int_equal(p.dl.items[0].line, 2);
	assert_int_equal(p.dl.items[0].col, 5);
	assert_string_equal(p.dl.items[0].message,
			    "a carriage return (CR) without a line feed: use a normal line break");
	done(&p);
	const char ls[] = "a: 1\n# \xC3\xA9\xE2\x80\xA8" "b: 2\n";
	parse(&p, ls, sizeof(ls) - 1);
	assert_false(p.ok);
	assert_int_equal(p.dl.items[0].line, 2);
	assert_int_equal(p.dl.items[0].col, 4);
	assert_string_equal(p.dl.items[0].message,
			    "line break U+2028 is not allowed: use a normal line break");
	done(&p);
}

/* An empty document is an empty file, not "an empty value" on a line
 * past the end. */
static void test_empty_document(void **state)
{
	(void)state;
	const char *texts[] = { "---\n", "", "\n\n", "--- # x\n...\n", "\xEF\xBB\xBF" };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct parsed p;
		parse(&p, texts[i], strlen(texts[i]));
		assert_false(p.ok);
		assert_int_equal(p.dl.n_errors, 1);
		assert_string_equal(p.dl.items[0].message, "the file is empty: it holds no framework");
		assert_int_equal(p.dl.items[0].line, 0);
		done(&p);
	}
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_and_positions),
		cmocka_unit_test(test_columns_count_characters),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_file_too_large),
		cmocka_unit_test(test_long_scalar),
		cmocka_unit_test(test_many_keys),
		cmocka_unit_test(test_multiple_documents),
		cmocka_unit_test(test_utf16_refused),
		cmocka_unit_test(test_tabs_and_control_characters),
		cmocka_unit_test(test_odd_line_breaks),
		cmocka_unit_test(test_empty_document),
	};
	return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
