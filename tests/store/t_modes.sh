#!/usr/bin/env bash
# File modes under umask 022.
#
# - A new default database (HOME in the test's directory, XDG_DATA_HOME and
#   TOETS_DB unset) is $HOME/.local/share/toets/toets.db: the directory 0700
#   (and the .local and share that toets made, too), the file 0600.
# - XDG_DATA_HOME absolute: $XDG_DATA_HOME/toets/toets.db, 0700/0600;
#   relative: ignored (the default is used, nothing made in the current
#   directory).
# - While a write is in progress (an sqlite3 CLI holds a read transaction,
#   so the -wal/-shm files stay), -wal and -shm are 0600.
# - `toets backup FILE` and `toets doc get ... FILE` write 0600 files (and
#   refuse to overwrite: exit 73).
# - An existing database file with mode 0644 is tightened to 0600 when
#   toets opens it; so is an existing empty file that toets turns into its
#   database.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

umask 022
[ "$(umask)" = 0022 ] || fail "umask 022 did not take"

expect_mode() {
	local path=$1 want=$2 what=$3
	[ -e "$path" ] || fail "$what: $path does not exist"
	local m
	m=$(mode_of "$path")
	[ "$m" = "$want" ] || fail "$what: $path has mode $m, expected $want"
}

# ---- the default place ---------------------------------------------------------------
cd "$TMP" || fail "cd"
ok "a new default database" dossier new --name "Standaard B.V." --category csirt
ref=$out
ddir=$HOME/.local/share/toets
expect_mode "$ddir" 700 "the default directory"
expect_mode "$ddir/toets.db" 600 "the default database"
for d in "$HOME/.local" "$HOME/.local/share"; do
	expect_mode "$d" 700 "a parent directory toets made"
done
[ "$(ls -A "$ddir")" = toets.db ] || fail "the default directory holds more than toets.db: $(ls -A "$ddir")"

XDG_DATA_HOME=$TMP/xdg t dossier new --name "XDG B.V." --category csirt
expect_rc 0 "a new database under XDG_DATA_HOME"
expect_mode "$TMP/xdg/toets" 700 "the XDG directory"
expect_mode "$TMP/xdg/toets/toets.db" 600 "the XDG database"
XDG_DATA_HOME=relative/xdg t dossier list --json
expect_rc 0 "dossier list with a relative XDG_DATA_HOME"
case $out in *'"reference":"'"$ref"'"'*) ;; *) fail "a relative XDG_DATA_HOME was not ignored: $out" ;; esac
[ ! -e "$TMP/relative" ] || fail "a relative XDG_DATA_HOME made $TMP/relative"

# ---- -wal and -shm while a write is in progress -----------------------------------------
db=$TMP/m.db
export TOETS_DB=$db
ok "setup" dossier new --name "Modi B.V." --category cert
ref=$out
expect_mode "$db" 600 "a new --db database"
start_holder "$db" holder
holder_send "BEGIN; SELECT count(*) FROM dossier; SELECT 'reading';"
wait_for 10 "the sqlite3 CLI to hold a read transaction" holder_said reading
ok "a write while another connection reads" dossier note "$ref" "in WAL"
expect_mode "$db-wal" 600 "the -wal file"
expect_mode "$db-shm" 600 "the -shm file"
[ "$(stat -c %s "$db-wal")" -gt 0 ] || fail "the -wal file is empty: the write did not go through it"
holder_send "ROLLBACK;"
stop_holder

# ---- files toets writes ---------------------------------------------------------------------
ok "backup" backup "$TMP/backup.db"
expect_mode "$TMP/backup.db" 600 "the backup"
[ ! -e "$TMP/backup.db-wal" ] && [ ! -e "$TMP/backup.db-shm" ] || fail "the backup left -wal/-shm"
printf 'inhoud\n' >"$TMP/doc.txt"
ok "doc add" doc add "$ref" "$TMP/doc.txt" --kind overig
id=$out
ok "doc get" doc get "$ref" "$id" "$TMP/got.txt"
expect_mode "$TMP/got.txt" 600 "the document written by doc get"
cmp -s "$TMP/doc.txt" "$TMP/got.txt" || fail "doc get wrote other bytes"
t doc get "$ref" "$id" "$TMP/got.txt"
expect_rc 73 "doc get over an existing file"
expect_err_line "toets: $TMP/got.txt exists; toets does not overwrite files" "doc get over an existing file"
t backup "$TMP/backup.db"
expect_rc 73 "backup over an existing file"
expect_err_line "toets: $TMP/backup.db exists; a backup never overwrites a file: choose a new name" \
	"backup over an existing file"

# ---- an existing 0644 file is tightened --------------------------------------------------
chmod 0644 "$db"
ok "a read of a 0644 database" dossier list
expect_mode "$db" 600 "an existing 0644 database after toets opened it"

# An empty file made beforehand (e.g. with touch) that toets turns into its
# database. (Today toets leaves it 0644: check_file() tightens only files
# that are not empty, and SQLite gives -wal/-shm the database's mode.)
e=$TMP/empty.db
: >"$e"
chmod 0644 "$e"
t --db "$e" dossier new --name "Leeg" --category csirt
expect_rc 0 "a new database in an existing empty file"
m=$(mode_of "$e")
[ "$m" = 600 ] || softfail "an existing empty 0644 file that toets made its database is still $m, not 0600"
finish
