/*
 * The PVH entry note (QEMU -M microvm through qboot, -M pc through its pvh.bin option ROM
 * when the image has no multiboot header): XEN_ELFNOTE_PHYS32_ENTRY names plat-x86's
 * x86_pvh_start32, entered in flat 32-bit protected mode, paging off, %ebx = struct
 * hvm_start_info. QEMU reads the note's descriptor as 8 bytes, after a name padded to the
 * PT_NOTE alignment, which link.lds.S keeps at 4.
 */
#include <x86/pvh.h>

	.section .note.kiln.pvh, "a", @note
	.align	4
	.long	4			/* name size: "Xen\0" */
	.long	8			/* descriptor size */
	.long	X86_PVH_NOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.quad	x86_pvh_start32
