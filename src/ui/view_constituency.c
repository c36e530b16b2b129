/* view_constituency.c - the constituency of one dossier, opened from the
 * dossier with C: its AS numbers, IP prefixes and domain names in their
 * natural order (partners_read), each with its note, scrolled as a list.
 *
 * a adds one entry (a note may follow '#'; a refusal shows core's message
 * with the column it found at fault and opens the prompt again with the
 * cursor there), d removes the selected entry after a y/n question, i
 * imports a file (the path completed with Tab as for documents; then add
 * to or replace what is there): a file with errors stores nothing, its
 * first error with its line and column on the message line and the whole
 * report in the pager. o shows the overlaps with other dossiers. Every
 * change is one core call, written at once; the entries are read again
 * after each and whenever the view comes back on top.
 *
 * All entries of the dossier are read (thousands are quick); a dossier
 * with a million prefixes takes a second or two to open. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/constituency.h"
#include "toets/diag.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/partners.h"
#include "toets/procedure.h"

struct cons_view {
	struct ui *ui;
	char ref[DOSSIER_REF_LEN + 8];
	char *organisation;
	bool loaded;
	char error[1024];
	struct partners_rows rows;
	size_t counts[4]; /* by enum constituency_kind */
	int sel, top, height;
	char title[160];

	/* What was typed and not stored yet: offered again on the next try. */
	char *add_text;
	char *import_path;
	int import_flags;
	char *remove_value; /* the entry the open y/n question is about */
};

static const char *kind_word(enum constituency_kind k)
{
	/* The stored codes, as `toets constituency list` shows them. */
	return partners_kind_code(k);
}

static void release_rows(struct cons_view *cv)
{
	if (cv->loaded)
		partners_rows_release(&cv->rows);
	cv->loaded = false;
	memset(cv->counts, 0, sizeof(cv->counts));
}

/* Reads the entries; `select` (a normalised value) is selected when given,
 * else the entry that was. */
static void load(struct cons_view *cv, const char *select)
{
	char keep[CONSTITUENCY_TEXT_MAX] = "";
	if (select)
		snprintf(keep, sizeof(keep), "%s", select);
	else if (cv->loaded && cv->sel < (int)cv->rows.n)
		snprintf(keep, sizeof(keep), "%s", cv->rows.items[cv->sel].value);
	int old_sel = cv->sel;
	release_rows(cv);
	cv->error[0] = '\0';
	struct toets_error e = { 0 };
	if (!cv->organisation) {
		struct procedure p;
		if (procedure_load(cv->ui->store, cv->ref, &p, &e) == TOETS_OK) {
			cv->organisation = xstrdup(p.organisation ? p.organisation : "");
			procedure_release(&p);
		}
	}
	if (partners_read(cv->ui->store, cv->ref, &cv->rows, &e) != TOETS_OK) {
		partners_rows_release(&cv->rows);
		snprintf(cv->error, sizeof(cv->error), "%s", e.message);
		ui_error(cv->ui, "%s", e.message);
		return;
	}
	cv->loaded = true;
	for (size_t i = 0; i < cv->rows.n; i++)
		if ((unsigned)cv->rows.items[i].kind < 4)
			cv->counts[cv->rows.items[i].kind]++;
	int n = (int)cv->rows.n;
	cv->sel = old_sel < n ? old_sel : (n ? n - 1 : 0);
	if (keep[0])
		for (int i = 0; i < n; i++)
			if (strcmp(cv->rows.items[i].value, keep) == 0) {
				cv->sel = i;
				break;
			}
}

/* ---- drawing ------------------------------------------------------------------------------ */

static void cell(int y, int x, int w, const char *text)
{
	if (w <= 0 || !text)
		return;
	if (ui_width(text) <= w) {
		ui_text(y, x, w, text, false);
		return;
	}
	int used = ui_text(y, x, w - 1, text, false);
	ui_text(y, x + used, 1, "\xE2\x80\xA6", false);
}

