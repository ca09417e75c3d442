#!/usr/bin/env bash
# `make test-xen`: builds Xen images with kiln and boots them under Debian's real Xen
# hypervisor (QEMU, TCG) in both tiers, checking what they print and how their domains end.
#
#   tests/xen/test.sh RESULT_FILE PROBE_ELF KILN
#
# Images: tests/xen/profiles/helloworld.json (one profile, a KVM and a Xen image; args with
# spaces and quotes, exit status 7), tests/xen/profiles/fault.json (tests/boot/fault with "pf": a page fault), and the
# harness's own probe. plat-xen's in-guest tests (plat/xen/tests) are make test-guest's,
# which boots them through both tiers of this harness.
# Quick tier (the guest is Xen's PVH dom0): one boot per case, ~1.5 s each.
# Real tier (Linux dom0): one boot of Xen runs every domU case through plat/xen/run.sh, the
# way `kiln run` runs a Xen image; that boot is most of the cost, so it runs in the
# background from the start, beside the rest.
# kiln run on this machine, no Xen dom0 (plat/xen/run-nested.sh): examples/helloworld/xen.json
# and the fault app through the quick tier, helloworld through the real one (KILN_XEN_NESTED=
# real), statuses and console; an app from `kiln new` run with its xen.json.
# Writes "PASSED FAILED" to RESULT_FILE; exits 1 when a check failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/xen/check.sh
. "$here/check.sh"

