# tests/menu/t_buildrun.sh — one key builds, one key runs: kiln build and kiln run as
# children of the menu, their output in a pane, a key stops the guest.

HELLO=examples/helloworld/kvm.json

test_build_and_run_from_the_menu() {
	menu "$(named_copy $HELLO hello.json menutest-hello)" || return 1
	keys b
	wait_for "kiln build" || return 1
	wait_re "build: done|FAILED" 600 || return 1
	wait_for "build: done (exit 0)" 1 || return 1
	keys q
	wait_for "build done" || return 1
	keys r
	wait_for "kiln run" || return 1
	wait_re "run: done|FAILED" 300 || return 1
	wait_for "Hello from kiln!" 1 || return 1
	wait_for "run: done (exit 0)" 1 || return 1
	keys q                                  # stops the guest if it still runs
	wait_for "Spc:toggle" || return 1
	wait_for "q:quit" || return 1
}

test_build_failure_names_the_failing_line() {
	local p
	p=$(work_copy tests/menu/fixtures/broken.json broken.json)
	menu "$p" || return 1
	keys b
	wait_for "FAILED (exit" 600 || return 1
	row_of "FAILED (exit" | grep -q "main.c:4:16: error:" || fail "no failing line" ||
		return 1
	row_of "failed step:" | grep -qE "CC +.*broken/src/main.c" ||
		fail "no failing step: $(row_of "failed step:")" || return 1
	keys q
	wait_for "build failed" || return 1
}

# guest_running : a QEMU of the spin fixture's image is alive (by its command line).
guest_running() {
	grep -qs "menutest-spi[n]/kvm-x86_64" /proc/[0-9]*/cmdline # [n]: not grep itself
}

test_stop_key_ends_a_running_guest() {
	local p
	p=$(work_copy tests/menu/fixtures/spin.json spin.json)
	menu "$p" || return 1
	keys r                                  # kiln run builds first when needed
	wait_re "spinning until stopped|FAILED" 600 || return 1
	wait_for "spinning until stopped" 1 || return 1
	wait_for "q/^C:stop" || return 1
	guest_running || fail "no guest running" || return 1
	keys q
	wait_for "run stopped" || return 1      # back in the menu, the status says so
	wait_for "Spc:toggle" || return 1
	local t=0
	while guest_running && ((t++ < 100)); do sleep 0.05; done
	guest_running && fail "the guest still runs" && return 1
	return 0
}

# A second build has no steps: the bar says so rather than "0/0".
test_build_with_nothing_to_do_says_up_to_date() {
	menu "$(named_copy $HELLO hello.json menutest-hello)" || return 1
	keys b
	wait_re "build: done|FAILED" 600 || return 1
	wait_for "build: done (exit 0)" 1 || return 1
	keys q
	wait_for "build done" || return 1
	keys b
	wait_re "build: done|FAILED" 600 || return 1
	wait_re '\] up to date$' 1 || return 1
	screen | grep -qF "0/0" && fail "a 0/0 bar" && return 1
	keys q
	wait_for "build done" || return 1
}

# Find 5: the run pane cut long lines, hiding the end of the runner's command. At 60
# columns it wraps them: the command shows whole, with the image's absolute path, and
# the build's lines are not under "guest console:".
test_run_pane_wraps_long_lines() {
	menu "$(named_copy examples/helloworld/linuxu.json lx.json menutest-linuxu)" 60 16 ||
		return 1
	keys r
	wait_re "run: done|FAILED" 600 || return 1
	wait_for "run: done (exit 0)" 1 || return 1
	wait_for "guest console:" 1 || return 1
	local want="kiln: run: $ROOT/build/menutest-linuxu/linuxu-x86_64/helloworld.linuxu-x86_64.elf"
	screen | sed -n '3,$p' | tr -d '\n' | grep -qF -- "$want" ||
		fail "the command is not whole: $want" || return 1
	screen | grep -qE '^\[ *[0-9]+/[0-9]+\]' && fail "build lines under the console" && return 1
	keys q
	wait_for "run done" || return 1
}
