/* cmd_clock.c - toets clock (show | delay | aanvulling | resume | drop),
 * toets due and toets aansluiting: the procedure clock of a dossier, what
 * is near or past a deadline, and the connection after designation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "toets/calendar.h"
#include "toets/clock.h"
#include "toets/clock_words.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/procedure.h"
#include "toets/settings.h"
#include "toets/utf8.h"
#include "toets/validate.h"
#include "toets/xalloc.h"

static void clock_usage(FILE *out)
{
	fputs(_("Usage: toets clock [show] REFERENCE [--as-of DATE] [--json]\n"
		"       toets clock delay REFERENCE --from DATE --until DATE --reason TEXT\n"
		"       toets clock aanvulling REFERENCE --on DATE [--term DATE] [--reason TEXT]\n"
		"       toets clock resume REFERENCE [NUMBER] [--on DATE]\n"
		"       toets clock drop REFERENCE NUMBER --reason TEXT\n"
		"\n"
		"The legal clock of an application: received, complete, the suspensions and\n"
		"the decision; days on the clock, the legal deadline (8 weeks after receipt,\n"
		"plus the suspended days, moved to a working day by the Atw) and the\n"
		"service target (working days after completeness: 'set service-days').\n"
		"A suspension runs from the day after its start until the day the term runs\n"
		"again. 'delay': a delay the applicant agreed to on --from, whose last day is\n"
		"--until. 'aanvulling': a supplement asked outside toets (the verzoek om\n"
		"aanvulling letter records its own). 'resume': the supplement came in on\n"
		"--on (default today); with NUMBER, the end of that suspension is set or\n"
		"corrected. 'drop' removes a suspension recorded by mistake. The dates of\n"
		"receipt and completeness: 'toets dossier set REFERENCE received_on=DATE\n"
		"complete_on=DATE'. --as-of shows the clock as it stands on DATE.\n"), out);
}

static void due_usage(FILE *out)
{
	fputs(_("Usage: toets due [--days N] [--as-of DATE] [--json]\n"
		"\n"
		"What needs attention, most urgent first, one line each: open applications\n"
		"past or near their legal deadline or service target, open aanvullingen\n"
		"whose term ends or has lapsed, and designations whose re-assessment is\n"
		"overdue or near. Near is within the 'near-days' setting (default 7) for\n"
		"the clock and within 90 days for re-assessments; --days N sets both.\n"), out);
}

static void aansluiting_usage(FILE *out)
{
	fputs(_("Usage: toets aansluiting REFERENCE [--json]\n"
		"       toets aansluiting REFERENCE [--leidraad DATE --leidraad-by NAME] [--ndn DATE]\n"
		"\n"
		"After designation: the leidraad voor samenwerking accepted (the date, and who\n"
		"accepted it for the partner), the connection to the National Detection\n"
		"Network, and the operational contacts ('toets contact add REFERENCE\n"
		"--operational'). Without options it shows them; an empty value clears one.\n"), out);
}

/* ---- words ------------------------------------------------------------------------ */

static const char *state_code(enum clock_term_state s)
{
	static const char *const codes[] = { "none", "running", "near", "past", "suspended", "met", "missed" };
	return (unsigned)s < sizeof(codes) / sizeof(codes[0]) ? codes[s] : "?";
}


#define LABEL_WIDTH 20 /* "days on the clock: " and a blank */

/* "label:" padded to a column, then the value, wrapped under itself. */
static void line(const char *label, const char *value)
{
	struct strbuf head = STRBUF_INIT, out = STRBUF_INIT;
	size_t w = utf8_width(label, strlen(label)) + 1;
	strbuf_addf(&head, "%s:", label);
	for (; w < LABEL_WIDTH; w++)
		strbuf_addc(&head, ' ');
	utf8_wrap(&out, value && *value ? value : "-", 78, strbuf_str(&head), "                    ");
	fputs(strbuf_str(&out), stdout);
	strbuf_release(&head);
	strbuf_release(&out);
}

static const char *clean(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	if (s)
		utf8_sanitize(sb, s, strlen(s));
	return strbuf_str(sb);
}

static int parse_number(const char *text, const char *command, int *out)
{
	char *end;
	long v = strtol(text, &end, 10);
	if (end == text || *end || v < 1 || v > 100000)
		return cli_usage_error(command, _("'%s' is not a suspension's number (1, 2, ...)"), text);
	*out = (int)v;
	return EXIT_OK;
}

