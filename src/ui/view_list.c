/* view_list.c - the dossier list: one row per dossier (reference,
 * organisation, category, status, assessor, days on the legal clock, legal
 * deadline), sorted by any column, filtered by status, category and
 * full-text words.
 *
 * Only the rows on screen are in memory (a screenful and one spare slot):
 * each move past the edge asks listing_page for the rows just after the
 * last or just before the first row (keyset paging), so 10,000 dossiers
 * scroll as smoothly as ten. The count and the position of the first row
 * are read once per reload and then followed as the window moves.
 *
 * The clock of a row comes from its events (procedure_load: the receipt,
 * completeness, suspensions and the decision), read when the row first
 * shows and kept in a small cache of about two screenfuls, so that a key
 * costs at most the rows that scroll in; the cache is emptied whenever the
 * list is read again (the dossiers may have changed meanwhile). */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

#include "toets/clock.h"
#include "toets/datetime.h"
#include "toets/i18n.h"
#include "toets/listing.h"
#include "toets/procedure.h"

/* The columns, left to right. */
enum column { COL_REF, COL_ORG, COL_CAT, COL_STATUS, COL_ASSESSOR, COL_DAYS, COL_DEADLINE, COL_N };

static const char *const column_labels[COL_N] = {
	/* TRANSLATORS: column headers of the dossier list; short, in capitals. */
	N_("DOSSIER"), N_("ORGANISATION"), N_("CAT"), N_("STATUS"), N_("ASSESSOR"), N_("DAYS"),
	N_("DEADLINE"),
};

/* The column each sort order belongs to (received: the deadline, which is
 * received + 8 weeks and so sorts alike, suspensions apart). */
static const enum column sort_column[SORT_COUNT] = {
	[SORT_REFERENCE] = COL_REF,	    [SORT_ORGANISATION] = COL_ORG,
	[SORT_CATEGORY] = COL_CAT,	    [SORT_STATUS] = COL_STATUS,
	[SORT_ASSESSOR] = COL_ASSESSOR, [SORT_RECEIVED] = COL_DEADLINE,
};

/* The clock of one dossier, as the list shows it. */
struct clock_cell {
	char id[STORE_ID_LEN]; /* "" when the slot is free */
	unsigned used;         /* when last drawn: the oldest slot goes first */
	bool ok;               /* false: its events do not fit together */
	bool received;
	bool decided;
	int days;
	char deadline[DATE_LEN];
	enum clock_term_state state;
};

struct list {
	struct ui *ui;
	enum listing_sort sort;
	bool descending;
	int status;   /* filter: enum dossier_status or -1 */
	int category; /* filter: enum category or -1 */
	char *query;  /* filter: search words, or NULL */

	/* The window: rows[0..n) on screen, rows[n] a spare slot for the row
	 * that scrolls in. cap = height + 1. */
	struct listing_row *rows;
	int cap, n, sel, height;
	int count;     /* dossiers passing the filter, at the last reload */
	int first_pos; /* how many of them come before rows[0] */

	bool loaded;     /* the first page has been read */
	bool broken;     /* the last read failed: rows are gone, retry on a key */
	bool skip_enter; /* a prompt or menu of ours closes: its callback reloads */
	char retry_ref[DOSSIER_REF_LEN];
	int retry_offset;

	struct clock_cell *cells;
	int n_cells;
	unsigned tick;
	char cells_today[DATE_LEN]; /* the day the cells were told on */
	struct clock_settings cs;

	char title[512];
};

/* ---- the clocks of the rows on screen ------------------------------------------------- */

static void forget_clocks(struct list *l)
{
	for (int i = 0; i < l->n_cells; i++)
		l->cells[i].id[0] = '\0';
}

static void tell_clock(struct list *l, const struct listing_row *r, const char *today, struct clock_cell *c)
{
	struct procedure p;
	struct toets_error e = { 0 };
	c->ok = true;
	c->received = r->received_on[0] != '\0';
	c->decided = false;
	c->days = 0;
	c->deadline[0] = '\0';
	c->state = CLOCK_TERM_NONE;
	if (!c->received)
		return;
	if (procedure_load(l->ui->store, r->id, &p, &e) != TOETS_OK) {
		c->ok = false;
		return;
	}
	struct clock_result cr;
	if (!p.received_on[0]) {
		c->received = false;
	} else if (procedure_clock(&p, today, &l->cs, &cr, &e) != TOETS_OK) {
		c->ok = false;
	} else {
		c->decided = p.decided_on[0] != '\0';
		c->days = cr.days;
		snprintf(c->deadline, sizeof(c->deadline), "%s", cr.legal.deadline);
		c->state = cr.legal.state;
	}
	procedure_release(&p);
}

