/* widgets.c - the small views others open: a one-line prompt (with file
 * path completion), a menu, a pager, and the help screen built from the
 * action table. */
#include "ui.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "toets/i18n.h"
#include "toets/utf8.h"

/* Draws the view below the top one: prompts and menus sit over it. */
static void draw_below(struct ui *ui, struct view *self, int top, int bottom)
{
	for (int i = ui->depth - 1; i > 0; i--) {
		if (ui->stack[i] == self) {
			struct view *below = ui->stack[i - 1];
			below->ops->draw(below, ui, top, bottom);
			return;
		}
	}
}

static const char *below_title(struct ui *ui, struct view *self)
{
	for (int i = ui->depth - 1; i > 0; i--)
		if (ui->stack[i] == self && ui->stack[i - 1]->ops->title)
			return ui->stack[i - 1]->ops->title(ui->stack[i - 1]);
	return "";
}

/* The line of a prompt or question: above the status line, and above a
 * message that takes two lines (an error shown while it is open). */
static int input_row(const struct ui *ui, int bottom)
{
	if (ui->message[0] && ui_wrap_height(COLS - 2, ui->message) > 1 && bottom - 2 >= 0)
		return bottom - 2;
	return bottom - 1;
}

/* ---- the one-line prompt ------------------------------------------------------------- */

struct prompt {
	struct ui *ui;
	char label[128];
	struct strbuf text;
	size_t cursor; /* byte offset */
	bool paths;
	ui_prompt_fn done;
	void *ctx;
	int cy, cx;
	bool rescue;   /* store what was typed when toets ends on a signal */
	char *initial; /* what it opened with: unchanged text is not rescued */
};

static size_t prev_char(const char *s, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80)
		at--;
	return at;
}

static size_t next_char(const char *s, size_t len, size_t at)
{
	if (at >= len)
		return len;
	at++;
	while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
		at++;
	return at;
}

static void prompt_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct prompt *p = v->data;
	draw_below(ui, v, top, bottom);
	int y = input_row(ui, bottom);
	ui_style(ui, STYLE_HEADER);
	ui_fill(y, 0, COLS);
	int lw = ui_text(y, 1, COLS / 2, p->label, false);
	ui_style(ui, STYLE_NORMAL);
	int x = 1 + lw + 1, width = COLS - x - 1;
	const char *s = strbuf_str(&p->text);
	/* Scroll so that the cursor stays in view. */
	char *before = xstrndup(s, p->cursor);
	int cur = ui_width(before);
	free(before);
	size_t start = 0;
	while (cur > width - 1 && start < p->cursor) {
		size_t n = next_char(s, p->text.len, start);
		char *cut = xstrndup(s + start, n - start);
		cur -= ui_width(cut);
		free(cut);
		start = n;
	}
	ui_fill(y, x, width);
	ui_text(y, x, width, s + start, false);
	p->cy = y;
	p->cx = x + cur;
}

static bool prompt_cursor(struct view *v, int *y, int *x)
{
	struct prompt *p = v->data;
	*y = p->cy;
	*x = p->cx;
	return true;
}

static void insert(struct prompt *p, const char *bytes, size_t n)
{
	struct strbuf nb = STRBUF_INIT;
	strbuf_add(&nb, strbuf_str(&p->text), p->cursor);
	strbuf_add(&nb, bytes, n);
	strbuf_adds(&nb, strbuf_str(&p->text) + p->cursor);
	strbuf_release(&p->text);
	p->text = nb;
	p->cursor += n;
}

static void erase_range(struct prompt *p, size_t from, size_t to)
{
	struct strbuf nb = STRBUF_INIT;
	strbuf_add(&nb, strbuf_str(&p->text), from);
	strbuf_adds(&nb, strbuf_str(&p->text) + to);
	strbuf_release(&p->text);
	p->text = nb;
	p->cursor = from;
}

