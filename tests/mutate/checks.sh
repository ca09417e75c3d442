# The checks a mutant of tests/mutate/mutants.txt names on its "test" line (sourced by
# tests/mutate/run.sh, run in the scratch copy of the tree). Each builds only what it runs,
# runs the narrowest existing test that should notice the fault, and returns non-zero when
# that test fails. They reuse the suites' own scripts, so a check means what the suite means.

KILN=build/bin/kiln

# mk TARGET...: make in the scratch tree (-j2: the machine is shared).
mk() {
	make --no-print-directory -s -j2 "$@"
}

# host NAME...: the plain builds of the cmocka tests tests/host/test_NAME.c.
host() {
	local t
	mk "${@/#/build/host/plain/test_}" || return 1
	for t in "$@"; do
		echo "--- test_$t"
		"build/host/plain/test_$t" || return 1
	done
}

# cli [SCRIPT]: tests/host/SCRIPT.sh (default cli) with the plain kiln.
cli() {
	mk "$KILN" || return 1
	"tests/host/${1:-cli}.sh" "$KILN"
}

# hostile_signals: the signal part of tests/hostile/run.sh (kiln's children, QEMU and make,
# end when kiln ends, whatever the signal), with the plain kiln.
hostile_signals() {
	mk "$KILN" || return 1
	HOSTILE_ONLY=signals KILN=$KILN tests/hostile/run.sh build/mutate-hostile.result
}

# menu TEST...: the named tmux tests of tests/menu/t_*.sh, on the plain menu build, each wait
# for the screen at most 4 s (the suite's 10 leave room for a loaded host; the menu answers a
# key in milliseconds and starts in well under a second, and a fault that keeps a line off
# the screen is then seen in 4 s).
menu() {
	mk build/bin/kiln-menu "$KILN" || return 1
	MENU_TIMEOUT=4 KILN_MENU=build/bin/kiln-menu KILN=$KILN tests/menu/run.sh \
		build/mutate-menu.result "$@"
}

# net: tests/net/run.sh (httpd on microvm and pc, curl and ab), with 500 requests from ab,
# ab giving up after 5 s without an answer (a server that hangs: seen in 5 s, not 30).
net() {
	mk "$KILN" || return 1
	TAP_FAIL_FAST=1 NET_AB_WAIT=5 NET_REQUESTS=${NET_REQUESTS:-500} tests/net/run.sh \
		build/mutate-net.result
}

# net_on MACHINE: the same checks on one machine only, no static-address round, no separate
# q35 round (net_on q35 checks q35's ECAM in the main one), 300 requests.
net_on() {
	mk "$KILN" || return 1
	TAP_FAIL_FAST=1 NET_AB_WAIT=5 NET_MACHINES=$1 NET_STATIC=0 NET_Q35=0 NET_REQUESTS=300 \
		tests/net/run.sh build/mutate-net.result
}

# guest_profile FOLDER TARGET: writes a profile for the test entry or app in FOLDER, prints
# its path.
guest_profile() {
	local p=build/mutate-profiles/$(basename "$(dirname "$1")")-$(basename "$1")-$2.json
	mkdir -p build/mutate-profiles
	printf '{ "kiln_profile": 1, "catalog": 1, "name": "mutate-%s", "app": "%s",\n  "targets": ["%s"] }\n' \
		"$(basename "$p" .json)" "$PWD/$1" "$2" >"$p"
	echo "$p"
}

# ktest FOLDER TARGET: the ktest entry in FOLDER (a library's tests/) built, booted with
# `kiln run` (KVM under TCG), and it must end with status 0 and "N passed, 0 failed". A
# run may take 120 s (a KVM guest's tests under TCG wait on timers), one on linuxu 20 s:
# there the tests run at the host's speed, in a second at most, and a mutant that hangs
# them (a thread never preempted) is stopped in 20 s rather than by run.sh's bound.
ktest() {
	local p out status limit=120
	mk "$KILN" || return 1
	p=$(guest_profile "$1" "$2")
	local accel=()
	[ "${2%%-*}" = kvm ] && accel=(--accel tcg)
	[ "${2%%-*}" = linuxu ] && limit=20
	"$KILN" build "$p" || return 1
	out=$(timeout "$limit" "$KILN" run --no-build "${accel[@]}" "$p" </dev/null 2>&1 | tr -d '\r')
	status=${PIPESTATUS[0]}
	echo "$out"
	[ "$status" = 0 ] && grep -Eq '^[1-9][0-9]* passed, 0 failed$' <<<"$out"
}

