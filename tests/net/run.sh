#!/usr/bin/env bash
# examples/httpd answering real clients through kiln run -p HOST:GUEST (QEMU's user network,
# bound to 127.0.0.1), on -M microvm (virtio-mmio) and -M pc (virtio-pci), under TCG:
# curl's status, fields and body byte for byte (a page and a 130 KB file from the initrd),
# keep-alive (a second request on the same connection), 404, 405 with Allow, 400 for a
# malformed request, 431 for an oversized head, the server still answering after each;
# a client that connects and says nothing does not hold up the others; 10,000 requests from
# ab with zero failures; DHCP (the default) and a static address (LWIP_ADDR); on -M q35
# (PCI Express), configuration space through ECAM, found from ACPI's MCFG.
#
#   tests/net/run.sh [RESULT_FILE]     (default build/test-results/test-net)
#   NET_MACHINES="microvm" NET_STATIC=0 NET_Q35=0 NET_REQUESTS=200: a narrower run (make
#   mutate's)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
unset MAKEFLAGS MFLAGS MAKELEVEL

KILN=${KILN:-build/bin/kiln}
RESULT=${1:-build/test-results/test-net}
LOG=build/test-net
REQUESTS=${NET_REQUESTS:-10000}
rm -rf "$LOG" && mkdir -p "$LOG" "$(dirname "$RESULT")"
# shellcheck source=tests/tap.sh
source tests/tap.sh
# A server still running when the suite ends early (TAP_FAIL_FAST, an interrupt) is stopped.
trap '[ -z "${pid:-}" ] || kill "$pid" 2>/dev/null' EXIT

ROOT=$LOG/initrd
mkdir -p "$ROOT/www/sub"
cp examples/httpd/initrd/www/index.html "$ROOT/www/"
head -c 98304 /dev/urandom | base64 -w 76 >"$ROOT/www/sub/big.txt"
echo "sub" >"$ROOT/www/sub/index.html"

# A free port on 127.0.0.1 (the kernel picks it; QEMU binds it right after).
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start NAME PROFILE [kiln run options]: boots httpd in the background; sets $pid, $port;
# waits (at most 90 s) for its "listening" line.
start() {
	local name=$1 profile=$2 i
	shift 2
	port=$(free_port)
	"$KILN" run --no-build -p "$port:80" --initrd "$ROOT" "$@" "$profile" \
		>"$LOG/$name.out" 2>"$LOG/$name.err" &
	pid=$!
	for i in $(seq 180); do
		grep -q "httpd: listening on port 80" "$LOG/$name.out" 2>/dev/null && return 0
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	return 1
}

stop() {
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

URL() { echo "http://127.0.0.1:$port$1"; }

# raw NAME REQUEST: sends REQUEST (printf format) on a fresh connection, keeps the answer
# (until the server closes, at most 8 s).
raw() {
	printf "$2" >"$LOG/$1.req"
	python3 - "$port" "$LOG/$1.req" >"$LOG/$1.raw" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=8)
s.sendall(open(sys.argv[2], "rb").read())
out = b""
try:
    while True:
        d = s.recv(65536)
        if not d:
            break
        out += d
except OSError:
    pass
sys.stdout.buffer.write(out)
PY
	tr -d '\r' <"$LOG/$1.raw" >"$LOG/$1.txt"
}

still_serves() {
	check "$1-still-serves" [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$(URL /)")" = 200 ]
}

