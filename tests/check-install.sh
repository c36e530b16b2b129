#!/usr/bin/env bash
# make install puts every file in place, the installed program finds its
# frameworks and its Dutch messages by itself (the paths given at install
# time are compiled in), and make uninstall leaves nothing behind.
#
# The copy installed here is built in its own BUILDDIR, so that this test
# never rebuilds the tree's ./toets with its PREFIX while other tests run it
# (make -j check).
#
# Usage: check-install.sh MAKE
set -eu
make=${1:-make}
stage=$(mktemp -d "${TMPDIR:-/tmp}/toets-install.XXXXXX")
trap 'rm -rf "$stage"' EXIT
build=build/install-test
m() { $make --no-print-directory -s BUILDDIR="$build" PROG="$build/toets" "$@" >/dev/null; }
fail=0
files="bin/toets share/toets/forms/oktt.yaml share/toets/forms/cert.yaml
	share/toets/forms/csirt.yaml share/toets/forms/isp.yaml share/man/man1/toets.1
	share/man/man5/toets-kader.5 share/locale/nl/LC_MESSAGES/toets.mo"

# 1. As a user would: build with the default PREFIX, then install with
#    another one. The program must look in the PREFIX given to install.
prefix=$stage/prefix
m all
m install PREFIX="$prefix"
for f in $files; do
	[ -f "$prefix/$f" ] || { echo "install: missing $prefix/$f"; fail=1; }
done
run() { (cd "$stage" && env -i HOME="$stage/home" PATH=/usr/bin:/bin "$@"); }
n=$(run LC_ALL=C.UTF-8 "$prefix/bin/toets" kader list | tail -n +2 | grep -c " $prefix/share/toets/forms/" || true)
[ "$n" = 4 ] || { echo "install: the installed toets lists $n frameworks in $prefix/share/toets/forms, expected 4"; fail=1; }
help=$(run LANGUAGE=nl LC_ALL=C.UTF-8 "$prefix/bin/toets" --help)
case $help in
Gebruik:*) ;;
*) echo "install: the installed toets does not find its Dutch messages; --help says:"; echo "$help"; fail=1 ;;
esac
# Without any framework on the search path: the header, a line on stderr
# naming the directories searched, and success.
mv "$prefix/share/toets/forms" "$stage/forms-away"
out=$(run LC_ALL=C.UTF-8 "$prefix/bin/toets" kader list 2>"$stage/err") && rc=0 || rc=$?
[ "$rc" = 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] &&
	grep -q "^toets: no frameworks found on the search path: .*$prefix/share/toets/forms" "$stage/err" || {
	echo "install: kader list without frameworks gave exit $rc, stdout:"; echo "$out"
	echo "stderr:"; cat "$stage/err"; fail=1
}
mv "$stage/forms-away" "$prefix/share/toets/forms"
m uninstall PREFIX="$prefix"
if [ -e "$prefix" ]; then
	echo "uninstall left behind:"; find "$prefix" | sed 's/^/  /'; fail=1
fi

# 2. Staged, as a package build does: every file under DESTDIR.
dest=$stage/dest
prefix=/opt/toets-test
m install DESTDIR="$dest" PREFIX="$prefix"
for f in $files; do
	[ -f "$dest$prefix/$f" ] || { echo "install: missing DESTDIR$prefix/$f"; fail=1; }
done
m uninstall DESTDIR="$dest" PREFIX="$prefix"
if [ -e "$dest$prefix" ]; then
	echo "uninstall with DESTDIR left behind:"; find "$dest$prefix" | sed 's/^/  /'; fail=1
fi

if [ $fail = 0 ]; then echo "install: 1 passed, 0 failed"; else echo "install: 0 passed, 1 failed"; exit 1; fi
