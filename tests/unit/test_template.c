/* test_template.c - placeholders filled in the parsed tree: values stay
 * literal whatever they hold, block placeholders replace their paragraph,
 * and every template error has its line and column. The filled tree is
 * checked as the plain text the renderer makes of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "toets/render.h"
#include "toets/template.h"

/* Fills src and returns the body text (the footer cut off). */
static char *fill(const char *src, const struct template_fields *f)
{
	struct diag_list dl;
	diag_init(&dl, "t.md");
	cmark_node *doc;
	assert_int_equal(template_fill(src, strlen(src), f, &doc, &dl), TOETS_OK);
	assert_int_equal(dl.n, 0);
	diag_release(&dl);
	struct render_meta m = { 0 };
	struct strbuf out = STRBUF_INIT;
	render_text(doc, &m, 72, &out);
	cmark_node_free(doc);
	return strbuf_detach(&out);
}

/* The diagnostics of a template that does not fill, formatted. */
static char *errors(const char *src, const struct template_fields *f)
{
	struct diag_list dl;
	diag_init(&dl, "t.md");
	cmark_node *doc = NULL;
	assert_int_equal(template_fill(src, strlen(src), f, &doc, &dl), TOETS_ERR_INVALID);
	assert_null(doc);
	struct strbuf out = STRBUF_INIT;
	diag_format_all(&dl, &out);
	diag_release(&dl);
	return strbuf_detach(&out);
}

static void test_values_are_literal(void **state)
{
	(void)state;
	struct template_fields f = { 0 };
	template_set(&f, "naam", "*geen nadruk* {{kenmerk}} \\ `code` <b>x</b> [l](http://x) $(rm -rf /)");
	template_set(&f, "kenmerk", "2026-0001");
	template_set(&f, "adres", "Straat 1\n# geen kop\n- geen lijst");
	template_set(&f, "stuur", "a\x01" "b\x1b[31m" "c\x7f" "d\te");
	char *text = fill("Aan {{naam}}, kenmerk {{kenmerk}}.\\\n{{adres}}\n\nDit: {{stuur}}\n", &f);
	assert_string_equal(text, "Aan *geen nadruk* {{kenmerk}} \\ `code` <b>x</b> [l](http://x) $(rm -rf\n"
				  "/), kenmerk 2026-0001.\n"
				  "Straat 1\n"
				  "# geen kop\n"
				  "- geen lijst\n"
				  "\n"
				  "Dit: a\xe2\x90\x81" "b\xe2\x90\x9b[31mc\xe2\x90\xa1" "d e\n");
	free(text);
	template_fields_release(&f);
}

static void test_blocks(void **state)
{
	(void)state;
	struct template_fields f = { 0 };
	cmark_node *body = cmark_node_new(CMARK_NODE_DOCUMENT);
	cmark_node *list = template_add_list(body, true);
	cmark_node *item = template_add_item(list, "Taak", "— voldoet.");
	template_add_paragraph(item, "Statuten art. 2 {{kenmerk}} *x*");
	template_set_block(&f, "motivering", body);
	template_set(&f, "kenmerk", "K");
	/* The same block twice; a placeholder in a heading; one at the end. */
	char *text = fill("# Brief {{kenmerk}}\n\n{{motivering}}\n\nEn nog eens:\n\n{{motivering}}\n", &f);
	assert_string_equal(text, "Brief K\n"
				  "=======\n"
				  "\n"
				  "1. Taak — voldoet.\n"
				  "\n"
				  "   Statuten art. 2 {{kenmerk}} *x*\n"
				  "\n"
				  "En nog eens:\n"
				  "\n"
				  "1. Taak — voldoet.\n"
				  "\n"
				  "   Statuten art. 2 {{kenmerk}} *x*\n");
	free(text);
	template_fields_release(&f);
}

static void test_errors_with_positions(void **state)
{
	(void)state;
	struct template_fields f = { 0 };
	template_set(&f, "naam", "N");
	template_set_block(&f, "motivering", cmark_node_new(CMARK_NODE_DOCUMENT));
	char *text = errors("# Kop\n"
			    "\n"
			    "Beste {{naaam}},\n"
			    "zie {{motivering}} hier.\n"
			    "\n"
			    "- punt {{naam\n",
			    &f);
	assert_string_equal(text, "t.md:3:7: unknown placeholder {{naaam}}\n"
				  " 3 | Beste {{naaam}},\n"
				  "   |       ^\n"
				  "t.md:4:5: {{motivering}} is a block: it must stand alone in its paragraph\n"
				  " 4 | zie {{motivering}} hier.\n"
				  "   |     ^\n"
				  "t.md:6:8: '{{' without '}}': a placeholder is written {{name}}\n"
				  " 6 | - punt {{naam\n"
				  "   |        ^\n");
	free(text);
	text = errors("Goed\n\nfout \xc3\x28 hier\n", &f);
	assert_string_equal(text, "t.md:3:6: invalid UTF-8\n"
				  " 3 | fout \xef\xbf\xbd( hier\n"
				  "   |      ^\n");
	free(text);
	template_fields_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_are_literal),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_errors_with_positions),
	};
	return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}
