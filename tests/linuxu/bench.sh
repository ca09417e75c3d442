#!/usr/bin/env bash
# bench-linuxu: the figures of helloworld as a Linux process (plat/linuxu):
#   - image size in bytes (stripped)
#   - process start to the greeting on its stdout (tests/bench/boottime.c, the tool the KVM
#     figures use), beside /bin/echo printing the same line: both fork, exec and write
#   - process start to exit, beside /bin/true (a dynamically linked coreutils program),
#     measured alike from bash ($EPOCHREALTIME around each run, so fork and wait count too)
# Each figure: median and range over RUNS runs, the two commands alternating.
#
#   tests/linuxu/bench.sh            (BENCH_RUNS=N to change the 20 runs per figure)
# Prints figures only: nothing here passes or fails on a time.
set -euo pipefail
cd "$(dirname "$0")/../.."
unset MAKEFLAGS MFLAGS MAKELEVEL

KILN=${KILN:-build/bin/kiln}
RUNS=${BENCH_RUNS:-20}
OUT=build/bench-linuxu
IMAGE=build/helloworld-linuxu/linuxu-x86_64/helloworld.linuxu-x86_64.elf
GREETING="Hello from kiln!"
mkdir -p "$OUT"
source tests/bench/stats.sh

gcc -std=c11 -O2 -Wall -Wextra -Werror tests/bench/boottime.c -o "$OUT/boottime"
"$KILN" build examples/helloworld/linuxu.json >"$OUT/build.log"

# greeting_us CMD...: us (10 us steps) from start to the greeting on stdout.
greeting_us() {
	"$OUT/boottime" "$GREETING" "$@" | awk '{ printf "%.0f\n", $1 * 1000 }'
}

# exit_us CMD...: us from just before the fork to after the wait, output discarded.
exit_us() {
	local t0=$EPOCHREALTIME t1
	"$@" >/dev/null
	t1=$EPOCHREALTIME
	echo $((${t1/./} - ${t0/./}))
}

hello_gr=() echo_gr=() hello_us=() true_us=()
for ((i = 0; i < RUNS; i++)); do
	hello_gr+=("$(greeting_us "$IMAGE")")
	echo_gr+=("$(greeting_us /bin/echo "$GREETING")")
	hello_us+=("$(exit_us "$IMAGE")")
	true_us+=("$(exit_us /bin/true)")
done

echo "bench-linuxu: helloworld as a Linux process, $RUNS runs per figure"
row "image size, stripped" "$(stat -c %s "$IMAGE") bytes" "" ""
row "start -> greeting" "$(spread "${hello_gr[@]}") us" "" ""
row "  /bin/echo, same runs" "$(spread "${echo_gr[@]}") us" "" ""
row "start -> exit" "$(spread "${hello_us[@]}") us" "" ""
row "  /bin/true, same runs" "$(spread "${true_us[@]}") us" "" ""
echo "  (median [min-max]; logs in $OUT)"
