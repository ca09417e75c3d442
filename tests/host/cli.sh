#!/usr/bin/env bash
# The kiln command line, end to end: exit codes, help, what resolve writes (and that it
# writes nothing on a conflict or a broken catalog), mtimes kept, why/list/show, the real
# catalog, and the JSON Schemas against every lib.json.
# Usage: tests/host/cli.sh KILN_BINARY   (run from the repository root)
set -u
# shellcheck source=tests/host/cli_lib.sh
source tests/host/cli_lib.sh
cli_setup cli "$1"

# A private copy of the basic catalog: resolve writes build/<name>/ under the root.
cp -r tests/host/data/basic "$tmp/root"
export KILN_ROOT="$tmp/root"
unset KILN_LIBPATH KILN_PROFILE
cat >"$tmp/conflict.json" <<'JSON'
{ "kiln_profile": 1, "catalog": 1, "name": "clash", "app": "netapp", "targets": ["kvm-x86_64"],
  "libraries": { "exclusive": true } }
JSON
cat >"$tmp/typo.json" <<'JSON'
{ "kiln_profile": 1, "catalog": 1, "app": "hello", "targets": ["kvm-x86_64"],
  "options": { "PRINTK_LEVL": "debug" } }
JSON

check "no command is a usage error" 2 "$kiln"
check "kiln --help" 0 "$kiln" --help
has out "resolve" "help lists the commands"
check "unknown command is a usage error" 2 "$kiln" frobnicate
for c in list show resolve why why-not check; do check "kiln $c --help" 0 "$kiln" $c --help; done
check "kiln menu --help" 0 "$kiln" menu --help
has out "usage: kiln menu [-L DIR]... [PROFILE]" "menu --help gives the usage"
check "kiln menu with two profiles is a usage error" 2 "$kiln" menu a.json b.json
# A kiln with no kiln-menu beside it says how to build one, and opens nothing.
mkdir -p "$tmp/lonely" && cp "$kiln" "$tmp/lonely/kiln"
check "kiln menu without kiln-menu exits 1" 1 "$tmp/lonely/kiln" menu
has err "kiln: menu: build/bin/kiln-menu not found: run make menuconfig or make kiln-menu" \
	"kiln menu says how to build the menu"
check "resolve without a profile is a usage error" 2 "$kiln" resolve
check "resolve with a bad option is a usage error" 2 "$kiln" resolve -x "$tmp/root/examples/hello/kvm.json"

check "resolve writes the configuration" 0 "$kiln" resolve "$tmp/root/examples/hello/kvm.json"
for f in config.mk config.h config.json config/printk.h; do
	if [ -f "$tmp/root/build/hello-kvm/$f" ]; then ok "resolve wrote $f"; else bad "resolve wrote $f"; fi
done
has out "written to" "resolve says where it wrote"
before=$(stat -c %Y.%y "$tmp/root/build/hello-kvm/config.mk" "$tmp/root/build/hello-kvm/config.h")
sleep 1
check "resolve again" 0 "$kiln" resolve "$tmp/root/examples/hello/kvm.json"
after=$(stat -c %Y.%y "$tmp/root/build/hello-kvm/config.mk" "$tmp/root/build/hello-kvm/config.h")
if [ "$before" = "$after" ]; then ok "unchanged config.mk/config.h keep their mtime"; else bad "mtime kept"; fi

check "resolve -o DIR" 0 "$kiln" resolve "$tmp/root/examples/hello/kvm.json" -o "$tmp/elsewhere"
printf 'x\n' >"$tmp/a-file"
check "resolve into a folder that cannot be made exits 1" 1 "$kiln" resolve \
	"$tmp/root/examples/hello/kvm.json" -o "$tmp/a-file/under"
mkdir -p "$tmp/opt-is-a-file" && printf 'x\n' >"$tmp/opt-is-a-file/opt"
check "resolve where an option stamp cannot go exits 1" 1 "$kiln" resolve \
	"$tmp/root/examples/hello/kvm.json" -o "$tmp/opt-is-a-file"
