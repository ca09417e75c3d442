/*
 * The context switch for x86_64. A switch is a function call, so only the registers the
 * SysV ABI makes callee-saved need keeping (RBX, RBP, R12-R15; §3.2.1); RFLAGS and the rest
 * are the caller's business (the scheduler lock keeps IF as it was). The outgoing thread's
 * registers go onto its own stack, the stack pointer into *save_sp; the incoming thread's
 * stack holds what its own ksched_switch() pushed, or, for a new thread, a frame thread.c
 * built whose return address is ksched_thread_entry. Kernel code builds with
 * -mgeneral-regs-only, but with SSE on (SCHED_FPU, for newlib's floating point) a thread
 * may be preempted in the middle of float work: then the x87/SSE state goes into the
 * outgoing record's 16-byte aligned area (fxsave) and comes from the incoming one's
 * (fxrstor; Intel SDM vol. 1 §10.5). A voluntary switch pays the same, to keep MXCSR and
 * the x87 control word, which the ABI makes callee-saved.
 */
	.text
	.globl	ksched_switch
	.type	ksched_switch, @function
ksched_switch:		/* (uintptr_t *save_sp, uintptr_t new_sp, void *save_fpu, void *new_fpu) */
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, (%rdi)
#ifdef CONFIG_SCHED_FPU
	fxsave64	(%rdx)
	fxrstor64	(%rcx)
#endif
	mov	%rsi, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	ret
	.size	ksched_switch, . - ksched_switch

/* A new thread's first instruction: RBP is 0 (the frame thread.c built), which ends the
 * backtrace here; the stack is 16-byte aligned as a call wants it. */
	.globl	ksched_thread_entry
	.type	ksched_thread_entry, @function
ksched_thread_entry:
	call	ksched_thread_start
	ud2
	.size	ksched_thread_entry, . - ksched_thread_entry

	.section .note.GNU-stack, "", @progbits