/* The clock of a row: from the cache, or told now into the slot used longest ago. */
static const struct clock_cell *row_clock(struct list *l, const struct listing_row *r, const char *today)
{
	if (strcmp(today, l->cells_today) != 0) {
		forget_clocks(l);
		snprintf(l->cells_today, sizeof(l->cells_today), "%s", today);
	}
	int want = 2 * l->cap + 4;
	if (l->n_cells < want) {
		l->cells = xrealloc(l->cells, (size_t)want * sizeof(*l->cells));
		memset(l->cells + l->n_cells, 0, (size_t)(want - l->n_cells) * sizeof(*l->cells));
		l->n_cells = want;
	}
	l->tick++;
	struct clock_cell *slot = &l->cells[0];
	for (int i = 0; i < l->n_cells; i++) {
		struct clock_cell *c = &l->cells[i];
		if (!c->id[0]) {
			if (slot->id[0])
				slot = c; /* a free one */
		} else if (strcmp(c->id, r->id) == 0) {
			c->used = l->tick;
			return c;
		} else if (slot->id[0] && c->used < slot->used) {
			slot = c;
		}
	}
	snprintf(slot->id, sizeof(slot->id), "%s", r->id);
	slot->used = l->tick;
	tell_clock(l, r, today, slot);
	return slot;
}

static struct listing_filter filter_of(const struct list *l)
{
	struct listing_filter f = { l->status, l->category, l->query };
	return f;
}

static bool filtered(const struct list *l)
{
	return l->status >= 0 || l->category >= 0 || l->query;
}

static bool report(struct list *l, enum toets_status st, const struct toets_error *e)
{
	if (st == TOETS_OK)
		return true;
	ui_error(l->ui, "%s", e->message[0] ? e->message : _("the dossiers could not be read"));
	return false;
}

static enum toets_status page(struct list *l, const struct listing_key *anchor, bool after, int limit,
			      struct listing_row *out, int *got, struct toets_error *e)
{
	struct listing_filter f = filter_of(l);
	*got = 0;
	if (limit <= 0)
		return TOETS_OK;
	return listing_page(l->ui->store, &f, l->sort, l->descending, anchor, after, limit, out, got, e);
}

/* The last `k` of rows[0..n) to the front, in order. */
static void rotate_right(struct listing_row *rows, int n, int k)
{
	if (k <= 0 || k >= n)
		return;
	struct listing_row tmp;
	/* Three reversals: [A B] -> [B A] without a second window. */
	for (int pass = 0; pass < 3; pass++) {
		int from = pass == 0 ? 0 : pass == 1 ? 0 : k;
		int to = pass == 0 ? n - 1 : pass == 1 ? k - 1 : n - 1;
		for (; from < to; from++, to--) {
			tmp = rows[from];
			rows[from] = rows[to];
			rows[to] = tmp;
		}
	}
}

/* Reads the count, and the position of rows[0]. */
static bool read_position(struct list *l)
{
	struct listing_filter f = filter_of(l);
	struct toets_error e = { 0 };
	if (!report(l, listing_count(l->ui->store, &f, &l->count, &e), &e))
		return false;
	l->first_pos = 0;
	if (l->n > 0 &&
	    !report(l, listing_position(l->ui->store, &f, l->sort, l->descending, &l->rows[0].key,
					&l->first_pos, &e),
		    &e))
		return false;
	return true;
}

static void set_broken(struct list *l, const char *ref, int offset)
{
	l->broken = true;
	l->n = 0;
	l->sel = 0;
	snprintf(l->retry_ref, sizeof(l->retry_ref), "%s", ref ? ref : "");
	l->retry_offset = offset;
}

/* Before a read that overwrites the window: where to come back to if it fails. */
struct place {
	char ref[DOSSIER_REF_LEN];
	int offset;
};

