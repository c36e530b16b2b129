/* gen_dossiers.c - a database of N dossiers with full assessments, for
 * `make bench`. Rows go in with plain SQL in one transaction (the core's
 * one-change-one-transaction path would take minutes); the schema and the
 * framework text are the real ones. Usage: gen_dossiers DB N FORMS_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/kader.h"
#include "toets/store.h"
#include "toets/utf8.h"

static void must(int rc, sqlite3 *db, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "gen_dossiers: %s: %s\n", what, sqlite3_errmsg(db));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: gen_dossiers DB N FORMS_DIR\n");
		return 2;
	}
	int n = atoi(argv[2]);
	struct store *s;
	struct toets_error e = { 0 };
	if (store_open(argv[1], &s, &e) != TOETS_OK) {
		fprintf(stderr, "gen_dossiers: %s\n", e.message);
		return 1;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/oktt.yaml", argv[3]);
	struct diag_list dl;
	struct kader *k;
	diag_init(&dl, path);
	if (kader_load_file(path, &k, &dl) != TOETS_OK) {
		fprintf(stderr, "gen_dossiers: cannot load %s\n", path);
		return 1;
	}
	diag_release(&dl);
	sqlite3 *db = store_db(s);
	static const char *const names[] = { "Stichting", "Vereniging", "Coöperatie", "Stichting ISAC" };
	static const char *const places[] = { "Ĳsselland", "Rijnmond", "Utrecht", "Brabant", "Friesland",
					      "Zeeland", "Twente", "Limburg" };
	static const char *const statuses[] = { "aangemeld", "ontvangen", "compleet", "in_toetsing",
						"aanvulling_gevraagd", "besluit_voorgesteld", "aangewezen" };
	static const char *const cats[] = { "oktt", "csirt", "cert", "isp" };
	sqlite3_stmt *org, *dos, *ass, *ans;
	must(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), db, "begin");
	must(sqlite3_prepare_v2(db, "INSERT INTO organisation (id, name, kvk, created_at, updated_at, sort_name) "
				    "VALUES (?, ?, ?, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', ?)",
				-1, &org, NULL), db, "prepare");
	must(sqlite3_prepare_v2(db, "INSERT INTO dossier (id, reference, ref_year, ref_seq, organisation_id, "
				    "category, assessor, status, received_on, created_at, updated_at) VALUES "
				    "(?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')",
				-1, &dos, NULL), db, "prepare");
	must(sqlite3_prepare_v2(db, "INSERT INTO assessment (id, dossier_id, kader_id, kader_version, "
				    "kader_sha256, created_by, created_at) VALUES "
				    "(?, ?, ?, ?, ?, 'bench', '2025-01-02T00:00:00.000Z')", -1, &ass, NULL),
	     db, "prepare");
	sqlite3_stmt *text;
	must(sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO kader_text (sha256, source) VALUES (?, ?)", -1, &text,
				NULL), db, "prepare");
	sqlite3_bind_text(text, 1, k->sha256_hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(text, 2, k->source, (int)k->source_len, SQLITE_STATIC);
	must(sqlite3_step(text), db, "framework text");
	sqlite3_finalize(text);
	must(sqlite3_prepare_v2(db, "INSERT INTO answer (id, assessment_id, question_id, choices, value, note, "
				    "account, at) VALUES (?, ?, ?, ?, ?, ?, 'bench', '2025-01-02T00:00:00.000Z')",
				-1, &ans, NULL), db, "prepare");
	for (int i = 0; i < n; i++) {
		char oid[STORE_ID_LEN], did[STORE_ID_LEN], aid[STORE_ID_LEN], name[128], ref[16], kvk[16];
		char received[11];
		unsigned kvk_no = 10000000u + (unsigned)i % 90000000u;
		store_new_id(oid);
		store_new_id(did);
		store_new_id(aid);
		snprintf(name, sizeof(name), "%s %s %d", names[i % 4], places[(i / 4) % 8], i);
		int year = 2025 + i / 9999, seq = i % 9999 + 1;
		snprintf(ref, sizeof(ref), "%d-%04d", year, seq);
		snprintf(kvk, sizeof(kvk), "%08u", kvk_no);
		snprintf(received, sizeof(received), "2026-%02d-%02d", 1 + i % 11, 1 + i % 28);
		sqlite3_bind_text(org, 1, oid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(org, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(org, 3, kvk, -1, SQLITE_TRANSIENT);
		struct strbuf key = STRBUF_INIT;
		utf8_sort_key(name, &key);
		sqlite3_bind_text(org, 4, strbuf_str(&key), -1, SQLITE_TRANSIENT);
		strbuf_release(&key);
		must(sqlite3_step(org), db, "organisation");
		sqlite3_reset(org);
		sqlite3_bind_text(dos, 1, did, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(dos, 2, ref, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(dos, 3, year);
		sqlite3_bind_int(dos, 4, seq);
		sqlite3_bind_text(dos, 5, oid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(dos, 6, cats[i % 4], -1, SQLITE_STATIC);
		sqlite3_bind_text(dos, 7, i % 3 ? "alice" : "bob", -1, SQLITE_STATIC);
		sqlite3_bind_text(dos, 8, statuses[i % 7], -1, SQLITE_STATIC);
		sqlite3_bind_text(dos, 9, received, -1, SQLITE_TRANSIENT);
		must(sqlite3_step(dos), db, "dossier");
		sqlite3_reset(dos);
		sqlite3_bind_text(ass, 1, aid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ass, 2, did, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ass, 3, k->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ass, 4, k->version, -1, SQLITE_STATIC);
		sqlite3_bind_text(ass, 5, k->sha256_hex, -1, SQLITE_STATIC);
		must(sqlite3_step(ass), db, "assessment");
		sqlite3_reset(ass);
		/* Every question answered: the first choice, or a value. */
		for (size_t c = 0; c < k->n_criteria; c++) {
			for (size_t q = 0; q < k->criteria[c].n_questions; q++) {
				const struct kader_question *qn = &k->criteria[c].questions[q];
				char qid[STORE_ID_LEN];
				store_new_id(qid);
				sqlite3_bind_text(ans, 1, qid, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(ans, 2, aid, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(ans, 3, qn->id, -1, SQLITE_STATIC);
				if (qn->n_choices)
					sqlite3_bind_text(ans, 4, qn->choices[0].id, -1, SQLITE_STATIC);
				else
					sqlite3_bind_text(ans, 5, qn->type == KADER_Q_DATE ? "2026-01-01"
								 : qn->type == KADER_Q_NUMBER ? "120" : "zie bijlage",
							  -1, SQLITE_STATIC);
				if (q == 0)
					sqlite3_bind_text(ans, 6, "Gecontroleerd aan de hand van de statuten.", -1,
							  SQLITE_STATIC);
				must(sqlite3_step(ans), db, "answer");
				sqlite3_reset(ans);
				sqlite3_clear_bindings(ans);
			}
		}
	}
	/* The search index, as migration 2 builds it from existing rows. */
	must(sqlite3_exec(db,
			  "INSERT INTO search (kind, ref, dossier_id, body) SELECT 'organisation', id, NULL, name "
			  "FROM organisation; INSERT INTO search (kind, ref, dossier_id, body) SELECT 'dossier', id, "
			  "id, reference FROM dossier; INSERT INTO search_map (kind, ref, fts_rowid) SELECT kind, ref, "
			  "rowid FROM search; COMMIT",
			  NULL, NULL, NULL), db, "commit");
	sqlite3_finalize(org);
	sqlite3_finalize(dos);
	sqlite3_finalize(ass);
	sqlite3_finalize(ans);
	kader_free(&k);
	store_close(&s);
	return 0;
}
