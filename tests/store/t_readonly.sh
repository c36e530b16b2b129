#!/usr/bin/env bash
# A read-only database.
#
# (a) --db 'file:PATH?mode=ro': reading works; a write fails with exit 77
#     and "... is read-only; nothing was stored"; the file is unchanged. A
#     mode=ro URI of a missing file fails (exit 74) and creates nothing.
# (b) As a user who may read but not write the file and its directory (root
#     ignores file modes, so as root: a system user toets-test-ro, created
#     when missing, run with setpriv; not as root: the current user, with
#     the file 0444 and the directory 0555):
#     b1. no -wal/-shm beside the file (the last connection closed cleanly):
#         WAL mode needs the -shm file, which cannot be created, so even a
#         read fails: exit 77, "opening the database: ... is read-only";
#         a write fails the same way;
#     b2. another process (a sqlite3 CLI run by the owner) has the file
#         open, so the -wal/-shm files exist and are readable: a read works;
#         a write fails with exit 77 and "... is read-only";
#     and the file is byte for byte unchanged afterwards.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# ---- (a) mode=ro ----------------------------------------------------------------
db=$TMP/a.db
export TOETS_DB=$db
ok "setup" dossier new --name "Alleen Lezen B.V." --category oktt
ref=$out
ok "setup" dossier note "$ref" "een notitie"
ok "setup" dossier list --json
list_before=$out
audit_state "setup"
rows=$AUDIT_ROWS head=$AUDIT_HEAD
sum=$(sha "$db")
ro="file:$db?mode=ro"

t --db "$ro" dossier list --json
expect_rc 0 "dossier list with mode=ro"
[ "$out" = "$list_before" ] || fail "dossier list with mode=ro shows something else: $out"
t --db "$ro" audit verify
expect_rc 0 "audit verify with mode=ro"

t --db "$ro" dossier note "$ref" "mag niet"
expect_rc 77 "a note with mode=ro"
expect_err_line "toets: storing the note: the database $db is read-only; nothing was stored" "a note with mode=ro"
t --db "$ro" dossier new --name "Nieuw" --category csirt
expect_rc 77 "a new dossier with mode=ro"
expect_err_has "the database $db is read-only; nothing was stored" "a new dossier with mode=ro"
t --db "$ro" doc add "$ref" "$here/lib.sh" --kind overig
expect_rc 77 "doc add with mode=ro"
expect_err_has "the database $db is read-only; nothing was stored" "doc add with mode=ro"

[ "$(sha "$db")" = "$sum" ] || fail "the database changed under mode=ro"
leftover=$(cd "$TMP" && ls a.db-* 2>/dev/null | tr '\n' ' ')
[ -n "$leftover" ] && note "mode=ro leaves ${leftover}behind (a read-only connection cannot remove them; the next read-write open does)"
audit_state "after the mode=ro attempts"
[ "$AUDIT_ROWS" = "$rows" ] && [ "$AUDIT_HEAD" = "$head" ] || fail "the audit log changed under mode=ro"
[ ! -e "$TMP/a.db-wal" ] || fail "a read-write open did not remove the -wal left by mode=ro"

t --db "file:$TMP/missing.db?mode=ro" dossier list
expect_rc 74 "mode=ro of a missing file"
expect_err_line "toets: opening the database: cannot use the database $TMP/missing.db: unable to open database file" \
	"mode=ro of a missing file"
[ ! -e "$TMP/missing.db" ] || fail "mode=ro of a missing file created it"

# ---- (b) a user who may not write --------------------------------------------------
dir=$TMP/ro
mkdir "$dir"
db=$dir/b.db
export TOETS_DB=$db
ok "setup b" dossier new --name "Stichting Gedeeld" --category csirt
ref=$out
ok "setup b" dossier note "$ref" "notitie b"
ok "setup b" dossier list --json
list_before=$out

