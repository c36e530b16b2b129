/* view_walk.c - the walk through an assessment: the criteria on the left
 * with their progress and live verdict, the current question on the right
 * with its choices, answer, note, evidence, guidance and legal basis.
 * Every answer is stored at once (assess_answer) and the screen is read
 * back from the store; the first answer on a dossier without an assessment
 * starts one against the framework for its category. The motivering of a
 * criterion is written here too (assess_reason). A locked assessment is
 * shown as such, and what core refuses is shown as it says it; a
 * re-assessment marks what changed against the previous one (assess_diff). */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

#include "toets/assess.h"
#include "toets/catalog.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/kader.h"
#include "toets/paths.h"
#include "toets/utf8.h"
#include "toets/validate.h"
#include "toets/verdict.h"

/* ---- rows of the right pane: built whole, then drawn from the scroll --------- */

struct seg {
	int x;
	enum ui_style style;
	char *text;
};

struct row {
	struct seg seg[3];
	int n;
	bool selected;
};

struct rows {
	struct row *r;
	size_t n, cap;
	int width;
	size_t max; /* rows past this one are not needed (not on the screen); 0: all */
};

static bool rows_full(const struct rows *rs)
{
	return rs->max && rs->n >= rs->max;
}

static void rows_new(struct rows *rs)
{
	rs->r = xgrow(rs->r, &rs->cap, rs->n + 1, sizeof(*rs->r));
	memset(&rs->r[rs->n], 0, sizeof(rs->r[rs->n]));
	rs->n++;
}

/* Adds a segment to the last row. */
static void rows_seg(struct rows *rs, int x, enum ui_style style, const char *text)
{
	if (!rs->n)
		rows_new(rs);
	struct row *r = &rs->r[rs->n - 1];
	if (r->n == 3)
		return;
	r->seg[r->n++] = (struct seg){ x, style, xstrdup(text) };
}

static void rows_line(struct rows *rs, int x, enum ui_style style, const char *text)
{
	rows_new(rs);
	rows_seg(rs, x, style, text);
}

static void rows_blank(struct rows *rs)
{
	if (rs->n && rs->r[rs->n - 1].n)
		rows_new(rs);
}

/* Word-wraps text from column x; its lines of text stay apart. Returns the
 * width of the last row. */
static int rows_wrap(struct rows *rs, int x, enum ui_style style, const char *text)
{
	int width = rs->width - x, last = 0;
	if (width < 8)
		width = 8;
	if (rows_full(rs))
		return 0; /* below the screen: not wrapped at all */
	struct strbuf out = STRBUF_INIT;
	for (const char *p = text; p;) {
		const char *nl = strchr(p, '\n');
		char *para = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		strbuf_reset(&out);
		utf8_wrap(&out, para, (size_t)width, "", "");
		if (!out.len) {
			rows_line(rs, x, style, "");
			last = 0;
		}
		for (const char *l = strbuf_str(&out); *l;) {
			size_t n = strcspn(l, "\n");
			char *line = xstrndup(l, n);
			rows_line(rs, x, style, line);
			last = ui_width(line);
			free(line);
			l += n + (l[n] == '\n');
		}
		free(para);
		p = nl ? nl + 1 : NULL;
	}
	strbuf_release(&out);
	return last;
}

static void rows_free(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		for (int j = 0; j < rs->r[i].n; j++)
			free(rs->r[i].seg[j].text);
	free(rs->r);
	memset(rs, 0, sizeof(*rs));
}

/* ---- the walk ------------------------------------------------------------------------ */

struct walk {
	struct ui *ui;
	char reference[DOSSIER_REF_LEN + 64];
	char dossier_id[STORE_ID_LEN];
	char *org;
	enum category category;
	enum kader_lang lang;
	char title[512];
	char hints[256];

	bool started;                 /* the dossier has an assessment */
	struct assessment a;          /* when started */
	struct assessment_state st;   /* its answers; all empty before it starts */
	struct kader *fresh;          /* before it starts: the framework it will use */
	const struct kader *k;        /* a.kader or fresh */

	size_t crit, q;               /* the current question */
	size_t shown_crit, shown_q;   /* the one the scroll belongs to */
	bool choosing;                /* the choice cursor is active */
	size_t choice;
	int scroll, pane_rows;
	int choice_row;               /* the row of the choice cursor at the last draw */

	/* What an open prompt or menu is for. */
	char pending_q[256];
	char pending_doc[STORE_ID_LEN];
	char pending_crit[256];
	int pending_verdict;
	char reason_crit[256];        /* the criterion of the motivering editor */
	enum toets_status last_status; /* of the last write: a refusal is not retried */
	char **doc_ids;
	size_t n_docs;

	/* Computed from the state when it is read, not on every key: */
	bool *shown, *answered;          /* by kader_question.index */
	struct crit_state *crits;        /* by criterion */
	size_t required, required_answered;

	/* Why the assessment takes no changes now (locked, a proposal
	 * waits): core's words; "" when it is open. */
	char closed[1024];

	/* A re-assessment: the assessment it started from, read once (it is
	 * locked), and what changed against it. */
	bool has_prev;
	struct assessment prev;
	struct assessment_state prev_st;
	char **before;                   /* by kader_question.index: the old answer when it changed */
	bool *changed;                   /* by kader_question.index */
};

struct crit_state {
	enum verdict verdict;            /* the one that counts */
	enum verdict computed;
	bool overridden;
	bool has_reason;                 /* a motivering is written */
	bool changed;                    /* a question's answer changed (re-assessment) */
	struct verdict_progress p;
};

static const struct kader_criterion *cur_crit(const struct walk *w)
{
	return w->k->n_criteria ? &w->k->criteria[w->crit] : NULL;
}

static const struct kader_question *cur_question(const struct walk *w)
{
	const struct kader_criterion *c = cur_crit(w);
	return c && w->q < c->n_questions ? &c->questions[w->q] : NULL;
}

static bool is_shown(const struct walk *w, const struct kader_question *q)
{
	return q->index < w->k->n_questions && w->shown[q->index];
}

static bool is_answered(const struct walk *w, const struct kader_question *q)
{
	return q->index < w->k->n_questions && w->answered[q->index];
}

static void free_changes(struct walk *w)
{
	if (w->before && w->k)
		for (size_t i = 0; i < w->k->n_questions; i++)
			free(w->before[i]);
	free(w->before);
	free(w->changed);
	w->before = NULL;
	w->changed = NULL;
}

static void note_change(const struct assess_change *c, void *ctx)
{
	struct walk *w = ctx;
	if (!c->question_id || c->kind == ASSESS_REMOVED)
		return; /* a verdict follows from the answers; a removed question is not on screen */
	const struct kader_question *q = kader_find_question(w->k, c->question_id);
	if (!q || q->index >= w->k->n_questions)
		return;
	w->changed[q->index] = true;
	free(w->before[q->index]);
	w->before[q->index] = xstrdup(c->before ? c->before : "");
	const struct kader_criterion *cr = kader_question_criterion(w->k, q);
	if (cr)
		w->crits[cr - w->k->criteria].changed = true;
}

/* A re-assessment: which answers differ from the previous assessment. */
static void compute_changes(struct walk *w)
{
	free_changes(w);
	if (!w->has_prev)
		return;
	w->before = xcalloc(w->k->n_questions + 1, sizeof(*w->before));
	w->changed = xcalloc(w->k->n_questions + 1, sizeof(*w->changed));
	assess_diff(w->prev.kader, &w->prev_st, w->k, &w->st, note_change, w);
}

