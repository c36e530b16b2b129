/* letter.c - letters: templates found and filled, drafts, issuing once,
 * reading back, and the record of printing. */
#include "toets/letter.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "letter_int.h"
#include "toets/audit.h"
#include "toets/i18n.h"
#include "toets/ident.h"
#include "toets/paths.h"
#include "toets/procedure.h"
#include "toets/render.h"

static const struct {
	const char *code;
	const char *name;
} kinds[LETTER_KIND_COUNT] = {
	[LETTER_ONTVANGST] = { "ontvangstbevestiging", "ontvangstbevestiging" },
	[LETTER_AANVULLING] = { "verzoek-aanvulling", "verzoek om aanvulling" },
	[LETTER_AANWIJZING] = { "aanwijzingsbesluit", "aanwijzingsbesluit" },
	[LETTER_AFWIJZING] = { "afwijzingsbesluit", "afwijzingsbesluit" },
	[LETTER_INTREKKING] = { "intrekkingsbesluit", "intrekkingsbesluit" },
	[LETTER_SAMENVATTING] = { "samenvatting", "samenvatting van de aanwijzing" },
};

const char *letter_kind_code(enum letter_kind k)
{
	return k < LETTER_KIND_COUNT ? kinds[k].code : "?";
}

const char *letter_kind_name(enum letter_kind k)
{
	return k < LETTER_KIND_COUNT ? kinds[k].name : "?";
}

bool letter_kind_parse(const char *text, enum letter_kind *out)
{
	for (int i = 0; i < LETTER_KIND_COUNT; i++) {
		if (strcmp(text, kinds[i].code) == 0 || strcmp(text, kinds[i].name) == 0) {
			*out = (enum letter_kind)i;
			return true;
		}
	}
	return false;
}

const char *letter_kind_list(void)
{
	return "ontvangstbevestiging, verzoek-aanvulling, aanwijzingsbesluit, afwijzingsbesluit, "
	       "intrekkingsbesluit, samenvatting";
}

static void hex_sha256(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* ---- templates --------------------------------------------------------------- */

/* Reads the first KIND.md on the template search path. */
static enum toets_status read_template(enum letter_kind kind, const struct settings *cfg, char **path,
				       char **src, size_t *len, struct toets_error *e)
{
	struct path_list dirs;
	paths_templates_search(&dirs, cfg ? cfg->template_dir : NULL);
	enum toets_status st = TOETS_ERR_NOT_FOUND;
	*path = NULL;
	*src = NULL;
	for (size_t i = 0; i < dirs.n && st == TOETS_ERR_NOT_FOUND; i++) {
		char *p = xasprintf("%s/%s.md", dirs.dirs[i], letter_kind_code(kind));
		FILE *f = fopen(p, "rb");
		if (!f) {
			free(p);
			continue;
		}
		struct stat sb;
		if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
			st = toets_fail(e, TOETS_ERR_IO, _("%s: not a regular file"), p);
		} else if (sb.st_size > TEMPLATE_MAX_SIZE) {
			st = toets_fail(e, TOETS_ERR_INVALID, _("%s: the template is larger than %d KiB"), p,
					TEMPLATE_MAX_SIZE / 1024);
		} else {
			*src = xmalloc((size_t)sb.st_size + 1);
			*len = fread(*src, 1, (size_t)sb.st_size, f);
			(*src)[*len] = '\0';
			st = ferror(f) ? toets_fail(e, TOETS_ERR_IO, _("%s: cannot read"), p) : TOETS_OK;
		}
		fclose(f);
		if (st == TOETS_OK)
			*path = p;
		else
			free(p);
	}
	if (st == TOETS_ERR_NOT_FOUND) {
		struct strbuf where = STRBUF_INIT;
		for (size_t i = 0; i < dirs.n; i++)
			strbuf_addf(&where, "%s%s", i ? ", " : "", dirs.dirs[i]);
		st = toets_fail(e, TOETS_ERR_NOT_FOUND, _("no template %s.md in %s"), letter_kind_code(kind),
				strbuf_str(&where));
		strbuf_release(&where);
	}
	if (st != TOETS_OK) {
		free(*src);
		*src = NULL;
	}
	path_list_release(&dirs);
	return st;
}

static void draft_meta(const struct letter_draft *d, bool draft, time_t created, struct render_meta *m)
{
	*m = (struct render_meta){
		.title = letter_kind_name(d->kind),
		.reference = d->reference,
		.audit_hash = d->audit_head,
		.draft = draft ? "CONCEPT" : NULL,
		.created = created,
	};
}

