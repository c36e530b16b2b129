/* template.c - CommonMark templates with placeholders filled in the tree. */
#include "toets/template.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "toets/i18n.h"
#include "toets/utf8.h"

void template_set(struct template_fields *f, const char *name, const char *text)
{
	f->items = xgrow(f->items, &f->cap, f->n + 1, sizeof(*f->items));
	f->items[f->n++] = (struct template_field){ xstrdup(name), xstrdup(text ? text : ""), NULL };
}

void template_set_block(struct template_fields *f, const char *name, cmark_node *body)
{
	f->items = xgrow(f->items, &f->cap, f->n + 1, sizeof(*f->items));
	f->items[f->n++] = (struct template_field){ xstrdup(name), NULL, body };
}

void template_fields_release(struct template_fields *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->items[i].name);
		free(f->items[i].text);
		if (f->items[i].body)
			cmark_node_free(f->items[i].body);
	}
	free(f->items);
	memset(f, 0, sizeof(*f));
}

static const struct template_field *find(const struct template_fields *f, const char *name, size_t len)
{
	for (size_t i = 0; i < f->n; i++)
		if (strlen(f->items[i].name) == len && memcmp(f->items[i].name, name, len) == 0)
			return &f->items[i];
	return NULL;
}

/* ---- literal text ------------------------------------------------------------ */

/* The text with control characters made visible: U+2400 + c for C0,
 * U+2421 for DEL, U+FFFD for C1 and invalid bytes. Tabs become a space. */
static void visible(struct strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len) {
			strbuf_adds(out, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		if (cp == '\t')
			strbuf_addc(out, ' ');
		else if (cp < 0x20)
			strbuf_addf(out, "\xE2\x90%c", (char)(0x80 + cp)); /* U+2400 + cp */
		else if (cp == 0x7f)
			strbuf_adds(out, "\xE2\x90\xA1");
		else if (cp >= 0x80 && cp < 0xa0)
			strbuf_adds(out, "\xEF\xBF\xBD");
		else
			strbuf_add(out, s + i, len);
		i += len;
	}
}

static cmark_node *text_node(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	visible(&sb, s, n);
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, strbuf_str(&sb));
	strbuf_release(&sb);
	return t;
}

/* Inserts the value before `at` (or appends to parent when at is NULL):
 * text nodes, with a hard line break for each line break. */
static void insert_value(cmark_node *parent, cmark_node *at, const char *text)
{
	const char *p = text;
	for (;;) {
		size_t len = strcspn(p, "\n");
		size_t shown = len && p[len - 1] == '\r' ? len - 1 : len;
		if (shown) {
			cmark_node *t = text_node(p, shown);
			if (at)
				cmark_node_insert_before(at, t);
			else
				cmark_node_append_child(parent, t);
		}
		if (!p[len])
			break;
		cmark_node *br = cmark_node_new(CMARK_NODE_LINEBREAK);
		if (at)
			cmark_node_insert_before(at, br);
		else
			cmark_node_append_child(parent, br);
		p += len + 1;
	}
}

void template_add_text(cmark_node *inline_parent, const char *text)
{
	insert_value(inline_parent, NULL, text ? text : "");
}

cmark_node *template_add_paragraph(cmark_node *parent, const char *text)
{
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node_append_child(parent, p);
	if (text)
		template_add_text(p, text);
	return p;
}

cmark_node *template_add_heading(cmark_node *parent, int level, const char *text)
{
	cmark_node *h = cmark_node_new(CMARK_NODE_HEADING);
	cmark_node_set_heading_level(h, level);
	cmark_node_append_child(parent, h);
	template_add_text(h, text);
	return h;
}

cmark_node *template_add_list(cmark_node *parent, bool ordered)
{
	cmark_node *l = cmark_node_new(CMARK_NODE_LIST);
	cmark_node_set_list_type(l, ordered ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST);
	if (ordered)
		cmark_node_set_list_start(l, 1);
	cmark_node_set_list_tight(l, false);
	cmark_node_append_child(parent, l);
	return l;
}

cmark_node *template_add_item(cmark_node *list, const char *strong, const char *text)
{
	cmark_node *item = cmark_node_new(CMARK_NODE_ITEM);
	cmark_node_append_child(list, item);
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node_append_child(item, p);
	if (strong) {
		cmark_node *b = cmark_node_new(CMARK_NODE_STRONG);
		cmark_node_append_child(p, b);
		template_add_text(b, strong);
		if (text)
			template_add_text(p, " ");
	}
	if (text)
		template_add_text(p, text);
	return item;
}

/* ---- filling ----------------------------------------------------------------- */

/* Column of byte `off` in a text node's literal: its start column plus the
 * characters before. (Backslash escapes in the source shift this a little;
 * the line is always right.) */
static unsigned column_of(cmark_node *n, const char *lit, size_t off)
{
	unsigned col = (unsigned)cmark_node_get_start_column(n);
	for (size_t i = 0; i < off; i++)
		col += ((unsigned char)lit[i] & 0xc0) != 0x80;
	return col;
}

/* The block field a paragraph stands for, when it holds nothing but one
 * {{name}} of a block field. */
