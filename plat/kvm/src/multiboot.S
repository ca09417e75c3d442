/*
 * The multiboot 1 entry (PLAT_KVM_MULTIBOOT): for QEMU -M pc's multiboot loader and boot
 * loaders such as GRUB. QEMU loads only 32-bit ELF files by their program headers, so the
 * header uses the address fields (flag 16, multiboot spec §3.1.3) and link.lds keeps the
 * file a contiguous copy of memory from _kiln_image_start to _kiln_load_end. QEMU takes
 * multiboot over PVH when it finds this header in the first 8 KiB, on every machine type.
 * Entered with %eax = 0x2BADB002, %ebx = multiboot information; the TSC is read first.
 */
#define KVM_MB_MAGIC 0x1badb002
#define KVM_MB_FLAGS ((1 << 1) | (1 << 16)) /* memory info wanted; address fields valid */

	.section .multiboot, "a"
	.align	4
kvm_mb_header:
	.long	KVM_MB_MAGIC
	.long	KVM_MB_FLAGS
	.long	-(KVM_MB_MAGIC + KVM_MB_FLAGS)
	.long	kvm_mb_header		/* header_addr */
	.long	_kiln_image_start	/* load_addr */
	.long	_kiln_load_end		/* load_end_addr */
	.long	_kiln_image_end		/* bss_end_addr */
	.long	kvm_mb_start32		/* entry_addr */

	.section .text.boot, "ax"
	.code32
	.globl	kvm_mb_start32
kvm_mb_start32:
	mov	%eax, %edi
	rdtsc
	mov	%eax, x86_boot_tsc
	mov	%edx, x86_boot_tsc + 4
	mov	%ebx, %esi
	jmp	x86_start32