static int check_as_of(const char *date, const char *command)
{
	if (date && !date_valid(date))
		return cli_usage_error(command, _("--as-of takes a date (YYYY-MM-DD), not '%s'"), date);
	return EXIT_OK;
}

/* ---- toets clock [show] ------------------------------------------------------------- */

/* "2026-05-11 (Monday)", or nothing without a date. */
static void dated(struct strbuf *out, const char *date)
{
	if (date[0])
		strbuf_addf(out, "%s (%s): ", date, clock_weekday_name(date));
}

/* `clock_ok`: the clock could be told (else the error says why). */
static void show_text(const struct procedure *p, const struct clock_result *r, const struct clock_settings *cs,
		      const char *today, bool clock_ok)
{
	struct strbuf sb = STRBUF_INIT, t = STRBUF_INIT;
	printf("%s  %s (%s)\n", p->reference, clean(&t, p->organisation), dossier_status_name(p->status));
	line(_("received"), p->received_on);
	line(_("complete"), p->complete_on);
	strbuf_reset(&sb);
	if (p->decided_on[0])
		strbuf_addf(&sb, "%s (%s)", p->decided_on, p->decided_how);
	line(_("decided"), strbuf_str(&sb));
	if (p->n_suspensions) {
		printf("%s:\n", _("suspensions"));
		for (size_t i = 0; i < p->n_suspensions; i++) {
			const struct suspension *x = &p->suspensions[i];
			strbuf_reset(&sb);
			char head[16];
			snprintf(head, sizeof(head), "  %d. ", x->number);
			clock_suspension_words(&sb, p, x, today);
			struct strbuf out = STRBUF_INIT;
			utf8_wrap(&out, strbuf_str(&sb), 78, head, "     ");
			if (x->letter_dated[0]) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, _("(verzoek om aanvulling of %s)"), x->letter_dated);
				utf8_wrap(&out, strbuf_str(&sb), 78, "     ", "     ");
			}
			if (x->reason) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, _("reason: %s"), clean(&t, x->reason));
				utf8_wrap(&out, strbuf_str(&sb), 78, "     ", "       ");
			}
			fputs(strbuf_str(&out), stdout);
			strbuf_release(&out);
		}
	}
	if (!p->received_on[0]) {
		line(_("clock"), _("not started: the date of receipt is missing"));
		goto done;
	}
	if (!clock_ok)
		goto done;
	strbuf_reset(&sb);
	strbuf_addf(&sb, _("%d of %d"), r->days, cs->legal_term_days);
	if (r->suspended_days)
		strbuf_addf(&sb, ngettext(" (%d day suspended)", " (%d days suspended)", (unsigned long)r->suspended_days),
			    r->suspended_days);
	if (r->suspended)
		strbuf_addf(&sb, _("; stands still today"));
	line(_("days on the clock"), strbuf_str(&sb));

	strbuf_reset(&sb);
	dated(&sb, r->legal.deadline);
	clock_term_words(&sb, &r->legal);
	line(_("legal deadline"), strbuf_str(&sb));
	if (r->legal.deadline[0] && strcmp(r->legal_unextended, r->legal.deadline) != 0) {
		const char *holiday = NULL;
		calendar_is_holiday(r->legal_unextended, &cs->extra, &holiday);
		strbuf_reset(&sb);
		strbuf_addf(&sb, _("Atw art. 1: the term ends on %s (%s, %s), so on the next working day"),
			    r->legal_unextended, clock_weekday_name(r->legal_unextended),
			    holiday ? holiday : _("weekend"));
		struct strbuf out = STRBUF_INIT;
		utf8_wrap(&out, strbuf_str(&sb), 78, "                    ", "                    ");
		fputs(strbuf_str(&out), stdout);
		strbuf_release(&out);
	}
	strbuf_reset(&sb);
	dated(&sb, r->target.deadline);
	clock_term_words(&sb, &r->target);
	strbuf_addf(&sb, ngettext(" (%d working day after completeness)", " (%d working days after completeness)",
				  (unsigned long)cs->target_working_days),
		    cs->target_working_days);
	line(_("service target"), strbuf_str(&sb));
