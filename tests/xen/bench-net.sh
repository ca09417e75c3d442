#!/usr/bin/env bash
# make bench-xen's network figures: examples/httpd's requests per second through netfront
# inside the emulated Xen (dom0's curl across the bridge, tests/xen/net/httpd.sh with one
# client: 1,000 GETs on a kept-alive connection) beside the same profile on KVM under TCG
# (this host's curl through kiln run -p, the same 1,000 GETs), and both image sizes.
# Relative figures: the Xen one includes a Linux dom0 and Xen itself emulated by TCG.
#
#   tests/xen/bench-net.sh KILN
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kiln=$(realpath "$1")
logs=build/_xen/logs
mkdir -p "$logs"
XEN_IMG=build/httpd-xen/xen-x86_64/httpd.xen-x86_64
KVM_IMG=build/httpd-kvm/kvm-x86_64/httpd.kvm-x86_64.elf
initrd=$logs/bench-httpd-initrd.cpio
n=1000

die() { echo "bench-xen: $*" >&2; exit 1; }
for p in examples/httpd/xen.json examples/httpd/kvm.json; do
	"$kiln" build "$p" >"$logs/bench-net-build.log" 2>&1 || die "kiln build $p failed"
done
(cd examples/httpd/initrd && find . -mindepth 1 -printf '%P\n' | sort |
	cpio -o -H newc --quiet -R 0:0) >"$initrd"

# KVM under TCG: the host's curl through a forwarded port of 127.0.0.1.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$kiln" run --no-build --accel tcg -p "$port:80" --initrd "$initrd" examples/httpd/kvm.json \
	>"$logs/bench-net-kvm.out" 2>&1 &
pid=$!
for _ in $(seq 180); do
	grep -q "httpd: listening" "$logs/bench-net-kvm.out" 2>/dev/null && break
	sleep 0.5
done
t0=$(date +%s.%N)
curl -s --connect-timeout 5 -m 5 -o /dev/null -w '%{http_code}\n' \
	"http://127.0.0.1:$port/?[1-$n]" >"$logs/bench-net-kvm.codes"
t1=$(date +%s.%N)
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
kvm=$(awk -v t0="$t0" -v t1="$t1" '$1 == 200 { ok++ } END { printf "%.1f req/s (%d/%d answered 200)", ok / (t1 - t0), ok, NR }' \
	"$logs/bench-net-kvm.codes")

# Xen: the same image's Xen target as a domU, dom0's curl across the bridge; one client,
# as above (test-xen's net/httpd.sh runs four at once to be done sooner).
client=$logs/bench-httpd-one-client.sh
sed 's/HTTPD_CLIENTS:-4/HTTPD_CLIENTS:-1/' "$here/net/httpd.sh" >"$client"
grep -q 'HTTPD_CLIENTS:-1' "$client" || die "tests/xen/net/httpd.sh has no HTTPD_CLIENTS:-4 to set to 1"
r=$("$here/run-real.sh" --expect "httpd: listening" --cmdline "ip=10.0.9.2/24 --" \
	--net-test "$client" --initrd "$initrd" "$XEN_IMG.elf" "$XEN_IMG.cfg" 2>&1) ||
	die "the Xen boot failed: $(tail -n 5 <<<"$r")"
load=$(sed -n 's/^KILN-XEN: net: load: //p' <<<"$r")
xen=$(sed -n 's/.*ok=\([0-9]*\) .*rps=\([0-9.]*\).*/\2 req\/s (\1\/'"$n"' answered 200)/p' <<<"$load")

printf 'xen: %-38s %s bytes\n' "httpd image size (Xen)" "$(stat -c %s "$XEN_IMG.elf")"
printf 'xen: %-38s %s bytes\n' "httpd image size (KVM)" "$(stat -c %s "$KVM_IMG")"
printf 'xen: %-38s %s\n' "httpd via netfront, emulated Xen" "${xen:-none: $load}"
printf 'xen: %-38s %s\n' "httpd via virtio-net, KVM under TCG" "$kvm"
