#!/usr/bin/env bash
# Four eyes against the real program, with a second OS account made here
# (useradd: CI runs as root; root ignores file modes, so root works on the
# 0600 file the account owns):
#  1. the account (toets-test-4eyes) makes a dossier in a database it owns,
#     in a directory it owns, walks it to "in toetsing", answers every
#     question of a small framework (--kader FILE), writes a motivering per
#     criterion and proposes: "besluit voorgesteld";
#  2. its own approval and return are refused (exit 65, the exact message)
#     and change nothing;
#  3. in a second dossier root overrides a verdict (and clears it again):
#     root's approval of the account's proposal there is refused;
#  4. root approves the first: exit 0, the output and 'decision show' name
#     both accounts, the dossier is aangewezen;
#  5. afterwards 'answer set', 'answer verdict' and 'answer reason' are
#     refused with the locked message, for the account and for root, and
#     raw SQL by the owner is refused by the schema: the dumps of the
#     answer, evidence, override and motivering tables are byte for byte
#     what they were;
#  6. 'toets reassess' starts a new assessment from the old answers; a
#     changed answer shows in 'toets answer diff'; the audit log verifies;
#  7. an approved aanvulling takes the dossier to "aanvulling gevraagd" and
#     leaves the assessment open.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

[ "$(id -u)" -eq 0 ] || fail "needs root, to make the second OS account that four eyes need (CI runs as root)"
command -v runuser >/dev/null || fail "runuser is missing (Debian package util-linux)"
command -v sqlite3 >/dev/null || fail "sqlite3 is missing ('make deps' installs it)"
user=toets-test-4eyes
if ! id -u "$user" >/dev/null 2>&1; then
	command -v useradd >/dev/null || fail "useradd is missing (Debian package passwd)"
	useradd -M -N -r "$user" || fail "useradd $user failed"
	note "created the system user $user"
fi
uid=$(id -u "$user") gid=$(id -g "$user")
[ "$user" != "$(id -un)" ] || fail "setup: the second account is the one running the test"

# The account's own directory and database; root reaches it as root.
dir=$TMP/a
mkdir "$dir"
chmod 0711 "$TMP"
chown "$uid:$gid" "$dir"
chmod 0700 "$dir"
db=$dir/toets.db
export TOETS_DB=$db

# a ARGS...: toets as the account (bounded, like t).
a() {
	timeout -s KILL 60 runuser -u "$user" -- env HOME="$dir" TOETS_DB="$db" "$TOETS" "$@" \
		>"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	[ "$rc" -ne 137 ] || fail "toets $* as $user did not finish within 60 s"
	return 0
}
aok() {
	local what=$1
	shift
	a "$@"
	[ "$rc" -eq 0 ] || fail "$what: toets $* as $user failed: $(last)"
}
# asql SQL...: the sqlite3 CLI as the account (the file's owner).
asql() {
	timeout -s KILL 60 runuser -u "$user" -- sqlite3 "$db" "$@"
}
# The tables a lock protects, as SQL text.
dump() {
	local t
	for t in answer evidence verdict_override override_account criterion_reason; do
		asql ".dump $t" || fail "sqlite3 .dump $t failed"
	done
}
# Moments differ per run: @TIME@.
masked() {
	sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z/@TIME@/g'
}
# expect_out TEXT WHAT: stdout (masked) is exactly TEXT.
expect_out() {
	local got
	got=$(printf '%s\n' "$out" | masked)
	[ "$got" = "$1" ] || fail "$2: stdout differs:
$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$got"))"
}
# expect_refused MESSAGE WHAT: exit 65 and exactly this one line on stderr.
expect_refused() {
	[ "$rc" -eq 65 ] || fail "$2: expected exit 65, got $(last)"
	[ "$err" = "toets: $1" ] || fail "$2: expected the stderr 'toets: $1'; $(last)"
	[ -z "$out" ] || fail "$2: expected no stdout; $(last)"
}

cat >"$dir/kader.yaml" <<'EOF'
format: 1
id: vier
version: "1"
title: {nl: Vier ogen, en: Four eyes}
applies_to: [oktt]
legal_basis: [Wbni art. 20]
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
        choices:
          - {id: ja, label: {nl: Ja, en: "Yes"}, effect: pass}
          - {id: nee, label: {nl: Nee, en: "No"}, effect: fail}
          - {id: deels, label: {nl: Deels, en: Partly}, effect: followup}
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
  - id: omvang
    title: {nl: Omvang, en: Size}
    legal_basis: [Wbni art. 20]
    mandatory: false
    questions:
      - {id: leden, text: {nl: Hoeveel leden?, en: How many members?}, type: number}
