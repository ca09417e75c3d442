#!/usr/bin/env bash
# Sums the per-suite results that each test suite writes to DIR/<suite> as one line
# "PASSED FAILED" and prints the closing line CI reads. Exit 1 on any failure or no test.
#
#   tests/report.sh DIR [FAILED_SUITE...]
#
# FAILED_SUITEs are the suites whose make target failed. A suite that failed without
# writing its result (it died: a build error, a crash, a killed runner) counts as one
# failed check, and so does one whose result says 0 failed: the total never reads
# "0 failed" while `make test` fails. A suite's wall time, when `make test` wrote it to
# DIR/.<suite>.seconds, is printed beside it, and the sum at the end.
dir=${1:?usage: report.sh DIR [FAILED_SUITE...]}
shift
declare -A died
for s in "$@"; do died[$s]=1; done
p=0; f=0; total_s=0
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
	secs=
	if [ -f "$dir/.$name.seconds" ]; then
		read -r t <"$dir/.$name.seconds"
		secs=$(printf ' %5ss' "$t") total_s=$((total_s + t))
	fi
	printf '  %-20s%s %s passed, %s failed%s\n' "$name" "$secs" "$a" "$b" "$note"
	p=$((p + a)); f=$((f + b))
done
took=
[ "$total_s" -gt 0 ] && took=" in $((total_s / 60)) min $((total_s % 60)) s"
echo "total: $p passed, $f failed$took"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