/* The assessment a re-assessment started from: read once, it is locked. */
static void load_previous(struct walk *w)
{
	if (w->has_prev || !w->started || !w->a.previous_id[0])
		return;
	struct toets_error e = { 0 };
	if (assess_previous(w->ui->store, &w->a, &w->prev, &e) != TOETS_OK) {
		ui_error(w->ui, "%s", e.message);
		return;
	}
	if (assess_load(w->ui->store, &w->prev, &w->prev_st, &e) != TOETS_OK) {
		ui_error(w->ui, "%s", e.message);
		assess_release(&w->prev);
		return;
	}
	w->has_prev = true;
}

/* What the screen shows of the state: which questions are shown and
 * answered, the verdicts and progress. */
static void recompute(struct walk *w)
{
	const struct kader *k = w->k;
	free(w->shown);
	free(w->answered);
	free(w->crits);
	w->shown = xcalloc(k->n_questions + 1, sizeof(*w->shown));
	w->answered = xcalloc(k->n_questions + 1, sizeof(*w->answered));
	w->crits = xcalloc(k->n_criteria + 1, sizeof(*w->crits));
	w->required = w->required_answered = 0;
	const struct answers *av = &w->st.answer_view;
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		for (size_t j = 0; j < c->n_questions; j++) {
			const struct kader_question *q = &c->questions[j];
			if (q->index >= k->n_questions)
				continue;
			const struct answer *ans = answers_find(av, q->id);
			w->shown[q->index] = verdict_question_shown(q, av);
			w->answered[q->index] =
				ans && (q->type == KADER_Q_CHOICE || q->type == KADER_Q_MULTI ? ans->n_choices > 0
											      : ans->answered);
		}
		struct crit_state *cs = &w->crits[i];
		cs->verdict = assess_verdict(&w->st, c, &cs->p, &cs->overridden);
		cs->computed = cs->overridden ? verdict_compute(c, av, NULL) : cs->verdict;
		cs->has_reason = assess_find_reason(&w->st, c->id) != NULL;
		w->required += cs->p.required;
		w->required_answered += cs->p.required_answered;
	}
	compute_changes(w);
}

/* The first shown question of criterion c at or after i (dir 1) or at or
 * before it (dir -1); SIZE_MAX when none. */
static size_t find_shown(const struct walk *w, size_t c, size_t i, int dir)
{
	const struct kader_criterion *cr = &w->k->criteria[c];
	for (; i < cr->n_questions; i += (size_t)(long)dir)
		if (is_shown(w, &cr->questions[i]))
			return i;
	return SIZE_MAX;
}

/* Keeps the position on a shown question after the answers changed. */
static void fix_position(struct walk *w)
{
	if (!w->k->n_criteria) {
		w->crit = w->q = 0;
		return;
	}
	if (w->crit >= w->k->n_criteria)
		w->crit = w->k->n_criteria - 1;
	const struct kader_criterion *c = cur_crit(w);
	if (!c->n_questions) {
		w->q = 0;
		return;
	}
	if (w->q >= c->n_questions)
		w->q = c->n_questions - 1;
	if (is_shown(w, &c->questions[w->q]))
		return;
	size_t i = find_shown(w, w->crit, w->q, 1);
	if (i == SIZE_MAX)
		i = find_shown(w, w->crit, w->q, -1);
	if (i != SIZE_MAX)
		w->q = i;
}

static void make_title(struct walk *w)
{
	if (w->started && w->a.locked_at)
		snprintf(w->title, sizeof(w->title), _("Assessment %s (%s %s, locked %.10s)  %s"), w->reference,
			 w->k->id, w->k->version, w->a.locked_at, w->org);
	else if (w->started && w->has_prev)
		snprintf(w->title, sizeof(w->title), _("Re-assessment %s (%s %s)  %s"), w->reference,
			 w->k->id, w->k->version, w->org);
	else if (w->started)
		snprintf(w->title, sizeof(w->title), _("Assessment %s (%s %s)  %s"), w->reference,
			 w->k->id, w->k->version, w->org);
	else
		snprintf(w->title, sizeof(w->title),
			 _("Assessment %s (%s %s, not started)  %s"), w->reference, w->k->id,
			 w->k->version, w->org);
}

/* The dossier has an assessment now: its own copy of the framework
 * replaces the one picked to start it with. */
static void adopt(struct walk *w, struct assessment *a)
{
	free_changes(w); /* sized by the framework being replaced */
	w->a = *a;
	w->started = true;
	w->k = w->a.kader;
	kader_free(&w->fresh);
	load_previous(w);
	make_title(w);
	recompute(w);
	fix_position(w);
}

/* Whether the assessment takes changes: core says why not (locked by an
 * approved decision, a proposal waiting), read from the file so that
 * another window's approval counts. Shown, never used to refuse: a
 * change is always tried, and core's refusal shown. */
static void read_closed(struct walk *w)
{
	struct toets_error e = { 0 };
	w->closed[0] = '\0';
	if (assess_check_open(w->ui->store, &w->a, &e) == TOETS_OK)
		return;
	snprintf(w->closed, sizeof(w->closed), "%s", e.message);
	if (!w->a.locked_at && e.status == TOETS_ERR_REFUSED) {
		/* Perhaps locked meanwhile: the moment, for the title. */
		struct assessment now;
		if (assess_get(w->ui->store, w->a.id, &now, &e) == TOETS_OK) {
			if (now.locked_at) {
				w->a.locked_at = now.locked_at;
				now.locked_at = NULL;
				make_title(w);
			}
			assess_release(&now);
		}
	}
}

/* Reads the answers and overrides again; false (with the error shown) when
 * they cannot be read, and then the last state read stays. */
static bool reload(struct walk *w)
{
	struct toets_error e = { 0 };
	if (!w->started) {
		/* Another toets may have started it meanwhile. */
		struct assessment a;
		enum toets_status st = assess_current(w->ui->store, w->reference, &a, &e);
		if (st == TOETS_OK) {
			adopt(w, &a);
		} else if (st != TOETS_ERR_NOT_FOUND) {
			ui_error(w->ui, "%s", e.message);
			return false;
		}
	}
	if (w->started) {
		struct assessment_state st;
		if (assess_load(w->ui->store, &w->a, &st, &e) != TOETS_OK) {
			ui_error(w->ui, "%s", e.message);
			return false;
		}
		assess_state_release(&w->st);
		w->st = st;
		read_closed(w);
	}
	recompute(w);
	fix_position(w);
	return true;
}

/* The assessment to write to: started now when the dossier has none. */
static bool ensure_started(struct walk *w)
{
	w->last_status = TOETS_OK;
	if (w->started)
		return true;
	struct toets_error e = { 0 };
	struct assessment a;
	enum toets_status st = assess_current(w->ui->store, w->reference, &a, &e);
	bool begun = false;
	if (st == TOETS_ERR_NOT_FOUND) {
		st = assess_start(w->ui->store, w->reference, w->fresh, &a, &e);
		begun = st == TOETS_OK;
	}
	if (st != TOETS_OK) {
		w->last_status = st;
		ui_error(w->ui, "%s", e.message);
		return false;
	}
	adopt(w, &a);
	reload(w);
	if (begun)
		ui_message(w->ui, _("Assessment started against %s %s."), w->k->id, w->k->version);
	return true;
}

