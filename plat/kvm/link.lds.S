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

	/* Thread-local storage: the template of each thread's block (the sched library's tls.c).
	 * No PT_TLS header: kiln sets the thread pointer itself, and the linker computes the
	 * offsets from these sections alone. Empty, they vanish: images without threads keep
	 * their size. The block starts aligned as its most aligned variable wants (the linker
	 * rounds its size up to that alignment when it computes offsets); .tbss takes no room
	 * here, hence _kiln_tls_end from its address and size. */
	. = ALIGN(MAX(MAX(ALIGNOF(.tdata), ALIGNOF(.tbss)), 1));
	_kiln_tls_start = .;
	.tdata : {
		*(.tdata .tdata.*)
	} :image
	_kiln_tdata_end = .;
	_kiln_load_end = .;
	.tbss : {
		*(.tbss .tbss.*)
	} :image
	_kiln_tls_end = ADDR(.tbss) + SIZEOF(.tbss);
	_kiln_tls_align = MAX(ALIGNOF(.tdata), ALIGNOF(.tbss));

	.bss : {
		*(SORT_BY_ALIGNMENT(.bss.*)) *(.bss)
		*(COMMON)
	} :image
	. = ALIGN(4096);
	_kiln_image_end = .;

	/* plat/x86's x86_guard_pt maps the 2 MiB page that holds the boot stack's guard. */
	x86_guard_region = x86_stack_guard & ~0x1fffff;

	/* start32.S maps the first GiB only: an image reaching past it (a high load address
	 * and large pools or stacks: make test-configs, --random 11) died before its first
	 * line. lib.json cannot say so: ints are not in expressions. */
	ASSERT(_kiln_image_end <= 0x40000000,
	       "plat-kvm: the image must end below 1 GiB (the boot page tables map the first GiB): lower PLAT_KVM_LOAD_ADDR or the sizes of its pools and stacks")

#ifdef CONFIG_PLAT_KVM_MULTIBOOT
	/* Under QEMU's multiboot loader an image below 1 MiB whose bss reaches 0xa0000, where
	 * the firmware and option ROMs sit, hangs before its first line (make test-configs,
	 * --random 108); PVH boots it. lib.json cannot say so: ints are not in expressions. */
	ASSERT(_kiln_image_start >= 0x100000 || _kiln_image_end <= 0xa0000,
	       "plat-kvm: a multiboot image below 1 MiB must end below 0xa0000 (0x9ffff): lower PLAT_X86_STACK_SIZE or raise PLAT_KVM_LOAD_ADDR")
#endif

	/DISCARD/ : {
		*(.comment)
		*(.eh_frame)
		*(.note.GNU-stack)
		*(.note.gnu.*)
	}
}
