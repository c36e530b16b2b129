/* view_dossier.c - one dossier: a header with its reference, organisation,
 * category, status and legal clock, and five panes (overview, documents,
 * assessment, timeline, decision and letters) switched with Tab and
 * left/right. The overview tells the clock in full (receipt, completeness,
 * suspensions, days, legal deadline with the Atw, service target, as
 * `toets clock` does) and the aansluiting after designation. From here the
 * assessor moves the status, writes notes, adds and views documents, edits
 * the dossier and walks the assessment; proposes a decision, approves it
 * or sends it back (four eyes), starts a re-assessment, and shows, issues,
 * prints and saves the letters; records the aansluiting (A) and opens the
 * constituency (C). Each of those is one core call (decision_*,
 * assess_reassess, letter_*, print_run, outfile_save, aansluiting_set),
 * written at once; what core refuses is shown as it says it. Everything is
 * read again whenever the view comes back on top. */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "toets/clock_words.h"
#include "toets/assess.h"
#include "toets/audit.h"
#include "toets/clock.h"
#include "toets/datetime.h"
#include "toets/decision.h"
#include "toets/docread.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/letter.h"
#include "toets/outfile.h"
#include "toets/print.h"
#include "toets/procedure.h"
#include "toets/render.h"
#include "toets/utf8.h"
#include "toets/validate.h"

/* Text documents up to this size open in the pager; larger ones, and all
 * others, in the viewer. */
#define PAGER_MAX (4 * 1024 * 1024)

enum pane { PANE_OVERVIEW, PANE_DOCUMENTS, PANE_ASSESSMENT, PANE_TIMELINE, PANE_LETTERS, PANE_COUNT };

static const char *const pane_names[PANE_COUNT] = {
	N_("Overview"), N_("Documents"), N_("Assessment"), N_("Timeline"), N_("Decision and letters"),
};

/* A line of a text pane: an optional label in a column of its own, and a
 * text wrapped beside it. A line of kind LINE_CRITERION is a row of the
 * assessment table, drawn to the screen's width. */
enum line_kind { LINE_TEXT, LINE_CRITERION, LINE_CRITERIA_HEAD };

struct line {
	enum line_kind kind;
	enum ui_style style;
	int indent;
	bool bullet; /* "- " before the text, which wraps beside it */
	char *label;
	char *text;
	size_t criterion;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

struct doc_row {
	char *id, *title, *kind, *received_on, *filename, *sha256, *added_at;
	int64_t size;
};

struct criterion_row {
	char *title, *id;
	bool mandatory, overridden;
	enum verdict verdict;
	struct verdict_progress progress;
};

struct dossier_view {
	struct ui *ui;
	char ref[DOSSIER_REF_LEN + 8];
	char title[128];
	bool loaded;
	char load_error[1024];
	struct dossier d;

	/* The legal clock: the dossier's events and their evaluation. */
	bool has_proc;
	struct procedure proc;
	enum { CLOCK_IS_NONE, CLOCK_IS_OK, CLOCK_IS_WRONG } clock_is; /* none: not received */
	struct clock_result clock;
	struct clock_settings cs;
	char clock_error[1024];
	char today[DATE_LEN];
	bool has_aansluiting;
	struct aansluiting aans;
	char aans_error[1024];

	struct doc_row *docs;
	size_t n_docs, cap_docs;
	struct criterion_row *crits;
	size_t n_crits, cap_crits;
	struct lines text[PANE_COUNT]; /* the text panes; documents are a table */

	enum pane pane;
	int aans_line;  /* the overview's line where the aansluiting starts */
	int show_line;  /* a line of the overview to scroll to at the next draw, or -1 */
	int scroll[PANE_COUNT];
	int height[PANE_COUNT]; /* lines of each pane at the last draw */
	int doc_sel, doc_top;

	/* What was typed for an action that has not been stored yet: offered
	 * again on the next try. */
	char *reason;
	int reason_to; /* the status the reason was for */
	char *add_path;
	int add_kind;
	char *add_title;
	char *note;

	/* The assessment and the decision, as read by load(). */
	bool has_assessment;
	enum decision_kind suggested;  /* when has_assessment */
	char *suggest_why;
	char *locked_at;                /* NULL while open */
	char *previous_at;              /* a re-assessment: when the previous one began */
	bool has_latest;
	struct decision latest;         /* the newest decision */
	bool waiting;                   /* it is a proposal waiting for review */
	char letter_state[LETTER_KIND_COUNT][96]; /* for the letter menus: "issued 2026-…" */
	int letter_default;             /* the letter that applies now */

	/* What was typed for a decision or letter not stored yet: offered
	 * again on the next try. */
	int prop_kind;                  /* -1: none typed */
	char *prop_reason, *prop_effective, *prop_reassess, *prop_term;
	char *approve_note;
	char *return_reason;
	int letter_kind;                /* of the open letter menu, question or prompt */
	char *pdf_path;
	/* The aansluiting as typed, not stored yet. */
	bool aans_typed;
	char *aans_leidraad_on, *aans_leidraad_by, *aans_ndn_on;

	/* Copies handed to the viewer, removed when the view closes. */
	char tmpdir[512];
	char **tmpfiles;
	size_t n_tmpfiles, cap_tmpfiles;
};

/* ---- small helpers ------------------------------------------------------------------- */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The framework texts follow the language of the messages. */
static enum kader_lang lang(void)
{
	/* TRANSLATORS: the code of this language, "nl" in the Dutch catalogue:
	 * framework texts are shown in it. */
	return strcmp(_("en"), "nl") == 0 ? KADER_NL : KADER_EN;
}

/* A stored moment (UTC, "2026-03-01T10:15:00.000Z") as local time
 * "2026-03-01 11:15"; anything else as it is. */
static void moment(const char *at, char out[32])
{
	int y, mo, d, h, mi, s;
	char date[DATE_LEN];
	if (!at || sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6) {
		snprintf(out, 32, "%s", at ? at : "");
		return;
	}
	snprintf(date, sizeof(date), "%04d-%02d-%02d", y, mo, d);
	if (!date_valid(date)) {
		snprintf(out, 32, "%s", at);
		return;
	}
	time_t t = (time_t)clock_days_between("1970-01-01", date) * 86400 + h * 3600 + mi * 60 + s;
	struct tm tm;
	if (!localtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(out, 32, "%s", at);
}

static void human_size(int64_t size, char out[32])
{
	if (size < 1000)
		snprintf(out, 32, "%lld B", (long long)size);
	else if (size < 1000 * 1000)
		snprintf(out, 32, "%.1f kB", (double)size / 1000.0);
	else
		snprintf(out, 32, "%.1f MB", (double)size / 1000000.0);
}

static void add_line(struct lines *L, enum ui_style style, int indent, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void add_line(struct lines *L, enum ui_style style, int indent, const char *label, const char *fmt, ...)
{
	L->v = xgrow(L->v, &L->cap, L->n + 1, sizeof(*L->v));
	struct line *l = &L->v[L->n++];
	memset(l, 0, sizeof(*l));
	l->kind = LINE_TEXT;
	l->style = style;
	l->indent = indent;
	l->label = label ? xstrdup(label) : NULL;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	l->text = strbuf_detach(&sb);
}

static void add_blank(struct lines *L)
{
	add_line(L, STYLE_NORMAL, 0, NULL, "%s", "");
}

static void lines_release(struct lines *L)
{
	for (size_t i = 0; i < L->n; i++) {
		free(L->v[i].label);
		free(L->v[i].text);
	}
	free(L->v);
	memset(L, 0, sizeof(*L));
}

/* ---- loading ---------------------------------------------------------------------------- */

static void clear_data(struct dossier_view *dv)
{
	if (dv->loaded)
		dossier_release(&dv->d);
	dv->loaded = false;
	if (dv->has_proc)
		procedure_release(&dv->proc);
	dv->has_proc = false;
	dv->clock_is = CLOCK_IS_NONE;
	if (dv->has_aansluiting)
		aansluiting_release(&dv->aans);
	dv->has_aansluiting = false;
	for (size_t i = 0; i < dv->n_docs; i++) {
		struct doc_row *r = &dv->docs[i];
		free(r->id), free(r->title), free(r->kind), free(r->received_on);
		free(r->filename), free(r->sha256), free(r->added_at);
	}
	dv->n_docs = 0;
	for (size_t i = 0; i < dv->n_crits; i++)
		free(dv->crits[i].title), free(dv->crits[i].id);
	dv->n_crits = 0;
	for (int p = 0; p < PANE_COUNT; p++)
		lines_release(&dv->text[p]);
	dv->has_assessment = false;
	xfree(&dv->suggest_why);
	xfree(&dv->locked_at);
	xfree(&dv->previous_at);
	if (dv->has_latest)
		decision_release(&dv->latest);
	dv->has_latest = dv->waiting = false;
}

static bool collect_doc(const struct document *d, void *ctx)
{
	struct dossier_view *dv = ctx;
	dv->docs = xgrow(dv->docs, &dv->cap_docs, dv->n_docs + 1, sizeof(*dv->docs));
	struct doc_row *r = &dv->docs[dv->n_docs++];
	r->id = xstrdup(d->id);
	r->title = xstrdup(d->title ? d->title : "");
	r->kind = xstrdup(d->kind ? d->kind : "");
	r->received_on = dup_or_null(d->received_on);
	r->filename = xstrdup(d->filename ? d->filename : "");
	r->sha256 = xstrdup(d->sha256 ? d->sha256 : "");
	r->added_at = dup_or_null(d->added_at);
	r->size = d->size;
	return true;
}

static bool collect_contact(const struct contact *c, void *ctx)
{
	struct lines *L = ctx;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, c->name ? c->name : "");
	if (c->role && *c->role)
		strbuf_addf(&sb, " (%s)", c->role);
	if (c->email && *c->email)
		strbuf_addf(&sb, " \xC2\xB7 %s", c->email);
	if (c->phone && *c->phone)
		strbuf_addf(&sb, " \xC2\xB7 %s", c->phone);
	if (c->pgp_fingerprint && *c->pgp_fingerprint)
		strbuf_addf(&sb, " \xC2\xB7 PGP %s", c->pgp_fingerprint);
	add_line(L, STYLE_NORMAL, 2, NULL, "%s", strbuf_str(&sb));
	strbuf_release(&sb);
	return true;
}

struct history {
	struct status_change *v;
	size_t n, cap;
};

static bool collect_change(const struct status_change *c, void *ctx)
{
	struct history *h = ctx;
	h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof(*h->v));
	struct status_change *o = &h->v[h->n++];
	o->from = dup_or_null(c->from);
	o->to = dup_or_null(c->to);
	o->account = dup_or_null(c->account);
	o->at = dup_or_null(c->at);
	o->reason = dup_or_null(c->reason);
	return true;
}

static const char *status_shown(const char *code)
{
	enum dossier_status s;
	return code && dossier_status_parse(code, &s) ? dossier_status_name(s) : (code ? code : "");
}

struct notes {
	struct note *v;
	size_t n, cap;
};

static bool collect_note(const struct note *n, void *ctx)
{
	struct notes *ns = ctx;
	ns->v = xgrow(ns->v, &ns->cap, ns->n + 1, sizeof(*ns->v));
	struct note *o = &ns->v[ns->n++];
	o->text = dup_or_null(n->text);
	o->account = dup_or_null(n->account);
	o->at = dup_or_null(n->at);
	return true;
}

struct audit_rows {
	struct audit_row *v;
	size_t n, cap;
};

static bool collect_audit(const struct audit_row *r, void *ctx)
{
	struct audit_rows *a = ctx;
	a->v = xgrow(a->v, &a->cap, a->n + 1, sizeof(*a->v));
	struct audit_row *o = &a->v[a->n++];
	memset(o, 0, sizeof(*o));
	o->seq = r->seq;
	o->at = dup_or_null(r->at);
	o->account = dup_or_null(r->account);
	o->action = dup_or_null(r->action);
	o->payload = dup_or_null(r->payload);
	return true;
}

static void field_line(struct lines *L, const char *label, const char *value)
{
	if (value && *value)
		add_line(L, STYLE_NORMAL, 2, label, "%s", value);
	else
		add_line(L, STYLE_DIM, 2, label, "%s", "-");
}

/* The legal clock in full, as `toets clock` tells it. */
static void build_clock(struct dossier_view *dv, struct lines *L)
{
	const struct procedure *p = &dv->proc;
	add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Legal clock"));
	field_line(L, _("Date received"), dv->d.received_on);
	if (!dv->has_proc) {
		add_line(L, STYLE_ERROR, 2, NULL, "%s", dv->clock_error);
		return;
	}
	field_line(L, _("Complete"), p->complete_on);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < p->n_suspensions; i++) {
		const struct suspension *x = &p->suspensions[i];
		char label[64];
		snprintf(label, sizeof(label), _("Suspension %d"), x->number);
		strbuf_reset(&sb);
		clock_suspension_words(&sb, p, x, dv->today);
		add_line(L, STYLE_NORMAL, 2, label, "%s", strbuf_str(&sb));
		if (x->letter_dated[0])
			add_line(L, STYLE_DIM, 2, "", _("(verzoek om aanvulling of %s)"), x->letter_dated);
		if (x->reason)
			add_line(L, STYLE_DIM, 2, "", _("reason: %s"), x->reason);
	}
	if (p->decided_on[0])
		add_line(L, STYLE_NORMAL, 2, _("Decided"), "%s (%s)", p->decided_on, p->decided_how);
	if (dv->clock_is == CLOCK_IS_NONE) {
		add_line(L, STYLE_DIM, 2, _("Clock"), "%s", _("not started: the date of receipt is missing"));
	} else if (dv->clock_is == CLOCK_IS_WRONG) {
		add_line(L, STYLE_ERROR, 2, _("Clock"), "%s", dv->clock_error);
	} else {
		const struct clock_result *r = &dv->clock;
		strbuf_reset(&sb);
		strbuf_addf(&sb, _("%d of %d"), r->days, dv->cs.legal_term_days);
		if (r->suspended_days)
			strbuf_addf(&sb, ngettext(" (%d day suspended)", " (%d days suspended)",
						  (unsigned long)r->suspended_days),
				    r->suspended_days);
		if (r->suspended)
			strbuf_addf(&sb, "%s", _("; stands still today"));
		add_line(L, STYLE_NORMAL, 2, _("Days on the clock"), "%s", strbuf_str(&sb));
		strbuf_reset(&sb);
		if (r->legal.deadline[0])
			strbuf_addf(&sb, "%s (%s): ", r->legal.deadline, clock_weekday_name(r->legal.deadline));
		clock_term_words(&sb, &r->legal);
		add_line(L, ui_term_style(&r->legal), 2, _("Legal deadline"), "%s", strbuf_str(&sb));
		if (r->legal.deadline[0] && strcmp(r->legal_unextended, r->legal.deadline) != 0) {
			const char *holiday = NULL;
			calendar_is_holiday(r->legal_unextended, &dv->cs.extra, &holiday);
			add_line(L, STYLE_DIM, 2, "",
				 _("Atw art. 1: the term ends on %s (%s, %s), so on the next working day"),
				 r->legal_unextended, clock_weekday_name(r->legal_unextended), holiday ? holiday : _("weekend"));
		}
		strbuf_reset(&sb);
		if (r->target.deadline[0])
			strbuf_addf(&sb, "%s (%s): ", r->target.deadline, clock_weekday_name(r->target.deadline));
		clock_term_words(&sb, &r->target);
		strbuf_addf(&sb, ngettext(" (%d working day after completeness)", " (%d working days after completeness)",
					  (unsigned long)dv->cs.target_working_days),
			    dv->cs.target_working_days);
		add_line(L, ui_term_style(&r->target), 2, _("Service target"), "%s", strbuf_str(&sb));
	}
	strbuf_release(&sb);
	if (dv->clock_is == CLOCK_IS_OK && !p->decided_on[0])
		add_line(L, STYLE_DIM, 2, NULL, "%s",
			 _("'toets clock' records agreed delays and aanvullingen asked outside toets."));
}

