#!/usr/bin/env bash
# Another process holds a lock on the database.
#
# 1. An sqlite3 CLI holds BEGIN EXCLUSIVE (a write lock; the file is in WAL
#    mode, so readers are not blocked): a write waits out the 5 s busy
#    timeout (between 4 and 15 s: a bound, not a sleep) and fails with exit
#    75 and "... is in use by another process (waited 5 s); nothing was
#    stored, try again"; a read (dossier list, audit verify) works at once
#    and sees the committed state; nothing was stored by the failed write.
#    After ROLLBACK the same write succeeds and nothing was lost.
# 2. An sqlite3 CLI in PRAGMA locking_mode=EXCLUSIVE holds the file
#    (no shared WAL index): even a read waits out the timeout and fails with
#    exit 75 and the same "in use" message (while opening).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

db=$TMP/l.db
export TOETS_DB=$db

ok "setup" dossier new --name "Stichting Slot" --category csirt
ref=$out
ok "setup" dossier new --name "Tweede" --category cert
ok "setup" dossier note "$ref" "eerste notitie"
ok "setup" dossier show "$ref" --json
show_before=$out
ok "setup" dossier list --json
list_before=$out
audit_state "setup"
rows=$AUDIT_ROWS head=$AUDIT_HEAD

# ---- 1: BEGIN EXCLUSIVE in WAL mode -------------------------------------------
start_holder "$db" holder
holder_send "BEGIN EXCLUSIVE; SELECT 'locked';"
wait_for 10 "the sqlite3 CLI to hold BEGIN EXCLUSIVE" holder_said locked

t0=$(now_ms)
t dossier note "$ref" "tweede notitie"
took=$(($(now_ms) - t0))
expect_rc 75 "a write while another process holds the write lock"
expect_err_line "toets: starting a change: the database $db is in use by another process (waited 5 s); nothing was stored; try again" \
	"a write while locked"
[ "$took" -ge 4000 ] && [ "$took" -le 15000 ] ||
	fail "a write while locked failed after $took ms, not after the 5 s busy timeout (4-15 s)"
note "a write while locked: exit 75 after $took ms"

t0=$(now_ms)
t dossier list --json
took=$(($(now_ms) - t0))
expect_rc 0 "a read (dossier list) while another process holds BEGIN EXCLUSIVE in WAL mode"
[ "$out" = "$list_before" ] || fail "dossier list while locked shows other dossiers: $out"
[ "$took" -lt 4000 ] || fail "a read while locked took $took ms: it waited for the lock"
audit_state "audit verify while locked"
[ "$AUDIT_ROWS" = "$rows" ] && [ "$AUDIT_HEAD" = "$head" ] ||
	fail "the failed write changed the audit log: $rows $head -> $AUDIT_ROWS $AUDIT_HEAD"
note "a read while another process holds BEGIN EXCLUSIVE (WAL mode): works, in $took ms"

holder_send "ROLLBACK;"
stop_holder
grep -qi error "$HOLDER_OUT" && fail "the sqlite3 holder reported: $(cat "$HOLDER_OUT")"

ok "the write after the lock is released" dossier note "$ref" "tweede notitie"
expect_err_empty "the write after the lock is released"
ok "after release" dossier show "$ref" --json
case $out in
*'"text":"eerste notitie"'*'"text":"tweede notitie"'*) ;;
*) fail "after release, the notes are not both there: $out" ;;
esac
[ "$(printf '%s' "$out" | grep -o '"text":"tweede notitie"' | wc -l)" -eq 1 ] ||
	fail "the note was stored more than once: $out"
audit_state "after release"
[ "$AUDIT_ROWS" -eq $((rows + 1)) ] || fail "after release: audit log has $AUDIT_ROWS rows, expected $((rows + 1))"
rows=$AUDIT_ROWS head=$AUDIT_HEAD
ok "after release" dossier show "$ref" --json
show_before=$out
t db check
expect_rc 0 "db check after release"
expect_out_line "$db: integrity ok" "db check after release"

# ---- 2: locking_mode=EXCLUSIVE: readers are locked out too --------------------
start_holder "$db" holder2
holder_send "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; SELECT 'locked';"
wait_for 10 "the sqlite3 CLI to hold the file in exclusive locking mode" holder_said locked

t0=$(now_ms)
t dossier list
took=$(($(now_ms) - t0))
expect_rc 75 "a read while another process holds the file in exclusive locking mode"
expect_err_line "toets: opening the database: the database $db is in use by another process (waited 5 s); try again" \
	"a read in exclusive locking mode"
[ "$took" -ge 4000 ] && [ "$took" -le 15000 ] ||
	fail "a read in exclusive locking mode failed after $took ms, not after the 5 s busy timeout"
note "a read while another process uses locking_mode=EXCLUSIVE: exit 75 after $took ms ('opening the database: ... in use')"

holder_send "ROLLBACK;"
stop_holder

ok "after the second release" dossier show "$ref" --json
[ "$out" = "$show_before" ] || fail "the dossier changed while it was locked: $out"
audit_state "after the second release"
[ "$AUDIT_ROWS" = "$rows" ] && [ "$AUDIT_HEAD" = "$head" ] || fail "the audit log changed while locked"
t db check
expect_rc 0 "db check at the end"
finish
