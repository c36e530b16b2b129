#!/usr/bin/env bash
# Two workstations on one database, and a database another process holds,
# in real terminals:
# - two instances both work: a change made in one shows in the other when
#   it reads again (leaving and re-entering the dossier screen);
# - while an sqlite3 CLI holds BEGIN EXCLUSIVE, a write (a note in the
#   editor, an answer in the prompt) waits out the busy timeout (~5 s),
#   says the database is in use, and keeps what was typed: the editor or
#   the prompt opens again with the text; after the lock is released,
#   storing it again works, once.
. "$(dirname "$0")/lib.sh"
db="$TMP/l.db"
ref=$("$TOETS" --db "$db" dossier new --name "Stichting Gedeeld" --category oktt) || { fail "dossier new"; finish; }
"$TOETS" --db "$db" answer set "$ref" rechtsvorm stichting >/dev/null || fail "answer set rechtsvorm"

# ---- two terminals: A through lib.sh's start, B on a server of its own --------
# 160 columns: the status line cuts a message at the screen's width, and the
# busy message holds the database's path.
# lib.sh's helpers talk to the server in $SOCK: `on A` / `on B` points them.
start 160 40 "$TOETS" --db "$db"
SOCK_A=$SOCK
SOCK_B="$TMP/tmux.b.sock" # cleanup() ends every $TMP/tmux.*.sock server
printf -v cmd '%q ' "$TOETS" --db "$db"
tmux -S "$SOCK_B" -f /dev/null new-session -d -s t -x 160 -y 40 "$cmd; echo \"[exit \$?]\"; exec sleep 3600"
on() { if [ "$1" = A ]; then SOCK=$SOCK_A; else SOCK=$SOCK_B; fi; }

now_ms() { date +%s%3N; }

on A
wait_for "$ref" || finish
on B
wait_for "$ref" || finish
keys Enter
wait_for "toets  Dossier $ref" || finish
wait_for "none yet (N writes one)"

# A writes a note on the dossier (N, the editor, F2).
on A
keys Enter
wait_for "toets  Dossier $ref" || finish
keys N
wait_for "Note on $ref" || finish
keys -l "Notitie uit venster A: één aanvulling."
keys F2
wait_for "note stored" || finish
wait_for "Notitie uit venster A"

# B reads it when it comes back to the dossier screen.
on B
keys q
wait_for "toets  Dossiers" || finish
keys Enter
wait_for "toets  Dossier $ref" || finish
wait_for "Notitie uit venster A: één aanvulling." || finish

# B answers in the walk; A sees it when its walk is opened.
keys w
wait_for "toets  Assessment $ref" || finish
wait_for "Question 1.2"
keys 1
wait_for "answered by" || finish
on A
keys w
wait_for "toets  Assessment $ref" || finish
wait_for "Question 1.3" || finish # 1.1 and 1.2 answered: the first open one
keys k
wait_for "Question 1.2"
wait_for "(*) Yes, the details match" || finish

# B leaves: both worked.
on B
keys q
wait_for "toets  Dossier $ref"
keys q
wait_for "toets  Dossiers"
keys q
[ "$(wait_exit)" = 0 ] || fail "B: q did not end the workstation with 0"
tmux -S "$SOCK_B" kill-server 2>/dev/null

# ---- an sqlite3 CLI holds the write lock ----------------------------------------------
fifo="$TMP/holder.fifo"
holder_out="$TMP/holder.out"
mkfifo "$fifo"
: >"$holder_out"
sqlite3 "$db" <"$fifo" >"$holder_out" 2>&1 &
holder=$!
exec 9>"$fifo"
trap 'exec 9>&- 2>/dev/null; kill "$holder" 2>/dev/null; cleanup' EXIT
printf '%s\n' "BEGIN EXCLUSIVE; SELECT 'locked';" >&9
for ((i = 0; i < 200; i++)); do
	grep -qxF locked "$holder_out" && break
	sleep 0.05
done
grep -qxF locked "$holder_out" || { fail "the sqlite3 CLI did not take the lock: $(cat "$holder_out")"; finish; }

