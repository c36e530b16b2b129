#!/usr/bin/env bash
# A complete OKTT assessment in a real terminal: list -> dossier -> w, every
# question shown answered (choices by their digit, text, date and number
# through the prompt), evidence linked once, a note written in the editor
# and stored with F2, one criterion's verdict overridden with a reason;
# quit, reopen: the answers, the override with its reason and the note are
# there, on the screen and in `toets answer show --json`.
. "$(dirname "$0")/lib.sh"
db="$TMP/w.db"
org="Stichting Ĳsselmeer Veiligheidsoverleg"
ref=$("$TOETS" --db "$db" dossier new --name "$org" --category oktt --kvk 12345678) ||
	{ fail "dossier new"; finish; }
printf 'Artikel 2: de stichting informeert haar deelnemers.\n' >"$TMP/statuten.txt"
"$TOETS" --db "$db" doc add "$ref" "$TMP/statuten.txt" --kind statuten --title "Statuten 2019" >/dev/null ||
	fail "doc add"

text_answer="Zie artikel 2 van de statuten: ‘informeren van deelnemers’ — één doelgroep."
note1="Statuten van 3 maart 2019; notaris mr. Ĳzerman."
note2="Tweede regel — geëxtraheerd, één café, naïef."
reason="Bestuur wisselt per 1 april; nader onderzoek naar de tekenbevoegdheid nodig."

# The question on a screen (default: the one now): its id, the last word
# of "Question 1.2 (2 of 6 shown)  id".
question() {
	printf '%s\n' "${1-$(screen)}" |
		grep -oE 'Question [0-9]+\.[0-9]+ \([0-9]+ of [0-9]+ shown\) +[A-Za-z0-9_-]+' |
		head -n 1 | awk '{print $NF}'
}
# Its kind: one choice, several choices, text, date or number.
kind() {
	printf '%s\n' "$1" | grep -oE '│ (one choice|several choices|text|date|number), ' | head -n 1 |
		sed 's/^│ //; s/, $//'
}
# The screen once it is drawn whole: two captures 50 ms apart agree.
settled() {
	local a b i=0
	a=$(screen)
	while [ "$i" -lt 100 ]; do
		sleep 0.05
		b=$(screen)
		[ "$a" = "$b" ] && break
		a=$b
		i=$((i + 1))
	done
	printf '%s\n' "$b"
}
# until DESC SECONDS CMD...: polls CMD until it succeeds.
until_ok() {
	local desc=$1 limit=$2 i=0
	shift 2
	while [ "$i" -lt $((limit * 20)) ]; do
		"$@" && return 0
		i=$((i + 1))
		sleep 0.05
	done
	fail "$desc (within $limit s); the screen:"
	screen | sed 's/^/    | /'
	return 1
}
moved_from() { # the question is another one, or every question is answered
	local q
	q=$(question)
	[ -n "$q" ] && [ "$q" != "$1" ] && return 0
	screen | grep -qF "Every question shown is answered."
}

start 100 36 "$TOETS" --db "$db"
wait_for "$ref" || finish
keys Enter
wait_for "Dossier $ref" || finish
wait_for "w:walk"
keys w
wait_for "Assessment $ref (oktt" || finish
wait_for "not started"
wait_for "Question 1.1 (1 of"

# ---- the walk: every question shown -------------------------------------------
seen=" "
steps=0
linked=0
while :; do
	steps=$((steps + 1))
	[ "$steps" -le 80 ] || { fail "more than 80 questions: the walk does not end"; break; }
	s=$(settled)
	q=$(question "$s")
	[ -n "$q" ] || { fail "no question on the screen"; screen | sed 's/^/    | /'; break; }
	case $seen in *" $q "*) fail "question $q came again"; break ;; esac
	seen="$seen$q "
	k=$(kind "$s")
	case $k in
	"one choice" | "several choices")
		keys 1
		wait_for "answered by" || break
		;;
	date)
		keys Enter
		wait_for "Date (YYYY-MM-DD):" || break
		keys -l "2026-01-15"
		keys Enter
		wait_for "Answer: 2026-01-15" || break
		;;
	number)
		keys Enter
		wait_for "Number:" || break
		keys -l "42"
		keys Enter
		wait_for "Answer: 42" || break
		;;
	text)
		keys Enter
		wait_for "Answer:" || break
		keys -l "$text_answer"
		keys Enter
		wait_for "answered by" || break
		;;
	*)
		fail "question $q: unknown kind '$k'"
		screen | sed 's/^/    | /'
		break
		;;
	esac
	if [ "$linked" = 0 ]; then
		# Evidence for the first answer: the document and where in it.
		keys E
		wait_for "Evidence: which document?" || break
		keys 1
		wait_for "Where in the document" || break
		keys -l "art. 2 lid 1"
		keys Enter
		wait_for "Evidence linked." || break
		linked=1
	fi
	keys u
	until_ok "u did not move on from $q" 10 moved_from "$q" || break
	screen | grep -qF "Every question shown is answered." && break
done
n=$(echo $seen | wc -w)
[ "$n" -ge 30 ] || fail "only $n questions were answered: $seen"

