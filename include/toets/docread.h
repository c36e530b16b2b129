/* docread.h - a document of a dossier read whole into memory (checked
 * against its stored SHA-256), and whether its bytes are text that can be
 * shown on a terminal as they are. The workstation shows text documents
 * this way, without a copy on disk. */
#ifndef TOETS_DOCREAD_H
#define TOETS_DOCREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "toets/status.h"
#include "toets/store.h"

/* Reads the document `which` (its id, or a unique prefix of 4 or more
 * characters) of the dossier `reference`. *out gets the bytes with a NUL
 * after them (free it), *len their number. A document larger than `max`
 * bytes is not read: TOETS_ERR_REFUSED (max 0: no limit beyond
 * DOCUMENT_MAX_SIZE). Bytes that do not match the stored SHA-256 give
 * TOETS_ERR_CORRUPT and nothing in *out. */
enum toets_status document_read(struct store *s, const char *reference, const char *which,
				size_t max, char **out, size_t *len, struct toets_error *e);

/* True when the bytes are valid UTF-8 without NUL bytes or control
 * characters other than tab, line feed, carriage return and form feed:
 * text to show in a pager. An empty document is text. */
bool document_is_text(const char *buf, size_t len);

#endif
