/* cmd_letter.c - toets letter show | issue | list, toets print and
 * toets register. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "toets/audit.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/letter.h"
#include "toets/outfile.h"
#include "toets/print.h"
#include "toets/register.h"
#include "toets/render.h"
#include "toets/settings.h"

static void usage(FILE *out)
{
	fputs(_("Usage: toets letter show REFERENCE KIND [--format text|pdf] [-o FILE]\n"
		"       toets letter issue REFERENCE KIND\n"
		"       toets letter list REFERENCE\n"
		"       toets print REFERENCE [--letter KIND] [--pdf FILE]\n"
		"       toets register [--format text|pdf|csv] [-o FILE]\n"
		"\n"
		"KIND: ontvangstbevestiging, verzoek-aanvulling, aanwijzingsbesluit,\n"
		"afwijzingsbesluit, intrekkingsbesluit or samenvatting. 'show' gives the issued\n"
		"letter, or a draft marked CONCEPT when it was not issued yet. An issued\n"
		"letter is stored with its PDF and never made again. 'print' sends the issued\n"
		"letter's PDF (without --letter: the designation summary) to the print\n"
		"command; --pdf FILE writes the PDF to FILE instead. A PDF is only written to\n"
		"a file (-o FILE, or -o - for a pipe), never to a terminal.\n"), out);
}

static int parse_kind(const char *text, const char *command, enum letter_kind *out)
{
	if (letter_kind_parse(text, out))
		return EXIT_OK;
	return cli_usage_error(command, _("unknown letter '%s': %s"), text, letter_kind_list());
}

enum format { FORMAT_TEXT, FORMAT_PDF, FORMAT_CSV };

static int parse_format(const char *text, bool csv, const char *command, enum format *out)
{
	if (strcmp(text, "text") == 0)
		*out = FORMAT_TEXT;
	else if (strcmp(text, "pdf") == 0)
		*out = FORMAT_PDF;
	else if (csv && strcmp(text, "csv") == 0)
		*out = FORMAT_CSV;
	else
		return cli_usage_error(command, csv ? _("--format takes text, pdf or csv, not '%s'")
						    : _("--format takes text or pdf, not '%s'"),
				       text);
	return EXIT_OK;
}

/* Writes the output: to the file, or to standard output (a PDF never to a terminal). */
static int emit(const char *dest, const void *data, size_t len, bool binary)
{
	struct toets_error e = { 0 };
	if (!dest && binary && isatty(STDOUT_FILENO)) {
		cli_error(_("a PDF is not written to a terminal: give -o FILE (or -o - for a pipe)"));
		return EXIT_USAGE;
	}
	if (outfile_save(dest ? dest : "-", data, len, &e) != TOETS_OK)
		return cli_fail(&e);
	return EXIT_OK;
}

static void print_diags(struct diag_list *dl)
{
	if (dl->n) {
		diag_sort(dl);
		cli_print_diags(dl);
	}
}

/* --format and -o (--output) of 'letter show' and 'register': -1 to go
 * on, else the exit code (help shown, or a usage error). */
static int output_options(int argc, char **argv, const char *command, bool csv, enum format *format,
			  const char **dest)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	*format = FORMAT_TEXT;
	*dest = NULL;
	int opt, rc;
	while ((opt = cli_getopt(argc, argv, "ho:", options, command)) != -1) {
		switch (opt) {
		case 'f':
			if ((rc = parse_format(optarg, csv, command, format)) != EXIT_OK)
				return rc;
			break;
		case 'o': *dest = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	return -1;
}

/* letter_get's NOT_FOUND is about the letter only when the dossier exists. */
static bool letter_exists_dossier(struct store *s, const char *reference)
{
	char id[STORE_ID_LEN];
	struct toets_error e;
	return dossier_lookup(s, reference, id, &e) == TOETS_OK;
}

static int letter_show(int argc, char **argv)
{
	enum format format;
	const char *dest;
	int rc = output_options(argc, argv, "letter", false, &format, &dest);
	if (rc >= 0)
		return rc;
	if (argc - optind != 2)
		return cli_usage_error("letter", _("give a dossier reference and the letter"));
	enum letter_kind kind;
	if ((rc = parse_kind(argv[optind + 1], "letter", &kind)) != EXIT_OK)
		return rc;
	struct settings cfg;
	cli_load_settings(&cfg);
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK) {
		settings_release(&cfg);
		return rc;
	}
	struct toets_error e = { 0 };
	struct letter l;
	enum toets_status st = letter_get(s, argv[optind], kind, &l, &e);
	if (st == TOETS_OK) {
		rc = format == FORMAT_PDF ? emit(dest, l.pdf, l.pdf_len, true)
					  : emit(dest, l.text, strlen(l.text), false);
		letter_release(&l);
	} else if (st == TOETS_ERR_NOT_FOUND && letter_exists_dossier(s, argv[optind])) {
		/* Not issued: the draft as it would be now. */
		struct letter_draft d;
		struct diag_list dl;
		diag_init(&dl, "template");
		if (letter_draft(s, argv[optind], kind, &cfg, &d, &dl, &e) != TOETS_OK) {
			print_diags(&dl);
			rc = cli_fail(&e);
		} else {
			if (format == FORMAT_PDF) {
				struct strbuf pdf = STRBUF_INIT;
				rc = letter_draft_pdf(&d, &pdf, &e) != TOETS_OK ? cli_fail(&e)
										 : emit(dest, pdf.data, pdf.len, true);
				strbuf_release(&pdf);
			} else {
				rc = emit(dest, d.text, strlen(d.text), false);
			}
			if (rc == EXIT_OK && kind != LETTER_SAMENVATTING)
				fprintf(stderr, d.missing ? _("toets: a draft: not issued; issuing it needs:\n%s")
							  : _("toets: a draft: not issued yet%s\n"),
					d.missing ? d.missing : "");
			letter_draft_release(&d);
		}
		diag_release(&dl);
	} else {
		rc = cli_fail(&e);
	}
	store_close(&s);
	settings_release(&cfg);
	return rc;
}

