/* draw.c - text on the screen, measured in columns with wcwidth and cut on
 * character boundaries, so Dutch (ë, ï, é, Ĳ) and wide text stay aligned. */
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "toets/utf8.h"

int ui_width(const char *text)
{
	return (int)utf8_width(text, strlen(text));
}

void ui_fill(int y, int x, int width)
{
	for (int i = 0; i < width && x + i < COLS; i++)
		mvaddch(y, x + i, ' ');
}

/* Puts one code point; control characters become U+FFFD. */
static void put_cp(int y, int x, uint32_t cp)
{
	wchar_t w[2] = { (wchar_t)cp, L'\0' };
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		w[0] = 0xFFFD;
	cchar_t cc;
	attr_t attr;
	short pair;
	attr_get(&attr, &pair, NULL);
	setcchar(&cc, w, attr, pair, NULL);
	mvadd_wch(y, x, &cc);
}

int ui_text(int y, int x, int width, const char *text, bool pad)
{
	if (y < 0 || y >= LINES || x >= COLS || width <= 0)
		return 0;
	if (x + width > COLS)
		width = COLS - x;
	int used = 0;
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		/* Plain ASCII goes out in runs: most of what is drawn is. */
		size_t run = 0;
		while (i + run < len && used + (int)run < width && (unsigned char)text[i + run] >= 0x20 &&
		       (unsigned char)text[i + run] < 0x7f)
			run++;
		if (run) {
			mvaddnstr(y, x + used, text + i, (int)run);
			used += (int)run;
			i += run;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (!n)
			n = 1, cp = 0xFFFD;
		if (cp == '\n' || cp == '\t')
			cp = ' ';
		int w = utf8_cp_width(cp);
		if (used + w > width)
			break;
		if (w == 0 && used > 0) {
			/* A combining mark joins the character before it. */
			cchar_t prev;
			if (mvin_wch(y, x + used - 1, &prev) == OK) {
				wchar_t wc[CCHARW_MAX + 1];
				attr_t a;
				short p;
				getcchar(&prev, wc, &a, &p, NULL);
				size_t k = wcslen(wc);
				if (k < CCHARW_MAX) {
					wc[k] = (wchar_t)cp;
					wc[k + 1] = L'\0';
					setcchar(&prev, wc, a, p, NULL);
					mvadd_wch(y, x + used - 1, &prev);
				}
			}
		} else if (w > 0) {
			put_cp(y, x + used, cp);
			used += w;
		}
		i += n;
	}
	if (pad && used < width) {
		ui_fill(y, x + used, width - used);
		used = width;
	}
	return used;
}

/* Splits text into lines of at most `width` columns at spaces; calls fn
 * for each line (a pointer into a scratch buffer). */
static int wrap_lines(int width, const char *text, void (*fn)(const char *line, void *ctx), void *ctx)
{
	struct strbuf out = STRBUF_INIT;
	if (width < 1)
		width = 1;
	int lines = 0;
	/* Paragraphs keep their line breaks; each is wrapped on its own. */
	const char *p = text;
	do {
		const char *nl = strchr(p, '\n');
		size_t plen = nl ? (size_t)(nl - p) : strlen(p);
		char *para = xstrndup(p, plen);
		strbuf_reset(&out);
		/* A line that fits keeps its spacing (tables, aligned help). */
		if (plen && ui_width(para) <= width) {
			strbuf_adds(&out, para);
			strbuf_addc(&out, '\n');
		} else if (plen) {
			utf8_wrap(&out, para, (size_t)width, "", "");
		} else {
			strbuf_addc(&out, '\n');
		}
		free(para);
		for (const char *l = strbuf_str(&out); *l;) {
			const char *e = strchr(l, '\n');
			size_t n = e ? (size_t)(e - l) : strlen(l);
			char *line = xstrndup(l, n);
			if (fn)
				fn(line, ctx);
			free(line);
			lines++;
			l += n + (e != NULL);
		}
		p = nl ? nl + 1 : NULL;
	} while (p);
	strbuf_release(&out);
	return lines;
}

struct wrap_ctx {
	int y, bottom, x, width, skip;
};

static void put_line(const char *line, void *ctx)
{
	struct wrap_ctx *c = ctx;
	if (c->skip > 0) {
		c->skip--;
		return;
	}
	if (c->y < c->bottom)
		ui_text(c->y, c->x, c->width, line, false);
	c->y++;
}

int ui_wrap(int y, int bottom, int x, int width, const char *text, int skip)
{
	struct wrap_ctx c = { y, bottom, x, width, skip };
	wrap_lines(width, text, put_line, &c);
	return c.y < bottom ? c.y : bottom;
}

int ui_wrap_height(int width, const char *text)
{
	return wrap_lines(width, text, NULL, NULL);
}
