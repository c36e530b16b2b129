/* cmd_constituency.c - toets constituency import | add | remove | list |
 * export | overlaps, and toets lookup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "json.h"
#include "toets/audit.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/outfile.h"
#include "toets/partners.h"
#include "toets/utf8.h"

static void usage(FILE *out)
{
	fputs(_("Usage: toets constituency import REFERENCE FILE [--replace]\n"
		"       toets constituency add REFERENCE VALUE... [--note TEXT]\n"
		"       toets constituency remove REFERENCE VALUE...\n"
		"       toets constituency list REFERENCE [--json]\n"
		"       toets constituency export [REFERENCE] [--format csv|json] [-o FILE]\n"
		"       toets constituency overlaps [REFERENCE] [--designated] [--json]\n"
		"       toets lookup [--all] [--designated] [--json] VALUE...|-\n"
		"\n"
		"A partner's constituency: AS numbers (AS64500), IP prefixes or addresses\n"
		"(192.0.2.0/24, 2001:db8::/32) and domain names (example.nl; an IDN in its\n"
		"xn-- form). A file has one entry per line; '#' starts a comment, and a\n"
		"comment after an entry is kept as its note. An import with any error\n"
		"stores nothing; --replace makes the file the dossier's whole\n"
		"constituency. FILE - is standard input. 'lookup' prints a line per value:\n"
		"the value, then each dossier that covers it with its entry (longest\n"
		"prefix, domain suffix).\n"), out);
}

static void lookup_usage(FILE *out)
{
	fputs(_("Usage: toets lookup [--all] [--designated] [--json] VALUE...\n"
		"       toets lookup [--all] [--designated] [--json] -\n"
		"\n"
		"Which dossiers' constituencies cover each IP address or prefix (the\n"
		"longest prefix that holds it), domain name (the longest name it is under)\n"
		"or AS number. With -, the values are read from standard input, one per\n"
		"line (blank lines and lines starting with '#' are skipped). One line out per\n"
		"value: the value, then each dossier with the entry that covers it.\n"
		"  --all         also the less specific entries that hold it\n"
		"  --designated  only dossiers that are aangewezen or aangesloten\n"
		"  --json        one JSON array\n"
		"Exits 0 when a value is covered, 1 when none is, 65 when a value is invalid.\n"), out);
}

/* Prints the diagnostics of an import on stderr, in order. */
static void print_diags(struct diag_list *dl)
{
	if (dl->n) {
		diag_sort(dl);
		cli_print_diags(dl);
	}
}

/* "2026-0001 Stichting A", sanitised. */
static void owner_label(struct strbuf *out, const struct partners_owner *o)
{
	strbuf_adds(out, o->reference);
	strbuf_addc(out, ' ');
	utf8_sanitize(out, o->organisation, strlen(o->organisation));
}

/* Reads standard input whole, at most CONSTITUENCY_MAX_FILE bytes. */
static int read_stdin(char **out, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		strbuf_add(&sb, chunk, n);
		if (sb.len > CONSTITUENCY_MAX_FILE) {
			strbuf_release(&sb);
			cli_error(_("standard input: larger than %u MiB"), CONSTITUENCY_MAX_FILE / (1024 * 1024));
			return EXIT_DATAERR;
		}
	}
	if (ferror(stdin)) {
		strbuf_release(&sb);
		cli_error(_("cannot read standard input"));
		return EXIT_IOERR;
	}
	*len = sb.len;
	*out = sb.data ? strbuf_detach(&sb) : xstrdup("");
	return EXIT_OK;
}

/* Loads the index, with a warning when stored rows no longer parse. */
static int load_index(struct store *s, bool designated, struct partners_index *pi)
{
	struct toets_error e = { 0 };
	if (partners_index_load(s, designated ? PARTNERS_DESIGNATED : 0, pi, &e) != TOETS_OK) {
		partners_index_release(pi);
		return cli_fail(&e);
	}
	if (pi->n_unreadable)
		cli_error(ngettext("warning: %zu stored entry cannot be read and is left out; run 'toets db check'",
				   "warning: %zu stored entries cannot be read and are left out; run 'toets db check'",
				   pi->n_unreadable),
			  pi->n_unreadable);
	return EXIT_OK;
}

/* ---- import ---------------------------------------------------------------------- */

