/* app.c - the workstation: terminal set-up and restore, the view stack, the
 * one place that redraws, keys to actions, the user's key bindings, and
 * the headless script mode that tests and benchmarks drive. */
#include "ui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>
#include <wchar.h>

#include "toets/config.h"
#include "toets/i18n.h"
#include "toets/utf8.h"

/* ---- actions and keys ----------------------------------------------------------- */

const struct ui_action_info ui_actions[ACT_COUNT] = {
#define UI_ACTION_INFO(id, name, keys, help) { name, keys, help },
	UI_ACTIONS(UI_ACTION_INFO)
#undef UI_ACTION_INFO
};

static const struct {
	const char *name;
	int code;
} fn_keys[] = {
	{ "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT }, { "Right", KEY_RIGHT },
	{ "PageUp", KEY_PPAGE }, { "PageDown", KEY_NPAGE }, { "Home", KEY_HOME }, { "End", KEY_END },
	{ "Insert", KEY_IC }, { "Delete", KEY_DC }, { "Backspace", KEY_BACKSPACE },
	{ "BackTab", KEY_BTAB }, { "Enter", KEY_ENTER },
	{ "F1", KEY_F(1) }, { "F2", KEY_F(2) }, { "F3", KEY_F(3) }, { "F4", KEY_F(4) },
	{ "F5", KEY_F(5) }, { "F6", KEY_F(6) }, { "F7", KEY_F(7) }, { "F8", KEY_F(8) },
	{ "F9", KEY_F(9) }, { "F10", KEY_F(10) },
};

static const struct {
	const char *name;
	int code;
} char_keys[] = {
	{ "Enter", '\n' }, { "Escape", 27 }, { "Tab", '\t' }, { "Space", ' ' }, { "Backspace", 127 },
};

bool ui_key_parse(const char *text, struct ui_key *out)
{
	size_t len = strlen(text);
	if (len > 2 && text[0] == '<' && text[len - 1] == '>') {
		char name[32];
		if (len - 2 >= sizeof(name))
			return false;
		memcpy(name, text + 1, len - 2);
		name[len - 2] = '\0';
		for (size_t i = 0; i < sizeof(char_keys) / sizeof(char_keys[0]); i++)
			if (strcmp(name, char_keys[i].name) == 0) {
				*out = (struct ui_key){ false, char_keys[i].code };
				return true;
			}
		for (size_t i = 0; i < sizeof(fn_keys) / sizeof(fn_keys[0]); i++)
			if (strcmp(name, fn_keys[i].name) == 0) {
				*out = (struct ui_key){ true, fn_keys[i].code };
				return true;
			}
		return false;
	}
	if (len == 3 && text[0] == 'C' && text[1] == '-' &&
	    ((text[2] >= 'a' && text[2] <= 'z') || (text[2] >= 'A' && text[2] <= 'Z'))) {
		*out = (struct ui_key){ false, (text[2] | 0x20) - 'a' + 1 };
		return true;
	}
	uint32_t cp;
	size_t n = utf8_decode(text, len, &cp);
	if (n == 0 || n != len || cp < 0x21 || cp == 0x7f)
		return false;
	*out = (struct ui_key){ false, (int)cp };
	return true;
}

void ui_key_name(struct ui_key k, char *out, size_t size)
{
	if (k.fn) {
		for (size_t i = 0; i < sizeof(fn_keys) / sizeof(fn_keys[0]); i++)
			if (fn_keys[i].code == k.code) {
				snprintf(out, size, "<%s>", fn_keys[i].name);
				return;
			}
		snprintf(out, size, "<%d>", k.code);
		return;
	}
	for (size_t i = 0; i < sizeof(char_keys) / sizeof(char_keys[0]); i++)
		if (char_keys[i].code == k.code) {
			snprintf(out, size, "<%s>", char_keys[i].name);
			return;
		}
	if (k.code >= 1 && k.code <= 26) {
		snprintf(out, size, "C-%c", 'a' + k.code - 1);
		return;
	}
	char mb[8] = "";
	mbstate_t ps;
	memset(&ps, 0, sizeof(ps));
	size_t n = wcrtomb(mb, (wchar_t)k.code, &ps);
	snprintf(out, size, "%.*s", n == (size_t)-1 ? 1 : (int)n, n == (size_t)-1 ? "?" : mb);
}

int ui_action_parse(const char *name)
{
	for (int i = 0; i < ACT_COUNT; i++)
		if (strcmp(ui_actions[i].name, name) == 0)
			return i;
	return ACT_NONE;
}

static bool same_key(struct ui_key a, struct ui_key b)
{
	return a.fn == b.fn && a.code == b.code;
}

/* Adds k for a. `alone`: a user's bind line, after which the key means
 * that action only; otherwise (the defaults) a key may also stay with
 * other actions, of other screens. */
static void bind_key(struct ui *ui, struct ui_key k, enum ui_action a, bool alone)
{
	int o = 0;
	for (int i = 0; i < ui->keymap_n; i++) {
		bool same = same_key(ui->keymap_keys[i], k);
		if (same && ui->keymap_actions[i] == a)
			return;
		if (same && alone)
			continue;
		ui->keymap_keys[o] = ui->keymap_keys[i];
		ui->keymap_actions[o++] = ui->keymap_actions[i];
	}
	ui->keymap_n = o;
	if (ui->keymap_n < (int)(sizeof(ui->keymap_keys) / sizeof(ui->keymap_keys[0]))) {
		ui->keymap_keys[ui->keymap_n] = k;
		ui->keymap_actions[ui->keymap_n++] = a;
	}
}

static void default_keymap(struct ui *ui)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		char *keys = xstrdup(ui_actions[a].keys);
		for (char *save = NULL, *t = strtok_r(keys, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
			struct ui_key k;
			if (ui_key_parse(t, &k))
				bind_key(ui, k, (enum ui_action)a, false);
		}
		free(keys);
	}
	/* Terminals send Enter as \r or KEY_ENTER, Backspace as ^H or DEL. */
	bind_key(ui, (struct ui_key){ false, '\r' }, ACT_OPEN, false);
	bind_key(ui, (struct ui_key){ true, KEY_ENTER }, ACT_OPEN, false);
}

