/* document.h - the documents of a dossier, stored whole in the database
 * with their SHA-256 so that a dossier is self-contained. */
#ifndef TOETS_DOCUMENT_H
#define TOETS_DOCUMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "toets/status.h"
#include "toets/store.h"

#define DOCUMENT_MAX_SIZE (64 * 1024 * 1024)

/* The kinds of document (codes as stored and typed). */
extern const char *const document_kinds[];
bool document_kind_valid(const char *kind);

struct document {
	const char *id;
	const char *title;
	const char *kind;
	const char *received_on; /* NULL when not given */
	const char *filename;
	int64_t size;
	const char *sha256;
	const char *added_by;
	const char *added_at;
};

/* Reads the file at `path` into the dossier (streamed, hashed as it is
 * written). `title` NULL: the file name. */
enum toets_status document_add(struct store *s, const char *reference, const char *path,
			       const char *title, const char *kind, const char *received_on,
			       char id_out[STORE_ID_LEN], struct toets_error *e);

enum toets_status document_list(struct store *s, const char *dossier_id,
				bool (*fn)(const struct document *d, void *ctx), void *ctx,
				struct toets_error *e);

/* Finds a document of a dossier by its id or a unique prefix of it (at
 * least 4 characters). */
enum toets_status document_find(struct store *s, const char *dossier_id, const char *which,
				char id_out[STORE_ID_LEN], struct toets_error *e);

/* Writes a document to `dest`, which must not exist ("-": standard
 * output); the bytes are checked against the stored SHA-256. */
enum toets_status document_export(struct store *s, const char *reference, const char *which,
				  const char *dest, struct toets_error *e);

#endif
