# tui/tui.mk — the menu: build/bin/kiln-menu, `make menuconfig`, `make test-menu`, and the
# menu's start-up figure in `make bench`.
#
# The menu links the catalog library that buildsys/host.mk builds ($(KILN_CAT_LIB)); it has
# no decisions of its own. Two builds: the one people run, and one under ASan+UBSan that the
# tmux tests drive (build/tui-asan/kiln-menu), so every test is also a memory check.
# Unused parameters are allowed: every pane and key binding has the same signature (tui.h),
# and most use only some of it.

KILN_MENU := $(BUILD)/bin/kiln-menu
KILN_MENU_ASAN := $(BUILD)/tui-asan/kiln-menu
TUI_SRCS := $(sort $(wildcard tui/*.c))
TUI_OBJS := $(TUI_SRCS:tui/%.c=$(BUILD)/tui/%.o)
TUI_ASAN_OBJS := $(TUI_SRCS:tui/%.c=$(BUILD)/tui-asan/%.o)
TUI_NCURSES_CFLAGS := $(shell pkg-config --cflags ncursesw 2>/dev/null)
TUI_NCURSES_LIBS := $(or $(shell pkg-config --libs ncursesw 2>/dev/null),-lncursesw)
TUI_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Werror -g -MMD -MP \
	-Icatalog/include \
	$(TUI_NCURSES_CFLAGS)
TUI_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# The catalog library and the kiln tool come from buildsys/host.mk.
KILN_CAT_LIB ?= $(BUILD)/lib/libkilncat.a
KILN_CAT_LIB_ASAN ?= $(BUILD)/lib/libkilncat-asan.a
KILN_CAT_LDLIBS ?= -ljansson -lpicosat
KILN_BIN ?= $(BUILD)/bin/kiln

.PHONY: kiln-menu menuconfig test-menu bench-menu
kiln-menu: $(KILN_MENU)

$(KILN_MENU): $(TUI_OBJS) $(KILN_CAT_LIB)
	@mkdir -p $(@D)
	$(Q)$(CC) -o $@ $(TUI_OBJS) $(KILN_CAT_LIB) $(KILN_CAT_LDLIBS) $(TUI_NCURSES_LIBS)

$(KILN_MENU_ASAN): $(TUI_ASAN_OBJS) $(KILN_CAT_LIB_ASAN)
	@mkdir -p $(@D)
	$(Q)$(CC) $(TUI_SAN) -o $@ $(TUI_ASAN_OBJS) $(KILN_CAT_LIB_ASAN) $(KILN_CAT_LDLIBS) \
		$(TUI_NCURSES_LIBS)

$(BUILD)/tui/%.o: tui/%.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(TUI_CFLAGS) -O2 -c $< -o $@

$(BUILD)/tui-asan/%.o: tui/%.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(TUI_CFLAGS) $(TUI_SAN) -O1 -c $< -o $@

-include $(TUI_OBJS:.o=.d) $(TUI_ASAN_OBJS:.o=.d)

# Quiet compiles print nothing, so the first `make menuconfig` showed a blank screen for
# seconds while the menu was built: when the menu or the tool is missing or older than a
# source, say so before make starts.
ifneq ($(filter menuconfig,$(MAKECMDGOALS)),)
TUI_STALE := $(if $(wildcard $(KILN_MENU)),$(if $(wildcard $(KILN_BIN)),$(shell find tui \
	catalog buildsys cli -name '*.[ch]' \( -newer $(KILN_MENU) -o -newer $(KILN_BIN) \) \
	-print -quit 2>/dev/null),missing),missing)
ifneq ($(TUI_STALE),)
$(info kiln: building the menu and the kiln tool first (a few seconds the first time)...)
endif
endif

# The menu on $(PROFILE); `kiln menu PROFILE` runs the same program.
menuconfig: $(KILN_MENU) $(KILN_BIN)
	$(Q)$(KILN_MENU) $(PROFILE)

# Every menu test in tmux, driving the ASan build; build and run from the menu need kiln.
test-menu: $(KILN_MENU_ASAN) $(KILN_MENU) $(KILN_BIN)
	$(Q)KILN_MENU=$(KILN_MENU_ASAN) KILN=$(KILN_BIN) tests/menu/run.sh \
		$(BUILD)/test-results/test-menu

# Start-up time: process start to the first full screen, in a real terminal.
bench-menu: $(KILN_MENU)
	$(Q)KILN_MENU=$(KILN_MENU) tests/menu/bench.sh

TEST_SUITES += test-menu
BENCHES += bench-menu