static void cons_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct cons_view *cv = v->data;
	int x = 1;
	ui_style(ui, STYLE_HEADER);
	x += ui_text(top, x, COLS - 2, cv->ref, false);
	if (cv->organisation) {
		ui_style(ui, STYLE_NORMAL);
		ui_text(top, x + 2, COLS - 3 - x, cv->organisation, false);
	}
	if (!cv->loaded) {
		ui_style(ui, STYLE_ERROR);
		ui_wrap(top + 2, bottom, 1, COLS - 2, cv->error, 0);
		ui_style(ui, STYLE_NORMAL);
		return;
	}
	char counts[256];
	snprintf(counts, sizeof(counts), _("AS numbers %zu  \xC2\xB7  IP prefixes %zu  \xC2\xB7  domain names %zu"),
		 cv->counts[CONSTITUENCY_ASN], cv->counts[CONSTITUENCY_PREFIX], cv->counts[CONSTITUENCY_DOMAIN]);
	ui_style(ui, STYLE_NORMAL);
	ui_text(top + 1, 1, COLS - 2, counts, false);
	int y = top + 3;
	if (cv->rows.n == 0) {
		ui_wrap(y, bottom, 1, COLS - 2,
			_("No entries yet. a adds one (an AS number, an IP prefix or a domain name); i imports a "
			  "file with one entry per line."),
			0);
		return;
	}
	/* kind, entry (as wide as the widest, up to the longest IPv6
	 * prefix), note, and when there is room who added it and when. */
	int kind_w = ui_width(_("KIND")) > 6 ? ui_width(_("KIND")) : 6;
	int entry_w = ui_width(_("ENTRY"));
	for (size_t i = 0; i < cv->rows.n; i++) {
		int w = (int)strlen(cv->rows.items[i].value);
		if (w > entry_w)
			entry_w = w;
	}
	if (entry_w > 43)
		entry_w = 43;
	int added_w = COLS >= 110 ? 30 : 0;
	int kx = 1, ex = kx + kind_w + 2, nx = ex + entry_w + 2;
	int ax = COLS - 1 - added_w;
	int note_w = (added_w ? ax - 2 : COLS - 1) - nx;
	if (note_w < 12) {
		/* A narrow screen: the entry gives way to its note. */
		entry_w -= 12 - note_w;
		nx = ex + entry_w + 2;
		note_w = 12;
	}
	ui_style(ui, STYLE_HEADER);
	cell(y, kx, kind_w, _("KIND"));
	cell(y, ex, entry_w, _("ENTRY"));
	cell(y, nx, note_w, _("NOTE"));
	if (added_w)
		cell(y, ax, added_w, _("ADDED"));
	y++;
	int rows = bottom - y, n = (int)cv->rows.n;
	if (rows < 1)
		return;
	bool more = n > rows;
	if (more)
		rows--; /* the last line says where you are */
	cv->height = rows;
	if (cv->sel < cv->top)
		cv->top = cv->sel;
	if (cv->sel >= cv->top + rows)
		cv->top = cv->sel - rows + 1;
	if (cv->top > n - rows)
		cv->top = n - rows;
	if (cv->top < 0)
		cv->top = 0;
	for (int r = 0; r < rows && cv->top + r < n; r++) {
		int i = cv->top + r, yy = y + r;
		const struct partners_row *row = &cv->rows.items[i];
		bool selected = i == cv->sel;
		ui_style(ui, selected ? STYLE_SELECTED : STYLE_NORMAL);
		if (selected)
			ui_fill(yy, 0, COLS);
		cell(yy, kx, kind_w, kind_word(row->kind));
		cell(yy, ex, entry_w, row->value);
		if (row->note)
			cell(yy, nx, note_w, row->note);
		if (added_w) {
			char date[DATE_LEN], text[128];
			timestamp_local_date(row->at, date);
			snprintf(text, sizeof(text), "%s %s", date, row->account ? row->account : "");
			if (!selected)
				ui_style(ui, STYLE_DIM);
			cell(yy, ax, added_w, text);
		}
	}
	if (more) {
		char buf[128];
		snprintf(buf, sizeof(buf), _("entries %d-%d of %d: j, k, PgDn, PgUp"), cv->top + 1,
			 cv->top + rows < n ? cv->top + rows : n, n);
		ui_style(ui, STYLE_DIM);
		int w = ui_width(buf);
		ui_text(bottom - 1, COLS - 1 - w > 0 ? COLS - 1 - w : 0, w, buf, false);
	}
	ui_style(ui, STYLE_NORMAL);
}

/* ---- adding ------------------------------------------------------------------------------- */

static void ask_add(struct cons_view *cv, struct ui *ui, unsigned col);

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

