#!/usr/bin/env bash
# buildsys/unpack.sh, the unpacker of third-party archives (newlib, Lua, lwIP), on its own,
# with a small archive made here: the checksum checked before anything is written, a missing
# archive naming its Debian package, and two builds asking at once (two profiles built side
# by side in one tree, make mutate's lanes sharing build/_sources): both succeed and leave one
# whole tree; asked again while the tree is fresh, it is left alone (another build may be
# compiling from it); a newer archive is unpacked anew.
# Usage: tests/host/unpack.sh [IGNORED]   (run from the repository root)
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kiln-unpack-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; sed 's/^/    # /' "$tmp/err" 2>/dev/null | head -8; }
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else bad "$desc"; fi
}

mkdir -p "$tmp/arc/top/sub" && echo a >"$tmp/arc/top/a.txt" && echo b >"$tmp/arc/top/sub/b.txt"
tar -cJf "$tmp/arc.tar.xz" -C "$tmp/arc" top
sum=$(sha256sum <"$tmp/arc.tar.xz" | cut -d' ' -f1)
unpack() { buildsys/unpack.sh t "$tmp/arc.tar.xz" "${1:-$sum}" t-source "$tmp/u" 2>"$tmp/err"; }

unpack "$(printf '0%.0s' $(seq 64))"
check "a wrong checksum is refused" [ $? = 1 ]
check "it names both sums" grep -q "sha256 is ${sum:0:8}.*records 0000" "$tmp/err"
check "and leaves nothing" bash -c "! ls -d '$tmp'/u* 2>/dev/null"
buildsys/unpack.sh x "$tmp/no-such.tar.xz" 00 x-source "$tmp/u" 2>"$tmp/err"
check "a missing archive is refused" [ $? = 1 ]
check "it names the package" grep -q "install Debian's x-source" "$tmp/err"

unpack &
p1=$!
unpack &
p2=$!
unpack
s3=$?
wait $p1
s1=$?
wait $p2
check "three unpackings side by side succeed" [ "$s1 $? $s3" = "0 0 0" ]
check "they leave one whole tree" [ "$(cd "$tmp/u" && find . | sort | tr '\n' ' ')" = \
	". ./.kiln-unpacked ./a.txt ./sub ./sub/b.txt " ]
check "and no scratch folder" bash -c "! ls -d '$tmp'/u.tmp* 2>/dev/null"
ino=$(stat -c %i "$tmp/u/a.txt")
unpack
check "a fresh tree is left alone" [ "$(stat -c %i "$tmp/u/a.txt")" = "$ino" ]
touch -d '+2 seconds' "$tmp/arc.tar.xz"
unpack
check "a newer archive is unpacked again" [ "$(stat -c %i "$tmp/u/a.txt")" != "$ino" ]
check "into a whole tree" [ -f "$tmp/u/sub/b.txt" ] && [ -f "$tmp/u/.kiln-unpacked" ]

echo "# $pass passed, $fail failed"
[ "$fail" = 0 ]
