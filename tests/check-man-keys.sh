#!/usr/bin/env bash
# The KEYS section of toets(1) is what the action table says: the lines
# between BEGIN KEYS and END KEYS equal `toets keys --mdoc`.
set -eu
toets=$1 page=$2
want=$("$toets" keys --mdoc)
have=$(sed -n '/^\.\\" BEGIN KEYS$/,/^\.\\" END KEYS$/p' "$page" | sed '1d;$d')
if [ "$want" != "$have" ]; then
	diff -u --label "$page (KEYS)" --label "toets keys --mdoc" <(printf '%s\n' "$have") <(printf '%s\n' "$want") || true
	echo "man-keys: 0 passed, 1 failed (regenerate the section: make man-keys)"
	exit 1
fi
echo "man-keys: 1 passed, 0 failed"
