#!/usr/bin/env bash
# kill -9 during a large write (`toets doc add` of a 40 MiB file), 24 trials
# on one database that accumulates what each trial committed.
#
# Each trial starts `toets doc add` in the background and kills it with
# SIGKILL at a moment chosen by its number, by progress rather than by clock
# so that the moments are the same on a fast and a slow machine:
#   0-15   when the -wal file has reached i/16 of the most WAL a complete
#          add used in the setup (about twice the document: its zeroblob and
#          bytes, then the row again with its hash): trial 0 at once, the
#          others in the middle of the write;
#   16-21  after the commit: once the checkpoint at close has begun to write
#          the database file, plus a busy wait of 0, 10 ... 50 ms;
#   22     5 ms after the start (GNU timeout -s KILL 0.005s): while it opens;
#   23     not killed: a complete add.
#
# After every trial: `toets db check` exits 0 (integrity ok, audit log ok);
# every document committed before is listed with the same SHA-256; there is
# the old number of documents or one more, never a half one (a new one has
# the whole file's SHA-256 and size, and `doc get` returns exactly those
# bytes); a completed add (exit 0) is always there; the audit chain verifies
# and has one row more exactly when the document is there (else the same
# head); the dossiers are unchanged when nothing was added.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

db=$TMP/k.db
export TOETS_DB=$db
SIZE=$((40 * 1024 * 1024))
TRIALS=24

# ---- setup: a few dossiers, a note, a small and a large document ----------
ok "setup" dossier new --name "Stichting Eerste" --category csirt --kvk 12345678
ref=$out
ok "setup" dossier new --name "Coöperatie Tweede U.A." --category cert
ok "setup" dossier new --name "Derde B.V." --category isp
ok "setup" dossier note "$ref" "Aanvraag ontvangen per post."
head -c 200000 /dev/urandom >"$TMP/small.bin"
ok "setup" doc add "$ref" "$TMP/small.bin" --kind statuten --title "Statuten"
small_id=$out
head -c "$SIZE" /dev/urandom >"$TMP/big.bin"
big_sha=$(sha "$TMP/big.bin")
# A complete add, in the background to measure the most WAL it uses.
t0=$(now_ms)
"$TOETS" doc add "$ref" "$TMP/big.bin" --kind overig --title "groot" >"$TMP/add.out" 2>"$TMP/add.err" &
pid=$!
BG_PIDS+=("$pid")
peak=0
deadline=$(($(now_ms) + 60000))
while kill -0 "$pid" 2>/dev/null; do
	wal=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
	[ "$wal" -gt "$peak" ] && peak=$wal
	[ "$(now_ms)" -lt "$deadline" ] || fail "setup: a complete add of 40 MiB took more than 60 s"
done
wait "$pid" || fail "setup: a complete add of the large file failed: $(cat "$TMP/add.err")"
full_ms=$(($(now_ms) - t0))
[ "$peak" -gt $((SIZE / 2)) ] || fail "setup: the WAL never grew beyond $peak bytes during a 40 MiB add"
note "a complete add of 40 MiB took ${full_ms} ms; the WAL grew to $peak bytes"

dossiers=$("$TOETS" dossier list --json) || fail "dossier list failed"
docs=$(doc_pairs "$ref")
[ "$(echo "$docs" | wc -l)" -eq 2 ] || fail "setup: expected 2 documents, got: $docs"
audit_state "setup"
rows=$AUDIT_ROWS head=$AUDIT_HEAD

before=0 midwrite=0 aftercommit=0 finished=0 added=0

