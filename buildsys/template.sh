#!/usr/bin/env bash
# Fills a platform's run configuration template (e.g. plat/xen/run.cfg.in, the xl config)
# for one image: every @KEY@ becomes VALUE, escaped for use inside a double-quoted string
# (backslash and double quote get a backslash, a newline becomes \n, which xl's parser
# turns back), so no profile value can break out of its quotes or its line. A token left
# without a value is an error, naming the template's line.
#
# Two more forms, for values that land inside a list xl splits further (the vif line's
# comma-separated key=value pairs, where escaping cannot help):
#   @KEY|word@   the value must be one or more letters, digits, '.', '_', ':' or '-';
#                anything else is an error naming the line, the key and the value
#   @?KEY@ / @!KEY@ at the start of a line keep the line (without them) only when KEY has
#                a non-empty value / has none or an empty one; several must all hold.
#                A line dropped this way is not filled, so its tokens need no value.
#
#   buildsys/template.sh TEMPLATE OUT VARS [KEY=VALUE]...
#
# VARS is a file of KEY=VALUE records each ended by a NUL byte (kiln's run.vars), so that a
# value may hold any byte but NUL, newlines included; the KEY=VALUE words come after it.
# OUT is replaced only when its content changes, and never left half-written.
set -euo pipefail

die() { echo "kiln: $*" >&2; exit 1; }
[ $# -ge 3 ] || die "usage: buildsys/template.sh TEMPLATE OUT VARS [KEY=VALUE]..."
tpl=$1 out=$2 vars=$3
shift 3
[ -f "$tpl" ] || die "$tpl: no such template"
[ -f "$vars" ] || die "$vars: no such file"

# Values are escaped here, then travel to awk in the environment (KILN_T_<n>), which no
# quoting layer touches.
keys=()
n=0
records=()
while IFS= read -r -d '' kv; do records+=("$kv"); done <"$vars"
for kv in "${records[@]}" "$@"; do
	case $kv in *=*) ;; *) die "template.sh: '$kv' is not KEY=VALUE" ;; esac
	keys+=("${kv%%=*}")
	v=${kv#*=}
	v=${v//\\/\\\\}
	v=${v//\"/\\\"}
	v=${v//$'\n'/\\n}
	export "KILN_T_$n=$v"
	n=$((n + 1))
done

tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
KILN_T_KEYS="${keys[*]:-}" awk -v tpl="$tpl" '
	BEGIN {
		nk = split(ENVIRON["KILN_T_KEYS"], k, " ")
		for (i = 1; i <= nk; i++)
			val[k[i]] = ENVIRON["KILN_T_" (i - 1)]
	}
	function set(key) { return (key in val) && val[key] != "" }
	{
		line = $0
		keep = 1
		while (match(line, /^@[?!][A-Za-z_][A-Za-z0-9_]*@/)) {
			key = substr(line, 3, RLENGTH - 3)
			if (set(key) != (substr(line, 2, 1) == "?"))
				keep = 0
			line = substr(line, RLENGTH + 1)
		}
		if (!keep)
			next
		res = ""
		while (match(line, /@[A-Za-z_][A-Za-z0-9_]*(\|word)?@/)) {
			key = substr(line, RSTART + 1, RLENGTH - 2)
			word = sub(/\|word$/, "", key)
			if (!(key in val)) {
				printf "%s:%d:%d: no value for @%s@\n", tpl, NR, RSTART, key > "/dev/stderr"
				exit 1
			}
			if (word && val[key] !~ /^[A-Za-z0-9._:-]+$/) {
				printf "%s:%d:%d: @%s@ must be letters, digits, dots, underscores, colons or dashes, not \"%s\"\n",
					tpl, NR, RSTART, key, val[key] > "/dev/stderr"
				exit 1
			}
			res = res substr(line, 1, RSTART - 1) val[key]
			line = substr(line, RSTART + RLENGTH)
		}
		print res line
	}' "$tpl" >"$tmp"
cmp -s "$tmp" "$out" 2>/dev/null || mv -f "$tmp" "$out"
