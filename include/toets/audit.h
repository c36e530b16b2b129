/* audit.h - the append-only, hash-chained log of every change.
 * Each row: seq, UTC time, OS account, action, dossier, the change's
 * canonical payload and its SHA-256, the previous row's hash and its own:
 *   hash = SHA-256(prev_hash || canonical row)
 * Written in the same transaction as the change it records; triggers
 * refuse UPDATE and DELETE on it. */
#ifndef TOETS_AUDIT_H
#define TOETS_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "toets/status.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#define AUDIT_HASH_LEN 65 /* hex SHA-256 and NUL */

/* A canonical payload: "key=value" lines in the order added; values with
 * newlines or backslashes escaped, so each change has one byte form. */
struct audit_payload {
	struct strbuf text;
};

void audit_payload_add(struct audit_payload *p, const char *key, const char *value);
void audit_payload_addf(struct audit_payload *p, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void audit_payload_release(struct audit_payload *p);

/* Appends one row inside the caller's write transaction. dossier_id may
 * be NULL. `account` is who did it (ident_account()). */
enum toets_status audit_append(struct store *s, const char *account, const char *action,
			       const char *dossier_id, const struct audit_payload *payload,
			       struct toets_error *e);

/* Ends a change as every change ends: its audit row, then the commit; when
 * either fails the whole change is rolled back. Releases the payload. */
enum toets_status audit_commit(struct store *s, const char *account, const char *action,
			       const char *dossier_id, struct audit_payload *payload,
			       struct toets_error *e);

struct audit_verdict {
	bool ok;
	int64_t rows;       /* rows checked */
	int64_t broken_seq; /* the first row that does not verify, when !ok */
	char reason[256];   /* why it does not */
	char head[AUDIT_HASH_LEN]; /* the hash of the last row ("" when empty) */
};

/* Recomputes the whole chain. */
enum toets_status audit_verify(struct store *s, struct audit_verdict *v, struct toets_error *e);

/* The hash of the last row, "" for an empty log. */
enum toets_status audit_head(struct store *s, char out[AUDIT_HASH_LEN], struct toets_error *e);

struct audit_row {
	int64_t seq;
	const char *at, *account, *action, *dossier_ref, *payload, *hash;
};

/* Calls fn for each row, oldest first; only the rows of one dossier when
 * dossier_id is not NULL. Stops when fn returns false. */
enum toets_status audit_each(struct store *s, const char *dossier_id,
			     bool (*fn)(const struct audit_row *row, void *ctx), void *ctx,
			     struct toets_error *e);

#endif
