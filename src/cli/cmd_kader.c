/* cmd_kader.c - toets kader check | list | show. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "toets/catalog.h"
#include "toets/category.h"
#include "toets/i18n.h"
#include "toets/kader.h"
#include "toets/paths.h"
#include "toets/utf8.h"
#include "toets/verdict.h"

enum { WRAP_WIDTH = 78 };

static void usage(FILE *out)
{
	fputs(_("Usage: toets kader check FILE...\n"
		"       toets kader list\n"
		"       toets kader show [--lang nl|en] ID|FILE\n"
		"\n"
		"  check  validate framework files; errors go to stderr (exit 65; 66 when\n"
		"         a file cannot be read)\n"
		"  list   the frameworks on the search path\n"
		"  show   a framework as readable text\n"), out);
}

/* Parses the options of a subcommand that takes only --help (and --lang
 * for show). Returns -1 to go on, or an exit code. */
static int sub_options(int argc, char **argv, const char *sub, enum kader_lang *lang)
{
	static const struct option with_lang[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	char cmd[32];
	snprintf(cmd, sizeof(cmd), "kader %s", sub);
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", with_lang, cmd)) != -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'l':
			if (!lang)
				return cli_usage_error(cmd, _("option '--lang' is not known here"));
			if (strcmp(optarg, "nl") == 0)
				*lang = KADER_NL;
			else if (strcmp(optarg, "en") == 0)
				*lang = KADER_EN;
			else
				return cli_usage_error(cmd, _("--lang takes nl or en, not '%s'"), optarg);
			break;
		default:
			return EXIT_USAGE;
		}
	}
	return -1;
}

/* The exit code for loading a framework file: a file that does not exist
 * or cannot be read (a directory, a FIFO, no permission) is 66. */
static int load_exit(enum toets_status st)
{
	return st == TOETS_ERR_IO ? EXIT_NOINPUT : cli_exit_for(st);
}

/* Of two exit codes, the one that says most: invalid data (65) over an
 * input that cannot be read (66) over success. */
static int worse(int a, int b)
{
	if (a == EXIT_DATAERR || b == EXIT_DATAERR)
		return EXIT_DATAERR;
	return a != EXIT_OK ? a : b;
}

static int kader_check(int argc, char **argv)
{
	int rc = sub_options(argc, argv, "check", NULL);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error("kader check", _("no file given"));
	int worst = EXIT_OK;
	for (int i = optind; i < argc; i++) {
		struct diag_list dl;
		struct kader *k;
		diag_init(&dl, argv[i]);
		worst = worse(worst, load_exit(kader_load_file(argv[i], &k, &dl)));
		cli_print_diags(&dl);
		kader_free(&k);
		diag_release(&dl);
	}
	return worst;
}

/* Outside text (a version may hold anything but control characters, a
 * path anything at all) is sanitised before it reaches the terminal. */
static size_t clean_width(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	utf8_sanitize(&sb, s, strlen(s));
	size_t w = utf8_width(sb.data ? sb.data : "", sb.len);
	strbuf_release(&sb);
	return w;
}

static void print_padded(const char *s, size_t width)
{
	struct strbuf sb = STRBUF_INIT;
	utf8_sanitize(&sb, s, strlen(s));
	size_t w = utf8_width(strbuf_str(&sb), sb.len);
	fputs(strbuf_str(&sb), stdout);
	for (; w < width; w++)
		putchar(' ');
	strbuf_release(&sb);
}

/* "dir1, dir2, dir3", sanitised: for messages about the search path. */
static void format_dirs(struct strbuf *out, const struct path_list *dirs)
{
	for (size_t i = 0; i < dirs->n; i++) {
		if (i)
			strbuf_adds(out, ", ");
		utf8_sanitize(out, dirs->dirs[i], strlen(dirs->dirs[i]));
	}
}

