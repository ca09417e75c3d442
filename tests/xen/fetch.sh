#!/usr/bin/env bash
# Fetches what the Xen boot tests run on, from Debian's archive, into a cache that later runs
# reuse: Xen's hypervisor (gunzipped, a multiboot ELF QEMU's -kernel boots as is), Debian's
# Linux kernel with the Xen and network modules dom0 needs, busybox-static, xen-utils-4.17 and the
# shared libraries its daemons load. Nothing is installed on the host: packages are fetched with
# `apt-get download` and unpacked with `dpkg -x` below the cache.
#
#   tests/xen/fetch.sh [CACHE_ROOT]     (default build/_xen)
#
# Prints the cache folder on stdout, build/_xen/<key>/, where <key> hashes every package
# version used; progress goes to stderr. The folder holds:
#   xen.elf            the hypervisor
#   vmlinuz            dom0's kernel
#   rootfs/            dom0's files: busybox, the Xen tools and libraries, the modules
#   versions.txt       the packages and versions it was made from
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=${1:-build/_xen}
XEN_VER=4.17
# The toolstack's five, then the network's: netback and the bridge (after what it needs).
MODULES="xen-evtchn xen-privcmd xen-gntdev xen-gntalloc xenfs llc stp bridge xen-netback"
# dom0's programs: the toolstack, its daemons, the console client `xl create -c` starts,
# the xenstore client plat/xen/run.sh reads the exit status with, and curl, the HTTP client
# the network tests fetch from guests with.
TOOLS="usr/lib/xen-$XEN_VER/bin/xl usr/lib/xen-$XEN_VER/bin/xenstored
usr/lib/xen-$XEN_VER/bin/xenconsoled usr/lib/xen-$XEN_VER/bin/xenconsole
usr/lib/xen-$XEN_VER/bin/xen-init-dom0 usr/bin/xenstore usr/bin/curl"

say() { echo "xen-fetch: $*" >&2; }
die() { echo "kiln: tests/xen/fetch.sh: $*" >&2; exit 1; }

# Candidate version of a package, empty when apt does not know it.
candidate() {
	apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -v '(none)' || true
}

# The concrete package behind linux-image-amd64 (a metapackage naming one ABI's image).
linux_package() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n1
}

# Library packages the tools need: xen-utils' and curl's own lib* dependencies and theirs,
# recursively.
# libgcc-s1 is added by name: glibc loads libgcc_s.so.1 with dlopen (thread cancellation), so
# no ELF lists it as NEEDED, yet xl aborts without it.
library_packages() {
	local direct
	direct=$(apt-cache depends "xen-utils-$XEN_VER" curl | sed -n 's/^ *Depends: \(lib[^ <]*\)$/\1/p' |
		sort -u)
	# shellcheck disable=SC2086
	apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
		--no-replaces --no-enhances $direct libgcc-s1 | grep -v -E '^[ <]' | sort -u
}

package_list() {
	local lin
	lin=$(linux_package)
	[ -n "$lin" ] || return 1
	printf '%s\n' "xen-hypervisor-$XEN_VER-amd64" "xen-utils-$XEN_VER" xenstore-utils "$lin" \
		busybox-static curl
	library_packages
}

# "package=version" lines for the given packages, from one apt-cache call (each costs ~0.4 s);
# a package without a candidate gets an empty version.
versions_of() {
	# shellcheck disable=SC2046
	apt-cache policy "$@" 2>/dev/null | awk '
		/^[^ ]/ { sub(/:$/, ""); sub(/:amd64$/, ""); pkg = $0 }
		/^  Candidate:/ { v = $2; if (v == "(none)") v = ""; print pkg "=" v }'
}

# "package=version" lines; runs apt-get update once when the lists do not know a package.
resolve_versions() {
	local pkgs out
	pkgs=$(package_list) || pkgs=""
	if [ -z "$pkgs" ] || [ -z "$(candidate "xen-utils-$XEN_VER")" ]; then
		say "apt lists lack Xen packages: running apt-get update"
		apt-get update -qq >&2 || die "apt-get update failed"
		pkgs=$(package_list) || die "no linux-image-amd64 in Debian's lists"
	fi
	# shellcheck disable=SC2086
	out=$(versions_of $pkgs)
	[ "$(grep -c . <<<"$out")" -eq "$(wc -w <<<"$pkgs")" ] ||
		die "apt-cache policy did not answer for every package of: $pkgs"
	if grep -q '=$' <<<"$out"; then
		die "no installable version of: $(sed -n 's/=$//p' <<<"$out" | tr '\n' ' ')"
	fi
	printf '%s\n' "$out"
}

