#!/usr/bin/env bash
# The quick tier: boots Debian's Xen under QEMU (TCG) with the guest itself as Xen's PVH dom0:
# no Linux, no toolstack, a few seconds. As the initial domain the guest has no console ring
# and no xenstore, so it writes with the console_io hypercall, which Xen copies to the serial
# port unprefixed, between its own "(XEN) " lines.
#
#   tests/xen/run-quick.sh GUEST.elf [CMDLINE]
#
# Prints on stdout:
#   KILN-XEN: console begin / end           the guest's output (serial lines not from Xen)
#   KILN-XEN: shutdown reason=R status=N    R from Xen's "Hardware Dom0 …" line; N from the
#                                           guest's last "kiln: exit status N" line, or none
#   KILN-XEN: host total=S
# The full serial log stays in $XEN_LOG (build/_xen/logs/quick.log). QEMU's -initrd splits
# modules at commas, so CMDLINE's reach it doubled (",," is one comma there). XEN_INITRD, when
# set, is a second module: Xen gives it to dom0 as its initrd (the PVH start info's modlist). Exit 0 when Xen
# reported dom0's end, else 2.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/xen/qemu.sh
. "$here/qemu.sh"

[ $# -ge 1 ] && [ $# -le 2 ] || xen_die "usage: run-quick.sh GUEST.elf [CMDLINE]"
guest=$1
cmdline=${2:-}
[ -f "$guest" ] || xen_die "$guest: no such guest image"
TIMEOUT=${XEN_TIMEOUT:-60}
XEN_LOG=${XEN_LOG:-build/_xen/logs/quick.log}
# dom0=pvh needs an IOMMU with interrupt remapping: q35 with QEMU's intel-iommu.
XEN_ARGS="console=com1 com1=115200,8n1 guest_loglvl=all dom0=pvh dom0_mem=64M iommu=1 noreboot"
# Xen's last words about its initial domain (xen/common/shutdown.c), or a panic.
END_RE='Hardware Dom0 (halted|crashed|shutdown)|Panic on CPU|Domain 0 crashed'

xen_cache
mkdir -p "$(dirname "$XEN_LOG")"
rc=0
xen_boot "$XEN_LOG" "$TIMEOUT" "$END_RE" 'Std\. Loglevel' \
	-M q35 -device intel-iommu,intremap=on -cpu qemu64,+npt -m 512 \
	-kernel "$XEN_CACHE/xen.elf" -append "$XEN_ARGS" -initrd "$guest ${cmdline//,/,,}${XEN_INITRD:+,$XEN_INITRD}" || rc=$?

log=$(tr -d '\r' <"$XEN_LOG")
reason=none
case $log in
*"Hardware Dom0 halted"*) reason=poweroff ;;
*"Hardware Dom0 crashed"* | *"Domain 0 crashed"*) reason=crash ;;
*"Hardware Dom0 shutdown"*) reason=reboot ;;
esac
status=$(sed -n 's/.*kiln: exit status \(-\{0,1\}[0-9]*\).*/\1/p' <<<"$log" | tail -n1)
echo "KILN-XEN: console begin"
grep -av '^(XEN)' <<<"$log" || true
echo "KILN-XEN: console end"
echo "KILN-XEN: shutdown reason=$reason status=${status:-none}"
echo "KILN-XEN: host total=$XEN_TOTAL"
if [ $rc -ne 0 ] || [ $reason = none ]; then
	echo "kiln: tests/xen/run-quick.sh: Xen did not report dom0's end (rc=$rc); log: $XEN_LOG" >&2
	tail -n 20 <<<"$log" >&2
	exit 2
fi
