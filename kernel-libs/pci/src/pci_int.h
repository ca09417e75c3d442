/*
 * Private to the pci library: the ECAM window found at boot (ecam.c), which the
 * configuration accessors (pci.c) use instead of port I/O when it is set.
 */
#ifndef KPCI_INT_H
#define KPCI_INT_H

#include <stdint.h>

/* Bus 0's configuration space in the ECAM window, or NULL: port I/O. */
extern volatile uint8_t *kpci_ecam;
extern uint8_t kpci_ecam_last_bus;

/* Looks for ACPI's MCFG and maps its window (before the scan). */
void kpci_ecam_init(void);

#endif
