#!/usr/bin/env bash
# The decision with four eyes, from the workstation, in real terminals at
# 80x24, with two operating-system accounts (root and a system user made
# for the test, removed again at the end):
# - root writes the motivering in the walk (m, the editor), proposes the
#   suggested aanwijzen on the decision pane (P, the menu, default dates),
#   and is refused when it approves its own proposal (Y);
# - the second account approves it on its own screen (Y, a note);
# - root shows the aanwijzingsbesluit in the pager (L), is refused a
#   letter without its decision (I), issues the aanwijzingsbesluit (I),
#   prints it with a print command that fails (not recorded) and one that
#   works (recorded), writes its PDF to a file (F, path completion; not
#   over an existing file), and finds the walk locked;
# - `toets letter list` and `toets decision show` agree with the screens.
# Needs root (useradd, runuser), as CI has: fails otherwise, saying so.
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" -ne 0 ]; then
	fail "needs root, to make the second OS account that four eyes need (CI runs as root)"
	finish
fi
for c in useradd userdel runuser; do
	command -v "$c" >/dev/null || { fail "$c is missing (Debian packages passwd, util-linux)"; finish; }
done

# A name of its own per run: two runs at once never share (or remove) one.
user=toets-b-$$
made_user=0
if ! id -u "$user" >/dev/null 2>&1; then
	useradd -M -N -r "$user" || { fail "useradd $user failed"; finish; }
	made_user=1
fi
trap '[ "$made_user" = 1 ] && userdel "$user" 2>/dev/null; cleanup' EXIT

# The database in a directory of the second account; root reads and
# writes it anyway. Every toets ends (q, wait_exit) before the other
# account starts one, so that the -wal/-shm files are gone in between.
chmod 0711 "$TMP"
dir="$TMP/db"
mkdir "$dir"
db="$dir/besluit.db"
org="Coöperatie Ĳsselland Veiligheidsoverleg"
cat >"$TMP/mini.yaml" <<'EOF'
format: 1
id: mini
version: "2026.1-test"
title:
  nl: Klein kader voor de besluittest
  en: Small framework for the decision test
applies_to: [oktt]
legal_basis:
  - Wbni art. 3 lid 2 onder a
valid_from: 2026-01-01
criteria:
  - id: taak
    title:
      nl: Informeringstaak
      en: Informing task
    legal_basis: [Wbni art. 3 lid 2 onder a]
    mandatory: true
    questions:
      - id: statuten
        text:
          nl: Noemen de statuten het informeren over dreigingen als taak?
          en: Do the statutes name informing about threats as a task?
        type: choice
        required: true
        choices:
          - {id: ja, label: {nl: "Ja", en: "Yes"}, effect: pass}
          - {id: nee, label: {nl: "Nee", en: "No"}, effect: fail}
EOF
t() { "$TOETS" --db "$db" "$@"; }
ref=$(t dossier new --name "$org" --category oktt --kvk 12345678 \
	--address "Dijkweg 1, 8011 AA Zwolle" --representative "mr. J. de Vries") || { fail "dossier new"; finish; }
for s in ontvangen compleet in_toetsing; do
	t dossier status "$ref" "$s" >/dev/null || { fail "dossier status $s"; finish; }
done
t answer set "$ref" statuten ja --kader "$TMP/mini.yaml" >/dev/null || { fail "answer set"; finish; }
chown -R "$user" "$dir"
chmod 0700 "$dir"

# A print command: fails while $TMP/printer-off exists, else keeps the PDF.
cat >"$TMP/fake-lpr" <<EOF
#!/bin/sh
if [ -e "$TMP/printer-off" ]; then echo "fake-lpr: printer kantoor is offline" >&2; exit 1; fi
cat >"$TMP/printed.pdf"
EOF
chmod 0755 "$TMP/fake-lpr"
mkdir -p "$HOME/.config/toets" "$TMP/out"
printf 'set print-command "%s"\n' "$TMP/fake-lpr" >"$HOME/.config/toets/config"

