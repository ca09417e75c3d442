#!/usr/bin/env bash
# The kiln command line under hostile input (issue 10), one block per class: inputs that
# are no regular file or too big, output folders holding the user's files, strings that
# cannot reach a target, args that would vanish, paths with spaces and non-ASCII letters,
# -j on every subcommand, a locked build folder.
# Usage: tests/host/cli_hostile.sh KILN_BINARY   (run from the repository root)
set -u
kiln=$(realpath "$1")
top=$PWD
mkdir -p "$top/build/host/tmp"
tmp=$(mktemp -d "$top/build/host/tmp/hostile-XXXXXX")
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; [ -f "$tmp/err" ] && sed 's/^/    # /' "$tmp/err" | head -20; }
# check DESC EXPECTED_RC CMD...: runs CMD (stdout to $tmp/out, stderr to $tmp/err)
check() {
	local desc=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$desc"; else echo "    # exit $rc, wanted $want"; bad "$desc"; fi
}
has() { if grep -qF -- "$2" "$tmp/$1"; then ok "$3"; else echo "    # no '$2' in $1"; bad "$3"; fi; }
# one_line DESC: stderr is exactly one line
one_line() { if [ "$(wc -l <"$tmp/err")" -eq 1 ]; then ok "$1"; else bad "$1"; fi; }

cp -r tests/host/data/basic "$tmp/root"
export KILN_ROOT="$tmp/root"
unset KILN_LIBPATH KILN_PROFILE
hello=$tmp/root/examples/hello/kvm.json

# --- inputs: regular files of at most 4 MiB, else one line naming the file, at once -------
mkfifo "$tmp/fifo"
truncate -s 100M "$tmp/big.json"
ln -s /dev/zero "$tmp/zero-link"
mkdir "$tmp/folder.json"
# quick DESC MS CMD...: CMD ends within MS milliseconds (a hang is killed after 5 s)
quick() {
	local desc=$1 ms=$2 t0 t1
	shift 2
	t0=$(date +%s%N)
	timeout 5 "$@" >"$tmp/out" 2>"$tmp/err"
	t1=$(date +%s%N)
	if [ $(((t1 - t0) / 1000000)) -le "$ms" ]; then ok "$desc"; else bad "$desc ($(((t1 - t0) / 1000000)) ms)"; fi
}
for p in /dev/zero "$tmp/fifo" "$tmp/folder.json" "$tmp/zero-link" "$tmp/big.json"; do
	check "profile $p is refused" 1 "$kiln" resolve "$p"
	has err "kiln: cannot read profile $p: " "the error names profile $p"
	one_line "profile $p: one line"
	quick "profile $p: refused within a second" 1000 "$kiln" resolve "$p"
done
has err "larger than 4 MiB" "a big profile is refused for its size"
check "kiln build of a FIFO profile is refused" 1 "$kiln" build "$tmp/fifo"
quick "kiln build of a FIFO profile: within a second" 1000 "$kiln" build "$tmp/fifo"
# A lib.json that is no regular file is an error naming it, not a library that vanishes.
for kind in fifo folder zero big; do
	d=$tmp/libs-$kind/ringlog
	mkdir -p "$d"
	case $kind in
	fifo) mkfifo "$d/lib.json" ;;
	folder) mkdir "$d/lib.json" ;;
	zero) ln -s /dev/zero "$d/lib.json" ;;
	big) truncate -s 100M "$d/lib.json" ;;
	esac
	check "lib.json as $kind is refused" 1 "$kiln" resolve -L "$tmp/libs-$kind" "$hello"
	has err "ringlog/lib.json: cannot read: " "lib.json as $kind: the error names it"
	one_line "lib.json as $kind: one line"
	quick "lib.json as $kind: within a second" 1000 "$kiln" resolve -L "$tmp/libs-$kind" "$hello"
done

echo "cli: $pass passed, $fail failed"
rm -rf "$tmp"
[ "$fail" -eq 0 ]
