/* render.c - a filled CommonMark tree on paper: plain text (wrapped by
 * display width) and an A4 PDF (cairo + pango, fonts embedded).
 *
 * Both walk the tree themselves; nothing is ever turned into markup. The
 * inline content of a paragraph or heading is collected into one string
 * plus a list of byte ranges (emphasis, strong, code); the text renderer
 * drops the ranges, the PDF renderer turns them into a PangoAttrList.
 *
 * The PDF is made in two passes: first every block becomes a PangoLayout
 * and every line of it is placed on a page (so the page count is known),
 * then the pages are drawn, each with its footer. */
#include "toets/render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "toets/i18n.h"
#include "toets/utf8.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* ---- shared: cleaning and collecting text ----------------------------------- */

static int is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* Appends s with invalid UTF-8 and control characters (C0, DEL, C1)
 * replaced by U+FFFD: a value that reached a text node can neither drive a
 * terminal nor upset pango. With keep_lines, '\n' and '\t' stay (code
 * blocks); otherwise they become a space, as white space in a paragraph. */
static void add_clean(struct strbuf *out, const char *s, size_t n, int keep_lines)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len) {
			strbuf_adds(out, REPLACEMENT);
			i++;
		} else if (cp == '\n' || cp == '\t') {
			strbuf_addc(out, keep_lines ? (char)cp : ' ');
			i++;
		} else if (is_control(cp)) {
			strbuf_adds(out, REPLACEMENT);
			i += len;
		} else {
			strbuf_add(out, s + i, len);
			i += len;
		}
	}
}

static void add_literal(struct strbuf *out, cmark_node *n, int keep_lines)
{
	const char *s = cmark_node_get_literal(n);
	if (s)
		add_clean(out, s, strlen(s), keep_lines);
}

/* A one-line value of the metadata (reference, hash, mark, title). */
static char *clean_value(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	if (s)
		add_clean(&sb, s, strlen(s), 0);
	return strbuf_detach(&sb);
}

enum span_kind { SPAN_EMPH, SPAN_STRONG, SPAN_CODE };

struct span {
	size_t start, end; /* bytes of the collected text */
	enum span_kind kind;
};

struct spans {
	struct span *v;
	size_t n, cap;
};

static void span_add(struct spans *sp, size_t start, size_t end, enum span_kind kind)
{
	if (!sp || end <= start)
		return;
	sp->v = xgrow(sp->v, &sp->cap, sp->n + 1, sizeof(*sp->v));
	sp->v[sp->n++] = (struct span){ start, end, kind };
}

/* The inline children of a paragraph or heading as one string: text, code
 * and inline html literally, a soft break as a space, a hard break as '\n'
 * (text nodes never contribute one: theirs became spaces), links, images
 * and custom inlines by their text. */
static void collect_inlines(cmark_node *parent, struct strbuf *out, struct spans *sp)
{
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		size_t start = out->len;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			add_literal(out, c, 0);
			break;
		case CMARK_NODE_CODE:
			add_literal(out, c, 0);
			span_add(sp, start, out->len, SPAN_CODE);
			break;
		case CMARK_NODE_SOFTBREAK:
			strbuf_addc(out, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			strbuf_addc(out, '\n');
			break;
		case CMARK_NODE_EMPH:
			collect_inlines(c, out, sp);
			span_add(sp, start, out->len, SPAN_EMPH);
			break;
		case CMARK_NODE_STRONG:
			collect_inlines(c, out, sp);
			span_add(sp, start, out->len, SPAN_STRONG);
			break;
		default:
			collect_inlines(c, out, sp);
			break;
		}
	}
}

