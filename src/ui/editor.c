/* editor.c - the multi-line text editor for notes: one UTF-8 buffer and the
 * byte offset of the cursor; the soft-wrapped layout is computed from them
 * on every draw, so a resize re-wraps without losing text or the cursor.
 * F2 or C-s stores, Escape cancels (asking first when the text changed),
 * and rescue() hands the typed text on when the program ends on a signal. */

#include "ui.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/i18n.h"
#include "toets/utf8.h"

#define EDITOR_MAX_BYTES 100000 /* what the store takes for a note */

/* One line on the screen: bytes [start, end) of the text. `last` when it
 * ends its line of text (at a newline or the end): only then may the cursor
 * stand at `end` on this line; otherwise `end` is the next line's start. */
struct vline {
	size_t start, end;
	bool last;
};

struct editor {
	struct ui *ui;
	char title[256];
	char title_shown[300];
	char hints[200];
	struct strbuf text;
	size_t cur;      /* byte offset of the cursor, on a character boundary */
	int goal;        /* the column up/down aim for; -1: the cursor's own */
	int top;         /* the first visual line shown */
	int height;      /* lines shown at the last draw */
	bool changed;
	bool finished;   /* done was called */
	ui_editor_fn done;
	void *ctx;
	int cy, cx;      /* the cursor on the screen, from the last draw */
	struct vline *lines;
	size_t n_lines, cap_lines;
};

/* ---- characters ------------------------------------------------------------------ */

/* The code point at byte i (an invalid byte counts as one U+FFFD) and its
 * length. */
static size_t cp_at(const char *s, size_t len, size_t i, uint32_t *cp)
{
	size_t n = utf8_decode(s + i, len - i, cp);
	if (!n) {
		*cp = 0xFFFD;
		n = 1;
	}
	return n;
}

static int cp_cols(uint32_t cp)
{
	return utf8_cp_width(cp);
}

/* The start of the code point before byte i. */
static size_t prev_cp(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	size_t j = i - 1;
	/* Back over at most three continuation bytes, when they make one
	 * valid character with their lead byte. */
	for (size_t k = 0; k < 3 && j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80; k++)
		j--;
	uint32_t cp;
	if (utf8_decode(s + j, i - j, &cp) == i - j)
		return j;
	return i - 1;
}

/* The end of the character at byte i with the combining marks after it. */
static size_t next_cluster(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return len;
	uint32_t cp;
	i += cp_at(s, len, i, &cp);
	while (i < len && s[i] != '\n') {
		size_t n = cp_at(s, len, i, &cp);
		if (cp_cols(cp) != 0)
			break;
		i += n;
	}
	return i;
}

/* The start of the character before byte i, combining marks included. */
static size_t prev_cluster(const char *s, size_t len, size_t i)
{
	while (i > 0) {
		i = prev_cp(s, i);
		uint32_t cp;
		cp_at(s, len, i, &cp);
		if (cp_cols(cp) != 0 || s[i] == '\n' || i == 0)
			break;
	}
	return i;
}

/* ---- layout ------------------------------------------------------------------------ */

static void push_line(struct editor *ed, size_t start, size_t end, bool last)
{
	ed->lines = xgrow(ed->lines, &ed->cap_lines, ed->n_lines + 1, sizeof(*ed->lines));
	ed->lines[ed->n_lines++] = (struct vline){ start, end, last };
}

/* Wraps every line of the text at `width` columns, after the last space
 * that fits, or within a word longer than the line. */
