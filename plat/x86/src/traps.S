/*
 * The 32 exception stubs and their common path. Each stub is 16 bytes long (so C finds stub
 * n at x86_trap_stubs + 16 * n), pushes a 0 where the CPU pushes no error code (SDM vol. 3
 * §6.13: vectors 8, 10-14, 17, 21, 29 and 30 have one), then the vector number, and joins
 * x86_trap_common, which saves the general registers in the order struct x86_regs expects
 * and calls x86_trap() with a pointer to the frame. x86_trap() does not return.
 */
	.section .text.x86_traps, "ax"
	.code64
	.align	16
	.globl	x86_trap_stubs
x86_trap_stubs:
	.set	vec, 0
	.rept	32
	.align	16
	.if	!((vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30))
	pushq	$0
	.endif
	pushq	$vec
	jmp	x86_trap_common
	.set	vec, vec + 1
	.endr

x86_trap_common:
	cld
	push	%rax
	push	%rbx
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%rbp
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, %rdi
	and	$-16, %rsp		/* the C ABI wants a 16-byte aligned stack at calls */
	call	x86_trap
1:	cli
	hlt
	jmp	1b