done:
	strbuf_release(&sb);
	strbuf_release(&t);
}

static void json_term(struct json *j, const char *key, const struct clock_term *t, const char *unextended)
{
	json_key(j, key);
	json_object_begin(j);
	json_field(j, "deadline", t->deadline[0] ? t->deadline : NULL);
	if (unextended)
		json_field(j, "unextended", unextended[0] ? unextended : NULL);
	json_key(j, "left");
	json_int(j, t->left);
	json_key(j, "remaining");
	json_int(j, t->remaining);
	json_field(j, "state", state_code(t->state));
	json_object_end(j);
}

static void show_json(const struct procedure *p, const struct clock_result *r, const struct clock_settings *cs,
		      const char *today, bool started)
{
	struct json j;
	json_init(&j, stdout);
	json_object_begin(&j);
	json_field(&j, "reference", p->reference);
	json_field(&j, "status", dossier_status_code(p->status));
	json_field(&j, "as_of", today);
	json_field(&j, "received_on", p->received_on[0] ? p->received_on : NULL);
	json_field(&j, "complete_on", p->complete_on[0] ? p->complete_on : NULL);
	json_field(&j, "decided_on", p->decided_on[0] ? p->decided_on : NULL);
	json_field(&j, "decided_how", p->decided_how[0] ? p->decided_how : NULL);
	json_key(&j, "suspensions");
	json_array_begin(&j);
	for (size_t i = 0; i < p->n_suspensions; i++) {
		const struct suspension *x = &p->suspensions[i];
		char end[DATE_LEN];
		bool lapsed = procedure_effective_end(p, x, today, end);
		json_object_begin(&j);
		json_key(&j, "number");
		json_int(&j, x->number);
		json_field(&j, "kind", suspension_kind_code(x->kind));
		json_field(&j, "start_on", x->start_on);
		json_field(&j, "end_on", x->end_on[0] ? x->end_on : NULL);
		json_field(&j, "term_until", x->term_until[0] ? x->term_until : NULL);
		json_field(&j, "effective_end", end[0] ? end : NULL);
		json_key(&j, "lapsed");
		json_bool(&j, lapsed);
		json_field(&j, "letter_dated", x->letter_dated[0] ? x->letter_dated : NULL);
		json_field(&j, "reason", x->reason);
		json_field(&j, "account", x->account);
		json_field(&j, "at", x->at);
		json_object_end(&j);
	}
	json_array_end(&j);
	if (started) {
		json_key(&j, "days");
		json_int(&j, r->days);
		json_key(&j, "suspended_days");
		json_int(&j, r->suspended_days);
		json_key(&j, "suspended");
		json_bool(&j, r->suspended);
		json_term(&j, "legal", &r->legal, r->legal_unextended);
		json_term(&j, "target", &r->target, NULL);
		json_key(&j, "target_working_days");
		json_int(&j, cs->target_working_days);
	}
	json_object_end(&j);
	json_finish(&j);
}

