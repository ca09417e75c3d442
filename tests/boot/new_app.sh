# `kiln new` as a newcomer's first step (sourced by tests/boot/run.sh): an app written by
# `kiln new hello2 .` in a folder outside the tree, built and booted from that folder with
# the profiles it wrote: in QEMU (kvm.json, TCG) and as a Linux process (linuxu.json). Then
# its option, set in a profile, reaches C, and main()'s return value, once edited, is the
# status kiln run hands back.

new_dir=$(mktemp -d /tmp/kiln-test-new-XXXXXX)
new_kiln=$(realpath "$KILN")
rm -rf build/hello2-kvm build/hello2-linuxu

# new_run NAME COMMAND...: COMMAND run in the app's parent folder; sets $status like boot.
new_run() {
	local name=$1
	shift
	(cd "$new_dir" && timeout 120 "$@") >"$LOG/$name.out" 2>"$LOG/$name.err"
	status=$?
	last=$name
	tr -d '\r' <"$LOG/$name.out" >"$LOG/$name.txt"
}

# new_set_option PROFILE VALUE: the profile's HELLO2_GREETING, as a user would write it.
new_set_option() {
	python3 - "$new_dir/hello2/$1" "$2" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["options"]["HELLO2_GREETING"] = sys.argv[2]
json.dump(j, open(sys.argv[1], "w"), indent=2)
PY
}

new_run new-app "$new_kiln" new hello2 .
expect new-app 0 "next: kiln run ./hello2/kvm.json -- one two"
new_run new-app-kvm "$new_kiln" run --accel tcg hello2/kvm.json -- a "b c"
expect new-app-kvm 0 "Hello from hello2!" "arg 1: a" "arg 2: b c"
new_run new-app-linuxu "$new_kiln" run hello2/linuxu.json -- x
expect new-app-linuxu 0 "Hello from hello2!" "arg 1: x"

new_set_option kvm.json 'Hi from "my" kvm profile'
new_run new-app-option-kvm "$new_kiln" run --accel tcg hello2/kvm.json
expect new-app-option-kvm 0 'Hi from "my" kvm profile'
new_set_option linuxu.json 'Hi, $HOME stays text'
new_run new-app-option-linuxu "$new_kiln" run hello2/linuxu.json
expect new-app-option-linuxu 0 'Hi, $HOME stays text'

sed -i 's/return 0;/return argc - 1;/' "$new_dir/hello2/src/main.c"
new_run new-app-status "$new_kiln" run hello2/linuxu.json -- a b c
expect new-app-status 3 'Hi, $HOME stays text' "arg 3: c"
rm -rf "$new_dir"
