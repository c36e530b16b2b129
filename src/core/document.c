/* document.c - documents as blobs, streamed in and out with their hash. */
#define _DEFAULT_SOURCE
#include "toets/document.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/audit.h"
#include "toets/datetime.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/outfile.h"
#include "toets/ident.h"
#include "toets/search.h"
#include "toets/validate.h"
#include "toets/xalloc.h"

enum { CHUNK = 1024 * 1024 };

const char *const document_kinds[] = {
	"aanvraagformulier", "statuten", "beveiligingsbeleid", "privacybeleid",
	"verwerkingsregister", "verwerkersovereenkomst", "tlp-procedure", "overig", NULL,
};

bool document_kind_valid(const char *kind)
{
	for (size_t i = 0; document_kinds[i]; i++)
		if (strcmp(kind, document_kinds[i]) == 0)
			return true;
	return false;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

static void to_hex(const unsigned char h[32], char out[65])
{
	sodium_bin2hex(out, 65, h, 32);
}

/* Reads the whole file (at most DOCUMENT_MAX_SIZE) and hashes it: the row
 * is then written once, blob and hash together. */
static enum toets_status read_whole(int fd, const char *path, int64_t size, char **out, char sha[65],
				    struct toets_error *e)
{
	char *buf = xmalloc(size > 0 ? (size_t)size : 1);
	int64_t done = 0;
	while (done < size) {
		ssize_t n = read(fd, buf + done, (size_t)(size - done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(buf);
			if (n < 0)
				return toets_fail(e, TOETS_ERR_IO, _("cannot read %s: %s"), path, strerror(errno));
			return toets_fail(e, TOETS_ERR_IO,
					  _("%s became shorter while it was read; nothing was stored"), path);
		}
		done += n;
	}
	unsigned char h[32];
	crypto_hash_sha256(h, (unsigned char *)buf, (unsigned long long)size);
	to_hex(h, sha);
	*out = buf;
	return TOETS_OK;
}

enum toets_status document_add(struct store *s, const char *reference, const char *path,
			       const char *title, const char *kind, const char *received_on,
			       char id_out[STORE_ID_LEN], struct toets_error *e)
{
	static const char sql_insert[] =
		"INSERT INTO document (id, dossier_id, title, kind, received_on, filename, size, sha256, "
		"content, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	const char *why;
	if (!document_kind_valid(kind)) {
		struct strbuf kinds = STRBUF_INIT;
		for (size_t i = 0; document_kinds[i]; i++)
			strbuf_addf(&kinds, "%s%s", i ? ", " : "", document_kinds[i]);
		enum toets_status st = toets_fail(e, TOETS_ERR_INVALID, _("unknown kind of document '%s'; the kinds are: %s"),
						  kind, strbuf_str(&kinds));
		strbuf_release(&kinds);
		return st;
	}
	if (received_on && *received_on && (why = validate_date(received_on)))
		return toets_fail(e, TOETS_ERR_INVALID, _("date received '%s': %s"), received_on, why);
	if (!title || !*title)
		title = base_name(path);
	if ((why = validate_line(title, 500)))
		return toets_fail(e, TOETS_ERR_INVALID, _("title: %s"), why);
	const char *account = ident_account(e);
	if (!account)
		return e->status;

	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return toets_fail(e, errno == ENOENT ? TOETS_ERR_NOT_FOUND : TOETS_ERR_IO,
				  _("cannot open %s: %s"), path, strerror(errno));
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return toets_fail(e, TOETS_ERR_INVALID, _("%s is not a regular file"), path);
	}
	if (sb.st_size > DOCUMENT_MAX_SIZE) {
		close(fd);
		return toets_fail(e, TOETS_ERR_INVALID,
				  _("%s is %lld bytes; a document may be at most %d MiB"), path,
				  (long long)sb.st_size, DOCUMENT_MAX_SIZE / (1024 * 1024));
	}
	/* Blocking reads from here on; the file is read before the write lock
	 * is taken, so a slow disk does not hold up other writers. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	char *content = NULL, sha[65];
	enum toets_status st = read_whole(fd, path, sb.st_size, &content, sha, e);
	close(fd);
	if (st != TOETS_OK)
		return st;

	if ((st = store_begin(s, e)) != TOETS_OK) {
		free(content);
		return st;
	}
	char dossier_id[STORE_ID_LEN], at[TIMESTAMP_LEN];
	store_new_id(id_out);
	timestamp_now(at);
	sqlite3_stmt *q = NULL;
	if ((st = dossier_lookup(s, reference, dossier_id, e)) != TOETS_OK)
		goto fail;
	if (!(q = store_prepare(s, sql_insert, e))) {
		st = e->status;
		goto fail;
	}
	sqlite3_bind_text(q, 1, id_out, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, dossier_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, kind, -1, SQLITE_TRANSIENT);
	if (received_on && *received_on)
		sqlite3_bind_text(q, 5, received_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 6, base_name(path), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 7, (sqlite3_int64)sb.st_size);
	sqlite3_bind_text(q, 8, sha, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob64(q, 9, content, (sqlite3_uint64)sb.st_size, SQLITE_STATIC);
	sqlite3_bind_text(q, 10, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 11, at, -1, SQLITE_TRANSIENT);
	st = store_step_done(s, q, _("storing the document"), e);
	sqlite3_clear_bindings(q); /* the content buffer goes away below */
	if (st != TOETS_OK)
		goto fail;
	if ((st = search_index(s, "document", id_out, dossier_id, title, e)) != TOETS_OK)
		goto fail;

	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "document", id_out);
	audit_payload_add(&p, "title", title);
	audit_payload_add(&p, "kind", kind);
	audit_payload_add(&p, "received_on", received_on && *received_on ? received_on : NULL);
	audit_payload_add(&p, "filename", base_name(path));
	audit_payload_addf(&p, "size", "%lld", (long long)sb.st_size);
	audit_payload_add(&p, "sha256", sha);
	free(content);
	return audit_commit(s, account, "document.add", dossier_id, &p, e);
fail:
	free(content);
	store_rollback(s);
	return st;
}

