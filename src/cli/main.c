/* main.c - the toets command: global options and the command table. */
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include "cli.h"
#include "toets/config.h"
#include "toets/settings.h"
#include "../ui/ui_main.h"
#include "toets/i18n.h"
#include "toets/paths.h"
#include "toets/render.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#ifndef TOETS_VERSION
#define TOETS_VERSION "0.0.0"
#endif

static int cmd_keys(int argc, char **argv);

static const struct cli_command commands[] = {
	{ "dossier", cmd_dossier, N_("create, list, show and change dossiers; move their status") },
	{ "doc", cmd_doc, N_("add, list and get the documents of a dossier") },
	{ "contact", cmd_contact, N_("add and list the contacts of a dossier") },
	{ "answer", cmd_answer, N_("answer the questions of an assessment; override verdicts") },
	{ "decision", cmd_decision, N_("propose, approve or send back the decision on a dossier") },
	{ "reassess", cmd_reassess, N_("start a re-assessment of a dossier whose assessment is locked") },
	{ "letter", cmd_letter, N_("show, issue and list the letters of a dossier") },
	{ "print", cmd_print, N_("print an issued letter or the designation summary") },
	{ "register", cmd_register, N_("the register of designations as text, PDF or CSV") },
	{ "clock", cmd_clock, N_("the legal clock of a dossier: deadlines, suspensions, delays") },
	{ "due", cmd_due, N_("what is near or past a deadline, and re-assessments that are due") },
	{ "aansluiting", cmd_aansluiting, N_("after designation: leidraad, NDN connection, 24/7 contacts") },
	{ "constituency", cmd_constituency, N_("a partner's AS numbers, IP prefixes and domain names") },
	{ "lookup", cmd_lookup, N_("which partners cover an address, prefix, domain name or AS number") },
	{ "search", cmd_search, N_("search names, references, notes and document titles") },
	{ "audit", cmd_audit, N_("verify and show the audit log") },
	{ "db", cmd_db, N_("check the database") },
	{ "backup", cmd_backup, N_("copy the database to a new file") },
	{ "kader", cmd_kader, N_("check, list and show assessment frameworks") },
	{ "keys", cmd_keys, N_("the keys of the workstation") },
};

/* toets keys [--mdoc]: the one action table, as text or for the man page. */
static int cmd_keys(int argc, char **argv)
{
	bool mdoc = argc == 2 && strcmp(argv[1], "--mdoc") == 0;
	if (argc > 2 || (argc == 2 && !mdoc))
		return cli_usage_error(NULL, _("usage: toets keys [--mdoc]"));
	ui_print_keys(stdout, mdoc);
	return EXIT_OK;
}

/* --db, for the commands that open the database. */
static const char *db_option;

int cli_load_settings(struct settings *out)
{
	settings_defaults(out);
	char *path = config_default_path();
	if (!path)
		return EXIT_OK;
	struct diag_list dl;
	struct config cfg;
	diag_init(&dl, path);
	config_load_file(path, &cfg, &dl);
	settings_apply(out, &cfg, &dl);
	/* Only the settings' lines concern the command line: a bad binding
	 * is the workstation's to report. */
	if (dl.n) {
		diag_sort(&dl);
		cli_print_diags(&dl);
	}
	config_release(&cfg);
	diag_release(&dl);
	free(path);
	return EXIT_OK;
}

int cli_open_store(struct store **out)
{
	struct toets_error e = { 0 };
	char *path = store_resolve_path(db_option, &e);
	if (!path) {
		cli_error("%s", e.message);
		return cli_exit_for(e.status);
	}
	enum toets_status st = store_open(path, out, &e);
	free(path);
	if (st != TOETS_OK) {
		cli_error("%s", e.message);
		return cli_exit_for(st);
	}
	if (store_damaged(*out))
		cli_error(_("warning: the database %s is damaged; it is opened for reading only. "
			    "Run 'toets db check', and 'toets backup FILE' to keep a copy before any repair"),
			  store_path(*out));
	return EXIT_OK;
}

/* The long option that `arg` ("--name=value", perhaps abbreviated) names
 * and whose value is `val`, or NULL. */
static const char *long_name(const struct option *opts, const char *arg, int val)
{
	if (strncmp(arg, "--", 2) != 0)
		return NULL;
	size_t n = strcspn(arg + 2, "=");
	for (; opts->name; opts++)
		if (opts->val == val && n > 0 && strncmp(opts->name, arg + 2, n) == 0)
			return opts->name;
	return NULL;
}

/* After getopt said '?': "--help=x" (getopt gives the option's short
 * value), an unknown short or long option. */
static void report_bad_option(const char *arg, const struct option *longopts, const char *command)
{
	const char *name = optopt ? long_name(longopts, arg, optopt) : NULL;
	if (name)
		cli_usage_error(command, _("option '--%s' takes no value"), name);
	else if (optopt)
		cli_usage_error(command, _("unknown option '-%c'"), optopt);
	else
		cli_usage_error(command, _("unknown option '%s'"), arg);
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
	       const char *command)
{
	static char **parsing;
	char opts[64];
	if (argv != parsing) {
		parsing = argv;
		optind = 0; /* GNU getopt: start afresh for this argument vector */
	}
	opterr = 0;
	snprintf(opts, sizeof(opts), ":%s", shortopts);
	int opt = getopt_long(argc, argv, opts, longopts, NULL);
	if (opt == ':') {
		cli_usage_error(command, _("option '%s' needs a value"), argv[optind - 1]);
		return '?';
	}
	if (opt == '?') {
		report_bad_option(argv[optind - 1], longopts, command);
		return '?';
	}
	if (opt == -1)
		parsing = NULL;
	return opt;
}

