/*
 * xt_hc_regs(stub, a1, a2, diff): one hypercall through stub (a 32-byte entry of the
 * hypercall page) with a1, a2 in %rdi, %rsi and %rdx = 0, while every general register
 * outside Xen's x86_64 hypercall ABI (%rbx, %rcx, %r9, %r11, %r12-%r15) holds a pattern.
 * Returns Xen's result in %rax; *diff gets the OR of each such register XORed with what it
 * held before the call, so 0 when the stub, Xen and any upcall taken inside the stub left
 * them all alone (%rbp and %rsp: the function would not return). In assembly because a C
 * asm statement cannot clobber that many registers and still address its operands.
 */
#define XT_PATTERN 0x5a17c0de0ff1ce00

	.section .text.xt_hc_regs, "ax"
	.code64
	.globl	xt_hc_regs
xt_hc_regs:
	push	%rbp
	mov	%rsp, %rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rcx			/* diff: -48(%rbp) */
	push	%rdi			/* stub: -56(%rbp) */
	mov	%rsi, %rdi
	mov	%rdx, %rsi
	xor	%edx, %edx
	movabs	$XT_PATTERN, %rax
	lea	1(%rax), %rbx
	lea	2(%rax), %rcx
	lea	3(%rax), %r9
	lea	4(%rax), %r11
	lea	5(%rax), %r12
	lea	6(%rax), %r13
	lea	7(%rax), %r14
	lea	8(%rax), %r15
	call	*-56(%rbp)
	mov	%rax, %r8		/* the result; %r8 is an argument register */
	movabs	$XT_PATTERN, %rax
	sub	%rax, %rbx
	sub	%rax, %rcx
	sub	%rax, %r9
	sub	%rax, %r11
	sub	%rax, %r12
	sub	%rax, %r13
	sub	%rax, %r14
	sub	%rax, %r15
	xor	$1, %rbx
	xor	$2, %rcx
	xor	$3, %r9
	xor	$4, %r11
	xor	$5, %r12
	xor	$6, %r13
	xor	$7, %r14
	xor	$8, %r15
	or	%rcx, %rbx
	or	%r9, %rbx
	or	%r11, %rbx
	or	%r12, %rbx
	or	%r13, %rbx
	or	%r14, %rbx
	or	%r15, %rbx
	mov	-48(%rbp), %rdx
	mov	%rbx, (%rdx)
	mov	%r8, %rax
	lea	-40(%rbp), %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	ret

	.section .note.GNU-stack, "", @progbits