static struct place here(const struct list *l)
{
	struct place p = { "", 0 };
	if (l->n > 0) {
		snprintf(p.ref, sizeof(p.ref), "%s", l->rows[l->sel].reference);
		p.offset = l->sel;
	} else if (l->broken) {
		p = (struct place){ "", l->retry_offset };
		snprintf(p.ref, sizeof(p.ref), "%s", l->retry_ref);
	}
	return p;
}

static bool load_first(struct list *l)
{
	struct toets_error e = { 0 };
	struct place back = here(l);
	int got;
	if (!report(l, page(l, NULL, true, l->height, l->rows, &got, &e), &e)) {
		set_broken(l, back.ref, back.offset);
		return false;
	}
	l->n = got;
	l->sel = 0;
	l->broken = false;
	if (!read_position(l)) {
		l->count = l->n;
		l->first_pos = 0;
	}
	return true;
}

static bool load_last(struct list *l)
{
	struct toets_error e = { 0 };
	struct place back = here(l);
	int got;
	if (!report(l, page(l, NULL, false, l->height, l->rows, &got, &e), &e)) {
		set_broken(l, back.ref, back.offset);
		return false;
	}
	l->n = got;
	l->sel = got > 0 ? got - 1 : 0;
	l->broken = false;
	read_position(l);
	return true;
}

/* Reads the window around the dossier `ref` (where it is now in this
 * order), with `offset` rows above it when there are that many. The
 * dossier stays selected when it still passes the filter; otherwise the
 * row now at its place is. True when the reads worked. */
static bool load_around(struct list *l, const char *ref, int offset)
{
	char want[DOSSIER_REF_LEN];
	snprintf(want, sizeof(want), "%s", ref);
	if (offset > l->height - 1)
		offset = l->height - 1;
	if (offset < 0)
		offset = 0;
	struct toets_error e = { 0 };
	struct listing_key key;
	listing_key_reference(&key, want);
	int before = 0, after = 0, more = 0;
	/* The rows above it, then it and the rows below: a page starts after
	 * a row, so at the top of the screen the one row above it is read as
	 * the anchor only. */
	enum toets_status st = page(l, &key, false, offset > 0 ? offset : 1, l->rows, &before, &e);
	if (st == TOETS_OK) {
		if (before > 0) {
			struct listing_key k = l->rows[before - 1].key;
			before = offset > 0 ? before : 0;
			st = page(l, &k, true, l->height - before, l->rows + before, &after, &e);
		} else {
			st = page(l, NULL, true, l->height, l->rows, &after, &e);
		}
	}
	/* Near the end: fill the screen with the rows above. */
	int n = before + after;
	if (st == TOETS_OK && n > 0 && n < l->height && before == offset) {
		struct listing_key k = l->rows[0].key;
		st = page(l, &k, false, l->height - n, l->rows + n, &more, &e);
		if (st == TOETS_OK) {
			rotate_right(l->rows, n + more, more);
			n += more;
		}
	}
	if (!report(l, st, &e)) {
		set_broken(l, want, offset);
		return false;
	}
	l->broken = false;
	l->n = n;
	l->sel = more + before < n ? more + before : (n > 0 ? n - 1 : 0);
	for (int i = 0; i < n; i++)
		if (strcmp(l->rows[i].reference, want) == 0) {
			l->sel = i;
			break;
		}
	read_position(l);
	return true;
}

/* Reads the window again, keeping the selected dossier in its place. */
static void reload(struct list *l)
{
	forget_clocks(l);
	struct place p = here(l);
	if (p.ref[0])
		load_around(l, p.ref, p.offset);
	else
		load_first(l);
}

/* After a filter changed: the selected dossier stays selected when it
 * passes; otherwise the list starts from the top. */
static void refilter(struct list *l)
{
	struct place p = here(l);
	if (!p.ref[0]) {
		load_first(l);
		return;
	}
	if (!load_around(l, p.ref, p.offset))
		return;
	if (l->n == 0 || strcmp(l->rows[l->sel].reference, p.ref) != 0)
		load_first(l);
}