/* A code or html block: its lines, without the last newline. */
static void collect_verbatim(cmark_node *n, struct strbuf *out)
{
	add_literal(out, n, 1);
	if (out->len && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
}

static int is_page_break(cmark_node *n)
{
	const char *on_enter = cmark_node_get_on_enter(n);
	return cmark_node_get_type(n) == CMARK_NODE_CUSTOM_BLOCK && on_enter &&
	       strcmp(on_enter, RENDER_PAGE_BREAK) == 0;
}

/* ---- plain text ----------------------------------------------------------- */

/* Where a block's lines go: the prefix of its first line (a list marker, a
 * quote's "> ") and of the others. Once a line used `first`, the block's
 * container (and the containers around it) continue with `rest`. */
struct tctx {
	const char *first, *rest;
	int first_used;
	int tight; /* in a tight list: no blank line between its blocks */
	struct tctx *up;
};

struct tstate {
	struct strbuf *out;
	size_t width;
	int need_sep; /* something was written: the next block wants a blank line */
};

static void t_add_trimmed(struct strbuf *out, const char *prefix)
{
	size_t n = strlen(prefix);
	while (n && prefix[n - 1] == ' ')
		n--;
	strbuf_add(out, prefix, n);
}

static void t_line(struct tstate *st, struct tctx *c, const char *s, size_t n)
{
	const char *prefix = c->first_used ? c->rest : c->first;
	if (n)
		strbuf_adds(st->out, prefix);
	else
		t_add_trimmed(st->out, prefix); /* no trailing blanks on an empty line */
	strbuf_add(st->out, s, n);
	strbuf_addc(st->out, '\n');
	for (struct tctx *u = c; u; u = u->up)
		u->first_used = 1;
}

/* The blank line between two blocks (with the quote marks around them). */
static void t_sep(struct tstate *st, struct tctx *c)
{
	if (st->need_sep && !c->tight) {
		t_add_trimmed(st->out, c->rest);
		strbuf_addc(st->out, '\n');
	}
	st->need_sep = 0;
}

static size_t t_room(const struct tstate *st, const struct tctx *c)
{
	const char *first = c->first_used ? c->rest : c->first;
	size_t w = utf8_width(c->rest, strlen(c->rest)), wf = utf8_width(first, strlen(first));
	if (wf > w)
		w = wf;
	return st->width > w ? st->width - w : 0; /* utf8_wrap keeps 10 at least */
}

/* Wraps text (which has no '\n') at `room` columns and writes its lines;
 * returns the widest line's width. */
static size_t t_wrapped(struct tstate *st, struct tctx *c, const char *text, size_t room)
{
	struct strbuf w = STRBUF_INIT;
	size_t widest = 0;
	utf8_wrap(&w, text, room, "", "");
	const char *p = strbuf_str(&w);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t cols = utf8_width(p, n);
		if (cols > widest)
			widest = cols;
		t_line(st, c, p, n);
		p += n + (nl ? 1 : 0);
	}
	strbuf_release(&w);
	return widest;
}

/* A paragraph or heading: each piece between hard breaks wrapped. */
static size_t t_inline_block(struct tstate *st, struct tctx *c, cmark_node *n)
{
	struct strbuf text = STRBUF_INIT;
	size_t widest = 0, room = t_room(st, c);
	collect_inlines(n, &text, NULL);
	char *s = strbuf_detach(&text), *p = s;
	for (;;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		size_t w = t_wrapped(st, c, p, room);
		if (w > widest)
			widest = w;
		if (!nl)
			break;
		p = nl + 1;
	}
	free(s);
	return widest;
}

static void t_blocks(struct tstate *st, struct tctx *c, cmark_node *parent);

static void t_list(struct tstate *st, struct tctx *c, cmark_node *list)
{
	int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	int num = cmark_node_get_list_start(list);
	const char *delim = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ")" : ".";
	size_t indent = utf8_width(c->rest, strlen(c->rest));
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		char *marker = ordered ? xasprintf("%d%s ", num++, delim) : xstrdup("- ");
		/* Deeply nested lists stop indenting before the text runs out of room. */
		int hang = indent + strlen(marker) + 10 <= st->width ? (int)strlen(marker) : 0;
		struct tctx in = { .tight = cmark_node_get_list_tight(list), .up = c };
		char *first = xasprintf("%s%s", c->first_used ? c->rest : c->first, marker);
		char *rest = xasprintf("%s%*s", c->rest, hang, "");
		in.first = first;
		in.rest = rest;
		t_blocks(st, &in, item);
		if (!in.first_used) /* an empty item: its marker alone */
			t_line(st, &in, "", 0);
		st->need_sep = 1;
		free(first);
		free(rest);
		free(marker);
	}
}

