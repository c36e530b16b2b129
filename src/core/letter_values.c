/* letter_values.c - the facts of a dossier as a letter's values: names,
 * dates, the legal basis from the framework, and the blocks (motivering,
 * open questions, contacts...) built as CommonMark nodes. The words here
 * are Dutch because the letters are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letter_int.h"
#include "toets/audit.h"
#include "toets/category.h"
#include "toets/document.h"
#include "toets/i18n.h"
#include "toets/procedure.h"
#include "toets/xalloc.h"

static const char *const months[] = { "januari", "februari", "maart",	  "april",   "mei",	 "juni",
				      "juli",	 "augustus", "september", "oktober", "november", "december" };

void letter_long_date(const char *date, struct strbuf *out)
{
	int y, m, d;
	if (!date || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) {
		strbuf_adds(out, date ? date : "");
		return;
	}
	strbuf_addf(out, "%d %s %d", d, months[m - 1], y);
}

/* ---- facts ------------------------------------------------------------------- */

static enum decision_kind decision_for(enum letter_kind k)
{
	switch (k) {
	case LETTER_AANVULLING: return DECISION_AANVULLING;
	case LETTER_AANWIJZING: return DECISION_AANWIJZEN;
	case LETTER_AFWIJZING: return DECISION_AFWIJZEN;
	case LETTER_INTREKKING: return DECISION_INTREKKEN;
	default: return DECISION_KIND_COUNT;
	}
}

/* The decision a letter rests on: the newest approved one of its kind,
 * else (for a draft) a proposal of that kind that waits. */
static enum toets_status find_decision(struct store *s, struct letter_facts *lf, enum decision_kind k,
				       struct toets_error *e)
{
	enum toets_status st = decision_approved(s, lf->d.id, k, &lf->dec, e);
	if (st == TOETS_ERR_NOT_FOUND) {
		struct decision latest;
		if (decision_latest(s, lf->d.reference, &latest, e) == TOETS_OK) {
			if (latest.state == DECISION_PROPOSED && latest.kind == k) {
				lf->dec = latest;
				lf->has_decision = true;
				strbuf_addf(&lf->missing, "- %s\n", _("the proposal has not been approved yet (four eyes)"));
				return TOETS_OK;
			}
			decision_release(&latest);
		}
		return toets_fail(e, TOETS_ERR_REFUSED,
				  _("dossier %s has no decision to %s (approved or proposed): the %s rests on one"),
				  lf->d.reference, decision_kind_name(k), letter_kind_name(lf->kind));
	}
	lf->has_decision = st == TOETS_OK;
	return st;
}

enum toets_status letter_facts_load(struct store *s, const char *reference, enum letter_kind kind,
				    const struct settings *cfg, struct letter_facts *out, struct toets_error *e)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	out->cfg = cfg;
	date_today(out->today);
	enum toets_status st = dossier_get(s, reference, &out->d, e);
	if (st != TOETS_OK)
		return st;
	if (!out->d.received_on) {
		letter_facts_release(out);
		return toets_fail(e, TOETS_ERR_REFUSED, _("dossier %s has not been received: no letters yet"),
				  reference);
	}
	enum decision_kind dk = decision_for(kind);
	if (dk != DECISION_KIND_COUNT && (st = find_decision(s, out, dk, e)) != TOETS_OK) {
		letter_facts_release(out);
		return st;
	}
	struct toets_error ignored;
	out->has_designation = decision_approved(s, out->d.id, DECISION_AANWIJZEN, &out->designation, &ignored) ==
			       TOETS_OK;
	/* The assessment: the one the decision rests on, else the newest. */
	if (out->has_decision && out->dec.assessment_id[0])
		st = assess_get(s, out->dec.assessment_id, &out->a, e);
	else
		st = assess_current(s, reference, &out->a, e);
	if (st == TOETS_OK) {
		if ((st = assess_load(s, &out->a, &out->st, e)) != TOETS_OK) {
			letter_facts_release(out);
			return st;
		}
		out->has_assessment = true;
	} else if (st != TOETS_ERR_NOT_FOUND) {
		letter_facts_release(out);
		return st;
	}
	if (!out->d.org.address && kind != LETTER_SAMENVATTING)
		strbuf_addf(&out->missing, "- %s\n", _("the applicant's address is missing ('toets dossier set REF address=...')"));
	return TOETS_OK;
}

