# Thread and scheduler figures (included by the top-level Makefile through tests/*/*.mk).
#
#   make bench-sched   tests/sched/bench.sh: thread switches per second with the cooperative
#                      scheduler on linuxu beside two host pthreads handing a token through a
#                      mutex and a condition variable; size and smallest -m of the threads
#                      example on KVM beside helloworld's

BENCHES += bench-sched

.PHONY: bench-sched
bench-sched: kiln
	$(Q)tests/sched/bench.sh
