# buildsys/host.mk — the host side: the catalog library (catalog/), the build driver
# library (buildsys/*.c), the kiln tool (cli/) and the menu linking them, their unit tests
# and the resolver benchmark.
#
#   make kiln            build/bin/kiln and everything `kiln --help` lists (the menu too)
#   make test-host       cmocka tests of loader, profiles, resolver and writers, plus the
#                        kiln command line, each built twice: plain and under ASan+UBSan
#   make bench-resolver  load, resolve and explanation times: the real catalog and a
#                        generated one of 2,000 libraries
#   make bench-scale     the kiln commands, whole process, on catalogs of several shapes
#                        from tests/bench/gencat.py, each figure beside its goal
#   make fuzz            libFuzzer targets (tests/fuzz/fuzz.mk, included below)
#
# Other fragments link the catalog library as $(KILN_CAT_LIB) $(KILN_CAT_LDLIBS)
# ($(KILN_CAT_LIB_ASAN) for sanitizer builds).

HOST_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -MMD -MP \
	-Icatalog/include -Ibuildsys/include
HOST_OPT := -O2
HOST_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
KILN_CAT_LDLIBS := -ljansson -lpicosat

HOST_DIR := $(BUILD)/host
CAT_SRCS := $(sort $(wildcard catalog/src/*.c))
BLD_SRCS := $(sort $(wildcard buildsys/*.c))
CLI_SRCS := $(sort $(wildcard cli/*.c))
HOST_TEST_SRCS := $(sort $(wildcard tests/host/test_*.c))
# The fuzz harness is linked into the unit tests too: they replay the kept fuzz inputs.
HOST_TEST_SUPPORT := $(filter-out $(HOST_TEST_SRCS),$(sort $(wildcard tests/host/*.c))) \
	tests/fuzz/harness.c

KILN_CAT_LIB := $(BUILD)/lib/libkilncat.a
KILN_CAT_LIB_ASAN := $(BUILD)/lib/libkilncat-asan.a
KILN_BLD_LIB := $(BUILD)/lib/libkilnbuild.a
KILN_BLD_LIB_ASAN := $(BUILD)/lib/libkilnbuild-asan.a
KILN_BIN := $(BUILD)/bin/kiln
KILN_BIN_ASAN := $(HOST_DIR)/asan/kiln

# $(call host_objs,SRCS,VARIANT): object files of SRCS under build/host/VARIANT/.
host_objs = $(patsubst %.c,$(HOST_DIR)/$2/%.o,$1)

HOST_TESTS := $(patsubst tests/host/%.c,$(HOST_DIR)/plain/%,$(HOST_TEST_SRCS))
HOST_TESTS_ASAN := $(patsubst tests/host/%.c,$(HOST_DIR)/asan/%,$(HOST_TEST_SRCS))
HOST_SUPPORT_OBJS := $(call host_objs,$(filter-out tests/host/bench_%,$(HOST_TEST_SUPPORT)),plain)
HOST_SUPPORT_OBJS_ASAN := $(call host_objs,$(filter-out tests/host/bench_%,$(HOST_TEST_SUPPORT)),asan)

.PHONY: kiln kiln-lib test-host bench-resolver bench-scale
kiln: $(KILN_BIN) kiln-menu
kiln-lib: $(KILN_CAT_LIB)

# The catalog library's own sources see its private headers, and so do the host tests
# (test_loader checks the name maps under every catalog).
HOST_PRIVATE := -Icatalog/src
$(foreach b,plain asan,$(HOST_DIR)/$(b)/catalog/src/%.o $(HOST_DIR)/$(b)/tests/host/%.o): \
	HOST_INC := $(HOST_PRIVATE)

$(HOST_DIR)/plain/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) $(HOST_INC) $(HOST_OPT) -c $< -o $@

$(HOST_DIR)/asan/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) $(HOST_INC) -O1 $(HOST_SAN) -c $< -o $@

$(KILN_CAT_LIB): $(call host_objs,$(CAT_SRCS),plain)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

$(KILN_CAT_LIB_ASAN): $(call host_objs,$(CAT_SRCS),asan)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

$(KILN_BLD_LIB): $(call host_objs,$(BLD_SRCS),plain)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

$(KILN_BLD_LIB_ASAN): $(call host_objs,$(BLD_SRCS),asan)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

$(KILN_BIN): $(call host_objs,$(CLI_SRCS),plain) $(KILN_BLD_LIB) $(KILN_CAT_LIB)
	@mkdir -p $(@D)
	$(Q)$(CC) -o $@ $^ $(KILN_CAT_LDLIBS)

$(KILN_BIN_ASAN): $(call host_objs,$(CLI_SRCS),asan) $(KILN_BLD_LIB_ASAN) $(KILN_CAT_LIB_ASAN)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_SAN) -o $@ $^ $(KILN_CAT_LDLIBS)

$(HOST_DIR)/plain/test_%: $(HOST_DIR)/plain/tests/host/test_%.o $(HOST_SUPPORT_OBJS) $(KILN_BLD_LIB) $(KILN_CAT_LIB)
	$(Q)$(CC) -o $@ $^ $(KILN_CAT_LDLIBS) -lcmocka

$(HOST_DIR)/asan/test_%: $(HOST_DIR)/asan/tests/host/test_%.o $(HOST_SUPPORT_OBJS_ASAN) $(KILN_BLD_LIB_ASAN) $(KILN_CAT_LIB_ASAN)
	$(Q)$(CC) $(HOST_SAN) -o $@ $^ $(KILN_CAT_LDLIBS) -lcmocka

# The menu's model (tui/, no ncurses in it) is linked into the test that hands its save a
# profile the validity gate must refuse.
TUI_MODEL_SRCS := tui/model.c tui/items.c tui/explain.c tui/lines.c
$(HOST_DIR)/plain/test_gate: $(HOST_DIR)/plain/tests/host/test_gate.o \
		$(call host_objs,$(TUI_MODEL_SRCS),plain) $(HOST_SUPPORT_OBJS) $(KILN_BLD_LIB) $(KILN_CAT_LIB)
	$(Q)$(CC) -o $@ $^ $(KILN_CAT_LDLIBS) -lcmocka

$(HOST_DIR)/asan/test_gate: $(HOST_DIR)/asan/tests/host/test_gate.o \
		$(call host_objs,$(TUI_MODEL_SRCS),asan) $(HOST_SUPPORT_OBJS_ASAN) $(KILN_BLD_LIB_ASAN) \
		$(KILN_CAT_LIB_ASAN)
	$(Q)$(CC) $(HOST_SAN) -o $@ $^ $(KILN_CAT_LDLIBS) -lcmocka

$(HOST_DIR)/bench_resolver: $(call host_objs,$(filter tests/host/bench_%,$(HOST_TEST_SUPPORT)),plain) \
		$(KILN_CAT_LIB)
	$(Q)$(CC) -o $@ $^ $(KILN_CAT_LDLIBS)

# Both builds, then tests/host/run.sh runs them and writes build/test-results/test-host.
test-host: $(HOST_TESTS) $(HOST_TESTS_ASAN) $(KILN_BIN) $(KILN_BIN_ASAN)
	$(Q)tests/host/run.sh $(HOST_DIR) $(KILN_BIN) $(KILN_BIN_ASAN) $(BUILD)/test-results/test-host

bench-resolver: $(HOST_DIR)/bench_resolver $(KILN_BIN)
	$(Q)$(HOST_DIR)/bench_resolver $(HOST_DIR)/bench

# Test objects are intermediates of the pattern rules above; keep them for quick rebuilds.
.SECONDARY: $(call host_objs,$(HOST_TEST_SRCS) $(HOST_TEST_SUPPORT),plain) \
	$(call host_objs,$(HOST_TEST_SRCS) $(HOST_TEST_SUPPORT),asan)

bench-scale: $(KILN_BIN)
	$(Q)tests/bench/scale.sh

TEST_SUITES += test-host
BENCHES += bench-resolver bench-scale


-include $(wildcard $(HOST_DIR)/*/catalog/*/*.d $(HOST_DIR)/*/buildsys/*.d $(HOST_DIR)/*/cli/*.d \
	$(HOST_DIR)/*/tui/*.d \
	$(HOST_DIR)/*/tests/host/*.d $(HOST_DIR)/*/tests/fuzz/*.d)