/* Tab: completes the file name before the cursor as far as it is certain. */
static void complete_path(struct ui *ui, struct prompt *p)
{
	char *typed = xstrndup(strbuf_str(&p->text), p->cursor);
	char *slash = strrchr(typed, '/');
	char *dir = slash ? xstrndup(typed, (size_t)(slash - typed) + 1) : xstrdup("./");
	const char *base = slash ? slash + 1 : typed;
	size_t blen = strlen(base);
	DIR *d = opendir(dir);
	char *common = NULL;
	int matches = 0;
	bool is_dir = false;
	if (d) {
		for (struct dirent *de; (de = readdir(d));) {
			if (strncmp(de->d_name, base, blen) != 0 || strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0 || (de->d_name[0] == '.' && base[0] != '.'))
				continue;
			matches++;
			if (!common) {
				common = xstrdup(de->d_name);
				char *full = xasprintf("%s%s", dir, de->d_name);
				struct stat sb;
				is_dir = stat(full, &sb) == 0 && S_ISDIR(sb.st_mode);
				free(full);
			} else {
				size_t i = 0;
				while (common[i] && common[i] == de->d_name[i])
					i++;
				common[i] = '\0';
				is_dir = false;
			}
		}
		closedir(d);
	}
	if (!matches) {
		ui_error(ui, "%s", _("no file matches"));
	} else {
		size_t clen = strlen(common);
		/* Do not cut a character in two. */
		while (clen > blen && ((unsigned char)common[clen] & 0xC0) == 0x80)
			clen--;
		if (clen > blen)
			insert(p, common + blen, clen - blen);
		if (matches == 1 && is_dir)
			insert(p, "/", 1);
		if (matches > 1)
			ui_message(ui, ngettext("%d file matches", "%d files match", (unsigned long)matches), matches);
	}
	free(common);
	free(dir);
	free(typed);
}

static bool prompt_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	(void)a;
	struct prompt *p = v->data;
	const char *s = strbuf_str(&p->text);
	size_t len = p->text.len;
	if (!k.fn && (k.code == '\n' || k.code == '\r')) {
		char *text = xstrdup(s);
		ui_prompt_fn done = p->done;
		void *ctx = p->ctx;
		ui_pop(ui); /* before done: it may open another view */
		done(ui, text, ctx);
		free(text);
		return true;
	}
	if ((k.fn && k.code == KEY_ENTER)) {
		return prompt_key(v, ui, a, (struct ui_key){ false, '\n' });
	}
	if (!k.fn && (k.code == 27 || k.code == 7 /* C-g */)) {
		ui_prompt_fn done = p->done;
		void *ctx = p->ctx;
		ui_pop(ui);
		done(ui, NULL, ctx);
		return true;
	}
	if (k.fn) {
		switch (k.code) {
		case KEY_LEFT: p->cursor = prev_char(s, p->cursor); break;
		case KEY_RIGHT: p->cursor = next_char(s, len, p->cursor); break;
		case KEY_HOME: p->cursor = 0; break;
		case KEY_END: p->cursor = len; break;
		case KEY_BACKSPACE:
			if (p->cursor)
				erase_range(p, prev_char(s, p->cursor), p->cursor);
			break;
		case KEY_DC:
			if (p->cursor < len)
				erase_range(p, p->cursor, next_char(s, len, p->cursor));
			break;
		default: break;
		}
		return true;
	}
	switch (k.code) {
	case 1: p->cursor = 0; return true;     /* C-a */
	case 5: p->cursor = len; return true;   /* C-e */
	case 21: erase_range(p, 0, p->cursor); return true; /* C-u */
	case 8:
	case 127:
		if (p->cursor)
			erase_range(p, prev_char(s, p->cursor), p->cursor);
		return true;
	case '\t':
		if (p->paths)
			complete_path(ui, p);
		return true;
	default: break;
	}
	if (k.code < 0x20 || k.code == 0x7f || k.code > 0x10FFFF)
		return true; /* other control keys do nothing here */
	char mb[8];
	mbstate_t ps;
	memset(&ps, 0, sizeof(ps));
	size_t n = wcrtomb(mb, (wchar_t)k.code, &ps);
	if (n != (size_t)-1 && p->text.len + n < 4000)
		insert(p, mb, n);
	return true;
}

static const char *prompt_title(struct view *v)
{
	struct prompt *p = v->data;
	return below_title(p->ui, v);
}

static const char *prompt_hints(struct view *v)
{
	struct prompt *p = v->data;
	return p->paths ? _("Enter:done  Esc:cancel  Tab:complete") : _("Enter:done  Esc:cancel");
}

/* Ending on a signal: what was typed is handed on as if Enter was
 * pressed (ui->quit is set, so nothing new opens). */
