#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# reencode-mail.py MAIL ENCODING: MAIL (one mail of git format-patch, its
# body 8bit or 7bit) on stdout with its body in ENCODING, quoted-printable
# or base64, as a mail client may send it. The headers are kept as they
# are, the Content-Transfer-Encoding replaced.
import base64
import quopri
import sys

path, encoding = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
head, sep, body = data.partition(b"\n\n")
if not sep:
    sys.exit("no body in " + path)
lines = [l for l in head.split(b"\n")
         if not l.lower().startswith(b"content-transfer-encoding:")]
if encoding == "quoted-printable":
    body = quopri.encodestring(body)
elif encoding == "base64":
    body = base64.encodebytes(body)
else:
    sys.exit("unknown encoding " + encoding)
lines.append(b"Content-Transfer-Encoding: " + encoding.encode())
sys.stdout.buffer.write(b"\n".join(lines) + b"\n\n" + body)
