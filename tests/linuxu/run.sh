#!/usr/bin/env bash
# Tests of plat/linuxu, the unikernel as a Linux process: images built by kiln are run
# directly, as ordinary executables. Checked: the image is a static non-PIE executable; the
# greeting; arguments arriving byte for byte (spaces, both quotes, newline, tab, backslash,
# empty, glob characters), words before "--" kept from the app; exit statuses 0-125 exact
# and larger ones clamped; faults (tests/boot/fault) giving plat/x86's register dump and
# status 255; the memory map, clock and cycle counter through a debug profile; a long output
# through a pipe; all-yes, all-no and
# seeded random configurations of helloworld (kiln genconfig); gdb reading the
# symbols of the .elf.dbg and stopping at main (skipped when gdb is missing); kiln run, a copy
# of the platform on KILN_LIBPATH, headers by dependency. The kernel libraries' own tests run
# on linuxu in make test-guest.
#
#   tests/linuxu/run.sh [RESULT_FILE]     (default build/test-results/test-linuxu)
#
# Writes "PASSED FAILED" to RESULT_FILE; logs go to build/test-linuxu/. Exit 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
unset MAKEFLAGS MFLAGS MAKELEVEL # kiln's own make must not look for our caller's jobserver

KILN=${KILN:-build/bin/kiln}
RESULT=${1:-build/test-results/test-linuxu}
LOG=build/test-linuxu
HELLO=build/helloworld-linuxu/linuxu-x86_64/helloworld.linuxu-x86_64.elf
FAULT=build/test-linuxu-fault/linuxu-x86_64/bootfault.linuxu-x86_64.elf
DEBUG=build/test-linuxu-debug/linuxu-x86_64/helloworld.linuxu-x86_64.elf
GREETING="Hello from kiln!"
rm -rf "$LOG" && mkdir -p "$LOG" "$(dirname "$RESULT")"
# shellcheck source=tests/boot/lib.sh
source tests/boot/lib.sh

# run NAME IMAGE [ARGS...]: runs the image as a process; sets $status, output in $LOG/NAME.txt.
run() {
	local name=$1
	shift
	timeout 20 "$@" >"$LOG/$name.out" 2>"$LOG/$name.err"
	status=$?
	last=$name
	cp "$LOG/$name.out" "$LOG/$name.txt"
}

# same NAME FILE: the last run printed exactly FILE's content.
same() {
	if diff -u "$2" "$LOG/$last.txt" >"$LOG/$1.diff"; then
		pass "$1"
	else
		fail "$1" "$(head -n 20 "$LOG/$1.diff")"
	fi
}

# --- builds ---------------------------------------------------------------------------------
build examples/helloworld/linuxu.json build-helloworld
for p in fault debug; do
	build "tests/linuxu/profiles/$p.json" "build-$p"
done

# --- the image: what Linux's ELF loader needs -----------------------------------------------
readelf -hlW "$HELLO" >"$LOG/readelf.txt" 2>&1
check "elf-exec-not-pie" grep -q 'Type: *EXEC' "$LOG/readelf.txt"
check "elf-no-interpreter" bash -c "! grep -q INTERP '$LOG/readelf.txt'"
check "elf-stack-not-executable" grep -Eq 'GNU_STACK .* RW +0x' "$LOG/readelf.txt"
check "elf-no-writable-code" bash -c "! grep -E 'LOAD .* RWE ' '$LOG/readelf.txt'"

# --- greeting, arguments, statuses ---------------------------------------------------------
run hello "$HELLO"
expect hello 0 "$GREETING"
check hello-no-args test "$(wc -l <"$LOG/hello.txt")" -eq 1

nl=$'\n'
run args "$HELLO" -- one "two words" "q\"uo'te" "new${nl}line" "" $'tab\there' 'back\slash' \
	'*' '--' '-x' "  lead and trail  "
printf '%s\n' "$GREETING" "arg 1: one" "arg 2: two words" "arg 3: q\"uo'te" "arg 4: new" \
	"line" "arg 5: " $'arg 6: tab\there' 'arg 7: back\slash' "arg 8: *" "arg 9: --" \
	"arg 10: -x" "arg 11:   lead and trail  " >"$LOG/args.want"
