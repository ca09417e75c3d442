#!/usr/bin/env bash
# tests/menu/readme_capture.sh [--write] — the README's picture of the menu, taken from the
# real menu: examples/helloworld/kvm.json at 80x24 in tmux, trailing blanks cut.
#
# Without --write it prints the capture and ends 1 when README.md's block (the code block
# after the paragraph "At 80x24 (captured ...") differs, showing the difference; with --write it
# puts the capture into README.md. make test-menu runs the check, so the picture cannot
# drift from the menu. KILN_MENU names the menu binary (default build/bin/kiln-menu),
# README the file to check (default README.md).
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
KILN_MENU=${KILN_MENU:-build/bin/kiln-menu}
README=${README:-README.md}
MENU_SOCK=kiln-readme-capture-$$
. tests/menu/lib.sh

[ -x "$KILN_MENU" ] || { echo "kiln: readme capture: $KILN_MENU is missing (make kiln-menu)" >&2; exit 1; }
capture=$(mktemp)
trap 'menu_stop; rm -f "$capture"' EXIT

menu_start 80 24 env ASAN_OPTIONS=detect_leaks=0 "$KILN_MENU" --root "$ROOT" \
	examples/helloworld/kvm.json
wait_for "q:quit" >/dev/null || { echo "kiln: readme capture: the menu did not open" >&2; exit 1; }
wait_for "App = helloworld" >/dev/null || exit 1
screen | sed 's/[[:space:]]*$//' >"$capture"

# The README with its block replaced by the capture, on stdout.
replaced() {
	python3 - "$capture" "$README" <<'PY'
import re, sys
readme = open(sys.argv[2]).read()
shot = open(sys.argv[1]).read().rstrip("\n") + "\n"
m = re.search(r"^At 80x24 \(captured.*?\n\n```\n(.*?)```\n", readme, re.S | re.M)
if not m:
    sys.exit("kiln: readme capture: README.md has no block after \"At 80x24 (captured\"")
sys.stdout.write(readme[: m.start(1)] + shot + readme[m.end(1):])
PY
}

new=$(mktemp)
replaced >"$new" || { rm -f "$new"; exit 1; }
if [ "${1:-}" = --write ]; then
	cat "$new" >"$README"
	rm -f "$new"
	exit 0
fi
if ! diff -u "$README" "$new" >&2; then
	echo "kiln: readme capture: $README's menu differs from the menu (tests/menu/readme_capture.sh --write updates it)" >&2
	rm -f "$new"
	exit 1
fi
rm -f "$new"
cat "$capture"
