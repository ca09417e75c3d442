# tests/menu/t_edit.sh — editing values in place: numbers with range checks, choices as
# radio lists, text, and forgetting a decision.

HELLO=examples/helloworld/kvm.json
FIXTURE=tests/menu/fixtures/menutest.json

test_int_edit_checks_the_range() {
	local p
	p=$(work_copy $HELLO hello.json)
	menu "$p" || return 1
	goto "Greetings" || return 1
	keys Enter
	wait_for "[1..100]" || return 1
	keys C-u
	type_text "500"
	keys Enter
	wait_for "HELLOWORLD_COUNT: 500: out of range 1..100" || return 1
	wait_for "[1..100]" || return 1        # still editing
	keys C-u
	type_text "x"
	keys Enter
	wait_for "not a whole number" || return 1
	keys C-u
	type_text "3"
	keys Enter
	expect_cursor "Greetings +3 +user" || return 1
	save_expect "$p" 'j["options"]' "{'HELLOWORLD_COUNT': 3}" || return 1
}

# The number editor at the edges of 1..100 and of the type: min - 1 and max + 1 refused,
# min and max taken, a number past 64 bits is not a number at all.
test_int_edit_range_edges() {
	local p v
	p=$(work_copy $HELLO hello.json)
	menu "$p" || return 1
	goto "Greetings" || return 1
	keys Enter
	wait_for "[1..100]" || return 1
	for v in 0 101 -9223372036854775808 9223372036854775807; do
		keys C-u
		type_text "$v"
		keys Enter
		wait_for "HELLOWORLD_COUNT: $v: out of range 1..100" || return 1
	done
	keys C-u
	type_text "9223372036854775808"
	keys Enter
	wait_for "9223372036854775808: not a whole number" || return 1
	keys C-u
	type_text "100"
	keys Enter
	expect_cursor "Greetings +100 +user" || return 1
	keys Enter
	wait_for "[1..100]" || return 1
	keys C-u
	type_text "1"
	keys Enter
	expect_cursor "Greetings +1 +user" || return 1
	save_expect "$p" 'j["options"]' "{'HELLOWORLD_COUNT': 1}" || return 1
}

test_edit_escape_keeps_the_value() {
	menu "$(work_copy $HELLO hello.json)" || return 1
	goto "Greetings" || return 1
	keys Enter
	wait_for "[1..100]" || return 1
	type_text "7"
	keys Escape
	wait_gone "[1..100]" || return 1
	expect_cursor "Greetings +1 +default" || return 1
}

test_choice_is_a_radio_list() {
	local p
	p=$(work_copy $HELLO hello.json)
	menu "$p" || return 1
	goto "Log level" || return 1
	expect_cursor "Log level +info +default" || return 1
	keys Enter
	wait_for "debug" || return 1
	wait_re "│ >info +│" || return 1          # the list opens on the value, marked '>'
	keys j                                  # info -> debug
	wait_re "│ >debug +│" || return 1
	keys Enter
	expect_cursor "Log level +debug +user" || return 1
	save_expect "$p" 'j["options"]' "{'PRINTK_LEVEL': 'debug'}" || return 1
}

test_string_edit_and_reset() {
	local p
	p=$(work_copy $FIXTURE menutest.json)
	menu "$p" || return 1
	goto "Greeting name" || return 1
	keys Enter
	keys C-u
	type_text "my world"
	keys Enter
	expect_cursor "Greeting name +my world +user" || return 1
	save_expect "$p" 'j["options"]["MENUTEST_NAME"]' "my world" || return 1
	keys x                                  # forget: back to the default
	expect_cursor "Greeting name +kiln +default" || return 1
	save_expect "$p" '"MENUTEST_NAME" in j["options"]' "False" || return 1
}

test_platform_radio_choice() {
	local p
	p=$(work_copy $HELLO hello.json)
	menu "$p" || return 1
	goto "Platform" || return 1
	keys j j
	expect_cursor '\( \) linuxu-x86_64' || return 1
	keys j
	expect_cursor '\( \) xen-x86_64' || return 1
	keys Space
	expect_cursor '\(\*\) xen-x86_64' || return 1
	save_expect "$p" 'j["targets"]' "['xen-x86_64']" || return 1
}
