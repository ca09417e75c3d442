# tests/fuzz/fuzz.mk — libFuzzer targets for the lib.json loader, the profile reader, the
# expression parser and the kiln tool's command-line parsers (included by buildsys/host.mk).
#
#   make fuzz                   each target for FUZZ_SECONDS (20), two at a time (FUZZ_JOBS),
#                               seeded from the real lib.json and profile files; writes
#                               build/test-results/fuzz
#   make fuzz FUZZ_SECONDS=5    a quick run
#   make fuzz-targets           only build them (build/fuzz/fuzz_{lib,profile,expr,cmdline})
#
# A crash leaves its input in build/fuzz/crashes/; once fixed, the input is kept under
# tests/fuzz/regress/<target>/, where the host unit tests replay it on every run.

FUZZ_SECONDS ?= 20
FUZZ_CC := clang
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 -MMD -MP \
	-Icatalog/include -Icatalog/src -Ibuildsys/include $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_TARGETS := lib profile expr cmdline
FUZZ_BINS := $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_TARGETS))
FUZZ_OBJS := $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(CAT_SRCS) tests/fuzz/harness.c)

.PHONY: fuzz fuzz-targets
fuzz-targets: $(FUZZ_BINS)

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/tests/fuzz/fuzz_%.o $(FUZZ_OBJS)
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(KILN_CAT_LDLIBS)

# The command-line target links the tool itself, all but its main() (cli/kiln.c).
FUZZ_CLI_OBJS := $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(filter-out cli/kiln.c,$(CLI_SRCS)) $(BLD_SRCS))
$(FUZZ_DIR)/fuzz_cmdline: $(FUZZ_DIR)/obj/tests/fuzz/fuzz_cmdline.o $(FUZZ_CLI_OBJS) $(FUZZ_OBJS)
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(KILN_CAT_LDLIBS)

fuzz: $(FUZZ_BINS)
	$(Q)tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(BUILD)/test-results/fuzz

.SECONDARY: $(FUZZ_OBJS) $(FUZZ_CLI_OBJS) $(patsubst %,$(FUZZ_DIR)/obj/tests/fuzz/fuzz_%.o,$(FUZZ_TARGETS))

TEST_SUITES += fuzz

-include $(wildcard $(FUZZ_DIR)/obj/*/*/*.d $(FUZZ_DIR)/obj/*/*/*/*.d)
