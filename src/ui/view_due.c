/* view_due.c - the attention view, opened from the list with '!': what
 * `toets due` prints, most urgent first (procedure_due sorts): open
 * applications past or near their legal deadline or service target, open
 * aanvullingen whose term ends or has lapsed, and designations whose
 * re-assessment is overdue or near; then the dossiers whose clock cannot be
 * told (their dates do not fit together). Enter opens the dossier; the
 * list is read again whenever the view comes back on top. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/clock_words.h"
#include "toets/clock.h"
#include "toets/i18n.h"
#include "toets/procedure.h"

struct due_view {
	struct ui *ui;
	struct due_list l;
	bool loaded;
	char error[1024];
	struct clock_settings cs;
	int clock_days, reassess_days;
	int sel, top, height;
	char title[128];
};

static int n_rows(const struct due_view *dv)
{
	return dv->loaded ? (int)(dv->l.n + dv->l.n_problems) : 0;
}

static const char *row_reference(const struct due_view *dv, int i)
{
	return i < (int)dv->l.n ? dv->l.items[i].reference : dv->l.problems[i - (int)dv->l.n].reference;
}

static const char *kind_words(enum due_kind k)
{
	switch (k) {
	case DUE_LEGAL: return _("legal term");
	case DUE_TERM: return _("aanvulling term");
	case DUE_TARGET: return _("service target");
	case DUE_REASSESS: return _("re-assessment");
	default: return "?";
	}
}

/* Reads what is due now; the selected row stays selected when it still is. */
static void load(struct due_view *dv)
{
	char ref[DOSSIER_REF_LEN] = "";
	int kind = -1, old_sel = dv->sel;
	if (dv->loaded && dv->sel < n_rows(dv)) {
		snprintf(ref, sizeof(ref), "%s", row_reference(dv, dv->sel));
		kind = dv->sel < (int)dv->l.n ? (int)dv->l.items[dv->sel].kind : -1;
	}
	if (dv->loaded)
		due_list_release(&dv->l);
	dv->loaded = false;
	dv->error[0] = '\0';
	char today[DATE_LEN];
	ui_today(dv->ui, today);
	struct toets_error e = { 0 };
	if (procedure_due(dv->ui->store, today, &dv->cs, dv->clock_days, dv->reassess_days, &dv->l, &e) != TOETS_OK) {
		snprintf(dv->error, sizeof(dv->error), "%s", e.message);
		ui_error(dv->ui, "%s", e.message);
		return;
	}
	dv->loaded = true;
	int n = n_rows(dv);
	dv->sel = old_sel < n ? old_sel : (n ? n - 1 : 0);
	if (!ref[0])
		return;
	for (int i = 0; i < n; i++)
		if (strcmp(row_reference(dv, i), ref) == 0 &&
		    (i < (int)dv->l.n ? (int)dv->l.items[i].kind : -1) == kind) {
			dv->sel = i;
			break;
		}
}

/* ---- drawing ------------------------------------------------------------------------------ */

/* Text in `w` columns, cut with "…" when it does not fit. */
static void cell(int y, int x, int w, const char *text)
{
	if (w <= 0)
		return;
	if (ui_width(text) <= w) {
		ui_text(y, x, w, text, false);
		return;
	}
	int used = ui_text(y, x, w - 1, text, false);
	ui_text(y, x + used, 1, "\xE2\x80\xA6", false);
}

struct cols {
	int ref_x, ref_w, when_x, when_w, date_x, what_x, what_w, status_x, status_w, org_x, org_w;
};

static struct cols layout(const struct due_view *dv)
{
	struct cols c;
	c.ref_w = ui_width(_("DOSSIER"));
	c.when_w = ui_width(_("WHEN"));
	c.what_w = ui_width(_("WHAT"));
	for (size_t i = 0; i < dv->l.n; i++) {
		const struct due_item *it = &dv->l.items[i];
		int w = (int)strlen(it->reference);
		if (w > c.ref_w)
			c.ref_w = w;
		struct strbuf sb = STRBUF_INIT;
		clock_when_words(&sb, it->left);
		if (ui_width(strbuf_str(&sb)) > c.when_w)
			c.when_w = ui_width(strbuf_str(&sb));
		strbuf_release(&sb);
		if (ui_width(kind_words(it->kind)) > c.what_w)
			c.what_w = ui_width(kind_words(it->kind));
	}
	if (c.ref_w < 9)
		c.ref_w = 9;
	c.ref_x = 1;
	c.when_x = c.ref_x + c.ref_w + 1;
	c.date_x = c.when_x + c.when_w + 1;
	c.what_x = c.date_x + 10 + 1;
	/* The status when there is room for it and a readable name. */
	int rest = COLS - 1 - (c.what_x + c.what_w + 1);
	c.status_w = rest >= 19 + 1 + 24 ? 22 : 0;
	c.status_x = c.what_x + c.what_w + 1;
	c.org_x = c.status_x + (c.status_w ? c.status_w + 1 : 0);
	c.org_w = COLS - 1 - c.org_x;
	return c;
}

