/* store.c - opening, migrating and writing the SQLite file. */
#define _DEFAULT_SOURCE
#include "toets/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/i18n.h"
#include "toets/paths.h"
#include "toets/utf8.h"
#include "toets/xalloc.h"

/* ---- schema ----------------------------------------------------------------
 * Numbered steps, each run in its own transaction that also sets
 * user_version (as freebsd/pkg's pkgdb_upgrade does). Never edit a step that
 * has shipped: add one. */

static const char *const migrations[] = {
	/* 1: the records */
	"CREATE TABLE organisation (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  name TEXT NOT NULL CHECK (length(name) > 0),\n"
	"  kvk TEXT CHECK (kvk IS NULL OR (length(kvk) = 8 AND kvk NOT GLOB '*[^0-9]*')),\n"
	"  legal_form TEXT, address TEXT, website TEXT, representative TEXT,\n"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE TABLE dossier (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  reference TEXT NOT NULL UNIQUE,\n"
	"  ref_year INTEGER NOT NULL, ref_seq INTEGER NOT NULL,\n"
	"  organisation_id TEXT NOT NULL REFERENCES organisation(id),\n"
	"  category TEXT NOT NULL CHECK (category IN ('oktt', 'csirt', 'cert', 'isp')),\n"
	"  assessor TEXT,\n"
	"  status TEXT NOT NULL,\n"
	"  received_on TEXT,\n"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
	"  UNIQUE (ref_year, ref_seq)\n"
	") STRICT;\n"
	"CREATE INDEX dossier_status ON dossier (status, reference);\n"
	"CREATE INDEX dossier_organisation ON dossier (organisation_id);\n"
	"CREATE TABLE status_change (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  dossier_id TEXT NOT NULL REFERENCES dossier(id),\n"
	"  from_status TEXT, to_status TEXT NOT NULL,\n"
	"  account TEXT NOT NULL, at TEXT NOT NULL, reason TEXT\n"
	") STRICT;\n"
	"CREATE INDEX status_change_dossier ON status_change (dossier_id, at);\n"
	"CREATE TABLE document (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  dossier_id TEXT NOT NULL REFERENCES dossier(id),\n"
	"  title TEXT NOT NULL CHECK (length(title) > 0),\n"
	"  kind TEXT NOT NULL,\n"
	"  received_on TEXT,\n"
	"  filename TEXT NOT NULL,\n"
	"  size INTEGER NOT NULL,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  content BLOB NOT NULL,\n"
	"  added_by TEXT NOT NULL, added_at TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX document_dossier ON document (dossier_id, added_at);\n"
	"CREATE TABLE contact (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  dossier_id TEXT NOT NULL REFERENCES dossier(id),\n"
	"  name TEXT NOT NULL CHECK (length(name) > 0),\n"
	"  role TEXT, email TEXT, phone TEXT, pgp_fingerprint TEXT,\n"
	"  added_by TEXT NOT NULL, added_at TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX contact_dossier ON contact (dossier_id);\n"
	"CREATE TABLE note (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  dossier_id TEXT NOT NULL REFERENCES dossier(id),\n"
	"  text TEXT NOT NULL CHECK (length(text) > 0),\n"
	"  account TEXT NOT NULL, at TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX note_dossier ON note (dossier_id, at);\n"
	"CREATE TABLE assessment (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  dossier_id TEXT NOT NULL REFERENCES dossier(id),\n"
	"  kader_id TEXT NOT NULL, kader_version TEXT NOT NULL,\n"
	"  kader_sha256 TEXT NOT NULL, kader_source TEXT NOT NULL,\n"
	"  created_by TEXT NOT NULL, created_at TEXT NOT NULL,\n"
	"  UNIQUE (dossier_id, kader_id, kader_version)\n"
	") STRICT;\n"
	"CREATE TABLE answer (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  assessment_id TEXT NOT NULL REFERENCES assessment(id),\n"
	"  question_id TEXT NOT NULL,\n"
	"  choices TEXT, value TEXT, note TEXT,\n"
	"  account TEXT NOT NULL, at TEXT NOT NULL,\n"
	"  UNIQUE (assessment_id, question_id)\n"
	") STRICT;\n"
	"CREATE TABLE evidence (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  answer_id TEXT NOT NULL REFERENCES answer(id) ON DELETE CASCADE,\n"
	"  document_id TEXT NOT NULL REFERENCES document(id),\n"
	"  location TEXT NOT NULL DEFAULT '',\n"
	"  account TEXT NOT NULL, at TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX evidence_answer ON evidence (answer_id);\n"
	"CREATE TABLE verdict_override (\n"
	"  assessment_id TEXT NOT NULL REFERENCES assessment(id),\n"
	"  criterion_id TEXT NOT NULL,\n"
	"  verdict TEXT NOT NULL,\n"
	"  reason TEXT NOT NULL CHECK (length(reason) > 0),\n"
	"  account TEXT NOT NULL, at TEXT NOT NULL,\n"
	"  PRIMARY KEY (assessment_id, criterion_id)\n"
	") STRICT;\n"
	/* The log: seq gives its order; rows are only ever appended. */
	"CREATE TABLE audit (\n"
	"  seq INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL, account TEXT NOT NULL, action TEXT NOT NULL,\n"
	"  dossier_id TEXT,\n"
	"  payload TEXT NOT NULL, payload_sha256 TEXT NOT NULL,\n"
	"  prev_hash TEXT NOT NULL, hash TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX audit_dossier ON audit (dossier_id, seq);\n"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n",

	/* 2: full-text search over names, references, notes, answer notes and
	 * document titles; diacritics folded, so "cooperatie" finds
	 * "Coöperatie". The writes that change those texts keep it current
	 * (search_index): triggers may not touch FTS5 with trusted_schema off. */
	"CREATE VIRTUAL TABLE search USING fts5 (\n"
	"  kind UNINDEXED, ref UNINDEXED, dossier_id UNINDEXED, body,\n"
	"  tokenize = 'unicode61 remove_diacritics 2');\n"
	"INSERT INTO search (kind, ref, dossier_id, body)\n"
	"  SELECT 'organisation', id, NULL, name FROM organisation;\n"
	"INSERT INTO search (kind, ref, dossier_id, body)\n"
	"  SELECT 'dossier', id, id, reference FROM dossier;\n"
	"INSERT INTO search (kind, ref, dossier_id, body)\n"
	"  SELECT 'note', id, dossier_id, text FROM note;\n"
	"INSERT INTO search (kind, ref, dossier_id, body)\n"
	"  SELECT 'document', id, dossier_id, title FROM document;\n"
	"INSERT INTO search (kind, ref, dossier_id, body)\n"
	"  SELECT 'answer', a.id, s.dossier_id, a.note FROM answer a\n"
	"  JOIN assessment s ON s.id = a.assessment_id WHERE a.note IS NOT NULL;\n"
	/* Which index row holds which text: FTS5 cannot look up its
	 * UNINDEXED columns without reading every row. */
	"CREATE TABLE search_map (\n"
	"  kind TEXT NOT NULL, ref TEXT NOT NULL, fts_rowid INTEGER NOT NULL,\n"
	"  PRIMARY KEY (kind, ref)\n"
	") STRICT, WITHOUT ROWID;\n"
	"INSERT INTO search_map (kind, ref, fts_rowid) SELECT kind, ref, rowid FROM search;\n",

	/* 3: the list screen sorts by every column and reads only the rows on
	 * screen: an index per sort column (the expressions are the ones in
	 * listing.c), so a page costs what it costs on the first page. */
	"CREATE INDEX dossier_category ON dossier (category, reference);\n"
	"CREATE INDEX dossier_assessor ON dossier (ifnull(assessor, ''), reference);\n"
	"CREATE INDEX dossier_received ON dossier (ifnull(received_on, ''), reference);\n"
	"CREATE INDEX organisation_name ON organisation (name COLLATE NOCASE);\n",

	/* 4: a framework's text is kept once, however many assessments use
	 * it (each assessment still names the exact text by its SHA-256). */
	"CREATE TABLE kader_text (\n"
	"  sha256 TEXT PRIMARY KEY NOT NULL, source TEXT NOT NULL\n"
	") STRICT;\n"
	"INSERT OR IGNORE INTO kader_text (sha256, source)\n"
	"  SELECT kader_sha256, kader_source FROM assessment;\n"
	"ALTER TABLE assessment DROP COLUMN kader_source;\n",

	/* 5: organisations sort by a key without case or diacritics
	 * (utf8_sort_key: "Élan" with the e's, "Ĳsselland" with the i's);
	 * the key of each existing name is filled in by fill_sort_names. */
	"ALTER TABLE organisation ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';\n"
	"DROP INDEX organisation_name;\n"
	"CREATE INDEX organisation_sort ON organisation (sort_name);\n",

	/* 6: decisions with four eyes, letters, and assessments that lock.
	 * The assessment table is rebuilt without UNIQUE (dossier, framework,
	 * version): a re-assessment against the same version is a new record
	 * that names the one it started from. Foreign keys are off while the
	 * table is swapped (see migrate); nothing else refers to it by rowid. */
	"CREATE TABLE assessment_new (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  dossier_id TEXT NOT NULL REFERENCES dossier(id),\n"
	"  kader_id TEXT NOT NULL, kader_version TEXT NOT NULL,\n"
	"  kader_sha256 TEXT NOT NULL,\n"
	"  created_by TEXT NOT NULL, created_at TEXT NOT NULL,\n"
	"  previous_id TEXT REFERENCES assessment(id),\n"
	"  locked_at TEXT, locked_by TEXT\n"
	") STRICT;\n"
	"INSERT INTO assessment_new (rowid, id, dossier_id, kader_id, kader_version, kader_sha256,\n"
	"  created_by, created_at) SELECT rowid, id, dossier_id, kader_id, kader_version,\n"
	"  kader_sha256, created_by, created_at FROM assessment;\n"
	"DROP TABLE assessment;\n"
	"ALTER TABLE assessment_new RENAME TO assessment;\n"
	"CREATE INDEX assessment_dossier ON assessment (dossier_id, created_at);\n"
	/* The assessor's motivering per criterion: what the letter says. */
	"CREATE TABLE criterion_reason (\n"
	"  assessment_id TEXT NOT NULL REFERENCES assessment(id),\n"
	"  criterion_id TEXT NOT NULL,\n"
	"  reason TEXT NOT NULL CHECK (length(reason) > 0),\n"
	"  account TEXT NOT NULL, at TEXT NOT NULL,\n"
	"  PRIMARY KEY (assessment_id, criterion_id)\n"
	") STRICT;\n"
	/* Everyone who ever overrode a verdict in an assessment may not
	 * approve it, even after the override was replaced or cleared. (Not
	 * INSERT OR IGNORE: an upsert's conflict rule would override it.) */
	"CREATE TABLE override_account (\n"
	"  assessment_id TEXT NOT NULL REFERENCES assessment(id),\n"
	"  account TEXT NOT NULL,\n"
	"  PRIMARY KEY (assessment_id, account)\n"
	") STRICT, WITHOUT ROWID;\n"
	"INSERT OR IGNORE INTO override_account (assessment_id, account)\n"
	"  SELECT assessment_id, account FROM verdict_override;\n"
	"CREATE TRIGGER override_account_insert AFTER INSERT ON verdict_override BEGIN\n"
	"  INSERT INTO override_account (assessment_id, account)\n"
	"  SELECT NEW.assessment_id, NEW.account WHERE NOT EXISTS (SELECT 1 FROM override_account\n"
	"    WHERE assessment_id = NEW.assessment_id AND account = NEW.account); END;\n"
	"CREATE TRIGGER override_account_update AFTER UPDATE ON verdict_override BEGIN\n"
	"  INSERT INTO override_account (assessment_id, account)\n"
	"  SELECT NEW.assessment_id, NEW.account WHERE NOT EXISTS (SELECT 1 FROM override_account\n"
	"    WHERE assessment_id = NEW.assessment_id AND account = NEW.account); END;\n"
	"CREATE TABLE decision (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  dossier_id TEXT NOT NULL REFERENCES dossier(id),\n"
	"  assessment_id TEXT REFERENCES assessment(id),\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('aanwijzen', 'afwijzen', 'aanvulling', 'intrekken')),\n"
	"  suggested TEXT NOT NULL,\n"
	"  reason TEXT,\n"
	"  effective_on TEXT, reassess_on TEXT, term_until TEXT,\n"
	"  proposed_by TEXT NOT NULL, proposed_at TEXT NOT NULL,\n"
	"  state TEXT NOT NULL DEFAULT 'voorgesteld'\n"
	"    CHECK (state IN ('voorgesteld', 'goedgekeurd', 'teruggestuurd')),\n"
	"  reviewed_by TEXT, reviewed_at TEXT, review_note TEXT,\n"
	"  CHECK (kind = suggested OR length(reason) > 0),\n"
	"  CHECK (state = 'voorgesteld' OR (reviewed_by IS NOT NULL AND reviewed_by <> proposed_by))\n"
	") STRICT;\n"
	"CREATE UNIQUE INDEX decision_pending ON decision (dossier_id) WHERE state = 'voorgesteld';\n"
	"CREATE INDEX decision_dossier ON decision (dossier_id, proposed_at);\n"
	"CREATE TRIGGER decision_reviewed_once BEFORE UPDATE ON decision WHEN OLD.state <> 'voorgesteld'\n"
	"  BEGIN SELECT RAISE(ABORT, 'a reviewed decision cannot change'); END;\n"
	"CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision\n"
	"  BEGIN SELECT RAISE(ABORT, 'decisions are kept'); END;\n"
	"CREATE TABLE letter (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  dossier_id TEXT NOT NULL REFERENCES dossier(id),\n"
	"  decision_id TEXT REFERENCES decision(id),\n"
	"  kind TEXT NOT NULL,\n"
	"  template_id TEXT NOT NULL, template_sha256 TEXT NOT NULL,\n"
	"  source TEXT NOT NULL, text TEXT NOT NULL, sha256 TEXT NOT NULL,\n"
	"  pdf BLOB NOT NULL, pdf_sha256 TEXT NOT NULL,\n"
	"  audit_head TEXT NOT NULL,\n"
	"  dated TEXT NOT NULL, issued_by TEXT NOT NULL, issued_at TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE UNIQUE INDEX letter_once ON letter (dossier_id, kind, ifnull(decision_id, ''));\n"
	"CREATE TRIGGER letter_no_update BEFORE UPDATE ON letter\n"
	"  BEGIN SELECT RAISE(ABORT, 'an issued letter cannot change'); END;\n"
	"CREATE TRIGGER letter_no_delete BEFORE DELETE ON letter\n"
	"  BEGIN SELECT RAISE(ABORT, 'an issued letter cannot change'); END;\n"
	"CREATE TABLE letter_print (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  letter_id TEXT NOT NULL REFERENCES letter(id),\n"
	"  command TEXT NOT NULL,\n"
	"  account TEXT NOT NULL, at TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX letter_print_letter ON letter_print (letter_id);\n"
	/* A locked assessment refuses every change, also from outside toets
	 * (the code checks first, with a clearer message). */
	"CREATE TRIGGER assessment_locked BEFORE UPDATE ON assessment WHEN OLD.locked_at IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER assessment_no_delete BEFORE DELETE ON assessment\n"
	"  BEGIN SELECT RAISE(ABORT, 'assessments are kept'); END;\n"
	"CREATE TRIGGER answer_locked_insert BEFORE INSERT ON answer WHEN\n"
	"  (SELECT locked_at FROM assessment WHERE id = NEW.assessment_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER answer_locked_update BEFORE UPDATE ON answer WHEN\n"
	"  (SELECT locked_at FROM assessment WHERE id = OLD.assessment_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER answer_locked_delete BEFORE DELETE ON answer WHEN\n"
	"  (SELECT locked_at FROM assessment WHERE id = OLD.assessment_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER verdict_override_locked_insert BEFORE INSERT ON verdict_override WHEN\n"
	"  (SELECT locked_at FROM assessment WHERE id = NEW.assessment_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER verdict_override_locked_update BEFORE UPDATE ON verdict_override WHEN\n"
	"  (SELECT locked_at FROM assessment WHERE id = OLD.assessment_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER verdict_override_locked_delete BEFORE DELETE ON verdict_override WHEN\n"
	"  (SELECT locked_at FROM assessment WHERE id = OLD.assessment_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER criterion_reason_locked_insert BEFORE INSERT ON criterion_reason WHEN\n"
	"  (SELECT locked_at FROM assessment WHERE id = NEW.assessment_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER criterion_reason_locked_update BEFORE UPDATE ON criterion_reason WHEN\n"
	"  (SELECT locked_at FROM assessment WHERE id = OLD.assessment_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER criterion_reason_locked_delete BEFORE DELETE ON criterion_reason WHEN\n"
	"  (SELECT locked_at FROM assessment WHERE id = OLD.assessment_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER evidence_locked_insert BEFORE INSERT ON evidence WHEN\n"
	"  (SELECT s.locked_at FROM answer a JOIN assessment s ON s.id = a.assessment_id\n"
	"   WHERE a.id = NEW.answer_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER evidence_locked_delete BEFORE DELETE ON evidence WHEN\n"
	"  (SELECT s.locked_at FROM answer a JOIN assessment s ON s.id = a.assessment_id\n"
	"   WHERE a.id = OLD.answer_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n",

	/* 7: the legal clock and the connection. A dossier is dated when it
	 * is complete (as when received); suspensions of the decision term
	 * (Awb 4:15: an aanvulling asked for, or a delay the applicant agreed
	 * to) each have a start and, once the term runs again, an end. After
	 * designation: the leidraad voor samenwerking accepted, the NDN
	 * connection; operational (24/7) contacts are marked. */
	"ALTER TABLE dossier ADD COLUMN complete_on TEXT;\n"
	"CREATE TABLE suspension (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  dossier_id TEXT NOT NULL REFERENCES dossier(id),\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('aanvulling', 'uitstel')),\n"
	"  start_on TEXT NOT NULL, end_on TEXT, term_until TEXT,\n"
	"  reason TEXT, letter_id TEXT REFERENCES letter(id),\n"
	"  account TEXT NOT NULL, at TEXT NOT NULL,\n"
	"  CHECK (end_on IS NULL OR end_on >= start_on)\n"
	") STRICT;\n"
	"CREATE INDEX suspension_dossier ON suspension (dossier_id, start_on);\n"
	"CREATE TABLE aansluiting (\n"
	"  dossier_id TEXT PRIMARY KEY NOT NULL REFERENCES dossier(id),\n"
	"  leidraad_on TEXT, leidraad_by TEXT, ndn_on TEXT,\n"
	"  account TEXT NOT NULL, at TEXT NOT NULL\n"
	") STRICT;\n"
	"ALTER TABLE contact ADD COLUMN operational INTEGER NOT NULL DEFAULT 0 CHECK (operational IN (0, 1));\n",

	/* 8: the partner's constituency: AS numbers, IP prefixes and domain
	 * names, normalised (constituency.c), one row each per dossier. The
	 * lookup index is built in memory from these rows. */
	"CREATE TABLE constituency (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  dossier_id TEXT NOT NULL REFERENCES dossier(id),\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('asn', 'prefix', 'domain')),\n"
	"  value TEXT NOT NULL,\n"
	"  note TEXT,\n"
	"  account TEXT NOT NULL, at TEXT NOT NULL,\n"
	"  UNIQUE (dossier_id, kind, value)\n"
	") STRICT;\n"
	"CREATE INDEX constituency_value ON constituency (kind, value);\n",

	/* 9: holes in step 6's guards. Its CHECK on a reason passes a NULL
	 * reason (a CHECK fails only on false, and length(NULL) is NULL),
	 * evidence could be moved by UPDATE under a lock, and who overrode a
	 * verdict (four eyes) could be deleted. */
	"CREATE TRIGGER decision_reason_insert BEFORE INSERT ON decision\n"
	"  WHEN NEW.kind <> NEW.suggested AND ifnull(length(NEW.reason), 0) = 0\n"
	"  BEGIN SELECT RAISE(ABORT, 'a decision other than the suggested one needs a reason'); END;\n"
	"CREATE TRIGGER decision_reason_update BEFORE UPDATE ON decision\n"
	"  WHEN NEW.kind <> NEW.suggested AND ifnull(length(NEW.reason), 0) = 0\n"
	"  BEGIN SELECT RAISE(ABORT, 'a decision other than the suggested one needs a reason'); END;\n"
	"CREATE TRIGGER evidence_locked_update BEFORE UPDATE ON evidence WHEN\n"
	"  (SELECT s.locked_at FROM answer a JOIN assessment s ON s.id = a.assessment_id\n"
	"   WHERE a.id = OLD.answer_id) IS NOT NULL OR\n"
	"  (SELECT s.locked_at FROM answer a JOIN assessment s ON s.id = a.assessment_id\n"
	"   WHERE a.id = NEW.answer_id) IS NOT NULL\n"
	"  BEGIN SELECT RAISE(ABORT, 'the assessment is locked'); END;\n"
	"CREATE TRIGGER override_account_kept BEFORE DELETE ON override_account\n"
	"  BEGIN SELECT RAISE(ABORT, 'who overrode a verdict is kept'); END;\n",

};

#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* Step 5's part that SQL cannot do: the sort key of every name. */
static int fill_sort_names(sqlite3 *db)
{
	sqlite3_stmt *sel, *upd;
	int rc = sqlite3_prepare_v2(db, "SELECT id, name FROM organisation", -1, &sel, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_prepare_v2(db, "UPDATE organisation SET sort_name = ? WHERE id = ?", -1, &upd, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(sel);
		return rc;
	}
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		struct strbuf key = STRBUF_INIT;
		utf8_sort_key((const char *)sqlite3_column_text(sel, 1), &key);
		sqlite3_bind_text(upd, 1, strbuf_str(&key), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(upd, 2, (const char *)sqlite3_column_text(sel, 0), -1, SQLITE_TRANSIENT);
		int urc = sqlite3_step(upd);
		sqlite3_reset(upd);
		strbuf_release(&key);
		if (urc != SQLITE_DONE) {
			rc = urc;
			break;
		}
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* SQLITE_CONSTRAINT when a row refers to one that does not exist. */
static int foreign_keys_intact(sqlite3 *db)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &q, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? SQLITE_OK : rc == SQLITE_ROW ? SQLITE_CONSTRAINT : rc;
}

struct cached_stmt {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	bool damaged;
	bool unchecked; /* the open-time check is still to run */
	bool in_tx;
	struct cached_stmt *cache;
	size_t n_cache, cap_cache;
};

int store_schema_version(void)
{
	return SCHEMA_VERSION;
}

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

bool store_damaged(const struct store *s)
{
	return s->damaged;
}


/* ---- paths ---------------------------------------------------------------- */

/* mkdir -p with mode 0700 for every directory it creates. */
static int make_private_dirs(const char *dir)
{
	char *copy = xstrdup(dir);
	int rc = 0;
	for (char *p = copy + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && mkdir(copy, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(copy);
	return rc;
}

char *store_resolve_path(const char *option, struct toets_error *e)
{
	if (option && option[0])
		return xstrdup(option);
	const char *env = getenv("TOETS_DB");
	if (env && env[0])
		return xstrdup(env);
	char *dir = paths_user_data_dir();
	if (!dir) {
		toets_fail(e, TOETS_ERR_NOT_FOUND,
			   _("no place for the database: HOME is not set; use --db FILE"));
		return NULL;
	}
	if (make_private_dirs(dir) != 0) {
		toets_fail(e, TOETS_ERR_IO, _("cannot create the directory %s: %s"), dir, strerror(errno));
		free(dir);
		return NULL;
	}
	char *path = xasprintf("%s/toets.db", dir);
	free(dir);
	return path;
}

/* ---- errors ----------------------------------------------------------------- */

static enum toets_status describe_failure(struct store *s, int rc, const char *what,
					  struct toets_error *e);

enum toets_status store_fail(struct store *s, int rc, const char *what, struct toets_error *e)
{
	enum toets_status st = describe_failure(s, rc, what, e);
	/* Inside a write, what failed was rolled back: say that it was. */
	if (e && s && s->in_tx && st != TOETS_ERR_INTERNAL && st != TOETS_ERR_REFUSED) {
		size_t len = strlen(e->message);
		snprintf(e->message + len, sizeof(e->message) - len, "%s", _("; nothing was stored"));
	}
	if (e && st == TOETS_ERR_BUSY) {
		size_t len = strlen(e->message);
		snprintf(e->message + len, sizeof(e->message) - len, "%s", _("; try again"));
	}
	return st;
}

static enum toets_status describe_failure(struct store *s, int rc, const char *what,
					  struct toets_error *e)
{
	const char *path = s ? s->path : "";
	const char *detail = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	/* SQLite says "disk I/O error" for a full disk or a size limit. */
	int sys = s && s->db ? sqlite3_system_errno(s->db) : 0;
	if ((rc & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT || sys == EFBIG))
		rc = SQLITE_FULL;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return toets_fail(e, TOETS_ERR_BUSY,
				  _("%s: the database %s is in use by another process "
				    "(waited %d s)"),
				  what, path, STORE_BUSY_TIMEOUT_MS / 1000);
	case SQLITE_READONLY:
		return toets_fail(e, TOETS_ERR_READONLY,
				  _("%s: the database %s is read-only"), what, path);
	case SQLITE_FULL:
		return toets_fail(e, TOETS_ERR_FULL,
				  _("%s: the database %s is full (disk full or size limit reached)"),
				  what, path);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return toets_fail(e, TOETS_ERR_CORRUPT,
				  _("%s: the database %s is damaged (%s); run 'toets db check', "
				    "and 'toets backup FILE' to keep a copy before any repair"),
				  what, path, detail);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return toets_fail(e, TOETS_ERR_IO, _("%s: cannot use the database %s: %s"), what,
				  path, detail);
	case SQLITE_CONSTRAINT:
		return toets_fail(e, TOETS_ERR_REFUSED, _("%s: refused by the database: %s"), what,
				  detail);
	case SQLITE_NOMEM:
		return toets_fail(e, TOETS_ERR_INTERNAL, _("%s: out of memory"), what);
	default:
		return toets_fail(e, TOETS_ERR_INTERNAL, _("%s: database error: %s"), what, detail);
	}
}

/* ---- statements --------------------------------------------------------------- */

sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct toets_error *e)
{
	for (size_t i = 0; i < s->n_cache; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].stmt);
			sqlite3_clear_bindings(s->cache[i].stmt);
			return s->cache[i].stmt;
		}
	}
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, rc, _("preparing a query"), e);
		return NULL;
	}
	s->cache = xgrow(s->cache, &s->cap_cache, s->n_cache + 1, sizeof(*s->cache));
	s->cache[s->n_cache].sql = sql;
	s->cache[s->n_cache].stmt = st;
	s->n_cache++;
	return st;
}

