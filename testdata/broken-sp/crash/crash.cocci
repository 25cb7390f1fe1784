// Keywords: kthread_use_mm
// A semantic patch for the tests of spatch failures: its script raises on
// the vhost files, and spatch really fails there, and only there.
virtual facts
@r@
identifier fn = {kthread_use_mm};
expression mm;
position p;
@@
fn@p(mm)
@script:python@
p << r.p;
mm << r.mm;
@@
if "vhost" in p[0].file:
    raise Exception("boom")
print("{\"fact\": \"use\", \"file\": \"%s\", \"line\": %s, \"col\": 1, \"function\": \"%s\", \"api\": \"kthread_use_mm\", \"mm\": \"%s\"}" % (p[0].file, p[0].line, p[0].current_element, mm))
print("{\"fact\": \"unheld\", \"file\": \"%s\", \"line\": %s, \"col\": 1, \"function\": \"%s\", \"reason\": \"no-acquire\"}" % (p[0].file, p[0].line, p[0].current_element))