if [ -f "$tmp/elsewhere/config.mk" ]; then ok "-o DIR is used"; else bad "-o DIR is used"; fi

check "conflicting decisions exit 1" 1 "$kiln" resolve "$tmp/conflict.json"
has err "these decisions cannot all hold" "the conflict is explained"
has err "app: netapp" "the conflict names the app"
has err "libraries.exclusive: true" "the conflict names the library decision"
has err "kernel-libs/exclusive/lib.json:2:37: exclusive conflicts with net, so net is off" "the conflict names the constraint"
if [ ! -e "$tmp/root/build/clash" ]; then ok "a conflict writes nothing"; else bad "a conflict writes nothing"; fi

check "an unknown option exits 1" 1 "$kiln" resolve "$tmp/typo.json" -o "$tmp/typo"
has err "did you mean PRINTK_LEVEL?" "the nearest option is suggested"
if [ ! -e "$tmp/typo" ]; then ok "a bad profile writes nothing"; else bad "a bad profile writes nothing"; fi

mkdir -p "$tmp/broken/b"
printf '{ "kiln_catalog": 1, "name": "b", "kind": "library", "depends": "nothing" }\n' >"$tmp/broken/b/lib.json"
check "a broken catalog exits 1" 1 "$kiln" resolve -L "$tmp/broken" "$tmp/root/examples/hello/kvm.json" -o "$tmp/broken-out"
has err "b/lib.json:1:" "the catalog error names file and position"
if [ ! -e "$tmp/broken-out" ]; then ok "a broken catalog writes nothing"; else bad "a broken catalog writes nothing"; fi
KILN_LIBPATH="$tmp/broken" check "KILN_LIBPATH is read" 1 "$kiln" list

# An app kept outside the tree, named by a path relative to its profile; its library
# comes from KILN_LIBPATH.
KILN_LIBPATH=$top/tests/host/data/extra check "an out-of-tree app resolves" 0 \
	"$kiln" resolve tests/host/data/oot/myapp.json -o "$tmp/oot"
has out "resolved myapp-myapp" "the out-of-tree app names the folder"
if grep -q "^KILN_LIB_myapp_SRCS := /.*/tests/host/data/oot/myapp/src/main.c$" "$tmp/oot/config.mk" &&
	grep -q "^KILN_LIBS := console myapp outside$" "$tmp/oot/config.mk"; then
	ok "out-of-tree folders appear with absolute paths"
else
	bad "out-of-tree folders appear with absolute paths"
fi

check "kiln why" 0 "$kiln" why -p "$tmp/root/examples/hello/kvm.json" printk
has out "printk is on:" "why states the value"
has out "   2  hello depends on printk, so printk is on  (examples/hello/lib.json:1:83; from 1)" "why names the constraint and its place"
has out "   1  you chose the app hello  ($tmp/root/examples/hello/kvm.json:1:57)" "why follows the chain to the decision"
has out "in short: you chose the app hello; hello depends on printk; so printk is on" "why sums the chain up"
check "kiln why --json" 0 "$kiln" why --json -p "$tmp/root/examples/hello/kvm.json" printk
cp "$tmp/out" "$tmp/json"
check "why --json is JSON with the chain" 0 /usr/bin/python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["name"] == "printk" and j["value"] == "on", j
s = j["steps"]
assert [x["kind"] for x in s] == ["decision", "implied"], s
assert s[1]["constraint"] == {"subject": "hello", "field": "depends", "expr": "printk",
    "file": "examples/hello/lib.json", "line": 1, "col": 83}, s[1]
assert s[1]["from"] == [0] and s[0]["profile"]["file"].endswith("kvm.json")
assert j["summary"].endswith("so printk is on")' "$tmp/json"
check "kiln why of an unknown name exits 1" 1 "$kiln" why -p "$tmp/root/examples/hello/kvm.json" prinkt
has err "did you mean printk?" "why suggests the nearest name"