enum toets_status store_step_done(struct store *s, sqlite3_stmt *st, const char *what,
				  struct toets_error *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, rc, what, e);
	return TOETS_OK;
}

const char *store_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? (const char *)t : "";
}

char *store_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? xstrdup((const char *)t) : NULL;
}

static int exec(struct store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

static int pragma_int(struct store *s, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- transactions ------------------------------------------------------------ */

enum toets_status store_begin(struct store *s, struct toets_error *e)
{
	if (s->unchecked)
		store_check_now(s);
	if (s->damaged)
		return toets_fail(e, TOETS_ERR_CORRUPT,
				  _("the database %s is damaged and is not written to; run 'toets db check', "
				    "and 'toets backup FILE' to keep a copy before any repair"), s->path);
	int rc = exec(s, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK) {
		s->in_tx = true; /* for the message: this write stored nothing */
		enum toets_status st = store_fail(s, rc, _("starting a change"), e);
		s->in_tx = false;
		return st;
	}
	s->in_tx = true;
	return TOETS_OK;
}

enum toets_status store_commit(struct store *s, struct toets_error *e)
{
	int rc = exec(s, "COMMIT");
	if (rc != SQLITE_OK) {
		enum toets_status st = store_fail(s, rc, _("storing the change"), e);
		store_rollback(s);
		return st;
	}
	s->in_tx = false;
	return TOETS_OK;
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		exec(s, "ROLLBACK");
	s->in_tx = false;
}

enum toets_status store_abort(struct store *s, enum toets_status st)
{
	store_rollback(s);
	return st;
}

/* ---- opening ------------------------------------------------------------------- */

/* The part of a "file:" URI before '?', for checks on the file itself. */
static char *plain_path(const char *path)
{
	if (strncmp(path, "file:", 5) != 0)
		return xstrdup(path);
	const char *p = path + 5;
	size_t n = strcspn(p, "?#");
	return xstrndup(p, n);
}

/* Refuses files that are not SQLite databases before SQLite touches them
 * (it would leave -wal files beside someone else's file), and keeps an
 * existing database private. */
static enum toets_status check_file(const char *path, struct toets_error *e)
{
	char *file = plain_path(path);
	enum toets_status st = TOETS_OK;
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno != ENOENT)
			st = toets_fail(e, TOETS_ERR_IO, _("cannot open the database %s: %s"), file,
					strerror(errno));
		free(file);
		return st;
	}
	struct stat sb;
	char head[16];
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		st = toets_fail(e, TOETS_ERR_FOREIGN, _("%s is not a toets database (not a regular file)"),
				file);
	} else if (sb.st_size > 0) {
		ssize_t n = read(fd, head, sizeof(head));
		/* 512 bytes is SQLite's smallest page: anything shorter is no database. */
		if (n != (ssize_t)sizeof(head) || memcmp(head, "SQLite format 3", 16) != 0 ||
		    sb.st_size < 512)
			st = toets_fail(e, TOETS_ERR_FOREIGN,
					_("%s is not a toets database (not an SQLite file); nothing was changed"),
					file);
	}
	close(fd);
	free(file);
	return st;
}

