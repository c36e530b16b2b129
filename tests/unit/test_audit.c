/* test_audit.c - the hash-chained audit log: every change leaves a row,
 * the chain verifies, the triggers refuse changes, and a row changed,
 * deleted or moved with the triggers dropped is found and named. */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "toets/audit.h"
#include "toets/dossier.h"
#include "toets/ident.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#include "fixture.h"

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
	char ref[DOSSIER_REF_LEN];
	char id[STORE_ID_LEN];
};

/* The log every test starts from, made once (group_setup) and copied:
 * 1 dossier.create, 2 dossier.status, 3 note.add, 4 contact.add, 5 dossier.set */
static char template_dir[] = "/tmp/toets-ut-audit-tpl.XXXXXX";
static char template_db[128];
static char template_ref[DOSSIER_REF_LEN];

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(template_dir))
		return -1;
	snprintf(template_db, sizeof(template_db), "%s/toets.db", template_dir);
	struct toets_error e = { TOETS_OK, "" };
	struct store *s = NULL;
	if (store_open(template_db, &s, &e) != TOETS_OK)
		return -1;
	struct dossier_new in = { .category = CATEGORY_CERT };
	in.org.name = "Stichting Logboek";
	struct contact c = { .name = "Jan", .email = "jan@logboek.nl" };
	if (dossier_create(s, &in, template_ref, &e) != TOETS_OK ||
	    dossier_transition(s, template_ref, STATUS_ONTVANGEN, NULL, &e) != TOETS_OK ||
	    note_add(s, template_ref, "regel één\nregel twee", &e) != TOETS_OK ||
	    contact_add(s, template_ref, &c, &e) != TOETS_OK ||
	    dossier_set(s, template_ref, "kvk", "87654321", &e) != TOETS_OK) {
		fprintf(stderr, "group setup: %s\n", e.message);
		store_close(&s);
		return -1;
	}
	store_close(&s); /* checkpointed: the whole log is in the one file */
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return rm_tree(template_dir);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/toets-ut-audit.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/toets.db", f->dir);
	struct toets_error e = { TOETS_OK, "" };
	if (copy_file(template_db, f->path) != 0 || store_open(f->path, &f->s, &e) != TOETS_OK ||
	    dossier_lookup(f->s, template_ref, f->id, &e) != TOETS_OK)
		return -1;
	memcpy(f->ref, template_ref, sizeof(f->ref));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(&f->s);
	rm_tree(f->dir);
	free(f);
	return 0;
}

static int64_t query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* As someone with the sqlite3 CLI would: another connection, the
 * triggers dropped, then `sql`. */
static void tamper(const struct fx *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;", NULL, NULL,
			 &err) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(db);
}

static void verify(struct fx *f, struct audit_verdict *v)
{
	struct toets_error e = { TOETS_OK, "" };
	if (audit_verify(f->s, v, &e) != TOETS_OK)
		fail_msg("audit_verify: %s", e.message);
}

/* ---- the chain ---------------------------------------------------------------------- */

struct rows {
	struct strbuf text;
	char last_hash[AUDIT_HASH_LEN];
	int64_t n;
};

static bool collect(const struct audit_row *r, void *ctx)
{
	struct rows *rows = ctx;
	strbuf_addf(&rows->text, "%lld %s %s %s\n", (long long)r->seq, r->action, r->dossier_ref,
		    r->account);
	snprintf(rows->last_hash, sizeof(rows->last_hash), "%s", r->hash);
	rows->n++;
	return true;
}

