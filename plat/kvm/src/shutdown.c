/*
 * Stopping the machine. The exit status leaves through QEMU's isa-debug-exit device
 * (iobase 0xf4): a write of v makes QEMU exit with status (v << 1) | 1. kiln writes
 * v = status + 1 for statuses 0..125 (others are clamped to 125), and v = 127 for a crash,
 * so QEMU's own failure status 1 never looks like an app's; `kiln run` maps it back
 * (buildsys/driver.c). When the device is absent the write goes nowhere and the machine
 * powers off through ACPI instead: the PM1a control register of PIIX4 (-M pc) or ICH9
 * (-M q35) found by PCI config reads (SLP_TYP 0 is S5 in QEMU's DSDT), or the sleep control
 * register of microvm's hardware-reduced ACPI GED device (ACPI 6.4 §4.8.3.7: SLP_TYP 5,
 * SLP_EN). If all fail, a triple fault resets the machine, which QEMU -no-reboot turns
 * into an exit.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>

#define KVM_DEBUG_EXIT_PORT 0xf4
#define KVM_EXIT_STATUS_MAX 125
#define KVM_EXIT_CRASH	    127
#define KVM_PCI_ADDR	    0xcf8
#define KVM_PCI_DATA	    0xcfc
#define KVM_PM1_SLP_EN	    (1u << 13)
#define KVM_GED_SLEEP_CTL   ((volatile uint8_t *)0xfea00200) /* microvm GED_MMIO_BASE_REGS */
#define KVM_GED_S5	    ((5u << 2) | (1u << 5))

struct kvm_pm_chip {
	uint32_t bdf; /* bus/device/function as in the PCI config address */
	uint32_t id;  /* device << 16 | vendor */
};

static const struct kvm_pm_chip kvm_pm_chips[] = {
	{ (0 << 16) | (1 << 11) | (3 << 8), 0x71138086 },  /* PIIX4 ACPI, 00:01.3 */
	{ (0 << 16) | (31 << 11) | (0 << 8), 0x29188086 }, /* ICH9 LPC, 00:1f.0 */
};

static uint32_t kvm_pci_read(uint32_t bdf, uint32_t reg)
{
	x86_outl(KVM_PCI_ADDR, 0x80000000u | bdf | reg);
	return x86_inl(KVM_PCI_DATA);
}

/* Returns only when no known ACPI power-off worked. */
static void kvm_acpi_poweroff(void)
{
	for (unsigned i = 0; i < sizeof(kvm_pm_chips) / sizeof(kvm_pm_chips[0]); i++) {
		if (kvm_pci_read(kvm_pm_chips[i].bdf, 0) != kvm_pm_chips[i].id)
			continue;
		uint16_t pmbase = kvm_pci_read(kvm_pm_chips[i].bdf, 0x40) & 0xffc0;
		if (pmbase)
			x86_outw(pmbase + 4, KVM_PM1_SLP_EN);
		return;
	}
	/* No PCI host answered: microvm, whose GED device holds the sleep register. */
	if (kvm_pci_read(0, 0) == 0xffffffffu)
		*KVM_GED_SLEEP_CTL = KVM_GED_S5;
}

static __attribute__((noreturn)) void kvm_stop(uint32_t code)
{
	x86_cli();
	x86_outb(KVM_DEBUG_EXIT_PORT, (uint8_t)code);
	kvm_acpi_poweroff();
	/* An empty IDT makes the next exception a triple fault. */
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) none = { 0, 0 };
	__asm__ volatile("lidt %0; int3" : : "m"(none));
	x86_halt_forever();
}

void plat_shutdown(int status)
{
	unsigned s = (unsigned)status & 0xff;

	kvm_stop((s > KVM_EXIT_STATUS_MAX ? KVM_EXIT_STATUS_MAX : s) + 1);
}

void plat_crash(void)
{
	kvm_stop(KVM_EXIT_CRASH);
}
