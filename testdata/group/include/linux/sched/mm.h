/* SPDX-License-Identifier: GPL-2.0 */
/* mm reference counting, as the tests need it: declarations only. */
struct mm_struct;
void mmgrab(struct mm_struct *mm);
int mmget_not_zero(struct mm_struct *mm);
void mmput(struct mm_struct *mm);
