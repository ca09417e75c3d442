# The allocator figure of make bench (included by the top-level Makefile):
#
#   make bench-alloc   tests/bench/alloc/bench.sh: malloc/free pairs per second for each kiln
#                      allocator on linuxu and inside KVM (TCG), beside glibc's malloc on the
#                      same workload in the same run

BENCHES += bench-alloc

.PHONY: bench-alloc
bench-alloc: kiln
	$(Q)tests/bench/alloc/bench.sh
