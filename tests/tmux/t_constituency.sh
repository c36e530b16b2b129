#!/usr/bin/env bash
# The constituency of a dossier in a real terminal (80x24, NO_COLOR): an
# entry refused with the column at fault, the cursor put there; a file with
# an error on line 3 imported through the prompt (the path completed with
# Tab): its first error on the message line, the report in the pager,
# nothing stored; then a file that works: the pane lists its entries, and
# so does `toets constituency list`; the same after a resize to 120x40 and
# back; no colour anywhere.
. "$(dirname "$0")/lib.sh"
db="$TMP/k.db"
work="$TMP/work"
mkdir -p "$work"
ref=$("$TOETS" --db "$db" dossier new --name "Coöperatie Ĳsselland" --category oktt) || { fail "dossier new"; finish; }
other=$("$TOETS" --db "$db" dossier new --name "Stichting Buurnetwerk Ëmmen" --category isp) ||
	{ fail "dossier new"; finish; }
printf 'AS64496\n' | "$TOETS" --db "$db" constituency import "$other" - >/dev/null 2>&1 || fail "import $other"
printf 'AS64497\n203.0.113.0/24\nAS0\nexample.nl\n' > "$work/fout.txt"
cat > "$work/achterban-ijsselland.txt" <<'TXT'
# Achterban van de Coöperatie Ĳsselland
AS64496
192.0.2.0/24        # Zwolle en Kampen
2001:db8::/32
ijsselland.example  # website
TXT

cursor_x() { tm display-message -p -t t '#{cursor_x}' 2>/dev/null; }
size_is() { [ "$(tm display-message -p -t t '#{window_width}x#{window_height}' 2>/dev/null)" = "$1" ]; }
resize() {
	tm resize-window -t t -x "$1" -y "$2"
	local i=0
	while ! size_is "$1x$2" && [ "$i" -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
colour=$'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]'
no_colour() {
	if screen -e | grep -qE "$colour"; then
		fail "$1: a colour was set with NO_COLOR=1"
	fi
}

start 80 24 env NO_COLOR=1 "$TOETS" --db "$db"
wait_for "toets  Dossiers  1/2" || finish
keys Enter
wait_for "toets  Dossier $ref" || finish
keys C
wait_for "toets  Constituency of $ref" || finish
wait_for "No entries yet."
no_colour "the empty constituency"

# Refused with its column; the prompt again, the cursor on the ü.
keys a
wait_for "Add:" || finish
keys -l "www.bücher.nl"
keys Enter
wait_for "column 6: 'www.bücher.nl': \"www.bücher.nl\" is not ASCII" || finish
[ "$(cursor_x)" = 11 ] || fail "the cursor is not on the column at fault: x=$(cursor_x), want 11"
no_colour "the refusal"
keys Escape
wait_for "nothing was added" || finish

# A file with an error on line 3: nothing stored.
keys i
wait_for "Import the file:" || finish
keys -l "$work/fo"
keys Tab
wait_for "fout.txt" || finish
keys Enter
wait_for "Import into $ref:" || finish
keys 1
wait_for "toets  Import of fout.txt: nothing was stored" || finish
wait_for "fout.txt line 3, column 1: AS0 is reserved and never announced (RFC 7607)"
wait_for "nothing was stored; q closes the report"
screen | grep -qF "fout.txt:3:1: AS0 is reserved" || fail "the pager does not show the error of line 3"
no_colour "the import report"
out=$("$TOETS" --db "$db" constituency list "$ref")
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "a file with an error stored something: $out"
keys q
wait_for "No entries yet." || finish

# The file that works.
keys i
wait_for "Import the file:" || finish
keys C-u
keys -l "$work/ach"
keys Tab
wait_for "achterban-ijsselland.txt" || finish
keys Enter
wait_for "Import into $ref:" || finish
keys 1
wait_for "4 entries from achterban-ijsselland.txt: added 4, already there 0" || finish
wait_for "; 1 overlap"
keys q
wait_for "toets  Constituency of $ref  1/4" || finish
pane_ok() {
	local s
	s=$(screen)
	printf '%s\n' "$s" | grep -qE '^ +AS numbers 1  ·  IP prefixes 2  ·  domain names 1' || fail "$1: the counts"
	printf '%s\n' "$s" | grep -qE '^ +asn +AS64496( |$)' || fail "$1: AS64496"
	printf '%s\n' "$s" | grep -qE '^ +prefix +192\.0\.2\.0/24 +Zwolle en Kampen' || fail "$1: 192.0.2.0/24 with its note"
	printf '%s\n' "$s" | grep -qE '^ +prefix +2001:db8::/32( |$)' || fail "$1: 2001:db8::/32"
	printf '%s\n' "$s" | grep -qE '^ +domain +ijsselland\.example +website' || fail "$1: ijsselland.example"
	[ "$FAILED" = 0 ] || printf '%s\n' "$s" | sed 's/^/    | /'
}
pane_ok "80x24"
no_colour "the constituency"
out=$("$TOETS" --db "$db" constituency list "$ref")
want='KIND    ENTRY               NOTE
asn     AS64496
prefix  192.0.2.0/24        Zwolle en Kampen
prefix  2001:db8::/32
domain  ijsselland.example  website'
[ "$out" = "$want" ] || fail "toets constituency list: $out"

# Wider, and back.
resize 120 40
wait_for "ADDED" || finish
pane_ok "120x40"
resize 80 24
wait_gone "ADDED" || finish
wait_for "domain  ijsselland.example"
pane_ok "80x24 again"

# The overlap with the other dossier, in the pager.
keys o
wait_for "Overlaps of $ref with other dossiers (1)" || finish
wait_for "AS64496: claimed by $ref Coöperatie Ĳsselland and by $other Stichting"
keys q q q q
[ "$(wait_exit)" = 0 ] || fail "q did not end the workstation with 0"
finish
