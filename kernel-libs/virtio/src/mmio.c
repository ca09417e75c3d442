/*
 * The virtio-mmio transport (virtio 1.2 §4.2): a register block per device, found on the
 * kernel command line as QEMU's microvm machine writes it, one word per device,
 * "virtio_mmio.device=<size>@<base>:<irq>" (the Linux driver's syntax; sizes may end in K
 * or M). QEMU writes them only when microvm has no ACPI (-M microvm,acpi=off, which kiln
 * run uses for networking); with ACPI the devices are described in its DSDT instead, which
 * kiln does not read: then the transports' window microvm always uses (up to 24 slots of 512
 * bytes from 0xfeb00000) is probed, and the devices found are polled, since their
 * interrupts go to a second I/O APIC. Version 2 is the modern interface (§4.2.2); version 1, which
 * QEMU offers unless told -global virtio-mmio.force-legacy=false, is the legacy one (§4.2.4): 32
 * feature bits, no FEATURES_OK, and each queue given as one page frame number with the used ring at
 * the next QueueAlign boundary. Interrupts: the line is raised while InterruptStatus is not 0 and
 * lowered by writing the bits to InterruptACK.
 */
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/boot.h>
#include <kiln/printk.h>
#include <kiln/virtio.h>

#define MMIO_MAGIC	   0x000
#define MMIO_VERSION	   0x004
#define MMIO_DEVICE_ID	   0x008
#define MMIO_DEV_FEATURES  0x010
#define MMIO_DEV_FEAT_SEL  0x014
#define MMIO_DRV_FEATURES  0x020
#define MMIO_DRV_FEAT_SEL  0x024
#define MMIO_GUEST_PAGE	   0x028
#define MMIO_QUEUE_SEL	   0x030
#define MMIO_QUEUE_NUM_MAX 0x034
#define MMIO_QUEUE_NUM	   0x038
#define MMIO_QUEUE_ALIGN   0x03c
#define MMIO_QUEUE_PFN	   0x040
#define MMIO_QUEUE_READY   0x044
#define MMIO_QUEUE_NOTIFY  0x050
#define MMIO_IRQ_STATUS	   0x060
#define MMIO_IRQ_ACK	   0x064
#define MMIO_STATUS	   0x070
#define MMIO_QUEUE_DESC	   0x080
#define MMIO_QUEUE_DRIVER  0x090
#define MMIO_QUEUE_DEVICE  0x0a0
#define MMIO_CONFIG	   0x100
#define MMIO_MAGIC_VALUE   0x74726976u /* "virt" */

#define MMIO_MAX_DEVICES 8
#define MICROVM_BASE	 0xfeb00000ull
#define MICROVM_SLOTS	 24
#define MMIO_SLOT	 512

struct mmio_dev {
	struct kvirtio_dev dev;
	uintptr_t base;
};

static inline uint32_t rd(struct kvirtio_dev *d, unsigned int off)
{
	return *(volatile uint32_t *)(((struct mmio_dev *)d)->base + off);
}

static inline void wr(struct kvirtio_dev *d, unsigned int off, uint32_t v)
{
	*(volatile uint32_t *)(((struct mmio_dev *)d)->base + off) = v;
}

static uint64_t mmio_get_features(struct kvirtio_dev *d)
{
	wr(d, MMIO_DEV_FEAT_SEL, 0);
	uint64_t f = rd(d, MMIO_DEV_FEATURES);
	if (!d->legacy) {
		wr(d, MMIO_DEV_FEAT_SEL, 1);
		f |= (uint64_t)rd(d, MMIO_DEV_FEATURES) << 32;
	}
	return f;
}

static void mmio_set_features(struct kvirtio_dev *d, uint64_t f)
{
	wr(d, MMIO_DRV_FEAT_SEL, 0);
	wr(d, MMIO_DRV_FEATURES, (uint32_t)f);
	if (!d->legacy) {
		wr(d, MMIO_DRV_FEAT_SEL, 1);
		wr(d, MMIO_DRV_FEATURES, (uint32_t)(f >> 32));
	}
}

static uint8_t mmio_get_status(struct kvirtio_dev *d)
{
	return (uint8_t)rd(d, MMIO_STATUS);
}

static void mmio_set_status(struct kvirtio_dev *d, uint8_t s)
{
	wr(d, MMIO_STATUS, s);
}

static void mmio_config_read(struct kvirtio_dev *d, unsigned int off, void *buf, size_t len)
{
	volatile uint8_t *cfg = (volatile uint8_t *)(((struct mmio_dev *)d)->base + MMIO_CONFIG);

	for (size_t i = 0; i < len; i++)
		((uint8_t *)buf)[i] = cfg[off + i];
}

static uint16_t mmio_queue_max(struct kvirtio_dev *d, uint16_t index)
{
	wr(d, MMIO_QUEUE_SEL, index);
	return (uint16_t)rd(d, MMIO_QUEUE_NUM_MAX);
}

static void wr64(struct kvirtio_dev *d, unsigned int off, const void *p)
{
	uint64_t a = (uint64_t)(uintptr_t)p;

	wr(d, off, (uint32_t)a);
	wr(d, off + 4, (uint32_t)(a >> 32));
}

