#!/usr/bin/env bash
# Sums the per-suite results that each test suite writes to DIR/<suite> as one line
# "PASSED FAILED" and prints the closing line CI reads. Exit 1 on any failure or no test.
#
#   tests/report.sh DIR [FAILED_SUITE...]
#
# FAILED_SUITEs are the suites whose make target failed. A suite that failed without
# writing its result (it died: a build error, a crash, a killed runner) counts as one
# failed check, and so does one whose result says 0 failed: the total never reads
# "0 failed" while `make test` fails.
dir=${1:?usage: report.sh DIR [FAILED_SUITE...]}
shift
declare -A died
for s in "$@"; do died[$s]=1; done
p=0; f=0
for s in "${!died[@]}"; do
	[ -f "$dir/$s" ] || echo "0 0" >"$dir/$s"
done
for r in "$dir"/*; do
	[ -f "$r" ] || continue
	name=$(basename "$r")
	read -r a b <"$r"
	a=${a:-0} b=${b:-0}
	note=
	if [ -n "${died[$name]:-}" ] && [ "$b" -eq 0 ]; then
		b=1
		note="  (the suite failed without a failed check: counted as one)"
	fi
	printf '  %-20s %s passed, %s failed%s\n' "$name" "$a" "$b" "$note"
	p=$((p + a)); f=$((f + b))
done
echo "total: $p passed, $f failed"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
