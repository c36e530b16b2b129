/* view_form.c - the form for a new dossier, and for editing the
 * organisation and dossier fields of an existing one: one field a line,
 * edited in place, each value checked as the field is left with the
 * reason beside it.
 *
 * A new dossier is stored whole by Save (Enter on [Save], or F2): nothing
 * before. Editing stores each changed field on its own as it is left
 * (each its own change with its audit row), so nothing shown as stored
 * can be lost; Escape while typing in a field undoes that field, and
 * Escape on the form closes it, naming what was not stored. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/ident.h"
#include "toets/utf8.h"
#include "toets/validate.h"

enum field_id { F_NAME, F_KVK, F_LEGAL_FORM, F_ADDRESS, F_WEBSITE, F_REPRESENTATIVE, F_CATEGORY,
		F_ASSESSOR, F_RECEIVED, F_COUNT };

/* The rows the cursor moves over: the fields, then the two buttons. */
enum { ROW_SAVE = F_COUNT, ROW_CANCEL, ROW_COUNT };

static const struct field_info {
	const char *key; /* the dossier_set field */
	const char *label;
	const char *placeholder;
	bool required;
} fields[F_COUNT] = {
	[F_NAME] = { "name", N_("Name"), N_("the legal name"), true },
	[F_KVK] = { "kvk", N_("KvK number"), N_("8 digits"), false },
	[F_LEGAL_FORM] = { "legal_form", N_("Legal form"), N_("stichting, vereniging, ..."), false },
	[F_ADDRESS] = { "address", N_("Address"), N_("street, postcode and town"), false },
	[F_WEBSITE] = { "website", N_("Website"), "https://", false },
	[F_REPRESENTATIVE] = { "representative", N_("Representative"), N_("who signs"), false },
	[F_CATEGORY] = { "category", N_("Category"), N_("Enter chooses"), true },
	[F_ASSESSOR] = { "assessor", N_("Assessor"), N_("account name"), false },
	[F_RECEIVED] = { "received_on", N_("Date received"), N_("YYYY-MM-DD"), false },
};

struct field {
	struct strbuf text; /* what the field holds now */
	char *stored;       /* as stored (edit) or as the form began (new) */
	char *before;       /* the text when editing began: Escape returns to it */
	const char *error;  /* why the text is refused, or NULL */
	char store_error[512]; /* why storing it failed (edit), or "" */
	bool touched;       /* left once: errors show from then on */
};

struct form {
	struct ui *ui;
	bool edit;
	char ref[DOSSIER_REF_LEN + 8];
	char title[160];
	char org_name[256];
	struct field f[F_COUNT];
	int category; /* an enum category, or -1 when not chosen yet */
	int row;
	bool editing;
	size_t cursor; /* byte offset in the field being edited */
	int scroll;    /* first layout line shown */
	int cy, cx;    /* where the cursor is, from the last draw */
	int stored_n;  /* fields stored while the form was open (edit) */
};

/* ---- values and checks ---------------------------------------------------------------- */

static void set_text(struct field *fl, const char *s)
{
	strbuf_reset(&fl->text);
	strbuf_adds(&fl->text, s ? s : "");
}

