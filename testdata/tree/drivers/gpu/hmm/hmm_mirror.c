// SPDX-License-Identifier: GPL-2.0-only
/*
 * The last-access side of the HMM unregister race: the last mirror put
 * unlinks the mirror from its device under device->mutex, and its
 * mutex_unlock() is its last access to the device.
 */
#include "hmm.h"

static void hmm_mirror_destroy(struct kref *kref)
{
	struct hmm_device *device;
	struct hmm_mirror *mirror;

	mirror = container_of(kref, struct hmm_mirror, kref);
	device = mirror->device;

	mutex_lock(&device->mutex);
	list_del_init(&mirror->dlist);
	device->ops->release(mirror);
	mutex_unlock(&device->mutex);
}

static void hmm_mirror_unref(struct hmm_mirror **mirror)
{
	struct hmm_mirror *m = *mirror;

	*mirror = NULL;
	if (m)
		kref_put(&m->kref, hmm_mirror_destroy);
}

static void hmm_mirror_kill(struct hmm_mirror *mirror)
{
	down_write(&mirror->hmm->rwsem);
	if (!hlist_unhashed(&mirror->mlist)) {
		hlist_del_init(&mirror->mlist);
		up_write(&mirror->hmm->rwsem);
		hmm_mirror_unref(&mirror);
	} else
		up_write(&mirror->hmm->rwsem);
}

void hmm_mirror_unregister(struct hmm_mirror *mirror)
{
	hmm_mirror_kill(mirror);
}
