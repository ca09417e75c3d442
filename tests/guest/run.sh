#!/usr/bin/env bash
# `make test-guest`: every in-guest test entry (catalog kind "test", in a library's tests/
# folder) built and booted on every platform it supports, with no list to edit. The catalog
# says which tests and platforms exist (`kiln list --all --json`); this script knows how to
# boot each platform (a runner per platform below). A platform without a runner is reported
# as skipped, with the reason, never passed over in silence.
#
#   tests/guest/run.sh [RESULT_FILE]     (default build/test-results/test-guest)
#
# Per (test, platform): a profile build/test-guest/profiles/<test>-<platform>.json, a build,
# a boot; the guest must end with status 0 and the line "N passed, 0 failed" (N > 0, ktest's
# runner). Runners: kvm boots with `kiln run --accel tcg`; xen boots each test as Xen's
# PVH dom0 (tests/xen/run-quick.sh), and all xen tests as domUs in one boot of the real
# tier (tests/xen/run-real.sh: xenstore, plat/xen/run.sh's status), which starts once the
# xen images are built and runs beside every other boot (it is the longest). Last, a
# deliberately failing test (tests/guest/data/failing, outside the catalog) must report
# "1 passed, 1 failed" with its file:line and exit 1, or the runner's verdict means nothing.
# Writes "PASSED FAILED" to RESULT_FILE; logs in build/test-guest/. Exit 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
unset MAKEFLAGS MFLAGS MAKELEVEL # kiln's own make must not look for our caller's jobserver
TOP=$(pwd)
KILN=${KILN:-build/bin/kiln}
RESULT=${1:-build/test-results/test-guest}
LOG=build/test-guest
rm -rf "$LOG" && mkdir -p "$LOG/profiles" "$(dirname "$RESULT")"
# shellcheck source=tests/xen/check.sh
source tests/xen/check.sh # pass, fail, write_result; reading Xen runner reports

# --- what the catalog holds ------------------------------------------------------------------
# catalog_rows JSON: "test NAME FOLDER PLATFORMS..." (none: every platform) and
# "platform NAME TARGET RUNS" lines (RUNS: 1 when its lib.json says how its images run).
catalog_rows() {
	python3 -c '
import json, sys
for e in json.load(sys.stdin):
    if e["kind"] == "test":
        print("test", e["name"], e["folder"], *e["platforms"])
    elif e["kind"] == "platform" and e.get("platform"):
        for t in e["targets"]:
            print("platform", e["platform"], t, int(e.get("runs", False)))
'
}

# --- per platform: build and judge ------------------------------------------------------------
# profile TEST FOLDER PLATFORM TARGET: writes the profile, prints its path.
profile() {
	local dir=$2 p=$LOG/profiles/$1-$3.json
	[ "${dir:0:1}" = / ] || dir=$TOP/$dir
	printf '{ "kiln_profile": 1, "catalog": 1, "name": "test-guest-%s-%s", "app": "%s",\n  "targets": ["%s"] }\n' \
		"$1" "$3" "$dir" "$4" >"$p"
	echo "$p"
}

# judge NAME STATUS CONSOLE_FILE [WANT_PASSED_MIN WANT_FAILED WANT_STATUS]: the guest ended
# with the status and its last "N passed, M failed" line says M failed and at least N passed.
judge() {
	local name=$1 status=$2 out=$3 min=${4:-1} want_failed=${5:-0} want_status=${6:-0} line
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n1)
	if [ "$status" != "$want_status" ]; then
		fail "$name" "status $status, want $want_status; console:
$(tail -n 15 "$out")"
	elif [ -z "$line" ]; then
		fail "$name" "no \"N passed, M failed\" line; console:
$(tail -n 15 "$out")"
	elif [ "${line#* passed, }" != "$want_failed failed" ] || [ "${line%% *}" -lt "$min" ]; then
		fail "$name" "\"$line\", want at least $min passed and $want_failed failed; console:
$(grep -E '^(FAIL|SKIP|ktest:)' "$out")"
	else
		pass "$name ($line)"
	fi
}