/* The values of the stored answer to q (choice ids or the one value);
 * returns their number. They point into the state: read before reload. */
static size_t stored_values(const struct walk *w, const struct kader_question *q,
			    const char **values, size_t max)
{
	const struct stored_answer *ans = assess_find_answer(&w->st, q->id);
	if (!ans)
		return 0;
	if (ans->n_choices) {
		size_t n = ans->n_choices < max ? ans->n_choices : max;
		for (size_t i = 0; i < n; i++)
			values[i] = ans->choices[i];
		return n;
	}
	if (ans->value && max) {
		values[0] = ans->value;
		return 1;
	}
	return 0;
}

/* Stores an answer to the question with this id; the error is shown when
 * it fails. */
static bool store_answer(struct walk *w, const char *qid, const char *const *values, size_t n,
			 const char *note, const struct evidence_input *ev, size_t n_ev, bool clear)
{
	if (!ensure_started(w))
		return false;
	struct answer_input in = { 0 };
	in.question_id = qid;
	in.values = values;
	in.n_values = n;
	in.note = note;
	in.evidence = ev;
	in.n_evidence = n_ev;
	in.clear = clear;
	struct toets_error e = { 0 };
	w->last_status = assess_answer(w->ui->store, &w->a, &in, &e);
	if (w->last_status != TOETS_OK) {
		ui_error(w->ui, "%s", e.message);
		reload(w); /* a refusal may come from a change elsewhere: show it */
		return false;
	}
	reload(w);
	return true;
}

/* ---- answering ------------------------------------------------------------------------ */

static bool chosen(const struct stored_answer *ans, const char *choice_id)
{
	for (size_t i = 0; ans && i < ans->n_choices; i++)
		if (strcmp(ans->choices[i], choice_id) == 0)
			return true;
	return false;
}

/* Chooses choice i of the current question; on a multi question, turns it
 * on or off. */
static void choose(struct walk *w, size_t i)
{
	if (!ensure_started(w))
		return; /* the framework is the assessment's own from here */
	/* Another window may have answered meanwhile: build on what is stored. */
	reload(w);
	const struct kader_question *q = cur_question(w);
	if (!q || i >= q->n_choices)
		return;
	char *qid = xstrdup(q->id);
	const struct stored_answer *ans = assess_find_answer(&w->st, q->id);
	if (q->type == KADER_Q_CHOICE) {
		if (chosen(ans, q->choices[i].id)) {
			ui_message(w->ui, _("Already chosen; x clears the answer."));
		} else {
			const char *v[1] = { q->choices[i].id };
			store_answer(w, qid, v, 1, NULL, NULL, 0, false);
		}
		free(qid);
		return;
	}
	/* Multi: the new set, in the framework's order. */
	const char **v = xcalloc(q->n_choices, sizeof(*v));
	size_t n = 0;
	for (size_t j = 0; j < q->n_choices; j++) {
		bool on = chosen(ans, q->choices[j].id);
		if (j == i)
			on = !on;
		if (on)
			v[n++] = q->choices[j].id;
	}
	if (n)
		store_answer(w, qid, v, n, NULL, NULL, 0, false);
	else if (ans && ((ans->note && *ans->note) || ans->n_evidence))
		ui_error(w->ui, "%s",
			 _("the answer keeps at least one choice while it has a note or evidence; "
			   "x clears it all"));
	else if (ans)
		store_answer(w, qid, NULL, 0, NULL, NULL, 0, true);
	free(v);
	free(qid);
}

static const char *value_label(const struct kader_question *q)
{
	switch (q->type) {
	case KADER_Q_DATE: return _("Date (YYYY-MM-DD):");
	case KADER_Q_NUMBER: return _("Number:");
	default: return _("Answer:");
	}
}

static void value_done(struct ui *ui, const char *text, void *ctx)
{
	struct walk *w = ctx;
	if (!text)
		return;
	const struct kader_question *q = kader_find_question(w->k, w->pending_q);
	if (!q)
		return;
	if (validate_blank(text)) {
		ui_message(ui, "%s", _("Nothing stored; x clears an answer."));
		return;
	}
	const char *v[1] = { text };
	if (!store_answer(w, w->pending_q, v, 1, NULL, NULL, 0, false) && !ui->quit &&
	    w->last_status != TOETS_ERR_REFUSED) {
		/* Keep what was typed: the prompt again, with the error shown. */
		q = kader_find_question(w->k, w->pending_q);
		if (q) {
			ui_prompt(ui, value_label(q), text, false, value_done, w);
			ui_prompt_rescue_typed(ui);
		}
	}
}

static void open_question(struct walk *w)
{
	const struct kader_question *q = cur_question(w);
	if (!q || !is_shown(w, q))
		return;
	if (q->type == KADER_Q_CHOICE || q->type == KADER_Q_MULTI) {
		w->choosing = true;
		w->choice = 0;
		const struct stored_answer *ans = assess_find_answer(&w->st, q->id);
		for (size_t i = 0; i < q->n_choices; i++)
			if (chosen(ans, q->choices[i].id)) {
				w->choice = i;
				break;
			}
		return;
	}
	snprintf(w->pending_q, sizeof(w->pending_q), "%s", q->id);
	const char *v[1] = { NULL };
	stored_values(w, q, v, 1);
	ui_prompt(w->ui, value_label(q), v[0] ? v[0] : "", false, value_done, w);
	ui_prompt_rescue_typed(w->ui);
}

/* ---- notes, evidence, clearing ------------------------------------------------------- */

static void note_title(struct walk *w, const struct kader_question *q, char *out, size_t size)
{
	const struct kader_criterion *c = kader_question_criterion(w->k, q);
	size_t ci = c ? (size_t)(c - w->k->criteria) : 0, qi = c ? (size_t)(q - c->questions) : 0;
	snprintf(out, size, _("Note on %zu.%zu %s  (%s)"), ci + 1, qi + 1, q->id, w->reference);
}

