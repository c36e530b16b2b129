#!/usr/bin/env bash
# Letters, end to end, against the real program:
#  1. a dossier for "Coöperatie Ĳsselland" whose texts hold ë, ï, é and €,
#     and a motivering full of CommonMark syntax, {{placeholders}},
#     backslashes and $(...); control characters, which toets refuses at
#     input, put in the database by sqlite3;
#  2. a besluit is not proposed while a mandatory criterion lacks its
#     motivering or its required evidence, and its letter is not issued
#     before approval; each refusal names what is missing;
#  3. proposed by a second OS account (made here with useradd: four eyes
#     need two accounts; root ignores file modes, so root approves the
#     file the second account owns), approved by root, issued;
#  4. the letter's text shows every value literally and nothing ran;
#     pdftotext gives the Dutch text back exactly, pdffonts shows every
#     font embedded, the page is A4;
#  5. an issued letter is never made again, even after the dossier changed;
#  6. printing: a stub print command receives bytes that begin with %PDF-
#     and the print is recorded; a failing stub leaves it unprinted and the
#     error names the command and what it said;
#  7. a long designation summary runs onto several pages, every word inside
#     the margins;
#  8. the register lists the designation as text and CSV.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

for tool in pdftotext pdffonts pdfinfo; do
	command -v "$tool" >/dev/null || fail "$tool is missing (Debian package poppler-utils; 'make deps' installs it)"
done
[ "$(id -u)" -eq 0 ] || fail "needs root, to make the second OS account that four eyes need (CI runs as root)"
user=toets-test-b
if ! id -u "$user" >/dev/null 2>&1; then
	useradd -M -N -r "$user" || fail "useradd $user failed"
	note "created the system user $user"
fi
uid=$(id -u "$user") gid=$(id -g "$user")
as_b=(setpriv --reuid="$uid" --regid="$gid" --clear-groups)

dir=$TMP/b
mkdir "$dir"
chmod 0711 "$TMP"
chown "$uid:$gid" "$dir"
db=$dir/toets.db
export TOETS_DB=$db

# b ARGS...: toets as the second account.
b() {
	timeout -s KILL 60 "${as_b[@]}" env HOME="$dir" "$TOETS" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	[ "$rc" -ne 137 ] || fail "toets $* as $user did not finish within 60 s"
}
bok() {
	local what=$1
	shift
	b "$@"
	[ "$rc" -eq 0 ] || fail "$what: toets $* as $user failed: $(last)"
}

# ---- 1. the dossier, assessed by the second account -----------------------------
cat >"$dir/kader.yaml" <<'EOF'
format: 1
id: klein
version: "1"
title: {nl: Klein kader, en: Small framework}
applies_to: [oktt]
legal_basis: [Wbni art. 3 lid 2 onder a]
valid_from: 2022-12-01
criteria:
  - id: taak
    title: {nl: Informeringstaak, en: Informing task}
    legal_basis: [Wbni art. 3]
    mandatory: true
    questions:
      - id: statuten
        text: {nl: Leggen de statuten de taak vast?, en: Do the statutes fix the task?}
        type: choice
        required: true
        evidence: required
        choices:
          - {id: ja, label: {nl: Ja, en: "Yes"}, effect: pass}
          - {id: nee, label: {nl: Nee, en: "No"}, effect: fail}
  - id: tlp
    title: {nl: TLP, en: TLP}
    legal_basis: [Wbni art. 20]
    mandatory: true
    questions:
      - id: procedure
        text: {nl: Is er een TLP-procedure?, en: Is there a TLP procedure?}
        type: choice
        required: true
        choices:
          - {id: ja, label: {nl: Ja, en: "Yes"}, effect: pass}
          - {id: nee, label: {nl: Nee, en: "No"}, effect: fail}
EOF
printf 'Statuten van de coöperatie\n' >"$dir/statuten.txt"
chown "$uid:$gid" "$dir/kader.yaml" "$dir/statuten.txt"
name="Coöperatie Ĳsselland"
address="Ĳsselkade 1, 8011 AB Zwolle — café De Ëik, naïef €-loket"
bok "new dossier" dossier new --name "$name" --category oktt --received 2026-10-01 \
	--representative "Zoë Brontë, voorzitter" --address "$address" --kvk 12345678
ref=$out
for s in ontvangen compleet in_toetsing; do bok "status $s" dossier status "$ref" "$s"; done
bok "document" doc add "$ref" "$dir/statuten.txt" --kind statuten
doc=$(printf '%s\n' "$out" | grep -o '[0-9a-f]\{8\}' | head -1)
[ -n "$doc" ] || fail "no document id in: $out"
bok "answer statuten" answer set "$ref" statuten ja --kader "$dir/kader.yaml"
bok "answer procedure" answer set "$ref" procedure ja
hostile=$'*geen nadruk* {{kenmerk}} \\ \\\\n $(touch '"$TMP"$'/pwned) `code` <b>vet</b> [link](http://x)\n# geen kop\n- geen lijst'
bok "reason tlp" answer reason "$ref" tlp "De TLP-procedure is één pagina, €0 kosten, ook naïef en privé."

