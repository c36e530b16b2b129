#!/usr/bin/env bash
# Tampering with the audit log through the sqlite3 CLI.
#
# With the triggers in place, UPDATE and DELETE on the log fail with "the
# audit log is append-only" and change nothing. With the triggers
# audit_no_update / audit_no_delete dropped, in separate copies of a
# database with 10 audit rows:
#   - a row's payload changed (row 5)  -> BROKEN at row 5
#   - a row's account changed (row 5)  -> BROKEN at row 5
#   - a row's payload and payload_sha256 both changed (row 5) -> row 5
#   - a middle row deleted (row 5)     -> BROKEN at row 6 ("rows before it
#                                         are missing": the first row that
#                                         does not verify is the one after
#                                         the gap; 4 rows verify)
#   - two rows reordered (seq 4 and 7 swapped via a temporary seq)
#                                      -> BROKEN at row 4
# Each time `toets audit verify` exits 1 and prints "audit log BROKEN at row
# N: REASON", and `toets db check` exits 1 with the same line; on the
# untouched copy (triggers dropped, nothing else) both exit 1 with "audit log
# BROKEN: its append-only protection (the triggers) was removed": a log that
# can be rewritten freely is not tamper-evident. For a broken row, a second
# line names how many rows verify and the last good hash (the stored hash of
# the row before). Removing the last row leaves the chain before it whole; the head
# differs from the one recorded, which is what the head printed on letters
# and exports is for; this is asserted too.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

db=$TMP/a.db
export TOETS_DB=$db

# ---- ten changes ---------------------------------------------------------------------
ok "change 1" dossier new --name "Stichting Controle" --category csirt --kvk 87654321
ref1=$out
ok "change 2" dossier new --name "Coöperatie Keten U.A." --category cert
ref2=$out
ok "change 3" dossier note "$ref1" "Aanvraag ontvangen."
ok "change 4" dossier status "$ref1" ontvangen --reason "per post"
ok "change 5" contact add "$ref1" --name "J. Jansen" --role "CISO" --email "j@example.nl"
ok "change 6" dossier set "$ref2" website=https://keten.example.nl
printf 'statuten\n' >"$TMP/statuten.txt"
ok "change 7" doc add "$ref1" "$TMP/statuten.txt" --kind statuten
ok "change 8" dossier note "$ref2" "Navragen bij de KvK."
ok "change 9" dossier status "$ref1" compleet
ok "change 10" dossier new --name "Derde" --category isp
audit_state "after 10 changes"
[ "$AUDIT_ROWS" -eq 10 ] || fail "10 changes made $AUDIT_ROWS audit rows"
head=$AUDIT_HEAD
[ ! -e "$db-wal" ] || fail "setup: a -wal is left after toets closed"

# ---- the triggers refuse UPDATE and DELETE -----------------------------------------------
sum=$(sha "$db")
for sql in "UPDATE audit SET account = 'x'" "UPDATE audit SET payload = '' WHERE seq = 3" \
	"DELETE FROM audit WHERE seq = 10" "DELETE FROM audit"; do
	if sqlite3 "$db" "$sql" >"$TMP/sq.out" 2>&1; then
		fail "sqlite3 '$sql' succeeded with the triggers in place"
	fi
	grep -qF "the audit log is append-only" "$TMP/sq.out" ||
		fail "sqlite3 '$sql' failed without 'append-only': $(cat "$TMP/sq.out")"
done
note "with the triggers: sqlite3 says '$(head -n 1 "$TMP/sq.out")'"
audit_state "after the refused changes"
[ "$AUDIT_ROWS" -eq 10 ] && [ "$AUDIT_HEAD" = "$head" ] || fail "the refused changes changed the log"

# ---- triggers dropped: copies --------------------------------------------------------------
sqlite3 "$db" "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;" ||
	fail "sqlite3 could not drop the triggers"
[ ! -e "$db-wal" ] || fail "setup: sqlite3 left a -wal"

# tampered NAME SQL: a copy of the database with SQL applied.
tampered() {
	local name=$1 sql=$2
	cp "$db" "$TMP/$name.db" || fail "cp failed"
	sqlite3 "$TMP/$name.db" "$sql" >/dev/null || fail "$name: sqlite3 '$sql' failed"
	[ ! -e "$TMP/$name.db-wal" ] || fail "$name: sqlite3 left a -wal"
}

