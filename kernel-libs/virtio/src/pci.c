/*
 * The virtio-pci transport, modern interface (virtio 1.2 §4.1): vendor 0x1af4, device IDs
 * 0x1000-0x103f (transitional: the type is the subsystem ID) and 0x1040 + type (modern
 * only). Vendor-specific capabilities (§4.1.4) locate, each in a BAR, the common
 * configuration, the notification area (a queue is notified by writing its index at
 * queue_notify_off * notify_off_multiplier), the ISR status byte (reading it acknowledges
 * the interrupt and lowers INTx) and the device configuration. Interrupts: INTx, routed by
 * the firmware to the GSI in the interrupt line register (MSI-X is not used).
 */
#include <kiln/alloc.h>
#include <kiln/boot.h>
#include <kiln/pci.h>
#include <kiln/printk.h>
#include <kiln/virtio.h>

#define VPCI_VENDOR	      0x1af4
#define VPCI_CAP_VENDOR	      0x09
#define VPCI_CAP_COMMON	      1
#define VPCI_CAP_NOTIFY	      2
#define VPCI_CAP_ISR	      3
#define VPCI_CAP_DEVICE	      4
#define VPCI_MAPPED_LOW	      0x40000000ull /* plat/x86 maps the first GiB and */
#define VPCI_MAPPED_HIGH_BASE 0xfe000000ull /* the 32 MiB below 4 GiB (devices) */

/* Common configuration (§4.1.4.3). */
#define CC_DFSELECT    0x00
#define CC_DF	       0x04
#define CC_GFSELECT    0x08
#define CC_GF	       0x0c
#define CC_STATUS      0x14
#define CC_Q_SELECT    0x16
#define CC_Q_SIZE      0x18
#define CC_Q_MSIX      0x1a
#define CC_Q_ENABLE    0x1c
#define CC_Q_NOFF      0x1e
#define CC_Q_DESC      0x20
#define CC_Q_DRIVER    0x28
#define CC_Q_DEVICE    0x30
#define VPCI_NO_VECTOR 0xffff

struct vpci_dev {
	struct kvirtio_dev dev;
	struct kpci_dev *pci;
	uintptr_t common, notify, isr, device;
	uint32_t notify_mult;
};

#define VP(d) ((struct vpci_dev *)(d))

static inline void w8(uintptr_t a, uint8_t v)
{
	*(volatile uint8_t *)a = v;
}
static inline void w16(uintptr_t a, uint16_t v)
{
	*(volatile uint16_t *)a = v;
}
static inline void w32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}
static inline uint8_t r8(uintptr_t a)
{
	return *(volatile uint8_t *)a;
}
static inline uint16_t r16(uintptr_t a)
{
	return *(volatile uint16_t *)a;
}
static inline uint32_t r32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

/* 64-bit fields are written as two 32-bit halves (§4.1.3.1). */
static void w64(uintptr_t a, const void *p)
{
	w32(a, (uint32_t)(uintptr_t)p);
	w32(a + 4, (uint32_t)((uint64_t)(uintptr_t)p >> 32));
}

static uint64_t vp_get_features(struct kvirtio_dev *d)
{
	w32(VP(d)->common + CC_DFSELECT, 0);
	uint64_t f = r32(VP(d)->common + CC_DF);
	w32(VP(d)->common + CC_DFSELECT, 1);
	return f | (uint64_t)r32(VP(d)->common + CC_DF) << 32;
}

static void vp_set_features(struct kvirtio_dev *d, uint64_t f)
{
	w32(VP(d)->common + CC_GFSELECT, 0);
	w32(VP(d)->common + CC_GF, (uint32_t)f);
	w32(VP(d)->common + CC_GFSELECT, 1);
	w32(VP(d)->common + CC_GF, (uint32_t)(f >> 32));
}

static uint8_t vp_get_status(struct kvirtio_dev *d)
{
	return r8(VP(d)->common + CC_STATUS);
}

static void vp_set_status(struct kvirtio_dev *d, uint8_t s)
{
	w8(VP(d)->common + CC_STATUS, s);
}

static void vp_config_read(struct kvirtio_dev *d, unsigned int off, void *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		((uint8_t *)buf)[i] = r8(VP(d)->device + off + i);
}

static uint16_t vp_queue_max(struct kvirtio_dev *d, uint16_t index)
{
	w16(VP(d)->common + CC_Q_SELECT, index);
	return r16(VP(d)->common + CC_Q_SIZE);
}

