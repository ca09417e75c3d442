#!/usr/bin/env bash
# tests/menu/run.sh RESULT-FILE [TEST-NAME...] — the menu's tests in a real terminal.
#
# Each test_* function in tests/menu/t_*.sh gets a fresh tmux server, a fresh work folder
# with copies of the profiles it edits, and the menu built under ASan+UBSan; a test fails
# on a wrong screen, a wrong saved file, or any sanitizer report. Writes "PASSED FAILED"
# to RESULT-FILE and ends non-zero on any failure.
#
# KILN_MENU (the menu binary) and KILN (the kiln tool) come from tui/tui.mk.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
RESULT=${1:?usage: run.sh RESULT-FILE [TEST...]}
shift
KILN_MENU=$(realpath "${KILN_MENU:-build/tui-asan/kiln-menu}")
KILN=$(realpath "${KILN:-build/bin/kiln}")
TMPROOT=$ROOT/build/tmp/test-menu/$$ # runs at the same time do not share files
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

. tests/menu/lib.sh
for f in tests/menu/t_*.sh; do
	. "$f"
done

# menu PROFILE [COLS ROWS [VAR=VALUE...]] : opens the menu on PROFILE in a fresh terminal
# and waits for its first screen.
menu() {
	local profile=$1 cols=${2:-100} rows=${3:-30}
	shift $(($# < 3 ? $# : 3))
	menu_start "$cols" "$rows" env ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$WORK/asan" \
		"$@" "$KILN_MENU" --root "$ROOT" --kiln "$KILN" "$profile"
	wait_for "q:quit"
}

# work_copy SRC NAME : a copy of a profile (and, for fixtures, its app folder) in WORK.
work_copy() {
	cp "$1" "$WORK/$2"
	[ -d "${1%.json}" ] && cp -r "${1%.json}" "$WORK/"
	echo "$WORK/$2"
}

# named_copy SRC FILE NAME : a copy of a profile whose "name" is NAME, so that a test that
# builds owns its own build folder (build/<name>/owner) instead of the example's.
named_copy() {
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); j["name"]=sys.argv[3]
json.dump(j, open(sys.argv[2], "w"), indent=2)' "$1" "$WORK/$2" "$3"
	echo "$WORK/$2"
}

sanitizer_clean() {
	local logs
	logs=$(ls "$WORK"/asan.* 2>/dev/null)
	[ -z "$logs" ] && return 0
	echo "    sanitizer report:" >&2
	sed 's/^/    | /' $logs | head -40 >&2
	return 1
}

run_one() {
	local name=$1
	WORK=$TMPROOT/$name
	rm -rf "$WORK" && mkdir -p "$WORK"
	MENU_SOCK=kiln-menu-test-$$-$name
	local ok=0
	("$name") || ok=1
	menu_stop
	sanitizer_clean || ok=1
	# a passing test leaves nothing: its profiles no longer own a build folder
	[ $ok -eq 0 ] && rm -rf "$WORK"
	return $ok
}

if [ ! -x "$KILN_MENU" ]; then
	echo "test-menu: $KILN_MENU is missing (make $KILN_MENU)" >&2
	exit 1
fi
# an earlier failed run's folders go now: their profiles would still own build folders
rm -rf "$ROOT"/build/tmp/test-menu/*
tests=("$@")
[ ${#tests[@]} -eq 0 ] && mapfile -t tests < <(declare -F | awk '$3 ~ /^test_/ {print $3}')
passed=0
failed=0
for t in "${tests[@]}"; do
	start=$(date +%s%N)
	if run_one "$t"; then
		passed=$((passed + 1))
		printf '  PASS %-44s %6d ms\n' "$t" $((($(date +%s%N) - start) / 1000000))
	else
		failed=$((failed + 1))
		printf '  FAIL %s\n' "$t"
	fi
done
mkdir -p "$(dirname "$RESULT")"
echo "$passed $failed" >"$RESULT"
echo "test-menu: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && rm -rf "$TMPROOT" # kept for a look when something failed
[ "$failed" -eq 0 ]
