/* cmd_doc.c - toets doc add | list | get, and toets contact add | list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/utf8.h"

static void doc_usage(FILE *out)
{
	fputs(_("Usage: toets doc add REFERENCE FILE --kind KIND [--title TEXT]\n"
		"                     [--received DATE]\n"
		"       toets doc list REFERENCE [--json]\n"
		"       toets doc get REFERENCE DOCUMENT OUTPUT\n"
		"\n"
		"Kinds: aanvraagformulier, statuten, beveiligingsbeleid, privacybeleid,\n"
		"  verwerkingsregister, verwerkersovereenkomst, tlp-procedure, overig.\n"
		"A document is named by its id or the first 4 or more characters of it.\n"
		"'get' never overwrites a file; OUTPUT - writes to standard output.\n"), out);
}

static void contact_usage(FILE *out)
{
	fputs(_("Usage: toets contact add REFERENCE --name NAME [--role ROLE] [--email ADDRESS]\n"
		"                         [--phone NUMBER] [--pgp FINGERPRINT] [--operational]\n"
		"       toets contact list REFERENCE [--json]\n"
		"\n"
		"--operational: a contact the NCSC reaches day and night (24/7 phone or\n"
		"e-mail, PGP), shown with the aansluiting ('toets aansluiting REFERENCE').\n"), out);
}

static int doc_add(int argc, char **argv)
{
	static const struct option options[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "title", required_argument, NULL, 't' },
		{ "received", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kind = NULL, *title = NULL, *received = NULL;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "doc")) != -1) {
		switch (opt) {
		case 'k': kind = optarg; break;
		case 't': title = optarg; break;
		case 'r': received = optarg; break;
		case 'h': doc_usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("doc", _("give a reference and a file"));
	if (!kind)
		return cli_usage_error("doc", _("a document needs --kind"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	char id[STORE_ID_LEN];
	if (document_add(s, argv[optind], argv[optind + 1], title, kind, received, id, &e) != TOETS_OK)
		rc = cli_fail(&e);
	else
		puts(id);
	store_close(&s);
	return rc;
}

struct doc_ctx {
	bool json;
	struct json j;
};

static bool list_doc(const struct document *d, void *ctx)
{
	struct doc_ctx *c = ctx;
	if (c->json) {
		json_object_begin(&c->j);
		json_field(&c->j, "id", d->id);
		json_field(&c->j, "title", d->title);
		json_field(&c->j, "kind", d->kind);
		json_field(&c->j, "received_on", d->received_on);
		json_field(&c->j, "filename", d->filename);
		json_key(&c->j, "size");
		json_int(&c->j, d->size);
		json_field(&c->j, "sha256", d->sha256);
		json_field(&c->j, "added_by", d->added_by);
		json_field(&c->j, "added_at", d->added_at);
		json_object_end(&c->j);
		return true;
	}
	struct strbuf title = STRBUF_INIT;
	utf8_sanitize(&title, d->title, strlen(d->title));
	printf("%.8s  %-22s %10lld  %-10s  %.12s  %s\n", d->id, d->kind, (long long)d->size,
	       d->received_on ? d->received_on : "-", d->sha256, strbuf_str(&title));
	strbuf_release(&title);
	return true;
}

static int list_options(int argc, char **argv, const char *command, bool *json, void (*usage)(FILE *))
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, command)) != -1) {
		switch (opt) {
		case 'j': *json = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(command, _("give one dossier reference"));
	return -1;
}

static int doc_list(int argc, char **argv)
{
	struct doc_ctx c = { 0 };
	int rc = list_options(argc, argv, "doc", &c.json, doc_usage);
	if (rc >= 0)
		return rc;
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	char id[STORE_ID_LEN];
	if (dossier_lookup(s, argv[optind], id, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		if (c.json) {
			json_init(&c.j, stdout);
			json_array_begin(&c.j);
		} else {
			printf("%-8s  %-22s %10s  %-10s  %-12s  %s\n", _("ID"), _("KIND"), _("BYTES"),
			       _("RECEIVED"), _("SHA-256"), _("TITLE"));
		}
		if (document_list(s, id, list_doc, &c, &e) != TOETS_OK)
			rc = cli_fail(&e);
		if (c.json) {
			json_array_end(&c.j);
			json_finish(&c.j);
		}
	}
	store_close(&s);
	return rc;
}

static int doc_get(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "doc")) != -1) {
		if (opt == 'h') {
			doc_usage(stdout);
			return EXIT_OK;
		}
		return EXIT_USAGE;
	}
	if (argc - optind != 3)
		return cli_usage_error("doc", _("give a reference, a document and an output file"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	if (document_export(s, argv[optind], argv[optind + 1], argv[optind + 2], &e) != TOETS_OK)
		rc = cli_fail(&e);
	store_close(&s);
	return rc;
}

int cmd_doc(int argc, char **argv)
{
	static const struct cli_sub subs[] = { { "add", doc_add }, { "list", doc_list }, { "get", doc_get } };
	return cli_dispatch(argc, argv, subs, 3, "doc", doc_usage);
}

/* ---- contacts ------------------------------------------------------------------ */

