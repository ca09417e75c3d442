/*
 * Entry of the harness probe, a tiny PVH guest that proves tests/xen/ boots guests before
 * plat/xen exists. Xen's PVH loader needs one ELF note, XEN_ELFNOTE_PHYS32_ENTRY (type 18,
 * xen/elfnote.h): the 32-bit physical entry point. Xen enters there in flat 32-bit protected
 * mode, paging off, with %ebx holding the physical address of struct hvm_start_info
 * (arch-x86/hvm/start_info.h). The probe stays in that mode: it is 32-bit code throughout.
 */
#include <xen/elfnote.h>

	.section .note.Xen, "a", @note
	.p2align 2
	.long 4				/* name size: "Xen\0" */
	.long 4				/* descriptor size */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.p2align 2
	.long probe_start

	.text
	.code32
	.globl probe_start
probe_start:
	cld
	movl $probe_stack_top, %esp
	pushl %ebx			/* probe_main(const struct hvm_start_info *) */
	call probe_main
1:	hlt				/* probe_main never returns; if it did, stay here */
	jmp 1b

	.bss
	.p2align 4
	.space 8192
probe_stack_top:

	.section .note.GNU-stack, "", @progbits	/* no executable stack */