static int kader_list(int argc, char **argv)
{
	int rc = sub_options(argc, argv, "list", NULL);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return cli_usage_error("kader list", _("unexpected argument '%s'"), argv[optind]);

	struct path_list dirs;
	struct catalog cat;
	paths_forms_search(&dirs);
	catalog_scan(&cat, &dirs);

	const char *head[] = { _("ID"), _("VERSION"), _("CATEGORIES"), _("SHA-256"), _("FILE") };
	size_t width[4];
	for (int c = 0; c < 4; c++)
		width[c] = utf8_width(head[c], strlen(head[c]));
	for (size_t i = 0; i < cat.n; i++) {
		const struct kader *k = cat.items[i].kader;
		if (!k)
			continue;
		struct strbuf cats = STRBUF_INIT;
		category_format_set(k->categories, &cats);
		size_t w[3] = { clean_width(k->id), clean_width(k->version), cats.len };
		for (int c = 0; c < 3; c++)
			if (w[c] > width[c])
				width[c] = w[c];
		strbuf_release(&cats);
	}
	width[3] = 12;

	for (int c = 0; c < 4; c++) {
		print_padded(head[c], width[c]);
		fputs("  ", stdout);
	}
	puts(head[4]);
	for (size_t i = 0; i < cat.n; i++) {
		const struct catalog_entry *e = &cat.items[i];
		if (!e->kader)
			continue;
		struct strbuf cats = STRBUF_INIT, path = STRBUF_INIT;
		category_format_set(e->kader->categories, &cats);
		utf8_sanitize(&path, e->path, strlen(e->path));
		print_padded(e->kader->id, width[0]);
		fputs("  ", stdout);
		print_padded(e->kader->version, width[1]);
		fputs("  ", stdout);
		print_padded(strbuf_str(&cats), width[2]);
		printf("  %.12s  %s%s\n", e->kader->sha256_hex, strbuf_str(&path),
		       e->shadowed ? _(" (shadowed)") : "");
		strbuf_release(&cats);
		strbuf_release(&path);
	}
	int code = EXIT_OK;
	size_t listed = 0;
	for (size_t i = 0; i < cat.n; i++) {
		if (cat.items[i].kader) {
			listed++;
			continue;
		}
		cli_print_diags(&cat.items[i].diags);
		code = EXIT_DATAERR;
	}
	if (listed == 0) {
		struct strbuf sb = STRBUF_INIT;
		format_dirs(&sb, &dirs);
		cli_error(_("no frameworks found on the search path: %s"), strbuf_str(&sb));
		strbuf_release(&sb);
	}
	catalog_release(&cat);
	path_list_release(&dirs);
	return code;
}

/* ---- show ------------------------------------------------------------- */

/* "label: value", wrapped, later lines indented two more than the first. */
static void add_field(struct strbuf *out, const char *indent, const char *label, const char *value)
{
	struct strbuf line = STRBUF_INIT, hang = STRBUF_INIT;
	strbuf_addf(&line, "%s: %s", label, value);
	strbuf_addf(&hang, "%s  ", indent);
	utf8_wrap(out, strbuf_str(&line), WRAP_WIDTH, indent, strbuf_str(&hang));
	strbuf_release(&line);
	strbuf_release(&hang);
}

/* An item of a list: "- text", later lines under the text. */
static void add_item(struct strbuf *out, const char *indent, const char *text)
{
	struct strbuf first = STRBUF_INIT, hang = STRBUF_INIT;
	strbuf_addf(&first, "%s- ", indent);
	strbuf_addf(&hang, "%s  ", indent);
	struct strbuf line = STRBUF_INIT;
	strbuf_adds(&line, text);
	/* The marker is part of the first line's indent. */
	utf8_wrap(out, strbuf_str(&line), WRAP_WIDTH, strbuf_str(&first), strbuf_str(&hang));
	strbuf_release(&line);
	strbuf_release(&first);
	strbuf_release(&hang);
}