enum toets_status letter_draft(struct store *s, const char *reference, enum letter_kind kind,
			       const struct settings *cfg, struct letter_draft *out, struct diag_list *dl,
			       struct toets_error *e)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	struct letter_facts lf;
	enum toets_status st = letter_facts_load(s, reference, kind, cfg, &lf, e);
	if (st != TOETS_OK)
		return st;
	char *src = NULL;
	size_t len = 0;
	struct template_fields f = { 0 };
	if ((st = read_template(kind, cfg, &out->template_path, &src, &len, e)) != TOETS_OK)
		goto done;
	hex_sha256(src, len, out->template_sha256);
	if ((st = audit_head(s, out->audit_head, e)) != TOETS_OK || (st = letter_values(s, &lf, &f, e)) != TOETS_OK)
		goto done;
	diag_release(dl);
	diag_init(dl, out->template_path);
	enum toets_status filled = template_fill(src, len, &f, &out->doc, dl);
	diag_set_source(dl, NULL, 0); /* src is freed below */
	if (filled != TOETS_OK) {
		st = toets_fail(e, TOETS_ERR_INVALID, _("the template %s has errors"), out->template_path);
		goto done;
	}
	snprintf(out->reference, sizeof(out->reference), "%s", lf.d.reference);
	snprintf(out->dated, sizeof(out->dated), "%s", lf.today);
	if (lf.has_decision)
		snprintf(out->decision_id, sizeof(out->decision_id), "%s", lf.dec.id);
	if (lf.missing.len)
		out->missing = xstrdup(strbuf_str(&lf.missing));
	struct render_meta m;
	struct strbuf text = STRBUF_INIT;
	draft_meta(out, true, time(NULL), &m);
	render_text(out->doc, &m, RENDER_TEXT_WIDTH, &text);
	out->text = strbuf_detach(&text);
done:
	template_fields_release(&f);
	free(src);
	letter_facts_release(&lf);
	if (st != TOETS_OK)
		letter_draft_release(out);
	return st;
}

void letter_draft_release(struct letter_draft *d)
{
	xfree(&d->template_path);
	if (d->doc)
		cmark_node_free(d->doc);
	d->doc = NULL;
	xfree(&d->text);
	xfree(&d->missing);
}

enum toets_status letter_draft_pdf(const struct letter_draft *d, struct strbuf *pdf, struct toets_error *e)
{
	struct render_meta m;
	draft_meta(d, true, time(NULL), &m);
	return render_pdf(d->doc, &m, pdf, e);
}

/* ---- issued letters ------------------------------------------------------------ */

void letter_release(struct letter *l)
{
	xfree(&l->template_id);
	xfree(&l->template_sha256);
	xfree(&l->text);
	xfree(&l->sha256);
	free(l->pdf);
	l->pdf = NULL;
	xfree(&l->pdf_sha256);
	xfree(&l->audit_head);
	xfree(&l->dated);
	xfree(&l->issued_by);
	xfree(&l->issued_at);
}

#define LETTER_COLUMNS                                                                              \
	"SELECT l.id, l.kind, l.template_id, l.template_sha256, l.sha256, l.pdf_sha256, l.audit_head, " \
	"l.dated, l.issued_by, l.issued_at, "                                                        \
	"(SELECT count(*) FROM letter_print p WHERE p.letter_id = l.id), "

static void read_letter(sqlite3_stmt *q, struct letter *l, bool with_body)
{
	memset(l, 0, sizeof(*l));
	snprintf(l->id, sizeof(l->id), "%s", store_text(q, 0));
	enum letter_kind k = LETTER_ONTVANGST;
	letter_kind_parse(store_text(q, 1), &k);
	l->kind = k;
	l->template_id = store_strdup(q, 2);
	l->template_sha256 = store_strdup(q, 3);
	l->sha256 = store_strdup(q, 4);
	l->pdf_sha256 = store_strdup(q, 5);
	l->audit_head = store_strdup(q, 6);
	l->dated = store_strdup(q, 7);
	l->issued_by = store_strdup(q, 8);
	l->issued_at = store_strdup(q, 9);
	l->prints = sqlite3_column_int(q, 10);
	if (with_body) {
		l->text = store_strdup(q, 11);
		l->pdf_len = (size_t)sqlite3_column_bytes(q, 12);
		l->pdf = xmalloc(l->pdf_len ? l->pdf_len : 1);
		if (l->pdf_len)
			memcpy(l->pdf, sqlite3_column_blob(q, 12), l->pdf_len);
	}
}

