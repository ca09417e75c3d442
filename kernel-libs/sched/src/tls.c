/*
 * Thread-local storage: `__thread` variables, one copy per thread. The compiler reaches
 * them at fixed negative offsets from the thread pointer, the FS base (the x86_64 ELF TLS
 * ABI, "variant II": the block ends at the thread pointer, whose first word points at
 * itself). The platform's linker script gathers .tdata (initialised) and .tbss (zeroed) and
 * marks their bounds (_kiln_tls_start, _kiln_tdata_end, _kiln_tls_end, _kiln_tls_align);
 * the linker computes every offset from the block's size rounded up to its alignment, so a
 * block here has the same layout: [.tdata copy][zeroes][pad] tp -> [tp][0].
 * Images without `__thread` variables have an empty block and never touch the FS base.
 */
#include <stdint.h>
#include <string.h>
#include <kiln/plat.h>
#include "thread.h"

#define KTLS_TCB 16 /* the self pointer, and a spare word */

extern char _kiln_tls_start[], _kiln_tdata_end[], _kiln_tls_end[], _kiln_tls_align[];

/* Through uintptr_t: the compiler may assume distinct arrays never share an address. */
static size_t ktls_data_size(void)
{
	return (uintptr_t)_kiln_tdata_end - (uintptr_t)_kiln_tls_start;
}

static size_t ktls_template_size(void)
{
	return (uintptr_t)_kiln_tls_end - (uintptr_t)_kiln_tls_start;
}

/* The template's own alignment, which the linker rounded its size up to. */
static size_t ktls_template_align(void)
{
	size_t align = (size_t)(uintptr_t)_kiln_tls_align;

	return align ? align : 1;
}

/* Where the thread pointer may sit: the template's alignment, and 16 for the TCB words. */
size_t ktls_align(void)
{
	return ktls_template_align() < 16 ? 16 : ktls_template_align();
}

/* The block below the thread pointer: the template's size rounded up exactly as the linker
 * did when it computed the offsets. */
static size_t ktls_below(void)
{
	size_t a = ktls_template_align();

	return (ktls_template_size() + a - 1) / a * a;
}

size_t ktls_size(void)
{
	return !ktls_template_size() ? 0 : ktls_below() + ktls_align() + KTLS_TCB;
}

uintptr_t ktls_setup(void *mem)
{
	uintptr_t tp = ((uintptr_t)mem + ktls_below() + ktls_align() - 1) & ~(ktls_align() - 1);
	char *block = (char *)(tp - ktls_below());
	size_t data = ktls_data_size();

	memcpy(block, _kiln_tls_start, data);
	memset(block + data, 0, ktls_below() - data);
	((uintptr_t *)tp)[0] = tp;
	((uintptr_t *)tp)[1] = 0;
	return tp;
}

void ktls_switch(const struct kthread *next)
{
	if (ktls_template_size())
		plat_tls_set(next->tp);
}
