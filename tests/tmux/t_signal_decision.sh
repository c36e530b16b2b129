#!/usr/bin/env bash
# A closing terminal never completes a decision: SIGTERM or SIGHUP while
# the reason of a status move is being typed leaves the status as it was
# (a plain text answer typed in its prompt is kept: see t_kill.sh). The
# move is a withdrawal from "in toetsing" (a reason is needed); the moves
# of a decision (proposal, approval) are not in the menu at all.
. "$(dirname "$0")/lib.sh"
db="$TMP/d.db"
ref=$("$TOETS" --db "$db" dossier new --name "Stichting Besluit" --category oktt)
for step in ontvangen compleet in_toetsing; do
	"$TOETS" --db "$db" dossier status "$ref" "$step" >/dev/null || fail "setup: $step"
done

for sig in TERM HUP; do
	start 80 24 "$TOETS" --db "$db"
	wait_for "$ref" || finish
	keys Enter
	wait_for "in toetsing" || finish
	keys S
	wait_for "ingetrokken" || finish
	menu=$(screen | grep -E '^ *[0-9]  ')
	case "$menu" in
	*"besluit voorgesteld"* | *aangewezen* | *afgewezen*) fail "the status menu offers a decision's move: $menu" ;;
	esac
	# the menu lists the allowed statuses; choose ingetrokken by its line
	n=$(printf '%s\n' "$menu" | grep -n 'ingetrokken' | head -n 1 | cut -d: -f1)
	keys "$n"
	wait_for "eason" || finish
	keys "Nog niet besloten"
	wait_for "Nog niet besloten" || finish
	# the toets of this pane (its shell's child), never another one
	pane=$(tm display-message -p -t t '#{pane_pid}')
	pid=$(pgrep -P "$pane" -x toets)
	[ -n "$pid" ] || { fail "no toets process found in the pane"; finish; }
	kill -"$sig" "$pid"
	wait_exit >/dev/null
	st=$("$TOETS" --db "$db" dossier status "$ref")
	case "$st" in
	*"in toetsing"*) ;;
	*) fail "SIG$sig during the reason of a status move changed the status: $st" ;;
	esac
done
"$TOETS" --db "$db" audit verify >/dev/null || fail "the audit log does not verify"
finish