/* Our own database, opened by its owner, is kept private (0600), and so
 * are the -wal and -shm files beside it, which hold its pages too. */
static void make_private(const struct store *s)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		char *file = xasprintf("%s%s", s->path, suffixes[i]);
		struct stat sb;
		if (stat(file, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 077) &&
		    sb.st_uid == geteuid())
			(void)chmod(file, sb.st_mode & 0700);
		free(file);
	}
}

static enum toets_status migrate(struct store *s, int from, int to, struct toets_error *e)
{
	for (int v = from + 1; v <= to; v++) {
		/* Step 6 swaps a table others refer to: SQLite's documented way
		 * is with foreign keys off, which only works outside a
		 * transaction; foreign_key_check inside it proves nothing broke. */
		bool swap = v == 6;
		if (swap && exec(s, "PRAGMA foreign_keys = OFF") != SQLITE_OK)
			return store_fail(s, sqlite3_errcode(s->db), _("upgrading the database"), e);
		enum toets_status st = store_begin(s, e);
		if (st != TOETS_OK)
			return st;
		char sql[64];
		int rc = SQLITE_OK;
		if (v == 1) {
			snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", STORE_APPLICATION_ID);
			rc = exec(s, sql);
		}
		if (rc == SQLITE_OK)
			rc = exec(s, migrations[v - 1]);
		if (rc == SQLITE_OK && v == 5)
			rc = fill_sort_names(s->db);
		if (rc == SQLITE_OK && swap)
			rc = foreign_keys_intact(s->db);
		if (rc == SQLITE_OK) {
			snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v);
			rc = exec(s, sql);
		}
		if (rc != SQLITE_OK) {
			char what[128];
			snprintf(what, sizeof(what), _("upgrading the database to version %d"), v);
			st = store_fail(s, rc, what, e);
			store_rollback(s);
			if (swap)
				exec(s, "PRAGMA foreign_keys = ON");
			return st;
		}
		st = store_commit(s, e);
		if (swap && exec(s, "PRAGMA foreign_keys = ON") != SQLITE_OK && st == TOETS_OK)
			st = store_fail(s, sqlite3_errcode(s->db), _("upgrading the database"), e);
		if (st != TOETS_OK)
			return st;
	}
	return TOETS_OK;
}