/* The value without white space at its ends. */
static char *trimmed(const struct field *fl)
{
	const char *s = strbuf_str(&fl->text);
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

static const char *check(const struct form *fm, int i, const char *v)
{
	if (i == F_CATEGORY)
		return fm->category < 0 ? _("choose a category") : NULL;
	if (!*v)
		return i == F_NAME ? _("the organisation needs a name") : NULL;
	switch (i) {
	case F_NAME: return validate_text(v, 500);
	case F_KVK: return validate_kvk(v);
	case F_WEBSITE: return validate_website(v);
	case F_RECEIVED: return validate_date(v);
	default: return validate_text(v, 2000);
	}
}

static void recheck(struct form *fm, int i)
{
	char *v = trimmed(&fm->f[i]);
	fm->f[i].error = check(fm, i, v);
	free(v);
}

/* Whether the field differs from what is stored. */
static bool changed(const struct form *fm, int i)
{
	if (i == F_CATEGORY)
		return fm->f[i].stored && fm->category >= 0 &&
		       strcmp(fm->f[i].stored, category_code((enum category)fm->category)) != 0;
	char *v = trimmed(&fm->f[i]);
	bool c = strcmp(v, fm->f[i].stored ? fm->f[i].stored : "") != 0;
	free(v);
	return c;
}

static const char *value_of(const struct form *fm, int i, char **tmp)
{
	if (i == F_CATEGORY)
		return fm->category >= 0 ? category_code((enum category)fm->category) : "";
	*tmp = trimmed(&fm->f[i]);
	return *tmp;
}

/* Stores one changed field of an existing dossier; false (with the reason
 * beside the field and on the status line) when it could not be stored. */
static bool store_field(struct form *fm, struct ui *ui, int i)
{
	struct field *fl = &fm->f[i];
	fl->store_error[0] = '\0';
	if (!fm->edit || !changed(fm, i))
		return true;
	recheck(fm, i);
	if (fl->error)
		return false;
	char *tmp = NULL;
	const char *v = value_of(fm, i, &tmp);
	struct toets_error e = { 0 };
	bool ok = dossier_set(ui->store, fm->ref, fields[i].key, v, &e) == TOETS_OK;
	if (ok) {
		free(fl->stored);
		fl->stored = xstrdup(v);
		if (i != F_CATEGORY)
			set_text(fl, v);
		fm->stored_n++;
		ui_message(ui, _("%s stored"), _(fields[i].label));
	} else {
		snprintf(fl->store_error, sizeof(fl->store_error), _("not stored: %s"), e.message);
		ui_error(ui, _("%s was not stored: %s"), _(fields[i].label), e.message);
	}
	free(tmp);
	return ok;
}

/* ---- the one-line editor of a field --------------------------------------------------- */

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

static void splice(struct field *fl, size_t from, size_t to, const char *ins, size_t n)
{
	struct strbuf nb = STRBUF_INIT;
	strbuf_add(&nb, strbuf_str(&fl->text), from);
	strbuf_add(&nb, ins, n);
	strbuf_adds(&nb, strbuf_str(&fl->text) + to);
	strbuf_release(&fl->text);
	fl->text = nb;
}

static void begin_edit(struct form *fm)
{
	if (fm->editing || fm->row >= F_COUNT || fm->row == F_CATEGORY)
		return;
	struct field *fl = &fm->f[fm->row];
	fm->editing = true;
	free(fl->before);
	fl->before = xstrdup(strbuf_str(&fl->text));
	fm->cursor = fl->text.len;
}

/* Leaves the field being edited: checks it and, when editing a stored
 * dossier, stores it. False when it could not be stored: the field stays
 * open. */
static bool end_edit(struct form *fm, struct ui *ui)
{
	if (!fm->editing)
		return true;
	int i = fm->row;
	fm->f[i].touched = true;
	recheck(fm, i);
	if (!fm->f[i].error && !store_field(fm, ui, i))
		return false;
	fm->editing = false;
	xfree(&fm->f[i].before);
	return true;
}

/* Escape while typing: the field as it was. */
static void undo_edit(struct form *fm, struct ui *ui)
{
	struct field *fl = &fm->f[fm->row];
	if (fl->before)
		set_text(fl, fl->before);
	xfree(&fl->before);
	fl->store_error[0] = '\0';
	fm->editing = false;
	if (fl->touched)
		recheck(fm, fm->row);
	ui_message(ui, _("%s: change undone"), _(fields[fm->row].label));
}

/* Text keys; true when the key was one. */
static bool edit_key(struct form *fm, struct ui_key k, enum ui_action a)
{
	struct field *fl = &fm->f[fm->row];
	const char *s = strbuf_str(&fl->text);
	size_t len = fl->text.len;
	if (!k.fn && k.code >= 0x20 && k.code != 0x7f && k.code <= 0x10FFFF) {
		char mb[8];
		mbstate_t ps;
		memset(&ps, 0, sizeof(ps));
		size_t n = wcrtomb(mb, (wchar_t)k.code, &ps);
		if (n != (size_t)-1 && len + n < 2000) {
			begin_edit(fm);
			splice(fl, fm->cursor, fm->cursor, mb, n);
			fm->cursor += n;
		}
		return true;
	}
	bool bs = (k.fn && k.code == KEY_BACKSPACE) || (!k.fn && (k.code == 127 || k.code == 8));
	bool del = k.fn && k.code == KEY_DC;
	bool kill = !k.fn && k.code == 21;                                  /* C-u */
	bool home = a == ACT_FIRST || (!k.fn && k.code == 1);               /* Home, C-a */
	bool end = a == ACT_LAST || (!k.fn && k.code == 5);                 /* End, C-e */
	bool left = a == ACT_LEFT, right = a == ACT_RIGHT;
	if (!(bs || del || kill || home || end || left || right))
		return false;
	begin_edit(fm);
	s = strbuf_str(&fl->text);
	len = fl->text.len;
	if (bs && fm->cursor) {
		size_t from = prev_char(s, fm->cursor);
		splice(fl, from, fm->cursor, "", 0);
		fm->cursor = from;
	} else if (del && fm->cursor < len) {
		splice(fl, fm->cursor, next_char(s, len, fm->cursor), "", 0);
	} else if (kill) {
		splice(fl, 0, fm->cursor, "", 0);
		fm->cursor = 0;
	} else if (home) {
		fm->cursor = 0;
	} else if (end) {
		fm->cursor = len;
	} else if (left) {
		fm->cursor = prev_char(s, fm->cursor);
	} else if (right) {
		fm->cursor = next_char(s, len, fm->cursor);
	}
	return true;
}

/* ---- category ------------------------------------------------------------------------- */

static void category_done(struct ui *ui, int choice, void *ctx)
{
	struct form *fm = ctx;
	if (choice < 0)
		return;
	fm->category = choice;
	fm->f[F_CATEGORY].touched = true;
	recheck(fm, F_CATEGORY);
	if (store_field(fm, ui, F_CATEGORY) && fm->row < ROW_SAVE)
		fm->row++;
}

static void choose_category(struct form *fm, struct ui *ui)
{
	const char *items[CATEGORY_COUNT];
	char labels[CATEGORY_COUNT][160];
	for (int c = 0; c < CATEGORY_COUNT; c++) {
		snprintf(labels[c], sizeof(labels[c]), "%s (%s)", category_name((enum category)c),
			 category_code((enum category)c));
		items[c] = labels[c];
	}
	ui_menu(ui, _("Category"), items, CATEGORY_COUNT, fm->category >= 0 ? fm->category : 0, category_done, fm);
}

/* ---- saving and closing ----------------------------------------------------------------- */

static void list_labels(const struct form *fm, bool (*pick)(const struct form *, int), struct strbuf *out)
{
	for (int i = 0; i < F_COUNT; i++)
		if (pick(fm, i))
			strbuf_addf(out, "%s%s", out->len ? ", " : "", _(fields[i].label));
}

static bool has_error(const struct form *fm, int i)
{
	return fm->f[i].error != NULL;
}

static bool is_changed(const struct form *fm, int i)
{
	return changed(fm, i);
}

static void save(struct form *fm, struct ui *ui)
{
	if (!end_edit(fm, ui))
		return;
	for (int i = 0; i < F_COUNT; i++) {
		fm->f[i].touched = true;
		recheck(fm, i);
	}
	for (int i = 0; i < F_COUNT; i++) {
		if (fm->f[i].error) {
			struct strbuf sb = STRBUF_INIT;
			list_labels(fm, has_error, &sb);
			fm->row = i;
			ui_error(ui, _("not saved: correct the marked fields first (%s)"), strbuf_str(&sb));
			strbuf_release(&sb);
			return;
		}
	}
	if (fm->edit) {
		/* What is left: fields whose storing failed before. */
		for (int i = 0; i < F_COUNT; i++) {
			if (!store_field(fm, ui, i)) {
				fm->row = i;
				return;
			}
		}
		int n = fm->stored_n;
		ui_pop(ui); /* frees fm */
		if (n)
			ui_message(ui, ngettext("%d change stored", "%d changes stored", (unsigned long)n), n);
		else
			ui_message(ui, "%s", _("nothing changed"));
		return;
	}
	char *v[F_COUNT] = { NULL };
	for (int i = 0; i < F_COUNT; i++)
		if (i != F_CATEGORY)
			v[i] = trimmed(&fm->f[i]);
	struct dossier_new in;
	memset(&in, 0, sizeof(in));
	in.org.name = v[F_NAME];
	in.org.kvk = *v[F_KVK] ? v[F_KVK] : NULL;
	in.org.legal_form = *v[F_LEGAL_FORM] ? v[F_LEGAL_FORM] : NULL;
	in.org.address = *v[F_ADDRESS] ? v[F_ADDRESS] : NULL;
	in.org.website = *v[F_WEBSITE] ? v[F_WEBSITE] : NULL;
	in.org.representative = *v[F_REPRESENTATIVE] ? v[F_REPRESENTATIVE] : NULL;
	in.category = (enum category)fm->category;
	in.assessor = *v[F_ASSESSOR] ? v[F_ASSESSOR] : NULL;
	in.received_on = *v[F_RECEIVED] ? v[F_RECEIVED] : NULL;
	struct toets_error e = { 0 };
	char ref[DOSSIER_REF_LEN];
	enum toets_status st = dossier_create(ui->store, &in, ref, &e);
	for (int i = 0; i < F_COUNT; i++)
		free(v[i]);
	if (st != TOETS_OK) {
		/* Everything typed stays; Save again when the cause is gone. */
		ui_error(ui, _("the dossier was not created: %s"), e.message);
		return;
	}
	ui_pop(ui); /* frees fm */
	ui_push(ui, view_dossier_new(ui, ref));
	ui_message(ui, _("dossier %s created"), ref);
}

static bool typed_anything(const struct form *fm, int i)
{
	return i == F_CATEGORY ? fm->category >= 0 : changed(fm, i);
}

static void cancel(struct form *fm, struct ui *ui)
{
	if (!fm->edit) {
		bool any = false;
		for (int i = 0; i < F_COUNT; i++)
			any |= typed_anything(fm, i);
		ui_pop(ui);
		if (any)
			ui_message(ui, "%s", _("new dossier cancelled: nothing was stored"));
		return;
	}
	struct strbuf lost = STRBUF_INIT;
	list_labels(fm, is_changed, &lost);
	int n = fm->stored_n;
	ui_pop(ui);
	if (lost.len && n)
		ui_message(ui, ngettext("closed: %d change was stored; not stored: %s",
					"closed: %d changes were stored; not stored: %s", (unsigned long)n),
			   n, strbuf_str(&lost));
	else if (lost.len)
		ui_message(ui, _("closed: not stored: %s"), strbuf_str(&lost));
	else if (n)
		ui_message(ui, ngettext("closed: %d change stored", "closed: %d changes stored", (unsigned long)n), n);
	strbuf_release(&lost);
}

/* ---- keys --------------------------------------------------------------------------------- */

static void move_to(struct form *fm, struct ui *ui, int row)
{
	if (row < 0)
		row = 0;
	if (row >= ROW_COUNT)
		row = ROW_COUNT - 1;
	if (row == fm->row)
		return;
	if (!end_edit(fm, ui))
		return; /* not stored: stay, with the reason shown */
	fm->row = row;
}

/* Printable keys are text in a form, whatever they are bound to. */
static bool printable(struct ui_key k)
{
	return !k.fn && k.code >= 0x20 && k.code != 0x7f;
}

static bool is_enter(struct ui_key k, enum ui_action a)
{
	return (a == ACT_OPEN && !printable(k)) || (!k.fn && (k.code == '\n' || k.code == '\r')) ||
	       (k.fn && k.code == KEY_ENTER);
}

static bool form_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	struct form *fm = v->data;
	if ((k.fn && k.code == KEY_F(2)) || (!k.fn && k.code == 19 /* C-s */)) {
		save(fm, ui);
		return true;
	}
	if ((!k.fn && k.code == 27) || (a == ACT_BACK && !printable(k))) {
		if (fm->editing)
			undo_edit(fm, ui);
		else
			cancel(fm, ui);
		return true;
	}
	if (is_enter(k, a)) {
		if (fm->row == ROW_SAVE)
			save(fm, ui);
		else if (fm->row == ROW_CANCEL)
			cancel(fm, ui);
		else if (fm->row == F_CATEGORY)
			choose_category(fm, ui);
		else if (fm->editing)
			move_to(fm, ui, fm->row + 1);
		else
			begin_edit(fm);
		return true;
	}
	if (!printable(k)) {
		switch (a) {
		case ACT_UP: move_to(fm, ui, fm->row - 1); return true;
		case ACT_DOWN: move_to(fm, ui, fm->row + 1); return true;
		case ACT_NEXT_PANE: move_to(fm, ui, fm->row + 1); return true;
		case ACT_PREV_PANE: move_to(fm, ui, fm->row - 1); return true;
		case ACT_PAGE_UP: move_to(fm, ui, 0); return true;
		case ACT_PAGE_DOWN: move_to(fm, ui, ROW_SAVE); return true;
		case ACT_REDRAW: return false;
		default: break;
		}
	}
	if (fm->row == F_CATEGORY) {
		if (printable(k) && k.code == ' ')
			choose_category(fm, ui);
		else if (printable(k))
			ui_message(ui, "%s", _("Enter chooses the category"));
		return true;
	}
	if (fm->row >= F_COUNT) {
		if (a == ACT_LEFT)
			fm->row = ROW_SAVE;
		else if (a == ACT_RIGHT)
			fm->row = ROW_CANCEL;
		return true;
	}
	if (edit_key(fm, k, a)) {
		if (fm->f[fm->row].touched)
			recheck(fm, fm->row); /* the reason goes as soon as it is right */
		return true;
	}
	return true; /* other keys do nothing in a form */
}

