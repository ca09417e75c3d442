#!/bin/sh
# `kiln run` for Xen images, on a Xen dom0: boots the image's xl config with the guest's
# console on this terminal, then hands back the app's exit status. On any other machine it
# hands over to run-nested.sh, which boots the image under a real Xen inside QEMU. POSIX sh, so busybox
# runs it too (tests/xen/dom0-init.sh boots every test guest through it).
#
#   plat/xen/run.sh [--initrd FILE] XL.cfg [CMDLINE]
#
# CMDLINE replaces the config's command line (the app's arguments after "--"); FILE becomes
# the guest's ramdisk= (a module in its PVH start info: the initrd library unpacks it).
# Exit status, as for KVM images (buildsys/driver.c):
#   0-125 the app's exit status   255 the guest crashed   254 it stopped without a status
#   1     xl failed (253: the Xen inside QEMU failed, run-nested.sh)
# The last line on stderr always reads "kiln: run: xen: reason=R status=N", R the
# shutdown reason Xen reports (poweroff, crash, ..., none) and N the status or "none".
#
# How the status gets out (plat/xen/src/shutdown.c): the guest writes it to its xenstore
# key data/exit-status before it shuts down. xl runs with on_poweroff/on_crash="preserve"
# so the dead domain, and that key, stay until this script has read them and destroys it
# (which also ends the console client).

die() {
	echo "kiln: run: $*" >&2
	exit 1
}

initrd=""
if [ "${1:-}" = --initrd ]; then
	[ $# -ge 2 ] || die "usage: plat/xen/run.sh [--initrd FILE] XL.cfg [CMDLINE]"
	initrd=$2
	[ -r "$initrd" ] || die "$initrd: no such initrd"
fi
[ -z "$initrd" ] || shift 2
[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: plat/xen/run.sh [--initrd FILE] XL.cfg [CMDLINE]"
cfg=$1
[ -r "$cfg" ] || die "$cfg: no such xl config (build the profile first)"

# Not a Xen dom0: boot it under a real Xen inside QEMU instead (run-nested.sh says so on
# its first line). KILN_XEN_NESTED=no keeps to this machine's own Xen.
if ! grep -qs control_d /proc/xen/capabilities; then
	[ "${KILN_XEN_NESTED:-}" != no ] || die "no Xen here: this machine is not a Xen dom0 (no
  control_d in /proc/xen/capabilities), and KILN_XEN_NESTED=no. On a Xen host: xl create -c $cfg"
	[ -z "$initrd" ] || set -- --initrd "$initrd" "$@"
	exec "$(dirname "$0")/run-nested.sh" "$@"
fi
command -v xl >/dev/null 2>&1 || die "this Xen dom0 has no xl on PATH (Debian: xen-utils)"

name=$(sed -n 's/^ *name *= *"\([^"]*\)".*/\1/p' "$cfg")
[ -n "$name" ] || die "$cfg: no name = \"...\" line"
xl domid "$name" >/dev/null 2>&1 && die "a domain named $name is already running"
cmdline=${2:-}

# xl create -c: create the domain, then become the console client on this terminal. The
# console stays while the preserved domain exists, so it runs in the background and this
# script watches the domain's state: "s" shut down, "c" crashed (xl list).
set -- "$cfg" 'on_poweroff="preserve"' 'on_crash="preserve"' 'on_reboot="preserve"'
if [ -n "$cmdline" ]; then
	set -- "$@" "cmdline=\"$(printf '%s' "$cmdline" | sed 's/[\\"]/\\&/g')\""
fi
if [ -n "$initrd" ]; then
	set -- "$@" "ramdisk=\"$(printf '%s' "$initrd" | sed 's/[\\"]/\\&/g')\""
fi
# A background job's stdin would be /dev/null: hand it the terminal explicitly, so the
# guest's console still takes keys. Interrupted, destroy the domain rather than leave it.
exec 3<&0
xl create -c "$@" <&3 3<&- &
console=$!
trap '[ -n "$id" ] && xl destroy "$id" >/dev/null 2>&1; exit 130' INT TERM

# Fields of `xl list -v ID`'s line: 5 the state, 8 the shutdown reason code (SHUTDOWN_* in
# Xen's public sched.h). Between looks, xenstored's @releaseDomain watch, which fires when
# a domain shuts down, wakes this loop at once (its first event fires on registration,
# hence -n 2); the timeout covers a shutdown that came before the watch did.
id=""
state=""
while kill -0 "$console" 2>/dev/null; do
	[ -n "$id" ] || id=$(xl domid "$name" 2>/dev/null)
	[ -n "$id" ] && state=$(xl list -v "$id" 2>/dev/null | awk 'NR == 2 { print $5, $8 }')
	case ${state%% *} in *s* | *c*) break ;; esac
	if [ -n "$id" ]; then
		timeout 2 xenstore-watch -n 2 @releaseDomain >/dev/null 2>&1
	else
		sleep 0.2
	fi
done
[ -n "$id" ] || { wait "$console"; die "xl create failed for $cfg"; }
case $state in
*c*) reason=crash ;;
*s*" 0") reason=poweroff ;;
*s*" 1") reason=reboot ;;
*s*) reason="shutdown-${state##* }" ;;
*) reason=none ;;
esac
status=$(xenstore-read "/local/domain/$id/data/exit-status" 2>/dev/null)
# The guest drained its ring into xenconsoled before shutting down; give the console
# client a moment to copy the last lines from xenconsoled's pty, which the destroy closes.
sleep 1
xl destroy "$id" >/dev/null 2>&1	# also ends the console client
wait "$console"
echo "kiln: run: xen: reason=$reason status=${status:-none}" >&2

case $reason in
crash) exit 255 ;;
esac
case $status in
'' | *[!0-9]*) exit 254 ;;
esac
[ "$status" -le 125 ] || status=125
exit "$status"