static int import_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "replace", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned flags = 0;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "constituency")) != -1) {
		switch (opt) {
		case 'r': flags |= PARTNERS_REPLACE; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("constituency", _("give a reference and a file"));
	const char *ref = argv[optind], *file = argv[optind + 1];
	bool from_stdin = strcmp(file, "-") == 0;
	const char *name = from_stdin ? _("standard input") : file;
	char *buf = NULL;
	size_t len = 0;
	int rc;
	if (from_stdin && (rc = read_stdin(&buf, &len)) != EXIT_OK)
		return rc;
	struct store *s;
	if ((rc = cli_open_store(&s)) != EXIT_OK) {
		free(buf);
		return rc;
	}
	struct toets_error e = { 0 };
	struct diag_list dl;
	struct partners_import r;
	diag_init(&dl, name);
	enum toets_status st = from_stdin
				       ? partners_import_buffer(s, ref, "-", buf, len, flags, &dl, &r, &e)
				       : partners_import_file(s, ref, file, flags, &dl, &r, &e);
	free(buf);
	print_diags(&dl);
	diag_release(&dl);
	if (st != TOETS_OK) {
		rc = cli_fail(&e);
		store_close(&s);
		return rc;
	}
	printf(_("%s: %zu entries from %s (SHA-256 %s)\n"), ref, r.entries, name, r.sha256);
	if (flags & PARTNERS_REPLACE)
		printf(_("added %zu, unchanged %zu, notes changed %zu, removed %zu\n"), r.added, r.kept,
		       r.notes_changed, r.removed);
	else
		printf(_("added %zu, already there %zu\n"), r.added, r.kept);
	/* Overlaps with other dossiers are worth knowing at once. */
	struct partners_index pi;
	char id[STORE_ID_LEN];
	if (dossier_lookup(s, ref, id, &e) == TOETS_OK && load_index(s, false, &pi) == EXIT_OK) {
		struct constituency_overlaps ov = { 0 };
		uint32_t owner = partners_index_find(&pi, id);
		size_t n = owner == CONSTITUENCY_NO_OWNER ? 0 : constituency_index_overlaps(pi.ix, owner, &ov);
		if (n)
			printf(ngettext("%zu overlap with other dossiers: see 'toets constituency overlaps %s'\n",
					"%zu overlaps with other dossiers: see 'toets constituency overlaps %s'\n", n),
			       n, ref);
		constituency_overlaps_release(&ov);
		partners_index_release(&pi);
	}
	store_close(&s);
	return EXIT_OK;
}

/* ---- add, remove ------------------------------------------------------------------ */

static int add_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *note = NULL;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "constituency")) != -1) {
		switch (opt) {
		case 'n': note = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind < 2)
		return cli_usage_error("constituency", _("give a reference and one or more values"));
	const char *ref = argv[optind];
	size_t n = (size_t)(argc - optind - 1);
	const char *const *values = (const char *const *)argv + optind + 1;
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct constituency_value *parsed = xcalloc(n, sizeof(*parsed));
	bool *existed = xcalloc(n, sizeof(*existed));
	struct toets_error e = { 0 };
	if (partners_add(s, ref, values, n, note, parsed, existed, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else {
		for (size_t i = 0; i < n; i++) {
			if (parsed[i].warning[0])
				cli_error(_("warning: %s"), parsed[i].warning);
			if (existed[i])
				cli_error(_("%s is already in the constituency of %s"), parsed[i].text, ref);
			else
				puts(parsed[i].text);
		}
	}
	free(parsed);
	free(existed);
	store_close(&s);
	return rc;
}

static int remove_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "constituency")) != -1) {
		if (opt == 'h') {
			usage(stdout);
			return EXIT_OK;
		}
		return EXIT_USAGE;
	}
	if (argc - optind < 2)
		return cli_usage_error("constituency", _("give a reference and one or more values"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	if (partners_remove(s, argv[optind], (const char *const *)argv + optind + 1, (size_t)(argc - optind - 1),
			    &e) != TOETS_OK)
		rc = cli_fail(&e);
	store_close(&s);
	return rc;
}

/* ---- list, export --------------------------------------------------------------------- */

static int list_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "constituency")) != -1) {
		switch (opt) {
		case 'j': json = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("constituency", _("give a reference"));
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	struct partners_rows rows;
	if (partners_read(s, argv[optind], &rows, &e) != TOETS_OK) {
		rc = cli_fail(&e);
	} else if (json) {
		struct json j;
		json_init(&j, stdout);
		json_array_begin(&j);
		for (size_t i = 0; i < rows.n; i++) {
			const struct partners_row *r = &rows.items[i];
			json_object_begin(&j);
			json_field(&j, "kind", partners_kind_code(r->kind));
			json_field(&j, "value", r->value);
			json_field(&j, "note", r->note);
			json_field(&j, "account", r->account);
			json_field(&j, "at", r->at);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_finish(&j);
	} else {
		const char *head[] = { _("KIND"), _("ENTRY"), _("NOTE") };
		size_t w0 = utf8_width(head[0], strlen(head[0])), w1 = utf8_width(head[1], strlen(head[1]));
		if (w0 < 6)
			w0 = 6;
		for (size_t i = 0; i < rows.n; i++) {
			size_t w = strlen(rows.items[i].value);
			if (w > w1)
				w1 = w < 43 ? w : 43; /* the longest IPv6 prefix */
		}
		struct strbuf line = STRBUF_INIT;
		for (size_t i = 0; i <= rows.n; i++) {
			const struct partners_row *r = i ? &rows.items[i - 1] : NULL;
			const char *c0 = r ? partners_kind_code(r->kind) : head[0];
			const char *c1 = r ? r->value : head[1];
			const char *c2 = r ? r->note : head[2];
			strbuf_reset(&line);
			strbuf_adds(&line, c0);
			for (size_t w = utf8_width(c0, strlen(c0)); w < w0 + 2; w++)
				strbuf_addc(&line, ' ');
			utf8_sanitize(&line, c1, strlen(c1));
			if (c2 && *c2) {
				size_t w = utf8_width(c1, strlen(c1));
				for (w = w < w1 ? w1 - w : 0; w > 0; w--)
					strbuf_addc(&line, ' ');
				strbuf_adds(&line, "  ");
				utf8_sanitize(&line, c2, strlen(c2));
			}
			puts(strbuf_str(&line));
		}
		strbuf_release(&line);
	}
	partners_rows_release(&rows);
	store_close(&s);
	return rc;
}

static int export_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	const char *dest = "-";
	int opt;
	while ((opt = cli_getopt(argc, argv, "ho:", options, "constituency")) != -1) {
		switch (opt) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "csv") == 0)
				json = false;
			else
				return cli_usage_error("constituency", _("--format takes csv or json, not '%s'"), optarg);
			break;
		case 'o': dest = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("constituency", _("unexpected argument '%s'"), argv[optind + 1]);
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	struct partners_rows rows;
	char head[AUDIT_HASH_LEN] = "";
	if (partners_read(s, optind < argc ? argv[optind] : NULL, &rows, &e) != TOETS_OK ||
	    (json && audit_head(s, head, &e) != TOETS_OK)) {
		rc = cli_fail(&e);
	} else {
		struct strbuf out = STRBUF_INIT;
		if (json)
			partners_json(&rows, head, &out);
		else
			partners_csv(&rows, &out);
		if (outfile_save(dest, out.data ? out.data : "", out.len, &e) != TOETS_OK)
			rc = cli_fail(&e);
		strbuf_release(&out);
	}
	partners_rows_release(&rows);
	store_close(&s);
	return rc;
}

