# shellcheck shell=bash
# Sourced by tests/guest/run.sh: a thread that overruns its stack must stop the image with
# the crash status and a line naming it, "kiln: thread overflower: stack overflow" (the
# guard page below each thread's stack, kernel-libs/sched). sched-tests does that when
# booted with the argument "overflow"; its images were built by the loop above.

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

overflow_boot kvm "${target_of[kvm]}" --accel tcg
overflow_boot linuxu "${target_of[linuxu]}"