/* The SQLite magic, then garbage: neither 'db check' nor 'backup' could
 * read it either, so do not send the user there. */
static enum toets_status not_a_database(struct store *s, struct toets_error *e)
{
	return toets_fail(e, TOETS_ERR_FOREIGN,
			  _("%s cannot be read as a database: its first page is damaged, or it "
			    "is not a database at all; nothing was changed"), s->path);
}

static enum toets_status configure(struct store *s, struct toets_error *e)
{
	int on = 1;
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, &on);
	int rc = exec(s, "PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON; "
			 "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL");
	if ((rc & 0xff) == SQLITE_NOTADB)
		return not_a_database(s, e);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, _("opening the database"), e);
	return TOETS_OK;
}

/* WAL is written into the file's header: only once the file is known to
 * be ours, and only when it can be written. */
static enum toets_status use_wal(struct store *s, struct toets_error *e)
{
	if (sqlite3_db_readonly(s->db, "main"))
		return TOETS_OK;
	int rc = exec(s, "PRAGMA journal_mode = WAL");
	if (rc != SQLITE_OK)
		return store_fail(s, rc, _("opening the database"), e);
	return TOETS_OK;
}

static enum toets_status check_identity(struct store *s, int *version, struct toets_error *e)
{
	int app = 0, tables = 0;
	int rc = pragma_int(s, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = pragma_int(s, "PRAGMA user_version", version);
	if (rc == SQLITE_OK)
		rc = pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_NOTADB)
			return not_a_database(s, e);
		return store_fail(s, rc, _("opening the database"), e);
	}
	if (app != STORE_APPLICATION_ID && (app != 0 || tables > 0))
		return toets_fail(e, TOETS_ERR_FOREIGN,
				  _("%s is an SQLite database of another application, not of toets; "
				    "nothing was changed"), s->path);
	if (*version > SCHEMA_VERSION)
		return toets_fail(e, TOETS_ERR_FOREIGN,
				  _("%s was written by a newer toets (schema version %d; this toets "
				    "knows up to %d): update toets to open it"),
				  s->path, *version, SCHEMA_VERSION);
	return TOETS_OK;
}

