#!/bin/sh
# `meson install --destdir` puts the program, the man page and the schema
# where packagers expect them, and the installed program runs.
# Usage: test_install.sh BUILDDIR PREFIX DATADIR MANDIR
set -eu
build=$1 prefix=$2 datadir=$3 mandir=$4
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --no-rebuild --destdir "$dest" >/dev/null
root=$dest$prefix
fail=0
for f in "$root/bin/journeymap" "$root/$datadir/journeymap/journey.rng" "$root/$mandir/man1/journeymap.1"; do
    if [ ! -s "$f" ]; then
        echo "missing: ${f#"$dest"}"
        fail=1
    fi
done
[ "$fail" -eq 0 ] || exit 1
"$root/bin/journeymap" --version | grep -q '^journeymap ' || { echo "installed program does not run"; exit 1; }
xmllint --noout "$root/$datadir/journeymap/journey.rng"
if command -v man >/dev/null 2>&1; then
    page=$(MANWIDTH=80 man -l "$root/$mandir/man1/journeymap.1" 2>&1)
    for want in "NAME" "EXIT STATUS" "journeymap check" "--fail-on" "SOURCE_DATE_EPOCH"; do
        printf '%s' "$page" | grep -q -- "$want" || { echo "man page lacks $want"; exit 1; }
    done
else
    echo "man is not installed: the page was installed but not rendered"
fi
echo "ok: installed under ${root#"$dest"}"
