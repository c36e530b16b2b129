/* template.h - letter templates: CommonMark read with libcmark, and
 * {{placeholders}} filled in the parsed tree, never in the source text.
 *
 * A placeholder inside a paragraph, heading or list item is replaced by a
 * text node holding the value (line breaks in the value become hard line
 * breaks), so no value can add markup or change the letter's structure:
 * "*", "#", "{{x}}" or a backslash in a value stay those characters. A
 * paragraph that holds nothing but a block placeholder ({{motivering}})
 * is replaced by the blocks built for it. Control characters in values
 * are shown as their Unicode control pictures (U+2400 block). */
#ifndef TOETS_TEMPLATE_H
#define TOETS_TEMPLATE_H

#include <cmark.h>
#include <stdbool.h>
#include <stddef.h>

#include "toets/diag.h"
#include "toets/status.h"
#include "toets/xalloc.h"

#define TEMPLATE_MAX_SIZE (256 * 1024)

struct template_field {
	char *name;
	char *text;       /* an inline value; NULL for a block field */
	cmark_node *body; /* a block field: a document node whose children replace the paragraph */
};

struct template_fields {
	struct template_field *items;
	size_t n, cap;
};

/* Sets an inline value (copied; NULL is the empty text). */
void template_set(struct template_fields *f, const char *name, const char *text);
/* Sets a block value; f owns body from now on. */
void template_set_block(struct template_fields *f, const char *name, cmark_node *body);
void template_fields_release(struct template_fields *f);

/* Parses the template and fills it. Every problem is reported in dl at
 * its line and column: invalid UTF-8, a {{ without }}, an unknown name, a
 * block placeholder that does not stand alone in its paragraph. On success
 * *out is the filled document (the caller frees it with cmark_node_free). */
enum toets_status template_fill(const char *src, size_t len, const struct template_fields *f,
				cmark_node **out, struct diag_list *dl);

/* Building blocks for block values: each appends to parent and returns
 * the new node. Text goes into text nodes, so it is literal. */
cmark_node *template_add_paragraph(cmark_node *parent, const char *text);
cmark_node *template_add_heading(cmark_node *parent, int level, const char *text);
cmark_node *template_add_list(cmark_node *parent, bool ordered);
/* An item with a paragraph: `strong` in bold (may be NULL), then text. */
cmark_node *template_add_item(cmark_node *list, const char *strong, const char *text);
/* Appends text to an inline container (paragraph, heading, emph...). */
void template_add_text(cmark_node *inline_parent, const char *text);

#endif