void letter_facts_release(struct letter_facts *lf)
{
	dossier_release(&lf->d);
	if (lf->has_decision)
		decision_release(&lf->dec);
	if (lf->has_designation)
		decision_release(&lf->designation);
	if (lf->has_assessment) {
		assess_state_release(&lf->st);
		assess_release(&lf->a);
	}
	strbuf_release(&lf->missing);
	memset(lf, 0, sizeof(*lf));
}

/* ---- the assessment as text ----------------------------------------------------- */

static const char *motivering_of(const struct letter_facts *lf, const struct kader_criterion *c)
{
	const struct stored_reason *r = assess_find_reason(&lf->st, c->id);
	if (r)
		return r->reason;
	const struct stored_override *o = assess_find_override(&lf->st, c->id);
	return o ? o->reason : NULL;
}

static void legal_text(const struct kader_legal *l, struct strbuf *out)
{
	for (size_t i = 0; i < l->n; i++)
		strbuf_addf(out, "%s%s", i ? "; " : "", l->refs[i].ref);
}

/* One criterion as a list item: title and verdict, its motivering, its basis. */
static void add_criterion(struct letter_facts *lf, cmark_node *list, const struct kader_criterion *c)
{
	enum verdict v = assess_verdict(&lf->st, c, NULL, NULL);
	struct strbuf line = STRBUF_INIT;
	strbuf_addf(&line, "— %s.", verdict_name(v));
	cmark_node *item = template_add_item(list, kader_text(&c->title, KADER_NL), strbuf_str(&line));
	const char *why = motivering_of(lf, c);
	template_add_paragraph(item, why ? why : "[motivering ontbreekt]");
	if (c->legal.n) {
		strbuf_reset(&line);
		strbuf_adds(&line, "Grondslag: ");
		legal_text(&c->legal, &line);
		strbuf_addc(&line, '.');
		template_add_paragraph(item, strbuf_str(&line));
	}
	strbuf_release(&line);
}

static cmark_node *motivering_block(struct letter_facts *lf, bool only_unmet)
{
	cmark_node *body = cmark_node_new(CMARK_NODE_DOCUMENT);
	if (!lf->has_assessment) {
		template_add_paragraph(body, "[er is geen toetsing vastgelegd]");
		return body;
	}
	const struct kader *k = lf->a.kader;
	cmark_node *list = template_add_list(body, true);
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		if (only_unmet && assess_verdict(&lf->st, c, NULL, NULL) == VERDICT_PASS)
			continue;
		add_criterion(lf, list, c);
	}
	if (!cmark_node_first_child(list)) {
		cmark_node_free(list);
		template_add_paragraph(body, "[alle criteria voldoen]");
	}
	return body;
}

/* The verdicts alone, one line per criterion: the summary's page. */
static cmark_node *verdicts_block(struct letter_facts *lf)
{
	cmark_node *body = cmark_node_new(CMARK_NODE_DOCUMENT);
	if (!lf->has_assessment) {
		template_add_paragraph(body, "[er is geen toetsing vastgelegd]");
		return body;
	}
	const struct kader *k = lf->a.kader;
	cmark_node *list = template_add_list(body, false);
	cmark_node_set_list_tight(list, true);
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		char *t = xasprintf("— %s%s", verdict_name(assess_verdict(&lf->st, c, NULL, NULL)),
				    motivering_of(lf, c) ? "" : " (zonder motivering)");
		template_add_item(list, kader_text(&c->title, KADER_NL), t);
		free(t);
	}
	return body;
}

/* The verzoek om aanvulling: per criterion that does not yet pass, the
 * questions still open and the evidence still missing. */
