#!/usr/bin/env bash
# The README's figures cannot drift: its table is what tests/bench/readme_figures.py makes
# of the recorded bench run (tests/bench/figures.log), another system's figure sits only in
# the "quoted" column with its source, and a new bench run replaces the figures it measured.
#   tests/host/figures.sh         (prints "cli: P passed, F failed" like cli.sh)
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; }
check() { if "${@:2}" >"$tmp/out" 2>&1; then ok "$1"; else sed 's/^/    # /' "$tmp/out"; bad "$1"; fi; }
fig=tests/bench/readme_figures.py

check "README.md's figure table is the recorded bench run's" python3 $fig --check

# A README and a record of our own, then a bench run of two sections.
printf '# x\n\n<!-- figures: made by tests/bench/readme_figures.py from tests/bench/figures.log -->\nold\n<!-- figures: end -->\n\ntail\n' >"$tmp/README.md"
cat >"$tmp/figures.log" <<'EOF'
bench-linuxu: helloworld as a Linux process, 20 runs per figure
  start -> greeting                     400.0 [180.0-1900.0] us
EOF
cat >"$tmp/run.log" <<'EOF'
make[1]: Entering directory '/x'
bench-image: helloworld, 15 boots per figure
  image size, stripped                  25344 bytes                     quoted 241,376 bytes  goal < 65,536
  quoted: Unikraft 0.17 helloworld, measured in an earlier round
menu start-up (process start to first screen, 80x24, 10 runs): median 9.5 ms, min 9.0 ms, max 11.0 ms
EOF
export FIGURES_RECORD=$tmp/figures.log FIGURES_README=$tmp/README.md
check "--record merges a run into the record and rewrites the block" python3 $fig --record "$tmp/run.log"
check "the README it wrote passes --check" python3 $fig --check
grep -qxF '| `bench-image` | image size, stripped (helloworld) | 25344 bytes | < 65,536 | 241,376 bytes |' \
	"$tmp/README.md" && ok "a quoted figure sits in the quoted column, apart from the measured one" ||
	bad "a quoted figure sits in the quoted column, apart from the measured one"
grep -qF 'Quoted in `bench-image`: Unikraft 0.17 helloworld, measured in an earlier round' \
	"$tmp/README.md" && ok "a quoted figure names its source" || bad "a quoted figure names its source"
grep -qF '400.0 [180.0-1900.0] us' "$tmp/README.md" && ok "sections the run did not measure stay" ||
	bad "sections the run did not measure stay"
grep -q 'old\|make\[1\]' "$tmp/README.md" && bad "the old block and make's chatter are gone" ||
	ok "the old block and make's chatter are gone"
[ "$(tail -1 "$tmp/README.md")" = tail ] && ok "text after the block is kept" || bad "text after the block is kept"
sed -i 's/25344 bytes/25000 bytes/' "$tmp/README.md"
if python3 $fig --check >/dev/null 2>&1; then bad "a figure typed by hand fails --check"; else
	ok "a figure typed by hand fails --check"; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