/* ---- overlaps ------------------------------------------------------------------------ */

static int overlaps_cmd(int argc, char **argv)
{
	static const struct option options[] = {
		{ "designated", no_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool designated = false, json = false;
	int opt;
	while ((opt = cli_getopt(argc, argv, "h", options, "constituency")) != -1) {
		switch (opt) {
		case 'd': designated = true; break;
		case 'j': json = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("constituency", _("unexpected argument '%s'"), argv[optind + 1]);
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct toets_error e = { 0 };
	char id[STORE_ID_LEN];
	if (optind < argc && dossier_lookup(s, argv[optind], id, &e) != TOETS_OK) {
		rc = cli_fail(&e);
		store_close(&s);
		return rc;
	}
	struct partners_index pi;
	if ((rc = load_index(s, designated, &pi)) != EXIT_OK) {
		store_close(&s);
		return rc;
	}
	struct constituency_overlaps ov = { 0 };
	uint32_t only = optind < argc ? partners_index_find(&pi, id) : CONSTITUENCY_NO_OWNER;
	size_t n = optind < argc && only == CONSTITUENCY_NO_OWNER ? 0
								  : constituency_index_overlaps(pi.ix, only, &ov);
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct json j;
	if (json) {
		json_init(&j, stdout);
		json_array_begin(&j);
	}
	for (size_t i = 0; i < n; i++) {
		const struct constituency_overlap *o = &ov.items[i];
		const struct partners_owner *oa = &pi.owners[o->owner_a], *ob = &pi.owners[o->owner_b];
		if (json) {
			json_object_begin(&j);
			json_field(&j, "overlap", o->kind == CONSTITUENCY_OVERLAP_SAME ? "same" : "inside");
			json_field(&j, "kind", partners_kind_code(o->what));
			const struct partners_owner *both[] = { oa, ob };
			const char *texts[] = { o->text_a, o->text_b };
			for (int k = 0; k < 2; k++) {
				json_key(&j, k ? "b" : "a");
				json_object_begin(&j);
				json_field(&j, "reference", both[k]->reference);
				json_field(&j, "organisation", both[k]->organisation);
				json_field(&j, "status", both[k]->status);
				json_field(&j, "entry", texts[k]);
				json_object_end(&j);
			}
			json_object_end(&j);
			continue;
		}
		strbuf_reset(&a);
		strbuf_reset(&b);
		owner_label(&a, oa);
		owner_label(&b, ob);
		if (o->kind == CONSTITUENCY_OVERLAP_SAME)
			printf(_("%s: claimed by %s and by %s\n"), o->text_a, strbuf_str(&a), strbuf_str(&b));
		else
			printf(_("%s of %s lies inside %s of %s\n"), o->text_a, strbuf_str(&a), o->text_b,
			       strbuf_str(&b));
	}
	if (json) {
		json_array_end(&j);
		json_finish(&j);
	} else if (!n) {
		puts(_("no overlaps"));
	}
	strbuf_release(&a);
	strbuf_release(&b);
	constituency_overlaps_release(&ov);
	partners_index_release(&pi);
	store_close(&s);
	return EXIT_OK;
}

int cmd_constituency(int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "import", import_cmd },     { "add", add_cmd },	  { "remove", remove_cmd },
		{ "list", list_cmd },	      { "export", export_cmd }, { "overlaps", overlaps_cmd },
	};
	return cli_dispatch(argc, argv, subs, sizeof(subs) / sizeof(subs[0]), "constituency", usage);
}

/* ---- lookup ---------------------------------------------------------------------------- */

struct lookup_ctx {
	const struct partners_index *pi;
	unsigned flags;
	bool json;
	struct json j;
	struct constituency_matches m;
	struct constituency_value v;
	struct strbuf line, tmp;
	size_t covered, invalid;
};

/* One value: its line (or JSON object) out, or its error on stderr. */
static void lookup_one(struct lookup_ctx *c, const char *text, size_t len, unsigned lineno)
{
	struct toets_error e;
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' ' ||
		       text[len - 1] == '\t'))
		len--;
	while (len && (*text == ' ' || *text == '\t')) {
		text++;
		len--;
	}
	if (constituency_parse_query(text, len, &c->v, &e) != TOETS_OK) {
		c->invalid++;
		strbuf_reset(&c->tmp);
		utf8_quote(&c->tmp, text, len, 80);
		if (lineno)
			cli_error(_("standard input, line %u: %s: %s"), lineno, strbuf_str(&c->tmp), e.message);
		else
			cli_error("%s: %s", strbuf_str(&c->tmp), e.message);
		if (c->json) {
			json_object_begin(&c->j);
			strbuf_reset(&c->tmp);
			/* Valid UTF-8 as it is; anything else with its bytes as \xNN. */
			if (utf8_invalid_offset(text, len) == len && !memchr(text, '\0', len))
				strbuf_add(&c->tmp, text, len);
			else
				utf8_quote(&c->tmp, text, len, 80);
			json_field(&c->j, "query", strbuf_str(&c->tmp));
			json_field(&c->j, "error", e.message);
			json_object_end(&c->j);
		}
		return;
	}
	size_t n = constituency_index_lookup(c->pi->ix, &c->v, c->flags, &c->m);
	c->covered += n > 0;
	if (c->json) {
		json_object_begin(&c->j);
		strbuf_reset(&c->tmp);
		strbuf_add(&c->tmp, text, len);
		json_field(&c->j, "query", strbuf_str(&c->tmp));
		json_field(&c->j, "value", c->v.text);
		json_key(&c->j, "matches");
		json_array_begin(&c->j);
		for (size_t i = 0; i < n; i++) {
			const struct constituency_match *mt = &c->m.items[i];
			const struct partners_owner *o = &c->pi->owners[mt->owner];
			json_object_begin(&c->j);
			json_field(&c->j, "reference", o->reference);
			json_field(&c->j, "organisation", o->organisation);
			json_field(&c->j, "status", o->status);
			json_field(&c->j, "entry", mt->text);
			json_key(&c->j, "depth");
			json_int(&c->j, mt->depth);
			json_object_end(&c->j);
		}
		json_array_end(&c->j);
		json_object_end(&c->j);
		return;
	}
	strbuf_reset(&c->line);
	strbuf_add(&c->line, text, len);
	strbuf_adds(&c->line, " -> ");
	if (!n)
		strbuf_adds(&c->line, _("not covered"));
	for (size_t i = 0; i < n; i++) {
		const struct constituency_match *mt = &c->m.items[i];
		if (i)
			strbuf_adds(&c->line, "; ");
		owner_label(&c->line, &c->pi->owners[mt->owner]);
		if (mt->depth)
			strbuf_addf(&c->line, " (%s, %s)", mt->text, _("less specific"));
		else
			strbuf_addf(&c->line, " (%s)", mt->text);
	}
	strbuf_addc(&c->line, '\n');
	fwrite(c->line.data, 1, c->line.len, stdout);
}