static void note_done(struct ui *ui, const char *text, void *ctx)
{
	struct walk *w = ctx;
	if (!text)
		return;
	if (!ui->quit)
		reload(w); /* the answer as stored now */
	const struct kader_question *q = kader_find_question(w->k, w->pending_q);
	if (!q)
		return;
	const struct stored_answer *ans = assess_find_answer(&w->st, q->id);
	char title[512];
	note_title(w, q, title, sizeof(title));
	if (!ans) {
		ui_error(ui, "%s", _("the answer was cleared meanwhile: answer the question, then store the note"));
		if (!ui->quit)
			ui_editor_unstored(ui, title, text, note_done, w);
		return;
	}
	if (strcmp(text, ans->note ? ans->note : "") == 0) {
		ui_message(ui, "%s", _("The note is unchanged."));
		return;
	}
	const char *v[64];
	size_t n = stored_values(w, q, v, 64);
	char **copy = xcalloc(n ? n : 1, sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		copy[i] = xstrdup(v[i]);
	if (store_answer(w, w->pending_q, (const char *const *)copy, n, text, NULL, 0, false))
		ui_message(ui, "%s", *text ? _("Note stored.") : _("Note removed."));
	else if (!ui->quit && w->last_status != TOETS_ERR_REFUSED)
		ui_editor_unstored(ui, title, text, note_done, w);
	for (size_t i = 0; i < n; i++)
		free(copy[i]);
	free(copy);
}

/* The stored answer to the current question, or NULL with a message. */
static const struct stored_answer *need_answer(struct walk *w, const char *what)
{
	const struct kader_question *q = cur_question(w);
	if (!q || !is_shown(w, q))
		return NULL;
	const struct stored_answer *ans = assess_find_answer(&w->st, q->id);
	if (!ans || !is_answered(w, q)) {
		ui_error(w->ui, _("answer the question first: %s belongs to an answer"), what);
		return NULL;
	}
	return ans;
}

static void edit_note(struct walk *w)
{
	const struct stored_answer *ans = need_answer(w, _("a note"));
	if (!ans)
		return;
	const struct kader_question *q = cur_question(w);
	snprintf(w->pending_q, sizeof(w->pending_q), "%s", q->id);
	char title[512];
	note_title(w, q, title, sizeof(title));
	ui_editor(w->ui, title, ans->note ? ans->note : "", note_done, w);
}

static void free_docs(struct walk *w)
{
	for (size_t i = 0; i < w->n_docs; i++)
		free(w->doc_ids[i]);
	free(w->doc_ids);
	w->doc_ids = NULL;
	w->n_docs = 0;
}

static void evidence_location_done(struct ui *ui, const char *text, void *ctx)
{
	struct walk *w = ctx;
	if (!text)
		return;
	const struct kader_question *q = kader_find_question(w->k, w->pending_q);
	if (!q)
		return;
	const char *v[64];
	size_t n = stored_values(w, q, v, 64);
	if (!n) {
		ui_error(ui, "%s", _("the answer was cleared meanwhile: answer the question first"));
		return;
	}
	char **copy = xcalloc(n, sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		copy[i] = xstrdup(v[i]);
	struct evidence_input ev = { w->pending_doc, text };
	if (store_answer(w, w->pending_q, (const char *const *)copy, n, NULL, &ev, 1, false))
		ui_message(ui, "%s", _("Evidence linked."));
	else if (!ui->quit && w->last_status != TOETS_ERR_REFUSED)
		ui_prompt(ui, _("Where in the document (e.g. art. 2 lid 1, p. 4):"), text, false,
			  evidence_location_done, w);
	for (size_t i = 0; i < n; i++)
		free(copy[i]);
	free(copy);
}

static void evidence_document_done(struct ui *ui, int choice, void *ctx)
{
	struct walk *w = ctx;
	if (choice < 0 || (size_t)choice >= w->n_docs) {
		free_docs(w);
		return;
	}
	snprintf(w->pending_doc, sizeof(w->pending_doc), "%s", w->doc_ids[choice]);
	free_docs(w);
	ui_prompt(ui, _("Where in the document (e.g. art. 2 lid 1, p. 4):"), "", false,
		  evidence_location_done, w);
}

struct doc_collect {
	char ***ids, ***items;
	size_t n, cap;
};

static bool collect_doc(const struct document *d, void *ctx)
{
	struct doc_collect *c = ctx;
	size_t cap = c->cap;
	*c->ids = xgrow(*c->ids, &cap, c->n + 1, sizeof(**c->ids));
	*c->items = xrealloc(*c->items, cap * sizeof(**c->items));
	c->cap = cap;
	(*c->ids)[c->n] = xstrdup(d->id);
	(*c->items)[c->n] = xasprintf("%s  (%s)", d->title, d->kind);
	c->n++;
	return true;
}

static void link_evidence(struct walk *w)
{
	if (!need_answer(w, _("evidence")))
		return;
	snprintf(w->pending_q, sizeof(w->pending_q), "%s", cur_question(w)->id);
	free_docs(w);
	char **items = NULL;
	struct doc_collect c = { &w->doc_ids, &items, 0, 0 };
	struct toets_error e = { 0 };
	if (document_list(w->ui->store, w->dossier_id, collect_doc, &c, &e) != TOETS_OK)
		ui_error(w->ui, "%s", e.message);
	else if (!c.n)
		ui_error(w->ui, "%s", _("the dossier has no documents yet: add them on the dossier screen"));
	w->n_docs = c.n;
	if (c.n && e.status == TOETS_OK)
		ui_menu(w->ui, _("Evidence: which document?"), (const char *const *)items, (int)c.n, 0,
			evidence_document_done, w);
	else
		free_docs(w);
	for (size_t i = 0; i < c.n; i++)
		free(items[i]);
	free(items);
}

static void clear_done(struct ui *ui, int choice, void *ctx)
{
	(void)ui;
	struct walk *w = ctx;
	if (choice == 0 && store_answer(w, w->pending_q, NULL, 0, NULL, NULL, 0, true))
		ui_message(w->ui, "%s", _("Answer cleared."));
}

static void clear_answer(struct walk *w)
{
	const struct kader_question *q = cur_question(w);
	if (!q || !is_shown(w, q))
		return;
	const struct stored_answer *ans = assess_find_answer(&w->st, q->id);
	if (!ans) {
		ui_message(w->ui, "%s", _("The question has no answer to clear."));
		return;
	}
	snprintf(w->pending_q, sizeof(w->pending_q), "%s", q->id);
	if ((ans->note && *ans->note) || ans->n_evidence) {
		const char *items[] = { _("Clear the answer, its note and evidence"), _("Keep it") };
		ui_menu(w->ui, _("Clear the answer?"), items, 2, 1, clear_done, w);
		return;
	}
	clear_done(w->ui, 0, w);
}

/* ---- the motivering of a criterion ------------------------------------------------------- */

static void reason_title(struct walk *w, const struct kader_criterion *c, char *out, size_t size)
{
	size_t ci = (size_t)(c - w->k->criteria);
	snprintf(out, size, _("Motivering of %zu %s  (%s)"), ci + 1, kader_text(&c->title, w->lang), w->reference);
}

static void reason_done(struct ui *ui, const char *text, void *ctx)
{
	struct walk *w = ctx;
	if (!text)
		return;
	if (!ui->quit)
		reload(w); /* the motivering as stored now */
	const struct kader_criterion *c = kader_find_criterion(w->k, w->reason_crit);
	if (!c)
		return;
	const struct stored_reason *r = assess_find_reason(&w->st, c->id);
	bool blank = validate_blank(text);
	if ((blank && !r) || (r && strcmp(text, r->reason) == 0)) {
		ui_message(ui, "%s", _("The motivering is unchanged."));
		return;
	}
	char title[512];
	reason_title(w, c, title, sizeof(title));
	struct toets_error e = { 0 };
	enum toets_status st = TOETS_OK;
	if (!ensure_started(w))
		st = w->last_status;
	else
		st = assess_reason(ui->store, &w->a, w->reason_crit, blank ? NULL : text, &e);
	if (st != TOETS_OK) {
		if (e.status != TOETS_OK)
			ui_error(ui, "%s", e.message);
		reload(w);
		/* Kept for another try, unless core refused it outright. */
		if (!ui->quit && st != TOETS_ERR_REFUSED)
			ui_editor_unstored(ui, title, text, reason_done, w);
		return;
	}
	reload(w);
	ui_message(ui, "%s", blank ? _("Motivering removed.") : _("Motivering stored."));
}

static void edit_reason(struct walk *w)
{
	const struct kader_criterion *c = cur_crit(w);
	if (!c)
		return;
	snprintf(w->reason_crit, sizeof(w->reason_crit), "%s", c->id);
	const struct stored_reason *r = assess_find_reason(&w->st, c->id);
	char title[512];
	reason_title(w, c, title, sizeof(title));
	ui_editor(w->ui, title, r ? r->reason : "", reason_done, w);
}

/* ---- verdicts ----------------------------------------------------------------------------- */

static const enum verdict verdict_order[] = { VERDICT_PASS, VERDICT_FAIL, VERDICT_FOLLOWUP,
					      VERDICT_NOT_ASSESSED };

static void override_reason_done(struct ui *ui, const char *text, void *ctx)
{
	struct walk *w = ctx;
	if (!text)
		return;
	if (validate_blank(text)) {
		ui_error(ui, "%s", _("an overridden verdict needs a reason"));
		if (!ui->quit)
			ui_prompt(ui, _("Reason (required):"), "", false, override_reason_done, w);
		return;
	}
	struct toets_error e = { 0 };
	if (!ensure_started(w))
		return;
	enum toets_status st = assess_override(ui->store, &w->a, w->pending_crit, w->pending_verdict, text, &e);
	if (st != TOETS_OK) {
		ui_error(ui, "%s", e.message);
		if (st == TOETS_ERR_REFUSED)
			reload(w);
		else if (!ui->quit)
			ui_prompt(ui, _("Reason (required):"), text, false, override_reason_done, w);
		return;
	}
	reload(w);
	ui_message(ui, _("Verdict set: %s."), verdict_name((enum verdict)w->pending_verdict));
}

static void override_verdict_done(struct ui *ui, int choice, void *ctx)
{
	struct walk *w = ctx;
	if (choice < 0 || choice >= 4)
		return;
	w->pending_verdict = (int)verdict_order[choice];
	const struct stored_override *o = assess_find_override(&w->st, w->pending_crit);
	ui_prompt(ui, _("Reason (required):"), o ? o->reason : "", false, override_reason_done, w);
}

static void override(struct walk *w)
{
	const struct kader_criterion *c = cur_crit(w);
	if (!c)
		return;
	snprintf(w->pending_crit, sizeof(w->pending_crit), "%s", c->id);
	enum verdict v = w->crits[w->crit].verdict;
	const char *items[4];
	int sel = 0;
	for (int i = 0; i < 4; i++) {
		items[i] = verdict_name(verdict_order[i]);
		if (verdict_order[i] == v)
			sel = i;
	}
	char title[300];
	snprintf(title, sizeof(title), _("Verdict on %zu %s"), w->crit + 1, kader_text(&c->title, w->lang));
	ui_menu(w->ui, title, items, 4, sel, override_verdict_done, w);
}

static void accept(struct walk *w)
{
	const struct kader_criterion *c = cur_crit(w);
	if (!c)
		return;
	if (!assess_find_override(&w->st, c->id)) {
		ui_message(w->ui, "%s", _("No override: the computed verdict counts already."));
		return;
	}
	struct toets_error e = { 0 };
	if (assess_override(w->ui->store, &w->a, c->id, VERDICT_COUNT, NULL, &e) != TOETS_OK) {
		ui_error(w->ui, "%s", e.message);
		reload(w);
		return;
	}
	reload(w);
	ui_message(w->ui, _("The computed verdict counts: %s."), verdict_name(w->crits[w->crit].verdict));
}

/* ---- moving ----------------------------------------------------------------------------- */

static void move_question(struct walk *w, int dir)
{
	const struct kader_criterion *c = cur_crit(w);
	if (!c || !c->n_questions)
		return;
	if (dir < 0 && w->q == 0)
		return;
	size_t i = find_shown(w, w->crit, w->q + (size_t)(long)dir, dir);
	if (i != SIZE_MAX)
		w->q = i;
}

static void move_criterion(struct walk *w, int dir)
{
	if (!w->k->n_criteria)
		return;
	if (dir < 0 && w->crit == 0)
		return;
	if (dir > 0 && w->crit + 1 >= w->k->n_criteria)
		return;
	w->crit += (size_t)(long)dir;
	size_t i = find_shown(w, w->crit, 0, 1);
	w->q = i == SIZE_MAX ? 0 : i;
}

/* The next shown, unanswered (and required) question after the current
 * one, round the whole framework; false when there is none. */
static bool find_open(struct walk *w, bool required)
{
	size_t total = w->k->n_questions, pos = 0;
	for (size_t c = 0; c < w->crit; c++)
		pos += w->k->criteria[c].n_questions;
	pos += w->q;
	for (size_t step = 1; step <= total; step++) {
		size_t g = (pos + step) % total, c = 0;
		while (g >= w->k->criteria[c].n_questions)
			g -= w->k->criteria[c++].n_questions;
		const struct kader_question *q = &w->k->criteria[c].questions[g];
		if (is_shown(w, q) && !is_answered(w, q) && (!required || q->required)) {
			w->crit = c;
			w->q = g;
			return true;
		}
	}
	return false;
}

static void next_open(struct walk *w, bool required)
{
	if (!find_open(w, required))
		ui_message(w->ui, "%s", required ? _("Every required question shown is answered.")
						 : _("Every question shown is answered."));
}

static bool walk_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	struct walk *w = v->data;
	/* Read now: the first answer starts the assessment, and its own
	 * copy of the framework replaces the one q points into. */
	const struct kader_question *q = cur_question(w);
	bool choice_q = q && (q->type == KADER_Q_CHOICE || q->type == KADER_Q_MULTI);
	bool single = q && q->type == KADER_Q_CHOICE;
	size_t n_choices = q ? q->n_choices : 0;
	int digit = !k.fn && k.code >= '1' && k.code <= '9' ? k.code - '0' : 0;
	if (digit && choice_q && is_shown(w, q)) {
		if ((size_t)digit > n_choices) {
			ui_error(ui, ngettext("the question has %zu choice", "the question has %zu choices",
					      (unsigned long)n_choices), n_choices);
			return true;
		}
		w->choice = (size_t)digit - 1;
		choose(w, (size_t)digit - 1);
		if (single)
			w->choosing = false;
		return true;
	}
	if (w->choosing && choice_q) {
		switch (a) {
		case ACT_UP:
			if (w->choice > 0)
				w->choice--;
			return true;
		case ACT_DOWN:
			if (w->choice + 1 < n_choices)
				w->choice++;
			return true;
		case ACT_FIRST:
			w->choice = 0;
			return true;
		case ACT_LAST:
			w->choice = n_choices ? n_choices - 1 : 0;
			return true;
		case ACT_OPEN:
		case ACT_PAGE_DOWN: /* Space */
			if (a == ACT_PAGE_DOWN && !(!k.fn && k.code == ' '))
				break;
			choose(w, w->choice);
			if (single)
				w->choosing = false;
			return true;
		case ACT_BACK:
		case ACT_LEFT:
		case ACT_QUIT:
			w->choosing = false;
			return true;
		default:
			break;
		}
	}
	w->choosing = false;
	switch (a) {
	case ACT_UP: move_question(w, -1); return true;
	case ACT_DOWN: move_question(w, 1); return true;
	case ACT_LEFT:
	case ACT_PREV_PANE: move_criterion(w, -1); return true;
	case ACT_RIGHT:
	case ACT_NEXT_PANE: move_criterion(w, 1); return true;
	case ACT_FIRST:
	case ACT_LAST: {
		const struct kader_criterion *c = cur_crit(w);
		if (c && c->n_questions) {
			size_t i = a == ACT_FIRST ? find_shown(w, w->crit, 0, 1)
						  : find_shown(w, w->crit, c->n_questions - 1, -1);
			if (i != SIZE_MAX)
				w->q = i;
		}
		return true;
	}
	case ACT_PAGE_UP:
		w->scroll -= w->pane_rows > 2 ? w->pane_rows - 1 : 1;
		return true;
	case ACT_PAGE_DOWN:
		w->scroll += w->pane_rows > 2 ? w->pane_rows - 1 : 1;
		return true;
	case ACT_OPEN:
	case ACT_EDIT: open_question(w); return true;
	case ACT_NEXT_OPEN: next_open(w, false); return true;
	case ACT_NEXT_REQUIRED: next_open(w, true); return true;
	case ACT_EDIT_NOTE: edit_note(w); return true;
	case ACT_EVIDENCE: link_evidence(w); return true;
	case ACT_CLEAR: clear_answer(w); return true;
	case ACT_OVERRIDE: override(w); return true;
	case ACT_ACCEPT: accept(w); return true;
	case ACT_MOTIVERING: edit_reason(w); return true;
	default: return false;
	}
}

/* ---- drawing -------------------------------------------------------------------------------- */

static enum ui_style verdict_style(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS: return STYLE_GOOD;
	case VERDICT_FAIL: return STYLE_BAD;
	case VERDICT_FOLLOWUP: return STYLE_WARN;
	default: return STYLE_DIM;
	}
}

