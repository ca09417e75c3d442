# tests/menu/t_profile.sh — profiles: quitting with unsaved changes asks first, diff view,
# save as, presets.

HELLO=examples/helloworld/kvm.json

# make_change : turns PRINTK_TIMESTAMPS on (a decision the saved file does not hold).
make_change() {
	goto "Timestamps" || return 1
	keys Space
	wait_for "[modified]"
}

test_quit_with_unsaved_changes_asks_first() {
	local p
	p=$(work_copy $HELLO hello.json)
	menu "$p" || return 1
	make_change || return 1
	keys q
	wait_for "Unsaved changes" || return 1
	wait_for "+ PRINTK_TIMESTAMPS = y" || return 1
	keys c                                  # cancel: still in the menu
	wait_gone "Unsaved changes" || return 1
	wait_for "[modified]" || return 1
	keys q
	wait_for "Unsaved changes" || return 1
	keys n                                  # no: discard
	wait_for "MENU-EXITED-0" || return 1
	cmp -s "$p" $HELLO || fail "discarding changed the file" || return 1
}

test_quit_can_save() {
	local p
	p=$(work_copy $HELLO hello.json)
	menu "$p" || return 1
	make_change || return 1
	keys q
	wait_for "Unsaved changes" || return 1
	keys y
	wait_for "MENU-EXITED-0" || return 1
	[ "$(json "$p" 'j["options"]')" = "{'PRINTK_TIMESTAMPS': True}" ] ||
		fail "not saved on quit" || return 1
}

test_quit_without_changes_does_not_ask() {
	menu "$(work_copy $HELLO hello.json)" || return 1
	make_change || return 1
	keys u                                  # back to what is on disk
	wait_gone "[modified]" || return 1
	keys q
	wait_for "MENU-EXITED-0" || return 1
}

test_diff_against_the_saved_file() {
	menu "$(work_copy $HELLO hello.json)" || return 1
	make_change || return 1
	goto "Greetings" || return 1
	keys Enter C-u
	type_text "5"
	keys Enter
	wait_for "HELLOWORLD_COUNT = 5" || return 1
	keys d
	wait_for "Your decisions against" || return 1
	wait_for "+ PRINTK_TIMESTAMPS = y" || return 1
	wait_for "+ HELLOWORLD_COUNT = 5" || return 1
	keys q
	wait_gone "Your decisions against" || return 1
}

test_save_as_writes_a_new_file() {
	local p
	p=$(work_copy $HELLO hello.json)
	menu "$p" || return 1
	make_change || return 1
	keys S
	wait_for "Save as:" || return 1
	keys C-u
	type_text "$WORK/copy.json"
	keys Enter
	wait_for "Build folder name (build/NAME/): helloworld-copy" || return 1
	keys Enter
	wait_for "Saved; it builds into build/helloworld-copy/: ${WORK:0:40}" || return 1
	expect_json "$WORK/copy.json" 'j["name"]' helloworld-copy || return 1
	screen | head -1 | grep -q "copy.json" || fail "title does not name the copy" || return 1
	[ "$(json "$WORK/copy.json" 'j["options"]')" = "{'PRINTK_TIMESTAMPS': True}" ] ||
		fail "copy wrong" || return 1
	cmp -s "$p" $HELLO || fail "save as changed the original" || return 1
	ls "$WORK" | grep -v -e '^hello.json$' -e '^copy.json$' -e '^asan' | grep . &&
		fail "temporary files left behind" && return 1
	return 0
}

test_open_a_preset() {
	menu "$(work_copy $HELLO hello.json)" || return 1
	keys o
	wait_for "Open a profile" || return 1
	wait_for "Hello world on KVM" || return 1
	wait_for "Another file..." || return 1
	# the presets are the examples' profiles in file order: down to helloworld's
	local n i
	n=$(cd "$ROOT" && ls -1 examples/*/*.json | grep -v '/lib\.json$' |
		grep -n '^examples/helloworld/kvm\.json$' | cut -d: -f1)
	for ((i = 1; i < n; i++)); do keys Down; done
	keys Enter
	wait_for "Opened" || return 1
	wait_for "examples/helloworld/kvm.json" || return 1
}

# Find 3: save as kept the old "name", so the copy built into the original's folder.
test_save_as_names_a_build_folder_of_its_own() {
	local p
	p=$(work_copy $HELLO hello.json)
	menu "$p" || return 1
	keys S
	wait_for "Save as:" || return 1
	keys C-u
	type_text "$WORK/mine.json"
	keys Enter
	wait_for "Build folder name (build/NAME/): helloworld-mine" || return 1
	keys C-u
	type_text "bad/name"
	keys Enter
	wait_for "cannot name a folder" || return 1
	[ -e "$WORK/mine.json" ] && fail "saved under a name that is no folder" && return 1
	keys S
	wait_for "Save as:" || return 1
	keys C-u
	type_text "$WORK/mine.json"
	keys Enter
	wait_for "helloworld-mine" || return 1
	keys C-u
	type_text "my-hello"
	keys Enter
	wait_for "Saved; it builds into build/my-hello/" || return 1
	expect_json "$WORK/mine.json" 'j["name"]' my-hello || return 1
	expect_json "$p" 'j["name"]' helloworld-kvm
}
