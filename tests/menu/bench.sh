#!/usr/bin/env bash
# tests/menu/bench.sh — the menu's start-up time: from process start (exec, dynamic
# loading, catalog load, first resolve) to the first full screen, in a real terminal
# (tmux), on helloworld's profile. Prints the median and the range of 10 starts.
set -u
cd "$(dirname "$0")/../.."
KILN_MENU=$(realpath "${KILN_MENU:-build/bin/kiln-menu}")
PROFILE=${PROFILE:-examples/helloworld/kvm.json}
. tests/menu/lib.sh
MENU_SOCK=kiln-menu-bench-$$
out=$(mktemp -d)
trap 'menu_stop; rm -rf "$out"' EXIT
for i in $(seq 1 10); do
	menu_start 80 24 env KILN_MENU_TIMING="$out/t$i" "$KILN_MENU" "$PROFILE"
	wait_for "q:quit" >/dev/null || exit 1
	t=0
	while [ ! -s "$out/t$i" ] && ((t++ < 100)); do sleep 0.02; done
	keys q
	wait_for "MENU-EXITED" >/dev/null || exit 1
done
cat "$out"/t* | sort -n | awk '{ v[NR] = $1 } END {
	printf "menu start-up (process start to first screen, 80x24, %d runs): median %.1f ms, min %.1f ms, max %.1f ms\n",
		NR, v[int((NR + 1) / 2)], v[1], v[NR] }'
