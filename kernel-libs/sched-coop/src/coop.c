/*
 * The cooperative scheduler: the sched library's FIFO run queue, and nothing that takes the
 * CPU from a running thread. Its hooks therefore do nothing.
 */
#include <kiln/sched.h>

static const struct ksched_info ksched_coop_info = { "cooperative", 0 };

const struct ksched_info *ksched_info(void)
{
	return &ksched_coop_info;
}

void ksched_provider_init(void)
{
}

void ksched_provider_switched(struct kthread *next)
{
	(void)next;
}