# build_one TEST PLATFORM PROFILE: one check; true when the image is there.
build_one() {
	if "$KILN" build "$3" >"$LOG/$1-$2.build.log" 2>&1; then
		pass "$1 on $2: build"
	else
		fail "$1 on $2: build" "$(tail -n 15 "$LOG/$1-$2.build.log")"
		return 1
	fi
}

# image TEST PLATFORM TARGET: the ELF kiln build left.
image() {
	echo "build/test-guest-$1-$2/$3/$1.$3.elf"
}

# --- runners: run_<platform> TEST TARGET PROFILE ------------------------------------------------
# Any platform whose lib.json says how its images run: kiln run, as a user would.
run_any() {
	local plat=${2%%-*}
	timeout 120 "$KILN" run --no-build -t "$2" "$3" </dev/null >"$LOG/$1-$plat.out" \
		2>"$LOG/$1-$plat.err"
	local status=$?
	tr -d '\r' <"$LOG/$1-$plat.out" >"$LOG/$1-$plat.txt"
	judge "$1 on $plat (kiln run)" "$status" "$LOG/$1-$plat.txt"
}

# KVM under TCG whatever the host offers; Xen in the emulated Xen of tests/xen, as dom0 and
# then as a domU.
run_kvm() {
	timeout 120 "$KILN" run --no-build --accel tcg "$3" </dev/null >"$LOG/$1-kvm.out" \
		2>"$LOG/$1-kvm.err"
	local status=$?
	tr -d '\r' <"$LOG/$1-kvm.out" >"$LOG/$1-kvm.txt"
	judge "$1 on kvm (TCG)" "$status" "$LOG/$1-kvm.txt"
}

XEN_REAL=() # image and xl config of every xen test, for one real-tier boot at the end
XEN_REAL_NAMES=()
run_xen() {
	local r
	r=$(tests/xen/run-quick.sh "$(image "$1" xen "$2")" </dev/null 2>&1)
	console_of "$r" >"$LOG/$1-xen-dom0.txt"
	judge "$1 on xen as dom0 (quick tier)" "$(field_of "$r" status)" "$LOG/$1-xen-dom0.txt"
}
# prebuild_xen TEST TARGET: the image is built before any other test runs and goes into
# the real tier's one boot, which then runs beside all the rest (it is the longest part).
prebuild_xen() {
	local elf
	# Xen's cache checked against Debian's archive once, not by every runner (fetch.sh asks
	# apt: seconds each time); qemu.sh's xen_cache takes XEN_CACHE as it is.
	if [ -z "${XEN_CACHE:-}" ]; then
		XEN_CACHE=$(tests/xen/fetch.sh build/_xen) && export XEN_CACHE
	fi
	elf=$(image "$1" xen "$2")
	XEN_REAL+=("$elf" "${elf%.elf}.cfg")
	XEN_REAL_NAMES+=("$1")
}

# check_field_rc NAME REPORT: plat/xen/run.sh (what `kiln run` uses on Xen) exited 0.
check_field_rc() {
	local rc
	rc=$(sed -n 's/^KILN-XEN: run exited rc=\([0-9]*\).*/\1/p' <<<"$2")
	if [ "$rc" = 0 ]; then pass "$1"; else fail "$1" "run.sh exited ${rc:-?}, want 0"; fi
}

