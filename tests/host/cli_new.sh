#!/usr/bin/env bash
# `kiln new NAME [DIR]` against the real catalog: usage and name errors, an existing folder
# refused untouched, one profile per target that some platform says how to run (read from
# plat/*/lib.json here, and a platform added on KILN_LIBPATH gets its own, one per
# architecture), every profile resolving from another folder, and nothing left behind when
# the new app cannot resolve on some target. Booting the new app is tests/boot's.
# Usage: tests/host/cli_new.sh KILN_BINARY   (run from the repository root)
set -u
# shellcheck source=tests/host/cli_lib.sh
source tests/host/cli_lib.sh
cli_setup new "$1"
unset KILN_ROOT KILN_LIBPATH KILN_PROFILE

same() { if [ "$1" = "$2" ]; then ok "$3"; else echo "    # got '$1', want '$2'"; bad "$3"; fi; }

# The profiles kiln new should write: <platform>.json for every platform library with "run",
# <platform>-<arch>.json when it has several architectures.
want_profiles() {
	python3 - "$@" <<'PY'
import glob, json, sys
out = []
for d in ["plat"] + sys.argv[1:]:
    for f in glob.glob(d + "/*/lib.json"):
        j = json.load(open(f))
        if j.get("kind") != "platform" or "run" not in j:
            continue
        archs = sorted(j["arch"])
        out += [j["platform"] + ".json"] if len(archs) == 1 else \
               [j["platform"] + "-" + a + ".json" for a in archs]
print(" ".join(sorted(out)))
PY
}
got_profiles() { (cd "$1" && ls -- *.json | grep -vx lib.json | sort | tr '\n' ' ' | sed 's/ $//'); }

check "kiln new --help" 0 "$kiln" new --help
has out "usage: kiln new" "new --help gives the usage"
check "kiln --help lists new" 0 "$kiln" --help
has out "  new " "the command list has new"
check "new without NAME is a usage error" 2 "$kiln" new
check "new with three words is a usage error" 2 "$kiln" new a b c
check "new with an upper-case NAME is a usage error" 2 "$kiln" new Hello "$tmp"
has err "names match [a-z][a-z0-9_-]*" "a bad NAME is refused with the name rule"
check "new true is a usage error" 2 "$kiln" new true "$tmp"
has err "true and false are constants" "new true says why"
check "new with a catalog library's name exits 1" 1 "$kiln" new helloworld "$tmp"
has err "already a library of the catalog (examples/helloworld/lib.json)" "it names the library"
check "new into a missing folder exits 1" 1 "$kiln" new hello2 "$tmp/none"
has err "$tmp/none: no such folder" "it names the folder"

# The app, written from another folder; a profile per runnable platform.
mkdir -p "$tmp/apps"
check "kiln new hello2 DIR writes the app" 0 env -C "$tmp" "$kiln" new hello2 apps
has out "next: kiln run apps/hello2/" "new says what to run next"
for f in lib.json src/main.c README.md; do
	if [ -s "$tmp/apps/hello2/$f" ]; then ok "new wrote $f"; else bad "new wrote $f"; fi
done
same "$(got_profiles "$tmp/apps/hello2")" "$(want_profiles)" "one profile per runnable platform"
same "$(ls -A "$tmp/apps")" "hello2" "nothing but the app beside it"
for p in "$tmp"/apps/hello2/*.json; do
	[ "$(basename "$p")" = lib.json ] && continue
	b=$(basename "$p" .json)
	same "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["app"], j["name"])' "$p")" \
		". hello2-$b" "$b.json: app is the folder, name is hello2-$b"
	check "$b.json resolves from another folder" 0 env -C "$tmp" "$kiln" resolve -o "$tmp/r-$b" "apps/hello2/$b.json"
	has "r-$b/config.h" 'CONFIG_HELLO2_GREETING "Hello from hello2!"' "$b: the option reaches config.h"
done
check "new main.c uses the option" 0 grep -q 'CONFIG_HELLO2_GREETING' "$tmp/apps/hello2/src/main.c"

# An existing folder is refused and left as it was.
mkdir -p "$tmp/apps/taken" && echo keep >"$tmp/apps/taken/mine"
check "new onto an existing folder exits 1" 1 "$kiln" new taken "$tmp/apps"
has err "already exists: nothing written" "it says nothing was written"
same "$(ls -A "$tmp/apps/taken")" "mine" "the existing folder is untouched"
check "new onto the app it made exits 1" 1 "$kiln" new hello2 "$tmp/apps"

# A platform added on KILN_LIBPATH, with two architectures: a profile for each, no code change.
plats=$tmp/plats
mkdir -p "$plats"
cp -r plat/linuxu "$plats/rocket"
python3 - "$plats/rocket/lib.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["name"], j["platform"], j["platforms"], j["options"] = "plat-rocket", "rocket", ["rocket"], {}
j["arch"]["second"] = j["arch"]["x86_64"]
json.dump(j, open(sys.argv[1], "w"), indent=1)
PY
mkdir -p "$tmp/apps2"
check "new with a platform on KILN_LIBPATH" 0 env KILN_LIBPATH="$plats" "$kiln" new hello3 "$tmp/apps2"
same "$(got_profiles "$tmp/apps2/hello3")" "$(want_profiles "$plats")" \
	"the added platform gets a profile per architecture"
check "new -L gives the same" 0 "$kiln" new -L "$plats" hello4 "$tmp/apps2"
same "$(got_profiles "$tmp/apps2/hello4")" "$(want_profiles "$plats")" "-L is read as KILN_LIBPATH is"

# A platform the app cannot resolve on (it conflicts with what the app selects): nothing written.
python3 - "$plats/rocket/lib.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["conflicts"] = "argparse"
json.dump(j, open(sys.argv[1], "w"), indent=1)
PY
mkdir -p "$tmp/apps3"
check "new that cannot resolve on a target exits 1" 1 "$kiln" new -L "$plats" hello5 "$tmp/apps3"
has err "argparse" "the conflict is explained"
same "$(ls -A "$tmp/apps3")" "" "nothing half-written is left"

rm -rf "$tmp"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
