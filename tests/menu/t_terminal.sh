# tests/menu/t_terminal.sh — terminal manners: 80x24 and resizing, NO_COLOR, Esc.

HELLO=examples/helloworld/kvm.json

test_resize_to_80x24_and_back() {
	menu "$(work_copy $HELLO hello.json)" 120 40 || return 1
	wait_for "^R:redo" || return 1          # wide: the long legend
	tm resize-window -t "$MENU_SESSION" -x 80 -y 24
	wait_gone "^R:redo" || return 1
	[ "$(screen | wc -l)" -eq 24 ] || fail "not 24 lines" || return 1
	[ "$(screen | tail -1 | grep -c 'q:quit')" -eq 1 ] || fail "legend not last" || return 1
	screen | head -1 | grep -q "kiln menu" || fail "no title" || return 1
	screen | python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in sys.stdin))' ||
		fail "wider than 80" || return 1
	goto "Timestamps" || return 1           # works at that size
	keys Space
	expect_cursor '\[\*\] Timestamps' || return 1
	tm resize-window -t "$MENU_SESSION" -x 30 -y 8
	wait_for "Terminal too small" || return 1
	tm resize-window -t "$MENU_SESSION" -x 120 -y 40
	wait_for "^R:redo" || return 1
	expect_cursor '\[\*\] Timestamps' || return 1
}

test_no_color_means_no_colour() {
	menu "$(work_copy $HELLO hello.json)" 100 30 NO_COLOR=1 || return 1
	screen_esc | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5|48;5)[;m]' &&
		fail "colour escapes under NO_COLOR" && return 1
	screen_esc | grep -qE $'\e\\[([0-9;]*;)?7[;m]' || fail "no reverse video either" ||
		return 1
	menu_stop
	menu "$(work_copy $HELLO hello.json)" 100 30 || return 1
	screen_esc | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7])[;m]' ||
		fail "no colour without NO_COLOR" || return 1
}

test_escape_quits_at_once() {
	menu "$(work_copy $HELLO hello.json)" || return 1
	keys Escape
	wait_for "MENU-EXITED-0" 2 || return 1
}

test_kiln_menu_bad_profile_is_one_line() {
	local out
	echo '{ "kiln_profile": 1, ' >"$WORK/bad.json"
	out=$("$KILN_MENU" --root "$ROOT" "$WORK/bad.json" 2>&1 </dev/null)
	[ $? -ne 0 ] || fail "exit 0 on a broken profile" || return 1
	[ "$(echo "$out" | wc -l)" -eq 1 ] || fail "not one line: $out" || return 1
	echo "$out" | grep -qE "bad.json:[0-9]+:[0-9]+: |kiln: " || fail "no position: $out" ||
		return 1
}

# `kiln menu PROFILE` execs the kiln-menu beside kiln (here a link to the ASan build, so
# the run is a memory check too) and opens that profile.
test_kiln_menu_command_opens_the_profile() {
	mkdir -p "$WORK/bin" && cp "$KILN" "$WORK/bin/kiln" && ln -s "$KILN_MENU" "$WORK/bin/kiln-menu"
	local prof
	prof=$(work_copy $HELLO hello.json)
	menu_start 100 30 env ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$WORK/asan" KILN_ROOT="$ROOT" \
		"$WORK/bin/kiln" menu "$prof"
	wait_for "q:quit" || return 1
	screen | head -1 | grep -qF "kiln menu  " || fail "no title" || return 1
	screen | head -1 | grep -qF "hello.json" || fail "not the profile given" || return 1
	keys q
	wait_for "MENU-EXITED-0" || return 1
}

# Every pane takes KEY_RESIZE from the one loop: a dialog open during a resize is laid out
# again at the new size, keeps its legend on the last line, and still takes its keys.
test_resize_inside_a_dialog_keeps_it() {
	menu "$(work_copy $HELLO hello.json)" 120 40 || return 1
	keys d
	wait_for "Your decisions against" || return 1
	tm resize-window -t "$MENU_SESSION" -x 80 -y 24
	wait_for "Your decisions against" || return 1
	[ "$(screen | wc -l)" -eq 24 ] || fail "not 24 lines" || return 1
	screen | tail -1 | grep -q 'q:close' || fail "the dialog's legend is not last" || return 1
	screen | python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in sys.stdin))' ||
		fail "wider than 80" || return 1
	keys q
	wait_gone "Your decisions against" || return 1
	wait_for "q:quit"
}

# The search pane at a size too small for the menu says so, and comes back when resized.
test_too_small_inside_search_comes_back() {
	menu "$(work_copy $HELLO hello.json)" 100 30 || return 1
	keys /
	wait_for "match" || return 1
	type_text "tmstmp"
	wait_for "PRINTK_TIMESTAMPS" || return 1
	tm resize-window -t "$MENU_SESSION" -x 30 -y 8
	wait_for "Terminal too small" || return 1
	tm resize-window -t "$MENU_SESSION" -x 100 -y 30
	wait_for "/tmstmp" || return 1
	keys Enter
	expect_cursor "Timestamps" || return 1
}

# Find 5: the first `make menuconfig` showed a blank screen while the menu was built; it
# now says what it is doing first (make -n: parse only, nothing built), and says nothing
# once the menu is up to date.
test_menuconfig_says_it_builds_the_menu_first() {
	local out
	out=$(make -n --no-print-directory BUILD="$WORK/empty" menuconfig PROFILE=x.json 2>&1 | head -1)
	grep -q "^kiln: building the menu" <<<"$out" || fail "no message: $out" || return 1
	out=$(make -n --no-print-directory menuconfig PROFILE=x.json 2>&1 | head -1)
	grep -q "building the menu" <<<"$out" && fail "a message with the menu up to date" &&
		return 1
	return 0
}
