/*
 * kvmclock: when KVM offers it (CPUID leaf 0x40000000 signature "KVMKVMKVM", leaf 0x40000001
 * EAX bit 3, KVM_FEATURE_CLOCKSOURCE2), plat_time_ns() reads the host's paravirtual clock
 * instead of the TSC at a rate measured at boot: the guest writes the physical address of
 * a struct pvclock_vcpu_time_info, with bit 0 set to enable it, to MSR_KVM_SYSTEM_TIME_NEW
 * (0x4b564d01), and KVM keeps system_time (ns) as of tsc_timestamp in it, with the factor
 * turning TSC cycles since then into ns: ((delta << shift) * mul) >> 32, a negative shift
 * meaning right. Fields change under a version that is odd while KVM writes them (Linux's
 * Documentation/virt/kvm/x86/msr.rst). Compiled only with the timer library, which is what
 * asks for an exact clock; the clock carries on from the TSC clock's value at the switch,
 * so it never goes backwards. Under QEMU's TCG there is no kvmclock: time.c's clock stays.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>

#define KVM_CPUID_SIGNATURE	 0x40000000u
#define KVM_CPUID_FEATURES	 0x40000001u
#define KVM_FEATURE_CLOCKSOURCE2 (1u << 3)
#define MSR_KVM_SYSTEM_TIME_NEW	 0x4b564d01u

struct kvm_pvclock {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t mul;
	int8_t shift;
	uint8_t flags;
	uint8_t pad[2];
} __attribute__((aligned(32)));

uint64_t kvm_tsc_time_ns(void);

static volatile struct kvm_pvclock kvm_pvclock;
static int kvm_pvclock_state; /* 0 not looked, 1 in use, -1 not offered */
static uint64_t kvm_pvclock_base;

static int kvm_pvclock_offered(void)
{
	uint32_t r[4];

	x86_cpuid(1, 0, r);
	if (!(r[2] & (1u << 31))) /* no hypervisor */
		return 0;
	x86_cpuid(KVM_CPUID_SIGNATURE, 0, r);
	if (r[1] != 0x4b4d564b || r[2] != 0x564b4d56 || r[3] != 0x4d || r[0] < KVM_CPUID_FEATURES)
		return 0; /* "KVMK" "VMKV" "M\0\0\0" */
	x86_cpuid(KVM_CPUID_FEATURES, 0, r);
	return (r[0] & KVM_FEATURE_CLOCKSOURCE2) != 0;
}

static uint64_t kvm_pvclock_read(void)
{
	uint32_t version;
	uint64_t ns;

	do {
		version = kvm_pvclock.version;
		__asm__ volatile("" ::: "memory");
		uint64_t delta = x86_rdtsc() - kvm_pvclock.tsc_timestamp;
		if (kvm_pvclock.shift < 0)
			delta >>= -kvm_pvclock.shift;
		else
			delta <<= kvm_pvclock.shift;
		ns = kvm_pvclock.system_time +
		     (uint64_t)(((unsigned __int128)delta * kvm_pvclock.mul) >> 32);
		__asm__ volatile("" ::: "memory");
	} while ((version & 1) || version != kvm_pvclock.version);
	return ns;
}

static void kvm_pvclock_init(void)
{
	kvm_pvclock_state = -1;
	if (!kvm_pvclock_offered())
		return;
	uint64_t pa = (uint64_t)(uintptr_t)&kvm_pvclock | 1; /* identity mapped: pa == va */
	__asm__ volatile("wrmsr"
			 :
			 : "c"(MSR_KVM_SYSTEM_TIME_NEW), "a"((uint32_t)pa),
			   "d"((uint32_t)(pa >> 32)));
	uint64_t tsc_now = kvm_tsc_time_ns();
	kvm_pvclock_base = kvm_pvclock_read() - tsc_now;
	kvm_pvclock_state = 1;
}

uint64_t plat_time_ns(void)
{
	if (!kvm_pvclock_state)
		kvm_pvclock_init();
	if (kvm_pvclock_state < 0)
		return kvm_tsc_time_ns();
	return kvm_pvclock_read() - kvm_pvclock_base;
}