static void add_legal(struct strbuf *out, const struct kader_legal *l, const char *indent)
{
	struct strbuf item_indent = STRBUF_INIT;
	strbuf_addf(&item_indent, "%s  ", indent);
	strbuf_addf(out, "%s%s:\n", indent, _("legal basis"));
	for (size_t i = 0; i < l->n; i++) {
		const struct kader_ref *r = &l->refs[i];
		struct strbuf ref = STRBUF_INIT;
		strbuf_adds(&ref, r->ref);
		if (r->verify)
			strbuf_addf(&ref, " %s", _("(to be verified)"));
		if (r->note)
			strbuf_addf(&ref, " [%s]", r->note);
		add_item(out, strbuf_str(&item_indent), strbuf_str(&ref));
		strbuf_release(&ref);
	}
	strbuf_release(&item_indent);
}

static const char *effect_text(enum kader_effect e)
{
	switch (e) {
	case KADER_EFFECT_PASS:
		return "pass (voldoet)";
	case KADER_EFFECT_FAIL:
		return "fail (voldoet niet)";
	case KADER_EFFECT_FOLLOWUP:
		return "followup (nader onderzoek)";
	default:
		return "none";
	}
}

static void add_question(struct strbuf *out, const struct kader_question *q, size_t crit_no,
			 size_t q_no, enum kader_lang lang)
{
	static const char indent[] = "       ";
	strbuf_addf(out, "\n   %zu.%zu [%s] %s", crit_no, q_no, q->id, kader_qtype_name(q->type));
	if (q->required)
		strbuf_addf(out, ", %s", _("required"));
	if (q->evidence == KADER_EVIDENCE_REQUIRED)
		strbuf_addf(out, ", %s", _("evidence required"));
	else if (q->evidence == KADER_EVIDENCE_OPTIONAL)
		strbuf_addf(out, ", %s", _("evidence optional"));
	strbuf_addc(out, '\n');
	utf8_wrap(out, kader_text(&q->text, lang), WRAP_WIDTH, indent, indent);
	if (q->show_if) {
		struct strbuf ids = STRBUF_INIT, line = STRBUF_INIT;
		for (size_t i = 0; i < q->show_if->n_choices; i++)
			strbuf_addf(&ids, "%s%s", i ? ", " : "", q->show_if->choices[i]->id);
		strbuf_addf(&line,
			    q->show_if->negate ? _("shown only if %s is answered with none of: %s")
					       : _("shown only if %s is answered with one of: %s"),
			    q->show_if->question->id, strbuf_str(&ids));
		utf8_wrap(out, strbuf_str(&line), WRAP_WIDTH, indent, "         ");
		strbuf_release(&line);
		strbuf_release(&ids);
	}
	if (q->guidance.nl)
		add_field(out, indent, _("guidance"), kader_text(&q->guidance, lang));
	for (size_t i = 0; i < q->n_choices; i++) {
		const struct kader_choice *ch = &q->choices[i];
		struct strbuf line = STRBUF_INIT;
		strbuf_addf(&line, "%s: %s -> %s", ch->id, kader_text(&ch->label, lang),
			    effect_text(ch->effect));
		add_item(out, indent, strbuf_str(&line));
		strbuf_release(&line);
	}
}

