#!/usr/bin/env bash
# bench-alloc: malloc/free pairs per second (mix.h's workload: a ring of 256 live blocks,
# each step freeing the oldest and allocating a new one) for
#   - the buddy allocator with size classes, on linuxu (native speed), small and mixed sizes,
#     each beside glibc's malloc running the same workload, alternating, in this same run;
#   - the region allocator on linuxu (small sizes, fewer pairs: it never frees, so every
#     block is fresh memory);
#   - both inside KVM under TCG (QEMU's emulator: the figure is the emulator's speed).
# Each figure: median [min-max] of RUNS runs, in millions of pairs per second.
#
#   tests/bench/alloc/bench.sh        (BENCH_RUNS=N for other than 5 runs per figure)
# Prints figures only: nothing here passes or fails on a time.
set -euo pipefail
cd "$(dirname "$0")/../../.."
unset MAKEFLAGS MFLAGS MAKELEVEL

KILN=${KILN:-build/bin/kiln}
RUNS=${BENCH_RUNS:-5}
OUT=build/bench-alloc
HERE=tests/bench/alloc
mkdir -p "$OUT"
source tests/bench/stats.sh

gcc -std=c11 -O2 -Wall -Wextra -Werror "$HERE/host.c" -o "$OUT/glibc"
for p in buddy-linuxu region-linuxu buddy-kvm region-kvm; do
	"$KILN" build "$HERE/$p.json" >"$OUT/build-$p.log" 2>&1 ||
		{ echo "kiln: bench-alloc: $p does not build; log: $OUT/build-$p.log" >&2; exit 1; }
done
image() { echo "build/bench-alloc-$1/$2-x86_64/alloc-bench.$2-x86_64.elf"; }

# mpairs LINE: millions of pairs per second from "alloc-bench: A MIX N pairs NS ns".
mpairs() {
	awk '/^alloc-bench: .* pairs .* ns/ { printf "%.2f\n", $4 * 1000 / $6; found = 1 }
	     END { if (!found) exit 1 }' <<<"$1" ||
		{ echo "kiln: bench-alloc: no figure in: $1" >&2; exit 1; }
}

# linuxu_figures MIX PAIRS: fills buddy_r and glibc_r, the two alternating.
linuxu_figures() {
	buddy_r=() glibc_r=()
	for ((i = 0; i < RUNS; i++)); do
		buddy_r+=("$(mpairs "$("$(image buddy-linuxu linuxu)" -- "$1" "$2")")")
		glibc_r+=("$(mpairs "$("$OUT/glibc" "$1" "$2")")")
	done
}

# times_glibc: the buddy allocator's median over glibc's, "1.08x glibc". glibc runs in the
# same run on the same workload: its figure is a measured row, not a quoted one.
times_glibc() {
	awk -v a="$(median "${buddy_r[@]}")" -v b="$(median "${glibc_r[@]}")" \
		'BEGIN { printf "%.2fx glibc", a / b }'
}

echo "bench-alloc: millions of malloc/free pairs per second (median [min-max] of $RUNS runs)"
linuxu_figures small 5000000
row "linuxu, buddy, 1-512 B" "$(spread "${buddy_r[@]}"), $(times_glibc)" "" ">= glibc"
row "  glibc malloc, same workload" "$(spread "${glibc_r[@]}")" "" ""
linuxu_figures mixed 2000000
row "linuxu, buddy, 1-8192 B" "$(spread "${buddy_r[@]}"), $(times_glibc)" "" ""
row "  glibc malloc, same workload" "$(spread "${glibc_r[@]}")" "" ""

region_r=()
for ((i = 0; i < RUNS; i++)); do
	region_r+=("$(mpairs "$("$(image region-linuxu linuxu)" -- small 1000000)")")
done
row "linuxu, region, 1-512 B" "$(spread "${region_r[@]}")" "" ""

kvm_buddy=() kvm_region=()
for ((i = 0; i < RUNS; i++)); do
	kvm_buddy+=("$(mpairs "$("$KILN" run --no-build --accel tcg "$HERE/buddy-kvm.json" \
		-- small 200000 2>/dev/null)")")
	kvm_region+=("$(mpairs "$("$KILN" run --no-build --accel tcg -m 256M \
		"$HERE/region-kvm.json" -- small 200000 2>/dev/null)")")
done
row "KVM (TCG), buddy, 1-512 B" "$(spread "${kvm_buddy[@]}")" "" ""
row "KVM (TCG), region, 1-512 B" "$(spread "${kvm_region[@]}")" "" ""
echo "  (logs in $OUT)"
