# buildsys/guest.mk — guest images from the top-level Makefile.
#
#   make [PROFILE=p]            kiln build p: resolve into build/<name>/, then the generic
#                               rules of buildsys/image.mk build one image per target
#   make [PROFILE=p] run        make deps, then kiln run p (builds first); RUN_FLAGS passes
#                               options (e.g. RUN_FLAGS="--machine pc -m 32M"), ARGS the
#                               app's arguments
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

run: deps
	+$(Q)$(MAKE) --no-print-directory -s kiln
	+$(Q)$(KILN_TOOL) run $(RUN_FLAGS) $(PROFILE) $(if $(ARGS),-- $(ARGS))

TEST_SUITES += test-boot
test-boot: kiln
	$(Q)mkdir -p $(BUILD)/test-results
	$(Q)tests/boot/run.sh $(BUILD)/test-results/test-boot

BENCHES += bench-image
bench-image: kiln
	$(Q)tests/bench/image.sh
