"""Keyed pseudonyms for peer workers, one set per recipient.

pseudonym = HMAC-SHA256(key, recipient + "\\0" + original id), the recipient normalised
(`normalise_recipient`: NFC, spaces collapsed, casefolded), the first 128 bits, written as an
identifier of the same form as the original: `ex:pw/7f3a9c` becomes `ex:pw/<32 hex digits>`
(the prefix stays, so the dataset's prefix declarations still cover it); an absolute identifier
(`https://...`) becomes `urn:uuid:<the same bits as a UUID>`.

- Same key, same recipient: the same pseudonyms, bundle after bundle (a federation can follow
  a record over time).
- Another recipient: other pseudonyms, which nobody can link to the first set without the key
  (peer workers are written in the order of their pseudonyms, so position links nothing). Only
  the identifiers are unlinkable: the fields a consent discloses are the same in both bundles.
- Without the key, a pseudonym cannot be turned back into the original identifier, nor
  recomputed from a guessed one.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata
import uuid
from pathlib import Path

from ..model import model
from .errors import BadBundle

KEY_BYTES = 32
#: shorter keys are refused: they could be guessed
MIN_KEY_BYTES = 16
#: identifiers written as URIs, not CURIEs: their pseudonym is a urn:uuid
_URI_SCHEMES = ("http", "https", "urn", "did")


def load_or_create_key(path: Path) -> tuple[bytes, bool]:
    """The key in `path`, or a new random one written there (mode 0600). Returns (key, created).

    A key file that others than its owner may read or write is refused (as ssh refuses such a
    private key): whoever holds the key can recompute pseudonyms from original identifiers."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return _read_key(path), False
    except OSError as exc:
        raise BadBundle(f"{path}: cannot create the key file ({exc.strerror or exc})") from None
    key = os.urandom(KEY_BYTES)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise BadBundle(f"{path}: cannot write the key file ({exc.strerror or exc})") from None
    return key, True


def _read_key(path: Path) -> bytes:
    try:
        mode = path.stat().st_mode
        if not path.is_file():
            raise BadBundle(f"{path}: the key file is not a regular file")
        if os.name == "posix" and mode & 0o077:
            raise BadBundle(f"{path}: the key file may be read or changed by other users "
                            f"(mode {mode & 0o777:o}); make it private with: chmod 600 {path}")
        key = path.read_bytes()
    except OSError as exc:
        raise BadBundle(f"{path}: cannot read the key file ({exc.strerror or exc})") from None
    if len(key) < MIN_KEY_BYTES:
        raise BadBundle(f"{path}: the key file holds {len(key)} bytes; a key needs at least {MIN_KEY_BYTES} "
                        "(delete the file to have a new random key made)")
    return key


def normalise_recipient(name: str) -> str:
    """The recipient as the pseudonyms are keyed on it: the same name typed with a trailing
    space, other capitals or decomposed accents (NFD, as macOS file names give it) must give
    the same pseudonyms, or a federation could no longer follow its records."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


class Pseudonyms:
    """Pseudonyms for one recipient under one key."""

    def __init__(self, key: bytes, recipient: str):
        if not recipient:
            raise ValueError("a recipient is needed")
        self._key = key
        self._recipient = normalise_recipient(recipient).encode("utf-8") + b"\0"

    def __call__(self, original: str) -> str:
        digest = hmac.new(self._key, self._recipient + original.encode("utf-8"), hashlib.sha256).digest()[:16]
        prefix, _, _ = original.partition(":")
        if prefix.lower() in _URI_SCHEMES:
            return uuid.UUID(bytes=digest).urn
        return f"{prefix}:pw/{digest.hex()}"


def _peer_worker_slots() -> dict[str, list[str]]:
    """class -> its reference slots that point to a peer worker (none in this version of the
    model; computed, so that a later version that adds one is pseudonymised too)."""
    m = model()
    found: dict[str, list[str]] = {}
    for cls in m.classes.values():
        names = [s.name for s in cls.slots.values() if s.reference and s.range == "PeerWorker"]
        if names:
            found[cls.name] = names
    return found


def pseudonymise(datasets: list[dict], pseudonym: Pseudonyms) -> int:
    """Replace, in place, every peer worker identifier and every reference to one (top-level
    record fields). Returns how many peer workers were given a pseudonym."""
    m = model()
    refs = _peer_worker_slots()
    n = 0
    for doc in datasets:
        for pw in doc.get("peer_workers") or ():
            if isinstance(pw, dict) and isinstance(pw.get("id"), str):
                pw["id"] = pseudonym(pw["id"])
                n += 1
        if doc.get("peer_workers"):
            # in the order of their pseudonyms: in the original order, the n-th peer worker of one
            # recipient's bundle would be the n-th of another's, and position would link them
            doc["peer_workers"].sort(key=lambda pw: str(pw.get("id")) if isinstance(pw, dict) else "")
        for container, cls in m.containers.items():
            slots = refs.get(cls)
            if not slots:
                continue
            for rec in doc.get(container) or ():
                for name in slots:
                    value = rec.get(name)
                    if isinstance(value, str):
                        rec[name] = pseudonym(value)
                    elif isinstance(value, list):
                        rec[name] = [pseudonym(v) if isinstance(v, str) else v for v in value]
    return n

