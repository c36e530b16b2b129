/* test_partners.c - constituencies as stored: imports all or nothing (with
 * line numbers), adding or replacing, notes from comments, the one audit
 * row with the file's SHA-256, single additions and removals (normalised,
 * all or nothing, an audit row each), the natural order read back, CSV
 * (quoted, formula-safe) and JSON, and the index over every dossier:
 * longest prefix, domain suffix, AS numbers, designated dossiers only,
 * overlaps, and stored rows that no longer parse. */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <ftw.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/datetime.h"
#include "toets/dossier.h"
#include "toets/ident.h"
#include "toets/partners.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#include "fixture.h"

/* ---- fixture: a database with three dossiers, made once, copied per test ----- */

static char template_dir[] = "/tmp/toets-ut-partners-tpl.XXXXXX";
static char template_db[128];
static char ref_a[DOSSIER_REF_LEN], ref_b[DOSSIER_REF_LEN], ref_c[DOSSIER_REF_LEN];

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
};

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(template_dir))
		return -1;
	snprintf(template_db, sizeof(template_db), "%s/toets.db", template_dir);
	struct store *s = NULL;
	struct toets_error e;
	if (store_open(template_db, &s, &e) != TOETS_OK)
		return -1;
	const char *names[] = { "Stichting A", "Coöperatie \"B\", en zo", "C B.V." };
	char *refs[] = { ref_a, ref_b, ref_c };
	for (int i = 0; i < 3; i++) {
		struct dossier_new in = { .category = CATEGORY_ISP };
		in.org.name = (char *)names[i];
		if (dossier_create(s, &in, refs[i], &e) != TOETS_OK)
			return -1;
	}
	store_close(&s);
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
	strcpy(f->dir, "/tmp/toets-ut-partners.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/toets.db", f->dir);
	struct toets_error e;
	if (copy_file(template_db, f->path) != 0 || store_open(f->path, &f->s, &e) != TOETS_OK)
		return -1;
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

/* ---- helpers ------------------------------------------------------------------------ */

static int64_t query_int(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *db = store_db(s);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The first column of the first row, or "" (free it). */
static char *query_text(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *db = store_db(s);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	char *v = xstrdup(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)
				  ? (const char *)sqlite3_column_text(st, 0)
				  : "");
	sqlite3_finalize(st);
	return v;
}