/* A new height: room for height + 1 rows; the selected dossier stays. */
static void set_height(struct list *l, int height)
{
	struct place p = here(l);
	if (height + 1 > l->cap || height + 1 < l->cap / 2) {
		free(l->rows);
		l->cap = height + 1;
		l->rows = xcalloc((size_t)l->cap, sizeof(*l->rows));
	}
	l->n = 0;
	l->sel = 0;
	l->height = height;
	l->loaded = true;
	if (p.ref[0])
		load_around(l, p.ref, p.offset);
	else
		load_first(l);
}

/* ---- moving ---------------------------------------------------------------------------- */

static void move_down(struct list *l)
{
	if (l->sel < l->n - 1) {
		l->sel++;
		return;
	}
	if (l->n == 0)
		return;
	struct listing_key k = l->rows[l->n - 1].key;
	struct toets_error e = { 0 };
	int got;
	if (!report(l, page(l, &k, true, 1, &l->rows[l->n], &got, &e), &e) || got == 0)
		return;
	if (l->n < l->height) {
		l->n++;
		l->sel++;
	} else {
		memmove(l->rows, l->rows + 1, (size_t)l->n * sizeof(*l->rows));
		l->first_pos++;
	}
}

static void move_up(struct list *l)
{
	if (l->sel > 0) {
		l->sel--;
		return;
	}
	if (l->n == 0)
		return;
	struct listing_key k = l->rows[0].key;
	struct toets_error e = { 0 };
	int got;
	if (!report(l, page(l, &k, false, 1, &l->rows[l->n], &got, &e), &e) || got == 0)
		return;
	/* The new row to the front; the last one falls into the spare slot. */
	rotate_right(l->rows, l->n + 1, 1);
	if (l->n < l->height)
		l->n++;
	if (l->first_pos > 0)
		l->first_pos--;
}

static void page_down(struct list *l)
{
	if (l->n == 0)
		return;
	struct listing_key k = l->rows[l->n - 1].key;
	struct toets_error e = { 0 };
	int got;
	/* Is there anything below? The spare slot answers without touching the window. */
	if (!report(l, page(l, &k, true, 1, &l->rows[l->n], &got, &e), &e))
		return;
	if (got == 0) {
		l->sel = l->n - 1;
		return;
	}
	struct place back = here(l);
	int old_n = l->n, old_sel = l->sel;
	if (!report(l, page(l, &k, true, l->height, l->rows, &got, &e), &e)) {
		load_around(l, back.ref, back.offset);
		return;
	}
	if (got == l->height) {
		l->n = got;
		l->first_pos += old_n;
		return;
	}
	/* The end is near: the last screenful, the selection `height` further. */
	int total = l->first_pos + old_n + got, shown;
	if (!report(l, page(l, NULL, false, l->height, l->rows, &shown, &e), &e)) {
		load_around(l, back.ref, back.offset);
		return;
	}
	l->n = shown;
	l->first_pos = total - shown > 0 ? total - shown : 0;
	int sel = old_sel + l->height - got;
	l->sel = sel < shown - 1 ? sel : (shown > 0 ? shown - 1 : 0);
}

static void page_up(struct list *l)
{
	if (l->n == 0)
		return;
	struct listing_key k = l->rows[0].key;
	struct toets_error e = { 0 };
	int got;
	if (!report(l, page(l, &k, false, 1, &l->rows[l->n], &got, &e), &e))
		return;
	if (got == 0) {
		l->sel = 0;
		return;
	}
	struct place back = here(l);
	int old_sel = l->sel;
	if (!report(l, page(l, &k, false, l->height, l->rows, &got, &e), &e)) {
		load_around(l, back.ref, back.offset);
		return;
	}
	if (got == l->height) {
		l->n = got;
		l->first_pos = l->first_pos > got ? l->first_pos - got : 0;
		if (l->sel > l->n - 1)
			l->sel = l->n - 1;
		return;
	}
	/* The start is near: the first screenful, the selection `height` further up. */
	int shown;
	if (!report(l, page(l, NULL, true, l->height, l->rows, &shown, &e), &e)) {
		load_around(l, back.ref, back.offset);
		return;
	}
	l->n = shown;
	l->first_pos = 0;
	int sel = old_sel - (l->height - got);
	l->sel = sel < 0 ? 0 : sel < shown ? sel : (shown > 0 ? shown - 1 : 0);
}

/* ---- drawing ----------------------------------------------------------------------------- */

struct layout {
	int x[COL_N], w[COL_N];
};

