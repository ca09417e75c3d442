#!/usr/bin/env bash
# examples/lua on linuxu, KVM (QEMU TCG) and Xen (quick tier: Xen in QEMU, the image as
# dom0), scripts from an initrd (kiln run --initrd tests/lua/initrd): known.lua (strings,
# tables, math, closures, coroutines, pcall and errors, os.time, os.clock moving with work, utf8, its arguments, and
# io.open reading, writing, appending, seeking, renaming and removing ramfs files) prints,
# line for line, what Debian's own lua5.4 prints for it on the host; a runtime error, in a
# script or in -e, exits 1 with Lua's message and a traceback; os.exit's status reaches the
# host; a missing script or file gives ENOENT's message, not a crash; the interactive prompt
# answers `print(6*7)` typed into a real terminal (tmux) with 42 and ends at ^D with status 0,
# and its os.clock does not count a second spent waiting for a line (processor time).
#
#   tests/lua/run.sh [RESULT_FILE [PART...]]   (default build/test-results/test-lua, every
#                                              part: known errors xen prompt)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
unset MAKEFLAGS MFLAGS MAKELEVEL

KILN=${KILN:-build/bin/kiln}
RESULT=${1:-build/test-results/test-lua}
PARTS=" ${*:2} "
[ "$PARTS" = "  " ] && PARTS=" known errors xen prompt "
part() { [[ $PARTS == *" $1 "* ]]; }
LOG=build/test-lua
rm -rf "$LOG" && mkdir -p "$LOG" "$(dirname "$RESULT")"
# shellcheck source=tests/boot/lib.sh
source tests/boot/lib.sh
INITRD=tests/lua/initrd

# The reference: the same script run by Debian's lua5.4 (UTC, as the guest's clock is), its
# files in a copy of the initrd's folder.
cp -r "$INITRD" "$LOG/root"
if TZ=UTC KNOWN_ROOT=$PWD/$LOG/root lua5.4 "$INITRD/known.lua" a b >"$LOG/reference.txt" \
	2>"$LOG/reference.err"; then
	pass "reference-lua5.4-runs"
else
	fail "reference-lua5.4-runs" "$(cat "$LOG/reference.err")"
fi

# like_reference NAME: the last boot printed the reference's lines and nothing else of Lua's.
like_reference() {
	grep -v -e '^kiln: ' "$LOG/$last.txt" >"$LOG/$last.stdout"
	if diff -u "$LOG/reference.txt" "$LOG/$last.stdout" >"$LOG/$1.diff"; then
		pass "$1"
	else
		fail "$1" "$(head -n 20 "$LOG/$1.diff")"
	fi
}

# The behaviour every platform must show: errors, statuses, missing files.
errors() {
	local t=$1 p=examples/lua/$1.json
	boot "fail-$t" --initrd "$INITRD" "$p" -- /fail.lua
	expect "script-error-$t-exits-1-with-message" 1 "before" \
		"lua: /fail.lua:2: attempt to index a nil value (local 't')" "stack traceback:"
	boot "error-$t" "$p" -- -e 'local t = nil; print("before"); print(t.x)'
	expect "runtime-error-$t-exits-1-with-message" 1 "before" \
		"lua: (command line):1: attempt to index a nil value (local 't')" "stack traceback:"
	boot "exit-$t" "$p" -- -e 'print("bye"); os.exit(42)'
	expect "os-exit-$t-status-reaches-host" 42 "bye"
	boot "nofile-$t" "$p" -- /no/such/script.lua
	expect "missing-script-$t-enoent-message" 1 \
		"lua: cannot open /no/such/script.lua: No such file or directory"
	boot "noopen-$t" "$p" -- -e 'print(io.open("/no/such/file"))'
	expect "io-open-missing-$t-gives-enoent" 0 "nil	/no/such/file: No such file or directory	2"
}

export KILN_XEN_NESTED=${KILN_XEN_NESTED:-quick}
for t in linuxu kvm xen; do
	[ $t != xen ] || part xen && build "examples/lua/$t.json" "build-$t"
