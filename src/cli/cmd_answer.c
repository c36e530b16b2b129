/* cmd_answer.c - toets answer set | show | verdict | reason | diff, and
 * toets reassess. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "toets/assess.h"
#include "toets/catalog.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/paths.h"
#include "toets/utf8.h"
#include "toets/validate.h"

static void usage(FILE *out)
{
	fputs(_("Usage: toets answer set REFERENCE QUESTION [VALUE...] [--note TEXT]\n"
		"                        [--evidence DOCUMENT[:LOCATION]]... [--kader ID|FILE]\n"
		"       toets answer set REFERENCE QUESTION --clear\n"
		"       toets answer show REFERENCE [--json] [--lang nl|en]\n"
		"       toets answer verdict REFERENCE CRITERION VERDICT --reason TEXT\n"
		"       toets answer verdict REFERENCE CRITERION --clear\n"
		"       toets answer reason REFERENCE CRITERION TEXT | --clear\n"
		"       toets answer diff REFERENCE\n"
		"       toets reassess REFERENCE [--kader ID|FILE]\n"
		"\n"
		"VALUE is a choice id (several for a multi question), a date, a number or a\n"
		"text. The first answer starts the assessment against the framework for the\n"
		"dossier's category (or --kader); it keeps that framework's text from then on.\n"
		"VERDICT: voldoet, \"voldoet niet\", \"nader onderzoek\" or \"niet beoordeeld\".\n"
		"A reason is the motivering of a criterion: what the decision letter says\n"
		"about it. Once a decision is approved the assessment is locked; 'toets\n"
		"reassess' starts a new one from its answers, and 'answer diff' shows what\n"
		"changed since.\n"), out);
}

/* The framework to start an assessment with: --kader (an id or a file),
 * else the one whose id is the category, else the first that applies. */
static int pick_framework(const char *kader_opt, enum category cat, struct catalog *catalog,
			  struct kader **owned, const struct kader **out)
{
	*out = NULL;
	if (kader_opt && (strchr(kader_opt, '/') || strstr(kader_opt, ".yaml"))) {
		struct diag_list dl;
		diag_init(&dl, kader_opt);
		enum toets_status st = kader_load_file(kader_opt, owned, &dl);
		cli_print_diags(&dl);
		diag_release(&dl);
		if (st != TOETS_OK)
			return cli_exit_for(st);
		*out = *owned;
	} else {
		struct path_list dirs;
		paths_forms_search(&dirs);
		catalog_scan(catalog, &dirs);
		path_list_release(&dirs);
		const char *id = kader_opt ? kader_opt : category_code(cat);
		const struct catalog_entry *e = NULL;
		/* Never past a broken file that may be the one meant. */
		if (catalog_lookup(catalog, id, &e) == TOETS_ERR_INVALID) {
			cli_print_diags(&e->diags);
			cli_error(_("framework '%s' on the search path does not load; fix it first"), id);
			return EXIT_DATAERR;
		}
		for (size_t i = 0; !e && !kader_opt && i < catalog->n; i++) {
			const struct catalog_entry *c = &catalog->items[i];
			if (c->kader && !c->shadowed && (c->kader->categories & CATEGORY_BIT(cat)))
				e = c;
		}
		if (!e) {
			cli_error(_("no framework '%s' on the search path (see 'toets kader list')"), id);
			return EXIT_NOINPUT;
		}
		*out = e->kader;
	}
	if (!((*out)->categories & CATEGORY_BIT(cat))) {
		cli_error(_("framework %s does not apply to category %s"), (*out)->id, category_code(cat));
		return EXIT_DATAERR;
	}
	return EXIT_OK;
}

/* The dossier's assessment, started on first use when `start` is set. */
static int open_assessment(struct store *s, const char *reference, const char *kader_opt, bool start,
			   struct assessment *a)
{
	struct toets_error e = { 0 };
	char dossier_id[STORE_ID_LEN];
	if (dossier_lookup(s, reference, dossier_id, &e) != TOETS_OK)
		return cli_fail(&e);
	enum toets_status st = assess_current(s, reference, a, &e);
	if (st == TOETS_OK)
		return EXIT_OK;
	if (st != TOETS_ERR_NOT_FOUND || !start) {
		/* The dossier exists: what is missing is its assessment. */
		if (st == TOETS_ERR_NOT_FOUND)
			cli_error(_("dossier %s has no assessment yet; 'toets answer set' starts one"), reference);
		else
			cli_error("%s", e.message);
		return cli_exit_for(st);
	}
	struct dossier d;
	if (dossier_get(s, reference, &d, &e) != TOETS_OK)
		return cli_fail(&e);
	struct catalog catalog = { 0 };
	struct kader *owned = NULL;
	const struct kader *k;
	int rc = pick_framework(kader_opt, d.category, &catalog, &owned, &k);
	if (rc == EXIT_OK && assess_start(s, reference, k, a, &e) != TOETS_OK)
		rc = cli_fail(&e);
	kader_free(&owned);
	catalog_release(&catalog);
	dossier_release(&d);
	return rc;
}

