#!/usr/bin/env bash
# `make mutate`: do the tests bite? Each mutant of tests/mutate/mutants.txt (one small,
# named fault in one line of host or guest code) is put alone into a scratch copy of the
# tree, and the narrowest check that should notice it is run there; the mutant must make
# that check fail ("killed"). A mutant that passes its check ("survived") shows a class of
# fault no test sees. Before any mutant, every mutant's original text must occur exactly
# once in its file (a refactor that moved it is an error here, not a silent pass), and every
# check named must pass on the unmutated copy (else a "kill" would mean nothing). A mutant
# whose check passes is tried once more (a check of threads or clocks may notice a fault
# in most runs only): killed then, it is named in a warning at the end.
#
# Time (make test must stay under 20 minutes): the mutants that name one check run one after
# another in one scratch copy, reusing its builds; such groups run in MUTATE_LANES (default
# 2) lanes at once, each lane a scratch copy of its own. The xen_real and xen_httpd mutants
# share one boot of the real tier's Linux dom0, each as a guest beside the unmutated tree's
# image.
#
#   tests/mutate/run.sh [RESULT_FILE] [NAME...]   (default build/test-results/mutate)
#
# Writes "KILLED SURVIVED+ERRORS" to RESULT_FILE, prints the kill ratio and the time; logs
# per mutant in build/mutate/. Exit 1 if any mutant survived or any error. The checks a
# mutant can name are the functions of tests/mutate/checks.sh.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
unset MAKEFLAGS MFLAGS MAKELEVEL # our own make calls, not a caller's jobserver
TOP=$PWD
RESULT=${1:-build/test-results/mutate}
shift $(($# > 0 ? 1 : 0))
ONLY=("$@")
LIST=tests/mutate/mutants.txt
LOG=$TOP/build/mutate
CHECK_TIMEOUT=${MUTATE_TIMEOUT:-600}
start=$(date +%s)
rm -rf "$LOG" && mkdir -p "$LOG" "$(dirname "$RESULT")"

# --- the list ----------------------------------------------------------------------------------
# Records are blocks of "key value" lines (mutant, file, from, to, test); '#' starts a comment
# line. NAMES[i], FILES[i], FROMS[i], TOS[i], TESTS[i]; an empty "to" deletes the snippet.
NAMES=() FILES=() FROMS=() TOS=() TESTS=()
errors=0
err() {
	echo "mutate: $*" >&2
	errors=$((errors + 1))
}
parse() {
	local n=0 line key val
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		[[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
		key=${line%%[[:space:]]*}
		val=${line#"$key"}
		val=${val#"${val%%[![:space:]]*}"}
		case $key in
		mutant) NAMES+=("$val") FILES+=("") FROMS+=("") TOS+=("") TESTS+=("") ;;
		file | from | to | test)
			if [ ${#NAMES[@]} -eq 0 ]; then
				err "$LIST:$n:1: \"$key\" before any \"mutant\""
				continue
			fi
			local i=$((${#NAMES[@]} - 1))
			case $key in
			file) FILES[i]=$val ;; from) FROMS[i]=$val ;; to) TOS[i]=$val ;;
			test) TESTS[i]=$val ;;
			esac
			;;
		*) err "$LIST:$n:1: unknown key \"$key\"" ;;
		esac
	done <"$LIST"
}

# occurrences FILE SNIPPET: how many times SNIPPET occurs in FILE.
# (No python per mutant: started 80 times on a loaded machine it took half a minute.)
occurrences() {
	local s r
	s=$(<"$1")
	r=${s//"$2"/}
	echo $(((${#s} - ${#r}) / ${#2}))
}

# apply FILE FROM TO: replaces the one occurrence of FROM.
apply() {
	python3 -c '
import sys
p, a, b = sys.argv[1:4]
s = open(p).read()
open(p, "w").write(s.replace(a, b, 1))' "$1" "$2" "$3"
}

# overlay_of FILE: true if FILE lies in a library's archive overlay (lib.json's "archive":
# {"overlay": ...}): the objects compiled from it go into the cache the lanes share (below),
# under a key that does not see the overlay's text, so no mutant may go there.
mapfile -t OVERLAYS < <(git ls-files -z '*lib.json' | python3 -c '
import json, os, sys
for p in sys.stdin.read().split("\0"):
    try:
        o = json.load(open(p)).get("archive", {}).get("overlay")
    except (OSError, ValueError, AttributeError):
        continue
    if o:
        print(os.path.normpath(os.path.join(os.path.dirname(p), o)) + "/")')
overlay_of() {
	local o
	for o in "${OVERLAYS[@]}"; do [[ $1 == "$o"* ]] && return 0; done
	return 1
}

parse
declare -A seen
for i in "${!NAMES[@]}"; do
	n=${NAMES[$i]} f=${FILES[$i]}
	[ -n "${seen[$n]:-}" ] && err "mutant $n: named twice"
	seen[$n]=1
	if [ -z "$f" ] || [ -z "${FROMS[$i]}" ] || [ -z "${TESTS[$i]}" ]; then
		err "mutant $n: needs file, from and test"
	elif [ ! -f "$f" ]; then
		err "mutant $n: $f: no such file"
	elif [ "${FROMS[$i]}" = "${TOS[$i]}" ]; then
		err "mutant $n: from and to are the same"
	elif overlay_of "$f"; then
		err "mutant $n: $f is in an archive's overlay: its objects would go into the shared build/_cache"
	else
		c=$(occurrences "$f" "${FROMS[$i]}")
		[ "$c" = 1 ] || err "mutant $n: $f: the original text occurs $c times, want once: ${FROMS[$i]}"
	fi
done
[ ${#NAMES[@]} -gt 0 ] || err "$LIST holds no mutant"

if [ "$errors" -ne 0 ]; then
	echo "mutate: $errors error(s) in $LIST, no mutant run"
	echo "0 $errors" >"$RESULT"
	exit 1
fi
selected=()
for i in "${!NAMES[@]}"; do
	if [ ${#ONLY[@]} -eq 0 ] || printf '%s\n' "${ONLY[@]}" | grep -qxF "${NAMES[$i]}"; then
		selected+=("$i")
	fi
done

# --- lanes and groups ------------------------------------------------------------------------------
# Mutants that name one check form a group; a group runs in one lane, each lane in a scratch
# copy of its own (a build folder is never shared by two lanes), MUTATE_LANES lanes at once.
# In a group the check first runs on the unmutated tree, then once per mutant, reusing the
# group's builds. The xen_real and xen_httpd mutants form one group that boots dom0 once
# (xen_batch): a dom0 boot per xen_httpd mutant cost as much as the guests of the batch.
LANES=${MUTATE_LANES:-2}
declare -A members
groups=()
for i in "${selected[@]}"; do
	g=${TESTS[$i]}
	[[ $g == xen_real\ * || $g == xen_httpd ]] && g=@xen_real
	[ -n "${members[$g]+x}" ] || groups+=("$g")
	members[$g]+="$i "
done

# weight GROUP: a rough cost in seconds per run of the check (n mutants and the baseline)
# on an idle machine, for balancing: a host test ~1, a boot ~3, a Xen quick-tier boot ~4,
# the net and Lua suites' rounds ~8, a dom0 boot (xen_httpd) ~40; the xen_real batch
# boots dom0 once and runs each mutant as a guest, ~20 s each (measured: 14 guests in
# 260-360 s). Weights once far off put a 2-minute group (lua prompt) late in the queue.
weight() {
	local n
	n=$(wc -w <<<"${members[$1]}")
	case $1 in
	@xen_real) echo $((40 + 20 * n)) ;;
	host\ *) echo $((n + 1)) ;;
	cli* | menu\ *) echo $((2 * n + 2)) ;;
	xen_quick\ *) echo $((4 * n + 4)) ;;
	lua\ * | net\ * | net_on\ *) echo $((8 * n + 8)) ;;
	*) echo $((3 * n + 3)) ;;
	esac
}
# The groups queue up heaviest first; each lane takes the next one as it becomes free, so
# a weight guessed wrong costs at most the last group's time, not a lane idle for minutes.
for g in "${groups[@]}"; do echo "$(weight "$g") $g"; done | sort -rn | cut -d' ' -f2- >"$LOG/queue"
echo 1 >"$LOG/queue.next"
# take: the queue's next line number (past its end when it is empty), taken under a lock.
take() {
	local fd n
	exec {fd}>>"$LOG/queue.lock"
	flock "$fd"
	n=$(<"$LOG/queue.next")
	echo $((n + 1)) >"$LOG/queue.next"
	exec {fd}>&-
	echo "$n"
}

# --- the scratch copies ----------------------------------------------------------------------------
SCRATCH=$(mktemp -d /tmp/mutate-XXXXXX)
lane_pids=()
trap 'rm -rf "$SCRATCH"' EXIT
trap '[ ${#lane_pids[@]} -eq 0 ] || kill "${lane_pids[@]}" 2>/dev/null; exit 130' INT TERM HUP
mkdir -p "$SCRATCH/0"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
	[ -e "$f" ] && printf '%s\0' "$f"
done | xargs -0 cp -a --parents -t "$SCRATCH/0"
mkdir -p "$SCRATCH/0/build"
# The emulated Xen's files (tests/xen/fetch.sh) are a cache, shared rather than fetched again.
[ -d build/_xen ] && ln -s "$TOP/build/_xen" "$SCRATCH/0/build/_xen"
# So are the compiled third-party archives (newlib, Lua: keyed by the compile line with the
# tree's own path taken out, written atomically; buildsys/README.md): a lane's first build
# links what the suites before compiled. Each lane has its own copy of the unpacked trees
# (their times kept, so the objects stay up to date): a mutant of buildsys/unpack.sh makes
# its lane unpack again, which must not pull a tree from under another lane's compiler.
mkdir -p build/_sources build/_cache
cp -a build/_sources "$SCRATCH/0/build/_sources"
ln -s "$TOP/build/_cache" "$SCRATCH/0/build/_cache"
for ((l = 1; l < LANES; l++)); do cp -a "$SCRATCH/0" "$SCRATCH/$l"; done

# run_check TREE LOGFILE COMMAND [SECONDS]: COMMAND (a line of checks.sh functions) in the
# scratch TREE, its standard input empty: a guest's console reading it (QEMU's -serial stdio)
# would eat the rest of the lane's list of groups, which run_lane reads from its standard
# input. The check runs in a session of its own: what it leaves running when it ends or is
# stopped (a hung guest under a `timeout` of the check's own, which puts it in a process
# group that run_check's timeout does not signal) is ended with it, rather than spinning on
# for minutes beside the next checks.
run_check() {
	local pid rc
	(cd "$1" && LOGF=$2 exec setsid -w timeout "${4:-$CHECK_TIMEOUT}" bash -c \
		'set -uo pipefail; source tests/mutate/checks.sh; eval "$1"' _ "$3") >"$2" 2>&1 </dev/null &
	pid=$!
	wait "$pid"
	rc=$?
	end_session "$pid"
	return "$rc"
}

# end_session SID: every process still in session SID (its leader, a run_check, has ended).
end_session() {
	local left
	left=$(ps -eo pid=,sid= | awk -v s="$1" '$2 == s && $1 != s { print $1 }')
	[ -z "$left" ] || kill $left 2>/dev/null
	return 0
}

# mutate TREE I / unmutate TREE I: mutant I in, and back to the original, newer than
# anything built from the mutant.
mutate() {
	cp -p "$1/${FILES[$2]}" "$1/.mutate-orig"
	apply "$1/${FILES[$2]}" "${FROMS[$2]}" "${TOS[$2]}"
}
unmutate() {
	cat "$1/.mutate-orig" >"$1/${FILES[$2]}" && touch "$1/${FILES[$2]}"
}

# A lane's verdicts go to its file, one a line: "killed I", "survived I", "error TEXT".
# verdict OUT I RESULT T0 [NOTE]: records and prints a mutant's verdict.
verdict() {
	local secs=$(($(date +%s) - $4))
	echo "$3 $2" >>"$1"
	if [ "$3" = killed ]; then
		printf '  killed   %-40s %4ds%s\n' "${NAMES[$2]}" "$secs" "${5:-}"
	else
		printf '  SURVIVED %-40s %4ds  %s: %s\n' "${NAMES[$2]}" "$secs" "${FILES[$2]}" \
			"${TESTS[$2]}"
	fi
}
lane_err() {
	echo "error $2" >>"$1"
	echo "mutate: $2" >&2
	[ -z "${3:-}" ] || tail -n 15 "$3" | sed 's/^/    | /' >&2
}

# run_group TREE OUT CHECK: the check on the unmutated tree, then against each mutant. A
# mutant's check may take as long as the unmutated run (which built everything from
# scratch) and half a minute more: a mutant that makes the guest or the server hang is
# killed by that, not by each of the check's own waits running out one after another (a
# net check took 235 s so).
run_group() {
	local tree=$1 out=$2 t=$3 i t0 base limit rc
	base=$LOG/baseline-$(tr -c 'a-zA-Z0-9_\n-' _ <<<"$t" | cut -c1-80).log
	t0=$(date +%s)
	if ! run_check "$tree" "$base" "$t"; then
		lane_err "$out" "the check \"$t\" fails on the unmutated tree (see $base):" "$base"
		return
	fi
	printf '  baseline %-40s %4ds\n' "$t" $(($(date +%s) - t0)) | cut -c1-120
	limit=$(($(date +%s) - t0 + 30))
	[ "$limit" -lt "$CHECK_TIMEOUT" ] || limit=$CHECK_TIMEOUT
	for i in ${members[$t]}; do
		mutate "$tree" "$i"
		t0=$(date +%s)
		run_check "$tree" "$LOG/${NAMES[$i]}.log" "$t" "$limit"
		rc=$?
		if [ "$rc" -eq 0 ]; then
			# Once more: a check of threads, clocks or a guest's timing may notice a
			# fault in most runs only. Killed then, it is named at the end as such.
			run_check "$tree" "$LOG/${NAMES[$i]}.again.log" "$t" "$limit"
			rc=$?
			[ "$rc" -eq 0 ] || echo "$i" >>"$LOG/second-run-kills"
		fi
		if [ "$rc" -eq 0 ]; then
			verdict "$out" "$i" survived "$t0"
		elif [ -f "$LOG/${NAMES[$i]}.again.log" ]; then
			verdict "$out" "$i" killed "$t0" "  (on a second run: the first passed)"
		elif [ "$rc" -eq 124 ]; then
			verdict "$out" "$i" killed "$t0" "  (hung: stopped after ${limit}s)"
		else
			verdict "$out" "$i" killed "$t0"
		fi
		unmutate "$tree" "$i"
	done
}

# batch_image TEST DEST / batch_judge TEST: the checks.sh commands that build a batch guest's
# image for TEST (xen_real FOLDER or xen_httpd) as DEST, and that judge its part of the report.
batch_image() {
	case $1 in
	xen_httpd) echo "xen_httpd_image $2" ;;
	*) echo "xen_real_image ${1#xen_real } $2" ;;
	esac
}
batch_judge() {
	case $1 in
	xen_httpd) echo xen_httpd_judge ;;
	*) echo xen_real_judge ;;
	esac
}

# xen_batch TREE OUT: every xen_real and xen_httpd mutant's image and the unmutated tree's,
# booted as guests of one dom0 (checks.sh: xen_real_image, xen_httpd_image, xen_real_boot,
# xen_real_judge, xen_httpd_judge). A mutant whose image does not build is killed at once.
xen_batch() {
	local tree=$1 out=$2 i t k=0 d=build/mutate-xen-batch dests=() who=() t0 n nnet=0
	declare -A base_of
	for i in ${members[@xen_real]}; do
		t=${TESTS[$i]}
		if [ -z "${base_of[$t]+x}" ]; then
			k=$((k + 1))
			if run_check "$tree" "$LOG/baseline-xen-real-$k.log" "$(batch_image "$t" "$d/base-$k")"; then
				base_of[$t]=$k
				dests+=("$d/base-$k") who+=("base:$t")
				[ "$t" != xen_httpd ] || nnet=$((nnet + 1))
			else
				base_of[$t]=
				lane_err "$out" "the check \"$t\" fails on the unmutated tree (see $LOG/baseline-xen-real-$k.log):" \
					"$LOG/baseline-xen-real-$k.log"
			fi
		fi
		[ -n "${base_of[$t]}" ] || continue
		mutate "$tree" "$i"
		t0=$(date +%s)
		if run_check "$tree" "$LOG/${NAMES[$i]}.log" "$(batch_image "$t" "$d/${NAMES[$i]}")"; then
			dests+=("$d/${NAMES[$i]}") who+=("$i")
			[ "$t" != xen_httpd ] || nnet=$((nnet + 1))
		else
			verdict "$out" "$i" killed "$t0" "  (its image does not build)"
		fi
		unmutate "$tree" "$i"
	done
	[ ${#dests[@]} -gt 0 ] || return
	t0=$(date +%s)
	CHECK_TIMEOUT=$((CHECK_TIMEOUT + 60 * ${#dests[@]} + 240 * nnet)) \
		run_check "$tree" "$LOG/xen-real-boot.log" "xen_real_boot $d/report ${dests[*]}"
	for n in "${!who[@]}"; do
		i=${who[$n]}
		if [[ $i == base:* ]]; then
			run_check "$tree" "$LOG/baseline-xen-real-guest-$((n + 1)).log" \
				"$(batch_judge "${i#base:}") $d/report $((n + 1))" ||
				lane_err "$out" "the check \"${i#base:}\" fails on the unmutated tree (see $LOG/xen-real-boot.log):" \
					"$LOG/baseline-xen-real-guest-$((n + 1)).log"
		elif run_check "$tree" "$LOG/${NAMES[$i]}.log" "$(batch_judge "${TESTS[$i]}") $d/report $((n + 1))"; then
			verdict "$out" "$i" survived "$t0"
		else
			verdict "$out" "$i" killed "$t0" "  (one dom0 boot for all)"
		fi
	done
}

run_lane() {
	local tree=$SCRATCH/$1 out=$LOG/lane-$1.verdicts g n
	: >"$out"
	while n=$(take) && [ "$n" -le ${#groups[@]} ]; do
		g=$(sed -n "${n}p" "$LOG/queue")
		if [ "$g" = @xen_real ]; then xen_batch "$tree" "$out"; else run_group "$tree" "$out" "$g"; fi
	done
}

echo "mutate: ${#selected[@]} mutants, ${#groups[@]} checks, $LANES lanes"
for ((l = 0; l < LANES; l++)); do
	run_lane "$l" &
	lane_pids+=($!)
done
wait "${lane_pids[@]}"
lane_pids=()

killed=$(cat "$LOG"/lane-*.verdicts | grep -c '^killed ')
survived=$(cat "$LOG"/lane-*.verdicts | grep -c '^survived ')
errors=$(cat "$LOG"/lane-*.verdicts | grep -c '^error ')
total=${#selected[@]}
secs=$(($(date +%s) - start))
if [ "$errors" -ne 0 ]; then
	echo "mutate: $errors error(s), no verdict on the mutants"
elif [ $((killed + survived)) -ne "$total" ]; then
	echo "mutate: only $((killed + survived)) of $total mutants have a verdict"
	errors=1
else
	echo "mutate: $killed of $total mutants killed ($((total ? 100 * killed / total : 0))%)," \
		"$survived survived, in $((secs / 60))m$((secs % 60))s"
fi
# Mutants only a second run killed: their checks notice the fault in some runs only.
for i in $(cat "$LOG/second-run-kills" 2>/dev/null); do
	echo "mutate: warning: ${NAMES[$i]} was killed on a second run only (${TESTS[$i]})"
done
# The survivors again, last: a log cut to its tail still names them.
for i in $(cat "$LOG"/lane-*.verdicts | sed -n 's/^survived //p'); do
	echo "mutate: survived ${NAMES[$i]} (${FILES[$i]}: ${TESTS[$i]})"
done
echo "$killed $((survived + errors))" >"$RESULT"
[ "$errors" -eq 0 ] && [ "$survived" -eq 0 ] && [ "$total" -gt 0 ]