static const struct template_field *block_of(cmark_node *para, const struct template_fields *f)
{
	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *t = cmark_node_first_child(para);
	if (!t || cmark_node_next(t) || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return NULL;
	const char *lit = cmark_node_get_literal(t);
	size_t len = strlen(lit);
	while (len && lit[len - 1] == ' ')
		len--;
	if (len < 5 || strncmp(lit, "{{", 2) != 0 || strncmp(lit + len - 2, "}}", 2) != 0)
		return NULL;
	const struct template_field *field = find(f, lit + 2, len - 4);
	return field && field->body ? field : NULL;
}

/* Replaces the placeholders of one text node, reporting the bad ones. The
 * node itself is kept for the text after the last one. */
static void fill_text(cmark_node *t, const struct template_fields *f, struct diag_list *dl)
{
	char *lit = xstrdup(cmark_node_get_literal(t));
	const char *p = lit;
	unsigned line = (unsigned)cmark_node_get_start_line(t);
	struct strbuf rest = STRBUF_INIT;
	for (;;) {
		const char *open = strstr(p, "{{");
		if (!open) {
			strbuf_adds(&rest, p);
			break;
		}
		const char *close = strstr(open + 2, "}}");
		if (!close) {
			diag_error(dl, line, column_of(t, lit, (size_t)(open - lit)),
				   _("'{{' without '}}': a placeholder is written {{name}}"));
			strbuf_adds(&rest, p);
			break;
		}
		/* Text before it, as it was. */
		if (open > p)
			cmark_node_insert_before(t, text_node(p, (size_t)(open - p)));
		const char *name = open + 2;
		size_t len = (size_t)(close - name);
		const struct template_field *field = find(f, name, len);
		unsigned col = column_of(t, lit, (size_t)(open - lit));
		if (!field)
			diag_error(dl, line, col, _("unknown placeholder {{%.*s}}"), (int)len, name);
		else if (!field->text)
			diag_error(dl, line, col, _("{{%.*s}} is a block: it must stand alone in its paragraph"),
				   (int)len, name);
		else
			insert_value(NULL, t, field->text);
		p = close + 2;
	}
	if (rest.len)
		cmark_node_set_literal(t, strbuf_str(&rest));
	else
		cmark_node_free(t);
	strbuf_release(&rest);
	free(lit);
}

static cmark_node *clone(cmark_node *n)
{
	cmark_node *c = cmark_node_new(cmark_node_get_type(n));
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		cmark_node_set_literal(c, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_HEADING:
		cmark_node_set_heading_level(c, cmark_node_get_heading_level(n));
		break;
	case CMARK_NODE_LIST:
		cmark_node_set_list_type(c, cmark_node_get_list_type(n));
		cmark_node_set_list_delim(c, cmark_node_get_list_delim(n));
		cmark_node_set_list_start(c, cmark_node_get_list_start(n));
		cmark_node_set_list_tight(c, cmark_node_get_list_tight(n));
		break;
	case CMARK_NODE_CUSTOM_BLOCK:
	case CMARK_NODE_CUSTOM_INLINE:
		cmark_node_set_on_enter(c, cmark_node_get_on_enter(n));
		cmark_node_set_on_exit(c, cmark_node_get_on_exit(n));
		break;
	default:
		break;
	}
	if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK)
		cmark_node_set_fence_info(c, cmark_node_get_fence_info(n));
	for (cmark_node *k = cmark_node_first_child(n); k; k = cmark_node_next(k))
		cmark_node_append_child(c, clone(k));
	return c;
}

static void fill_blocks(cmark_node *doc, const struct template_fields *f)
{
	/* Collect first: replacing nodes while iterating would confuse the iterator. */
	cmark_node **paras = NULL;
	const struct template_field **fields = NULL;
	size_t n = 0, cap = 0, cap2 = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH)
			continue;
		const struct template_field *field = block_of(node, f);
		if (!field)
			continue;
		paras = xgrow(paras, &cap, n + 1, sizeof(*paras));
		fields = xgrow(fields, &cap2, n + 1, sizeof(*fields));
		paras[n] = node;
		fields[n++] = field;
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		/* A copy of the blocks, node by node (the same field may be used
		 * twice); never through CommonMark text, which could be reread
		 * differently. */
		for (cmark_node *c = cmark_node_first_child(fields[i]->body); c; c = cmark_node_next(c))
			cmark_node_insert_before(paras[i], clone(c));
		cmark_node_free(paras[i]);
	}
	free(paras);
	free(fields);
}

static void fill_inline(cmark_node *doc, const struct template_fields *f, struct diag_list *dl)
{
	cmark_node **texts = NULL;
	size_t n = 0, cap = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_TEXT &&
		    strstr(cmark_node_get_literal(node), "{{") && !block_of(cmark_node_parent(node), f)) {
			texts = xgrow(texts, &cap, n + 1, sizeof(*texts));
			texts[n++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++)
		fill_text(texts[i], f, dl);
	free(texts);
}

enum toets_status template_fill(const char *src, size_t len, const struct template_fields *f,
				cmark_node **out, struct diag_list *dl)
{
	*out = NULL;
	diag_set_source(dl, src, len);
	if (len > TEMPLATE_MAX_SIZE) {
		diag_error(dl, 0, 0, _("the template is larger than %d KiB"), TEMPLATE_MAX_SIZE / 1024);
		return TOETS_ERR_INVALID;
	}
	size_t bad = utf8_invalid_offset(src, len);
	if (bad < len) {
		unsigned line = 1, col = 1;
		for (size_t i = 0; i < bad; i++) {
			if (src[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)src[i] & 0xc0) != 0x80) {
				col++;
			}
		}
		diag_error(dl, line, col, _("invalid UTF-8"));
		return TOETS_ERR_INVALID;
	}
	cmark_node *doc = cmark_parse_document(src, len, CMARK_OPT_DEFAULT);
	cmark_consolidate_text_nodes(doc);
	/* Inline values first, then the blocks: a value's own text is never
	 * searched for placeholders. */
	fill_inline(doc, f, dl);
	if (dl->n_errors) {
		cmark_node_free(doc);
		return TOETS_ERR_INVALID;
	}
	fill_blocks(doc, f);
	*out = doc;
	return TOETS_OK;
}
