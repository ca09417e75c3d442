#!/usr/bin/env bash
# The real tier: boots Debian's Xen with Debian's Linux as PV dom0 under QEMU (TCG), and in
# that dom0 runs each guest with `xl create -F` (tests/xen/dom0-init.sh), one after another.
#
#   tests/xen/run-real.sh [--expect TEXT] [--cmdline TEXT] [--net-test SCRIPT] [--initrd FILE]
#                         GUEST.elf XL.cfg [...]...
#
# Prints on stdout dom0's "KILN-XEN:" report from the serial port (per guest: what
# plat/xen/run.sh and xl said, the guest's console, "KILN-XEN: shutdown reason=R status=N")
# followed by "KILN-XEN: host dom0-ready after=S total=S". For the next guest, --expect TEXT
# times "xl create → TEXT on the guest console", --cmdline TEXT replaces the config's
# command line as `kiln run PROFILE -- ARGS` does (run.sh's second argument), --net-test
# SCRIPT (with --expect) is run by dom0 once TEXT is on the guest's console (a guest that
# serves: dom0 reaches it through bridge xenbr0, 10.0.9.1/24), its output reported as
# "KILN-XEN: net: " lines, and then dom0 destroys the guest; --initrd FILE is the guest's
# ramdisk (run.sh --initrd, xl's ramdisk=). The full serial log stays in $XEN_LOG
# (build/_xen/logs/real.log). Exit 0 when dom0 finished its report, 2 otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/xen/qemu.sh
. "$here/qemu.sh"

TIMEOUT=${XEN_TIMEOUT:-}
XEN_LOG=${XEN_LOG:-build/_xen/logs/real.log}
# dom0 gets 512 MiB (Linux and the tools in RAM); guests take theirs from the rest.
XEN_ARGS="console=com1 com1=115200,8n1 dom0_mem=512M,max:512M loglvl=all guest_loglvl=all"
LINUX_ARGS="console=hvc0 earlyprintk=xen loglevel=4"

USAGE="usage: run-real.sh [--expect TEXT] [--cmdline TEXT] [--net-test SCRIPT] [--initrd FILE] GUEST.elf XL.cfg ..."
guests=()
expect=""
cmdline=""
nettest=""
initrd_of=""
while [ $# -gt 0 ]; do
	case $1 in
	--expect) [ $# -ge 2 ] || xen_die "--expect needs TEXT"; expect=$2; shift 2 ;;
	--cmdline) [ $# -ge 2 ] || xen_die "--cmdline needs TEXT"; cmdline=$2; shift 2 ;;
	--net-test) [ $# -ge 2 ] || xen_die "--net-test needs SCRIPT"; nettest=$2; shift 2 ;;
	--initrd) [ $# -ge 2 ] || xen_die "--initrd needs FILE"; initrd_of=$2; shift 2 ;;
	*)
		[ $# -ge 2 ] || xen_die "$USAGE"
		guests+=("$1" "$2" "$expect" "$cmdline" "$nettest" "$initrd_of")
		expect=""
		cmdline=""
		nettest=""
		initrd_of=""
		shift 2 ;;
	esac
done
[ ${#guests[@]} -gt 0 ] || xen_die "$USAGE"
# dom0's boot, then each guest one after another (~20-25 s each under TCG on a loaded host):
# a fixed budget ran out once make test-guest had six guests to run.
ng=$((${#guests[@]} / 6))
nnet=0
for ((i = 4; i < ${#guests[@]}; i += 6)); do [ -z "${guests[i]}" ] || nnet=$((nnet + 1)); done
[ -n "$TIMEOUT" ] || TIMEOUT=$((ng * 35 + nnet * 240 + 100 > 170 ? ng * 35 + nnet * 240 + 100 : 170))

xen_cache
"$here/initramfs.sh" base "$XEN_CACHE" || xen_die "building dom0's initramfs failed"
mkdir -p "$(dirname "$XEN_LOG")"
initrd=$XEN_LOG.initrd.gz
"$here/initramfs.sh" guests "$initrd.guests" "${guests[@]}" || xen_die "packing the guests failed"
cat "$XEN_CACHE/dom0.cpio.gz" "$initrd.guests" >"$initrd"
rm -f "$initrd.guests"

rc=0
xen_boot "$XEN_LOG" "$TIMEOUT" '^KILN-XEN: done' '^KILN-XEN: dom0 ready' \
	-cpu qemu64,+npt -m 2048 -smp 2 -kernel "$XEN_CACHE/xen.elf" -append "$XEN_ARGS" \
	-initrd "$XEN_CACHE/vmlinuz $LINUX_ARGS,$initrd" || rc=$?
# dom0's report without Xen's and Linux's own lines (they stay in the full log), except
# inside a guest's console log, which is printed whole, and Xen's word that a guest died of
# a triple fault (its shutdown then reads reason=reboot, which says little by itself).
tr -d '\r' <"$XEN_LOG" | awk '
	/^KILN-XEN: console begin/ { inside = 1 }
	/^KILN-XEN: console end/ { inside = 0 }
	inside || /^KILN-XEN: / { print }
	/^\(XEN\) d[0-9]+v[0-9]+ Triple fault/ { sub(/^\(XEN\) /, ""); print "KILN-XEN: xen: " $0 }'
echo "KILN-XEN: host dom0-ready after=$XEN_READY_AFTER total=$XEN_TOTAL"
if [ $rc -ne 0 ] || ! grep -qa '^KILN-XEN: done' "$XEN_LOG" || grep -qa '^KILN-XEN: error' "$XEN_LOG"; then
	echo "kiln: tests/xen/run-real.sh: dom0 did not finish (rc=$rc); serial log: $XEN_LOG" >&2
	tr -d '\r' <"$XEN_LOG" | tail -n 30 >&2
	exit 2
fi