static enum verdict effect_verdict(enum kader_effect e)
{
	switch (e) {
	case KADER_EFFECT_PASS: return VERDICT_PASS;
	case KADER_EFFECT_FAIL: return VERDICT_FAIL;
	case KADER_EFFECT_FOLLOWUP: return VERDICT_FOLLOWUP;
	default: return VERDICT_NOT_ASSESSED;
	}
}

static void draw_criteria(struct walk *w, struct ui *ui, int top, int bottom, int width)
{
	const struct kader *k = w->k;
	char line[256];
	ui_style(ui, STYLE_HEADER);
	ui_fill(top, 0, width);
	ui_text(top, 1, width - 1, _("Criteria"), false);
	snprintf(line, sizeof(line), "%zu/%zu", w->required_answered, w->required);
	int lw = ui_width(line);
	ui_text(top, width - lw - 1, lw, line, false);
	/* The legend below: what the marks mean. */
	const char *legend[4];
	int n_legend = 0;
	legend[n_legend++] = _("n/m: required answered");
	legend[n_legend++] = _("*: verdict overridden");
	legend[n_legend++] = _("!: no motivering");
	if (w->has_prev)
		legend[n_legend++] = _("~: answer changed");
	int rows = bottom - top - 1 - n_legend;
	int per = 2, fit = rows / per;
	if (fit < 1)
		fit = 1;
	size_t first = 0;
	if ((int)w->crit >= fit)
		first = w->crit - (size_t)fit + 1;
	int y = top + 1;
	for (size_t i = first; i < k->n_criteria && y + 1 < bottom - n_legend; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		const struct crit_state *cs = &w->crits[i];
		bool cur = i == w->crit;
		ui_style(ui, cur ? STYLE_SELECTED : STYLE_NORMAL);
		ui_fill(y, 0, width);
		/* Marks: ! before a criterion without motivering (the current
		 * one says it in the right pane, beside its verdict), ~ at the
		 * end of one whose answers changed in a re-assessment. */
		snprintf(line, sizeof(line), "%c%zu %s", cur ? '>' : cs->has_reason ? ' ' : '!', i + 1,
			 kader_text(&c->title, w->lang));
		if (cs->changed) {
			ui_text(y, 0, width - 3, line, false);
			ui_text(y, width - 2, 1, "~", false);
		} else {
			ui_text(y, 0, width - 1, line, false);
		}
		enum verdict v = cs->verdict;
		bool overridden = cs->overridden;
		ui_style(ui, STYLE_NORMAL);
		snprintf(line, sizeof(line), "%zu/%zu", cs->p.required_answered, cs->p.required);
		ui_text(y + 1, 2, 6, line, false);
		ui_style(ui, verdict_style(v));
		snprintf(line, sizeof(line), "%s%s", verdict_name(v), overridden ? "*" : "");
		ui_text(y + 1, 9, width - 9, line, false);
		y += per;
	}
	ui_style(ui, STYLE_DIM);
	for (int i = 0; i < n_legend; i++)
		ui_text(bottom - n_legend + i, 1, width - 1, legend[i], false);
	ui_style(ui, STYLE_NORMAL);
}

