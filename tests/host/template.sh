#!/usr/bin/env bash
# buildsys/template.sh, the filler of run configurations (the xl config), on its own: every
# value escaped for double quotes, @KEY|word@ refusing anything but a plain word (xl splits
# a vif line at commas and '=', where no quoting helps), @?KEY@/@!KEY@ line conditions,
# and a missing value named with file:line:col.
# Usage: tests/host/template.sh [IGNORED]   (run from the repository root)
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kiln-template-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; sed 's/^/    # /' "$tmp/err" "$tmp/out" 2>/dev/null | head -8; }

# fill DESC WANT_RC VARS... : TEMPLATE on stdin, VARS as NUL-ended records; output in out.
fill() {
	local desc=$1 want=$2 v
	shift 2
	cat >"$tmp/tpl"
	: >"$tmp/vars"
	for v in "$@"; do printf '%s\0' "$v" >>"$tmp/vars"; done
	rm -f "$tmp/out"
	buildsys/template.sh "$tmp/tpl" "$tmp/out" "$tmp/vars" 2>"$tmp/err"
	if [ $? -eq "$want" ]; then ok "$desc"; else bad "$desc (exit, want $want)"; fi
}
same() { if [ "$(cat "$tmp/$2" 2>/dev/null)" = "$3" ]; then ok "$1"; else bad "$1"; fi; }

fill "a value with quotes and a newline fills" 0 'A=say "hi"
there' <<<'x = "@A@"'
same "it stays inside its quotes and its line" out 'x = "say \"hi\"\nthere"'

fill "a word fills @KEY|word@" 0 'B=xenbr0' 'M=00:16:3e:0a:0b:0c' \
	<<<'vif = [ "bridge=@B|word@,mac=@M|word@" ]'
same "the vif line holds both words" out 'vif = [ "bridge=xenbr0,mac=00:16:3e:0a:0b:0c" ]'
for evil in 'br0,script=/tmp/x' 'br0 x' 'br=0' 'br"0' '' 'br/0'; do
	fill "@KEY|word@ refuses '$evil'" 1 "B=$evil" <<<'vif = [ "bridge=@B|word@" ]'
	if grep -q '^.*tpl:1:[0-9]*: @B@ must be letters' "$tmp/err" && [ ! -e "$tmp/out" ]; then
		ok "  and names the line and the key, writing nothing"
	else
		bad "  and names the line and the key, writing nothing"
	fi
done

fill "line conditions fill" 0 'SET=y' 'EMPTY=' <<'T'
@?SET@kept
@!SET@dropped
@?EMPTY@dropped too
@!EMPTY@kept too
@!MISSING@@?SET@kept with two
@?MISSING@dropped @NOVALUE@
T
same "only the lines whose conditions hold are kept, without them" out 'kept
kept too
kept with two'

fill "a token without a value fails" 1 'A=1' <<<'a @A@ b @NOPE@'
if grep -q 'tpl:1:[0-9]*: no value for @NOPE@' "$tmp/err"; then ok "  naming file:line:col"; else bad "  naming file:line:col"; fi

echo "cli: $pass passed, $fail failed (template.sh)"
[ "$fail" -eq 0 ]
