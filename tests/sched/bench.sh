#!/usr/bin/env bash
# bench-sched: the figures of threads (kernel-libs/sched), each beside its peer in the same run:
#   - thread switches per second, cooperative scheduler, linuxu (native speed): two kiln
#     threads passing a token by yielding, and through a mutex and a condition variable
#     (tests/sched/switch), beside two host pthreads doing the latter (tests/sched/pingpong.c);
#     goal: 20x the host's hand-overs per second or more
#   - image size and smallest -m (microvm, TCG) of the threads example (examples/threads)
#     and of helloworld, both measured here, with Unikraft's helloworld quoted (bench-image's
#     figures and source: this run does not measure Unikraft)
# Each switch figure: median and range over RUNS runs, kiln and host alternating.
#
#   tests/sched/bench.sh            (BENCH_RUNS=N to change the 5 runs per figure)
# Prints figures only: nothing here passes or fails on a time.
set -euo pipefail
cd "$(dirname "$0")/../.."
unset MAKEFLAGS MFLAGS MAKELEVEL

KILN=${KILN:-build/bin/kiln}
RUNS=${BENCH_RUNS:-5}
OUT=build/bench-sched
mkdir -p "$OUT"
source tests/bench/stats.sh

gcc -std=c11 -O2 -Wall -Wextra -Werror -pthread tests/sched/pingpong.c -o "$OUT/pingpong"
printf '{ "kiln_profile": 1, "catalog": 1, "name": "bench-switch-linuxu", "app": "%s",\n  "targets": ["linuxu-x86_64"] }\n' \
	"$PWD/tests/sched/switch" >"$OUT/switch.json"
"$KILN" build "$OUT/switch.json" >"$OUT/build.log"
SWITCH=build/bench-switch-linuxu/linuxu-x86_64/bench-switch.linuxu-x86_64.elf

# per_second LINE-PREFIX OUTPUT: the rate on the line that starts with the prefix, in thousands.
per_second() {
	grep "^$1" <<<"$2" | sed 's/.*: \([0-9.]*\) per second.*/\1/' |
		awk '{ printf "%.0f\n", $1 / 1e3 }'
}

yield=() condvar=() host=()
for ((i = 0; i < RUNS; i++)); do
	out=$("$SWITCH" -- 2000000)
	yield+=("$(per_second "switch: yield" "$out")")
	condvar+=("$(per_second "switch: mutex+condvar" "$out")")
	host+=("$(per_second "pingpong:" "$("$OUT/pingpong" 200000)")")
done
ratio() { awk -v a="$(median "${!1}")" -v b="$(median "${host[@]}")" 'BEGIN { printf "%.0fx", a / b }'; }

# min_mem PROFILE GREETING: smallest -m (KiB, 8 KiB steps) that boots to GREETING, status 0.
min_mem() {
	local lo=256 hi=8192 mid line cmd
	line=$("$KILN" run --dry-run --accel tcg "$1" 2>&1 | grep '^kiln: run: qemu')
	eval "cmd=(${line#kiln: run: })"
	while ((hi - lo > 8)); do
		mid=$(((lo + hi) / 16 * 8))
		local args=("${cmd[@]}")
		args[$(index_of -m "${args[@]}") + 1]="${mid}K"
		# The greeting, and status 0 (QEMU exits 3: see buildsys/driver.c).
		if [ "$(timeout 20 "${args[@]}" 2>/dev/null | grep -c "$2"; echo "${PIPESTATUS[0]}")" = "1
3" ]; then hi=$mid; else lo=$mid; fi
	done
	echo "$hi"
}

"$KILN" build examples/threads/kvm.json >>"$OUT/build.log"
"$KILN" build examples/helloworld/kvm.json >>"$OUT/build.log"
threads_img=build/threads-kvm/kvm-x86_64/threads.kvm-x86_64.elf
hello_img=build/helloworld-kvm/kvm-x86_64/helloworld.kvm-x86_64.elf

echo "bench-sched: threads, $RUNS runs per switch figure (thousands per second: median [min-max])"
row "switches/s, yield, linuxu" "$(spread "${yield[@]}") k" "" ""
row "switches/s, mutex+condvar, linuxu" "$(spread "${condvar[@]}") k" "" ""
row "  host pthreads, mutex+condvar" "$(spread "${host[@]}") k hand-overs" "" ""
row "  kiln / host (yield, condvar)" "$(ratio 'yield[@]'), $(ratio 'condvar[@]')" "" ">= 20x"
# Sizes and memory beside helloworld's, both measured here; Unikraft's helloworld is quoted
# (bench-image's figures and source), never measured by this run.
row "threads example, KVM, stripped" "$(stat -c %s "$threads_img") bytes" "241,376 bytes" ""
row "  threads, smallest -m, microvm" "$(min_mem examples/threads/kvm.json 'threads: all joined') KiB" \
	"1.5 MiB" ""
row "helloworld, KVM, stripped" "$(stat -c %s "$hello_img") bytes" "241,376 bytes" ""
row "  helloworld, smallest -m, microvm" "$(min_mem examples/helloworld/kvm.json 'Hello from kiln!') KiB" \
	"1.5 MiB" ""
echo "  (logs in $OUT)"
echo "  quoted: Unikraft 0.17 helloworld, measured once on this machine when kiln's first image was (commit fcc1c74, 2026-11-29); this run does not measure Unikraft"
