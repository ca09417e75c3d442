#!/bin/sh
# Unpacks a library's third-party archive (lib.json "archive") for the Make backend:
#
#   buildsys/unpack.sh LIB ARCHIVE SHA256 PACKAGE DIR [OVERLAY]
#
# checks that ARCHIVE is there (else names the Debian package that installs it) and has
# the checksum LIB's lib.json records (a different archive is never built silently), then
# extracts it without its one top folder into a fresh DIR.tmp.PID, copies OVERLAY (a
# folder of LIB: files a configure would have generated) over it, and renames it to DIR with
# DIR/.kiln-unpacked in it, so an interrupted run leaves no half tree that looks complete.
#
# Two builds may ask at once (two profiles built side by side in one tree, make mutate's
# lanes): DIR.lock serializes them, and under it the stamp is judged again as make judged
# it (there, newer than ARCHIVE, this script and every file of OVERLAY): the second build
# then finds the first one's tree and leaves it alone instead of unpacking it again while
# the first build compiles from it.
set -eu
lib=$1 archive=$2 sum=$3 package=$4 dir=$5 overlay=${6:-}

if [ ! -r "$archive" ]; then
	echo "kiln: $lib needs $archive: install Debian's $package (make deps does)" >&2
	exit 1
fi
mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock 9
stamp=$dir/.kiln-unpacked
if [ -e "$stamp" ] &&
	[ -z "$(find "$archive" "$0" ${overlay:+"$overlay"} -newer "$stamp" -print -quit)" ]; then
	exit 0
fi
got=$(sha256sum <"$archive" | cut -d' ' -f1)
if [ "$got" != "$sum" ]; then
	echo "kiln: $archive: sha256 is $got, $lib/lib.json records $sum: refusing another archive" >&2
	rm -f "$dir.lock"
	exit 1
fi
rm -rf "$dir".tmp.* # an unpacking killed before: under the lock, no one else's
tmp=$dir.tmp.$$
mkdir "$tmp"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
tar -xf "$archive" -C "$tmp" --strip-components=1 --no-same-owner --no-same-permissions
if [ -n "$overlay" ]; then
	cp -R "$overlay/." "$tmp/"
fi
touch "$tmp/.kiln-unpacked"
rm -rf "$dir"
mv "$tmp" "$dir"
