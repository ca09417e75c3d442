#!/usr/bin/env bash
# `kiln run` for Xen images on a machine that is not a Xen dom0 (plat/xen/run.sh hands
# over here): boots the image under Debian's real Xen 4.17 inside QEMU (TCG), with the
# harness of the Xen tests (tests/xen/README.md), streams the guest's console and exits
# with the app's status. Two ways, chosen with KILN_XEN_NESTED:
#
#   quick (default)  the image is Xen's PVH dom0 (tests/xen/run-quick.sh): Xen alone, no
#                    Linux, no toolstack; a second or two plus Xen's boot. The console is
#                    streamed as it comes; the status is the guest's last console line.
#   real             Debian's Linux as PV dom0 boots the image as a PVH domU with xl, as
#                    run.sh does on a Xen host (tests/xen/run-real.sh); ~20 s. The console
#                    shows once the guest is done (dom0 copies it out then); the status
#                    comes through xenstore.
#
#   plat/xen/run-nested.sh [--initrd FILE] XL.cfg [CMDLINE]
#
# FILE is the guest's initrd: the module after the image in the quick tier (Xen hands it to
# its dom0 in the PVH start info), the domU's ramdisk= in the real tier (run.sh --initrd).
# Xen and the tools come from Debian's archive, fetched once into build/_xen/ (progress on
# stderr). Exit status as run.sh's: 0-125 the app's, 255 the guest crashed, 254 it stopped
# without a status, 253 Xen or QEMU failed, 1 nothing booted (no config, fetch failed).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
xent=$root/tests/xen

die() {
	echo "kiln: run: xen: $*" >&2
	exit 1
}

initrd=""
if [ "${1:-}" = --initrd ]; then
	initrd=${2:-}
	shift 2 || die "usage: plat/xen/run-nested.sh [--initrd FILE] XL.cfg [CMDLINE]"
fi
[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: plat/xen/run-nested.sh [--initrd FILE] XL.cfg [CMDLINE]"
cfg=$1
cmdline=${2:-}
tier=${KILN_XEN_NESTED:-quick}
[ -r "$cfg" ] || die "$cfg: no such xl config (build the profile first)"
[ -x "$xent/run-quick.sh" ] || die "no $xent/run-quick.sh: the Xen harness of kiln's tree is needed"
elf=$(sed -n 's/^ *kernel *= *"\([^"]*\)".*/\1/p' "$cfg")
[ -r "$elf" ] || die "$cfg: its kernel \"$elf\" is missing (build the profile first)"

case $tier in
quick) how="the image as Xen's PVH dom0 (quick; KILN_XEN_NESTED=real: a Linux dom0 runs it with xl)" ;;
real) how="Debian's Linux as dom0 running the image with xl (real)" ;;
*) die "KILN_XEN_NESTED=$tier: want quick or real" ;;
esac
echo "kiln: run: xen: this machine is not a Xen dom0: booting under Xen 4.17 inside QEMU (TCG), $how" >&2

export XEN_CACHE_ROOT=$root/build/_xen
export XEN_TIMEOUT=${KILN_XEN_TIMEOUT:-100000}
mkdir -p "$XEN_CACHE_ROOT/logs"
export XEN_LOG=$XEN_CACHE_ROOT/logs/run-$tier-$$.log
report=$XEN_LOG.report
# A cache from an earlier fetch serves as it is (asking apt whether it is the newest takes
# seconds; make test-xen refreshes it); else fetch now, with progress on stderr.
XEN_CACHE=$(ls -d "$XEN_CACHE_ROOT"/[0-9a-f]*/versions.txt 2>/dev/null | head -n1)
XEN_CACHE=${XEN_CACHE%/versions.txt}
if [ -z "$XEN_CACHE" ]; then
	echo "kiln: run: xen: first run: fetching Xen 4.17, Linux and the Xen tools from Debian's archive into $XEN_CACHE_ROOT" >&2
	XEN_CACHE=$("$xent/fetch.sh" "$XEN_CACHE_ROOT") || die "fetching Xen from Debian's archive failed"
fi
export XEN_CACHE

# stream FILTER: follows the serial log until the runner ($runner) ends, through FILTER.
stream() {
	tail -n +1 -F --pid="$runner" "$XEN_LOG" 2>/dev/null | tr -d '\r' | awk "$1"
}

# The runner dies with this script, however it ends (kiln's SIGKILL included: this script is
# kiln's child through run.sh's exec, and dies with kiln by PR_SET_PDEATHSIG); its QEMU dies
# with the runner the same way (tests/xen/qemu.sh).
pdeath=()
command -v setpriv >/dev/null 2>&1 && pdeath=(setpriv --pdeathsig KILL)
rm -f "$XEN_LOG"
if [ "$tier" = quick ]; then
	XEN_INITRD=$initrd "${pdeath[@]}" "$xent/run-quick.sh" "$elf" "$cmdline" >"$report" 2>"$report.err" &
	runner=$!
	# The guest's console_io lines arrive unprefixed between Xen's "(XEN) " lines.
	stream '!/^\(XEN\)/ { print; fflush() }'
else
	set -- --cmdline "$cmdline"
	[ -z "$initrd" ] || set -- "$@" --initrd "$initrd"
	"${pdeath[@]}" "$xent/run-real.sh" "$@" "$elf" "$cfg" >"$report" 2>"$report.err" &
	runner=$!
	stream '/^KILN-XEN: console end/ { on = 0 } on { print; fflush() } /^KILN-XEN: console begin/ { on = 1 }'
fi
wait "$runner"
rc=$?

field() { sed -n "s/^KILN-XEN: shutdown .*\\b$1=\\([^ ]*\\).*/\\1/p" "$report" | tail -n1; }
reason=$(field reason)
status=$(field status)
if [ $rc -ne 0 ] || [ -z "$reason" ]; then
	echo "kiln: run: xen: Xen did not report the guest's end (full log: $XEN_LOG)" >&2
	sed 's/^/kiln: run: xen: /' "$report.err" | tail -n 15 >&2
	exit 253
fi
# The last run's full serial log stays as run-<tier>.log.
mv -f "$XEN_LOG" "$XEN_CACHE_ROOT/logs/run-$tier.log"
rm -f "$report" "$report.err" "$XEN_LOG".*
echo "kiln: run: xen: reason=$reason status=${status:-none}" >&2
case $reason in crash) exit 255 ;; esac
case $status in '' | *[!0-9]*) exit 254 ;; esac
[ "$status" -le 125 ] || status=125
exit "$status"
