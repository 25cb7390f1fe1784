static void ep_user_copy_worker(struct kiocb_priv *priv)
{
	struct mm_struct *mm = priv->mm;

	use_mm(mm);
	copy(priv);
	unuse_mm(mm);
}