/* The actions of a key, in the order of the action table (the keymap's
 * order); returns how many (0: the key is text, ACT_NONE). */
static int lookup_all(const struct ui *ui, struct ui_key k, enum ui_action *out, int cap)
{
	int n = 0;
	for (int i = 0; i < ui->keymap_n && n < cap; i++)
		if (same_key(ui->keymap_keys[i], k))
			out[n++] = ui->keymap_actions[i];
	return n;
}

static bool key_means(const struct ui *ui, struct ui_key k, enum ui_action a)
{
	enum ui_action acts[8];
	int n = lookup_all(ui, k, acts, 8);
	for (int i = 0; i < n; i++)
		if (acts[i] == a)
			return true;
	return false;
}

/* The user's `bind KEY ACTION` lines, and the `set NAME VALUE` lines into
 * ui->settings (as the command line reads them, once); a bad line is
 * reported with its line and column, and the others still apply. Returns
 * the report, or NULL. */
static char *load_bindings(struct ui *ui)
{
	settings_defaults(&ui->settings);
	char *path = config_default_path();
	if (!path)
		return NULL;
	struct diag_list dl;
	struct config cfg;
	diag_init(&dl, path);
	config_load_file(path, &cfg, &dl);
	for (size_t i = 0; i < cfg.n; i++) {
		const struct config_line *l = &cfg.entries[i];
		struct ui_key k;
		if (strcmp(l->words[0].text, "bind") != 0)
			continue; /* a setting: the settings module's */
		int a = ui_action_parse(l->words[2].text);
		if (!ui_key_parse(l->words[1].text, &k))
			diag_error(&dl, l->line, l->words[1].col,
				   _("unknown key '%s' (write a character, C-x, or a name such as <Down>)"),
				   l->words[1].text);
		else if (a == ACT_NONE)
			diag_error(&dl, l->line, l->words[2].col,
				   _("unknown action '%s' (the '?' screen lists them)"), l->words[2].text);
		else
			bind_key(ui, k, (enum ui_action)a, true);
	}
	settings_apply(&ui->settings, &cfg, &dl);
	diag_set_source(&dl, NULL, 0);
	char *report = NULL;
	if (dl.n) {
		struct strbuf sb = STRBUF_INIT;
		diag_sort(&dl);
		const struct diag *first = &dl.items[0];
		ui_error(ui, _("config line %u, column %u: %s (all problems are shown when toets ends)"),
			 first->line, first->col, first->message);
		diag_format_all(&dl, &sb);
		report = strbuf_detach(&sb);
	}
	config_release(&cfg);
	diag_release(&dl);
	free(path);
	return report;
}

