/* test_document.c - documents stored whole in the database: byte-exact
 * round trips, never overwriting on export, finding by id prefix, the
 * 64 MiB limit, kinds, and files that are not regular files. */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/audit.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/ident.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#include "fixture.h"

/* ---- fixture: two dossiers, made once and copied for each test ------------------ */

static char template_dir[] = "/tmp/toets-ut-document-tpl.XXXXXX";
static char template_db[128];
static char template_ref[2][DOSSIER_REF_LEN];

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
	char ref[2][DOSSIER_REF_LEN];
	char id[2][STORE_ID_LEN];
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
	const char *names[2] = { "Stichting Stukken", "Andere Stichting" };
	for (int i = 0; i < 2; i++) {
		struct dossier_new in = { .category = CATEGORY_OKTT };
		in.org.name = (char *)names[i];
		if (dossier_create(s, &in, template_ref[i], &e) != TOETS_OK) {
			store_close(&s);
			return -1;
		}
	}
	store_close(&s);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return nftw(template_dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/toets-ut-document.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/toets.db", f->dir);
	struct toets_error e;
	if (copy_file(template_db, f->path) != 0 || store_open(f->path, &f->s, &e) != TOETS_OK)
		return -1;
	for (int i = 0; i < 2; i++) {
		memcpy(f->ref[i], template_ref[i], DOSSIER_REF_LEN);
		if (dossier_lookup(f->s, f->ref[i], f->id[i], &e) != TOETS_OK)
			return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(&f->s);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* ---- helpers ------------------------------------------------------------------------- */

static char *path_in(const struct fx *f, const char *name)
{
	return xasprintf("%s/%s", f->dir, name);
}

static void write_file(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

static char *read_file(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(&sb, buf, got);
	fclose(fp);
	*n = sb.len;
	return strbuf_detach(&sb);
}

static mode_t mode_of(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	return sb.st_mode & 07777;
}

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

static void sha256_hex(const void *data, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

struct listed {
	int n;
	struct document d; /* the last one, its strings copied */
	char *strs[8];
};

static bool keep_last(const struct document *d, void *ctx)
{
	struct listed *l = ctx;
	for (int i = 0; i < 8; i++)
		xfree(&l->strs[i]);
	l->d = *d;
	const char **fields[] = { &l->d.id, &l->d.title, &l->d.kind, &l->d.received_on,
				  &l->d.filename, &l->d.sha256, &l->d.added_by, &l->d.added_at };
	for (int i = 0; i < 8; i++) {
		if (*fields[i])
			*fields[i] = l->strs[i] = xstrdup(*fields[i]);
	}
	l->n++;
	return true;
}

static void listed_release(struct listed *l)
{
	for (int i = 0; i < 8; i++)
		xfree(&l->strs[i]);
}

/* Adds `data` as a file called `name`, exports it again, and checks that
 * the bytes, the stored size and hash, and the export's mode are right.
 * want_sha NULL: not computed here (SHA-256 is slow under valgrind); the
 * export checks the bytes against the stored hash (test_export_checks_hash),
 * so identical bytes out mean the stored hash is theirs. */
static void round_trip(struct fx *f, const char *name, const unsigned char *data, size_t n,
		       const char *want_sha)
{
	struct toets_error e = { TOETS_OK, "" };
	char *in = path_in(f, name);
	write_file(in, data, n);
	char id[STORE_ID_LEN];
	if (document_add(f->s, f->ref[0], in, NULL, "statuten", "2026-01-05", id, &e) != TOETS_OK)
		fail_msg("document_add: %s", e.message);
	struct listed l = { 0 };
	assert_int_equal(document_list(f->s, f->id[0], keep_last, &l, &e), TOETS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.d.id, id);
	assert_string_equal(l.d.title, name); /* no title: the file's name */
	assert_string_equal(l.d.filename, name);
	assert_string_equal(l.d.kind, "statuten");
	assert_string_equal(l.d.received_on, "2026-01-05");
	assert_int_equal(l.d.size, (int64_t)n);
	if (want_sha)
		assert_string_equal(l.d.sha256, want_sha);
	else
		assert_int_equal(strlen(l.d.sha256), 64);
	assert_string_equal(l.d.added_by, ident_account(NULL));
	listed_release(&l);

	umask(022); /* the export is private all the same */
	char *out = path_in(f, "export.out");
	if (document_export(f->s, f->ref[0], id, out, &e) != TOETS_OK)
		fail_msg("document_export: %s", e.message);
	assert_int_equal(mode_of(out), 0600);
	size_t got_n;
	char *got = read_file(out, &got_n);
	assert_int_equal(got_n, n);
	if (n)
		assert_memory_equal(got, data, n);
	free(got);
	free(out);
	free(in);
}

/* ---- round trips ----------------------------------------------------------------------- */

static void test_round_trip_random_5mib(void **state)
{
	struct fx *f = *state;
	size_t n = 5 * 1024 * 1024;
	unsigned char *data = malloc(n);
	assert_non_null(data);
	uint64_t x = 0x9e3779b97f4a7c15u; /* xorshift64: the same bytes every run */
	for (size_t i = 0; i < n; i += 8) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(data + i, &x, 8);
	}
	round_trip(f, "willekeurig.bin", data, n, NULL);
	free(data);
	/* the audit row names the size and the hash */
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit WHERE action = 'document.add' AND "
					 "payload LIKE '%size=5242880' || char(10) || 'sha256=' || "
					 "(SELECT sha256 FROM document) || char(10)"),
			 1);
}

static void test_round_trip_all_byte_values(void **state)
{
	struct fx *f = *state;
	unsigned char data[512];
	for (int i = 0; i < 256; i++) {
		data[i] = (unsigned char)i;
		data[511 - i] = (unsigned char)i;
	}
	char sha[65];
	sha256_hex(data, sizeof(data), sha);
	round_trip(f, "alle-bytes.bin", data, sizeof(data), sha);
}

static void test_round_trip_empty(void **state)
{
	struct fx *f = *state;
	round_trip(f, "leeg.txt", (const unsigned char *)"", 0,
		   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* ---- export ------------------------------------------------------------------------------ */

static void test_export_never_overwrites(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	char *in = path_in(f, "brief.txt");
	write_file(in, "nieuwe inhoud", 13);
	char id[STORE_ID_LEN];
	assert_int_equal(document_add(f->s, f->ref[0], in, "Brief", "overig", NULL, id, &e), TOETS_OK);
	char *dest = path_in(f, "bestaand.txt");
	write_file(dest, "oud", 3);
	assert_int_equal(document_export(f->s, f->ref[0], id, dest, &e), TOETS_ERR_EXISTS);
	char want[512];
	snprintf(want, sizeof(want), "%s exists; toets does not overwrite files", dest);
	assert_string_equal(e.message, want);
	size_t n;
	char *kept = read_file(dest, &n);
	assert_int_equal(n, 3);
	assert_memory_equal(kept, "oud", 3);
	free(kept);

	/* Not through a symbolic link either, not even one to nowhere. */
	char *link = path_in(f, "link.txt"), *target = path_in(f, "doel.txt");
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(document_export(f->s, f->ref[0], id, link, &e), TOETS_ERR_EXISTS);
	struct stat sb;
	assert_int_equal(stat(target, &sb), -1);
	assert_int_equal(errno, ENOENT);
	free(link);
	free(target);

	/* Into a directory that does not exist: the reason. */
	char *nowhere = path_in(f, "geen-map/brief.txt");
	assert_int_equal(document_export(f->s, f->ref[0], id, nowhere, &e), TOETS_ERR_IO);
	snprintf(want, sizeof(want), "cannot create %s: %s", nowhere, strerror(ENOENT));
	assert_string_equal(e.message, want);
	free(nowhere);
	free(dest);
	free(in);
}

/* A blob that no longer matches its hash is not handed out. */
static void test_export_checks_hash(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	char *in = path_in(f, "beleid.txt");
	write_file(in, "beleid", 6);
	char id[STORE_ID_LEN];
	assert_int_equal(document_add(f->s, f->ref[0], in, NULL, "beveiligingsbeleid", NULL, id, &e), TOETS_OK);
	assert_int_equal(sqlite3_exec(store_db(f->s), "UPDATE document SET content = X'42454c454944'",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	char *dest = path_in(f, "uit.txt");
	assert_int_equal(document_export(f->s, f->ref[0], id, dest, &e), TOETS_ERR_CORRUPT);
	char want_sha[65], want[512];
	sha256_hex("beleid", 6, want_sha);
	snprintf(want, sizeof(want),
		 "the stored document does not match its SHA-256 (%s): the database is damaged; run 'toets db "
		 "check'",
		 want_sha);
	assert_string_equal(e.message, want);
	/* no partial copy left behind */
	assert_int_equal(access(dest, F_OK), -1);
	free(dest);
	free(in);
}

/* ---- finding by id ------------------------------------------------------------------------ */

static void test_find_by_prefix(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	char *in = path_in(f, "stuk.txt");
	write_file(in, "x", 1);
	char id[STORE_ID_LEN];
	for (int i = 0; i < 3; i++)
		assert_int_equal(document_add(f->s, f->ref[i == 2], in, NULL, "overig", NULL, id, &e), TOETS_OK);
	free(in);
	/* Known ids (random ones could share a prefix by chance). */
	char *sql = xasprintf(
		"UPDATE document SET id = 'abcd0000-0000-4000-8000-00000000000' || rowid WHERE dossier_id = '%s';"
		"UPDATE document SET id = 'ffff0000-0000-4000-8000-000000000009' WHERE dossier_id = '%s';",
		f->id[0], f->id[1]);
	assert_int_equal(sqlite3_exec(store_db(f->s), sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	char first[STORE_ID_LEN];
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(f->s), "SELECT min(id) FROM document", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(first, sizeof(first), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_int_equal(strlen(first), 36);

	char got[STORE_ID_LEN];
	assert_int_equal(document_find(f->s, f->id[0], first, got, &e), TOETS_OK);
	assert_string_equal(got, first);
	assert_int_equal(document_find(f->s, f->id[1], "ffff", got, &e), TOETS_OK);
	assert_string_equal(got, "ffff0000-0000-4000-8000-000000000009");
	assert_int_equal(document_find(f->s, f->id[1], "ffff0000-0000-4000-8000-000000000009", got, &e),
			 TOETS_OK);

	static const struct {
		const char *which;
		enum toets_status st;
		const char *message;
	} refused[] = {
		{ "abcd", TOETS_ERR_INVALID, "abcd fits more than one document: give more of its id" },
		{ "abcd0000-0000-4000-8000-00000000000", TOETS_ERR_INVALID,
		  "abcd0000-0000-4000-8000-00000000000 fits more than one document: give more of its id" },
		{ "abc", TOETS_ERR_INVALID,
		  "name a document by its id or the first 4 or more characters of it, not 'abc'" },
		{ "", TOETS_ERR_INVALID, "name a document by its id or the first 4 or more characters of it, not ''" },
		{ "abcd0000-0000-4000-8000-0000000000011", TOETS_ERR_INVALID,
		  "name a document by its id or the first 4 or more characters of it, not "
		  "'abcd0000-0000-4000-8000-0000000000011'" },
		/* another dossier's document is not this dossier's */
		{ "ffff", TOETS_ERR_NOT_FOUND, "the dossier has no document ffff (see 'toets doc list')" },
		/* no wildcards */
		{ "abc%", TOETS_ERR_NOT_FOUND, "the dossier has no document abc% (see 'toets doc list')" },
		{ "abcd_000", TOETS_ERR_NOT_FOUND, "the dossier has no document abcd_000 (see 'toets doc list')" },
		{ "1234", TOETS_ERR_NOT_FOUND, "the dossier has no document 1234 (see 'toets doc list')" },
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(document_find(f->s, f->id[0], refused[i].which, got, &e), refused[i].st);
		assert_string_equal(e.message, refused[i].message);
	}
	/* export takes the same prefixes */
	char *dest = path_in(f, "uit.txt");
	assert_int_equal(document_export(f->s, f->ref[1], "ffff", dest, &e), TOETS_OK);
	assert_int_equal(document_export(f->s, f->ref[0], "ffff", dest, &e), TOETS_ERR_NOT_FOUND);
	free(dest);
}

/* ---- refusals --------------------------------------------------------------------------------- */

static void expect_nothing_stored(struct fx *f, int64_t audit_before)
{
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM document"), 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM search WHERE kind = 'document'"), 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit"), audit_before);
	assert_true(sqlite3_get_autocommit(store_db(f->s)));
}

static void test_size_limit(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	int64_t rows = query_int(f->s, "SELECT count(*) FROM audit");
	char *big = path_in(f, "te-groot.pdf");
	int fd = open(big, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)DOCUMENT_MAX_SIZE + 1), 0); /* sparse: no disk used */
	assert_int_equal(close(fd), 0);
	char id[STORE_ID_LEN], want[512];
	assert_int_equal(document_add(f->s, f->ref[0], big, NULL, "overig", NULL, id, &e), TOETS_ERR_INVALID);
	snprintf(want, sizeof(want), "%s is 67108865 bytes; a document may be at most 64 MiB", big);
	assert_string_equal(e.message, want);
	expect_nothing_stored(f, rows);
	free(big);
}

static void test_kinds(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	static const char *const kinds[] = {
		"aanvraagformulier", "statuten", "beveiligingsbeleid", "privacybeleid", "verwerkingsregister",
		"verwerkersovereenkomst", "tlp-procedure", "overig",
	};
	size_t n = 0;
	while (document_kinds[n])
		n++;
	assert_int_equal(n, sizeof(kinds) / sizeof(kinds[0]));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(document_kinds[i], kinds[i]);
		assert_true(document_kind_valid(kinds[i]));
	}
	assert_false(document_kind_valid("Statuten"));
	assert_false(document_kind_valid("brief"));
	assert_false(document_kind_valid(""));

	int64_t rows = query_int(f->s, "SELECT count(*) FROM audit");
	char *in = path_in(f, "brief.txt");
	write_file(in, "x", 1);
	char id[STORE_ID_LEN];
	assert_int_equal(document_add(f->s, f->ref[0], in, NULL, "brief", NULL, id, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "unknown kind of document 'brief'; the kinds are: aanvraagformulier, "
				       "statuten, beveiligingsbeleid, privacybeleid, verwerkingsregister, "
				       "verwerkersovereenkomst, tlp-procedure, overig");
	expect_nothing_stored(f, rows);
	free(in);
}

static void test_not_a_regular_file(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	int64_t rows = query_int(f->s, "SELECT count(*) FROM audit");
	char id[STORE_ID_LEN], want[512];
	/* A FIFO with no writer: opening it must not wait for one. */
	char *fifo = path_in(f, "pijp");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(document_add(f->s, f->ref[0], fifo, NULL, "overig", NULL, id, &e), TOETS_ERR_INVALID);
	snprintf(want, sizeof(want), "%s is not a regular file", fifo);
	assert_string_equal(e.message, want);
	free(fifo);
	/* a directory */
	assert_int_equal(document_add(f->s, f->ref[0], f->dir, NULL, "overig", NULL, id, &e), TOETS_ERR_INVALID);
	snprintf(want, sizeof(want), "%s is not a regular file", f->dir);
	assert_string_equal(e.message, want);
	/* nothing there */
	char *missing = path_in(f, "bestaat-niet.pdf");
	assert_int_equal(document_add(f->s, f->ref[0], missing, NULL, "overig", NULL, id, &e),
			 TOETS_ERR_NOT_FOUND);
	snprintf(want, sizeof(want), "cannot open %s: %s", missing, strerror(ENOENT));
	assert_string_equal(e.message, want);
	free(missing);
	expect_nothing_stored(f, rows);
}

static void test_add_validation(void **state)
{
	struct fx *f = *state;
	struct toets_error e = { TOETS_OK, "" };
	int64_t rows = query_int(f->s, "SELECT count(*) FROM audit");
	char *in = path_in(f, "stuk.txt");
	write_file(in, "inhoud", 6);
	char id[STORE_ID_LEN];
	assert_int_equal(document_add(f->s, f->ref[0], in, NULL, "overig", "2026-02-30", id, &e),
			 TOETS_ERR_INVALID);
	assert_string_equal(e.message, "date received '2026-02-30': not a date: write YYYY-MM-DD, a real "
				       "calendar date");
	assert_int_equal(document_add(f->s, f->ref[0], in, "Titel\x1b[0m", "overig", NULL, id, &e),
			 TOETS_ERR_INVALID);
	assert_string_equal(e.message, "title: the text holds control characters");
	assert_int_equal(document_add(f->s, "2099-0001", in, NULL, "overig", NULL, id, &e), TOETS_ERR_NOT_FOUND);
	assert_string_equal(e.message, "no dossier 2099-0001 (see 'toets dossier list')");
	expect_nothing_stored(f, rows);

	/* A title given is kept; the file name is still the file's. */
	assert_int_equal(document_add(f->s, f->ref[0], in, "Statuten 2024", "statuten", NULL, id, &e), TOETS_OK);
	struct listed l = { 0 };
	assert_int_equal(document_list(f->s, f->id[0], keep_last, &l, &e), TOETS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.d.title, "Statuten 2024");
	assert_string_equal(l.d.filename, "stuk.txt");
	assert_null(l.d.received_on);
	listed_release(&l);
	/* and the other dossier has none */
	l.n = 0;
	assert_int_equal(document_list(f->s, f->id[1], keep_last, &l, &e), TOETS_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(query_int(f->s, "SELECT count(*) FROM audit"), rows + 1);
	free(in);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_round_trip_random_5mib),
		T(test_round_trip_all_byte_values),
		T(test_round_trip_empty),
		T(test_export_never_overwrites),
		T(test_export_checks_hash),
		T(test_find_by_prefix),
		T(test_size_limit),
		T(test_kinds),
		T(test_not_a_regular_file),
		T(test_add_validation),
	};
	return cmocka_run_group_tests_name("document", tests, group_setup, group_teardown);
}
