/*
 * The event channel upcall's interrupt entry when the irq library is in the image: the same
 * as upcall.S (Xen injects the vector directly, no EOI is due), but through irq.c's
 * kxen_irq_upcall, which counts upcalls that find nothing pending before handling events.
 * Kept apart so images without interrupts carry none of it.
 */
	.section .text.kxen_irq_entry, "ax"
	.code64
	.globl	kxen_irq_entry
kxen_irq_entry:
	cld
	push	%rax
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%rbp
	mov	%rsp, %rbp
	and	$-16, %rsp
	call	kxen_irq_upcall
	mov	%rbp, %rsp
	pop	%rbp
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rax
	iretq

	.section .note.GNU-stack, "", @progbits