/* quick_check reads every page once: damage found now is reported before
 * anything is written on top of it. */
static void quick_check(struct store *s)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK) {
		s->damaged = true;
		return;
	}
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW || strcmp(store_text(st, 0), "ok") != 0)
		s->damaged = true;
	sqlite3_finalize(st);
}

static enum toets_status open_store(const char *path, int version, bool defer_check,
				    struct store **out, struct toets_error *e);

enum toets_status store_open_at_version(const char *path, int version, struct store **out,
					struct toets_error *e)
{
	return open_store(path, version, false, out, e);
}

enum toets_status store_open_deferred(const char *path, struct store **out, struct toets_error *e)
{
	return open_store(path, SCHEMA_VERSION, true, out, e);
}

bool store_check_now(struct store *s)
{
	if (s->unchecked) {
		s->unchecked = false;
		quick_check(s);
	}
	return s->damaged;
}

static enum toets_status open_store(const char *path, int version, bool defer_check,
				    struct store **out, struct toets_error *e)
{
	*out = NULL;
	/* Private from the start: -wal and -shm files take this mode too. */
	umask(077);
	enum toets_status st = check_file(path, e);
	if (st != TOETS_OK)
		return st;

	struct store *s = xcalloc(1, sizeof(*s));
	s->path = plain_path(path);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI |
		    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
	if (rc != SQLITE_OK) {
		st = store_fail(s, rc, _("opening the database"), e);
		store_close(&s);
		return st;
	}
	int current = 0;
	st = configure(s, e);
	if (st == TOETS_OK)
		st = check_identity(s, &current, e);
	if (st == TOETS_OK)
		st = use_wal(s, e);
	if (st == TOETS_OK)
		make_private(s);
	if (st == TOETS_OK && current > 0) {
		if (defer_check)
			s->unchecked = true;
		else
			quick_check(s);
	}
	if (st == TOETS_OK && current < version && !sqlite3_db_readonly(s->db, "main"))
		st = migrate(s, current, version, e);
	else if (st == TOETS_OK && current < version)
		st = toets_fail(e, TOETS_ERR_READONLY,
				_("the database %s is read-only and needs an upgrade to version %d first"),
				s->path, version);
	if (st != TOETS_OK) {
		store_close(&s);
		return st;
	}
	*out = s;
	return TOETS_OK;
}

