# The network's end-to-end test: examples/httpd booted on KVM under TCG, on -M microvm
# (virtio-mmio), -M pc (virtio-pci) and -M q35 (virtio-pci, configuration space through
# ECAM), with kiln run -p forwarding a port of 127.0.0.1, and fetched by curl and ab.
#
#   make test-net      tests/net/run.sh

TEST_SUITES += test-net

.PHONY: test-net
test-net: kiln
	$(Q)tests/net/run.sh $(BUILD)/test-results/test-net

BENCHES += bench-net

.PHONY: bench-net
bench-net: kiln
	$(Q)tests/net/bench.sh
