/* render.h - a letter or summary, given as a filled CommonMark tree
 * (libcmark), on paper: as plain text and as an A4 PDF (cairo + pango,
 * fonts embedded, margins, pagination, a footer on every page).
 *
 * The tree is rendered as it is: every text node is shown literally, so a
 * value the letter module put into a text node can never become markup.
 * Node types: document, heading (1-3), paragraph, text, softbreak,
 * linebreak, emph, strong, code, code_block (monospace, lines kept, for
 * tables such as the register), list (bullet and ordered), item,
 * block_quote, thematic_break, and a custom block whose on_enter is
 * RENDER_PAGE_BREAK (a new page in the PDF, a form feed line in text).
 * Other node types (html, links, images) are rendered by their text. */
#ifndef TOETS_RENDER_H
#define TOETS_RENDER_H

#include <cmark.h>
#include <time.h>

#include "toets/status.h"
#include "toets/xalloc.h"

#define RENDER_PAGE_BREAK "pagebreak"
#define RENDER_TEXT_WIDTH 72 /* columns of the plain text */

/* What is printed around the body. Letters are Dutch, so are the labels:
 * the footer reads "Kenmerk 2026-0007 · pagina 1 van 2 · audit <hash>". */
struct render_meta {
	const char *title;      /* the PDF's title; may be NULL */
	const char *reference;  /* "2026-0007"; may be NULL */
	const char *audit_hash; /* the audit head when made; may be NULL */
	const char *draft;      /* NULL, or a mark such as "CONCEPT" on every page */
	time_t created;         /* the PDF's creation date: the same letter, the same bytes */
};

/* The document as plain UTF-8 text, wrapped at `width` display columns
 * (RENDER_TEXT_WIDTH when width <= 0), followed by the footer line(s)
 * without page numbers. Headings 1 and 2 are underlined with '=' and '-',
 * lists are "- " and "1. " with a hanging indent, quotes "> ", code blocks
 * are kept line for line without extra indent, a thematic break is a line
 * of '-', a page break a line holding only "\f". Control characters and
 * invalid UTF-8 in the tree become U+FFFD. */
void render_text(cmark_node *doc, const struct render_meta *m, int width, struct strbuf *out);

/* The document as a PDF, appended to out. TOETS_ERR_INTERNAL when cairo
 * or pango fail (no font, out of memory); the message says which, and out
 * is left as it was. A4, 25 mm margins left, right and top, DejaVu Serif
 * for the text, Sans for headings and the footer, Sans Mono for code;
 * every page has the footer "Kenmerk … · pagina i van n · audit …" and,
 * for a draft, the mark in its header. The creation date is m->created
 * (never now), so the same input gives the same bytes. */
enum toets_status render_pdf(cmark_node *doc, const struct render_meta *m, struct strbuf *out,
			     struct toets_error *e);

/* Drops the caches of pango, cairo and fontconfig (the font map, fonts,
 * patterns), so that a program that rendered a PDF ends without leaks for
 * valgrind to report (see tests/valgrind.supp for what pango keeps). Call
 * it at the end of a program, with no cairo or pango object alive and no
 * thread rendering; a later render_pdf() starts the caches anew. */
void render_shutdown(void);

#endif