enum toets_status store_open(const char *path, struct store **out, struct toets_error *e)
{
	return store_open_at_version(path, SCHEMA_VERSION, out, e);
}

void store_close(struct store **sp)
{
	struct store *s = *sp;
	if (!s)
		return;
	if (s->in_tx)
		store_rollback(s);
	for (size_t i = 0; i < s->n_cache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	free(s->cache);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
	*sp = NULL;
}

/* ---- ids, checks, backups ------------------------------------------------------- */

void store_new_id(char out[STORE_ID_LEN])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	randombytes_buf(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	char *p = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 15];
	}
	*p = '\0';
}

enum toets_status store_integrity_check(struct store *s, char **report, struct toets_error *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, _("checking the database"), e);
	struct strbuf sb = STRBUF_INIT;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		strbuf_adds(&sb, store_text(st, 0));
		strbuf_addc(&sb, '\n');
	}
	/* Damage can stop the check itself: what it found so far, and why it
	 * stopped, is the report. */
	if (rc != SQLITE_DONE) {
		int base = rc & 0xff;
		if (base != SQLITE_CORRUPT && base != SQLITE_NOTADB && base != SQLITE_IOERR) {
			sqlite3_finalize(st);
			strbuf_release(&sb);
			return store_fail(s, rc, _("checking the database"), e);
		}
		strbuf_addf(&sb, _("the check stopped: %s\n"), sqlite3_errmsg(s->db));
	}
	sqlite3_finalize(st);
	*report = strbuf_detach(&sb);
	return TOETS_OK;
}