static void t_blocks(struct tstate *st, struct tctx *c, cmark_node *parent)
{
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			t_sep(st, c);
			t_inline_block(st, c, n);
			break;
		case CMARK_NODE_HEADING: {
			t_sep(st, c);
			size_t w = t_inline_block(st, c, n);
			int level = cmark_node_get_heading_level(n);
			if (level <= 2 && w) {
				char *rule = xmalloc(w);
				memset(rule, level == 1 ? '=' : '-', w);
				t_line(st, c, rule, w);
				free(rule);
			}
			break;
		}
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK: {
			/* Kept as they are, line for line, without extra indent: the
			 * register's columns stay where they were put. */
			struct strbuf text = STRBUF_INIT;
			t_sep(st, c);
			collect_verbatim(n, &text);
			const char *p = strbuf_str(&text);
			for (;;) {
				const char *nl = strchr(p, '\n');
				size_t len = nl ? (size_t)(nl - p) : strlen(p);
				t_line(st, c, p, len);
				if (!nl)
					break;
				p = nl + 1;
			}
			strbuf_release(&text);
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK: {
			size_t w = t_room(st, c);
			char *rule = xmalloc(w ? w : 1);
			memset(rule, '-', w);
			t_sep(st, c);
			t_line(st, c, rule, w);
			free(rule);
			break;
		}
		case CMARK_NODE_BLOCK_QUOTE: {
			t_sep(st, c);
			struct tctx q = { .up = c };
			char *first = xasprintf("%s> ", c->first_used ? c->rest : c->first);
			char *rest = xasprintf("%s> ", c->rest);
			q.first = first;
			q.rest = rest;
			t_blocks(st, &q, n);
			free(first);
			free(rest);
			break;
		}
		case CMARK_NODE_LIST:
			t_sep(st, c);
			t_list(st, c, n);
			break;
		case CMARK_NODE_CUSTOM_BLOCK:
			if (!is_page_break(n)) {
				t_blocks(st, c, n); /* its blocks set need_sep themselves */
				continue;
			}
			t_sep(st, c);
			strbuf_adds(st->out, "\f\n");
			break;
		default:
			t_blocks(st, c, n);
			continue;
		}
		st->need_sep = 1;
	}
}

/* "Kenmerk 2026-0007 · audit <hash>", leaving out what is absent; NULL when
 * both are. */
static char *footer_line(const struct render_meta *m, int page, int pages)
{
	struct strbuf sb = STRBUF_INIT;
	const char *sep = "";
	if (m && m->reference && *m->reference) {
		char *ref = clean_value(m->reference);
		strbuf_addf(&sb, "Kenmerk %s", ref);
		free(ref);
		sep = " \xC2\xB7 ";
	}
	if (pages > 0) {
		strbuf_addf(&sb, "%spagina %d van %d", sep, page, pages);
		sep = " \xC2\xB7 ";
	}
	if (m && m->audit_hash && *m->audit_hash) {
		char *hash = clean_value(m->audit_hash);
		strbuf_addf(&sb, "%saudit %s", sep, hash);
		free(hash);
	}
	if (!sb.len)
		return NULL;
	return strbuf_detach(&sb);
}

void render_text(cmark_node *doc, const struct render_meta *m, int width, struct strbuf *out)
{
	struct tstate st = { out, width > 0 ? (size_t)width : RENDER_TEXT_WIDTH, 0 };
	struct tctx top = { .first = "", .rest = "" };
	if (doc)
		t_blocks(&st, &top, doc);
	char *foot = footer_line(m, 0, 0);
	int draft = m && m->draft && *m->draft;
	if (foot || draft) {
		if (st.need_sep)
			strbuf_addc(out, '\n');
		if (foot)
			strbuf_addf(out, "%s\n", foot);
		if (draft) {
			char *mark = clean_value(m->draft);
			strbuf_addf(out, "%s\n", mark);
			free(mark);
		}
	}
	free(foot);
}

/* ---- PDF: geometry and fonts ------------------------------------------------ */

#define MM(x) ((x) * 72.0 / 25.4)
#define PAGE_W MM(210.0) /* A4: 595.276 x 841.89 pt */
#define PAGE_H MM(297.0)
#define MARGIN_X MM(25.0)
#define MARGIN_TOP MM(25.0)
#define BODY_BOTTOM (PAGE_H - MM(30.0)) /* nothing of the body below this */
#define FOOTER_RULE (PAGE_H - MM(23.0))
#define FOOTER_TOP (PAGE_H - MM(21.5))
#define HEADER_TOP MM(12.0)
#define TEXT_W (PAGE_W - 2 * MARGIN_X)