/* At 80 columns every column has its least width; more room goes to the
 * status (up to its longest name), the assessor, then the organisation. */
static void layout(struct layout *lo, int cols)
{
	int w[COL_N] = { 9, 15, 5, 19, 9, 4, 13 };
	int extra = cols - 80;
	if (extra > 0) {
		int s = extra < 3 ? extra : 3;
		w[COL_STATUS] += s, extra -= s;
		int a = extra < 7 ? extra : 7;
		w[COL_ASSESSOR] += a, extra -= a;
		w[COL_ORG] += extra;
	}
	int x = 0;
	for (int c = 0; c < COL_N; c++) {
		lo->x[c] = x;
		lo->w[c] = w[c];
		x += w[c] + 1;
	}
}

/* Columns the text takes: plain ASCII is one column a byte (most of what
 * a list shows; the rest is measured with wcwidth). */
static int text_width(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	for (; *p; p++)
		if (*p >= 0x80 || *p < 0x20)
			return ui_width(text);
	return (int)(p - (const unsigned char *)text);
}

/* Text in a cell of `w` columns: cut with "…" when it does not fit. */
static void cell(int y, int x, int w, const char *text, bool right)
{
	int tw = text_width(text);
	if (tw <= w) {
		ui_text(y, right ? x + w - tw : x, tw, text, false);
		return;
	}
	int used = ui_text(y, x, w - 1, text, false);
	ui_text(y, x + used, 1, "…", false);
}

static void draw_header(struct list *l, struct ui *ui, const struct layout *lo, int y)
{
	ui_style(ui, STYLE_HEADER);
	enum column sorted = sort_column[l->sort];
	for (int c = 0; c < COL_N; c++) {
		const char *label = _(column_labels[c]);
		if (c != (int)sorted) {
			cell(y, lo->x[c], lo->w[c], label, c == COL_DAYS);
			continue;
		}
		char text[128];
		snprintf(text, sizeof(text), "%s%s", label, l->descending ? "▼" : "▲");
		if (ui_width(text) <= lo->w[c]) {
			cell(y, lo->x[c], lo->w[c], text, c == COL_DAYS);
		} else {
			/* The arrow always shows: the label gives way. */
			int used = ui_text(y, lo->x[c], lo->w[c] - 1, label, false);
			ui_text(y, lo->x[c] + used, 1, l->descending ? "▼" : "▲", false);
		}
	}
}

static void draw_row(struct list *l, struct ui *ui, const struct layout *lo, int y, int i,
		     const char *today)
{
	const struct listing_row *r = &l->rows[i];
	bool selected = i == l->sel;
	enum ui_style base = selected ? STYLE_SELECTED : STYLE_NORMAL;
	ui_style(ui, base);
	if (selected)
		ui_fill(y, 0, COLS); /* the bar spans the screen; the others lie on erased lines */
	cell(y, lo->x[COL_REF], lo->w[COL_REF], r->reference, false);
	cell(y, lo->x[COL_ORG], lo->w[COL_ORG], r->organisation, false);
	cell(y, lo->x[COL_CAT], lo->w[COL_CAT], category_code(r->category), false);
	cell(y, lo->x[COL_STATUS], lo->w[COL_STATUS], dossier_status_name(r->status), false);
	cell(y, lo->x[COL_ASSESSOR], lo->w[COL_ASSESSOR], r->assessor, false);

	const struct clock_cell *c = row_clock(l, r, today);
	if (!c->received)
		return; /* not received: no clock */
	if (!c->ok) {
		/* The events do not fit: the dossier's overview says why. */
		if (!selected)
			ui_style(ui, STYLE_BAD);
		cell(y, lo->x[COL_DEADLINE], lo->w[COL_DEADLINE], _("dates?"), false);
		ui_style(ui, base);
		return;
	}
	char days[16];
	snprintf(days, sizeof(days), "%d", c->days);
	if (c->decided) {
		/* Decided: the days it took and the term, as facts, dimmed. */
		if (!selected)
			ui_style(ui, STYLE_DIM);
		cell(y, lo->x[COL_DAYS], lo->w[COL_DAYS], days, true);
		cell(y, lo->x[COL_DEADLINE], lo->w[COL_DEADLINE], c->deadline, false);
		ui_style(ui, base);
		return;
	}
	cell(y, lo->x[COL_DAYS], lo->w[COL_DAYS], days, true);
	char deadline[64];
	/* The marker shows without colour too (NO_COLOR): !! past, ! near,
	 * ‖ the clock stands still. */
	if (c->state == CLOCK_TERM_SUSPENDED && !c->deadline[0])
		snprintf(deadline, sizeof(deadline), "%s", _("suspended"));
	else
		snprintf(deadline, sizeof(deadline), "%s%s", c->deadline,
			 c->state == CLOCK_TERM_PAST ? " !!" : c->state == CLOCK_TERM_NEAR ? " !"
							  : c->state == CLOCK_TERM_SUSPENDED ? " \xE2\x80\x96" : "");
	if (!selected && (c->state == CLOCK_TERM_PAST || c->state == CLOCK_TERM_NEAR))
		ui_style(ui, c->state == CLOCK_TERM_PAST ? STYLE_BAD : STYLE_WARN);
	cell(y, lo->x[COL_DEADLINE], lo->w[COL_DEADLINE], deadline, false);
	ui_style(ui, base);
}