/* ---- drawing ------------------------------------------------------------------------------- */

struct layout {
	int lw;  /* label column */
	int vx, vw; /* value box */
	int ex, ew; /* reasons beside it */
};

static struct layout layout(void)
{
	struct layout L;
	int lw = 0;
	for (int i = 0; i < F_COUNT; i++) {
		int w = ui_width(_(fields[i].label)) + 2;
		if (w > lw)
			lw = w;
	}
	if (lw > 28)
		lw = 28;
	L.lw = lw;
	L.vx = 2 + lw + 1;
	int avail = COLS - L.vx - 1;
	L.vw = avail * 11 / 20;
	if (L.vw > 60)
		L.vw = 60;
	if (L.vw < 20)
		L.vw = 20;
	L.ex = L.vx + L.vw + 2;
	L.ew = COLS - 1 - L.ex;
	return L;
}

/* The reason shown beside a field, or NULL. */
static const char *reason(const struct form *fm, int i)
{
	if (fm->f[i].store_error[0])
		return fm->f[i].store_error;
	if (fm->f[i].touched && fm->f[i].error)
		return fm->f[i].error;
	return NULL;
}

static int field_height(const struct form *fm, int i, const struct layout *L)
{
	const char *r = reason(fm, i);
	if (!r || L->ew < 8)
		return 1;
	int h = ui_wrap_height(L->ew, r);
	return h < 1 ? 1 : h > 3 ? 3 : h;
}