static void layout(struct editor *ed, int width)
{
	const char *s = strbuf_str(&ed->text);
	size_t len = ed->text.len;
	if (width < 2)
		width = 2;
	ed->n_lines = 0;
	size_t pos = 0;
	for (;;) {
		size_t eol = pos;
		while (eol < len && s[eol] != '\n')
			eol++;
		size_t start = pos;
		for (;;) {
			int col = 0;
			size_t i = start, brk = start;
			while (i < eol) {
				uint32_t cp;
				size_t n = cp_at(s, eol, i, &cp);
				int w = cp_cols(cp);
				/* A combining mark (width 0) always stays with its character. */
				if (col + w > width && i > start)
					break;
				col += w;
				i += n;
				if (cp == ' ')
					brk = i;
			}
			if (i >= eol) {
				push_line(ed, start, eol, true);
				break;
			}
			size_t cut = brk > start ? brk : i;
			push_line(ed, start, cut, false);
			start = cut;
		}
		if (eol >= len)
			break;
		pos = eol + 1;
	}
}

static int cols_between(const char *s, size_t from, size_t to)
{
	int col = 0;
	for (size_t i = from; i < to;) {
		uint32_t cp;
		i += cp_at(s, to, i, &cp);
		col += cp_cols(cp);
	}
	return col;
}

/* The visual line of the cursor and its column. */
static size_t cursor_line(const struct editor *ed, int *col)
{
	size_t l = 0;
	for (size_t i = 0; i < ed->n_lines; i++) {
		const struct vline *v = &ed->lines[i];
		if (ed->cur >= v->start && (ed->cur < v->end || (v->last && ed->cur == v->end))) {
			l = i;
			break;
		}
	}
	if (col)
		*col = cols_between(strbuf_str(&ed->text), ed->lines[l].start, ed->cur);
	return l;
}

/* The offset on visual line l nearest to column goal, not beyond it. */
static size_t offset_at(const struct editor *ed, size_t l, int goal)
{
	const char *s = strbuf_str(&ed->text);
	const struct vline *v = &ed->lines[l];
	size_t i = v->start;
	int col = 0;
	while (i < v->end) {
		uint32_t cp;
		cp_at(s, v->end, i, &cp);
		int w = cp_cols(cp);
		size_t j = next_cluster(s, v->end, i);
		if (col + w > goal)
			break;
		if (!v->last && j >= v->end)
			break; /* the end belongs to the next line */
		col += w;
		i = j;
	}
	return i;
}

/* ---- editing ----------------------------------------------------------------------- */

static void replace(struct editor *ed, size_t from, size_t to, const char *bytes, size_t n)
{
	struct strbuf nb = STRBUF_INIT;
	strbuf_add(&nb, strbuf_str(&ed->text), from);
	strbuf_add(&nb, bytes, n);
	strbuf_add(&nb, strbuf_str(&ed->text) + to, ed->text.len - to);
	strbuf_release(&ed->text);
	ed->text = nb;
	if (!ed->text.data)
		strbuf_adds(&ed->text, "");
	ed->cur = from + n;
	ed->changed = true;
}

static bool insert(struct editor *ed, const char *bytes, size_t n)
{
	if (ed->text.len + n > EDITOR_MAX_BYTES) {
		ui_error(ed->ui, _("the text is at its maximum length (%d bytes)"), EDITOR_MAX_BYTES);
		return false;
	}
	replace(ed, ed->cur, ed->cur, bytes, n);
	return true;
}

static size_t encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Removes the top view (this editor) and hands the text on. */
static void finish(struct ui *ui, struct editor *ed, bool store)
{
	char *text = store ? xstrdup(strbuf_str(&ed->text)) : NULL;
	ui_editor_fn done = ed->done;
	void *ctx = ed->ctx;
	ed->finished = true;
	ui_pop(ui); /* frees ed: before done, which may open another view */
	done(ui, text, ctx);
	free(text);
}

static void discard_answer(struct ui *ui, int choice, void *ctx)
{
	struct editor *ed = ctx;
	struct view *top = ui_top(ui);
	if (choice == 0 && top && top->data == ed)
		finish(ui, ed, false);
}

