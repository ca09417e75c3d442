/*
 * plat/linuxu's entry. Linux starts a static executable at its ELF entry with RSP pointing
 * at argc, then argv[0..argc-1], NULL, envp..., NULL, the auxiliary vector (x86_64 SysV
 * ABI §3.4.1, figure 3.9), RSP 16-byte aligned and RBP undefined. _start records the TSC
 * (the zero of BOOT_REPORT_CYCLES), clears RBP so backtraces end here, and hands that
 * stack pointer to linuxu_entry() (setup.c), which never returns.
 */
	.section .text.boot, "ax"
	.globl _start
	.type _start, @function
_start:
	rdtsc
	shl $32, %rdx
	or %rdx, %rax
	mov %rax, linuxu_boot_tsc(%rip)
	xor %ebp, %ebp
	mov %rsp, %rdi
	and $-16, %rsp
	call linuxu_entry
	ud2
	.size _start, . - _start

/* linuxu_boot_on(top, bi): the app's own stack from here on, kiln_boot(bi) on it. */
	.text
	.globl linuxu_boot_on
	.type linuxu_boot_on, @function
linuxu_boot_on:
	mov %rdi, %rsp
	xor %ebp, %ebp
	mov %rsi, %rdi
	call kiln_boot
	ud2
	.size linuxu_boot_on, . - linuxu_boot_on

/*
 * The restorer rt_sigaction's SA_RESTORER names: a handler returns here, and the
 * rt_sigreturn system call restores the interrupted context from the signal frame.
 * kiln's handlers end the process instead, but the kernel requires one on x86_64.
 */
	.globl linuxu_sigreturn
	.type linuxu_sigreturn, @function
linuxu_sigreturn:
	mov $15, %eax	/* LINUXU_SYS_RT_SIGRETURN */
	syscall
	ud2
	.size linuxu_sigreturn, . - linuxu_sigreturn

	.section .note.GNU-stack, "", @progbits
