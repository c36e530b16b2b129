#!/usr/bin/env bash
# Fault-injection tests of the toets database, driving the real program:
# kill -9 during a large write, a locked file, a read-only file, foreign and
# damaged files, a full disk, a tampered audit log, file modes.
#
# Usage: tests/store/run.sh /abs/path/to/toets [NAME...]
#   NAME is a test without "t_" and ".sh" (e.g. kill9); default: every
#   tests/store/t_*.sh. Prints PASS or FAIL (with the reason) per test and
#   "store: N passed, M failed"; exits 1 when any test failed.
#   VERBOSE=1 prints each test's whole output.
set -u
if [ $# -lt 1 ]; then
	echo "usage: $0 /abs/path/to/toets [NAME...]" >&2
	exit 2
fi
toets=$1
shift
case $toets in
/*) ;;
*) toets=$(cd "$(dirname "$toets")" && pwd)/$(basename "$toets") ;;
esac
if [ ! -x "$toets" ]; then
	echo "$0: $toets is not an executable" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)

tests=()
if [ $# -gt 0 ]; then
	for n in "$@"; do tests+=("$here/t_$n.sh"); done
else
	for f in "$here"/t_*.sh; do tests+=("$f"); done
fi

log=$(mktemp "${TMPDIR:-/tmp}/toets-store-log.XXXXXX")
trap 'rm -f "$log" "$log.tail"' EXIT
passed=0 failed=0
for f in "${tests[@]}"; do
	name=$(basename "$f" .sh)
	start=$(date +%s%N)
	if [ -f "$f" ]; then
		bash "$f" "$toets" </dev/null >"$log" 2>&1
		status=$?
	else
		echo "FAIL: no such test $f" >"$log"
		status=2
	fi
	secs=$(( ($(date +%s%N) - start) / 1000000 ))
	secs=$(printf '%d.%01d' $((secs / 1000)) $((secs % 1000 / 100)))
	if [ "$status" -eq 0 ] && ! grep -q '^FAIL:' "$log"; then
		passed=$((passed + 1))
		echo "PASS $name (${secs} s)"
		grep '^note:' "$log" | sed 's/^/     /'
		[ "${VERBOSE:-}" = 1 ] && sed 's/^/     | /' "$log"
	else
		failed=$((failed + 1))
		reason=$(grep -m1 '^FAIL:' "$log" | sed 's/^FAIL: //')
		[ -n "$reason" ] || reason="exit status $status without a FAIL line"
		echo "FAIL $name (${secs} s): $reason"
		grep '^FAIL:' "$log" | tail -n +2 | sed 's/^FAIL: /     also: /'
		grep '^note:' "$log" | sed 's/^/     /'
		grep -v '^FAIL:\|^note:' "$log" | tail -n 15 >"$log.tail"
		if [ -s "$log.tail" ]; then
			echo "     --- last lines of its other output:"
			sed 's/^/     | /' "$log.tail"
		fi
		rm -f "$log.tail"
	fi
done
echo "store: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
