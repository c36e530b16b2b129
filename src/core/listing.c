/* listing.c - the dossier list, a page at a time (keyset paging). */
#include "toets/listing.h"

#include <stdio.h>
#include <string.h>

#include "toets/i18n.h"
#include "toets/search.h"
#include "toets/xalloc.h"

/* ---- the SQL ------------------------------------------------------------------
 * Every statement is a constant text, put together here by the preprocessor
 * from the fragments below; data only ever reaches SQLite as a bound
 * parameter:
 *   ?1 the anchor's sort value (NULL: read the anchor's value now, by ?2)
 *   ?2 the anchor's reference
 *   ?3 the status code to show, NULL for all
 *   ?4 the category code to show, NULL for all
 *   (the words of a search are matched once, into temp.listing_match)
 *   ?6 the number of rows
 *
 * Per sort column: K, the value sorted by (NULLs read as "", so that they
 * come first ascending and last descending, and an anchor on them is an
 * ordinary value); V, the anchor's value; and the condition for the rows
 * after the anchor ascending (GT) and descending (LT), with the reference
 * breaking ties. Where the sort value is a plain column with an index on
 * (column, reference), a row value (K, reference) > (V, ?2) lets SQLite
 * start at the anchor in the index; SQLite (3.40) does not use a row value
 * on an expression index or across two tables, so those columns start at
 * the anchor's value and skip the anchor's equals that come before it. */

#define LOOKUP(expr, join) "(SELECT " expr " FROM dossier a" join " WHERE a.reference = ?2)"
#define ANCHOR(lookup) "coalesce(?1, " lookup ")"
#define ROW_GT(k, v) "(" k ", d.reference) > (" v ", ?2)"
#define ROW_LT(k, v) "(" k ", d.reference) < (" v ", ?2)"
#define SPLIT_GT(k, v) k " >= " v " AND (" k " > " v " OR d.reference > ?2)"
#define SPLIT_LT(k, v) k " <= " v " AND (" k " < " v " OR d.reference < ?2)"

#define FROM_D " FROM dossier d"
#define FROM_DO " FROM dossier d JOIN organisation o ON o.id = d.organisation_id"
/* CROSS JOIN makes SQLite walk the organisations first (in the order of an
 * index on their names, where there is one): left to itself it sorts every
 * dossier for the first and last page. */
#define FROM_OD " FROM organisation o CROSS JOIN dossier d ON d.organisation_id = o.id"

#define K_reference "d.reference"
#define GT_reference "d.reference > ?2"
#define LT_reference "d.reference < ?2"
#define FROM_reference FROM_D
#define PAGE_FROM_reference FROM_DO

#define K_organisation "o.sort_name"
#define V_organisation ANCHOR(LOOKUP("b.sort_name", " JOIN organisation b ON b.id = a.organisation_id"))
#define GT_organisation SPLIT_GT(K_organisation, V_organisation)
#define LT_organisation SPLIT_LT(K_organisation, V_organisation)
#define FROM_organisation FROM_DO
#define PAGE_FROM_organisation FROM_OD

#define K_category "d.category"
#define V_category ANCHOR(LOOKUP("a.category", ""))
#define GT_category ROW_GT(K_category, V_category)
#define LT_category ROW_LT(K_category, V_category)
#define FROM_category FROM_D
#define PAGE_FROM_category FROM_DO

#define K_status "d.status"
#define V_status ANCHOR(LOOKUP("a.status", ""))
#define GT_status ROW_GT(K_status, V_status)
#define LT_status ROW_LT(K_status, V_status)
#define FROM_status FROM_D
#define PAGE_FROM_status FROM_DO

#define K_assessor "ifnull(d.assessor, '')"
#define V_assessor ANCHOR(LOOKUP("ifnull(a.assessor, '')", ""))
#define GT_assessor SPLIT_GT(K_assessor, V_assessor)
#define LT_assessor SPLIT_LT(K_assessor, V_assessor)
#define FROM_assessor FROM_D
#define PAGE_FROM_assessor FROM_DO

