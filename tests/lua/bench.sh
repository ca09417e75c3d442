#!/usr/bin/env bash
# bench-lua: the figures of the Lua interpreter unikernel, each beside its peer in the same
# run:
#   - stripped image sizes of examples/cstd and examples/lua on KVM, beside Debian's lua5.4
#     (Lua linked in, but glibc, libm and readline shared)
#   - QEMU start to the first Lua output on microvm under TCG, beside the floor kernel
#     (tests/bench/floor.S: one byte to COM1, then exit) and helloworld's greeting (kiln's
#     own boot, without newlib and Lua), alternating, BENCH_RUNS boots each
#   - a CPU-bound script (tests/lua/initrd/cpu.lua, ~1 s for Debian's lua5.4 here) on linuxu
#     beside Debian's lua5.4, BENCH_CPU_RUNS runs each, alternating (one run apart on a shared
#     machine differed by more than the two do: medians), and in KVM (TCG) beside lua5.4
#     under qemu-x86_64 (user mode: the same translator), one run each; wall time
#   - build time of the lua profile with a cold cache (no unpacked sources, no objects of
#     newlib or Lua) and a warm one (only the profile's own build folder gone)
#
#   tests/lua/bench.sh          (BENCH_RUNS=N for the boots, BENCH_CPU_RUNS=N for cpu.lua on
#                                linuxu and natively; 5 each by default)
# Prints figures only: nothing here passes or fails on a time.
set -euo pipefail
cd "$(dirname "$0")/../.."
unset MAKEFLAGS MFLAGS MAKELEVEL

KILN=${KILN:-build/bin/kiln}
RUNS=${BENCH_RUNS:-5}
CPU_RUNS=${BENCH_CPU_RUNS:-5}
OUT=build/bench-lua
mkdir -p "$OUT"
# shellcheck source=tests/bench/stats.sh
source tests/bench/stats.sh
INITRD=tests/lua/initrd

gcc -std=c11 -O2 -Wall -Wextra -Werror tests/bench/boottime.c -o "$OUT/boottime"
gcc -c tests/bench/floor.S -o "$OUT/floor.o"
ld -T tests/bench/floor.lds -z noexecstack --build-id=none -s -o "$OUT/floor.elf" "$OUT/floor.o"

# ms COMMAND...: wall milliseconds of COMMAND, its output in $OUT/last.out.
ms() {
	local t0
	t0=$(date +%s%N)
	"$@" >"$OUT/last.out" 2>&1 || true
	echo $((($(date +%s%N) - t0) / 1000000))
}

# --- build times: cold, then warm ---------------------------------------------------------
sed 's/"lua-kvm"/"lua-bench-build"/' examples/lua/kvm.json >"$OUT/lua-bench-build.json"
rm -rf build/lua-bench-build build/_cache/liblua-* build/_cache/newlib-* \
	build/_sources/liblua-* build/_sources/newlib-*
cold=$(ms "$KILN" build -j2 "$OUT/lua-bench-build.json")
rm -rf build/lua-bench-build
warm=$(ms "$KILN" build -j2 "$OUT/lua-bench-build.json")
for p in examples/lua/kvm.json examples/lua/linuxu.json examples/cstd/kvm.json; do
	"$KILN" build -j2 "$p" >>"$OUT/build.log" 2>&1
done

lua_img=build/lua-kvm/kvm-x86_64/lua.kvm-x86_64.elf
cstd_img=build/cstd-kvm/kvm-x86_64/cstd.kvm-x86_64.elf
linuxu_img=build/lua-linuxu/linuxu-x86_64/lua.linuxu-x86_64.elf
deb_lua=$(readlink -f "$(command -v lua5.4)")
deb_size=$(stat -c %s "$deb_lua")
deb_libs=$(ldd "$deb_lua" | awk '$2 == "=>" { sub(/\.so.*/, "", $1); printf "%s%s", n++ ? " " : "", $1 }')

# --- first output ------------------------------------------------------------------------
line=$("$KILN" run --dry-run --accel tcg examples/lua/kvm.json -- -e 'print("lua-up")' 2>&1 |
	grep '^kiln: run: qemu')