#define FONT_BODY "DejaVu Serif 10.5"
#define FONT_MONO_FAMILY "DejaVu Sans Mono"
#define FONT_CODE "DejaVu Sans Mono 8.5" /* 80 columns in 409 pt */
#define FONT_H1 "DejaVu Sans Bold 15"
#define FONT_H2 "DejaVu Sans Bold 12.5"
#define FONT_H3 "DejaVu Sans Bold 10.5"
#define FONT_FOOTER "DejaVu Sans 7"
#define FONT_MARK "DejaVu Sans Bold 16"

#define LINE_SPACING 1.2   /* of the body text, times the font's height */
#define LIST_GUTTER 16.0   /* where the text of a list item starts */
#define QUOTE_INDENT 16.0
#define CODE_PAD 4.0       /* the code block's shading around its text */
#define RULE_HEIGHT 12.0
#define MIN_TEXT_W (TEXT_W * 0.4) /* deeper nesting stops indenting */
#define MAX_BARS 8

enum font_id { F_BODY, F_CODE, F_H1, F_H2, F_H3, F_FOOTER, F_MARK, F_COUNT };

static const char *const font_names[F_COUNT] = {
	FONT_BODY, FONT_CODE, FONT_H1, FONT_H2, FONT_H3, FONT_FOOTER, FONT_MARK,
};

enum block_kind { B_TEXT, B_RULE, B_PAGE_BREAK };

struct line_geom {
	double x, top, bottom, baseline; /* within the layout, pt */
};

struct block {
	enum block_kind kind;
	PangoLayout *layout;  /* B_TEXT */
	PangoLayout *marker;  /* a list item's bullet or number, beside line 0 */
	struct line_geom *lines;
	int nlines;
	double x, width, marker_x;
	double before, after; /* space around it; the larger of two neighbours' wins */
	double pad;           /* above the first and below the last line (code shading) */
	int keep_with_next;   /* a heading is not left alone at the foot of a page */
	int shaded;           /* a code block */
	int nbars;            /* block quotes around it: a bar each */
	double bars[MAX_BARS];
};

/* One line of a block (or a rule) on a page. */
struct placed {
	size_t block;
	int line;
	int page;
	double dy;          /* page y = dy + y within the layout */
	double top, bottom; /* on the page, padding included */
};

/* Where blocks go while the tree is walked. */
struct box {
	double x, width;
	int tight;
	int list_depth;
	int nbars;
	double bars[MAX_BARS];
};

struct pdf {
	PangoContext *pc;
	PangoFontDescription *font[F_COUNT];
	struct block *blocks;
	size_t nblocks, cap;
	PangoLayout *pending_marker; /* of the list item whose first block is next */
	double pending_marker_x;
	struct placed *placed;
	size_t nplaced, placed_cap;
	int pages;
};