struct operational {
	struct lines *L;
	size_t n;
};

static bool collect_operational(const struct contact *c, void *ctx)
{
	struct operational *o = ctx;
	if (!c->operational)
		return true;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, c->name ? c->name : "");
	if (c->role && *c->role)
		strbuf_addf(&sb, " (%s)", c->role);
	if (c->phone && *c->phone)
		strbuf_addf(&sb, " \xC2\xB7 24/7 %s", c->phone);
	if (c->email && *c->email)
		strbuf_addf(&sb, " \xC2\xB7 %s", c->email);
	add_line(o->L, STYLE_NORMAL, 2, o->n ? "" : _("Operational"), "%s", strbuf_str(&sb));
	strbuf_release(&sb);
	o->n++;
	return true;
}

/* After designation: the leidraad, the NDN connection, the 24/7 contacts. */
static void build_aansluiting(struct dossier_view *dv, struct lines *L)
{
	struct toets_error e = { 0 };
	dv->aans_line = (int)L->n;
	add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Aansluiting"));
	if (!dv->has_aansluiting) {
		add_line(L, STYLE_ERROR, 2, NULL, "%s", dv->aans_error);
		return;
	}
	const struct aansluiting *a = &dv->aans;
	bool designated = a->designated_on[0] != '\0';
	if (designated)
		add_line(L, STYLE_NORMAL, 2, _("Designation"), _("approved %s, effective %s"), a->designated_on,
			 a->effective_on[0] ? a->effective_on : "-");
	else
		add_line(L, STYLE_DIM, 2, _("Designation"), "%s", _("none in force"));
	if (a->leidraad_on[0])
		add_line(L, STYLE_NORMAL, 2, _("Leidraad"), _("accepted %s by %s"), a->leidraad_on,
			 a->leidraad_by ? a->leidraad_by : "?");
	else
		field_line(L, _("Leidraad"), NULL);
	field_line(L, _("NDN connection"), a->ndn_on);
	if (a->recorded) {
		char at[32];
		moment(a->at, at);
		add_line(L, STYLE_DIM, 2, _("Recorded"), _("%s by %s"), at, a->account ? a->account : "?");
	}
	struct operational o = { L, 0 };
	if (contact_list(dv->ui->store, dv->d.id, collect_operational, &o, &e) != TOETS_OK)
		add_line(L, STYLE_ERROR, 2, _("Operational"), "%s", e.message);
	else if (!o.n)
		add_line(L, STYLE_DIM, 2, _("Operational"), _("no 24/7 contact yet ('toets contact add %s --operational')"),
			 dv->ref);
	if (designated)
		add_line(L, STYLE_DIM, 2, NULL, "%s", _("A records the leidraad and the NDN connection."));
}

static void build_overview(struct dossier_view *dv)
{
	struct lines *L = &dv->text[PANE_OVERVIEW];
	struct store *s = dv->ui->store;
	struct toets_error e = { 0 };
	const struct dossier *d = &dv->d;

	add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Organisation"));
	field_line(L, _("Name"), d->org.name);
	field_line(L, _("KvK number"), d->org.kvk);
	field_line(L, _("Legal form"), d->org.legal_form);
	field_line(L, _("Address"), d->org.address);
	field_line(L, _("Website"), d->org.website);
	field_line(L, _("Representative"), d->org.representative);
	add_blank(L);
	add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Dossier"));
	add_line(L, STYLE_NORMAL, 2, _("Category"), "%s (%s)", category_name(d->category),
		 category_code(d->category));
	field_line(L, _("Assessor"), d->assessor);
	char at[32];
	moment(d->created_at, at);
	field_line(L, _("Created"), at);
	add_line(L, STYLE_NORMAL, 2, _("Constituency"), "%s",
		 _("C: its AS numbers, IP prefixes and domain names"));

	add_blank(L);
	build_clock(dv, L);

	add_blank(L);
	add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Contacts"));
	size_t before = L->n;
	if (contact_list(s, d->id, collect_contact, L, &e) != TOETS_OK)
		add_line(L, STYLE_ERROR, 2, NULL, "%s", e.message);
	else if (L->n == before)
		add_line(L, STYLE_DIM, 2, NULL, "%s", _("none yet (add them with 'toets contact add')"));

	/* After the designation only (A says so before). */
	dv->aans_line = -1;
	if (!dv->has_aansluiting || dv->aans.designated_on[0] || dv->aans.recorded) {
		add_blank(L);
		build_aansluiting(dv, L);
	}

	add_blank(L);
	add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Status"));
	add_line(L, STYLE_NORMAL, 2, _("Now"), "%s", dossier_status_name(d->status));
	struct strbuf next = STRBUF_INIT;
	dossier_format_next(d->status, &next);
	if (next.len)
		add_line(L, STYLE_NORMAL, 2, _("Can go to"), "%s  (%s)", strbuf_str(&next),
			 _("S moves it"));
	else
		add_line(L, STYLE_DIM, 2, _("Can go to"), "%s", _("nowhere: this status is final"));
	strbuf_release(&next);

	add_blank(L);
	add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Status history (newest first)"));
	struct history h = { 0 };
	if (dossier_history(s, d->id, collect_change, &h, &e) != TOETS_OK)
		add_line(L, STYLE_ERROR, 2, NULL, "%s", e.message);
	for (size_t i = h.n; i-- > 0;) {
		struct status_change *c = &h.v[i];
		moment(c->at, at);
		struct strbuf sb = STRBUF_INIT;
		if (c->from)
			strbuf_addf(&sb, "%s \xE2\x86\x92 %s", status_shown(c->from), status_shown(c->to));
		else
			strbuf_addf(&sb, "%s", status_shown(c->to));
		strbuf_addf(&sb, "  %s %s", _("by"), c->account ? c->account : "?");
		if (c->reason && *c->reason)
			strbuf_addf(&sb, "  \xE2\x80\x94 %s", c->reason);
		add_line(L, STYLE_NORMAL, 2, at, "%s", strbuf_str(&sb));
		strbuf_release(&sb);
		free((char *)c->from), free((char *)c->to), free((char *)c->account);
		free((char *)c->at), free((char *)c->reason);
	}
	free(h.v);

	add_blank(L);
	add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Notes (newest first)"));
	struct notes ns = { 0 };
	if (note_list(s, d->id, collect_note, &ns, &e) != TOETS_OK)
		add_line(L, STYLE_ERROR, 2, NULL, "%s", e.message);
	if (ns.n == 0)
		add_line(L, STYLE_DIM, 2, NULL, "%s", _("none yet (N writes one)"));
	for (size_t i = ns.n; i-- > 0;) {
		struct note *n = &ns.v[i];
		moment(n->at, at);
		add_line(L, STYLE_DIM, 2, at, "%s", n->account ? n->account : "?");
		add_line(L, STYLE_NORMAL, 4, NULL, "%s", n->text ? n->text : "");
		free((char *)n->text), free((char *)n->account), free((char *)n->at);
	}
	free(ns.v);
}

static void build_assessment(struct dossier_view *dv)
{
	struct lines *L = &dv->text[PANE_ASSESSMENT];
	struct store *s = dv->ui->store;
	struct toets_error e = { 0 };
	struct assessment a;
	memset(&a, 0, sizeof(a));
	enum toets_status st = assess_current(s, dv->d.reference, &a, &e);
	if (st == TOETS_ERR_NOT_FOUND) {
		add_line(L, STYLE_NORMAL, 0, NULL, "%s", _("This dossier has not been assessed yet."));
		add_blank(L);
		add_line(L, STYLE_NORMAL, 0, NULL, "%s",
			 _("w (or Enter) walks the assessment: the questions of the framework, "
			   "criterion by criterion."));
		return;
	}
	if (st != TOETS_OK) {
		add_line(L, STYLE_ERROR, 0, NULL, "%s", e.message);
		return;
	}
	struct assessment_state as;
	memset(&as, 0, sizeof(as));
	if (assess_load(s, &a, &as, &e) != TOETS_OK) {
		add_line(L, STYLE_ERROR, 0, NULL, "%s", e.message);
		assess_release(&a);
		return;
	}
	const struct kader *k = a.kader;
	enum kader_lang lg = lang();
	char at[32];
	/* For the decision pane: what the verdicts suggest, the lock, the
	 * assessment a re-assessment started from. */
	struct strbuf why = STRBUF_INIT;
	dv->has_assessment = true;
	dv->suggested = decision_suggest(k, &as, &why);
	dv->suggest_why = strbuf_detach(&why);
	dv->locked_at = dup_or_null(a.locked_at);
	if (a.previous_id[0]) {
		struct assessment prev;
		if (assess_previous(s, &a, &prev, &e) == TOETS_OK) {
			dv->previous_at = dup_or_null(prev.created_at);
			assess_release(&prev);
		} else {
			dv->previous_at = xstrdup("?");
		}
	}
	moment(a.created_at, at);
	add_line(L, STYLE_NORMAL, 0, _("Framework"), "%s %s (%s, sha256 %.12s)", kader_text(&k->title, lg),
		 k->version, k->id, k->sha256_hex);
	add_line(L, STYLE_NORMAL, 0, _("Started"), "%s  %s %s", at, _("by"), a.created_by ? a.created_by : "?");
	if (dv->previous_at) {
		moment(dv->previous_at, at);
		add_line(L, STYLE_NORMAL, 0, _("Re-assessment"), _("of the assessment begun %s"), at);
	}
	if (dv->locked_at) {
		moment(dv->locked_at, at);
		add_line(L, STYLE_WARN, 0, _("Locked"), _("%s, by the approved decision (R starts a re-assessment)"),
			 at);
	}
	add_blank(L);
	L->v = xgrow(L->v, &L->cap, L->n + 1, sizeof(*L->v));
	memset(&L->v[L->n], 0, sizeof(L->v[0]));
	L->v[L->n].kind = LINE_CRITERIA_HEAD;
	L->v[L->n].style = STYLE_HEADER;
	L->n++;
	bool any_override = false;
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		dv->crits = xgrow(dv->crits, &dv->cap_crits, dv->n_crits + 1, sizeof(*dv->crits));
		struct criterion_row *r = &dv->crits[dv->n_crits];
		memset(r, 0, sizeof(*r));
		r->title = xstrdup(kader_text(&c->title, lg));
		r->id = xstrdup(c->id);
		r->mandatory = c->mandatory;
		r->verdict = assess_verdict(&as, c, &r->progress, &r->overridden);
		any_override |= r->overridden;
		L->v = xgrow(L->v, &L->cap, L->n + 1, sizeof(*L->v));
		memset(&L->v[L->n], 0, sizeof(L->v[0]));
		L->v[L->n].kind = LINE_CRITERION;
		L->v[L->n].criterion = dv->n_crits++;
		L->n++;
	}
	add_blank(L);
	add_line(L, STYLE_DIM, 0, NULL, "%s",
		 _("answered: questions answered of those shown; required: required questions answered "
		   "of those shown; * mandatory criterion."));
	if (any_override)
		add_line(L, STYLE_DIM, 0, NULL, "%s", _("(set): the assessor overrode the computed verdict."));
	add_line(L, STYLE_DIM, 0, NULL, "%s", _("w or Enter walks the assessment."));
	assess_state_release(&as);
	assess_release(&a);
}

static bool all_hex(const char *s, size_t n, bool dashes)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || (dashes && s[i] == '-')))
			return false;
	return true;
}

/* One "key=value" of an audit payload, for reading: a missing value
 * ("\0") left out, ids and hashes shortened. */
static void payload_pair(struct strbuf *sb, const char *p, size_t n)
{
	const char *eq = memchr(p, '=', n);
	if (!n || (eq && (size_t)(p + n - eq - 1) == 2 && eq[1] == '\\' && eq[2] == '0'))
		return;
	const char *v = eq ? eq + 1 : p + n;
	size_t vn = (size_t)(p + n - v);
	strbuf_adds(sb, sb->len ? "; " : "");
	if ((vn == 36 && all_hex(v, vn, true)) || (vn == 64 && all_hex(v, vn, false)))
		strbuf_addf(sb, "%.*s%.*s\xE2\x80\xA6", (int)(v - p), p, vn == 36 ? 8 : 12, v);
	else
		strbuf_add(sb, p, n);
}

