// SPDX-License-Identifier: GPL-2.0-only
/// The facts mode of `mmcheck scan`:
/// live uses of an mm (mmap lock, VMA lookup or walk, remote pages) and
/// how the mm is held there, for the driver to join with the stores.
/// It builds on the kernel rules of scripts/coccinelle/mm/mm_live_unheld.cocci,
/// included below; the driver writes that file in place of the include
/// line before it runs spatch (spatch resolves an include from its
/// working directory, which is the tree).
//
// Copyright: (C) 2026 The mmcheck authors.
// Keywords: mmap_read_lock, mmap_write_lock, mmap_read_trylock, mmap_read_lock_killable, mmap_write_lock_killable, mmap_write_lock_nested, mmap_sem, mmap_lock, find_vma, find_vma_prev, find_vma_intersection, find_extend_vma, find_extend_vma_locked, vma_lookup, VMA_ITERATOR, vma_iter_init, mm_mt, get_user_pages_remote, pin_user_pages_remote, fixup_user_fault, access_remote_vm, walk_page_range, walk_page_range_novma
// Options: --no-includes --include-headers
// Mmcheck: live
// Mmcheck-grab-regex: \bmmgrab\s*\((?:[^\n]|\n(?!\}))*?\b(?:mmap_read_lock|mmap_write_lock|mmap_read_trylock|mmap_read_lock_killable|mmap_write_lock_killable|mmap_write_lock_nested|mmap_sem|mmap_lock|find_vma|find_vma_prev|find_vma_intersection|find_extend_vma|find_extend_vma_locked|vma_lookup|VMA_ITERATOR|vma_iter_init|mm_mt|get_user_pages_remote|pin_user_pages_remote|fixup_user_fault|access_remote_vm|walk_page_range|walk_page_range_novma)\b

virtual facts

#include "scripts/coccinelle/mm/mm_live_unheld.cocci"

@initialize:python@
@@
import json

@script:python depends on facts@
p << use.p;
@@
d = judged.get(where(p[0]))
if d and where(p[0]) not in printed:
    printed.add(where(p[0]))
    print(json.dumps(d, sort_keys=True))

// The kernel modes: an mm this function pinned with mmgrab() only, once
// per function and mm.