/* The field's text from byte `start`, fitting `width` columns. */
static void draw_value(struct ui *ui, struct form *fm, int i, int y, const struct layout *L, bool sel)
{
	struct field *fl = &fm->f[i];
	char *shown = NULL;
	const char *text;
	if (i == F_CATEGORY) {
		if (fm->category >= 0)
			shown = xasprintf("%s (%s)", category_name((enum category)fm->category),
					  category_code((enum category)fm->category));
		text = shown ? shown : "";
	} else {
		text = strbuf_str(&fl->text);
	}
	ui_style(ui, sel ? STYLE_SELECTED : STYLE_NORMAL);
	ui_fill(y, L->vx, L->vw);
	if (!*text && !(sel && fm->editing)) {
		ui_style(ui, sel ? STYLE_SELECTED : STYLE_DIM);
		if (fields[i].placeholder[0])
			ui_text(y, L->vx, L->vw, _(fields[i].placeholder), false);
	} else if (sel && fm->editing) {
		/* Scrolled so that the cursor stays in the box. */
		size_t start = 0;
		char *before = xstrndup(text, fm->cursor);
		int cur = ui_width(before);
		free(before);
		size_t len = strlen(text);
		while (cur > L->vw - 1 && start < fm->cursor) {
			size_t n = next_char(text, len, start);
			char *cut = xstrndup(text + start, n - start);
			cur -= ui_width(cut);
			free(cut);
			start = n;
		}
		ui_text(y, L->vx, L->vw, text + start, false);
		fm->cy = y;
		fm->cx = L->vx + cur;
	} else if (ui_width(text) > L->vw) {
		ui_text(y, L->vx, L->vw - 1, text, false);
		ui_text(y, L->vx + L->vw - 1, 1, "\xE2\x80\xA6", false);
	} else {
		ui_text(y, L->vx, L->vw, text, false);
	}
	free(shown);
	ui_style(ui, STYLE_NORMAL);
}