static cmark_node *open_questions_block(struct letter_facts *lf)
{
	cmark_node *body = cmark_node_new(CMARK_NODE_DOCUMENT);
	if (!lf->has_assessment) {
		template_add_paragraph(body, "[er is geen toetsing vastgelegd]");
		return body;
	}
	const struct kader *k = lf->a.kader;
	cmark_node *list = template_add_list(body, true);
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		if (assess_verdict(&lf->st, c, NULL, NULL) == VERDICT_PASS)
			continue;
		cmark_node *item = template_add_item(list, kader_text(&c->title, KADER_NL), NULL);
		cmark_node *sub = template_add_list(item, false);
		for (size_t j = 0; j < c->n_questions; j++) {
			const struct kader_question *q = &c->questions[j];
			if (!verdict_question_shown(q, &lf->st.answer_view))
				continue;
			const struct stored_answer *ans = assess_find_answer(&lf->st, q->id);
			if (!ans && q->required)
				template_add_item(sub, NULL, kader_text(&q->text, KADER_NL));
			else if (ans && q->evidence == KADER_EVIDENCE_REQUIRED && !ans->n_evidence) {
				char *t = xasprintf("Een stuk waaruit blijkt: %s", kader_text(&q->text, KADER_NL));
				template_add_item(sub, NULL, t);
				free(t);
			}
		}
		const char *why = motivering_of(lf, c);
		if (why)
			template_add_item(sub, NULL, why);
		if (!cmark_node_first_child(sub))
			template_add_item(sub, NULL, "Een nadere toelichting op dit criterium.");
	}
	if (!cmark_node_first_child(list)) {
		cmark_node_free(list);
		template_add_paragraph(body, "[er staan geen vragen open]");
	}
	return body;
}

/* ---- the dossier's records as lists (the summary) --------------------------------- */

static bool add_contact(const struct contact *c, void *ctx)
{
	struct strbuf t = STRBUF_INIT;
	const char *parts[] = { c->role, c->email, c->phone, c->pgp_fingerprint ? "PGP" : NULL };
	for (size_t i = 0; i < 4; i++)
		if (parts[i])
			strbuf_addf(&t, "%s%s", t.len ? ", " : "", parts[i]);
	if (c->pgp_fingerprint)
		strbuf_addf(&t, " %s", c->pgp_fingerprint);
	if (t.len) {
		struct strbuf dash = STRBUF_INIT;
		strbuf_addf(&dash, "— %s", strbuf_str(&t));
		template_add_item(ctx, c->name, strbuf_str(&dash));
		strbuf_release(&dash);
	} else {
		template_add_item(ctx, c->name, NULL);
	}
	strbuf_release(&t);
	return true;
}

/* The operational (24/7) contacts: the aansluiting's. */
static bool add_operational(const struct contact *c, void *ctx)
{
	if (!c->operational)
		return true;
	struct strbuf t = STRBUF_INIT;
	if (c->phone)
		strbuf_addf(&t, "— 24/7 %s", c->phone);
	if (c->email)
		strbuf_addf(&t, "%s%s", t.len ? ", " : "— ", c->email);
	if (c->pgp_fingerprint)
		strbuf_addf(&t, "%sPGP %s", t.len ? ", " : "— ", c->pgp_fingerprint);
	template_add_item(ctx, c->name, t.len ? strbuf_str(&t) : NULL);
	strbuf_release(&t);
	return true;
}

static bool add_document(const struct document *d, void *ctx)
{
	char *t = xasprintf("(%s%s%s), sha256 %.12s", d->kind, d->received_on ? ", ontvangen " : "",
			    d->received_on ? d->received_on : "", d->sha256);
	template_add_item(ctx, d->title, t);
	free(t);
	return true;
}

static bool add_decision(const struct decision *d, void *ctx)
{
	struct strbuf t = STRBUF_INIT;
	char day[DATE_LEN];
	timestamp_local_date(d->proposed_at, day);
	strbuf_addf(&t, "— %s; voorgesteld door %s op %s", decision_state_name(d->state), d->proposed_by, day);
	if (d->reviewed_by) {
		timestamp_local_date(d->reviewed_at, day);
		strbuf_addf(&t, "; %s door %s op %s", d->state == DECISION_APPROVED ? "goedgekeurd" : "teruggestuurd",
			    d->reviewed_by, day);
	}
	if (d->effective_on)
		strbuf_addf(&t, "; ingang %s, herbeoordeling %s", d->effective_on,
			    d->reassess_on ? d->reassess_on : "bij goedkeuring");
	if (d->reason)
		strbuf_addf(&t, "; reden: %s", d->reason);
	template_add_item(ctx, decision_kind_name(d->kind), strbuf_str(&t));
	strbuf_release(&t);
	return true;
}

