/* search.c - full-text search. */
#include "toets/search.h"

#include <stdlib.h>
#include <string.h>

#include "toets/i18n.h"

/* The Dutch Ĳ and ĳ are single letters to Unicode but typed as two:
 * index and search them as "IJ"/"ij", so "ijsselland" finds "Ĳsselland". */
static char *fold_ij(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = text; *p; p++) {
		if ((unsigned char)p[0] == 0xC4 && ((unsigned char)p[1] == 0xB2 || (unsigned char)p[1] == 0xB3)) {
			strbuf_adds(&sb, (unsigned char)p[1] == 0xB2 ? "IJ" : "ij");
			p++;
		} else {
			strbuf_addc(&sb, *p);
		}
	}
	return strbuf_detach(&sb);
}

enum toets_status search_index(struct store *s, const char *kind, const char *ref,
			       const char *dossier_id, const char *body, struct toets_error *e)
{
	static const char sql_old[] = "SELECT fts_rowid FROM search_map WHERE kind = ? AND ref = ?";
	static const char sql_delete[] = "DELETE FROM search WHERE rowid = ?";
	static const char sql_unmap[] = "DELETE FROM search_map WHERE kind = ? AND ref = ?";
	static const char sql_insert[] = "INSERT INTO search (kind, ref, dossier_id, body) VALUES (?, ?, ?, ?)";
	static const char sql_map[] = "INSERT INTO search_map (kind, ref, fts_rowid) VALUES (?, ?, ?)";
	sqlite3_stmt *st = store_prepare(s, sql_old, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_int64 old = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, _("updating the search index"), e);
	enum toets_status res = TOETS_OK;
	if (rc == SQLITE_ROW) {
		const char *sqls[] = { sql_delete, sql_unmap };
		for (int i = 0; i < 2 && res == TOETS_OK; i++) {
			if (!(st = store_prepare(s, sqls[i], e)))
				return e->status;
			if (i == 0) {
				sqlite3_bind_int64(st, 1, old);
			} else {
				sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
				sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
			}
			res = store_step_done(s, st, _("updating the search index"), e);
		}
	}
	if (res != TOETS_OK || !body || !*body)
		return res;
	if (!(st = store_prepare(s, sql_insert, e)))
		return e->status;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
	if (dossier_id)
		sqlite3_bind_text(st, 3, dossier_id, -1, SQLITE_TRANSIENT);
	char *folded = fold_ij(body);
	sqlite3_bind_text(st, 4, folded, -1, SQLITE_TRANSIENT);
	free(folded);
	if ((res = store_step_done(s, st, _("updating the search index"), e)) != TOETS_OK)
		return res;
	sqlite3_int64 rowid = sqlite3_last_insert_rowid(store_db(s));
	if (!(st = store_prepare(s, sql_map, e)))
		return e->status;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, rowid);
	return store_step_done(s, st, _("updating the search index"), e);
}

void search_query(const char *text, struct strbuf *out)
{
	char *folded = fold_ij(text);
	const char *p = folded;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		/* Each word as an FTS5 string ("" escapes a quote), as a prefix. */
		if (out->len)
			strbuf_addc(out, ' ');
		strbuf_addc(out, '"');
		for (const char *c = start; c < p; c++) {
			if (*c == '"')
				strbuf_addc(out, '"');
			strbuf_addc(out, *c);
		}
		strbuf_adds(out, "\"*");
	}
	free(folded);
}

enum toets_status search_run(struct store *s, const char *text, int limit,
			     bool (*fn)(const struct search_hit *h, void *ctx), void *ctx,
			     struct toets_error *e)
{
	static const char sql[] =
		"SELECT d.reference, o.name, s.kind, snippet(search, 3, '[', ']', '...', 10) "
		"FROM search s "
		"JOIN dossier d ON d.id = s.dossier_id "
		"  OR (s.kind = 'organisation' AND d.organisation_id = s.ref) "
		"JOIN organisation o ON o.id = d.organisation_id "
		"WHERE search MATCH ?1 ORDER BY s.rank, d.reference LIMIT ?2";
	struct strbuf q = STRBUF_INIT;
	search_query(text, &q);
	if (q.len == 0) {
		strbuf_release(&q);
		return toets_fail(e, TOETS_ERR_INVALID, _("nothing to search for"));
	}
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st) {
		strbuf_release(&q);
		return e->status;
	}
	sqlite3_bind_text(st, 1, strbuf_str(&q), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : 100);
	strbuf_release(&q);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_hit h = { store_text(st, 0), store_text(st, 1), store_text(st, 2),
					store_text(st, 3) };
		if (!fn(&h, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("searching"), e);
	return TOETS_OK;
}
