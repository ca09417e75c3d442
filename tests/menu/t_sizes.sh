# tests/menu/t_sizes.sh — the screen at every size: the main states captured at 80x24,
# 120x40, 60x16 and 200x50 (and at the 40x12 minimum), each asserting what must be
# visible there: titles with their values beside them, the legend's most important keys,
# help and why text wrapped without losing a word, boxes that cover the tree, and a clear
# message below the minimum size.

HELLO=examples/helloworld/kvm.json
SIZES="80x24 120x40 60x16 200x50"

# fits COLS ROWS : the screen has ROWS lines, none wider than COLS.
fits() {
	screen | python3 -c '
import sys
cols, rows = int(sys.argv[1]), int(sys.argv[2])
lines = sys.stdin.read().split("\n")[:rows]
wide = [l for l in lines if len(l.rstrip()) > cols]
sys.exit(1 if wide or len(lines) != rows else 0)' "$1" "$2" || fail "the screen is not ${1}x$2"
}

# legend_has KEY... : the last line (the legend) names each KEY ("s:save").
legend_has() {
	local last
	last=$(screen | tail -1)
	for k in "$@"; do
		grep -qF -- "$k" <<<"$last" || fail "the legend lacks $k: '$last'" || return 1
	done
}

# value_col TITLE VALUE : prints the column where VALUE starts on the row of TITLE (fails
# when the row does not show it).
value_col() {
	row_of "$1" | python3 -c '
import sys
row, title, value = sys.stdin.read(), sys.argv[1], sys.argv[2]
t = row.find(title)
v = row.find(value, t + len(title)) if t >= 0 else -1
print(v)
sys.exit(0 if v > 0 else 1)' "$1" "$2" || fail "no '$2' on the row of '$1': '$(row_of "$1")'"
}

# main_screen_at COLS ROWS : the main screen there: the title, the app and platform with
# their values beside their titles, the why pane, the legend with q and ?, and s, b, r
# from 60 columns on.
main_screen_at() {
	local cols=$1 rows=$2
	fits "$cols" "$rows" || return 1
	screen | head -1 | grep -q "kiln menu" || fail "no title at ${cols}x$rows" || return 1
	value_col "] App" helloworld >/dev/null || return 1
	value_col "] Platform" kvm-x86_64 >/dev/null || return 1
	wait_for "── why" 1 || return 1
	wait_for "App = helloworld" 1 || return 1
	legend_has "q:quit" "?:help" || return 1
	if [ "$cols" -ge 60 ]; then legend_has "s:save" "b:build" "r:run" || return 1; fi
}

test_main_screen_at_every_size() {
	local p s c120 c200
	p=$(work_copy $HELLO hello.json)
	for s in $SIZES 40x12; do
		menu "$p" "${s%x*}" "${s#*x}" || return 1
		main_screen_at "${s%x*}" "${s#*x}" || return 1
	done
	# the widest title, not the terminal, sets where values start: the same column at 120
	# and 200 columns (once they sat 140 columns from their titles at 200)
	menu "$p" 120 40 || return 1
	c120=$(value_col "] App" helloworld) || return 1
	menu "$p" 200 50 || return 1
	c200=$(value_col "] App" helloworld) || return 1
	[ "$c120" = "$c200" ] || fail "values start at column $c120 at 120 columns, $c200 at 200" ||
		return 1
	legend_has "^R:redo" "d:diff" "S:save-as" "o:open" || return 1
	# in rank order: the most used keys first, wherever the legend is cut
	screen | tail -1 | grep -qE '^ *Spc:toggle Enter:edit /:search \?:help ' ||
		fail "the legend is not in rank order: '$(screen | tail -1)'" || return 1
}