done
# known TARGET: known.lua from the initrd, its output against the reference.
known() {
	boot "known-$1" --initrd "$INITRD" "examples/lua/$1.json" -- /known.lua a b
	check "known-$1-status-0" [ "$status" = 0 ]
	like_reference "known-$1-same-as-debian-lua5.4"
}
for t in linuxu kvm; do
	part known && known $t
	part errors && errors $t
done
if part xen; then
	known xen
	errors xen
fi

# The prompt in a real terminal: a line typed is echoed once, the value printed, ^D ends it,
# and the terminal is as it was.
SOCK=kiln-lua-test-$$
tm() { tmux -L "$SOCK" "$@"; }
term_stop() {
	tm kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
}
trap term_stop EXIT # also when a failure ends the run (TAP_FAIL_FAST)
# wait_line REGEX SECONDS: until a line of the terminal matches (trailing blanks are cut).
# LUA_PROMPT_WAIT=S, when set, makes no wait longer than S seconds: make mutate's check sets
# it, as the prompt shows and a line is answered in well under a second (on KVM under TCG,
# the machine loaded: 0.15 s from the start to the prompt, 0.03 s to an answer), so a fault
# is seen in S seconds rather than in the 10 to 60 below, which leave room for anything.
wait_line() {
	local t=0 s=$2
	[ -z "${LUA_PROMPT_WAIT:-}" ] || [ "$s" -le "$LUA_PROMPT_WAIT" ] || s=$LUA_PROMPT_WAIT
	while ((t++ < s * 20)); do
		tm capture-pane -p -t lua | grep -qE -- "$1" && return 0
		sleep 0.05
	done
	return 1
}
# want REGEX SECONDS: as wait_line; the first one missed is kept in $why, and once one is
# missed the rest are not waited for (a prompt that never shows costs one wait, not ten).
want() { [ -z "$why" ] && { wait_line "$1" "$2" || why="no line /$1/ on the screen"; }; }
# typed TEXT: TEXT and Enter, typed into the terminal.
typed() { tm send-keys -t lua -l "$1" && tm send-keys -t lua Enter; }
prompt() {
	local t=$1
	why=
	term_stop
	tm -f /dev/null new-session -d -s lua -x 80 -y 24 \
		"$KILN run --no-build examples/lua/$t.json; echo LUA-EXITED-\$?;
		stty -a | grep -q ' icanon' && stty -a | grep -q ' echo ' && echo TTY-SANE; sleep 600"
	want '^>$' 60 # the prompt shows before anything is typed (capture-pane cuts its blank)
	typed 'print(6*7)'
	want '^42$' 30
	typed '7 * 8' # an expression: its value is printed
	want '^56$' 10
	# os.clock is processor time: a second spent waiting for a line (halted by interrupt on
	# KVM, asleep in the host on linuxu) does not count. One line, so that only the wait
	# and an Enter lie between the two readings (the echo of a typed line is work, and a
	# loaded host can make it long).
	typed 'c0 = os.clock(); io.read(); print("idle", os.clock() - c0 < 0.5, os.clock() - c0)'
	sleep 1
	tm send-keys -t lua Enter
	want '^idle +true ' 10 # the terminal shows the tab as blanks
	typed 'for i = 1, 2 do'
	want '^>>$' 10
	typed 'print(i * 10) end'
	want '^20$' 10
	tm send-keys -t lua C-d
	want '^LUA-EXITED-0$' 30
	want '^TTY-SANE$' 10 # the terminal echoes and edits lines again
	tm capture-pane -p -t lua >"$LOG/prompt-$t.screen"
	term_stop
	[ "$(grep -o 'print(6\*7)' "$LOG/prompt-$t.screen" | wc -l)" = 1 ] ||
		why=${why:-"print(6*7) not shown exactly once (echoed twice?)"}
	if [ -z "$why" ]; then
		pass "prompt-$t-answers-42-in-tmux"
	else
		fail "prompt-$t-answers-42-in-tmux" "$why; screen:
$(cat "$LOG/prompt-$t.screen")"
	fi
}
if part prompt; then
	prompt kvm
	prompt linuxu
fi

write_result "$RESULT"
[ "$FAILED" = 0 ]
