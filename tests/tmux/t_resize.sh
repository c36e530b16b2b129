#!/usr/bin/env bash
# Resizing in a real terminal, on the list, the dossier screen, the walk
# and in the note editor with typed text: 80x24 -> 60x15 ("too small") ->
# 80x24 shows the very same screen (and cursor); 120x40 shows the same
# content laid out wider; back at 80x24 it is the same screen again.
# Nothing typed is lost: the note is stored with F2 afterwards.
. "$(dirname "$0")/lib.sh"
db="$TMP/r.db"
for n in "Stichting Alfa" "Vereniging Bèta" "Coöperatie Ĳsselland" "Stichting Delta" "Stichting Echo"; do
	"$TOETS" --db "$db" dossier new --name "$n" --category oktt --received 2026-11-01 >/dev/null ||
		fail "dossier new $n"
done
ref=2026-0003
"$TOETS" --db "$db" answer set "$ref" rechtsvorm stichting >/dev/null || fail "answer set rechtsvorm"
"$TOETS" --db "$db" answer set "$ref" kvk-inschrijving ja >/dev/null || fail "answer set kvk-inschrijving"

# The screen without the blanks at the ends of its lines (where curses
# left spaces and where it cleared differs from draw to draw).
plain() { screen | sed 's/[[:space:]]*$//'; }
cursor() { tm display-message -p -t t '#{cursor_x},#{cursor_y}' 2>/dev/null; }
size_is() { [ "$(tm display-message -p -t t '#{window_width}x#{window_height}' 2>/dev/null)" = "$1" ]; }
resize() {
	tm resize-window -t t -x "$1" -y "$2"
	local i=0
	while ! size_is "$1x$2" && [ "$i" -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
# same_as SNAPSHOT WHAT: until the screen is the snapshot again.
same_as() {
	local want=$1 what=$2 i=0
	while [ "$i" -lt 200 ]; do
		[ "$(plain)" = "$want" ] && return 0
		i=$((i + 1))
		sleep 0.05
	done
	fail "$what: the screen is not the same as before; diff before -> now:"
	diff <(printf '%s\n' "$want") <(plain) | sed 's/^/    | /'
	return 1
}
# wait_re REGEX: until a line of the screen matches (grep -E).
wait_re() {
	local i=0
	while [ "$i" -lt 200 ]; do
		plain | grep -qE -- "$1" && return 0
		i=$((i + 1))
		sleep 0.05
	done
	fail "no line of the screen matches '$1'; it shows:"
	screen | sed 's/^/    | /'
	return 1
}
# round WHAT KEYLINE...: at 80x24 now; too small and back; 120x40, where
# every KEYLINE shows (a text, or a regex when it starts with ^; at least
# one of them a line only the wider layout has); back to 80x24.
round() {
	local what=$1 snap cur line
	shift
	snap=$(plain)
	cur=$(cursor)
	resize 60 15
	wait_for "Terminal too small: 60x15; toets needs at least 80x24." || return 1
	wait_for "nothing is lost meanwhile"
	resize 80 24
	wait_gone "Terminal too small"
	same_as "$snap" "$what, 60x15 -> 80x24" || return 1
	[ "$(cursor)" = "$cur" ] || fail "$what, 60x15 -> 80x24: the cursor is at $(cursor), not $cur"
	resize 120 40
	for line in "$@"; do
		case $line in
		^*) wait_re "$line" || return 1 ;;
		*) wait_for "$line" || return 1 ;;
		esac
	done
	resize 80 24
	same_as "$snap" "$what, 120x40 -> 80x24" || return 1
	[ "$(cursor)" = "$cur" ] || fail "$what, 120x40 -> 80x24: the cursor is at $(cursor), not $cur"
}

start 80 24 "$TOETS" --db "$db"
wait_for "toets  Dossiers  1/5" || finish

# ---- the list, the third dossier selected -----------------------------------
keys j j
wait_for "toets  Dossiers  3/5" || finish
round "the list" "toets  Dossiers  3/5" "^2026-0003 Coöperatie Ĳsselland +oktt +aangemeld" \
	"2026-0005 Stichting Echo " "Enter:open  n:new" || finish

# ---- the dossier screen, on its assessment pane ------------------------------
keys Enter
wait_for "toets  Dossier $ref" || finish
keys Tab Tab
wait_for "[Assessment]" || finish
wait_for "Legal person, board and reachability"
round "the dossier screen" "toets  Dossier $ref" "[Assessment]" "$ref  Coöperatie Ĳsselland" \
	"^  2\* Objectively recognisable informing task +niet beoordeeld +0/3" "Reciprocity" "w/Enter:walk" ||
	finish

# ---- the walk, on question 1.2 -------------------------------------------------
keys w
wait_for "toets  Assessment $ref (oktt" || finish
wait_for "Question 1.3"
keys k
wait_for "Question 1.2 (2 of" || finish
round "the walk" "Assessment $ref (oktt 2026.1)  Coöperatie Ĳsselland" "Question 1.2 (2 of" \
	"(*) Yes, the details match" "^>1 Legal person, board and reachability +│" "8 Reciprocity" || finish

# ---- the note editor with typed text ----------------------------------------------
line1="Het uittreksel van de Kamer van Koophandel noemt één bestuurder; de statuten (artikel 2) noemen er twéé, en de Ĳsselmeer-afdeling ontbreekt."
line2="Tweede regel: 日本語 and e"$'\xcc\x81'" (é) blijven heel."
keys t
wait_for "Note on 1.2 kvk-inschrijving" || finish
keys -l "$line1"
keys Enter
keys -l "$line2"
wait_for "blijven heel." || finish
wait_for "(changed)"
wait_for "line 3/3"
round "the note editor" "Note on 1.2 kvk-inschrijving  ($ref) (changed)" \
	"^ Ĳsselmeer-afdeling ontbreekt\.$" "^ Tweede regel: 日本語 and .+ blijven heel\.$" "line 3/3" || finish
# 60x15 again, and keys while it is too small change nothing.
snap=$(plain)
resize 60 15
wait_for "Terminal too small: 60x15"
keys x y z
resize 80 24
wait_gone "Terminal too small"
same_as "$snap" "the note editor after keys on the too-small screen"
keys F2
wait_for "Note stored." || finish
keys q
wait_for "toets  Dossier $ref"
keys q
wait_for "toets  Dossiers"
keys q
[ "$(wait_exit)" = 0 ] || fail "q did not end the workstation with 0"
json=$("$TOETS" --db "$db" answer show "$ref" --json)
printf '%s' "$json" | grep -qF "\"note\":\"$line1\\n$line2\"" ||
	fail "the note typed before the resizes is not stored whole: $(printf '%s' "$json" | grep -o '"note":"[^"]*"')"
finish
