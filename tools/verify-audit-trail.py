#!/usr/bin/env python3
"""Checks a Privacy Portal audit trail without the portal.

Needs only Python 3 (standard library) and the `openssl` command. The format is described in docs/audit-trail.md.

    verify-audit-trail.py --trail audit.jsonl [--checkpoint checkpoint.json ...] [--public-key key.pem]
                          [--export-signature BASE64]

--trail             a JSON Lines export (the integrity page's "Download the whole trail").
--checkpoint        a signed checkpoint file; its signature is checked with --public-key and the trail must hold the
                    signed hash at the signed sequence (or link to it, when the trail starts right after it).
--public-key        the portal's public key (PEM), kept apart from the server. The key a checkpoint carries is never trusted.
--export-signature  the signature recorded for this file in the trail's `audit.exported` event.

Exit status: 0 everything checked holds, 1 something does not (the first finding is printed), 2 bad usage or
nothing that can be checked.
"""

import argparse
import base64
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

TRAIL_FORMAT = "privacy-portal/audit-trail/v1"
CHECKPOINT_FORMAT = "privacy-portal/audit-checkpoint/v1"
EXPORT_LABEL = "privacy-portal/audit-export/v1"
GENESIS = bytes(32)
TICKS_PER_SECOND = 10_000_000
TIME = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,7}))?Z$")


class Broken(Exception):
    """A finding: the trail, a checkpoint or a signature does not hold."""


class Unusable(Exception):
    """Input that cannot be checked at all."""


def ticks(utc_text):
    """.NET ticks (100 ns since 0001-01-01T00:00:00) of an ISO 8601 UTC time with up to seven fraction digits."""
    match = TIME.match(utc_text)
    if not match:
        raise Unusable(f"not a UTC time to the tick: {utc_text!r}")
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction = int((match.group(7) or "").ljust(7, "0"))
    days = datetime.date(year, month, day).toordinal() - 1
    return (days * 86400 + hour * 3600 + minute * 60 + second) * TICKS_PER_SECOND + fraction


def int64(value):
    return value.to_bytes(8, "big", signed=True)


def text(value):
    if value is None:
        return int64(-1)
    encoded = value.encode("utf-8")
    return int64(len(encoded)) + encoded


def canonical(event, previous_hash):
    """The bytes whose SHA-256 is the event's hash: previous hash, then every field in order."""
    return (previous_hash
            + int64(event["sequence"])
            + int64(ticks(event["occurred_at_utc"]))
            + text(event["actor_id"])
            + text(event["action"])
            + text(event["target_type"])
            + text(event["target_id"])
            + text(event["subject_id"])
            + text(event["client_ip"])
            + text(event["outcome"])
            + text(event["detail"]))


def event_hash(event, previous_hash):
    return hashlib.sha256(canonical(event, previous_hash)).digest()


def der_signature(raw):
    """IEEE P1363 r||s (what the portal writes) as the DER SEQUENCE openssl reads."""
    if len(raw) != 64:
        raise Broken("the signature is not a P-256 signature (64 bytes)")

    def integer(part):
        part = part.lstrip(b"\x00") or b"\x00"
        if part[0] & 0x80:
            part = b"\x00" + part
        return b"\x02" + bytes([len(part)]) + part

    body = integer(raw[:32]) + integer(raw[32:])
    return b"\x30" + bytes([len(body)]) + body


def verify_signature(public_key_pem, payload, signature_base64):
    """True when openssl accepts the ECDSA P-256 / SHA-256 signature of payload under the public key."""
    try:
        raw = base64.b64decode(signature_base64, validate=True)
    except ValueError:
        return False
    try:
        der = der_signature(raw)
    except Broken:
        return False
    with tempfile.TemporaryDirectory() as folder:
        paths = {name: os.path.join(folder, name) for name in ("key.pem", "payload", "signature.der")}
        with open(paths["key.pem"], "w", encoding="ascii") as f:
            f.write(public_key_pem)
        with open(paths["payload"], "wb") as f:
            f.write(payload)
        with open(paths["signature.der"], "wb") as f:
            f.write(der)
        run = subprocess.run(["openssl", "dgst", "-sha256", "-verify", paths["key.pem"], "-signature", paths["signature.der"], paths["payload"]],
                             capture_output=True, text=True)
        return run.returncode == 0 and "Verified OK" in run.stdout


def key_id(public_key_pem):
    """The first 16 hex digits of the SHA-256 of the key's DER (SubjectPublicKeyInfo): how the portal names a key."""
    body = "".join(line for line in public_key_pem.strip().splitlines() if not line.startswith("-----"))
    return hashlib.sha256(base64.b64decode(body)).hexdigest()[:16]