static int letter_issue_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;
	while ((opt = cli_getopt(argc, argv, "h", options, "letter")) != -1) {
		switch (opt) {
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("letter", _("give a dossier reference and the letter"));
	enum letter_kind kind;
	if ((rc = parse_kind(argv[optind + 1], "letter", &kind)) != EXIT_OK)
		return rc;
	struct settings cfg;
	cli_load_settings(&cfg);
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK) {
		settings_release(&cfg);
		return rc;
	}
	struct toets_error e = { 0 };
	struct letter l;
	struct diag_list dl;
	diag_init(&dl, "template");
	if (letter_issue(s, argv[optind], kind, &cfg, &l, &dl, &e) != TOETS_OK) {
		print_diags(&dl);
		rc = cli_fail(&e);
	} else {
		printf(_("%s: %s issued, dated %s; sha256 %s (PDF %s); audit head %s\n"), argv[optind],
		       letter_kind_name(kind), l.dated, l.sha256, l.pdf_sha256, l.audit_head);
		letter_release(&l);
	}
	diag_release(&dl);
	store_close(&s);
	settings_release(&cfg);
	return rc;
}

static bool list_one(const struct letter *l, void *ctx)
{
	int *n = ctx;
	if (!(*n)++)
		printf("%-22s %-10s %-12s %-16s %s\n", _("LETTER"), _("DATED"), _("ISSUED BY"), _("SHA256"),
		       _("PRINTED"));
	printf("%-22s %-10s %-12s %.16s %d\n", letter_kind_code(l->kind), l->dated, l->issued_by, l->sha256,
	       l->prints);
	return true;
}

static int letter_list_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;
	while ((opt = cli_getopt(argc, argv, "h", options, "letter")) != -1) {
		switch (opt) {
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("letter", _("give one dossier reference"));
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	char id[STORE_ID_LEN];
	int n = 0;
	if (dossier_lookup(s, argv[optind], id, &e) != TOETS_OK || letter_list(s, id, list_one, &n, &e) != TOETS_OK)
		rc = cli_fail(&e);
	else if (!n)
		printf(_("dossier %s has no issued letters\n"), argv[optind]);
	store_close(&s);
	return rc;
}

int cmd_letter(int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "show", letter_show },
		{ "issue", letter_issue_cmd },
		{ "list", letter_list_cmd },
	};
	return cli_dispatch(argc, argv, subs, 3, "letter", usage);
}

/* ---- toets print ------------------------------------------------------------ */