static const char *type_name(enum kader_qtype t)
{
	switch (t) {
	case KADER_Q_CHOICE: return _("one choice");
	case KADER_Q_MULTI: return _("several choices");
	case KADER_Q_TEXT: return _("text");
	case KADER_Q_DATE: return _("date");
	default: return _("number");
	}
}

static void legal_rows(struct walk *w, struct rows *rs, const struct kader_legal *legal)
{
	for (size_t i = 0; i < legal->n; i++) {
		const struct kader_ref *r = &legal->refs[i];
		char *line = xasprintf("- %s%s%s", r->ref, r->verify ? " " : "",
				       r->verify ? _("(to be verified)") : "");
		rows_wrap(rs, 2, r->verify ? STYLE_WARN : STYLE_NORMAL, line);
		free(line);
		if (r->note)
			rows_wrap(rs, 4, STYLE_DIM, r->note);
	}
	(void)w;
}

static void build_question(struct walk *w, struct rows *rs)
{
	const struct kader_criterion *c = cur_crit(w);
	char *line;
	if (!c) {
		rows_wrap(rs, 0, STYLE_NORMAL, _("The framework has no criteria."));
		return;
	}
	if (w->closed[0]) {
		/* Locked, or a proposal waits: as core says it. */
		rows_wrap(rs, 0, STYLE_WARN, w->closed);
		rows_blank(rs);
	}
	line = xasprintf("%zu %s%s", w->crit + 1, kader_text(&c->title, w->lang),
			 c->mandatory ? _("  (mandatory)") : "");
	rows_wrap(rs, 0, STYLE_HEADER, line);
	free(line);
	/* The verdict that counts, and where it comes from. */
	const struct crit_state *cs = &w->crits[w->crit];
	enum verdict v = cs->verdict;
	const struct stored_override *o = cs->overridden ? assess_find_override(&w->st, c->id) : NULL;
	const struct stored_reason *mot = assess_find_reason(&w->st, c->id);
	if (o)
		line = xasprintf(_("Verdict: %s* (overridden by %s; computed: %s)"), verdict_name(v),
				 o->account, verdict_name(cs->computed));
	else
		line = xasprintf(_("Verdict: %s (computed; %zu of %zu required answered)"), verdict_name(v),
				 cs->p.required_answered, cs->p.required);
	if (!mot) {
		/* No motivering: said here, not on a line of its own. */
		char *with = xasprintf("%s%s", line, _("; no motivering (m writes it)"));
		free(line);
		line = with;
	}
	rows_wrap(rs, 0, verdict_style(v), line);
	free(line);
	if (o) {
		line = xasprintf(_("Reason: %s"), o->reason);
		rows_wrap(rs, 2, STYLE_NORMAL, line);
		free(line);
	}
	/* The motivering: what the letter says about the criterion. */
	if (mot) {
		line = xasprintf(_("Motivering (%s, %.10s): %s"), mot->account, mot->at, mot->reason);
		rows_wrap(rs, 0, STYLE_NORMAL, line);
		free(line);
	}
	const struct kader_question *q = cur_question(w);
	if (!q || !is_shown(w, q)) {
		rows_blank(rs);
		rows_wrap(rs, 0, STYLE_DIM,
			  _("No question of this criterion is shown: their conditions do not hold."));
		return;
	}
	size_t shown = 0, nth = 0;
	for (size_t i = 0; i < c->n_questions; i++)
		if (is_shown(w, &c->questions[i])) {
			shown++;
			if (i == w->q)
				nth = shown;
		}
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, _("Question %zu.%zu (%zu of %zu shown)  %s"), w->crit + 1, w->q + 1, nth, shown,
		    q->id);
	rows_blank(rs);
	rows_wrap(rs, 0, STYLE_DIM, strbuf_str(&sb));
	if (w->changed && w->changed[q->index]) {
		const char *was = w->before[q->index];
		line = *was ? xasprintf(_("~ changed since the previous assessment; it was: %s"), was)
			    : xasprintf("%s", _("~ new since the previous assessment (it had no answer)"));
		rows_wrap(rs, 0, STYLE_WARN, line);
		free(line);
	}
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s, %s", type_name(q->type), q->required ? _("required") : _("optional"));
	if (q->evidence == KADER_EVIDENCE_REQUIRED)
		strbuf_addf(&sb, ", %s", _("evidence required"));
	else if (q->evidence == KADER_EVIDENCE_OPTIONAL)
		strbuf_addf(&sb, ", %s", _("evidence optional"));
	rows_wrap(rs, 0, STYLE_DIM, strbuf_str(&sb));
	strbuf_release(&sb);
	rows_wrap(rs, 0, STYLE_NORMAL, kader_text(&q->text, w->lang));
	rows_blank(rs);

	const struct stored_answer *ans = assess_find_answer(&w->st, q->id);
	w->choice_row = -1;
	if (q->type == KADER_Q_CHOICE || q->type == KADER_Q_MULTI) {
		for (size_t i = 0; i < q->n_choices; i++) {
			const struct kader_choice *ch = &q->choices[i];
			bool on = chosen(ans, ch->id), sel = w->choosing && i == w->choice;
			char prefix[32];
			const char *box = q->type == KADER_Q_CHOICE ? (on ? "(*)" : "( )") : (on ? "[x]" : "[ ]");
			if (i < 9)
				snprintf(prefix, sizeof(prefix), "%c%zu %s", sel ? '>' : ' ', i + 1, box);
			else
				snprintf(prefix, sizeof(prefix), "%c  %s", sel ? '>' : ' ', box);
			size_t row0 = rs->n;
			rows_new(rs);
			rows_seg(rs, 0, on ? STYLE_HEADER : STYLE_NORMAL, prefix);
			/* The label wraps beside the prefix. */
			struct rows label = { NULL, 0, 0, rs->width - 7, 0 };
			int last = rows_wrap(&label, 0, STYLE_NORMAL, kader_text(&ch->label, w->lang));
			for (size_t j = 0; j < label.n; j++) {
				if (j)
					rows_new(rs);
				rows_seg(rs, 7, on ? STYLE_HEADER : STYLE_NORMAL, label.r[j].seg[0].text);
			}
			rows_free(&label);
			if (ch->effect != KADER_EFFECT_NONE) {
				enum verdict ev = effect_verdict(ch->effect);
				char *tag = xasprintf("[%s]", verdict_name(ev));
				int tw = ui_width(tag);
				if (7 + last + 2 + tw > rs->width)
					rows_new(rs), last = -2;
				rows_seg(rs, 7 + last + 2, verdict_style(ev), tag);
				free(tag);
			}
			if (sel) {
				w->choice_row = (int)row0;
				for (size_t j = row0; j < rs->n; j++)
					rs->r[j].selected = true;
			}
		}
		if (!ans)
			rows_wrap(rs, 0, STYLE_DIM, q->n_choices > 9 ? _("Open: Enter chooses.")
								     : _("Open: 1-9 or Enter chooses."));
	} else {
		if (ans && ans->value) {
			rows_new(rs);
			rows_seg(rs, 0, STYLE_HEADER, _("Answer:"));
			int lw = ui_width(_("Answer:")) + 1;
			struct rows val = { NULL, 0, 0, rs->width - lw, 0 };
			rows_wrap(&val, 0, STYLE_NORMAL, ans->value);
			for (size_t j = 0; j < val.n; j++) {
				if (j)
					rows_new(rs);
				rows_seg(rs, lw, STYLE_NORMAL, val.r[j].seg[0].text);
			}
			rows_free(&val);
		} else {
			rows_wrap(rs, 0, STYLE_DIM, _("Open: Enter answers."));
		}
	}
	if (ans) {
		/* "2026-11-22T07:24:28.001Z" shown as "2026-11-22 07:24 UTC" */
		line = xasprintf(_("answered by %s, %.10s %.5s UTC"), ans->account, ans->at,
				 strlen(ans->at) > 11 ? ans->at + 11 : "");
		rows_wrap(rs, 0, STYLE_DIM, line);
		free(line);
	}

	rows_blank(rs);
	rows_line(rs, 0, STYLE_HEADER, _("Note"));
	if (ans && ans->note && *ans->note)
		rows_wrap(rs, 2, STYLE_NORMAL, ans->note);
	else
		rows_wrap(rs, 2, STYLE_DIM, ans ? _("none (t writes one)") : _("none"));

	rows_blank(rs);
	rows_line(rs, 0, STYLE_HEADER, _("Evidence"));
	for (size_t i = 0; ans && i < ans->n_evidence; i++) {
		const struct stored_evidence *ev = &ans->evidence[i];
		line = ev->location && *ev->location ? xasprintf("- %s (%s)", ev->document_title, ev->location)
						     : xasprintf("- %s", ev->document_title);
		rows_wrap(rs, 2, STYLE_NORMAL, line);
		free(line);
	}
	if (!ans || !ans->n_evidence) {
		if (q->evidence == KADER_EVIDENCE_REQUIRED)
			rows_wrap(rs, 2, STYLE_WARN,
				  ans ? _("required, none linked yet (E links a document)")
				      : _("required, none linked yet"));
		else
			rows_wrap(rs, 2, STYLE_DIM, ans ? _("none (E links a document)") : _("none"));
	}

	const char *guidance = q->guidance.nl ? kader_text(&q->guidance, w->lang) : NULL;
	if (guidance) {
		rows_blank(rs);
		rows_line(rs, 0, STYLE_HEADER, _("Guidance"));
		rows_wrap(rs, 2, STYLE_NORMAL, guidance);
	}
	const struct kader_legal *legal = c->legal.n ? &c->legal : &w->k->legal;
	if (legal->n) {
		rows_blank(rs);
		rows_line(rs, 0, STYLE_HEADER, _("Legal basis"));
		legal_rows(w, rs, legal);
	}
	if (c->guidance.nl) {
		rows_blank(rs);
		rows_line(rs, 0, STYLE_HEADER, _("About the criterion"));
		rows_wrap(rs, 2, STYLE_NORMAL, kader_text(&c->guidance, w->lang));
	}
}

