/* diag.c - collecting and formatting diagnostics. */
#include "toets/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/i18n.h"
#include "toets/utf8.h"

void diag_init(struct diag_list *dl, const char *file)
{
	memset(dl, 0, sizeof(*dl));
	dl->file = xstrdup(file);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void diag_set_source(struct diag_list *dl, const char *src, size_t len)
{
	dl->src = src;
	dl->src_len = len;
	dl->last_line = dl->last_col = 0;
	if (!src)
		return;
	size_t end = len;
	while (end > 0 && is_blank(src[end - 1]))
		end--;
	if (end == 0)
		return;
	unsigned line = 1;
	const char *line_start = src;
	for (const char *p = src; (p = memchr(p, '\n', (size_t)(src + end - p))); p++) {
		line++;
		line_start = p + 1;
	}
	unsigned col = 1;
	for (size_t i = (size_t)(line_start - src); i < end;) {
		uint32_t cp;
		size_t n = utf8_decode(src + i, end - i, &cp);
		i += n ? n : 1;
		col++;
	}
	dl->last_line = line;
	dl->last_col = col;
}

/* Finds line `line` (1-based) in the source; CR before LF is not part of it. */
static bool source_line(const struct diag_list *dl, unsigned line, const char **start, size_t *len)
{
	if (!dl->src || line == 0)
		return false;
	const char *p = dl->src, *end = dl->src + dl->src_len;
	for (unsigned l = 1; l < line; l++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			return false;
		p++;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *e = nl ? nl : end;
	if (e > p && e[-1] == '\r')
		e--;
	*start = p;
	*len = (size_t)(e - p);
	return true;
}

/* A long line is shown from EXCERPT_BEFORE characters before the column,
 * and up to EXCERPT_WIDTH columns in all. */
enum { EXCERPT_FROM = 60, EXCERPT_BEFORE = 40, EXCERPT_WIDTH = 120 };

static void capture_source(const struct diag_list *dl, struct diag *d)
{
	const char *s;
	size_t len;
	if (!source_line(dl, d->line, &s, &len))
		return;
	/* Very long lines (minified files) are cut around the column. */
	size_t first = d->col > EXCERPT_FROM ? d->col - EXCERPT_BEFORE : 1;
	struct strbuf sb = STRBUF_INIT;
	size_t caret = 0, width = 0, chars = 0;
	if (first > 1) {
		strbuf_adds(&sb, "...");
		caret = width = 3;
	}
	for (size_t i = 0; i < len;) {
		chars++;
		if (chars < first && (unsigned char)s[i] < 0x80) {
			i++; /* the fast way through a long line up to the excerpt */
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			n = 1, cp = 0xFFFD;
		if (chars >= first) {
			size_t w = (size_t)utf8_cp_width(cp);
			if (width + w > EXCERPT_WIDTH) {
				strbuf_adds(&sb, "...");
				break;
			}
			if (chars < d->col)
				caret += w;
			width += w;
			utf8_sanitize(&sb, s + i, n);
		}
		i += n;
	}
	d->source_line = strbuf_detach(&sb);
	d->caret = caret;
}

static void add(struct diag_list *dl, enum diag_severity sev, unsigned line, unsigned col,
		const char *fmt, va_list ap)
{
	if (sev == DIAG_ERROR) {
		if (dl->n_errors >= DIAG_MAX_ERRORS)
			return; /* the caller should have stopped: see diag_full() */
		if (++dl->n_errors == DIAG_MAX_ERRORS)
			dl->stopped = true;
	} else {
		if (dl->n_warnings >= DIAG_MAX_ERRORS)
			return;
		dl->n_warnings++;
	}
	dl->items = xgrow(dl->items, &dl->cap, dl->n + 1, sizeof(*dl->items));
	struct diag *d = &dl->items[dl->n++];
	memset(d, 0, sizeof(*d));
	d->severity = sev;
	if (line && dl->last_line &&
	    (line > dl->last_line || (line == dl->last_line && col > dl->last_col)))
		line = dl->last_line, col = dl->last_col;
	d->line = line;
	d->col = line ? (col ? col : 1) : 0;
	struct strbuf sb = STRBUF_INIT;
	strbuf_vaddf(&sb, fmt, ap);
	d->message = strbuf_detach(&sb);
	capture_source(dl, d);
}

void diag_error(struct diag_list *dl, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(dl, DIAG_ERROR, line, col, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag_list *dl, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(dl, DIAG_WARNING, line, col, fmt, ap);
	va_end(ap);
}

bool diag_full(const struct diag_list *dl)
{
	return dl->n_errors >= DIAG_MAX_ERRORS;
}

void diag_sort(struct diag_list *dl)
{
	/* Insertion sort: stable, and lists are short and nearly in order. */
	for (size_t i = 1; i < dl->n; i++) {
		struct diag d = dl->items[i];
		size_t j = i;
		while (j > 0 && (dl->items[j - 1].line > d.line ||
				 (dl->items[j - 1].line == d.line && dl->items[j - 1].col > d.col))) {
			dl->items[j] = dl->items[j - 1];
			j--;
		}
		dl->items[j] = d;
	}
}

void diag_format(const struct diag_list *dl, const struct diag *d, struct strbuf *out)
{
	struct strbuf file = STRBUF_INIT;
	utf8_sanitize(&file, dl->file, strlen(dl->file));
	if (d->line)
		strbuf_addf(out, "%s:%u:%u: ", strbuf_str(&file), d->line, d->col);
	else
		strbuf_addf(out, "%s: ", strbuf_str(&file));
	strbuf_release(&file);
	if (d->severity == DIAG_WARNING)
		strbuf_addf(out, "%s: ", _("warning"));
	strbuf_addf(out, "%s\n", d->message);
	if (d->source_line) {
		int w = snprintf(NULL, 0, "%u", d->line);
		strbuf_addf(out, " %u | %s\n", d->line, d->source_line);
		strbuf_addf(out, " %*s | %*s^\n", w, "", (int)d->caret, "");
	}
}

void diag_format_all(const struct diag_list *dl, struct strbuf *out)
{
	for (size_t i = 0; i < dl->n; i++)
		diag_format(dl, &dl->items[i], out);
	if (dl->stopped) {
		struct strbuf file = STRBUF_INIT;
		utf8_sanitize(&file, dl->file, strlen(dl->file));
		strbuf_addf(out, _("%s: too many errors; stopped after %d\n"), strbuf_str(&file),
			    DIAG_MAX_ERRORS);
		strbuf_release(&file);
	}
}

void diag_release(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->items[i].message);
		free(dl->items[i].source_line);
	}
	free(dl->items);
	free(dl->file);
	memset(dl, 0, sizeof(*dl));
}
