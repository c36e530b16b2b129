/* store.h - the one SQLite file that holds everything an assessor records:
 * where it lives, opening it safely (pragmas, application id, checks),
 * migrations, write transactions, prepared statements, random ids,
 * integrity checks and backups. */
#ifndef TOETS_STORE_H
#define TOETS_STORE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "toets/status.h"

#define STORE_APPLICATION_ID 0x746f6574 /* "toet" */
#define STORE_BUSY_TIMEOUT_MS 5000
#define STORE_ID_LEN 37 /* a UUID (version 4) as text, and NUL */

struct store;

/* The database to use: `option` (--db) when given, else $TOETS_DB when set,
 * else the default $XDG_DATA_HOME/toets/toets.db. Returns a new string. */
char *store_resolve_path(const char *option, struct toets_error *e);

/* Opens (creating when missing) and migrates the database. Files are made
 * private (umask 077); a file from another application, from a newer
 * toets, or not a database at all is refused; a damaged file opens for
 * reading only. `path` may be a "file:" URI (e.g. ?mode=ro). */
enum toets_status store_open(const char *path, struct store **out, struct toets_error *e);

/* The same, leaving the open-time quick_check to store_check_now(): the
 * workstation shows its first screen first, then checks before the first
 * key is handled. Until the check ran, writes are refused. */
enum toets_status store_open_deferred(const char *path, struct store **out, struct toets_error *e);
/* Runs the deferred check; returns whether the file was found damaged. */
bool store_check_now(struct store *s);

/* For tests of migrations: stop at schema version `version`. */
enum toets_status store_open_at_version(const char *path, int version, struct store **out,
					struct toets_error *e);

void store_close(struct store **s);

sqlite3 *store_db(struct store *s);
const char *store_path(const struct store *s);
/* The schema version this toets writes. */
int store_schema_version(void);
/* True when the open-time check found damage: writes are refused. */
bool store_damaged(const struct store *s);

/* A write transaction (BEGIN IMMEDIATE: the write lock is taken now, so
 * a busy database is reported before anything was typed in vain). */
enum toets_status store_begin(struct store *s, struct toets_error *e);
enum toets_status store_commit(struct store *s, struct toets_error *e);
void store_rollback(struct store *s);
/* Rolls back and returns st: `return store_abort(s, st);` ends a failed change. */
enum toets_status store_abort(struct store *s, enum toets_status st);

/* A cached prepared statement for a constant SQL text, reset and with its
 * bindings cleared; NULL with e filled on failure. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct toets_error *e);

/* Turns an SQLite result code into a status and message: "in use",
 * "read-only", "full", "damaged" ... `what` says what was being done. */
enum toets_status store_fail(struct store *s, int rc, const char *what, struct toets_error *e);

/* Runs a statement that returns no rows; true when it completed. */
enum toets_status store_step_done(struct store *s, sqlite3_stmt *st, const char *what,
				  struct toets_error *e);

/* A new random id (UUID version 4, lower case). */
void store_new_id(char out[STORE_ID_LEN]);

/* PRAGMA integrity_check: *report gets "ok" or the problems (free it). */
enum toets_status store_integrity_check(struct store *s, char **report, struct toets_error *e);

/* An online copy with SQLite's backup API into a new file (never over an
 * existing one), made private to its owner. */
enum toets_status store_backup(struct store *s, const char *dest, struct toets_error *e);

/* Column text as a C string ("" for NULL). */
const char *store_text(sqlite3_stmt *st, int col);
/* Column text copied with xstrdup, or NULL for NULL. */
char *store_strdup(sqlite3_stmt *st, int col);

#endif
