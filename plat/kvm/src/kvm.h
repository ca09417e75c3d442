/*
 * Private to plat/kvm: the pieces setup.c strings together at boot.
 */
#ifndef KVM_KVM_H
#define KVM_KVM_H

#include <kiln/plat.h>

#define KVM_MB_BOOT_MAGIC 0x2badb002u

struct kvm_mb_info;

void kvm_multiboot_parse(const struct kvm_mb_info *mi, struct plat_bootinfo *bi,
			 struct plat_memregion *mem);
void kvm_serial_init(void);
/* Starts measuring the TSC's rate when CPUID does not give it (time.c): first thing at boot. */
void kvm_tsc_calib_start(void);
uint16_t kvm_pit_count(void); /* channel 0's count, latched (time.c; pit.c uses it too) */
/* COM1's input by interrupt (serial_irq.c, with the irq library): on, and its reader. */
extern int kvm_serial_irq_on;
long kvm_serial_irq_read(char *buf, size_t len);

#endif
