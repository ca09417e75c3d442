# The kiln tool under signals and concurrency, with real builds (issue 10; the command-line
# classes without builds are tests/host/cli_hostile.sh's): kiln's children (QEMU, make and
# its compilers) end when kiln ends, and two builds of one profile at once take turns.
#
#   make test-hostile    tests/hostile/run.sh (about two minutes)

TEST_SUITES += test-hostile

.PHONY: test-hostile
test-hostile: kiln
	$(Q)tests/hostile/run.sh $(BUILD)/test-results/test-hostile
