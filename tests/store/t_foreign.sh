#!/usr/bin/env bash
# Files that are not (or no longer) a usable toets database.
#
# 1. A text file: exit 65, "... is not a toets database (not an SQLite
#    file); nothing was changed"; the file is unchanged (contents and mode)
#    and no -wal/-shm appear. The same for a FIFO and a directory ("not a
#    regular file"), without hanging.
# 2. Another application's SQLite file: exit 65, "... is an SQLite database
#    of another application, not of toets; nothing was changed"; the file
#    is unchanged (contents, journal mode and file mode), no -wal/-shm.
# 3. A toets file with a newer user_version: exit 65, "... was written by a
#    newer toets (schema version 99; this toets knows up to N): update toets
#    to open it"; the file is unchanged.
# 4. A damaged toets file (about 100 dossiers, then 1 KiB of 0xAA written
#    with dd conv=notrunc into the middle of the file, on the b-tree leaf
#    page of the dossier table nearest the middle):
#    - every command warns "the database ... is damaged; it is opened for
#      reading only. Run 'toets db check', and 'toets backup FILE' ...";
#    - reading the damaged table fails: exit 65, "listing dossiers: the
#      database ... is damaged (database disk image is malformed); run
#      'toets db check', and 'toets backup FILE' ..."; reading an
#      undamaged part (audit verify) still works;
#    - writes are refused: exit 65, "the database ... is damaged and is not
#      written to; run 'toets db check', and 'toets backup FILE' ...";
#    - `toets db check` exits 1 and prints "PATH: DAMAGED:" and the report;
#    - `toets backup FILE` exits 0 and writes FILE (0600), a page-for-page
#      copy that is just as damaged (`db check` on it exits 1): it saves the
#      pages, it does not repair;
#    - none of this changes the damaged file.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# no_side_files FILE WHAT: no -wal, -shm or -journal beside FILE.
no_side_files() {
	local f
	for f in "$1-wal" "$1-shm" "$1-journal"; do
		[ ! -e "$f" ] || fail "$2: $f was created"
	done
}

# ---- 1: not an SQLite file ---------------------------------------------------------
g=$TMP/notes.txt
printf 'Dit is geen database.\nHet is een tekstbestand met wat regels.\n' >"$g"
chmod 0644 "$g"
sum=$(sha "$g")
t --db "$g" dossier list
expect_rc 65 "a text file"
expect_err_line "toets: $g is not a toets database (not an SQLite file); nothing was changed" "a text file"
[ "$(sha "$g")" = "$sum" ] || fail "a text file: its contents changed"
[ "$(mode_of "$g")" = 644 ] || fail "a text file: its mode changed to $(mode_of "$g")"
no_side_files "$g" "a text file"
t --db "$g" dossier new --name X --category csirt
expect_rc 65 "a write to a text file"
expect_err_line "toets: $g is not a toets database (not an SQLite file); nothing was changed" "a write to a text file"
[ "$(sha "$g")" = "$sum" ] || fail "a write to a text file changed it"
no_side_files "$g" "a write to a text file"

mkfifo "$TMP/fifo"
t --db "$TMP/fifo" dossier list
expect_rc 65 "a FIFO"
expect_err_line "toets: $TMP/fifo is not a toets database (not a regular file)" "a FIFO"
t --db "$TMP" dossier list
expect_rc 65 "a directory"
expect_err_line "toets: $TMP is not a toets database (not a regular file)" "a directory"

# ---- 2: another application's SQLite file -------------------------------------------
x=$TMP/other.db
(umask 022 && sqlite3 "$x" 'CREATE TABLE t(a); INSERT INTO t VALUES (1);') || fail "sqlite3 could not make $x"
sum=$(sha "$x")
mode=$(mode_of "$x")
t --db "$x" dossier list
expect_rc 65 "another application's file"
expect_err_line "toets: $x is an SQLite database of another application, not of toets; nothing was changed" \
	"another application's file"
no_side_files "$x" "another application's file"
# (These three are what "nothing was changed" promises; today toets runs
# PRAGMA journal_mode=WAL and tightens the mode before it looks at the
# application_id: softfail, so that the rest still runs.)
jm=$(sqlite3 "$x" 'PRAGMA journal_mode')
[ "$jm" = delete ] ||
	softfail "another application's file: toets switched it to journal_mode $jm although it says 'nothing was changed'"
[ "$(sha "$x")" = "$sum" ] || softfail "another application's file: its contents changed although toets says 'nothing was changed'"
[ "$(mode_of "$x")" = "$mode" ] ||
	softfail "another application's file: its mode changed from $mode to $(mode_of "$x") although toets says 'nothing was changed'"

