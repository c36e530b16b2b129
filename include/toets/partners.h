/* partners.h - the constituency of each dossier as stored: its AS numbers,
 * IP prefixes and domain names (parsed and normalised by constituency.h),
 * one row each in the table `constituency`. This module owns importing a
 * file into a dossier (all or nothing; adding to or replacing what is
 * there), adding and removing single entries, reading them back in a
 * natural order, the CSV and JSON exports, and an index over every
 * dossier's constituency for lookups and overlaps.
 *
 * A file's line may end in a comment after its entry
 * ("192.0.2.0/24  # Amsterdam"): that comment becomes the entry's note.
 * An import is one transaction with one audit row (the file's name and
 * SHA-256 and the counts); a single addition or removal writes one audit
 * row per entry. */
#ifndef TOETS_PARTNERS_H
#define TOETS_PARTNERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "toets/constituency.h"
#include "toets/diag.h"
#include "toets/status.h"
#include "toets/store.h"
#include "toets/xalloc.h"

/* The longest note kept with an entry (bytes). */
#define PARTNERS_NOTE_MAX 500

/* The kind as stored and exported: "asn", "prefix", "domain". */
const char *partners_kind_code(enum constituency_kind k);

/* ---- importing -------------------------------------------------------------- */

/* Replace the dossier's whole constituency with the file's: entries not in
 * the file are removed. Without it, the file's entries are added to what
 * is there. */
#define PARTNERS_REPLACE 1u

struct partners_import {
	size_t entries;       /* in the file (a repeated line counted once) */
	size_t added;         /* stored now */
	size_t kept;          /* already there; left as they were */
	size_t notes_changed; /* of those kept, the note changed (PARTNERS_REPLACE) */
	size_t removed;       /* no longer in the file (PARTNERS_REPLACE) */
	char sha256[65];      /* of the file's bytes, hexadecimal */
};

/* Parses buf (the bytes of a file called `name`, as the audit row names
 * it: only its last component) and stores its entries in the dossier
 * `reference`, in one transaction. Errors and warnings go to dl (which the
 * caller initialised with the name to show) with their line and column.
 * With any error nothing is stored and TOETS_ERR_INVALID is returned, e
 * saying how many errors. An unknown dossier is reported before parsing. */
enum toets_status partners_import_buffer(struct store *s, const char *reference, const char *name,
					 const char *buf, size_t len, unsigned flags, struct diag_list *dl,
					 struct partners_import *out, struct toets_error *e);
/* The same for a file: a regular file of at most CONSTITUENCY_MAX_FILE
 * bytes, read once (its SHA-256 is of the bytes imported). A file that
 * cannot be read is reported in e alone: TOETS_ERR_NOT_FOUND when it is
 * missing, not readable or not a regular file, TOETS_ERR_IO when reading
 * fails, TOETS_ERR_INVALID when it is too large. */
enum toets_status partners_import_file(struct store *s, const char *reference, const char *path,
				       unsigned flags, struct diag_list *dl, struct partners_import *out,
				       struct toets_error *e);

/* ---- single entries ---------------------------------------------------------- */

/* Adds each of values[0..n) (as a line of a file: "AS64500", "192.0.2.1",
 * "*.example.nl"; no comment) to the dossier's constituency, with `note`
 * (NULL or "" for none) on each. parsed[i] gets the normalised value and
 * any warning; existed[i] is set for an entry that was already there
 * (left as it was). All or nothing: when one value is invalid,
 * TOETS_ERR_INVALID names it and nothing is stored. One audit row per
 * entry added. */
enum toets_status partners_add(struct store *s, const char *reference, const char *const *values, size_t n,
			       const char *note, struct constituency_value *parsed, bool *existed,
			       struct toets_error *e);

/* Removes each of values[0..n), written in any form that normalises to a
 * stored entry ("192.0.2.1" for 192.0.2.1/32, "as64500"). All or nothing:
 * a value that is invalid or not in the constituency gives
 * TOETS_ERR_INVALID or TOETS_ERR_NOT_FOUND and nothing is removed. One
 * audit row per entry removed. */
enum toets_status partners_remove(struct store *s, const char *reference, const char *const *values,
				  size_t n, struct toets_error *e);

/* ---- reading and exporting -------------------------------------------------------- */

struct partners_row {
	const char *id, *dossier_id, *reference, *organisation, *status; /* status: its code */
	enum constituency_kind kind;
	const char *value, *note; /* note NULL when none */
	const char *account, *at;
};

struct partners_rows {
	struct partners_row *items;
	size_t n, cap;
	struct arena *arena;
};

/* The entries of the dossier `reference`, or of every dossier (NULL), in
 * reference order, then AS numbers (by number), IPv4 prefixes, IPv6
 * prefixes (by address, then length) and domain names (by name). */
enum toets_status partners_read(struct store *s, const char *reference, struct partners_rows *out,
				struct toets_error *e);
void partners_rows_release(struct partners_rows *r);

/* RFC 4180, CRLF line ends, a header line; a cell a spreadsheet would read
 * as a formula starts with an apostrophe (as the register's CSV). */
void partners_csv(const struct partners_rows *r, struct strbuf *out);
/* One JSON document: {"audit_head": ..., "partners": [{"reference",
 * "organisation", "status", "entries": [{"kind", "value", "note",
 * "account", "at"}]}]}, ending in a newline. */
void partners_json(const struct partners_rows *r, const char *audit_head, struct strbuf *out);

/* ---- the index over every dossier ------------------------------------------------- */

struct partners_owner {
	const char *dossier_id, *reference, *organisation, *status; /* status: its code */
};

struct partners_index {
	struct constituency_index *ix; /* owner numbers index `owners` */
	struct partners_owner *owners; /* in reference order */
	size_t n_owners;
	size_t n_entries;
	/* Stored values that no longer parse (a damaged or foreign row): left
	 * out of the index. */
	size_t n_unreadable;
	struct arena *arena;
};

/* Only the dossiers that are designated: aangewezen or aangesloten. */
#define PARTNERS_DESIGNATED 1u

/* Loads the constituencies of every dossier (that has any) into a built
 * index: owner id the dossier id, owner name "Organisation (2026-0001)". */
enum toets_status partners_index_load(struct store *s, unsigned flags, struct partners_index *out,
				      struct toets_error *e);
/* The same, with only the entries that could hold one of q[0..n) (values
 * from constituency_parse_query): every prefix that holds an address or
 * prefix, every name a name is under, the AS number. For a few lookups in
 * a large database: one indexed query per candidate (at most 129 for an
 * IPv6 address) instead of reading every row. Lookups of those values
 * give what the whole index gives; other lookups and overlaps do not. */
enum toets_status partners_index_load_for(struct store *s, unsigned flags, const struct constituency_value *q,
					  size_t n, struct partners_index *out, struct toets_error *e);
/* The owner number of a dossier (by id), or CONSTITUENCY_NO_OWNER. */
uint32_t partners_index_find(const struct partners_index *pi, const char *dossier_id);
void partners_index_release(struct partners_index *pi);

#endif
