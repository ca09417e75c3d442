/*
 * Constants shared by the x86 assembly files and C: segment selectors of the boot GDT
 * (src/start32.S; src/tss.c fills in the TSS's), control register and page table bits
 * (Intel SDM vol. 3 §2.5, §4.5).
 */
#ifndef X86_ASM_H
#define X86_ASM_H

#define X86_SEL_CODE64 0x08
#define X86_SEL_DATA   0x10
#define X86_SEL_CODE32 0x18
#define X86_SEL_TSS    0x20 /* 16 bytes: a 64-bit system descriptor takes two slots */

#define X86_CR0_PE	   (1 << 0)
#define X86_CR0_MP	   (1 << 1)
#define X86_CR0_EM	   (1 << 2)
#define X86_CR0_NE	   (1 << 5)
#define X86_CR0_WP	   (1 << 16)
#define X86_CR0_PG	   (1 << 31)
#define X86_CR4_PAE	   (1 << 5)
#define X86_CR4_OSFXSR	   (1 << 9)
#define X86_CR4_OSXMMEXCPT (1 << 10)
#define X86_MSR_EFER	   0xc0000080
#define X86_EFER_LME	   (1 << 8)

#define X86_PTE_PRESENT 0x1
#define X86_PTE_WRITE	0x2
#define X86_PTE_PWT	0x8
#define X86_PTE_PCD	0x10
#define X86_PTE_PS	0x80
#define X86_PTE_TABLE	(X86_PTE_PRESENT | X86_PTE_WRITE)
#define X86_PTE_LARGE	(X86_PTE_PRESENT | X86_PTE_WRITE | X86_PTE_PS)
#define X86_PTE_NOCACHE (X86_PTE_PWT | X86_PTE_PCD)

#endif