check "kiln why-not" 0 "$kiln" why-not -p "$tmp/conflict.json" net
has out "net cannot be on:" "why-not states what is ruled out"
has out "exclusive conflicts with net, so net cannot be on  (kernel-libs/exclusive/lib.json:2:37; from 1)" "why-not ends at the constraint"
has out "minimal core: 1 of your decisions and 1 constraint exclude it" "why-not gives the minimal core"
has out "  1. forget libraries.exclusive: true (exclusive becomes off)" "why-not lists the smallest fix"
check "kiln why-not --json" 0 "$kiln" why-not --json -p "$tmp/conflict.json" net
cp "$tmp/out" "$tmp/json"
check "why-not --json has the core and the fixes" 0 /usr/bin/python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["possible"] is False
assert [d["name"] for d in j["core"]["decisions"]] == ["exclusive"], j["core"]
assert j["core"]["constraints"][0]["field"] == "conflicts"
assert j["fixes"][0]["changes"][0]["kind"] == "forget", j["fixes"]' "$tmp/json"
check "kiln why-not of a value nothing rules out" 0 "$kiln" why-not -p "$tmp/root/examples/hello/kvm.json" tracer
has out "nothing rules out tracer = on" "why-not says when nothing is in the way"

cp "$tmp/conflict.json" "$tmp/fixme.json"
check "kiln fix --dry-run" 0 "$kiln" fix --dry-run "$tmp/fixme.json" --enable net
has out '-    "exclusive": true' "fix shows the decision that goes"
has out '+    "net": true' "fix shows the wish"
if [ "$(grep -n -- '-    "exclusive": true' "$tmp/out" | cut -d: -f1)" -lt \
	"$(grep -n -- '+    "net": true' "$tmp/out" | cut -d: -f1)" ]; then
	ok "fix shows the old line before the new, as diff -u does"
else bad "fix shows the old line before the new, as diff -u does"; fi
if cmp -s "$tmp/conflict.json" "$tmp/fixme.json"; then ok "--dry-run writes nothing"; else bad "--dry-run writes nothing"; fi
check "kiln fix writes the profile" 0 "$kiln" fix "$tmp/fixme.json" --enable net
has out "kiln: wrote $tmp/fixme.json" "fix says what it wrote"
check "the fixed profile resolves" 0 "$kiln" resolve "$tmp/fixme.json" -o "$tmp/fixed"
if grep -q '"net": true' "$tmp/fixme.json" && ! grep -q exclusive "$tmp/fixme.json"; then ok "the fix is in the file"; else bad "the fix is in the file"; fi
check "kiln fix with a value the option does not have exits 1" 1 "$kiln" fix "$tmp/fixme.json" --set PRINTK_LEVEL=loud
check "kiln fix without a wish is a usage error" 2 "$kiln" fix "$tmp/fixme.json"
check "kiln fix --help" 0 "$kiln" fix --help

check "kiln list" 0 "$kiln" list
has out "Kernel/Debugging" "list shows categories"
check "kiln list -c Memory" 0 "$kiln" list -c Memory
if ! grep -q printk "$tmp/out" && grep -q alloc-tlsf "$tmp/out"; then ok "list -c filters"; else bad "list -c filters"; fi
check "kiln show a library" 0 "$kiln" show printk
has out "PRINTK_LEVEL" "show lists the options"
check "kiln show an option" 0 "$kiln" show PRINTK_COLOR
has out "default     true if PRINTK_TIMESTAMPS" "show gives conditional defaults"
check "kiln show an interface" 0 "$kiln" show allocator
check "kiln show of nothing exits 1" 1 "$kiln" show nothing

# The real catalog, from the repository root, when it is there.
unset KILN_ROOT
if [ -f examples/helloworld/kvm.json ]; then
	check "the real catalog resolves helloworld" 0 "$kiln" resolve examples/helloworld/kvm.json -o "$tmp/real"
	for f in config.mk config.h config.json; do
		if [ -f "$tmp/real/$f" ]; then ok "helloworld: $f"; else bad "helloworld: $f"; fi
	done
fi

