#!/usr/bin/env bash
# The kiln command line under hostile input (issue 10), one block per class: inputs that
# are no regular file or too big, output folders holding the user's files, strings that
# cannot reach a target, args that would vanish, paths with spaces and non-ASCII letters,
# -j on every subcommand, a locked build folder.
# Usage: tests/host/cli_hostile.sh KILN_BINARY   (run from the repository root)
set -u
# shellcheck source=tests/host/cli_lib.sh
source tests/host/cli_lib.sh
cli_setup hostile "$1"
# a command still running after 3 s is killed (an old kiln read /dev/zero forever, growing fast)
CHECK_KILL_AFTER=3

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

# --- outputs: kiln removes only what its manifest lists; a folder of the user's is refused --
out=$tmp/out-manifest
check "resolve into a new folder" 0 "$kiln" resolve -o "$out" "$hello"
has_file() { if [ -f "$1" ]; then ok "$2"; else bad "$2"; fi; }
has_file "$out/.kiln-manifest" "the output folder holds kiln's manifest"
if grep -qx 'config/hello.h' "$out/.kiln-manifest"; then ok "the manifest lists config/hello.h"; else bad "the manifest lists config/hello.h"; fi
echo '/* mine */' >"$out/notes.h"
echo 'mine' >"$out/README.txt"
check "resolve again beside the user's files at the top" 0 "$kiln" resolve -o "$out" "$hello"
has_file "$out/notes.h" "a user's .h beside the outputs survives"
has_file "$out/README.txt" "a user's file beside the outputs survives"
echo '/* mine */' >"$out/config/mine.h"
check "a user's file in config/ is refused" 1 "$kiln" resolve -o "$out" "$hello"
has err "$out/config/mine.h: kiln did not write this file" "the refusal names the user's file"
one_line "config/ stranger: one line"
has_file "$out/config/mine.h" "the user's file in config/ survives"
rm "$out/config/mine.h"
# A library no longer on: its header, listed in the manifest, goes; nothing else does.
sed 's/"libraries": {}/"libraries": { "net": true }/; s/"app": "hello"/"app": "netapp"/' "$hello" >"$tmp/root/examples/hello/net.json"
check "a profile with more libraries" 0 "$kiln" resolve -o "$out" "$tmp/root/examples/hello/net.json"
has_file "$out/config/net.h" "net.h written"
check "back to the first profile" 0 "$kiln" resolve -o "$out" "$hello"
if [ ! -e "$out/config/net.h" ]; then ok "the stale header kiln wrote is removed"; else bad "the stale header kiln wrote is removed"; fi
mkdir -p "$tmp/mine/config" && echo keep >"$tmp/mine/config/x.h" && echo keep >"$tmp/mine/a.txt"
check "a folder of the user's without a manifest is refused" 1 "$kiln" resolve -o "$tmp/mine" "$hello"
has err "$tmp/mine: holds " "the refusal names the folder"
has_file "$tmp/mine/config/x.h" "nothing of the user's folder is removed"
# Refused before anything is written: no lock file, no owner file in the user's folder.
if [ "$(ls -A "$tmp/mine" | tr '\n' ' ')" = "a.txt config " ]; then ok "nothing is written into a refused folder"; else
	echo "    # it holds: $(ls -A "$tmp/mine" | tr '\n' ' ')"
	bad "nothing is written into a refused folder"
fi
mkdir -p "$tmp/empty"
check "an empty folder is fine" 0 "$kiln" resolve -o "$tmp/empty" "$hello"

# --- a locked build folder: a second writer waits with a message, then writes ----------------
lockdir=$tmp/out-lock
mkdir -p "$lockdir"
flock "$lockdir/.kiln-lock" sleep 1.5 &
holder=$!
sleep 0.3
t0=$(date +%s%N)
check "resolve into a locked folder waits, then succeeds" 0 "$kiln" resolve -o "$lockdir" "$hello"
t1=$(date +%s%N)
has err "another kiln is writing this build folder; waiting for it" "the wait is said"
if [ $(((t1 - t0) / 1000000)) -ge 700 ]; then ok "it waited for the lock"; else bad "it waited for the lock ($(((t1 - t0) / 1000000)) ms)"; fi
wait "$holder"