static void add_done(struct ui *ui, const char *text, void *ctx)
{
	struct cons_view *cv = ctx;
	if (!text) {
		ui_message(ui, "%s", _("nothing was added"));
		return;
	}
	free(cv->add_text);
	cv->add_text = xstrdup(text);
	/* "VALUE # note", as a line of a file: '#' is never part of an entry. */
	size_t vlen = strcspn(text, "#"), lead = strspn(text, " \t");
	char *value = trimmed(text, vlen);
	char *note = text[vlen] == '#' ? trimmed(text + vlen + 1, strlen(text + vlen + 1)) : NULL;
	if (!*value) {
		free(value), free(note);
		xfree(&cv->add_text);
		ui_message(ui, "%s", _("nothing was added"));
		return;
	}
	const char *values[1] = { value };
	struct constituency_value parsed;
	bool existed = false;
	struct toets_error e = { 0 };
	memset(&parsed, 0, sizeof(parsed));
	enum toets_status st = partners_add(ui->store, cv->ref, values, 1, note && *note ? note : NULL, &parsed,
					    &existed, &e);
	if (st != TOETS_OK) {
		/* Where the entry is at fault, when it is: the column of the typed line. */
		struct constituency_value v;
		struct toets_error pe;
		unsigned col = 0;
		if (st == TOETS_ERR_INVALID && constituency_parse_line(value, strlen(value), &v, &pe) != TOETS_OK)
			col = (unsigned)lead + (v.col ? v.col : 1);
		if (col)
			ui_error(ui, _("column %u: %s"), col, e.message);
		else
			ui_error(ui, "%s", e.message);
		free(value), free(note);
		load(cv, NULL);
		if (!ui->quit && (st == TOETS_ERR_INVALID || st == TOETS_ERR_BUSY || st == TOETS_ERR_FULL))
			ask_add(cv, ui, col);
		return;
	}
	xfree(&cv->add_text);
	load(cv, parsed.text);
	if (existed)
		ui_message(ui, _("%s is already in the constituency of %s"), parsed.text, cv->ref);
	else if (parsed.warning[0])
		ui_message(ui, _("added %s; warning: %s"), parsed.text, parsed.warning);
	else
		ui_message(ui, _("added %s"), parsed.text);
	free(value), free(note);
}

static void ask_add(struct cons_view *cv, struct ui *ui, unsigned col)
{
	/* Not rescued on a signal: half an entry ("AS645") can be a valid, wrong one. */
	ui_prompt(ui, _("Add:"), cv->add_text, false, add_done, cv);
	if (col)
		ui_prompt_cursor(ui, col);
	if (!ui->message[0])
		ui_message(ui, "%s",
			   _("an AS number (AS64500), an IP prefix (192.0.2.0/24) or a domain name (example.nl); "
			     "a note after #"));
}

/* ---- removing ----------------------------------------------------------------------------- */

static void remove_confirmed(struct ui *ui, bool yes, void *ctx)
{
	struct cons_view *cv = ctx;
	char *value = cv->remove_value;
	cv->remove_value = NULL;
	if (!value)
		return;
	if (!yes) {
		ui_message(ui, _("%s stays"), value);
		free(value);
		return;
	}
	const char *values[1] = { value };
	struct toets_error e = { 0 };
	if (partners_remove(ui->store, cv->ref, values, 1, &e) != TOETS_OK) {
		load(cv, NULL);
		ui_error(ui, "%s", e.message);
	} else {
		load(cv, NULL);
		ui_message(ui, _("%s removed from the constituency of %s"), value, cv->ref);
	}
	free(value);
}

static void ask_remove(struct cons_view *cv, struct ui *ui)
{
	if (!cv->loaded || cv->rows.n == 0) {
		ui_error(ui, "%s", _("no entry to remove"));
		return;
	}
	free(cv->remove_value);
	cv->remove_value = xstrdup(cv->rows.items[cv->sel].value);
	char q[512];
	snprintf(q, sizeof(q), _("Remove %s from the constituency of %s?"), cv->remove_value, cv->ref);
	ui_confirm(ui, q, remove_confirmed, cv);
}

/* ---- overlaps ----------------------------------------------------------------------------- */

static void owner_label(struct strbuf *out, const struct partners_owner *o)
{
	strbuf_adds(out, o->reference);
	strbuf_addc(out, ' ');
	strbuf_adds(out, o->organisation);
}

/* The overlaps of this dossier with others into out (may be NULL: only
 * counted); -1 when they could not be read (the message is shown). */