/* ---- the view stack and messages ------------------------------------------------ */

void ui_today(const struct ui *ui, char out[DATE_LEN])
{
	if (ui->today[0])
		snprintf(out, DATE_LEN, "%s", ui->today);
	else
		date_today(out);
}

void ui_dirty(struct ui *ui)
{
	ui->dirty = true;
}

void ui_push(struct ui *ui, struct view *v)
{
	if (!v)
		return;
	if (ui->quit) {
		/* Ending (a signal): what is rescued is stored, nothing opens. */
		if (v->ops->free)
			v->ops->free(v);
		free(v);
		return;
	}
	if (ui->depth == (int)(sizeof(ui->stack) / sizeof(ui->stack[0]))) {
		ui_error(ui, "%s", _("too many screens open"));
		if (v->ops->free)
			v->ops->free(v);
		free(v);
		return;
	}
	ui->stack[ui->depth++] = v;
	ui_dirty(ui);
}

struct view *ui_top(struct ui *ui)
{
	return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

void ui_pop(struct ui *ui)
{
	if (!ui->depth)
		return;
	struct view *v = ui->stack[--ui->depth];
	if (v->ops->free)
		v->ops->free(v);
	free(v);
	struct view *top = ui_top(ui);
	if (top && top->ops->enter)
		top->ops->enter(top, ui);
	ui_dirty(ui);
}

static void set_message(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	vsnprintf(ui->message, sizeof(ui->message), fmt, ap);
	/* One line: the first line of a longer message. */
	char *nl = strchr(ui->message, '\n');
	if (nl)
		*nl = '\0';
	ui->message_is_error = error;
	ui_dirty(ui);
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(ui, false, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(ui, true, fmt, ap);
	va_end(ap);
	if (!ui->headless)
		beep();
}

/* ---- drawing the frame ---------------------------------------------------------------- */

static void draw_too_small(struct ui *ui)
{
	erase();
	ui_style(ui, STYLE_NORMAL);
	char line[128];
	snprintf(line, sizeof(line), _("Terminal too small: %dx%d; toets needs at least %dx%d."), COLS,
		 LINES, UI_MIN_COLS, UI_MIN_LINES);
	int y = LINES / 2 > 1 ? LINES / 2 - 2 : 0;
	y = ui_wrap(y, LINES, 0, COLS, line, 0);
	if (y + 1 < LINES)
		ui_wrap(y + 1, LINES, 0, COLS, _("Make the window larger; nothing is lost meanwhile."), 0);
}

static void draw_bars(struct ui *ui, struct view *v)
{
	const char *title = v->ops->title ? v->ops->title(v) : "";
	ui_style(ui, STYLE_TITLE);
	ui_fill(0, 0, COLS);
	char head[256];
	snprintf(head, sizeof(head), "toets  %s", title);
	const char *path = store_path(ui->store);
	int pw = ui_width(path);
	bool show_path = pw < COLS / 3;
	/* The title gives way to the path, never runs into it. */
	ui_text(0, 1, show_path ? COLS - pw - 4 : COLS - 2, head, false);
	if (show_path)
		ui_text(0, COLS - pw - 1, pw, path, false);

	int y = LINES - 1;
	if (ui->message[0]) {
		ui_style(ui, ui->message_is_error ? STYLE_ERROR : STYLE_STATUS);
		/* A message longer than the line takes the line above it too. */
		int rows = ui_wrap_height(COLS - 2, ui->message) > 1 ? 2 : 1;
		for (int l = 0; l < rows; l++)
			ui_fill(y - l, 0, COLS);
		ui_wrap(y - rows + 1, y + 1, 1, COLS - 2, ui->message, 0);
	} else {
		ui_style(ui, STYLE_STATUS);
		ui_fill(y, 0, COLS);
		const char *hints = v->ops->hints ? v->ops->hints(v) : "";
		char line[512];
		snprintf(line, sizeof(line), "%s  %s", hints, _("?:help"));
		ui_text(y, 1, COLS - 2, line, false);
	}
	ui_style(ui, STYLE_NORMAL);
}

static void redraw(struct ui *ui)
{
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		curs_set(0);
		draw_too_small(ui);
	} else {
		struct view *v = ui_top(ui);
		erase();
		if (v) {
			v->ops->draw(v, ui, 1, LINES - 1);
			draw_bars(ui, v);
			int cy, cx;
			if (v->ops->cursor && v->ops->cursor(v, &cy, &cx)) {
				curs_set(1);
				move(cy, cx);
			} else {
				curs_set(0);
			}
		}
	}
	if (!ui->headless)
		refresh();
	else
		wnoutrefresh(stdscr);
	ui->dirty = false;
}

/* ---- keys --------------------------------------------------------------------------- */

static void dispatch(struct ui *ui, struct ui_key k)
{
	if (k.fn && k.code == KEY_RESIZE) {
		ui_dirty(ui);
		return;
	}
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		/* Nothing happens on a screen too small to show it; q still
		 * leaves from the list, where nothing typed can be lost. */
		if (key_means(ui, k, ACT_QUIT) && ui->depth == 1)
			ui->quit = true;
		return;
	}
	struct view *v = ui_top(ui);
	enum ui_action acts[8];
	int n = lookup_all(ui, k, acts, 8);
	if (n == 0)
		acts[n++] = ACT_NONE;
	bool had_message = ui->message[0] != '\0';
	ui->message[0] = '\0';
	/* The first of the key's actions that the screen takes. */
	for (int i = 0; i < n; i++) {
		if (v && v->ops->key(v, ui, acts[i], k)) {
			ui_dirty(ui);
			return;
		}
		if (v != ui_top(ui))
			break; /* it opened or closed a screen: the others are not its */
	}
	enum ui_action a = acts[0];
	for (int i = 0; i < n; i++)
		if (acts[i] == ACT_HELP || acts[i] == ACT_REDRAW || acts[i] == ACT_QUIT || acts[i] == ACT_BACK) {
			a = acts[i];
			break;
		}
	switch (a) {
	case ACT_HELP:
		ui_push(ui, view_help_new(ui));
		break;
	case ACT_REDRAW:
		if (!ui->headless)
			clearok(curscr, TRUE);
		ui_dirty(ui);
		break;
	case ACT_QUIT:
	case ACT_BACK:
		if (ui->depth > 1)
			ui_pop(ui);
		else if (a == ACT_QUIT)
			ui->quit = true;
		break;
	default:
		if (had_message)
			ui_dirty(ui);
		break;
	}
}