static void due_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct due_view *dv = v->data;
	if (!dv->loaded) {
		ui_style(ui, STYLE_ERROR);
		ui_wrap(top + 1, bottom, 1, COLS - 2, dv->error, 0);
		ui_style(ui, STYLE_NORMAL);
		return;
	}
	char intro[512];
	snprintf(intro, sizeof(intro),
		 _("Most urgent first: deadlines past or within %d days, aanvulling terms, re-assessments "
		   "within %d days."),
		 dv->clock_days, dv->reassess_days);
	ui_style(ui, STYLE_DIM);
	int y = ui_wrap(top, bottom, 1, COLS - 2, intro, 0);
	ui_style(ui, STYLE_NORMAL);
	y++;
	int n = n_rows(dv);
	if (n == 0) {
		char text[256];
		snprintf(text, sizeof(text), _("Nothing needs attention: no deadline within %d days, no re-assessment "
					       "within %d days."),
			 dv->clock_days, dv->reassess_days);
		ui_wrap(y + 1, bottom, 1, COLS - 2, text, 0);
		return;
	}
	struct cols c = layout(dv);
	ui_style(ui, STYLE_HEADER);
	cell(y, c.ref_x, c.ref_w, _("DOSSIER"));
	cell(y, c.when_x, c.when_w, _("WHEN"));
	cell(y, c.date_x, 10, _("DATE"));
	cell(y, c.what_x, c.what_w, _("WHAT"));
	if (c.status_w)
		cell(y, c.status_x, c.status_w, _("STATUS"));
	cell(y, c.org_x, c.org_w, _("ORGANISATION"));
	y++;
	int rows = bottom - y;
	if (rows < 1)
		return;
	dv->height = rows;
	if (dv->sel < dv->top)
		dv->top = dv->sel;
	if (dv->sel >= dv->top + rows)
		dv->top = dv->sel - rows + 1;
	if (dv->top > n - rows)
		dv->top = n - rows;
	if (dv->top < 0)
		dv->top = 0;
	for (int r = 0; r < rows && dv->top + r < n; r++) {
		int i = dv->top + r, yy = y + r;
		bool selected = i == dv->sel;
		enum ui_style base = selected ? STYLE_SELECTED : STYLE_NORMAL;
		ui_style(ui, base);
		if (selected)
			ui_fill(yy, 0, COLS);
		cell(yy, c.ref_x, c.ref_w, row_reference(dv, i));
		if (i >= (int)dv->l.n) {
			const struct due_problem *pr = &dv->l.problems[i - (int)dv->l.n];
			/* "the clock of 2026-0009: the application cannot be ..." */
			if (!selected)
				ui_style(ui, STYLE_BAD);
			cell(yy, c.when_x, COLS - 1 - c.when_x, pr->message);
			continue;
		}
		const struct due_item *it = &dv->l.items[i];
		struct strbuf when = STRBUF_INIT;
		clock_when_words(&when, it->left);
		if (!selected && it->left < 0)
			ui_style(ui, STYLE_BAD);
		else if (!selected && it->left <= dv->clock_days)
			ui_style(ui, STYLE_WARN);
		cell(yy, c.when_x, c.when_w, strbuf_str(&when));
		strbuf_release(&when);
		ui_style(ui, base);
		cell(yy, c.date_x, 10, it->date);
		cell(yy, c.what_x, c.what_w, kind_words(it->kind));
		if (c.status_w)
			cell(yy, c.status_x, c.status_w, dossier_status_name(it->status));
		cell(yy, c.org_x, c.org_w, it->organisation);
	}
	ui_style(ui, STYLE_NORMAL);
}

/* ---- the view ------------------------------------------------------------------------------ */

static bool due_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	(void)k;
	struct due_view *dv = v->data;
	int n = n_rows(dv), page = dv->height > 1 ? dv->height - 1 : 1;
	switch (a) {
	case ACT_UP: dv->sel--; break;
	case ACT_DOWN: dv->sel++; break;
	case ACT_PAGE_UP: dv->sel -= page; break;
	case ACT_PAGE_DOWN: dv->sel += page; break;
	case ACT_FIRST: dv->sel = 0; break;
	case ACT_LAST: dv->sel = n - 1; break;
	case ACT_OPEN:
		if (dv->sel < n)
			ui_push(ui, view_dossier_new(ui, row_reference(dv, dv->sel)));
		return true;
	case ACT_ATTENTION:
		load(dv);
		return true;
	case ACT_REDRAW:
		load(dv);
		return false; /* the application redraws the terminal */
	default: return false;
	}
	if (dv->sel >= n)
		dv->sel = n - 1;
	if (dv->sel < 0)
		dv->sel = 0;
	return true;
}

static void due_enter(struct view *v, struct ui *ui)
{
	(void)ui;
	load(v->data);
}

static const char *due_title(struct view *v)
{
	struct due_view *dv = v->data;
	int n = n_rows(dv);
	if (n)
		snprintf(dv->title, sizeof(dv->title), "%s  %d/%d", _("Due"), dv->sel + 1, n);
	else
		snprintf(dv->title, sizeof(dv->title), "%s", _("Due"));
	return dv->title;
}

static const char *due_hints(struct view *v)
{
	(void)v;
	return _("Enter:open the dossier  j/k:move  q:back");
}

static void due_free(struct view *v)
{
	struct due_view *dv = v->data;
	if (dv->loaded)
		due_list_release(&dv->l);
	free(dv);
}

static const struct view_ops due_ops = {
	"due", due_draw, due_key, due_enter, due_free, due_title, due_hints, NULL, NULL,
};

struct view *view_due_new(struct ui *ui)
{
	struct due_view *dv = xcalloc(1, sizeof(*dv));
	dv->ui = ui;
	ui_clock_settings(ui, &dv->cs);
	/* As `toets due` without --days. */
	dv->clock_days = dv->cs.near_days;
	dv->reassess_days = PROCEDURE_REASSESS_DAYS;
	load(dv);
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &due_ops;
	v->data = dv;
	return v;
}
