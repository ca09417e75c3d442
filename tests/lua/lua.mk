# The Lua interpreter unikernel: its test (examples/lua on linuxu, KVM (TCG) and Xen (quick
# tier) against Debian's lua5.4, errors and statuses, the prompt in a real terminal) and bench.
#
#   make test-lua      tests/lua/run.sh

TEST_SUITES += test-lua

.PHONY: test-lua
test-lua: kiln
	$(Q)tests/lua/run.sh $(BUILD)/test-results/test-lua

# make bench-lua: tests/lua/bench.sh (image sizes, first output, cpu.lua, build times).
BENCHES += bench-lua

.PHONY: bench-lua
bench-lua: kiln
	$(Q)tests/lua/bench.sh
