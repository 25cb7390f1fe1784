// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decide side of the HMM unregister race: device->mutex decides that
 * the device is idle, and the caller frees it when this returns 0.
 */
#include "hmm.h"

int hmm_device_register(struct hmm_device *device)
{
	mutex_init(&device->mutex);
	INIT_LIST_HEAD(&device->mirrors);
	return 0;
}

int hmm_device_unregister(struct hmm_device *device)
{
	mutex_lock(&device->mutex);
	if (!list_empty(&device->mirrors)) {
		mutex_unlock(&device->mutex);
		return -EBUSY;
	}
	mutex_unlock(&device->mutex);
	return 0;
}
