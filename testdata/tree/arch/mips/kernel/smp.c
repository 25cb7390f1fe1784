// SPDX-License-Identifier: GPL-2.0
/* TLB shootdown: an mm with one user that is ours needs no IPI. */
#include <linux/mm.h>
#include <linux/smp.h>

static void flush_tlb_mm_ipi(void *mm)
{
	local_flush_tlb_mm((struct mm_struct *)mm);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (!mm)
		return;

	preempt_disable();
	if ((atomic_read(&mm->mm_users) != 1) || (current->mm != mm)) {
		smp_on_other_tlbs(flush_tlb_mm_ipi, mm);
	} else {
		unsigned int cpu;

		/* the other CPUs only lose their ASID for this mm */
		for_each_online_cpu(cpu) {
			if (cpu != smp_processor_id() && cpu_context(cpu, mm))
				set_cpu_context(cpu, mm, 0);
		}
	}
	local_flush_tlb_mm(mm);
	preempt_enable();
}
