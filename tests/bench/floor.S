/*
 * The floor of the boot benchmark: the least a kernel can do under QEMU -M microvm. Entered
 * through the PVH note in 32-bit protected mode, it writes one byte to COM1 and leaves
 * through isa-debug-exit (value 1: kiln's status 0). The time from starting QEMU to that
 * byte is the cost of QEMU and its firmware alone.
 */
	.section .note.floor, "a", @note
	.align	4
	.long	4			/* name size: "Xen\0" */
	.long	8			/* descriptor size */
	.long	18			/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz	"Xen"
	.quad	floor_start

	.text
	.code32
	.globl	floor_start
floor_start:
	mov	$0x3f8, %dx
	mov	$'!', %al
	out	%al, %dx
	mov	$0xf4, %dx
	mov	$1, %al
	out	%al, %dx
1:	cli
	hlt
	jmp	1b
