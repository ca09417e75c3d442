/*
 * Split virtqueues (virtio 1.2 §2.7): a descriptor table, the available ring the driver
 * fills and the used ring the device fills, in one page-aligned allocation laid out as the
 * legacy interface requires (§2.7.2: the used ring at the next 4096-byte boundary), which
 * modern transports take as three addresses just as well. Memory is identity-mapped, so a
 * buffer's address is the one the device is given. Free descriptors form a list through
 * their next fields.
 */
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/virtio.h>

#define ALIGN_UP(x, a) (((x) + (a)-1) & ~((size_t)(a)-1))

/* The barriers the ring protocol needs (§2.7.13): x86 keeps stores in order and loads in
 * order, so only the compiler must be held back, except for a store followed by a load of
 * another location (publishing avail->idx, then reading used->flags), which needs mfence. */
#define compiler_barrier() __asm__ volatile("" ::: "memory")
#define full_barrier()	   __atomic_thread_fence(__ATOMIC_SEQ_CST)

static size_t ring_bytes(uint16_t size)
{
	size_t avail_end = 16ul * size + 6 + 2ul * size;

	return ALIGN_UP(avail_end, KVIRTQ_ALIGN) + ALIGN_UP(6 + 8ul * size, KVIRTQ_ALIGN);
}

static int ring_alloc(struct kvirtq *vq)
{
	vq->ring_pages = ring_bytes(vq->size) / KALLOC_PAGE_SIZE;
	vq->ring_mem = kalloc_pages(vq->ring_pages);
	vq->cookies = kalloc_calloc(vq->size, sizeof(void *));
	if (!vq->ring_mem || !vq->cookies)
		return KVIRTIO_ENOMEM;
	memset(vq->ring_mem, 0, vq->ring_pages * KALLOC_PAGE_SIZE);
	char *p = vq->ring_mem;
	vq->desc = (struct kvirtq_desc *)p;
	vq->avail = (struct kvirtq_avail *)(p + 16ul * vq->size);
	vq->used = (struct kvirtq_used *)(p + ALIGN_UP(16ul * vq->size + 6 + 2ul * vq->size,
						       KVIRTQ_ALIGN));
	for (uint16_t i = 0; i + 1 < vq->size; i++)
		vq->desc[i].next = i + 1;
	vq->num_free = vq->size;
	return 0;
}

static void vq_free(struct kvirtq *vq)
{
	if (vq->ring_mem)
		kalloc_free_pages(vq->ring_mem, vq->ring_pages);
	kalloc_free(vq->cookies);
	kalloc_free(vq);
}

struct kvirtq *kvirtq_create(struct kvirtio_dev *d, uint16_t index, uint16_t max)
{
	uint16_t dmax = d->ops->queue_max(d, index);

	if (!dmax)
		return 0;
	struct kvirtq *vq = kalloc_calloc(1, sizeof(*vq));
	if (!vq)
		return 0;
	vq->dev = d;
	vq->index = index;
	/* A split queue's size is a power of 2 (§2.7): the largest one within both limits. */
	uint16_t want = dmax < max ? dmax : max;
	vq->size = 1;
	while ((uint16_t)(vq->size * 2) <= want && vq->size < 32768)
		vq->size *= 2;
	if (ring_alloc(vq) || d->ops->queue_enable(d, vq)) {
		vq_free(vq);
		return 0;
	}
	return vq;
}

int kvirtq_add(struct kvirtq *vq, const struct kvirtq_seg *segs, unsigned int n, void *cookie)
{
	if (n == 0 || n > vq->num_free)
		return KVIRTIO_ENOSPC;
	uint16_t head = vq->free_head, i = head, last = head;

	for (unsigned int k = 0; k < n; k++) {
		struct kvirtq_desc *desc = &vq->desc[i];

		desc->addr = (uint64_t)(uintptr_t)segs[k].addr;
		desc->len = segs[k].len;
		desc->flags = (segs[k].write ? KVIRTQ_DESC_F_WRITE : 0) |
			      (k + 1 < n ? KVIRTQ_DESC_F_NEXT : 0);
		last = i;
		i = desc->next;
	}
	vq->free_head = vq->desc[last].next;
	vq->num_free -= n;
	vq->cookies[head] = cookie;
	vq->avail->ring[vq->avail->idx % vq->size] = head;
	compiler_barrier(); /* the entry before the index that publishes it (§2.7.13.3) */
	vq->avail->idx++;
	return 0;
}

void kvirtq_kick(struct kvirtq *vq)
{
	full_barrier(); /* the index out before reading the device's flag (§2.7.13.4) */
	if (!(*(volatile uint16_t *)&vq->used->flags & 1)) /* VIRTQ_USED_F_NO_NOTIFY */
		vq->dev->ops->notify(vq->dev, vq);
}

int kvirtq_pending(const struct kvirtq *vq)
{
	return *(volatile uint16_t *)&vq->used->idx != vq->last_used;
}

/* Returns a chain of descriptors to the free list. */
static void free_chain(struct kvirtq *vq, uint16_t head)
{
	uint16_t i = head, n = 1;

	while (vq->desc[i].flags & KVIRTQ_DESC_F_NEXT) {
		i = vq->desc[i].next;
		n++;
	}
	vq->desc[i].next = vq->free_head;
	vq->free_head = head;
	vq->num_free += n;
}

void *kvirtq_get(struct kvirtq *vq, uint32_t *len)
{
	if (!kvirtq_pending(vq))
		return 0;
	compiler_barrier(); /* the element after the index that published it */
	struct kvirtq_used_elem *e = &vq->used->ring[vq->last_used % vq->size];
	uint16_t head = (uint16_t)e->id;

	if (len)
		*len = e->len;
	vq->last_used++;
	void *cookie = vq->cookies[head];
	vq->cookies[head] = 0;
	free_chain(vq, head);
	return cookie;
}

void kvirtq_set_interrupts(struct kvirtq *vq, int on)
{
	if (on)
		vq->avail->flags &= ~KVIRTQ_AVAIL_F_NO_INTERRUPT;
	else
		vq->avail->flags |= KVIRTQ_AVAIL_F_NO_INTERRUPT;
	full_barrier();
}