/* ---- the terminal ----------------------------------------------------------------------- */

static volatile sig_atomic_t stop_signal;
static bool curses_active;

static void on_stop(int sig)
{
	stop_signal = sig;
}

static void on_fatal(int sig)
{
	/* Leave the terminal usable, then die as the signal wants. */
	if (curses_active)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop; /* no SA_RESTART: a blocked read returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaction(fatal[i], &sa, NULL);
}

/* Colours, unless NO_COLOR says otherwise (https://no-color.org). */
static void setup_styles(struct ui *ui)
{
	const char *no_color = getenv("NO_COLOR");
	ui->color = has_colors() && !(no_color && *no_color);
	if (!ui->color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);  /* title, status */
	init_pair(2, COLOR_WHITE, COLOR_RED);   /* error */
	init_pair(3, COLOR_GREEN, -1);          /* good */
	init_pair(4, COLOR_RED, -1);            /* bad */
	init_pair(5, COLOR_YELLOW, -1);         /* warn */
	init_pair(6, COLOR_CYAN, -1);           /* header */
}

void ui_style(struct ui *ui, enum ui_style s)
{
	attr_t a = A_NORMAL;
	short pair = 0;
	switch (s) {
	case STYLE_TITLE:
	case STYLE_STATUS:
		a = ui->color ? A_NORMAL : A_REVERSE;
		pair = 1;
		break;
	case STYLE_ERROR:
		a = A_BOLD | (ui->color ? A_NORMAL : A_REVERSE);
		pair = 2;
		break;
	case STYLE_HEADER:
		a = A_BOLD;
		pair = 6;
		break;
	case STYLE_SELECTED:
		a = A_REVERSE;
		break;
	case STYLE_DIM:
		a = A_DIM;
		break;
	case STYLE_GOOD:
		pair = 3;
		a = ui->color ? A_NORMAL : A_BOLD;
		break;
	case STYLE_BAD:
		pair = 4;
		a = A_BOLD;
		break;
	case STYLE_WARN:
		pair = 5;
		a = ui->color ? A_NORMAL : A_UNDERLINE;
		break;
	default:
		break;
	}
	attr_set(a, ui->color ? pair : 0, NULL);
}

/* One clear line and exit 2 when there is no usable terminal; nothing of
 * the terminal is touched before the checks pass. */
static int check_terminal(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s\n",
			_("toets: the workstation needs a terminal on standard input and output; "
			  "for scripts use the commands (toets --help)"));
		return 2;
	}
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		fprintf(stderr, "%s\n",
			_("toets: the workstation needs a terminal that can move the cursor "
			  "(TERM is unset or dumb); for scripts use the commands (toets --help)"));
		return 2;
	}
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		fprintf(stderr, _("toets: the terminal type '%s' is not known here (TERM); "
				  "try TERM=xterm-256color\n"), term);
		return 2;
	}
	const char *cup = tigetstr("cup");
	bool ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	if (!ok) {
		fprintf(stderr, _("toets: the terminal type '%s' cannot move the cursor; "
				  "the workstation needs one that can\n"), term);
		return 2;
	}
	return 0;
}