enum toets_status store_backup(struct store *s, const char *dest, struct toets_error *e)
{
	/* O_EXCL: a backup never replaces a file, not even an old backup. */
	int fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return toets_fail(e, TOETS_ERR_EXISTS,
					  _("%s exists; a backup never overwrites a file: choose a new name"), dest);
		return toets_fail(e, TOETS_ERR_IO, _("cannot create %s: %s"), dest, strerror(errno));
	}
	close(fd);
	sqlite3 *to;
	int rc = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	enum toets_status st = TOETS_OK;
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(to, STORE_BUSY_TIMEOUT_MS);
		sqlite3_backup *b = sqlite3_backup_init(to, "main", s->db, "main");
		if (!b) {
			rc = sqlite3_errcode(to);
		} else {
			/* All pages in one step: the copy is one consistent moment. */
			rc = sqlite3_backup_step(b, -1);
			int frc = sqlite3_backup_finish(b);
			if (rc == SQLITE_DONE)
				rc = frc;
		}
	}
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		st = toets_fail(e, (rc & 0xff) == SQLITE_BUSY ? TOETS_ERR_BUSY : TOETS_ERR_IO,
				_("backup to %s failed: %s"), dest, sqlite3_errstr(rc));
		sqlite3_close(to);
		unlink(dest);
		return st;
	}
	/* The copy is a plain rollback-journal file, whole in itself. */
	sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	sqlite3_close(to);
	return st;
}