quit_all() { # from the dossier screen or the walk back out, and the exit status
	local i
	for i in 1 2 3; do
		screen | grep -qF "[exit " && break
		keys q
		sleep 0.2
	done
	[ "$(wait_exit)" = 0 ] || fail "$1: toets did not end with 0"
	[ ! -e "$db-wal" ] || fail "$1: $db-wal is left behind"
}

# ---- root: the motivering in the walk -------------------------------------------------
start 80 24 "$TOETS" --db "$db"
wait_for "$ref" || finish
keys Enter
wait_for "toets  Dossier $ref" || finish
keys w
wait_for "Assessment $ref (mini" || finish
wait_for "no motivering (m writes it)"
wait_for "!: no motivering"
keys m
wait_for "Motivering of 1 Informing task" || finish
keys -l "Artikel 2 van de statuten noemt het informeren van de leden over dreigingen; één doelgroep."
keys F2
wait_for "Motivering stored." || finish
wait_for "één doelgroep."
screen | grep -qF "no motivering (m writes it)" && fail "'no motivering' stays after the motivering is stored"

# ---- root proposes on the decision pane ------------------------------------------------
keys q
wait_for "toets  Dossier $ref" || finish
for _ in 1 2 3 4; do keys Tab; done
wait_for "[Decision and letters]" || finish
wait_for "aanwijzen: every mandatory criterion voldoet" || finish
wait_for "no decision yet (P proposes one)"
keys P
wait_for "Propose for $ref:" || finish
wait_for "aanwijzen (suggested)"
keys Enter
wait_for "Effective date:" || finish
keys Enter
wait_for "Re-assessment date:" || finish
wait_for "empty: 3 years after the effective date"
keys Enter
wait_for "proposed: aanwijzen; another account approves it" || finish
wait_for "aanwijzen (voorgesteld)" || finish
wait_for "Waiting for another account than root"
wait_for "besluit voorgesteld"

# ---- root may not approve its own proposal --------------------------------------------
keys Y
wait_for "Approve the proposal to aanwijzen of $ref by root? (y/n)" || finish
keys y
wait_for "Note (optional):" || finish
keys -l "zelf goedgekeurd"
keys Enter
wait_for "you (root) proposed this decision: another assessor must approve it" || finish
wait_for "aanwijzen (voorgesteld)"
quit_all "root, proposing"
[ "$(t decision show "$ref" | head -n 1)" = "decision: aanwijzen (voorgesteld)" ] ||
	fail "after root's own approval: $(t decision show "$ref")"

# ---- the second account approves -------------------------------------------------------
start 80 24 runuser -u "$user" -- env HOME="$HOME" TERM="$TERM" LC_ALL="$LC_ALL" TZ=UTC "$TOETS" --db "$db"
wait_for "$ref" || finish
keys Enter
wait_for "toets  Dossier $ref" || finish
keys Y
wait_for "Approve the proposal to aanwijzen of $ref by root? (y/n)" || finish
keys y
wait_for "Note (optional):" || finish
keys -l "Akkoord; vier ogen gezien."
keys Enter
wait_for "approved: aanwijzen; $ref is now aangewezen" || finish
wait_for "aanwijzen (goedgekeurd)" || finish
wait_for "by $user"
wait_for "Akkoord; vier ogen gezien."
wait_for "locked since"
quit_all "$user, approving"

# ---- root: the letter ----------------------------------------------------------------------
start 80 24 "$TOETS" --db "$db"
wait_for "$ref" || finish
keys Enter
wait_for "toets  Dossier $ref" || finish
keys L
wait_for "Show which letter?" || finish
wait_for "aanwijzingsbesluit     concept"
keys Enter
wait_for "aanwijzingsbesluit, CONCEPT (not issued)" || finish
wait_for "CONCEPT: not issued yet; I issues it."
wait_for "Aanwijzingsbesluit"
wait_for "$org"
keys q
wait_for "[Decision and letters]" || finish

# A letter without its decision: core's refusal.
keys I
wait_for "Issue which letter?" || finish
keys 2
wait_for "Issue the verzoek om aanvulling of $ref? It is never made again. (y/n)" || finish
keys y
wait_for "has no decision to aanvulling vragen" || finish

