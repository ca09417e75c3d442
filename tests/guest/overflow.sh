# shellcheck shell=bash
# Sourced by tests/guest/run.sh: a thread that overruns its stack must stop the image with
# the crash status and a line naming it, "kiln: thread overflower: stack overflow" (the
# guard page below each thread's stack, kernel-libs/sched). sched-tests does that when
# booted with the argument "overflow"; its images were built by the loop above. On Xen the
# quick tier boots the image as dom0 with no arguments from here, so a dedicated image,
# tests/guest/data/overflow, overflows at once.

overflow_boot() { # PLATFORM TARGET [kiln run options]
	local plat=$1 target=$2 p status out=$LOG/sched-tests-overflow-$1.txt
	shift 2
	p=$LOG/profiles/sched-tests-$plat.json
	if [ ! -f "$p" ]; then
		fail "stack overflow on $plat" "no sched-tests profile for $plat (was it built?)"
		return
	fi
	timeout 120 "$KILN" run --no-build "$@" -t "$target" "$p" -- overflow </dev/null \
		2>"$LOG/sched-tests-overflow-$plat.err" | tr -d '\r' >"$out"
	status=${PIPESTATUS[0]}
	if [ "$status" = 255 ] && grep -qx 'kiln: thread overflower: stack overflow (guard page 0x[0-9a-f]*)' "$out"; then
		pass "stack overflow on $plat: the guard page stops it, naming the thread"
	else
		fail "stack overflow on $plat: the guard page stops it, naming the thread" "status $status, want 255; console:
$(tail -n 15 "$out")"
	fi
}

overflow_xen() {
	local p r out=$LOG/guest-overflow-xen.txt name="stack overflow on xen (quick tier): the guard page stops it, naming the thread"
	p=$(profile guest-overflow tests/guest/data/overflow xen "${target_of[xen]}")
	build_one guest-overflow xen "$p" || return
	r=$(tests/xen/run-quick.sh "$(image guest-overflow xen "${target_of[xen]}")" </dev/null 2>&1)
	console_of "$r" >"$out"
	if [ "$(field_of "$r" reason)" = crash ] &&
		grep -qx 'kiln: thread overflower: stack overflow (guard page 0x[0-9a-f]*)' "$out"; then
		pass "$name"
	else
		fail "$name" "reason $(field_of "$r" reason), want crash; console:
$(tail -n 15 "$out")"
	fi
}

overflow_boot kvm "${target_of[kvm]}" --accel tcg
overflow_boot linuxu "${target_of[linuxu]}"
overflow_xen