# The checks on one running server ($name the machine's tag).
http_checks() {
	local m=$1
	curl -s -m 20 -D "$LOG/$m-index.h" -o "$LOG/$m-index.body" "$(URL /)"
	check "$m-index-status-200" grep -q '^HTTP/1.1 200 OK' "$LOG/$m-index.h"
	check "$m-index-type-html" grep -qi '^content-type: text/html' "$LOG/$m-index.h"
	check "$m-index-length" grep -qi "^content-length: $(stat -c %s "$ROOT/www/index.html")" \
		"$LOG/$m-index.h"
	check "$m-index-body-bytes" cmp -s "$LOG/$m-index.body" "$ROOT/www/index.html"
	curl -s -m 30 -o "$LOG/$m-big.body" "$(URL /sub/big.txt)"
	check "$m-big-body-bytes" cmp -s "$LOG/$m-big.body" "$ROOT/www/sub/big.txt"
	check "$m-folder-index" [ "$(curl -s -m 10 "$(URL /sub/)")" = sub ]
	# Keep-alive: curl reuses the connection for the second URL (no new connect).
	check "$m-keepalive-reuse" [ "$(curl -s -m 20 -o /dev/null -o /dev/null \
		-w '%{num_connects}' "$(URL /)" "$(URL /sub/)")" = 10 ]
	check "$m-404" [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$(URL /missing)")" = 404 ]
	check "$m-404-dotdot" [ "$(curl -s -m 10 --path-as-is -o /dev/null -w '%{http_code}' \
		"$(URL /sub/../../dev/console)")" = 404 ]
	curl -s -m 10 -X POST -d x -D "$LOG/$m-post.h" -o /dev/null "$(URL /)"
	check "$m-405-allow" grep -q '^Allow: GET, HEAD' "$LOG/$m-post.h"
	check "$m-405" grep -q '^HTTP/1.1 405 ' "$LOG/$m-post.h"
	raw "$m-malformed" 'GARBAGE\r\n\r\n'
	check "$m-400-malformed" grep -q '^HTTP/1.1 400 ' "$LOG/$m-malformed.txt"
	raw "$m-bare-lf" 'GET / HTTP/1.1\nHost: x\n\n'
	check "$m-400-bare-lf" grep -q '^HTTP/1.1 400 ' "$LOG/$m-bare-lf.txt"
	raw "$m-http2" 'GET / HTTP/2.0\r\n\r\n'
	check "$m-505-version" grep -q '^HTTP/1.1 505 ' "$LOG/$m-http2.txt"
	raw "$m-oversized" "GET / HTTP/1.1\r\nX-Big: $(head -c 9000 /dev/zero | tr '\0' a)\r\n\r\n"
	check "$m-431-oversized-head" grep -q '^HTTP/1.1 431 ' "$LOG/$m-oversized.txt"
	still_serves "$m-after-bad"
	# An idle client holds a connection open, saying nothing; the others are served.
	exec 7<>"/dev/tcp/127.0.0.1/$port"
	check "$m-idle-client-blocks-nobody" [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' \
		"$(URL /)")" = 200 ]
	exec 7>&-
}

# load NAME: REQUESTS keep-alive requests from ab, 8 at once; none may fail. ab gives up
# after NET_AB_WAIT seconds without an answer (ab's own default, 30, unless set: make
# mutate's check sets 5, as an answer takes milliseconds, and a server that stopped
# answering is seen then, not 30 s later).
load() {
	timeout 300 ab -q -k -s "${NET_AB_WAIT:-30}" -n "$REQUESTS" -c 8 "$(URL /)" >"$LOG/$1-ab.txt" 2>&1
	check "$1-ab-complete" grep -q "^Complete requests: *$REQUESTS\$" "$LOG/$1-ab.txt"
	check "$1-ab-no-failures" grep -q '^Failed requests: *0$' "$LOG/$1-ab.txt"
	check "$1-ab-all-2xx" bash -c "! grep -q '^Non-2xx responses' '$LOG/$1-ab.txt'"
	still_serves "$1-after-load"
}

if ! command -v ab >/dev/null || ! command -v curl >/dev/null; then
	fail "tools" "ab (apache2-utils) and curl are needed: make deps installs them"
	write_result "$RESULT"
	exit 1
fi

if "$KILN" build examples/httpd/kvm.json >"$LOG/build.log" 2>&1; then
	pass "build-httpd"
else
	fail "build-httpd" "see $LOG/build.log"
fi

MACHINES=${NET_MACHINES:-microvm pc}
for m in $MACHINES; do
	if ! start "$m" examples/httpd/kvm.json --machine "$m"; then
		fail "$m-boot" "no listening line (see $LOG/$m.out, $LOG/$m.err)"
		stop
		continue
	fi
	pass "$m-boot"
	check "$m-dhcp-address" grep -q 'net: virtio-net0: 10.0.2.15 .*(dhcp)' "$LOG/$m.out"
	[ "$m" != q35 ] || check "q35-ecam-from-mcfg" \
		grep -q 'configuration space through ECAM at 0xb0000000 (buses 0-255)' "$LOG/q35.out"
	http_checks "$m"
	load "$m"
	stop
done
case " $MACHINES " in *" microvm "*) check "microvm-virtio-mmio" grep -q 'on virtio-mmio' "$LOG/microvm.out" ;; esac
case " $MACHINES " in *" pc "*) check "pc-virtio-pci" grep -q 'on virtio-pci' "$LOG/pc.out" ;; esac
case " $MACHINES " in *" pc "*) check "pc-port-io-without-mcfg" grep -q 'configuration space through I/O ports' "$LOG/pc.out" ;; esac

# -M q35: PCI Express, configuration space through the ECAM window ACPI's MCFG names (one
# boot and a page: a few seconds).
if [ "${NET_Q35:-1}" = 1 ]; then
	if start q35 examples/httpd/kvm.json --machine q35; then
		check "q35-ecam-from-mcfg" grep -q 'configuration space through ECAM at 0xb0000000 (buses 0-255)' "$LOG/q35.out"
		check "q35-virtio-pci" grep -q 'on virtio-pci' "$LOG/q35.out"
		curl -s -m 20 -o "$LOG/q35-index.body" "$(URL /)"
		check "q35-index-body-bytes" cmp -s "$LOG/q35-index.body" "$ROOT/www/index.html"
	else
		fail "q35-boot" "no listening line (see $LOG/q35.out, $LOG/q35.err)"
	fi
	stop
fi
[ "${NET_STATIC:-1}" = 0 ] && { write_result "$RESULT"; [ "$FAILED" = 0 ]; exit; }

# A static address from the catalog options instead of DHCP (the one QEMU's user network
# forwards to: its first DHCP address).
sed -e 's/"name": "httpd-kvm"/"name": "net-static"/' \
	-e 's/"options": {}/"options": {"LWIP_ADDR": "10.0.2.15\/24", "LWIP_GATEWAY": "10.0.2.2", "LWIP_DHCP": false}/' \
	examples/httpd/kvm.json >"$LOG/static.json"
if "$KILN" build "$LOG/static.json" >"$LOG/static-build.log" 2>&1 && start static "$LOG/static.json"; then
	check "static-address" grep -q 'net: virtio-net0: 10.0.2.15 netmask 255.255.255.0 gw 10.0.2.2 (static)' \
		"$LOG/static.out"
	still_serves "static"
else
	fail "static-boot" "see $LOG/static-build.log, $LOG/static.out"
fi
stop

write_result "$RESULT"
[ "$FAILED" = 0 ]
