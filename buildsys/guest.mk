# buildsys/guest.mk — guest images from the top-level Makefile.
#
#   make [PROFILE=p]            kiln build p: resolve into build/<name>/, then the generic
#                               rules of buildsys/image.mk build one image per target
#   make [PROFILE=p] run        make deps, kiln build p, then kiln run p; RUN_FLAGS passes
#                               options (e.g. RUN_FLAGS="--machine pc -m 32M"), ARGS the
#                               app's arguments. The app's own exit status (0-125) is said,
#                               not failed on; `kiln run` returns it exactly
#   make test-boot              boots in QEMU (tests/boot/run.sh)
#   make bench-image            the image figures (tests/bench/image.sh)
#
# The kiln tool (buildsys/host.mk's `kiln` target) does the work; these rules only call it.
# Recipes start with "+" so kiln's own make joins this make's jobserver (-j).

KILN_TOOL := $(BUILD)/bin/kiln
RUN_FLAGS ?=
ARGS ?=

.PHONY: image run test-boot bench-image
all: image

image: kiln
	+$(Q)$(KILN_TOOL) build $(PROFILE)

# The build first, so its failure is make's; then the run, whose status 0-125 is the app's
# own (kiln run passes it exactly): a chosen status is said in one line and make succeeds,
# rather than ending in make's "Error 5". kiln's and the runner's failures (253-255) fail.
run: deps
	+$(Q)$(MAKE) --no-print-directory -s kiln
	+$(Q)$(KILN_TOOL) build $(PROFILE)
	+$(Q)$(KILN_TOOL) run $(RUN_FLAGS) $(PROFILE) $(if $(ARGS),-- $(ARGS)); s=$$?; \
	if [ $$s -gt 125 ]; then exit $$s; fi; \
	if [ $$s -ne 0 ]; then echo "make run: the app exited with status $$s"; fi

TEST_SUITES += test-boot
test-boot: kiln
	$(Q)mkdir -p $(BUILD)/test-results
	$(Q)tests/boot/run.sh $(BUILD)/test-results/test-boot

BENCHES += bench-image
bench-image: kiln
	$(Q)tests/bench/image.sh