static int mmio_queue_enable(struct kvirtio_dev *d, struct kvirtq *vq)
{
	wr(d, MMIO_QUEUE_SEL, vq->index);
	wr(d, MMIO_QUEUE_NUM, vq->size);
	if (d->legacy) {
		wr(d, MMIO_QUEUE_ALIGN, KVIRTQ_ALIGN);
		wr(d, MMIO_QUEUE_PFN, (uint32_t)((uintptr_t)vq->ring_mem / KALLOC_PAGE_SIZE));
		return 0;
	}
	wr64(d, MMIO_QUEUE_DESC, vq->desc);
	wr64(d, MMIO_QUEUE_DRIVER, vq->avail);
	wr64(d, MMIO_QUEUE_DEVICE, vq->used);
	wr(d, MMIO_QUEUE_READY, 1);
	return rd(d, MMIO_QUEUE_READY) == 1 ? 0 : KVIRTIO_EIO;
}

static void mmio_notify(struct kvirtio_dev *d, struct kvirtq *vq)
{
	wr(d, MMIO_QUEUE_NOTIFY, vq->index);
}

static uint8_t mmio_ack_irq(struct kvirtio_dev *d)
{
	uint32_t s = rd(d, MMIO_IRQ_STATUS);

	if (s)
		wr(d, MMIO_IRQ_ACK, s);
	return (uint8_t)s;
}

static const struct kvirtio_ops mmio_ops = {
	.get_features = mmio_get_features,
	.set_features = mmio_set_features,
	.get_status = mmio_get_status,
	.set_status = mmio_set_status,
	.config_read = mmio_config_read,
	.queue_max = mmio_queue_max,
	.queue_enable = mmio_queue_enable,
	.notify = mmio_notify,
	.ack_irq = mmio_ack_irq,
};

/* A number in C syntax (decimal or 0x hex) with an optional K or M; *end past it. */
static uint64_t parse_num(const char *s, const char **end)
{
	uint64_t v = 0;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (;; s++) {
		int c = *s, dig;
		if (c >= '0' && c <= '9')
			dig = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			dig = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			dig = c - 'A' + 10;
		else
			break;
		v = v * base + dig;
	}
	if (*s == 'K' || *s == 'k')
		v <<= 10, s++;
	else if (*s == 'M' || *s == 'm')
		v <<= 20, s++;
	*end = s;
	return v;
}

/* "<size>@<base>:<irq>": 0 and the fields, or -1 for anything else. */
int kvirtio_mmio_parse(const char *w, uint64_t *size, uint64_t *base, unsigned int *irq)
{
	const char *p;

	*size = parse_num(w, &p);
	if (p == w || *p != '@')
		return -1;
	w = p + 1;
	*base = parse_num(w, &p);
	if (p == w || *p != ':')
		return -1;
	w = p + 1;
	*irq = (unsigned int)parse_num(w, &p);
	if (p == w || (*p && *p != ' ' && *p != ':'))
		return -1;
	return *size >= MMIO_CONFIG && *base ? 0 : -1;
}

static void mmio_probe(uint64_t base, unsigned int irq)
{
	struct mmio_dev probe = { .base = (uintptr_t)base };
	uint32_t version = rd(&probe.dev, MMIO_VERSION);

	if (rd(&probe.dev, MMIO_MAGIC) != MMIO_MAGIC_VALUE || version < 1 || version > 2)
		return;
	uint32_t type = rd(&probe.dev, MMIO_DEVICE_ID);
	if (type == 0) /* a transport with no device behind it (§4.2.3.1.1) */
		return;
	struct mmio_dev *m = kalloc_calloc(1, sizeof(*m));
	if (!m)
		return;
	m->base = probe.base;
	m->dev.ops = &mmio_ops;
	m->dev.transport = "mmio";
	m->dev.type = (uint16_t)type;
	m->dev.legacy = version == 1;
	m->dev.irq = irq < PLAT_IRQ_MAX ? (int)irq : -1;
	if (m->dev.legacy)
		wr(&m->dev, MMIO_GUEST_PAGE, KALLOC_PAGE_SIZE);
	if (kvirtio_device_found(&m->dev))
		kalloc_free(m);
}

#define MMIO_KEY "virtio_mmio.device="

static int kvirtio_mmio_boot(void)
{
	const char *s = kboot_info()->cmdline;
	int found = 0;

	/* The raw command line: QEMU appends these words at its end, after any "--". */
	for (const char *p = s; (p = strstr(p, MMIO_KEY)) != 0; p += sizeof(MMIO_KEY) - 1) {
		uint64_t size, base;
		unsigned int irq;

		if (p != s && p[-1] != ' ')
			continue;
		if (kvirtio_mmio_parse(p + sizeof(MMIO_KEY) - 1, &size, &base, &irq) == 0 &&
		    found++ < MMIO_MAX_DEVICES)
			mmio_probe(base, irq);
	}
	for (int i = 0; !found && i < MICROVM_SLOTS; i++)
		mmio_probe(MICROVM_BASE + MMIO_SLOT * (uint64_t)i, PLAT_IRQ_MAX);
	return 0;
}
KBOOT_INIT(kvirtio_mmio_boot, 62);
