/* audit.c - the hash-chained log. */
#include "toets/audit.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "toets/datetime.h"
#include "toets/i18n.h"

static const char genesis[AUDIT_HASH_LEN] =
	"0000000000000000000000000000000000000000000000000000000000000000";

void audit_payload_add(struct audit_payload *p, const char *key, const char *value)
{
	strbuf_adds(&p->text, key);
	strbuf_addc(&p->text, '=');
	if (!value) {
		strbuf_adds(&p->text, "\\0"); /* NULL differs from "" */
	} else {
		for (const char *c = value; *c; c++) {
			if (*c == '\\')
				strbuf_adds(&p->text, "\\\\");
			else if (*c == '\n')
				strbuf_adds(&p->text, "\\n");
			else if (*c == '\r')
				strbuf_adds(&p->text, "\\r");
			else
				strbuf_addc(&p->text, *c);
		}
	}
	strbuf_addc(&p->text, '\n');
}

void audit_payload_addf(struct audit_payload *p, const char *key, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	audit_payload_add(p, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

void audit_payload_release(struct audit_payload *p)
{
	strbuf_release(&p->text);
}

static void to_hex(const unsigned char *h, char out[AUDIT_HASH_LEN])
{
	sodium_bin2hex(out, AUDIT_HASH_LEN, h, crypto_hash_sha256_BYTES);
}

static void sha256_hex(const char *data, size_t len, char out[AUDIT_HASH_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)data, len);
	to_hex(h, out);
}

/* Each field as "length:bytes," so that no two rows share a byte form. */
static void add_field(crypto_hash_sha256_state *st, const char *value)
{
	char len[32];
	const char *v = value ? value : "";
	int n = snprintf(len, sizeof(len), "%zu:", strlen(v));
	crypto_hash_sha256_update(st, (const unsigned char *)len, (size_t)n);
	crypto_hash_sha256_update(st, (const unsigned char *)v, strlen(v));
	crypto_hash_sha256_update(st, (const unsigned char *)",", 1);
}

static void row_hash(const char *prev, int64_t seq, const char *at, const char *account,
		     const char *action, const char *dossier_id, const char *payload_sha,
		     char out[AUDIT_HASH_LEN])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	char seqs[32];
	snprintf(seqs, sizeof(seqs), "%" PRId64, seq);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)prev, strlen(prev));
	add_field(&st, seqs);
	add_field(&st, at);
	add_field(&st, account);
	add_field(&st, action);
	add_field(&st, dossier_id);
	add_field(&st, payload_sha);
	crypto_hash_sha256_final(&st, h);
	to_hex(h, out);
}

static const char sql_last[] = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";

enum toets_status audit_append(struct store *s, const char *account, const char *action,
			       const char *dossier_id, const struct audit_payload *payload,
			       struct toets_error *e)
{
	static const char sql_insert[] =
		"INSERT INTO audit (seq, at, account, action, dossier_id, payload, payload_sha256, "
		"prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = store_prepare(s, sql_last, e);
	if (!st)
		return e ? e->status : TOETS_ERR_INTERNAL;
	int64_t seq = 1;
	char prev[AUDIT_HASH_LEN];
	memcpy(prev, genesis, sizeof(prev));
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		seq = sqlite3_column_int64(st, 0) + 1;
		snprintf(prev, sizeof(prev), "%s", store_text(st, 1));
	} else if (rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_fail(s, rc, _("writing the audit log"), e);
	}
	sqlite3_reset(st);

	char at[TIMESTAMP_LEN], payload_sha[AUDIT_HASH_LEN], hash[AUDIT_HASH_LEN];
	const char *text = strbuf_str(&payload->text);
	timestamp_now(at);
	sha256_hex(text, payload->text.len, payload_sha);
	row_hash(prev, seq, at, account, action, dossier_id, payload_sha, hash);

	st = store_prepare(s, sql_insert, e);
	if (!st)
		return e ? e->status : TOETS_ERR_INTERNAL;
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
	if (dossier_id)
		sqlite3_bind_text(st, 5, dossier_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, text, (int)payload->text.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, payload_sha, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, prev, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, hash, -1, SQLITE_TRANSIENT);
	return store_step_done(s, st, _("writing the audit log"), e);
}

enum toets_status audit_commit(struct store *s, const char *account, const char *action,
			       const char *dossier_id, struct audit_payload *payload,
			       struct toets_error *e)
{
	enum toets_status st = audit_append(s, account, action, dossier_id, payload, e);
	audit_payload_release(payload);
	if (st != TOETS_OK) {
		store_rollback(s);
		return st;
	}
	return store_commit(s, e);
}

