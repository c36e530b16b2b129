/* cmd_db.c - toets search, toets audit verify | log, toets db check,
 * toets backup: the commands about the database as a whole. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "toets/audit.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/search.h"
#include "toets/utf8.h"

/* Parses --help and --json for commands that take only those. Returns -1
 * to go on, or an exit code. */
static int simple_options(int argc, char **argv, const char *command, bool *json,
			  void (*usage)(FILE *))
{
	static const struct option with_json[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct option plain[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", json ? with_json : plain, command)) != -1) {
		switch (opt) {
		case 'j': *json = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	return -1;
}

/* ---- search ------------------------------------------------------------------------ */

static void search_usage(FILE *out)
{
	fputs(_("Usage: toets search [--json] WORD...\n"
		"Finds dossiers by organisation name, reference, notes, answer notes and\n"
		"document titles. Every word must occur (as the start of a word); accents\n"
		"do not matter: \"cooperatie\" finds \"Coöperatie\".\n"), out);
}

struct search_ctx {
	bool json;
	struct json j;
	size_t hits;
};

static bool print_hit(const struct search_hit *h, void *ctx)
{
	struct search_ctx *c = ctx;
	c->hits++;
	if (c->json) {
		json_object_begin(&c->j);
		json_field(&c->j, "reference", h->reference);
		json_field(&c->j, "organisation", h->organisation);
		json_field(&c->j, "kind", h->kind);
		json_field(&c->j, "text", h->snippet);
		json_object_end(&c->j);
		return true;
	}
	/* The kinds, as the index stores them, in the user's language. */
	static const char *const kinds[][2] = {
		{ "organisation", N_("organisation") }, { "dossier", N_("dossier") },
		{ "note", N_("note") }, { "document", N_("document") }, { "answer", N_("answer") },
	};
	const char *kind = h->kind;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(h->kind, kinds[i][0]) == 0)
			kind = _(kinds[i][1]);
	struct strbuf line = STRBUF_INIT;
	strbuf_addf(&line, "%s  ", h->reference);
	size_t kw = utf8_width(kind, strlen(kind));
	strbuf_adds(&line, kind);
	for (; kw < 13; kw++)
		strbuf_addc(&line, ' ');
	utf8_sanitize(&line, h->snippet, strlen(h->snippet));
	if (strcmp(h->kind, "organisation") != 0) {
		strbuf_adds(&line, "  (");
		utf8_sanitize(&line, h->organisation, strlen(h->organisation));
		strbuf_adds(&line, ")");
	}
	puts(strbuf_str(&line));
	strbuf_release(&line);
	return true;
}

int cmd_search(int argc, char **argv)
{
	struct search_ctx c = { 0 };
	int rc = simple_options(argc, argv, "search", &c.json, search_usage);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error("search", _("give the words to search for"));
	struct strbuf text = STRBUF_INIT;
	for (int i = optind; i < argc; i++)
		strbuf_addf(&text, "%s%s", i > optind ? " " : "", argv[i]);
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK) {
		strbuf_release(&text);
		return rc;
	}
	struct toets_error e = { 0 };
	if (c.json) {
		json_init(&c.j, stdout);
		json_array_begin(&c.j);
	}
	if (search_run(s, strbuf_str(&text), 0, print_hit, &c, &e) != TOETS_OK)
		rc = cli_fail(&e);
	if (c.json) {
		json_array_end(&c.j);
		json_finish(&c.j);
	} else if (rc == EXIT_OK && c.hits == 0) {
		fprintf(stderr, _("toets: nothing found for \"%s\"\n"), strbuf_str(&text));
		rc = EXIT_FAILED;
	}
	strbuf_release(&text);
	store_close(&s);
	return rc;
}

/* ---- audit ------------------------------------------------------------------------------- */

static void audit_usage(FILE *out)
{
	fputs(_("Usage: toets audit verify\n"
		"       toets audit log [REFERENCE] [--json]\n"
		"'verify' recomputes the hash chain of the whole log; it names the first row\n"
		"that does not verify and exits 1. 'log' shows the log, or one dossier's part.\n"), out);
}

static void print_ok(const struct audit_verdict *v)
{
	printf(ngettext("audit log ok: %" PRId64 " row, head %s\n", "audit log ok: %" PRId64 " rows, head %s\n",
			(unsigned long)v->rows),
	       v->rows, v->head[0] ? v->head : "-");
}

static void print_broken(const struct audit_verdict *v)
{
	if (v->broken_seq > 0)
		printf(_("audit log BROKEN at row %" PRId64 ": %s\n"), v->broken_seq, v->reason);
	else
		printf(_("audit log BROKEN: %s\n"), v->reason);
}

static int audit_verify_cmd(int argc, char **argv)
{
	int rc = simple_options(argc, argv, "audit", NULL, audit_usage);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return cli_usage_error("audit", _("unexpected argument '%s'"), argv[optind]);
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	struct audit_verdict v;
	if (audit_verify(s, &v, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else if (v.ok) {
		print_ok(&v);
	} else {
		print_broken(&v);
		if (v.broken_seq > 0)
			printf(ngettext("%" PRId64 " row before it verifies; the last good hash is %s\n",
					"%" PRId64 " rows before it verify; the last good hash is %s\n",
					(unsigned long)v.rows),
			       v.rows, v.head[0] ? v.head : "-");
		rc = EXIT_FAILED;
	}
	store_close(&s);
	return rc;
}

struct log_ctx {
	bool json;
	struct json j;
};

static bool print_row(const struct audit_row *r, void *ctx)
{
	struct log_ctx *c = ctx;
	if (c->json) {
		json_object_begin(&c->j);
		json_key(&c->j, "seq");
		json_int(&c->j, r->seq);
		json_field(&c->j, "at", r->at);
		json_field(&c->j, "account", r->account);
		json_field(&c->j, "action", r->action);
		json_field(&c->j, "dossier", *r->dossier_ref ? r->dossier_ref : NULL);
		json_field(&c->j, "payload", r->payload);
		json_field(&c->j, "hash", r->hash);
		json_object_end(&c->j);
		return true;
	}
	struct strbuf line = STRBUF_INIT;
	strbuf_addf(&line, "%6" PRId64 "  %s  %-10s %-9s  %-18s", r->seq, r->at, r->account,
		    *r->dossier_ref ? r->dossier_ref : "-", r->action);
	/* The payload on one line: its "key=value" lines joined. */
	const char *sep = " ";
	for (const char *p = r->payload; *p;) {
		size_t n = strcspn(p, "\n");
		strbuf_adds(&line, sep);
		utf8_sanitize(&line, p, n);
		sep = "; ";
		p += n;
		if (*p)
			p++;
	}
	puts(strbuf_str(&line));
	strbuf_release(&line);
	return true;
}

static int audit_log_cmd(int argc, char **argv)
{
	struct log_ctx c = { 0 };
	int rc = simple_options(argc, argv, "audit", &c.json, audit_usage);
	if (rc >= 0)
		return rc;
	if (argc - optind > 1)
		return cli_usage_error("audit", _("give at most one dossier reference"));
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	char id[STORE_ID_LEN];
	enum toets_status st = TOETS_OK;
	if (optind < argc)
		st = dossier_lookup(s, argv[optind], id, &e);
	if (st == TOETS_OK) {
		if (c.json) {
			json_init(&c.j, stdout);
			json_array_begin(&c.j);
		}
		st = audit_each(s, optind < argc ? id : NULL, print_row, &c, &e);
		if (c.json) {
			json_array_end(&c.j);
			json_finish(&c.j);
		}
	}
	if (st != TOETS_OK)
		rc = cli_fail(&e);
	store_close(&s);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	static const struct cli_sub subs[] = { { "verify", audit_verify_cmd }, { "log", audit_log_cmd } };
	return cli_dispatch(argc, argv, subs, 2, "audit", audit_usage);
}

/* ---- db check, backup ----------------------------------------------------------------- */

static void db_usage(FILE *out)
{
	fputs(_("Usage: toets db check\n"
		"Runs SQLite's integrity check over the whole database and the audit\n"
		"chain check; exits 1 when either finds a problem.\n"), out);
}

static int db_check(int argc, char **argv)
{
	int rc = simple_options(argc, argv, "db", NULL, db_usage);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return cli_usage_error("db", _("unexpected argument '%s'"), argv[optind]);
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	char *report = NULL;
	if (store_integrity_check(s, &report, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else if (strcmp(report, "ok\n") == 0) {
		printf(_("%s: integrity ok\n"), store_path(s));
	} else {
		printf(_("%s: DAMAGED:\n%s"), store_path(s), report);
		rc = EXIT_FAILED;
	}
	free(report);
	struct audit_verdict v;
	if (rc == EXIT_OK) {
		if (audit_verify(s, &v, &e) != TOETS_OK) {
			rc = cli_fail(&e);
		} else if (v.ok) {
			print_ok(&v);
		} else {
			print_broken(&v);
			rc = EXIT_FAILED;
		}
	}
	store_close(&s);
	return rc;
}

int cmd_db(int argc, char **argv)
{
	static const struct cli_sub subs[] = { { "check", db_check } };
	return cli_dispatch(argc, argv, subs, 1, "db", db_usage);
}

static void backup_usage(FILE *out)
{
	fputs(_("Usage: toets backup FILE\n"
		"Copies the database, while it may be in use, into the new FILE (never over\n"
		"an existing one), readable only by you.\n"), out);
}

int cmd_backup(int argc, char **argv)
{
	int rc = simple_options(argc, argv, "backup", NULL, backup_usage);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error("backup", _("give the name of the new backup file"));
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	char head[AUDIT_HASH_LEN] = "";
	if (store_backup(s, argv[optind], &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		audit_head(s, head, &e);
		printf(_("backup written to %s (audit head %s)\n"), argv[optind], head[0] ? head : "-");
	}
	store_close(&s);
	return rc;
}