# expect_broken NAME N REASON [GOOD]: verify and db check name row N; GOOD
# rows (default N-1) verify before it.
expect_broken() {
	local name=$1 n=$2 reason=$3 good=${4:-$(($2 - 1))}
	t --db "$TMP/$name.db" audit verify
	expect_rc 1 "audit verify of '$name'"
	expect_out_line "audit log BROKEN at row $n: $reason" "audit verify of '$name'"
	expect_out_line "$good rows before it verify; the last good hash is $(row_hash "$good")" \
		"audit verify of '$name'"
	t --db "$TMP/$name.db" db check
	expect_rc 1 "db check of '$name'"
	expect_out_line "$TMP/$name.db: integrity ok" "db check of '$name'"
	expect_out_line "audit log BROKEN at row $n: $reason" "db check of '$name'"
}

# row_hash N: the stored hash of row N in the untouched log.
row_hash() {
	sqlite3 "$db" "SELECT hash FROM audit WHERE seq = $1"
}

unprotected="audit log BROKEN: its append-only protection (the triggers) was removed"
tampered untouched "SELECT 1;"
t --db "$TMP/untouched.db" audit verify
expect_rc 1 "audit verify of the untouched copy without triggers"
expect_out_line "$unprotected" "audit verify of the untouched copy"
t --db "$TMP/untouched.db" db check
expect_rc 1 "db check of the untouched copy without triggers"
expect_out_line "$unprotected" "db check of the untouched copy"

changed="its content does not match its hash (the row was changed)"
fields="its hash does not match its fields (the row was changed)"
link="its link to the previous row does not match (a row was removed, added or reordered)"

# Row 5 is the contact.add: its payload names J. Jansen.
tampered payload "UPDATE audit SET payload = replace(payload, 'J. Jansen', 'P. Pietersen') WHERE seq = 5;"
[ "$(sqlite3 "$TMP/payload.db" "SELECT count(*) FROM audit WHERE seq = 5 AND payload LIKE '%P. Pietersen%'")" = 1 ] ||
	fail "setup: row 5's payload was not changed (it is: $(sqlite3 "$db" "SELECT payload FROM audit WHERE seq = 5"))"
expect_broken payload 5 "$changed"

tampered account "UPDATE audit SET account = 'mallory' WHERE seq = 5;"
expect_broken account 5 "$fields"

# The payload and its SHA-256 changed together (sha256 of the text computed
# by SQLite's CLI would need an extension: take it from sha256sum).
tampered payload_sha "UPDATE audit SET payload = replace(payload, 'J. Jansen', 'P. Pietersen') WHERE seq = 5;"
sqlite3 "$TMP/payload_sha.db" "SELECT payload FROM audit WHERE seq = 5" | head -c -1 >"$TMP/p5" # (the CLI adds a newline)
sqlite3 "$TMP/payload_sha.db" "UPDATE audit SET payload_sha256 = '$(sha "$TMP/p5")' WHERE seq = 5" ||
	fail "setup: could not set payload_sha256"
expect_broken payload_sha 5 "$fields"

tampered deleted "DELETE FROM audit WHERE seq = 5;"
expect_broken deleted 6 "rows before it are missing" 4

tampered reordered "UPDATE audit SET seq = -4 WHERE seq = 4; UPDATE audit SET seq = 4 WHERE seq = 7;
	UPDATE audit SET seq = 7 WHERE seq = -4;"
expect_broken reordered 4 "$link"

# Removing the last row: the chain before it is whole, the head is not.
tampered truncated "DELETE FROM audit WHERE seq = 10;"
t --db "$TMP/truncated.db" audit verify
expect_rc 1 "audit verify of the truncated copy"
expect_out_line "$unprotected" "audit verify of the truncated copy"
grep -qF "$head" "$TMP/out" && fail "the truncated log still shows the recorded head"
note "removing the last row: the 9 rows before it verify; the head differs from the recorded one"

# The original (triggers dropped) is untouched by all this.
[ "$(sqlite3 "$db" 'SELECT count(*) FROM audit')" -eq 10 ] &&
	[ "$(sqlite3 "$db" 'SELECT hash FROM audit ORDER BY seq DESC LIMIT 1')" = "$head" ] ||
	fail "the original log changed"
t db check
expect_rc 1 "db check of the original with the triggers dropped"
expect_out_line "$unprotected" "db check of the original with the triggers dropped"
finish