static bool add_letter(const struct letter *l, void *ctx)
{
	char *t = xasprintf("— gedateerd %s, uitgegeven door %s, sha256 %.12s%s", l->dated, l->issued_by, l->sha256,
			    l->prints ? ", geprint" : "");
	template_add_item(ctx, letter_kind_name(l->kind), t);
	free(t);
	return true;
}

/* A block listing records, or a line saying there are none. */
static enum toets_status list_block(struct template_fields *f, const char *name, cmark_node *body,
				    cmark_node *list, const char *none)
{
	if (!cmark_node_first_child(list)) {
		cmark_node_free(list);
		template_add_paragraph(body, none);
	}
	template_set_block(f, name, body);
	return TOETS_OK;
}

static enum toets_status record_blocks(struct store *s, struct letter_facts *lf, struct template_fields *f,
				       struct toets_error *e)
{
	struct {
		const char *name, *none;
	} blocks[] = {
		{ "contacten", "[geen contactpersonen vastgelegd]" },
		{ "documenten", "[geen documenten ontvangen]" },
		{ "besluiten", "[nog geen besluiten]" },
		{ "brieven", "[nog geen brieven uitgegeven]" },
		{ "operationele_contacten", "[geen operationele contactpersonen vastgelegd]" },
	};
	for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
		cmark_node *body = cmark_node_new(CMARK_NODE_DOCUMENT);
		cmark_node *list = template_add_list(body, false);
		enum toets_status st;
		switch (i) {
		case 0: st = contact_list(s, lf->d.id, add_contact, list, e); break;
		case 1: st = document_list(s, lf->d.id, add_document, list, e); break;
		case 2: st = decision_list(s, lf->d.id, add_decision, list, e); break;
		case 3: st = letter_list(s, lf->d.id, add_letter, list, e); break;
		default: st = contact_list(s, lf->d.id, add_operational, list, e); break;
		}
		if (st != TOETS_OK) {
			cmark_node_free(body);
			return st;
		}
		list_block(f, blocks[i].name, body, list, blocks[i].none);
	}
	return TOETS_OK;
}

/* ---- the values ------------------------------------------------------------------ */

static void set_date(struct template_fields *f, const char *name, const char *date, const char *none)
{
	struct strbuf t = STRBUF_INIT;
	if (date)
		letter_long_date(date, &t);
	else
		strbuf_adds(&t, none);
	template_set(f, name, strbuf_str(&t));
	strbuf_release(&t);
}

static const char *or_none(const char *v, const char *none)
{
	return v && *v ? v : none;
}

/* The clock's completeness date and the aansluiting (procedure.h). */
static enum toets_status procedure_values(struct store *s, const struct letter_facts *lf, struct template_fields *f,
					  struct toets_error *e)
{
	struct procedure p;
	enum toets_status st = procedure_load(s, lf->d.id, &p, e);
	if (st != TOETS_OK)
		return st;
	set_date(f, "datum_compleet", p.complete_on[0] ? p.complete_on : NULL, "[niet compleet]");
	procedure_release(&p);
	struct aansluiting a;
	if ((st = aansluiting_get(s, lf->d.id, &a, e)) != TOETS_OK)
		return st;
	struct strbuf t = STRBUF_INIT;
	if (a.leidraad_on[0]) {
		strbuf_adds(&t, "aanvaard op ");
		letter_long_date(a.leidraad_on, &t);
		strbuf_addf(&t, " door %s", a.leidraad_by ? a.leidraad_by : "?");
	} else {
		strbuf_adds(&t, "[nog niet aanvaard]");
	}
	template_set(f, "leidraad", strbuf_str(&t));
	strbuf_release(&t);
	set_date(f, "ndn", a.ndn_on[0] ? a.ndn_on : NULL, "[nog niet aangesloten]");
	aansluiting_release(&a);
	return TOETS_OK;
}

