#!/usr/bin/env bash
# The man pages must be clean under mandoc -Tlint. mandoc resolves .Xr
# links only through an indexed man tree, so the pages are put in one.
set -eu
tree=$(mktemp -d "${TMPDIR:-/tmp}/toets-man.XXXXXX")
trap 'rm -rf "$tree"' EXIT
for page in "$@"; do
	sect=${page##*.}
	mkdir -p "$tree/man$sect"
	cp "$page" "$tree/man$sect/"
done
makewhatis "$tree"
out=$(MANPATH="$tree" mandoc -Tlint -W style "$@" 2>&1) || true
if [ -n "$out" ]; then
	printf '%s\n' "$out"
	echo "man: 0 passed, 1 failed"
	exit 1
fi
echo "man: $# passed, 0 failed"
