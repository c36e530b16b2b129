#!/usr/bin/env bash
# The terminal itself: no terminal or a dumb one gives one clear line and
# exit 2, the terminal untouched; a small window shows "too small" and
# recovers; NO_COLOR leaves no colour codes; q restores the terminal.
. "$(dirname "$0")/lib.sh"
db="$TMP/t.db"
"$TOETS" --db "$db" dossier new --name "Coöperatie Ĳsselland" --category oktt >/dev/null

out=$("$TOETS" --db "$db" </dev/null 2>&1)
rc=$?
[ "$rc" = 2 ] || fail "toets </dev/null exited $rc, not 2"
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "toets </dev/null said more than one line: $out"
printf '%s' "$out" | grep -q "needs a terminal" || fail "toets </dev/null: $out"

start 80 24 env TERM=dumb "$TOETS" --db "$db"
[ "$(wait_exit)" = 2 ] || fail "TERM=dumb did not exit 2"
screen | grep -q "cannot move the cursor\|TERM is unset or dumb" || fail "TERM=dumb: no one-line error"

start 80 24 env TERM=no-such-terminal "$TOETS" --db "$db"
[ "$(wait_exit)" = 2 ] || fail "an unknown TERM did not exit 2"
screen | grep -q "is not known here" || fail "unknown TERM: no clear line"

# A window too small, enlarged, shrunk again: the screen follows.
start 80 24 "$TOETS" --db "$db"
wait_for "?:help"
tm resize-window -t t -x 60 -y 15
wait_for "Terminal too small: 60x15"
tm resize-window -t t -x 80 -y 24
wait_gone "Terminal too small"
wait_for "?:help"

# NO_COLOR: attributes but no colour: no SGR that sets a colour (30-38,
# 40-48, 90-97, 100-107) in the capture; 39/49 (default colour) are fine.
colour=$'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]'
start 80 24 env NO_COLOR=1 "$TOETS" --db "$db"
wait_for "?:help"
screen -e | grep -qE "$colour" && fail "NO_COLOR: colour codes on the screen"
screen -e | grep -qE $'\e\\[([0-9;]*;)?7[;m]' || fail "NO_COLOR: no reverse video for the bars"
start 80 24 "$TOETS" --db "$db"
wait_for "?:help"
screen -e | grep -qE "$colour" || fail "with colour allowed, no colour was used"

# q leaves, exit 0, and the terminal is back to normal (no alternate screen).
keys q
[ "$(wait_exit)" = 0 ] || fail "q did not exit 0"
[ "$(tm display-message -p -t t '#{alternate_on}' 2>/dev/null)" = 0 ] || fail "the alternate screen is still on"
finish