# ---- 2. refused while something is missing ---------------------------------------
# A besluit is not even proposed without every motivering and required
# piece of evidence (approval locks the assessment), and its letter is not
# issued before approval; each refusal names what is missing.
b decision propose "$ref"
expect_rc 65 "a proposal without a motivering and without evidence"
expect_err_line "toets: a proposal to aanwijzen needs first:" "refused proposal"
expect_err_line "- criterion taak (Informeringstaak) has no motivering ('toets answer reason')" "refused proposal"
expect_err_line "- question statuten (criterion taak) lacks the evidence it requires" "refused proposal"
bok "evidence" answer set "$ref" statuten ja --evidence "$doc:art. 2"
bok "reason taak" answer reason "$ref" taak "$hostile"
bok "propose" decision propose "$ref"
expect_out_has "decision: aanwijzen (voorgesteld)" "propose"
t letter issue "$ref" aanwijzingsbesluit
expect_rc 65 "issue before approval"
expect_err_line "toets: the aanwijzingsbesluit of $ref cannot be issued yet:" "issue before approval"
expect_err_line "- the proposal has not been approved yet (four eyes)" "issue before approval"
t letter list "$ref"
expect_out_line "dossier $ref has no issued letters" "nothing issued after a refusal"
t decision approve "$ref"
expect_rc 0 "root approves what $user proposed"
expect_out_has "approved by root" "approve"
t answer reason "$ref" taak "te laat"
expect_rc 65 "a motivering after approval"
expect_err_has "was locked by an approved decision" "a motivering after approval"

# ---- 3./4. issued, literal, and nothing ran ----------------------------------------
t letter issue "$ref" aanwijzingsbesluit
expect_rc 0 "issue"
expect_out_has "$ref: aanwijzingsbesluit issued" "issue"
t letter show "$ref" aanwijzingsbesluit
expect_rc 0 "show"
text=$out
for want in "$name" "$address" "Zoë Brontë, voorzitter" '*geen nadruk* {{kenmerk}} \ \\n $(touch' \
	'`code` <b>vet</b> [link](http://x)' '# geen kop' '- geen lijst' \
	"Kenmerk: $ref" 'namens de Minister van Justitie en Veiligheid,' 'Bezwaar'; do
	grep -qF -- "$want" <<<"$text" || fail "the letter does not show '$want' literally: $text"
done
[ ! -e "$TMP/pwned" ] || fail "a value in the letter ran a command"
grep -q $'\x1b' <<<"$text" && fail "an escape character reached the letter's text"
t letter show "$ref" aanwijzingsbesluit --format pdf -o "$TMP/letter.pdf"
expect_rc 0 "the PDF"
[ "$(head -c 5 "$TMP/letter.pdf")" = "%PDF-" ] || fail "letter.pdf is not a PDF"
[ "$(mode_of "$TMP/letter.pdf")" = 600 ] || fail "letter.pdf is mode $(mode_of "$TMP/letter.pdf"), not 600"
pdftotext -layout "$TMP/letter.pdf" "$TMP/letter.txt" || fail "pdftotext failed"
for want in "$name" "Ĳsselkade 1, 8011 AB Zwolle — café De Ëik, naïef €-loket" "Zoë Brontë" \
	"één pagina, €0 kosten, ook naïef en privé" '{{kenmerk}}' '$(touch'; do
	grep -qF -- "$want" "$TMP/letter.txt" || fail "pdftotext does not give back '$want': $(head -c 1500 "$TMP/letter.txt")"
done
pdffonts "$TMP/letter.pdf" >"$TMP/fonts" || fail "pdffonts failed"
fonts=$(tail -n +3 "$TMP/fonts" | wc -l)
[ "$fonts" -ge 1 ] || fail "pdffonts lists no fonts"
not_embedded=$(tail -n +3 "$TMP/fonts" | awk '{ if ($(NF-4) != "yes") print $1 }')
[ -z "$not_embedded" ] || fail "fonts not embedded: $not_embedded"
pdfinfo "$TMP/letter.pdf" | grep -qE '^Page size: +595.276 x 841.89 pts \(A4\)' ||
	fail "the letter is not A4: $(pdfinfo "$TMP/letter.pdf")"

# Control characters never get in through toets (every text is checked),
# but the database is outside input too: one written by another program
# shows them as visible pictures, never raw.
sqlite3 "$db" "UPDATE organisation SET representative = 'Zoë' || char(1) || char(27) || '[31m rood'" ||
	fail "sqlite3 could not change the representative"
t letter show "$ref" ontvangstbevestiging
expect_rc 0 "a draft acknowledgement"
expect_out_line "t.a.v. Zoë␁␛[31m rood" "control characters in the database"
grep -q $'[\x01\x1b]' "$TMP/out" && fail "a control character reached the acknowledgement: $out"
expect_err_line "toets: a draft: not issued yet" "a draft acknowledgement"
bok "representative back" dossier set "$ref" representative="Zoë Brontë, voorzitter"

