# Sourced by run-real.sh and run-quick.sh: boots Xen in QEMU with TCG and watches the serial
# log until a marker shows up, QEMU exits, or time runs out; nothing is left running.
#
# Why these QEMU settings (measured, see tests/xen/README.md): /dev/kvm here cannot run Xen,
# so TCG; Debian's Xen has no shadow paging, so PVH guests need nested paging: +npt on an
# AMD-like qemu64 CPU.

XEN_QEMU=${XEN_QEMU:-qemu-system-x86_64}
# QEMU dies with the script that started it, however that ends (SIGKILL too: `kiln run` of a
# Xen image is kiln -> run.sh -> run-nested.sh -> run-quick.sh -> QEMU, each link ended by
# its parent's death through PR_SET_PDEATHSIG, util-linux's setpriv --pdeathsig).
XEN_PDEATH=()
command -v setpriv >/dev/null 2>&1 && XEN_PDEATH=(setpriv --pdeathsig KILL)

xen_die() { echo "kiln: tests/xen/$(basename "$0"): $*" >&2; exit 2; }

# xen_boot LOG TIMEOUT DONE_RE READY_RE QEMU_ARGS...
# Runs QEMU in the background with the serial port in LOG. Returns 0 when DONE_RE matched or
# QEMU exited by itself, 124 on timeout. Sets XEN_READY_AFTER to the seconds (host clock)
# until READY_RE first matched, and XEN_TOTAL to the seconds the whole run took.
xen_boot() {
	local log=$1 timeout=$2 done_re=$3 ready_re=$4 pid t0 now rc=0
	shift 4
	: >"$log"
	XEN_READY_AFTER=none
	t0=$(date +%s.%N)
	"${XEN_PDEATH[@]}" "$XEN_QEMU" -accel tcg -display none -nodefaults -no-reboot -serial "file:$log" "$@" \
		</dev/null >"$log.qemu" 2>&1 &
	pid=$!
	while :; do
		now=$(date +%s.%N)
		if [ "$XEN_READY_AFTER" = none ] && grep -qaE -- "$ready_re" "$log"; then
			XEN_READY_AFTER=$(awk "BEGIN{printf \"%.1f\", $now - $t0}")
		fi
		grep -qaE -- "$done_re" "$log" && break
		kill -0 "$pid" 2>/dev/null || break
		if awk "BEGIN{exit !($now - $t0 > $timeout)}"; then
			rc=124
			break
		fi
		sleep 0.2
	done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	XEN_TOTAL=$(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $t0}")
	grep -v "terminating on signal" "$log.qemu" | sed "s/^/qemu: /" >&2 || true
	return $rc
}

# The hypervisor from the cache that tests/xen/fetch.sh fills; a caller that already knows
# the cache (plat/xen/run-nested.sh) passes it as XEN_CACHE, saving fetch.sh's apt queries.
xen_cache() {
	local here
	[ -n "${XEN_CACHE:-}" ] && [ -f "$XEN_CACHE/versions.txt" ] && return 0
	here=$(cd "$(dirname "$0")" && pwd)
	XEN_CACHE=$("$here/fetch.sh" "${XEN_CACHE_ROOT:-build/_xen}") || xen_die "fetching Xen failed"
}
