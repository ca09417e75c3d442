# The newlib port's test: examples/cstd on linuxu and KVM (TCG), its output against the
# same program built for the host with glibc.
#
#   make test-cstd      tests/cstd/run.sh

TEST_SUITES += test-cstd

.PHONY: test-cstd
test-cstd: kiln
	$(Q)tests/cstd/run.sh $(BUILD)/test-results/test-cstd
