#!/usr/bin/env bash
# The man pages after `cmake --install`: every name in a page's NAME line opens that
# page (`man collab-next` shows collab-inbox(1)), and `mandoc -T lint -W warning` finds
# nothing in any page when mandoc is installed. Skipped (77) without scdoc or man.
source "$(dirname "$0")/lib.sh"

build=$(dirname "$COLLAB_BIN")
if [ ! -f "$build/man/collab.1" ] || ! command -v man >/dev/null 2>&1; then
    echo "man pages not built (no scdoc) or no man(1): skipped"
    exit 77
fi
prefix="$E2E_ROOT/prefix"
run cmake --install "$build" --prefix "$prefix"
expect_rc 0 "cmake --install"
mandir="$prefix/share/man"

for src in "$COLLAB_SOURCE_DIR"/man/*.scd; do
    page=$(basename "$src" .scd)
    section=${page##*.}
    expect_file "$mandir/man$section/$page" "$page is installed"
    names_line=$(sed -n '/^# NAME$/,/ - /{s/ - .*//p}' "$src")
    for name in ${names_line//,/ }; do
        run env MANPAGER=cat MANWIDTH=200 man -M "$mandir" "$section" "$name"
        expect_rc 0 "man $section $name"
        expect_contains "$OUT" "$names_line - " "man $section $name shows the NAME line of $page"
    done
done

if command -v mandoc >/dev/null 2>&1; then
    for page in "$build"/man/*.[0-9]; do
        run mandoc -T lint -W warning "$page"
        expect_eq "$OUT$ERR" "" "mandoc -T lint -W warning $(basename "$page")"
    done
else
    echo "mandoc is not installed: lint not run"
fi

finish
