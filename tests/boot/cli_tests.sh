# `kiln build` and `kiln run` as a newcomer meets them (sourced by tests/boot/run.sh): --help
# on each, QEMU missing, too little memory for the image, a profile named relative to another
# folder than the tree's root, and a library kept outside the tree (KILN_LIBPATH and -L)
# that an out-of-tree app needs.

# cli_status (tests/boot/lib.sh) checks a command's status and what it printed.

cli_status help-build 0 '^usage: kiln build ' "$KILN" build --help
cli_status help-run 0 '^  --accel ' "$KILN" run --help
cli_status usage-run-bad-machine 2 'offers no machine isapc \(it offers: microvm pc q35\)' "$KILN" run --machine isapc "$HELLO"
cli_status usage-run-bad-accel 2 'offers no accelerator hvf \(it offers: kvm tcg\)' \
	"$KILN" run --no-build --accel hvf "$HELLO"
cli_status usage-run-bad-target 2 'has no target xen-x86_64 \(it has: kvm-x86_64\)' \
	"$KILN" run --no-build -t xen-x86_64 "$HELLO"
cli_status usage-run-mem-on-xen 2 'platform xen takes no memory size' \
	"$KILN" run --no-build -m 64M examples/helloworld/xen.json
cli_status usage-run-jobs 2 '^kiln: -j x: expected a number of jobs' "$KILN" run -j x "$HELLO"
cli_status run-jobs-joined 0 'accelerator tcg' "$KILN" run -j2 --dry-run --accel tcg "$HELLO"
# QEMU that is not there: kiln says so and exits 1, not some status mapped from exec's 127.
cli_status qemu-missing 1 'cannot run kiln-no-such-qemu: No such file' \
	env KILN_QEMU=kiln-no-such-qemu "$KILN" run --no-build --accel tcg "$HELLO"
# -m below the image's end: QEMU would load it into nothing and the guest hang silently.
cli_status mem-too-small 1 '^kiln: run: -m 1M is too small: .* needs at least [0-9]+K$' \
	"$KILN" run --no-build --accel tcg -m 1M "$HELLO"

# The same profile, named from inside build/ (kiln changes to the tree's root itself).
cli_status build-from-elsewhere 0 '^kiln: built build/helloworld-kvm/' \
	env -C "$LOG" "$(pwd)/$KILN" build ../../"$HELLO"

# An app outside the tree that needs a library outside the tree.
oot=$LOG/oot
mkdir -p "$oot/libs/ootgreet/src" "$oot/app/src"
cat >"$oot/libs/ootgreet/lib.json" <<'JSON'
{ "kiln_catalog": 1, "name": "ootgreet", "title": "Greeter kept outside the tree",
  "kind": "library", "category": "Tests", "help": "Prints one line.", "version": "0.1.0",
  "requires": ["libc"], "sources": ["src/greet.c"] }
JSON
printf '#include <stdio.h>\nvoid oot_greet(void) { printf("greetings from outside\\n"); }\n' \
	>"$oot/libs/ootgreet/src/greet.c"
cat >"$oot/app/lib.json" <<'JSON'
{ "kiln_catalog": 1, "name": "ootapp", "title": "App kept outside the tree", "kind": "app",
  "category": "Tests", "help": "Calls ootgreet.", "version": "0.1.0", "depends": "ootgreet",
  "requires": ["libc"], "sources": ["src/main.c"] }
JSON
printf 'void oot_greet(void);\nint main(void) { oot_greet(); return 6; }\n' >"$oot/app/src/main.c"
cat >"$oot/app/kvm.json" <<'JSON'
{ "kiln_profile": 1, "catalog": 1, "name": "test-boot-oot", "app": ".",
  "targets": ["kvm-x86_64"], "libraries": { "ootgreet": true } }
JSON
rm -rf build/test-boot-oot
cli_status oot-libpath 6 '^greetings from outside' \
	env KILN_LIBPATH="$oot/libs" "$KILN" run --accel tcg "$oot/app/kvm.json"
cli_status oot-dash-L 6 '^greetings from outside' \
	"$KILN" run --no-build --accel tcg -L "$oot/libs" "$oot/app/kvm.json"
cli_status oot-unknown-without-folder 1 'unknown name "ootgreet"' \
	"$KILN" build "$oot/app/kvm.json"