static void prompt_rescue(struct view *v, struct ui *ui)
{
	struct prompt *p = v->data;
	/* Only a plain answer is completed this way; a status move or a
	 * verdict override is a decision nobody confirmed, and is not. */
	if (p->rescue && p->text.len && p->done && strcmp(strbuf_str(&p->text), p->initial) != 0) {
		ui_prompt_fn done = p->done;
		p->done = NULL;
		char *text = xstrdup(strbuf_str(&p->text));
		done(ui, text, p->ctx);
		free(text);
	}
}

static void prompt_free(struct view *v)
{
	struct prompt *p = v->data;
	strbuf_release(&p->text);
	free(p->initial);
	free(p);
}

static const struct view_ops prompt_ops = {
	"prompt", prompt_draw, prompt_key, NULL, prompt_free, prompt_title, prompt_hints,
	prompt_cursor, prompt_rescue,
};

void ui_prompt_rescue_typed(struct ui *ui)
{
	struct view *v = ui_top(ui);
	if (v && v->ops == &prompt_ops)
		((struct prompt *)v->data)->rescue = true;
}

void ui_prompt_cursor(struct ui *ui, unsigned col)
{
	struct view *v = ui_top(ui);
	if (!v || v->ops != &prompt_ops || col < 1)
		return;
	struct prompt *p = v->data;
	const char *s = strbuf_str(&p->text);
	size_t at = 0;
	for (unsigned c = 1; c < col && at < p->text.len; c++)
		at = next_char(s, p->text.len, at);
	p->cursor = at;
}

void ui_prompt(struct ui *ui, const char *label, const char *initial, bool complete_paths,
	       ui_prompt_fn done, void *ctx)
{
	struct prompt *p = xcalloc(1, sizeof(*p));
	p->ui = ui;
	snprintf(p->label, sizeof(p->label), "%s", label);
	if (initial)
		strbuf_adds(&p->text, initial);
	p->initial = xstrdup(initial ? initial : "");
	p->cursor = p->text.len;
	p->paths = complete_paths;
	p->done = done;
	p->ctx = ctx;
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &prompt_ops;
	v->data = p;
	ui_push(ui, v);
}

/* ---- the y/n question -------------------------------------------------------------------- */

struct confirm {
	struct ui *ui;
	char question[512];
	ui_confirm_fn done;
	void *ctx;
	int cy, cx;
};

static void confirm_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct confirm *c = v->data;
	draw_below(ui, v, top, bottom);
	int y = input_row(ui, bottom);
	ui_style(ui, STYLE_HEADER);
	ui_fill(y, 0, COLS);
	int w = ui_text(y, 1, COLS - 3, c->question, false);
	ui_style(ui, STYLE_NORMAL);
	c->cy = y;
	c->cx = 1 + w + 1 < COLS ? 1 + w + 1 : COLS - 1;
}

static bool confirm_cursor(struct view *v, int *y, int *x)
{
	struct confirm *c = v->data;
	*y = c->cy;
	*x = c->cx;
	return true;
}

static bool confirm_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	struct confirm *c = v->data;
	int answer = -1;
	/* y, or j for ja; n, Escape, q or C-g for no. Other keys wait. Not Y:
	 * it approves a decision, and twice Y would answer for you. */
	if (!k.fn && (k.code == 'y' || k.code == 'j'))
		answer = 1;
	else if ((!k.fn && (k.code == 'n' || k.code == 'N' || k.code == 27 || k.code == 7)) || a == ACT_BACK ||
		 a == ACT_QUIT)
		answer = 0;
	if (answer < 0)
		return true;
	ui_confirm_fn done = c->done;
	void *ctx = c->ctx;
	ui_pop(ui); /* before done: it may open another view */
	done(ui, answer == 1, ctx);
	return true;
}

static const char *confirm_title(struct view *v)
{
	struct confirm *c = v->data;
	return below_title(c->ui, v);
}

static const char *confirm_hints(struct view *v)
{
	(void)v;
	return _("y:yes  n/Esc:no");
}

static void confirm_free(struct view *v)
{
	free(v->data);
}

/* Never rescued: a question nobody answered is answered no. */
static const struct view_ops confirm_ops = {
	"confirm", confirm_draw, confirm_key, NULL, confirm_free, confirm_title, confirm_hints,
	confirm_cursor, NULL,
};

void ui_confirm(struct ui *ui, const char *question, ui_confirm_fn done, void *ctx)
{
	struct confirm *c = xcalloc(1, sizeof(*c));
	c->ui = ui;
	snprintf(c->question, sizeof(c->question), _("%s (y/n)"), question);
	c->done = done;
	c->ctx = ctx;
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &confirm_ops;
	v->data = c;
	ui_push(ui, v);
}

