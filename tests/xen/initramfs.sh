#!/usr/bin/env bash
# Builds the test dom0's initramfs as two gzipped cpio (newc) archives that Linux unpacks one
# after the other when they are concatenated:
#
#   tests/xen/initramfs.sh base CACHE           -> CACHE/dom0.cpio.gz (cached, reproducible:
#                                                  fixed owner and mtime, sorted, gzip -n)
#   tests/xen/initramfs.sh guests OUT ELF CFG EXPECT CMDLINE NETTEST INITRD [ELF CFG ...]...
#                                               -> OUT: /guest/01/, /guest/02/, … each with
#                                                  the ELF, guest.cfg (its kernel = that ELF)
#                                                  and, unless "", expect and cmdline; and
#                                                  /guest/run.sh, plat/xen/run.sh
#
# CACHE is the folder tests/xen/fetch.sh printed; the base archive is its rootfs/ plus
# tests/xen/dom0-init.sh as /init, and is rebuilt only when either changes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
die() { echo "kiln: tests/xen/initramfs.sh: $*" >&2; exit 1; }

# Writes the tree in $1 as a reproducible gzipped cpio to $2.
pack() {
	local tree=$1 out=$2
	find "$tree" -exec touch -h -d @0 {} +
	(cd "$tree" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc --reproducible -R 0:0 --quiet) | gzip -9n >"$out.tmp.$$"
	mv "$out.tmp.$$" "$out" # whole, even when two runners pack the same cache at once
}

base() {
	local cache=$1 key
	[ -d "$cache/rootfs" ] || die "$cache: no rootfs/ (run tests/xen/fetch.sh first)"
	key=$(cat "$here/dom0-init.sh" "$here/initramfs.sh" "$here/vif-bridge" "$cache/versions.txt" |
		sha256sum)
	if [ -f "$cache/dom0.cpio.gz" ] && [ "$(cat "$cache/dom0.key" 2>/dev/null)" = "$key" ]; then
		return 0
	fi
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cp -a "$cache/rootfs/." "$tmp/"
	install -m 755 "$here/dom0-init.sh" "$tmp/init"
	mkdir -p "$tmp"/{proc,sys,dev,run,tmp,var,etc/xen}
	: >"$tmp/etc/xen/xl.conf"	# xl complains when it is missing; defaults suit us
	install -D -m 755 "$here/vif-bridge" "$tmp/etc/xen/scripts/vif-bridge"
	for t in read write ls list rm exists watch; do
		ln -s xenstore "$tmp/usr/bin/xenstore-$t"
	done
	pack "$tmp" "$cache/dom0.cpio.gz"
	echo "$key" >"$cache/dom0.key"
}

# One guest as /guest/NN/: its ELF, guest.cfg (kernel = that ELF), optionally expect,
# cmdline, net-test (a script dom0 runs once expect is seen, then it destroys the guest)
# and initrd (the guest's ramdisk, run.sh --initrd).
add_guest() {
	local dir=$1 elf=$2 cfg=$3 expect=$4 cmdline=$5 nettest=$6 initrd=$7 name
	[ -f "$elf" ] || die "$elf: no such guest image"
	[ -f "$cfg" ] || die "$cfg: no such xl config"
	grep -q '^ *kernel *=' "$cfg" || die "$cfg: no kernel = line"
	grep -q '^ *name *= *"' "$cfg" || die "$cfg: no name = \"...\" line"
	name=$(basename "$elf")
	mkdir -p "$dir"
	cp "$elf" "$dir/$name"
	sed "s|^ *kernel *=.*|kernel = \"${dir#"$tmp"}/$name\"|" "$cfg" >"$dir/guest.cfg"
	[ -z "$expect" ] || printf '%s\n' "$expect" >"$dir/expect"
	[ -z "$cmdline" ] || printf '%s\n' "$cmdline" >"$dir/cmdline"
	if [ -n "$nettest" ]; then
		[ -f "$nettest" ] || die "$nettest: no such script"
		[ -n "$expect" ] || die "$nettest: a net test needs an expected line to start at"
		install -m 755 "$nettest" "$dir/net-test"
	fi
	if [ -n "$initrd" ]; then
		[ -f "$initrd" ] || die "$initrd: no such initrd"
		cp "$initrd" "$dir/initrd"
	fi
}

guests() {
	local out=$1 n=0
	shift
	[ $(($# % 6)) -eq 0 ] && [ $# -gt 0 ] || die "guests: want ELF CFG EXPECT CMDLINE NETTEST INITRD groups"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	while [ $# -gt 0 ]; do
		n=$((n + 1))
		add_guest "$tmp/guest/$(printf %02d $n)" "$1" "$2" "$3" "$4" "$5" "$6"
		shift 6
	done
	# The guests boot the way `kiln run` boots them on a Xen host.
	install -m 755 "$here/../../plat/xen/run.sh" "$tmp/guest/run.sh"
	pack "$tmp" "$out"
}

case ${1:-} in
base) [ $# -eq 2 ] || die "usage: base CACHE"; base "$2" ;;
guests) shift; guests "$@" ;;
*) die "usage: initramfs.sh base CACHE | guests OUT ELF CFG EXPECT CMDLINE NETTEST INITRD [...]..." ;;
esac
