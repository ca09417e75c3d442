# plat/linuxu's tests and figures (included by the top-level Makefile). The images run as
# ordinary processes: no QEMU, no /dev/kvm.
#
#   make test-linuxu    tests/linuxu/run.sh: arguments, statuses, faults, unit tests, gdb
#   make bench-linuxu   tests/linuxu/bench.sh: image size, start -> greeting beside /bin/true

TEST_SUITES += test-linuxu
BENCHES += bench-linuxu

.PHONY: test-linuxu bench-linuxu
test-linuxu: kiln
	$(Q)tests/linuxu/run.sh $(BUILD)/test-results/test-linuxu

bench-linuxu: kiln
	$(Q)tests/linuxu/bench.sh
