#!/usr/bin/env bash
# The workstation on 10,000 dossiers with full assessments: time from start
# to the first screen, time per keystroke over 10,000 scripted keys, and
# peak memory. Targets: < 50 ms, < 0.2 ms, < 32 MiB. Prints figures; exits 1
# when a target is missed.
set -eu
toets=$1 gen=$2 maxrss=$3 forms=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/toets-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
db=$work/bench.db
t0=$(date +%s%N)
"$gen" "$db" 10000 "$forms"
echo "generated 10,000 dossiers with full assessments in $(( ($(date +%s%N) - t0) / 1000000 )) ms ($(du -m "$db" | cut -f1) MB)"
export LC_ALL=C.UTF-8 TERM=xterm-256color HOME=$work

best() { # best of 5 runs of a script, in microseconds
	local script=$1 b=999999999 i t
	for i in 1 2 3 4 5; do
		t=$(date +%s%N)
		TOETS_SCRIPT=$script "$toets" --db "$db" >/dev/null
		t=$(( ($(date +%s%N) - t) / 1000 ))
		[ "$t" -lt "$b" ] && b=$t
	done
	echo "$b"
}
printf 'size 80 24\ndump %s/first.screen\n' "$work" > "$work/first.script"
first=$(best "$work/first.script")
{ echo "size 80 24"; for i in $(seq 100); do printf 'keys'; for j in $(seq 50); do printf ' j'; done; echo; printf 'keys'; for j in $(seq 50); do printf ' k'; done; echo; done; } > "$work/keys.script"
keys=$(best "$work/keys.script")
per_key=$(( (keys - first) ))
rss=$("$maxrss" env TOETS_SCRIPT="$work/keys.script" "$toets" --db "$db" 2>&1 >/dev/null | sed -n 's/^maxrss //p')
fail=0
printf 'start to first screen: %d.%03d ms (target < 50 ms)\n' $((first / 1000)) $((first % 1000))
[ "$first" -lt 50000 ] || { echo "  OVER TARGET"; fail=1; }
# 10,000 keys: the time beyond the first screen, per key
printf 'per keystroke (10,000 keys, j and k): %d.%04d ms (target < 0.2 ms)\n' $((per_key / 10000000)) $(( (per_key % 10000000) / 1000 ))
[ "$per_key" -lt 2000000 ] || { echo "  OVER TARGET"; fail=1; }
printf 'peak RSS: %d KiB (target < 32 MiB)\n' "$rss"
[ "$rss" -lt 32768 ] || { echo "  OVER TARGET"; fail=1; }
exit $fail
