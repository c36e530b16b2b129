#!/usr/bin/env bash
# The workstation ended while a note is being edited, in a real terminal:
# - kill -9 after typing, before F2: after a restart the answer stored just
#   before is there, the unstored note text is not, and `toets db check`
#   passes;
# - SIGHUP (the terminal closes: tmux kill-session): the editor's rescue
#   stores the note; the audit log verifies;
# - SIGTERM while changing that note: the change is stored likewise, and
#   the terminal is left as it was (no alternate screen).
. "$(dirname "$0")/lib.sh"
db="$TMP/k.db"
ref=$("$TOETS" --db "$db" dossier new --name "Stichting Noodstop" --category oktt) || { fail "dossier new"; finish; }

# The pid of toets in the pane (the pane's shell runs it as its child).
toets_pid() {
	local pane
	pane=$(tm display-message -p -t t '#{pane_pid}' 2>/dev/null) || return 1
	pgrep -P "$pane" -x toets
}
# gone PID: until the process has ended.
gone() {
	local i=0
	while kill -0 "$1" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 200 ] || { fail "toets ($1) did not end within 10 s"; return 1; }
		sleep 0.05
	done
}
json() { "$TOETS" --db "$db" answer show "$ref" --json; }
rechtsvorm() { json | grep -o '"id":"rechtsvorm","shown":true,"answer":{[^}]*}'; }
# The walk on question 1.1 of the dossier, from a fresh start.
open_walk() {
	start 80 24 "$TOETS" --db "$db"
	wait_for "$ref" || return 1
	keys Enter
	wait_for "toets  Dossier $ref" || return 1
	keys w
	wait_for "toets  Assessment $ref" || return 1
	keys g
	wait_for "Question 1.1" || return 1
}

# ---- kill -9 while editing -------------------------------------------------------
open_walk || finish
keys 2
wait_for "(*) Association (vereniging)" || finish
wait_for "answered by"
keys t
wait_for "Note on 1.1 rechtsvorm" || finish
unstored="Deze tekst is nog niet opgeslagen: één regel."
keys -l "$unstored"
wait_for "(changed)"
wait_for "nog niet opgeslagen"
pid=$(toets_pid) || { fail "no toets process in the pane"; finish; }
kill -KILL "$pid"
[ "$(wait_exit)" = 137 ] || fail "kill -9 did not end toets with 137"
rechtsvorm | grep -qF '"choices":["vereniging"]' || fail "after kill -9 the stored answer is not there: $(rechtsvorm)"
rechtsvorm | grep -qF '"note":null' || fail "after kill -9 a note is stored: $(rechtsvorm)"
json | grep -qF "nog niet opgeslagen" && fail "after kill -9 the unstored note text is in the database"
out=$("$TOETS" --db "$db" db check 2>&1) || fail "db check after kill -9: $out"
printf '%s\n' "$out" | grep -qF "integrity ok" || fail "db check after kill -9 does not say 'integrity ok': $out"
open_walk || finish
wait_for "(*) Association (vereniging)"
wait_for "none (t writes one)"
screen | grep -qF "nog niet opgeslagen" && fail "after kill -9 the restarted workstation shows the unstored text"

# ---- SIGHUP: the terminal closes while editing ---------------------------------
keys t
wait_for "Note on 1.1 rechtsvorm" || finish
hup="Gered bij SIGHUP: geëxtraheerd, één café."
keys -l "$hup"
wait_for "(changed)"
wait_for "één café."
pid=$(toets_pid) || { fail "no toets process in the pane"; finish; }
tm kill-session -t t
gone "$pid"
rechtsvorm | grep -qF "\"note\":\"$hup\"" || fail "SIGHUP: the note was not stored: $(rechtsvorm)"
rechtsvorm | grep -qF '"choices":["vereniging"]' || fail "SIGHUP: the answer changed: $(rechtsvorm)"
out=$("$TOETS" --db "$db" audit verify 2>&1) || fail "audit verify after SIGHUP: $out"
open_walk || finish
wait_for "$hup" || finish

# ---- SIGTERM while changing the note ------------------------------------------------
keys t
wait_for "Note on 1.1 rechtsvorm" || finish
wait_for "$hup"
keys C-a
keys -l "TERM: "
wait_for "(changed)"
wait_for "TERM: Gered bij SIGHUP"
pid=$(toets_pid) || { fail "no toets process in the pane"; finish; }
kill -TERM "$pid"
wait_exit >/dev/null
gone "$pid"
[ "$(tm display-message -p -t t '#{alternate_on}' 2>/dev/null)" = 0 ] ||
	fail "after SIGTERM the terminal is still on the alternate screen"
rechtsvorm | grep -qF "\"note\":\"TERM: $hup\"" || fail "SIGTERM: the changed note was not stored: $(rechtsvorm)"
out=$("$TOETS" --db "$db" audit verify 2>&1) || fail "audit verify after SIGTERM: $out"
out=$("$TOETS" --db "$db" db check 2>&1) || fail "db check at the end: $out"
open_walk || finish
wait_for "TERM: $hup"
keys q
wait_for "toets  Dossier $ref"
keys q
wait_for "toets  Dossiers"
keys q
[ "$(wait_exit)" = 0 ] || fail "q did not end the workstation with 0"
finish