enum toets_status document_list(struct store *s, const char *dossier_id,
				bool (*fn)(const struct document *d, void *ctx), void *ctx,
				struct toets_error *e)
{
	static const char sql[] =
		"SELECT id, title, kind, received_on, filename, size, sha256, added_by, added_at "
		"FROM document WHERE dossier_id = ? ORDER BY added_at, rowid";
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, dossier_id, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct document d = {
			store_text(st, 0), store_text(st, 1), store_text(st, 2),
			(const char *)sqlite3_column_text(st, 3), store_text(st, 4),
			sqlite3_column_int64(st, 5), store_text(st, 6), store_text(st, 7), store_text(st, 8),
		};
		if (!fn(&d, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading documents"), e);
	return TOETS_OK;
}

enum toets_status document_find(struct store *s, const char *dossier_id, const char *which,
				char id_out[STORE_ID_LEN], struct toets_error *e)
{
	/* A prefix match with LIKE would treat % and _ as wildcards: compare
	 * the leading characters instead. */
	static const char sql[] = "SELECT id FROM document WHERE dossier_id = ?1 "
				  "AND substr(id, 1, length(?2)) = ?2 LIMIT 2";
	size_t len = strlen(which);
	if (len < 4 || len >= STORE_ID_LEN)
		return toets_fail(e, TOETS_ERR_INVALID,
				  _("name a document by its id or the first 4 or more characters of it, not '%s'"),
				  which);
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, dossier_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, which, -1, SQLITE_TRANSIENT);
	int found = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (found++ == 0)
			snprintf(id_out, STORE_ID_LEN, "%s", store_text(st, 0));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("looking up the document"), e);
	if (found == 0)
		return toets_fail(e, TOETS_ERR_NOT_FOUND, _("the dossier has no document %s (see 'toets doc list')"),
				  which);
	if (found > 1)
		return toets_fail(e, TOETS_ERR_INVALID, _("%s fits more than one document: give more of its id"),
				  which);
	return TOETS_OK;
}

enum toets_status document_export(struct store *s, const char *reference, const char *which,
				  const char *dest, struct toets_error *e)
{
	static const char sql[] = "SELECT rowid, size, sha256 FROM document WHERE id = ?";
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
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_reset(q);
		return toets_fail(e, TOETS_ERR_NOT_FOUND, _("the document %s is gone"), which);
	}
	sqlite3_int64 rowid = sqlite3_column_int64(q, 0);
	int64_t size = sqlite3_column_int64(q, 1);
	char want[65];
	snprintf(want, sizeof(want), "%s", store_text(q, 2));
	sqlite3_reset(q);

	int fd;
	if ((st = outfile_open(dest, &fd, e)) != TOETS_OK)
		return st;
	sqlite3_blob *blob;
	int rc = sqlite3_blob_open(store_db(s), "main", "document", "content", rowid, 0, &blob);
	if (rc != SQLITE_OK) {
		st = store_fail(s, rc, _("reading the document"), e);
	} else {
		crypto_hash_sha256_state hs;
		crypto_hash_sha256_init(&hs);
		char *buf = xmalloc(CHUNK);
		for (int64_t done = 0; done < size && st == TOETS_OK;) {
			int n = size - done < CHUNK ? (int)(size - done) : CHUNK;
			rc = sqlite3_blob_read(blob, buf, n, (int)done);
			if (rc != SQLITE_OK) {
				st = store_fail(s, rc, _("reading the document"), e);
				break;
			}
			crypto_hash_sha256_update(&hs, (unsigned char *)buf, (size_t)n);
			st = outfile_write(fd, buf, (size_t)n, dest, e);
			done += n;
		}
		free(buf);
		sqlite3_blob_close(blob);
		unsigned char h[32];
		char got[65];
		crypto_hash_sha256_final(&hs, h);
		to_hex(h, got);
		if (st == TOETS_OK && strcmp(got, want) != 0)
			st = toets_fail(e, TOETS_ERR_CORRUPT,
					_("the stored document does not match its SHA-256 (%s): the database is "
					  "damaged; run 'toets db check'"), want);
	}
	return outfile_close(fd, dest, st, e);
}