static PangoLayout *new_layout(struct pdf *p, enum font_id f, double width)
{
	PangoLayout *l = pango_layout_new(p->pc);
	pango_layout_set_font_description(l, p->font[f]);
	pango_layout_set_auto_dir(l, FALSE); /* a right-to-left value does not flip the paragraph */
	if (width > 0) {
		pango_layout_set_width(l, pango_units_from_double(width));
		/* A word (a URL, a hash, a code line) wider than the line is
		 * broken between characters rather than leaving the margin. */
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	return l;
}

/* Sets the text of l with the spans as attributes; no hyphen is put where
 * pango breaks a word that does not fit. */
static void layout_set(PangoLayout *l, const char *text, size_t len, const struct spans *sp)
{
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	for (size_t i = 0; sp && i < sp->n; i++) {
		PangoAttribute *a[2] = { NULL, NULL };
		switch (sp->v[i].kind) {
		case SPAN_EMPH:
			a[0] = pango_attr_style_new(PANGO_STYLE_ITALIC);
			break;
		case SPAN_STRONG:
			a[0] = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			break;
		case SPAN_CODE:
			a[0] = pango_attr_family_new(FONT_MONO_FAMILY);
			a[1] = pango_attr_scale_new(0.9);
			break;
		}
		for (int k = 0; k < 2 && a[k]; k++) {
			a[k]->start_index = (guint)sp->v[i].start;
			a[k]->end_index = (guint)sp->v[i].end;
			pango_attr_list_insert(attrs, a[k]);
		}
	}
	pango_layout_set_text(l, text, (int)len);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
}

static struct block *add_block(struct pdf *p, enum block_kind kind, const struct box *box)
{
	p->blocks = xgrow(p->blocks, &p->cap, p->nblocks + 1, sizeof(*p->blocks));
	struct block *b = &p->blocks[p->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->x = box->x;
	b->width = box->width;
	b->nbars = box->nbars;
	memcpy(b->bars, box->bars, sizeof(b->bars));
	return b;
}

/* Measures each line of the block's layout. */
static void measure(struct block *b)
{
	b->nlines = pango_layout_get_line_count(b->layout);
	b->lines = xcalloc((size_t)b->nlines, sizeof(*b->lines));
	PangoLayoutIter *it = pango_layout_get_iter(b->layout);
	int i = 0;
	do {
		PangoRectangle logical;
		int y0, y1;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		if (i < b->nlines) {
			b->lines[i].x = pango_units_to_double(logical.x);
			b->lines[i].top = pango_units_to_double(y0);
			b->lines[i].bottom = pango_units_to_double(y1);
			b->lines[i].baseline = pango_units_to_double(pango_layout_iter_get_baseline(it));
		}
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static struct block *add_text_block(struct pdf *p, const struct box *box, enum font_id f, const char *text,
				    size_t len, const struct spans *sp)
{
	struct block *b = add_block(p, B_TEXT, box);
	b->layout = new_layout(p, f, box->width);
	if (f == F_BODY)
		pango_layout_set_line_spacing(b->layout, LINE_SPACING);
	layout_set(b->layout, text, len, sp);
	measure(b);
	if (p->pending_marker) {
		b->marker = p->pending_marker;
		b->marker_x = p->pending_marker_x;
		p->pending_marker = NULL;
	}
	return b;
}

static void p_inline_block(struct pdf *p, const struct box *box, cmark_node *n, enum font_id f, double before,
			   double after)
{
	struct strbuf text = STRBUF_INIT;
	struct spans sp = { NULL, 0, 0 };
	collect_inlines(n, &text, &sp);
	struct block *b = add_text_block(p, box, f, strbuf_str(&text), text.len, &sp);
	b->before = before;
	b->after = after;
	b->keep_with_next = f != F_BODY;
	strbuf_release(&text);
	free(sp.v);
}

/* A pending list marker that found no block of its own item gets a line. */
static void flush_marker(struct pdf *p, const struct box *box)
{
	if (!p->pending_marker)
		return;
	struct block *b = add_text_block(p, box, F_BODY, "", 0, NULL);
	b->before = b->after = box->tight ? 1.5 : 5.0;
}

static void p_blocks(struct pdf *p, const struct box *box, cmark_node *parent);

static void p_list(struct pdf *p, const struct box *box, cmark_node *list)
{
	static const char *const bullets[] = { "\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x97\xA6" }; /* • – ◦ */
	int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	int num = cmark_node_get_list_start(list);
	const char *delim = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ")" : ".";
	struct box in = *box;
	in.tight = cmark_node_get_list_tight(list);
	in.list_depth = box->list_depth + 1;

	/* The gutter takes the widest number of the list. */
	double gutter = LIST_GUTTER;
	if (ordered) {
		int last = num;
		for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it))
			last++;
		char widest[32];
		snprintf(widest, sizeof(widest), "%d%s", last > num ? last - 1 : num, delim);
		PangoLayout *l = new_layout(p, F_BODY, 0);
		pango_layout_set_text(l, widest, -1);
		int w;
		pango_layout_get_size(l, &w, NULL);
		g_object_unref(l);
		double need = pango_units_to_double(w) + 6.0;
		if (need > gutter)
			gutter = need;
	}
	if (box->width - gutter >= MIN_TEXT_W) {
		in.x += gutter;
		in.width -= gutter;
	}
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		char marker[32];
		if (ordered)
			snprintf(marker, sizeof(marker), "%d%s", num++, delim);
		else
			snprintf(marker, sizeof(marker), "%s", bullets[box->list_depth < 2 ? box->list_depth : 2]);
		flush_marker(p, box); /* "- - a": the outer marker on a line of its own */
		p->pending_marker = new_layout(p, F_BODY, 0);
		pango_layout_set_text(p->pending_marker, marker, -1);
		p->pending_marker_x = in.x - gutter > box->x ? in.x - gutter : box->x;
		p_blocks(p, &in, item);
		flush_marker(p, &in);
	}
}

static void p_blocks(struct pdf *p, const struct box *box, cmark_node *parent)
{
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH: {
			double space = box->tight ? 1.5 : 6.0;
			p_inline_block(p, box, n, F_BODY, space, space);
			break;
		}
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(n);
			static const double before[] = { 16.0, 12.0, 9.0 };
			level = level < 1 ? 1 : level > 3 ? 3 : level;
			p_inline_block(p, box, n, (enum font_id)(F_H1 + level - 1), before[level - 1], 4.0);
			break;
		}
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK: {
			struct strbuf text = STRBUF_INIT;
			struct box in = *box;
			in.x += CODE_PAD;
			in.width -= 2 * CODE_PAD;
			collect_verbatim(n, &text);
			struct block *b = add_text_block(p, &in, F_CODE, strbuf_str(&text), text.len, NULL);
			b->before = b->after = 8.0;
			b->pad = CODE_PAD;
			b->shaded = 1;
			strbuf_release(&text);
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK: {
			flush_marker(p, box);
			struct block *b = add_block(p, B_RULE, box);
			b->before = b->after = 4.0;
			break;
		}
		case CMARK_NODE_BLOCK_QUOTE: {
			struct box in = *box;
			if (in.nbars < MAX_BARS && box->width - QUOTE_INDENT >= MIN_TEXT_W) {
				in.bars[in.nbars++] = box->x + 3.0;
				in.x += QUOTE_INDENT;
				in.width -= QUOTE_INDENT;
			}
			p_blocks(p, &in, n);
			break;
		}
		case CMARK_NODE_LIST:
			p_list(p, box, n);
			break;
		case CMARK_NODE_CUSTOM_BLOCK:
			if (is_page_break(n)) {
				flush_marker(p, box);
				add_block(p, B_PAGE_BREAK, box);
			} else {
				p_blocks(p, box, n);
			}
			break;
		default:
			p_blocks(p, box, n);
			break;
		}
	}
}