static void test_chain_verifies(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct audit_verdict v;
	verify(f, &v);
	assert_true(v.ok);
	assert_int_equal(v.rows, 5);
	assert_int_equal(v.broken_seq, 0);
	assert_string_equal(v.reason, "");
	char head[AUDIT_HASH_LEN];
	assert_int_equal(audit_head(f->s, head, &e), TOETS_OK);
	assert_int_equal(strlen(head), 64);
	assert_string_equal(v.head, head);

	/* Each change, in order, by the OS account, with its dossier. */
	const char *me = ident_account(NULL);
	struct rows rows = { STRBUF_INIT, "", 0 };
	assert_int_equal(audit_each(f->s, NULL, collect, &rows, &e), TOETS_OK);
	char *want = xasprintf("1 dossier.create %1$s %2$s\n2 dossier.status %1$s %2$s\n"
			       "3 note.add %1$s %2$s\n4 contact.add %1$s %2$s\n5 dossier.set %1$s %2$s\n",
			       f->ref, me);
	assert_string_equal(strbuf_str(&rows.text), want);
	free(want);
	assert_string_equal(rows.last_hash, head);
	strbuf_release(&rows.text);

	/* The links: row 1 starts from zeros, each next from the one before. */
	sqlite3 *db = store_db(f->s);
	assert_int_equal(query_int(db, "SELECT prev_hash = printf('%064d', 0) FROM audit WHERE seq = 1"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM audit a JOIN audit b ON b.seq = a.seq + 1 "
				       "WHERE b.prev_hash = a.hash"),
			 4);
	/* Every hash differs. */
	assert_int_equal(query_int(db, "SELECT count(DISTINCT hash) FROM audit"), 5);

	/* The payload holds the change, escaped: the note's newline is \n. */
	assert_int_equal(query_int(db, "SELECT count(*) FROM audit WHERE seq = 3 AND payload LIKE "
				       "'%text=regel één\\nregel twee' || char(10)"),
			 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM audit WHERE seq = 5 AND payload = "
				       "'field=kvk' || char(10) || 'value=87654321' || char(10)"),
			 1);

	/* A new change moves the head on. */
	assert_int_equal(note_add(f->s, f->ref, "nog een", &e), TOETS_OK);
	char head2[AUDIT_HASH_LEN];
	assert_int_equal(audit_head(f->s, head2, &e), TOETS_OK);
	assert_string_not_equal(head2, head);
	verify(f, &v);
	assert_true(v.ok);
	assert_int_equal(v.rows, 6);
	assert_string_equal(v.head, head2);
}

static void test_empty_log(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	char *path = xasprintf("%s/empty.db", f->dir);
	struct store *s = NULL;
	assert_int_equal(store_open(path, &s, &e), TOETS_OK);
	char head[AUDIT_HASH_LEN] = "x";
	assert_int_equal(audit_head(s, head, &e), TOETS_OK);
	assert_string_equal(head, "");
	struct audit_verdict v;
	assert_int_equal(audit_verify(s, &v, &e), TOETS_OK);
	assert_true(v.ok);
	assert_int_equal(v.rows, 0);
	assert_string_equal(v.head, "");
	store_close(&s);
	free(path);
}

/* audit_each with a dossier: that dossier's rows only. */
static void test_each_for_one_dossier(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	struct dossier_new in = { .category = CATEGORY_ISP };
	in.org.name = "Ander";
	char ref2[DOSSIER_REF_LEN], id2[STORE_ID_LEN];
	assert_int_equal(dossier_create(f->s, &in, ref2, &e), TOETS_OK);
	assert_int_equal(dossier_lookup(f->s, ref2, id2, &e), TOETS_OK);
	struct rows rows = { STRBUF_INIT, "", 0 };
	assert_int_equal(audit_each(f->s, id2, collect, &rows, &e), TOETS_OK);
	char *want = xasprintf("6 dossier.create %s %s\n", ref2, ident_account(NULL));
	assert_string_equal(strbuf_str(&rows.text), want);
	free(want);
	strbuf_reset(&rows.text);
	rows.n = 0;
	assert_int_equal(audit_each(f->s, f->id, collect, &rows, &e), TOETS_OK);
	assert_int_equal(rows.n, 5);
	strbuf_release(&rows.text);
}

static bool stop_after_two(const struct audit_row *r, void *ctx)
{
	int *n = ctx;
	(void)r;
	return ++*n < 2;
}

static void test_each_stops(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	int n = 0;
	assert_int_equal(audit_each(f->s, NULL, stop_after_two, &n, &e), TOETS_OK);
	assert_int_equal(n, 2);
}

/* ---- the triggers ---------------------------------------------------------------------- */

static void test_triggers_refuse(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = store_db(f->s);
	const char *sqls[] = {
		"UPDATE audit SET account = 'mallory' WHERE seq = 2",
		"UPDATE audit SET seq = seq + 100",
		"DELETE FROM audit WHERE seq = 5",
		"DELETE FROM audit",
	};
	for (size_t i = 0; i < sizeof(sqls) / sizeof(sqls[0]); i++) {
		char *err = NULL;
		int rc = sqlite3_exec(db, sqls[i], NULL, NULL, &err);
		if ((rc & 0xff) != SQLITE_CONSTRAINT)
			fail_msg("%s: rc %d (%s)", sqls[i], rc, err ? err : "no error");
		assert_non_null(err);
		assert_non_null(strstr(err, "append-only"));
		sqlite3_free(err);
	}
	/* From another connection just the same. */
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "DELETE FROM audit WHERE seq = 1", NULL, NULL, NULL) & 0xff,
			 SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(other), "append-only"));
	sqlite3_close(other);
	struct audit_verdict v;
	verify(f, &v);
	assert_true(v.ok);
	assert_int_equal(v.rows, 5);
}

