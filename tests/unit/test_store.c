/* test_store.c - the SQLite file: where it lives and with which modes, what
 * a new file holds, the migration from a stored version-1 file, refusing
 * files that are not ours or are newer or damaged, a full database, the
 * read-only case, backups, ids and the integrity check. */
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/audit.h"
#include "toets/datetime.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/search.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#include "fixture.h"

#define FIXTURE_V1 TOETS_SRCDIR "/tests/data/schema-v1.db"

/* ---- helpers ------------------------------------------------------------------ */

struct fx {
	char dir[64];
	char path[128]; /* dir/toets.db */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/toets-ut-store.XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/toets.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static char *path_in(const struct fx *f, const char *name)
{
	return xasprintf("%s/%s", f->dir, name);
}

static bool exists(const char *path)
{
	struct stat sb;
	return lstat(path, &sb) == 0;
}

static bool sidecar_exists(const char *path, const char *suffix)
{
	char *p = xasprintf("%s%s", path, suffix);
	bool e = exists(p);
	free(p);
	return e;
}

static mode_t mode_of(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	return sb.st_mode & 07777;
}

static void write_file(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

/* The whole file (free it); *n its size. */
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

/* One integer from a query on any connection. */
static int64_t query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* One text from a query (free it). */
static char *query_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	char *v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* A plain SQLite connection beside the store (as the sqlite3 CLI would be). */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(db);
}

static void new_dossier(struct store *s, const char *name, char ref[DOSSIER_REF_LEN])
{
	struct toets_error e = { TOETS_OK, "" };
	struct dossier_new in = { .category = CATEGORY_OKTT };
	in.org.name = (char *)name;
	if (dossier_create(s, &in, ref, &e) != TOETS_OK)
		fail_msg("dossier_create: %s", e.message);
}

static void expect_message(const struct toets_error *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void expect_message(const struct toets_error *e, const char *fmt, ...)
{
	char want[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	assert_string_equal(e->message, want);
}

struct refs {
	char items[64][DOSSIER_REF_LEN];
	size_t n;
};

static bool collect_ref(const struct dossier *d, void *ctx)
{
	struct refs *r = ctx;
	if (r->n < 64)
		snprintf(r->items[r->n++], DOSSIER_REF_LEN, "%s", d->reference);
	return true;
}

/* ---- a new file ---------------------------------------------------------------- */

static void test_create_new(void **state)
{
	struct fx *f = *state;
	umask(022); /* store_open makes its files private itself */
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	assert_non_null(s);
	assert_string_equal(store_path(s), f->path);
	assert_false(store_damaged(s));
	sqlite3 *db = store_db(s);
	assert_int_equal(query_int(db, "PRAGMA application_id"), STORE_APPLICATION_ID);
	assert_int_equal(query_int(db, "PRAGMA user_version"), store_schema_version());
	/* When a step is added, the migration test below must cover it. */
	assert_int_equal(store_schema_version(), 9);
	/* The connection's settings. */
	char *mode = query_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(query_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(query_int(db, "PRAGMA secure_delete"), 1);
	assert_int_equal(query_int(db, "PRAGMA synchronous"), 2); /* FULL */
	assert_int_equal(query_int(db, "PRAGMA trusted_schema"), 0);
	assert_int_equal(query_int(db, "PRAGMA busy_timeout"), STORE_BUSY_TIMEOUT_MS);
	int defensive = -1;
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
	assert_int_equal(defensive, 1);
	/* The file and its WAL companions are private under umask 022. */
	assert_int_equal(mode_of(f->path), 0600);
	char *wal = xasprintf("%s-wal", f->path), *shm = xasprintf("%s-shm", f->path);
	assert_int_equal(mode_of(wal), 0600);
	assert_int_equal(mode_of(shm), 0600);
	free(wal);
	free(shm);
	/* Empty, and sound. */
	assert_int_equal(query_int(db, "SELECT count(*) FROM dossier"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM audit"), 0);
	char *report = NULL;
	assert_int_equal(store_integrity_check(s, &report, &e), TOETS_OK);
	assert_string_equal(report, "ok\n");
	free(report);
	store_close(&s);
	assert_null(s);
	store_close(&s); /* closing nothing is harmless */
	/* Opened again: the same file, nothing migrated twice. */
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	assert_int_equal(query_int(store_db(s), "PRAGMA user_version"), store_schema_version());
	store_close(&s);
}

/* An existing database readable by others is made private on open. */
static void test_existing_file_made_private(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	store_close(&s);
	assert_int_equal(chmod(f->path, 0644), 0);
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	assert_int_equal(mode_of(f->path), 0600);
	store_close(&s);
}

/* ---- where the file is ------------------------------------------------------------ */

static void test_resolve_path(void **state)
{
	struct fx *f = *state;
	umask(022);
	struct toets_error e = { TOETS_OK, "" };
	char *home = path_in(f, "home");
	assert_int_equal(mkdir(home, 0755), 0);
	setenv("HOME", home, 1);
	setenv("TOETS_DB", "/srv/env.db", 1);
	setenv("XDG_DATA_HOME", "relative/data", 1);

	/* --db wins over TOETS_DB */
	char *p = store_resolve_path("/srv/option.db", &e);
	assert_string_equal(p, "/srv/option.db");
	free(p);
	/* an empty --db is no choice */
	p = store_resolve_path("", &e);
	assert_string_equal(p, "/srv/env.db");
	free(p);
	/* TOETS_DB over the default */
	p = store_resolve_path(NULL, &e);
	assert_string_equal(p, "/srv/env.db");
	free(p);

	/* The default: a relative XDG_DATA_HOME is ignored; ~/.local/share */
	setenv("TOETS_DB", "", 1);
	p = store_resolve_path(NULL, &e);
	char *want = xasprintf("%s/.local/share/toets/toets.db", home);
	assert_string_equal(p, want);
	free(want);
	free(p);
	char *dir = xasprintf("%s/.local/share/toets", home);
	assert_int_equal(mode_of(dir), 0700);
	free(dir);
	unsetenv("TOETS_DB");

	/* An absolute XDG_DATA_HOME is used. */
	char *xdg = path_in(f, "xdg");
	setenv("XDG_DATA_HOME", xdg, 1);
	p = store_resolve_path(NULL, &e);
	want = xasprintf("%s/toets/toets.db", xdg);
	assert_string_equal(p, want);
	free(want);
	free(p);
	dir = xasprintf("%s/toets", xdg);
	assert_int_equal(mode_of(dir), 0700);
	/* and the database made there is private too */
	struct store *s = NULL;
	char *db = xasprintf("%s/toets.db", dir);
	assert_int_equal(store_open(db, &s, &e), TOETS_OK);
	store_close(&s);
	assert_int_equal(mode_of(db), 0600);
	free(db);
	free(dir);

	/* A directory that cannot be made: the reason is given. */
	char *file = path_in(f, "plain-file");
	write_file(file, "x", 1);
	setenv("XDG_DATA_HOME", file, 1);
	assert_null(store_resolve_path(NULL, &e));
	assert_int_equal(e.status, TOETS_ERR_IO);
	expect_message(&e, "cannot create the directory %s/toets: %s", file, strerror(ENOTDIR));
	free(file);
	free(xdg);
	free(home);
	unsetenv("XDG_DATA_HOME");
}

/* ---- the migration from version 1 ---------------------------------------------------- */

static bool collect_hit(const struct search_hit *h, void *ctx)
{
	struct strbuf *sb = ctx;
	strbuf_addf(sb, "%s|%s|%s|%s\n", h->reference, h->kind, h->organisation, h->snippet);
	return true;
}

static bool count_note(const struct note *n, void *ctx)
{
	int *count = ctx;
	assert_string_equal(n->text, "Gesprek met de voorzitter over de doelgroep");
	assert_string_equal(n->account, "alice");
	assert_string_equal(n->at, "2025-03-02T09:00:00.000Z");
	(*count)++;
	return true;
}

static bool keep_document(const struct document *d, void *ctx)
{
	int *count = ctx;
	assert_string_equal(d->id, "55555555-5555-4555-8555-555555555555");
	assert_string_equal(d->title, "Statuten Coöperatie");
	assert_string_equal(d->kind, "statuten");
	assert_string_equal(d->filename, "statuten.txt");
	assert_int_equal(d->size, 5);
	assert_string_equal(d->sha256, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
	(*count)++;
	return true;
}

static void test_migrate_from_v1(void **state)
{
	struct fx *f = *state;
	size_t fixture_len;
	char *fixture = read_file(FIXTURE_V1, &fixture_len);
	assert_int_equal(copy_file(FIXTURE_V1, f->path), 0);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	assert_int_equal(query_int(raw, "PRAGMA user_version"), 1);
	sqlite3_close(raw);

	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	assert_false(store_damaged(s));
	sqlite3 *db = store_db(s);
	assert_int_equal(query_int(db, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'dossier_received'"), 1);
	assert_int_equal(query_int(db, "PRAGMA application_id"), STORE_APPLICATION_ID);

	/* The records are intact. */
	struct dossier d;
	assert_int_equal(dossier_get(s, "2025-0001", &d, &e), TOETS_OK);
	assert_string_equal(d.id, "22222222-2222-4222-8222-222222222222");
	assert_string_equal(d.org.name, "Coöperatie Ĳsselland");
	assert_string_equal(d.org.kvk, "12345678");
	assert_string_equal(d.org.website, "https://ijsselland.example");
	assert_int_equal(d.status, STATUS_IN_TOETSING);
	assert_int_equal(d.category, CATEGORY_OKTT);
	assert_string_equal(d.assessor, "alice");
	assert_string_equal(d.received_on, "2025-03-01");
	dossier_release(&d);
	int notes = 0, docs = 0;
	assert_int_equal(note_list(s, "22222222-2222-4222-8222-222222222222", count_note, &notes, &e),
			 TOETS_OK);
	assert_int_equal(notes, 1);
	assert_int_equal(document_list(s, "22222222-2222-4222-8222-222222222222", keep_document, &docs,
				       &e),
			 TOETS_OK);
	assert_int_equal(docs, 1);
	/* The blob itself, byte for byte. */
	char *out = path_in(f, "statuten.txt");
	assert_int_equal(document_export(s, "2025-0001", "5555", out, &e), TOETS_OK);
	size_t n;
	char *bytes = read_file(out, &n);
	assert_int_equal(n, 5);
	assert_memory_equal(bytes, "hello", 5);
	free(bytes);
	free(out);

	/* The new search index holds what was there before it. */
	struct strbuf hits = STRBUF_INIT;
	assert_int_equal(search_run(s, "cooperatie", 0, collect_hit, &hits, &e), TOETS_OK);
	assert_non_null(strstr(strbuf_str(&hits),
			       "2025-0001|organisation|Coöperatie Ĳsselland|[Coöperatie] Ĳsselland\n"));
	assert_non_null(strstr(strbuf_str(&hits),
			       "2025-0001|document|Coöperatie Ĳsselland|Statuten [Coöperatie]\n"));
	strbuf_reset(&hits);
	assert_int_equal(search_run(s, "voorzitter", 0, collect_hit, &hits, &e), TOETS_OK);
	assert_string_equal(strbuf_str(&hits),
			    "2025-0001|note|Coöperatie Ĳsselland|Gesprek met de [voorzitter] over de doelgroep\n");
	strbuf_reset(&hits);
	assert_int_equal(search_run(s, "2025-0001", 0, collect_hit, &hits, &e), TOETS_OK);
	assert_string_equal(strbuf_str(&hits), "2025-0001|dossier|Coöperatie Ĳsselland|[2025-0001]\n");
	strbuf_release(&hits);

	/* The migration wrote no audit rows; new changes chain from the start. */
	struct audit_verdict v;
	assert_int_equal(audit_verify(s, &v, &e), TOETS_OK);
	assert_true(v.ok);
	assert_int_equal(v.rows, 0);
	assert_int_equal(note_add(s, "2025-0001", "na de upgrade", &e), TOETS_OK);
	char ref[DOSSIER_REF_LEN], want[DOSSIER_REF_LEN];
	new_dossier(s, "Nieuw", ref);
	snprintf(want, sizeof(want), "%d-%04d", date_year(), date_year() == 2025 ? 2 : 1);
	assert_string_equal(ref, want);
	assert_int_equal(audit_verify(s, &v, &e), TOETS_OK);
	assert_true(v.ok);
	assert_int_equal(v.rows, 2);
	char *report = NULL;
	assert_int_equal(store_integrity_check(s, &report, &e), TOETS_OK);
	assert_string_equal(report, "ok\n");
	free(report);
	store_close(&s);

	/* The fixture itself was not touched. */
	char *after = read_file(FIXTURE_V1, &n);
	assert_int_equal(n, fixture_len);
	assert_memory_equal(after, fixture, n);
	free(after);
	free(fixture);
}

/* Stopping at version 1, then opening: the second step runs on its own. */
static void test_migrate_step_by_step(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open_at_version(f->path, 1, &s, &e), TOETS_OK);
	sqlite3 *db = store_db(s);
	assert_int_equal(query_int(db, "PRAGMA user_version"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'search'"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit'"), 1);
	store_close(&s);
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	db = store_db(s);
	assert_int_equal(query_int(db, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'search'"), 1);
	store_close(&s);
}

/* Step 6 rebuilds the assessment table (a re-assessment may use the same
 * framework version again): the rows, the answers that point at them and
 * the overriding accounts all survive, and foreign keys are on after. */
static void test_migrate_assessments_to_v6(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open_at_version(f->path, 5, &s, &e), TOETS_OK);
	store_close(&s);
	raw_exec(f->path,
		 "INSERT INTO organisation (id, name, created_at, updated_at, sort_name) VALUES "
		 "('o', 'Org', 't', 't', 'org');"
		 "INSERT INTO dossier (id, reference, ref_year, ref_seq, organisation_id, category, status, "
		 "created_at, updated_at) VALUES ('d', '2026-0001', 2026, 1, 'o', 'oktt', 'in_toetsing', 't', 't');"
		 "INSERT INTO kader_text VALUES ('h', 'src');"
		 "INSERT INTO assessment (id, dossier_id, kader_id, kader_version, kader_sha256, created_by, "
		 "created_at) VALUES ('a', 'd', 'oktt', '1', 'h', 'alice', '2026-01-01T00:00:00Z');"
		 "INSERT INTO answer (id, assessment_id, question_id, choices, account, at) VALUES "
		 "('q', 'a', 'q1', 'ja', 'alice', 't');"
		 "INSERT INTO verdict_override VALUES ('a', 'c1', 'voldoet', 'omdat', 'carol', 't');");
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	sqlite3 *db = store_db(s);
	assert_int_equal(query_int(db, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(query_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM assessment WHERE id = 'a' AND created_by = 'alice' "
				       "AND locked_at IS NULL AND previous_id IS NULL"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM answer a JOIN assessment s ON s.id = a.assessment_id"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM override_account WHERE account = 'carol'"), 1);
	/* the same framework version a second time: a re-assessment */
	assert_int_equal(sqlite3_exec(db, "INSERT INTO assessment (id, dossier_id, kader_id, kader_version, "
					  "kader_sha256, created_by, created_at, previous_id) VALUES "
					  "('b', 'd', 'oktt', '1', 'h', 'bob', 't', 'a')", NULL, NULL, NULL),
			 SQLITE_OK);
	/* and a dangling reference is still refused */
	assert_int_equal(sqlite3_exec(db, "INSERT INTO answer (id, assessment_id, question_id, account, at) "
					  "VALUES ('x', 'nope', 'q1', 'a', 't')", NULL, NULL, NULL),
			 SQLITE_CONSTRAINT_FOREIGNKEY);
	store_close(&s);
}

/* A step that fails leaves the file as it was: version 1, no half step. */
static void test_failed_migration_rolls_back(void **state)
{
	struct fx *f = *state;
	assert_int_equal(copy_file(FIXTURE_V1, f->path), 0);
	/* the last statement of step 2 reads this table */
	raw_exec(f->path, "DROP TABLE answer");
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_ERR_INTERNAL);
	assert_null(s);
	assert_string_equal(e.message, "upgrading the database to version 2: database error: no such table: answer");
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(query_int(db, "PRAGMA user_version"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search%'"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM dossier"), 1);
	sqlite3_close(db);
}

/* An empty file (from mktemp, say) becomes a new database; a path in a
 * directory that is not there is refused with the reason. */
static void test_empty_file_and_missing_directory(void **state)
{
	struct fx *f = *state;
	write_file(f->path, "", 0);
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	assert_int_equal(query_int(store_db(s), "PRAGMA user_version"), store_schema_version());
	assert_int_equal(query_int(store_db(s), "PRAGMA application_id"), STORE_APPLICATION_ID);
	store_close(&s);
	char *missing = path_in(f, "geen-map/toets.db");
	assert_int_equal(store_open(missing, &s, &e), TOETS_ERR_IO);
	assert_null(s);
	expect_message(&e, "opening the database: cannot use the database %s: unable to open database file",
		       missing);
	free(missing);
}

/* ---- files that are not ours -------------------------------------------------------- */

static void test_garbage_file(void **state)
{
	struct fx *f = *state;
	const char text[] = "hello world\n";
	write_file(f->path, text, sizeof(text) - 1);
	struct store *s = (struct store *)1;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_ERR_FOREIGN);
	assert_null(s);
	expect_message(&e, "%s is not a toets database (not an SQLite file); nothing was changed", f->path);
	size_t n;
	char *after = read_file(f->path, &n);
	assert_int_equal(n, sizeof(text) - 1);
	assert_memory_equal(after, text, n);
	free(after);
	assert_false(sidecar_exists(f->path, "-wal"));
	assert_false(sidecar_exists(f->path, "-shm"));
	assert_false(sidecar_exists(f->path, "-journal"));

	/* A longer text file, and one that starts like a PDF: the same. */
	char page[8192];
	memset(page, 'a', sizeof(page));
	memcpy(page, "%PDF-1.7\n", 9);
	write_file(f->path, page, sizeof(page));
	assert_int_equal(store_open(f->path, &s, &e), TOETS_ERR_FOREIGN);
	expect_message(&e, "%s is not a toets database (not an SQLite file); nothing was changed", f->path);
	assert_false(sidecar_exists(f->path, "-wal"));

	/* A directory is no database either. */
	char *dir = path_in(f, "a-directory");
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(store_open(dir, &s, &e), TOETS_ERR_FOREIGN);
	expect_message(&e, "%s is not a toets database (not a regular file)", dir);
	free(dir);
	/* nor a FIFO, and opening one does not wait for a writer */
	char *fifo = path_in(f, "pijp.db");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(store_open(fifo, &s, &e), TOETS_ERR_FOREIGN);
	expect_message(&e, "%s is not a toets database (not a regular file)", fifo);
	free(fifo);
}

static void make_foreign(const char *path, const char *sql)
{
	unlink(path);
	raw_exec(path, sql);
}

static void test_other_application(void **state)
{
	struct fx *f = *state;
	const char *sqls[] = {
		"CREATE TABLE t (x); INSERT INTO t VALUES (1);",          /* application_id 0 */
		"PRAGMA application_id = 42;",                             /* no tables */
		"PRAGMA application_id = 42; CREATE TABLE t (x);",
		"PRAGMA application_id = 1953457525; CREATE TABLE t (x);", /* ours + 1 */
	};
	for (size_t i = 0; i < sizeof(sqls) / sizeof(sqls[0]); i++) {
		make_foreign(f->path, sqls[i]);
		struct store *s = NULL;
		struct toets_error e = { TOETS_OK, "" };
		assert_int_equal(store_open(f->path, &s, &e), TOETS_ERR_FOREIGN);
		assert_null(s);
		expect_message(&e, "%s is an SQLite database of another application, not of toets; "
				   "nothing was changed", f->path);
		/* and its tables are as they were */
		sqlite3 *db;
		assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
		assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'dossier'"), 0);
		sqlite3_close(db);
	}
}

static void test_newer_version(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	char ref[DOSSIER_REF_LEN];
	new_dossier(s, "Bestaand", ref);
	store_close(&s);
	raw_exec(f->path, "PRAGMA user_version = 99");
	size_t before_len, after_len;
	char *before = read_file(f->path, &before_len);
	assert_int_equal(store_open(f->path, &s, &e), TOETS_ERR_FOREIGN);
	assert_null(s);
	expect_message(&e, "%s was written by a newer toets (schema version 99; this toets knows up to %d): "
			   "update toets to open it", f->path, store_schema_version());
	assert_non_null(strstr(e.message, "newer toets"));
	char *after = read_file(f->path, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(before);
	free(after);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(query_int(db, "PRAGMA user_version"), 99);
	assert_int_equal(query_int(db, "SELECT count(*) FROM dossier"), 1);
	sqlite3_close(db);
}

/* ---- a full database ------------------------------------------------------------------ */

static void test_full_database(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	char ref[DOSSIER_REF_LEN];
	new_dossier(s, "Vol", ref);
	sqlite3 *db = store_db(s);
	int64_t pages = query_int(db, "PRAGMA page_count");
	char sql[100];
	snprintf(sql, sizeof(sql), "PRAGMA max_page_count = %lld", (long long)pages + 4);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	/* 1 MiB: some 256 pages, with room for 4 */
	char *big = path_in(f, "big.pdf");
	char *zeros = calloc(1, 1 << 20);
	write_file(big, zeros, 1 << 20);
	free(zeros);
	char id[STORE_ID_LEN];
	assert_int_equal(document_add(s, ref, big, NULL, "overig", NULL, id, &e), TOETS_ERR_FULL);
	expect_message(&e, "storing the document: the database %s is full (disk full or size limit "
			   "reached); nothing was stored", f->path);
	assert_non_null(strstr(e.message, "is full"));
	free(big);
	/* Nothing of it is stored. */
	assert_int_equal(query_int(db, "SELECT count(*) FROM document"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM search WHERE kind = 'document'"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM audit"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM audit WHERE action = 'document.add'"), 0);
	assert_true(sqlite3_get_autocommit(db)); /* no transaction left open */
	struct audit_verdict v;
	assert_int_equal(audit_verify(s, &v, &e), TOETS_OK);
	assert_true(v.ok);
	assert_int_equal(v.rows, 1);
	/* Still usable. */
	snprintf(sql, sizeof(sql), "PRAGMA max_page_count = %d", 1073741823);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(note_add(s, ref, "na het volraken", &e), TOETS_OK);
	assert_int_equal(query_int(db, "SELECT count(*) FROM note"), 1);
	assert_int_equal(audit_verify(s, &v, &e), TOETS_OK);
	assert_true(v.ok);
	assert_int_equal(v.rows, 2);
	char *report = NULL;
	assert_int_equal(store_integrity_check(s, &report, &e), TOETS_OK);
	assert_string_equal(report, "ok\n");
	free(report);
	store_close(&s);
}

/* ---- read-only and busy ------------------------------------------------------------------- */

static void test_read_only(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	char ref[DOSSIER_REF_LEN];
	new_dossier(s, "Alleen lezen", ref);
	store_close(&s);

	char *uri = xasprintf("file:%s?mode=ro", f->path);
	assert_int_equal(store_open(uri, &s, &e), TOETS_OK);
	assert_string_equal(store_path(s), f->path);
	struct dossier d;
	assert_int_equal(dossier_get(s, ref, &d, &e), TOETS_OK);
	assert_string_equal(d.org.name, "Alleen lezen");
	dossier_release(&d);
	assert_int_equal(note_add(s, ref, "mag niet", &e), TOETS_ERR_READONLY);
	expect_message(&e, "storing the note: the database %s is read-only; nothing was stored", f->path);
	assert_true(sqlite3_get_autocommit(store_db(s)));
	store_close(&s);
	free(uri);

	/* An old file opened read-only cannot be upgraded. */
	char *old = path_in(f, "v1.db");
	assert_int_equal(copy_file(FIXTURE_V1, old), 0);
	uri = xasprintf("file:%s?mode=ro", old);
	assert_int_equal(store_open(uri, &s, &e), TOETS_ERR_READONLY);
	assert_null(s);
	expect_message(&e, "the database %s is read-only and needs an upgrade to version %d first", old,
		       store_schema_version());
	free(uri);
	free(old);
}

/* Another connection holds the write lock: a clear "in use", no hang. */
static void test_busy(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	char ref[DOSSIER_REF_LEN];
	new_dossier(s, "Bezet", ref);
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	/* The store waits 5 s; a test does not: the wait is shortened here,
	 * the message (which names the 5 s) is the store's own. */
	sqlite3_busy_timeout(store_db(s), 1);
	assert_int_equal(note_add(s, ref, "wacht", &e), TOETS_ERR_BUSY);
	expect_message(&e, "starting a change: the database %s is in use by another process (waited 5 s); "
			   "nothing was stored; try again", f->path);
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(note_add(s, ref, "nu wel", &e), TOETS_OK);
	assert_int_equal(query_int(store_db(s), "SELECT count(*) FROM note"), 1);
	store_close(&s);
}

/* The status and message for each kind of SQLite failure. */
static void test_fail_messages(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	/* Outside a write nothing was going to be stored: the message says
	 * only what happened. */
	assert_int_equal(store_fail(s, SQLITE_BUSY, "doing x", &e), TOETS_ERR_BUSY);
	expect_message(&e, "doing x: the database %s is in use by another process (waited 5 s); "
			   "try again", f->path);
	assert_int_equal(store_fail(s, SQLITE_LOCKED, "doing x", &e), TOETS_ERR_BUSY);
	assert_int_equal(store_fail(s, SQLITE_BUSY_SNAPSHOT, "doing x", &e), TOETS_ERR_BUSY);
	assert_int_equal(store_fail(s, SQLITE_READONLY, "doing x", &e), TOETS_ERR_READONLY);
	expect_message(&e, "doing x: the database %s is read-only", f->path);
	assert_int_equal(store_fail(s, SQLITE_FULL, "doing x", &e), TOETS_ERR_FULL);
	expect_message(&e, "doing x: the database %s is full (disk full or size limit reached)", f->path);
	assert_int_equal(store_fail(s, SQLITE_CORRUPT, "doing x", &e), TOETS_ERR_CORRUPT);
	assert_non_null(strstr(e.message, "run 'toets db check', and 'toets backup FILE' to keep a copy "
					  "before any repair"));
	assert_int_equal(store_fail(s, SQLITE_NOTADB, "doing x", &e), TOETS_ERR_CORRUPT);
	assert_int_equal(store_fail(s, SQLITE_IOERR_WRITE, "doing x", &e), TOETS_ERR_IO);
	assert_int_equal(store_fail(s, SQLITE_CANTOPEN, "doing x", &e), TOETS_ERR_IO);
	assert_int_equal(store_fail(s, SQLITE_CONSTRAINT_UNIQUE, "doing x", &e), TOETS_ERR_REFUSED);
	assert_int_equal(strncmp(e.message, "doing x: refused by the database: ", 34), 0);
	assert_int_equal(store_fail(s, SQLITE_NOMEM, "doing x", &e), TOETS_ERR_INTERNAL);
	assert_string_equal(e.message, "doing x: out of memory");
	assert_int_equal(store_fail(s, SQLITE_MISUSE, "doing x", &e), TOETS_ERR_INTERNAL);
	store_close(&s);
}

/* ---- damage ------------------------------------------------------------------------- */

/* 50 dossiers, closed, then page 3 (an index of the organisations) has
 * bytes 100..200 overwritten: its cell pointers point nowhere. */
static void make_damaged(const struct fx *f)
{
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	for (int i = 0; i < 50; i++) {
		char name[64], ref[DOSSIER_REF_LEN];
		snprintf(name, sizeof(name), "Organisatie nummer %d met een wat langere naam", i);
		new_dossier(s, name, ref);
	}
	int64_t page_size = query_int(store_db(s), "PRAGMA page_size");
	assert_true(query_int(store_db(s), "PRAGMA page_count") > 10);
	store_close(&s);
	/* Fixed organisation ids, so that the damaged index is the same in
	 * every run (the random ids decide the order of its entries). */
	raw_exec(f->path,
		 "UPDATE dossier SET organisation_id = (SELECT printf('%08d-1111-4111-8111-111111111111', "
		 "o.rowid) FROM organisation o WHERE o.id = dossier.organisation_id);"
		 "UPDATE organisation SET id = printf('%08d-1111-4111-8111-111111111111', rowid);"
		 "VACUUM;");
	assert_false(sidecar_exists(f->path, "-wal")); /* all in the main file */
	assert_false(sidecar_exists(f->path, "-wal")); /* all in the main file */
	unsigned char junk[101];
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(0xa5 ^ (i * 7));
	int fd = open(f->path, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, junk, sizeof(junk), (off_t)(2 * page_size + 100)), (ssize_t)sizeof(junk));
	assert_int_equal(close(fd), 0);
}

static void test_damaged_file(void **state)
{
	struct fx *f = *state;
	make_damaged(f);
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	/* It opens, for reading and saving only. */
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	assert_true(store_damaged(s));
	int64_t audit_rows = query_int(store_db(s), "SELECT count(*) FROM audit");
	assert_int_equal(audit_rows, 50);
	char ref[DOSSIER_REF_LEN];
	snprintf(ref, sizeof(ref), "%d-0001", date_year());
	assert_int_equal(note_add(s, ref, "niet schrijven", &e), TOETS_ERR_CORRUPT);
	expect_message(&e, "the database %s is damaged and is not written to; run 'toets db check', and "
			   "'toets backup FILE' to keep a copy before any repair", f->path);
	assert_non_null(strstr(e.message, "toets db check"));
	assert_non_null(strstr(e.message, "toets backup"));
	struct dossier_new in = { .category = CATEGORY_CSIRT };
	in.org.name = "Nog een";
	assert_int_equal(dossier_create(s, &in, ref, &e), TOETS_ERR_CORRUPT);
	assert_int_equal(store_begin(s, &e), TOETS_ERR_CORRUPT);
	assert_int_equal(query_int(store_db(s), "SELECT count(*) FROM audit"), audit_rows);
	assert_int_equal(query_int(store_db(s), "SELECT count(*) FROM note"), 0);
	/* 'toets backup' saves what can be read. */
	char *copy = path_in(f, "gered.db");
	assert_int_equal(store_backup(s, copy, &e), TOETS_OK);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(copy, &db), SQLITE_OK);
	assert_int_equal(query_int(db, "SELECT count(*) FROM audit"), 50);
	sqlite3_close(db);
	free(copy);
	store_close(&s);
}

/* ---- backups -------------------------------------------------------------------------- */

static void test_backup(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	char ref[DOSSIER_REF_LEN];
	new_dossier(s, "Een", ref);
	new_dossier(s, "Twee", ref);
	new_dossier(s, "Drie", ref);
	assert_int_equal(note_add(s, ref, "in de kopie", &e), TOETS_OK);
	char head[AUDIT_HASH_LEN];
	assert_int_equal(audit_head(s, head, &e), TOETS_OK);
	umask(022); /* the copy is private all the same */
	char *copy = path_in(f, "backup.db");
	assert_int_equal(store_backup(s, copy, &e), TOETS_OK);
	assert_int_equal(mode_of(copy), 0600);

	/* A plain file in itself: no WAL needed beside it. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(copy, &db), SQLITE_OK);
	char *mode = query_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "delete");
	free(mode);
	sqlite3_close(db);

	struct store *c = NULL;
	assert_int_equal(store_open(copy, &c, &e), TOETS_OK);
	struct refs a = { .n = 0 }, b = { .n = 0 };
	struct dossier_filter all = DOSSIER_FILTER_ALL;
	assert_int_equal(dossier_list(s, &all, collect_ref, &a, &e), TOETS_OK);
	assert_int_equal(dossier_list(c, &all, collect_ref, &b, &e), TOETS_OK);
	assert_int_equal(a.n, 3);
	assert_int_equal(b.n, 3);
	assert_memory_equal(a.items, b.items, sizeof(a.items[0]) * 3);
	struct audit_verdict v;
	assert_int_equal(audit_verify(c, &v, &e), TOETS_OK);
	assert_true(v.ok);
	assert_int_equal(v.rows, 4);
	assert_string_equal(v.head, head);
	store_close(&c);

	/* Never over an existing file. */
	char *old = path_in(f, "old-backup.db");
	write_file(old, "keep me", 7);
	assert_int_equal(store_backup(s, old, &e), TOETS_ERR_EXISTS);
	expect_message(&e, "%s exists; a backup never overwrites a file: choose a new name", old);
	size_t n;
	char *kept = read_file(old, &n);
	assert_int_equal(n, 7);
	assert_memory_equal(kept, "keep me", 7);
	free(kept);
	assert_int_equal(store_backup(s, copy, &e), TOETS_ERR_EXISTS);
	free(old);

	/* Nowhere to write: the reason. */
	char *nowhere = path_in(f, "no-such-dir/backup.db");
	assert_int_equal(store_backup(s, nowhere, &e), TOETS_ERR_IO);
	expect_message(&e, "cannot create %s: %s", nowhere, strerror(ENOENT));
	free(nowhere);
	free(copy);
	store_close(&s);
}

/* ---- ids ------------------------------------------------------------------------------- */

static int cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

static bool is_uuid4(const char *id)
{
	if (strlen(id) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (id[i] != '-')
				return false;
		} else if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f'))) {
			return false;
		}
	}
	return id[14] == '4' && strchr("89ab", id[19]) != NULL;
}

static void test_new_ids(void **state)
{
	(void)state;
	enum { N = 10000 };
	char (*ids)[STORE_ID_LEN] = calloc(N, STORE_ID_LEN);
	assert_non_null(ids);
	unsigned variants = 0;
	for (int i = 0; i < N; i++) {
		store_new_id(ids[i]);
		if (!is_uuid4(ids[i]))
			fail_msg("not a version-4 UUID in lower case: %s", ids[i]);
		variants |= 1u << (strchr("89ab", ids[i][19]) - "89ab");
	}
	assert_int_equal(variants, 0xf); /* all four variant digits occur */
	qsort(ids, N, STORE_ID_LEN, cmp_id);
	for (int i = 1; i < N; i++)
		if (strcmp(ids[i - 1], ids[i]) == 0)
			fail_msg("id %s given twice", ids[i]);
	free(ids);
}

/* "Nothing was changed" means not a byte and not the mode: WAL and the
 * 0600 mode are only applied once the file is known to be ours. */
static void test_other_application_left_unchanged(void **state)
{
	struct fx *f = *state;
	make_foreign(f->path, "PRAGMA application_id = 42; CREATE TABLE t (x); INSERT INTO t VALUES (1);");
	assert_int_equal(chmod(f->path, 0644), 0);
	size_t before_len, after_len;
	char *before = read_file(f->path, &before_len);
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_ERR_FOREIGN);
	char *after = read_file(f->path, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(before);
	free(after);
	assert_int_equal(mode_of(f->path), 0644);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char *mode = query_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "delete");
	free(mode);
	sqlite3_close(db);
}

/* A backup (journal_mode DELETE) written by a newer toets is not switched
 * to WAL by an older toets that refuses it. */
static void test_newer_backup_left_unchanged(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	char *copy = path_in(f, "backup.db");
	assert_int_equal(store_backup(s, copy, &e), TOETS_OK);
	store_close(&s);
	raw_exec(copy, "PRAGMA user_version = 99");
	size_t before_len, after_len;
	char *before = read_file(copy, &before_len);
	assert_int_equal(store_open(copy, &s, &e), TOETS_ERR_FOREIGN);
	char *after = read_file(copy, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(before);
	free(after);
	free(copy);
}

/* `toets db check` on a damaged file: integrity_check gives its rows and
 * may then stop with SQLITE_CORRUPT; the rows are the report. */
static void test_damaged_integrity_report(void **state)
{
	struct fx *f = *state;
	make_damaged(f);
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	char *report = NULL;
	enum toets_status st = store_integrity_check(s, &report, &e);
	if (st != TOETS_OK)
		fail_msg("store_integrity_check: %s", e.message);
	assert_non_null(report);
	assert_non_null(strstr(report, "On tree page 3 cell"));
	free(report);
	store_close(&s);
}

/* The SQLite magic with garbage after it: not readable as a database, and
 * not sent to 'toets db check' (which could not read it either). */
static void test_sqlite_magic_then_garbage(void **state)
{
	struct fx *f = *state;
	char page[4096];
	memset(page, 'x', sizeof(page));
	memcpy(page, "SQLite format 3", 16);
	write_file(f->path, page, sizeof(page));
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open(f->path, &s, &e), TOETS_ERR_FOREIGN);
	expect_message(&e, "%s cannot be read as a database: its first page is damaged, or it is not a "
			   "database at all; nothing was changed", f->path);
}

/* Migration 4 moves each framework text into kader_text, once, and the
 * assessments made before it read the same text afterwards. */
static void test_migrate_framework_texts(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(store_open_at_version(f->path, 3, &s, &e), TOETS_OK);
	/* A dossier as version 3 stored it (no sort key yet). */
	assert_int_equal(sqlite3_exec(store_db(s),
				      "INSERT INTO organisation (id, name, created_at, updated_at) VALUES "
				      "('o', 'Élan Twee', 'x', 'x'); INSERT INTO dossier (id, reference, ref_year, "
				      "ref_seq, organisation_id, category, status, created_at, updated_at) VALUES "
				      "('d', '2026-0001', 2026, 1, 'o', 'oktt', 'aangemeld', 'x', 'x')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	const char *text = "format: 1\nid: x\n";
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(s),
					    "INSERT INTO assessment (id, dossier_id, kader_id, kader_version, kader_sha256, "
					    "kader_source, created_by, created_at) SELECT ?1, id, 'x', ?2, 'abc', ?3, 'a', "
					    "'2026-01-01T00:00:00.000Z' FROM dossier",
					    -1, &st, NULL),
			 SQLITE_OK);
	const char *ids[] = { "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222" };
	const char *versions[] = { "1", "2" };
	for (int i = 0; i < 2; i++) {
		sqlite3_bind_text(st, 1, ids[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, versions[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	store_close(&s);
	assert_int_equal(store_open(f->path, &s, &e), TOETS_OK);
	sqlite3 *db = store_db(s);
	assert_int_equal(query_int(db, "SELECT count(*) FROM kader_text"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM kader_text WHERE sha256 = 'abc' AND source = "
				       "'format: 1' || char(10) || 'id: x' || char(10)"), 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM pragma_table_info('assessment') "
				       "WHERE name = 'kader_source'"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM assessment"), 2);
	/* and step 5 gave the existing name its sort key */
	assert_int_equal(query_int(db, "SELECT count(*) FROM organisation WHERE sort_name = 'elan twee'"), 1);
	store_close(&s);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_other_application_left_unchanged),
		T(test_newer_backup_left_unchanged),
		T(test_damaged_integrity_report),
		T(test_sqlite_magic_then_garbage),
		T(test_create_new),
		T(test_existing_file_made_private),
		T(test_resolve_path),
		T(test_migrate_from_v1),
		T(test_migrate_step_by_step),
		T(test_migrate_framework_texts),
		T(test_migrate_assessments_to_v6),
		T(test_failed_migration_rolls_back),
		T(test_empty_file_and_missing_directory),
		T(test_garbage_file),
		T(test_other_application),
		T(test_newer_version),
		T(test_full_database),
		T(test_read_only),
		T(test_busy),
		T(test_fail_messages),
		T(test_damaged_file),
		T(test_backup),
		T(test_new_ids),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
