// SPDX-License-Identifier: GPL-2.0
/* A local helper that is only named like the API. */
struct widget {
	int users;
};

static void use_mm(struct widget *w)
{
	w->users++;
}

void widget_touch(struct widget *w)
{
	use_mm(w);
}
