#!/usr/bin/env bash
# Every message in the sources must be translated in every catalogue:
# no missing, untranslated or fuzzy entry.
set -eu
pot=$1; shift
failed=0 passed=0
for po in "$@"; do
	merged=$(mktemp)
	msgmerge --quiet --no-fuzzy-matching -o "$merged" "$po" "$pot"
	stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$merged" 2>&1)
	if printf '%s' "$stats" | grep -qE 'untranslated|fuzzy'; then
		echo "$po: $stats"
		echo "  untranslated messages (run 'make update-po' and translate them):"
		msgattrib --untranslated --no-obsolete "$merged" | grep '^msgid' | sed 's/^/    /' | head -40
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
	rm -f "$merged"
done
echo "po: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
