/*
 * plat/kvm's image layout, run through the C preprocessor with plat-kvm's config header.
 * One loadable segment, identity-mapped at PLAT_KVM_LOAD_ADDR (1 MiB by default), holding text,
 * read-only data, the PVH note, data and bss in that order: QEMU's multiboot loader copies
 * the file from _kiln_image_start to _kiln_load_end as one block (multiboot header address
 * fields, see src/multiboot.S), so file offsets must follow addresses with no gaps. A second
 * program header exposes the PVH note, aligned to 4 as QEMU's note reader expects.
 * The boot library's tables (init functions, exit hooks, constructors) come from
 * kiln-tables.lds, found on the library search path the Make backend passes (-L).
 */
OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(x86_pvh_start32)

PHDRS
{
	image PT_LOAD FLAGS(7);
	note PT_NOTE FLAGS(4);
}

SECTIONS
{
	. = CONFIG_PLAT_KVM_LOAD_ADDR;
	_kiln_image_start = .;

	.text : {
		KEEP(*(.multiboot))
		*(.text.boot)
		*(.text .text.*)
	} :image

	.rodata : {
		*(.rodata .rodata.*)
		INCLUDE kiln-tables.lds
	} :image

	.note : {
		KEEP(*(.note.kiln.*))
	} :image :note

	.data : {
		*(SORT_BY_ALIGNMENT(.data.*)) *(.data)	/* page-aligned tables first: less padding */
	} :image
	_kiln_load_end = .;

	.bss : {
		*(SORT_BY_ALIGNMENT(.bss.*)) *(.bss)
		*(COMMON)
	} :image
	. = ALIGN(4096);
	_kiln_image_end = .;

	/DISCARD/ : {
		*(.comment)
		*(.eh_frame)
		*(.note.GNU-stack)
		*(.note.gnu.*)
	}
}