/* ---- the headless script mode ---------------------------------------------------------
 * TOETS_SCRIPT=FILE: keys come from FILE, not the terminal, and screens go
 * to files, so tests and benchmarks drive the real program:
 *   size W H        the screen size (a resize)
 *   keys K K ...    keys as in a bind line: j <Down> C-l <Enter>
 *   type TEXT       the characters of TEXT, one key each
 *   dump FILE       the screen as text
 *   today DATE      count the clocks from DATE (YYYY-MM-DD), not today
 *   # ...           a comment                                             */

static void dump_screen(struct ui *ui, const char *path)
{
	if (ui->dirty)
		redraw(ui);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "toets: script: cannot write %s\n", path);
		return;
	}
	wchar_t row[1024];
	for (int y = 0; y < LINES; y++) {
		int n = mvwinnwstr(stdscr, y, 0, row, COLS < 1023 ? COLS : 1023);
		if (n < 0)
			n = 0;
		row[n] = L'\0';
		char out[4096];
		size_t len = wcstombs(out, row, sizeof(out) - 1);
		if (len == (size_t)-1)
			len = 0;
		out[len] = '\0';
		while (len && out[len - 1] == ' ')
			out[--len] = '\0';
		fprintf(f, "%s\n", out);
	}
	fclose(f);
}

static void check_file(struct ui *ui);

static int run_script(struct ui *ui, const char *path)
{
	bool checked = false;
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "toets: cannot read the script %s: %s\n", path, strerror(errno));
		return 66;
	}
	char line[4096];
	unsigned lineno = 0;
	int rc = 0;
	while (!ui->quit && fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			continue;
		if (strncmp(p, "size ", 5) == 0) {
			int w, h;
			if (sscanf(p + 5, "%d %d", &w, &h) != 2 || w < 1 || h < 1) {
				fprintf(stderr, "toets: %s:%u: expected: size WIDTH HEIGHT\n", path, lineno);
				rc = 2;
				break;
			}
			resizeterm(h, w);
			dispatch(ui, (struct ui_key){ true, KEY_RESIZE });
		} else if (strncmp(p, "keys ", 5) == 0) {
			/* As at the terminal: the file check runs before the first key. */
			if (!checked)
				check_file(ui), checked = true;
			for (char *save = NULL, *t = strtok_r(p + 5, " ", &save); t && !ui->quit;
			     t = strtok_r(NULL, " ", &save)) {
				struct ui_key k;
				if (!ui_key_parse(t, &k)) {
					fprintf(stderr, "toets: %s:%u: unknown key '%s'\n", path, lineno, t);
					rc = 2;
					break;
				}
				dispatch(ui, k);
				if (ui->dirty)
					redraw(ui);
			}
		} else if (strncmp(p, "type ", 5) == 0) {
			if (!checked)
				check_file(ui), checked = true;
			const char *t = p + 5;
			size_t len = strlen(t);
			for (size_t i = 0; i < len && !ui->quit;) {
				uint32_t cp;
				size_t n = utf8_decode(t + i, len - i, &cp);
				if (!n)
					n = 1, cp = '?';
				dispatch(ui, (struct ui_key){ false, (int)cp });
				if (ui->dirty)
					redraw(ui);
				i += n;
			}
		} else if (strncmp(p, "today ", 6) == 0) {
			/* The clocks as they stand on that day (as --as-of); the
			 * screens read it when they load. */
			if (!date_valid(p + 6)) {
				fprintf(stderr, "toets: %s:%u: expected: today YYYY-MM-DD\n", path, lineno);
				rc = 2;
				break;
			}
			snprintf(ui->today, sizeof(ui->today), "%s", p + 6);
		} else if (strncmp(p, "dump ", 5) == 0) {
			dump_screen(ui, p + 5);
		} else {
			fprintf(stderr, "toets: %s:%u: unknown script command '%s'\n", path, lineno, p);
			rc = 2;
			break;
		}
		if (rc)
			break;
	}
	fclose(f);
	return rc;
}

