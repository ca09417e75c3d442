#!/usr/bin/env bash
# bench-image: the figures of the KVM image for helloworld, beside Unikraft 0.17's:
#   - image size in bytes (stripped)
#   - clean build time (resolve + compile + link, median of 3)
#   - QEMU start to the greeting on microvm, under TCG and KVM, median and range over RUNS
#     runs, beside the floor (tests/bench/floor.S: one byte to COM1, then exit) measured in
#     the same loop, alternating
#   - cycles from the image's first instruction to main (TSC, printed by the guest with
#     BOOT_REPORT_CYCLES), in microseconds at this host's TSC rate
#   - the smallest -m that still boots on microvm: the default image (loaded at 1 MiB) and
#     one loaded at 256 KiB (PLAT_KVM_LOAD_ADDR=0x40000)
#
#   tests/bench/image.sh            (BENCH_RUNS=N to change the 15 runs per figure)
# Prints figures only: nothing here passes or fails on a time.
set -euo pipefail
cd "$(dirname "$0")/../.."
unset MAKEFLAGS MFLAGS MAKELEVEL

KILN=${KILN:-build/bin/kiln}
RUNS=${BENCH_RUNS:-15}
OUT=build/bench-image
PROFILE=tests/bench/helloworld.json
mkdir -p "$OUT"
source tests/bench/stats.sh

gcc -std=c11 -O2 -Wall -Wextra -Werror tests/bench/boottime.c -o "$OUT/boottime"
gcc -c tests/bench/floor.S -o "$OUT/floor.o"
ld -T tests/bench/floor.lds -z noexecstack --build-id=none -s -o "$OUT/floor.elf" "$OUT/floor.o"

# --- clean build -----------------------------------------------------------------------------
builds=()
for i in 1 2 3; do
	rm -rf build/bench-helloworld
	t0=$(date +%s%N)
	"$KILN" build "$PROFILE" >"$OUT/build.log"
	builds+=("$(( ($(date +%s%N) - t0) / 1000000 ))")
done
image=build/bench-helloworld/kvm-x86_64/helloworld.kvm-x86_64.elf
size=$(stat -c %s "$image")

# The QEMU command kiln run would use, as an array, for an accelerator.
qemu_cmd() {
	local line
	line=$("$KILN" run --dry-run --accel "$1" "$2" 2>&1 | grep '^kiln: run: qemu')
	eval "cmd=(${line#kiln: run: })"
}

# boot_times ACCEL: RUNS alternating boots of helloworld and the floor; fills hello_ms, floor_ms.
boot_times() {
	local accel=$1 hello floor i
	qemu_cmd "$accel" "$PROFILE"
	hello=("${cmd[@]}")
	floor=("${cmd[@]/$image/$OUT/floor.elf}")
	hello_ms=()
	floor_ms=()
	for ((i = 0; i < RUNS; i++)); do
		floor_ms+=("$("$OUT/boottime" '!' "${floor[@]}" | cut -d' ' -f1)")
		hello_ms+=("$("$OUT/boottime" 'Hello from kiln!' "${hello[@]}" | cut -d' ' -f1)")
	done
}

# entry_us ACCEL: median microseconds from first instruction to main over RUNS boots.
entry_us() {
	local i c all=()
	qemu_cmd "$1" tests/bench/cycles.json
	for ((i = 0; i < RUNS; i++)); do
		c=$("$OUT/boottime" --grep 'boot: ' "${cmd[@]}" | awk '{print $2}')
		all+=("$(awk -v c="$c" -v k="$tsc_khz" 'BEGIN { printf "%.1f", c / k * 1000 }')")
	done
	median "${all[@]}"
}

# min_mem PROFILE: smallest -m (KiB, 8 KiB steps) that boots to the greeting with status 0.
min_mem() {
	local lo=256 hi=4096 mid
	qemu_cmd tcg "$1"
	while ((hi - lo > 8)); do
		mid=$(((lo + hi) / 16 * 8))
		local args=("${cmd[@]}")
		args[$(index_of -m "${args[@]}") + 1]="${mid}K"
		# The greeting, and status 0 (QEMU exits 3: see buildsys/driver.c).
		if [ "$(timeout 10 "${args[@]}" 2>/dev/null | grep -c 'Hello from kiln!'; echo "${PIPESTATUS[0]}")" = "1
3" ]; then hi=$mid; else lo=$mid; fi
	done
	echo "$hi"
}

"$KILN" build tests/bench/cycles.json >/dev/null
"$KILN" build tests/bench/lowmem.json >/dev/null
tsc_khz=$("$OUT/boottime" --tsc-khz)

echo "bench-image: helloworld, $RUNS boots per figure"
row "image size, stripped" "$size bytes" "241,376 bytes" "< 65,536"
row "clean build" "$(median "${builds[@]}") ms (median of 3)" "6 s" "< 2 s"
boot_times tcg
row "greeting, microvm, TCG" "$(spread "${hello_ms[@]}") ms" "151-193 ms" \
	"floor + 10 ms"
row "  floor, same runs" "$(spread "${floor_ms[@]}") ms" "39-57 ms" ""
row "  greeting - floor" "$(delta "${hello_ms[*]}" "${floor_ms[*]}") ms" "~112-136 ms" "< 10 ms"
if [ -c /dev/kvm ] && { exec 9<>/dev/kvm; } 2>/dev/null; then
	exec 9>&-
	kvm_kind=KVM
	[ -e /sys/module/kvm_pvm ] && kvm_kind="KVM (PVM)"
	boot_times kvm
	row "greeting, microvm, $kvm_kind" "$(spread "${hello_ms[@]}") ms" "252-293 ms" \
		"floor + 20 ms"
	row "  floor, same runs" "$(spread "${floor_ms[@]}") ms" "53 ms" ""
	row "  greeting - floor" "$(delta "${hello_ms[*]}" "${floor_ms[*]}") ms" "~200-240 ms" \
		"< 20 ms"
	row "first instruction -> main, $kvm_kind" "$(entry_us kvm) us" "" "< 50 us (real HW)"
else
	row "greeting, microvm, KVM" "n/a: /dev/kvm does not open" "" ""
fi
row "first instruction -> main, TCG" "$(entry_us tcg) us" "" ""
row "smallest -m, microvm" "$(min_mem "$PROFILE") KiB (loaded at 1 MiB)" "1.5 MiB" "1 MiB"
row "  with PLAT_KVM_LOAD_ADDR=0x40000" "$(min_mem tests/bench/lowmem.json) KiB" "" "1 MiB"
echo "  (TSC $tsc_khz kHz; greeting times: median [min-max]; logs in $OUT)"
echo "  quoted: Unikraft 0.17 helloworld, measured once on this machine when kiln's first" \
	"image was (commit fcc1c74, 2026-11-29); this run does not measure Unikraft"
