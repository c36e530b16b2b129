/* register.h - the register of designations: every dossier with an
 * approved designation, its category, dates, status and when its
 * re-assessment is due; as a document (text and PDF through render) and
 * as CSV. */
#ifndef TOETS_REGISTER_H
#define TOETS_REGISTER_H

#include <cmark.h>

#include "toets/datetime.h"
#include "toets/status.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#define REGISTER_DUE_DAYS 90 /* a re-assessment this close is "binnenkort" */

struct register_row {
	char *reference, *organisation, *category, *status;
	char *effective_on, *reassess_on;
	char *withdrawn_on; /* NULL unless the designation was withdrawn */
	const char *due;    /* "te laat", "binnenkort" or "" */
};

struct register_rows {
	struct register_row *items;
	size_t n;
};

/* Reads the register as of `today` (YYYY-MM-DD), in reference order. */
enum toets_status register_read(struct store *s, const char *today, struct register_rows *out,
				struct toets_error *e);
void register_rows_release(struct register_rows *r);

/* The register as a document: a heading and a fixed-width table. */
cmark_node *register_document(const struct register_rows *r, const char *today);

/* RFC 4180, a header line first; a cell that a spreadsheet would read as
 * a formula (=, +, -, @) gets a leading apostrophe. */
void register_csv(const struct register_rows *r, struct strbuf *out);

#endif