# boots PROFILE STATUS TEXT [ARGS...]: PROFILE built and booted (`kiln run`, KVM under TCG,
# ARGS after --) ends with STATUS and prints a line holding TEXT.
boots() {
	local p=$1 want=$2 text=$3 out status
	shift 3
	local accel=()
	grep -q '"kvm-' "$p" && accel=(--accel tcg)
	mk "$KILN" || return 1
	"$KILN" build "$p" || return 1
	out=$(timeout 120 "$KILN" run --no-build "${accel[@]}" "$p" -- "$@" </dev/null 2>&1 | tr -d '\r')
	status=${PIPESTATUS[0]}
	echo "$out"
	echo "status $status, want $want; want a line with: $text"
	[ "$status" = "$want" ] && grep -qF -- "$text" <<<"$out"
}

# boots_initrd PROFILE DIR STATUS TEXT [ARGS...]: as boots, with kiln run --initrd DIR.
boots_initrd() {
	local p=$1 dir=$2 want=$3 text=$4 out status
	shift 4
	local accel=()
	grep -q '"kvm-' "$p" && accel=(--accel tcg)
	mk "$KILN" || return 1
	"$KILN" build "$p" || return 1
	out=$(timeout 120 "$KILN" run --no-build "${accel[@]}" --initrd "$dir" "$p" -- "$@" </dev/null 2>&1 | tr -d '\r')
	status=${PIPESTATUS[0]}
	echo "$out"
	echo "status $status, want $want; want a line with: $text"
	[ "$status" = "$want" ] && grep -qF -- "$text" <<<"$out"
}

# xen_image FOLDER: the Xen image of the test entry in FOLDER, built; prints the .elf's path.
# typed PROFILE TEXT INPUT: boots PROFILE (KVM) with the argument "read", types INPUT (printf
# escapes) once it says "read: ready", and wants status 0 and a line with TEXT. The guest
# reads the input and ends in a fraction of a second: one still running 5 s after the
# input was typed (input never read: a fault here) is stopped then, not at the 15 s bound.
typed() {
	local p=$1 text=$2 fifo=build/mutate-typed.in out=build/mutate-typed.out status i pid
	mk "$KILN" || return 1
	"$KILN" build "$p" || return 1
	rm -f "$fifo" && mkfifo "$fifo"
	timeout 15 "$KILN" run --no-build --accel tcg "$p" -- read <"$fifo" >"$out" 2>&1 &
	pid=$!
	exec 8>"$fifo"
	for i in $(seq 600); do
		grep -q 'read: ready' "$out" && break
		sleep 0.1
	done
	printf "$3" >&8 2>/dev/null
	exec 8>&-
	for i in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill "$pid" 2>/dev/null # timeout passes the signal on to kiln, which ends QEMU
	wait "$pid"
	status=$?
	tr -d '\r' <"$out"
	echo "status $status, want 0; want a line with: $text"
	[ "$status" = 0 ] && tr -d '\r' <"$out" | grep -qF -- "$text"
}

# xen_shared_cache: the emulated Xen's cache as it is (tests/mutate/run.sh links it) for the
# runners, which then ask apt nothing (tests/xen/fetch.sh takes seconds per call).
xen_shared_cache() {
	local v
	[ -z "${XEN_CACHE:-}" ] || return 0
	v=$(ls -d build/_xen/[0-9a-f]*/versions.txt 2>/dev/null | head -n1)
	[ -z "$v" ] || export XEN_CACHE=${v%/versions.txt}
}

xen_image() {
	local p name
	mk "$KILN" || return 1
	p=$(guest_profile "$1" xen-x86_64)
	"$KILN" build "$p" >&2 || return 1
	name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["name"])' "$1/lib.json")
	echo "build/$(basename "$p" .json | sed 's/^/mutate-/')/xen-x86_64/$name.xen-x86_64.elf"
}

# xen_quick FOLDER: the test entry boots as Xen's dom0 (tests/xen/run-quick.sh) and reports
# "N passed, 0 failed" and status 0.
xen_quick() {
	local elf r
	xen_shared_cache
	elf=$(xen_image "$1") || return 1
	r=$(XEN_LOG=build/mutate-quick.log tests/xen/run-quick.sh "$elf" </dev/null 2>&1)
	echo "$r"
	grep -q 'KILN-XEN: shutdown .*status=0' <<<"$r" &&
		grep -Eq '^[1-9][0-9]* passed, 0 failed$' <<<"$r"
}

# xen_real FOLDER: the test entry runs as a domU of a Linux dom0 (tests/xen/run-real.sh):
# its console, its status through xenstore, "N passed, 0 failed".
xen_real() {
	xen_real_image "$1" build/mutate-xen-real/one || return 1
	xen_real_boot build/mutate-xen-real/report build/mutate-xen-real/one || return 1
	xen_real_judge build/mutate-xen-real/report 1
}

# The real tier boots Linux as dom0 (over a minute under TCG) before any guest, so
# tests/mutate/run.sh does not boot it once per mutant: it builds the image of the unmutated
# tree and of each xen_real mutant (xen_real_image), boots them all as guests of one dom0
# (xen_real_boot), and judges each guest's part of the report (xen_real_judge).

