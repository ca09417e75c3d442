#!/usr/bin/env bash
# `kiln run -p HOST:GUEST` and `--net tap:NAME` against the real catalog, printed with
# --dry-run (nothing boots): the platform's network words with one port template per
# mapping, bound to 127.0.0.1, the machine's own device and options (machine_vars), a tap
# device by name; bad ports, bad names, -p with --net tap, and a platform without a
# network refused with exit 2 and a reason. The network itself is tests/net's.
# Usage: tests/host/cli_net.sh KILN_BINARY   (run from the repository root)
set -u
# shellcheck source=tests/host/cli_lib.sh
source tests/host/cli_lib.sh
cli_setup net "$1"

httpd=examples/httpd/kvm.json
check "run -p twice (dry run)" 0 "$kiln" run --dry-run -p 8080:80 -p 8443:443 "$httpd"
has err "-netdev user,id=net0,ipv6=off,hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=tcp:127.0.0.1:8443-:443" \
	"each -p is one hostfwd on 127.0.0.1, host port first"
has err "-device virtio-net-device,netdev=net0 -machine acpi=off" "microvm: its device and acpi=off"
check "run -p on pc" 0 "$kiln" run --dry-run --machine pc -p 8080:80 "$httpd"
has err "-device virtio-net-pci,netdev=net0 -kernel" "pc: virtio-net-pci, no -machine group"
check "run --net tap" 0 "$kiln" run --dry-run --net tap:tap0 "$httpd"
has err "-netdev tap,id=net0,ifname=tap0,script=no,downscript=no" "--net tap:NAME names the device"
hasnt err "hostfwd" "tap: no port forwarding"
check "run without a network" 0 "$kiln" run --dry-run "$httpd"
hasnt err "-netdev" "no -p, no --net: no network words"
for bad_port in 0:80 80:0 65536:80 80 :80 80: 08:80 a:80 80:80:80; do
	check "-p $bad_port refused" 2 "$kiln" run --dry-run -p "$bad_port" "$httpd"
	has err "expected HOST:GUEST" "-p $bad_port: says what it expects"
done
for bad_net in tap: "tap:has space" tap:0123456789abcdef user "tap:a;b"; do
	check "--net '$bad_net' refused" 2 "$kiln" run --dry-run --net "$bad_net" "$httpd"
done
check "-p with --net tap refused" 2 "$kiln" run --dry-run -p 1:2 --net tap:t0 "$httpd"
has err "not with --net tap" "-p with --net tap: says why"
check "a platform without a network refused" 2 "$kiln" run --dry-run -p 8080:80 \
	examples/helloworld/linuxu.json
has err "offers no user network" "names what the platform lacks"

rm -rf "$tmp"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