static void walk_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	struct walk *w = v->data;
	int lw = COLS / 3;
	if (lw < 20)
		lw = 20;
	draw_criteria(w, ui, top, bottom, lw);
	ui_style(ui, STYLE_DIM);
	for (int y = top; y < bottom; y++)
		ui_text(y, lw, 1, "\xe2\x94\x82", false); /* a box-drawing line, also in a screen dump */
	ui_style(ui, STYLE_NORMAL);

	int x0 = lw + 2, width = COLS - x0 - 1;
	if (w->crit != w->shown_crit || w->q != w->shown_q) {
		w->scroll = 0;
		w->shown_crit = w->crit;
		w->shown_q = w->q;
	}
	int h = bottom - top;
	if (w->scroll < 0)
		w->scroll = 0;
	/* Only what reaches the screen is wrapped (and one row more, to know
	 * that more follows). */
	struct rows rs = { NULL, 0, 0, width, (size_t)w->scroll + (size_t)h + 1 };
	build_question(w, &rs);
	bool more = (int)rs.n > h;
	int visible = more ? h - 1 : h;
	w->pane_rows = visible;
	if (w->choosing && w->choice_row >= 0) {
		if (w->choice_row < w->scroll)
			w->scroll = w->choice_row;
		if (w->choice_row >= w->scroll + visible)
			w->scroll = w->choice_row - visible + 1;
	}
	if (w->scroll > (int)rs.n - visible)
		w->scroll = (int)rs.n - visible;
	if (w->scroll < 0)
		w->scroll = 0;
	for (int y = 0; y < visible && w->scroll + y < (int)rs.n; y++) {
		const struct row *r = &rs.r[w->scroll + y];
		if (r->selected) {
			ui_style(ui, STYLE_SELECTED);
			ui_fill(top + y, x0 - 1, width + 1);
		}
		for (int s = 0; s < r->n; s++) {
			ui_style(ui, r->selected ? STYLE_SELECTED : r->seg[s].style);
			ui_text(top + y, x0 + r->seg[s].x, width - r->seg[s].x, r->seg[s].text, false);
		}
	}
	if (more) {
		char line[128];
		bool below = w->scroll + visible < (int)rs.n;
		snprintf(line, sizeof(line), "%s", below ? _("-- more below: PgDn --")
							 : _("-- end: PgUp goes back --"));
		ui_style(ui, STYLE_DIM);
		ui_text(bottom - 1, x0, width, line, false);
	}
	ui_style(ui, STYLE_NORMAL);
	rows_free(&rs);
}

