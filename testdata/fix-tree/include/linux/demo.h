/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_DEMO_H
#define _LINUX_DEMO_H
struct mm_struct;
#endif