static void form_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct form *fm = v->data;
	struct layout L = layout();
	fm->cy = -1;

	int y = top;
	ui_style(ui, STYLE_DIM);
	const char *intro = fm->edit ? _("Each field is stored when you leave it (Enter, Up, Down). * is required.")
				     : _("Nothing is stored until Save (F2). * is required.");
	ui_text(y, 1, COLS - 2, intro, false);
	ui_style(ui, STYLE_NORMAL);
	int ftop = y + 2;

	/* The layout: the fields (taller with a long reason), a blank line and
	 * the buttons; scrolled so that the current row shows. */
	int row_y[ROW_COUNT], total = 0;
	for (int i = 0; i < F_COUNT; i++) {
		row_y[i] = total;
		total += field_height(fm, i, &L);
	}
	row_y[ROW_SAVE] = row_y[ROW_CANCEL] = total + 1;
	total += 2;
	int rows = bottom - ftop;
	if (rows < 1)
		return;
	int cur_top = row_y[fm->row], cur_bottom = fm->row < F_COUNT ? cur_top + field_height(fm, fm->row, &L) : cur_top + 1;
	if (cur_top < fm->scroll)
		fm->scroll = cur_top;
	if (cur_bottom > fm->scroll + rows)
		fm->scroll = cur_bottom - rows;
	if (fm->scroll > total - rows)
		fm->scroll = total - rows;
	if (fm->scroll < 0)
		fm->scroll = 0;

	for (int i = 0; i < F_COUNT; i++) {
		int fy = ftop + row_y[i] - fm->scroll;
		if (fy < ftop || fy >= bottom)
			continue;
		bool sel = i == fm->row;
		const char *r = reason(fm, i);
		ui_style(ui, STYLE_NORMAL);
		if (sel)
			ui_text(fy, 0, 1, ">", false);
		if (r) {
			ui_style(ui, STYLE_BAD);
			ui_text(fy, 1, 1, "!", false);
		}
		char label[128];
		snprintf(label, sizeof(label), "%s%s", _(fields[i].label), fields[i].required ? " *" : "");
		ui_style(ui, sel ? STYLE_HEADER : (r ? STYLE_BAD : STYLE_NORMAL));
		ui_text(fy, 2, L.lw, label, false);
		draw_value(ui, fm, i, fy, &L, sel);
		if (r && L.ew >= 8) {
			ui_style(ui, STYLE_BAD);
			int h = field_height(fm, i, &L);
			int b = fy + h < bottom ? fy + h : bottom;
			ui_wrap(fy, b, L.ex, L.ew, r, 0);
		}
		ui_style(ui, STYLE_NORMAL);
	}
	int by = ftop + row_y[ROW_SAVE] - fm->scroll;
	if (by >= ftop && by < bottom) {
		char b[64];
		int x = L.vx;
		snprintf(b, sizeof(b), "[%s]", _("Save"));
		if (fm->row == ROW_SAVE)
			ui_text(by, 0, 1, ">", false);
		ui_style(ui, fm->row == ROW_SAVE ? STYLE_SELECTED : STYLE_HEADER);
		x += ui_text(by, x, COLS - 1 - x, b, false) + 3;
		snprintf(b, sizeof(b), "[%s]", _("Cancel"));
		ui_style(ui, fm->row == ROW_CANCEL ? STYLE_SELECTED : STYLE_NORMAL);
		if (fm->row == ROW_CANCEL) {
			ui_style(ui, STYLE_NORMAL);
			ui_text(by, x - 1, 1, ">", false);
			ui_style(ui, STYLE_SELECTED);
		}
		ui_text(by, x, COLS - 1 - x, b, false);
		ui_style(ui, STYLE_NORMAL);
	}
}

