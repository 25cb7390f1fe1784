/* mmcheck-pin 5 */
// The struct comes from a header: other files may free it. No pin.
static int job_start(struct job *j)
{
	j->mm = current->mm;
	return queue_job(j);
}