/* The audit payload is "key=value" lines: shown as "key=value; key=value". */
static void build_timeline(struct dossier_view *dv)
{
	struct lines *L = &dv->text[PANE_TIMELINE];
	struct toets_error e = { 0 };
	struct audit_rows a = { 0 };
	if (audit_each(dv->ui->store, dv->d.id, collect_audit, &a, &e) != TOETS_OK)
		add_line(L, STYLE_ERROR, 0, NULL, "%s", e.message);
	add_line(L, STYLE_DIM, 0, NULL, "%s",
		 _("Every change to this dossier, newest first, from the tamper-evident log."));
	add_blank(L);
	for (size_t i = a.n; i-- > 0;) {
		struct audit_row *r = &a.v[i];
		char at[32];
		moment(r->at, at);
		add_line(L, STYLE_HEADER, 0, at, "%s  %s", r->action ? r->action : "?",
			 r->account ? r->account : "?");
		if (r->payload && *r->payload) {
			struct strbuf sb = STRBUF_INIT;
			for (const char *p = r->payload; *p;) {
				size_t n = strcspn(p, "\n");
				payload_pair(&sb, p, n);
				p += n + (p[n] == '\n');
			}
			add_line(L, STYLE_NORMAL, 2, NULL, "%s", strbuf_str(&sb));
			strbuf_release(&sb);
		}
		free((char *)r->at), free((char *)r->account), free((char *)r->action);
		free((char *)r->payload);
	}
	if (a.n == 0)
		add_line(L, STYLE_DIM, 0, NULL, "%s", _("nothing recorded"));
	free(a.v);
}

/* ---- the decision pane ------------------------------------------------------------------- */

/* The letter a decision of this kind is made known by. */
static enum letter_kind letter_for(enum decision_kind k)
{
	switch (k) {
	case DECISION_AANWIJZEN: return LETTER_AANWIJZING;
	case DECISION_AFWIJZEN: return LETTER_AFWIJZING;
	case DECISION_AANVULLING: return LETTER_AANVULLING;
	default: return LETTER_INTREKKING;
	}
}

/* A message of several lines ("...:\n- a\n- b\n") as one, for the
 * message line: "...: a; b". */
static char *one_line(const char *msg)
{
	struct strbuf sb = STRBUF_INIT;
	bool first = true;
	for (const char *p = msg; *p;) {
		size_t n = strcspn(p, "\n");
		const char *l = p;
		size_t ln = n;
		if (!first && ln >= 2 && l[0] == '-' && l[1] == ' ')
			l += 2, ln -= 2;
		if (ln) {
			if (!first)
				strbuf_adds(&sb, sb.len && sb.data[sb.len - 1] == ':' ? " " : "; ");
			strbuf_add(&sb, l, ln);
			first = false;
		}
		p += n + (p[n] == '\n');
	}
	return strbuf_detach(&sb);
}

static void show_error(struct ui *ui, const char *msg)
{
	char *line = one_line(msg);
	ui_error(ui, "%s", line);
	free(line);
}

struct issued {
	struct letter *v;
	size_t n, cap;
};

static bool collect_letter(const struct letter *l, void *ctx)
{
	struct issued *is = ctx;
	is->v = xgrow(is->v, &is->cap, is->n + 1, sizeof(*is->v));
	struct letter *o = &is->v[is->n++];
	memset(o, 0, sizeof(*o));
	snprintf(o->id, sizeof(o->id), "%s", l->id);
	o->kind = l->kind;
	o->dated = dup_or_null(l->dated);
	o->issued_by = dup_or_null(l->issued_by);
	o->issued_at = dup_or_null(l->issued_at);
	o->prints = l->prints;
	return true;
}

struct decisions {
	struct decision *v;
	size_t n, cap;
};

static bool collect_decision(const struct decision *d, void *ctx)
{
	struct decisions *ds = ctx;
	ds->v = xgrow(ds->v, &ds->cap, ds->n + 1, sizeof(*ds->v));
	struct decision *o = &ds->v[ds->n++];
	*o = *d;
	o->reason = dup_or_null(d->reason);
	o->effective_on = dup_or_null(d->effective_on);
	o->reassess_on = dup_or_null(d->reassess_on);
	o->term_until = dup_or_null(d->term_until);
	o->proposed_by = dup_or_null(d->proposed_by);
	o->proposed_at = dup_or_null(d->proposed_at);
	o->reviewed_by = dup_or_null(d->reviewed_by);
	o->reviewed_at = dup_or_null(d->reviewed_at);
	o->review_note = dup_or_null(d->review_note);
	return true;
}

static enum ui_style decision_style(const struct decision *d)
{
	return d->state == DECISION_PROPOSED ? STYLE_WARN : d->state == DECISION_APPROVED ? STYLE_GOOD : STYLE_DIM;
}

/* The latest decision in full. */
static void decision_lines(struct dossier_view *dv, struct lines *L, const struct decision *d)
{
	char at[32];
	add_line(L, decision_style(d), 2, _("Now"), "%s (%s)", decision_kind_name(d->kind),
		 decision_state_name(d->state));
	moment(d->proposed_at, at);
	add_line(L, STYLE_NORMAL, 2, _("Proposed"), _("%s by %s"), at, d->proposed_by ? d->proposed_by : "?");
	if (d->kind != d->suggested)
		add_line(L, STYLE_NORMAL, 2, _("Suggested"), _("the verdicts suggested %s"),
			 decision_kind_name(d->suggested));
	if (d->reason)
		add_line(L, STYLE_NORMAL, 2, _("Reason"), "%s", d->reason);
	if (d->term_until)
		add_line(L, STYLE_NORMAL, 2, _("Term"), _("until %s"), d->term_until);
	if (d->kind == DECISION_AANWIJZEN) {
		char eff[64], re[64];
		snprintf(eff, sizeof(eff), "%s", d->effective_on ? d->effective_on : _("the day it is approved"));
		if (d->reassess_on)
			snprintf(re, sizeof(re), "%s", d->reassess_on);
		else
			snprintf(re, sizeof(re), ngettext("%d year later", "%d years later",
							  (unsigned long)dv->ui->settings.reassess_years),
				 dv->ui->settings.reassess_years);
		add_line(L, STYLE_NORMAL, 2, _("Effective"), _("%s; re-assessment %s"), eff, re);
	}
	if (d->reviewed_by) {
		moment(d->reviewed_at, at);
		add_line(L, STYLE_NORMAL, 2, d->state == DECISION_APPROVED ? _("Approved") : _("Sent back"),
			 _("%s by %s"), at, d->reviewed_by);
		if (d->review_note)
			add_line(L, STYLE_NORMAL, 2, d->state == DECISION_APPROVED ? _("Note") : _("Why"), "%s",
				 d->review_note);
	}
	if (d->state == DECISION_PROPOSED)
		add_line(L, STYLE_DIM, 2, NULL,
			 _("Waiting for another account than %s: Y approves it, B sends it back."), d->proposed_by);
	else if (d->state == DECISION_RETURNED)
		add_line(L, STYLE_DIM, 2, NULL, "%s", _("P proposes again."));
}

/* One line per letter: issued (when, by whom, how often printed), or a
 * concept with what issuing it still needs, as letter_draft says. */
static void letter_lines(struct dossier_view *dv, struct lines *L, const struct issued *is)
{
	struct store *s = dv->ui->store;
	bool applies[LETTER_KIND_COUNT] = { false };
	const char *since[LETTER_KIND_COUNT] = { NULL }; /* issued for this decision: not before it */
	applies[LETTER_ONTVANGST] = dv->d.received_on != NULL;
	dv->letter_default = applies[LETTER_ONTVANGST] ? LETTER_ONTVANGST : LETTER_AANWIJZING;
	if (dv->has_latest && dv->latest.state != DECISION_RETURNED) {
		enum letter_kind k = letter_for(dv->latest.kind);
		applies[k] = true;
		since[k] = dv->latest.proposed_at;
		dv->letter_default = k;
	}
	struct toets_error e = { 0 };
	struct decision des;
	bool designated = dv->loaded && decision_approved(s, dv->d.id, DECISION_AANWIJZEN, &des, &e) == TOETS_OK;
	if (designated)
		decision_release(&des);
	size_t before = L->n;
	for (int k = 0; k < LETTER_KIND_COUNT; k++) {
		dv->letter_state[k][0] = '\0';
		const char *code = letter_kind_code((enum letter_kind)k);
		bool current = false;
		for (size_t i = 0; i < is->n; i++) {
			const struct letter *l = &is->v[i];
			if ((int)l->kind != k)
				continue;
			char at[32];
			moment(l->issued_at, at);
			char printed[64];
			if (l->prints)
				snprintf(printed, sizeof(printed), ngettext("printed %d time", "printed %d times",
									    (unsigned long)l->prints), l->prints);
			else
				snprintf(printed, sizeof(printed), "%s", _("not printed yet"));
			add_line(L, STYLE_GOOD, 2, code, _("issued, dated %s, on %s by %s; %s"), l->dated ? l->dated : "?",
				 at, l->issued_by ? l->issued_by : "?", printed);
			snprintf(dv->letter_state[k], sizeof(dv->letter_state[k]), _("issued %s"), l->dated ? l->dated : "");
			if (!since[k] || (l->issued_at && strcmp(l->issued_at, since[k]) >= 0))
				current = true;
		}
		if (k == LETTER_SAMENVATTING) {
			if (designated) {
				add_line(L, STYLE_NORMAL, 2, code, "%s",
					 _("drafted afresh whenever it is shown or printed; never issued"));
				snprintf(dv->letter_state[k], sizeof(dv->letter_state[k]), "%s", _("drafted when shown"));
			}
			continue;
		}
		if (!applies[k] || current)
			continue;
		struct letter_draft d;
		struct diag_list dl;
		diag_init(&dl, "template");
		if (letter_draft(s, dv->ref, (enum letter_kind)k, &dv->ui->settings, &d, &dl, &e) != TOETS_OK) {
			char *msg = one_line(e.message);
			add_line(L, STYLE_ERROR, 2, code, "%s", msg);
			free(msg);
		} else {
			snprintf(dv->letter_state[k], sizeof(dv->letter_state[k]), "%s", _("concept"));
			if (d.missing) {
				add_line(L, STYLE_WARN, 2, code, "%s", _("concept; issuing it still needs:"));
				for (const char *p = d.missing; *p;) {
					size_t n = strcspn(p, "\n");
					/* "- item" lines: the item beside its bullet. */
					if (n > 2 && p[0] == '-' && p[1] == ' ') {
						add_line(L, STYLE_NORMAL, 4, NULL, "%.*s", (int)n - 2, p + 2);
						L->v[L->n - 1].bullet = true;
					} else if (n) {
						add_line(L, STYLE_NORMAL, 4, NULL, "%.*s", (int)n, p);
					}
					p += n + (p[n] == '\n');
				}
			} else {
				add_line(L, STYLE_NORMAL, 2, code, "%s", _("concept, complete: I issues it"));
			}
			letter_draft_release(&d);
		}
		diag_release(&dl);
	}
	if (L->n == before)
		add_line(L, STYLE_DIM, 2, NULL, "%s",
			 _("none yet: the first is the acknowledgement of receipt, once the dossier is received"));
	add_line(L, STYLE_DIM, 2, NULL, "%s",
		 _("L shows a letter, I issues it, p prints it, F writes its PDF to a file."));
}

static void build_besluit(struct dossier_view *dv)
{
	struct lines *L = &dv->text[PANE_LETTERS];
	struct store *s = dv->ui->store;
	struct toets_error e = { 0 };
	char at[32];

	/* The latest decision: the one the actions are about. */
	enum toets_status st = decision_latest(s, dv->ref, &dv->latest, &e);
	dv->has_latest = st == TOETS_OK;
	dv->waiting = dv->has_latest && dv->latest.state == DECISION_PROPOSED;
	if (st != TOETS_OK && st != TOETS_ERR_NOT_FOUND)
		add_line(L, STYLE_ERROR, 0, NULL, "%s", e.message);

	/* What the verdicts suggest, the decision, the assessment's state. */
	add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Decision"));
	if (!dv->has_assessment)
		add_line(L, STYLE_DIM, 2, _("Suggestion"), "%s", _("none: the dossier has no assessment (w walks it)"));
	else if (dv->suggest_why && *dv->suggest_why)
		add_line(L, STYLE_NORMAL, 2, _("Suggestion"), _("%s, because of: %s"), decision_kind_name(dv->suggested),
			 dv->suggest_why);
	else
		add_line(L, STYLE_NORMAL, 2, _("Suggestion"), _("%s: every mandatory criterion voldoet"),
			 decision_kind_name(dv->suggested));
	if (dv->has_latest)
		decision_lines(dv, L, &dv->latest);
	else
		add_line(L, STYLE_DIM, 2, _("Now"), "%s", _("no decision yet (P proposes one)"));
	if (!dv->has_assessment) {
		add_line(L, STYLE_DIM, 2, _("Assessment"), "%s", _("not started"));
	} else if (dv->locked_at) {
		moment(dv->locked_at, at);
		add_line(L, STYLE_WARN, 2, _("Assessment"), _("locked since %s; R starts a re-assessment"), at);
	} else if (dv->waiting) {
		add_line(L, STYLE_NORMAL, 2, _("Assessment"), "%s", _("open; no changes while the proposal waits"));
	} else {
		add_line(L, STYLE_NORMAL, 2, _("Assessment"), "%s", _("open"));
	}
	if (dv->previous_at) {
		moment(dv->previous_at, at);
		add_line(L, STYLE_NORMAL, 2, _("Re-assessment"), _("of the assessment begun %s"), at);
	}

	add_blank(L);
	add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Letters"));
	struct issued is = { 0 };
	if (dv->loaded && letter_list(s, dv->d.id, collect_letter, &is, &e) != TOETS_OK)
		add_line(L, STYLE_ERROR, 2, NULL, "%s", e.message);
	letter_lines(dv, L, &is);
	for (size_t i = 0; i < is.n; i++)
		letter_release(&is.v[i]);
	free(is.v);

	struct decisions ds = { 0 };
	if (dv->loaded && decision_list(s, dv->d.id, collect_decision, &ds, &e) != TOETS_OK)
		add_line(L, STYLE_ERROR, 2, NULL, "%s", e.message);
	if (ds.n > 1 || (ds.n == 1 && !dv->has_latest)) {
		add_blank(L);
		add_line(L, STYLE_HEADER, 0, NULL, "%s", _("Decisions (newest first)"));
	}
	for (size_t i = ds.n; i-- > 0;) {
		struct decision *d = &ds.v[i];
		if (ds.n > 1 || !dv->has_latest) {
			moment(d->proposed_at, at);
			struct strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, _("%s, proposed by %s"), decision_kind_name(d->kind),
				    d->proposed_by ? d->proposed_by : "?");
			if (d->reviewed_by) {
				char rat[32];
				moment(d->reviewed_at, rat);
				strbuf_addf(&sb, d->state == DECISION_APPROVED ? _("; approved by %s, %s")
									       : _("; sent back by %s, %s"),
					    d->reviewed_by, rat);
			} else {
				strbuf_addf(&sb, "; %s", decision_state_name(d->state));
			}
			if (d->reason)
				strbuf_addf(&sb, " \xE2\x80\x94 %s", d->reason);
			add_line(L, decision_style(d), 2, at, "%s", strbuf_str(&sb));
			strbuf_release(&sb);
		}
		decision_release(d);
	}
	free(ds.v);
}

