# tests/menu/t_why.sh — the issue's walk: search, toggle, why, an impossible choice and its
# explanation, a fix, undo and redo, save, and the saved file holds exactly the decisions.

HELLO=examples/helloworld/kvm.json
FIXTURE=tests/menu/fixtures/menutest.json

test_search_toggle_and_why_on_helloworld() {
	local p
	p=$(work_copy $HELLO hello.json)
	menu "$p" || return 1
	keys /
	wait_for "match" || return 1
	type_text "tmstmp"                     # fuzzy: letters in order
	wait_for "PRINTK_TIMESTAMPS" || return 1
	wait_for "Start each line with the seconds" || return 1 # help of the first hit
	keys Enter
	expect_cursor "Timestamps" || return 1
	expect_row "Timestamps" '\[ \] Timestamps.*default' || return 1
	keys Space
	expect_cursor '\[\*\] Timestamps.* user' || return 1
	wait_for "you turned PRINTK_TIMESTAMPS on" || return 1
	wait_for "[modified]" || return 1
	# console is on because libraries that are on select it: the why pane names them
	goto "Console" || return 1
	wait_re "(printk|nolibc|plat-kvm|plat-x86) selects [^,]*console[^,]*, so console is on" ||
		return 1
	save_expect "$p" 'j["options"]' "{'PRINTK_TIMESTAMPS': True}" || return 1
	[ "$(json "$p" 'j["libraries"]')" = "{}" ] || fail "saved libraries changed" || return 1
	[ "$(json "$p" '(j["app"], j["targets"], j["name"])')" = \
		"('helloworld', ['kvm-x86_64'], 'helloworld-kvm')" ] || fail "head changed" ||
		return 1
}

test_impossible_choice_is_explained_and_never_saved() {
	local p
	p=$(work_copy $HELLO hello.json)
	menu "$p" || return 1
	goto "Kernel log (printk)" || return 1
	keys Space                             # printk off: the libc and argparse need it
	wait_for "Refused: printk = n" || return 1
	wait_for "printk cannot be n." || return 1
	wait_for "no change of your decisions makes this possible" || return 1
	wait_for "Because:" || return 1
	# the chain from the app to printk: helloworld selects argparse, which selects printk
	wait_re "helloworld selects argparse" || return 1
	wait_re "argparse selects .*printk" || return 1
	expect_row "Kernel log (printk)" '-\*- Kernel log' || return 1
	wait_gone "[modified]" || return 1
	keys s
	wait_for "Saved" || return 1
	cmp -s "$p" $HELLO || json "$p" 'j["libraries"]' | grep -q '^{}$' ||
		fail "a refused change reached the file" || return 1
}

test_fix_applies_then_undo_and_redo() {
	local p
	p=$(work_copy $FIXTURE menutest.json)
	menu "$p" 100 40 || return 1
	goto "Fast mode" || return 1           # the catalog outgrows the screen: bring it into view
	expect_row "Fast mode" '\[\*\] Fast mode.* user' || return 1
	wait_gone "Safe mode" || return 1      # hidden: its depends does not hold
	keys /
	type_text "safe"
	wait_for "hidden" || return 1          # the result list says it is hidden
	keys Enter
	expect_cursor "Safe mode" || return 1
	wait_for "MENUTEST_SAFE is hidden" || return 1
	wait_for "MENUTEST_SAFE cannot be y." || return 1
	wait_for "fix 1: forget options.MENUTEST_FAST: true" || return 1
	wait_for "you turned MENUTEST_FAST on" || return 1 # the reason, from the minimal core
	keys f
	wait_for "Apply fix" || return 1
	wait_for "MENUTEST_FAST: y -> (default)" || return 1
	wait_for "MENUTEST_SAFE: (default) -> y" || return 1
	keys y
	expect_cursor '\[\*\] Safe mode.* user' || return 1
	expect_row "Fast mode" '(\[ \]|- -) Fast mode' || return 1
	save_expect "$p" 'j["options"]' "{'MENUTEST_SAFE': True}" || return 1
	keys u
	wait_for "undo:" || return 1
	expect_row "Fast mode" '\[\*\] Fast mode.* user' || return 1
	keys C-r
	wait_for "redo:" || return 1
	expect_row "Fast mode" '(\[ \]|- -) Fast mode' || return 1
	keys u
	expect_row "Fast mode" '\[\*\] Fast mode.* user' || return 1
	save_expect "$p" 'j["options"]' "{'MENUTEST_FAST': True}" || return 1
}

