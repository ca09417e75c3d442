#!/usr/bin/env bash
# The newlib port's own test: examples/cstd (stdio, formatted floats, strtod, libm, qsort,
# malloc, setjmp, errno, clock_gettime, atexit, exit status, lines read from the console,
# files: one from an initrd packed by kiln run --initrd from tests/cstd/initrd/, others
# written, read back, listed, renamed and removed on the RAM filesystem, a missing one)
# built with newlib and booted
# on linuxu, on KVM (QEMU TCG) and on Xen (quick tier: Xen in QEMU, the image as dom0). Its standard output must be, line for line, what the
# same source prints when built for the host against glibc, and it must end with the
# status it passes to exit(). Also: a profile asking for newlib's app on the minimal libc
# is refused with the reason; the newlib objects are shared, so a second profile compiles
# none of them.
#
#   tests/cstd/run.sh [RESULT_FILE]     (default build/test-results/test-cstd)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
unset MAKEFLAGS MFLAGS MAKELEVEL

KILN=${KILN:-build/bin/kiln}
RESULT=${1:-build/test-results/test-cstd}
LOG=build/test-cstd
rm -rf "$LOG" && mkdir -p "$LOG" "$(dirname "$RESULT")"
# shellcheck source=tests/boot/lib.sh
source tests/boot/lib.sh
trap '' PIPE # typing into a guest that has ended is an error to report, not a signal

# The reference: the same program on the host's glibc.
if cc -O2 -o "$LOG/cstd-glibc" examples/cstd/src/main.c -lm 2>"$LOG/glibc.log"; then
	cp -r tests/cstd/initrd "$LOG/root" # glibc's files live under CSTD_ROOT
	env -u CSTD_GREETING CSTD_ROOT="$LOG/root" "$LOG/cstd-glibc" alpha beta >"$LOG/glibc.txt" \
		2>"$LOG/glibc.err"
	glibc_status=$?
	check "glibc-reference-status-3" [ "$glibc_status" = 3 ]
else
	fail "glibc-reference" "$(cat "$LOG/glibc.log")"
fi

# like_glibc NAME: the last boot's lines, less stderr's and the kernel's, are glibc's.
like_glibc() {
	grep -v -e '^stderr: ' -e '^kiln: ' "$LOG/$last.txt" >"$LOG/$last.stdout"
	if diff -u "$LOG/glibc.txt" "$LOG/$last.stdout" >"$LOG/$1.diff"; then
		pass "$1"
	else
		fail "$1" "$(head -n 20 "$LOG/$1.diff")"
	fi
}

export KILN_XEN_NESTED=${KILN_XEN_NESTED:-quick} # Xen in QEMU, the image as dom0
for t in linuxu kvm xen; do
	build "examples/cstd/$t.json" "build-$t"
	boot "cstd-$t" --initrd tests/cstd/initrd "examples/cstd/$t.json" -- alpha beta
	expect "cstd-$t-exit-status-and-stderr" 3 "stderr: works" "atexit: ran"
	like_glibc "cstd-$t-same-as-glibc"
done

