/*
 * In-guest tests of the irq library over the platform's real controllers: software sources
 * (kirq_alloc_soft) stand in for devices, raised as the hardware would (a self-IPI through
 * the local APIC on KVM, an event channel send on Xen, a signal on linuxu). Waits are
 * bounded by the monotonic clock so a lost interrupt fails the case instead of hanging.
 */
#include <stdint.h>
#include <kiln/irq.h>
#include <kiln/plat.h>
#include <kiln/test.h>

#define WAIT_NS 500000000ull /* half a second: generous under TCG and nested Xen */

static int soft_a = -1, soft_b = -1, soft_c = -1;
static volatile unsigned int seen_arg;
static volatile unsigned int b_depth;
static volatile int b_ran_inside_a;

/* Waits with interrupts on until *count reaches want or WAIT_NS passed. */
static int wait_for(volatile uint64_t *count, uint64_t want)
{
	uint64_t end = plat_time_ns() + WAIT_NS;

	while (*count < want && plat_time_ns() < end)
		__asm__ volatile("pause" ::: "memory");
	return *count >= want;
}

static volatile uint64_t a_count, b_count;

static void on_a(unsigned int irq, void *arg)
{
	(void)irq;
	seen_arg = (unsigned int)(uintptr_t)arg;
	a_count++;
}

static int irq_init(void)
{
	soft_a = kirq_alloc_soft();
	soft_b = kirq_alloc_soft();
	soft_c = kirq_alloc_soft();
	return soft_a < 0 || soft_b < 0 || soft_c < 0;
}

KTEST_SUITE(irq, irq_init);

KTEST_CASE(irq, interrupts_are_on_after_boot)
{
	KTEST_EQ(plat_irq_enabled(), 1);
	KTEST_EQ(kirq_depth(), 0);
}

KTEST_CASE(irq, raised_source_runs_its_handler_once)
{
	KTEST_EQ(kirq_register((unsigned int)soft_a, on_a, (void *)(uintptr_t)0x5a), 0);
	a_count = 0;
	KTEST_EQ(kirq_raise((unsigned int)soft_a), 0);
	KTEST_TRUE(wait_for(&a_count, 1));
	KTEST_EQ(seen_arg, 0x5a);
	KTEST_EQ(kirq_count((unsigned int)soft_a), 1);
	for (int i = 0; i < 5; i++)
		KTEST_EQ(kirq_raise((unsigned int)soft_a), 0);
	KTEST_TRUE(wait_for(&a_count, 2));
	plat_time_ns();
	KTEST_TRUE(a_count >= 2 && a_count <= 6); /* raises may merge, as edges do */
}

KTEST_CASE(irq, second_handler_is_refused)
{
	KTEST_EQ(kirq_register((unsigned int)soft_a, on_a, 0), KIRQ_EBUSY);
	KTEST_EQ(kirq_register(PLAT_IRQ_MAX, on_a, 0), KIRQ_EINVAL);
	KTEST_EQ(kirq_register((unsigned int)soft_c, 0, 0), KIRQ_EINVAL);
}

KTEST_CASE(irq, masked_source_is_held_until_unmask)
{
	struct kirq_stats before, after;

	kirq_stats(&before);
	a_count = 0;
	kirq_mask((unsigned int)soft_a);
	KTEST_EQ(kirq_raise((unsigned int)soft_a), 0);
	uint64_t end = plat_time_ns() + 20000000; /* 20 ms: long enough to be delivered */
	while (plat_time_ns() < end)
		__asm__ volatile("pause");
	KTEST_EQ(a_count, 0);
	kirq_unmask((unsigned int)soft_a);
	KTEST_TRUE(wait_for(&a_count, 1));
	kirq_stats(&after);
	KTEST_EQ(a_count, 1);
	/* held here, or still pending at the controller when unmasked: either way once */
	KTEST_TRUE(after.held - before.held <= 1);
}

static void on_b(unsigned int irq, void *arg)
{
	(void)irq;
	(void)arg;
	b_depth = kirq_depth();
	b_count++;
}

/* A's handler turns interrupts back on and raises B, which must run inside it. */
static void on_a_nesting(unsigned int irq, void *arg)
{
	(void)irq;
	(void)arg;
	uint64_t before = b_count;
	plat_irq_enable();
	kirq_raise((unsigned int)soft_b);
	b_ran_inside_a = wait_for(&b_count, before + 1);
	plat_irq_disable();
	a_count++;
}

KTEST_CASE(irq, interrupt_inside_a_handler_nests_and_is_counted)
{
	struct kirq_stats before, after;

	kirq_unregister((unsigned int)soft_a);
	KTEST_EQ(kirq_register((unsigned int)soft_a, on_a_nesting, 0), 0);
	KTEST_EQ(kirq_register((unsigned int)soft_b, on_b, 0), 0);
	kirq_stats(&before);
	a_count = 0;
	kirq_raise((unsigned int)soft_a);
	KTEST_TRUE(wait_for(&a_count, 1));
	kirq_stats(&after);
	KTEST_EQ(b_ran_inside_a, 1);
	KTEST_EQ(b_depth, 2);
	KTEST_EQ(after.nested - before.nested, 1);
	KTEST_TRUE(after.max_depth >= 2);
	KTEST_EQ(kirq_depth(), 0);
}

KTEST_CASE(irq, interrupt_with_no_source_counts_as_spurious)
{
	struct kirq_stats before, after;

	kirq_stats(&before);
	plat_irq_raise_spurious();
	uint64_t end = plat_time_ns() + 20000000;
	while (plat_time_ns() < end)
		__asm__ volatile("pause");
	kirq_stats(&after);
	KTEST_EQ(after.spurious - before.spurious, 1);
	KTEST_EQ(after.handled, before.handled);
}

KTEST_CASE(irq, source_without_handler_counts_as_unhandled)
{
	struct kirq_stats before, after;

	kirq_stats(&before);
	plat_irq_set_masked((unsigned int)soft_c, 0); /* at the controller, no handler */
	KTEST_EQ(kirq_raise((unsigned int)soft_c), 0);
	uint64_t end = plat_time_ns() + 20000000;
	while (plat_time_ns() < end)
		__asm__ volatile("pause");
	kirq_stats(&after);
	KTEST_EQ(after.unhandled - before.unhandled, 1);
	KTEST_EQ(after.handled, before.handled);
}
