/* cmd_dossier.c - toets dossier new | list | show | set | status | note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/utf8.h"

static void usage(FILE *out)
{
	fputs(_("Usage: toets dossier new --name NAME --category CATEGORY [OPTION]...\n"
		"       toets dossier list [--status STATUS] [--category CATEGORY] [--json]\n"
		"       toets dossier show REFERENCE [--json]\n"
		"       toets dossier set REFERENCE FIELD=VALUE...\n"
		"       toets dossier status REFERENCE [STATUS [--reason TEXT]]\n"
		"       toets dossier note REFERENCE TEXT\n"
		"\n"
		"Options of 'new': --kvk NUMBER, --legal-form TEXT, --address TEXT,\n"
		"  --website URL, --representative NAME, --assessor ACCOUNT, --received DATE\n"
		"Fields of 'set': name, kvk, legal_form, address, website, representative,\n"
		"  category, assessor, received_on, complete_on (an empty value clears an\n"
		"  optional field)\n"
		"Statuses: aangemeld, ontvangen, compleet, in_toetsing, aanvulling_gevraagd,\n"
		"  besluit_voorgesteld, aangewezen, afgewezen, aangesloten, ingetrokken,\n"
		"  aanwijzing_ingetrokken (or their names with spaces, quoted)\n"), out);
}

/* Prints "label:" padded to a column, then the (sanitised) value. */
static void field_line(const char *label, const char *value)
{
	if (!value || !*value)
		return;
	struct strbuf sb = STRBUF_INIT;
	size_t w = utf8_width(label, strlen(label));
	strbuf_addf(&sb, "%s:", label);
	for (; w < 16; w++)
		strbuf_addc(&sb, ' ');
	strbuf_addc(&sb, ' ');
	utf8_sanitize(&sb, value, strlen(value));
	puts(strbuf_str(&sb));
	strbuf_release(&sb);
}

static const char *safe(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	if (s)
		utf8_sanitize(sb, s, strlen(s));
	return strbuf_str(sb);
}

/* ---- new -------------------------------------------------------------------- */