test_hidden_option_search_reveals_and_explains() {
	local p
	p=$(work_copy $FIXTURE menutest.json)
	menu "$p" 100 80 || return 1           # tall: the catalog's interfaces come first
	keys .                                 # show hidden options
	wait_for "Showing hidden options" || return 1
	goto "Safe mode" || return 1           # below the screen once the catalog grew
	expect_row "Safe mode" "hidden" || return 1
	keys .
	wait_gone "Safe mode" || return 1
}

# A value only all the constraints together force (no single clause propagates it): the
# row names the app from the full explanation, not "forced by ?", and the why pane has
# the chain.
test_value_forced_by_constraints_together_names_them() {
	menu "$(work_copy tests/menu/fixtures/search.json search.json)" || return 1
	goto "Search test library sx" || return 1
	expect_cursor '-\*- Search test library sx +sx +forced by searchapp' || return 1
	wait_for "so sx is on (no other value satisfies them all)" || return 1
}

# At 80x24 a refusal's long fix does not fit one line: the pane wraps it under its own
# indent, `w` shows every word of it (wrapped, not cut at the box), and the status line
# says where the reasons are instead of ending in the resolver's "cannot all hold:".
test_refusal_at_80x24_wraps_and_points_at_the_why_pane() {
	# an option that needs Xen and argparse, on KVM with argparse off: the one fix (change
	# the target, forget argparse = false) is too long for a line
	menu "$(work_copy tests/menu/fixtures/xenonly.json xenonly.json)" 80 24 || return 1
	goto "XO_GRANTS" || return 1
	keys Space
	wait_for "Refused: XO_GRANTS = y" || return 1
	row_of "Refused: XO_GRANTS = y" | grep -qF "(the why pane says why)" ||
		fail "status: '$(row_of "Refused:")'" || return 1
	screen | grep -qE '^     libraries\.argparse: false \(argparse becomes on\)' ||
		fail "the wrapped fix lost its indent" || return 1
	keys w
	wait_for "─ Why ─" || return 1
	wait_re "│ .*\(argparse becomes on\) +│" || return 1
	keys q
	wait_gone "─ Why ─" || return 1
}

# At 80x24 a search hit's place is whole ("hidden: plat-xen is off", not "plat-xe"), and
# the selected hit carries the '>' mark a monochrome terminal can see.
test_search_results_fit_80x24_and_mark_the_selection() {
	menu "$(work_copy $HELLO hello.json)" 80 24 || return 1
	keys /
	wait_for "match" || return 1
	type_text "xen"
	wait_for "/xen" || return 1
	expect_row "Guest memory (MiB)" 'hidden: plat-xen is off *$' || return 1
	# Titles that start with the text come first (which ones depends on the catalog); the
	# selection starts on the first and Down moves it to the row below.
	expect_cursor '^>Xen ' || return 1
	local second
	second=$(screen | grep -A1 '^>' | sed -n '2{s/^ //;s/  .*//;s/[^A-Za-z0-9 ].*//;p}')
	[ -n "$second" ] || fail "no second result row" || return 1
	keys Down
	expect_cursor "^>$second" || return 1
	if screen | grep -q 'plat-xen-tests'; then # tests are no hits
		fail "a test entry is among the results" || return 1
	fi
	keys Escape
	wait_gone "/xen" || return 1
}