#define K_received "ifnull(d.received_on, '')"
#define V_received ANCHOR(LOOKUP("ifnull(a.received_on, '')", ""))
#define GT_received SPLIT_GT(K_received, V_received)
#define LT_received SPLIT_LT(K_received, V_received)
#define FROM_received FROM_D
#define PAGE_FROM_received FROM_DO

/* NULL parameters match all: one statement serves every status and
 * category filter. */
#define FILTER " WHERE (?3 IS NULL OR d.status = ?3) AND (?4 IS NULL OR d.category = ?4)"
/* The dossiers that match the words, found once per search (see
 * find_matches) and kept in a temporary table for every page after it.
 * Statements of their own, so that without words nothing is searched. */
#define SEARCH " AND +d.id IN (SELECT id FROM temp.listing_match)"
/* Pages walk the sort order and test each row ("+d.id": not the other way
 * round, which would sort every match for every page); a count starts
 * from the matches. */
#define SEARCH_COUNT " AND d.id IN (SELECT id FROM temp.listing_match)"

#define ROW_COLUMNS "d.id, d.reference, o.name, d.category, d.status, d.assessor, d.received_on"

#define PAGE(c, from, cond, dir, search)                                                \
	"SELECT " ROW_COLUMNS ", " K_##c from FILTER search cond " ORDER BY " K_##c     \
	" " dir ", d.reference " dir " LIMIT ?6"

/* [anchored][searching] for one column and direction. Searching pages
 * join plainly, so that SQLite can start from the matches. */