static void load(struct dossier_view *dv)
{
	clear_data(dv);
	dv->load_error[0] = '\0';
	struct toets_error e = { 0 };
	if (dossier_get(dv->ui->store, dv->ref, &dv->d, &e) != TOETS_OK) {
		snprintf(dv->load_error, sizeof(dv->load_error), "%s", e.message);
		ui_error(dv->ui, "%s", e.message);
		return;
	}
	dv->loaded = true;
	ui_today(dv->ui, dv->today);
	ui_clock_settings(dv->ui, &dv->cs);
	dv->clock_error[0] = dv->aans_error[0] = '\0';
	if (procedure_load(dv->ui->store, dv->d.id, &dv->proc, &e) != TOETS_OK) {
		snprintf(dv->clock_error, sizeof(dv->clock_error), "%s", e.message);
	} else {
		dv->has_proc = true;
		if (dv->proc.received_on[0]) {
			struct toets_error ce = { 0 };
			if (procedure_clock(&dv->proc, dv->today, &dv->cs, &dv->clock, &ce) == TOETS_OK) {
				dv->clock_is = CLOCK_IS_OK;
			} else {
				dv->clock_is = CLOCK_IS_WRONG;
				snprintf(dv->clock_error, sizeof(dv->clock_error), "%s", ce.message);
			}
		}
	}
	if (aansluiting_get(dv->ui->store, dv->d.id, &dv->aans, &e) == TOETS_OK)
		dv->has_aansluiting = true;
	else
		snprintf(dv->aans_error, sizeof(dv->aans_error), "%s", e.message);
	if (document_list(dv->ui->store, dv->d.id, collect_doc, dv, &e) != TOETS_OK)
		ui_error(dv->ui, "%s", e.message);
	build_overview(dv);
	build_assessment(dv);
	build_timeline(dv);
	build_besluit(dv);
	if (dv->doc_sel >= (int)dv->n_docs)
		dv->doc_sel = dv->n_docs ? (int)dv->n_docs - 1 : 0;
}

/* ---- drawing ------------------------------------------------------------------------------ */

/* Draws text at (y, *x) in the given style and moves *x on; false when
 * the line is full. */
static bool put(struct ui *ui, int y, int *x, enum ui_style st, const char *text)
{
	if (*x >= COLS - 1)
		return false;
	ui_style(ui, st);
	*x += ui_text(y, *x, COLS - 1 - *x, text, false);
	return *x < COLS - 1;
}

/* The clock in words (so that it shows without colour too) and its style;
 * `brief` leaves out the day count, for narrow screens. */
static enum ui_style clock_text(const struct dossier_view *dv, bool brief, char *buf, size_t size)
{
	const struct clock_result *c = &dv->clock;
	if (dv->clock_is == CLOCK_IS_NONE) {
		snprintf(buf, size, "%s", _("not received yet: no clock"));
		return STYLE_DIM;
	}
	if (dv->clock_is == CLOCK_IS_WRONG) {
		snprintf(buf, size, "%s", brief ? _("clock: the dates do not fit") : _("clock: the dates do not fit (see the overview)"));
		return STYLE_BAD;
	}
	int left = c->legal.left;
	switch (c->legal.state) {
	case CLOCK_TERM_MET:
		if (brief)
			snprintf(buf, size, "%s", _("decided within the term"));
		else
			snprintf(buf, size, _("decided %s, within the term (deadline %s)"), dv->proc.decided_on,
				 c->legal.deadline);
		return STYLE_DIM;
	case CLOCK_TERM_MISSED:
		if (brief)
			snprintf(buf, size, "%s", _("!! decided after the term"));
		else
			snprintf(buf, size, ngettext("!! decided %s, %d day after the deadline %s",
						     "!! decided %s, %d days after the deadline %s", (unsigned long)-left),
				 dv->proc.decided_on, -left, c->legal.deadline);
		return STYLE_BAD;
	case CLOCK_TERM_SUSPENDED:
		if (brief)
			snprintf(buf, size, _("day %d, suspended"), c->days);
		else if (c->legal.deadline[0])
			snprintf(buf, size, _("day %d, suspended today; deadline %s"), c->days, c->legal.deadline);
		else
			snprintf(buf, size, _("day %d, suspended: the deadline follows when it ends"), c->days);
		return STYLE_NORMAL;
	case CLOCK_TERM_NEAR:
		if (brief)
			snprintf(buf, size, ngettext("! %d day left", "! %d days left", (unsigned long)left), left);
		else
			snprintf(buf, size, ngettext("! day %d, deadline %s: %d day left",
						     "! day %d, deadline %s: %d days left", (unsigned long)left),
				 c->days, c->legal.deadline, left);
		return STYLE_WARN;
	case CLOCK_TERM_PAST:
		if (brief)
			snprintf(buf, size, ngettext("!! %d day past the deadline", "!! %d days past the deadline",
						     (unsigned long)-left), -left);
		else
			snprintf(buf, size, ngettext("!! day %d, deadline %s: %d day past",
						     "!! day %d, deadline %s: %d days past", (unsigned long)-left),
				 c->days, c->legal.deadline, -left);
		return STYLE_BAD;
	case CLOCK_TERM_RUNNING:
	default:
		if (brief)
			snprintf(buf, size, _("deadline %s"), c->legal.deadline);
		else
			snprintf(buf, size, _("day %d, deadline %s"), c->days, c->legal.deadline);
		return STYLE_NORMAL;
	}
}

static void draw_header(struct dossier_view *dv, struct ui *ui, int y)
{
	int x = 1;
	put(ui, y, &x, STYLE_HEADER, dv->ref);
	if (!dv->loaded)
		return;
	x += 2;
	put(ui, y, &x, STYLE_NORMAL, dv->d.org.name);

	/* Category, status and the clock, as much of it as fits. */
	y++;
	char code[16], status[128], clock[256];
	snprintf(code, sizeof(code), "%s", category_code(dv->d.category));
	for (char *p = code; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	enum ui_style cs = STYLE_NORMAL;
	snprintf(status, sizeof(status), "%s", dossier_status_name(dv->d.status));
	for (int brief = 0; brief < 2; brief++) {
		cs = clock_text(dv, brief, clock, sizeof(clock));
		if (1 + ui_width(code) + 2 + ui_width(status) + 2 + ui_width(clock) <= COLS - 1)
			break;
	}
	x = 1;
	put(ui, y, &x, STYLE_NORMAL, code);
	x += 2;
	put(ui, y, &x, STYLE_NORMAL, status);
	x += 2;
	put(ui, y, &x, cs, clock);
}

static void tab_label(struct dossier_view *dv, int p, char *out, size_t size)
{
	if (p == PANE_DOCUMENTS && dv->loaded)
		snprintf(out, size, "%s (%zu)", _(pane_names[p]), dv->n_docs);
	else
		snprintf(out, size, "%s", _(pane_names[p]));
}

/* The panes as tabs, the current one in brackets (and reversed); when
 * they do not fit, only the current one with its number. */
static void draw_tabs(struct dossier_view *dv, struct ui *ui, int y)
{
	char label[128];
	int total = 0;
	for (int p = 0; p < PANE_COUNT; p++) {
		tab_label(dv, p, label, sizeof(label));
		total += ui_width(label) + 2 + 1;
	}
	int x = 1;
	if (total <= COLS - 2) {
		for (int p = 0; p < PANE_COUNT; p++) {
			tab_label(dv, p, label, sizeof(label));
			char t[160];
			snprintf(t, sizeof(t), p == (int)dv->pane ? "[%s]" : " %s ", label);
			put(ui, y, &x, p == (int)dv->pane ? STYLE_SELECTED : STYLE_DIM, t);
			x++;
		}
	} else {
		tab_label(dv, dv->pane, label, sizeof(label));
		char t[200];
		snprintf(t, sizeof(t), "< [%s] %d/%d >", label, dv->pane + 1, PANE_COUNT);
		put(ui, y, &x, STYLE_SELECTED, t);
	}
	ui_style(ui, STYLE_NORMAL);
}

static int label_width(const struct lines *L)
{
	int w = 0;
	for (size_t i = 0; i < L->n; i++)
		if (L->v[i].label) {
			int lw = ui_width(L->v[i].label);
			if (lw > w)
				w = lw;
		}
	if (w > COLS / 3)
		w = COLS / 3;
	return w ? w + 2 : 0;
}

/* Columns of the assessment table: number, title, verdict, answered, required. */
struct crit_cols {
	int title_w, verdict_x, answered_x, required_x;
};

static void verdict_text(const struct criterion_row *r, char *out, size_t size)
{
	snprintf(out, size, "%s%s", verdict_name(r->verdict), r->overridden ? _(" (set)") : "");
}

static struct crit_cols crit_layout(const struct dossier_view *dv, int x0)
{
	struct crit_cols c;
	int vw = ui_width(_("Verdict"));
	for (size_t i = 0; i < dv->n_crits; i++) {
		char buf[128];
		verdict_text(&dv->crits[i], buf, sizeof(buf));
		if (ui_width(buf) > vw)
			vw = ui_width(buf);
	}
	int aw = ui_width(_("Answered")), rw = ui_width(_("Required"));
	if (aw < 7)
		aw = 7;
	if (rw < 7)
		rw = 7;
	c.required_x = COLS - 1 - rw;
	c.answered_x = c.required_x - 1 - aw;
	c.verdict_x = c.answered_x - 2 - vw;
	c.title_w = c.verdict_x - 2 - (x0 + 4);
	return c;
}

static void draw_criterion(struct dossier_view *dv, struct ui *ui, const struct line *l, int y, int x0)
{
	struct crit_cols cc = crit_layout(dv, x0);
	int vw = cc.answered_x - 2 - cc.verdict_x;
	char buf[256];
	if (l->kind == LINE_CRITERIA_HEAD) {
		ui_style(ui, STYLE_HEADER);
		ui_text(y, x0 + 4, cc.title_w, _("Criterion"), false);
		ui_text(y, cc.verdict_x, vw, _("Verdict"), false);
		ui_text(y, cc.answered_x, cc.required_x - 1 - cc.answered_x, _("Answered"), false);
		ui_text(y, cc.required_x, COLS - 1 - cc.required_x, _("Required"), false);
		return;
	}
	const struct criterion_row *r = &dv->crits[l->criterion];
	ui_style(ui, STYLE_NORMAL);
	snprintf(buf, sizeof(buf), "%2zu%s", l->criterion + 1, r->mandatory ? "*" : " ");
	ui_text(y, x0, 4, buf, false);
	if (ui_width(r->title) > cc.title_w) {
		ui_text(y, x0 + 4, cc.title_w - 1, r->title, false);
		ui_text(y, x0 + 4 + cc.title_w - 1, 1, "\xE2\x80\xA6", false);
	} else {
		ui_text(y, x0 + 4, cc.title_w, r->title, false);
	}
	enum ui_style vs = STYLE_DIM;
	switch (r->verdict) {
	case VERDICT_PASS: vs = STYLE_GOOD; break;
	case VERDICT_FAIL: vs = STYLE_BAD; break;
	case VERDICT_FOLLOWUP: vs = STYLE_WARN; break;
	default: break;
	}
	verdict_text(r, buf, sizeof(buf));
	ui_style(ui, vs);
	ui_text(y, cc.verdict_x, vw, buf, false);
	ui_style(ui, STYLE_NORMAL);
	snprintf(buf, sizeof(buf), "%zu/%zu", r->progress.answered, r->progress.shown);
	ui_text(y, cc.answered_x, cc.required_x - 1 - cc.answered_x, buf, false);
	snprintf(buf, sizeof(buf), "%zu/%zu", r->progress.required_answered, r->progress.required);
	ui_style(ui, r->progress.required_answered < r->progress.required ? STYLE_WARN : STYLE_NORMAL);
	ui_text(y, cc.required_x, COLS - 1 - cc.required_x, buf, false);
	ui_style(ui, STYLE_NORMAL);
}

static int line_height(const struct line *l, int x0, int lw)
{
	if (l->kind != LINE_TEXT)
		return 1;
	int x = x0 + l->indent + (l->label ? lw : 0) + (l->bullet ? 2 : 0);
	int h = ui_wrap_height(COLS - 1 - x, l->text);
	return h < 1 ? 1 : h;
}

/* A text pane, scrolled by *scroll display lines (clamped here). */
static void draw_lines(struct dossier_view *dv, struct ui *ui, enum pane p, int top, int bottom)
{
	const struct lines *L = &dv->text[p];
	int x0 = 1, lw = label_width(L);
	int total = 0;
	for (size_t i = 0; i < L->n; i++) {
		if (p == PANE_OVERVIEW && (int)i == dv->show_line)
			dv->scroll[p] = total; /* that line on top */
		total += line_height(&L->v[i], x0, lw);
	}
	if (p == PANE_OVERVIEW)
		dv->show_line = -1;
	int rows = bottom - top;
	bool more = total > rows;
	if (more)
		rows--; /* the last line says there is more */
	dv->height[p] = rows;
	if (dv->scroll[p] > total - rows)
		dv->scroll[p] = total - rows;
	if (dv->scroll[p] < 0)
		dv->scroll[p] = 0;
	int skip = dv->scroll[p], y = top, end = top + rows;
	for (size_t i = 0; i < L->n && y < end; i++) {
		const struct line *l = &L->v[i];
		int h = line_height(l, x0, lw);
		if (skip >= h) {
			skip -= h;
			continue;
		}
		if (l->kind != LINE_TEXT) {
			draw_criterion(dv, ui, l, y, x0);
			y++;
			continue;
		}
		int x = x0 + l->indent;
		if (l->label && skip == 0) {
			ui_style(ui, l->style == STYLE_NORMAL ? STYLE_DIM : l->style);
			ui_text(y, x, lw - 1, l->label, false);
		}
		if (l->label)
			x += lw;
		ui_style(ui, l->style);
		if (l->bullet) {
			if (skip == 0)
				ui_text(y, x, 1, "-", false);
			x += 2;
		}
		y = ui_wrap(y, end, x, COLS - 1 - x, l->text, skip);
		skip = 0;
	}
	if (more) {
		char buf[128];
		int below = total - dv->scroll[p] - rows;
		if (below > 0)
			snprintf(buf, sizeof(buf), ngettext("%d more line: j, PgDn", "%d more lines: j, PgDn",
							   (unsigned long)below), below);
		else
			snprintf(buf, sizeof(buf), "%s", _("end: k, PgUp, g go back up"));
		ui_style(ui, STYLE_DIM);
		ui_text(bottom - 1, COLS - 1 - ui_width(buf), ui_width(buf), buf, false);
	}
	ui_style(ui, STYLE_NORMAL);
}

static void draw_documents(struct dossier_view *dv, struct ui *ui, int top, int bottom)
{
	int x0 = 1;
	/* kind, title, size, received, sha256 */
	int kind_w = 22, size_w = 8, recv_w = 10, sha_w = 8;
	int title_w = COLS - 1 - x0 - (kind_w + 1) - (size_w + 1) - (recv_w + 1) - (sha_w + 1);
	int kx = x0, tx = kx + kind_w + 1, sx = tx + title_w + 1, rx = sx + size_w + 1, hx = rx + recv_w + 1;
	if (dv->n_docs == 0) {
		ui_style(ui, STYLE_NORMAL);
		ui_wrap(top, bottom, x0, COLS - 2,
			_("No documents yet. a adds one from a file (Tab completes the path)."), 0);
		return;
	}
	ui_style(ui, STYLE_HEADER);
	ui_text(top, kx, kind_w, _("Kind"), false);
	ui_text(top, tx, title_w, _("Title"), false);
	ui_text(top, sx, size_w, _("Size"), false);
	ui_text(top, rx, recv_w, _("Received"), false);
	ui_text(top, hx, sha_w, "sha256", false);
	int rows = bottom - top - 1;
	if (rows < 1)
		return;
	dv->height[PANE_DOCUMENTS] = rows;
	if (dv->doc_sel < dv->doc_top)
		dv->doc_top = dv->doc_sel;
	if (dv->doc_sel >= dv->doc_top + rows)
		dv->doc_top = dv->doc_sel - rows + 1;
	if (dv->doc_top > (int)dv->n_docs - rows)
		dv->doc_top = (int)dv->n_docs - rows;
	if (dv->doc_top < 0)
		dv->doc_top = 0;
	for (int r = 0; r < rows; r++) {
		int i = dv->doc_top + r;
		if (i >= (int)dv->n_docs)
			break;
		const struct doc_row *d = &dv->docs[i];
		int y = top + 1 + r;
		bool sel = i == dv->doc_sel;
		ui_style(ui, sel ? STYLE_SELECTED : STYLE_NORMAL);
		ui_fill(y, 0, COLS);
		if (sel)
			ui_text(y, 0, 1, ">", false);
		ui_text(y, kx, kind_w, d->kind, false);
		if (ui_width(d->title) > title_w) {
			ui_text(y, tx, title_w - 1, d->title, false);
			ui_text(y, tx + title_w - 1, 1, "\xE2\x80\xA6", false);
		} else {
			ui_text(y, tx, title_w, d->title, false);
		}
		char size[32];
		human_size(d->size, size);
		ui_text(y, sx + size_w - ui_width(size), ui_width(size), size, false);
		if (d->received_on) {
			ui_text(y, rx, recv_w, d->received_on, false);
		} else if (d->added_at) {
			/* Not given: the day it was added, dimmed. */
			char at[32];
			moment(d->added_at, at);
			at[10] = '\0';
			if (!sel)
				ui_style(ui, STYLE_DIM);
			ui_text(y, rx, recv_w, at, false);
			ui_style(ui, sel ? STYLE_SELECTED : STYLE_NORMAL);
		}
		ui_text(y, hx, sha_w, d->sha256, false);
	}
	ui_style(ui, STYLE_NORMAL);
}

static void dossier_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct dossier_view *dv = v->data;
	draw_header(dv, ui, top);
	draw_tabs(dv, ui, top + 2);
	int ctop = top + 4;
	if (ctop >= bottom)
		return;
	if (!dv->loaded) {
		ui_style(ui, STYLE_ERROR);
		ui_wrap(ctop, bottom, 1, COLS - 2, dv->load_error, 0);
		ui_style(ui, STYLE_NORMAL);
		ui_wrap(ctop + 2, bottom, 1, COLS - 2, _("q goes back; the dossier is read again when you return."), 0);
		return;
	}
	if (dv->pane == PANE_DOCUMENTS)
		draw_documents(dv, ui, ctop, bottom);
	else
		draw_lines(dv, ui, dv->pane, ctop, bottom);
}