enum toets_status letter_values(struct store *s, struct letter_facts *lf, struct template_fields *f,
				struct toets_error *e)
{
	const struct dossier *d = &lf->d;
	const struct decision *dec = lf->has_decision ? &lf->dec : NULL;
	const struct decision *des = lf->has_designation ? &lf->designation : NULL;
	template_set(f, "kenmerk", d->reference);
	set_date(f, "datum", lf->today, "");
	template_set(f, "organisatie", d->org.name);
	template_set(f, "adres", or_none(d->org.address, "[adres ontbreekt]"));
	template_set(f, "vertegenwoordiger", or_none(d->org.representative, "het bestuur"));
	template_set(f, "kvk", or_none(d->org.kvk, "[niet opgegeven]"));
	template_set(f, "rechtsvorm", or_none(d->org.legal_form, "[niet opgegeven]"));
	template_set(f, "website", or_none(d->org.website, "[niet opgegeven]"));
	template_set(f, "categorie", category_name(d->category));
	template_set(f, "status", dossier_status_name(d->status));
	template_set(f, "toetser", or_none(d->assessor, "[niet toegewezen]"));
	set_date(f, "datum_ontvangst", d->received_on, "[niet ontvangen]");
	template_set(f, "ondertekenaar",
		     or_none(lf->cfg ? lf->cfg->signatory : NULL, "het hoofd van het Nationaal Cyber Security Centrum"));
	struct strbuf t = STRBUF_INIT;
	if (lf->has_assessment) {
		const struct kader *k = lf->a.kader;
		strbuf_addf(&t, "%s %s", k->id, k->version);
		template_set(f, "kader", strbuf_str(&t));
		strbuf_reset(&t);
		legal_text(&k->legal, &t);
		template_set(f, "grondslag", strbuf_str(&t));
		strbuf_reset(&t);
	} else {
		template_set(f, "kader", "[geen toetsing]");
		template_set(f, "grondslag", "[geen toetsing]");
	}
	/* The decision's facts; "[...]" marks what it does not have. */
	char decided[DATE_LEN] = "";
	if (dec && dec->reviewed_at)
		timestamp_local_date(dec->reviewed_at, decided);
	set_date(f, "besluitdatum", decided[0] ? decided : NULL, "[nog niet goedgekeurd]");
	const struct decision *eff = dec && dec->kind == DECISION_AANWIJZEN ? dec : des;
	set_date(f, "ingangsdatum", eff ? eff->effective_on : NULL, "[bij goedkeuring]");
	set_date(f, "herbeoordeling", eff ? eff->reassess_on : NULL, "[bij goedkeuring]");
	set_date(f, "termijn", dec ? dec->term_until : NULL, "[geen termijn]");
	template_set(f, "reden", dec && dec->reason ? dec->reason : "");
	template_set(f, "voorgesteld_door", dec ? dec->proposed_by : "");
	template_set(f, "goedgekeurd_door", dec && dec->reviewed_by ? dec->reviewed_by : "[nog niet goedgekeurd]");
	strbuf_release(&t);

	enum toets_status st = procedure_values(s, lf, f, e);
	if (st != TOETS_OK)
		return st;

	if (lf->kind == LETTER_AANWIJZING || lf->kind == LETTER_AFWIJZING) {
		if (!lf->has_assessment)
			strbuf_addf(&lf->missing, "- %s\n", _("no assessment has been recorded"));
		if (lf->has_assessment)
			decision_missing(lf->a.kader, &lf->st, &lf->missing);
	}
	if (lf->kind == LETTER_AANVULLING && (!dec || !dec->term_until))
		strbuf_addf(&lf->missing, "- %s\n", _("the decision gives no term for the aanvulling"));
	template_set_block(f, "motivering", motivering_block(lf, false));
	template_set_block(f, "oordelen", verdicts_block(lf));
	template_set_block(f, "niet_voldaan", motivering_block(lf, true));
	template_set_block(f, "open_vragen", open_questions_block(lf));
	return record_blocks(s, lf, f, e);
}
