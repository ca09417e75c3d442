#!/usr/bin/env bash
# `make bench-xen`'s "kiln run -> greeting": the time from typing `kiln run PROFILE` on this
# machine, no Xen dom0, to the greeting on the terminal, with the image already built, for
# both ways plat/xen/run-nested.sh boots it (Xen inside QEMU's TCG, so a relative figure):
# quick (the image as Xen's dom0) RUNS times, real (Linux dom0 and xl) once. Prints
# figures, asserts nothing.
#
#   tests/xen/bench-run.sh KILN PROFILE GREETING [RUNS]
set -uo pipefail
[ $# -ge 3 ] || { echo "usage: tests/xen/bench-run.sh KILN PROFILE GREETING [RUNS]" >&2; exit 2; }
kiln=$1 profile=$2 greeting=$3 runs=${4:-5}

# to_greeting [ENV=VALUE...]: seconds from the start of kiln run to the greeting's line.
to_greeting() {
	local t0 line t=none
	t0=$(date +%s.%N)
	while IFS= read -r line; do
		if [ "$t" = none ] && [[ $line == *"$greeting"* ]]; then
			t=$(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $t0 }")
		fi
	done < <(env "$@" "$kiln" run --no-build "$profile" 2>/dev/null)
	echo "$t"
}

"$kiln" build "$profile" >/dev/null 2>&1 || { echo "bench-xen: kiln build $profile failed" >&2; exit 1; }
to_greeting >/dev/null # the first run may fetch Xen; not timed
ts=()
for _ in $(seq "$runs"); do ts+=("$(to_greeting)"); done
printf '%s\n' "${ts[@]}" | sort -g | awk -v n="$runs" '
	{ v[NR] = $1 }
	END { printf "xen: %-38s %s s [%s-%s], %d runs\n", "kiln run -> greeting, quick (dom0)",
		v[int((NR + 1) / 2)], v[1], v[NR], n }'
printf 'xen: %-38s %s s, 1 run\n' "kiln run -> greeting, real (xl)" "$(to_greeting KILN_XEN_NESTED=real)"
