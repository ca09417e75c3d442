/*
 * Enumeration: bus 0, then the secondary bus of every PCI-to-PCI bridge found (class 06,
 * subclass 04), depth first. A function is there when its vendor ID reads other than
 * 0xffff (PCI 3.0 §6.2.1); functions 1-7 are probed only when function 0's header type has
 * bit 7 set (multi-function). Each function found is offered to the registered drivers.
 */
#include <kiln/boot.h>
#include <kiln/pci.h>
#include <kiln/printk.h>
#include "pci_int.h"

static struct kpci_dev devices[CONFIG_PCI_MAX_DEVICES];
static unsigned int ndevices;
static struct kpci_driver *drivers;

void kpci_driver_register(struct kpci_driver *drv)
{
	struct kpci_driver **p = &drivers;

	while (*p) /* keep registration order */
		p = &(*p)->next;
	drv->next = 0;
	*p = drv;
}

unsigned int kpci_count(void)
{
	return ndevices;
}

struct kpci_dev *kpci_at(unsigned int i)
{
	return i < ndevices ? &devices[i] : 0;
}

static void scan_bus(uint8_t bus, int depth);

static void add_function(uint8_t bus, uint8_t slot, uint8_t fn, int depth)
{
	struct kpci_dev d = { .bus = bus, .slot = slot, .fn = fn };
	uint32_t cls = kpci_read32(&d, KPCI_CLASS_REV);

	d.vendor = kpci_read16(&d, KPCI_VENDOR);
	d.device = kpci_read16(&d, KPCI_DEVICE);
	d.class = cls >> 24;
	d.subclass = cls >> 16;
	d.prog_if = cls >> 8;
	d.irq_line = kpci_read8(&d, KPCI_IRQ_PIN) ? kpci_read8(&d, KPCI_IRQ_LINE) : 0xff;
	if (ndevices == CONFIG_PCI_MAX_DEVICES) {
		printk(PRINTK_WARN, "pci: %02x:%02x.%x left out: PCI_MAX_DEVICES is %d\n", bus,
		       slot, fn, CONFIG_PCI_MAX_DEVICES);
		return;
	}
	devices[ndevices++] = d;
	if (d.class == 0x06 && d.subclass == 0x04 && depth < 8)
		scan_bus(kpci_read8(&d, KPCI_SECONDARY_BUS), depth + 1);
}

static void scan_slot(uint8_t bus, uint8_t slot, int depth)
{
	struct kpci_dev d = { .bus = bus, .slot = slot, .fn = 0 };

	if (kpci_read16(&d, KPCI_VENDOR) == 0xffff)
		return;
	int fns = (kpci_read8(&d, KPCI_HEADER_TYPE) & 0x80) ? 8 : 1;
	for (uint8_t fn = 0; fn < fns; fn++) {
		d.fn = fn;
		if (kpci_read16(&d, KPCI_VENDOR) != 0xffff)
			add_function(bus, slot, fn, depth);
	}
}

static void scan_bus(uint8_t bus, int depth)
{
	for (uint8_t slot = 0; slot < 32; slot++)
		scan_slot(bus, slot, depth);
}

static void offer(struct kpci_dev *d)
{
	for (struct kpci_driver *drv = drivers; drv; drv = drv->next) {
		if (!drv->match(d))
			continue;
		if (drv->probe(d) == 0) {
			d->driver = drv;
			return;
		}
	}
}

static int kpci_boot(void)
{
	kpci_ecam_init();
	scan_bus(0, 0);
	if (kpci_ecam)
		printk(PRINTK_INFO,
		       "pci: %u functions, configuration space through ECAM at %p (buses 0-%u)\n",
		       ndevices, (void *)kpci_ecam, kpci_ecam_last_bus);
	else
		printk(PRINTK_INFO, "pci: %u functions, configuration space through I/O ports\n",
		       ndevices);
	for (unsigned int i = 0; i < ndevices; i++)
		offer(&devices[i]);
	return 0;
}
KBOOT_INIT(kpci_boot, KPCI_BOOT_LEVEL);