static int contact_add_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "email", required_argument, NULL, 'e' },
		{ "phone", required_argument, NULL, 'p' },
		{ "pgp", required_argument, NULL, 'g' },
		{ "operational", no_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct contact c = { 0 };
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "contact")) != -1) {
		switch (opt) {
		case 'n': c.name = optarg; break;
		case 'r': c.role = optarg; break;
		case 'e': c.email = optarg; break;
		case 'p': c.phone = optarg; break;
		case 'g': c.pgp_fingerprint = optarg; break;
		case 'O': c.operational = true; break;
		case 'h': contact_usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("contact", _("give one dossier reference"));
	if (!c.name)
		return cli_usage_error("contact", _("a contact needs --name"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	if (contact_add(s, argv[optind], &c, &e) != TOETS_OK)
		rc = cli_fail(&e);
	store_close(&s);
	return rc;
}

static bool list_contact(const struct contact *c, void *ctx)
{
	struct doc_ctx *x = ctx;
	if (x->json) {
		json_object_begin(&x->j);
		json_field(&x->j, "name", c->name);
		json_field(&x->j, "role", c->role);
		json_field(&x->j, "email", c->email);
		json_field(&x->j, "phone", c->phone);
		json_field(&x->j, "pgp_fingerprint", c->pgp_fingerprint);
		json_key(&x->j, "operational");
		json_bool(&x->j, c->operational);
		json_object_end(&x->j);
		return true;
	}
	const char *fields[] = { c->name, c->role, c->email, c->phone, c->pgp_fingerprint,
				 c->operational ? "24/7" : NULL };
	struct strbuf line = STRBUF_INIT;
	for (int i = 0; i < (c->operational ? 6 : 5); i++) {
		if (i)
			strbuf_adds(&line, " | ");
		if (fields[i])
			utf8_sanitize(&line, fields[i], strlen(fields[i]));
		else
			strbuf_addc(&line, '-');
	}
	puts(strbuf_str(&line));
	strbuf_release(&line);
	return true;
}

static int contact_list_cmd(int argc, char **argv)
{
	struct doc_ctx c = { 0 };
	int rc = list_options(argc, argv, "contact", &c.json, contact_usage);
	if (rc >= 0)
		return rc;
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	char id[STORE_ID_LEN];
	if (dossier_lookup(s, argv[optind], id, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		if (c.json) {
			json_init(&c.j, stdout);
			json_array_begin(&c.j);
		} else {
			printf("%s | %s | %s | %s | %s\n", _("NAME"), _("ROLE"), _("E-MAIL"), _("PHONE"),
			       _("PGP FINGERPRINT"));
		}
		if (contact_list(s, id, list_contact, &c, &e) != TOETS_OK)
			rc = cli_fail(&e);
		if (c.json) {
			json_array_end(&c.j);
			json_finish(&c.j);
		}
	}
	store_close(&s);
	return rc;
}

int cmd_contact(int argc, char **argv)
{
	static const struct cli_sub subs[] = { { "add", contact_add_cmd }, { "list", contact_list_cmd } };
	return cli_dispatch(argc, argv, subs, 2, "contact", contact_usage);
}
