# In-guest tests (included by the top-level Makefile).
#
#   make test-guest   every test entry of the catalog (kind "test", in a library's tests/
#                     folder) built and booted on every platform it supports: KVM under
#                     QEMU (TCG), Xen as dom0 (quick tier) and as domUs (real tier); see
#                     tests/guest/run.sh
#
# No list of tests here: the script asks the catalog (kiln list --all --json).

TEST_SUITES += test-guest

.PHONY: test-guest
test-guest: kiln
	$(Q)mkdir -p $(BUILD)/test-results
	$(Q)tests/guest/run.sh $(BUILD)/test-results/test-guest