/* ---- the status ------------------------------------------------------------------------------ */

static void status_reason(struct ui *ui, struct dossier_view *dv);

static void reason_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (!text) {
		ui_message(ui, "%s", _("the status was not changed"));
		return;
	}
	free(dv->reason);
	dv->reason = xstrdup(text);
	enum dossier_status to = (enum dossier_status)dv->reason_to;
	if (dv->loaded && dossier_transition_needs_reason(dv->d.status, to) && validate_blank(text)) {
		ui_error(ui, _("moving to \"%s\" needs a reason"), dossier_status_name(to));
		status_reason(ui, dv);
		return;
	}
	struct toets_error e = { 0 };
	enum toets_status st = dossier_transition(ui->store, dv->ref, to, validate_blank(text) ? NULL : text, &e);
	if (st != TOETS_OK) {
		load(dv);
		ui_error(ui, "%s", e.message);
		/* Worth another try with the same text: a busy or full database, or
		 * a reason to correct. A refused move keeps the text for next time. */
		if (st == TOETS_ERR_BUSY || st == TOETS_ERR_INVALID || st == TOETS_ERR_FULL || st == TOETS_ERR_IO)
			status_reason(ui, dv);
		return;
	}
	xfree(&dv->reason);
	load(dv);
	ui_message(ui, _("%s is now %s"), dv->ref, dossier_status_name(to));
}

static void status_reason(struct ui *ui, struct dossier_view *dv)
{
	enum dossier_status to = (enum dossier_status)dv->reason_to;
	bool needed = dv->loaded && dossier_transition_needs_reason(dv->d.status, to);
	ui_prompt(ui, needed ? _("Reason (required):") : _("Reason (optional):"), dv->reason, false,
		  reason_done, dv);
	/* The prompt's label is short: the move itself on the message line. */
	if (!ui->message[0])
		ui_message(ui, _("moving %s to \"%s\""), dv->ref, dossier_status_name(to));
}

struct status_menu {
	struct dossier_view *dv;
	int to[STATUS_COUNT];
};

static struct status_menu the_status_menu; /* one menu open at a time */

static void status_chosen(struct ui *ui, int choice, void *ctx)
{
	struct status_menu *m = ctx;
	if (choice < 0)
		return;
	struct dossier_view *dv = m->dv;
	int to = m->to[choice];
	if (to != dv->reason_to)
		xfree(&dv->reason); /* a reason typed for another status */
	dv->reason_to = to;
	status_reason(ui, dv);
}

static void choose_status(struct dossier_view *dv, struct ui *ui)
{
	if (!dv->loaded)
		return;
	const char *items[STATUS_COUNT];
	int n = 0, sel = 0;
	for (int s = 0; s < STATUS_COUNT; s++) {
		if (!dossier_transition_allowed(dv->d.status, (enum dossier_status)s))
			continue;
		if (s == dv->reason_to && dv->reason)
			sel = n;
		the_status_menu.to[n] = s;
		items[n++] = dossier_status_name((enum dossier_status)s);
	}
	if (!n) {
		ui_error(ui, _("\"%s\" is a final status: the dossier cannot move on"), dossier_status_name(dv->d.status));
		return;
	}
	the_status_menu.dv = dv;
	char title[128];
	snprintf(title, sizeof(title), _("From \"%s\" to:"), dossier_status_name(dv->d.status));
	ui_menu(ui, title, items, n, sel, status_chosen, &the_status_menu);
}

/* ---- notes ---------------------------------------------------------------------------------------- */

static void note_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (!text) {
		xfree(&dv->note); /* discarded in the editor */
		return;
	}
	if (validate_blank(text)) {
		ui_message(ui, "%s", _("an empty note is not stored"));
		return;
	}
	struct toets_error e = { 0 };
	if (note_add(ui->store, dv->ref, text, &e) != TOETS_OK) {
		/* Kept, and offered again as not stored (unless toets is ending). */
		free(dv->note);
		dv->note = xstrdup(text);
		ui_error(ui, _("the note was not stored: %s"), e.message);
		if (ui->quit)
			return;
		char title[128];
		snprintf(title, sizeof(title), _("Note on %s (not stored yet)"), dv->ref);
		ui_editor_unstored(ui, title, dv->note, note_done, dv);
		return;
	}
	xfree(&dv->note);
	load(dv);
	ui_message(ui, "%s", _("note stored"));
}

static void write_note(struct dossier_view *dv, struct ui *ui)
{
	char title[128];
	snprintf(title, sizeof(title), _("Note on %s"), dv->ref);
	ui_editor(ui, title, dv->note ? dv->note : "", note_done, dv);
}

/* ---- adding a document ----------------------------------------------------------------------- */

static void ask_path(struct dossier_view *dv, struct ui *ui);
static void ask_title(struct dossier_view *dv, struct ui *ui);

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* A kind whose name the file name contains: "statuten-2024.pdf" is statuten. */
static int guess_kind(const char *path)
{
	char *low = xstrdup(base_name(path));
	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	int found = -1, n = 0;
	for (int i = 0; document_kinds[i]; i++, n++)
		if (found < 0 && strstr(low, document_kinds[i]))
			found = i;
	if (found < 0 && (strstr(low, "privacy") || strstr(low, "avg")))
		for (int i = 0; document_kinds[i]; i++)
			if (strcmp(document_kinds[i], "privacybeleid") == 0)
				found = i;
	if (found < 0 && strstr(low, "tlp"))
		for (int i = 0; document_kinds[i]; i++)
			if (strcmp(document_kinds[i], "tlp-procedure") == 0)
				found = i;
	free(low);
	return found >= 0 ? found : n - 1; /* the last kind: overig */
}

static void title_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (!text) {
		ui_message(ui, "%s", _("no document added"));
		return;
	}
	free(dv->add_title);
	dv->add_title = xstrdup(text);
	struct toets_error e = { 0 };
	char id[STORE_ID_LEN];
	enum toets_status st = document_add(ui->store, dv->ref, dv->add_path,
					    validate_blank(text) ? NULL : text, document_kinds[dv->add_kind],
					    NULL, id, &e);
	if (st != TOETS_OK) {
		ui_error(ui, "%s", e.message);
		/* The file is kept for the next 'a'; a busy database or a bad title
		 * can be tried again at once. */
		if (st == TOETS_ERR_BUSY || st == TOETS_ERR_INVALID || st == TOETS_ERR_FULL)
			ask_title(dv, ui);
		return;
	}
	xfree(&dv->add_path);
	xfree(&dv->add_title);
	load(dv);
	dv->pane = PANE_DOCUMENTS;
	for (size_t i = 0; i < dv->n_docs; i++)
		if (strcmp(dv->docs[i].id, id) == 0)
			dv->doc_sel = (int)i;
	for (size_t i = 0; i < dv->n_docs; i++)
		if (strcmp(dv->docs[i].id, id) == 0)
			ui_message(ui, _("document added: %s (%s)"), dv->docs[i].title, dv->docs[i].kind);
}

static void ask_title(struct dossier_view *dv, struct ui *ui)
{
	ui_prompt(ui, _("Title:"), dv->add_title ? dv->add_title : base_name(dv->add_path), false,
		  title_done, dv);
}

static void kind_done(struct ui *ui, int choice, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (choice < 0) {
		ui_message(ui, "%s", _("no document added"));
		return;
	}
	dv->add_kind = choice;
	ask_title(dv, ui);
}