/* Moves the cursor by `delta` visual lines, keeping the column aimed at. */
static void move_lines(struct editor *ed, int delta)
{
	int col;
	size_t l = cursor_line(ed, &col);
	if (ed->goal < 0)
		ed->goal = col;
	long target = (long)l + delta;
	if (target < 0) {
		ed->cur = 0;
		return;
	}
	if (target >= (long)ed->n_lines) {
		ed->cur = ed->text.len;
		return;
	}
	ed->cur = offset_at(ed, (size_t)target, ed->goal);
}

static bool editor_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	struct editor *ed = v->data;
	const char *s = strbuf_str(&ed->text);
	size_t len = ed->text.len;
	/* The layout at the width of the screen now (it may have changed
	 * since the last draw). */
	layout(ed, COLS - 2);
	bool vertical = false;
	if (k.fn) {
		switch (k.code) {
		case KEY_F(2):
			finish(ui, ed, true);
			return true;
		case KEY_LEFT:
			ed->cur = prev_cluster(s, len, ed->cur);
			break;
		case KEY_RIGHT:
			ed->cur = next_cluster(s, len, ed->cur);
			break;
		case KEY_UP:
			move_lines(ed, -1);
			vertical = true;
			break;
		case KEY_DOWN:
			move_lines(ed, 1);
			vertical = true;
			break;
		case KEY_PPAGE:
		case KEY_NPAGE: {
			int page = ed->height > 2 ? ed->height - 1 : 1;
			if (k.code == KEY_PPAGE)
				page = -page;
			move_lines(ed, page);
			ed->top += page;
			vertical = true;
			break;
		}
		case KEY_HOME:
			ed->cur = ed->lines[cursor_line(ed, NULL)].start;
			break;
		case KEY_END:
			ed->cur = offset_at(ed, cursor_line(ed, NULL), INT_MAX);
			break;
		case KEY_BACKSPACE:
			if (ed->cur)
				replace(ed, prev_cp(s, ed->cur), ed->cur, "", 0);
			break;
		case KEY_DC:
			if (ed->cur < len)
				replace(ed, ed->cur, next_cluster(s, len, ed->cur), "", 0);
			break;
		case KEY_ENTER:
			insert(ed, "\n", 1);
			break;
		default:
			break; /* other function keys do nothing here */
		}
		if (!vertical)
			ed->goal = -1;
		return true;
	}
	switch (k.code) {
	case 19: /* C-s */
		finish(ui, ed, true);
		return true;
	case 27: /* Escape */
	case 7:  /* C-g */
		if (!ed->changed) {
			finish(ui, ed, false);
		} else {
			const char *items[] = { _("Discard the changes"), _("Keep editing") };
			ui_menu(ui, _("Discard the changes?"), items, 2, 1, discard_answer, ed);
		}
		return true;
	case '\r':
	case '\n':
		insert(ed, "\n", 1);
		break;
	case 8:
	case 127:
		if (ed->cur)
			replace(ed, prev_cp(s, ed->cur), ed->cur, "", 0);
		break;
	case 4: /* C-d */
		if (ed->cur < len)
			replace(ed, ed->cur, next_cluster(s, len, ed->cur), "", 0);
		break;
	case 1: /* C-a: the start of the line of text */
		while (ed->cur > 0 && s[ed->cur - 1] != '\n')
			ed->cur--;
		break;
	case 5: /* C-e: its end */
		while (ed->cur < len && s[ed->cur] != '\n')
			ed->cur++;
		break;
	case '\t':
		insert(ed, "    ", 4);
		break;
	default:
		if (a == ACT_REDRAW)
			return false; /* C-l: the application redraws */
		if (k.code >= 0x20 && k.code != 0x7f && !(k.code >= 0x80 && k.code < 0xa0) &&
		    k.code <= 0x10FFFF && !(k.code >= 0xD800 && k.code <= 0xDFFF)) {
			char mb[4];
			insert(ed, mb, encode((uint32_t)k.code, mb));
		}
		break; /* other control keys do nothing */
	}
	ed->goal = -1;
	return true;
}

/* ---- drawing ------------------------------------------------------------------------- */

