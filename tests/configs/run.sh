#!/usr/bin/env bash
# Configurations as tests: for helloworld on kvm-x86_64 and xen-x86_64, the
# all-yes, all-no and seeded random profiles of `kiln genconfig` are generated, resolved
# and built; the KVM images boot under TCG and must greet HELLOWORLD_COUNT times and exit
# with HELLOWORLD_STATUS, as resolved. Xen images are only built (test-xen boots Xen).
#
#   tests/configs/run.sh [RESULT_FILE]   (default build/test-results/test-configs)
#
# Seeds are fixed so a failure repeats; KILN_CONFIG_SEEDS="1 2 3" explores others. Each
# failure names its seed and shows the profile. Profiles and logs: build/test-configs/.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
unset MAKEFLAGS MFLAGS MAKELEVEL # kiln's own make must not look for our caller's jobserver

KILN=${KILN:-build/bin/kiln}
RESULT=${1:-build/test-results/test-configs}
LOG=build/test-configs
SEEDS=${KILN_CONFIG_SEEDS:-"11 23 37 41 59"}
GREETING="Hello from kiln!"
rm -rf "$LOG" build/test-configs-* && mkdir -p "$LOG" "$(dirname "$RESULT")"
# shellcheck source=tests/tap.sh
source tests/tap.sh

# conf NAME KEY: the resolved value of CONFIG_KEY in NAME's config.mk (empty when unset).
conf() {
	sed -n "s/^CONFIG_$2 := //p" "build/test-configs-$1/config.mk"
}

# evidence NAME MODE: what a failure shows, the seed (mode) and the profile.
evidence() {
	echo "mode $2 (repeat: $KILN genconfig $2 --target $target -o $LOG/$1.json)"
	cat "$LOG/$1.json" 2>/dev/null
}

# step NAME MODE WHAT COMMAND...: one test, log in $LOG/NAME-WHAT.log.
step() {
	local name=$1 mode=$2 what=$3
	shift 3
	if "$@" >"$LOG/$name-$what.log" 2>&1; then
		pass "$name-$what"
		return 0
	fi
	fail "$name-$what" "$(evidence "$name" "$mode"; tail -5 "$LOG/$name-$what.log")"
	return 1
}

# image_end NAME: the highest address NAME's KVM image occupies (its LOAD segments' ends, bss
# included: a random LWIP_MEM_SIZE or VFS_FILES can make it tens of MiB), 0 when unknown.
image_end() {
	local elf=(build/test-configs-"$1"/*/*.elf) type va ms m=0
	[ -e "${elf[0]}" ] || { echo 0; return; }
	while read -r type _ va _ _ ms _; do
		[ "$type" = LOAD ] && [ $((va + ms)) -gt "$m" ] && m=$((va + ms))
	done < <(readelf -lW "${elf[0]}")
	echo "$m"
}

# boot NAME MODE: boots NAME's KVM image with 64 MiB above its end; checks the greetings
# and the status against the resolved options.
boot() {
	local name=$1 mode=$2 status count addr mem got
	status=$(conf "$name" HELLOWORLD_STATUS) count=$(conf "$name" HELLOWORLD_COUNT)
	addr=$(conf "$name" PLAT_KVM_LOAD_ADDR)
	addr=$(($(image_end "$name") > ${addr:-0} ? $(image_end "$name") : ${addr:-0}))
	mem=$(((addr >> 20) + 64))
	timeout 60 "$KILN" run --no-build --accel tcg -m "${mem}M" "$LOG/$name.json" \
		>"$LOG/$name-boot.out" 2>"$LOG/$name-boot.err"
	got=$?
	tr -d '\r' <"$LOG/$name-boot.out" >"$LOG/$name-boot.txt"
	greetings=$(grep -cxF "$GREETING" "$LOG/$name-boot.txt")
	if [ "$got" = "$status" ] && [ "$greetings" = "$count" ]; then
		pass "$name-boot"
	else
		fail "$name-boot" "$(evidence "$name" "$mode"
			echo "status $got (want $status), $greetings greetings (want $count) with -m ${mem}M"
			tail -n 5 "$LOG/$name-boot.txt" "$LOG/$name-boot.err")"
	fi
}

# config TARGET NAME MODE...: generate, resolve, build and (KVM) boot one configuration.
config() {
	local name=$2 mode
	target=$1
	shift 2
	mode="$*"
	step "$name" "$mode" generate "$KILN" genconfig "$@" --target "$target" \
		--name "test-configs-$name" -o "$LOG/$name.json" || return
	step "$name" "$mode" resolve "$KILN" resolve "$LOG/$name.json" || return
	# An image that outgrows a low load address, or the first GiB the boot page tables map,
	# is known only at link time; the link then refuses it naming the options to change.
	# That is a clear refusal, not a failure.
	if ! "$KILN" build "$LOG/$name.json" >"$LOG/$name-build.log" 2>&1; then
		if grep -q 'must end below 0xa0000.*lower PLAT_X86_STACK_SIZE or raise PLAT_KVM_LOAD_ADDR' \
			"$LOG/$name-build.log"; then
			pass "$name-build-refused-below-1MiB"
		elif grep -q 'must end below 1 GiB (the boot page tables map the first GiB): lower' \
			"$LOG/$name-build.log"; then
			pass "$name-build-refused-above-1GiB"
		else
			fail "$name-build" "$(evidence "$name" "$mode"; tail -5 "$LOG/$name-build.log")"
		fi
		return
	fi
	pass "$name-build"
	[ "$target" = kvm-x86_64 ] && boot "$name" "$mode"
}

for target in kvm-x86_64 xen-x86_64; do
	plat=${target%-x86_64}
	config "$target" "$plat-yes" --all-yes
	config "$target" "$plat-no" --all-no
	for seed in $SEEDS; do
		config "$target" "$plat-random-$seed" --random "$seed"
	done
done

# Ranges that meet: lwIP refuses to compile when its segments cannot hold one connection's
# send queue or its receive buffers one window, so each range's end must build against the
# other's (the seeds found both: TCP_SEGS 64 with a 32 KiB send buffer).
python3 - kernel-libs/lwip/lib.json >"$LOG/lwip-edges.json" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))["options"]
edge = {"LWIP_TCP_SEGS": "min", "LWIP_TCP_SND_BUF": "max", "LWIP_PBUF_POOL_SIZE": "min",
        "LWIP_TCP_WND": "max"}
print(json.dumps({"kiln_profile": 1, "catalog": 1, "name": "test-configs-lwip-edges",
                  "app": "helloworld", "targets": ["kvm-x86_64"], "libraries": {"lwip": True},
                  "options": {k: o[k][v] for k, v in edge.items()}}))
PY
if "$KILN" build "$LOG/lwip-edges.json" >"$LOG/lwip-edges-build.log" 2>&1; then
	pass "lwip-ranges-meet-build"
else
	fail "lwip-ranges-meet-build" "$(cat "$LOG/lwip-edges.json"; grep -m3 'error' "$LOG/lwip-edges-build.log")"
fi

# The same seed writes the same bytes, so a failure's profile can be made again.
seed=${SEEDS%% *}
"$KILN" genconfig --random "$seed" --name "test-configs-kvm-random-$seed" \
	-o "$LOG/again.json" >/dev/null 2>&1
check "random-$seed-repeats" cmp -s "$LOG/again.json" "$LOG/kvm-random-$seed.json"

write_result "$RESULT"
[ "$FAILED" -eq 0 ]
