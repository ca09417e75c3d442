/*
 * Interrupt entries of plat/kvm, vectors 32-255: one 16-byte stub per vector (C finds the
 * stub of vector v at kvm_intr_stubs + 16 * (v - 32)) pushes the vector and joins
 * kvm_intr_common, which saves the registers the C ABI lets a callee clobber, calls
 * kvm_intr(vector) on a 16-byte aligned stack and returns with iretq. Interrupt gates clear
 * RFLAGS.IF (SDM vol. 3 §6.8.1), so handlers run with interrupts off. Only images with the
 * irq library carry this file.
 */
	.section .text.kvm_intr, "ax"
	.code64
	.align	16
	.globl	kvm_intr_stubs
kvm_intr_stubs:
	.set	vec, 32
	.rept	224
	.align	16
	pushq	$vec
	jmp	kvm_intr_common
	.set	vec, vec + 1
	.endr

kvm_intr_common:
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
	mov	80(%rsp), %rdi		/* the vector the stub pushed, below the 10 saves */
	mov	%rsp, %rbp
	and	$-16, %rsp
	call	kvm_intr
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
	add	$8, %rsp		/* the vector */
	iretq

	.section .note.GNU-stack, "", @progbits
