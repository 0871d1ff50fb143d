#!/usr/bin/python3
"""Independent check of an ipex audit bundle's Merkle root, written from RFC 6962 section 2.1
and c2sp.org/tlog-checkpoint only (hashlib and base64, no ipex code): computes MTH over the
lines of entries.jsonl (each line's bytes without its newline is the leaf data) and compares
it with the root and size in the checkpoint. Does not check signatures. Exit 0 when equal.
Usage: rfc6962_mth.py BUNDLE_DIR"""
import base64, hashlib, os, sys

def mth(leaves):
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()

def main(bundle):
    data = open(os.path.join(bundle, "entries.jsonl"), "rb").read()
    if data and not data.endswith(b"\n"):
        print("entries.jsonl does not end in a newline")
        return 1
    leaves = data.split(b"\n")[:-1] if data else []
    note = open(os.path.join(bundle, "checkpoint"), "rb").read().decode("utf-8")
    body = note[: note.rindex("\n\n") + 1].split("\n")
    origin, size, root = body[0], int(body[1]), base64.b64decode(body[2], validate=True)
    ours = mth(leaves)
    print("origin %s size %d entries %d root %s computed %s" % (origin, size, len(leaves), body[2], base64.b64encode(ours).decode()))
    return 0 if size == len(leaves) and ours == root else 1

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
