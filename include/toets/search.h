/* search.h - full-text search over organisation names, references, notes,
 * answer notes and document titles (SQLite FTS5; diacritics folded, so
 * "cooperatie" finds "Coöperatie"). */
#ifndef TOETS_SEARCH_H
#define TOETS_SEARCH_H

#include <stdbool.h>

#include "toets/status.h"
#include "toets/store.h"
#include "toets/xalloc.h"

struct search_hit {
	const char *reference;
	const char *organisation;
	const char *kind;    /* organisation, dossier, note, document, answer */
	const char *snippet; /* the matching text, matches between [ and ] */
};

/* Indexes (or, for an empty or NULL body, removes) one searchable text,
 * inside the caller's write transaction. kind: organisation, dossier,
 * note, document, answer; ref: the id of the row the text belongs to;
 * dossier_id NULL for an organisation (found through its dossiers). */
enum toets_status search_index(struct store *s, const char *kind, const char *ref,
			       const char *dossier_id, const char *body, struct toets_error *e);

/* Turns typed words into an FTS5 query: every word must occur, each as
 * the start of a word; quotes and operators in the text have no effect. */
void search_query(const char *text, struct strbuf *out);

/* Calls fn for each hit, best first, at most `limit` (0: 100). */
enum toets_status search_run(struct store *s, const char *text, int limit,
			     bool (*fn)(const struct search_hit *h, void *ctx), void *ctx,
			     struct toets_error *e);

#endif