static bool form_cursor(struct view *v, int *y, int *x)
{
	struct form *fm = v->data;
	if (!fm->editing || fm->cy < 0)
		return false;
	*y = fm->cy;
	*x = fm->cx;
	return true;
}

static const char *form_title(struct view *v)
{
	struct form *fm = v->data;
	return fm->title;
}

static const char *form_hints(struct view *v)
{
	struct form *fm = v->data;
	if (fm->editing)
		return fm->edit ? _("Enter/Up/Down:store and move  Esc:undo  F2:save and close")
				: _("Enter/Up/Down:next field  Esc:undo  F2:save");
	if (fm->row == F_CATEGORY)
		return _("Enter:choose  Up/Down:field  F2:save  Esc:close");
	return fm->edit ? _("Up/Down:field  Enter or type:edit  F2:save and close  Esc:close")
			: _("Up/Down:field  Enter or type:edit  F2:save  Esc:cancel");
}

/* The program ends on a signal: changes to a stored dossier that are
 * complete and correct are stored; a new dossier is not created half. */
static void form_rescue(struct view *v, struct ui *ui)
{
	struct form *fm = v->data;
	if (!fm->edit)
		return;
	for (int i = 0; i < F_COUNT; i++) {
		recheck(fm, i);
		if (!fm->f[i].error)
			store_field(fm, ui, i);
	}
}

