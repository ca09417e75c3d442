# Sleep accuracy of the timer library on each platform (included by the top-level Makefile).
#
#   make bench-time   tests/timebench/bench.sh: asked vs woken, p50/p99, on KVM (TCG), Xen
#                     (quick tier) and linuxu, beside clock_nanosleep on the host

BENCHES += bench-time

.PHONY: bench-time
bench-time: kiln
	$(Q)tests/timebench/bench.sh