/* ---- PDF: pagination -------------------------------------------------------- */

static double line_top(const struct block *b, int i)
{
	return b->lines[i].top - (i == 0 ? b->pad : 0);
}

static double line_bottom(const struct block *b, int i)
{
	return b->lines[i].bottom + (i == b->nlines - 1 ? b->pad : 0);
}

static void place(struct pdf *p, size_t block, int line, double dy, double top, double bottom)
{
	p->placed = xgrow(p->placed, &p->placed_cap, p->nplaced + 1, sizeof(*p->placed));
	p->placed[p->nplaced++] = (struct placed){ block, line, p->pages - 1, dy, top, bottom };
}

/* Puts every line on a page. A paragraph is split between lines; its first
 * line alone is not left at the foot of a page, nor its last line alone
 * at the head of the next; a heading goes with the first line after it. */
static void paginate(struct pdf *p)
{
	double y = MARGIN_TOP, prev_after = 0;
	int empty = 1; /* nothing on this page yet */
	p->pages = 1;
	for (size_t bi = 0; bi < p->nblocks; bi++) {
		struct block *b = &p->blocks[bi];
		double gap = empty ? 0 : (prev_after > b->before ? prev_after : b->before);
		if (b->kind == B_PAGE_BREAK) {
			if (!empty) { /* a break at the top of a page makes no empty page */
				p->pages++;
				y = MARGIN_TOP;
				empty = 1;
			}
			prev_after = 0;
			continue;
		}
		if (b->kind == B_RULE) {
			if (!empty && y + gap + RULE_HEIGHT > BODY_BOTTOM) {
				p->pages++;
				y = MARGIN_TOP;
				gap = 0;
			}
			place(p, bi, -1, y + gap, y + gap, y + gap + RULE_HEIGHT);
			y += gap + RULE_HEIGHT;
			empty = 0;
			prev_after = b->after;
			continue;
		}
		if (b->nlines < 1)
			continue;
		if (b->keep_with_next && !empty) {
			double need = gap + line_bottom(b, b->nlines - 1) - line_top(b, 0);
			if (bi + 1 < p->nblocks && p->blocks[bi + 1].kind == B_TEXT) {
				const struct block *nx = &p->blocks[bi + 1];
				need += (b->after > nx->before ? b->after : nx->before) + line_bottom(nx, 0) -
					line_top(nx, 0);
			}
			if (y + need > BODY_BOTTOM) {
				p->pages++;
				y = MARGIN_TOP;
				empty = 1;
				gap = 0;
			}
		}
		double dy = y + gap - line_top(b, 0);
		int i = 0;
		while (i < b->nlines) {
			int fit = i;
			while (fit < b->nlines && dy + line_bottom(b, fit) <= BODY_BOTTOM + 0.01)
				fit++;
			int k = fit - i; /* lines that fit on this page */
			if (fit < b->nlines) {
				if (k == 1 && i == 0 && !empty)
					k = 0; /* no orphan */
				else if (k >= 3 && b->nlines - fit == 1)
					k--; /* no widow */
				if (k == 0 && empty)
					k = 1; /* taller than a page: it has to go somewhere */
			}
			for (int j = i; j < i + k; j++) {
				place(p, bi, j, dy, dy + line_top(b, j), dy + line_bottom(b, j));
			}
			i += k;
			if (k > 0) {
				empty = 0;
				y = dy + line_bottom(b, i - 1);
			}
			if (i < b->nlines) {
				p->pages++;
				empty = 1;
				y = MARGIN_TOP;
				dy = MARGIN_TOP - (i == 0 ? line_top(b, 0) : b->lines[i].top);
			}
		}
		prev_after = b->after;
	}
}