# kiln genconfig: usage errors, an app that cannot resolve, and profiles that resolve.
check "kiln genconfig --help" 0 "$kiln" genconfig --help
has out "--random SEED" "genconfig --help names the modes"
check "genconfig without a mode is a usage error" 2 "$kiln" genconfig -o "$tmp/g.json"
check "genconfig with two modes is a usage error" 2 "$kiln" genconfig --all-yes --all-no -o "$tmp/g.json"
check "genconfig with a bad seed is a usage error" 2 "$kiln" genconfig --random x1 -o "$tmp/g.json"
check "genconfig with a bad name is a usage error" 2 "$kiln" genconfig --all-no --name "a b" -o "$tmp/g.json"
export KILN_ROOT="$tmp/root" # the basic catalog and its app hello
check "genconfig for an unknown app exits 1" 1 "$kiln" genconfig --all-yes --app nosuch -o "$tmp/g.json"
if [ -e "$tmp/g.json" ]; then bad "genconfig wrote nothing on failure"; else ok "genconfig wrote nothing on failure"; fi
for m in --all-yes --all-no "--random 7"; do
	# shellcheck disable=SC2086 # the mode and its seed are two words
	check "genconfig $m writes a profile" 0 "$kiln" genconfig $m --app hello --name gen -o "$tmp/g.json"
	check "genconfig $m: the profile resolves" 0 "$kiln" resolve "$tmp/g.json"
done
"$kiln" genconfig --random 7 --app hello --name gen -o "$tmp/g2.json" >/dev/null 2>&1
check "genconfig: the same seed writes the same bytes" 0 cmp "$tmp/g.json" "$tmp/g2.json"
unset KILN_ROOT

# kiln check: a catalog with a flaw, then the basic and the real catalog, which are clean.
mkdir -p "$tmp/flawed/ghost"
printf '{ "kiln_catalog": 1, "name": "ghost", "kind": "library", "conflicts": "true" }\n' >"$tmp/flawed/ghost/lib.json"
KILN_ROOT="$tmp/root" check "kiln check finds a flaw" 1 "$kiln" check -L "$tmp/flawed"
has out "ghost/lib.json:1:71: never-holds: ghost conflicts with true, which always holds" "check names the field"
KILN_ROOT="$tmp/root" check "kiln check --json" 1 "$kiln" check --json -L "$tmp/flawed"
cp "$tmp/out" "$tmp/json"
check "check --json lists the issue" 0 /usr/bin/python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert len(j) == 1 and j[0]["kind"] == "never-holds" and j[0]["at"]["field"] == "conflicts", j' "$tmp/json"
KILN_ROOT="$tmp/root" check "kiln check: the basic catalog is clean" 0 "$kiln" check
if [ -f examples/helloworld/kvm.json ]; then
	check "kiln check: the real catalog is clean" 0 "$kiln" check
	has out "kiln: check: 0 issues" "check reports a clean catalog"
fi

# The schemas accept every lib.json the loader accepts (real catalog and test data).
mapfile -t libs < <(find kernel-libs plat examples tests/host/data -name lib.json 2>/dev/null | sort)
check "lib.json files match catalog/lib.schema.json" 0 /usr/bin/python3 tests/host/schema_check.py lib "${libs[@]}"
mapfile -t profs < <(find examples tests/host/data -name '*.json' ! -name lib.json 2>/dev/null | sort)
check "profiles match catalog/profile.schema.json" 0 /usr/bin/python3 tests/host/schema_check.py profile "${profs[@]}"