# xen_real_image FOLDER DEST: the Xen image of the test entry in FOLDER built and kept as
# DEST.elf and DEST.cfg (a later build of the folder overwrites the build's own).
xen_real_image() {
	local elf
	elf=$(xen_image "$1") || return 1
	mkdir -p "$(dirname "$2")"
	cp "$elf" "$2.elf" && cp "${elf%.elf}.cfg" "$2.cfg"
}

# xen_real_boot REPORT DEST...: every DEST.elf as a domU of one dom0 boot, in order, with
# run-real.sh's options in DEST.opts (one a line) when there is one (xen_httpd_image); the
# report in REPORT. A guest may take 45 s, one that serves a net test 240 s more.
xen_real_boot() {
	local out=$1 d guests=() opts nnet=0
	shift
	for d in "$@"; do
		opts=()
		[ ! -f "$d.opts" ] || { mapfile -t opts <"$d.opts" && nnet=$((nnet + 1)); }
		guests+=("${opts[@]}" "$d.elf" "$d.cfg")
	done
	xen_shared_cache
	XEN_TIMEOUT=$((100 + 45 * $# + 240 * nnet)) XEN_LOG=$out.serial.log tests/xen/run-real.sh \
		"${guests[@]}" </dev/null >"$out" 2>&1
	cat "$out"
}

# xen_report_guest REPORT N: guest N's lines of the report, of its last run (dom0 reruns a
# guest after a triple fault).
xen_report_guest() {
	awk -v g="$(printf 'KILN-XEN: guest %02d ' "$2")" '
		index($0, g) == 1 { on = 1; buf = "" }
		on { buf = buf $0 "\n" }
		on && /^KILN-XEN: shutdown / { on = 0 }
		END { printf "%s", buf }' "$1"
}

# xen_real_judge REPORT N: guest N of the report powered off with status 0 and printed
# "N passed, 0 failed".
xen_real_judge() {
	local g
	g=$(xen_report_guest "$1" "$2")
	echo "$g"
	grep -q 'KILN-XEN: shutdown .*reason=poweroff.*status=0' <<<"$g" &&
		grep -Eq '^[1-9][0-9]* passed, 0 failed' <<<"$g"
}

# lua PART...: the named parts of tests/lua/run.sh (known errors xen prompt) all pass; the
# prompt's waits for the terminal at most 5 s each (LUA_PROMPT_WAIT: its answers take
# tenths of a second, so a prompt or an answer that never shows is seen in 5 s, not 10-60).
lua() {
	mk "$KILN" || return 1
	TAP_FAIL_FAST=1 LUA_PROMPT_WAIT=5 KILN=$KILN tests/lua/run.sh build/mutate-lua.result "$@"
}

# xen_httpd: examples/httpd/xen.json with its initrd as a domU behind netfront; dom0's curl
# (tests/xen/net/httpd.sh) must get the page byte for byte and 1,000 answers of 200. In
# make mutate its mutants join the xen_real batch (one dom0 boot for all): xen_httpd_image
# and xen_httpd_judge are its two halves.
xen_httpd() {
	xen_httpd_image build/mutate-xen-httpd/one || return 1
	xen_real_boot build/mutate-xen-httpd/report build/mutate-xen-httpd/one || return 1
	xen_httpd_judge build/mutate-xen-httpd/report 1
}

# xen_httpd_image DEST: httpd's Xen image built and kept as DEST.elf and DEST.cfg, its initrd
# (examples/httpd/initrd, packed as kiln packs a folder) as DEST.initrd, and run-real.sh's
# options for it in DEST.opts: the net test once it listens, at 10.0.9.2 on dom0's bridge.
xen_httpd_image() {
	local img=build/httpd-xen/xen-x86_64/httpd.xen-x86_64
	mk "$KILN" || return 1
	"$KILN" build examples/httpd/xen.json >&2 || return 1
	mkdir -p "$(dirname "$1")"
	cp "$img.elf" "$1.elf" && cp "$img.cfg" "$1.cfg" || return 1
	(cd examples/httpd/initrd && find . -mindepth 1 -printf '%P\n' | sort |
		cpio -o -H newc --quiet -R 0:0) >"$1.initrd" || return 1
	printf '%s\n' --expect "httpd: listening" --cmdline "ip=10.0.9.2/24 --" \
		--net-test tests/xen/net/httpd.sh --initrd "$1.initrd" >"$1.opts"
}

# xen_httpd_judge REPORT N: guest N of the report (xen_httpd_image's) served dom0's curl.
xen_httpd_judge() {
	local g sha
	g=$(xen_report_guest "$1" "$2")
	echo "$g"
	sha=$(sha256sum <examples/httpd/initrd/www/index.html | cut -d' ' -f1)
	grep -q "^KILN-XEN: net: first: status=200 .*sha256=$sha\$" <<<"$g" &&
		grep -q '^KILN-XEN: net: load: requests=1000 ok=1000 ' <<<"$g"
}