static long overlaps(struct cons_view *cv, struct ui *ui, struct strbuf *out)
{
	struct toets_error e = { 0 };
	char id[STORE_ID_LEN];
	if (dossier_lookup(ui->store, cv->ref, id, &e) != TOETS_OK) {
		ui_error(ui, "%s", e.message);
		return -1;
	}
	struct partners_index pi;
	if (partners_index_load(ui->store, 0, &pi, &e) != TOETS_OK) {
		partners_index_release(&pi);
		ui_error(ui, "%s", e.message);
		return -1;
	}
	struct constituency_overlaps ov = { 0 };
	uint32_t owner = partners_index_find(&pi, id);
	size_t n = owner == CONSTITUENCY_NO_OWNER ? 0 : constituency_index_overlaps(pi.ix, owner, &ov);
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	for (size_t i = 0; out && i < n; i++) {
		const struct constituency_overlap *o = &ov.items[i];
		strbuf_reset(&a);
		strbuf_reset(&b);
		owner_label(&a, &pi.owners[o->owner_a]);
		owner_label(&b, &pi.owners[o->owner_b]);
		if (o->kind == CONSTITUENCY_OVERLAP_SAME)
			strbuf_addf(out, _("%s: claimed by %s and by %s\n"), o->text_a, strbuf_str(&a), strbuf_str(&b));
		else
			strbuf_addf(out, _("%s of %s lies inside %s of %s\n"), o->text_a, strbuf_str(&a), o->text_b,
				    strbuf_str(&b));
	}
	if (out && pi.n_unreadable)
		strbuf_addf(out, "\n%s\n", _("Some stored entries cannot be read and are left out: run 'toets db check'."));
	strbuf_release(&a);
	strbuf_release(&b);
	constituency_overlaps_release(&ov);
	partners_index_release(&pi);
	return (long)n;
}

static void show_overlaps(struct cons_view *cv, struct ui *ui)
{
	struct strbuf sb = STRBUF_INIT;
	long n = overlaps(cv, ui, &sb);
	if (n == 0)
		ui_message(ui, _("%s: no overlaps with other dossiers"), cv->ref);
	if (n > 0) {
		char title[160];
		snprintf(title, sizeof(title), _("Overlaps of %s with other dossiers (%ld)"), cv->ref, n);
		ui_pager(ui, title, strbuf_str(&sb));
	}
	strbuf_release(&sb);
}

/* ---- importing ---------------------------------------------------------------------------- */

static void ask_import_path(struct cons_view *cv, struct ui *ui);

static void import_run(struct cons_view *cv, struct ui *ui)
{
	const char *home = getenv("HOME");
	const char *typed = cv->import_path;
	char *path = typed[0] == '~' && typed[1] == '/' && home && *home ? xasprintf("%s%s", home, typed + 1)
									   : xstrdup(typed);
	/* The messages name the file by its last component: they fit the line. */
	const char *slash = strrchr(typed, '/');
	typed = slash && slash[1] ? slash + 1 : typed;
	struct diag_list dl;
	struct partners_import r;
	struct toets_error e = { 0 };
	diag_init(&dl, typed);
	enum toets_status st = partners_import_file(ui->store, cv->ref, path, (unsigned)cv->import_flags, &dl, &r, &e);
	free(path);
	load(cv, NULL);
	diag_sort(&dl);
	struct strbuf report = STRBUF_INIT;
	diag_format_all(&dl, &report);
	if (st != TOETS_OK) {
		const struct diag *first = NULL;
		for (size_t i = 0; i < dl.n && !first; i++)
			if (dl.items[i].severity == DIAG_ERROR)
				first = &dl.items[i];
		if (!first) {
			/* The file itself: missing, unreadable, too large; or a busy database. */
			ui_error(ui, "%s", e.message);
			if (!ui->quit && st != TOETS_ERR_INVALID)
				ask_import_path(cv, ui);
		} else {
			char title[256];
			snprintf(title, sizeof(title), _("Import of %s: nothing was stored"), typed);
			strbuf_addf(&report, "\n%s\n", e.message);
			ui_pager(ui, title, strbuf_str(&report));
			ui_error(ui, _("%s line %u, column %u: %s (%s; q closes the report)"), typed, first->line,
				 first->col, first->message, e.message);
		}
		strbuf_release(&report);
		diag_release(&dl);
		return;
	}
	struct strbuf msg = STRBUF_INIT;
	if (cv->import_flags & PARTNERS_REPLACE)
		strbuf_addf(&msg, _("%zu entries from %s: added %zu, unchanged %zu, notes changed %zu, removed %zu"),
			    r.entries, typed, r.added, r.kept, r.notes_changed, r.removed);
	else
		strbuf_addf(&msg, _("%zu entries from %s: added %zu, already there %zu"), r.entries, typed, r.added,
			    r.kept);
	long n = overlaps(cv, ui, NULL);
	if (n > 0)
		strbuf_addf(&msg, ngettext("; %ld overlap with other dossiers (o shows it)",
					   "; %ld overlaps with other dossiers (o shows them)", (unsigned long)n),
			    n);
	if (dl.n_warnings) {
		char title[256];
		snprintf(title, sizeof(title), _("Import of %s: warnings"), typed);
		ui_pager(ui, title, strbuf_str(&report));
		strbuf_addf(&msg, ngettext("; %zu warning (q closes them)", "; %zu warnings (q closes them)",
					   (unsigned long)dl.n_warnings),
			    dl.n_warnings);
	}
	ui_message(ui, "%s", strbuf_str(&msg));
	strbuf_release(&msg);
	strbuf_release(&report);
	diag_release(&dl);
	xfree(&cv->import_path);
}