/* ---- tampering, triggers dropped ----------------------------------------------------------- */

static void test_changed_payload(void **state)
{
	struct fx *f = *state;
	tamper(f, "UPDATE audit SET payload = replace(payload, 'regel', 'REGEL') WHERE seq = 3");
	struct audit_verdict v;
	verify(f, &v);
	assert_false(v.ok);
	assert_int_equal(v.broken_seq, 3);
	assert_int_equal(v.rows, 2);
	assert_string_equal(v.reason, "its content does not match its hash (the row was changed)");
}

/* A careful forger recomputes the payload's SHA-256 too: the row hash
 * still gives it away. */
static void test_changed_payload_and_its_hash(void **state)
{
	struct fx *f = *state;
	const char forged[] = "field=kvk\nvalue=11111111\n";
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[AUDIT_HASH_LEN];
	crypto_hash_sha256(h, (const unsigned char *)forged, strlen(forged));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	char *sql = xasprintf("UPDATE audit SET payload = 'field=kvk' || char(10) || 'value=11111111' || "
			      "char(10), payload_sha256 = '%s' WHERE seq = 5",
			      hex);
	tamper(f, sql);
	free(sql);
	struct audit_verdict v;
	verify(f, &v);
	assert_false(v.ok);
	assert_int_equal(v.broken_seq, 5);
	assert_int_equal(v.rows, 4);
	assert_string_equal(v.reason, "its hash does not match its fields (the row was changed)");
}

static void test_changed_account(void **state)
{
	struct fx *f = *state;
	tamper(f, "UPDATE audit SET account = 'mallory' WHERE seq = 4");
	struct audit_verdict v;
	verify(f, &v);
	assert_false(v.ok);
	assert_int_equal(v.broken_seq, 4);
	assert_int_equal(v.rows, 3);
	assert_string_equal(v.reason, "its hash does not match its fields (the row was changed)");
	assert_non_null(strstr(v.reason, "hash does not match"));
}

static void test_changed_time_action_dossier(void **state)
{
	struct fx *f = *state;
	const char *sqls[] = {
		"UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 2",
		"UPDATE audit SET action = 'note.delete' WHERE seq = 2",
		"UPDATE audit SET dossier_id = NULL WHERE seq = 2",
	};
	for (size_t i = 0; i < sizeof(sqls) / sizeof(sqls[0]); i++) {
		/* each on a fresh copy of the log */
		if (i > 0) {
			teardown(state);
			assert_int_equal(setup(state), 0);
			f = *state;
		}
		tamper(f, sqls[i]);
		struct audit_verdict v;
		verify(f, &v);
		if (v.ok || v.broken_seq != 2)
			fail_msg("%s: not found (ok %d, seq %lld)", sqls[i], v.ok, (long long)v.broken_seq);
		assert_string_equal(v.reason, "its hash does not match its fields (the row was changed)");
	}
}

static void test_deleted_middle_row(void **state)
{
	struct fx *f = *state;
	tamper(f, "DELETE FROM audit WHERE seq = 3");
	struct audit_verdict v;
	verify(f, &v);
	assert_false(v.ok);
	assert_int_equal(v.broken_seq, 4);
	assert_int_equal(v.rows, 2);
	assert_string_equal(v.reason, "rows before it are missing");
}

static void test_deleted_first_row(void **state)
{
	struct fx *f = *state;
	tamper(f, "DELETE FROM audit WHERE seq = 1");
	struct audit_verdict v;
	verify(f, &v);
	assert_false(v.ok);
	assert_int_equal(v.broken_seq, 2);
	assert_int_equal(v.rows, 0);
	assert_string_equal(v.reason, "rows before it are missing");
}

/* A row taken out and the ones after renumbered: the link breaks. */
static void test_deleted_and_renumbered(void **state)
{
	struct fx *f = *state;
	tamper(f, "DELETE FROM audit WHERE seq = 3; UPDATE audit SET seq = seq - 1 WHERE seq > 3");
	struct audit_verdict v;
	verify(f, &v);
	assert_false(v.ok);
	assert_int_equal(v.broken_seq, 3);
	assert_string_equal(v.reason, "its link to the previous row does not match (a row was removed, "
				      "added or reordered)");
}

