#!/usr/bin/env bash
# The parsed-catalog cache (catalog/src/cache.c): a cached load says what a parse says; an
# edit that keeps a lib.json's size and mtime is still seen, also once the cache trusts its
# stat (settled entries are taken unread); a damaged or truncated cache
# is rebuilt, never trusted; a source file removed since caching is still reported; a
# catalog that does not load is not cached.
# Usage: tests/host/cache.sh KILN_BINARY   (run from the repository root)
set -u
kiln=$(realpath "$1")
top=$PWD
mkdir -p "$top/build/host/tmp"
tmp=$(mktemp -d "$top/build/host/tmp/cache-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; }
# same DESC FILE_A FILE_B
same() { if cmp -s "$2" "$3"; then ok "$1"; else diff "$2" "$3" | head -10 | sed 's/^/    # /'; bad "$1"; fi; }

cp -r tests/host/data/basic "$tmp/root"
export KILN_ROOT=$tmp/root KILN_CACHE_DIR=$tmp/cache
unset KILN_LIBPATH KILN_PROFILE
lib=$tmp/root/kernel-libs/printk/lib.json
cache() { ls "$tmp"/cache/catalog-*.bin 2>/dev/null | head -1; }
show_all() { "$kiln" list --all --json && "$kiln" show printk; }

KILN_CACHE_DIR= show_all >"$tmp/parsed" 2>&1
show_all >"$tmp/first" 2>&1
if [ -s "$(cache)" ]; then ok "a load writes the cache"; else bad "a load writes the cache"; fi
show_all >"$tmp/cached" 2>&1
same "a load without the cache says the same" "$tmp/parsed" "$tmp/first"
same "a cached load says what a parse says" "$tmp/parsed" "$tmp/cached"

# The same size and mtime, another title: the content hash sees it.
cp -p "$lib" "$tmp/orig.json"
sed -i 's/"Kernel log"/"Kernel LOG"/' "$lib"
touch -r "$tmp/orig.json" "$lib"
if [ "$(stat -c %s.%Y "$lib")" = "$(stat -c %s.%Y "$tmp/orig.json")" ]; then
	ok "the edit keeps size and mtime"
else
	bad "the edit keeps size and mtime"
fi
if "$kiln" show printk | grep -q "Kernel LOG"; then ok "an edit of the same size and mtime is seen"; else bad "an edit of the same size and mtime is seen"; fi
if "$kiln" show printk | grep -q "Kernel LOG"; then ok "and stays seen once cached again"; else bad "and stays seen once cached again"; fi
cp -p "$tmp/orig.json" "$lib"

# Settled entries (their lib.json unchanged for over two seconds when cached) are taken on
# the file's stat alone, unread: the same answers, no open of the file, an edit that keeps
# size and mtime still seen (its ctime moved), and a message about an unread lib.json still
# placed at its line and column. Folders too are listed once and then known by their stat:
# what is added to one is still found, also behind a link whose target appears later.
mkdir -p "$tmp/outside/linked/src" "$tmp/outside/later"
cp "$tmp/root/kernel-libs/tracer/src/"* "$tmp/outside/linked/src/"
ln -s "$tmp/outside/linked" "$tmp/root/plat/linked"
ln -s "$tmp/outside/later/lib" "$tmp/root/plat/later" # dangling for now
# new_lib FOLDER NAME: a copy of tracer named NAME in FOLDER
new_lib() {
	mkdir -p "$1/src" && cp "$tmp/root/kernel-libs/tracer/src/"* "$1/src/" &&
		sed "s/\"tracer\"/\"$2\"/" "$tmp/root/kernel-libs/tracer/lib.json" >"$1/lib.json"
}
sleep 3
show_all >/dev/null 2>&1 # the entries are written back as settled
show_all >"$tmp/settled" 2>&1
same "a load from settled entries says what a parse says" "$tmp/parsed" "$tmp/settled"
strace -f -e trace=openat,open -o "$tmp/trace" "$kiln" show printk >/dev/null 2>&1
if grep -q 'lib\.json"' "$tmp/trace"; then
	bad "a settled lib.json is not read"
elif grep -q 'catalog-.*\.bin' "$tmp/trace"; then
	ok "a settled lib.json is not read"
else
	bad "a settled lib.json is not read (no trace of the cache either)"
fi
if grep -q 'kernel-libs.*O_DIRECTORY' "$tmp/trace"; then
	bad "a settled folder is not listed"
else
	ok "a settled folder is not listed"
fi
new_lib "$tmp/root/kernel-libs/tracer2" tracer2
new_lib "$tmp/outside/linked" tracer3
new_lib "$tmp/outside/later/lib" tracer4
for l in tracer2 tracer3 tracer4; do
	if "$kiln" show "$l" >/dev/null 2>&1; then ok "a library added since ($l) is found"; else bad "a library added since ($l) is found"; fi
done
# Those loads wrote the cache again, the unchanged entries copied as they were read: they
# must still be whole, printk's lib.json still taken unread.
strace -f -e trace=openat,open -o "$tmp/trace" "$kiln" show printk >/dev/null 2>&1
if grep -q 'catalog-.*\.bin' "$tmp/trace" && ! grep -q 'printk/lib\.json"' "$tmp/trace"; then
	ok "entries kept when the cache is written again are still taken unread"
else
	bad "entries kept when the cache is written again are still taken unread"
fi
rm -rf "$tmp/root/kernel-libs/tracer2" "$tmp/root/plat/linked" "$tmp/root/plat/later"
cp -p "$lib" "$tmp/orig.json"
ino=$(stat -c %i "$lib")
sed 's/"Kernel log"/"Kernel LOG"/' "$tmp/orig.json" >"$lib" # in place: the same inode
touch -r "$tmp/orig.json" "$lib"
if [ "$(stat -c %i.%s.%Y "$lib")" != "$ino.$(stat -c %s.%Y "$tmp/orig.json")" ]; then
	bad "the edit keeps inode, size and mtime"
elif "$kiln" show printk | grep -q "Kernel LOG"; then
	ok "an edit of a settled lib.json keeping inode, size and mtime is seen"
else
	bad "an edit of a settled lib.json keeping inode, size and mtime is seen"
fi
cp -p "$tmp/orig.json" "$lib"
mv "$tmp/root/kernel-libs/greeter" "$tmp/greeter"
KILN_CACHE_DIR= "$kiln" list >/dev/null 2>"$tmp/err-parsed"
"$kiln" list >/dev/null 2>"$tmp/err-cached"
if grep -q 'fancy/lib.json:[0-9]*:[0-9]*:' "$tmp/err-parsed"; then
	same "an unread lib.json's error is placed as a parse places it" "$tmp/err-parsed" "$tmp/err-cached"
else
	sed 's/^/    # /' "$tmp/err-parsed"
	bad "an unread lib.json's error is placed as a parse places it (no position when parsed)"
fi
mv "$tmp/greeter" "$tmp/root/kernel-libs/greeter"

# A damaged cache (one byte flipped deep inside, or the file cut short) is rebuilt.
show_all >/dev/null 2>&1
size=$(stat -c %s "$(cache)")
printf '\x5a' | dd of="$(cache)" bs=1 seek=$((size / 2)) conv=notrunc status=none
show_all >"$tmp/damaged" 2>&1
same "a damaged cache is not trusted" "$tmp/parsed" "$tmp/damaged"
if [ "$(stat -c %s "$(cache)")" = "$size" ] && show_all 2>&1 | cmp -s - "$tmp/parsed"; then
	ok "a damaged cache is rebuilt"
else
	bad "a damaged cache is rebuilt"
fi
truncate -s $((size - 100)) "$(cache)"
show_all >"$tmp/cut" 2>&1
same "a truncated cache is not trusted" "$tmp/parsed" "$tmp/cut"
if [ "$(stat -c %s "$(cache)")" = "$size" ]; then ok "a truncated cache is rebuilt"; else bad "a truncated cache is rebuilt"; fi
head -c 40 /dev/urandom >"$(cache)"
show_all >"$tmp/junk" 2>&1
same "a cache of random bytes is not trusted" "$tmp/parsed" "$tmp/junk"

# A source file gone since the cache was written: the error a parse gives.
mv "$tmp/root/kernel-libs/printk/src/stamp.c" "$tmp/stamp.c"
KILN_CACHE_DIR= "$kiln" show printk >"$tmp/want" 2>&1
"$kiln" show printk >"$tmp/got" 2>&1
if grep -q "no such file" "$tmp/got"; then ok "a source removed since caching is reported"; else bad "a source removed since caching is reported"; fi
same "as a parse reports it" "$tmp/want" "$tmp/got"
mv "$tmp/stamp.c" "$tmp/root/kernel-libs/printk/src/stamp.c"

# A broken catalog is not cached; the cache of the good one stays usable.
cp "$(cache)" "$tmp/good.bin"
echo '{ "kiln_catalog": 1, "name": ' >"$tmp/root/kernel-libs/tracer/lib.json.new"
mv "$tmp/root/kernel-libs/tracer/lib.json" "$tmp/tracer.json"
mv "$tmp/root/kernel-libs/tracer/lib.json.new" "$tmp/root/kernel-libs/tracer/lib.json"
"$kiln" list >/dev/null 2>&1
same "a catalog that does not load leaves the cache as it was" "$tmp/good.bin" "$(cache)"
mv "$tmp/tracer.json" "$tmp/root/kernel-libs/tracer/lib.json"
show_all >"$tmp/back" 2>&1
same "the catalog mended loads as before" "$tmp/parsed" "$tmp/back"

# A library's third-party archive (newlib's) survives the cache: the build needs its tarball,
# sources and include folders, and a warm load once dropped them all.
name=host-cache-archive-$$
printf '{ "kiln_profile": 1, "catalog": 1, "name": "%s", "app": "%s/examples/cstd",\n  "targets": ["kvm-x86_64"] }\n' \
	"$name" "$top" >"$tmp/archive.json"
arch() { KILN_ROOT=$top KILN_CACHE_DIR=$tmp/cache-top "$kiln" resolve "$tmp/archive.json" >/dev/null 2>&1 &&
	grep '_ARCHIVE\|newlib_INCLUDES' "$top/build/$name/config.mk"; }
arch >"$tmp/arch-cold"
arch >"$tmp/arch-warm"
rm -rf "${top:?}/build/$name"
if grep -q 'KILN_LIB_newlib_ARCHIVE_SRCS' "$tmp/arch-cold"; then ok "a cold load keeps newlib's archive"; else bad "a cold load keeps newlib's archive"; fi
same "a cached load keeps it too" "$tmp/arch-cold" "$tmp/arch-warm"

# The class, not the case: every field a lib.json can hold must survive the cache (the
# archive once did not, then a platform's network). For every profile of the tree's
# examples, what resolve writes and what `kiln run --dry-run` would start (with a port
# mapping, which only a platform's network description can carry, and an initrd) must be
# the same from a parse and from a warm cache.
outputs() { # PROFILE NAME CACHE_DIR: config files and the run command, paths made neutral
	local p=$1 n=$2
	sed "s/\"name\": *\"[^\"]*\"/\"name\": \"$n\"/" "$p" >"$tmp/ex-$n.json"
	(
		cd "$(dirname "$top/$p")" || exit 1
		cp "$tmp/ex-$n.json" "./.kiln-cache-test-$n.json"
		KILN_ROOT=$top KILN_CACHE_DIR=$3 "$kiln" resolve "./.kiln-cache-test-$n.json" 2>&1
		echo "resolve: $?"
		cat "$top/build/$n/config.mk" "$top/build/$n/config.json" 2>&1
		KILN_ROOT=$top KILN_CACHE_DIR=$3 "$kiln" run --dry-run --no-build -p 18080:80 \
			--initrd "$tmp" "./.kiln-cache-test-$n.json" 2>&1
		echo "run: $?"
		rm -f "./.kiln-cache-test-$n.json"
	) | sed "s|$tmp|TMP|g"
	rm -rf "${top:?}/build/$n"
}
i=0
for p in examples/*/*.json; do
	[ "$(basename "$p")" = lib.json ] && continue
	i=$((i + 1))
	n=host-cache-ex$i-$$
	outputs "$p" "$n" "" >"$tmp/ex-cold"
	outputs "$p" "$n" "$tmp/cache-ex" >/dev/null # writes the cache
	outputs "$p" "$n" "$tmp/cache-ex" >"$tmp/ex-warm"
	same "$p: a cached load resolves and runs as a parse does" "$tmp/ex-cold" "$tmp/ex-warm"
done

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
