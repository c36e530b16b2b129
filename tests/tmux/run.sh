#!/usr/bin/env bash
# The workstation in a real terminal (tmux): each tests/tmux/t_*.sh.
# Usage: run.sh /abs/path/to/toets [NAME...]
set -u
toets=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(cd "$here" && ls t_*.sh | sed 's/\.sh$//'))
passed=0 failed=0
for n in "${names[@]}"; do
	n=${n#t_}
	out=$(TOETS="$toets" bash "$here/t_$n.sh" 2>&1)
	if [ $? = 0 ]; then
		passed=$((passed + 1)); echo "PASS t_$n"
	else
		failed=$((failed + 1)); echo "FAIL t_$n"; printf '%s\n' "$out" | sed 's/^/  /'
	fi
done
echo "tmux: $passed passed, $failed failed"
[ "$failed" = 0 ]
