#!/usr/bin/env bash
# Sums the per-suite results that each test suite writes to DIR/<suite> as one line
# "PASSED FAILED" and prints the closing line CI reads. Exit 1 on any failure or no test.
dir=${1:?usage: report.sh DIR}
p=0; f=0
for r in "$dir"/*; do
	[ -f "$r" ] || continue
	read -r a b <"$r"
	printf '  %-20s %s passed, %s failed\n' "$(basename "$r")" "$a" "$b"
	p=$((p + a)); f=$((f + b))
done
echo "total: $p passed, $f failed"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
