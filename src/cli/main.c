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
#include "toets/i18n.h"
#include "toets/paths.h"
#include "toets/xalloc.h"

#ifndef TOETS_VERSION
#define TOETS_VERSION "0.0.0"
#endif

static const struct cli_command commands[] = {
	{ "kader", cmd_kader, N_("check, list and show assessment frameworks") },
};

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
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
	fputs(_("\nOptions:\n"
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
	while ((opt = getopt_long(argc, argv, "+hV", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			return finish_output(EXIT_OK);
		case 'V':
			printf("toets %s\n", TOETS_VERSION);
			return finish_output(EXIT_OK);
		default:
			if (optopt)
				return cli_usage_error(NULL, _("unknown option '-%c'"), optopt);
			return cli_usage_error(NULL, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[optind];
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0)
			return finish_output(commands[i].run(argc - optind, argv + optind));
	return cli_usage_error(NULL, _("unknown command '%s'"), name);
}