/* The PDF to print: the issued letter, or the summary drafted now. */
static int pdf_to_print(struct store *s, const char *reference, int kind, const struct settings *cfg,
			struct strbuf *pdf, struct letter *l, bool *issued)
{
	struct toets_error e = { 0 };
	*issued = false;
	if (kind >= 0 && kind != LETTER_SAMENVATTING) {
		enum toets_status st = letter_get(s, reference, (enum letter_kind)kind, l, &e);
		if (st == TOETS_ERR_NOT_FOUND && letter_exists_dossier(s, reference)) {
			cli_error(_("the %s of %s was not issued: only an issued letter is printed ('toets letter "
				    "issue %s %s')"),
				  letter_kind_name((enum letter_kind)kind), reference, reference,
				  letter_kind_code((enum letter_kind)kind));
			return cli_exit_for(TOETS_ERR_REFUSED);
		}
		if (st != TOETS_OK)
			return cli_fail(&e);
		strbuf_add(pdf, (const char *)l->pdf, l->pdf_len);
		*issued = true;
		return EXIT_OK;
	}
	struct letter_draft d;
	struct diag_list dl;
	diag_init(&dl, "template");
	int rc = EXIT_OK;
	if (letter_draft(s, reference, LETTER_SAMENVATTING, cfg, &d, &dl, &e) != TOETS_OK) {
		print_diags(&dl);
		rc = cli_fail(&e);
	} else {
		struct render_meta m = { .title = letter_kind_name(LETTER_SAMENVATTING), .reference = d.reference,
					 .audit_hash = d.audit_head, .created = time(NULL) };
		if (render_pdf(d.doc, &m, pdf, &e) != TOETS_OK)
			rc = cli_fail(&e);
		letter_draft_release(&d);
	}
	diag_release(&dl);
	return rc;
}

int cmd_print(int argc, char **argv)
{
	static const struct option options[] = {
		{ "letter", required_argument, NULL, 'l' },
		{ "pdf", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int kind = -1, opt, rc;
	const char *pdf_file = NULL;
	while ((opt = cli_getopt(argc, argv, "h", options, "print")) != -1) {
		switch (opt) {
		case 'l': {
			enum letter_kind k;
			if ((rc = parse_kind(optarg, "print", &k)) != EXIT_OK)
				return rc;
			kind = (int)k;
			break;
		}
		case 'p': pdf_file = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("print", _("give one dossier reference"));
	struct settings cfg;
	cli_load_settings(&cfg);
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK) {
		settings_release(&cfg);
		return rc;
	}
	struct strbuf pdf = STRBUF_INIT;
	struct letter l = { 0 };
	bool issued;
	const char *ref = argv[optind];
	if ((rc = pdf_to_print(s, ref, kind, &cfg, &pdf, &l, &issued)) == EXIT_OK) {
		struct toets_error e = { 0 };
		if (pdf_file) {
			rc = emit(pdf_file, pdf.data, pdf.len, true);
		} else if (print_run(cfg.print_argv, pdf.data, pdf.len, &e) != TOETS_OK) {
			rc = cli_fail(&e);
			if (issued)
				fprintf(stderr, _("toets: the %s is not recorded as printed\n"), letter_kind_name(l.kind));
		} else {
			char *line = print_command_line(cfg.print_argv);
			if (issued && letter_record_print(s, &l, line, &e) != TOETS_OK)
				rc = cli_fail(&e);
			else
				printf(_("%s: %s sent to '%s'\n"), ref,
				       issued ? letter_kind_name(l.kind) : letter_kind_name(LETTER_SAMENVATTING), line);
			free(line);
		}
	}
	if (issued)
		letter_release(&l);
	strbuf_release(&pdf);
	store_close(&s);
	settings_release(&cfg);
	return rc;
}

/* ---- toets register ------------------------------------------------------------- */

int cmd_register(int argc, char **argv)
{
	enum format format;
	const char *dest;
	int rc = output_options(argc, argv, "register", true, &format, &dest);
	if (rc >= 0)
		return rc;
	if (argc - optind != 0)
		return cli_usage_error("register", _("takes no arguments"));
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	struct register_rows rows;
	char today[DATE_LEN], head[65];
	date_today(today);
	if (register_read(s, today, &rows, &e) != TOETS_OK || audit_head(s, head, &e) != TOETS_OK) {
		rc = cli_fail(&e);
		store_close(&s);
		return rc;
	}
	struct strbuf out = STRBUF_INIT;
	if (format == FORMAT_CSV) {
		register_csv(&rows, &out);
		rc = emit(dest, out.data, out.len, false);
	} else {
		cmark_node *doc = register_document(&rows, today);
		struct render_meta m = { .title = "Register van aanwijzingen", .audit_hash = head, .created = time(NULL) };
		if (format == FORMAT_TEXT) {
			render_text(doc, &m, 0, &out);
			rc = emit(dest, out.data, out.len, false);
		} else {
			rc = render_pdf(doc, &m, &out, &e) != TOETS_OK ? cli_fail(&e) : emit(dest, out.data, out.len, true);
		}
		cmark_node_free(doc);
	}
	strbuf_release(&out);
	register_rows_release(&rows);
	store_close(&s);
	return rc;
}