enum toets_status audit_head(struct store *s, char out[AUDIT_HASH_LEN], struct toets_error *e)
{
	sqlite3_stmt *st = store_prepare(s, sql_last, e);
	if (!st)
		return e ? e->status : TOETS_ERR_INTERNAL;
	out[0] = '\0';
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, AUDIT_HASH_LEN, "%s", store_text(st, 1));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the audit log"), e);
	return TOETS_OK;
}

/* The triggers that make the log append-only must still be there: a log
 * that verifies but can be rewritten freely is not tamper-evident. */
static enum toets_status check_protection(struct store *s, struct audit_verdict *v,
					  struct toets_error *e)
{
	static const char sql[] = "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND "
				  "tbl_name = 'audit' AND name IN ('audit_no_update', 'audit_no_delete')";
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	int rc = sqlite3_step(st);
	int n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, _("reading the audit log"), e);
	if (n != 2 && v->ok) {
		v->ok = false;
		v->broken_seq = 0;
		snprintf(v->reason, sizeof(v->reason), "%s",
			 _("its append-only protection (the triggers) was removed"));
	}
	return TOETS_OK;
}

enum toets_status audit_verify(struct store *s, struct audit_verdict *v, struct toets_error *e)
{
	static const char sql[] =
		"SELECT seq, at, account, action, dossier_id, payload, payload_sha256, prev_hash, hash "
		"FROM audit ORDER BY seq";
	memset(v, 0, sizeof(*v));
	v->ok = true;
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e ? e->status : TOETS_ERR_INTERNAL;
	char prev[AUDIT_HASH_LEN];
	memcpy(prev, genesis, sizeof(prev));
	int64_t expect = 1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(st, 0);
		const char *payload = (const char *)sqlite3_column_text(st, 5);
		int payload_len = sqlite3_column_bytes(st, 5);
		char payload_sha[AUDIT_HASH_LEN], hash[AUDIT_HASH_LEN];
		sha256_hex(payload ? payload : "", (size_t)payload_len, payload_sha);
		row_hash(prev, seq, store_text(st, 1), store_text(st, 2), store_text(st, 3),
			 (const char *)sqlite3_column_text(st, 4), store_text(st, 6), hash);
		const char *why = NULL;
		if (seq != expect)
			why = seq > expect ? _("rows before it are missing") : _("the sequence is out of order");
		else if (strcmp(store_text(st, 7), prev) != 0)
			why = _("its link to the previous row does not match (a row was removed, "
				"added or reordered)");
		else if (strcmp(payload_sha, store_text(st, 6)) != 0)
			why = _("its content does not match its hash (the row was changed)");
		else if (strcmp(hash, store_text(st, 8)) != 0)
			why = _("its hash does not match its fields (the row was changed)");
		if (why) {
			v->ok = false;
			v->broken_seq = seq;
			snprintf(v->reason, sizeof(v->reason), "%s", why);
			break;
		}
		memcpy(prev, hash, sizeof(prev));
		memcpy(v->head, hash, sizeof(prev));
		v->rows++;
		expect++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the audit log"), e);
	return check_protection(s, v, e);
}

enum toets_status audit_each(struct store *s, const char *dossier_id,
			     bool (*fn)(const struct audit_row *row, void *ctx), void *ctx,
			     struct toets_error *e)
{
	static const char sql_all[] =
		"SELECT a.seq, a.at, a.account, a.action, d.reference, a.payload, a.hash "
		"FROM audit a LEFT JOIN dossier d ON d.id = a.dossier_id ORDER BY a.seq";
	static const char sql_one[] =
		"SELECT a.seq, a.at, a.account, a.action, d.reference, a.payload, a.hash "
		"FROM audit a LEFT JOIN dossier d ON d.id = a.dossier_id "
		"WHERE a.dossier_id = ? ORDER BY a.seq";
	sqlite3_stmt *st = store_prepare(s, dossier_id ? sql_one : sql_all, e);
	if (!st)
		return e ? e->status : TOETS_ERR_INTERNAL;
	if (dossier_id)
		sqlite3_bind_text(st, 1, dossier_id, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_row row = {
			.seq = sqlite3_column_int64(st, 0),
			.at = store_text(st, 1),
			.account = store_text(st, 2),
			.action = store_text(st, 3),
			.dossier_ref = store_text(st, 4),
			.payload = store_text(st, 5),
			.hash = store_text(st, 6),
		};
		if (!fn(&row, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the audit log"), e);
	return TOETS_OK;
}
