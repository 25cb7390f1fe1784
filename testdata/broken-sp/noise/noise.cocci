// Keywords: kthread_use_mm
// A semantic patch for the tests of output that is not a fact: it prints
// a line of plain text for the uses in the xen files.
virtual facts
@r@
expression mm;
position p;
@@
kthread_use_mm@p(mm)
@script:python@
p << r.p;
@@
if "xen" in p[0].file:
    print("this is not json")