static int answer_set(int argc, char **argv)
{
	static const struct option options[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "evidence", required_argument, NULL, 'e' },
		{ "kader", required_argument, NULL, 'k' },
		{ "clear", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct answer_input in = { 0 };
	struct evidence_input *ev = NULL;
	char **ev_text = NULL;
	size_t cap = 0;
	const char *kader_opt = NULL;
	int opt, rc = EXIT_OK;
	while ((opt = cli_getopt(argc, argv, "h", options, "answer")) != -1) {
		switch (opt) {
		case 'n': in.note = optarg; break;
		case 'k': kader_opt = optarg; break;
		case 'c': in.clear = true; break;
		case 'e': {
			ev = xgrow(ev, &cap, in.n_evidence + 1, sizeof(*ev));
			ev_text = xrealloc(ev_text, cap * sizeof(*ev_text));
			char *t = ev_text[in.n_evidence] = xstrdup(optarg);
			char *colon = strchr(t, ':');
			if (colon)
				*colon = '\0';
			ev[in.n_evidence].document = t;
			ev[in.n_evidence].location = colon ? colon + 1 : NULL;
			in.n_evidence++;
			break;
		}
		case 'h': usage(stdout); rc = -1; break;
		default: rc = EXIT_USAGE; break;
		}
		if (rc != EXIT_OK)
			break;
	}
	if (rc == -1)
		rc = EXIT_OK;
	else if (rc == EXIT_OK && argc - optind < 2)
		rc = cli_usage_error("answer", _("give a reference, a question and the answer"));
	else if (rc == EXIT_OK && in.clear && (argc - optind > 2 || in.note || in.n_evidence))
		rc = cli_usage_error("answer", _("--clear takes no answer, note or evidence"));
	else if (rc == EXIT_OK) {
		in.question_id = argv[optind + 1];
		in.values = (const char *const *)argv + optind + 2;
		in.n_values = (size_t)(argc - optind - 2);
		in.evidence = ev;
		struct store *s;
		if ((rc = cli_open_store(&s)) == EXIT_OK) {
			struct assessment a;
			struct toets_error e = { 0 };
			if ((rc = open_assessment(s, argv[optind], kader_opt, !in.clear, &a)) == EXIT_OK) {
				if (assess_answer(s, &a, &in, &e) != TOETS_OK)
					rc = cli_fail(&e);
				assess_release(&a);
			}
			store_close(&s);
		}
	}
	for (size_t i = 0; i < in.n_evidence; i++)
		free(ev_text[i]);
	free(ev_text);
	free(ev);
	return rc;
}

/* ---- show --------------------------------------------------------------------------- */

static void print_answer(const struct kader_question *q, const struct stored_answer *ans,
			 enum kader_lang lang)
{
	struct strbuf line = STRBUF_INIT, out = STRBUF_INIT;
	if (ans->n_choices) {
		for (size_t i = 0; i < ans->n_choices; i++) {
			const struct kader_choice *ch = kader_find_choice(q, ans->choices[i]);
			strbuf_addf(&line, "%s%s", i ? "; " : "", ans->choices[i]);
			if (ch)
				strbuf_addf(&line, " (%s)", kader_text(&ch->label, lang));
		}
	} else if (ans->value) {
		strbuf_adds(&line, ans->value);
	}
	strbuf_addf(&line, "  [%s, %s]", ans->account, ans->at);
	utf8_wrap(&out, strbuf_str(&line), 78, "       = ", "         ");
	if (ans->note) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s: %s", _("note"), ans->note);
		utf8_wrap(&out, strbuf_str(&line), 78, "         ", "           ");
	}
	for (size_t i = 0; i < ans->n_evidence; i++) {
		const struct stored_evidence *ev = &ans->evidence[i];
		strbuf_reset(&line);
		strbuf_addf(&line, "%s: %.8s %s", _("evidence"), ev->document_id, ev->document_title);
		if (ev->location && *ev->location)
			strbuf_addf(&line, " (%s)", ev->location);
		utf8_wrap(&out, strbuf_str(&line), 78, "         ", "           ");
	}
	fputs(strbuf_str(&out), stdout);
	strbuf_release(&line);
	strbuf_release(&out);
}