# ---- 3: a newer toets ------------------------------------------------------------------
n=$TMP/newer.db
ok "setup newer" --db "$n" dossier new --name "Toekomst" --category csirt
nref=$out
sqlite3 "$n" 'PRAGMA user_version = 99' || fail "sqlite3 could not set user_version"
no_side_files "$n" "setup newer"
sum=$(sha "$n")
t --db "$n" dossier list
expect_rc 65 "a newer user_version"
expect_err_has "toets: $n was written by a newer toets (schema version 99; this toets knows up to " "a newer user_version"
expect_err_has "): update toets to open it" "a newer user_version"
t --db "$n" dossier note "$nref" x
expect_rc 65 "a write to a newer user_version"
expect_err_has "was written by a newer toets (schema version 99" "a write to a newer user_version"
[ "$(sha "$n")" = "$sum" ] || fail "a newer user_version: the file changed"
[ "$(sqlite3 "$n" 'PRAGMA user_version')" = 99 ] || fail "a newer user_version: user_version changed"
no_side_files "$n" "a newer user_version"

# ---- 4: a damaged file -------------------------------------------------------------------
d=$TMP/damaged.db
export TOETS_DB=$d
for ((i = 1; i <= 100; i++)); do
	dref=$("$TOETS" dossier new --name "Organisatie $i" --category csirt) || fail "setup: dossier new $i failed"
done
no_side_files "$d" "setup damaged"
page_size=$(sqlite3 "$d" 'PRAGMA page_size')
page=$(sqlite3 "$d" "SELECT pageno FROM dbstat WHERE name = 'dossier' AND pagetype = 'leaf'
	ORDER BY abs(pageno - (SELECT max(pageno) FROM dbstat) / 2) LIMIT 1")
[ -n "$page" ] || fail "setup: no leaf page of the dossier table found (sqlite3 without dbstat?)"
head -c 1024 /dev/zero | tr '\0' '\252' |
	dd of="$d" bs=1024 seek=$(((page - 1) * page_size / 1024 + 1)) conv=notrunc status=none ||
	fail "setup: dd failed"
[ "$(sqlite3 "$d" 'PRAGMA quick_check(1)')" != ok ] || fail "setup: the damage on page $page was not detected by quick_check"
note "damaged: 1 KiB of 0xAA at offset $(((page - 1) * page_size + 1024)) (page $page of $(($(stat -c %s "$d") / page_size)), a leaf of the dossier table)"
sum=$(sha "$d")
warning="toets: warning: the database $d is damaged; it is opened for reading only. Run 'toets db check', and 'toets backup FILE' to keep a copy before any repair"

t dossier list
expect_rc 65 "dossier list of a damaged file"
expect_err_line "$warning" "dossier list of a damaged file"
expect_err_line "toets: listing dossiers: the database $d is damaged (database disk image is malformed); run 'toets db check', and 'toets backup FILE' to keep a copy before any repair" \
	"dossier list of a damaged file"

t audit verify
expect_rc 0 "audit verify of a damaged file (the audit table is whole)"
expect_err_line "$warning" "audit verify of a damaged file"
expect_out_has "audit log ok: 100 rows" "audit verify of a damaged file"

refused="toets: the database $d is damaged and is not written to; run 'toets db check', and 'toets backup FILE' to keep a copy before any repair"
t dossier new --name "Nog een" --category csirt
expect_rc 65 "dossier new in a damaged file"
expect_err_line "$warning" "dossier new in a damaged file"
expect_err_line "$refused" "dossier new in a damaged file"
t dossier note "$dref" "een notitie"
expect_rc 65 "dossier note in a damaged file"
expect_err_line "$refused" "dossier note in a damaged file"

t db check
expect_rc 1 "db check of a damaged file"
expect_out_line "$d: DAMAGED:" "db check of a damaged file"
expect_out_has "On tree page $page " "db check of a damaged file"

t backup "$TMP/rescue.db"
expect_rc 0 "backup of a damaged file"
expect_out_has "backup written to $TMP/rescue.db (audit head " "backup of a damaged file"
[ -f "$TMP/rescue.db" ] || fail "backup of a damaged file: no file written"
[ "$(mode_of "$TMP/rescue.db")" = 600 ] || fail "backup of a damaged file: mode $(mode_of "$TMP/rescue.db")"
no_side_files "$TMP/rescue.db" "backup of a damaged file"
t --db "$TMP/rescue.db" db check
expect_rc 1 "db check of the backup of a damaged file"
expect_out_line "$TMP/rescue.db: DAMAGED:" "db check of the backup of a damaged file"
note "backup of a damaged file: exit 0, but the copy is page for page the same and just as damaged (db check exit 1)"

[ "$(sha "$d")" = "$sum" ] || fail "the damaged file was changed by toets"
no_side_files "$d" "the damaged file"
finish
