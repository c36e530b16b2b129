#!/usr/bin/env bash
# A closing terminal never completes a decision: SIGTERM or SIGHUP while
# the reason of a status move is being typed leaves the status as it was
# (a plain text answer typed in its prompt is kept: see t_kill.sh).
. "$(dirname "$0")/lib.sh"
db="$TMP/d.db"
ref=$("$TOETS" --db "$db" dossier new --name "Stichting Besluit" --category oktt)
for step in ontvangen compleet in_toetsing besluit_voorgesteld; do
	"$TOETS" --db "$db" dossier status "$ref" "$step" >/dev/null || fail "setup: $step"
done

for sig in TERM HUP; do
	start 80 24 "$TOETS" --db "$db"
	wait_for "$ref" || finish
	keys Enter
	wait_for "besluit voorgesteld" || finish
	keys S
	wait_for "afgewezen" || finish
	# the menu lists the allowed statuses; choose afgewezen by its line
	n=$(screen | grep -E '^ *[0-9]  ' | grep -n 'afgewezen' | head -n 1 | cut -d: -f1)
	keys "$n"
	wait_for "eason" || finish
	keys "Nog niet beslist"
	wait_for "Nog niet beslist" || finish
	pid=$(pgrep -n -x toets)
	[ -n "$pid" ] || fail "no toets process found"
	kill -"$sig" "$pid"
	wait_exit >/dev/null
	st=$("$TOETS" --db "$db" dossier status "$ref")
	case "$st" in
	*"besluit voorgesteld"*) ;;
	*) fail "SIG$sig during the reason of a status move changed the status: $st" ;;
	esac
done
"$TOETS" --db "$db" audit verify >/dev/null || fail "the audit log does not verify"
finish
