# Helpers for the boot tests (sourced by tests/boot/run.sh): build and boot through the kiln
# tool, and check what the guest printed and the status it left. Each check counts one test
# through tests/tap.sh (pass, fail, check). Guest output is kept in $LOG/NAME.out (raw) and
# $LOG/NAME.txt (carriage returns removed).

# shellcheck source=tests/tap.sh
source tests/tap.sh

# build PROFILE NAME [kiln build options]: one test, log in $LOG/NAME.log.
build() {
	local profile=$1 name=$2
	shift 2
	if "$KILN" build "$@" "$profile" >"$LOG/$name.log" 2>&1; then
		pass "$name"
	else
		fail "$name" "kiln build $profile failed (see $LOG/$name.log)"
	fi
}

# boot NAME [kiln run options] PROFILE [-- ARGS]: sets $status.
boot() {
	local name=$1
	shift
	timeout 60 "$KILN" run --no-build "$@" >"$LOG/$name.out" 2>"$LOG/$name.err"
	status=$?
	last=$name
	tr -d '\r' <"$LOG/$name.out" >"$LOG/$name.txt"
}

# qemu_plain NAME QEMU ARGS...: QEMU with a serial console and nothing of kiln's; sets $status.
qemu_plain() {
	local name=$1
	shift
	timeout 20 qemu-system-x86_64 -accel tcg -m 64M -nodefaults -display none -serial stdio \
		"$@" >"$LOG/$name.out" 2>"$LOG/$name.err"
	status=$?
	last=$name
	tr -d '\r' <"$LOG/$name.out" >"$LOG/$name.txt"
}

# missing FILE GREP_FLAGS PATTERN...: prints the first pattern no line of FILE matches.
missing() {
	local file=$1 flags=$2 p
	shift 2
	for p in "$@"; do
		grep -q "$flags" -- "$p" "$file" || { echo "$p"; return; }
	done
}

# expect NAME STATUS LINE...: the last boot ended with STATUS and printed each LINE whole.
expect() {
	local name=$1 want=$2 miss
	shift 2
	if [ "$status" != "$want" ]; then
		fail "$name" "status $status, want $want (see $LOG/$last.txt, $LOG/$last.err)"
		return
	fi
	miss=$(missing "$LOG/$last.txt" -xF "$@")
	if [ -n "$miss" ]; then fail "$name" "no line \"$miss\" in $LOG/$last.txt"; else pass "$name"; fi
}

# expect_re NAME REGEX...: the last boot's output has a line matching each extended REGEX.
expect_re() {
	local name=$1 miss
	shift
	miss=$(missing "$LOG/$last.txt" -E "$@")
	if [ -n "$miss" ]; then fail "$name" "nothing matches /$miss/ in $LOG/$last.txt"; else pass "$name"; fi
}

# True when /dev/kvm can be opened for reading and writing (real KVM or its PVM flavour).
kvm_opens() {
	[ -c /dev/kvm ] && { exec 9<>/dev/kvm; } 2>/dev/null && exec 9>&-
}

# cli_status NAME WANT_STATUS PATTERN COMMAND...: COMMAND's status, and PATTERN (extended
# regex) in what it printed (stdout and stderr together, in $LOG/NAME.cli).
cli_status() {
	local name=$1 want=$2 re=$3 got
	shift 3
	timeout 60 "$@" >"$LOG/$name.cli" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$name" "status $got, want $want (see $LOG/$name.cli)"
	elif ! grep -qE -- "$re" "$LOG/$name.cli"; then
		fail "$name" "nothing matches /$re/ in $LOG/$name.cli"
	else
		pass "$name"
	fi
}