EOF
chmod 0644 "$dir/kader.yaml"

# new_in_toetsing NAME: a dossier of the account, walked to "in toetsing";
# its reference in $ref.
new_in_toetsing() {
	aok "setup: dossier new" dossier new --name "$1" --category oktt
	ref=$out
	local s
	for s in ontvangen compleet in_toetsing; do
		aok "setup: $s" dossier status "$ref" "$s"
	done
}

# ---- 1. assessed and proposed by the account ------------------------------------------
new_in_toetsing "Stichting Vier Ogen"
ref1=$ref
[ "$(stat -c '%U %a' "$db")" = "$user 600" ] || fail "setup: $db is not the account's, 0600: $(stat -c '%U %a' "$db")"
aok "answer statuten" answer set "$ref1" statuten ja --kader "$dir/kader.yaml"
aok "answer procedure" answer set "$ref1" procedure ja
aok "answer leden" answer set "$ref1" leden 40
aok "motivering taak" answer reason "$ref1" taak "De statuten leggen de informeringstaak vast."
aok "motivering tlp" answer reason "$ref1" tlp "De TLP-procedure is vastgelegd en wordt gevolgd."
aok "motivering omvang" answer reason "$ref1" omvang "Veertig leden uit de sector."
aok "propose" decision propose "$ref1"
expect_out "decision: aanwijzen (voorgesteld)
  proposed by $user at @TIME@" "propose"
aok "status" dossier status "$ref1"
case "$out" in
"$ref1: besluit voorgesteld "*) ;;
*) fail "the proposal did not make the dossier 'besluit voorgesteld': $out" ;;
esac

# ---- 2. not by the proposer -------------------------------------------------------------
a decision approve "$ref1"
expect_refused "you ($user) proposed this decision: another assessor must approve it (four eyes)" \
	"approval by the proposer"
a decision approve "$ref1" --note "zelf goedgekeurd"
expect_refused "you ($user) proposed this decision: another assessor must approve it (four eyes)" \
	"approval by the proposer with a note"
a decision return "$ref1" --reason "toch niet"
expect_refused "you ($user) proposed this decision: another assessor must return it (four eyes)" \
	"return by the proposer"
aok "decision show" decision show "$ref1"
expect_out "decision: aanwijzen (voorgesteld)
  proposed by $user at @TIME@" "decision show after the refusals"

# ---- 3. not by anyone who overrode a verdict ----------------------------------------------
new_in_toetsing "Coöperatie Twee"
ref2=$ref
aok "answer statuten 2" answer set "$ref2" statuten ja --kader "$dir/kader.yaml"
aok "answer procedure 2" answer set "$ref2" procedure ja
ok "root overrides" answer verdict "$ref2" tlp "nader onderzoek" --reason "procedure navragen"
ok "root clears the override" answer verdict "$ref2" tlp --clear
aok "motivering taak 2" answer reason "$ref2" taak "De statuten leggen de informeringstaak vast."
aok "motivering tlp 2" answer reason "$ref2" tlp "De TLP-procedure is vastgelegd."
aok "propose 2" decision propose "$ref2"
t decision approve "$ref2"
expect_refused "you (root) overrode a verdict in this assessment: another assessor must approve the decision (four eyes)" \
	"approval by an overrider"
t decision return "$ref2" --reason "nog niet"
expect_refused "you (root) overrode a verdict in this assessment: another assessor must return the decision (four eyes)" \
	"return by an overrider"
aok "decision show 2" decision show "$ref2"
expect_out "decision: aanwijzen (voorgesteld)
  proposed by $user at @TIME@" "decision show 2 after the refusals"