static void import_how(struct ui *ui, int choice, void *ctx)
{
	struct cons_view *cv = ctx;
	if (choice < 0) {
		ui_message(ui, "%s", _("nothing was imported"));
		return;
	}
	cv->import_flags = choice == 1 ? PARTNERS_REPLACE : 0;
	import_run(cv, ui);
}

static void import_path_done(struct ui *ui, const char *text, void *ctx)
{
	struct cons_view *cv = ctx;
	if (!text || !text[strspn(text, " \t")]) {
		ui_message(ui, "%s", _("nothing was imported"));
		return;
	}
	free(cv->import_path);
	cv->import_path = xstrdup(text);
	if (ui->quit)
		return;
	const char *items[2] = {
		_("add its entries to those there"),
		_("replace: the file becomes the whole constituency"),
	};
	char title[128];
	snprintf(title, sizeof(title), _("Import into %s:"), cv->ref);
	ui_menu(ui, title, items, 2, cv->import_flags & PARTNERS_REPLACE ? 1 : 0, import_how, cv);
}

static void ask_import_path(struct cons_view *cv, struct ui *ui)
{
	ui_prompt(ui, _("Import the file:"), cv->import_path, true, import_path_done, cv);
	if (!ui->message[0])
		ui_message(ui, "%s", _("one entry per line; '#' starts a comment; a file with errors stores nothing"));
}

/* ---- the view ------------------------------------------------------------------------------ */

static bool cons_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	(void)k;
	struct cons_view *cv = v->data;
	int n = cv->loaded ? (int)cv->rows.n : 0, page = cv->height > 1 ? cv->height - 1 : 1;
	switch (a) {
	case ACT_UP: cv->sel--; break;
	case ACT_DOWN: cv->sel++; break;
	case ACT_PAGE_UP: cv->sel -= page; break;
	case ACT_PAGE_DOWN: cv->sel += page; break;
	case ACT_FIRST: cv->sel = 0; break;
	case ACT_LAST: cv->sel = n - 1; break;
	case ACT_ADD_ENTRY:
		if (cv->loaded)
			ask_add(cv, ui, 0);
		return true;
	case ACT_REMOVE_ENTRY:
		ask_remove(cv, ui);
		return true;
	case ACT_IMPORT:
		if (cv->loaded)
			ask_import_path(cv, ui);
		return true;
	case ACT_OVERLAPS:
		show_overlaps(cv, ui);
		return true;
	case ACT_REDRAW:
		load(cv, NULL);
		return false;
	default: return false;
	}
	if (cv->sel >= n)
		cv->sel = n - 1;
	if (cv->sel < 0)
		cv->sel = 0;
	return true;
}

static void cons_enter(struct view *v, struct ui *ui)
{
	(void)ui;
	load(v->data, NULL);
}

static const char *cons_title(struct view *v)
{
	struct cons_view *cv = v->data;
	char base[96];
	snprintf(base, sizeof(base), _("Constituency of %s"), cv->ref);
	if (cv->loaded && cv->rows.n)
		snprintf(cv->title, sizeof(cv->title), "%s  %d/%zu", base, cv->sel + 1, cv->rows.n);
	else
		snprintf(cv->title, sizeof(cv->title), "%s", base);
	return cv->title;
}

static const char *cons_hints(struct view *v)
{
	(void)v;
	return _("a:add  d:remove  i:import  o:overlaps  j/k:move  q:back");
}

static void cons_free(struct view *v)
{
	struct cons_view *cv = v->data;
	release_rows(cv);
	free(cv->organisation);
	free(cv->add_text);
	free(cv->import_path);
	free(cv->remove_value);
	free(cv);
}

static const struct view_ops cons_ops = {
	"constituency", cons_draw, cons_key, cons_enter, cons_free, cons_title, cons_hints, NULL, NULL,
};

struct view *view_constituency_new(struct ui *ui, const char *reference)
{
	struct cons_view *cv = xcalloc(1, sizeof(*cv));
	cv->ui = ui;
	snprintf(cv->ref, sizeof(cv->ref), "%s", reference);
	load(cv, NULL);
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &cons_ops;
	v->data = cv;
	return v;
}
