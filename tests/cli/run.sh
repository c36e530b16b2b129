#!/usr/bin/env bash
# Runs the command-line cases in tests/cli/cases/NAME/: `cmd` is a bash
# script run (with pipefail: a failing toets in a pipe is not hidden) in a
# copy of the case directory with `toets` on PATH; its stdout, stderr and
# exit status must equal the files `stdout`, `stderr` and `status` (a
# missing file means: empty, or 0). A pipe into a filter must let toets
# write all it has (sed -n 1,3p, not head -3, which may leave it SIGPIPE).
#
# Usage: run.sh /path/to/toets [CASE...]
#        UPDATE=1 run.sh ...   writes the expected files from what happens
# TOETS_WRAPPER=valgrind runs toets under valgrind (errors fail the case).
# Outputs are compared after masking what differs per run: paths (@SRC@,
# @HOME@), ids (@ID@), moments (@TIME@), today (@TODAY@), this year in
# dossier references (@YEAR@-0001) and the account running the tests (@USER@). Audit hashes depend on the moment, so
# cases show them through a filter of their own.
set -u
toets=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/toets-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/bin"
if [ "${TOETS_WRAPPER:-}" = valgrind ]; then
	# valgrind.supp: what libraries (pango) leave that is not ours
	cat > "$work/bin/toets" <<EOT
#!/bin/sh
exec valgrind -q --suppressions="$src/tests/valgrind.supp" --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect "$toets" "\$@"
EOT
	chmod +x "$work/bin/toets"
else
	ln -s "$toets" "$work/bin/toets"
fi

cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=($(ls "$here/cases"))
passed=0 failed=0
today=$(date +%F) year=$(date +%Y) user=$(id -un)
for name in "${cases[@]}"; do
	case_dir="$here/cases/$name"
	# A case with many toets runs may opt out of the valgrind pass
	# (a file `no-valgrind` saying why); the plain and ASan passes run it.
	if [ "${TOETS_WRAPPER:-}" = valgrind ] && [ -f "$case_dir/no-valgrind" ]; then
		passed=$((passed + 1))
		continue
	fi
	run="$work/run/$name"
	mkdir -p "$run" "$work/home/$name"
	cp -R "$case_dir/." "$run/"
	# A clean, fixed environment: no user forms, no installed forms.
	(cd "$run" && env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work/home/$name" \
		XDG_DATA_HOME="$work/home/$name/data" TOETS_DATADIR="$work/home/$name/share" \
		LC_ALL="${CASE_LC_ALL:-C.UTF-8}" TZ=UTC SRC="$src" bash -o pipefail ./cmd \
		> "$work/stdout" 2> "$work/stderr")
	status=$?
	# Paths that differ per run are written as placeholders.
	# So are what the clock and the random generator decide: ids, moments,
	# today's date, this year in references, and hashes over moments.
	sed -i -E -e "s|$src|@SRC@|g" -e "s|$work/home/$name|@HOME@|g" \
		-e 's/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/@ID@/g' \
		-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z/@TIME@/g' \
		-e "s/$today/@TODAY@/g" -e "s/\b$year-([0-9]{4})\b/@YEAR@-\1/g" \
		-e "s/\b$user\b/@USER@/g" \
		"$work/stdout" "$work/stderr"
	if [ "${UPDATE:-}" = 1 ]; then
		for f in stdout stderr; do
			if [ -s "$work/$f" ]; then cp "$work/$f" "$case_dir/$f"; else rm -f "$case_dir/$f"; fi
		done
		if [ "$status" -ne 0 ]; then echo "$status" > "$case_dir/status"; else rm -f "$case_dir/status"; fi
	fi
	ok=1
	for f in stdout stderr; do
		expected="$case_dir/$f"
		[ -f "$expected" ] || expected=/dev/null
		if ! diff -u --label "expected $f" --label "actual $f" "$expected" "$work/$f" > "$work/diff"; then
			ok=0
			echo "--- $name: $f differs"
			cat "$work/diff"
		fi
	done
	want=0
	[ -f "$case_dir/status" ] && want=$(cat "$case_dir/status")
	if [ "$status" != "$want" ]; then
		ok=0
		echo "--- $name: exit status $status, expected $want"
	fi
	if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
done
echo "cli${TOETS_WRAPPER:+ ($TOETS_WRAPPER)}: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