static void path_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (!text || !*text) {
		ui_message(ui, "%s", _("no document added"));
		return;
	}
	char *path;
	const char *home = getenv("HOME");
	if (text[0] == '~' && text[1] == '/' && home && *home)
		path = xasprintf("%s%s", home, text + 1);
	else
		path = xstrdup(text);
	bool same = dv->add_path && strcmp(dv->add_path, path) == 0;
	free(dv->add_path);
	dv->add_path = path;
	if (!same) {
		xfree(&dv->add_title);
		dv->add_kind = -1;
	}
	struct stat sb;
	if (stat(path, &sb) != 0) {
		ui_error(ui, _("%s: %s"), text, strerror(errno));
		ask_path(dv, ui);
		return;
	}
	if (!S_ISREG(sb.st_mode)) {
		ui_error(ui, _("%s is not a regular file"), text);
		ask_path(dv, ui);
		return;
	}
	const char *items[32];
	int n = 0;
	for (; document_kinds[n] && n < 32; n++)
		items[n] = document_kinds[n];
	int sel = dv->add_kind >= 0 ? dv->add_kind : guess_kind(path);
	ui_menu(ui, _("Kind of document"), items, n, sel, kind_done, dv);
}

static void ask_path(struct dossier_view *dv, struct ui *ui)
{
	ui_prompt(ui, _("Add the file:"), dv->add_path, true, path_done, dv);
}

/* ---- viewing a document ---------------------------------------------------------------------- */

/* A private directory for the copies the viewer gets. */
static bool make_tmpdir(struct dossier_view *dv, struct ui *ui)
{
	if (dv->tmpdir[0])
		return true;
	const char *t = getenv("TMPDIR");
	if (!t || !*t)
		t = "/tmp";
	snprintf(dv->tmpdir, sizeof(dv->tmpdir), "%s/toets-XXXXXX", t);
	if (!mkdtemp(dv->tmpdir)) {
		ui_error(ui, _("cannot make a private directory in %s: %s"), t, strerror(errno));
		dv->tmpdir[0] = '\0';
		return false;
	}
	chmod(dv->tmpdir, 0700);
	return true;
}

/* The words of $TOETS_VIEWER (split at blanks, no shell), or xdg-open. */
static char **viewer_argv(const char *file, char **storage)
{
	const char *env = getenv("TOETS_VIEWER");
	*storage = xstrdup(env && !validate_blank(env) ? env : "xdg-open");
	size_t n = 0, cap = 0;
	char **argv = NULL;
	for (char *save = NULL, *w = strtok_r(*storage, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		argv = xgrow(argv, &cap, n + 2, sizeof(*argv));
		argv[n++] = w;
	}
	argv = xgrow(argv, &cap, n + 2, sizeof(*argv));
	argv[n++] = (char *)file;
	argv[n] = NULL;
	return argv;
}

static void run_viewer(struct dossier_view *dv, struct ui *ui, const struct doc_row *d)
{
	if (!make_tmpdir(dv, ui))
		return;
	/* "<id>-<file name>", the name made harmless. */
	struct strbuf name = STRBUF_INIT;
	strbuf_addf(&name, "%.8s-", d->id);
	const char *fn = base_name(d->filename[0] ? d->filename : d->title);
	for (const char *p = fn; *p; p++)
		strbuf_addc(&name, (*p == '/' || (unsigned char)*p < 0x20 || *p == 0x7f) ? '_' : *p);
	char *dest = xasprintf("%s/%s", dv->tmpdir, strbuf_str(&name));
	strbuf_release(&name);
	struct toets_error e = { 0 };
	enum toets_status st = document_export(ui->store, dv->ref, d->id, dest, &e);
	if (st == TOETS_OK) {
		dv->tmpfiles = xgrow(dv->tmpfiles, &dv->cap_tmpfiles, dv->n_tmpfiles + 1, sizeof(char *));
		dv->tmpfiles[dv->n_tmpfiles++] = xstrdup(dest);
	} else if (st != TOETS_ERR_EXISTS) { /* exists: our copy from before */
		ui_error(ui, "%s", e.message);
		free(dest);
		return;
	}

	char *storage;
	char **argv = viewer_argv(dest, &storage);
	int pfd[2];
	if (pipe(pfd) != 0) {
		ui_error(ui, _("cannot start the viewer: %s"), strerror(errno));
		free(argv), free(storage), free(dest);
		return;
	}
	fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
	fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
	if (!ui->headless) {
		def_prog_mode();
		endwin();
	}
	/* C-c in the viewer is for the viewer, not for toets. */
	struct sigaction ign, old_int, old_quit;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		close(pfd[0]);
		execvp(argv[0], argv);
		int err = errno;
		ssize_t w = write(pfd[1], &err, sizeof(err));
		(void)w;
		_exit(127);
	}
	int exec_err = 0, status = 0;
	close(pfd[1]);
	if (pid > 0) {
		ssize_t r;
		do
			r = read(pfd[0], &exec_err, sizeof(exec_err));
		while (r < 0 && errno == EINTR);
		if (r != (ssize_t)sizeof(exec_err))
			exec_err = 0;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	} else {
		exec_err = errno;
	}
	close(pfd[0]);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (!ui->headless) {
		reset_prog_mode();
		clearok(curscr, TRUE);
		refresh();
	}
	if (pid < 0)
		ui_error(ui, _("cannot start the viewer: %s"), strerror(exec_err));
	else if (exec_err == ENOENT)
		ui_error(ui, _("viewer '%s' not found: set TOETS_VIEWER to a program that opens files"), argv[0]);
	else if (exec_err)
		ui_error(ui, _("cannot run the viewer '%s': %s"), argv[0], strerror(exec_err));
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		ui_error(ui, _("the viewer '%s' ended with status %d"), argv[0], WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		ui_error(ui, _("the viewer '%s' was ended by signal %d"), argv[0], WTERMSIG(status));
	else
		ui_message(ui, _("opened with %s; the copy goes when you close the dossier"), base_name(argv[0]));
	free(argv);
	free(storage);
	free(dest);
	ui_dirty(ui);
}

static void view_document(struct dossier_view *dv, struct ui *ui)
{
	if (!dv->loaded || dv->n_docs == 0) {
		ui_error(ui, "%s", _("no document to view: a adds one"));
		return;
	}
	const struct doc_row *d = &dv->docs[dv->doc_sel];
	char *buf = NULL;
	size_t len = 0;
	struct toets_error e = { 0 };
	enum toets_status st = document_read(ui->store, dv->ref, d->id, PAGER_MAX, &buf, &len, &e);
	if (st == TOETS_OK && document_is_text(buf, len)) {
		/* Line ends as the pager wants them. */
		size_t o = 0;
		for (size_t i = 0; i < len; i++)
			if (!(buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n'))
				buf[o++] = buf[i] == '\f' ? '\n' : buf[i];
		buf[o] = '\0';
		char title[256];
		snprintf(title, sizeof(title), "%s: %s (%s)", dv->ref, d->title, d->kind);
		ui_pager(ui, title, buf);
		free(buf);
		return;
	}
	free(buf);
	if (st != TOETS_OK && st != TOETS_ERR_REFUSED) {
		ui_error(ui, "%s", e.message);
		return;
	}
	run_viewer(dv, ui, d);
}

/* ---- proposing a decision ------------------------------------------------------------------ */

static void propose_step(struct ui *ui, struct dossier_view *dv, int step);

static void set_typed(char **field, const char *text)
{
	free(*field);
	*field = text && !validate_blank(text) ? xstrdup(text) : NULL;
}

static bool proposal_needs_reason(const struct dossier_view *dv)
{
	return dv->has_assessment && (dv->prop_kind != (int)dv->suggested || dv->prop_kind == DECISION_INTREKKEN);
}

static void propose_submit(struct ui *ui, struct dossier_view *dv)
{
	struct decision_proposal in = {
		.kind = dv->prop_kind,
		.reason = dv->prop_reason,
		.effective_on = dv->prop_kind == DECISION_AANWIJZEN ? dv->prop_effective : NULL,
		.reassess_on = dv->prop_kind == DECISION_AANWIJZEN ? dv->prop_reassess : NULL,
		.term_until = dv->prop_kind == DECISION_AANVULLING ? dv->prop_term : NULL,
	};
	struct toets_error e = { 0 };
	struct decision d;
	enum toets_status st = decision_propose(ui->store, dv->ref, &in, &d, &e);
	if (st != TOETS_OK) {
		load(dv);
		show_error(ui, e.message);
		/* A reason or a date to correct, or a busy database: again, with
		 * what was typed. A refusal keeps it for the next P. */
		if (!ui->quit && (st == TOETS_ERR_INVALID || st == TOETS_ERR_BUSY || st == TOETS_ERR_FULL))
			propose_step(ui, dv, 0);
		return;
	}
	enum decision_kind k = d.kind;
	decision_release(&d);
	dv->prop_kind = -1;
	xfree(&dv->prop_reason);
	xfree(&dv->prop_effective);
	xfree(&dv->prop_reassess);
	xfree(&dv->prop_term);
	load(dv);
	ui_message(ui, _("proposed: %s; another account approves it or sends it back (four eyes)"),
		   decision_kind_name(k));
}

/* The steps of a proposal: 0 the reason (when one is needed), 1 and 2 the
 * dates of a designation, 3 the term of an aanvulling, 4 done. */
static void propose_reason_done(struct ui *ui, const char *text, void *ctx);
static void propose_effective_done(struct ui *ui, const char *text, void *ctx);
static void propose_reassess_done(struct ui *ui, const char *text, void *ctx);
static void propose_term_done(struct ui *ui, const char *text, void *ctx);

static void propose_step(struct ui *ui, struct dossier_view *dv, int step)
{
	if (step <= 0) {
		if (proposal_needs_reason(dv) || dv->prop_reason) {
			ui_prompt(ui, proposal_needs_reason(dv) ? _("Reason (required):") : _("Reason (optional):"),
				  dv->prop_reason, false, propose_reason_done, dv);
			if (!ui->message[0]) {
				if (dv->prop_kind == DECISION_INTREKKEN)
					ui_message(ui, "%s", _("withdrawing a designation needs a reason"));
				else
					ui_message(ui, _("the verdicts suggest %s; proposing %s needs a reason"),
						   decision_kind_name(dv->suggested),
						   decision_kind_name((enum decision_kind)dv->prop_kind));
			}
			return;
		}
		step = 1;
	}
	if (dv->prop_kind == DECISION_AANWIJZEN && step <= 1) {
		ui_prompt(ui, _("Effective date:"), dv->prop_effective, false, propose_effective_done, dv);
		if (!ui->message[0])
			ui_message(ui, "%s", _("YYYY-MM-DD; empty: the day the proposal is approved"));
		return;
	}
	if (dv->prop_kind == DECISION_AANWIJZEN && step <= 2) {
		ui_prompt(ui, _("Re-assessment date:"), dv->prop_reassess, false, propose_reassess_done, dv);
		if (!ui->message[0])
			ui_message(ui, ngettext("YYYY-MM-DD; empty: %d year after the effective date",
						"YYYY-MM-DD; empty: %d years after the effective date",
						(unsigned long)ui->settings.reassess_years),
				   ui->settings.reassess_years);
		return;
	}
	if (dv->prop_kind == DECISION_AANVULLING && step <= 3) {
		ui_prompt(ui, _("Term until:"), dv->prop_term, false, propose_term_done, dv);
		if (!ui->message[0])
			ui_message(ui, ngettext("YYYY-MM-DD; empty: %d day from today", "YYYY-MM-DD; empty: %d days from today",
						(unsigned long)DECISION_TERM_DAYS),
				   DECISION_TERM_DAYS);
		return;
	}
	propose_submit(ui, dv);
}

static bool propose_cancelled(struct ui *ui, const char *text)
{
	if (text)
		return false;
	ui_message(ui, "%s", _("nothing was proposed"));
	return true;
}

static void propose_reason_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (propose_cancelled(ui, text))
		return;
	set_typed(&dv->prop_reason, text);
	propose_step(ui, dv, 1);
}

static void propose_effective_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (propose_cancelled(ui, text))
		return;
	set_typed(&dv->prop_effective, text);
	propose_step(ui, dv, 2);
}

static void propose_reassess_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (propose_cancelled(ui, text))
		return;
	set_typed(&dv->prop_reassess, text);
	propose_step(ui, dv, 4);
}

static void propose_term_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (propose_cancelled(ui, text))
		return;
	set_typed(&dv->prop_term, text);
	propose_step(ui, dv, 4);
}

static void propose_kind_done(struct ui *ui, int choice, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (choice < 0 || choice >= DECISION_KIND_COUNT) {
		ui_message(ui, "%s", _("nothing was proposed"));
		return;
	}
	if (choice != dv->prop_kind) {
		/* What was typed for another kind does not carry over. */
		xfree(&dv->prop_reason);
		xfree(&dv->prop_effective);
		xfree(&dv->prop_reassess);
		xfree(&dv->prop_term);
	}
	dv->prop_kind = choice;
	propose_step(ui, dv, 0);
}

static void propose(struct dossier_view *dv, struct ui *ui)
{
	load(dv); /* the suggestion as the verdicts are now */
	if (!dv->loaded)
		return;
	char items[DECISION_KIND_COUNT][128];
	const char *ptrs[DECISION_KIND_COUNT];
	for (int k = 0; k < DECISION_KIND_COUNT; k++) {
		if (dv->has_assessment && k == (int)dv->suggested)
			snprintf(items[k], sizeof(items[k]), _("%s (suggested)"), decision_kind_name((enum decision_kind)k));
		else
			snprintf(items[k], sizeof(items[k]), "%s", decision_kind_name((enum decision_kind)k));
		ptrs[k] = items[k];
	}
	int sel = dv->prop_kind >= 0 ? dv->prop_kind : dv->has_assessment ? (int)dv->suggested : 0;
	char title[128];
	snprintf(title, sizeof(title), _("Propose for %s:"), dv->ref);
	ui_menu(ui, title, ptrs, DECISION_KIND_COUNT, sel, propose_kind_done, dv);
}

/* ---- reviewing: approve or send back ---------------------------------------------------------- */

