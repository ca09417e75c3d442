# kiln — the front door. Every user command lives here; the rules themselves sit in
# buildsys/*.mk (one fragment per concern, included, never recursive make per library).
#
#   make deps        install the Debian packages kiln uses (idempotent)
#   make             build the default profile (PROFILE=examples/helloworld/kvm.json)
#   make run         build and boot it
#   make menuconfig  the menu
#   make test        every test (calls make deps first)
#   make bench       the figures of the benchmark table
#   make kiln        the command-line tool, build/bin/kiln

.DEFAULT_GOAL := all
SHELL := /bin/bash
MAKEFLAGS += --no-builtin-rules
TOP := $(CURDIR)
BUILD := build
PROFILE ?= examples/helloworld/kvm.json
V ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
endif

# Suites append their target names; `make test` runs them in order and sums them up.
TEST_SUITES :=
BENCHES :=

include buildsys/deps.mk
include $(wildcard buildsys/host.mk)
include $(wildcard buildsys/guest.mk)
include $(wildcard buildsys/format.mk)
include $(wildcard tui/tui.mk)
# Each suite that cuts across the tree brings its own fragment: a new one is a folder under
# tests/ with a .mk that appends to TEST_SUITES (and BENCHES), and nothing here changes.
include $(sort $(wildcard tests/*/*.mk))

.PHONY: all deps test test-suites bench help
test: deps
	$(Q)rm -rf $(BUILD)/test-results && mkdir -p $(BUILD)/test-results
	$(Q)failed=(); for s in $(TEST_SUITES); do \
		t0=$$(date +%s); \
		$(MAKE) --no-print-directory $$s || failed+=("$$s"); \
		echo $$(($$(date +%s) - t0)) >$(BUILD)/test-results/.$$s.seconds; \
	done; tests/report.sh $(BUILD)/test-results "$${failed[@]}"; r=$$?; \
	[ $${#failed[@]} -eq 0 ] && [ $$r -eq 0 ]

# The output is kept in build/bench.log: tests/bench/readme_figures.py --record makes the
# README's figure table from it.
bench: deps
	$(Q)mkdir -p $(BUILD) && set -o pipefail && \
	for b in $(BENCHES); do $(MAKE) --no-print-directory $$b || exit 1; done | tee $(BUILD)/bench.log
	@echo "make bench: output in $(BUILD)/bench.log; tests/bench/readme_figures.py --record $(BUILD)/bench.log puts it in README.md"

help:
	@printf '%s\n' \
	'kiln: a unikernel construction kit. Common commands:' \
	'' \
	'  make deps                      install the Debian packages kiln uses' \
	'  make [PROFILE=p.json]          build the profile (default $(PROFILE))' \
	'  make [PROFILE=p.json] run      build and boot it; ARGS="a b" passes arguments' \
	'  make [PROFILE=p.json] menuconfig   the menu: browse, change, save, build, run' \
	'  make kiln                      the command-line tool, build/bin/kiln' \
	'  make test                      every test suite (about 20 minutes)' \
	'  make test-host | test-menu | test-boot | mutate   one suite' \
	'  make bench                     the figures of the benchmark table' \
	'  make format                    format the C sources' \
	'' \
	'build/bin/kiln --help lists the tool'"'"'s commands (build, run, menu, explain, ...).'
