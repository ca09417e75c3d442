#!/usr/bin/env bash
# `make bench-xen`: figures for the benchmark table, measured inside Xen emulated by QEMU's
# TCG, so only relative: image size, Xen + Linux dom0 boot time (host clock, QEMU start to
# dom0's toolstack ready), and "xl create -> greeting" (dom0's clock: xl start to the
# greeting in the guest's console log). Prints figures, asserts nothing.
#
#   tests/xen/bench.sh PROBE_ELF [NAME ELF CFG GREETING]...
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/xen/check.sh
. "$here/check.sh"

[ $# -ge 1 ] && [ $((($# - 1) % 4)) -eq 0 ] ||
	{ echo "usage: tests/xen/bench.sh PROBE_ELF [NAME ELF CFG GREETING]..." >&2; exit 2; }
probe=$1
shift
names=(probe)
args=(--expect "exit status" "$probe" "$here/probe/probe.cfg")
sizes=("$(stat -c %s "$probe")")
while [ $# -gt 0 ]; do
	names+=("$1")
	args+=(--expect "$4" "$2" "$3")
	sizes+=("$(stat -c %s "$2")")
	shift 4
done

r=$("$here/run-real.sh" "${args[@]}") || { echo "bench-xen: the Xen boot failed" >&2; exit 1; }
printf 'xen: %-38s %s s\n' "Xen + dom0 boot (host clock)" \
	"$(sed -n 's/^KILN-XEN: host dom0-ready after=\([^ ]*\).*/\1/p' <<<"$r")"
for i in "${!names[@]}"; do
	g=$(guest_report "$r" "$(printf %02d $((i + 1)))")
	printf 'xen: %-38s %s bytes\n' "${names[i]} image size" "${sizes[i]}"
	printf 'xen: %-38s %s s\n' "${names[i]} xl create -> greeting" \
		"$(sed -n 's/^KILN-XEN: expect seen after=//p' <<<"$g")"
done