int cli_dispatch(int argc, char **argv, const struct cli_sub *subs, size_t n, const char *command,
		 void (*usage)(FILE *out))
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(argc - 1, argv + 1);
	return cli_usage_error(command, _("unknown subcommand '%s'"), argv[1]);
}

int cli_fail(const struct toets_error *e)
{
	cli_error("%s", e->message);
	return cli_exit_for(e->status);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("toets: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	fputs("toets: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (command)
		fprintf(stderr, _("Try 'toets %s --help' for more information.\n"), command);
	else
		fputs(_("Try 'toets --help' for more information.\n"), stderr);
	return EXIT_USAGE;
}

void cli_print_diags(const struct diag_list *dl)
{
	struct strbuf sb = STRBUF_INIT;
	diag_format_all(dl, &sb);
	fputs(strbuf_str(&sb), stderr);
	strbuf_release(&sb);
}

int cli_exit_for(enum toets_status st)
{
	switch (st) {
	case TOETS_OK:
		return EXIT_OK;
	case TOETS_ERR_INVALID:
	case TOETS_ERR_REFUSED:
	case TOETS_ERR_CORRUPT:
	case TOETS_ERR_FOREIGN:
		return EXIT_DATAERR;
	case TOETS_ERR_NOT_FOUND:
		return EXIT_NOINPUT;
	case TOETS_ERR_EXISTS:
		return EXIT_CANTCREAT;
	case TOETS_ERR_IO:
	case TOETS_ERR_FULL:
		return EXIT_IOERR;
	case TOETS_ERR_BUSY:
		return EXIT_TEMPFAIL;
	case TOETS_ERR_READONLY:
		return EXIT_NOPERM;
	case TOETS_ERR_INTERNAL:
		return EXIT_SOFTWARE;
	}
	return EXIT_SOFTWARE;
}

enum kader_lang cli_lang(void)
{
	/* Ask gettext itself, so framework texts follow the messages exactly
	 * (LC_ALL, LC_MESSAGES, LANG and LANGUAGE as gettext weighs them). */
	/* TRANSLATORS: the code of this language, "nl" in the Dutch catalogue:
	 * framework texts are shown in it. */
	const char *code = _("en");
	return strcmp(code, "nl") == 0 ? KADER_NL : KADER_EN;
}

static void usage(FILE *out)
{
	fputs(_("Usage: toets [OPTION]... COMMAND [ARG]...\n"
		"The NCSC assessors' workstation for designations under the Wbni.\n"), out);
	fputs(_("\nCommands:\n"), out);
	int width = 0; /* the longest name: "aansluiting" */
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if ((int)strlen(commands[i].name) > width)
			width = (int)strlen(commands[i].name);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-*s %s\n", width, commands[i].name, _(commands[i].summary));
	fputs(_("\nOptions:\n"
		"  -d, --db FILE  the database (default: $TOETS_DB, else\n"
		"                 $XDG_DATA_HOME/toets/toets.db)\n"
		"  -h, --help     show this help and exit\n"
		"  -V, --version  show the version and exit\n"
		"\n'toets COMMAND --help' describes a command; toets(1) has the details.\n"), out);
}

static void out_of_memory(size_t size)
{
	(void)size;
	static const char msg[] = "toets: out of memory\n";
	ssize_t r = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)r;
	_exit(EXIT_OSERR);
}

/* A full disk or a closed pipe must not pass for success. */
static int finish_output(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			cli_error(_("cannot write the output: %s"), strerror(errno));
		return code == EXIT_OK ? EXIT_IOERR : code;
	}
	return code;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};

	setlocale(LC_ALL, "");
	bindtextdomain("toets", paths_locale_dir());
	bind_textdomain_codeset("toets", "UTF-8");
	textdomain("toets");
	xalloc_set_oom_handler(out_of_memory);

	opterr = 0;
	int opt;
	/* "+": options after the command belong to the command. */
	while ((opt = getopt_long(argc, argv, "+:d:hV", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			db_option = optarg;
			break;
		case ':':
			return cli_usage_error(NULL, _("option '%s' needs a value"), argv[optind - 1]);
		case 'h':
			usage(stdout);
			return finish_output(EXIT_OK);
		case 'V':
			printf("toets %s\n", TOETS_VERSION);
			return finish_output(EXIT_OK);
		default:
			report_bad_option(argv[optind - 1], options, NULL);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		/* No command: the workstation itself. */
		struct toets_error e = { 0 };
		char *path = store_resolve_path(db_option, &e);
		if (!path) {
			cli_error("%s", e.message);
			return cli_exit_for(e.status);
		}
		int rc = ui_main(path);
		free(path);
		render_shutdown();
		return rc;
	}
	const char *name = argv[optind];
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0) {
			int rc = commands[i].run(argc - optind, argv + optind);
			render_shutdown(); /* the font caches, for valgrind */
			return finish_output(rc);
		}
	return cli_usage_error(NULL, _("unknown command '%s'"), name);
}
