#!/usr/bin/env bash
# Runs each fuzz target for SECONDS on a corpus seeded from the repository (every
# lib.json, every profile, tests/fuzz/seeds/, and the inputs kept in tests/fuzz/regress/),
# and writes "PASSED FAILED" (one per target) to RESULT.
# Usage: tests/fuzz/run.sh FUZZ_DIR SECONDS RESULT   (from the repository root)
set -u
dir=$1 seconds=$2 result=$3
pass=0 fail=0
mkdir -p "$dir/crashes" "$(dirname "$result")"
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# seeds TARGET: the files a corpus starts from
seeds() {
	case $1 in
	lib) find kernel-libs plat examples tests/host/data -name lib.json 2>/dev/null ;;
	profile) find examples tests/host/data -name '*.json' ! -name lib.json 2>/dev/null ;;
	esac
	find "tests/fuzz/seeds/$1" "tests/fuzz/regress/$1" -type f ! -name README.md 2>/dev/null
}

# fuzz_one TARGET: one target's run; its verdict and summary go to $dir/fuzz_TARGET.verdict.
fuzz_one() {
	local t=$1 corpus=$dir/corpus/$1 log=$dir/fuzz_$1.log rc runs quiet=()
	mkdir -p "$corpus"
	seeds "$t" | while read -r f; do cp "$f" "$corpus/seed-$(echo "$f" | tr / _)"; done
	[ "$t" = cmdline ] && quiet=(-close_fd_mask=3) # the parsers' own messages
	"$dir/fuzz_$t" "${quiet[@]}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=4096 \
		-dict="tests/fuzz/$t.dict" -artifact_prefix="$dir/crashes/$t-" \
		-print_final_stats=1 "$corpus" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	{
		if [ "$rc" -eq 0 ]; then
			echo pass
			printf '  fuzz_%-8s %8s runs in %ss, no crash, corpus %s inputs\n' "$t" "${runs:-?}" \
				"$seconds" "$(ls "$corpus" | wc -l)"
		else
			echo fail
			grep -m1 -A12 'ERROR\|==ERROR\|runtime error\|deadly signal' "$log" | sed 's/^/  | /'
			echo "  fuzz_$t: FAILED (log $log); fix it, then keep the input:"
			ls "$dir/crashes/$t-"* 2>/dev/null | sed "s|^|    cp | ; s|\$| tests/fuzz/regress/$t/|"
		fi
	} >"$dir/fuzz_$t.verdict"
}

# Two targets at a time (FUZZ_JOBS): each still gets its SECONDS of one core.
targets=(lib profile expr cmdline)
jobs=${FUZZ_JOBS:-2}
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
	for t in "${targets[@]:i:jobs}"; do fuzz_one "$t" & done
	wait
done
for t in "${targets[@]}"; do
	v=$dir/fuzz_$t.verdict
	if [ "$(head -n1 "$v" 2>/dev/null)" = pass ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	tail -n +2 "$v" 2>/dev/null
done
echo "$pass $fail" >"$result"
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