static void list_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct list *l = v->data;
	int height = bottom - top - 1;
	if (height < 1)
		height = 1;
	if (!l->loaded || height != l->height)
		set_height(l, height);

	struct layout lo;
	layout(&lo, COLS);
	draw_header(l, ui, &lo, top);

	if (l->n == 0) {
		const char *text = l->broken ? _("The dossiers could not be read; press any key to try again.")
				   : filtered(l) ? _("No dossier matches.")
						 : _("No dossiers yet. Press n to create one.");
		int w = ui_width(text);
		int y = top + 1 + (bottom - top - 1) / 2;
		ui_style(ui, STYLE_NORMAL);
		if (w <= COLS)
			ui_text(y, (COLS - w) / 2, w, text, false);
		else
			ui_wrap(y, bottom, 1, COLS - 2, text, 0);
		if (!l->broken && filtered(l) && y + 2 < bottom) {
			const char *hint = _("Esc clears the filters and the search.");
			int hw = ui_width(hint);
			ui_style(ui, STYLE_DIM);
			ui_text(y + 2, hw <= COLS ? (COLS - hw) / 2 : 0, COLS, hint, false);
		}
		ui_style(ui, STYLE_NORMAL);
		return;
	}
	char today[DATE_LEN];
	ui_today(ui, today);
	for (int i = 0; i < l->n && top + 1 + i < bottom; i++)
		draw_row(l, ui, &lo, top + 1 + i, i, today);
	ui_style(ui, STYLE_NORMAL);
}

/* ---- filters, search and sort ---------------------------------------------------------------- */

static void status_chosen(struct ui *ui, int choice, void *ctx)
{
	(void)ui;
	struct list *l = ctx;
	l->skip_enter = false;
	if (choice < 0)
		return;
	l->status = choice == 0 ? -1 : choice - 1;
	refilter(l);
}

static void category_chosen(struct ui *ui, int choice, void *ctx)
{
	(void)ui;
	struct list *l = ctx;
	l->skip_enter = false;
	if (choice < 0)
		return;
	l->category = choice == 0 ? -1 : choice - 1;
	refilter(l);
}

static void search_done(struct ui *ui, const char *text, void *ctx)
{
	(void)ui;
	struct list *l = ctx;
	l->skip_enter = false;
	if (!text)
		return;
	free(l->query);
	l->query = text[strspn(text, " \t")] ? xstrdup(text) : NULL;
	refilter(l);
}

static void choose_status(struct list *l, struct ui *ui)
{
	const char *items[STATUS_COUNT + 1];
	items[0] = _("all");
	for (int s = 0; s < STATUS_COUNT; s++)
		items[s + 1] = dossier_status_name((enum dossier_status)s);
	l->skip_enter = true;
	ui_menu(ui, _("Show the dossiers with status"), items, STATUS_COUNT + 1, l->status + 1,
		status_chosen, l);
}