# Every required question answered: "Criteria  N/N" and N/N per criterion.
crit_head=$(screen | grep -oE 'Criteria +[0-9]+/[0-9]+' | head -n 1)
set -- $(echo "$crit_head" | tr '/' ' ')
[ $# = 3 ] && [ "$2" = "$3" ] && [ "$2" -gt 0 ] || fail "not every required question is answered: '$crit_head'"
verdicts() { # "answered/required verdict" per criterion in the left pane
	screen | sed -n 's/^  \([0-9]*\/[0-9]*\) *\([a-z][a-z *]*[a-z*]\) *│.*/\1 \2/p'
}
v=$(verdicts)
[ "$(printf '%s\n' "$v" | wc -l)" = 8 ] || fail "the left pane does not show 8 criteria: $v"
printf '%s\n' "$v" | while read -r counts verdict; do
	[ "${counts%/*}" = "${counts#*/}" ] || echo "FAIL: a criterion is not complete: $counts $verdict"
	[ "$verdict" = voldoet ] || echo "FAIL: a criterion does not pass with first choices: $counts $verdict"
done | grep . && FAILED=1

# ---- a note on 1.1, with the editor ----------------------------------------------
for _ in 1 2 3 4 5 6 7 8; do keys h; done
wait_for ">1 Legal person"
keys g
wait_for "Question 1.1 (1 of"
keys t
wait_for "Note on 1.1 rechtsvorm" || finish
keys -l "$note1"
keys Enter
keys -l "$note2"
wait_for "(changed)"
wait_for "naïef."
keys F2
wait_for "Note stored." || finish
wait_for "mr. Ĳzerman."

# ---- override criterion 1: V, the menu, a reason ------------------------------
keys V
wait_for "Verdict on 1 Legal person" || finish
keys 3
wait_for "Reason (required):" || finish
keys -l "$reason"
keys Enter
wait_for "Verdict set: nader onderzoek." || finish
wait_for "nader onderzoek* (overridden by"

# ---- quit: walk -> dossier -> list -> exit -------------------------------------------
keys q
wait_for "toets  Dossier $ref"
keys q
wait_for "toets  Dossiers"
keys q
[ "$(wait_exit)" = 0 ] || fail "q did not end the workstation with 0"

# ---- reopen: everything is there ----------------------------------------------------
start 100 36 "$TOETS" --db "$db"
wait_for "$ref" || finish
keys Enter
wait_for "Dossier $ref" || finish
keys Tab
keys Tab
wait_for "(set): the assessor overrode the computed verdict." || finish
keys w
wait_for "Assessment $ref (oktt 2026" || finish
screen | grep -qF "not started" && fail "reopened: the assessment is 'not started'"
for _ in 1 2 3 4 5 6 7 8; do keys h; done
wait_for ">1 Legal person"
keys g
wait_for "Question 1.1 (1 of"
wait_for "nader onderzoek* (overridden by"
wait_for "Reason: Bestuur wisselt per 1 april"
wait_for "(*) Foundation (stichting)"
wait_for "mr. Ĳzerman."
wait_for "naïef."
wait_for "Statuten 2019 (art. 2 lid 1)"
[ "$(verdicts | head -n 1 | cut -d ' ' -f 2-)" = "nader onderzoek*" ] ||
	fail "reopened: criterion 1 does not show 'nader onderzoek*': $(verdicts | head -n 1)"
[ "$(screen | grep -oE 'Criteria +[0-9]+/[0-9]+' | head -n 1)" = "$crit_head" ] ||
	fail "reopened: the progress is not '$crit_head'"
# The answers of criterion 1 one by one (j): each answered.
for _ in 1 2; do
	keys j
done
wait_for "Question 1.3"
wait_for "Answer: 2026-01-15"
keys q
wait_for "toets  Dossier $ref"
keys q
wait_for "toets  Dossiers"
keys q
[ "$(wait_exit)" = 0 ] || fail "q did not end the reopened workstation with 0"

# ---- the CLI sees the same ----------------------------------------------------------------
json=$("$TOETS" --db "$db" answer show "$ref" --json) || fail "answer show --json failed"
printf '%s' "$json" | grep -qF '"shown":true,"answer":null' &&
	fail "answer show: a shown question has no answer: $json"
stored=$(printf '%s' "$json" | grep -oF '"shown":true,"answer":{' | wc -l)
[ "$stored" = "$n" ] || fail "answer show: $stored answers stored, $n answered on the screen"
printf '%s' "$json" | grep -qF '"id":"rechtsvorm","shown":true,"answer":{"choices":["stichting"]' ||
	fail "answer show: 1.1 is not 'stichting'"
printf '%s' "$json" | grep -qF '"value":"2026-01-15"' || fail "answer show: no date answer"
printf '%s' "$json" | grep -qF "\"value\":\"$text_answer\"" || fail "answer show: no text answer"
printf '%s' "$json" | grep -qF "\"note\":\"$note1\\n$note2\"" || fail "answer show: the note is not stored: $json"
printf '%s' "$json" | grep -qF '"location":"art. 2 lid 1"' || fail "answer show: the evidence is not stored"
printf '%s' "$json" | grep -qE '"id":"rechtspersoon","mandatory":true,"verdict":"nader onderzoek","computed":"voldoet","override":\{[^}]*"reason":"'"$reason"'"' ||
	fail "answer show: the override is not stored: $(printf '%s' "$json" | grep -o '"id":"rechtspersoon".\{0,300\}')"
[ "$(printf '%s' "$json" | grep -oF '"override":{' | wc -l)" = 1 ] || fail "answer show: not one override"
"$TOETS" --db "$db" audit verify >/dev/null || fail "audit verify after the walk"
finish
