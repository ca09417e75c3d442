# The Lua interpreter unikernel's test: examples/lua on linuxu, KVM (TCG) and Xen (quick
# tier) against Debian's lua5.4, errors and statuses, and the prompt in a real terminal.
#
#   make test-lua      tests/lua/run.sh

TEST_SUITES += test-lua

.PHONY: test-lua
test-lua: kiln
	$(Q)tests/lua/run.sh $(BUILD)/test-results/test-lua
