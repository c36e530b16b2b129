/* register.c - the register of designations. */
#include "toets/register.h"

#include <stdlib.h>
#include <string.h>

#include "toets/clock.h"
#include "toets/i18n.h"
#include "toets/template.h"
#include "toets/utf8.h"

enum toets_status register_read(struct store *s, const char *today, struct register_rows *out,
				struct toets_error *e)
{
	static const char sql[] =
		"SELECT d.reference, o.name, d.category, d.status, x.effective_on, x.reassess_on, "
		"(SELECT date(w.reviewed_at, 'localtime') FROM decision w WHERE w.dossier_id = d.id AND "
		" w.kind = 'intrekken' AND w.state = 'goedgekeurd' ORDER BY w.rowid DESC LIMIT 1) "
		"FROM dossier d JOIN organisation o ON o.id = d.organisation_id "
		"JOIN decision x ON x.id = (SELECT y.id FROM decision y WHERE y.dossier_id = d.id AND "
		" y.kind = 'aanwijzen' AND y.state = 'goedgekeurd' ORDER BY y.rowid DESC LIMIT 1) "
		"ORDER BY d.ref_year, d.ref_seq";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	size_t cap = 0;
	char soon[DATE_LEN];
	clock_add_days(today, REGISTER_DUE_DAYS, soon);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		out->items = xgrow(out->items, &cap, out->n + 1, sizeof(*out->items));
		struct register_row *r = &out->items[out->n++];
		r->reference = store_strdup(q, 0);
		r->organisation = store_strdup(q, 1);
		r->category = store_strdup(q, 2);
		r->status = store_strdup(q, 3);
		r->effective_on = store_strdup(q, 4);
		r->reassess_on = store_strdup(q, 5);
		r->withdrawn_on = store_strdup(q, 6);
		r->due = r->withdrawn_on ? ""
			 : strcmp(r->reassess_on, today) < 0 ? "te laat"
			 : strcmp(r->reassess_on, soon) <= 0 ? "binnenkort"
							      : "";
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		register_rows_release(out);
		return store_fail(s, rc, _("reading the register"), e);
	}
	return TOETS_OK;
}

void register_rows_release(struct register_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct register_row *x = &r->items[i];
		free(x->reference);
		free(x->organisation);
		free(x->category);
		free(x->status);
		free(x->effective_on);
		free(x->reassess_on);
		free(x->withdrawn_on);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}

/* A cell padded, or cut with "…", to `width` display columns. */
static void cell(struct strbuf *out, const char *text, size_t width)
{
	struct strbuf clean = STRBUF_INIT;
	utf8_sanitize(&clean, text, strlen(text));
	const char *s = strbuf_str(&clean);
	size_t n = clean.len, used = 0;
	bool fits = utf8_width(s, n) <= width;
	size_t room = fits ? width : width - 1;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		int w = utf8_cp_width(cp);
		size_t cw = w > 0 ? (size_t)w : 0;
		if (!len || used + cw > room)
			break;
		strbuf_add(out, s + i, len);
		used += cw;
		i += len;
	}
	if (!fits) {
		strbuf_adds(out, "…");
		used++;
	}
	for (; used < width; used++)
		strbuf_addc(out, ' ');
	strbuf_release(&clean);
}

/* No trailing blanks at the end of a line. */
static void trim(struct strbuf *t)
{
	while (t->len && t->data[t->len - 1] == ' ')
		t->data[--t->len] = '\0';
}

cmark_node *register_document(const struct register_rows *r, const char *today)
{
	static const struct {
		const char *title;
		size_t width;
	} cols[] = { { "Kenmerk", 9 }, { "Organisatie", 24 }, { "Cat.", 5 }, { "Status", 12 },
		     { "Ingang", 10 }, { "Herbeoord.", 10 }, { "Let op", 10 } };
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	template_add_heading(doc, 1, "Register van aanwijzingen");
	struct strbuf t = STRBUF_INIT;
	strbuf_addf(&t, "Stand op %s: %zu %s.", today, r->n, r->n == 1 ? "aanwijzing" : "aanwijzingen");
	template_add_paragraph(doc, strbuf_str(&t));
	strbuf_reset(&t);
	for (size_t c = 0; c < 7; c++) {
		cell(&t, cols[c].title, cols[c].width);
		strbuf_addc(&t, ' ');
	}
	trim(&t);
	strbuf_addc(&t, '\n');
	for (size_t i = 0; i < r->n; i++) {
		const struct register_row *x = &r->items[i];
		const char *status = x->withdrawn_on ? "ingetrokken" : x->status;
		const char *v[] = { x->reference, x->organisation, x->category, status,
				    x->effective_on, x->reassess_on, x->due };
		for (size_t c = 0; c < 7; c++) {
			cell(&t, v[c], cols[c].width);
			if (c < 6)
				strbuf_addc(&t, ' ');
		}
		trim(&t);
		strbuf_addc(&t, '\n');
	}
	cmark_node *code = cmark_node_new(CMARK_NODE_CODE_BLOCK);
	cmark_node_set_literal(code, strbuf_str(&t));
	cmark_node_append_child(doc, code);
	strbuf_release(&t);
	return doc;
}

static void csv_cell(struct strbuf *out, const char *v, bool last)
{
	if (!v)
		v = "";
	bool formula = strchr("=+-@\t\r", v[0]) && v[0];
	bool quote = formula || strpbrk(v, ",\"\r\n");
	if (quote)
		strbuf_addc(out, '"');
	if (formula)
		strbuf_addc(out, '\'');
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			strbuf_addc(out, '"');
		strbuf_addc(out, *p);
	}
	if (quote)
		strbuf_addc(out, '"');
	strbuf_adds(out, last ? "\r\n" : ",");
}

void register_csv(const struct register_rows *r, struct strbuf *out)
{
	strbuf_adds(out, "kenmerk,organisatie,categorie,status,ingangsdatum,herbeoordeling,ingetrokken_op,let_op\r\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct register_row *x = &r->items[i];
		const char *v[] = { x->reference,    x->organisation, x->category,     x->status,
				    x->effective_on, x->reassess_on,  x->withdrawn_on, x->due };
		for (size_t c = 0; c < 8; c++)
			csv_cell(out, v[c], c == 7);
	}
}
