/* listing.h - the dossier list as the workstation shows it: one page of
 * rows at a time in any column's order, filtered by status, category and
 * full-text words, read with keyset paging (a page starts from the row
 * before or after it, never from an offset), so a page costs the same on
 * the first screen of 20 dossiers as deep inside 10,000.
 *
 * The order of each column, ascending (descending is its exact reverse):
 *   reference     the reference ("2025-0042" before "2026-0001")
 *   organisation  the name, upper and lower case of ASCII letters alike
 *                 (SQLite's NOCASE); other characters by their bytes
 *   category      the stored code: cert, csirt, isp, oktt
 *   status        the stored code, which is also the alphabetical order of
 *                 the Dutch names shown: aangemeld, aangesloten, ...
 *   assessor      the account name; dossiers without one first
 *   received      the date received; dossiers not received first
 * Equal values are ordered by reference, which is unique: paging never
 * skips or repeats a row. */
#ifndef TOETS_LISTING_H
#define TOETS_LISTING_H

#include <stdbool.h>

#include "toets/category.h"
#include "toets/datetime.h"
#include "toets/dossier.h"
#include "toets/status.h"
#include "toets/store.h"

enum listing_sort {
	SORT_REFERENCE,
	SORT_ORGANISATION,
	SORT_CATEGORY,
	SORT_STATUS,
	SORT_ASSESSOR,
	SORT_RECEIVED,
	SORT_COUNT
};

struct listing_filter {
	int status;        /* an enum dossier_status, or -1 for all */
	int category;      /* an enum category, or -1 for all */
	const char *query; /* words as `toets search` takes them: dossiers with a
			    * matching text, or whose organisation's name
			    * matches; NULL or only spaces for all */
};

#define LISTING_FILTER_ALL { -1, -1, NULL }

/* Room for a sort value in a key; a longer one (a long organisation name
 * or assessor) is read again by reference instead (by_reference). */
#define LISTING_VALUE_LEN 256
/* Room for the organisation and assessor shown; longer ones are cut on a
 * UTF-8 character boundary. */
#define LISTING_TEXT_LEN 256

/* Where a page starts: a row's sort value and its reference. */
struct listing_key {
	char value[LISTING_VALUE_LEN]; /* as stored; "" for no assessor or date */
	char reference[DOSSIER_REF_LEN];
	/* true: use the value the dossier with this reference has now in the
	 * database (set when the value did not fit, or by
	 * listing_key_reference). A reference that no longer exists then
	 * matches nothing. */
	bool by_reference;
};

struct listing_row {
	char id[STORE_ID_LEN];
	char reference[DOSSIER_REF_LEN];
	char organisation[LISTING_TEXT_LEN];
	enum category category;     /* CATEGORY_COUNT when the stored code is unknown */
	enum dossier_status status; /* STATUS_COUNT when the stored code is unknown */
	char assessor[LISTING_TEXT_LEN]; /* "" when none */
	char received_on[DATE_LEN];      /* "" when not received */
	/* This row as an anchor in the order it was listed in: pass it to
	 * listing_page for the page before or after it, or to
	 * listing_position. */
	struct listing_key key;
};

/* A key that stands for the dossier with this reference where it is now
 * (in any order): to find the page or position of a dossier. */
void listing_key_reference(struct listing_key *k, const char *reference);

/* Up to `limit` rows, in sort order, into rows[]; *n says how many.
 * anchor NULL: the first page (after true) or the last page (after false).
 * Otherwise the rows after the anchor (after true) or the rows just before
 * it (after false, for paging up: still returned in sort order). A page
 * with fewer than `limit` rows reached the end (or the start). `sort` and
 * `descending` must be those the anchor was listed with (the filter may
 * change); the anchor may point into rows[]. */
enum toets_status listing_page(struct store *s, const struct listing_filter *f,
			       enum listing_sort sort, bool descending,
			       const struct listing_key *anchor, bool after, int limit,
			       struct listing_row *rows, int *n, struct toets_error *e);

/* How many dossiers pass the filter (f NULL: all). */
enum toets_status listing_count(struct store *s, const struct listing_filter *f, int *count,
				struct toets_error *e);

/* How many dossiers that pass the filter come before `key` in this order:
 * the row with that key is number *position + 1 of listing_count. This
 * counts them, so it costs more the further down the key is (some ms at
 * 10,000 dossiers): ask once per page read, not on every key. */
enum toets_status listing_position(struct store *s, const struct listing_filter *f,
				   enum listing_sort sort, bool descending,
				   const struct listing_key *key, int *position,
				   struct toets_error *e);

#endif
