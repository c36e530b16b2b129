#!/usr/bin/env bash
# A full disk. (A full database by max_page_count is a unit test.)
#
# 1. /dev/full, no privileges needed:
#    - `toets backup /dev/full`: exit 73, "/dev/full exists; a backup never
#      overwrites a file: choose a new name" (O_EXCL sees the device);
#    - `toets doc get REF DOC - >/dev/full`: exit 74, "cannot write standard output: No
#      space left on device";
#    - `toets dossier list >/dev/full`: exit 74, "cannot write the output:
#      No space left on device".
# 2. A file size limit (ulimit -f, SIGXFSZ ignored): writes fail with EFBIG.
#    - doc add of a 3 MB file: exit 74, "storing the document: cannot use
#      the database ... is full (disk full or size limit reached); nothing
#      was stored"; still usable;
#    - backup: exit 74, "backup to FILE failed: disk I/O error", FILE gone;
#    - doc get to a file: exit 74, "cannot write FILE: File too large",
#      FILE gone.
# 3. A real ENOSPC: a 1 MiB tmpfs (and a 64 KiB one) mounted in a private
#    mount namespace (`unshare -rm`, a user namespace, so no root needed;
#    as root without user namespaces `unshare -m`; else this part is
#    skipped with a note). The mounts vanish with the namespace.
#    - doc add of a 3 MB file into a database on the 1 MiB tmpfs: exit 74,
#      "... the database ... is full (disk full or size limit reached);
#      nothing was stored"; afterwards db check ok, no document, audit log
#      unchanged, and a note can be written (still usable);
#    - the tmpfs filled up completely with another file: every command,
#      reads too, fails at open with exit 74 "opening the database: cannot
#      is full (disk full or size limit reached)" (the WAL index cannot grow);
#      after the other file is removed everything works and nothing is lost;
#    - backup onto the 64 KiB tmpfs: exit 74, "backup to FILE failed:
#      database or disk is full", FILE removed;
#    - doc get onto the 64 KiB tmpfs: exit 74, "cannot write FILE: No space
#      left on device", FILE removed.
here=$(cd "$(dirname "$0")" && pwd)
inside=${2:-}
. "$here/lib.sh"

# ---- 3, run inside the private mount namespace ----------------------------------------
if [ "$inside" = --inside ]; then
	mnt=$TMP/mnt small=$TMP/small
	mkdir "$mnt" "$small"
	if ! mount -t tmpfs -o size=1m,mode=0700 toets-test "$mnt" 2>"$TMP/mount.err" ||
		! mount -t tmpfs -o size=64k,mode=0700 toets-test "$small" 2>>"$TMP/mount.err"; then
		note "SKIPPED the tmpfs part: mount failed: $(cat "$TMP/mount.err")"
		umount "$mnt" 2>/dev/null
		exit 3
	fi
	CLEANUP_HOOKS+=("umount '$mnt'" "umount '$small'")
	db=$mnt/f.db
	export TOETS_DB=$db
	ok "setup" dossier new --name "Volle Schijf B.V." --category isp
	ref=$out
	ok "setup" dossier note "$ref" "eerste"
	ok "setup" dossier show "$ref" --json
	show_before=$out
	audit_state "setup"
	rows=$AUDIT_ROWS head=$AUDIT_HEAD
	head -c 3000000 /dev/urandom >"$TMP/doc3m"

	t doc add "$ref" "$TMP/doc3m" --kind overig
	expect_rc 74 "doc add of 3 MB onto a 1 MiB file system"
	expect_err_has "the database $db is full (disk full or size limit reached); nothing was stored" \
		"doc add of 3 MB onto a 1 MiB file system"
	note "disk full, doc add: '$err'"
	t db check
	expect_rc 0 "db check after the full disk"
	expect_out_line "$db: integrity ok" "db check after the full disk"
	[ -z "$(doc_pairs "$ref")" ] || fail "a document was stored although the disk was full"
	audit_state "after the full disk"
	[ "$AUDIT_ROWS" = "$rows" ] && [ "$AUDIT_HEAD" = "$head" ] || fail "the audit log changed by the failed add"
	ok "after the full disk" dossier show "$ref" --json
	[ "$out" = "$show_before" ] || fail "the dossier changed by the failed add"
	ok "still usable after the full disk" dossier note "$ref" "tweede"
	ok "after the note" dossier show "$ref" --json
	show_before=$out
	audit_state "after the note"
	rows=$AUDIT_ROWS head=$AUDIT_HEAD

	# Completely full: another file takes the rest.
	cat /dev/zero >"$mnt/filler" 2>/dev/null
	[ "$(df --output=avail "$mnt" | tail -n 1 | tr -d ' ')" -eq 0 ] || fail "setup: the tmpfs is not full"
	opening="toets: opening the database: the database $db is full (disk full or size limit reached)"
	t dossier note "$ref" "derde"
	expect_rc 74 "a note on a completely full file system"
	expect_err_line "$opening" "a note on a completely full file system"
	t dossier list
	expect_rc 74 "a read on a completely full file system"
	expect_err_line "$opening" "a read on a completely full file system"
	note "file system completely full: reads and writes fail at open: '$err'"
	rm "$mnt/filler"
	t db check
	expect_rc 0 "db check after space was freed"
	expect_out_line "$db: integrity ok" "db check after space was freed"
	ok "after space was freed" dossier show "$ref" --json
	[ "$out" = "$show_before" ] || fail "the dossier changed on the full file system: $out"
	audit_state "after space was freed"
	[ "$AUDIT_ROWS" = "$rows" ] && [ "$AUDIT_HEAD" = "$head" ] || fail "the audit log changed on the full file system"
	ok "a note after space was freed" dossier note "$ref" "derde"

	# Backups and document copies onto a file system that is too small.
	t backup "$small/b.db"
	expect_rc 74 "backup onto a 64 KiB file system"
	expect_err_line "toets: backup to $small/b.db failed: database or disk is full" "backup onto a 64 KiB file system"
	[ -z "$(ls -A "$small")" ] || fail "backup onto a full file system left $(ls -A "$small")"
	head -c 100000 /dev/urandom >"$TMP/doc100k"
	ok "doc add 100 kB" doc add "$ref" "$TMP/doc100k" --kind overig
	id=$out
	t doc get "$ref" "$id" "$small/out"
	expect_rc 74 "doc get onto a 64 KiB file system"
	expect_err_line "toets: cannot write $small/out: No space left on device" "doc get onto a 64 KiB file system"
	[ -z "$(ls -A "$small")" ] || fail "doc get onto a full file system left $(ls -A "$small")"
	t db check
	expect_rc 0 "db check at the end of the tmpfs part"
	finish