static void form_free(struct view *v)
{
	struct form *fm = v->data;
	for (int i = 0; i < F_COUNT; i++) {
		strbuf_release(&fm->f[i].text);
		free(fm->f[i].stored);
		free(fm->f[i].before);
	}
	free(fm);
}

static const struct view_ops form_ops = {
	"form", form_draw, form_key, NULL, form_free, form_title, form_hints, form_cursor, form_rescue,
};

struct view *view_form_new(struct ui *ui, const char *reference)
{
	struct form *fm = xcalloc(1, sizeof(*fm));
	fm->ui = ui;
	fm->category = -1;
	if (reference) {
		struct dossier d;
		struct toets_error e = { 0 };
		if (dossier_get(ui->store, reference, &d, &e) != TOETS_OK) {
			ui_error(ui, "%s", e.message);
			free(fm);
			return NULL;
		}
		fm->edit = true;
		snprintf(fm->ref, sizeof(fm->ref), "%s", d.reference);
		const char *vals[F_COUNT] = {
			[F_NAME] = d.org.name, [F_KVK] = d.org.kvk, [F_LEGAL_FORM] = d.org.legal_form,
			[F_ADDRESS] = d.org.address, [F_WEBSITE] = d.org.website,
			[F_REPRESENTATIVE] = d.org.representative, [F_CATEGORY] = category_code(d.category),
			[F_ASSESSOR] = d.assessor, [F_RECEIVED] = d.received_on,
		};
		for (int i = 0; i < F_COUNT; i++) {
			fm->f[i].stored = xstrdup(vals[i] ? vals[i] : "");
			if (i != F_CATEGORY)
				set_text(&fm->f[i], vals[i]);
		}
		fm->category = (int)d.category;
		snprintf(fm->title, sizeof(fm->title), _("Edit dossier %s"), d.reference);
		dossier_release(&d);
	} else {
		struct toets_error e = { 0 };
		const char *account = ident_account(&e);
		for (int i = 0; i < F_COUNT; i++)
			fm->f[i].stored = xstrdup("");
		if (account) {
			set_text(&fm->f[F_ASSESSOR], account);
			free(fm->f[F_ASSESSOR].stored);
			fm->f[F_ASSESSOR].stored = xstrdup(account);
		}
		snprintf(fm->title, sizeof(fm->title), "%s", _("New dossier"));
	}
	for (int i = 0; i < F_COUNT; i++)
		recheck(fm, i);
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &form_ops;
	v->data = fm;
	return v;
}