# ---- 5. never made again ------------------------------------------------------------
sum=$(sha256sum <<<"$text" | cut -d' ' -f1)
t letter issue "$ref" aanwijzingsbesluit
expect_rc 73 "issue twice"
expect_err_has "an issued letter is never made again" "issue twice"
bok "rename" dossier set "$ref" name="Coöperatie Ĳsselland Nieuw"
t letter show "$ref" aanwijzingsbesluit
[ "$(sha256sum <<<"$out" | cut -d' ' -f1)" = "$sum" ] || fail "the issued letter changed after the dossier did"

# ---- 6. printing ------------------------------------------------------------------
mkdir -p "$TMP/cfg/toets"
cat >"$TMP/print-ok" <<EOF
#!/bin/sh
cat > "$TMP/printed"
EOF
cat >"$TMP/print-fail" <<'EOF'
#!/bin/sh
cat >/dev/null
echo "lpr: The printer or class does not exist." >&2
exit 1
EOF
chmod +x "$TMP/print-ok" "$TMP/print-fail"
printf 'set print-command "%s -P kantoor"\n' "$TMP/print-fail" >"$TMP/cfg/toets/config"
XDG_CONFIG_HOME=$TMP/cfg t print "$ref" --letter aanwijzingsbesluit
expect_rc 74 "a failing print command"
expect_err_line "toets: the print command '$TMP/print-fail -P kantoor' failed with exit status 1: lpr: The printer or class does not exist." "a failing print command"
expect_err_line "toets: the aanwijzingsbesluit is not recorded as printed" "a failing print command"
t letter list "$ref"
expect_out_has "aanwijzingsbesluit" "list"
[ "$(awk 'NR == 2 { print $NF }' "$TMP/out")" = 0 ] || fail "a failed print was recorded: $out"
printf 'set print-command %s\n' "$TMP/print-ok" >"$TMP/cfg/toets/config"
XDG_CONFIG_HOME=$TMP/cfg t print "$ref" --letter aanwijzingsbesluit
expect_rc 0 "print"
expect_out_line "$ref: aanwijzingsbesluit sent to '$TMP/print-ok'" "print"
[ "$(head -c 5 "$TMP/printed")" = "%PDF-" ] || fail "the print command did not receive a PDF"
cmp -s "$TMP/printed" "$TMP/letter.pdf" || fail "the print command received other bytes than the stored PDF"
t letter list "$ref"
[ "$(awk 'NR == 2 { print $NF }' "$TMP/out")" = 1 ] || fail "the print was not recorded: $out"

# ---- 7. a long summary stays inside its margins ---------------------------------------
for i in $(seq 1 60); do
	printf 'bijlage %d\n' "$i" >"$dir/bijlage-$i.txt"
	chown "$uid:$gid" "$dir/bijlage-$i.txt"
	bok "document $i" doc add "$ref" "$dir/bijlage-$i.txt" --kind overig \
		--title "Bijlage $i bij de aanvraag: een lange titel met ë, ï, é en € die de regel vult"
done
t print "$ref" --pdf "$TMP/summary.pdf"
expect_rc 0 "summary PDF"
pages=$(pdfinfo "$TMP/summary.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 2 ] || fail "a summary with 60 documents fits $pages page(s)"
pdftotext -bbox "$TMP/summary.pdf" "$TMP/summary.html" || fail "pdftotext -bbox failed"
words=$(grep -c '<word ' "$TMP/summary.html")
[ "$words" -ge 500 ] || fail "pdftotext -bbox found only $words words in the summary"
# 25 mm margins left and right (70.9 pt); nothing below the page.
outside=$(grep -o '<word xMin="[0-9.]*" yMin="[0-9.]*" xMax="[0-9.]*" yMax="[0-9.]*">[^<]*' "$TMP/summary.html" |
	sed 's/<word xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)/\1 \2 \3 \4 \5/' |
	awk '$1 < 70 || $3 > 525.4 || $4 > 841.89 || $2 < 0 { print }' | head -5)
[ -z "$outside" ] || fail "words outside the margins of the summary: $outside"
grep -qF "Bijlage 60 bij de aanvraag" <(pdftotext "$TMP/summary.pdf" -) || fail "the summary lost its last document"

# ---- 8. the register ----------------------------------------------------------------
t register
expect_rc 0 "register"
expect_out_has "$ref Coöperatie Ĳsselland Ni… oktt  aangewezen" "register"
t register --format csv
expect_rc 0 "register csv"
grep -q "^$ref,Coöperatie Ĳsselland Nieuw,oktt,aangewezen,20[0-9-]*,20[0-9-]*,,"$'\r'"$" "$TMP/out" ||
	fail "the CSV register lacks the designation: $out"
audit_state "the end"
finish