/* The proposal to review; false (with a message) when none waits. */
static bool waiting_proposal(struct dossier_view *dv, struct ui *ui)
{
	load(dv); /* another window may have proposed or reviewed meanwhile */
	if (!dv->loaded)
		return false;
	if (!dv->waiting) {
		ui_error(ui, _("dossier %s has no proposal waiting for approval"), dv->ref);
		return false;
	}
	return true;
}

static void approve_ask_note(struct ui *ui, struct dossier_view *dv);

static void approve_note_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (!text) {
		ui_message(ui, "%s", _("nothing was approved"));
		return;
	}
	set_typed(&dv->approve_note, text);
	struct toets_error e = { 0 };
	struct decision d;
	enum toets_status st =
		decision_approve(ui->store, dv->ref, dv->approve_note, ui->settings.reassess_years, &d, &e);
	load(dv);
	if (st != TOETS_OK) {
		show_error(ui, e.message);
		if (!ui->quit && (st == TOETS_ERR_INVALID || st == TOETS_ERR_BUSY || st == TOETS_ERR_FULL))
			approve_ask_note(ui, dv);
		return;
	}
	xfree(&dv->approve_note);
	ui_message(ui, _("approved: %s; %s is now %s"), decision_kind_name(d.kind), dv->ref,
		   dossier_status_name(dv->d.status));
	decision_release(&d);
}

static void approve_ask_note(struct ui *ui, struct dossier_view *dv)
{
	ui_prompt(ui, _("Note (optional):"), dv->approve_note, false, approve_note_done, dv);
}

static void approve_confirmed(struct ui *ui, bool yes, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (!yes) {
		ui_message(ui, "%s", _("nothing was approved"));
		return;
	}
	approve_ask_note(ui, dv);
}

static void approve(struct dossier_view *dv, struct ui *ui)
{
	if (!waiting_proposal(dv, ui))
		return;
	char q[256];
	snprintf(q, sizeof(q), _("Approve the proposal to %s of %s by %s?"), decision_kind_name(dv->latest.kind),
		 dv->ref, dv->latest.proposed_by ? dv->latest.proposed_by : "?");
	ui_confirm(ui, q, approve_confirmed, dv);
}

static void send_back_ask(struct ui *ui, struct dossier_view *dv);

static void send_back_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (!text) {
		ui_message(ui, "%s", _("the proposal was not sent back"));
		return;
	}
	set_typed(&dv->return_reason, text);
	struct toets_error e = { 0 };
	struct decision d;
	enum toets_status st = decision_return(ui->store, dv->ref, text, &d, &e);
	load(dv);
	if (st != TOETS_OK) {
		show_error(ui, e.message);
		if (!ui->quit && (st == TOETS_ERR_INVALID || st == TOETS_ERR_BUSY || st == TOETS_ERR_FULL))
			send_back_ask(ui, dv);
		return;
	}
	xfree(&dv->return_reason);
	ui_message(ui, _("the proposal to %s was sent back to %s"), decision_kind_name(d.kind),
		   d.proposed_by ? d.proposed_by : "?");
	decision_release(&d);
}

static void send_back_ask(struct ui *ui, struct dossier_view *dv)
{
	ui_prompt(ui, _("Why it goes back (required):"), dv->return_reason, false, send_back_done, dv);
	if (!ui->message[0] && dv->has_latest)
		ui_message(ui, _("sending back the proposal to %s by %s"), decision_kind_name(dv->latest.kind),
			   dv->latest.proposed_by ? dv->latest.proposed_by : "?");
}

static void send_back(struct dossier_view *dv, struct ui *ui)
{
	if (waiting_proposal(dv, ui))
		send_back_ask(ui, dv);
}

/* ---- re-assessing ---------------------------------------------------------------------------------- */

static void reassess_confirmed(struct ui *ui, bool yes, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (!yes) {
		ui_message(ui, "%s", _("no re-assessment was started"));
		return;
	}
	struct toets_error e = { 0 };
	struct assessment a;
	size_t dropped = 0;
	enum toets_status st = assess_reassess(ui->store, dv->ref, NULL, &a, &dropped, &e);
	load(dv);
	if (st != TOETS_OK) {
		show_error(ui, e.message);
		return;
	}
	assess_release(&a);
	if (dropped)
		ui_message(ui, ngettext("re-assessment started (%zu answer did not fit); w walks it",
					"re-assessment started (%zu answers did not fit); w walks it", (unsigned long)dropped),
			   dropped);
	else
		ui_message(ui, "%s", _("re-assessment started from the previous answers; w walks it"));
}

static void reassess(struct dossier_view *dv, struct ui *ui)
{
	if (!dv->loaded)
		return;
	char q[256];
	snprintf(q, sizeof(q), _("Start a re-assessment of %s from its last assessment?"), dv->ref);
	ui_confirm(ui, q, reassess_confirmed, dv);
}

/* ---- letters -------------------------------------------------------------------------------------- */

typedef void (*letter_fn)(struct dossier_view *dv, struct ui *ui);

struct letter_menu {
	struct dossier_view *dv;
	letter_fn then;
};

static struct letter_menu the_letter_menu; /* one menu open at a time */

static void letter_chosen(struct ui *ui, int choice, void *ctx)
{
	struct letter_menu *m = ctx;
	if (choice < 0)
		return;
	m->dv->letter_kind = choice;
	m->then(m->dv, ui);
}

/* A menu of the letters, each with its state; `issuable` leaves out the
 * summary (never issued). */
static void choose_letter(struct dossier_view *dv, struct ui *ui, const char *title, bool issuable, letter_fn then)
{
	load(dv);
	if (!dv->loaded)
		return;
	char items[LETTER_KIND_COUNT][160];
	const char *ptrs[LETTER_KIND_COUNT];
	int n = issuable ? LETTER_SAMENVATTING : LETTER_KIND_COUNT;
	for (int k = 0; k < n; k++) {
		const char *state = dv->letter_state[k];
		if (*state)
			snprintf(items[k], sizeof(items[k]), "%-22s %s", letter_kind_code((enum letter_kind)k), state);
		else
			snprintf(items[k], sizeof(items[k]), "%s", letter_kind_code((enum letter_kind)k));
		ptrs[k] = items[k];
	}
	the_letter_menu.dv = dv;
	the_letter_menu.then = then;
	int sel = dv->letter_default < n ? dv->letter_default : 0;
	ui_menu(ui, title, ptrs, n, sel, letter_chosen, &the_letter_menu);
}

/* The issued letter of the chosen kind: TOETS_ERR_NOT_FOUND (no message
 * shown) when it was not issued. */
static enum toets_status issued_letter(struct dossier_view *dv, struct ui *ui, struct letter *l)
{
	struct toets_error e = { 0 };
	enum toets_status st = letter_get(ui->store, dv->ref, (enum letter_kind)dv->letter_kind, l, &e);
	if (st != TOETS_OK && st != TOETS_ERR_NOT_FOUND)
		show_error(ui, e.message);
	return st;
}

/* A draft of the chosen kind; false with the message shown when there
 * can be none yet. */
static bool draft_letter(struct dossier_view *dv, struct ui *ui, struct letter_draft *d)
{
	struct toets_error e = { 0 };
	struct diag_list dl;
	diag_init(&dl, "template");
	enum toets_status st = letter_draft(ui->store, dv->ref, (enum letter_kind)dv->letter_kind, &ui->settings, d, &dl, &e);
	if (st != TOETS_OK) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_adds(&sb, e.message);
		if (dl.n) {
			/* The template's first problem, with its place. */
			diag_sort(&dl);
			strbuf_addf(&sb, ": %u:%u: %s", dl.items[0].line, dl.items[0].col, dl.items[0].message);
		}
		show_error(ui, strbuf_str(&sb));
		strbuf_release(&sb);
	}
	diag_release(&dl);
	return st == TOETS_OK;
}

/* Form feeds (page breaks) as the pager wants them. */
static void pager_text(struct strbuf *sb, const char *text)
{
	for (const char *p = text; *p; p++)
		strbuf_addc(sb, *p == '\f' ? '\n' : *p);
}

static void preview_letter(struct dossier_view *dv, struct ui *ui)
{
	enum letter_kind k = (enum letter_kind)dv->letter_kind;
	char title[256];
	struct letter l;
	enum toets_status st = issued_letter(dv, ui, &l);
	if (st == TOETS_OK) {
		char at[32];
		moment(l.issued_at, at);
		snprintf(title, sizeof(title), _("%s: %s, issued %s by %s"), dv->ref, letter_kind_name(k), at, l.issued_by);
		struct strbuf sb = STRBUF_INIT;
		pager_text(&sb, l.text);
		ui_pager(ui, title, strbuf_str(&sb));
		strbuf_release(&sb);
		letter_release(&l);
		return;
	}
	if (st != TOETS_ERR_NOT_FOUND)
		return;
	struct letter_draft d;
	if (!draft_letter(dv, ui, &d))
		return;
	struct strbuf sb = STRBUF_INIT;
	if (k == LETTER_SAMENVATTING) {
		snprintf(title, sizeof(title), _("%s: %s, as it is now"), dv->ref, letter_kind_name(k));
	} else {
		snprintf(title, sizeof(title), _("%s: %s, CONCEPT (not issued)"), dv->ref, letter_kind_name(k));
		if (d.missing)
			strbuf_addf(&sb, _("CONCEPT: not issued. Issuing it still needs:\n%s\n"), d.missing);
		else
			strbuf_addf(&sb, "%s\n\n", _("CONCEPT: not issued yet; I issues it."));
	}
	pager_text(&sb, d.text);
	ui_pager(ui, title, strbuf_str(&sb));
	strbuf_release(&sb);
	letter_draft_release(&d);
}

static void issue_confirmed(struct ui *ui, bool yes, void *ctx)
{
	struct dossier_view *dv = ctx;
	enum letter_kind k = (enum letter_kind)dv->letter_kind;
	if (!yes) {
		ui_message(ui, _("the %s was not issued"), letter_kind_name(k));
		return;
	}
	struct toets_error e = { 0 };
	struct letter l;
	struct diag_list dl;
	diag_init(&dl, "template");
	enum toets_status st = letter_issue(ui->store, dv->ref, k, &ui->settings, &l, &dl, &e);
	diag_release(&dl);
	load(dv);
	if (st != TOETS_OK) {
		show_error(ui, e.message);
		return;
	}
	ui_message(ui, _("%s issued, dated %s; p prints it, F writes its PDF"), letter_kind_name(k), l.dated);
	letter_release(&l);
}

static void issue_letter(struct dossier_view *dv, struct ui *ui)
{
	char q[256];
	snprintf(q, sizeof(q), _("Issue the %s of %s? It is never made again."),
		 letter_kind_name((enum letter_kind)dv->letter_kind), dv->ref);
	ui_confirm(ui, q, issue_confirmed, dv);
}

/* The PDF of the chosen letter: the issued one, the summary as it is now,
 * or (for a file, not for the printer) the draft marked CONCEPT. */
static bool letter_pdf(struct dossier_view *dv, struct ui *ui, bool drafts, struct strbuf *pdf, struct letter *l,
		       bool *issued, bool *draft)
{
	enum letter_kind k = (enum letter_kind)dv->letter_kind;
	*issued = *draft = false;
	struct toets_error e = { 0 };
	if (k != LETTER_SAMENVATTING) {
		enum toets_status st = issued_letter(dv, ui, l);
		if (st == TOETS_OK) {
			strbuf_add(pdf, (const char *)l->pdf, l->pdf_len);
			*issued = true;
			return true;
		}
		if (st != TOETS_ERR_NOT_FOUND)
			return false;
		if (!drafts) {
			ui_error(ui, _("the %s of %s was not issued: only an issued letter is printed (I issues it)"),
				 letter_kind_name(k), dv->ref);
			return false;
		}
	}
	struct letter_draft d;
	if (!draft_letter(dv, ui, &d))
		return false;
	enum toets_status st;
	if (k == LETTER_SAMENVATTING) {
		struct render_meta m = { .title = letter_kind_name(k), .reference = d.reference,
					 .audit_hash = d.audit_head, .created = time(NULL) };
		st = render_pdf(d.doc, &m, pdf, &e);
	} else {
		st = letter_draft_pdf(&d, pdf, &e);
		*draft = true;
	}
	letter_draft_release(&d);
	if (st != TOETS_OK)
		show_error(ui, e.message);
	return st == TOETS_OK;
}

static void print_confirmed(struct ui *ui, bool yes, void *ctx)
{
	struct dossier_view *dv = ctx;
	enum letter_kind k = (enum letter_kind)dv->letter_kind;
	if (!yes) {
		ui_message(ui, _("the %s was not printed"), letter_kind_name(k));
		return;
	}
	struct strbuf pdf = STRBUF_INIT;
	struct letter l = { 0 };
	bool issued, draft;
	if (letter_pdf(dv, ui, false, &pdf, &l, &issued, &draft)) {
		struct toets_error e = { 0 };
		char *line = print_command_line(ui->settings.print_argv);
		if (print_run(ui->settings.print_argv, pdf.data, pdf.len, &e) != TOETS_OK) {
			char *msg = one_line(e.message);
			if (issued)
				ui_error(ui, _("not recorded as printed: %s"), msg);
			else
				ui_error(ui, "%s", msg);
			free(msg);
		} else if (issued && letter_record_print(ui->store, &l, line, &e) != TOETS_OK) {
			show_error(ui, e.message);
		} else {
			ui_message(ui, _("%s sent to '%s'"), letter_kind_name(k), line);
		}
		free(line);
	}
	if (issued)
		letter_release(&l);
	strbuf_release(&pdf);
	load(dv);
}

static void print_letter(struct dossier_view *dv, struct ui *ui)
{
	enum letter_kind k = (enum letter_kind)dv->letter_kind;
	if (k != LETTER_SAMENVATTING) {
		/* Only an issued letter is printed: say so before asking. */
		struct letter l;
		enum toets_status st = issued_letter(dv, ui, &l);
		if (st == TOETS_ERR_NOT_FOUND)
			ui_error(ui, _("the %s of %s was not issued: only an issued letter is printed (I issues it)"),
				 letter_kind_name(k), dv->ref);
		if (st != TOETS_OK)
			return;
		letter_release(&l);
	}
	char *line = print_command_line(ui->settings.print_argv);
	char q[512];
	snprintf(q, sizeof(q), _("Print the %s with '%s'?"), letter_kind_name(k), line);
	free(line);
	ui_confirm(ui, q, print_confirmed, dv);
}