expect args 0 "$GREETING"
same args-byte-exact "$LOG/args.want"

run kernel-words "$HELLO" key=value "spaced kernel word" -- app
printf '%s\n' "$GREETING" "arg 1: app" >"$LOG/kernel-words.want"
same kernel-words-stay-with-kernel "$LOG/kernel-words.want"

for s in 0 1 42 125 126 200 255; do
	want=$s
	[ "$s" -gt 125 ] && want=125 # as on KVM: the statuses above 125 say crash or kiln's own
	run "status-$s" "$HELLO" -- "exit=$s"
	expect "status-$s" "$want" "$GREETING"
done

# --- faults: register dump and the crash status ----------------------------------------------
fault_case() { # WHAT LINES...
	local what=$1
	shift
	run "fault-$what" "$FAULT" -- "$what"
	expect "fault-$what" 255 "fault: $what" "$@"
}
dump_re=("^RIP [0-9a-f]{16}  RSP [0-9a-f]{16}  RFLAGS [0-9a-f]{16}$"
	"^RAX [0-9a-f]{16}  RBX [0-9a-f]{16}  RCX [0-9a-f]{16}$"
	"^R13 [0-9a-f]{16}  R14 [0-9a-f]{16}  R15 [0-9a-f]{16}$"
	"^CS  0033  SS  002b  CR2 [0-9a-f]{16}  CR3 [0-9a-f]{16}$"
	"^backtrace: [0-9a-f]{16} [0-9a-f]{16}")
# A user-mode read of a page that is not there: error code 4 (U/S set, P and W clear).
fault_case pf "kiln: fatal exception 14 (#PF page fault), error code 0x4"
expect_re fault-pf-dump "${dump_re[@]}" "  CR2 0000000040000000  "
fault_case ud "kiln: fatal exception 6 (#UD invalid opcode), error code 0"
expect_re fault-ud-dump "${dump_re[@]}"
fault_case de "kiln: fatal exception 0 (#DE divide error), error code 0"
fault_case stackoverflow "kiln: CR2 is in the boot stack's guard page: stack overflow"
expect_re fault-stackoverflow-dump '^kiln: fatal exception 14 \(#PF page fault\), error code 0x6$' \
	"${dump_re[@]}"
fault_case panic "kiln: panic: fault app: asked to panic (42)"
run fault-none "$FAULT" -- none
expect fault-none 3 "fault: none"
# The backtrace names real code: the fault in main, called from the boot library's kiln_boot.
read -r _ rip ret _ < <(grep -m1 '^backtrace:' "$LOG/fault-ud.txt")
addr2line -f -e "$FAULT.dbg" "0x${rip:-0}" "0x${ret:-0}" >"$LOG/fault-ud-symbols.txt" 2>&1
check fault-backtrace-symbols test "$(sed -n '1p;3p' "$LOG/fault-ud-symbols.txt" | tr '\n' ' ')" = \
	"main kiln_boot "

