// SPDX-License-Identifier: GPL-2.0-only
/*
 * The offset of mm_users, for assembly, in both spellings.
 */

void output_mm_defines(void)
{
	COMMENT("Linux mm_struct offsets.");
	OFFSET(MM_USERS, mm_struct, mm_users);
	OFFSET(MM_PGD, mm_struct, pgd);
	BLANK();
}

int main(void)
{
	DEFINE(MM_USERS, offsetof(struct mm_struct, mm_users));
	DEFINE(MM_PGD, offsetof(struct mm_struct, pgd));
	return 0;
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"class": "asm-offsets", "col": 19, "fact": "mm-users-read", "file": "asm-offsets.c", "function": "main", "line": 16, "mm": null, "test": "offsetof(struct mm_struct, mm_users)"}
{"class": "asm-offsets", "col": 2, "fact": "mm-users-read", "file": "asm-offsets.c", "function": "output_mm_defines", "line": 9, "mm": null, "test": "OFFSET(MM_USERS, mm_struct, mm_users)"}
*/
