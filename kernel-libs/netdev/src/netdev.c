/*
 * The list of network devices drivers registered, in the order they registered, and the
 * small helpers every stack and driver share.
 */
#include <kiln/netdev.h>
#include <kiln/sched.h>

static struct knetdev *devices;

void knetdev_register(struct knetdev *nd)
{
	struct knetdev **p = &devices;

	while (*p)
		p = &(*p)->next;
	nd->next = 0;
	*p = nd;
}

unsigned int knetdev_count(void)
{
	unsigned int n = 0;

	for (struct knetdev *d = devices; d; d = d->next)
		n++;
	return n;
}

struct knetdev *knetdev_at(unsigned int i)
{
	struct knetdev *d = devices;

	while (d && i--)
		d = d->next;
	return d;
}

void knetdev_attach(struct knetdev *nd, const struct knetdev_stack *stack)
{
	unsigned long s = ksched_lock(); /* event() may come from an interrupt at once */

	nd->stack = *stack;
	ksched_unlock(s);
}

void knetdev_mac_str(const struct knetdev *nd, char *buf)
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < 6; i++) {
		buf[3 * i] = hex[nd->mac[i] >> 4];
		buf[3 * i + 1] = hex[nd->mac[i] & 15];
		buf[3 * i + 2] = i < 5 ? ':' : 0;
	}
}
