#!/usr/bin/env bash
# make install into a staging directory puts every file in place, the
# installed program finds its frameworks, and make uninstall leaves nothing.
set -eu
make=${1:-make}
stage=$(mktemp -d "${TMPDIR:-/tmp}/toets-install.XXXXXX")
trap 'rm -rf "$stage"' EXIT
prefix=/opt/toets-test
$make --no-print-directory -s install DESTDIR="$stage" PREFIX="$prefix" >/dev/null
fail=0
for f in bin/toets share/toets/forms/oktt.yaml share/toets/forms/cert.yaml \
	 share/toets/forms/csirt.yaml share/toets/forms/isp.yaml share/man/man1/toets.1 \
	 share/man/man5/toets-kader.5 share/locale/nl/LC_MESSAGES/toets.mo; do
	[ -f "$stage$prefix/$f" ] || { echo "install: missing $prefix/$f"; fail=1; }
done
# The staged program reads the staged forms when told where they are.
n=$(env -i HOME="$stage/home" TOETS_DATADIR="$stage$prefix/share/toets" \
	"$stage$prefix/bin/toets" kader list | tail -n +2 | grep -c "$stage$prefix/share/toets/forms/" || true)
[ "$n" = 4 ] || { echo "install: the installed toets lists $n frameworks, expected 4"; fail=1; }
$make --no-print-directory -s uninstall DESTDIR="$stage" PREFIX="$prefix" >/dev/null
left=$(find "$stage" -type f | sed "s|$stage||")
if [ -n "$left" ]; then echo "uninstall left files behind:"; echo "$left"; fail=1; fi
if [ $fail = 0 ]; then echo "install: 1 passed, 0 failed"; else echo "install: 0 passed, 1 failed"; exit 1; fi