# The real catalog's allocators: a library that frees memory (ALLOC_FREES) rules the region
# allocator out, and why-not says so in one chain; without it the region allocator is free.
if [ -f kernel-libs/alloc-region/lib.json ]; then
	mkdir -p "$tmp/freer/freer"
	printf '{ "kiln_catalog": 1, "name": "freer", "kind": "library", "selects": "ALLOC_FREES" }\n' \
		>"$tmp/freer/freer/lib.json"
	printf '{ "kiln_profile": 1, "catalog": 1, "app": "helloworld", "targets": ["linuxu-x86_64"],\n  "libraries": { "freer": true } }\n' \
		>"$tmp/freer.json"
	check "why-not alloc-region beside a library that frees" 0 "$kiln" why-not -L "$tmp/freer" \
		-p "$tmp/freer.json" alloc-region
	has out "freer selects ALLOC_FREES, so ALLOC_FREES is on" "why-not names the library that frees"
	has out "alloc-region conflicts with ALLOC_FREES, so alloc-region cannot be on  (kernel-libs/alloc-region/lib.json:" \
		"why-not ends at the region allocator's conflict"
	check "kiln why alloc-buddy beside a library that frees" 0 "$kiln" why -L "$tmp/freer" \
		-p "$tmp/freer.json" alloc-buddy
	has out "so alloc-buddy is on" "the buddy allocator is the one left"
	check "nothing rules out alloc-region in helloworld" 0 "$kiln" why-not \
		-p examples/helloworld/linuxu.json alloc-region
	has out "nothing rules out alloc-region = on" "the region allocator is free where nothing frees"
	# Preemption needs interrupts: sched-rr selects them, so a profile turning irq off while
	# asking for sched-rr is refused, and why-not gives the one chain.
	printf '{ "kiln_profile": 1, "catalog": 1, "app": "helloworld", "targets": ["linuxu-x86_64"],\n  "libraries": { "irq": false, "sched-rr": true } }\n' \
		>"$tmp/rr-noirq.json"
	check "sched-rr with irq off is refused" 1 "$kiln" resolve -o "$tmp/out-rr" "$tmp/rr-noirq.json"
	has err "sched-rr selects (sched && timer && irq), so these decisions cannot all hold" \
		"the refusal names sched-rr's need of interrupts"
	sed 's/, "sched-rr": true//' "$tmp/rr-noirq.json" >"$tmp/noirq.json"
	check "why-not sched-rr with irq off" 0 "$kiln" why-not -p "$tmp/noirq.json" sched-rr
	has out "in short: you turned irq off; sched-rr selects (sched && timer && irq); so sched-rr cannot be on" \
		"why-not: preemption without interrupts, in one chain"
	# Sleep needs a timer source and a scheduler.
	sed 's/"irq": false/"timer": false/' "$tmp/noirq.json" >"$tmp/notimer.json"
	check "why-not SCHED_SLEEP with timer off" 0 "$kiln" why-not -p "$tmp/notimer.json" SCHED_SLEEP
	has out "in short: you turned timer off; SCHED_SLEEP selects timer; so SCHED_SLEEP cannot be on" \
		"why-not: sleep without a timer source, in one chain"
	sed 's/"irq": false/"sched-coop": false, "sched-rr": false/' "$tmp/noirq.json" >"$tmp/nosched.json"
	check "why-not SCHED_SLEEP with no scheduler" 0 "$kiln" why-not -p "$tmp/nosched.json" SCHED_SLEEP
	has out "sched requires a provider of scheduler, so sched is off" "why-not: sleep without a scheduler"
	has out "  library of SCHED_SLEEP: sched  (kernel-libs/sched/lib.json:" \
		"the core names the option's library once (no \"option of of\")"
fi

# Targets are data: the host code names no platform or architecture of the catalog, and the
# check itself bites on a file that does.
check "host code names no platform or architecture" 0 tests/host/no_platform_names.sh
mkdir -p "$tmp/named/plat/p" "$tmp/named/cli"
printf '{ "kind": "platform", "platform": "rocket", "arch": { "risc_v": {} } }\n' \
	>"$tmp/named/plat/p/lib.json"
printf 'static const char *t = "ROCKET-risc_v"; /* rocket in a comment is fine */\n' \
	>"$tmp/named/cli/x.c"
check "the platform-name check finds a named platform" 1 bash -c \
	"cd '$tmp/named' && '$PWD/tests/host/no_platform_names.sh'"
has out "cli/x.c:1:" "the check names the file and line"