static int dossier_new(int argc, char **argv)
{
	static const struct option options[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "category", required_argument, NULL, 'c' },
		{ "kvk", required_argument, NULL, 'k' },
		{ "legal-form", required_argument, NULL, 'l' },
		{ "address", required_argument, NULL, 'a' },
		{ "website", required_argument, NULL, 'w' },
		{ "representative", required_argument, NULL, 'r' },
		{ "assessor", required_argument, NULL, 's' },
		{ "received", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct dossier_new in = { 0 };
	const char *category = NULL;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "dossier")) != -1) {
		switch (opt) {
		case 'n': in.org.name = optarg; break;
		case 'c': category = optarg; break;
		case 'k': in.org.kvk = optarg; break;
		case 'l': in.org.legal_form = optarg; break;
		case 'a': in.org.address = optarg; break;
		case 'w': in.org.website = optarg; break;
		case 'r': in.org.representative = optarg; break;
		case 's': in.assessor = optarg; break;
		case 'R': in.received_on = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("dossier", _("unexpected argument '%s'"), argv[optind]);
	if (!in.org.name)
		return cli_usage_error("dossier", _("a new dossier needs --name"));
	if (!category)
		return cli_usage_error("dossier", _("a new dossier needs --category (oktt, csirt, cert or isp)"));
	if (!category_parse(category, &in.category))
		return cli_usage_error("dossier", _("unknown category '%s': oktt, csirt, cert or isp"), category);
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	char ref[DOSSIER_REF_LEN];
	if (dossier_create(s, &in, ref, &e) != TOETS_OK)
		rc = cli_fail(&e);
	else
		puts(ref);
	store_close(&s);
	return rc;
}

/* ---- list ----------------------------------------------------------------------- */

struct list_ctx {
	bool json;
	struct json j;
	size_t n;
	struct strbuf rows; /* buffered to measure the columns first */
	struct dossier *items;
	size_t n_items, cap;
};

static bool collect(const struct dossier *d, void *ctx)
{
	struct list_ctx *c = ctx;
	if (c->json) {
		json_object_begin(&c->j);
		json_field(&c->j, "reference", d->reference);
		json_field(&c->j, "organisation", d->org.name);
		json_field(&c->j, "kvk", d->org.kvk);
		json_field(&c->j, "category", category_code(d->category));
		json_field(&c->j, "status", dossier_status_code(d->status));
		json_field(&c->j, "status_name", dossier_status_name(d->status));
		json_field(&c->j, "assessor", d->assessor);
		json_field(&c->j, "received_on", d->received_on);
		json_field(&c->j, "updated_at", d->updated_at);
		json_object_end(&c->j);
		return true;
	}
	c->items = xgrow(c->items, &c->cap, c->n_items + 1, sizeof(*c->items));
	struct dossier *copy = &c->items[c->n_items++];
	memset(copy, 0, sizeof(*copy));
	copy->reference = xstrdup(d->reference);
	copy->org.name = xstrdup(d->org.name);
	copy->category = d->category;
	copy->status = d->status;
	copy->assessor = d->assessor ? xstrdup(d->assessor) : NULL;
	copy->received_on = d->received_on ? xstrdup(d->received_on) : NULL;
	return true;
}

/* Cuts text to at most `width` columns, on a character boundary. */
static void fit(struct strbuf *out, const char *s, size_t width)
{
	struct strbuf clean = STRBUF_INIT;
	utf8_sanitize(&clean, s, strlen(s));
	const char *t = strbuf_str(&clean);
	size_t w = utf8_width(t, clean.len);
	if (w <= width) {
		strbuf_adds(out, t);
		for (; w < width; w++)
			strbuf_addc(out, ' ');
	} else {
		size_t used = 0, i = 0;
		while (i < clean.len) {
			uint32_t cp;
			size_t n = utf8_decode(t + i, clean.len - i, &cp);
			if (!n)
				n = 1, cp = '?';
			size_t cw = (size_t)utf8_cp_width(cp);
			if (used + cw > width - 1)
				break;
			strbuf_add(out, t + i, n);
			used += cw;
			i += n;
		}
		strbuf_adds(out, "\xE2\x80\xA6"); /* … */
		for (used++; used < width; used++)
			strbuf_addc(out, ' ');
	}
	strbuf_release(&clean);
}

static void print_table(struct list_ctx *c)
{
	const char *head[] = { _("REFERENCE"), _("ORGANISATION"), _("CATEGORY"), _("STATUS"),
			       _("ASSESSOR"), _("RECEIVED") };
	size_t w[6];
	for (int i = 0; i < 6; i++)
		w[i] = utf8_width(head[i], strlen(head[i]));
	for (size_t i = 0; i < c->n_items; i++) {
		const struct dossier *d = &c->items[i];
		const char *cells[] = { d->reference, d->org.name, category_code(d->category),
					dossier_status_name(d->status), d->assessor ? d->assessor : "",
					d->received_on ? d->received_on : "" };
		for (int k = 0; k < 6; k++) {
			size_t cw = utf8_width(cells[k], strlen(cells[k]));
			if (cw > w[k])
				w[k] = cw;
		}
	}
	if (w[1] > 36)
		w[1] = 36; /* long names are cut, so a row fits 80 columns */
	struct strbuf line = STRBUF_INIT;
	for (int k = 0; k < 5; k++) {
		fit(&line, head[k], w[k]);
		strbuf_adds(&line, "  ");
	}
	strbuf_adds(&line, head[5]);
	puts(strbuf_str(&line));
	for (size_t i = 0; i < c->n_items; i++) {
		const struct dossier *d = &c->items[i];
		const char *cells[] = { d->reference, d->org.name, category_code(d->category),
					dossier_status_name(d->status), d->assessor ? d->assessor : "",
					d->received_on ? d->received_on : "" };
		strbuf_reset(&line);
		for (int k = 0; k < 5; k++) {
			fit(&line, cells[k], w[k]);
			strbuf_adds(&line, "  ");
		}
		strbuf_adds(&line, cells[5]);
		/* No trailing blanks when the last cells are empty. */
		while (line.len && line.data[line.len - 1] == ' ')
			line.data[--line.len] = '\0';
		puts(strbuf_str(&line));
	}
	strbuf_release(&line);
}

static int dossier_list_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "status", required_argument, NULL, 's' },
		{ "category", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct dossier_filter f = DOSSIER_FILTER_ALL;
	struct list_ctx c = { 0 };
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "dossier")) != -1) {
		switch (opt) {
		case 's': {
			enum dossier_status st;
			if (!dossier_status_parse(optarg, &st))
				return cli_usage_error("dossier", _("unknown status '%s'"), optarg);
			f.status = (int)st;
			break;
		}
		case 'c': {
			enum category cat;
			if (!category_parse(optarg, &cat))
				return cli_usage_error("dossier", _("unknown category '%s': oktt, csirt, cert or isp"),
						       optarg);
			f.category = (int)cat;
			break;
		}
		case 'j': c.json = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("dossier", _("unexpected argument '%s'"), argv[optind]);
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	if (c.json) {
		json_init(&c.j, stdout);
		json_array_begin(&c.j);
	}
	if (dossier_list(s, &f, collect, &c, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else if (c.json) {
		json_array_end(&c.j);
		json_finish(&c.j);
	} else {
		print_table(&c);
	}
	for (size_t i = 0; i < c.n_items; i++)
		dossier_release(&c.items[i]);
	free(c.items);
	store_close(&s);
	return rc;
}

/* ---- show ------------------------------------------------------------------------- */

struct show_ctx {
	bool json;
	struct json *j;
	struct strbuf tmp;
};

static bool show_contact(const struct contact *c, void *ctx)
{
	struct show_ctx *x = ctx;
	if (x->json) {
		json_object_begin(x->j);
		json_field(x->j, "name", c->name);
		json_field(x->j, "role", c->role);
		json_field(x->j, "email", c->email);
		json_field(x->j, "phone", c->phone);
		json_field(x->j, "pgp_fingerprint", c->pgp_fingerprint);
		json_object_end(x->j);
		return true;
	}
	struct strbuf line = STRBUF_INIT;
	strbuf_addf(&line, "  - %s", safe(&x->tmp, c->name));
	if (c->role)
		strbuf_addf(&line, " (%s)", safe(&x->tmp, c->role));
	if (c->email)
		strbuf_addf(&line, ", %s", safe(&x->tmp, c->email));
	if (c->phone)
		strbuf_addf(&line, ", %s", safe(&x->tmp, c->phone));
	if (c->pgp_fingerprint)
		strbuf_addf(&line, ", PGP %s", c->pgp_fingerprint);
	puts(strbuf_str(&line));
	strbuf_release(&line);
	return true;
}

static bool show_document(const struct document *d, void *ctx)
{
	struct show_ctx *x = ctx;
	if (x->json) {
		json_object_begin(x->j);
		json_field(x->j, "id", d->id);
		json_field(x->j, "title", d->title);
		json_field(x->j, "kind", d->kind);
		json_field(x->j, "received_on", d->received_on);
		json_field(x->j, "filename", d->filename);
		json_key(x->j, "size");
		json_int(x->j, d->size);
		json_field(x->j, "sha256", d->sha256);
		json_field(x->j, "added_by", d->added_by);
		json_field(x->j, "added_at", d->added_at);
		json_object_end(x->j);
		return true;
	}
	printf("  - %.8s  %-22s %s (%lld %s)\n", d->id, d->kind, safe(&x->tmp, d->title),
	       (long long)d->size, _("bytes"));
	return true;
}

static bool show_change(const struct status_change *c, void *ctx)
{
	struct show_ctx *x = ctx;
	enum dossier_status to = STATUS_COUNT;
	dossier_status_parse(c->to, &to);
	if (x->json) {
		json_object_begin(x->j);
		json_field(x->j, "from", c->from);
		json_field(x->j, "to", c->to);
		json_field(x->j, "account", c->account);
		json_field(x->j, "at", c->at);
		json_field(x->j, "reason", c->reason);
		json_object_end(x->j);
		return true;
	}
	printf("  %s  %-12s %s", c->at, c->account, dossier_status_name(to));
	if (c->reason)
		printf(" (%s)", safe(&x->tmp, c->reason));
	putchar('\n');
	return true;
}

static bool show_note(const struct note *n, void *ctx)
{
	struct show_ctx *x = ctx;
	if (x->json) {
		json_object_begin(x->j);
		json_field(x->j, "text", n->text);
		json_field(x->j, "account", n->account);
		json_field(x->j, "at", n->at);
		json_object_end(x->j);
		return true;
	}
	struct strbuf head = STRBUF_INIT, out = STRBUF_INIT;
	strbuf_addf(&head, "  %s  %s: ", n->at, n->account);
	utf8_wrap(&out, n->text, 78, strbuf_str(&head), "    ");
	fputs(strbuf_str(&out), stdout);
	strbuf_release(&head);
	strbuf_release(&out);
	return true;
}

static int dossier_show(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "dossier")) != -1) {
		switch (opt) {
		case 'j': json = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("dossier", _("give one dossier reference"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	struct dossier d;
	if (dossier_get(s, argv[optind], &d, &e) != TOETS_OK) {
		rc = cli_fail(&e);
		store_close(&s);
		return rc;
	}
	struct json j;
	struct show_ctx x = { json, &j, STRBUF_INIT };
	enum toets_status st = TOETS_OK;
	if (json) {
		json_init(&j, stdout);
		json_object_begin(&j);
		json_field(&j, "reference", d.reference);
		json_field(&j, "id", d.id);
		json_key(&j, "organisation");
		json_object_begin(&j);
		json_field(&j, "name", d.org.name);
		json_field(&j, "kvk", d.org.kvk);
		json_field(&j, "legal_form", d.org.legal_form);
		json_field(&j, "address", d.org.address);
		json_field(&j, "website", d.org.website);
		json_field(&j, "representative", d.org.representative);
		json_object_end(&j);
		json_field(&j, "category", category_code(d.category));
		json_field(&j, "status", dossier_status_code(d.status));
		json_field(&j, "status_name", dossier_status_name(d.status));
		json_field(&j, "assessor", d.assessor);
		json_field(&j, "received_on", d.received_on);
		json_field(&j, "created_at", d.created_at);
		json_field(&j, "updated_at", d.updated_at);
		json_key(&j, "contacts");
		json_array_begin(&j);
		st = contact_list(s, d.id, show_contact, &x, &e);
		json_array_end(&j);
		json_key(&j, "documents");
		json_array_begin(&j);
		if (st == TOETS_OK)
			st = document_list(s, d.id, show_document, &x, &e);
		json_array_end(&j);
		json_key(&j, "history");
		json_array_begin(&j);
		if (st == TOETS_OK)
			st = dossier_history(s, d.id, show_change, &x, &e);
		json_array_end(&j);
		json_key(&j, "notes");
		json_array_begin(&j);
		if (st == TOETS_OK)
			st = note_list(s, d.id, show_note, &x, &e);
		json_array_end(&j);
		json_object_end(&j);
		json_finish(&j);
	} else {
		struct strbuf line = STRBUF_INIT, next = STRBUF_INIT;
		printf("%s  %s\n\n", d.reference, safe(&x.tmp, d.org.name));
		strbuf_addf(&line, "%s (%s)", category_code(d.category), category_name(d.category));
		field_line(_("category"), strbuf_str(&line));
		strbuf_reset(&line);
		dossier_format_next(d.status, &next);
		strbuf_addf(&line, "%s  (%s %s)", dossier_status_name(d.status), _("next:"), strbuf_str(&next));
		field_line(_("status"), strbuf_str(&line));
		field_line(_("assessor"), d.assessor);
		field_line(_("received"), d.received_on);
		field_line(_("KvK number"), d.org.kvk);
		field_line(_("legal form"), d.org.legal_form);
		field_line(_("address"), d.org.address);
		field_line(_("website"), d.org.website);
		field_line(_("representative"), d.org.representative);
		strbuf_release(&line);
		strbuf_release(&next);
		printf("\n%s\n", _("contacts:"));
		st = contact_list(s, d.id, show_contact, &x, &e);
		printf("\n%s\n", _("documents:"));
		if (st == TOETS_OK)
			st = document_list(s, d.id, show_document, &x, &e);
		printf("\n%s\n", _("status history:"));
		if (st == TOETS_OK)
			st = dossier_history(s, d.id, show_change, &x, &e);
		printf("\n%s\n", _("notes:"));
		if (st == TOETS_OK)
			st = note_list(s, d.id, show_note, &x, &e);
	}
	if (st != TOETS_OK)
		rc = cli_fail(&e);
	strbuf_release(&x.tmp);
	dossier_release(&d);
	store_close(&s);
	return rc;
}

/* ---- set, status, note ------------------------------------------------------------- */

static int plain_options(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "dossier")) != -1) {
		if (opt == 'h') {
			usage(stdout);
			return EXIT_OK;
		}
		return EXIT_USAGE;
	}
	return -1;
}

static int dossier_set_cmd(int argc, char **argv)
{
	int rc = plain_options(argc, argv);
	if (rc >= 0)
		return rc;
	if (argc - optind < 2)
		return cli_usage_error("dossier", _("give a reference and one or more FIELD=VALUE"));
	for (int i = optind + 1; i < argc; i++)
		if (!strchr(argv[i], '='))
			return cli_usage_error("dossier", _("'%s' is not FIELD=VALUE"), argv[i]);
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	/* Each field is its own change, stored at once, as in the workstation. */
	for (int i = optind + 1; i < argc && rc == EXIT_OK; i++) {
		char *field = xstrdup(argv[i]);
		char *eq = strchr(field, '=');
		*eq = '\0';
		if (dossier_set(s, argv[optind], field, eq + 1, &e) != TOETS_OK)
			rc = cli_fail(&e);
		free(field);
	}
	store_close(&s);
	return rc;
}

static int dossier_status_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reason = NULL;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "dossier")) != -1) {
		switch (opt) {
		case 'r': reason = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	int n = argc - optind;
	if (n < 1 || n > 2)
		return cli_usage_error("dossier", _("give a reference and, to change it, the new status"));
	enum dossier_status to = STATUS_COUNT;
	if (n == 2 && !dossier_status_parse(argv[optind + 1], &to))
		return cli_usage_error("dossier", _("unknown status '%s'"), argv[optind + 1]);
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	if (n == 2 && dossier_transition(s, argv[optind], to, reason, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		struct dossier d;
		if (dossier_get(s, argv[optind], &d, &e) != TOETS_OK) {
			rc = cli_fail(&e);
		} else {
			struct strbuf next = STRBUF_INIT;
			dossier_format_next(d.status, &next);
			printf("%s: %s (%s %s)\n", d.reference, dossier_status_name(d.status), _("next:"),
			       strbuf_str(&next));
			strbuf_release(&next);
			dossier_release(&d);
		}
	}
	store_close(&s);
	return rc;
}

static int dossier_note_cmd(int argc, char **argv)
{
	int rc = plain_options(argc, argv);
	if (rc >= 0)
		return rc;
	if (argc - optind != 2)
		return cli_usage_error("dossier", _("give a reference and the text of the note (quoted)"));
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	if (note_add(s, argv[optind], argv[optind + 1], &e) != TOETS_OK)
		rc = cli_fail(&e);
	store_close(&s);
	return rc;
}

int cmd_dossier(int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "new", dossier_new }, { "list", dossier_list_cmd }, { "show", dossier_show },
		{ "set", dossier_set_cmd }, { "status", dossier_status_cmd }, { "note", dossier_note_cmd },
	};
	return cli_dispatch(argc, argv, subs, sizeof(subs) / sizeof(subs[0]), "dossier", usage);
}