static void walk_enter(struct view *v, struct ui *ui)
{
	(void)ui;
	reload(v->data);
}

static const char *walk_title(struct view *v)
{
	return ((struct walk *)v->data)->title;
}

static const char *walk_hints(struct view *v)
{
	struct walk *w = v->data;
	const struct kader_question *q = cur_question(w);
	if (w->choosing)
		return _("j/k:choice  Enter/Space:choose  Esc:done");
	if (q && (q->type == KADER_Q_CHOICE || q->type == KADER_Q_MULTI))
		return _("1-9:choose  u:next open  t:note  m:motivering  E:evidence  V:verdict");
	return _("Enter:answer  u:next open  t:note  m:motivering  E:evidence  V:verdict");
}

static void walk_destroy(struct walk *w)
{
	free_changes(w);
	if (w->has_prev) {
		assess_state_release(&w->prev_st);
		assess_release(&w->prev);
	}
	assess_state_release(&w->st);
	if (w->started)
		assess_release(&w->a);
	kader_free(&w->fresh);
	free_docs(w);
	free(w->shown);
	free(w->answered);
	free(w->crits);
	free(w->org);
	free(w);
}

static void walk_free(struct view *v)
{
	walk_destroy(v->data);
}

static const struct view_ops walk_ops = {
	"walk", walk_draw, walk_key, walk_enter, walk_free, walk_title, walk_hints, NULL, NULL,
};

/* The framework a new assessment of this category uses: the one whose id
 * is the category, else the first that applies; never one past a file on
 * the search path that does not load and may be the one meant. */
static struct kader *pick_framework(struct ui *ui, enum category cat)
{
	struct path_list dirs;
	struct catalog catalog = { 0 };
	paths_forms_search(&dirs);
	catalog_scan(&catalog, &dirs);
	path_list_release(&dirs);
	const char *id = category_code(cat);
	const struct catalog_entry *e = NULL;
	struct kader *out = NULL;
	if (catalog_lookup(&catalog, id, &e) == TOETS_ERR_INVALID) {
		ui_error(ui, _("framework '%s' on the search path does not load (%s); fix it first"), id,
			 e->path);
		catalog_release(&catalog);
		return NULL;
	}
	for (size_t i = 0; !e && i < catalog.n; i++) {
		const struct catalog_entry *c = &catalog.items[i];
		if (c->kader && !c->shadowed && (c->kader->categories & CATEGORY_BIT(cat)))
			e = c;
	}
	if (!e || !(e->kader->categories & CATEGORY_BIT(cat))) {
		ui_error(ui, _("no framework for category %s on the search path (see 'toets kader list')"), id);
	} else {
		/* A copy of its own: the catalogue goes. */
		struct diag_list dl;
		diag_init(&dl, e->path);
		if (kader_load_buffer(e->path, e->kader->source, e->kader->source_len, &out, &dl) != TOETS_OK)
			ui_error(ui, _("framework %s does not load"), e->path);
		diag_release(&dl);
	}
	catalog_release(&catalog);
	return out;
}

struct view *view_walk_new(struct ui *ui, const char *reference)
{
	struct toets_error e = { 0 };
	struct dossier d;
	if (dossier_get(ui->store, reference, &d, &e) != TOETS_OK) {
		ui_error(ui, "%s", e.message);
		return NULL;
	}
	struct walk *w = xcalloc(1, sizeof(*w));
	w->ui = ui;
	snprintf(w->reference, sizeof(w->reference), "%s", d.reference);
	snprintf(w->dossier_id, sizeof(w->dossier_id), "%s", d.id);
	w->org = xstrdup(d.org.name ? d.org.name : "");
	w->category = d.category;
	dossier_release(&d);
	/* TRANSLATORS: the code of this language, "nl" in the Dutch catalogue:
	 * framework texts are shown in it. */
	w->lang = strcmp(_("en"), "nl") == 0 ? KADER_NL : KADER_EN;
	w->choice_row = -1;
	enum toets_status st = assess_current(ui->store, w->reference, &w->a, &e);
	if (st == TOETS_OK) {
		w->started = true;
		w->k = w->a.kader;
		load_previous(w);
	} else if (st == TOETS_ERR_NOT_FOUND) {
		w->fresh = pick_framework(ui, w->category);
		w->k = w->fresh;
	} else {
		ui_error(ui, "%s", e.message);
	}
	if (!w->k) {
		walk_destroy(w);
		return NULL;
	}
	make_title(w);
	if (!reload(w)) {
		walk_destroy(w);
		return NULL;
	}
	/* Open on the first shown question that waits for an answer. */
	w->crit = 0;
	size_t i = w->k->n_criteria ? find_shown(w, 0, 0, 1) : SIZE_MAX;
	w->q = i == SIZE_MAX ? 0 : i;
	if (w->k->n_questions && !(cur_question(w) && !is_answered(w, cur_question(w))))
		find_open(w, false);
	w->shown_crit = w->crit;
	w->shown_q = w->q;
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &walk_ops;
	v->data = w;
	return v;
}
