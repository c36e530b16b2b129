#!/usr/bin/env bash
# Runs each cmocka test program; with VALGRIND=1, each under valgrind.
# Prints one closing line "N passed, N failed" over all programs.
set -u
passed=0 failed=0
for t in "$@"; do
	if [ "${VALGRIND:-}" = 1 ]; then
		# valgrind.supp: what libraries (pango) leave that is not ours
		out=$(valgrind -q --suppressions="$(dirname "$0")/valgrind.supp" --error-exitcode=99 \
			--leak-check=full --errors-for-leak-kinds=definite,indirect "$t" 2>&1)
	else
		out=$("$t" 2>&1)
	fi
	rc=$?
	ok=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
	bad=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
	skipped=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p')
	passed=$((passed + ${ok:-0}))
	# A skipped test hides something: it counts as failed.
	if [ "${skipped:-0}" -gt 0 ] && [ "$rc" -eq 0 ]; then
		rc=98
		bad=$skipped
	fi
	if [ "$rc" -ne 0 ]; then
		failed=$((failed + ${bad:-1}))
		printf '%s\n' "$out"
		echo "FAIL: $t (exit $rc)"
	fi
done
echo "unit${VALGRIND:+ (valgrind)}: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