static void describe(struct strbuf *out, const struct kader *k, enum kader_lang lang)
{
	struct strbuf line = STRBUF_INIT;
	utf8_wrap(out, kader_text(&k->title, lang), WRAP_WIDTH, "", "");
	strbuf_addf(&line, "%s: %s, %s: %s, %s: %d", _("id"), k->id, _("version"), k->version,
		    _("format"), k->format);
	utf8_wrap(out, strbuf_str(&line), WRAP_WIDTH, "", "  ");
	strbuf_reset(&line);
	category_format_set(k->categories, &line);
	add_field(out, "", _("applies to"), strbuf_str(&line));
	add_field(out, "", _("valid from"), k->valid_from);
	add_legal(out, &k->legal, "");
	add_field(out, "", _("sha256"), k->sha256_hex);
	add_field(out, "", _("file"), k->path);
	if (k->description.nl) {
		strbuf_addc(out, '\n');
		utf8_wrap(out, kader_text(&k->description, lang), WRAP_WIDTH, "", "");
	}
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *c = &k->criteria[i];
		strbuf_reset(&line);
		strbuf_addf(&line, "%zu. %s [%s]%s", i + 1, kader_text(&c->title, lang), c->id,
			    c->mandatory ? _(" - mandatory") : "");
		strbuf_addc(out, '\n');
		utf8_wrap(out, strbuf_str(&line), WRAP_WIDTH, "", "   ");
		add_legal(out, &c->legal, "   ");
		if (c->guidance.nl)
			add_field(out, "   ", _("guidance"), kader_text(&c->guidance, lang));
		for (size_t j = 0; j < c->n_questions; j++)
			add_question(out, &c->questions[j], i + 1, j + 1, lang);
	}
	strbuf_release(&line);
}

static bool looks_like_file(const char *arg)
{
	size_t len = strlen(arg);
	return strchr(arg, '/') || (len > 5 && strcmp(arg + len - 5, ".yaml") == 0);
}

static int kader_show(int argc, char **argv)
{
	enum kader_lang lang = cli_lang();
	int rc = sub_options(argc, argv, "show", &lang);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error("kader show", _("no framework given (an id or a file)"));
	if (optind + 1 < argc)
		return cli_usage_error("kader show", _("unexpected argument '%s'"), argv[optind + 1]);
	const char *arg = argv[optind];

	struct kader *owned = NULL;
	const struct kader *k = NULL;
	struct catalog cat = { 0 };
	struct path_list dirs = { 0 };
	int code = EXIT_OK;
	if (looks_like_file(arg)) {
		struct diag_list dl;
		diag_init(&dl, arg);
		enum toets_status st = kader_load_file(arg, &owned, &dl);
		cli_print_diags(&dl);
		diag_release(&dl);
		code = load_exit(st);
		k = owned;
	} else {
		paths_forms_search(&dirs);
		catalog_scan(&cat, &dirs);
		/* Every file on the path that does not load is reported, as by
		 * list: it may be the one meant (a user's own oktt.yaml, say). */
		for (size_t i = 0; i < cat.n; i++) {
			if (cat.items[i].kader)
				continue;
			cli_print_diags(&cat.items[i].diags);
			code = EXIT_DATAERR;
		}
		const struct catalog_entry *e;
		enum toets_status st = catalog_lookup(&cat, arg, &e);
		struct strbuf id = STRBUF_INIT;
		utf8_sanitize(&id, arg, strlen(arg));
		if (st == TOETS_OK) {
			k = e->kader;
		} else if (st == TOETS_ERR_INVALID) {
			struct strbuf path = STRBUF_INIT;
			utf8_sanitize(&path, e->path, strlen(e->path));
			cli_error(_("framework '%s' is not shown: %s, which may hold it, does not load"),
				  strbuf_str(&id), strbuf_str(&path));
			strbuf_release(&path);
		} else {
			cli_error(_("no framework with id '%s' on the search path (see 'toets kader list')"),
				  strbuf_str(&id));
			code = worse(code, EXIT_NOINPUT);
		}
		strbuf_release(&id);
	}
	if (k) {
		struct strbuf out = STRBUF_INIT;
		describe(&out, k, lang);
		fputs(strbuf_str(&out), stdout);
		strbuf_release(&out);
	}
	kader_free(&owned);
	catalog_release(&cat);
	path_list_release(&dirs);
	return code;
}

int cmd_kader(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} subs[] = {
		{ "check", kader_check },
		{ "list", kader_list },
		{ "show", kader_show },
	};
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(argc - 1, argv + 1);
	return cli_usage_error("kader", _("unknown subcommand '%s'"), argv[1]);
}