static int clock_show(int argc, char **argv)
{
	static const struct option options[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *as_of = NULL;
	bool json = false;
	int opt, rc;
	while ((opt = cli_getopt(argc, argv, "h", options, "clock")) != -1) {
		switch (opt) {
		case 'a': as_of = optarg; break;
		case 'j': json = true; break;
		case 'h': clock_usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("clock", _("give one dossier reference"));
	if ((rc = check_as_of(as_of, "clock")) != EXIT_OK)
		return rc;
	struct settings cfg;
	cli_load_settings(&cfg);
	struct clock_settings cs;
	procedure_clock_settings(&cfg, &cs);
	settings_release(&cfg);
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	char today[DATE_LEN];
	if (as_of)
		snprintf(today, sizeof(today), "%s", as_of);
	else
		date_today(today);
	struct toets_error e = { 0 };
	struct procedure p;
	if (procedure_load(s, argv[optind], &p, &e) != TOETS_OK) {
		rc = cli_fail(&e);
		store_close(&s);
		return rc;
	}
	struct clock_result r;
	bool started = p.received_on[0] != '\0';
	if (started && procedure_clock(&p, today, &cs, &r, &e) != TOETS_OK) {
		/* The events as they are, and what does not fit. */
		started = false;
		rc = cli_fail(&e);
	}
	if (json)
		show_json(&p, &r, &cs, today, started);
	else
		show_text(&p, &r, &cs, today, started);
	procedure_release(&p);
	store_close(&s);
	return rc;
}

/* ---- changes --------------------------------------------------------------------------- */

/* After a change: the legal deadline as it stands now. */
static void report_deadline(struct store *s, const char *reference)
{
	struct settings cfg;
	cli_load_settings(&cfg);
	struct clock_settings cs;
	procedure_clock_settings(&cfg, &cs);
	settings_release(&cfg);
	char today[DATE_LEN];
	date_today(today);
	struct procedure p;
	struct clock_result r;
	struct toets_error e = { 0 };
	if (procedure_load(s, reference, &p, &e) != TOETS_OK)
		return;
	/* Only the date: how far off it is depends on the day it is read. */
	if (p.received_on[0] && !p.decided_on[0] && procedure_clock(&p, today, &cs, &r, &e) == TOETS_OK) {
		if (r.legal.deadline[0])
			printf(_("%s: the legal deadline is now %s (%s)\n"), p.reference, r.legal.deadline,
			       clock_weekday_name(r.legal.deadline));
		else
			printf(_("%s: the clock stands still; the legal deadline is known when it runs again\n"),
			       p.reference);
	}
	procedure_release(&p);
}

static int clock_add(int argc, char **argv, enum suspension_kind kind)
{
	static const struct option options[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "until", required_argument, NULL, 'u' },
		{ "on", required_argument, NULL, 'o' },
		{ "term", required_argument, NULL, 't' },
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct procedure_suspension_new in = { .kind = kind };
	const char *from = NULL, *on = NULL;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "clock")) != -1) {
		switch (opt) {
		case 'f': from = optarg; break;
		case 'u': in.until = optarg; break;
		case 'o': on = optarg; break;
		case 't': in.term_until = optarg; break;
		case 'r': in.reason = optarg; break;
		case 'h': clock_usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("clock", _("give one dossier reference"));
	if (kind == SUSPENSION_UITSTEL) {
		if (on || in.term_until)
			return cli_usage_error("clock", _("a delay takes --from, --until and --reason"));
		if (!from || !in.until || !in.reason)
			return cli_usage_error("clock", _("a delay needs --from DATE (the day the applicant agreed), "
							  "--until DATE (its last day) and --reason TEXT"));
		in.start_on = from;
	} else {
		if (from || in.until)
			return cli_usage_error("clock", _("an aanvulling takes --on, --term and --reason"));
		if (!on)
			return cli_usage_error("clock", _("an aanvulling needs --on DATE (the day it was asked)"));
		in.start_on = on;
	}
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	int number = 0;
	if (procedure_add(s, argv[optind], &in, &number, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		printf(_("%s: suspension %d (%s) recorded\n"), argv[optind], number, suspension_kind_code(kind));
		report_deadline(s, argv[optind]);
	}
	store_close(&s);
	return rc;
}

static int clock_delay(int argc, char **argv)
{
	return clock_add(argc, argv, SUSPENSION_UITSTEL);
}

static int clock_aanvulling(int argc, char **argv)
{
	return clock_add(argc, argv, SUSPENSION_AANVULLING);
}

static int clock_resume(int argc, char **argv)
{
	static const struct option options[] = {
		{ "on", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *on = NULL;
	int opt, rc, number = 0;
	while ((opt = cli_getopt(argc, argv, "h", options, "clock")) != -1) {
		switch (opt) {
		case 'o': on = optarg; break;
		case 'h': clock_usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	int n = argc - optind;
	if (n < 1 || n > 2)
		return cli_usage_error("clock", _("give a dossier reference and, if you like, a suspension's number"));
	if (n == 2 && (rc = parse_number(argv[optind + 1], "clock", &number)) != EXIT_OK)
		return rc;
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	int ended = 0;
	if (procedure_resume(s, argv[optind], number, on, &ended, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		printf(ngettext("%s: %d suspension ended\n", "%s: %d suspensions ended\n", (unsigned long)ended),
		       argv[optind], ended);
		report_deadline(s, argv[optind]);
	}
	store_close(&s);
	return rc;
}

static int clock_drop(int argc, char **argv)
{
	static const struct option options[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reason = NULL;
	int opt, rc, number = 0;
	while ((opt = cli_getopt(argc, argv, "h", options, "clock")) != -1) {
		switch (opt) {
		case 'r': reason = optarg; break;
		case 'h': clock_usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("clock", _("give a dossier reference and a suspension's number"));
	if ((rc = parse_number(argv[optind + 1], "clock", &number)) != EXIT_OK)
		return rc;
	if (!reason)
		return cli_usage_error("clock", _("removing a suspension needs --reason TEXT"));
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	if (procedure_drop(s, argv[optind], number, reason, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		printf(_("%s: suspension %d removed\n"), argv[optind], number);
		report_deadline(s, argv[optind]);
	}
	store_close(&s);
	return rc;
}

int cmd_clock(int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "show", clock_show },
		{ "delay", clock_delay },
		{ "aanvulling", clock_aanvulling },
		{ "resume", clock_resume },
		{ "drop", clock_drop },
	};
	/* 'toets clock REFERENCE': show is the default. */
	if (argc >= 2 && argv[1][0] != '-') {
		for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
			if (strcmp(argv[1], subs[i].name) == 0)
				return subs[i].run(argc - 1, argv + 1);
		return clock_show(argc, argv);
	}
	if (argc >= 2 && strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "-h") != 0)
		return clock_show(argc, argv);
	return cli_dispatch(argc, argv, subs, sizeof(subs) / sizeof(subs[0]), "clock", clock_usage);
}

/* ---- toets due ------------------------------------------------------------------------------ */

static const char *due_kind_words(enum due_kind k)
{
	switch (k) {
	case DUE_LEGAL: return _("legal term");
	case DUE_TERM: return _("aanvulling term");
	case DUE_TARGET: return _("service target");
	case DUE_REASSESS: return _("re-assessment");
	default: return "?";
	}
}

/* Text padded to `width` display columns. */
static void pad(struct strbuf *out, const char *text, size_t width)
{
	strbuf_adds(out, text);
	for (size_t w = utf8_width(text, strlen(text)); w < width; w++)
		strbuf_addc(out, ' ');
	strbuf_addc(out, ' ');
}

static void due_text(const struct due_list *l)
{
	const char *kinds[DUE_KIND_COUNT];
	size_t kind_w = utf8_width(_("WHAT"), strlen(_("WHAT")));
	for (int k = 0; k < DUE_KIND_COUNT; k++) {
		kinds[k] = due_kind_words((enum due_kind)k);
		size_t w = utf8_width(kinds[k], strlen(kinds[k]));
		if (w > kind_w)
			kind_w = w;
	}
	/* The WHEN column as wide as its widest entry. */
	struct strbuf *whens = l->n ? xcalloc(l->n, sizeof(*whens)) : NULL;
	size_t when_w = utf8_width(_("WHEN"), strlen(_("WHEN"))), ref_w = strlen(_("REFERENCE"));
	for (size_t i = 0; i < l->n; i++) {
		clock_when_words(&whens[i], l->items[i].left);
		size_t w = utf8_width(strbuf_str(&whens[i]), whens[i].len);
		if (w > when_w)
			when_w = w;
		if (strlen(l->items[i].reference) > ref_w)
			ref_w = strlen(l->items[i].reference);
	}
	struct strbuf sb = STRBUF_INIT, t = STRBUF_INIT;
	pad(&sb, _("REFERENCE"), ref_w);
	pad(&sb, _("DATE"), 10);
	pad(&sb, _("WHEN"), when_w);
	pad(&sb, _("WHAT"), kind_w);
	pad(&sb, _("STATUS"), 20);
	strbuf_adds(&sb, _("ORGANISATION"));
	puts(strbuf_str(&sb));
	for (size_t i = 0; i < l->n; i++) {
		const struct due_item *it = &l->items[i];
		strbuf_reset(&sb);
		pad(&sb, it->reference, ref_w);
		pad(&sb, it->date, 10);
		pad(&sb, strbuf_str(&whens[i]), when_w);
		pad(&sb, kinds[it->kind], kind_w);
		pad(&sb, dossier_status_name(it->status), 20);
		strbuf_adds(&sb, clean(&t, it->organisation));
		puts(strbuf_str(&sb));
		strbuf_release(&whens[i]);
	}
	free(whens);
	strbuf_release(&sb);
	strbuf_release(&t);
}

static void due_json(const struct due_list *l, const char *today, int clock_days, int reassess_days)
{
	struct json j;
	json_init(&j, stdout);
	json_object_begin(&j);
	json_field(&j, "as_of", today);
	json_key(&j, "clock_days");
	json_int(&j, clock_days);
	json_key(&j, "reassess_days");
	json_int(&j, reassess_days);
	json_key(&j, "items");
	json_array_begin(&j);
	for (size_t i = 0; i < l->n; i++) {
		const struct due_item *it = &l->items[i];
		json_object_begin(&j);
		json_field(&j, "reference", it->reference);
		json_field(&j, "organisation", it->organisation);
		json_field(&j, "status", dossier_status_code(it->status));
		json_field(&j, "kind", due_kind_code(it->kind));
		json_field(&j, "date", it->date);
		json_key(&j, "left");
		json_int(&j, it->left);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_key(&j, "problems");
	json_array_begin(&j);
	for (size_t i = 0; i < l->n_problems; i++) {
		json_object_begin(&j);
		json_field(&j, "reference", l->problems[i].reference);
		json_field(&j, "message", l->problems[i].message);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
}

int cmd_due(int argc, char **argv)
{
	static const struct option options[] = {
		{ "days", required_argument, NULL, 'd' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *as_of = NULL;
	bool json = false;
	int days = -1, opt, rc;
	while ((opt = cli_getopt(argc, argv, "h", options, "due")) != -1) {
		switch (opt) {
		case 'd': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (end == optarg || *end || v < 0 || v > 3650)
				return cli_usage_error("due", _("--days takes a number of days from 0 to 3650, not '%s'"),
						       optarg);
			days = (int)v;
			break;
		}
		case 'a': as_of = optarg; break;
		case 'j': json = true; break;
		case 'h': due_usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("due", _("unexpected argument '%s'"), argv[optind]);
	if ((rc = check_as_of(as_of, "due")) != EXIT_OK)
		return rc;
	struct settings cfg;
	cli_load_settings(&cfg);
	struct clock_settings cs;
	procedure_clock_settings(&cfg, &cs);
	settings_release(&cfg);
	int clock_days = days >= 0 ? days : cs.near_days;
	int reassess_days = days >= 0 ? days : PROCEDURE_REASSESS_DAYS;
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	char today[DATE_LEN];
	if (as_of)
		snprintf(today, sizeof(today), "%s", as_of);
	else
		date_today(today);
	struct toets_error e = { 0 };
	struct due_list l;
	if (procedure_due(s, today, &cs, clock_days, reassess_days, &l, &e) != TOETS_OK) {
		rc = cli_fail(&e);
		store_close(&s);
		return rc;
	}
	/* A clock that cannot be told is itself something to look at; it
	 * does not stop the list. */
	for (size_t i = 0; i < l.n_problems && !json; i++)
		cli_error("%s", l.problems[i].message);
	if (json)
		due_json(&l, today, clock_days, reassess_days);
	else if (l.n)
		due_text(&l);
	else
		printf(_("nothing due: no deadline within %d days, no re-assessment within %d days\n"), clock_days,
		       reassess_days);
	due_list_release(&l);
	store_close(&s);
	return EXIT_OK;
}

/* ---- toets aansluiting -------------------------------------------------------------------------- */

struct contacts_ctx {
	bool json;
	struct json *j;
	size_t n;
	struct strbuf tmp;
};

static bool operational_contact(const struct contact *c, void *ctx)
{
	struct contacts_ctx *x = ctx;
	if (!c->operational)
		return true;
	x->n++;
	if (x->json) {
		json_object_begin(x->j);
		json_field(x->j, "name", c->name);
		json_field(x->j, "role", c->role);
		json_field(x->j, "phone", c->phone);
		json_field(x->j, "email", c->email);
		json_field(x->j, "pgp_fingerprint", c->pgp_fingerprint);
		json_object_end(x->j);
		return true;
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "- %s", clean(&x->tmp, c->name));
	if (c->role)
		strbuf_addf(&sb, " (%s)", clean(&x->tmp, c->role));
	if (c->phone)
		strbuf_addf(&sb, ", 24/7 %s", clean(&x->tmp, c->phone));
	if (c->email)
		strbuf_addf(&sb, ", %s", clean(&x->tmp, c->email));
	if (c->pgp_fingerprint)
		strbuf_addf(&sb, ", PGP %s", c->pgp_fingerprint);
	struct strbuf out = STRBUF_INIT;
	utf8_wrap(&out, strbuf_str(&sb), 78, "  ", "    ");
	fputs(strbuf_str(&out), stdout);
	strbuf_release(&out);
	strbuf_release(&sb);
	return true;
}

static int aansluiting_show(struct store *s, const char *reference, bool json)
{
	struct toets_error e = { 0 };
	char id[STORE_ID_LEN];
	enum dossier_status status;
	if (dossier_find(s, reference, id, &status, &e) != TOETS_OK)
		return cli_fail(&e);
	struct aansluiting a;
	if (aansluiting_get(s, id, &a, &e) != TOETS_OK)
		return cli_fail(&e);
	struct json j;
	struct contacts_ctx c = { json, &j, 0, STRBUF_INIT };
	int rc = EXIT_OK;
	if (json) {
		json_init(&j, stdout);
		json_object_begin(&j);
		json_field(&j, "reference", reference);
		json_field(&j, "status", dossier_status_code(status));
		json_field(&j, "designated_on", a.designated_on[0] ? a.designated_on : NULL);
		json_field(&j, "effective_on", a.effective_on[0] ? a.effective_on : NULL);
		json_field(&j, "leidraad_on", a.leidraad_on[0] ? a.leidraad_on : NULL);
		json_field(&j, "leidraad_by", a.leidraad_by);
		json_field(&j, "ndn_on", a.ndn_on[0] ? a.ndn_on : NULL);
		json_field(&j, "account", a.account);
		json_field(&j, "at", a.at);
		json_key(&j, "operational_contacts");
		json_array_begin(&j);
	} else {
		struct strbuf sb = STRBUF_INIT;
		printf("%s: %s\n", reference, dossier_status_name(status));
		if (a.designated_on[0])
			strbuf_addf(&sb, _("approved %s, effective %s"), a.designated_on,
				    a.effective_on[0] ? a.effective_on : "-");
		else
			strbuf_adds(&sb, _("none in force"));
		line(_("designation"), strbuf_str(&sb));
		strbuf_reset(&sb);
		if (a.leidraad_on[0])
			strbuf_addf(&sb, _("accepted %s by %s"), a.leidraad_on, clean(&c.tmp, a.leidraad_by));
		line(_("leidraad"), strbuf_str(&sb));
		line(_("NDN connection"), a.ndn_on);
		if (a.recorded) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s, %s", a.account, a.at);
			line(_("recorded"), strbuf_str(&sb));
		}
		printf("%s:\n", _("operational contacts"));
		strbuf_release(&sb);
	}
	if (contact_list(s, id, operational_contact, &c, &e) != TOETS_OK)
		rc = cli_fail(&e);
	if (json) {
		json_array_end(&j);
		json_object_end(&j);
		json_finish(&j);
	} else if (!c.n) {
		printf(_("  none yet ('toets contact add %s --operational')\n"), reference);
	}
	strbuf_release(&c.tmp);
	aansluiting_release(&a);
	return rc;
}

int cmd_aansluiting(int argc, char **argv)
{
	static const struct option options[] = {
		{ "leidraad", required_argument, NULL, 'l' },
		{ "leidraad-by", required_argument, NULL, 'b' },
		{ "ndn", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct aansluiting_change c = { 0 };
	bool json = false;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "aansluiting")) != -1) {
		switch (opt) {
		case 'l': c.leidraad_on = optarg; break;
		case 'b': c.leidraad_by = optarg; break;
		case 'n': c.ndn_on = optarg; break;
		case 'j': json = true; break;
		case 'h': aansluiting_usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("aansluiting", _("give one dossier reference"));
	bool change = c.leidraad_on || c.leidraad_by || c.ndn_on;
	if (change && json)
		return cli_usage_error("aansluiting", _("--json shows; it takes no other option"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	if (change && aansluiting_set(s, argv[optind], &c, &e) != TOETS_OK)
		rc = cli_fail(&e);
	else
		rc = aansluiting_show(s, argv[optind], json);
	store_close(&s);
	return rc;
}
