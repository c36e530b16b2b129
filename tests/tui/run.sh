#!/usr/bin/env bash
# Screen tests of the workstation, driven headless through the real program
# (TOETS_SCRIPT, see src/ui/app.c): each case tests/tui/cases/NAME/ has
#   setup    optional bash script that prepares the database ($TOETS_DB)
#            with the command line (toets is on PATH; $SRC is the tree)
#   script   the keys and screen dumps: size W H, keys ..., type ..., dump F
#   *.screen the expected dumps (the script writes F.screen files)
#   stderr   optional: what toets must say on standard error
#   mask-dates  optional: every date in the dumps becomes @DATE@
# Dumps are compared after masking what differs per run, as in the CLI
# tests: @YEAR@ in references, @TODAY@ (and a time of day after it,
# @HH:MM@), @TIME@, @ID@ and @USER@.
#
# Usage: run.sh /path/to/toets [CASE...]; UPDATE=1 writes the expected dumps.
set -u
toets=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/toets-tui.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$toets" "$work/bin/toets"
today=$(date +%F) year=$(date +%Y) user=$(id -un)

mask() {
	sed -i -E \
		-e 's/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/@ID@/g' \
		-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z/@TIME@/g' \
		-e "s/$today [0-9]{2}:[0-9]{2}/@TODAY@ @HH:MM@/g" \
		-e "s/$today/@TODAY@/g" -e "s/\\b$year-([0-9]{4})\\b/@YEAR@-\\1/g" \
		-e "s/\\b$user\\b/@USER@/g" -e "s|$work/home/[^/]*|@HOME@|g" -e "s|$work/run/[^/]*|@RUN@|g" "$@"
}

cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=($(ls "$here/cases"))
passed=0 failed=0
for name in "${cases[@]}"; do
	case_dir="$here/cases/$name"
	run="$work/run/$name"
	mkdir -p "$run" "$work/home/$name"
	cp "$case_dir/script" "$run/script"
	envs=(env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work/home/$name" TERM=xterm-256color
	      LC_ALL=C.UTF-8 TZ=UTC SRC="$src" TOETS_DB="$run/toets.db" XDG_CONFIG_HOME="$work/home/$name/config")
	ok=1
	if [ -f "$case_dir/setup" ] && ! (cd "$run" && "${envs[@]}" bash -o pipefail "$case_dir/setup" >"$run/setup.out" 2>&1); then
		echo "--- $name: setup failed"; cat "$run/setup.out"; ok=0
	fi
	if [ $ok = 1 ]; then
		(cd "$run" && "${envs[@]}" TOETS_SCRIPT=script toets >"$run/stdout" 2>"$run/stderr")
		status=$?
		if [ "$status" != 0 ]; then
			echo "--- $name: exit status $status"; cat "$run/stderr"; ok=0
		fi
	fi
	# What toets says on standard error (config file errors, say), when the
	# case has an expected `stderr`.
	if [ -f "$run/stderr" ]; then
		mask "$run/stderr"
		[ "${UPDATE:-}" = 1 ] && [ -s "$run/stderr" ] && cp "$run/stderr" "$case_dir/stderr"
		if [ -f "$case_dir/stderr" ] && ! diff -u --label "expected stderr" --label actual \
			"$case_dir/stderr" "$run/stderr"; then
			ok=0
		fi
	fi
	shopt -s nullglob
	dumps=("$run"/*.screen)
	[ ${#dumps[@]} -gt 0 ] && mask "${dumps[@]}"
	# A case whose data has dates relative to today masks them all.
	if [ -f "$case_dir/mask-dates" ] && [ ${#dumps[@]} -gt 0 ]; then
		sed -i -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}/@DATE@/g' "${dumps[@]}"
	fi
	if [ "${UPDATE:-}" = 1 ] && [ $ok = 1 ]; then
		rm -f "$case_dir"/*.screen
		for d in "${dumps[@]}"; do cp "$d" "$case_dir/"; done
	fi
	for expected in "$case_dir"/*.screen; do
		actual="$run/$(basename "$expected")"
		if [ ! -f "$actual" ]; then
			echo "--- $name: $(basename "$expected") was not dumped"; ok=0
		elif ! diff -u --label "expected $(basename "$expected")" --label actual "$expected" "$actual"; then
			ok=0
		fi
	done
	shopt -u nullglob
	if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
done
echo "tui: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