static void test_reordered_rows(void **state)
{
	struct fx *f = *state;
	tamper(f, "UPDATE audit SET seq = -1 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; "
		  "UPDATE audit SET seq = 3 WHERE seq = -1");
	struct audit_verdict v;
	verify(f, &v);
	assert_false(v.ok);
	assert_int_equal(v.broken_seq, 2);
	assert_int_equal(v.rows, 1);
	assert_string_equal(v.reason, "its link to the previous row does not match (a row was removed, "
				      "added or reordered)");
}

/* Cutting off the newest rows leaves a sound chain: what shows it is the
 * head, which is why the head is printed on letters and exports. (Doing
 * it needs the triggers gone, and that is reported on its own.) */
static void test_truncation_changes_head(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	char head[AUDIT_HASH_LEN], after[AUDIT_HASH_LEN];
	assert_int_equal(audit_head(f->s, head, &e), TOETS_OK);
	tamper(f, "DELETE FROM audit WHERE seq = 5");
	struct audit_verdict v;
	verify(f, &v);
	assert_false(v.ok);
	assert_int_equal(v.broken_seq, 0);
	assert_string_equal(v.reason, "its append-only protection (the triggers) was removed");
	assert_int_equal(v.rows, 4);
	assert_int_equal(audit_head(f->s, after, &e), TOETS_OK);
	assert_string_equal(v.head, after);
	assert_string_not_equal(after, head);
}

/* ---- payloads ---------------------------------------------------------------------------- */

static char *payload_of(const char *value)
{
	struct audit_payload p = { STRBUF_INIT };
	audit_payload_add(&p, "k", value);
	char *s = xstrdup(strbuf_str(&p.text));
	audit_payload_release(&p);
	return s;
}

static void test_payload_escaping(void **state)
{
	(void)state;
	static const struct {
		const char *value;
		const char *text;
	} cases[] = {
		{ "plain", "k=plain\n" },
		{ "", "k=\n" },
		{ NULL, "k=\\0\n" },
		{ "\\0", "k=\\\\0\n" },
		{ "a\nb", "k=a\\nb\n" },
		{ "a\\nb", "k=a\\\\nb\n" },
		{ "a\rb", "k=a\\rb\n" },
		{ "a\\", "k=a\\\\\n" },
		{ "x\nl=y", "k=x\\nl=y\n" },
		{ "Coöperatie", "k=Coöperatie\n" },
	};
	size_t n = sizeof(cases) / sizeof(cases[0]);
	char *got[sizeof(cases) / sizeof(cases[0])];
	for (size_t i = 0; i < n; i++) {
		got[i] = payload_of(cases[i].value);
		assert_string_equal(got[i], cases[i].text);
	}
	/* One byte form per change: no two of these values collide. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(got[i], got[j]) == 0)
				fail_msg("cases %zu and %zu give the same payload %s", i, j, got[i]);
	for (size_t i = 0; i < n; i++)
		free(got[i]);

	/* A value cannot pose as a second key. */
	struct audit_payload one = { STRBUF_INIT }, two = { STRBUF_INIT };
	audit_payload_add(&one, "k", "x\nl=y");
	audit_payload_add(&two, "k", "x");
	audit_payload_add(&two, "l", "y");
	assert_string_equal(strbuf_str(&two.text), "k=x\nl=y\n");
	assert_string_not_equal(strbuf_str(&one.text), strbuf_str(&two.text));
	audit_payload_addf(&one, "size", "%d bytes", 42);
	assert_string_equal(strbuf_str(&one.text), "k=x\\nl=y\nsize=42 bytes\n");
	audit_payload_release(&one);
	audit_payload_release(&two);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_chain_verifies),
		T(test_empty_log),
		T(test_each_for_one_dossier),
		T(test_each_stops),
		T(test_triggers_refuse),
		T(test_changed_payload),
		T(test_changed_payload_and_its_hash),
		T(test_changed_account),
		T(test_changed_time_action_dossier),
		T(test_deleted_middle_row),
		T(test_deleted_first_row),
		T(test_deleted_and_renumbered),
		T(test_reordered_rows),
		T(test_truncation_changes_head),
		cmocka_unit_test(test_payload_escaping),
	};
	return cmocka_run_group_tests_name("audit", tests, group_setup, group_teardown);
}
