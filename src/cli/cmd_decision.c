/* cmd_decision.c - toets decision propose | approve | return | show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "toets/decision.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/settings.h"
#include "toets/utf8.h"

static void usage(FILE *out)
{
	fputs(_("Usage: toets decision propose REFERENCE [KIND] [--reason TEXT]\n"
		"                              [--effective DATE] [--reassess DATE] [--term DATE]\n"
		"       toets decision approve REFERENCE [--note TEXT]\n"
		"       toets decision return REFERENCE --reason TEXT\n"
		"       toets decision show REFERENCE\n"
		"\n"
		"KIND: aanwijzen, afwijzen, aanvulling or intrekken. Without KIND toets\n"
		"proposes what the verdicts of the mandatory criteria say; another kind, and\n"
		"every withdrawal, needs a reason. Another OS account than the proposer (and\n"
		"than anyone who overrode a verdict) approves or returns the proposal;\n"
		"approval of a besluit locks the assessment.\n"), out);
}

static void print_decision(const struct decision *d)
{
	struct strbuf out = STRBUF_INIT, line = STRBUF_INIT;
	strbuf_addf(&line, _("decision: %s (%s)"), decision_kind_name(d->kind), decision_state_name(d->state));
	utf8_wrap(&out, strbuf_str(&line), 78, "", "  ");
	strbuf_reset(&line);
	strbuf_addf(&line, _("proposed by %s at %s"), d->proposed_by, d->proposed_at);
	utf8_wrap(&out, strbuf_str(&line), 78, "  ", "    ");
	if (d->kind != d->suggested) {
		strbuf_reset(&line);
		strbuf_addf(&line, _("the verdicts suggested: %s"), decision_kind_name(d->suggested));
		utf8_wrap(&out, strbuf_str(&line), 78, "  ", "    ");
	}
	if (d->reason) {
		strbuf_reset(&line);
		strbuf_addf(&line, _("reason: %s"), d->reason);
		utf8_wrap(&out, strbuf_str(&line), 78, "  ", "    ");
	}
	if (d->term_until) {
		strbuf_reset(&line);
		strbuf_addf(&line, _("term: until %s"), d->term_until);
		utf8_wrap(&out, strbuf_str(&line), 78, "  ", "    ");
	}
	if (d->effective_on) {
		strbuf_reset(&line);
		strbuf_addf(&line, _("effective: %s; re-assessment: %s"), d->effective_on,
			    d->reassess_on ? d->reassess_on : _("when approved"));
		utf8_wrap(&out, strbuf_str(&line), 78, "  ", "    ");
	}
	if (d->reviewed_by) {
		strbuf_reset(&line);
		strbuf_addf(&line, d->state == DECISION_APPROVED ? _("approved by %s at %s")
								 : _("sent back by %s at %s"),
			    d->reviewed_by, d->reviewed_at);
		if (d->review_note)
			strbuf_addf(&line, ": %s", d->review_note);
		utf8_wrap(&out, strbuf_str(&line), 78, "  ", "    ");
	}
	fputs(strbuf_str(&out), stdout);
	strbuf_release(&out);
	strbuf_release(&line);
}

static int decision_propose_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "effective", required_argument, NULL, 'e' },
		{ "reassess", required_argument, NULL, 'a' },
		{ "term", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct decision_proposal in = { .kind = -1 };
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "decision")) != -1) {
		switch (opt) {
		case 'r': in.reason = optarg; break;
		case 'e': in.effective_on = optarg; break;
		case 'a': in.reassess_on = optarg; break;
		case 't': in.term_until = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	int n = argc - optind;
	if (n < 1 || n > 2)
		return cli_usage_error("decision", _("give a dossier reference and, if you like, the kind"));
	if (n == 2) {
		enum decision_kind k;
		if (!decision_kind_parse(argv[optind + 1], &k))
			return cli_usage_error("decision",
					       _("unknown kind '%s': aanwijzen, afwijzen, aanvulling or intrekken"),
					       argv[optind + 1]);
		in.kind = (int)k;
	}
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	struct decision d;
	if (decision_propose(s, argv[optind], &in, &d, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		print_decision(&d);
		decision_release(&d);
	}
	store_close(&s);
	return rc;
}

/* approve and return: the same shape, a different core call. */
static int review(int argc, char **argv, bool approve)
{
	static const struct option options[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *note = NULL, *reason = NULL;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "decision")) != -1) {
		switch (opt) {
		case 'n': note = optarg; break;
		case 'r': reason = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("decision", _("give one dossier reference"));
	if (approve && reason)
		return cli_usage_error("decision", _("approve takes --note, not --reason"));
	if (!approve && note)
		return cli_usage_error("decision", _("return takes --reason, not --note"));
	struct settings cfg;
	int rc = cli_load_settings(&cfg);
	if (rc != EXIT_OK)
		return rc;
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK) {
		settings_release(&cfg);
		return rc;
	}
	struct toets_error e = { 0 };
	struct decision d;
	enum toets_status st = approve ? decision_approve(s, argv[optind], note, cfg.reassess_years, &d, &e)
				       : decision_return(s, argv[optind], reason, &d, &e);
	if (st != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		print_decision(&d);
		decision_release(&d);
	}
	store_close(&s);
	settings_release(&cfg);
	return rc;
}

static int decision_approve_cmd(int argc, char **argv)
{
	return review(argc, argv, true);
}

static int decision_return_cmd(int argc, char **argv)
{
	return review(argc, argv, false);
}

static bool print_one(const struct decision *d, void *ctx)
{
	bool *first = ctx;
	if (!*first)
		putchar('\n');
	*first = false;
	print_decision(d);
	return true;
}

static int decision_show_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "decision")) != -1) {
		switch (opt) {
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("decision", _("give one dossier reference"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	char id[STORE_ID_LEN];
	bool first = true;
	if (dossier_lookup(s, argv[optind], id, &e) != TOETS_OK ||
	    decision_list(s, id, print_one, &first, &e) != TOETS_OK)
		rc = cli_fail(&e);
	else if (first)
		printf(_("dossier %s has no decision yet\n"), argv[optind]);
	store_close(&s);
	return rc;
}

int cmd_decision(int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "propose", decision_propose_cmd },
		{ "approve", decision_approve_cmd },
		{ "return", decision_return_cmd },
		{ "show", decision_show_cmd },
	};
	return cli_dispatch(argc, argv, subs, 4, "decision", usage);
}