/* ---- PDF: drawing ------------------------------------------------------------ */

static void show_line(cairo_t *cr, PangoLayout *l, int line, double x, double baseline)
{
	PangoLayoutLine *ll = pango_layout_get_line_readonly(l, line);
	if (!ll)
		return;
	cairo_move_to(cr, x, baseline);
	pango_cairo_show_layout_line(cr, ll);
}

static void draw_placed(cairo_t *cr, const struct pdf *p, const struct placed *pl, const struct placed *prev)
{
	const struct block *b = &p->blocks[pl->block];
	const struct block *pb = prev ? &p->blocks[prev->block] : NULL;

	/* A quote's bars run on from the line above when it is in the quote too. */
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	for (int k = 0; k < b->nbars; k++) {
		double top = pl->top;
		if (pb && pb->nbars > k && pb->bars[k] == b->bars[k])
			top = prev->bottom;
		cairo_rectangle(cr, b->bars[k], top, 1.5, pl->bottom - top);
		cairo_fill(cr);
	}
	if (b->kind == B_RULE) {
		double y = (pl->top + pl->bottom) / 2;
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, b->x, y);
		cairo_line_to(cr, b->x + b->width, y);
		cairo_stroke(cr);
		return;
	}
	if (b->shaded) {
		cairo_set_source_rgb(cr, 0.94, 0.94, 0.94);
		cairo_rectangle(cr, b->x - CODE_PAD, pl->top, b->width + 2 * CODE_PAD, pl->bottom - pl->top);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	const struct line_geom *g = &b->lines[pl->line];
	show_line(cr, b->layout, pl->line, b->x + g->x, pl->dy + g->baseline);
	if (pl->line == 0 && b->marker)
		show_line(cr, b->marker, 0, b->marker_x, pl->dy + g->baseline);
}

static void draw_page_furniture(cairo_t *cr, struct pdf *p, const struct render_meta *m, int page)
{
	char *foot = footer_line(m, page, p->pages);
	PangoLayout *l = new_layout(p, F_FOOTER, TEXT_W);
	pango_layout_set_text(l, foot, -1);
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, 0.4);
	cairo_move_to(cr, MARGIN_X, FOOTER_RULE);
	cairo_line_to(cr, PAGE_W - MARGIN_X, FOOTER_RULE);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	cairo_move_to(cr, MARGIN_X, FOOTER_TOP);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	free(foot);

	if (m && m->draft && *m->draft) {
		char *mark = clean_value(m->draft);
		l = new_layout(p, F_MARK, TEXT_W);
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		pango_layout_set_text(l, mark, -1);
		cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
		cairo_move_to(cr, MARGIN_X, HEADER_TOP);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
		free(mark);
	}
}

