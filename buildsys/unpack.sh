#!/bin/sh
# Unpacks a library's third-party archive (lib.json "archive") for the Make backend:
#
#   buildsys/unpack.sh LIB ARCHIVE SHA256 PACKAGE DIR [OVERLAY]
#
# checks that ARCHIVE is there (else names the Debian package that installs it) and has
# the checksum LIB's lib.json records (a different archive is never built silently), then
# extracts it without its one top folder into DIR.tmp, copies OVERLAY (a folder of LIB:
# files a configure would have generated) over it, and renames it to DIR with DIR/.kiln-
# unpacked last, so an interrupted run leaves no half tree that looks complete.
set -eu
lib=$1 archive=$2 sum=$3 package=$4 dir=$5 overlay=${6:-}

if [ ! -r "$archive" ]; then
	echo "kiln: $lib needs $archive: install Debian's $package (make deps does)" >&2
	exit 1
fi
got=$(sha256sum <"$archive" | cut -d' ' -f1)
if [ "$got" != "$sum" ]; then
	echo "kiln: $archive: sha256 is $got, $lib/lib.json records $sum: refusing another archive" >&2
	exit 1
fi
rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
tar -xf "$archive" -C "$dir.tmp" --strip-components=1 --no-same-owner --no-same-permissions
if [ -n "$overlay" ]; then
	cp -R "$overlay/." "$dir.tmp/"
fi
rm -rf "$dir"
mv "$dir.tmp" "$dir"
touch "$dir/.kiln-unpacked"