#define PAGES(c, after, dir)                                                            \
	{ { PAGE(c, PAGE_FROM_##c, "", dir, ""), PAGE(c, FROM_DO, "", dir, SEARCH) },    \
	  { PAGE(c, PAGE_FROM_##c, " AND " after, dir, ""),                             \
	    PAGE(c, FROM_DO, " AND " after, dir, SEARCH) } }

#define PAGES_BOTH(c) { PAGES(c, GT_##c, "ASC"), PAGES(c, LT_##c, "DESC") }

/* [sort][descending][anchored][searching] */
static const char *const page_sql[SORT_COUNT][2][2][2] = {
	[SORT_REFERENCE] = PAGES_BOTH(reference),
	[SORT_ORGANISATION] = PAGES_BOTH(organisation),
	[SORT_CATEGORY] = PAGES_BOTH(category),
	[SORT_STATUS] = PAGES_BOTH(status),
	[SORT_ASSESSOR] = PAGES_BOTH(assessor),
	[SORT_RECEIVED] = PAGES_BOTH(received),
};

/* The rows before a key ascending are those after it descending. */
#define POSITION(c, before, search) "SELECT count(*)" FROM_##c FILTER search " AND " before
#define POSITIONS(c)                                                                    \
	{ { POSITION(c, LT_##c, ""), POSITION(c, LT_##c, SEARCH) },                     \
	  { POSITION(c, GT_##c, ""), POSITION(c, GT_##c, SEARCH) } }

/* [sort][descending][searching] */
static const char *const position_sql[SORT_COUNT][2][2] = {
	[SORT_REFERENCE] = POSITIONS(reference),
	[SORT_ORGANISATION] = POSITIONS(organisation),
	[SORT_CATEGORY] = POSITIONS(category),
	[SORT_STATUS] = POSITIONS(status),
	[SORT_ASSESSOR] = POSITIONS(assessor),
	[SORT_RECEIVED] = POSITIONS(received),
};

/* [searching] */
static const char *const count_sql[2] = {
	"SELECT count(*)" FROM_D FILTER,
	"SELECT count(*)" FROM_D FILTER SEARCH_COUNT,
};

/* ---- helpers ------------------------------------------------------------------------- */

/* Copies src into dst (cap bytes), cut on a UTF-8 character boundary. */
static void copy_cut(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void listing_key_reference(struct listing_key *k, const char *reference)
{
	memset(k, 0, sizeof(*k));
	copy_cut(k->reference, sizeof(k->reference), reference);
	k->by_reference = true;
}

/* The FTS5 query for the filter's words into q; empty when there are none. */
static void filter_words(const struct listing_filter *f, struct strbuf *q)
{
	if (f && f->query)
		search_query(f->query, q);
}

/* As search_run finds dossiers: through their own texts, or through the
 * name of their organisation (indexed with no dossier of its own). The
 * full-text query runs once per search, not once per page: scrolling a
 * search of a thousand hits then costs what scrolling the list costs. The
 * table is redone when the words change, or when anything was written
 * since (here: total_changes; by another process: data_version). */
static enum toets_status find_matches(struct store *s, const struct strbuf *q, struct toets_error *e)
{
	static const char sql_tables[] =
		"CREATE TEMP TABLE IF NOT EXISTS listing_match (id TEXT PRIMARY KEY) WITHOUT ROWID;"
		"CREATE TEMP TABLE IF NOT EXISTS listing_match_key (words TEXT, changes INTEGER, version INTEGER)";
	static const char sql_key[] =
		"SELECT count(*) FROM temp.listing_match_key WHERE words = ?1 AND changes = ?2 AND version = ?3";
	static const char sql_version[] = "PRAGMA data_version";
	static const char sql_clear[] = "DELETE FROM temp.listing_match";
	static const char sql_fill[] =
		"INSERT OR IGNORE INTO temp.listing_match (id) SELECT ifnull(s.dossier_id, x.id) FROM search s "
		"LEFT JOIN dossier x ON s.kind = 'organisation' AND x.organisation_id = s.ref "
		"WHERE search MATCH ?1 AND ifnull(s.dossier_id, x.id) IS NOT NULL";
	static const char sql_unkey[] = "DELETE FROM temp.listing_match_key";
	static const char sql_setkey[] = "INSERT INTO temp.listing_match_key VALUES (?1, ?2, ?3)";
	sqlite3 *db = store_db(s);
	int rc = sqlite3_exec(db, sql_tables, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, _("listing dossiers"), e);
	sqlite3_stmt *st = store_prepare(s, sql_version, e);
	if (!st)
		return e->status;
	rc = sqlite3_step(st);
	sqlite3_int64 version = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	if (!(st = store_prepare(s, sql_key, e)))
		return e->status;
	sqlite3_bind_text(st, 1, strbuf_str(q), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, sqlite3_total_changes64(db));
	sqlite3_bind_int64(st, 3, version);
	rc = sqlite3_step(st);
	bool fresh = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (fresh)
		return TOETS_OK;
	const char *steps[] = { sql_clear, sql_fill, sql_unkey };
	for (int i = 0; i < 3; i++) {
		if (!(st = store_prepare(s, steps[i], e)))
			return e->status;
		if (i == 1)
			sqlite3_bind_text(st, 1, strbuf_str(q), -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, rc, _("listing dossiers"), e);
	}
	/* The key is written last: what it records includes the writes above. */
	if (!(st = store_prepare(s, sql_setkey, e)))
		return e->status;
	sqlite3_bind_text(st, 1, strbuf_str(q), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, sqlite3_total_changes64(db) + 1);
	sqlite3_bind_int64(st, 3, version);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("listing dossiers"), e);
	return TOETS_OK;
}

/* Binds the filter (?3, ?4). */
static void bind_filter(sqlite3_stmt *st, const struct listing_filter *f, const struct strbuf *q)
{
	(void)q;
	if (f && f->status >= 0)
		sqlite3_bind_text(st, 3, dossier_status_code((enum dossier_status)f->status), -1,
				  SQLITE_STATIC);
	if (f && f->category >= 0)
		sqlite3_bind_text(st, 4, category_code((enum category)f->category), -1, SQLITE_STATIC);
}

/* Copied (SQLITE_TRANSIENT): the key may be in the rows being filled. */
static void bind_key(sqlite3_stmt *st, const struct listing_key *k)
{
	if (!k->by_reference)
		sqlite3_bind_text(st, 1, k->value, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, k->reference, -1, SQLITE_TRANSIENT);
}

static void fill(sqlite3_stmt *st, struct listing_row *r)
{
	copy_cut(r->id, sizeof(r->id), store_text(st, 0));
	copy_cut(r->reference, sizeof(r->reference), store_text(st, 1));
	copy_cut(r->organisation, sizeof(r->organisation), store_text(st, 2));
	enum category c;
	r->category = category_parse(store_text(st, 3), &c) ? c : CATEGORY_COUNT;
	enum dossier_status s;
	r->status = dossier_status_parse(store_text(st, 4), &s) ? s : STATUS_COUNT;
	copy_cut(r->assessor, sizeof(r->assessor), store_text(st, 5));
	copy_cut(r->received_on, sizeof(r->received_on), store_text(st, 6));
	const char *value = store_text(st, 7);
	memset(&r->key, 0, sizeof(r->key));
	copy_cut(r->key.value, sizeof(r->key.value), value);
	/* A cut value would compare wrongly: the anchor is then read again. */
	r->key.by_reference = strlen(value) >= sizeof(r->key.value);
	memcpy(r->key.reference, r->reference, sizeof(r->key.reference));
}

static enum toets_status bad_sort(enum listing_sort sort, struct toets_error *e)
{
	return toets_fail(e, TOETS_ERR_INTERNAL, _("listing dossiers: no sort order %d"), (int)sort);
}

/* ---- the API ------------------------------------------------------------------------------ */

enum toets_status listing_page(struct store *s, const struct listing_filter *f,
			       enum listing_sort sort, bool descending,
			       const struct listing_key *anchor, bool after, int limit,
			       struct listing_row *rows, int *n, struct toets_error *e)
{
	*n = 0;
	if ((unsigned)sort >= SORT_COUNT)
		return bad_sort(sort, e);
	if (limit <= 0)
		return TOETS_OK;
	struct strbuf q = STRBUF_INIT;
	filter_words(f, &q);
	enum toets_status fm = q.len ? find_matches(s, &q, e) : TOETS_OK;
	if (fm != TOETS_OK) {
		strbuf_release(&q);
		return fm;
	}
	/* The page before the anchor is the page after it in the opposite
	 * order, turned round. */
	bool down = descending == after;
	sqlite3_stmt *st = store_prepare(s, page_sql[sort][down][anchor != NULL][q.len > 0], e);
	if (!st) {
		strbuf_release(&q);
		return e->status;
	}
	if (anchor)
		bind_key(st, anchor);
	bind_filter(st, f, &q);
	sqlite3_bind_int(st, 6, limit);
	int rc = SQLITE_DONE;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		fill(st, &rows[(*n)++]);
	if (*n == limit)
		rc = SQLITE_DONE;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st); /* the words are about to go */
	strbuf_release(&q);
	if (rc != SQLITE_DONE) {
		*n = 0;
		return store_fail(s, rc, _("listing dossiers"), e);
	}
	if (!after) {
		for (int i = 0, j = *n - 1; i < j; i++, j--) {
			struct listing_row t = rows[i];
			rows[i] = rows[j];
			rows[j] = t;
		}
	}
	return TOETS_OK;
}

static enum toets_status run_count(struct store *s, const char *sql, const struct listing_filter *f,
			       const struct strbuf *q, const struct listing_key *k, int *out,
			       struct toets_error *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	if (k)
		bind_key(st, k);
	bind_filter(st, f, q);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, _("listing dossiers"), e);
	return TOETS_OK;
}

enum toets_status listing_count(struct store *s, const struct listing_filter *f, int *count,
				struct toets_error *e)
{
	struct strbuf q = STRBUF_INIT;
	filter_words(f, &q);
	*count = 0;
	enum toets_status st = q.len ? find_matches(s, &q, e) : TOETS_OK;
	if (st == TOETS_OK)
		st = run_count(s, count_sql[q.len > 0], f, &q, NULL, count, e);
	strbuf_release(&q);
	return st;
}

enum toets_status listing_position(struct store *s, const struct listing_filter *f,
				   enum listing_sort sort, bool descending,
				   const struct listing_key *key, int *position,
				   struct toets_error *e)
{
	*position = 0;
	if ((unsigned)sort >= SORT_COUNT)
		return bad_sort(sort, e);
	struct strbuf q = STRBUF_INIT;
	filter_words(f, &q);
	enum toets_status st = q.len ? find_matches(s, &q, e) : TOETS_OK;
	if (st == TOETS_OK)
		st = run_count(s, position_sql[sort][descending][q.len > 0], f, &q, key, position, e);
	strbuf_release(&q);
	return st;
}
