# tests/menu/t_newcomer.sh — a newcomer's own app in the menu (issue 11's finds): an app in
# its own folder with a profile beside it saying "app": ".", treated like an example; the
# fix that forgets the old app's options; -L folders; a chosen exit status that is no
# failure. Each test failed on the tree before these fixes.

OWNAPP=tests/menu/fixtures/ownapp

# own_app : a copy of the fixture app in WORK (its profile beside it); prints the profile.
own_app() {
	cp -r "$OWNAPP" "$WORK/ownapp"
	echo "$WORK/ownapp/kvm.json"
}

# Edit the app's option, switch the app away and back: the saved file says "app": "."
# still, the option is saved, [modified] and d match the file.
test_own_app_edits_and_saves_as_written() {
	local p
	p=$(own_app)
	menu "$p" || return 1
	expect_row "App  " "ownapp" || return 1
	goto "Hello world" || return 1
	keys Space
	expect_row "Hello world" '\(\*\)' || return 1
	goto "Own app" || return 1
	keys Space
	expect_row "Own app" '\(\*\)' || return 1
	goto "Primes" || return 1
	keys Enter C-u
	type_text 30
	keys Enter
	expect_row "Primes" " 30 +user" || return 1
	wait_for "[modified]" || return 1
	keys d
	wait_for "OWNAPP_COUNT" || return 1
	screen | grep -q "no changes" && fail "d says no changes" && return 1
	keys q
	save_expect "$p" "j['app']" "." || return 1
	expect_json "$p" "j['options']['OWNAPP_COUNT']" 30 || return 1
	wait_gone "[modified]" || return 1
	keys d
	wait_for "no changes" || return 1
}

# Greetings=3 and Exit status=5 on helloworld, then the own app: refused, and the fix
# forgets both options (no target switch could do it).
test_fix_forgets_the_old_apps_options() {
	cp -r "$OWNAPP" "$WORK/ownapp"
	cat >"$WORK/hello.json" <<-EOF
		{ "kiln_profile": 1, "catalog": 1, "app": "helloworld", "targets": ["kvm-x86_64"],
		  "options": { "HELLOWORLD_COUNT": 3, "HELLOWORLD_STATUS": 5 } }
	EOF
	menu "$WORK/hello.json" 100 30 KILN_LIBPATH="$WORK/ownapp" || return 1
	goto "Own app" || return 1
	keys Space
	wait_for "App cannot be ownapp" || return 1
	wait_for "fix 1: forget options.HELLOWORLD_COUNT" || return 1
	screen | grep -q "no change of your decisions" && fail "no fix offered" && return 1
	screen | grep -q "Refused: :app" && fail "the status line names :app" && return 1
	keys f
	wait_for "Apply it?" || return 1
	keys y
	expect_row "Own app" '\(\*\)' || return 1
	save_expect "$WORK/hello.json" "j['app']" "ownapp" || return 1
	expect_json "$WORK/hello.json" "j.get('options', {})" "{}" || return 1
}

# -L brings a folder's libraries (here an app) into the menu, as for the kiln tool.
test_L_folder_joins_the_catalog() {
	cp -r "$OWNAPP" "$WORK/ownapp"
	cat >"$WORK/byname.json" <<-EOF
		{ "kiln_profile": 1, "catalog": 1, "app": "ownapp", "targets": ["kvm-x86_64"] }
	EOF
	menu_start 100 40 env ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$WORK/asan" \
		"$KILN_MENU" --root "$ROOT" --kiln "$KILN" -L "$WORK/ownapp" "$WORK/byname.json"
	wait_for "q:quit" || return 1
	expect_row "App  " "ownapp" || return 1
	goto "Own app" || return 1 # in the catalog's tree, wherever the tree has grown to
	expect_cursor "Own app" || return 1
}

# Status 5 chosen in the profile: the run pane says the app exited with 5, not FAILED,
# and the guest's lines are not mixed with the build's under "guest console:".
test_chosen_exit_status_is_not_a_failure() {
	cat >"$WORK/st.json" <<-EOF
		{ "kiln_profile": 1, "catalog": 1, "name": "menu-newcomer-status",
		  "app": "helloworld", "targets": ["linuxu-x86_64"],
		  "options": { "HELLOWORLD_STATUS": 5 } }
	EOF
	menu "$WORK/st.json" || return 1
	keys r
	wait_re "run: done|FAILED" 600 || return 1
	wait_for "the app exited with status 5" 1 || return 1
	screen | grep -q "FAILED" && fail "a chosen status shown as failure" && return 1
	wait_for "guest console:" 1 || return 1
	screen | grep -qE '^\[ *[0-9]+/[0-9]+\]' && fail "build lines under the console" &&
		return 1
	keys q
	wait_for "the app exited with status 5" || return 1
	screen | grep -q "failed" && fail "the status line says failed" && return 1
	return 0
}
