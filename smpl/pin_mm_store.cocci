// SPDX-License-Identifier: GPL-2.0-only
/// The first patch of `mmcheck fix` for an mm stored with no count at all
/// (obj->mm = current->mm) and borrowed later: pin the store with
/// mmgrab(), and drop the pin with mmdrop() where the object is freed.
/// Driver-only: MMCHECK_PIN ("file.c:LINE", the line of the store) names
/// the store. In the facts mode it prints a "pin" fact with the lines of
/// the frees, or a "no-pin" fact with the reason; the patch mode writes it.
// Mmcheck: fix
//#
//# The free sites must be found for certain, else there is no patch: the
//# struct is defined in this file (so no other file frees it), every
//# object of it is allocated zeroed here (kzalloc(), kcalloc(),
//# kvzalloc(): the field is NULL until the store), freed only with
//# kfree() or kvfree(), and the field is stored only at the named line.
//# Each free then becomes "if (obj->mm) mmdrop(obj->mm);" and the free.
//#
// Options: --no-includes --include-headers

virtual patch
virtual facts

@initialize:python@
@@
import json
import os
import re

def norm_path(f):
    f = os.path.normpath(f.strip())
    while f.startswith("./"):
        f = f[2:]
    return f

pin_site = None
w = os.environ.get("MMCHECK_PIN", "").strip()
if ":" in w and w.rsplit(":", 1)[1].isdigit():
    pin_site = (norm_path(w.rsplit(":", 1)[0]), int(w.rsplit(":", 1)[1]))

store = {}          # the named store: file, line, struct, field, object
defined = set()     # structs defined in this file
allocs = []         # (line, zeroed)
frees = []          # (line, api)
other_stores = []   # lines of other stores into the field
decided = {}        # "ok": True once the pin is safe

def selected(p):
    if pin_site is None:
        return False
    f = norm_path(p.file)
    return int(p.line) == pin_site[1] and \
        (f == pin_site[0] or f.endswith("/" + pin_site[0]) or
         pin_site[0].endswith("/" + f))

def fact(kind, **kw):
    d = {"fact": kind, "file": store["file"], "line": store["line"],
         "col": store["col"], "function": store["function"]}
    d.update(kw)
    print(json.dumps(d, sort_keys=True))

def is_struct(T):
    return store.get("struct") == str(T)

def is_field(f):
    return store.get("field") == str(f)

def why_not():
    if store["struct"] not in defined:
        return "struct %s is not defined in this file: its frees may " \
            "be anywhere" % store["struct"]
    if not allocs:
        return "no allocation of struct %s in this file" % store["struct"]
    if not all(z for (l, z) in allocs):
        return "struct %s is allocated without zeroing on line %d: the " \
            "field may be garbage at a free" % (store["struct"],
            [l for (l, z) in allocs if not z][0])
    if not frees:
        return "no kfree() of struct %s in this file" % store["struct"]
    odd = [(l, a) for (l, a) in frees if a not in ("kfree", "kvfree")]
    if odd:
        return "%s() on line %d frees struct %s: the free cannot be " \
            "followed" % (odd[0][1], odd[0][0], store["struct"])
    if other_stores:
        return "the field %s is also stored on line %d" \
            % (store["field"], other_stores[0])
    return None

// The named store into a field of a struct pointer.
@st@
identifier T, f;
idexpression struct T *V;
expression E;
position p : script:python() { selected(p[0]) };
@@
V->f@p = E;

@script:python@
T << st.T;
f << st.f;
V << st.V;
p << st.p;
@@
store.update(file=p[0].file, line=int(p[0].line), col=int(p[0].column) + 1,
             function=p[0].current_element, struct=str(T), field=str(f))

@sdef depends on st@
identifier T : script:python() { is_struct(T) };
@@
struct T { ... };

@script:python@
T << sdef.T;
@@
defined.add(str(T))

@alloc depends on st@
identifier T : script:python() { is_struct(T) };
idexpression struct T *V;
identifier fn;
position a;
@@
V = fn@a(...)

@script:python@
fn << alloc.fn;
a << alloc.a;
@@
n = str(fn)
if re.search(r"alloc|zalloc|calloc", n):
    allocs.append((int(a[0].line), bool(re.search(r"zalloc|calloc", n))))

@free depends on st@
identifier T : script:python() { is_struct(T) };
idexpression struct T *V;
identifier fn =~ "free";
position a;
@@
fn@a(V, ...)

@script:python@
fn << free.fn;
a << free.a;
@@
frees.append((int(a[0].line), str(fn)))

@other depends on st@
identifier T : script:python() { is_struct(T) };
identifier f : script:python() { is_field(f) };
idexpression struct T *V;
expression E;
position a;
@@
V->f@a = E

@script:python@
a << other.a;
@@
if int(a[0].line) != store["line"]:
    other_stores.append(int(a[0].line))

@script:python depends on st@
@@
why = why_not()
if why:
    fact("no-pin", struct=store["struct"], field=store["field"], why=why)
else:
    decided["ok"] = True
    fact("pin", struct=store["struct"], field=store["field"],
         frees=sorted(l for (l, a) in frees))

@depends on patch@
identifier st.T, st.f;
idexpression struct T *V;
expression E;
position p : script:python() { selected(p[0]) and decided.get("ok") };
@@
  V->f@p = E;
+ mmgrab(V->f);

@depends on patch@
identifier st.T, st.f;
idexpression struct T *V;
identifier fn = {kfree, kvfree};
position a : script:python() { decided.get("ok") };
@@
+ if (V->f)
+	mmdrop(V->f);
  fn@a(V);
