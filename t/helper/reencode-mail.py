#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# reencode-mail.py MAIL ENCODING: MAIL (one mail of git format-patch, its
# body 8bit or 7bit) on stdout with its body in ENCODING, quoted-printable
# or base64, as a mail client may send it, or "flowed": format=flowed
# (RFC 3676) with its lines space-stuffed and the long ones cut into
# flowed lines. The headers are kept as they are, the
# Content-Transfer-Encoding (or for flowed the Content-Type) replaced.
import base64
import quopri
import sys

path, encoding = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
head, sep, body = data.partition(b"\n\n")
if not sep:
    sys.exit("no body in " + path)

def flowed(text):
    """Space-stuff each line, and cut those over 60 bytes at a space."""
    out = []
    for line in text.split(b"\n"):
        if line == b"-- ":  # the signature separator keeps its space
            out.append(line)
            continue
        if line.startswith((b" ", b">", b"From ")):
            line = b" " + line
        while len(line) > 60 and b" " in line[20:60]:
            cut = line.index(b" ", 20) + 1
            out.append(line[:cut])      # ends in a space: it flows on
            line = line[cut:]
            if line.startswith((b" ", b">", b"From ")):
                line = b" " + line
        out.append(line.rstrip(b" ") if line.strip() else line)
    return b"\n".join(out)


drop = b"content-type:" if encoding == "flowed" else b"content-transfer-encoding:"
lines = [l for l in head.split(b"\n") if not l.lower().startswith(drop)]
if encoding == "flowed":
    lines.append(b"Content-Type: text/plain; charset=UTF-8; format=flowed")
    sys.stdout.buffer.write(b"\n".join(lines) + b"\n\n" + flowed(body))
    sys.exit(0)
if encoding == "quoted-printable":
    body = quopri.encodestring(body)
elif encoding == "base64":
    body = base64.encodebytes(body)
else:
    sys.exit("unknown encoding " + encoding)
lines.append(b"Content-Transfer-Encoding: " + encoding.encode())
sys.stdout.buffer.write(b"\n".join(lines) + b"\n\n" + body)