# The aanwijzingsbesluit, issued.
keys I
wait_for "Issue which letter?" || finish
keys Enter
wait_for "Issue the aanwijzingsbesluit of $ref? It is never made again. (y/n)" || finish
keys y
wait_for "aanwijzingsbesluit issued, dated" || finish
wait_for "not printed yet" || finish
screen | grep -qE 'aanwijzingsbesluit +issued, dated [0-9-]+, on [0-9: -]+ by root' ||
	fail "the pane does not show the aanwijzingsbesluit issued by root"

# Printing: refused by the printer (not recorded), then printed (recorded).
: >"$TMP/printer-off"
keys p
wait_for "Print which letter?" || finish
keys Enter
wait_for "Print the aanwijzingsbesluit with '$TMP/fake-lpr'? (y/n)" || finish
keys y
wait_for "not recorded as printed: the print command" || finish
wait_for "printer kantoor is offline"
wait_for "not printed yet"
rm -f "$TMP/printer-off"
keys p
wait_for "Print which letter?" || finish
keys Enter
wait_for "Print the aanwijzingsbesluit with" || finish
keys y
wait_for "aanwijzingsbesluit sent to '$TMP/fake-lpr'" || finish
wait_for "printed 1 time" || finish
[ "$(head -c 5 "$TMP/printed.pdf" 2>/dev/null)" = "%PDF-" ] || fail "the print command did not get a PDF"

# The PDF to a file, the path completed with Tab; never over a file.
keys F
wait_for "The PDF of which letter?" || finish
keys Enter
wait_for "Write the PDF to:" || finish
keys C-u
keys -l "$TMP/ou"
keys Tab
wait_for "$TMP/out/" || finish
keys -l "besluit.pdf"
keys Enter
wait_for "aanwijzingsbesluit written to $TMP/out/besluit.pdf" || finish
[ "$(head -c 5 "$TMP/out/besluit.pdf")" = "%PDF-" ] || fail "the written file is not a PDF"
cmp -s "$TMP/out/besluit.pdf" "$TMP/printed.pdf" || fail "the written PDF is not the printed one"
[ "$(stat -c %a "$TMP/out/besluit.pdf")" = 600 ] || fail "the PDF is not 0600"
keys F
wait_for "The PDF of which letter?" || finish
keys Enter
wait_for "Write the PDF to:" || finish
keys C-u
keys -l "$TMP/out/besluit.pdf"
keys Enter
wait_for "exists" || finish
wait_for "Write the PDF to:" # the prompt again, for another name
keys Escape
wait_for "no PDF was written"

# The walk: locked, and an answer refused with core's words.
keys w
wait_for "Assessment $ref (mini 2026.1-test, locked" || finish
keys 2
wait_for "was locked by an approved decision on" || finish
quit_all "root, letters"

# ---- the command line agrees -------------------------------------------------------------------
list=$(t letter list "$ref") || fail "letter list"
printf '%s\n' "$list" | grep -qE '^aanwijzingsbesluit +[0-9-]+ +root +[0-9a-f]{16} 1$' ||
	fail "letter list: the aanwijzingsbesluit, issued by root, printed once: $list"
[ "$(printf '%s\n' "$list" | wc -l)" = 2 ] || fail "letter list: not one letter: $list"
show=$(t decision show "$ref") || fail "decision show"
printf '%s\n' "$show" | grep -qxF "decision: aanwijzen (goedgekeurd)" || fail "decision show: $show"
# (its lines wrap at 78 columns: read as one)
printf '%s\n' "$show" | tr -s '\n ' '  ' | grep -qE "approved by $user at [^ ]+: Akkoord; vier ogen gezien\." ||
	fail "decision show: not approved by $user with the note: $show"
t dossier show "$ref" | grep -qF aangewezen || fail "the dossier is not aangewezen"
t answer show "$ref" | grep -qF "één doelgroep." || fail "answer show: the motivering is not stored"
t audit verify >/dev/null || fail "audit verify"
finish
