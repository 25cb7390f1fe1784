/* A macro wrapper... */
#define with_mm(m, call) do { kthread_use_mm(m); call; kthread_unuse_mm(m); } while (0)
