/* docread.c - a document read whole into memory, its hash checked. */
#include "toets/docread.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/utf8.h"
#include "toets/xalloc.h"

enum toets_status document_read(struct store *s, const char *reference, const char *which,
				size_t max, char **out, size_t *len, struct toets_error *e)
{
	static const char sql[] = "SELECT rowid, size, sha256 FROM document WHERE id = ?";
	*out = NULL;
	*len = 0;
	char dossier_id[STORE_ID_LEN], id[STORE_ID_LEN];
	enum toets_status st = dossier_lookup(s, reference, dossier_id, e);
	if (st == TOETS_OK)
		st = document_find(s, dossier_id, which, id, e);
	if (st != TOETS_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			return store_fail(s, rc, _("reading the document"), e);
		return toets_fail(e, TOETS_ERR_NOT_FOUND, _("the document %s is gone"), which);
	}
	sqlite3_int64 rowid = sqlite3_column_int64(q, 0);
	int64_t size = sqlite3_column_int64(q, 1);
	char want[65];
	snprintf(want, sizeof(want), "%s", store_text(q, 2));
	sqlite3_reset(q);
	if (size < 0 || size > DOCUMENT_MAX_SIZE)
		return toets_fail(e, TOETS_ERR_CORRUPT, _("the document %s has an impossible size (%lld bytes)"),
				  which, (long long)size);
	if (max && (uint64_t)size > (uint64_t)max)
		return toets_fail(e, TOETS_ERR_REFUSED, _("the document is %lld bytes; the pager shows text documents up to %zu bytes"),
				  (long long)size, max);

	sqlite3_blob *blob;
	rc = sqlite3_blob_open(store_db(s), "main", "document", "content", rowid, 0, &blob);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, _("reading the document"), e);
	if (sqlite3_blob_bytes(blob) != size) {
		sqlite3_blob_close(blob);
		return toets_fail(e, TOETS_ERR_CORRUPT,
				  _("the stored document does not match its SHA-256 (%s): the database is "
				    "damaged; run 'toets db check'"), want);
	}
	char *buf = xmalloc((size_t)size + 1);
	rc = size ? sqlite3_blob_read(blob, buf, (int)size, 0) : SQLITE_OK;
	sqlite3_blob_close(blob);
	if (rc != SQLITE_OK) {
		free(buf);
		return store_fail(s, rc, _("reading the document"), e);
	}
	buf[size] = '\0';
	unsigned char h[32];
	char got[65];
	crypto_hash_sha256(h, (const unsigned char *)buf, (unsigned long long)size);
	sodium_bin2hex(got, sizeof(got), h, sizeof(h));
	if (strcmp(got, want) != 0) {
		free(buf);
		return toets_fail(e, TOETS_ERR_CORRUPT,
				  _("the stored document does not match its SHA-256 (%s): the database is "
				    "damaged; run 'toets db check'"), want);
	}
	*out = buf;
	*len = (size_t)size;
	return TOETS_OK;
}

bool document_is_text(const char *buf, size_t len)
{
	if (utf8_invalid_offset(buf, len) != len)
		return false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(buf + i, len - i, &cp);
		if (!n)
			return false;
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f') || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0))
			return false;
		i += n;
	}
	return true;
}
