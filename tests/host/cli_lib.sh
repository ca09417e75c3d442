# The counting checks the command-line test scripts share (tests/host/cli*.sh): sourced
# after `set -u`, then `cli_setup NAME KILN_BINARY` sets kiln (absolute), top (the
# repository root, the current folder), tmp (a fresh folder under build/host/tmp/) and the
# counters. Each check prints "ok - DESC" or "not ok - DESC" with its evidence as "    # "
# lines; the script ends with `echo "cli: $pass passed, $fail failed"`.

# cli_setup NAME KILN_BINARY
cli_setup() {
	kiln=$(realpath "$2")
	top=$PWD
	mkdir -p "$top/build/host/tmp"
	tmp=$(mktemp -d "$top/build/host/tmp/$1-XXXXXX")
	pass=0 fail=0
}

ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; [ -f "$tmp/err" ] && sed 's/^/    # /' "$tmp/err" | head -20; }

# check DESC EXPECTED_RC CMD...: runs CMD (stdout to $tmp/out, stderr to $tmp/err); with
# CHECK_KILL_AFTER=N set, a CMD still running after N seconds is killed.
check() {
	local desc=$1 want=$2 rc
	shift 2
	if [ -n "${CHECK_KILL_AFTER:-}" ]; then
		timeout -s KILL "$CHECK_KILL_AFTER" "$@" >"$tmp/out" 2>"$tmp/err"
	else
		"$@" >"$tmp/out" 2>"$tmp/err"
	fi
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$desc"; else echo "    # exit $rc, wanted $want"; bad "$desc"; fi
}
# has FILE TEXT DESC / hasnt FILE TEXT DESC: FILE ($tmp/FILE) holds TEXT, or does not.
has() { if grep -qF -- "$2" "$tmp/$1"; then ok "$3"; else echo "    # no '$2' in $1"; bad "$3"; fi; }
hasnt() { if grep -qF -- "$2" "$tmp/$1"; then echo "    # '$2' in $1"; bad "$3"; else ok "$3"; fi; }