enum toets_status letter_get(struct store *s, const char *reference, enum letter_kind kind,
			     struct letter *out, struct toets_error *e)
{
	static const char sql[] = LETTER_COLUMNS "l.text, l.pdf FROM letter l "
						 "WHERE l.dossier_id = ? AND l.kind = ? ORDER BY l.rowid DESC LIMIT 1";
	memset(out, 0, sizeof(*out));
	char id[STORE_ID_LEN];
	enum toets_status st = dossier_lookup(s, reference, id, e);
	if (st != TOETS_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, letter_kind_code(kind), -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_letter(q, out, true);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW) {
		/* The stored letter is the letter: prove it is still what was issued. */
		char h[65];
		hex_sha256(out->text, strlen(out->text), h);
		bool text_ok = strcmp(h, out->sha256) == 0;
		hex_sha256(out->pdf, out->pdf_len, h);
		if (!text_ok || strcmp(h, out->pdf_sha256) != 0) {
			letter_release(out);
			return toets_fail(e, TOETS_ERR_CORRUPT,
					  _("the stored %s of %s does not match its SHA-256: the database was "
					    "changed outside toets"),
					  letter_kind_name(kind), reference);
		}
		return TOETS_OK;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the letter"), e);
	return toets_fail(e, TOETS_ERR_NOT_FOUND, _("dossier %s has no issued %s"), reference,
			  letter_kind_name(kind));
}

enum toets_status letter_list(struct store *s, const char *dossier_id,
			      bool (*fn)(const struct letter *l, void *ctx), void *ctx, struct toets_error *e)
{
	static const char sql[] = LETTER_COLUMNS "NULL FROM letter l WHERE l.dossier_id = ? ORDER BY l.rowid";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, dossier_id, -1, SQLITE_STATIC);
	int rc;
	bool go_on = true;
	while (go_on && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct letter l;
		read_letter(q, &l, false);
		go_on = fn(&l, ctx);
		letter_release(&l);
	}
	sqlite3_reset(q);
	if (go_on && rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the letters"), e);
	return TOETS_OK;
}

/* Whether this letter was issued already (for its decision). */
static enum toets_status already_issued(struct store *s, const char *dossier_id, enum letter_kind kind,
					const char *decision_id, const char *reference, struct toets_error *e)
{
	static const char sql[] = "SELECT dated, issued_by FROM letter WHERE dossier_id = ? AND kind = ? "
				  "AND ifnull(decision_id, '') = ?";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, dossier_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, letter_kind_code(kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, decision_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	enum toets_status st = TOETS_OK;
	if (rc == SQLITE_ROW)
		st = toets_fail(e, TOETS_ERR_EXISTS,
				_("the %s of %s was issued on %s by %s; an issued letter is never made again "
				  "('toets letter show %s %s')"),
				letter_kind_name(kind), reference, store_text(q, 0), store_text(q, 1), reference,
				letter_kind_code(kind));
	else if (rc != SQLITE_DONE)
		st = store_fail(s, rc, _("reading the letters"), e);
	sqlite3_reset(q);
	return st;
}

static enum toets_status insert_letter(struct store *s, const char *dossier_id, const struct letter_draft *d,
				       const struct letter *l, struct toets_error *e)
{
	static const char sql[] =
		"INSERT INTO letter (id, dossier_id, decision_id, kind, template_id, template_sha256, source, "
		"text, sha256, pdf, pdf_sha256, audit_head, dated, issued_by, issued_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	/* The filled tree as CommonMark, kept for reading; the letter is its text and PDF. */
	char *source = cmark_render_commonmark(d->doc, CMARK_OPT_DEFAULT, 0);
	sqlite3_bind_text(q, 1, l->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, dossier_id, -1, SQLITE_STATIC);
	if (d->decision_id[0])
		sqlite3_bind_text(q, 3, d->decision_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, letter_kind_code(d->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, l->template_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, d->template_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 8, l->text, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 9, l->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_blob(q, 10, l->pdf, (int)l->pdf_len, SQLITE_STATIC);
	sqlite3_bind_text(q, 11, l->pdf_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 12, d->audit_head, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 13, d->dated, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 14, l->issued_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 15, l->issued_at, -1, SQLITE_STATIC);
	enum toets_status st = store_step_done(s, q, _("storing the letter"), e);
	free(source);
	return st;
}

enum toets_status letter_issue(struct store *s, const char *reference, enum letter_kind kind,
			       const struct settings *cfg, struct letter *out, struct diag_list *dl,
			       struct toets_error *e)
{
	memset(out, 0, sizeof(*out));
	if (kind == LETTER_SAMENVATTING)
		return toets_fail(e, TOETS_ERR_REFUSED,
				  _("the summary is never issued: it is made afresh each time it is shown or printed"));
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	/* Drafted inside the transaction: what it says is what is stored now. */
	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	struct letter_draft d;
	char dossier_id[STORE_ID_LEN];
	if ((st = letter_draft(s, reference, kind, cfg, &d, dl, e)) != TOETS_OK) {
		store_rollback(s);
		return st;
	}
	if (d.missing) {
		size_t n = strlen(d.missing);
		st = toets_fail(e, TOETS_ERR_REFUSED, _("the %s of %s cannot be issued yet:\n%.*s"),
				letter_kind_name(kind), reference, (int)(n && d.missing[n - 1] == '\n' ? n - 1 : n),
				d.missing);
		goto fail;
	}
	if ((st = dossier_lookup(s, reference, dossier_id, e)) != TOETS_OK ||
	    (st = already_issued(s, dossier_id, kind, d.decision_id, reference, e)) != TOETS_OK)
		goto fail;
	time_t now = time(NULL);
	char at[TIMESTAMP_LEN];
	timestamp_now(at);
	struct render_meta m;
	draft_meta(&d, false, now, &m);
	struct strbuf text = STRBUF_INIT, pdf = STRBUF_INIT;
	render_text(d.doc, &m, RENDER_TEXT_WIDTH, &text);
	if ((st = render_pdf(d.doc, &m, &pdf, e)) != TOETS_OK) {
		strbuf_release(&text);
		strbuf_release(&pdf);
		goto fail;
	}
	store_new_id(out->id);
	out->kind = kind;
	out->template_id = xstrdup(letter_kind_code(kind));
	out->template_sha256 = xstrdup(d.template_sha256);
	out->pdf_len = pdf.len;
	out->text = strbuf_detach(&text);
	out->pdf = (unsigned char *)strbuf_detach(&pdf);
	out->sha256 = xmalloc(65);
	hex_sha256(out->text, strlen(out->text), out->sha256);
	out->pdf_sha256 = xmalloc(65);
	hex_sha256(out->pdf, out->pdf_len, out->pdf_sha256);
	out->audit_head = xstrdup(d.audit_head);
	out->dated = xstrdup(d.dated);
	out->issued_by = xstrdup(account);
	out->issued_at = xstrdup(at);
	if ((st = insert_letter(s, dossier_id, &d, out, e)) != TOETS_OK)
		goto fail;
	/* The invitation to supplement suspends the decision term from the
	 * day after it (Awb 4:15): the clock's record, with the letter. */
	char suspension[STORE_ID_LEN] = "";
	if (kind == LETTER_AANVULLING &&
	    (st = procedure_open_from_letter(s, dossier_id, out->id, d.dated, d.decision_id, account, at, suspension,
					     e)) != TOETS_OK)
		goto fail;
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "letter", out->id);
	audit_payload_add(&p, "kind", letter_kind_code(kind));
	audit_payload_add(&p, "decision", d.decision_id[0] ? d.decision_id : NULL);
	audit_payload_add(&p, "template_sha256", d.template_sha256);
	audit_payload_add(&p, "sha256", out->sha256);
	audit_payload_add(&p, "pdf_sha256", out->pdf_sha256);
	audit_payload_add(&p, "audit_head", d.audit_head);
	if (suspension[0])
		audit_payload_add(&p, "suspension", suspension);
	letter_draft_release(&d);
	if ((st = audit_commit(s, account, "letter.issue", dossier_id, &p, e)) != TOETS_OK)
		letter_release(out);
	return st;
fail:
	letter_draft_release(&d);
	letter_release(out);
	store_rollback(s);
	return st;
}

enum toets_status letter_record_print(struct store *s, const struct letter *l, const char *command,
				      struct toets_error *e)
{
	static const char sql[] = "INSERT INTO letter_print (id, letter_id, command, account, at) "
				  "SELECT ?, id, ?, ?, ? FROM letter WHERE id = ?";
	static const char sql_dossier[] = "SELECT dossier_id FROM letter WHERE id = ?";
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	enum toets_status st = store_begin(s, e);
	if (st != TOETS_OK)
		return st;
	char id[STORE_ID_LEN], at[TIMESTAMP_LEN], dossier_id[STORE_ID_LEN] = "";
	store_new_id(id);
	timestamp_now(at);
	sqlite3_stmt *q = store_prepare(s, sql_dossier, e);
	if (!q) {
		store_rollback(s);
		return e->status;
	}
	sqlite3_bind_text(q, 1, l->id, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		snprintf(dossier_id, sizeof(dossier_id), "%s", store_text(q, 0));
	sqlite3_reset(q);
	if (!(q = store_prepare(s, sql, e))) {
		store_rollback(s);
		return e->status;
	}
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, command, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, l->id, -1, SQLITE_STATIC);
	if ((st = store_step_done(s, q, _("recording the print"), e)) != TOETS_OK) {
		store_rollback(s);
		return st;
	}
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "letter", l->id);
	audit_payload_add(&p, "kind", letter_kind_code(l->kind));
	audit_payload_add(&p, "command", command);
	return audit_commit(s, account, "letter.print", dossier_id[0] ? dossier_id : NULL, &p, e);
}