[ $# -eq 3 ] || { echo "usage: tests/xen/test.sh RESULT_FILE PROBE_ELF KILN" >&2; exit 2; }
result=$1
probe=$2
kiln=$(realpath "$3")
logs=build/_xen/logs
mkdir -p "$logs"
HELLO=build/test-xen-helloworld/xen-x86_64/helloworld.xen-x86_64
FAULT=build/test-xen-fault/xen-x86_64/bootfault.xen-x86_64
HTTPD=build/httpd-xen/xen-x86_64/httpd.xen-x86_64
HTTPD_CMDLINE="ip=10.0.9.2/24 --" # dom0's bridge is 10.0.9.1/24 (tests/xen/dom0-init.sh)

build_images() {
	local p out
	for p in tests/xen/profiles/helloworld.json tests/xen/profiles/fault.json \
		examples/httpd/xen.json; do
		if out=$("$kiln" build "$p" 2>&1); then
			pass "build: kiln build $p"
		else
			fail "build: kiln build $p" "$(tail -n 15 <<<"$out")"
		fi
	done
	check_file "build: one profile gives a KVM image too" \
		build/test-xen-helloworld/kvm-x86_64/helloworld.kvm-x86_64.elf
}

check_file() {
	if [ -s "$2" ]; then pass "$1"; else fail "$1" "$2: missing or empty"; fi
}

# The xl config the build wrote beside the image.
check_xl_cfg() {
	local cfg=$HELLO.cfg line
	check_file "build: xl config beside the Xen image" "$cfg"
	for line in 'type = "pvh"' "kernel = \"$(pwd)/$HELLO.elf\"" 'on_poweroff = "destroy"' \
		'on_crash = "destroy"' 'memory = 32' 'vcpus = 1' \
		'cmdline = "-- one two\\ words it\\'"'"'s\\ \\\"quoted\\\" line\\\nbreak"'; do
		if grep -qxF -- "$line" "$cfg" 2>/dev/null; then
			pass "xl config: $line"
		else
			fail "xl config: $line" "$(cat "$cfg" 2>/dev/null)"
		fi
	done
}

# httpd's Xen profile is its KVM profile with another target (and name): the same app,
# switched from KVM to Xen in the menu, builds and serves with nothing else changed.
check_httpd_profiles() {
	local d
	d=$(python3 -c '
import json, sys
k, x = (json.load(open("examples/httpd/%s.json" % t)) for t in ("kvm", "xen"))
print(sorted(key for key in set(k) | set(x) if k.get(key) != x.get(key)))')
	if [ "$d" = "['name', 'targets']" ]; then
		pass "httpd: xen.json differs from kvm.json only in its target (and name)"
	else
		fail "httpd: xen.json differs from kvm.json only in its target (and name)" "keys that differ: $d"
	fi
}

# httpd's initrd (examples/httpd/initrd packed as kiln packs a folder: cpio "newc").
HTTPD_INITRD=$logs/httpd-initrd.cpio
pack_httpd_initrd() {
	(cd examples/httpd/initrd && find . -mindepth 1 -printf '%P\n' | sort |
		cpio -o -H newc --quiet -R 0:0) >"$HTTPD_INITRD"
}

# net_line REPORT KEY: the value of KEY (a "KILN-XEN: net: KEY: ..." line's rest).
net_line() {
	sed -n "s/^KILN-XEN: net: $2: //p" <<<"$1" | head -n1
}

check_net_line() {
	local got
	got=$(net_line "$2" "$3")
	if grep -qE -- "$4" <<<"$got"; then pass "$1"; else fail "$1" "$3: '${got:-<missing>}', want /$4/; report:
$(grep -E '^KILN-XEN: (net|run|expect)' <<<"$2" | tail -n 12)"; fi
}

# httpd as a domU (tests/xen/net/httpd.sh, then the same image created again).
check_httpd_real() {
	local r=$1 g sha
	sha=$(sha256sum <examples/httpd/initrd/www/index.html | cut -d' ' -f1)
	g=$(guest_report "$r" 04)
	check_console "real net: httpd listens behind netfront" "$g" "httpd: listening on port 80"
	check_net_line "real net: curl from dom0 through the bridge gets 200" "$g" first "^status=200 "
	check_net_line "real net: the body is the initrd's www/index.html, byte for byte" "$g" first \
		"sha256=$sha\$"
	check_net_line "real net: 1,000 requests from 4 clients at once, zero errors" "$g" load "^requests=1000 ok=1000 "
	check_net_line "real net: a malformed request gets 400" "$g" malformed "^HTTP/1\.1 400 "
	check_net_line "real net: and it keeps serving" "$g" after "^status=200$"
	g=$(guest_report "$r" 05)
	check_net_line "real net: xl destroy, then a second xl create serves again" "$g" again \
		"^status=200 .*sha256=$sha\$"
}

# vif_profile NAME OPTIONS_JSON: a helloworld Xen profile with netfront on; prints its path.
vif_profile() {
	local p=$logs/$1.json
	printf '{ "kiln_profile": 1, "catalog": 1, "name": "test-xen-%s", "app": "helloworld",
  "targets": ["xen-x86_64"], "libraries": { "netfront": true }, "options": %s }\n' \
		"$1" "$2" >"$p"
	echo "$p"
}

# The vif line comes from netfront's options; a value that would add a key to it (xl
# splits the line at commas: script= runs a program in dom0) is refused at build time.
check_vif_cfg() {
	local p cfg out
	p=$(vif_profile vif-mac '{ "NETFRONT_BRIDGE": "br-test", "NETFRONT_MAC": "00:16:3e:0a:0b:0c" }')
	cfg=build/test-xen-vif-mac/xen-x86_64/helloworld.xen-x86_64.cfg
	if "$kiln" build "$p" >"$logs/vif-mac.build" 2>&1 &&
		grep -qxF 'vif = [ "bridge=br-test,mac=00:16:3e:0a:0b:0c" ]' "$cfg"; then
		pass "xl config: netfront's bridge and MAC make the vif line"
	else
		fail "xl config: netfront's bridge and MAC make the vif line" \
			"$(cat "$cfg" "$logs/vif-mac.build" 2>&1 | tail -n 8)"
	fi
	p=$(vif_profile vif-nomac '{}')
	cfg=build/test-xen-vif-nomac/xen-x86_64/helloworld.xen-x86_64.cfg
	if "$kiln" build "$p" >"$logs/vif-nomac.build" 2>&1 &&
		[ "$(grep -c '^vif' "$cfg")" = 1 ] && grep -qxF 'vif = [ "bridge=xenbr0" ]' "$cfg"; then
		pass "xl config: no MAC lets the toolstack pick one, default bridge xenbr0"
	else
		fail "xl config: no MAC lets the toolstack pick one, default bridge xenbr0" "$(grep vif "$cfg" 2>&1)"
	fi
	if grep -q '^vif' "$HELLO.cfg"; then
		fail "xl config: no vif line without netfront" "$(grep vif "$HELLO.cfg")"
	else
		pass "xl config: no vif line without netfront"
	fi
	p=$(vif_profile vif-evil '{ "NETFRONT_BRIDGE": "xenbr0,script=/tmp/evil" }')
	if out=$("$kiln" build "$p" 2>&1); then
		fail "xl config: a comma in the bridge is refused" "the build passed"
	else
		has "xl config: a comma in the bridge is refused, naming the option" \
			"@CONFIG_NETFRONT_BRIDGE@ must be letters" "$out"
	fi
}

# kiln_run NAME [ENV=VALUE...] -- KILN_RUN_ARGS...: `kiln run` as a user types it, on this
# machine, which is no Xen dom0; sets $out (stdout), $err (stderr) and $rc.
kiln_run() {
	local name=$1 envs=()
	shift
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	env "${envs[@]}" "$kiln" run "$@" >"$logs/$name.out" 2>"$logs/$name.err"
	rc=$?
	out=$(tr -d '\r' <"$logs/$name.out")
	err=$(cat "$logs/$name.err")
}

# has NAME TEXT WHERE: WHERE (the last run's stdout or stderr) has a line with TEXT.
has() {
	if grep -qF -- "$2" <<<"$3"; then pass "$1"; else fail "$1" "no line with '$2' in:
$(tail -n 12 <<<"$3")"; fi
}

check_rc() {
	if [ "$rc" = "$2" ]; then pass "$1"; else fail "$1" "kiln run exited $rc, want $2; stderr:
$(tail -n 12 <<<"$err")"; fi
}

# Off a Xen dom0, kiln run boots the image under Xen inside QEMU and says so first: the
# runner's first line follows kiln's own line with the command it runs.
nested_runs() {
	local first
	kiln_run nested-hello -- examples/helloworld/xen.json -- a b
	check_rc "nested: kiln run helloworld/xen.json -- a b exits with the app's status" 0
	has "nested: the greeting" "Hello from kiln!" "$out"
	has "nested: arg 1" "arg 1: a" "$out"
	has "nested: arg 2" "arg 2: b" "$out"
	first=$(awk 'f { print; exit } /^kiln: run: .*run\.sh /{ f = 1 }' <<<"$err")
	has "nested: its first line says Xen runs inside QEMU" \
		"not a Xen dom0: booting under Xen 4.17 inside QEMU" "$first"
	kiln_run nested-status -- --no-build examples/helloworld/xen.json -- "x,y" exit=7
	check_rc "nested: the app's status 7 comes back" 7
	has "nested: a comma reaches the app" "arg 1: x,y" "$out"
	kiln_run nested-crash -- --no-build tests/xen/profiles/fault.json -- pf
	check_rc "nested: a crash gives 255" 255
	has "nested: the crash report is streamed" "fatal exception 14 (#PF page fault)" "$out"
	kiln_run nested-real KILN_XEN_NESTED=real -- --no-build examples/helloworld/xen.json -- a "b c" exit=5
	check_rc "nested real: Linux dom0 runs it with xl, status 5 through xenstore" 5
	has "nested real: the greeting" "Hello from kiln!" "$out"
	has "nested real: an arg with a space" "arg 2: b c" "$out"
	has "nested real: the first line says so" "Debian's Linux as dom0 running the image with xl" "$err"
	kiln_run nested-no KILN_XEN_NESTED=no -- --no-build examples/helloworld/xen.json
	check_rc "KILN_XEN_NESTED=no: run.sh refuses off a dom0" 1
	has "KILN_XEN_NESTED=no: it says no Xen is here" "no Xen here" "$err"
}

# An app from `kiln new`, booted on Xen from its own folder.
new_app_on_xen() {
	local dir
	dir=$(mktemp -d /tmp/kiln-test-xen-new-XXXXXX)
	rm -rf build/hello2-xen
	if (cd "$dir" && "$kiln" new hello2 . >/dev/null && "$kiln" run hello2/xen.json -- z \
		>out 2>err); then
		has "new app: kiln run hello2/xen.json greets" "Hello from hello2!" "$(cat "$dir/out")"
		has "new app: and gets its argument" "arg 1: z" "$(cat "$dir/out")"
	else
		fail "new app: kiln new hello2 && kiln run hello2/xen.json" "$(tail -n 12 "$dir/err")"
	fi
	rm -rf "$dir"
}

quick() {
	"$here/run-quick.sh" "$@" 2>&1 || true
}

quick_tier() {
	local r
	r=$(quick "$probe" "status=7 one two")
	check_console "quick: probe greets through console_io" "$r" "probe: hello from PVH dom0"
	check_field "quick: probe exit status reaches the host" "$r" status 7
	r=$(quick "$probe" "crash")
	check_field "quick: probe crash is reported as a crash" "$r" reason crash
	r=$(quick "$HELLO.elf" "-- one two exit=5")
	check_console "quick: helloworld as dom0 greets" "$r" "Hello from kiln!"
	check_console "quick: helloworld as dom0 sees its args" "$r" "arg 2: two"
	check_field "quick: helloworld as dom0 powers off" "$r" reason poweroff
	check_field "quick: helloworld as dom0 exit status" "$r" status 5
	r=$(quick "$FAULT.elf" "-- pf")
	check_console "quick: fault prints a crash report" "$r" "fatal exception 14 (#PF page fault)"
	check_field "quick: fault shuts down as a crash" "$r" reason crash
	r=$(quick "$FAULT.elf" "-- stackoverflow")
	check_console "quick: stack overflow gives a double-fault dump" "$r" \
		"fatal exception 8 (#DF double fault)"
	check_console "quick: the dump names the guard page" "$r" "stack overflow"
	check_field "quick: stack overflow shuts down as a crash" "$r" reason crash
	r=$(quick "$FAULT.elf" "-- nested")
	check_console "quick: a fault inside the fault handler is named in one line" "$r" \
		"fatal exception 8 inside the fault handler (nested fault 1)"
	check_field "quick: the nested fault shuts down as a crash" "$r" reason crash
}

# run_rc REPORT: plat/xen/run.sh's exit status, from the "run exited" line.
run_rc() {
	sed -n 's/^KILN-XEN: run exited rc=\([0-9]*\).*/\1/p' <<<"$1"
}

check_run_rc() {
	local got
	got=$(run_rc "$2")
	if [ "$got" = "$3" ]; then pass "$1"; else fail "$1" "run.sh exited ${got:-?}, want $3"; fi
}

# The real tier's one boot, the longest step, runs in the background from the start while
# the other checks boot their own (quick tier, kiln run); real_tier judges it at the end.
REAL_REPORT=$logs/test-real.report
real_tier_start() {
	"$here/run-real.sh" --cmdline "status=7 one two" "$probe" "$here/probe/probe.cfg" \
		--expect "Hello from kiln!" \
		"$HELLO.elf" "$HELLO.cfg" "$FAULT.elf" "$FAULT.cfg" \
		--expect "httpd: listening" --cmdline "$HTTPD_CMDLINE" --net-test "$here/net/httpd.sh" \
		--initrd "$HTTPD_INITRD" "$HTTPD.elf" "$HTTPD.cfg" \
		--expect "httpd: listening" --cmdline "$HTTPD_CMDLINE" --initrd "$HTTPD_INITRD" \
		--net-test "$here/net/httpd-again.sh" "$HTTPD.elf" "$HTTPD.cfg" \
		</dev/null >"$REAL_REPORT" 2>&1 &
	real_pid=$!
}

real_tier() {
	local r g rc=0
	wait "$real_pid" || rc=$?
	real_pid=""
	r=$(cat "$REAL_REPORT")
	if [ "$rc" = 0 ]; then
		pass "real: Xen and Linux dom0 boot, every guest runs"
	else
		fail "real: Xen and Linux dom0 boot, every guest runs" "$(tail -n 20 <<<"$r")"
	fi
	g=$(guest_report "$r" 01)
	check_console "real: probe greets through the console ring" "$g" "probe: hello from PVH domU"
	check_console "real: run.sh's command line replaces the config's" "$g" \
		"cmdline=status=7 one two"
	g=$(guest_report "$r" 02)
	check_console "real: helloworld greets" "$g" "Hello from kiln!"
	check_console "real: helloworld arg 1" "$g" "arg 1: one"
	check_console "real: helloworld arg 2 keeps its space" "$g" "arg 2: two words"
	check_console "real: helloworld arg 3 keeps its quotes" "$g" "arg 3: it's \"quoted\""
	check_console "real: helloworld arg 4 survives a newline in the xl config" "$g" "arg 4: line"
	check_console "real: helloworld prints its exit status" "$g" "kiln: exit status 7"
	check_field "real: helloworld domain powers off" "$g" reason poweroff
	check_field "real: helloworld exit status via xenstore" "$g" status 7
	check_run_rc "real: run.sh returns the app's status" "$g" 7
	g=$(guest_report "$r" 03)
	check_console "real: fault prints a crash report" "$g" "fatal exception 14 (#PF page fault)"
	check_console "real: crash report names the address" "$g" "CR2 0000000040000000"
	check_field "real: fault domain is reported as a crash" "$g" reason crash
	check_run_rc "real: run.sh returns the crash status" "$g" 255
	check_httpd_real "$r"
}

# Xen's cache checked against Debian's archive once (fetch.sh asks apt, seconds a time),
# then handed to every runner: qemu.sh's xen_cache takes XEN_CACHE as it is.
XEN_CACHE=$("$here/fetch.sh" build/_xen) || { echo "test-xen: fetching Xen failed" >&2; exit 1; }
export XEN_CACHE
build_images
pack_httpd_initrd
real_tier_start
trap '[ -z "${real_pid:-}" ] || kill "$real_pid" 2>/dev/null' EXIT
check_xl_cfg
check_vif_cfg
check_httpd_profiles
nested_runs
new_app_on_xen
quick_tier
real_tier
write_result "$result"
[ "$FAILED" -eq 0 ]