# ---- 4. approved by root ---------------------------------------------------------------
before=$(dump)
[ -n "$before" ] || fail "the dump of the assessments is empty"
today=$(date +%F)
md=${today#*-}
[ "$md" != 02-29 ] || md=02-28
reassess="$(( ${today%%-*} + 3 ))-$md"
t decision approve "$ref1" --note "akkoord"
[ "$rc" -eq 0 ] || fail "approval by root: $(last)"
[ -z "$err" ] || fail "approval by root: stderr: $err"
expect_out "decision: aanwijzen (goedgekeurd)
  proposed by $user at @TIME@
  effective: $today; re-assessment: $reassess
  approved by root at @TIME@: akkoord" "approval by root"
locked_on=$(printf '%s\n' "$out" | sed -n 's/^  approved by root at \([0-9-]\{10\}\)T.*/\1/p')
[ -n "$locked_on" ] || fail "no approval moment in: $out"
for who in a t; do
	$who decision show "$ref1"
	[ "$rc" -eq 0 ] || fail "decision show ($who): $(last)"
	expect_out "decision: aanwijzen (goedgekeurd)
  proposed by $user at @TIME@
  effective: $today; re-assessment: $reassess
  approved by root at @TIME@: akkoord" "decision show ($who) after the approval"
done
aok "status after approval" dossier status "$ref1"
[ "$out" = "$ref1: aangewezen (next: aangesloten)" ] || fail "after the approval: $out"
# root's writes left the file and its -wal/-shm the account's
for f in "$db" "$db-wal" "$db-shm"; do
	[ ! -e "$f" ] || [ "$(stat -c %U "$f")" = "$user" ] || fail "$f is $(stat -c %U "$f")'s after root's approval"
done

# ---- 5. locked ---------------------------------------------------------------------------
locked="the assessment of $ref1 was locked by an approved decision on $locked_on; a change needs a re-assessment ('toets reassess $ref1')"
a answer set "$ref1" leden 41
expect_refused "$locked" "answer set after the approval"
a answer set "$ref1" statuten --clear
expect_refused "$locked" "answer set --clear after the approval"
a answer verdict "$ref1" taak "voldoet niet" --reason "achteraf"
expect_refused "$locked" "answer verdict after the approval"
a answer reason "$ref1" taak "Achteraf anders gemotiveerd."
expect_refused "$locked" "answer reason after the approval"
a answer reason "$ref1" omvang --clear
expect_refused "$locked" "answer reason --clear after the approval"
t answer set "$ref1" procedure nee
expect_refused "$locked" "answer set by root after the approval"
# the schema itself, for the owner with the sqlite3 CLI
for sql in "UPDATE answer SET value = '41' WHERE question_id = 'leden'" \
	"DELETE FROM criterion_reason" \
	"UPDATE assessment SET locked_at = NULL"; do
	if o=$(asql "$sql" 2>&1); then
		fail "the schema took: $sql"
	fi
	case "$o" in
	*"the assessment is locked"*) ;;
	*) fail "$sql: $o" ;;
	esac
done
after=$(dump)
[ "$after" = "$before" ] || fail "the locked assessment changed:
$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after"))"

# ---- 6. a re-assessment ------------------------------------------------------------------
a answer diff "$ref1"
[ "$rc" -eq 66 ] && [ "$err" = "toets: this is the first assessment of the dossier" ] ||
	fail "answer diff before a re-assessment: $(last)"
aok "reassess" reassess "$ref1"
expect_out "$ref1: re-assessment started against vier 1 from the previous answers" "reassess"
a reassess "$ref1"
expect_refused "the assessment of $ref1 is still open: change it there (a re-assessment starts once a decision has locked it)" \
	"a second reassess"
aok "answer diff without changes" answer diff "$ref1"
expect_out "$ref1: changes since the assessment of @TIME@ (vier 1)
no changes" "answer diff without changes"
aok "answer after reassess" answer set "$ref1" leden 41
aok "answer diff" answer diff "$ref1"
expect_out "$ref1: changes since the assessment of @TIME@ (vier 1)
~ leden: 40 → 41" "answer diff"
aok "answer show" answer show "$ref1"
expect_out_has "a re-assessment" "answer show after reassess"
expect_out_has "motivering ($user): De statuten leggen de informeringstaak vast." "answer show after reassess"
[ "$(dump)" != "$before" ] || fail "the re-assessment wrote no rows of its own"
for who in a t; do
	$who audit verify
	[ "$rc" -eq 0 ] || fail "audit verify ($who): $(last)"
	expect_out_has "audit log ok: " "audit verify ($who)"
done

# ---- 7. an approved aanvulling ----------------------------------------------------------
new_in_toetsing "Vereniging Drie"
ref3=$ref
aok "answer statuten 3" answer set "$ref3" statuten deels --kader "$dir/kader.yaml"
aok "answer procedure 3" answer set "$ref3" procedure ja
aok "propose 3" decision propose "$ref3"
expect_out_has "decision: aanvulling vragen (voorgesteld)" "propose 3"
t decision approve "$ref3"
[ "$rc" -eq 0 ] || fail "approval of an aanvulling: $(last)"
expect_out_has "decision: aanvulling vragen (goedgekeurd)" "approval of an aanvulling"
aok "status 3" dossier status "$ref3"
case "$out" in "$ref3: aanvulling gevraagd"*) ;; *) fail "after an approved aanvulling: $out" ;; esac
# no besluit: the assessment stays open
aok "back to toetsing" dossier status "$ref3" in_toetsing
aok "answer after an aanvulling" answer set "$ref3" statuten ja
a audit verify
[ "$rc" -eq 0 ] || fail "audit verify at the end: $(last)"
finish