# All xen tests as domUs of a Linux dom0, the way `kiln run` runs them on a Xen host:
# started in the background (xen_real_start) once every xen image is built, judged at the
# end (xen_real_tier).
XEN_REAL_PID=
xen_real_start() {
	[ ${#XEN_REAL[@]} -gt 0 ] || return 0
	# One boot for every test: about 25 s of Linux dom0 plus some 30 s of xl per guest under
	# TCG, so the budget grows with the tests (a fixed one ran out at six).
	XEN_TIMEOUT=${XEN_TIMEOUT:-$((60 + 45 * ${#XEN_REAL_NAMES[@]}))} \
		XEN_LOG=build/_xen/logs/guest-real.log tests/xen/run-real.sh "${XEN_REAL[@]}" \
		</dev/null >"$LOG/xen-real.report" 2>&1 &
	XEN_REAL_PID=$!
	trap '[ -z "$XEN_REAL_PID" ] || kill "$XEN_REAL_PID" 2>/dev/null' EXIT
}
xen_real_tier() {
	local r g i n rc
	[ -n "$XEN_REAL_PID" ] || return 0
	wait "$XEN_REAL_PID"
	rc=$?
	XEN_REAL_PID=
	if [ "$rc" = 0 ]; then
		r=$(<"$LOG/xen-real.report")
		pass "xen real tier: Xen and Linux dom0 boot, every test runs"
	else
		r=$(<"$LOG/xen-real.report")
		fail "xen real tier: Xen and Linux dom0 boot, every test runs" "$(tail -n 20 <<<"$r")"
	fi
	for i in "${!XEN_REAL_NAMES[@]}"; do
		n=${XEN_REAL_NAMES[$i]}
		printf -v g '%02d' $((i + 1))
		g=$(guest_report "$r" "$g")
		console_of "$g" >"$LOG/$n-xen-domu.txt"
		judge "$n on xen as domU (real tier, status via xenstore)" "$(field_of "$g" status)" \
			"$LOG/$n-xen-domu.txt"
		check_field "$n on xen as domU: the domain powers off" "$g" reason poweroff
		check_field_rc "$n on xen as domU: plat/xen/run.sh exits 0" "$g"
	done
}

# --- every test on every platform it supports -------------------------------------------------
rows=$("$KILN" list --all --json | catalog_rows) || { fail "kiln list --all --json" "$rows"; rows=; }
declare -A target_of runs
while read -r kind name target run; do
	[ "$kind" = platform ] && target_of[$name]=$target && runs[$name]=$run
done <<<"$rows"
ntests=0
cases=() # "TEST PLATFORM PROFILE RUNNER"
# The rows come on fd 3: a guest's console (QEMU's -serial stdio) would read stdin.
while read -r -u 3 kind name folder plats; do
	[ "$kind" = test ] || continue
	ntests=$((ntests + 1))
	[ -n "$plats" ] || plats="${!target_of[*]}"
	for plat in $(tr ' ' '\n' <<<"$plats" | sort); do
		if [ -z "${target_of[$plat]:-}" ]; then
			fail "$name on $plat" "the test names platform $plat, which the catalog lacks"
		elif ! declare -F "run_$plat" >/dev/null && [ "${runs[$plat]}" != 1 ]; then
			echo "skip - $name on $plat: platform $plat has no run description and" \
				"tests/guest/run.sh no runner for it"
		else
			runner=run_$plat
			declare -F "$runner" >/dev/null || runner=run_any
			cases+=("$name $plat $(profile "$name" "$folder" "$plat" "${target_of[$plat]}") $runner")
		fi
	done
done 3<<<"$rows"
# Platforms with a batch tier (prebuild_<platform>) build first and start it; then every
# other case is built, and every case booted, beside the batch tier.
declare -A built
for c in "${cases[@]}"; do
	read -r name plat p runner <<<"$c"
	if declare -F "prebuild_$plat" >/dev/null && build_one "$name" "$plat" "$p"; then
		built[$name-$plat]=1
		"prebuild_$plat" "$name" "${target_of[$plat]}"
	fi
done
xen_real_start
for c in "${cases[@]}"; do
	read -r name plat p runner <<<"$c"
	if [ -n "${built[$name-$plat]:-}" ]; then
		"$runner" "$name" "${target_of[$plat]}" "$p"
	elif ! declare -F "prebuild_$plat" >/dev/null; then
		build_one "$name" "$plat" "$p" && "$runner" "$name" "${target_of[$plat]}" "$p"
	fi
done
# one per tests/lib.json under kernel-libs/ and plat/: the catalog missed none
want=$(find kernel-libs plat -path '*/tests/lib.json' | wc -l)
check "every tests/lib.json is a test entry ($ntests of $want)" test "$ntests" -eq "$want" -a "$want" -gt 0

# --- a thread's stack overflow is caught ----------------------------------------------------
source tests/guest/overflow.sh

# --- a failing assertion fails the suite ------------------------------------------------------
source tests/guest/failing.sh

xen_real_tier

write_result "$RESULT"
[ "$FAILED" -eq 0 ]
