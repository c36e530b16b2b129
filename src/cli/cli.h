/* cli.h - what the command-line commands share: exit codes, messages and
 * the command table. */
#ifndef TOETS_CLI_H
#define TOETS_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "toets/diag.h"
#include "toets/store.h"
#include "toets/kader.h"
#include "toets/status.h"

/* Exit codes; listed in man/toets.1. The higher ones follow sysexits.h. */
enum cli_exit {
	EXIT_OK = 0,
	EXIT_FAILED = 1,    /* a verification found a problem */
	EXIT_USAGE = 2,     /* bad options or arguments */
	EXIT_DATAERR = 65,  /* invalid input data */
	EXIT_NOINPUT = 66,  /* an input does not exist or cannot be read */
	EXIT_SOFTWARE = 70, /* internal error */
	EXIT_OSERR = 71,    /* out of memory, or another system error */
	EXIT_CANTCREAT = 73, /* would overwrite an existing file */
	EXIT_IOERR = 74,    /* reading or writing failed; disk or database full */
	EXIT_TEMPFAIL = 75, /* the database is in use by another process */
	EXIT_NOPERM = 77,   /* the database is read-only */
};

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary; /* for the usage text, translated when shown */
};

/* "toets: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An error about usage, then a hint to --help; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints every diagnostic of a list on stderr. */
void cli_print_diags(const struct diag_list *dl);
/* The exit code for a core status. */
int cli_exit_for(enum toets_status st);
/* The language for framework texts: Dutch when messages are Dutch. */
enum kader_lang cli_lang(void);

/* Opens the database named by --db, $TOETS_DB or the default; prints the
 * error and returns its exit code, or EXIT_OK. */
int cli_open_store(struct store **out);
/* The settings from the configuration file; a bad line is reported on
 * stderr with its position and the default stays. */
struct settings;
int cli_load_settings(struct settings *out);
/* Prints the error and returns its exit code. */
int cli_fail(const struct toets_error *e);

/* Parses a subcommand's options with getopt_long from a fresh start.
 * Returns the option, -1 at the end; prints usage errors itself and
 * returns '?' then (the caller returns EXIT_USAGE). */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
	       const char *command);

struct cli_sub {
	const char *name;
	int (*run)(int argc, char **argv);
};

/* Runs the subcommand argv[1] from the table; --help and errors too. */
int cli_dispatch(int argc, char **argv, const struct cli_sub *subs, size_t n, const char *command,
		 void (*usage)(FILE *out));

int cmd_kader(int argc, char **argv);
int cmd_dossier(int argc, char **argv);
int cmd_doc(int argc, char **argv);
int cmd_contact(int argc, char **argv);
int cmd_answer(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_decision(int argc, char **argv);
int cmd_reassess(int argc, char **argv);
int cmd_letter(int argc, char **argv);
int cmd_print(int argc, char **argv);
int cmd_register(int argc, char **argv);
int cmd_clock(int argc, char **argv);
int cmd_due(int argc, char **argv);
int cmd_aansluiting(int argc, char **argv);
int cmd_constituency(int argc, char **argv);
int cmd_lookup(int argc, char **argv);

#endif