# --- args are delivered or refused; KILN_ROOT is checked -------------------------------------
# The test catalog has no argparse: a profile's args could reach no app, so it is refused.
sed 's/"options": {} }/"options": {}, "args": ["one", "two words"] }/' "$hello" >"$tmp/root/examples/hello/args.json"
check "a profile with args and no argparse is refused" 1 "$kiln" resolve -o "$tmp/out-args" "$tmp/root/examples/hello/args.json"
has err "args: 2 arguments given, but library argparse (which hands them to the app) is not in the catalog" "the refusal says why"
one_line "args refused: one line"
if [ ! -e "$tmp/out-args/config.h" ]; then ok "a refused profile writes nothing"; else bad "a refused profile writes nothing"; fi
# Delivered: build/<name>/run.vars (what a run template such as Xen's xl config reads) holds
# the args as one command line, each blank, quote, backslash and newline escaped, never raw.
python3 -c 'import json, sys; json.dump({"kiln_profile": 1, "catalog": 1, "name": "hostile-runvars",
  "app": "helloworld", "targets": ["linuxu-x86_64"], "libraries": {}, "options": {},
  "args": ["l1\nl2", "a b", "q\"\\"]}, open(sys.argv[1], "w"))' "$tmp/runvars.json"
check "args with a newline resolve (the kiln tree's catalog)" 0 env KILN_ROOT="$top" "$kiln" resolve -o "$tmp/out-runvars" "$tmp/runvars.json"
if python3 -c 'import sys; recs = open(sys.argv[1], "rb").read().split(b"\0")
sys.exit(0 if b"ARGS=l1\\\nl2 a\\ b q\\\"\\\\" in recs else 1)' "$tmp/out-runvars/run.vars" 2>"$tmp/err"; then
	ok "run.vars carries the args escaped, the newline too"
else
	tr '\0' '\n' <"$tmp/out-runvars/run.vars" | grep -A1 '^ARGS=' >"$tmp/err"
	bad "run.vars carries the args escaped, the newline too"
fi
check "KILN_ROOT at a folder that is no kiln tree" 1 env KILN_ROOT="$tmp/mine" "$kiln" resolve "$hello"
has err "KILN_ROOT=$tmp/mine: not a kiln tree" "the error names KILN_ROOT"
check "KILN_ROOT at nothing" 1 env KILN_ROOT="$tmp/nothing-here" "$kiln" list
has err "KILN_ROOT=$tmp/nothing-here: No such file" "the error says it is missing"

# --- -j: -jN and -j N work, bad values exit 2 saying what -j takes (then the usage line) ---
for j in -jabc "-j abc" -j0 "-j -1" -j1025 "-j 99999999999999999999" "-j 2x"; do
	# shellcheck disable=SC2086 # the words of $j are meant to split
	check "kiln build $j exits 2" 2 "$kiln" build $j "$hello"
	has err "expected a number of jobs from 1 to 1024" "kiln build $j: says what -j takes"
done
for j in -j2 "-j 2" --jobs=2 "--jobs 2"; do
	# shellcheck disable=SC2086
	check "kiln run $j parses (the tree check comes next)" 1 "$kiln" run $j --dry-run "$hello"
	has err "not a whole kiln tree" "kiln run $j: went past the parser"
done

# --- paths with spaces and non-ASCII letters: -o, -L, the profile ------------------------------
sp="$tmp/a folder é ü"
mkdir -p "$sp"
cp -r tests/host/data/oot "$sp/apps ö"
cp -r tests/host/data/extra "$sp/libs ä"
check "resolve -o into a folder with a space" 0 "$kiln" resolve -o "$sp/out put" "$hello"
has_file "$sp/out put/config.h" "the outputs are in the folder with a space"
cfgdir=$(sed -n 's/^KILN_CONFIG_DIR := //p' "$sp/out put/config.mk")
case $cfgdir in *' '*) bad "config.mk names no path with a space ($cfgdir)" ;; *) ok "config.mk names no path with a space" ;; esac
if [ "$(cd "$tmp/root" && realpath "$cfgdir")" = "$(realpath "$sp/out put")" ]; then ok "Make's name for it leads to it"; else bad "Make's name for it leads to it ($cfgdir)"; fi
check "an app and a library in folders with spaces and non-ASCII letters" 0 \
	"$kiln" resolve -L "$sp/libs ä" -o "$tmp/out-sp" "$sp/apps ö/myapp.json"
if grep -q '^KILN_LIBS := console myapp outside$' "$tmp/out-sp/config.mk" &&
	! sed -n 's/^KILN_LIB_.*_DIR := //p' "$tmp/out-sp/config.mk" | grep -q ' '; then
	ok "their libraries are in config.mk, named without spaces"
else
	bad "their libraries are in config.mk, named without spaces"
fi
mkdir -p "$tmp/ö-only"
check "a non-ASCII -o folder needs no link" 0 "$kiln" resolve -o "$tmp/ö-only/out" "$hello"
if grep -q "^KILN_CONFIG_DIR := $tmp/ö-only/out\$" "$tmp/ö-only/out/config.mk"; then ok "it is named as it is"; else bad "it is named as it is"; fi

echo "cli: $pass passed, $fail failed"
[ -n "${KEEP:-}" ] || rm -rf "$tmp"
[ "$fail" -eq 0 ]