static void ask_pdf_path(struct dossier_view *dv, struct ui *ui);

static void pdf_path_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	enum letter_kind k = (enum letter_kind)dv->letter_kind;
	if (!text || validate_blank(text)) {
		ui_message(ui, "%s", _("no PDF was written"));
		return;
	}
	const char *home = getenv("HOME");
	char *path = text[0] == '~' && text[1] == '/' && home && *home ? xasprintf("%s%s", home, text + 1)
								       : xstrdup(text);
	free(dv->pdf_path);
	dv->pdf_path = xstrdup(text);
	struct strbuf pdf = STRBUF_INIT;
	struct letter l = { 0 };
	bool issued, draft;
	if (letter_pdf(dv, ui, true, &pdf, &l, &issued, &draft)) {
		struct toets_error e = { 0 };
		enum toets_status st = outfile_save(path, pdf.data, pdf.len, &e);
		if (st != TOETS_OK) {
			show_error(ui, e.message);
			/* Another name, say: the prompt again with this one. */
			if (!ui->quit)
				ask_pdf_path(dv, ui);
		} else {
			xfree(&dv->pdf_path);
			ui_message(ui, draft ? _("%s written to %s (a draft, marked CONCEPT)") : _("%s written to %s"),
				   letter_kind_name(k), path);
		}
	}
	if (issued)
		letter_release(&l);
	strbuf_release(&pdf);
	free(path);
}

static void ask_pdf_path(struct dossier_view *dv, struct ui *ui)
{
	char initial[128];
	snprintf(initial, sizeof(initial), "%s-%s.pdf", dv->ref, letter_kind_code((enum letter_kind)dv->letter_kind));
	ui_prompt(ui, _("Write the PDF to:"), dv->pdf_path ? dv->pdf_path : initial, true, pdf_path_done, dv);
}

/* ---- the aansluiting ---------------------------------------------------------------------------- */

/* Three prompts (the leidraad's date, who accepted it, the NDN date), then
 * one aansluiting_set with what they hold: empty clears. */
static void aans_step(struct ui *ui, struct dossier_view *dv, int step);

static bool aans_cancelled(struct ui *ui, const char *text)
{
	if (text)
		return false;
	ui_message(ui, "%s", _("the aansluiting was not changed"));
	return true;
}

static void set_text(char **field, const char *text)
{
	free(*field);
	*field = xstrdup(text ? text : "");
	/* Blanks around a date or a name are not part of it. */
	char *p = *field, *end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	size_t lead = strspn(p, " \t");
	memmove(p, p + lead, strlen(p + lead) + 1);
}

static void aans_submit(struct ui *ui, struct dossier_view *dv)
{
	const struct aansluiting *a = &dv->aans;
	bool same = dv->has_aansluiting && strcmp(dv->aans_leidraad_on, a->leidraad_on) == 0 &&
		    strcmp(dv->aans_leidraad_by, a->leidraad_by ? a->leidraad_by : "") == 0 &&
		    strcmp(dv->aans_ndn_on, a->ndn_on) == 0;
	if (same) {
		dv->aans_typed = false;
		ui_message(ui, "%s", _("the aansluiting was not changed"));
		return;
	}
	struct aansluiting_change c = { dv->aans_leidraad_on, dv->aans_leidraad_by, dv->aans_ndn_on };
	struct toets_error e = { 0 };
	enum toets_status st = aansluiting_set(ui->store, dv->ref, &c, &e);
	load(dv);
	if (st != TOETS_OK) {
		show_error(ui, e.message);
		if (!ui->quit && (st == TOETS_ERR_INVALID || st == TOETS_ERR_BUSY || st == TOETS_ERR_FULL))
			aans_step(ui, dv, 0);
		return;
	}
	dv->aans_typed = false;
	ui_message(ui, _("the aansluiting of %s is recorded"), dv->ref);
}

static void aans_leidraad_on_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (aans_cancelled(ui, text))
		return;
	set_text(&dv->aans_leidraad_on, text);
	aans_step(ui, dv, dv->aans_leidraad_on[0] ? 1 : 2);
}

static void aans_leidraad_by_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (aans_cancelled(ui, text))
		return;
	set_text(&dv->aans_leidraad_by, text);
	aans_step(ui, dv, 2);
}

static void aans_ndn_done(struct ui *ui, const char *text, void *ctx)
{
	struct dossier_view *dv = ctx;
	if (aans_cancelled(ui, text))
		return;
	set_text(&dv->aans_ndn_on, text);
	aans_submit(ui, dv);
}

static void aans_step(struct ui *ui, struct dossier_view *dv, int step)
{
	if (step == 0) {
		ui_prompt(ui, _("Leidraad accepted on:"), dv->aans_leidraad_on, false, aans_leidraad_on_done, dv);
		if (!ui->message[0])
			ui_message(ui, "%s", _("the leidraad voor samenwerking: YYYY-MM-DD; empty: not accepted (yet)"));
	} else if (step == 1) {
		ui_prompt(ui, _("Accepted by:"), dv->aans_leidraad_by, false, aans_leidraad_by_done, dv);
		if (!ui->message[0])
			ui_message(ui, "%s", _("who accepted the leidraad for the partner"));
	} else {
		if (!dv->aans_leidraad_on[0])
			set_text(&dv->aans_leidraad_by, ""); /* no date, nobody: both or neither */
		ui_prompt(ui, _("NDN connection on:"), dv->aans_ndn_on, false, aans_ndn_done, dv);
		if (!ui->message[0])
			ui_message(ui, "%s", _("connected to the National Detection Network: YYYY-MM-DD; empty: not yet"));
	}
}

static void record_aansluiting(struct dossier_view *dv, struct ui *ui)
{
	load(dv); /* a decision may have been approved meanwhile */
	if (!dv->loaded || !dv->has_aansluiting)
		return;
	if (!dv->aans.designated_on[0]) {
		ui_error(ui, _("%s has no designation in force: the aansluiting follows an approved decision to aanwijzen"),
			 dv->ref);
		return;
	}
	if (!dv->aans_typed) {
		/* Start from what is recorded. */
		set_text(&dv->aans_leidraad_on, dv->aans.leidraad_on);
		set_text(&dv->aans_leidraad_by, dv->aans.leidraad_by);
		set_text(&dv->aans_ndn_on, dv->aans.ndn_on);
		dv->aans_typed = true;
	}
	aans_step(ui, dv, 0);
}

/* ---- keys ------------------------------------------------------------------------------------------ */

static void scroll_by(struct dossier_view *dv, int delta)
{
	if (dv->pane == PANE_DOCUMENTS) {
		dv->doc_sel += delta;
		if (dv->doc_sel >= (int)dv->n_docs)
			dv->doc_sel = (int)dv->n_docs - 1;
		if (dv->doc_sel < 0)
			dv->doc_sel = 0;
	} else {
		dv->scroll[dv->pane] += delta;
		if (dv->scroll[dv->pane] < 0)
			dv->scroll[dv->pane] = 0;
		/* draw_lines clamps the other end. */
	}
}

static bool dossier_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	(void)k;
	struct dossier_view *dv = v->data;
	int page = dv->height[dv->pane] > 2 ? dv->height[dv->pane] - 1 : 1;
	switch (a) {
	case ACT_NEXT_PANE:
	case ACT_RIGHT:
		dv->pane = (enum pane)((dv->pane + 1) % PANE_COUNT);
		return true;
	case ACT_PREV_PANE:
	case ACT_LEFT:
		dv->pane = (enum pane)((dv->pane + PANE_COUNT - 1) % PANE_COUNT);
		return true;
	case ACT_UP: scroll_by(dv, -1); return true;
	case ACT_DOWN: scroll_by(dv, 1); return true;
	case ACT_PAGE_UP: scroll_by(dv, -page); return true;
	case ACT_PAGE_DOWN: scroll_by(dv, page); return true;
	case ACT_FIRST: scroll_by(dv, -1000000); return true;
	case ACT_LAST: scroll_by(dv, 1000000); return true;
	case ACT_OPEN:
		if (dv->pane == PANE_DOCUMENTS) {
			view_document(dv, ui);
			return true;
		}
		if (dv->pane == PANE_ASSESSMENT) {
			ui_push(ui, view_walk_new(ui, dv->ref));
			return true;
		}
		if (dv->pane == PANE_LETTERS) {
			choose_letter(dv, ui, _("Show which letter?"), false, preview_letter);
			return true;
		}
		return false;
	case ACT_VIEW_DOCUMENT:
		if (dv->pane != PANE_DOCUMENTS) {
			dv->pane = PANE_DOCUMENTS; /* first show which one */
			return true;
		}
		view_document(dv, ui);
		return true;
	case ACT_ADD_DOCUMENT:
		if (dv->loaded)
			ask_path(dv, ui);
		return true;
	case ACT_WALK:
		if (dv->loaded)
			ui_push(ui, view_walk_new(ui, dv->ref));
		return true;
	case ACT_STATUS:
		choose_status(dv, ui);
		return true;
	case ACT_NOTE:
		if (dv->loaded)
			write_note(dv, ui);
		return true;
	case ACT_EDIT:
		if (dv->loaded)
			ui_push(ui, view_form_new(ui, dv->ref));
		return true;
	case ACT_CONSTITUENCY:
		if (dv->loaded)
			ui_push(ui, view_constituency_new(ui, dv->ref));
		return true;
	case ACT_AANSLUITING:
		dv->pane = PANE_OVERVIEW;
		record_aansluiting(dv, ui);
		dv->show_line = dv->aans_line;
		return true;
	default:
		break;
	}
	/* The decision and its letters: shown on their pane. */
	switch (a) {
	case ACT_PROPOSE: dv->pane = PANE_LETTERS; propose(dv, ui); return true;
	case ACT_APPROVE: dv->pane = PANE_LETTERS; approve(dv, ui); return true;
	case ACT_SEND_BACK: dv->pane = PANE_LETTERS; send_back(dv, ui); return true;
	case ACT_REASSESS: dv->pane = PANE_LETTERS; reassess(dv, ui); return true;
	case ACT_LETTER:
		dv->pane = PANE_LETTERS;
		choose_letter(dv, ui, _("Show which letter?"), false, preview_letter);
		return true;
	case ACT_ISSUE:
		dv->pane = PANE_LETTERS;
		choose_letter(dv, ui, _("Issue which letter?"), true, issue_letter);
		return true;
	case ACT_PRINT:
		dv->pane = PANE_LETTERS;
		choose_letter(dv, ui, _("Print which letter?"), false, print_letter);
		return true;
	case ACT_WRITE_PDF:
		dv->pane = PANE_LETTERS;
		choose_letter(dv, ui, _("The PDF of which letter?"), false, ask_pdf_path);
		return true;
	default:
		return false;
	}
}

/* ---- the view ------------------------------------------------------------------------------------ */

static void dossier_enter(struct view *v, struct ui *ui)
{
	(void)ui;
	load(v->data);
}

static const char *dossier_title(struct view *v)
{
	struct dossier_view *dv = v->data;
	snprintf(dv->title, sizeof(dv->title), _("Dossier %s"), dv->ref);
	return dv->title;
}

static const char *dossier_hints(struct view *v)
{
	struct dossier_view *dv = v->data;
	switch (dv->pane) {
	case PANE_DOCUMENTS:
		return _("a:add  v/Enter:view  S:status  N:note  e:edit  Tab:pane  q:back");
	case PANE_ASSESSMENT:
		return _("w/Enter:walk  S:status  N:note  e:edit  Tab:pane  q:back");
	case PANE_LETTERS:
		if (dv->waiting)
			return _("Y:approve  B:send back  L/Enter:letter  j/k:scroll  Tab:pane  q:back");
		if (dv->locked_at)
			return _("L:letter  I:issue  p:print  F:PDF  R:re-assess  P:propose  q:back");
		return _("P:propose  L/Enter:letter  I:issue  p:print  F:PDF  Tab:pane  q:back");
	default:
		return _("Tab:pane  j/k:scroll  S:status  N:note  e:edit  w:walk  q:back");
	}
}

static void dossier_free(struct view *v)
{
	struct dossier_view *dv = v->data;
	clear_data(dv);
	free(dv->docs);
	free(dv->crits);
	free(dv->reason);
	free(dv->add_path);
	free(dv->add_title);
	free(dv->note);
	free(dv->prop_reason);
	free(dv->prop_effective);
	free(dv->prop_reassess);
	free(dv->prop_term);
	free(dv->approve_note);
	free(dv->return_reason);
	free(dv->pdf_path);
	free(dv->aans_leidraad_on);
	free(dv->aans_leidraad_by);
	free(dv->aans_ndn_on);
	/* The viewer's copies go: the dossier is confidential. */
	for (size_t i = 0; i < dv->n_tmpfiles; i++) {
		unlink(dv->tmpfiles[i]);
		free(dv->tmpfiles[i]);
	}
	free(dv->tmpfiles);
	if (dv->tmpdir[0])
		rmdir(dv->tmpdir);
	free(dv);
}

static const struct view_ops dossier_ops = {
	"dossier", dossier_draw, dossier_key, dossier_enter, dossier_free, dossier_title, dossier_hints,
	NULL, NULL,
};

struct view *view_dossier_new(struct ui *ui, const char *reference)
{
	struct dossier_view *dv = xcalloc(1, sizeof(*dv));
	dv->ui = ui;
	snprintf(dv->ref, sizeof(dv->ref), "%s", reference);
	dv->reason_to = -1;
	dv->add_kind = -1;
	dv->prop_kind = -1;
	dv->show_line = -1;
	load(dv);
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &dossier_ops;
	v->data = dv;
	return v;
}
