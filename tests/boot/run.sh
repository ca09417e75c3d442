#!/usr/bin/env bash
# Boot tests in QEMU: helloworld on microvm and pc, under TCG and (when /dev/kvm opens)
# KVM; exit statuses reaching the host; PVH and multiboot entries; faults (a stack overflow among them) giving a
# register dump and the crash status (tests/boot/fault); power-off without isa-debug-exit;
# rebuilds that touch only what a profile change affects; byte-identical images from two
# builds; `make run`; kiln build and run as a newcomer meets them (--help, QEMU missing,
# libraries outside the tree); an app written by kiln new, booted from its own folder. The
# libraries' own in-guest tests are make test-guest's (tests/guest/run.sh).
#
#   tests/boot/run.sh [RESULT_FILE]     (default build/test-results/test-boot)
#
# Writes "PASSED FAILED" to RESULT_FILE; logs go to build/test-boot/. Exit 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
unset MAKEFLAGS MFLAGS MAKELEVEL # kiln's own make must not look for our caller's jobserver

KILN=${KILN:-build/bin/kiln}
RESULT=${1:-build/test-results/test-boot}
LOG=build/test-boot
HELLO=examples/helloworld/kvm.json
PVH=tests/boot/profiles/pvh-debug.json
MB=tests/boot/profiles/multiboot-debug.json
FAULT=tests/boot/fault/kvm.json
GREETING="Hello from kiln!"
rm -rf "$LOG" && mkdir -p "$LOG" "$(dirname "$RESULT")"
source tests/boot/lib.sh

# --- builds --------------------------------------------------------------------------------
for p in "$HELLO" "$PVH" "$MB" "$FAULT"; do
	build "$p" "build-$(basename "$(dirname "$p")")-$(basename "$p" .json)"
done
img=build/helloworld-kvm/kvm-x86_64/helloworld.kvm-x86_64.elf
size=$(stat -c %s "$img" 2>/dev/null || echo 0)
check "image-under-64KiB" test "$size" -gt 0 -a "$size" -lt 65536

# --- helloworld: greeting, arguments, status, on each machine and accelerator ------------
hello_case() { # NAME RUN_FLAGS...
	local name=$1
	shift
	boot "$name" "$@" "$HELLO" -- one "two words" 'q"uote' exit=42
	expect "$name" 42 "$GREETING" "arg 1: one" "arg 2: two words" 'arg 3: q"uote' "arg 4: exit=42"
}
hello_case microvm-tcg --machine microvm --accel tcg
hello_case pc-tcg --machine pc --accel tcg
if kvm_opens; then
	hello_case microvm-kvm --machine microvm --accel kvm
	hello_case pc-kvm --machine pc --accel kvm
else
	echo "skip microvm-kvm, pc-kvm: /dev/kvm does not open"
fi

for s in 0 1 125 200; do
	want=$s
	[ "$s" -gt 125 ] && want=125 # the guest clamps statuses it cannot report
	boot "status-$s" --accel tcg "$HELLO" -- "exit=$s"
	expect "status-$s" "$want" "$GREETING"
done
boot args-from-profile --accel tcg "$PVH"
expect args-from-profile 0 "arg 1: from-profile" "arg 2: two words"
# An empty argument reaches the guest as one (written "" on its command line); arguments
# too long for the command line are refused, never cut.
boot empty-arg --accel tcg "$HELLO" -- a '' b
expect_re empty-arg '^arg 2: $' '^arg 3: b$'
cli_status "args-too-long-refused" 2 "command line longer than 4095 bytes, from argument 2 on" \
	"$KILN" run --no-build --dry-run "$HELLO" -- a "$(printf 'x%.0s' $(seq 5000))"

# --- entries: PVH (default) and multiboot (PLAT_KVM_MULTIBOOT), memory map, boot cycles -----
for m in microvm pc; do
	boot "pvh-$m" --machine "$m" --accel tcg "$PVH"
	expect "pvh-$m" 0 "$GREETING"
	expect_re "pvh-$m-entry" '^plat-kvm: booted through PVH, command line "-- from-profile two\\ words"$'
	expect_re "pvh-$m-memmap" "^plat-kvm: memory 0x[0-9a-f]{12}-0x[0-9a-f]{12} free$"
	expect_re "pvh-$m-cycles" "boot: [0-9]+ cycles from first instruction to main"
done
boot multiboot-pc --machine pc --accel tcg "$MB" -- x
expect multiboot-pc 0 "$GREETING" "arg 1: x"
expect_re multiboot-pc-entry '^plat-kvm: booted through multiboot, command line ".*helloworld.kvm-x86_64.elf -- x"$'

# PRINTK_TIMESTAMPS: stamps from the calibrated TSC, well under a second at boot.
cat >"$LOG/stamps.json" <<'JSON'
{ "kiln_profile": 1, "catalog": 1, "name": "test-boot-stamps", "app": "helloworld",
  "targets": ["kvm-x86_64"], "options": { "PRINTK_TIMESTAMPS": true, "PRINTK_LEVEL": "debug" } }
JSON
build "$LOG/stamps.json" build-stamps
boot stamps --accel tcg "$LOG/stamps.json"
expect_re stamps '^\[    0\.[0-4][0-9]{5}\] plat-kvm: booted through PVH' \
	'^\[    0\.[0-4][0-9]{5}\] plat-kvm: memory '

# --- faults: register dump and the crash status ---------------------------------------------
fault_case() { # WHAT LINES...
	local what=$1
	shift
	boot "fault-$what" --accel tcg "$FAULT" -- "$what"
	expect "fault-$what" 255 "fault: $what" "$@"
}
fault_case pf "kiln: fatal exception 14 (#PF page fault), error code 0"
expect_re fault-pf-dump "^RIP [0-9a-f]{16}  RSP [0-9a-f]{16}  RFLAGS [0-9a-f]{16}$" "^R13 " \
	"  CR2 0000000040000000  " "^backtrace: [0-9a-f]{16} [0-9a-f]{16}"
fault_case ud "kiln: fatal exception 6 (#UD invalid opcode), error code 0"
fault_case de "kiln: fatal exception 0 (#DE divide error), error code 0"
fault_case stackoverflow "kiln: fatal exception 8 (#DF double fault), error code 0" \
	"kiln: CR2 is in the boot stack's guard page: stack overflow"
expect_re fault-stackoverflow-dump "^RIP [0-9a-f]{16}  RSP [0-9a-f]{16}  RFLAGS [0-9a-f]{16}$" \
	"^backtrace: [0-9a-f]{16} [0-9a-f]{16}"
# The handler runs out of stack inside its own report: one line names the nested fault.
fault_case nested
expect_re fault-nested-line \
	'^kiln: fatal exception 8 inside the fault handler \(nested fault 1\), RIP [0-9a-f]{16} CR2 [0-9a-f]{16}$'
fault_case panic "kiln: panic: fault app: asked to panic (42)"
boot fault-none --accel tcg "$FAULT" -- none
expect fault-none 3 "fault: none"

# --- power-off without isa-debug-exit: ACPI, not a reset (no -no-reboot here: a reset would
# boot again and print the greeting twice) ---------------------------------------------------
for m in microvm pc; do
	qemu_plain "poweroff-$m" -M "$m" -kernel "$img"
	expect "poweroff-$m" 0 "$GREETING"
	check "poweroff-$m-once" test "$(grep -c "$GREETING" "$LOG/poweroff-$m.txt")" -eq 1
done

source tests/boot/build_tests.sh
source tests/boot/cli_tests.sh
source tests/boot/new_app.sh

write_result "$RESULT"
[ "$FAILED" -eq 0 ]
