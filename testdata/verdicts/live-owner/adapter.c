// SPDX-License-Identifier: GPL-2.0
/* Live uses of the VM's mm: one only the owner's ioctl reaches, one the
 * injection work reaches through the routing table. */
#include <linux/mm.h>

long demo_get_bits(struct demo_vm *vm, unsigned long addr)
{
	struct vm_area_struct *vma;
	long r = -EFAULT;

	mmap_read_lock(vm->mm);
	vma = vma_lookup(vm->mm, addr);
	if (vma)
		r = 0;
	mmap_read_unlock(vm->mm);
	return r;
}

static struct page *demo_map_page(struct demo_vm *vm, unsigned long addr)
{
	struct page *page = NULL;

	mmap_read_lock(vm->mm);
	get_user_pages_remote(vm->mm, addr, 1, FOLL_WRITE, &page, NULL);
	mmap_read_unlock(vm->mm);
	return page;
}

static int demo_set_adapter(struct demo_route *e, struct demo_vm *vm)
{
	return demo_map_page(vm, 0x1000) ? 0 : -EFAULT;
}

void demo_route_setup(struct demo_route *e)
{
	e->set = demo_set_adapter;
}