eval "lua_cmd=(${line#kiln: run: })"
floor_cmd=("${lua_cmd[@]/$PWD\/$lua_img/$PWD/$OUT/floor.elf}")
"$KILN" build tests/bench/helloworld.json >>"$OUT/build.log" 2>&1
line=$("$KILN" run --dry-run --accel tcg tests/bench/helloworld.json 2>&1 | grep '^kiln: run: qemu')
eval "hello_cmd=(${line#kiln: run: })"
lua_ms=()
floor_ms=()
hello_ms=()
for ((i = 0; i < RUNS; i++)); do
	floor_ms+=("$("$OUT/boottime" '!' "${floor_cmd[@]}" | cut -d' ' -f1)")
	hello_ms+=("$("$OUT/boottime" 'Hello from kiln!' "${hello_cmd[@]}" | cut -d' ' -f1)")
	lua_ms+=("$("$OUT/boottime" 'lua-up' "${lua_cmd[@]}" | cut -d' ' -f1)")
done

# --- CPU-bound script --------------------------------------------------------------------
# The guests' commands as kiln run would give them, the initrd packed by a first run
# (a dry run packs none: the KVM command below would name a file not there).
"$KILN" run --no-build --initrd "$INITRD" examples/lua/linuxu.json -- -e '' >/dev/null 2>&1
"$KILN" run --no-build --accel tcg --initrd "$INITRD" examples/lua/kvm.json -- -e '' \
	>/dev/null 2>&1 </dev/null
native=()
linuxu=()
for ((i = 0; i < CPU_RUNS; i++)); do
	native+=("$(ms lua5.4 "$INITRD/cpu.lua")")
	native_out=$(cat "$OUT/last.out")
	linuxu+=("$(ms "$linuxu_img" --initrd "${linuxu_img%.elf}.initrd.cpio" -- /cpu.lua)")
	linuxu_out=$(cat "$OUT/last.out")
done
user=$(ms qemu-x86_64 "$deb_lua" "$INITRD/cpu.lua")
user_out=$(cat "$OUT/last.out")
line=$("$KILN" run --dry-run --accel tcg --initrd "$INITRD" examples/lua/kvm.json -- /cpu.lua \
	2>&1 | grep '^kiln: run: qemu')
eval "cpu_cmd=(${line#kiln: run: })"
kvm=$(ms "${cpu_cmd[@]}")
kvm_out=$(tr -d '\r' <"$OUT/last.out")
same=yes
for o in "$linuxu_out" "$user_out" "$kvm_out"; do
	[ "$o" = "$native_out" ] || same="no: $o"
done

echo "bench-lua: examples/lua (Lua 5.4.4 on newlib), each figure beside its peer"
row "image size lua, KVM, stripped" "$(stat -c %s "$lua_img") bytes" "" "< 614,400 (600 KiB)"
row "  Debian lua5.4, stripped" "$deb_size bytes + $deb_libs" "" ""
row "image size cstd, KVM, stripped" "$(stat -c %s "$cstd_img") bytes" "" ""
row "first Lua output, microvm, TCG" "$(spread "${lua_ms[@]}") ms" "" "floor + 15 ms"
row "  floor, same runs" "$(spread "${floor_ms[@]}") ms" "" ""
row "  first output - floor" "$(delta "${lua_ms[*]}" "${floor_ms[*]}") ms" "" "< 15 ms"
row "  helloworld's greeting, same runs" "$(spread "${hello_ms[@]}") ms" "" ""
row "  first output - greeting" "$(delta "${lua_ms[*]}" "${hello_ms[*]}") ms" "" ""
row "cpu.lua, linuxu" "$(spread "${linuxu[@]}") ms" "" "no slower than lua5.4"
row "  Debian lua5.4, same runs" "$(spread "${native[@]}") ms" "" ""
row "  linuxu - lua5.4" "$(delta "${linuxu[*]}" "${native[*]}") ms" "" "<= 0 ms"
row "cpu.lua, KVM (TCG), whole boot" "$kvm ms" "" ""
row "  lua5.4 under qemu-x86_64" "$user ms" "" ""
row "build lua, cold cache (-j2)" "$cold ms" "" ""
row "build lua, warm cache (-j2)" "$warm ms" "" ""
echo "  (boots: median [min-max] of $RUNS; cpu.lua: median [min-max] of $CPU_RUNS on linuxu" \
	"and natively, one run under TCG, wall time, same result everywhere: $same; logs in $OUT)"