static void choose_category(struct list *l, struct ui *ui)
{
	char names[CATEGORY_COUNT][128];
	const char *items[CATEGORY_COUNT + 1];
	items[0] = _("all");
	for (int c = 0; c < CATEGORY_COUNT; c++) {
		snprintf(names[c], sizeof(names[c]), "%-6s %s", category_code((enum category)c),
			 category_name((enum category)c));
		items[c + 1] = names[c];
	}
	l->skip_enter = true;
	ui_menu(ui, _("Show the dossiers of category"), items, CATEGORY_COUNT + 1, l->category + 1,
		category_chosen, l);
}

/* ---- the view ------------------------------------------------------------------------------- */

static bool list_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	(void)k;
	struct list *l = v->data;
	if (l->broken && a != ACT_QUIT && a != ACT_HELP) {
		/* The key tries the read again, and does nothing else. */
		reload(l);
		return true;
	}
	switch (a) {
	case ACT_DOWN: move_down(l); return true;
	case ACT_UP: move_up(l); return true;
	case ACT_PAGE_DOWN: page_down(l); return true;
	case ACT_PAGE_UP: page_up(l); return true;
	case ACT_FIRST: load_first(l); return true;
	case ACT_LAST: load_last(l); return true;
	case ACT_OPEN:
		if (l->n > 0)
			ui_push(ui, view_dossier_new(ui, l->rows[l->sel].reference));
		return true;
	case ACT_NEW:
		ui_push(ui, view_form_new(ui, NULL));
		return true;
	case ACT_ATTENTION:
		ui_push(ui, view_due_new(ui));
		return true;
	case ACT_SORT:
		l->sort = (enum listing_sort)((l->sort + 1) % SORT_COUNT);
		reload(l);
		return true;
	case ACT_SORT_REVERSE:
		l->descending = !l->descending;
		reload(l);
		return true;
	case ACT_FILTER_STATUS: choose_status(l, ui); return true;
	case ACT_FILTER_CATEGORY: choose_category(l, ui); return true;
	case ACT_SEARCH:
		l->skip_enter = true;
		ui_prompt(ui, _("Search:"), l->query, false, search_done, l);
		return true;
	case ACT_BACK:
		if (!filtered(l))
			return false;
		l->status = l->category = -1;
		free(l->query);
		l->query = NULL;
		refilter(l);
		ui_message(ui, "%s", _("filters and search cleared"));
		return true;
	case ACT_REDRAW:
		reload(l);
		return false; /* the application redraws the terminal */
	default: return false;
	}
}

static void list_enter(struct view *v, struct ui *ui)
{
	(void)ui;
	struct list *l = v->data;
	if (l->skip_enter) {
		/* Our own prompt or menu closed; its callback decides (Escape: nothing changed). */
		l->skip_enter = false;
		return;
	}
	if (l->loaded)
		reload(l);
}

static const char *list_title(struct view *v)
{
	struct list *l = v->data;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, _("Dossiers"));
	if (l->n > 0)
		strbuf_addf(&sb, "  %d/%d", l->first_pos + l->sel + 1, l->count);
	if (l->status >= 0)
		strbuf_addf(&sb, "  · %s", dossier_status_name((enum dossier_status)l->status));
	if (l->category >= 0)
		strbuf_addf(&sb, "  · %s", category_code((enum category)l->category));
	if (l->query)
		strbuf_addf(&sb, "  · /%s", l->query);
	snprintf(l->title, sizeof(l->title), "%s", strbuf_str(&sb));
	strbuf_release(&sb);
	return l->title;
}

static const char *list_hints(struct view *v)
{
	struct list *l = v->data;
	if (filtered(l))
		return _("Enter:open  /:search  s/c:filter  o/O:sort  !:due  Esc:all  q:quit");
	return _("Enter:open  n:new  /:search  s/c:filter  o/O:sort  !:due  q:quit");
}

static void list_free(struct view *v)
{
	struct list *l = v->data;
	free(l->rows);
	free(l->query);
	free(l->cells);
	free(l);
}

static const struct view_ops list_ops = {
	"list", list_draw, list_key, list_enter, list_free, list_title, list_hints, NULL, NULL,
};

struct view *view_list_new(struct ui *ui)
{
	struct list *l = xcalloc(1, sizeof(*l));
	l->ui = ui;
	l->sort = SORT_REFERENCE;
	l->status = -1;
	l->category = -1;
	ui_clock_settings(ui, &l->cs);
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &list_ops;
	v->data = l;
	return v;
}