static void exec_sql(struct store *s, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(store_db(s), sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

static int64_t audit_rows(struct store *s)
{
	return query_int(s, "SELECT count(*) FROM audit");
}

static int64_t rows_of(struct store *s)
{
	return query_int(s, "SELECT count(*) FROM constituency");
}

/* The values of a dossier (or all) as read back: "AS1 10.0.0.0/8 ...",
 * each with "[note]" when it has one. */
static void values(struct fx *f, const char *ref, struct strbuf *out)
{
	struct partners_rows r;
	struct toets_error e = { 0 };
	strbuf_reset(out);
	if (partners_read(f->s, ref, &r, &e) != TOETS_OK)
		fail_msg("partners_read: %s", e.message);
	for (size_t i = 0; i < r.n; i++) {
		if (i)
			strbuf_addc(out, ' ');
		strbuf_adds(out, r.items[i].value);
		if (r.items[i].note)
			strbuf_addf(out, "[%s]", r.items[i].note);
	}
	partners_rows_release(&r);
}

static enum toets_status import(struct fx *f, const char *ref, const char *text, unsigned flags,
				struct partners_import *r, struct diag_list *dl, struct toets_error *e)
{
	diag_init(dl, "lijst.txt");
	return partners_import_buffer(f->s, ref, "lijst.txt", text, strlen(text), flags, dl, r, e);
}

static void import_ok(struct fx *f, const char *ref, const char *text, unsigned flags, struct partners_import *r)
{
	struct diag_list dl;
	struct toets_error e = { 0 };
	if (import(f, ref, text, flags, r, &dl, &e) != TOETS_OK)
		fail_msg("import: %s", e.message);
	diag_release(&dl);
}

static void add_ok(struct fx *f, const char *ref, const char *value, const char *note)
{
	struct constituency_value v;
	bool existed;
	struct toets_error e = { 0 };
	if (partners_add(f->s, ref, &value, 1, note, &v, &existed, &e) != TOETS_OK)
		fail_msg("add %s: %s", value, e.message);
}

static void sha256_hex(const char *text, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* ---- importing ----------------------------------------------------------------------- */

static void test_import_adds(void **state)
{
	struct fx *f = *state;
	static const char text[] = "\xEF\xBB\xBF# Stichting A\r\n"
				   "AS64500\r\n"
				   "192.0.2.0/24   # Amsterdam\r\n"
				   "\r\n"
				   "2001:DB8:0:0::/32\t#\tkantoor\tRotterdam \r\n"
				   "*.Example.NL.\n"
				   "192.0.2.0/24  # repeated: kept once, first note\n"
				   "10.1.2.3 ##\n";
	int64_t audit = audit_rows(f->s);
	struct partners_import r;
	struct diag_list dl;
	struct toets_error e = { 0 };
	assert_int_equal(import(f, ref_a, text, 0, &r, &dl, &e), TOETS_OK);
	assert_int_equal(r.entries, 5);
	assert_int_equal(r.added, 5);
	assert_int_equal(r.kept, 0);
	assert_int_equal(r.removed, 0);
	char sha[65];
	sha256_hex(text, sha);
	assert_string_equal(r.sha256, sha);
	/* warnings only: the repeat, the wildcard, reserved ranges */
	assert_int_equal(dl.n_errors, 0);
	assert_true(dl.n_warnings >= 2);
	diag_release(&dl);

	struct strbuf v = STRBUF_INIT;
	values(f, ref_a, &v);
	assert_string_equal(strbuf_str(&v), "AS64500 10.1.2.3/32 192.0.2.0/24[Amsterdam] "
					    "2001:db8::/32[kantoor Rotterdam] example.nl");
	strbuf_release(&v);

	/* one audit row for the whole import */
	assert_int_equal(audit_rows(f->s), audit + 1);
	char *payload = query_text(f->s, "SELECT payload FROM audit ORDER BY seq DESC LIMIT 1");
	char *want = xasprintf("file=lijst.txt\nsha256=%s\nmode=add\nentries=5\nadded=5\nkept=0\n"
			       "notes_changed=0\nremoved=0\n",
			       sha);
	assert_string_equal(payload, want);
	free(payload);
	free(want);
	char *action = query_text(f->s, "SELECT action FROM audit ORDER BY seq DESC LIMIT 1");
	assert_string_equal(action, "constituency.import");
	free(action);
	/* who and when on every row */
	assert_int_equal(query_int(f->s, "SELECT count(DISTINCT account || at) FROM constituency"), 1);
}

static void test_import_errors_store_nothing(void **state)
{
	struct fx *f = *state;
	import_ok(f, ref_a, "AS1\n", 0, &(struct partners_import){ 0 });
	int64_t audit = audit_rows(f->s);
	struct partners_import r;
	struct diag_list dl;
	struct toets_error e = { 0 };
	assert_int_equal(import(f, ref_a, "AS2\n192.0.2.1/24\nexample.nl\nAS0\n-bad-.nl\n", PARTNERS_REPLACE, &r, &dl,
				&e),
			 TOETS_ERR_INVALID);
	assert_string_equal(e.message, "lijst.txt: 3 errors; nothing was stored");
	assert_int_equal(dl.n_errors, 3);
	unsigned lines[3];
	size_t k = 0;
	for (size_t i = 0; i < dl.n; i++)
		if (dl.items[i].severity == DIAG_ERROR)
			lines[k++] = dl.items[i].line;
	assert_int_equal(lines[0], 2);
	assert_int_equal(lines[1], 4);
	assert_int_equal(lines[2], 5);
	diag_release(&dl);
	assert_int_equal(r.added + r.removed + r.kept, 0);
	assert_int_equal(audit_rows(f->s), audit);
	struct strbuf v = STRBUF_INIT;
	values(f, ref_a, &v);
	assert_string_equal(strbuf_str(&v), "AS1");

	/* an unknown dossier: nothing either, and said before the file is checked */
	assert_int_equal(import(f, "1999-0001", "AS2\nAS0\n", 0, &r, &dl, &e), TOETS_ERR_NOT_FOUND);
	assert_int_equal(dl.n, 0);
	diag_release(&dl);
	assert_int_equal(rows_of(f->s), 1);
	assert_int_equal(audit_rows(f->s), audit);
	strbuf_release(&v);
}

static void test_import_replace(void **state)
{
	struct fx *f = *state;
	struct partners_import r;
	import_ok(f, ref_a, "AS1\nAS2 # twee\n192.0.2.0/24 # oud\nexample.nl\n", 0, &r);
	char *id_before = query_text(f->s, "SELECT id FROM constituency WHERE value = 'AS2'");
	/* adding: what is there stays, with its note */
	import_ok(f, ref_a, "AS2 # anders\nAS3\n", 0, &r);
	assert_int_equal(r.added, 1);
	assert_int_equal(r.kept, 1);
	assert_int_equal(r.notes_changed, 0);
	struct strbuf v = STRBUF_INIT;
	values(f, ref_a, &v);
	assert_string_equal(strbuf_str(&v), "AS1 AS2[twee] AS3 192.0.2.0/24[oud] example.nl");

	/* replacing: the file is the constituency; kept rows keep their id */
	int64_t audit = audit_rows(f->s);
	import_ok(f, ref_a, "AS2\n192.0.2.0/24 # nieuw\nexample.org\n", PARTNERS_REPLACE, &r);
	assert_int_equal(r.entries, 3);
	assert_int_equal(r.added, 1);
	assert_int_equal(r.kept, 2);
	assert_int_equal(r.notes_changed, 2);
	assert_int_equal(r.removed, 3);
	values(f, ref_a, &v);
	assert_string_equal(strbuf_str(&v), "AS2 192.0.2.0/24[nieuw] example.org");
	char *id_after = query_text(f->s, "SELECT id FROM constituency WHERE value = 'AS2'");
	assert_string_equal(id_before, id_after);
	free(id_before);
	free(id_after);
	assert_int_equal(audit_rows(f->s), audit + 1);
	char *payload = query_text(f->s, "SELECT payload FROM audit ORDER BY seq DESC LIMIT 1");
	assert_non_null(strstr(payload, "mode=replace\nentries=3\nadded=1\nkept=2\nnotes_changed=2\nremoved=3\n"));
	free(payload);

	/* another dossier is not touched; an empty file empties */
	import_ok(f, ref_b, "AS2\n", 0, &r);
	import_ok(f, ref_a, "# nothing left\n", PARTNERS_REPLACE, &r);
	assert_int_equal(r.removed, 3);
	values(f, ref_a, &v);
	assert_string_equal(strbuf_str(&v), "");
	values(f, ref_b, &v);
	assert_string_equal(strbuf_str(&v), "AS2");
	strbuf_release(&v);
}

static void test_import_notes(void **state)
{
	struct fx *f = *state;
	struct strbuf text = STRBUF_INIT;
	strbuf_adds(&text, "AS1 # bel \x01 niet\nAS2 # ");
	for (int i = 0; i < PARTNERS_NOTE_MAX + 1; i++)
		strbuf_addc(&text, 'x');
	strbuf_adds(&text, "\nAS3 # \xff\xfe\nAS4   #   ## goed   \n");
	struct partners_import r;
	struct diag_list dl;
	struct toets_error e = { 0 };
	assert_int_equal(import(f, ref_a, strbuf_str(&text), 0, &r, &dl, &e), TOETS_OK);
	assert_int_equal(r.added, 4);
	assert_int_equal(dl.n_errors, 0);
	assert_int_equal(dl.n_warnings, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(dl.items[i].line, i + 1);
		assert_int_equal(dl.items[i].col, 5);
		assert_non_null(strstr(dl.items[i].message, "note"));
	}
	diag_release(&dl);
	struct strbuf v = STRBUF_INIT;
	values(f, ref_a, &v);
	assert_string_equal(strbuf_str(&v), "AS1 AS2 AS3 AS4[goed]");
	strbuf_release(&v);
	strbuf_release(&text);
}

static void test_import_file(void **state)
{
	struct fx *f = *state;
	char path[200];
	snprintf(path, sizeof(path), "%s/lijst.txt", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("AS64500\n198.51.100.0/24\n", fp);
	fclose(fp);
	struct partners_import r;
	struct diag_list dl;
	struct toets_error e = { 0 };
	diag_init(&dl, path);
	assert_int_equal(partners_import_file(f->s, ref_a, path, 0, &dl, &r, &e), TOETS_OK);
	assert_int_equal(r.added, 2);
	diag_release(&dl);
	char sha[65];
	sha256_hex("AS64500\n198.51.100.0/24\n", sha);
	assert_string_equal(r.sha256, sha);
	/* only the name of the file goes into the audit log */
	char *payload = query_text(f->s, "SELECT payload FROM audit ORDER BY seq DESC LIMIT 1");
	assert_true(strncmp(payload, "file=lijst.txt\n", 15) == 0);
	free(payload);

	int64_t audit = audit_rows(f->s);
	char missing[220];
	snprintf(missing, sizeof(missing), "%s/nope.txt", f->dir);
	diag_init(&dl, missing);
	assert_int_equal(partners_import_file(f->s, ref_a, missing, 0, &dl, &r, &e), TOETS_ERR_NOT_FOUND);
	assert_non_null(strstr(e.message, "nope.txt"));
	diag_release(&dl);
	diag_init(&dl, f->dir);
	assert_int_equal(partners_import_file(f->s, ref_a, f->dir, 0, &dl, &r, &e), TOETS_ERR_NOT_FOUND);
	assert_non_null(strstr(e.message, "directory"));
	diag_release(&dl);
	char fifo[220];
	snprintf(fifo, sizeof(fifo), "%s/fifo", f->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	diag_init(&dl, fifo);
	assert_int_equal(partners_import_file(f->s, ref_a, fifo, 0, &dl, &r, &e), TOETS_ERR_NOT_FOUND);
	assert_non_null(strstr(e.message, "regular"));
	diag_release(&dl);
	/* too large: refused without reading it all into the database */
	char big[220];
	snprintf(big, sizeof(big), "%s/big.txt", f->dir);
	int fd = open(big, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)CONSTITUENCY_MAX_FILE + 1), 0);
	close(fd);
	diag_init(&dl, big);
	assert_int_equal(partners_import_file(f->s, ref_a, big, 0, &dl, &r, &e), TOETS_ERR_INVALID);
	assert_non_null(strstr(e.message, "larger"));
	diag_release(&dl);
	assert_int_equal(audit_rows(f->s), audit);
	assert_int_equal(rows_of(f->s), 2);
}

/* ---- single entries ------------------------------------------------------------------------ */

static void test_add(void **state)
{
	struct fx *f = *state;
	int64_t audit = audit_rows(f->s);
	const char *in[] = { "as64500", "192.0.2.1", "*.Voorbeeld.NL", "AS64500", "2001:0DB8::/32" };
	struct constituency_value v[5];
	bool existed[5];
	struct toets_error e = { 0 };
	assert_int_equal(partners_add(f->s, ref_a, in, 5, "via de telefoon", v, existed, &e), TOETS_OK);
	assert_string_equal(v[0].text, "AS64500");
	assert_string_equal(v[1].text, "192.0.2.1/32");
	assert_string_equal(v[2].text, "voorbeeld.nl");
	assert_true(v[1].warning[0]); /* documentation */
	assert_false(existed[0]);
	assert_true(existed[3]); /* the same entry twice: once */
	assert_false(existed[4]);
	assert_int_equal(rows_of(f->s), 4);
	assert_int_equal(audit_rows(f->s), audit + 4);
	char *p = query_text(f->s, "SELECT payload FROM audit WHERE action = 'constituency.add' ORDER BY seq LIMIT 1");
	assert_non_null(strstr(p, "kind=asn\nvalue=AS64500\nnote=via de telefoon\n"));
	free(p);

	/* again: all there, nothing written */
	const char *again[] = { "AS64500", "192.0.2.1/32" };
	assert_int_equal(partners_add(f->s, ref_a, again, 2, NULL, v, existed, &e), TOETS_OK);
	assert_true(existed[0] && existed[1]);
	assert_int_equal(audit_rows(f->s), audit + 4);

	/* one bad value: nothing at all */
	const char *bad[] = { "AS1", "192.0.2.1/24", "AS2" };
	assert_int_equal(partners_add(f->s, ref_a, bad, 3, NULL, v, existed, &e), TOETS_ERR_INVALID);
	assert_non_null(strstr(e.message, "'192.0.2.1/24'"));
	const char *comment[] = { "# niets" };
	assert_int_equal(partners_add(f->s, ref_a, comment, 1, NULL, v, existed, &e), TOETS_ERR_INVALID);
	const char *twolines[] = { "AS1\nAS2" };
	assert_int_equal(partners_add(f->s, ref_a, twolines, 1, NULL, v, existed, &e), TOETS_ERR_INVALID);
	const char *one[] = { "AS1" };
	assert_int_equal(partners_add(f->s, ref_a, one, 1, "twee\nregels", v, existed, &e), TOETS_ERR_INVALID);
	assert_int_equal(partners_add(f->s, "1999-0001", one, 1, NULL, v, existed, &e), TOETS_ERR_NOT_FOUND);
	assert_int_equal(rows_of(f->s), 4);
	assert_int_equal(audit_rows(f->s), audit + 4);
}

static void test_remove(void **state)
{
	struct fx *f = *state;
	add_ok(f, ref_a, "AS64500", "n");
	add_ok(f, ref_a, "192.0.2.1", NULL);
	add_ok(f, ref_a, "example.nl", NULL);
	add_ok(f, ref_b, "AS64500", NULL);
	int64_t audit = audit_rows(f->s);
	struct toets_error e = { 0 };
	/* any form that normalises to it; one missing: nothing removed */
	const char *miss[] = { "as64500", "198.51.100.7" };
	assert_int_equal(partners_remove(f->s, ref_a, miss, 2, &e), TOETS_ERR_NOT_FOUND);
	assert_non_null(strstr(e.message, "198.51.100.7/32"));
	const char *bad[] = { "as64500", "AS0" };
	assert_int_equal(partners_remove(f->s, ref_a, bad, 2, &e), TOETS_ERR_INVALID);
	assert_int_equal(rows_of(f->s), 4);
	assert_int_equal(audit_rows(f->s), audit);

	const char *ok[] = { "as64500", "192.0.2.1/32", "AS64500" };
	assert_int_equal(partners_remove(f->s, ref_a, ok, 3, &e), TOETS_OK);
	assert_int_equal(audit_rows(f->s), audit + 2);
	char *p = query_text(f->s,
			     "SELECT payload FROM audit WHERE action = 'constituency.remove' ORDER BY seq LIMIT 1");
	assert_non_null(strstr(p, "kind=asn\nvalue=AS64500\nnote=n\n"));
	free(p);
	struct strbuf v = STRBUF_INIT;
	values(f, ref_a, &v);
	assert_string_equal(strbuf_str(&v), "example.nl");
	values(f, ref_b, &v);
	assert_string_equal(strbuf_str(&v), "AS64500");
	strbuf_release(&v);
	assert_int_equal(partners_remove(f->s, ref_a, ok, 0, &e), TOETS_ERR_INVALID);
}

/* ---- reading, CSV and JSON ---------------------------------------------------------------------- */

static void test_read_order(void **state)
{
	struct fx *f = *state;
	struct partners_import r;
	import_ok(f, ref_b, "AS10\n", 0, &r);
	import_ok(f, ref_a,
		  "zeta.nl\nalpha.nl\n2001:db8::/48\n2001:db8::/32\n10.0.0.0/16\n10.0.0.0/8\n9.0.0.0/8\n"
		  "AS100\nAS9\n::/0\n",
		  0, &r);
	struct strbuf v = STRBUF_INIT;
	values(f, ref_a, &v);
	assert_string_equal(strbuf_str(&v), "AS9 AS100 9.0.0.0/8 10.0.0.0/8 10.0.0.0/16 ::/0 2001:db8::/32 "
					    "2001:db8::/48 alpha.nl zeta.nl");
	values(f, NULL, &v); /* by reference first */
	assert_string_equal(strbuf_str(&v), "AS9 AS100 9.0.0.0/8 10.0.0.0/8 10.0.0.0/16 ::/0 2001:db8::/32 "
					    "2001:db8::/48 alpha.nl zeta.nl AS10");
	/* a stored row that no longer parses comes last, as it is */
	char *sql = xasprintf("INSERT INTO constituency (id, dossier_id, kind, value, account, at) "
			      "SELECT 'x', id, 'prefix', '300.0.0.0/8', 'a', 't' FROM dossier WHERE reference = '%s'",
			      ref_a);
	exec_sql(f->s, sql);
	free(sql);
	values(f, ref_a, &v);
	assert_string_equal(strbuf_str(&v), "AS9 AS100 9.0.0.0/8 10.0.0.0/8 10.0.0.0/16 ::/0 2001:db8::/32 "
					    "2001:db8::/48 alpha.nl zeta.nl 300.0.0.0/8");
	struct partners_rows rows;
	struct toets_error e = { 0 };
	assert_int_equal(partners_read(f->s, "1999-0001", &rows, &e), TOETS_ERR_NOT_FOUND);
	partners_rows_release(&rows);
	assert_int_equal(partners_read(f->s, ref_c, &rows, &e), TOETS_OK);
	assert_int_equal(rows.n, 0);
	partners_rows_release(&rows);
	strbuf_release(&v);
}

static void test_csv_json(void **state)
{
	struct fx *f = *state;
	add_ok(f, ref_b, "AS64500", "=HYPERLINK(\"x\")");
	add_ok(f, ref_b, "example.nl", "a,b");
	add_ok(f, ref_a, "192.0.2.0/24", NULL);
	struct partners_rows rows;
	struct toets_error e = { 0 };
	assert_int_equal(partners_read(f->s, NULL, &rows, &e), TOETS_OK);
	assert_int_equal(rows.n, 3);
	const char *account = ident_account(&e);
	const char *at = rows.items[0].at;
	struct strbuf got = STRBUF_INIT, want = STRBUF_INIT;
	partners_csv(&rows, &got);
	strbuf_addf(&want,
		    "kenmerk,organisatie,status,soort,waarde,notitie,toegevoegd_door,toegevoegd_op\r\n"
		    "%s,Stichting A,aangemeld,prefix,192.0.2.0/24,,%s,%s\r\n"
		    "%s,\"Coöperatie \"\"B\"\", en zo\",aangemeld,asn,AS64500,\"'=HYPERLINK(\"\"x\"\")\",%s,%s\r\n"
		    "%s,\"Coöperatie \"\"B\"\", en zo\",aangemeld,domain,example.nl,\"a,b\",%s,%s\r\n",
		    ref_a, account, at, ref_b, account, rows.items[1].at, ref_b, account, rows.items[2].at);
	assert_string_equal(strbuf_str(&got), strbuf_str(&want));

	strbuf_reset(&got);
	strbuf_reset(&want);
	partners_json(&rows, "abc", &got);
	strbuf_addf(&want,
		    "{\"audit_head\":\"abc\",\"partners\":["
		    "{\"reference\":\"%s\",\"organisation\":\"Stichting A\",\"status\":\"aangemeld\",\"entries\":["
		    "{\"kind\":\"prefix\",\"value\":\"192.0.2.0/24\",\"note\":null,\"account\":\"%s\",\"at\":\"%s\"}]},"
		    "{\"reference\":\"%s\",\"organisation\":\"Coöperatie \\\"B\\\", en zo\",\"status\":\"aangemeld\","
		    "\"entries\":["
		    "{\"kind\":\"asn\",\"value\":\"AS64500\",\"note\":\"=HYPERLINK(\\\"x\\\")\",\"account\":\"%s\","
		    "\"at\":\"%s\"},"
		    "{\"kind\":\"domain\",\"value\":\"example.nl\",\"note\":\"a,b\",\"account\":\"%s\",\"at\":\"%s\"}]}"
		    "]}\n",
		    ref_a, account, at, ref_b, account, rows.items[1].at, account, rows.items[2].at);
	assert_string_equal(strbuf_str(&got), strbuf_str(&want));
	partners_rows_release(&rows);

	/* nothing at all */
	assert_int_equal(partners_read(f->s, ref_c, &rows, &e), TOETS_OK);
	strbuf_reset(&got);
	partners_json(&rows, "", &got);
	assert_string_equal(strbuf_str(&got), "{\"audit_head\":\"\",\"partners\":[]}\n");
	strbuf_reset(&got);
	partners_csv(&rows, &got);
	assert_string_equal(strbuf_str(&got),
			    "kenmerk,organisatie,status,soort,waarde,notitie,toegevoegd_door,toegevoegd_op\r\n");
	partners_rows_release(&rows);
	strbuf_release(&got);
	strbuf_release(&want);
}

/* ---- the index ------------------------------------------------------------------------------------ */

/* "REF:entry REF:entry" of who covers q. */
static void who(const struct partners_index *pi, const char *q, unsigned flags, struct strbuf *out)
{
	struct constituency_value v;
	struct toets_error e = { 0 };
	struct constituency_matches m = { 0 };
	strbuf_reset(out);
	if (constituency_parse_query(q, strlen(q), &v, &e) != TOETS_OK)
		fail_msg("%s: %s", q, e.message);
	size_t n = constituency_index_lookup(pi->ix, &v, flags, &m);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "%s%s:%s", i ? " " : "", pi->owners[m.items[i].owner].reference, m.items[i].text);
	constituency_matches_release(&m);
}

static void test_index(void **state)
{
	struct fx *f = *state;
	struct partners_import r;
	import_ok(f, ref_a, "AS64500\n192.0.2.0/24\n2001:db8::/32\nexample.nl\n", 0, &r);
	import_ok(f, ref_b, "192.0.2.128/25\n2001:db8::/32\nsub.example.nl\nAS64500\n", 0, &r);
	import_ok(f, ref_c, "198.51.100.0/24\n", 0, &r);
	struct partners_index pi;
	struct toets_error e = { 0 };
	assert_int_equal(partners_index_load(f->s, 0, &pi, &e), TOETS_OK);
	assert_int_equal(pi.n_owners, 3);
	assert_int_equal(pi.n_entries, 9);
	assert_int_equal(pi.n_unreadable, 0);
	assert_string_equal(pi.owners[0].reference, ref_a);
	assert_string_equal(pi.owners[1].organisation, "Coöperatie \"B\", en zo");
	assert_string_equal(pi.owners[1].status, "aangemeld");
	char name[100];
	snprintf(name, sizeof(name), "Stichting A (%s)", ref_a);
	assert_string_equal(constituency_index_owner_name(pi.ix, 0), name);

	struct strbuf w = STRBUF_INIT, want = STRBUF_INIT;
#define WHO(q, flags, ...)                                  \
	do {                                                \
		who(&pi, q, flags, &w);                     \
		strbuf_reset(&want);                        \
		strbuf_addf(&want, __VA_ARGS__);            \
		assert_string_equal(strbuf_str(&w), strbuf_str(&want)); \
	} while (0)
	WHO("192.0.2.200", 0, "%s:192.0.2.128/25", ref_b);
	WHO("192.0.2.200", CONSTITUENCY_LESS_SPECIFIC, "%s:192.0.2.128/25 %s:192.0.2.0/24", ref_b, ref_a);
	WHO("192.0.2.7", 0, "%s:192.0.2.0/24", ref_a);
	WHO("2001:db8:1::1", 0, "%s:2001:db8::/32 %s:2001:db8::/32", ref_a, ref_b);
	WHO("www.sub.example.nl", 0, "%s:sub.example.nl", ref_b);
	WHO("www.example.nl", 0, "%s:example.nl", ref_a);
	WHO("AS64500", 0, "%s:AS64500 %s:AS64500", ref_a, ref_b);
	WHO("203.0.113.1", 0, "%s", "");
	WHO("ample.nl", 0, "%s", "");

	/* overlaps: the same AS, the same prefix, a prefix and a name inside */
	struct constituency_overlaps ov = { 0 };
	assert_int_equal(constituency_index_overlaps(pi.ix, CONSTITUENCY_NO_OWNER, &ov), 4);
	assert_int_equal(constituency_index_overlaps(pi.ix, partners_index_find(&pi, pi.owners[2].dossier_id), &ov),
			 0);
	assert_int_equal(partners_index_find(&pi, "nope"), CONSTITUENCY_NO_OWNER);
	constituency_overlaps_release(&ov);
	partners_index_release(&pi);

	/* designated only: B is aangewezen (set directly; the workflow has its own tests) */
	char *sql = xasprintf("UPDATE dossier SET status = 'aangewezen' WHERE reference = '%s'", ref_b);
	exec_sql(f->s, sql);
	free(sql);
	assert_int_equal(partners_index_load(f->s, PARTNERS_DESIGNATED, &pi, &e), TOETS_OK);
	assert_int_equal(pi.n_owners, 1);
	assert_int_equal(pi.n_entries, 4);
	WHO("192.0.2.7", 0, "%s", "");
	WHO("AS64500", 0, "%s:AS64500", ref_b);
	partners_index_release(&pi);
#undef WHO

	/* rows that no longer parse are counted and left out */
	exec_sql(f->s, "INSERT INTO constituency (id, dossier_id, kind, value, account, at) "
		       "SELECT 'x1', dossier_id, 'prefix', '300.0.0.0/8', 'a', 't' FROM constituency LIMIT 1");
	exec_sql(f->s, "INSERT INTO constituency (id, dossier_id, kind, value, account, at) "
		       "SELECT 'x2', dossier_id, 'domain', 'AS7', 'a', 't' FROM constituency LIMIT 1");
	assert_int_equal(partners_index_load(f->s, 0, &pi, &e), TOETS_OK);
	assert_int_equal(pi.n_entries, 9);
	assert_int_equal(pi.n_unreadable, 2);
	partners_index_release(&pi);

	/* an empty database */
	exec_sql(f->s, "DELETE FROM constituency");
	assert_int_equal(partners_index_load(f->s, 0, &pi, &e), TOETS_OK);
	assert_int_equal(pi.n_owners, 0);
	who(&pi, "192.0.2.1", 0, &w);
	assert_string_equal(strbuf_str(&w), "");
	partners_index_release(&pi);
	strbuf_release(&w);
	strbuf_release(&want);
}

static unsigned rnd(void)
{
	static uint32_t r = 12345;
	r = r * 1103515245u + 12345u;
	return r >> 8;
}

/* Lookups through an index of only the candidates agree with the whole
 * index: nested prefixes of three dossiers in a small space, names under
 * names, AS numbers; random queries one at a time and all at once. */
static void test_index_for(void **state)
{
	struct fx *f = *state;
	const char *refs[] = { ref_a, ref_b, ref_c };
#define RND() rnd()
	for (int d = 0; d < 3; d++) {
		struct strbuf t = STRBUF_INIT;
		for (int i = 0; i < 120; i++) {
			unsigned len = 8 + RND() % 25, a = RND() & 0xffff;
			uint32_t addr = (10u << 24 | a << 8 | (RND() & 0xff)) & (len ? ~0u << (32 - len) : 0);
			strbuf_addf(&t, "%u.%u.%u.%u/%u\n", addr >> 24, addr >> 16 & 0xff, addr >> 8 & 0xff,
				    addr & 0xff, len);
			unsigned len6 = 16 + RND() % 49;
			unsigned g2 = RND() & 0xffff, g3 = RND() & 0xffff, g4 = RND() & 0xffff;
			uint64_t hi = 0x2a00000000000000ull | (uint64_t)(g2 & 0xf) << 32 | (uint64_t)g3 << 16 | g4;
			hi &= ~0ull << (64 - len6);
			strbuf_addf(&t, "%llx:%llx:%llx:%llx::/%u\n", (unsigned long long)(hi >> 48),
				    (unsigned long long)(hi >> 32 & 0xffff), (unsigned long long)(hi >> 16 & 0xffff),
				    (unsigned long long)(hi & 0xffff), len6);
			strbuf_addf(&t, "%sd%u.nl\n", RND() % 2 ? "www." : "", RND() % 40);
			strbuf_addf(&t, "AS%u\n", 1 + RND() % 60);
		}
		struct partners_import res;
		import_ok(f, refs[d], strbuf_str(&t), 0, &res);
		strbuf_release(&t);
	}
	struct partners_index full, some;
	struct toets_error e = { 0 };
	assert_int_equal(partners_index_load(f->s, 0, &full, &e), TOETS_OK);
	enum { Q = 300 };
	struct constituency_value *q = xcalloc(Q, sizeof(*q));
	for (int i = 0; i < Q; i++) {
		char text[80];
		switch (i % 4) {
		case 0:
			snprintf(text, sizeof(text), "10.%u.%u.%u", RND() & 0xff, RND() & 0xff, RND() & 0xff);
			break;
		case 1:
			snprintf(text, sizeof(text), "2a0%x:%x:%x::%x", RND() & 0xf, RND() & 0xffff, RND() & 0xffff,
				 RND() & 0xffff);
			break;
		case 2: snprintf(text, sizeof(text), "x.www.d%u.nl", RND() % 45); break;
		default: snprintf(text, sizeof(text), "AS%u", 1 + RND() % 70);
		}
		assert_int_equal(constituency_parse_query(text, strlen(text), &q[i], &e), TOETS_OK);
	}
#undef RND
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	size_t covered = 0;
	for (unsigned flags = 0; flags <= CONSTITUENCY_LESS_SPECIFIC; flags++) {
		assert_int_equal(partners_index_load_for(f->s, 0, q, Q, &some, &e), TOETS_OK);
		assert_true(some.n_entries < full.n_entries);
		for (int i = 0; i < Q; i++) {
			who(&full, q[i].text, flags, &a);
			who(&some, q[i].text, flags, &b);
			assert_string_equal(strbuf_str(&a), strbuf_str(&b));
			covered += a.len > 0;
			if (i % 10 == 0) { /* one at a time */
				struct partners_index one;
				assert_int_equal(partners_index_load_for(f->s, 0, &q[i], 1, &one, &e), TOETS_OK);
				who(&one, q[i].text, flags, &b);
				assert_string_equal(strbuf_str(&a), strbuf_str(&b));
				partners_index_release(&one);
			}
		}
		partners_index_release(&some);
	}
	assert_true(covered > Q / 2); /* the test looks at something */
	free(q);
	strbuf_release(&a);
	strbuf_release(&b);
	partners_index_release(&full);
}

static void test_kind_codes(void **state)
{
	(void)state;
	assert_string_equal(partners_kind_code(CONSTITUENCY_ASN), "asn");
	assert_string_equal(partners_kind_code(CONSTITUENCY_PREFIX), "prefix");
	assert_string_equal(partners_kind_code(CONSTITUENCY_DOMAIN), "domain");
	assert_string_equal(partners_kind_code(CONSTITUENCY_NONE), "");
}

int main(void)
{
#define DB(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_codes),
		DB(test_import_adds),
		DB(test_import_errors_store_nothing),
		DB(test_import_replace),
		DB(test_import_notes),
		DB(test_import_file),
		DB(test_add),
		DB(test_remove),
		DB(test_read_order),
		DB(test_csv_json),
		DB(test_index),
		DB(test_index_for),
	};
	return cmocka_run_group_tests_name("partners", tests, group_setup, group_teardown);
}
