# Sourced by tests/xen/test.sh and bench.sh: reading the runners' reports, and checks on
# them. A report is what run-quick.sh or run-real.sh printed (see tests/xen/README.md).
# Counting (pass, fail, write_result) is tests/tap.sh's, shared with the other suites.

# shellcheck source=tests/tap.sh
. "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"

# guest_report REPORT NN: the lines of guest NN in a real-tier report ("KILN-XEN: guest NN"
# up to its shutdown line; of its last run when dom0 ran it again after a triple fault). A
# quick-tier report is one guest: it is returned whole.
guest_report() {
	if grep -q '^KILN-XEN: guest ' <<<"$1"; then
		awk -v g="KILN-XEN: guest $2 " "$GUEST_LAST_RUN_AWK" <<<"$1"
	else
		printf '%s\n' "$1"
	fi
}

# The awk program behind guest_report: guest g's lines, of its last run.
GUEST_LAST_RUN_AWK='
	index($0, g) == 1 { on = 1; buf = "" }
	on { buf = buf $0 "\n" }
	on && /^KILN-XEN: shutdown / { on = 0 }
	END { printf "%s", buf }'

# console_of REPORT: the guest's console lines of a (one-guest) report.
console_of() {
	awk '/^KILN-XEN: console end/ { on = 0 } on { print } /^KILN-XEN: console begin/ { on = 1 }' \
		<<<"$1"
}

# field_of REPORT KEY: value of KEY= on the report's shutdown line (reason, status).
field_of() {
	sed -n "s/^KILN-XEN: shutdown .*\\b$2=\\([^ ]*\\).*/\\1/p" <<<"$1" | tail -n1
}

# check_console NAME REPORT TEXT: the guest's console has a line containing TEXT.
check_console() {
	if console_of "$2" | grep -qF -- "$3"; then
		pass "$1"
	else
		fail "$1" "no console line with '$3'; console was:
$(console_of "$2")"
	fi
}

# check_field NAME REPORT KEY WANT: the shutdown line says KEY=WANT.
check_field() {
	local got
	got=$(field_of "$2" "$3")
	if [ "$got" = "$4" ]; then
		pass "$1"
	else
		fail "$1" "$3=${got:-<missing>}, want $4; report tail:
$(tail -n 8 <<<"$2")"
	fi
}