if [ "$(id -u)" -eq 0 ]; then
	user=toets-test-ro
	command -v setpriv >/dev/null || fail "setpriv is missing (Debian package util-linux)"
	if ! id -u "$user" >/dev/null 2>&1; then
		command -v useradd >/dev/null || fail "useradd is missing (Debian package passwd)"
		useradd -M -N -r "$user" || fail "useradd $user failed"
		note "created the system user $user"
	fi
	uid=$(id -u "$user") gid=$(id -g "$user")
	as_user=(setpriv --reuid="$uid" --regid="$gid" --clear-groups)
	chmod 0711 "$TMP"
	chmod 0755 "$dir"
	chmod 0644 "$db"
	who="the user $user (uid $uid)"
	# A check that the setup is what it should be.
	"${as_user[@]}" test -r "$db" ||
		fail "setup: $user cannot read $db (can others search every directory above $TMP? TMPDIR=${TMPDIR:-unset})"
	"${as_user[@]}" test -w "$db" && fail "setup: $user can write $db"
	"${as_user[@]}" test -w "$dir" && fail "setup: $user can write $dir"
else
	as_user=()
	chmod 0444 "$db"
	chmod 0555 "$dir"
	who="the current user $(id -un) (not root), file 0444, directory 0555"
fi
sum=$(sha "$db")
note "(b) runs as $who"

# u ARGS...: toets as that user (bounded, like t).
u() {
	timeout -s KILL 60 "${as_user[@]}" "$TOETS" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	[ "$rc" -ne 137 ] || fail "toets $* as $who did not finish within 60 s"
}

# b1: nothing holds the file open: no -wal/-shm.
[ ! -e "$db-wal" ] && [ ! -e "$db-shm" ] || fail "setup b1: -wal/-shm exist"
u dossier list --json
expect_rc 77 "b1: a read as $who without -shm"
expect_err_line "toets: opening the database: the database $db is read-only" \
	"b1: a read as $who without -shm"
note "b1: without -wal/-shm, even a read fails: exit 77, '$err'"
u dossier note "$ref" "mag niet"
expect_rc 77 "b1: a write as $who"
expect_err_line "toets: opening the database: the database $db is read-only" "b1: a write"
[ ! -e "$db-wal" ] && [ ! -e "$db-shm" ] || fail "b1: -wal/-shm were created"
[ "$(sha "$db")" = "$sum" ] || fail "b1: the database changed"

# b2: the owner has it open (a read transaction in a sqlite3 CLI), so the
# -wal/-shm files exist with the database's mode.
[ "$(id -u)" -eq 0 ] || chmod u+w "$dir" # the owner's CLI creates -shm
start_holder "$db" holder
holder_send "BEGIN; SELECT count(*) FROM dossier; SELECT 'reading';"
wait_for 10 "the sqlite3 CLI to hold a read transaction" holder_said reading
[ "$(id -u)" -eq 0 ] || chmod 0555 "$dir"
[ -e "$db-shm" ] || fail "b2: no -shm while the CLI reads"
u dossier list --json
expect_rc 0 "b2: a read as $who while -wal/-shm exist"
[ "$out" = "$list_before" ] || fail "b2: the read shows something else: $out"
note "b2: with readable -wal/-shm (the owner has the file open), a read works"
u dossier note "$ref" "mag niet"
expect_rc 77 "b2: a write as $who"
expect_err_line "toets: storing the note: the database $db is read-only; nothing was stored" "b2: a write"
u dossier new --name "Nieuw" --category csirt
expect_rc 77 "b2: a new dossier as $who"
expect_err_has "the database $db is read-only; nothing was stored" "b2: a new dossier"
holder_send "ROLLBACK;"
stop_holder

[ "$(sha "$db")" = "$sum" ] || fail "the database changed (sha256 before and after differ)"
# The owner still sees everything, unchanged.
[ "$(id -u)" -eq 0 ] || { chmod 0755 "$dir"; chmod 0644 "$db"; }
ok "at the end" dossier list --json
[ "$out" = "$list_before" ] || fail "the dossiers changed: $out"
t db check
expect_rc 0 "db check at the end"
finish
