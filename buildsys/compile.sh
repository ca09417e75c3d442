#!/bin/sh
# Compiles one source of a library, then does two things the compiler cannot:
#
# 1. When a header is missing, it says which library is at fault: a library sees only the
#    headers of the libraries it brings in (buildsys/README.md), so a missing header almost
#    always means a missing depends, selects or requires in its lib.json.
# 2. It makes the object depend on the configuration symbols it reads, not on the whole
#    config header (the idea of Linux's fixdep): every CONFIG_ word in the source and the
#    headers it included becomes a prerequisite CFGDIR/opt/CONFIG_X, a file kiln rewrites
#    only when that symbol's value changes. A changed option then recompiles only the
#    sources that mention it, even though each library's config header holds the options
#    of every library it sees.
#
#   buildsys/compile.sh LIB LIB_JSON CFGDIR OBJECT COMPILER ARGS...
lib=$1 libjson=$2 cfgdir=$3 obj=$4
shift 4
err=$(mktemp) || exit 1
"$@" 2>"$err"
status=$?
cat "$err" >&2
if [ "$status" -ne 0 ]; then
	hdr=$(sed -n 's/.*fatal error: \(.*\): No such file or directory.*/\1/p' "$err" | head -n 1)
	if [ -n "$hdr" ]; then
		echo "kiln: library $lib cannot see $hdr: name the library that provides it in" \
			"$libjson (depends or selects, or its interface in requires)" >&2
	fi
	rm -f "$err"
	exit "$status"
fi
rm -f "$err"

dep=${obj%.o}.d
[ -f "$dep" ] || exit 0
# The prerequisites gcc wrote (the first rule of the .d, over continuation lines), less
# kiln's config headers, whose words are read through the symbol files instead.
files=$(awk '{ more = /\\$/; sub(/\\$/, ""); print; if (!more) exit }' "$dep" | sed 's/^[^:]*://' |
	tr ' ' '\n' | grep -v '^$' | grep -v "^$cfgdir/config")
syms=$(grep -ohE 'CONFIG_[A-Za-z0-9_]+' $files 2>/dev/null | sort -u)
mkdir -p "$cfgdir/opt"
{
	grep -v "^$cfgdir/config" "$dep" | sed "s# $cfgdir/config[^ ]*\.h##g"
	printf '%s:' "$obj"
	for s in $syms; do
		printf ' %s/opt/%s' "$cfgdir" "$s"
		# A symbol kiln does not set has no file yet: an empty one, older than any object.
		[ -e "$cfgdir/opt/$s" ] || { : >"$cfgdir/opt/$s" && touch -d @0 "$cfgdir/opt/$s"; }
	done
	printf '\n'
} >"$dep.new" && mv -f "$dep.new" "$dep"
