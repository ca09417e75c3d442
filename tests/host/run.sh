#!/usr/bin/env bash
# Runs the host tests: every cmocka binary of both builds (plain, ASan+UBSan) and the
# command-line tests (cli.sh, cli_new.sh, cli_hostile.sh, cache.sh, answers.sh) with both kiln
# binaries, and buildsys/template.sh's and buildsys/unpack.sh's (template.sh, unpack.sh);
# writes "PASSED FAILED" to RESULT, each check counted once whatever the number of builds it
# ran in.
# Usage: tests/host/run.sh HOST_DIR KILN KILN_ASAN RESULT
set -u
hostdir=$1 kiln=$2 kiln_asan=$3 result=$4
pass=0 fail=0
mkdir -p "$hostdir/tmp" "$(dirname "$result")"
rm -rf "$hostdir"/tmp/*
# The parsed-catalog cache of every test's catalog stays with the tests' files.
export KILN_CACHE_DIR=$hostdir/tmp/cache
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# count LOG: "passed failed" from cmocka's or cli.sh's closing lines.
count() {
	local p f
	p=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^cli: \([0-9]*\) passed.*/\1/p' "$1" | tail -1)
	f=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^cli: [0-9]* passed, \([0-9]*\) failed.*/\1/p' "$1" | tail -1)
	echo "${p:-0} ${f:-0}"
}

# run_one LOG COMMAND...: runs it into LOG; prints "passed failed" (a crash before the
# summary is one failure).
run_one() {
	local log=$1 rc p f
	shift
	"$@" >"$log" 2>&1
	rc=$?
	read -r p f < <(count "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	echo "$p $f"
}

# run NAME PLAIN_COMMAND ASAN_COMMAND: one set of checks, run in both builds. The build is
# a property of the run, not another check: each check counts once, and fails when it fails
# in either build. An empty ASAN_COMMAND: the checks run once.
run() {
	local name=$1 plain=$2 asan=$3 lp la p1 f1 p2 f2 n f
	lp=$(mktemp) la=$(mktemp)
	read -r p1 f1 < <(run_one "$lp" $plain)
	if [ -n "$asan" ]; then
		read -r p2 f2 < <(run_one "$la" $asan)
	else # one build only (a script that needs no kiln binary)
		p2=$p1 f2=$f1
	fi
	n=$((p1 + f1 > p2 + f2 ? p1 + f1 : p2 + f2))
	f=$((f1 > f2 ? f1 : f2))
	for v in plain:"$lp":$f1 asan:"$la":$((${#asan} ? f2 : 0)); do
		IFS=: read -r vn vl vf <<<"$v"
		if [ "$vf" -ne 0 ]; then
			echo "  $name ($vn):"
			grep -v '^\[ RUN\|^\[       OK\|^ok - ' "$vl" | sed 's/^/  | /'
		fi
	done
	if [ -n "$asan" ]; then
		printf '  %-24s %3d passed, %d failed  (plain %d/%d, asan %d/%d)\n' "$name" \
			$((n - f)) "$f" "$p1" $((p1 + f1)) "$p2" $((p2 + f2))
	else
		printf '  %-24s %3d passed, %d failed  (one build)\n' "$name" $((n - f)) "$f"
	fi
	pass=$((pass + n - f))
	fail=$((fail + f))
	rm -f "$lp" "$la"
}

for t in "$hostdir"/plain/test_*; do
	[ -x "$t" ] || continue
	run "$(basename "$t")" "$t" "$hostdir/asan/$(basename "$t")"
done
run "cli" "tests/host/cli.sh $kiln" "tests/host/cli.sh $kiln_asan"
run "cli_new" "tests/host/cli_new.sh $kiln" "tests/host/cli_new.sh $kiln_asan"
run "cli_hostile" "tests/host/cli_hostile.sh $kiln" "tests/host/cli_hostile.sh $kiln_asan"
run "template" "tests/host/template.sh" ""
run "unpack" "tests/host/unpack.sh" ""
run "cache" "tests/host/cache.sh $kiln" "tests/host/cache.sh $kiln_asan"
run "answers" "tests/host/answers.sh $kiln" "tests/host/answers.sh $kiln_asan"
run "cli_net" "tests/host/cli_net.sh $kiln" "tests/host/cli_net.sh $kiln_asan"
run "figures" "tests/host/figures.sh" ""
echo "$pass $fail" >"$result"
echo "test-host: $pass passed, $fail failed (each check run plain and under ASan+UBSan, counted once)"
[ "$fail" -eq 0 ]
