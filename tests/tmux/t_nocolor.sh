#!/usr/bin/env bash
# NO_COLOR on the dossier screen and in the walk, in a real terminal: with
# NO_COLOR=1 the screen (capture-pane -e) holds no SGR that sets a colour,
# but reverse video, bold and underline carry the styles (bars, selection,
# headers, verdicts, the error line); without NO_COLOR, or with it empty,
# colour is used.
. "$(dirname "$0")/lib.sh"
db="$TMP/n.db"
ref=$("$TOETS" --db "$db" dossier new --name "Stichting Kleurloos" --category oktt --received 2026-11-01) ||
	{ fail "dossier new"; finish; }
"$TOETS" --db "$db" answer set "$ref" rechtsvorm stichting >/dev/null || fail "answer set rechtsvorm"
"$TOETS" --db "$db" answer set "$ref" kvk-inschrijving afwijkend >/dev/null || fail "answer set kvk-inschrijving"
"$TOETS" --db "$db" answer verdict "$ref" doelgroep "voldoet niet" --reason "Geen doelgroep." >/dev/null ||
	fail "answer verdict"

# An SGR that sets a colour (30-38, 40-48, 90-97, 100-107); 39/49 (the
# default colour) are fine. The same expression as t_terminal.sh.
colour=$'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]'
sgr() { printf '\e\\[([0-9;]*;)?%s[;m]' "$1"; } # an SGR that turns attribute $1 on
# The screen with its escapes, once drawn whole (two captures agree).
escapes() {
	local a b i=0
	a=$(screen -e)
	while [ "$i" -lt 100 ]; do
		sleep 0.05
		b=$(screen -e)
		[ "$a" = "$b" ] && break
		a=$b
		i=$((i + 1))
	done
	printf '%s\n' "$b"
}

# check MODE WHAT ATTR...: the screen's escapes for MODE (nocolor: no colour,
# every ATTR used; colour: colour used).
check() {
	local mode=$1 what=$2 a
	shift 2
	local s
	s=$(escapes)
	if [ "$mode" = nocolor ]; then
		if printf '%s' "$s" | grep -qE "$colour"; then
			fail "NO_COLOR, $what: colour codes on the screen:"
			printf '%s' "$s" | grep -oE "$colour" | sort | uniq -c | sed 's/^/    | /' | cat -v
		fi
		for a in "$@"; do
			printf '%s' "$s" | grep -qE "$(sgr "$a")" || fail "NO_COLOR, $what: SGR $a is not used"
		done
	else
		printf '%s' "$s" | grep -qE "$colour" || fail "$what: colour allowed ($mode), but none used"
	fi
}

# run MODE ENV...: the dossier screen (overview, assessment pane), the walk
# and an error on the status line, each checked.
run() {
	local mode=$1
	shift
	start 80 24 env "$@" "$TOETS" --db "$db"
	wait_for "$ref" || return 1
	check "$mode" "the list" 7
	keys Enter
	wait_for "toets  Dossier $ref" || return 1
	wait_for "Organisation"
	check "$mode" "the dossier overview" 7 1
	keys Tab Tab
	wait_for "[Assessment]" || return 1
	wait_for "(set): the assessor overrode"
	check "$mode" "the assessment pane" 7 1
	keys w
	wait_for "toets  Assessment $ref" || return 1
	keys g
	wait_for "Question 1.1" || return 1
	wait_for "[nader onderzoek]"
	check "$mode" "the walk" 7 1 4
	keys l l
	wait_for ">3 Target group"
	wait_for "voldoet niet*"
	check "$mode" "the walk on an overridden criterion" 7 1
	keys t # no answer yet: an error on the status line
	wait_for "answer the question first" || return 1
	check "$mode" "the walk with an error" 7 1
	keys V
	wait_for "Verdict on 3" || return 1
	check "$mode" "the verdict menu" 7 1
	keys Escape
	wait_gone "Verdict on 3"
	keys q
	wait_for "toets  Dossier $ref"
	keys q
	wait_for "toets  Dossiers"
	keys q
	[ "$(wait_exit)" = 0 ] || fail "q did not end the workstation with 0 ($mode)"
}

run nocolor NO_COLOR=1
run colour TOETS_DB="$db" # NO_COLOR unset (lib.sh unsets it)
run colour NO_COLOR= # empty: colour stays on
finish
