/*
 * The event channel upcall's interrupt entry. Xen injects the vector set in
 * HVM_PARAM_CALLBACK_IRQ directly, not through the local APIC, so no EOI is due (params.h,
 * HVM_PARAM_CALLBACK_TYPE_VECTOR). The stub saves the registers the C ABI lets a callee
 * clobber, aligns the stack for the call (the CPU's frame leaves it 8 bytes off after the
 * pushes below), runs kxen_upcall() and returns with iretq.
 */
	.section .text.kxen_upcall, "ax"
	.code64
	.globl	kxen_upcall_entry
kxen_upcall_entry:
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
	call	kxen_upcall
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