# The help of Load address wraps at every size without losing or splitting a word ("Not"
# once stood alone), and the box covers the whole screen: no row of the tree shows.
test_help_wraps_whole_words_and_covers_the_tree() {
	local p s want
	p=$(work_copy $HELLO hello.json)
	want=$(json plat/kvm/lib.json 'j["options"]["PLAT_KVM_LOAD_ADDR"]["help"]')
	for s in $SIZES; do
		menu "$p" "${s%x*}" "${s#*x}" || return 1
		goto "Load address" || return 1
		keys "?"
		wait_for "PLAT_KVM_LOAD_ADDR" || return 1
		fits "${s%x*}" "${s#*x}" || return 1
		screen | head -n -1 | grep -qvE '^[┌│└]' && fail "the tree shows beside the box at $s" &&
			return 1
		# the paragraph: the box's lines after the title, up to the blank line
		screen | python3 -c '
import sys
lines = [l.rstrip()[1:-1].strip() for l in sys.stdin.read().split("\n")]
start = next(i for i, l in enumerate(lines) if "PLAT_KVM_LOAD_ADDR" in l) + 1
para = []
for l in lines[start:]:
    if not l:
        break
    para.append(l)
got = " ".join(para)
sys.exit(0 if got == sys.argv[1] or (sys.argv[1].startswith(got) and len(para) > 3) else 1)' "$want" ||
			fail "the help is not the lib.json's words at $s" || return 1
		legend_has "q:close" || return 1
	done
}

# On the chosen row of a radio list the why pane says why it is the chosen one.
test_why_on_the_chosen_radio_row() {
	menu "$(work_copy $HELLO hello.json)" 80 24 || return 1
	keys j j
	expect_cursor '\(\*\) kvm-x86_64' || return 1
	wait_for "Platform = kvm-x86_64" || return 1
}

# w opens the whole explanation only when the pane cannot show it; else it says so.
test_w_does_not_repeat_a_pane_that_shows_it_all() {
	menu "$(work_copy $HELLO hello.json)" 120 40 || return 1
	wait_for "App = helloworld" || return 1
	keys w
	wait_for "The why pane shows all of it." || return 1
	screen | grep -q "─ Why " && fail "w opened a box repeating the pane" && return 1
	return 0
}

# Below the minimum the message states the size needed and the way on; q still quits.
test_below_the_minimum_size_says_what_it_needs() {
	menu "$(work_copy $HELLO hello.json)" 80 24 || return 1
	tm resize-window -t "$MENU_SESSION" -x 39 -y 12
	wait_for "needs at least 40x12" || return 1
	wait_for "39x12" || return 1
	tm resize-window -t "$MENU_SESSION" -x 60 -y 11
	wait_for "60x11" || return 1
	keys q
	wait_for "MENU-EXITED-0" || return 1
}

# Every confirm dialog answers with the same keys: [Y]es [N]o [C]ancel.
test_confirm_dialogs_share_their_keys() {
	menu "$(work_copy $HELLO hello.json)" 80 24 || return 1
	goto "Timestamps" || return 1
	keys Space
	wait_for "[modified]" || return 1
	keys b
	wait_for "Save them first?" || return 1
	wait_for "[Y]es [N]o [C]ancel" 1 || return 1
	keys Escape
	wait_gone "Save them first?" || return 1
	keys q
	wait_for "Save them?" || return 1
	wait_for "[Y]es [N]o [C]ancel" 1 || return 1
	legend_has "y:Yes" "n:No" "c:Cancel" || return 1
	keys c
	wait_gone "Save them?" || return 1
}

# Find 6: the README's picture of the menu did not match the menu. It is now a capture of
# the real menu at 80x24; this fails when the two differ, naming the script that updates
# the README.
test_readme_capture_is_the_menu() {
	local out
	out=$(KILN_MENU="$KILN_MENU" tests/menu/readme_capture.sh 2>&1) ||
		fail "README.md's capture differs: $(tail -20 <<<"$out")" || return 1
	grep -q "App = helloworld" <<<"$out" || fail "the capture shows no why pane" || return 1
	# and the check can fail: a README whose picture is off is caught
	sed 's/^>\[+\] App /> [+] App/' README.md >"$WORK/README.md"
	README="$WORK/README.md" KILN_MENU="$KILN_MENU" tests/menu/readme_capture.sh \
		>/dev/null 2>&1 && fail "a README that differs passed the check" && return 1
	return 0
}
