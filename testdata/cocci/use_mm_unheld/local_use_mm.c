// A driver-local function that happens to be called use_mm(), with its own
// signature: not the mm API, never reported.
struct widget {
	int users;
};

static void use_mm(struct widget *w)
{
	w->users++;
}

static void touch(struct widget *w)
{
	use_mm(w);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
*/
