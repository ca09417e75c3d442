#!/usr/bin/env bash
# `make mutate`: do the tests bite? Each mutant of tests/mutate/mutants.txt (one small,
# named fault in one line of host or guest code) is put alone into a scratch copy of the
# tree, and the narrowest check that should notice it is run there; the mutant must make
# that check fail ("killed"). A mutant that passes its check ("survived") shows a class of
# fault no test sees. Before any mutant, every mutant's original text must occur exactly
# once in its file (a refactor that moved it is an error here, not a silent pass), and every
# check named must pass on the unmutated copy (else a "kill" would mean nothing).
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
occurrences() {
	python3 -c 'import sys; print(open(sys.argv[1]).read().count(sys.argv[2]))' "$1" "$2"
}

# apply FILE FROM TO: replaces the one occurrence of FROM.
apply() {
	python3 -c '
import sys
p, a, b = sys.argv[1:4]
s = open(p).read()
open(p, "w").write(s.replace(a, b, 1))' "$1" "$2" "$3"
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

# --- the scratch copy ------------------------------------------------------------------------------
SCRATCH=$(mktemp -d /tmp/mutate-XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
	[ -e "$f" ] && printf '%s\0' "$f"
done | xargs -0 cp -a --parents -t "$SCRATCH"
mkdir -p "$SCRATCH/build"
# The emulated Xen's files (tests/xen/fetch.sh) are a cache, shared rather than fetched again.
[ -d build/_xen ] && ln -s "$TOP/build/_xen" "$SCRATCH/build/_xen"

# run_check LOGFILE COMMAND: COMMAND (a line of checks.sh functions) in the scratch tree.
run_check() {
	(cd "$SCRATCH" && LOGF=$1 timeout "$CHECK_TIMEOUT" bash -c \
		'set -uo pipefail; source tests/mutate/checks.sh; eval "$1"' _ "$2") >"$1" 2>&1
}

# --- every check passes on the unmutated tree ----------------------------------------------------
declare -A base_ok
if [ "$errors" -eq 0 ]; then
	k=0
	for i in "${selected[@]}"; do
		t=${TESTS[$i]}
		[ -n "${base_ok[$t]:-}" ] && continue
		k=$((k + 1))
		if run_check "$LOG/baseline-$k.log" "$t"; then
			base_ok[$t]=1
		else
			base_ok[$t]=0
			err "the check \"$t\" fails on the unmutated tree (see $LOG/baseline-$k.log):"
			tail -n 15 "$LOG/baseline-$k.log" | sed 's/^/    | /' >&2
		fi
	done
fi

# --- one mutant at a time --------------------------------------------------------------------------
killed=0 survived=0
if [ "$errors" -eq 0 ]; then
	for i in "${selected[@]}"; do
		n=${NAMES[$i]} f=$SCRATCH/${FILES[$i]}
		cp -p "$f" "$SCRATCH/.mutate-orig"
		apply "$f" "${FROMS[$i]}" "${TOS[$i]}"
		t0=$(date +%s)
		if run_check "$LOG/$n.log" "${TESTS[$i]}"; then
			survived=$((survived + 1))
			printf '  SURVIVED %-40s %4ds  %s: %s\n' "$n" $(($(date +%s) - t0)) \
				"${FILES[$i]}" "${TESTS[$i]}"
		else
			killed=$((killed + 1))
			printf '  killed   %-40s %4ds\n' "$n" $(($(date +%s) - t0))
		fi
		# Back to the original, newer than anything built from the mutant.
		cat "$SCRATCH/.mutate-orig" >"$f" && touch "$f"
	done
fi

total=${#selected[@]}
secs=$(($(date +%s) - start))
if [ "$errors" -ne 0 ]; then
	echo "mutate: $errors error(s), no verdict on the mutants"
else
	echo "mutate: $killed of $total mutants killed ($((total ? 100 * killed / total : 0))%)," \
		"$survived survived, in $((secs / 60))m$((secs % 60))s"
fi
echo "$killed $((survived + errors))" >"$RESULT"
[ "$errors" -eq 0 ] && [ "$survived" -eq 0 ] && [ "$total" -gt 0 ]
