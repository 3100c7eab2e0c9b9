#!/usr/bin/env python3
"""Verifies an NDJSON audit export and its signed checkpoints without the service's code.

Written from the documented format only (docs/audit-chain.md), with libraries that are not
the project's: `rfc8785` (an independent JCS implementation) for the canonical text,
`hashlib` for SHA-256, and PyJWT with `cryptography` for the Ed25519 JWS checkpoints.

    python3 verify_audit_export.py EXPORT.ndjson KEYS.json [CHECKPOINTS.json]

KEYS.json is the answer of GET /api/v1/audit/signing-keys ({"keys": [JWK, ...]});
CHECKPOINTS.json the answer of GET /api/v1/audit/checkpoints ({"items": [...]}).
Prints one line per finding and a summary; exits 0 when every link and every checkpoint
holds, 1 otherwise, 2 on bad arguments.
"""

import hashlib
import json
import sys

import jwt
import rfc8785

GENESIS_HASH = "0" * 64
FORMAT_VERSION = 1


def event_hash(event):
    """SHA-256 of the JCS text of every member but `hash`, plus the format version `v`."""
    document = {name: value for name, value in event.items() if name != "hash"}
    document["v"] = FORMAT_VERSION
    return hashlib.sha256(rfc8785.dumps(document)).hexdigest()


def verify_chain(lines):
    problems = []
    hashes = {}
    previous = None
    for number, line in enumerate(lines, start=1):
        event = json.loads(line)
        seq = event["seq"]
        if event_hash(event) != event["hash"]:
            problems.append(f"seq {seq}: hash does not match the event (line {number})")
        expected_prev = GENESIS_HASH if seq == 1 else (previous or {}).get("hash")
        if previous is not None and seq != previous["seq"] + 1:
            problems.append(f"seq {seq}: follows seq {previous['seq']}")
        elif expected_prev is not None and event["prev_hash"] != expected_prev:
            problems.append(f"seq {seq}: prev_hash does not link to the event before")
        hashes[seq] = event["hash"]
        previous = event
    return problems, hashes


def verify_checkpoints(checkpoints, jwks, hashes):
    problems = []
    keys = {jwk["kid"]: jwt.PyJWK(jwk, algorithm="EdDSA") for jwk in jwks}
    for checkpoint in checkpoints:
        token = checkpoint["jws"]
        try:
            header = jwt.get_unverified_header(token)
            key = keys[header["kid"]]
            payload = jwt.api_jws.decode(token, key=key, algorithms=["EdDSA"])
        except (KeyError, jwt.PyJWTError) as error:
            problems.append(f"checkpoint {checkpoint['id']}: signature not valid ({error})")
            continue
        statement = json.loads(payload)
        if (statement["seq"], statement["hash"]) != (checkpoint["head_seq"], checkpoint["head_hash"]):
            problems.append(f"checkpoint {checkpoint['id']}: signed head differs from its record")
        elif statement["seq"] in hashes and hashes[statement["seq"]] != statement["hash"]:
            problems.append(f"checkpoint {checkpoint['id']}: seq {statement['seq']} is not the signed event")
    return problems


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as export:
        lines = [line for line in export.read().split("\n") if line]
    with open(argv[2], encoding="utf-8") as keys_file:
        jwks = json.load(keys_file)["keys"]
    checkpoints = []
    if len(argv) == 4:
        with open(argv[3], encoding="utf-8") as checkpoints_file:
            checkpoints = json.load(checkpoints_file)["items"]
    problems, hashes = verify_chain(lines)
    problems += verify_checkpoints(checkpoints, jwks, hashes)
    for problem in problems:
        print(problem)
    print(f"events {len(lines)}, checkpoints {len(checkpoints)}, problems {len(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
