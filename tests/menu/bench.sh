#!/usr/bin/env bash
# tests/menu/bench.sh — the menu's start-up time: from process start (exec, dynamic
# loading, catalog load, first resolve) to the first full screen, in a real terminal
# (tmux), on helloworld's profile, then on a profile of a catalog of 2,000 generated
# libraries (issue 16's goal: 60 ms). Prints the median and the range of 10 starts each.
set -u
cd "$(dirname "$0")/../.."
KILN_MENU=$(realpath "${KILN_MENU:-build/bin/kiln-menu}")
PROFILE=${PROFILE:-examples/helloworld/kvm.json}
. tests/menu/lib.sh
MENU_SOCK=kiln-menu-bench-$$
out=$(mktemp -d)
trap 'menu_stop; rm -rf "$out"' EXIT
# starts PROFILE: the start-up times of 10 starts on PROFILE, one a line, sorted.
starts() {
	rm -f "$out"/t*
	for i in $(seq 1 10); do
		menu_start 80 24 env KILN_MENU_TIMING="$out/t$i" "$KILN_MENU" "$1"
		wait_for "q:quit" >/dev/null || exit 1
		t=0
		while [ ! -s "$out/t$i" ] && ((t++ < 100)); do sleep 0.02; done
		keys q
		wait_for "MENU-EXITED" >/dev/null || exit 1
	done
	cat "$out"/t* | sort -n
}
# spread: "median X ms, min Y ms, max Z ms" of the sorted times on stdin.
spread() {
	awk '{ v[NR] = $1 } END { printf "median %.1f ms, min %.1f ms, max %.1f ms", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
echo "menu start-up (process start to first screen, 80x24, 10 runs): $(starts "$PROFILE" | spread)"
# The same on a catalog of 2,000 generated libraries (tests/bench/gencat.py's mixed shape,
# bench-scale's), its parsed-catalog cache written before the timed starts.
gen=build/bench-menu/mixed
sum=$(sha256sum tests/bench/gencat.py | cut -c1-16)
if [ "$(cat "$gen/.gencat" 2>/dev/null)" != "$sum" ]; then
	rm -rf "$gen" && python3 tests/bench/gencat.py mixed "$gen" >/dev/null && echo "$sum" >"$gen/.gencat"
fi
export KILN_LIBPATH=$PWD/$gen/libs KILN_CACHE_DIR=$PWD/build/bench-menu/cache
sleep 3 # the cache trusts a lib.json once it is two seconds old (catalog/src/cache.c)
"$(dirname "$KILN_MENU")/kiln" show x0001 >/dev/null 2>&1
printf '  %-62s %s   goal 60 ms\n' \
	"first screen, $(ls "$gen/libs" | wc -l) generated libraries (mixed), 10 runs" \
	"$(starts "$PWD/$gen/profile.json" | spread)"
# toggles NAME: on the same catalog, the cursor on library NAME, Space pressed 10 times;
# each press's time, from the key's arrival to the end of the redraw of the list and the
# why pane (the menu's KILN_MENU_KEY_TIMING), one a line, sorted.
toggles() {
	menu_start 100 30 env KILN_MENU_KEY_TIMING="$out/keys" "$KILN_MENU" "$PWD/$gen/profile.json"
	wait_for "q:quit" >/dev/null || exit 1
	goto "$1" || exit 1
	sleep 0.3
	: >"$out/keys"
	for i in $(seq 1 10); do
		keys Space
		t=0
		while [ "$(grep -c . "$out/keys")" -lt "$i" ] && ((t++ < 100)); do sleep 0.02; done
	done
	keys q
	wait_for "n:No" 2 >/dev/null 2>&1 && keys n # changes left unsaved
	wait_for "MENU-EXITED" >/dev/null || exit 1
	sort -n "$out/keys"
}
# shellcheck source=/dev/null # written by gencat.py
source "$gen/questions"
printf '  %-62s %s   goal 50 ms\n' "toggle a library, list and why pane redrawn, 10 presses" \
	"$(toggles x0001 | spread)"
printf '  %-62s %s   goal 50 ms\n' "toggle refused: its explanation and fix in the why pane" \
	"$(toggles "$WHYNOT_DIRECT" | spread)"