# --- platform interface: memory map, clock, cycles; output through a pipe ----------------------
run debug "$DEBUG" k=v -- x
expect debug 0 "arg 1: x"
expect_re debug-cmdline "^\[ *0\.[0-9]{6}\] plat-linuxu: command line \"'k=v' '--' 'x'\"$"
mem=$(sed -nE 's/.*plat-linuxu: memory 0x([0-9a-f]+)-0x([0-9a-f]+) free$/\1 \2/p' "$LOG/debug.txt")
check debug-memory-8MiB test -n "$mem" -a "$(printf '%d' "$(( 0x${mem#* } - 0x${mem% *} ))")" = 8388608
# Stamps from clock_gettime: well under a second at boot, never going back.
expect_re debug-stamps '^\[    0\.0[0-9]{5}\] boot: [0-9]+ cycles from first instruction to main$'
sed -nE 's/^\[ *([0-9]+)\.([0-9]{6})\].*/\1\2/p' "$LOG/debug.txt" >"$LOG/stamps.txt"
check debug-stamps-monotonic sort -c -n "$LOG/stamps.txt"
check debug-greetings-through-pipe test "$("$DEBUG" | grep -c "$GREETING")" -eq 100

# --- configurations as tests: all-yes, all-no, seeded random ones (kiln genconfig) -----------
# Each must build and run, greeting HELLOWORLD_COUNT times and exiting with HELLOWORLD_STATUS.
config_case() { # NAME GENCONFIG_MODE...
	local name=$1 dir=build/test-linuxu-config-$1 count want
	shift
	if ! "$KILN" genconfig "$@" --target linuxu-x86_64 --name "test-linuxu-config-$name" \
		-o "$LOG/config-$name.json" >"$LOG/config-$name.log" 2>&1 ||
		! "$KILN" build "$LOG/config-$name.json" >>"$LOG/config-$name.log" 2>&1; then
		fail "config-$name" "$(cat "$LOG/config-$name.json" 2>/dev/null; tail -5 "$LOG/config-$name.log")"
		return
	fi
	count=$(sed -n 's/^CONFIG_HELLOWORLD_COUNT := //p' "$dir/config.mk")
	want=$(sed -n 's/^CONFIG_HELLOWORLD_STATUS := //p' "$dir/config.mk")
	run "config-$name" "$dir/linuxu-x86_64/helloworld.linuxu-x86_64.elf"
	if [ "$status" = "$want" ] && [ "$(grep -cxF "$GREETING" "$LOG/$last.txt")" = "$count" ]; then
		pass "config-$name"
	else
		fail "config-$name" "status $status (want $want), want $count greetings: $LOG/$last.txt"
	fi
}
config_case yes --all-yes
config_case no --all-no
for seed in 11 23 37; do
	config_case "random-$seed" --random "$seed"
done

# --- kiln run: the run description in plat/linuxu/lib.json, no host code naming linuxu ------
boot run-hello examples/helloworld/linuxu.json -- one "two words" 'q"uote' "it's" exit=42
expect run-hello 42 "$GREETING" "arg 1: one" "arg 2: two words" 'arg 3: q"uote' "arg 4: it's" \
	"arg 5: exit=42"
check run-hello-prints-command grep -qE "^kiln: run: /[^ ]*/helloworld\.linuxu-x86_64\.elf -- one 'two words'" \
	"$LOG/run-hello.err"
boot run-status-0 examples/helloworld/linuxu.json -- exit=0
expect run-status-0 0 "$GREETING"
boot run-status-125 examples/helloworld/linuxu.json -- exit=125
expect run-status-125 125 "$GREETING"
# make run: the app's chosen status is said in one line, without make's "*** Error 5"
check make-run-status-said bash -c "make --no-print-directory PROFILE=examples/helloworld/linuxu.json run ARGS=exit=5 >'$LOG/make-run.txt' 2>&1 && grep -qx 'make run: the app exited with status 5' '$LOG/make-run.txt' && ! grep -q 'Error 5' '$LOG/make-run.txt'"
boot run-profile-args tests/linuxu/profiles/debug.json
expect run-profile-args 0 "$GREETING"
boot run-crash tests/linuxu/profiles/fault.json -- pf
expect run-crash 255
expect_re run-crash-dump '^RIP [0-9a-f]{16}' 'CR2 0000000040000000'
check run-machine-refused bash -c "! '$KILN' run --no-build --machine pc examples/helloworld/linuxu.json 2>'$LOG/run-machine.err' && grep -q 'platform linuxu offers no machine pc' '$LOG/run-machine.err'"

# --- headers and options by dependency: a library sees what it brings in, nothing else ------
hv=$(mktemp -d)
mkdir -p "$hv/peeker/src" "$hv/reader/src"
cat >"$hv/peeker/lib.json" <<'JSON'
{ "kiln_catalog": 1, "name": "peeker", "kind": "app", "requires": ["libc"], "sources": ["src/main.c"] }
JSON
printf '#include <kiln/args.h>\nint main(void) { return 0; }\n' >"$hv/peeker/src/main.c"
printf '{ "kiln_profile": 1, "catalog": 1, "name": "test-linuxu-peeker", "app": ".", "targets": ["linuxu-x86_64"] }\n' \
	>"$hv/peeker/linuxu.json"
cli_status header-not-brought-in 1 \
	"kiln: library peeker cannot see kiln/args.h: name the library that provides it in .*peeker/lib.json" \
	"$KILN" build "$hv/peeker/linuxu.json"
# The same app naming argparse builds, and reads argparse's and printk's options.
cat >"$hv/reader/lib.json" <<'JSON'
{ "kiln_catalog": 1, "name": "reader", "kind": "app", "selects": "argparse", "requires": ["libc"],
  "sources": ["src/main.c"] }
JSON
cat >"$hv/reader/src/main.c" <<'C'
#include <stdio.h>
#include <kiln/args.h>
int main(void)
{
#ifdef CONFIG_PRINTK_LEVEL
	printf("printk level %s\n", CONFIG_PRINTK_LEVEL);
#endif
	return 0;
}
C
printf '{ "kiln_profile": 1, "catalog": 1, "name": "test-linuxu-reader", "app": ".", "targets": ["linuxu-x86_64"], "options": { "PRINTK_LEVEL": "debug" } }\n' \
	>"$hv/reader/linuxu.json"
build "$hv/reader/linuxu.json" build-reader
boot header-brought-in "$hv/reader/linuxu.json"
expect header-brought-in 0 "printk level debug"
rm -rf "$hv"

# --- a platform added with zero changes to kiln: plat/linuxu copied under another name -------
copy=$(mktemp -d)/platforms/plat-rocket
mkdir -p "$(dirname "$copy")"
cp -r plat/linuxu "$copy"
# Renamed through and through, as a user starting a platform from this one would: the library,
# its platform, its options (PLAT_ROCKET_*), the macros its C reads.
find "$copy" -type f -exec sed -i 's/linuxu/rocket/g; s/LINUXU/ROCKET/g' {} +
find "$copy" -name '*linuxu*' | while read -r f; do mv "$f" "${f%/*}/$(basename "$f" | sed 's/linuxu/rocket/g')"; done
mkdir -p "$LOG/elsewhere"
cat >"$LOG/elsewhere/hello-rocket.json" <<'JSON'
{ "kiln_profile": 1, "catalog": 1, "name": "test-linuxu-rocket", "app": "helloworld",
  "targets": ["rocket-x86_64"] }
JSON
KILN_LIBPATH=${copy%/*} build "$LOG/elsewhere/hello-rocket.json" build-copied-platform
KILN_LIBPATH=${copy%/*} boot run-copied-platform "$LOG/elsewhere/hello-rocket.json" -- "from a copy" exit=3
expect run-copied-platform 3 "$GREETING" "arg 1: from a copy"
check copied-platform-image test -x build/test-linuxu-rocket/rocket-x86_64/helloworld.rocket-x86_64.elf
rm -rf "${copy%/platforms/*}"
check copied-platform-unknown-without-path bash -c "! '$KILN' build '$LOG/elsewhere/hello-rocket.json' 2>'$LOG/no-rocket.err' && grep -q 'unknown target \"rocket-x86_64\"' '$LOG/no-rocket.err'"

# --- gdb: symbols of the debug image, a breakpoint in main -----------------------------------
if command -v gdb >/dev/null; then
	timeout 60 gdb -nx -batch -ex 'info address main' -ex 'break main' -ex run \
		-ex 'print argv[1]' -ex continue --args "$HELLO.dbg" -- "gdb arg" \
		>"$LOG/gdb.txt" 2>&1
	last=gdb
	expect_re gdb-symbols '^Symbol "main" is a function at address 0x[0-9a-f]+\.$'
	expect_re gdb-breakpoint '^Breakpoint 1, main \(argc=2, argv=.*examples/helloworld/src/main\.c:[0-9]+$'
	# shellcheck disable=SC2016 # $1 is gdb's first value, not the shell's
	expect_re gdb-reads-args '^\$1 = 0x[0-9a-f]+ <kargs_buf\+[0-9]+> "gdb arg"$'
	expect_re gdb-exit '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'
else
	echo "skip gdb-*: gdb is not installed (make deps installs it)"
fi

write_result "$RESULT"
[ "$FAILED" -eq 0 ]
