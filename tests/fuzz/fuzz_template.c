/* fuzz_template.c - libFuzzer target for letter templates (CommonMark with
 * placeholders, a user's own files): filled with values that hold
 * markup and placeholders themselves, then rendered as text, and the
 * diagnostics formatted. `make fuzz` runs it. */
#include <stddef.h>
#include <stdint.h>

#include "toets/render.h"
#include "toets/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct template_fields f = { 0 };
	template_set(&f, "kenmerk", "2026-0001 {{kenmerk}} *x*");
	template_set(&f, "organisatie", "Coöperatie Ĳsselland\n# kop\x01");
	cmark_node *body = cmark_node_new(CMARK_NODE_DOCUMENT);
	cmark_node *list = template_add_list(body, true);
	template_add_paragraph(template_add_item(list, "Taak", "— voldoet."), "{{organisatie}} `x`");
	template_set_block(&f, "motivering", body);
	struct diag_list dl;
	diag_init(&dl, "template");
	cmark_node *doc = NULL;
	if (template_fill((const char *)data, size, &f, &doc, &dl) == TOETS_OK) {
		struct render_meta m = { .reference = "2026-0001" };
		struct strbuf text = STRBUF_INIT;
		render_text(doc, &m, 72, &text);
		strbuf_release(&text);
		cmark_node_free(doc);
	}
	struct strbuf sb = STRBUF_INIT;
	diag_format_all(&dl, &sb);
	strbuf_release(&sb);
	diag_set_source(&dl, NULL, 0);
	diag_release(&dl);
	template_fields_release(&f);
	return 0;
}
