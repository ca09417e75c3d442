/*
 * PCI: the functions found on the bus at boot, their configuration space, BARs and
 * capabilities (PCI Local Bus 3.0 §6), and drivers that claim them. Enumeration runs once
 * at boot (KPCI_BOOT_LEVEL) after every driver registered (KPCI_DRIVER_LEVEL); each
 * function goes to the first driver whose match() accepts it.
 */
#ifndef KILN_PCI_H
#define KILN_PCI_H

#include <stdint.h>

#define KPCI_DRIVER_LEVEL 45 /* drivers register at this boot level */
#define KPCI_BOOT_LEVEL	  62 /* the bus is scanned at this one (after interrupts and timers) */

/* Configuration space offsets (PCI 3.0 §6.1). */
#define KPCI_VENDOR	   0x00
#define KPCI_DEVICE	   0x02
#define KPCI_COMMAND	   0x04
#define KPCI_STATUS	   0x06
#define KPCI_CLASS_REV	   0x08
#define KPCI_HEADER_TYPE   0x0e
#define KPCI_BAR0	   0x10
#define KPCI_SECONDARY_BUS 0x19 /* type 1 (bridge) headers */
#define KPCI_SUBSYS_ID	   0x2e
#define KPCI_CAP_PTR	   0x34
#define KPCI_IRQ_LINE	   0x3c
#define KPCI_IRQ_PIN	   0x3d

#define KPCI_CMD_IO	    (1u << 0)
#define KPCI_CMD_MEMORY	    (1u << 1)
#define KPCI_CMD_MASTER	    (1u << 2)
#define KPCI_CMD_INTX_OFF   (1u << 10)
#define KPCI_STATUS_CAPLIST (1u << 4)

struct kpci_dev {
	uint8_t bus, slot, fn;
	uint16_t vendor, device;
	uint8_t class, subclass, prog_if;
	uint8_t irq_line; /* as the firmware routed it (the GSI on QEMU's pc), 0xff: none */
	const struct kpci_driver *driver;
	void *priv;
};

struct kpci_driver {
	const char *name;
	int (*match)(const struct kpci_dev *d);
	int (*probe)(struct kpci_dev *d); /* 0 when it took the function */
	struct kpci_driver *next;
};

/* Adds a driver (at KPCI_DRIVER_LEVEL, before the scan). */
void kpci_driver_register(struct kpci_driver *drv);

uint32_t kpci_read32(const struct kpci_dev *d, unsigned int off);
uint16_t kpci_read16(const struct kpci_dev *d, unsigned int off);
uint8_t kpci_read8(const struct kpci_dev *d, unsigned int off);
void kpci_write32(const struct kpci_dev *d, unsigned int off, uint32_t v);
void kpci_write16(const struct kpci_dev *d, unsigned int off, uint16_t v);

/* The memory address BAR n decodes (64-bit BARs joined with the next), 0 for an I/O BAR
 * or one the firmware left unassigned. */
uint64_t kpci_bar_addr(const struct kpci_dev *d, unsigned int n);

/* Offset of the first capability with this id at or after offset from (0: the start), 0
 * when there is none. */
unsigned int kpci_cap_find(const struct kpci_dev *d, uint8_t id, unsigned int from);

/* Turns on memory decoding and bus mastering (the device may then do DMA). */
void kpci_enable(const struct kpci_dev *d);

/* Functions found by the scan. */
unsigned int kpci_count(void);
struct kpci_dev *kpci_at(unsigned int i);

#endif
