#!/usr/bin/env bash
# bench-time: sleep accuracy, asked vs woken, on each platform in one run: the timebench app
# (tests/timebench/app, outside the catalog's folders) built for KVM (booted under TCG, as
# the tests do), Xen (as dom0 of the emulated Xen, tests/xen/run-quick.sh) and linuxu (a
# process), beside its peer, the same loop with clock_nanosleep in a host process. For
# 100 us, 1 ms and 10 ms, 101 sleeps each: how late the wake-up came, p50 and p99, and the
# count of early wake-ups (must be 0). Each guest measures on its own monotonic clock.
#
#   tests/timebench/bench.sh        (BENCH_TIME_PLATFORMS="kvm linuxu" to skip one)
# Prints figures only: nothing here passes or fails on a time.
set -uo pipefail
cd "$(dirname "$0")/../.."
unset MAKEFLAGS MFLAGS MAKELEVEL

KILN=${KILN:-build/bin/kiln}
OUT=build/bench-time
PLATFORMS=${BENCH_TIME_PLATFORMS:-kvm xen linuxu}
mkdir -p "$OUT"
source tests/bench/stats.sh

gcc -std=c11 -O2 -Wall -Wextra -Werror tests/timebench/hostsleep.c -o "$OUT/hostsleep"

# profile PLATFORM: a profile for the app on PLATFORM's x86_64 target; prints its path.
profile() {
	local p=$OUT/timebench-$1.json
	printf '{ "kiln_profile": 1, "catalog": 1, "name": "bench-time-%s", "app": "%s",\n  "targets": ["%s-x86_64"] }\n' \
		"$1" "$(pwd)/tests/timebench/app" "$1" >"$p"
	echo "$p"
}

# run_on PLATFORM: the app's lines on stdout.
run_on() {
	local p
	p=$(profile "$1")
	"$KILN" build "$p" >"$OUT/build-$1.log" 2>&1 || { echo "build failed: $OUT/build-$1.log"; return; }
	case $1 in
	kvm) timeout 300 "$KILN" run --no-build --accel tcg "$p" </dev/null 2>"$OUT/run-kvm.err" ;;
	xen) tests/xen/run-quick.sh "build/bench-time-xen/xen-x86_64/timebench.xen-x86_64.elf" \
		</dev/null 2>&1 ;;
	*) timeout 300 "$KILN" run --no-build "$p" </dev/null 2>"$OUT/run-$1.err" ;;
	esac | tr -d '\r' | grep '^timebench: ' >"$OUT/$1.txt"
	cat "$OUT/$1.txt"
}

# figure FILE US: "p50 X us, p99 Y us" from the line for US.
figure() {
	awk -v us="$2us" '$3 == us {
		printf "late p50 %.1f us, p99 %.1f us%s", $7 / 1000, $9 / 1000, ($13 > 0 ? ", " $13 " EARLY" : "")
	}' "$1"
}

"$OUT/hostsleep" >"$OUT/host.txt"
for plat in $PLATFORMS; do
	run_on "$plat" >/dev/null
done
echo "bench-time: sleep accuracy, woken - asked over 101 sleeps (peer: clock_nanosleep on the host, same run)"
for us in 100 1000 10000; do
	for plat in $PLATFORMS; do
		case $plat in kvm) what="KVM (TCG)" ;; xen) what="Xen (dom0 in QEMU TCG)" ;; *) what=$plat ;; esac
		row "sleep ${us} us, $what" "$(figure "$OUT/$plat.txt" "$us")" "" ""
	done
	# the peer, measured in this run: a row of its own, not a quoted figure
	row "  host clock_nanosleep, ${us} us" "$(figure "$OUT/host.txt" "$us")" "" ""
done
echo "  (logs and raw lines in $OUT)"
