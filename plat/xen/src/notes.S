/*
 * How Xen enters a kiln image: as a PVH guest, domU (xl's type = "pvh") or PVH dom0.
 * Xen's ELF loader reads the notes below (xen/elfnote.h): XEN_ELFNOTE_PHYS32_ENTRY is the
 * 32-bit physical entry point, entered in flat protected mode with paging off and %ebx =
 * struct hvm_start_info (arch-x86/hvm/start_info.h); GUEST_OS and XEN_VERSION name the
 * guest and the interface it was written for. The entry is plat/x86's x86_pvh_start32, the
 * same one QEMU enters plat/kvm by: it reads the TSC first, so the boot can be timed from its
 * first instruction, then switches to long mode. Xen reads the entry note as a 4-byte
 * number; plat/kvm's note holds 8 bytes because QEMU reads 8.
 */
#include <xen/elfnote.h>

/* One ELF note with name "Xen"; the descriptor follows, 4-byte aligned. */
.macro kxen_note type, desc_begin, desc_end
	.p2align 2
	.long	4
	.long	\desc_end - \desc_begin
	.long	\type
	.asciz	"Xen"
	.p2align 2
.endm

	.section .note.kiln.xen, "a", @note
	kxen_note XEN_ELFNOTE_PHYS32_ENTRY, 1f, 2f
1:	.long	x86_pvh_start32
2:	kxen_note XEN_ELFNOTE_GUEST_OS, 3f, 4f
3:	.asciz	"kiln"
4:	kxen_note XEN_ELFNOTE_XEN_VERSION, 5f, 6f
5:	.asciz	"xen-3.0"
6:	.p2align 2

	.section .note.GNU-stack, "", @progbits
