#!/usr/bin/env bash
# Explanations, fixes and `kiln check` findings on a generated catalog (gencat.py's small
# shape: chains, conflicts, interfaces and planted issues), compared with the answers
# recorded in tests/host/data/answers.golden. The answers were recorded with kiln before
# the resolver's questions were made faster (issue 16): a speed-up must not change them.
# Once on purpose: check's findings stayed, but their reasons are now the nearest one
# propagation finds (catalog/src/xnear.c), not the first the big solver's history gave
# (33 of 34 changed reasons shorter, 356 steps in all -> 257).
# Usage: tests/host/answers.sh KILN_BINARY [--record]   (run from the repository root)
set -u
kiln=$(realpath "$1")
top=$PWD
golden=$top/tests/host/data/answers.golden
mkdir -p "$top/build/host/tmp"
tmp=$(mktemp -d "$top/build/host/tmp/answers-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 tests/bench/gencat.py small "$tmp/gen" >/dev/null || exit 1
# shellcheck source=/dev/null # written by gencat.py
source "$tmp/gen/questions"
export KILN_ROOT=$top KILN_LIBPATH=$tmp/gen/libs KILN_CACHE_DIR=$tmp/cache
unset KILN_PROFILE
prof=$tmp/gen/profile.json

# The generated folder is named relative to the root in messages, absolute in arguments;
# check's totals count the tree's own libraries too, which grow with the project.
neutral() {
	sed -E "s|$tmp/gen|GEN|g; s|${tmp#"$top"/}/gen|GEN|g" |
		sed -E 's/ in [0-9]+ libraries, [0-9]+ options$/ in N libraries, M options/'
}

# ask ARGS...: one question, its answer, what it said on stderr and its exit status
# (paths made neutral; the two streams apart, so that buffering cannot interleave them).
ask() {
	echo "== kiln $*" | neutral
	"$kiln" "$@" 2>"$tmp/stderr" | neutral
	echo "== exit ${PIPESTATUS[0]}, stderr:"
	neutral <"$tmp/stderr"
}

answers() {
	ask why -p "$prof" "$WHY"
	for l in $(grep -o 'x[0-9]*": true' "$prof" | cut -d'"' -f1 | head -6); do
		ask why -p "$prof" "$l"
	done
	ask why-not -p "$prof" "$WHYNOT_DIRECT"
	ask why-not -p "$prof" "$WHYNOT_CHAIN"
	for i in 0003 0030 0077 0120 0150 0199 0230; do
		ask why-not -p "$prof" "x$i"
	done
	ask fix --dry-run --enable "$FIX" "$prof"
	ask fix --dry-run --enable x0120 "$prof"
	ask fix --dry-run --enable x0199 "$prof"
	ask check
}

answers >"$tmp/answers"
if [ "${2:-}" = --record ]; then
	cp "$tmp/answers" "$golden"
	echo "answers: recorded $(grep -c '^== kiln' "$golden") questions in $golden"
	exit 0
fi
if diff -u "$golden" "$tmp/answers" >"$tmp/diff"; then
	echo "ok - $(grep -c '^== kiln' "$golden") answers as recorded"
	echo "cli: 1 passed, 0 failed"
else
	head -60 "$tmp/diff" | sed 's/^/    # /'
	echo "not ok - answers differ from tests/host/data/answers.golden"
	echo "cli: 0 passed, 1 failed"
	exit 1
fi
