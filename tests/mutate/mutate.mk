# Mutation testing (included by the top-level Makefile): do the tests notice real faults?
#
#   make mutate                   every mutant of tests/mutate/mutants.txt, each alone in a
#                                 scratch copy of the tree against the check it names; fails
#                                 if one survives, prints the kill ratio (tests/mutate/run.sh)
#   make mutate MUTANTS="a b"     only the named mutants
#
# New code brings its own mutants: a few lines in mutants.txt (the format is at its top).

TEST_SUITES += mutate

.PHONY: mutate
mutate:
	$(Q)tests/mutate/run.sh $(BUILD)/test-results/mutate $(MUTANTS)
