#!/usr/bin/env bash
# bench-scale: the resolver's commands, whole process, on catalogs this project did not
# write by hand: tests/bench/gencat.py generates several shapes (deep chains, wide
# interfaces, dense conflicts, real issues, a near-unsatisfiable profile) of ~2,000
# libraries on top of the real catalog, and each command runs RUNS times as a user runs
# it (a fresh kiln process, catalog load included): wall time, and the processor time that
# the machine's other jobs do not inflate. Each figure is printed beside its goal
# (issue 16's table). The in-process figures are bench-resolver's. The catalog is loaded
# through the parsed-catalog cache (catalog/src/cache.c) kept in build/bench-scale/cache,
# written before the timed runs; one row times a load without it.
#
#   tests/bench/scale.sh [SHAPE...]     (BENCH_RUNS=N, default 10; BENCH_CHECK_S=S, the
#                                        time kiln check may take before it is cut, 120)
# Prints figures only: nothing here passes or fails on a time.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/stats.sh

KILN=${KILN:-build/bin/kiln}
RUNS=${BENCH_RUNS:-10}
CHECK_S=${BENCH_CHECK_S:-120}
OUT=build/bench-scale
SHAPES=("$@")
[ ${#SHAPES[@]} -gt 0 ] || SHAPES=(mixed chains wide conflicts tight)

# gen SHAPE: the catalog of SHAPE under $OUT/SHAPE, regenerated when gencat.py changes.
gen() {
	local dir=$OUT/$1 sum
	sum=$(sha256sum tests/bench/gencat.py | cut -c1-16)
	if [ "$(cat "$dir/.gencat" 2>/dev/null)" != "$sum" ]; then
		rm -rf "$dir"
		python3 tests/bench/gencat.py "$1" "$dir"
		echo "$sum" >"$dir/.gencat"
	fi
}

# ms CMD...: "WALL CPU", the wall and the processor (user + system) milliseconds of one
# run of CMD (its output dropped). The processor time hardly moves with the machine's
# load; the wall time is what a user waits.
ms() {
	local TIMEFORMAT='%3R %3U %3S' t
	t=$({ time "$@" >/dev/null 2>&1 || true; } 2>&1)
	awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%d %d\n", a[1] * 1000, (a[2] + a[3]) * 1000 }'
}

# times CMD...: "median [min-max] ms, CPU median ms" of RUNS runs.
times() {
	local wall=() cpu=() i w c
	for ((i = 0; i < RUNS; i++)); do
		read -r w c < <(ms "$@")
		wall+=("$w") cpu+=("$c")
	done
	echo "$(spread "${wall[@]}") ms, CPU $(median "${cpu[@]}") ms"
}

shape() {
	local s=$1 dir=$OUT/$1 prof t0 rc
	gen "$s"
	prof=$dir/profile.json
	# shellcheck source=/dev/null # written by gencat.py
	source "$dir/questions"
	export KILN_LIBPATH=$PWD/$dir/libs KILN_CACHE_DIR=$PWD/$OUT/cache
	echo "bench-scale: $s ($(ls "$dir/libs" | wc -l) generated libraries," \
		"$(grep -o '": true' "$prof" | wc -l) turned on; whole process, $RUNS runs)"
	row "load the catalog, no cache" "$(KILN_CACHE_DIR='' times "$KILN" show "$WHY")" "" ""
	# The cache trusts a lib.json (and a folder) on its stat once it is settled, unchanged
	# for two seconds, as a user's catalog is: a catalog generated just now is not yet.
	sleep 3
	"$KILN" show "$WHY" >/dev/null # writes the parsed-catalog cache the rows below use
	row "load the catalog (kiln show)" "$(times "$KILN" show "$WHY")" "" "30 ms"
	"$KILN" resolve -o "$dir/out" "$prof" >/dev/null
	row "kiln resolve (written before)" "$(times "$KILN" resolve -o "$dir/out" "$prof")" "" \
		"60 ms"
	row "kiln why (bottom of a chain)" "$(times "$KILN" why -p "$prof" "$WHY")" "" "40 ms"
	row "kiln why-not, direct conflict" \
		"$(times "$KILN" why-not -p "$prof" "$WHYNOT_DIRECT")" "" "60 ms"
	row "kiln why-not, $CHAIN_LEN-step chain" \
		"$(times "$KILN" why-not -p "$prof" "$WHYNOT_CHAIN")" "" "150 ms"
	row "kiln fix --enable (dry run)" \
		"$(times "$KILN" fix --dry-run --enable "$FIX" "$prof")" "" "150 ms"
	t0=$(date +%s%N)
	rc=0
	timeout "$CHECK_S" "$KILN" check >"$dir/check.out" 2>&1 || rc=$?
	if [ "$rc" = 124 ]; then
		row "kiln check (one run)" "> $CHECK_S s (cut)" "" "3 s"
	else
		row "kiln check (one run)" "$(awk -v t=$((($(date +%s%N) - t0) / 1000000)) \
			'BEGIN { printf "%.1f", t / 1000 }') s, $(grep -c . "$dir/check.out") lines" \
			"" "3 s"
	fi
}

for s in "${SHAPES[@]}"; do shape "$s"; done