static int vp_queue_enable(struct kvirtio_dev *d, struct kvirtq *vq)
{
	uintptr_t c = VP(d)->common;

	w16(c + CC_Q_SELECT, vq->index);
	w16(c + CC_Q_SIZE, vq->size);
	w16(c + CC_Q_MSIX, VPCI_NO_VECTOR);
	w64(c + CC_Q_DESC, vq->desc);
	w64(c + CC_Q_DRIVER, vq->avail);
	w64(c + CC_Q_DEVICE, vq->used);
	vq->notify_addr = VP(d)->notify + (uint64_t)r16(c + CC_Q_NOFF) * VP(d)->notify_mult;
	w16(c + CC_Q_ENABLE, 1);
	return 0;
}

static void vp_notify(struct kvirtio_dev *d, struct kvirtq *vq)
{
	(void)d;
	w16((uintptr_t)vq->notify_addr, vq->index);
}

static uint8_t vp_ack_irq(struct kvirtio_dev *d)
{
	return r8(VP(d)->isr);
}

static const struct kvirtio_ops vp_ops = {
	.get_features = vp_get_features,
	.set_features = vp_set_features,
	.get_status = vp_get_status,
	.set_status = vp_set_status,
	.config_read = vp_config_read,
	.queue_max = vp_queue_max,
	.queue_enable = vp_queue_enable,
	.notify = vp_notify,
	.ack_irq = vp_ack_irq,
};

/* Whether [a, a + len) lies in memory plat/x86 maps. */
static int mapped(uint64_t a, uint64_t len)
{
	return (a + len <= VPCI_MAPPED_LOW) ||
	       (a >= VPCI_MAPPED_HIGH_BASE && a + len <= 0x100000000ull);
}

/* The address a virtio capability points at (§4.1.4: bar at +4, offset +8, length +12). */
static uintptr_t cap_addr(struct kpci_dev *p, unsigned int cap)
{
	uint8_t bar = kpci_read8(p, cap + 4);
	uint32_t off = kpci_read32(p, cap + 8), len = kpci_read32(p, cap + 12);
	uint64_t base = kpci_bar_addr(p, bar);

	if (!base || !mapped(base + off, len)) {
		printk(PRINTK_WARN, "virtio-pci: BAR %u at 0x%llx is not mapped\n", bar,
		       (unsigned long long)base);
		return 0;
	}
	return (uintptr_t)(base + off);
}

static int vp_find_caps(struct vpci_dev *v)
{
	struct kpci_dev *p = v->pci;

	for (unsigned int cap = kpci_cap_find(p, VPCI_CAP_VENDOR, 0); cap;
	     cap = kpci_cap_find(p, VPCI_CAP_VENDOR, cap)) {
		switch (kpci_read8(p, cap + 3)) {
		case VPCI_CAP_COMMON:
			v->common = v->common ? v->common : cap_addr(p, cap);
			break;
		case VPCI_CAP_NOTIFY:
			v->notify = v->notify ? v->notify : cap_addr(p, cap);
			v->notify_mult = kpci_read32(p, cap + 16);
			break;
		case VPCI_CAP_ISR:
			v->isr = v->isr ? v->isr : cap_addr(p, cap);
			break;
		case VPCI_CAP_DEVICE:
			v->device = v->device ? v->device : cap_addr(p, cap);
			break;
		}
	}
	return v->common && v->notify && v->isr && v->device ? 0 : KVIRTIO_EIO;
}

static int vp_match(const struct kpci_dev *p)
{
	return p->vendor == VPCI_VENDOR && p->device >= 0x1000 && p->device <= 0x107f;
}

static int vp_probe(struct kpci_dev *p)
{
	struct vpci_dev *v = kalloc_calloc(1, sizeof(*v));

	if (!v)
		return KVIRTIO_ENOMEM;
	v->pci = p;
	v->dev.ops = &vp_ops;
	v->dev.transport = "pci";
	v->dev.type = p->device >= 0x1040 ? p->device - 0x1040 : kpci_read16(p, KPCI_SUBSYS_ID);
	v->dev.irq = p->irq_line < PLAT_IRQ_MAX ? p->irq_line : -1;
	kpci_enable(p);
	int err = vp_find_caps(v);
	if (!err)
		err = kvirtio_device_found(&v->dev);
	if (err)
		kalloc_free(v);
	return err;
}

static struct kpci_driver vp_driver = {
	.name = "virtio-pci",
	.match = vp_match,
	.probe = vp_probe,
};

static int kvirtio_pci_register(void)
{
	kpci_driver_register(&vp_driver);
	return 0;
}
KBOOT_INIT(kvirtio_pci_register, KPCI_DRIVER_LEVEL);
