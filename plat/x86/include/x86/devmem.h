/*
 * Device memory and ACPI's root pointer for drivers on the x86 platforms: start32.S maps
 * only the first GiB (RAM) and the 32 MiB below 4 GiB (APICs, HPET), so a driver whose
 * registers lie elsewhere below 4 GiB (PCI Express's ECAM window, 0xb0000000 on QEMU's q35)
 * maps them first; and the RSDP, where ACPI's tables start, as the boot protocol gave it.
 */
#ifndef X86_DEVMEM_H
#define X86_DEVMEM_H

#include <stdint.h>

/* Identity-maps [base, base + len) uncached with 2 MiB pages, leaving pages already mapped
 * as they are (the first GiB's RAM). 0, or -1 when the range reaches past 4 GiB. */
int x86_map_device(uint64_t base, uint64_t len);

/* The physical address of ACPI's RSDP: the one the PVH start info gave, else the one
 * found in the BIOS area (ACPI 6.4 §5.2.5.1: the first KiB of the EBDA, 0xe0000-0xfffff,
 * on 16-byte boundaries, signature and checksum checked); 0 when there is none. */
uint64_t x86_acpi_rsdp(void);

/* Set by the PVH start info parser (pvh.c), 0 when it gave none. */
extern uint64_t x86_pvh_rsdp;

#endif