/* ---- the main loop ------------------------------------------------------------------------- */

static void rescue_all(struct ui *ui)
{
	ui->quit = true; /* callbacks store, and open nothing new */
	for (int i = ui->depth - 1; i >= 0; i--)
		if (ui->stack[i]->ops->rescue)
			ui->stack[i]->ops->rescue(ui->stack[i], ui);
}

static void check_file(struct ui *ui)
{
	if (store_check_now(ui->store))
		ui_error(ui, _("the database is damaged: it is opened for reading only; run 'toets db check', "
			       "and 'toets backup FILE' to keep a copy before any repair"));
}

static void loop(struct ui *ui)
{
	if (ui->dirty)
		redraw(ui);
	check_file(ui);
	while (!ui->quit) {
		if (stop_signal) {
			rescue_all(ui);
			break;
		}
		if (ui->dirty)
			redraw(ui);
		wint_t ch;
		errno = 0;
		int r = get_wch(&ch);
		if (r == ERR) {
			/* A signal is checked above; a terminal that is gone (EOF,
			 * EIO) ends toets as a hangup does, not in a busy loop. */
			if (errno != EINTR && !stop_signal) {
				rescue_all(ui);
				stop_signal = SIGHUP;
			}
			continue;
		}
		dispatch(ui, (struct ui_key){ r == KEY_CODE_YES, (int)ch });
	}
}

int ui_main(const char *db_path)
{
	const char *script = getenv("TOETS_SCRIPT");
	bool headless = script && *script;
	if (!headless) {
		int rc = check_terminal();
		if (rc)
			return rc;
	}
	struct ui *ui = xcalloc(1, sizeof(*ui));
	ui->headless = headless;
	struct toets_error e = { 0 };
	/* The first screen comes before the whole-file check, which runs just
	 * after it (store_check_now below), before any key is handled. */
	if (store_open_deferred(db_path, &ui->store, &e) != TOETS_OK) {
		fprintf(stderr, "toets: %s\n", e.message);
		free(ui);
		return e.status == TOETS_ERR_BUSY ? 75 : e.status == TOETS_ERR_READONLY ? 77 : 65;
	}
	default_keymap(ui);
	char *report = load_bindings(ui);

	SCREEN *screen;
	FILE *null_out = NULL, *null_in = NULL;
	if (headless) {
		/* A terminal of its own that nobody sees: the screen is read back
		 * from curses' memory by `dump`. */
		null_out = fopen("/dev/null", "w");
		null_in = fopen("/dev/null", "r");
		screen = newterm("xterm-256color", null_out, null_in);
	} else {
		screen = newterm(NULL, stdout, stdin);
	}
	if (!screen) {
		fprintf(stderr, "%s\n", _("toets: cannot start the terminal"));
		store_close(&ui->store);
		settings_release(&ui->settings);
		free(report);
		free(ui);
		return 2;
	}
	curses_active = true;
	install_signals();
	raw(); /* C-c and C-z reach toets as keys; q and Escape end it */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	setup_styles(ui);

	/* A bad config line: the rest of the file applies; the first problem
	 * is on the status line (set above), all of them on standard error
	 * after the workstation closes. */
	ui_push(ui, view_list_new(ui));
	int rc = 0;
	if (headless) {
		if (ui->dirty)
			redraw(ui);
		rc = run_script(ui, script);
	} else {
		loop(ui);
		/* Ended by a signal: say so, as the shell would (129, 143). */
		if (stop_signal)
			rc = 128 + stop_signal;
	}
	while (ui->depth)
		ui_pop(ui);
	endwin();
	curses_active = false;
	delscreen(screen);
	if (null_out)
		fclose(null_out);
	if (null_in)
		fclose(null_in);
	if (report) {
		fputs(report, stderr);
		free(report);
	}
	store_close(&ui->store);
	settings_release(&ui->settings);
	free(ui);
	return rc;
}
