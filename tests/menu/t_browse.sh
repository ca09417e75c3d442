# tests/menu/t_browse.sh — browsing: the tree, provenance on every row, keys that move.

HELLO=examples/helloworld/kvm.json

test_opens_helloworld_with_provenance() {
	local p
	p=$(work_copy $HELLO hello.json)
	menu "$p" 120 90 || return 1
	wait_for "kiln menu  " || return 1
	screen | head -1 | grep -q "hello.json" || fail "title does not name the profile" ||
		return 1
	expect_row " App " "helloworld +user" || return 1
	expect_row "Hello world" '\(\*\) Hello world +helloworld +user' || return 1
	expect_row "Greetings" 'Greetings +1 +default' || return 1
	expect_row "(*) kvm-x86_64" "kvm-x86_64" || return 1
	expect_row "( ) xen-x86_64" "xen-x86_64" || return 1
	expect_row "libc (choose one)" "nolibc" || return 1
	# printk is on because something selects it: forced, and the row says by what (the
	# catalog outgrows any screen: the search brings the row into view)
	goto "Kernel log (printk)" || return 1
	expect_row "Kernel log (printk)" '-\*- Kernel log \(printk\) +printk +forced by [a-z-]+' ||
		return 1
	expect_row "/:search" "Spc:toggle.*\?:help.*q:quit" || return 1
}

# Issue 5: the app and the platform (targets) head the tree, above the libraries.
test_app_and_platform_head_the_tree() {
	menu "$(work_copy $HELLO hello.json)" 80 24 || return 1
	screen | sed -n 2p | grep -qE '^>\[\+\] App +helloworld +user' ||
		fail "row 1 is not the app: $(screen | sed -n 2p)" || return 1
	screen | sed -n 3p | grep -qE '^ \[-\] Platform +kvm-x86_64 +user' ||
		fail "row 2 is not the platform: $(screen | sed -n 3p)" || return 1
	screen | sed -n 4,5p | grep -c 'x86_64' | grep -qx 2 ||
		fail "the targets are not right under it" || return 1
}

test_arrow_and_vi_keys_move_the_cursor() {
	menu "$(work_copy $HELLO hello.json)" || return 1
	expect_cursor " App " || return 1
	wait_for "App = helloworld" || return 1 # the why pane follows the cursor
	keys j
	expect_cursor " Platform " || return 1
	wait_for "Platform = kvm-x86_64" || return 1
	keys Down
	expect_cursor '\(\*\) kvm-x86_64' || return 1
	keys k
	expect_cursor " Platform " || return 1
	keys Up
	expect_cursor " App " || return 1
	keys G
	expect_cursor "plat-xen" || return 1    # the last row: tests (kind test) have none
	keys g
	expect_cursor " App " || return 1
}

test_folders_open_and_close() {
	menu "$(work_copy $HELLO hello.json)" || return 1
	keys j                               # Platform, open by default
	wait_for "( ) xen-x86_64" || return 1
	keys h
	wait_gone "( ) xen-x86_64" || return 1
	expect_row "Platform" '\[\+\] Platform' || return 1
	keys l
	wait_for "( ) xen-x86_64" || return 1
	keys Space
	wait_gone "( ) xen-x86_64" || return 1
}

test_help_shows_item_help_and_keys() {
	menu "$(work_copy $HELLO hello.json)" || return 1
	goto "Timestamps" || return 1
	keys ?
	wait_for "Start each line with the seconds since boot" || return 1
	wait_for "undo, redo" || return 1
	keys q
	wait_gone "undo, redo" || return 1
	wait_for "q:quit"
}
