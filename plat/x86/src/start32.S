/*
 * From 32-bit protected mode (paging off, as multiboot and PVH both leave the CPU) to long
 * mode, then into C. x86_pvh_start32 below is the PVH entry every x86 platform can name in
 * its XEN_ELFNOTE_PHYS32_ENTRY note; other entry stubs read the TSC, then jump to
 * x86_start32 with
 *   %edi = boot protocol magic (X86_PVH_MAGIC, multiboot's 0x2BADB002, ...)
 *   %esi = physical address of that protocol's boot information
 * and this file calls x86_platform_entry(magic, info) on the boot stack.
 *
 * Memory is identity-mapped (virtual == physical) with 2 MiB pages: the first GiB, where the
 * image and RAM live (a table written out in .data), and the top 32 MiB below 4 GiB, where
 * the local APIC, IO-APIC, HPET and microvm's ACPI GED device sit (uncached). Entering long
 * mode follows Intel SDM vol. 3 §10.8.5: PAE on, CR3 loaded, EFER.LME set, then CR0.PG,
 * then a far jump to a 64-bit code segment. The loader zeroed .bss (multiboot §3.1.3, ELF
 * p_memsz), so the tables start empty. The boot stack's size is the option
 * PLAT_X86_STACK_SIZE (from plat-x86's config header); below it lies a guard page.
 */
#include <x86/asm.h>
#include <x86/pvh.h>

	.section .text.boot, "ax"
	.code32

	/* PVH (Xen and QEMU): %ebx = struct hvm_start_info; the TSC first, to time the boot. */
	.globl	x86_pvh_start32
x86_pvh_start32:
	rdtsc
	mov	%eax, x86_boot_tsc
	mov	%edx, x86_boot_tsc + 4
	mov	$X86_PVH_MAGIC, %edi
	mov	%ebx, %esi

	.globl	x86_start32
x86_start32:
	lgdt	x86_gdt_desc
	mov	$X86_SEL_DATA, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%eax, %fs
	mov	%eax, %gs

	/* PML4[0] -> PDPT; PDPT[0] -> first GiB; PDPT[3] -> fourth GiB. */
	movl	$(x86_pdpt + X86_PTE_TABLE), x86_pml4
	movl	$(x86_pd_low + X86_PTE_TABLE), x86_pdpt
	movl	$(x86_pd_high + X86_PTE_TABLE), x86_pdpt + 3 * 8

	/* 0xfe000000-0xffffffff: 16 uncached large pages (devices). */
	mov	$(x86_pd_high + 496 * 8), %ebx
	mov	$(0xfe000000 + X86_PTE_LARGE + X86_PTE_NOCACHE), %eax
	mov	$16, %ecx
1:	mov	%eax, (%ebx)
	add	$0x200000, %eax
	add	$8, %ebx
	loop	1b

	/*
	 * The boot stack's guard page: x86_guard_pt maps the guard's 2 MiB page in small
	 * pages, the guard's own not present, and replaces the large page there (SDM vol. 3
	 * §4.5). Before paging is on, so no TLB entry needs dropping.
	 */
	mov	$x86_stack_guard, %eax
	shr	$12, %eax
	and	$511, %eax
	movl	$0, x86_guard_pt(, %eax, 8)
	mov	$x86_stack_guard, %eax
	shr	$21, %eax
	movl	$(x86_guard_pt + X86_PTE_TABLE), x86_pd_low(, %eax, 8)

	mov	%cr4, %eax
	or	$X86_CR4_PAE, %eax
#ifdef CONFIG_PLAT_X86_SSE
	/*
	 * SSE and x87 for code built with them (PLAT_X86_SSE; newlib's floating point):
	 * SDM vol. 3 §13.1.4: CR4.OSFXSR and OSXMMEXCPT let SSE instructions run (else #UD),
	 * CR0.EM clear and MP set let x87/SSE run without #NM, NE reports x87 errors as #MF.
	 */
	or	$(X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT), %eax
	mov	%eax, %cr4
	mov	%cr0, %eax
	and	$~X86_CR0_EM, %eax
	or	$(X86_CR0_MP | X86_CR0_NE), %eax
	mov	%eax, %cr0
	fninit
	mov	%cr4, %eax
#endif
	mov	%eax, %cr4
	mov	$x86_pml4, %eax
	mov	%eax, %cr3
	mov	$X86_MSR_EFER, %ecx
	rdmsr
	or	$X86_EFER_LME, %eax
	wrmsr
	mov	%cr0, %eax
	or	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	mov	%eax, %cr0
	ljmp	$X86_SEL_CODE64, $x86_start64

	.code64
x86_start64:
	mov	$X86_SEL_DATA, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	lea	x86_boot_stack_top(%rip), %rsp
	xor	%ebp, %ebp		/* ends the frame chain for backtraces */
	mov	%edi, %edi		/* upper halves are undefined after the switch */
	mov	%esi, %esi
	call	x86_platform_entry
3:	cli
	hlt
	jmp	3b

	/*
	 * Flat segments: 64-bit code, data, 32-bit code (SDM vol. 3 §3.4.5), then two slots
	 * for the TSS descriptor src/tss.c writes. In .data: ltr sets the descriptor's busy bit.
	 */
	.section .data.x86_gdt, "aw"
	.align	16
	.globl	x86_gdt
x86_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* X86_SEL_CODE64: L=1, DPL 0, execute/read */
	.quad	0x00cf92000000ffff	/* X86_SEL_DATA: 4 GiB, read/write */
	.quad	0x00cf9a000000ffff	/* X86_SEL_CODE32 */
	.quad	0, 0			/* X86_SEL_TSS */
x86_gdt_end:
	.align	8
	.globl	x86_gdt_desc
x86_gdt_desc:
	.word	x86_gdt_end - x86_gdt - 1
	.quad	x86_gdt

	.section .data.x86_boot_tsc, "aw"
	.align	8
	.globl	x86_boot_tsc
x86_boot_tsc:
	.quad	0

	/*
	 * The first GiB's 512 large pages, written out in the image: 4 KiB of file spare
	 * the 1,500 instructions a fill loop costs, which matter where KVM emulates them (PVM).
	 */
	.section .data.x86_pd_low, "aw"
	.align	4096
	.globl	x86_pd_low
x86_pd_low:
	.set	page, 0
	.rept	512
	.quad	(page << 21) + X86_PTE_LARGE
	.set	page, page + 1
	.endr

	/*
	 * The 2 MiB page around the boot stack's guard as 512 small pages (the entry code
	 * clears the guard's). Written out for the same reason as x86_pd_low (a fill loop took
	 * 1.3 ms under PVM); x86_guard_region, the guard's address rounded down to 2 MiB, comes
	 * from the platform's linker script, as only the linker knows it.
	 */
	.section .data.x86_guard_pt, "aw"
	.align	4096
x86_guard_pt:
	.set	page, 0
	.rept	512
	.quad	x86_guard_region + (page << 12) + X86_PTE_TABLE
	.set	page, page + 1
	.endr

	.section .bss.x86_pagetables, "aw", @nobits
	.align	4096
x86_pml4:
	.skip	4096
x86_pdpt:
	.skip	4096
x86_pd_high:
	.skip	4096

	/* A page below the stack, not mapped (see above): an overflow faults there. */
	.section .bss.x86_boot_stack, "aw", @nobits
	.align	4096
	.globl	x86_stack_guard
x86_stack_guard:
	.skip	4096
	.skip	CONFIG_PLAT_X86_STACK_SIZE
x86_boot_stack_top:
