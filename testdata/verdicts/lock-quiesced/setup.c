// SPDX-License-Identifier: GPL-2.0-only
/* The work item that runs cfg_refresh(), registered in another file. */
#include "cfg.h"

int cfg_setup(struct cfg_holder *h)
{
	INIT_WORK(&h->work, cfg_refresh);
	schedule_work(&h->work);
	return 0;
}
