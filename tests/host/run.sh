#!/usr/bin/env bash
# Runs the host tests: every cmocka binary of both builds (plain, ASan+UBSan) and the
# command-line tests (cli.sh, cli_new.sh, cache.sh, answers.sh) with both kiln binaries; writes "PASSED FAILED" to RESULT.
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

run() {
	local name=$1 log rc p f
	shift
	log=$(mktemp)
	"$@" >"$log" 2>&1
	rc=$?
	read -r p f < <(count "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # crashed before its summary
	if [ "$f" -ne 0 ]; then grep -v '^\[ RUN\|^\[       OK\|^ok - ' "$log" | sed 's/^/  | /'; fi
	printf '  %-24s %3d passed, %d failed\n' "$name" "$p" "$f"
	pass=$((pass + p))
	fail=$((fail + f))
	rm -f "$log"
}

for t in "$hostdir"/plain/test_* "$hostdir"/asan/test_*; do
	[ -x "$t" ] || continue
	run "$(basename "$(dirname "$t")")/$(basename "$t")" "$t"
done
run "plain/cli" tests/host/cli.sh "$kiln"
run "asan/cli" tests/host/cli.sh "$kiln_asan"
run "plain/cli_new" tests/host/cli_new.sh "$kiln"
run "asan/cli_new" tests/host/cli_new.sh "$kiln_asan"
run "plain/cache" tests/host/cache.sh "$kiln"
run "asan/cache" tests/host/cache.sh "$kiln_asan"
run "plain/answers" tests/host/answers.sh "$kiln"
run "asan/answers" tests/host/answers.sh "$kiln_asan"
run "figures" tests/host/figures.sh
echo "$pass $fail" >"$result"
echo "test-host: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