/* Up to this many values on the command line are looked up in an index of
 * only the entries that could hold them; more, or standard input, read the
 * whole constituency table once. */
enum { LOOKUP_FEW = 256 };

int cmd_lookup(int argc, char **argv)
{
	static const struct option options[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "designated", no_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct lookup_ctx c = { .line = STRBUF_INIT, .tmp = STRBUF_INIT };
	bool designated = false;
	int opt;
	while ((opt = cli_getopt(argc, argv, "ahj", options, "lookup")) != -1) {
		switch (opt) {
		case 'a': c.flags |= CONSTITUENCY_LESS_SPECIFIC; break;
		case 'd': designated = true; break;
		case 'j': c.json = true; break;
		case 'h': lookup_usage(stdout); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error("lookup", _("give one or more values, or - to read them from standard input"));
	bool from_stdin = argc - optind == 1 && strcmp(argv[optind], "-") == 0;
	struct store *s;
	int rc = cli_open_store(&s);
	if (rc != EXIT_OK)
		return rc;
	struct partners_index pi;
	if (!from_stdin && argc - optind <= LOOKUP_FEW) {
		/* A few values: only the entries that could hold them are read. */
		struct constituency_value *q = xcalloc((size_t)(argc - optind), sizeof(*q));
		size_t n = 0;
		struct toets_error e = { 0 };
		for (int i = optind; i < argc; i++)
			if (constituency_parse_query(argv[i], strlen(argv[i]), &q[n], &e) == TOETS_OK)
				n++;
		enum toets_status st = partners_index_load_for(s, designated ? PARTNERS_DESIGNATED : 0, q, n, &pi, &e);
		free(q);
		if (st != TOETS_OK) {
			partners_index_release(&pi);
			rc = cli_fail(&e);
		}
	} else {
		rc = load_index(s, designated, &pi);
	}
	store_close(&s);
	if (rc != EXIT_OK)
		return rc;
	c.pi = &pi;
	if (c.json) {
		json_init(&c.j, stdout);
		json_array_begin(&c.j);
	}
	if (from_stdin) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;
		unsigned lineno = 0;
		while ((len = getline(&line, &cap, stdin)) > 0) {
			lineno++;
			const char *p = line;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '\n' || *p == '\r' || *p == '#' || !*p)
				continue;
			lookup_one(&c, line, (size_t)len, lineno);
		}
		free(line);
		if (ferror(stdin)) {
			cli_error(_("cannot read standard input"));
			rc = EXIT_IOERR;
		}
	} else {
		for (int i = optind; i < argc; i++)
			lookup_one(&c, argv[i], strlen(argv[i]), 0);
	}
	if (c.json) {
		json_array_end(&c.j);
		json_finish(&c.j);
	}
	if (rc == EXIT_OK)
		rc = c.invalid ? EXIT_DATAERR : c.covered ? EXIT_OK : EXIT_FAILED;
	constituency_matches_release(&c.m);
	strbuf_release(&c.line);
	strbuf_release(&c.tmp);
	partners_index_release(&pi);
	return rc;
}
