#!/usr/bin/env bash
# Targets are data: no host code (catalog/, cli/, tui/, buildsys/) names a platform or an
# architecture of the catalog. The names come from the platform libraries' lib.json files
# ("platform" and the keys of "arch"); every one is looked for, as a whole word and in any
# case, in the host sources outside comments. Prints each hit as file:line and exits 1
# when there is one.
#
#   tests/host/no_platform_names.sh [ROOT]
set -uo pipefail
root=${1:-.}
cd "$root" || exit 2

names=$(python3 - <<'PY'
import glob, json
seen = set()
for f in sorted(glob.glob("plat/*/lib.json")):
    d = json.load(open(f))
    if d.get("kind") == "platform":
        seen.add(d["platform"])
        seen.update(d.get("arch", {}).keys())
print("\n".join(sorted(seen)))
PY
) || exit 2
[ -n "$names" ] || { echo "no platform found under plat/" >&2; exit 2; }

if [ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$(pwd -P)" ]; then
	files=$(git ls-files -co --exclude-standard -- 'catalog/*.[ch]' 'cli/*.[ch]' 'tui/*.[ch]' \
		'buildsys/*.[ch]' 'buildsys/*.mk' 'buildsys/*.sh')
else # not a checkout of its own: every file there
	files=$(find catalog cli tui buildsys \( -name '*.[ch]' -o -name '*.mk' -o -name '*.sh' \) \
		2>/dev/null)
fi
hits=0
for f in $files; do
	# Comments (C block and line comments, Make and shell comments) may explain; code may not.
	out=$(sed -E 's#/\*.*\*/##g; s#//.*$##; s#^\s*(/\*|\*|\#).*##' "$f" |
		grep -nwiF -f <(printf '%s\n' "$names"))
	if [ -n "$out" ]; then
		sed "s|^|$f:|" <<<"$out"
		hits=1
	fi
done
[ $hits -eq 0 ] && echo "no host code names a platform or architecture ($(echo $names | tr ' ' ','))"
exit $hits