static void json_answer(struct json *j, const struct stored_answer *ans)
{
	json_object_begin(j);
	json_key(j, "choices");
	json_array_begin(j);
	for (size_t i = 0; i < ans->n_choices; i++)
		json_string(j, ans->choices[i]);
	json_array_end(j);
	json_field(j, "value", ans->value);
	json_field(j, "note", ans->note);
	json_field(j, "account", ans->account);
	json_field(j, "at", ans->at);
	json_key(j, "evidence");
	json_array_begin(j);
	for (size_t i = 0; i < ans->n_evidence; i++) {
		json_object_begin(j);
		json_field(j, "document", ans->evidence[i].document_id);
		json_field(j, "title", ans->evidence[i].document_title);
		json_field(j, "location", ans->evidence[i].location);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

static void show_text(const struct dossier *d, const struct assessment *a,
		      const struct assessment_state *st, enum kader_lang lang)
{
	const struct kader *k = a->kader;
	struct strbuf out = STRBUF_INIT, line = STRBUF_INIT;
	strbuf_addf(&line, "%s  %s", d->reference, d->org.name);
	utf8_wrap(&out, strbuf_str(&line), 78, "", "  ");
	strbuf_reset(&line);
	strbuf_addf(&line, _("framework: %s %s (sha256 %.12s), started %s by %s"), k->id, k->version,
		    k->sha256_hex, a->created_at, a->created_by);
	if (a->previous_id[0])
		strbuf_addf(&line, _(", a re-assessment"));
	if (a->locked_at)
		strbuf_addf(&line, _("; locked since %s"), a->locked_at);
	utf8_wrap(&out, strbuf_str(&line), 78, "", "  ");
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		struct verdict_progress p;
		bool overridden;
		enum verdict v = assess_verdict(st, c, &p, &overridden);
		strbuf_reset(&line);
		strbuf_addf(&line, "%zu. %s [%s]%s", i + 1, kader_text(&c->title, lang), c->id,
			    c->mandatory ? _(" - mandatory") : "");
		strbuf_addc(&out, '\n');
		utf8_wrap(&out, strbuf_str(&line), 78, "", "   ");
		strbuf_reset(&line);
		if (overridden) {
			const struct stored_override *o = assess_find_override(st, c->id);
			strbuf_addf(&line, _("verdict: %s (set by %s: %s; computed: %s)"), verdict_name(v),
				    o->account, o->reason, verdict_name(verdict_compute(c, &st->answer_view, NULL)));
		} else {
			strbuf_addf(&line, _("verdict: %s (computed; %zu of %zu required answered)"),
				    verdict_name(v), p.required_answered, p.required);
		}
		utf8_wrap(&out, strbuf_str(&line), 78, "   ", "     ");
		const struct stored_reason *why = assess_find_reason(st, c->id);
		if (why) {
			strbuf_reset(&line);
			strbuf_addf(&line, _("motivering (%s): %s"), why->account, why->reason);
			utf8_wrap(&out, strbuf_str(&line), 78, "   ", "     ");
		}
		for (size_t j = 0; j < c->n_questions; j++) {
			const struct kader_question *q = &c->questions[j];
			bool shown = verdict_question_shown(q, &st->answer_view);
			const struct stored_answer *ans = assess_find_answer(st, q->id);
			strbuf_reset(&line);
			strbuf_addf(&line, "%zu.%zu [%s] %s", i + 1, j + 1, q->id, kader_text(&q->text, lang));
			if (!shown)
				strbuf_addf(&line, " (%s)", _("not shown: its condition does not hold"));
			else if (!ans && q->required)
				strbuf_addf(&line, " (%s)", _("open, required"));
			else if (!ans)
				strbuf_addf(&line, " (%s)", _("open"));
			utf8_wrap(&out, strbuf_str(&line), 78, "   ", "       ");
			if (ans) {
				fputs(strbuf_str(&out), stdout);
				strbuf_reset(&out);
				print_answer(q, ans, lang);
			}
		}
	}
	fputs(strbuf_str(&out), stdout);
	strbuf_release(&out);
	strbuf_release(&line);
}

static void show_json(const struct dossier *d, const struct assessment *a,
		      const struct assessment_state *st)
{
	const struct kader *k = a->kader;
	struct json j;
	json_init(&j, stdout);
	json_object_begin(&j);
	json_field(&j, "reference", d->reference);
	json_field(&j, "assessment", a->id);
	json_key(&j, "kader");
	json_object_begin(&j);
	json_field(&j, "id", k->id);
	json_field(&j, "version", k->version);
	json_field(&j, "sha256", k->sha256_hex);
	json_object_end(&j);
	json_field(&j, "started_by", a->created_by);
	json_field(&j, "started_at", a->created_at);
	json_key(&j, "criteria");
	json_array_begin(&j);
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		struct verdict_progress p;
		bool overridden;
		enum verdict v = assess_verdict(st, c, &p, &overridden);
		json_object_begin(&j);
		json_field(&j, "id", c->id);
		json_key(&j, "mandatory");
		json_bool(&j, c->mandatory);
		json_field(&j, "verdict", verdict_name(v));
		json_field(&j, "computed", verdict_name(verdict_compute(c, &st->answer_view, NULL)));
		json_key(&j, "override");
		if (overridden) {
			const struct stored_override *o = assess_find_override(st, c->id);
			json_object_begin(&j);
			json_field(&j, "reason", o->reason);
			json_field(&j, "account", o->account);
			json_field(&j, "at", o->at);
			json_object_end(&j);
		} else {
			json_string(&j, NULL);
		}
		json_key(&j, "required");
		json_int(&j, (int64_t)p.required);
		json_key(&j, "required_answered");
		json_int(&j, (int64_t)p.required_answered);
		json_key(&j, "questions");
		json_array_begin(&j);
		for (size_t q = 0; q < c->n_questions; q++) {
			const struct kader_question *qn = &c->questions[q];
			const struct stored_answer *ans = assess_find_answer(st, qn->id);
			json_object_begin(&j);
			json_field(&j, "id", qn->id);
			json_key(&j, "shown");
			json_bool(&j, verdict_question_shown(qn, &st->answer_view));
			json_key(&j, "answer");
			if (ans)
				json_answer(&j, ans);
			else
				json_string(&j, NULL);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
}

static int answer_show(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	enum kader_lang lang = cli_lang();
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "answer")) != -1) {
		switch (opt) {
		case 'j': json = true; break;
		case 'l':
			if (strcmp(optarg, "nl") && strcmp(optarg, "en"))
				return cli_usage_error("answer", _("--lang takes nl or en, not '%s'"), optarg);
			lang = strcmp(optarg, "nl") == 0 ? KADER_NL : KADER_EN;
			break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("answer", _("give one dossier reference"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	struct dossier d;
	struct assessment a;
	struct assessment_state st;
	if (dossier_get(s, argv[optind], &d, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		if ((rc = open_assessment(s, argv[optind], NULL, false, &a)) == EXIT_OK) {
			if (assess_load(s, &a, &st, &e) != TOETS_OK) {
				rc = cli_fail(&e);
			} else {
				if (json)
					show_json(&d, &a, &st);
				else
					show_text(&d, &a, &st, lang);
				assess_state_release(&st);
			}
			assess_release(&a);
		}
		dossier_release(&d);
	}
	store_close(&s);
	return rc;
}

static int answer_verdict(int argc, char **argv)
{
	static const struct option options[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "clear", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reason = NULL;
	bool clear = false;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "answer")) != -1) {
		switch (opt) {
		case 'r': reason = optarg; break;
		case 'c': clear = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	int n = argc - optind;
	enum verdict v = VERDICT_COUNT;
	if (clear && n != 2)
		return cli_usage_error("answer", _("give a reference and a criterion to clear"));
	if (!clear && n != 3)
		return cli_usage_error("answer", _("give a reference, a criterion and the verdict"));
	if (!clear && !verdict_parse(argv[optind + 2], &v))
		return cli_usage_error("answer", _("unknown verdict '%s': voldoet, \"voldoet niet\", "
						   "\"nader onderzoek\" or \"niet beoordeeld\""),
				       argv[optind + 2]);
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct assessment a;
	struct toets_error e = { 0 };
	if ((rc = open_assessment(s, argv[optind], NULL, false, &a)) == EXIT_OK) {
		if (assess_override(s, &a, argv[optind + 1], (int)v, reason, &e) != TOETS_OK)
			rc = cli_fail(&e);
		assess_release(&a);
	}
	store_close(&s);
	return rc;
}


static int answer_reason(int argc, char **argv)
{
	static const struct option options[] = {
		{ "clear", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool clear = false;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "answer")) != -1) {
		switch (opt) {
		case 'c': clear = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	int n = argc - optind;
	if (clear && n != 2)
		return cli_usage_error("answer", _("give a reference and a criterion to clear"));
	if (!clear && n != 3)
		return cli_usage_error("answer", _("give a reference, a criterion and the motivering"));
	if (!clear && validate_blank(argv[optind + 2]))
		return cli_usage_error("answer", _("the motivering is empty (use --clear to remove it)"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct assessment a;
	struct toets_error e = { 0 };
	if ((rc = open_assessment(s, argv[optind], NULL, false, &a)) == EXIT_OK) {
		if (assess_reason(s, &a, argv[optind + 1], clear ? NULL : argv[optind + 2], &e) != TOETS_OK)
			rc = cli_fail(&e);
		assess_release(&a);
	}
	store_close(&s);
	return rc;
}

static void print_change(const struct assess_change *c, void *ctx)
{
	size_t *n = ctx;
	struct strbuf out = STRBUF_INIT, line = STRBUF_INIT;
	const char *mark = c->kind == ASSESS_ADDED ? "+" : c->kind == ASSESS_REMOVED ? "-" : "~";
	if (c->question_id)
		strbuf_addf(&line, "%s %s: ", mark, c->question_id);
	else
		strbuf_addf(&line, _("%s criterion %s: "), mark, c->criterion_id);
	strbuf_addf(&line, "%s → %s", c->before ? c->before : _("(none)"), c->after ? c->after : _("(none)"));
	utf8_wrap(&out, strbuf_str(&line), 78, "", "    ");
	fputs(strbuf_str(&out), stdout);
	strbuf_release(&out);
	strbuf_release(&line);
	(*n)++;
}

static int answer_diff(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "answer")) != -1) {
		switch (opt) {
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("answer", _("give one dossier reference"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct assessment a, prev;
	struct assessment_state st, prev_st;
	struct toets_error e = { 0 };
	if ((rc = open_assessment(s, argv[optind], NULL, false, &a)) != EXIT_OK) {
		store_close(&s);
		return rc;
	}
	if (assess_previous(s, &a, &prev, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		if (assess_load(s, &a, &st, &e) != TOETS_OK) {
			rc = cli_fail(&e);
		} else {
			if (assess_load(s, &prev, &prev_st, &e) != TOETS_OK) {
				rc = cli_fail(&e);
			} else {
				size_t n = 0;
				printf(_("%s: changes since the assessment of %s (%s %s)\n"), argv[optind],
				       prev.created_at, prev.kader->id, prev.kader->version);
				assess_diff(prev.kader, &prev_st, a.kader, &st, print_change, &n);
				if (!n)
					puts(_("no changes"));
				assess_state_release(&prev_st);
			}
			assess_state_release(&st);
		}
		assess_release(&prev);
	}
	assess_release(&a);
	store_close(&s);
	return rc;
}

int cmd_reassess(int argc, char **argv)
{
	static const struct option options[] = {
		{ "kader", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kader_opt = NULL;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "reassess")) != -1) {
		switch (opt) {
		case 'k': kader_opt = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("reassess", _("give one dossier reference"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	struct dossier d;
	struct catalog catalog = { 0 };
	struct kader *owned = NULL;
	const struct kader *k = NULL;
	if (dossier_get(s, argv[optind], &d, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		if (kader_opt)
			rc = pick_framework(kader_opt, d.category, &catalog, &owned, &k);
		struct assessment a;
		size_t dropped = 0;
		if (rc == EXIT_OK) {
			if (assess_reassess(s, argv[optind], k, &a, &dropped, &e) != TOETS_OK) {
				rc = cli_fail(&e);
			} else {
				printf(_("%s: re-assessment started against %s %s from the previous answers\n"),
				       argv[optind], a.kader->id, a.kader->version);
				if (dropped)
					printf(ngettext("%zu answer did not fit the framework and was left out\n",
							"%zu answers did not fit the framework and were left out\n",
							dropped),
					       dropped);
				assess_release(&a);
			}
		}
		dossier_release(&d);
	}
	kader_free(&owned);
	catalog_release(&catalog);
	store_close(&s);
	return rc;
}

int cmd_answer(int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "set", answer_set },	     { "show", answer_show }, { "verdict", answer_verdict },
		{ "reason", answer_reason }, { "diff", answer_diff },
	};
	return cli_dispatch(argc, argv, subs, 5, "answer", usage);
}