for ((i = 0; i < TRIALS; i++)); do
	title="trial $i"
	rm -f "$TMP/add.out" "$TMP/add.err"
	fingerprint=$(stat -c '%s %.9Y' "$db")
	if [ "$i" -lt 22 ]; then
		"$TOETS" doc add "$ref" "$TMP/big.bin" --kind overig --title "$title" \
			>"$TMP/add.out" 2>"$TMP/add.err" &
		pid=$!
		BG_PIDS+=("$pid")
		deadline=$(($(now_ms) + 60000))
		if [ "$i" -lt 16 ]; then
			# By progress: when the WAL has reached i/16 of its peak.
			threshold=$((i * peak / 16))
			how="at WAL >= $threshold bytes"
			while kill -0 "$pid" 2>/dev/null; do
				wal=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
				[ "$wal" -ge "$threshold" ] && break
				[ "$(now_ms)" -lt "$deadline" ] || fail "trial $i: the WAL never reached $threshold bytes within 60 s"
			done
		else
			# After the commit: once the checkpoint has begun to write
			# the database file itself, and then a busy wait of
			# 0, 10, ... 50 ms.
			extra=$(((i - 16) * 10))
			how="${extra} ms into the checkpoint"
			while kill -0 "$pid" 2>/dev/null; do
				[ "$(stat -c '%s %.9Y' "$db")" != "$fingerprint" ] && break
				[ "$(now_ms)" -lt "$deadline" ] || fail "trial $i: the checkpoint did not begin within 60 s"
			done
			until_ms=$(($(now_ms) + extra))
			while kill -0 "$pid" 2>/dev/null && [ "$(now_ms)" -lt "$until_ms" ]; do :; done
		fi
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null # (no "Killed" notice)
		status=$?
	elif [ "$i" -eq 23 ]; then
		# Not killed: a complete add, for comparison.
		how="not killed"
		"$TOETS" doc add "$ref" "$TMP/big.bin" --kind overig --title "$title" \
			>"$TMP/add.out" 2>"$TMP/add.err"
		status=$?
		[ "$status" -eq 0 ] || fail "trial $i: a doc add that was not killed failed: $(cat "$TMP/add.err")"
	else
		# By time, 5 ms after the start: while it starts and opens the
		# database.
		delay=0.005
		how="after ${delay} s"
		{ timeout -s KILL "${delay}s" "$TOETS" doc add "$ref" "$TMP/big.bin" --kind overig \
			--title "$title" >"$TMP/add.out" 2>"$TMP/add.err"; } 2>/dev/null
		status=$?
	fi
	wal_after=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
	case $status in
	0) ;;
	137 | 124) ;;
	*) fail "trial $i: doc add exited $status (not 0 and not killed): $(cat "$TMP/add.err")" ;;
	esac

	# The database is whole.
	t db check
	[ "$rc" -eq 0 ] || fail "trial $i (killed $how): db check: $(last)"
	expect_out_line "$db: integrity ok" "trial $i: db check"
	expect_out_has "audit log ok: " "trial $i: db check"

	# Nothing committed is lost; no half document.
	now=$(doc_pairs "$ref")
	lost=$(comm -23 <(echo "$docs") <(echo "$now"))
	[ -z "$lost" ] || fail "trial $i (killed $how): committed documents lost or changed: $lost"
	new=$(comm -13 <(echo "$docs") <(echo "$now"))
	n_new=$(printf '%s' "$new" | grep -c . || true)
	[ "$n_new" -le 1 ] || fail "trial $i: more than one new document: $new"
	if [ "$n_new" -eq 1 ]; then
		read -r new_id new_sha new_size <<<"$new"
		[ "$new_sha" = "$big_sha" ] || fail "trial $i: the new document has SHA-256 $new_sha, not $big_sha (a half document)"
		[ "$new_size" -eq "$SIZE" ] || fail "trial $i: the new document has $new_size bytes, not $SIZE"
		rm -f "$TMP/got"
		t doc get "$ref" "$new_id" "$TMP/got"
		expect_rc 0 "trial $i: doc get of the new document"
		[ "$(sha "$TMP/got")" = "$big_sha" ] || fail "trial $i: doc get returned other bytes than were added"
		rm -f "$TMP/got"
	fi
	if [ "$status" -eq 0 ]; then
		[ "$n_new" -eq 1 ] || fail "trial $i: doc add exited 0 (printed $(cat "$TMP/add.out")) but the document is not there"
		[ "$(cat "$TMP/add.out")" = "$new_id" ] || fail "trial $i: doc add printed $(cat "$TMP/add.out"), the new document is $new_id"
	fi

	# The audit log: one row more exactly when the document is there.
	audit_state "trial $i"
	rows_now=$AUDIT_ROWS head_now=$AUDIT_HEAD
	if [ "$n_new" -eq 1 ]; then
		[ "$rows_now" -eq $((rows + 1)) ] || fail "trial $i: document added but the audit log has $rows_now rows (was $rows)"
		t audit log --json
		expect_rc 0 "trial $i: audit log"
		echo "$out" | sed 's/},{/}\n{/g' | tail -n 1 | grep -qF "\"action\":\"document.add\"" ||
			fail "trial $i: the last audit row is not the document.add"
		echo "$out" | sed 's/},{/}\n{/g' | tail -n 1 | grep -qF "sha256=$big_sha" ||
			fail "trial $i: the last audit row does not name the document's SHA-256"
	else
		[ "$rows_now" -eq "$rows" ] && [ "$head_now" = "$head" ] ||
			fail "trial $i: no document added, but the audit log changed: $rows $head -> $rows_now $head_now"
	fi
	# The dossiers: unchanged unless the add committed (which may touch the
	# dossier's updated_at).
	now_dossiers=$("$TOETS" dossier list --json) || fail "trial $i: dossier list failed"
	[ "$n_new" -eq 1 ] || [ "$now_dossiers" = "$dossiers" ] ||
		fail "trial $i: no document added, but the dossiers changed: $now_dossiers"
	dossiers=$now_dossiers

	if [ "$status" -eq 0 ]; then
		finished=$((finished + 1)) class="finished"
	elif [ "$n_new" -eq 1 ]; then
		aftercommit=$((aftercommit + 1)) class="killed after the commit"
	elif [ "$wal_after" -gt 0 ]; then
		midwrite=$((midwrite + 1)) class="killed mid-write"
	else
		before=$((before + 1)) class="killed before writing"
	fi
	echo "trial $i: $how: $class (WAL left: $wal_after bytes); checks ok"
	added=$((added + n_new))
	docs=$now
	rows=$rows_now
	head=$head_now
done

# The first documents still give their bytes.
rm -f "$TMP/got"
t doc get "$ref" "$small_id" "$TMP/got"
expect_rc 0 "doc get of the small document"
[ "$(sha "$TMP/got")" = "$(sha "$TMP/small.bin")" ] || fail "the small document's bytes changed"

note "$TRIALS trials: $midwrite killed mid-write (uncommitted WAL frames, rolled back), $before killed before writing, $aftercommit killed after the commit (document kept), $finished finished; $added documents added"
[ "$midwrite" -ge 10 ] || fail "only $midwrite of $TRIALS trials were killed in the middle of the write (expected at least 10): the test did not test what it should"
finish