static void editor_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct editor *ed = v->data;
	int x0 = 1, width = COLS - 2; /* the last column holds the cursor after a full line */
	int h = bottom - top;
	if (h < 1)
		h = 1;
	ed->height = h;
	layout(ed, width);
	int col;
	int l = (int)cursor_line(ed, &col);
	if (ed->top > (int)ed->n_lines - h)
		ed->top = (int)ed->n_lines - h;
	if (ed->top < 0)
		ed->top = 0;
	if (l < ed->top)
		ed->top = l;
	if (l >= ed->top + h)
		ed->top = l - h + 1;
	ui_style(ui, STYLE_NORMAL);
	const char *s = strbuf_str(&ed->text);
	for (int y = 0; y < h && ed->top + y < (int)ed->n_lines; y++) {
		const struct vline *vl = &ed->lines[ed->top + y];
		char *line = xstrndup(s + vl->start, vl->end - vl->start);
		ui_text(top + y, x0, width, line, false);
		free(line);
	}
	if (ed->text.len == 0) {
		ui_style(ui, STYLE_DIM);
		ui_text(top, x0 + 1, width - 1, _("(empty: type the text; F2 or C-s stores it)"), false);
		ui_style(ui, STYLE_NORMAL);
	}
	ed->cy = top + l - ed->top;
	ed->cx = x0 + (col < width ? col : width);
	snprintf(ed->hints, sizeof(ed->hints), _("F2/C-s:store  Esc:cancel  line %d/%d"), l + 1,
		 (int)ed->n_lines);
}

static bool editor_cursor(struct view *v, int *y, int *x)
{
	struct editor *ed = v->data;
	*y = ed->cy;
	*x = ed->cx;
	return true;
}

static const char *editor_title(struct view *v)
{
	struct editor *ed = v->data;
	snprintf(ed->title_shown, sizeof(ed->title_shown), "%s%s", ed->title,
		 ed->changed ? _(" (changed)") : "");
	return ed->title_shown;
}

static const char *editor_hints(struct view *v)
{
	struct editor *ed = v->data;
	if (!ed->hints[0])
		return _("F2/C-s:store  Esc:cancel");
	return ed->hints;
}

/* The program ends (SIGHUP, SIGTERM): the text is handed on as if stored,
 * changed or not (the caller knows what it holds already), so that nothing
 * typed is lost. ui->quit tells done that the program is ending: it should
 * open no other view. */
static void editor_rescue(struct view *v, struct ui *ui)
{
	struct editor *ed = v->data;
	if (ed->finished)
		return;
	ed->finished = true;
	ui->quit = true;
	ed->done(ui, strbuf_str(&ed->text), ed->ctx);
}

static void editor_free(struct view *v)
{
	struct editor *ed = v->data;
	strbuf_release(&ed->text);
	free(ed->lines);
	free(ed);
}

static const struct view_ops editor_ops = {
	"editor", editor_draw, editor_key, NULL, editor_free, editor_title, editor_hints,
	editor_cursor, editor_rescue,
};

static void open_editor(struct ui *ui, const char *title, const char *initial, bool changed,
			ui_editor_fn done, void *ctx)
{
	struct editor *ed = xcalloc(1, sizeof(*ed));
	ed->ui = ui;
	snprintf(ed->title, sizeof(ed->title), "%s", title ? title : "");
	strbuf_adds(&ed->text, initial ? initial : "");
	ed->cur = ed->text.len;
	ed->goal = -1;
	ed->changed = changed;
	ed->done = done;
	ed->ctx = ctx;
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &editor_ops;
	v->data = ed;
	ui_push(ui, v);
}

void ui_editor(struct ui *ui, const char *title, const char *initial, ui_editor_fn done, void *ctx)
{
	open_editor(ui, title, initial, false, done, ctx);
}

void ui_editor_unstored(struct ui *ui, const char *title, const char *text, ui_editor_fn done,
			void *ctx)
{
	open_editor(ui, title, text, true, done, ctx);
}