# Builds never collide: build/<name>/owner names the profile that wrote the folder; another
# profile of the same name is refused (naming the owner and the way out) until --force, or
# until the owner names another folder. A nameless profile of "app": "." gets a visible
# folder named after the app's folder.
export KILN_ROOT="$tmp/root"
mkdir -p "$tmp/own"
sed 's/"name": "hello-kvm"/"name": "shared"/' "$tmp/root/examples/hello/kvm.json" >"$tmp/own/a.json"
cp "$tmp/own/a.json" "$tmp/own/b.json"
check "the first profile takes its folder" 0 "$kiln" resolve "$tmp/own/a.json"
if [ "$(cat "$tmp/root/build/shared/owner")" = "$tmp/own/a.json" ]; then
	ok "the owner file holds the profile's absolute path"
else
	bad "the owner file holds the profile's absolute path"
fi
check "a second profile of the same name is refused" 1 "$kiln" resolve "$tmp/own/b.json"
has err "$tmp/root/build/shared/ belongs to $tmp/own/a.json" "the refusal names the folder and its owner"
has err "give this profile another \"name\", or take the folder over with --force" "the refusal says how to proceed"
check "the owner resolves again" 0 "$kiln" resolve "$tmp/own/a.json"
(cd "$tmp/own" && check "a relative path names the same owner" 0 "$kiln" resolve a.json)
check "--force takes the folder over" 0 "$kiln" resolve --force "$tmp/own/b.json"
check "then the first is refused" 1 "$kiln" resolve "$tmp/own/a.json"
sed -i 's/"name": "shared"/"name": "other"/' "$tmp/own/b.json"
check "an owner that names another folder lets go" 0 "$kiln" resolve "$tmp/own/a.json"
mkdir -p "$tmp/own/mything/src"
cp tests/host/data/oot/myapp/lib.json "$tmp/own/mything/"
cp tests/host/data/oot/myapp/src/* "$tmp/own/mything/src/"
printf '{ "kiln_profile": 1, "catalog": 1, "app": ".", "targets": ["kvm-x86_64"] }\n' \
	>"$tmp/own/mything/kvm.json"
KILN_LIBPATH=$top/tests/host/data/extra check "a nameless profile of app \".\" resolves" 0 \
	"$kiln" resolve "$tmp/own/mything/kvm.json"
has out "resolved mything-kvm" "its folder is named after the app's folder, not \".\""
if [ -d "$tmp/root/build/mything-kvm" ]; then ok "the folder is build/mything-kvm/"; else bad "the folder is build/mything-kvm/"; fi
KILN_LIBPATH=$top/tests/host/data/extra check "kiln why of an app given as \".\"" 0 \
	"$kiln" why -p "$tmp/own/mything/kvm.json" outside
has out "you chose the app myapp" "the reason names the app by its name, not \".\""
unset KILN_ROOT

# Per-symbol stamps (build/<name>/opt/CONFIG_*): a symbol no longer set is emptied, the
# others keep their value, when the same folder is resolved again.
export KILN_ROOT="$tmp/root"
printf '{ "kiln_profile": 1, "catalog": 1, "name": "stamps", "app": "hello", "targets": ["kvm-x86_64"], "libraries": { "printk": true }, "options": { "PRINTK_TIMESTAMPS": %s } }\n' \
	true >"$tmp/stamps.json"
printf '{ "kiln_profile": 1, "catalog": 1, "name": "stamps", "app": "hello", "targets": ["kvm-x86_64"], "libraries": { "printk": true }, "options": { "PRINTK_TIMESTAMPS": %s } }\n' \
	false >"$tmp/stamps-off.json"
check "a profile with PRINTK_TIMESTAMPS on resolves" 0 "$kiln" resolve -o "$tmp/stamps" "$tmp/stamps.json"
if [ "$(cat "$tmp/stamps/opt/CONFIG_PRINTK_TIMESTAMPS" 2>/dev/null)" = y ]; then ok "its stamp says y"; else bad "its stamp says y"; fi
mv "$tmp/stamps-off.json" "$tmp/stamps.json"
check "then with it off, into the same folder" 0 "$kiln" resolve -o "$tmp/stamps" "$tmp/stamps.json"
if [ -f "$tmp/stamps/opt/CONFIG_PRINTK_TIMESTAMPS" ] && [ ! -s "$tmp/stamps/opt/CONFIG_PRINTK_TIMESTAMPS" ]; then
	ok "a symbol no longer set has its stamp emptied"
else
	bad "a symbol no longer set has its stamp emptied"
fi
if [ "$(cat "$tmp/stamps/opt/CONFIG_LIBPRINTK" 2>/dev/null)" = y ]; then ok "a symbol still set keeps its stamp"; else bad "a symbol still set keeps its stamp"; fi
# opt/.kiln-sums spares reading each stamp back; a stamp removed since is written again,
# and a stamp whose value is unchanged keeps its mtime.
t0=$(stat -c %Y.%y "$tmp/stamps/opt/CONFIG_LIBPRINTK")
rm -f "$tmp/stamps/opt/CONFIG_LIBHELLO"
check "resolved again after a stamp was removed" 0 "$kiln" resolve -o "$tmp/stamps" "$tmp/stamps.json"
if [ "$(cat "$tmp/stamps/opt/CONFIG_LIBHELLO" 2>/dev/null)" = y ]; then ok "a removed stamp is written again"; else bad "a removed stamp is written again"; fi
if [ "$(stat -c %Y.%y "$tmp/stamps/opt/CONFIG_LIBPRINTK")" = "$t0" ]; then ok "an unchanged stamp keeps its mtime"; else bad "an unchanged stamp keeps its mtime"; fi
# The stamps' record vouches for them by their folder's mtime (its first line): a folder
# changed since (a stamp removed, or replaced through a rename) has every stamp compared.
"$kiln" resolve -o "$tmp/stamps" "$tmp/stamps.json" >/dev/null 2>&1
dir_ns=$(stat -c %.9Y "$tmp/stamps/opt" | tr -d .)
if [ "$(head -1 "$tmp/stamps/opt/.kiln-sums")" = "dir $dir_ns" ]; then ok "the stamps' record holds their folder's mtime"; else bad "the stamps' record holds their folder's mtime ($(head -1 "$tmp/stamps/opt/.kiln-sums") vs $dir_ns)"; fi
printf 'n' >"$tmp/stamps/opt/CONFIG_LIBHELLO.new" && mv "$tmp/stamps/opt/CONFIG_LIBHELLO.new" "$tmp/stamps/opt/CONFIG_LIBHELLO"
rm -f "$tmp/stamps/opt/CONFIG_LIBPRINTK"
check "resolved again after a stamp was replaced and one removed" 0 "$kiln" resolve -o "$tmp/stamps" "$tmp/stamps.json"
if [ "$(cat "$tmp/stamps/opt/CONFIG_LIBHELLO" 2>/dev/null)" = y ]; then ok "a stamp replaced since is written again"; else bad "a stamp replaced since is written again"; fi
if [ "$(cat "$tmp/stamps/opt/CONFIG_LIBPRINTK" 2>/dev/null)" = y ]; then ok "a stamp removed while others were trusted is written again"; else bad "a stamp removed while others were trusted is written again"; fi
# A kiln killed between writing NAME.tmpPID and renaming it leaves that file: the next
# resolve removes those of dead processes, and leaves a live process's alone.
sh -c 'exit 0' &
dead=$!
wait "$dead"
touch "$tmp/stamps/config/printk.h.tmp$dead" "$tmp/stamps/opt/CONFIG_LIBHELLO.tmp$dead" \
	"$tmp/stamps/config/hello.h.tmp$$"
check "resolved again beside temporary files of killed runs" 0 "$kiln" resolve -o "$tmp/stamps" "$tmp/stamps.json"
if [ ! -e "$tmp/stamps/config/printk.h.tmp$dead" ] && [ ! -e "$tmp/stamps/opt/CONFIG_LIBHELLO.tmp$dead" ]; then ok "a dead run's temporary files are removed"; else bad "a dead run's temporary files are removed"; fi
if [ -e "$tmp/stamps/config/hello.h.tmp$$" ]; then ok "a live process's temporary file stays"; else bad "a live process's temporary file stays"; fi
unset KILN_ROOT

rm -rf "$tmp"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
