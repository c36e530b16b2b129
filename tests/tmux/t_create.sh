#!/usr/bin/env bash
# A new dossier through the form in a real terminal: Esc cancels without
# storing anything; the name with Dutch characters, the category from the
# menu, a wrong KvK number shows its reason beside the field and Save is
# refused; corrected, Save creates it: on its screen, in the list, in
# `toets dossier list`, and again after a restart.
. "$(dirname "$0")/lib.sh"
db="$TMP/c.db"
name="Coöperatie Ĳsselland"

start 100 30 "$TOETS" --db "$db"
wait_for "No dossiers yet. Press n to create one." || finish

# Esc on a form with a typed name: nothing is stored.
keys n
wait_for "toets  New dossier" || finish
wait_for "Nothing is stored until Save (F2)."
keys -l "Half ingevuld"
keys Enter
wait_for "> KvK number"
keys Escape
wait_for "new dossier cancelled: nothing was stored" || finish
wait_for "No dossiers yet."
[ -z "$("$TOETS" --db "$db" dossier list --json | grep -F reference)" ] ||
	fail "Esc on the new-dossier form stored something"

# The form again: name, a wrong KvK number, the category.
keys n
wait_for "toets  New dossier" || finish
wait_for "> Name *"
keys -l "$name"
wait_for "$name"
keys Enter
wait_for "> KvK number"
keys -l "1234567"
keys Enter
wait_for "> Legal form"
screen | grep -qE '^ !KvK number +1234567 +a KvK number has exactly' ||
	fail "the wrong KvK number has no reason beside it: $(screen | grep -F 'KvK number')"
keys Down Down Down Down
wait_for "> Category *"
keys Enter
wait_for "OKTT (objectief kenbaar tot taak) (oktt)" || finish
keys 1
wait_for "> Assessor"
wait_for "OKTT (objectief kenbaar"
keys F2
wait_for "not saved: correct the marked fields first (KvK number)" || finish
wait_for ">!KvK number" # the cursor goes to the field to correct
screen | grep -qF "a KvK number has exactly 8 digits" || fail "the reason went after the refused Save"
[ -z "$("$TOETS" --db "$db" dossier list --json | grep -F reference)" ] ||
	fail "a refused Save stored a dossier"

# Corrected: the reason goes as the field is right; Save creates it.
keys Enter C-u
keys -l "12345678"
wait_gone "a KvK number has exactly"
keys Enter
wait_for "> Legal form"
keys F2
wait_for "dossier 2026-0001 created" || finish
wait_for "toets  Dossier 2026-0001"
wait_for "2026-0001  $name"
screen | grep -qE '^ +KvK number +12345678' || fail "the dossier screen does not show the KvK number"
screen | grep -qE '^ +Category +OKTT \(objectief kenbaar tot taak\) \(oktt\)' ||
	fail "the dossier screen does not show the category"
keys q
wait_for "toets  Dossiers  1/1" || finish
screen | grep -qE "^2026-0001 +$name +oktt +aangemeld" ||
	fail "the list does not show the new dossier: $(screen | grep -F 2026-0001)"
keys q
[ "$(wait_exit)" = 0 ] || fail "q did not end the workstation with 0"

# The command line sees it.
out=$("$TOETS" --db "$db" dossier list)
printf '%s\n' "$out" | grep -qE "^2026-0001 +$name +oktt +aangemeld" || fail "toets dossier list: $out"
json=$("$TOETS" --db "$db" dossier list --json)
printf '%s' "$json" | grep -qF "\"reference\":\"2026-0001\",\"organisation\":\"$name\",\"kvk\":\"12345678\",\"category\":\"oktt\"" ||
	fail "toets dossier list --json: $json"
[ "$(printf '%s' "$json" | grep -o '"reference"' | wc -l)" = 1 ] || fail "not one dossier: $json"

# Reopened: in the list and on its screen.
start 100 30 "$TOETS" --db "$db"
wait_for "toets  Dossiers  1/1" || finish
screen | grep -qE "^2026-0001 +$name +oktt" || fail "after a restart the list does not show it"
keys Enter
wait_for "toets  Dossier 2026-0001" || finish
wait_for "2026-0001  $name"
wait_for "12345678"
keys q
wait_for "toets  Dossiers"
keys q
[ "$(wait_exit)" = 0 ] || fail "q did not end the reopened workstation with 0"
finish
