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

/* The document as plain UTF-8 text, wrapped at `width` display columns,
 * followed by the footer line(s) without page numbers. */
void render_text(cmark_node *doc, const struct render_meta *m, int width, struct strbuf *out);

/* The document as a PDF, appended to out. TOETS_ERR_INTERNAL when cairo
 * or pango fail (no font, out of memory); the message says which. */
enum toets_status render_pdf(cmark_node *doc, const struct render_meta *m, struct strbuf *out,
			     struct toets_error *e);

#endif
