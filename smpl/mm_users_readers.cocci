// SPDX-License-Identifier: GPL-2.0-only
/// The facts mode of `mmcheck scan`:
/// every read of mm->mm_users and what it decides (flush-shortcut,
/// bug-on, debug, teardown, asm-offsets, other).
/// It builds on the kernel rules of scripts/coccinelle/mm/mm_users_readers.cocci,
/// included below; the driver writes that file in place of the include
/// line before it runs spatch (spatch resolves an include from its
/// working directory, which is the tree).
//
// Copyright: (C) 2026 The mmcheck authors.
// Keywords: mm_users
// Options: --no-includes --include-headers
// Mmcheck: arches

virtual facts

#include "scripts/coccinelle/mm/mm_users_readers.cocci"

@initialize:python@
@@
import json

@script:python depends on facts@
p << read.p;
@@
print(json.dumps(read_fact(p[0], where(p[0])), sort_keys=True))

@script:python depends on facts@
E << access.E;
pf << access.pf;
@@
q = start(pf[0])
f = pf[0].file
known = any(k[0] == f and inside(q, k[1:], r["end"])
            for k, r in reads.items())
written = any(inside(q, a, b) for (a, b) in writes.get(f, []))
if not known and not written:
    with open(f, errors="replace") as src:
        line = src.read().split("\n")[q[0] - 1]
    sep = "->" if line[:q[1]].rstrip().endswith("->") else "."
    print(json.dumps({"fact": "mm-users-read", "file": f,
                      "line": q[0], "col": q[1] + 1,
                      "function": pf[0].current_element, "class": "other",
                      "test": norm(E) + sep + "mm_users", "mm": norm(E)},
                     sort_keys=True))

@script:python depends on facts@
p << offset.p;
@@
q, text = offsets[where(p[0])]
print(json.dumps({"fact": "mm-users-read", "file": q.file,
                  "line": int(q.line), "col": int(q.column) + 1,
                  "function": q.current_element, "class": "asm-offsets",
                  "test": text, "mm": None}, sort_keys=True))

@script:python depends on facts@
p << offof.p;
@@
q, text = offsets[where(p[0])]
print(json.dumps({"fact": "mm-users-read", "file": q.file,
                  "line": int(q.line), "col": int(q.column) + 1,
                  "function": q.current_element, "class": "asm-offsets",
                  "test": text, "mm": None}, sort_keys=True))