# Downloads the given package=version list into $debs (skipping what is already there).
download() {
	local want=() pv file
	for pv in "$@"; do
		file="${pv%%=*}_$(echo "${pv#*=}" | sed 's/:/%3a/')_"
		compgen -G "$debs/$file*.deb" >/dev/null || want+=("$pv")
	done
	[ ${#want[@]} -eq 0 ] && return 0
	say "downloading ${#want[@]} packages"
	(cd "$debs" && apt-get -o APT::Sandbox::User=root download -q "${want[@]}" >&2) ||
		die "apt-get download failed for: ${want[*]}"
}

# Unpacks every listed package into $1.
unpack_all() {
	local dest=$1 pv file
	shift
	for pv in "$@"; do
		file="${pv%%=*}_$(echo "${pv#*=}" | sed 's/:/%3a/')_"
		dpkg -x "$(compgen -G "$debs/$file*.deb" | head -n1)" "$dest"
	done
}

# Finds the file of a soname in the unpacked tree's library folders.
find_lib() {
	local d
	for d in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu lib64 usr/lib/xen-$XEN_VER/lib; do
		if [ -e "$tree/$d/$1" ]; then
			echo "$d/$1"
			return 0
		fi
	done
	return 1
}

# Copies a file (following its symlink chain) from $tree to $rootfs, keeping the path.
copy_in() {
	mkdir -p "$rootfs/$(dirname "$1")"
	cp -L "$tree/$1" "$rootfs/$1"
}

# Copies the tools and the closure of their NEEDED libraries (read with readelf).
stage_tools() {
	local queue=() seen=" " f so lib t
	for t in $TOOLS; do
		copy_in "$t"
		queue+=("$t")
	done
	queue+=("$(find_lib libgcc_s.so.1)") || die "libgcc_s.so.1 not in the unpacked packages"
	copy_in "${queue[-1]}"
	while [ ${#queue[@]} -gt 0 ]; do
		f=${queue[0]}
		queue=("${queue[@]:1}")
		for so in $(readelf -d "$tree/$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			case $seen in *" $so "*) continue ;; esac
			seen+="$so "
			lib=$(find_lib "$so") || die "$f needs $so, which no fetched package holds"
			copy_in "$lib"
			queue+=("$lib")
		done
	done
	# The dynamic loader is named by path in PT_INTERP, not in NEEDED.
	mkdir -p "$rootfs/lib64"
	cp -L "$tree/lib64/ld-linux-x86-64.so.2" "$rootfs/lib64/"
}

# Copies the modules to /lib/modules/ and checks each one's dependencies load before it.
stage_modules() {
	local kdir m path deps d loaded=" "
	kdir=$(echo "$tree"/lib/modules/*/kernel)
	[ -d "$kdir" ] || die "no kernel modules in the Linux package"
	mkdir -p "$rootfs/lib/modules"
	for m in $MODULES; do
		path=$(find "$kdir" -name "$m.ko*" | head -n1)
		[ -n "$path" ] || die "module $m not found in the Linux package"
		case $path in
		*.xz) xz -dc "$path" >"$rootfs/lib/modules/$m.ko" ;;
		*.zst) zstd -qdc "$path" >"$rootfs/lib/modules/$m.ko" ;;
		*) cp "$path" "$rootfs/lib/modules/$m.ko" ;;
		esac
		deps=$(strings -a "$rootfs/lib/modules/$m.ko" | sed -n 's/^depends=//p' | tr , ' ')
		for d in $deps; do
			case $loaded in *" $d "*) ;; *) die "module $m needs $d, loaded after it or not at all" ;; esac
		done
		loaded+="$m "
	done
}

build_cache() {
	local dir=$1 pvs=$2 tmp
	tmp=$(mktemp -d "$root/tmp.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	tree=$tmp/tree
	rootfs=$tmp/rootfs
	mkdir -p "$tree" "$rootfs/bin"
	# shellcheck disable=SC2086
	download $pvs
	# shellcheck disable=SC2086
	unpack_all "$tree" $pvs
	gzip -dc "$tree/boot/xen-$XEN_VER-amd64.gz" >"$tmp/xen.elf"
	cp "$(compgen -G "$tree/boot/vmlinuz-*" | head -n1)" "$tmp/vmlinuz"
	cp "$tree/bin/busybox" "$rootfs/bin/busybox"
	stage_tools
	stage_modules
	printf '%s\n' $pvs >"$tmp/versions.txt"
	rm -rf "$tree"
	rm -rf "$dir"
	mv "$tmp" "$dir"
	trap - EXIT
	# Caches of older package versions are dead weight (the Linux image alone is 70 MB).
	find "$root" -maxdepth 1 -regextype egrep -regex '.*/[0-9a-f]{12}' ! -path "$dir" \
		-exec rm -rf {} +
}

main() {
	local pvs key dir
	command -v apt-get >/dev/null || die "needs apt-get (Debian)"
	mkdir -p "$root"
	root=$(cd "$root" && pwd)
	debs=$root/debs
	mkdir -p "$debs"
	pvs=$(resolve_versions)
	# The key covers the versions and this script, so a change to either makes a new cache.
	key=$( (echo "$pvs"; cat "$here/fetch.sh") | sha256sum | cut -c1-12)
	dir=$root/$key
	if [ ! -f "$dir/versions.txt" ]; then
		say "building cache $dir"
		build_cache "$dir" "$pvs"
	fi
	echo "$dir"
}

main "$@"