static cairo_status_t write_strbuf(void *closure, const unsigned char *data, unsigned int len)
{
	strbuf_add(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void pdf_free(struct pdf *p)
{
	for (size_t i = 0; i < p->nblocks; i++) {
		if (p->blocks[i].layout)
			g_object_unref(p->blocks[i].layout);
		if (p->blocks[i].marker)
			g_object_unref(p->blocks[i].marker);
		free(p->blocks[i].lines);
	}
	if (p->pending_marker)
		g_object_unref(p->pending_marker);
	free(p->blocks);
	free(p->placed);
	for (int i = 0; i < F_COUNT; i++)
		if (p->font[i])
			pango_font_description_free(p->font[i]);
	if (p->pc)
		g_object_unref(p->pc);
}

static enum toets_status cairo_failed(struct toets_error *e, const char *what, cairo_status_t st)
{
	return toets_fail(e, TOETS_ERR_INTERNAL, _("cannot make the PDF: %s: %s"), what,
			  cairo_status_to_string(st));
}

/* The font context: 72 units to the inch, so that a size in points is a
 * size in the PDF's units; no hinting and no rounding of glyph positions,
 * which are for screens. */
static enum toets_status pdf_fonts(struct pdf *p, cairo_t *cr, struct toets_error *e)
{
	PangoFontMap *fm = pango_cairo_font_map_get_default();
	p->pc = pango_font_map_create_context(fm);
	pango_cairo_update_context(cr, p->pc);
	pango_cairo_context_set_resolution(p->pc, 72.0);
	pango_context_set_round_glyph_positions(p->pc, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(p->pc, fo);
	cairo_font_options_destroy(fo);
	for (int i = 0; i < F_COUNT; i++) {
		p->font[i] = pango_font_description_from_string(font_names[i]);
		PangoFont *f = pango_font_map_load_font(fm, p->pc, p->font[i]);
		if (!f)
			return toets_fail(e, TOETS_ERR_INTERNAL, _("cannot make the PDF: no font for \"%s\""),
					  font_names[i]);
		g_object_unref(f);
	}
	return TOETS_OK;
}

/* Whether a PDF was made: only then are there caches to drop. */
static bool rendered;

enum toets_status render_pdf(cmark_node *doc, const struct render_meta *m, struct strbuf *out,
			     struct toets_error *e)
{
	struct strbuf pdf = STRBUF_INIT;
	struct pdf p;
	memset(&p, 0, sizeof(p));
	rendered = true;
	enum toets_status st = TOETS_OK;

	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(write_strbuf, &pdf, PAGE_W, PAGE_H);
	cairo_status_t cs = cairo_surface_status(surface);
	if (cs != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surface);
		strbuf_release(&pdf);
		return cairo_failed(e, "cairo_pdf_surface_create_for_stream", cs);
	}
	/* The same letter, the same bytes: the date is the letter's, not now. */
	char date[32] = "";
	time_t created = m ? m->created : 0;
	struct tm tm;
	if (gmtime_r(&created, &tm))
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	char *title = clean_value(m ? m->title : NULL);
	if (*title)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "toets");
	if (*date)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	free(title);

	cairo_t *cr = cairo_create(surface);
	st = pdf_fonts(&p, cr, e);
	if (st == TOETS_OK) {
		struct box box = { .x = MARGIN_X, .width = TEXT_W };
		if (doc)
			p_blocks(&p, &box, doc);
		flush_marker(&p, &box);
		paginate(&p);
		size_t k = 0;
		for (int page = 0; page < p.pages; page++) {
			const struct placed *prev = NULL;
			for (; k < p.nplaced && p.placed[k].page == page; k++) {
				draw_placed(cr, &p, &p.placed[k], prev);
				prev = &p.placed[k];
			}
			draw_page_furniture(cr, &p, m, page + 1);
			cairo_show_page(cr);
		}
		cs = cairo_status(cr);
		if (cs != CAIRO_STATUS_SUCCESS)
			st = cairo_failed(e, "drawing the pages", cs);
	}
	cairo_destroy(cr);
	pdf_free(&p);
	cairo_surface_finish(surface);
	cs = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (st == TOETS_OK && cs != CAIRO_STATUS_SUCCESS)
		st = cairo_failed(e, "writing the PDF", cs);
	if (st == TOETS_OK)
		strbuf_add(out, strbuf_str(&pdf), pdf.len);
	strbuf_release(&pdf);
	return st;
}

void render_shutdown(void)
{
	if (!rendered)
		return;
	rendered = false;
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