fi

# ---- 1: /dev/full --------------------------------------------------------------------------
db=$TMP/f.db
export TOETS_DB=$db
ok "setup" dossier new --name "Stichting Vol" --category csirt
ref=$out
head -c 3000000 /dev/urandom >"$TMP/doc3m"
head -c 100000 /dev/urandom >"$TMP/doc100k"
ok "setup" doc add "$ref" "$TMP/doc100k" --kind overig
id=$out
ok "setup" dossier show "$ref" --json
show_before=$out
audit_state "setup"
rows=$AUDIT_ROWS head=$AUDIT_HEAD

t backup /dev/full
expect_rc 73 "backup /dev/full"
expect_err_line "toets: /dev/full exists; a backup never overwrites a file: choose a new name" "backup /dev/full"
[ -c /dev/full ] || fail "/dev/full is no longer a character device"

timeout -s KILL 60 "$TOETS" doc get "$ref" "$id" - >/dev/full 2>"$TMP/err"
rc=$? out= err=$(cat "$TMP/err")
expect_rc 74 "doc get to standard output on /dev/full"
expect_err_line "toets: cannot write standard output: No space left on device" "doc get to standard output on /dev/full"

timeout -s KILL 60 "$TOETS" dossier list >/dev/full 2>"$TMP/err"
rc=$? out= err=$(cat "$TMP/err")
expect_rc 74 "dossier list on /dev/full"
expect_err_line "toets: cannot write the output: No space left on device" "dossier list on /dev/full"

# ---- 2: a file size limit ---------------------------------------------------------------
# limited BLOCKS ARGS...: toets with `ulimit -f BLOCKS` (1 KiB blocks).
limited() {
	local blocks=$1
	shift
	(
		trap '' XFSZ
		ulimit -f "$blocks"
		exec timeout -s KILL 60 "$TOETS" "$@"
	) >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

limited 1000 doc add "$ref" "$TMP/doc3m" --kind overig
expect_rc 74 "doc add of 3 MB under ulimit -f 1000"
expect_err_line "toets: storing the document: the database $db is full (disk full or size limit reached); nothing was stored" "doc add under ulimit -f"
note "file size limit, doc add: '$err'"
t db check
expect_rc 0 "db check after the file size limit"
expect_out_line "$db: integrity ok" "db check after the file size limit"
ok "after the file size limit" dossier show "$ref" --json
[ "$out" = "$show_before" ] || fail "the dossier changed by the failed add: $out"
audit_state "after the file size limit"
[ "$AUDIT_ROWS" = "$rows" ] && [ "$AUDIT_HEAD" = "$head" ] || fail "the audit log changed by the failed add"

limited 100 backup "$TMP/b.db"
expect_rc 74 "backup under ulimit -f 100"
expect_err_line "toets: backup to $TMP/b.db failed: disk I/O error" "backup under ulimit -f"
[ ! -e "$TMP/b.db" ] || fail "backup under a file size limit left $TMP/b.db"

limited 50 doc get "$ref" "$id" "$TMP/got"
expect_rc 74 "doc get under ulimit -f 50"
expect_err_line "toets: cannot write $TMP/got: File too large" "doc get under ulimit -f"
[ ! -e "$TMP/got" ] || fail "doc get under a file size limit left $TMP/got"

ok "still usable" dossier note "$ref" "na de grens"

# ---- 3: a real full disk, in a private mount namespace -------------------------------------
how=
if unshare -rm true 2>/dev/null; then
	how="unshare -rm"
elif [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
	how="unshare -m"
fi
if [ -z "$how" ]; then
	note "SKIPPED the tmpfs part: no user namespaces (unshare -rm) and not root"
else
	$how bash "$0" "$TOETS" --inside
	status=$?
	case $status in
	0) note "the tmpfs part ran in a private mount namespace ($how)" ;;
	3) ;;
	*) fail "the tmpfs part failed (exit $status)" ;;
	esac
fi
finish
