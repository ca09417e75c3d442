#!/usr/bin/env bash
# tests/menu/lib.sh — drive the menu in a real terminal: tmux on its own socket, keys in
# with send-keys, the screen out with capture-pane. Waits poll the screen (no fixed
# sleeps), so a test is as fast as the menu and fails with the screen it last saw.
#
# Used by tests/menu/run.sh; every test is a function that returns non-zero on failure.

MENU_SOCK=${MENU_SOCK:-kiln-menu-test-$$}
MENU_SESSION=menu
MENU_TIMEOUT=${MENU_TIMEOUT:-10}

tm() { tmux -L "$MENU_SOCK" "$@"; }

# menu_start COLS ROWS CMD... : a fresh terminal running CMD (the menu); TERM is tmux's
# default (screen), colours and all.
menu_start() {
	local cols=$1 rows=$2
	shift 2
	menu_stop
	tm -f /dev/null new-session -d -s "$MENU_SESSION" -x "$cols" -y "$rows" \
		"$(printf '%q ' "$@"); echo MENU-EXITED-\$?; sleep 600"
	tm set-option -g window-size manual 2>/dev/null
	tm set-option -g status off 2>/dev/null
	tm resize-window -t "$MENU_SESSION" -x "$cols" -y "$rows" 2>/dev/null
}

# menu_stop : ends the terminal and waits until its server is gone (a new server on the
# same socket would otherwise race the old one's exit).
menu_stop() {
	tm kill-server 2>/dev/null || return 0
	local t=0
	while tm has-session 2>/dev/null && ((t++ < 100)); do sleep 0.02; done
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$MENU_SOCK" # tmux leaves the socket file
	return 0
}

screen() { tm capture-pane -p -t "$MENU_SESSION"; }
screen_esc() { tm capture-pane -p -e -t "$MENU_SESSION"; }

# keys K... : tmux key names (Enter, Space, Escape, Up, C-r) or literal text with -l.
keys() { tm send-keys -t "$MENU_SESSION" "$@"; }
type_text() { tm send-keys -t "$MENU_SESSION" -l -- "$1"; }

# wait_for TEXT [SECONDS] : until the screen shows TEXT (fixed string).
wait_for() { wait_match -F yes "$@"; }

# wait_re REGEX [SECONDS] : until the screen matches the extended regex REGEX.
wait_re() { wait_match -E yes "$@"; }

# wait_gone TEXT [SECONDS] : until the screen no longer shows TEXT.
wait_gone() { wait_match -F no "$@"; }

# wait_match GREP-FLAG yes|no TEXT [SECONDS] : polls the screen every 50 ms.
wait_match() {
	local how=$1 want=$2 text=$3 limit=${4:-$MENU_TIMEOUT} t=0 seen
	while ((t < limit * 20)); do
		screen | grep -q "$how" -- "$text" && seen=yes || seen=no
		[ "$seen" = "$want" ] && return 0
		tm has-session 2>/dev/null || { echo "    the terminal is gone" >&2; return 1; }
		sleep 0.05
		t=$((t + 1))
	done
	[ "$want" = yes ] && echo "    timed out waiting for: $text" >&2
	[ "$want" = no ] && echo "    still on screen: $text" >&2
	screen | sed 's/^/    | /' >&2
	return 1
}

# cursor_row : the row under the cursor (the menu marks it with '>' in column 0).
cursor_row() { screen | grep '^>' | head -1; }

# expect_cursor PATTERN : the cursor row matches the regex PATTERN (waits for it).
expect_cursor() {
	local t=0
	while ((t++ < MENU_TIMEOUT * 20)); do
		cursor_row | grep -qE -- "$1" && return 0
		sleep 0.05
	done
	echo "    cursor row does not match /$1/: '$(cursor_row)'" >&2
	screen | sed 's/^/    | /' >&2
	return 1
}

# row_of TEXT : the screen line holding TEXT (for assertions on one row).
row_of() { screen | grep -F -- "$1" | head -1; }

# expect_row TEXT PATTERN : the row holding TEXT matches the regex PATTERN (waits for it,
# since a key's effect reaches the screen a moment after send-keys returns).
expect_row() {
	local row t=0
	while ((t++ < MENU_TIMEOUT * 20)); do
		row=$(row_of "$1")
		grep -qE -- "$2" <<<"$row" && return 0
		sleep 0.05
	done
	echo "    row '$1' does not match /$2/: '$row'" >&2
	screen | sed 's/^/    | /' >&2
	return 1
}

# goto TEXT : moves the cursor until the cursor row (the selected one) holds TEXT, by
# searching for it; the search jumps and the status line names the item's title.
goto() {
	keys /
	wait_for "match" || return 1
	type_text "$1"
	wait_for "/$1" || return 1
	keys Enter
	wait_gone "/$1"
}

fail() {
	echo "    $*" >&2
	return 1
}

# expect_json FILE EXPR VALUE : EXPR over the JSON in FILE prints VALUE.
expect_json() {
	local got
	got=$(json "$1" "$2")
	[ "$got" = "$3" ] || fail "$1: $2 is $got, not $3"
}

# save_expect FILE EXPR VALUE : saves with `s`, then the saved file holds VALUE at EXPR.
save_expect() {
	keys s
	wait_for "Saved ${1:0:40}" || return 1 # the line ends where the screen does
	expect_json "$@"
}

# json FILE EXPR : evaluates a Python expression over the JSON in FILE (bound to j).
json() { python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
