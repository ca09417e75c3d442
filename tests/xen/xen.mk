# Xen boot tests and figures (included by the top-level Makefile).
#
#   make test-xen    boots guests under Debian's Xen 4.17 in QEMU (TCG), both tiers
#   make bench-xen   Xen image size, "xl create → greeting" inside the emulated Xen, and
#                    "kiln run → greeting" on this machine (no dom0: Xen inside QEMU);
#                    httpd's requests/s through netfront beside KVM under TCG, image sizes
#
# What they run on (hypervisor, Linux dom0, Xen tools) is fetched by tests/xen/fetch.sh into
# $(BUILD)/_xen/, never installed on the host; see tests/xen/README.md.

TEST_SUITES += test-xen
BENCHES += bench-xen

XEN_T := tests/xen
XEN_WORK := $(BUILD)/_xen
XEN_PROBE := $(XEN_WORK)/probe/probe.elf

# The probe is 32-bit code that stays in the mode PVH enters in (flat, paging off).
XEN_PROBE_CFLAGS := -m32 -std=c11 -ffreestanding -nostdlib -fno-pic -fno-pie -no-pie -O2 \
	-Wall -Wextra -Werror -mgeneral-regs-only -fno-stack-protector \
	-fno-asynchronous-unwind-tables -D__XEN_INTERFACE_VERSION__=0x00040e00 \
	-Wl,-T,$(XEN_T)/probe/probe.ld -Wl,--build-id=none

$(XEN_PROBE): $(XEN_T)/probe/entry.S $(XEN_T)/probe/probe.c $(XEN_T)/probe/probe.ld
	$(Q)mkdir -p $(@D)
	@echo "  CCLD    $@"
	$(Q)$(CC) $(XEN_PROBE_CFLAGS) -o $@ $(filter %.S %.c,$^)

.PHONY: test-xen bench-xen xen-probe
xen-probe: $(XEN_PROBE)

test-xen: $(XEN_PROBE) kiln
	$(Q)$(XEN_T)/test.sh $(BUILD)/test-results/test-xen $(XEN_PROBE) $(BUILD)/bin/kiln

# helloworld's own Xen profile, the image a user gets.
XEN_BENCH_HELLO := $(BUILD)/helloworld-xen/xen-x86_64/helloworld.xen-x86_64
bench-xen: $(XEN_PROBE) kiln
	+$(Q)$(BUILD)/bin/kiln build examples/helloworld/xen.json >/dev/null
	$(Q)$(XEN_T)/bench.sh $(XEN_PROBE) helloworld $(XEN_BENCH_HELLO).elf \
		$(XEN_BENCH_HELLO).cfg "Hello from kiln!"
	$(Q)$(XEN_T)/bench-run.sh $(BUILD)/bin/kiln examples/helloworld/xen.json "Hello from kiln!"
	$(Q)$(XEN_T)/bench-net.sh $(BUILD)/bin/kiln
