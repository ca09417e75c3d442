/*
 * The 8254 PIT as the one-shot timer, only where nothing else ticks: when the local APIC
 * timer does not count, or PLAT_KVM_TIMER is "pit". Channel 0 in mode 0 (interrupt on
 * terminal count, 8254 datasheet: OUT goes high when the count reaches 0 and stays high)
 * counts down 1.193182 MHz from at most 65535, so one shot reaches 54.9 ms and a farther
 * deadline fires early for the timer library to re-arm. Its output is ISA IRQ 0, which
 * QEMU wires to I/O APIC input 2 (the interrupt source override ACPI's MADT describes),
 * routed here to the timer's vector; the PIC stays masked.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/calib.h>
#include <x86/cpu.h>
#include "apic.h"
#include "kvm.h"

#define PIT_HZ		  1193182u
#define PIT_CH0		  0x40
#define PIT_MODE	  0x43
#define PIT_ONESHOT	  0x30 /* channel 0, low then high byte, mode 0, binary */
#define PIT_MAX		  0xffffu
#define PIT_IOAPIC_PIN	  2
#define PIT_CALIB_NS	  2000000u
#define PIT_CALIB_WINDOWS 5

static uint64_t pit_hz = PIT_HZ; /* as measured on plat_time_ns(), which may be off */

/* PIT ticks per s over one 2 ms window of plat_time_ns(). */
static uint64_t pit_window(void)
{
	x86_outb(PIT_MODE, PIT_ONESHOT);
	x86_outb(PIT_CH0, 0xff);
	x86_outb(PIT_CH0, 0xff);
	uint64_t t0 = plat_time_ns(), t1;
	while ((t1 = plat_time_ns()) - t0 < PIT_CALIB_NS)
		;
	return (uint64_t)(PIT_MAX - kvm_pit_count()) * 1000000000u / (t1 - t0);
}

/*
 * The PIT's rate in plat_time_ns() units, median of five windows: the clock was itself
 * calibrated against the PIT, but over one window that a loaded host can spoil, and a
 * timer that disagrees with the clock fires early again and again near each deadline.
 */
void kvm_pit_init(void)
{
	uint64_t w[PIT_CALIB_WINDOWS];

	uint64_t hz;

	(void)plat_time_ns(); /* the clock's rate first: it may be measuring on the PIT (time.c) */
	if ((hz = x86_median_of(pit_window, w, PIT_CALIB_WINDOWS)))
		pit_hz = hz;
	kvm_ioapic_route(PIT_IOAPIC_PIN, KVM_VEC_IRQ + PLAT_IRQ_TIMER, 0);
}

/* Deadlines as plat_timer_set() takes them (lapic.c dispatches here). */
void kvm_pit_set(uint64_t deadline_ns)
{
	if (deadline_ns == UINT64_MAX) {
		kvm_ioapic_route(PIT_IOAPIC_PIN, KVM_VEC_IRQ + PLAT_IRQ_TIMER, 1);
		return;
	}
	uint64_t now = plat_time_ns();
	uint64_t delta = deadline_ns > now ? deadline_ns - now : 0;
	uint64_t ticks = delta > 1000000000u ? PIT_MAX : delta * pit_hz / 1000000000u;

	if (ticks == 0)
		ticks = 1;
	if (ticks > PIT_MAX)
		ticks = PIT_MAX;
	kvm_ioapic_route(PIT_IOAPIC_PIN, KVM_VEC_IRQ + PLAT_IRQ_TIMER, 0);
	x86_outb(PIT_MODE, PIT_ONESHOT); /* writing the mode drops OUT until the count ends */
	x86_outb(PIT_CH0, (uint8_t)ticks);
	x86_outb(PIT_CH0, (uint8_t)(ticks >> 8));
}
