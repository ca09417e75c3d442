# Counting checks for the shell test suites (sourced by tests/boot/run.sh, tests/xen/test.sh
# and tests/xen/bench.sh). Output is TAP-like: "ok - NAME", or "not ok - NAME" followed by
# its evidence as "    # ..." lines. write_result writes the suite's "PASSED FAILED" line,
# which tests/report.sh sums.

PASSED=0
FAILED=0

# pass NAME
pass() {
	PASSED=$((PASSED + 1))
	echo "ok - $1"
}

# fail NAME [EVIDENCE]: EVIDENCE may span lines. With TAP_FAIL_FAST=1 (make mutate's checks,
# where one failure is the answer) the suite ends here, status 1, through its EXIT trap.
fail() {
	FAILED=$((FAILED + 1))
	echo "not ok - $1"
	[ -z "${2:-}" ] || sed 's/^/    # /' <<<"$2"
	[ "${TAP_FAIL_FAST:-0}" != 1 ] || exit 1
}

# check NAME COMMAND...: passes when the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "failed: $*"; fi
}

# write_result FILE: the suite's "PASSED FAILED" line, and the same as a sentence on stdout.
write_result() {
	mkdir -p "$(dirname "$1")"
	echo "$PASSED $FAILED" >"$1"
	echo "$PASSED passed, $FAILED failed"
}
