# shellcheck shell=bash
# Sourced by tests/guest/run.sh: the verdict of a guest test means something only if a
# failing assertion turns it into a failure. tests/guest/data/failing is a test entry kept
# outside the catalog's folders (so `make test` does not count it as a test to pass): it
# must show in `kiln list --all` when its folder is given, stay out of `kiln list`, and,
# booted, report its failure with file:line, "1 passed, 1 failed" and exit status 1.

FAILING_DIR=tests/guest/data/failing

failing_listed() {
	local all plain
	all=$("$KILN" list --all -L tests/guest/data 2>&1)
	plain=$("$KILN" list -L tests/guest/data 2>&1)
	if grep -qE '^  guest-failing-test +A test that fails on purpose  test$' <<<"$all" &&
		! grep -q guest-failing-test <<<"$plain"; then
		pass "failing test: kiln list --all shows it as a test, kiln list does not"
	else
		fail "failing test: kiln list --all shows it as a test, kiln list does not" "--all:
$all
plain:
$plain"
	fi
}

failing_boots() {
	local p status out=$LOG/guest-failing-test-kvm.txt
	p=$(profile guest-failing-test "$FAILING_DIR" kvm kvm-x86_64)
	build_one guest-failing-test kvm "$p" || return
	timeout 120 "$KILN" run --no-build --accel tcg "$p" </dev/null 2>"$LOG/guest-failing-test-kvm.err" |
		tr -d '\r' >"$out"
	status=${PIPESTATUS[0]}
	judge "failing test: reports 1 failed and exits 1" "$status" "$out" 1 1 1
	if grep -qxE 'FAIL failing\.does_not_hold .*tests/guest/data/failing/src/failing\.c:17: 2 \+ 2 == 5: got 4 \(0x4\), want 5' "$out"; then
		pass "failing test: one FAIL line with file:line, got and want"
	else
		fail "failing test: one FAIL line with file:line, got and want" "$(cat "$out")"
	fi
	if grep -qxE 'FAIL failing\.does_not_hold .*failing\.c:18: "kiln": got "kiln", want "klin"' "$out" &&
		[ "$(grep -c '^FAIL' "$out")" -eq 2 ]; then
		pass "failing test: the case goes on after a failed assertion"
	else
		fail "failing test: the case goes on after a failed assertion" "$(cat "$out")"
	fi
}

failing_listed
failing_boots