def read_trail(path):
    """The header and the events of a JSON Lines export, in file order."""
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if not lines:
        raise Unusable(f"{path} is empty")
    try:
        header = json.loads(lines[0].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Unusable(f"{path} does not start with a trail header")
    if not isinstance(header, dict) or header.get("format") != TRAIL_FORMAT:
        raise Unusable(f"{path} is not a {TRAIL_FORMAT} file")
    events = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            event = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise Broken(f"line {number} is not a JSON object: the file was altered")
        if not isinstance(event, dict) or not isinstance(event.get("sequence"), int):
            raise Broken(f"line {number} is not an audit event: the file was altered")
        events.append(event)
    return header, events


def check_chain(header, events):
    """Recomputes every hash and every link; returns lines of what was proven. Raises Broken at the first fault."""
    whole = header.get("filter", "") == ""
    proven = []
    previous = None
    gaps = 0
    for event in events:
        sequence = event["sequence"]
        try:
            stored_previous = bytes.fromhex(event["previous_hash"])
            stored_hash = bytes.fromhex(event["hash"])
            computed = event_hash(event, stored_previous)
        except (KeyError, TypeError, ValueError, AttributeError, Unusable):
            raise Broken(f"event {sequence} is malformed: the file was altered")
        if computed != stored_hash:
            raise Broken(f"event {sequence}: its content does not match its hash (a field was changed)")
        if previous is None:
            if sequence == 1 and stored_previous != GENESIS:
                raise Broken("event 1 does not start from the genesis hash (32 zero bytes)")
        elif sequence <= previous["sequence"]:
            raise Broken(f"event {sequence} comes after event {previous['sequence']}: events are out of order or repeated")
        elif sequence == previous["sequence"] + 1:
            if stored_previous.hex() != previous["hash"]:
                raise Broken(f"event {sequence} does not link to event {previous['sequence']} (the chain was cut and re-joined)")
        elif whole:
            raise Broken(f"events {previous['sequence'] + 1} to {sequence - 1} are missing from a whole-trail export")
        else:
            gaps += 1
        previous = event
    if not events:
        return ["the file holds no events"]
    first, last = events[0]["sequence"], events[-1]["sequence"]
    proven.append(f"{len(events)} events, {first} to {last}: every hash recomputed and matches")
    if gaps:
        proven.append(f"the search leaves {gaps} gaps; links are checked only between consecutive events")
    else:
        proven.append("every link between consecutive events holds")
    if first == 1:
        proven.append("the trail starts at the genesis hash")
    else:
        proven.append(f"the file starts at event {first}; its link to event {first - 1} is proven only by a checkpoint for event {first - 1}")
    return proven


def normalise_signed_at(value):
    """The checkpoint's signing time as the portal signs it: seven fraction digits and Z (JSON trims trailing zeros)."""
    match = TIME.match(value or "")
    if not match:
        raise Unusable(f"the checkpoint's signing time is not a UTC time: {value!r}")
    return value.split(".")[0].rstrip("Z") + "." + (match.group(7) or "").ljust(7, "0") + "Z"


def check_checkpoint(path, public_key_pem, events):
    try:
        with open(path, encoding="utf-8") as f:
            checkpoint = json.load(f)
        sequence, hash_hex = int(checkpoint["sequence"]), str(checkpoint["hash"]).lower()
        signed_at = normalise_signed_at(checkpoint["signedAtUtc"])
        signature = checkpoint["signature"]
    except (OSError, ValueError, KeyError, TypeError):
        raise Unusable(f"{path} is not an audit checkpoint")
    payload = "\n".join([CHECKPOINT_FORMAT, str(sequence), hash_hex, signed_at]).encode("utf-8")
    if not verify_signature(public_key_pem, payload, signature):
        raise Broken(f"{path}: the signature does not verify with the trusted public key")
    by_sequence = {e["sequence"]: e for e in events}
    if sequence in by_sequence:
        if by_sequence[sequence]["hash"] != hash_hex:
            raise Broken(f"{path}: event {sequence} no longer has the signed hash (the trail was rewritten)")
        return f"checkpoint {sequence} (signed {signed_at}): signature valid, event {sequence} has the signed hash"
    if events and sequence == events[0]["sequence"] - 1:
        if events[0]["previous_hash"] != hash_hex:
            raise Broken(f"{path}: event {sequence + 1} does not link to the signed event {sequence}")
        return f"checkpoint {sequence} (signed {signed_at}): signature valid, the file's first event links to it"
    if events and sequence > events[-1]["sequence"]:
        raise Broken(f"{path}: the trail ends at event {events[-1]['sequence']}, before the signed event {sequence} (events were removed)")
    raise Unusable(f"{path}: event {sequence} is not in this file; export the part of the trail that holds it")


def main(argv):
    parser = argparse.ArgumentParser(description="Checks a Privacy Portal audit trail export without the portal.")
    parser.add_argument("--trail", required=True)
    parser.add_argument("--checkpoint", action="append", default=[])
    parser.add_argument("--public-key")
    parser.add_argument("--export-signature")
    args = parser.parse_args(argv)
    if (args.checkpoint or args.export_signature) and not args.public_key:
        print("usage: checkpoints and export signatures are checked with --public-key (the key kept apart from the server)")
        return 2
    try:
        public_key = None
        if args.public_key:
            with open(args.public_key, encoding="ascii") as f:
                public_key = f.read()
        header, events = read_trail(args.trail)
        findings = check_chain(header, events)
        for path in args.checkpoint:
            findings.append(check_checkpoint(path, public_key, events))
        if args.export_signature:
            with open(args.trail, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            if not verify_signature(public_key, f"{EXPORT_LABEL}\n{digest}".encode("utf-8"), args.export_signature):
                raise Broken("the file's SHA-256 is not the one the portal signed when it exported it (the file was changed)")
            findings.append(f"export signature valid for SHA-256 {digest}")
        if public_key:
            findings.append(f"trusted key {key_id(public_key)}")
        if not args.checkpoint and not args.export_signature:
            findings.append("without a checkpoint or the export signature this proves the file is consistent, not that it is the portal's trail")
    except Broken as finding:
        print(f"BROKEN: {finding}")
        return 1
    except (Unusable, OSError) as problem:
        print(f"CANNOT VERIFY: {problem}")
        return 2
    print("INTACT: " + "; ".join(findings) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