# Console input through newlib's stdin: cooked lines, echoed, backspace (DEL) erasing, ^D
# (KVM) or the end of the pipe (linuxu) ending input. KVM's serial gets "\r" for Enter.
# typed NAME PROFILE INPUT: boots PROFILE with "read", INPUT on the console.
typed() {
	local name=$1 profile=$2 i
	rm -f "$LOG/$name.in" && mkfifo "$LOG/$name.in"
	timeout 60 "$KILN" run --no-build "$profile" -- read <"$LOG/$name.in" >"$LOG/$name.out" \
		2>"$LOG/$name.err" &
	exec 8>"$LOG/$name.in"
	for i in $(seq 600); do # the program says when it reads: a UART drops what came before
		grep -q 'read: ready' "$LOG/$name.out" && break
		sleep 0.1
	done
	printf "$3" >&8 2>/dev/null # a guest that ended already fails the checks, not the script
	exec 8>&-
	wait $!
	status=$?
	last=$name
	tr -d '\r' <"$LOG/$name.out" >"$LOG/$name.txt"
}
typed "read-linuxu" examples/cstd/linuxu.json 'one\ntwx\177o\n'
expect "stdin-linuxu-lines-edited-and-echoed" 0 "one" "line 1: one" "line 2: two" "lines: 2"
typed "read-kvm" examples/cstd/kvm.json 'one\rtwx\177o\r\004'
expect "stdin-kvm-lines-edited-and-echoed" 0 "one" "line 1: one" "line 2: two" "lines: 2"
# With the irq library, KVM's serial input comes by interrupt (IRQ 4 through the I/O APIC)
# into a ring: the same lines, and the interrupt's count says it was not polled.
build examples/cstd/kvm-irq.json "build-kvm-irq"
check "kvm-irq-has-serial-irq" bash -c "nm build/cstd-kvm-irq/kvm-x86_64/cstd.kvm-x86_64.elf.dbg | grep -q kvm_serial_intr"
typed "read-kvm-irq" examples/cstd/kvm-irq.json 'one\rtwx\177o\r\004'
expect "stdin-kvm-irq-lines-edited-and-echoed" 0 "one" "line 1: one" "line 2: two" "lines: 2"

# Without an initrd the tree has /dev only: the file from it is missing, said, not a crash.
boot "cstd-linuxu-no-initrd" examples/cstd/linuxu.json -- alpha beta
expect "no-initrd-file-missing-said" 3 "initrd: (missing)" "fopen /data/missing: No such file or directory"
# A packed archive is the same bytes each time (sorted names, owner and time 0), and
# cpio(1) lists what it holds.
arch=build/cstd-linuxu/linuxu-x86_64/cstd.linuxu-x86_64.initrd.cpio
cp "$arch" "$LOG/first.cpio" 2>/dev/null
"$KILN" run --no-build --initrd tests/cstd/initrd examples/cstd/linuxu.json -- alpha >/dev/null 2>&1
check "initrd-packing-reproducible" cmp -s "$arch" "$LOG/first.cpio"
check "initrd-cpio-lists-members" bash -c "cpio -it <'$arch' 2>/dev/null | grep -qx 'data/sub/script.txt'"
# A missing --initrd path is said before anything boots.
cli_status "initrd-missing-path" 1 "initrd /no/such/initrd" \
	"$KILN" run --no-build --initrd /no/such/initrd examples/cstd/linuxu.json

# Shared objects: a profile of another name compiles no newlib source again.
sed 's/"cstd-linuxu"/"cstd-linuxu-again"/' examples/cstd/linuxu.json >"$LOG/again.json"
rm -rf build/cstd-linuxu-again
"$KILN" build "$LOG/again.json" >"$LOG/again.log" 2>&1
check "second-profile-compiles-no-newlib" bash -c "! grep -q '_sources/newlib' '$LOG/again.log'"

# The environment: kernel words NAME=value (before "--"), here on linuxu's own command line.
timeout 20 build/cstd-linuxu/linuxu-x86_64/cstd.linuxu-x86_64.elf CSTD_GREETING=hi=there \
	verbose -- alpha >"$LOG/env.txt" 2>&1
status=$?
last=env
expect "environment-from-kernel-words" 3 "getenv: hi=there" "cstd: argc=2 [alpha]"

# libc is a choice: cstd needs newlib, so the minimal libc is refused, and why.
printf '{"kiln_profile": 1, "catalog": 1, "app": "cstd", "targets": ["linuxu-x86_64"],
 "libraries": {"nolibc": true}}\n' >"$LOG/nolibc.json"
cli_status "cstd-on-nolibc-refused" 1 'libc' "$KILN" resolve -o "$LOG/nolibc-out" "$LOG/nolibc.json"
check "cstd-on-nolibc-names-newlib" grep -q 'newlib' "$LOG/cstd-on-nolibc-refused.cli"

write_result "$RESULT"
[ "$FAILED" = 0 ]
