# The Make backend's promises, tested through `kiln build` (sourced by tests/boot/run.sh):
# a profile change recompiles only the sources that read the changed option (compiler invocations
# counted in V=1 output), an unchanged profile rebuilds nothing, two builds of one profile
# are byte-identical, progress lines look as documented, `kiln run --dry-run` prints the
# QEMU command with the chosen accelerator, and `make run` builds and boots.

# A profile named test-boot-rebuild with the given options (JSON members), in $LOG.
rebuild_profile() {
	cat >"$LOG/rebuild.json" <<JSON
{ "kiln_profile": 1, "catalog": 1, "name": "test-boot-rebuild", "app": "helloworld",
  "targets": ["kvm-x86_64"], "options": { $1 } }
JSON
}

# rebuild_case NAME OPTIONS WANT_CC WANT_LD: rebuilds with OPTIONS, counts compiles and links.
rebuild_case() {
	local name=$1 cc ld
	rebuild_profile "$2"
	if ! "$KILN" build -v "$LOG/rebuild.json" >"$LOG/$name.log" 2>&1; then
		fail "$name" "kiln build failed (see $LOG/$name.log)"
		return
	fi
	cc=$(grep -cE '^buildsys/compile.sh( [^ ]+){4} gcc .* -c ' "$LOG/$name.log")
	ld=$(grep -cE '^ld ' "$LOG/$name.log")
	if [ "$cc" -eq "$3" ] && [ "$ld" -eq "$4" ]; then
		pass "$name"
	else
		fail "$name" "$cc compiles and $ld links, want $3 and $4 (see $LOG/$name.log)"
	fi
}

rm -rf build/test-boot-rebuild
rebuild_profile '"HELLOWORLD_COUNT": 1'
build "$LOG/rebuild.json" rebuild-first
grep -qE '^\[ *1/[0-9]+\] CC    [a-z]' "$LOG/rebuild-first.log" &&
	grep -qE '^\[ *[0-9]+/[0-9]+\] CC    kernel-libs/printk/src/printk.c$' "$LOG/rebuild-first.log"
check progress-lines test $? -eq 0
n=$(grep -cE '^\[ *[0-9]+/[0-9]+\] ' "$LOG/rebuild-first.log")
check progress-total grep -qE "^\[ *$n/$n\] STRIP " "$LOG/rebuild-first.log"
rebuild_case rebuild-nothing '"HELLOWORLD_COUNT": 1' 0 0
rebuild_case rebuild-app-option '"HELLOWORLD_COUNT": 3' 1 1
boot rebuild-app-option-boots --accel tcg "$LOG/rebuild.json"
check rebuild-app-option-boots test "$(grep -cxF "$GREETING" "$LOG/$last.txt")" -eq 3
# Only printk.c reads PRINTK_LEVEL: the other sources of printk (and every library that sees
# printk's options) stay as they are (buildsys/compile.sh, per-symbol dependencies).
rebuild_case rebuild-printk-option '"HELLOWORLD_COUNT": 3, "PRINTK_LEVEL": "warn"' 1 1
rebuild_case rebuild-console-option \
	'"HELLOWORLD_COUNT": 3, "PRINTK_LEVEL": "warn", "CONSOLE_BUFFER": 0' 1 1

# Two clean builds of one profile, and a build of the same choices under another name.
repro_hash() {
	sha256sum build/test-boot-repro/kvm-x86_64/helloworld.kvm-x86_64.elf{,.dbg} | cut -d' ' -f1
}
sed 's/"name": "helloworld-kvm"/"name": "test-boot-repro"/' "$HELLO" >"$LOG/repro.json"
rm -rf build/test-boot-repro
build "$LOG/repro.json" repro-first
first=$(repro_hash)
rm -rf build/test-boot-repro
build "$LOG/repro.json" repro-second
check repro-identical test -n "$first" -a "$first" = "$(repro_hash)"
check repro-same-as-default cmp -s build/test-boot-repro/kvm-x86_64/helloworld.kvm-x86_64.elf \
	build/helloworld-kvm/kvm-x86_64/helloworld.kvm-x86_64.elf

# --dry-run: the command kiln would run, with the accelerator auto picks.
"$KILN" run --dry-run --machine pc -m 32M "$HELLO" -- a >/dev/null 2>"$LOG/dry-run.err"
want_accel=tcg
if kvm_opens && [ ! -e /sys/module/kvm_pvm ]; then want_accel=kvm; fi
check dry-run-command grep -qE "^kiln: run: qemu-system-x86_64 -M pc -accel $want_accel -m 32M .*-device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel /[^ ]*/build/helloworld-kvm/kvm-x86_64/helloworld.kvm-x86_64.elf .*-append '-- a'$" "$LOG/dry-run.err"

# The README's first command, with arguments and a status.
timeout 120 make --no-print-directory run ARGS="hi exit=5" >"$LOG/make-run.out" 2>"$LOG/make-run.err"
status=$?
last=make-run
tr -d '\r' <"$LOG/make-run.out" >"$LOG/make-run.txt"
# A status the app chose is no failure of make: make ends 0 and says the app's status.
expect make-run 0 "$GREETING" "arg 1: hi" "make run: the app exited with status 5"
check make-run-no-make-error bash -c "! grep -q 'Error' '$LOG/make-run.err'"
