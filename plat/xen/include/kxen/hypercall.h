/*
 * Hypercalls from a 64-bit PVH guest. Xen writes one 32-byte stub per hypercall into a page
 * the guest names through an MSR (src/hypercall.c); calling stub nr with the arguments in
 * %rdi, %rsi, %rdx, %r10, %r8 performs hypercall nr, result in %rax (xen.h, "HYPERCALLS").
 * The stub uses vmcall or vmmcall as the CPU needs, so one image runs on Intel and AMD.
 * Xen's debug builds scramble the argument registers, hence every one is an output here.
 *
 * Xen's public headers (Debian's libxen-dev) give the numbers and structures.
 */
#ifndef KXEN_HYPERCALL_H
#define KXEN_HYPERCALL_H

#include <stdint.h>
#include <kxen/xen.h>

extern uint8_t kxen_hypercall_page[4096];

static inline long kxen_hypercall(unsigned int nr, unsigned long a1, unsigned long a2,
				  unsigned long a3)
{
	long ret;

	__asm__ volatile("call *%[stub]"
			 : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3)
			 : [stub] "r"(kxen_hypercall_page + nr * 32)
			 : "memory", "r8", "r10");
	return ret;
}

/* Two-argument hypercalls, the common case: KXEN_HC(sched_op, SCHEDOP_yield, 0). */
#define KXEN_HC(nr, a1, a2)                                                                        \
	kxen_hypercall(__HYPERVISOR_##nr, (unsigned long)(a1), (unsigned long)(a2), 0)

/* HVMOP_get_param for this domain; 0 when Xen refuses (the param is then unusable). */
uint64_t kxen_hvm_param(uint32_t index);

/* True when this is the initial domain (dom0): no console ring, no xenstore. */
int kxen_is_initial_domain(void);

#endif