/* ---- the menu ---------------------------------------------------------------------------- */

struct menu {
	struct ui *ui;
	char title[128];
	char **items;
	int n, selected, top;
	ui_menu_fn done;
	void *ctx;
};

static void menu_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct menu *m = v->data;
	draw_below(ui, v, top, bottom);
	int w = ui_width(m->title) + 4;
	for (int i = 0; i < m->n; i++)
		if (ui_width(m->items[i]) + 8 > w)
			w = ui_width(m->items[i]) + 8;
	if (w > COLS - 4)
		w = COLS - 4;
	int h = m->n + 2;
	if (h > bottom - top - 2)
		h = bottom - top - 2;
	int rows = h - 2;
	if (m->selected < m->top)
		m->top = m->selected;
	if (m->selected >= m->top + rows)
		m->top = m->selected - rows + 1;
	int y0 = top + (bottom - top - h) / 2, x0 = (COLS - w) / 2;
	ui_style(ui, STYLE_HEADER);
	ui_fill(y0, x0, w);
	ui_text(y0, x0 + 1, w - 2, m->title, false);
	for (int r = 0; r < rows; r++) {
		int i = m->top + r;
		ui_style(ui, i == m->selected ? STYLE_SELECTED : STYLE_NORMAL);
		ui_fill(y0 + 1 + r, x0, w);
		if (i < m->n) {
			char line[512];
			if (i < 9)
				snprintf(line, sizeof(line), "%d  %s", i + 1, m->items[i]);
			else
				snprintf(line, sizeof(line), "   %s", m->items[i]);
			ui_text(y0 + 1 + r, x0 + 2, w - 4, line, false);
		}
	}
	ui_style(ui, STYLE_HEADER);
	ui_fill(y0 + h - 1, x0, w);
	ui_style(ui, STYLE_NORMAL);
}

static void menu_finish(struct ui *ui, struct menu *m, int choice)
{
	ui_menu_fn done = m->done;
	void *ctx = m->ctx;
	ui_pop(ui);
	done(ui, choice, ctx);
}

static bool menu_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	struct menu *m = v->data;
	if (!k.fn && k.code >= '1' && k.code <= '9' && k.code - '1' < m->n) {
		menu_finish(ui, m, k.code - '1');
		return true;
	}
	switch (a) {
	case ACT_UP: if (m->selected > 0) m->selected--; return true;
	case ACT_DOWN: if (m->selected < m->n - 1) m->selected++; return true;
	case ACT_FIRST: m->selected = 0; return true;
	case ACT_LAST: m->selected = m->n - 1; return true;
	case ACT_OPEN: case ACT_RIGHT: menu_finish(ui, m, m->selected); return true;
	case ACT_BACK: case ACT_QUIT: case ACT_LEFT: menu_finish(ui, m, -1); return true;
	default: return true; /* a menu takes no other action */
	}
}

static const char *menu_title(struct view *v)
{
	struct menu *m = v->data;
	return below_title(m->ui, v);
}

static const char *menu_hints(struct view *v)
{
	(void)v;
	return _("Enter or 1-9:choose  Esc:cancel");
}

static void menu_free(struct view *v)
{
	struct menu *m = v->data;
	for (int i = 0; i < m->n; i++)
		free(m->items[i]);
	free(m->items);
	free(m);
}

static const struct view_ops menu_ops = {
	"menu", menu_draw, menu_key, NULL, menu_free, menu_title, menu_hints, NULL, NULL,
};

void ui_menu(struct ui *ui, const char *title, const char *const *items, int n, int selected,
	     ui_menu_fn done, void *ctx)
{
	struct menu *m = xcalloc(1, sizeof(*m));
	m->ui = ui;
	snprintf(m->title, sizeof(m->title), "%s", title);
	m->items = xcalloc((size_t)(n ? n : 1), sizeof(*m->items));
	for (int i = 0; i < n; i++)
		m->items[i] = xstrdup(items[i]);
	m->n = n;
	m->selected = selected >= 0 && selected < n ? selected : 0;
	m->done = done;
	m->ctx = ctx;
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &menu_ops;
	v->data = m;
	ui_push(ui, v);
}

/* ---- the pager ------------------------------------------------------------------------------ */

struct pager {
	char title[256];
	char *text;
	int top, height, lines;
};