on A
# A note in the walk's editor: F2 waits, then the editor again, the text kept.
note="Geschreven terwijl de database bezet was: één regel."
keys t
wait_for "Note on 1.2 kvk-inschrijving" || finish
keys -l "$note"
wait_for "bezet was: één regel."
t0=$(now_ms)
keys F2
wait_for "in use by another process" 20 || finish
took=$(($(now_ms) - t0))
[ "$took" -ge 3500 ] && [ "$took" -le 15000 ] ||
	fail "the note's store failed after $took ms, not after the ~5 s busy timeout"
screen | tail -n 1 | grep -qF "is in use by another process" ||
	fail "the status line does not name the cause: $(screen | tail -n 1)"
wait_for "Note on 1.2 kvk-inschrijving  ($ref) (changed)" || finish
wait_for "$note"
"$TOETS" --db "$db" answer show "$ref" --json | grep -qF "bezet was" && fail "the note is stored while locked?"

# The text counts as changed: Esc asks before it goes; keep editing.
keys Escape
wait_for "Discard the changes?" || finish
keys 2 # Keep editing
wait_gone "Discard the changes?"
wait_for "$note"

# The lock goes: F2 again stores the note, once.
printf '%s\n' "ROLLBACK;" ".quit" >&9
exec 9>&-
for ((i = 0; i < 200; i++)); do
	kill -0 "$holder" 2>/dev/null || break
	sleep 0.05
done
kill -0 "$holder" 2>/dev/null && fail "the sqlite3 CLI did not end"
wait "$holder" 2>/dev/null
keys F2
wait_for "Note stored." 10 || finish
wait_for "$note"
json=$("$TOETS" --db "$db" answer show "$ref" --json)
printf '%s' "$json" | grep -qF "\"note\":\"$note\"" || fail "after the lock went, the note is not stored: $json"

# ---- the same for an answer typed in the prompt ------------------------------------------------
: >"$holder_out"
mkfifo "$fifo.2"
sqlite3 "$db" <"$fifo.2" >"$holder_out" 2>&1 &
holder=$!
exec 9>"$fifo.2"
printf '%s\n' "BEGIN EXCLUSIVE; SELECT 'locked';" >&9
for ((i = 0; i < 200; i++)); do
	grep -qxF locked "$holder_out" && break
	sleep 0.05
done
grep -qxF locked "$holder_out" || { fail "the sqlite3 CLI did not take the lock again"; finish; }
keys j
wait_for "Question 1.3" || finish
keys Enter
wait_for "Date (YYYY-MM-DD):" || finish
keys -l "2026-03-01"
t0=$(now_ms)
keys Enter
wait_for "in use by another process" 20 || finish
took=$(($(now_ms) - t0))
[ "$took" -ge 3500 ] && [ "$took" -le 15000 ] ||
	fail "the answer's store failed after $took ms, not after the ~5 s busy timeout"
wait_for "Date (YYYY-MM-DD): 2026-03-01" || finish # the prompt again, with the text
printf '%s\n' "ROLLBACK;" ".quit" >&9
exec 9>&-
for ((i = 0; i < 200; i++)); do
	kill -0 "$holder" 2>/dev/null || break
	sleep 0.05
done
wait "$holder" 2>/dev/null
keys Enter
wait_for "Answer: 2026-03-01" || finish
json=$("$TOETS" --db "$db" answer show "$ref" --json)
printf '%s' "$json" | grep -qF '"id":"kvk-datum","shown":true,"answer":{"choices":[],"value":"2026-03-01"' ||
	fail "after the lock went, the date is not stored: $json"
[ "$(printf '%s' "$json" | grep -oF "$note" | wc -l)" = 1 ] || fail "the note is stored more than once"
keys q
wait_for "toets  Dossier $ref"
keys q
wait_for "toets  Dossiers"
keys q
[ "$(wait_exit)" = 0 ] || fail "A: q did not end the workstation with 0"
out=$("$TOETS" --db "$db" db check 2>&1) || fail "db check at the end: $out"
finish