static void pager_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct pager *p = v->data;
	p->height = bottom - top;
	p->lines = ui_wrap_height(COLS - 2, p->text);
	if (p->top > p->lines - p->height)
		p->top = p->lines - p->height;
	if (p->top < 0)
		p->top = 0;
	ui_style(ui, STYLE_NORMAL);
	ui_wrap(top, bottom, 1, COLS - 2, p->text, p->top);
}

static bool pager_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	(void)ui;
	(void)k;
	struct pager *p = v->data;
	switch (a) {
	case ACT_UP: p->top--; break;
	case ACT_DOWN: p->top++; break;
	case ACT_PAGE_UP: p->top -= p->height - 1; break;
	case ACT_PAGE_DOWN: p->top += p->height - 1; break;
	case ACT_FIRST: p->top = 0; break;
	case ACT_LAST: p->top = p->lines; break;
	default: return false;
	}
	if (p->top < 0)
		p->top = 0;
	return true;
}

static const char *pager_title(struct view *v)
{
	return ((struct pager *)v->data)->title;
}

static const char *pager_hints(struct view *v)
{
	(void)v;
	return _("j/k:scroll  Space:page  q:close");
}

static void pager_free(struct view *v)
{
	struct pager *p = v->data;
	free(p->text);
	free(p);
}

static const struct view_ops pager_ops = {
	"pager", pager_draw, pager_key, NULL, pager_free, pager_title, pager_hints, NULL, NULL,
};

void ui_pager(struct ui *ui, const char *title, const char *text)
{
	struct pager *p = xcalloc(1, sizeof(*p));
	snprintf(p->title, sizeof(p->title), "%s", title);
	/* What is shown cannot drive the terminal. */
	struct strbuf clean = STRBUF_INIT;
	for (const char *line = text; *line;) {
		size_t n = strcspn(line, "\n");
		utf8_sanitize(&clean, line, n);
		line += n;
		if (*line == '\n') {
			strbuf_addc(&clean, '\n');
			line++;
		}
	}
	p->text = strbuf_detach(&clean);
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &pager_ops;
	v->data = p;
	ui_push(ui, v);
}

/* ---- help: generated from the action table and the keymap in force ----------------- */

struct view *view_help_new(struct ui *ui)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s\n\n", _("Keys (change them with 'bind KEY ACTION' lines in "
				     "~/.config/toets/config):"));
	for (int a = 0; a < ACT_COUNT; a++) {
		struct strbuf keys = STRBUF_INIT;
		for (int i = 0; i < ui->keymap_n; i++) {
			if (ui->keymap_actions[i] != (enum ui_action)a)
				continue;
			char name[32];
			ui_key_name(ui->keymap_keys[i], name, sizeof(name));
			if (strcmp(name, "<13>") == 0 || (!ui->keymap_keys[i].fn && ui->keymap_keys[i].code == '\r'))
				continue; /* the terminal's other Enter */
			if (ui->keymap_keys[i].fn && ui->keymap_keys[i].code == KEY_ENTER)
				continue;
			strbuf_addf(&keys, "%s%s", keys.len ? " " : "", name);
		}
		char line[512];
		const char *k = keys.len ? strbuf_str(&keys) : "-";
		int pad = 24 - ui_width(k);
		snprintf(line, sizeof(line), "%s%*s %-16s ", k, pad > 0 ? pad : 1, "", ui_actions[a].name);
		strbuf_adds(&sb, line);
		/* One line per action, so the columns stay: a help text too long
		 * for the screen is cut, with "…". */
		const char *help = _(ui_actions[a].help);
		int room = COLS - 2 - ui_width(line);
		if (ui_width(help) <= room) {
			strbuf_adds(&sb, help);
		} else {
			int used = 0;
			for (size_t i = 0, n; help[i] && used < room - 1; i += n) {
				uint32_t cp;
				n = utf8_decode(help + i, strlen(help + i), &cp);
				if (!n)
					break;
				int w = utf8_cp_width(cp);
				if (used + w > room - 1)
					break;
				strbuf_add(&sb, help + i, n);
				used += w;
			}
			strbuf_adds(&sb, "\xE2\x80\xA6");
		}
		strbuf_addc(&sb, '\n');
		strbuf_release(&keys);
	}
	ui_pager(ui, _("Help"), strbuf_str(&sb));
	strbuf_release(&sb);
	/* ui_pager pushed it already: hand back nothing more to push. */
	return NULL;
}
