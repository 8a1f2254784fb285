"""Field encryption at rest (AES-256-GCM) and blind indexes (HMAC-SHA256) for ID and phone numbers."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import threading

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_VERSION = b"\x01"
_NONCE = 12
# Nonces drawn from the kernel this many at a time. os.urandom releases the GIL around its system call, and
# taking it back waits for whichever thread holds it (aiosqlite's, up to the 5 ms switch interval): per
# encryption that cost a check-in tens of microseconds on this machine (benchmarks/README.md, "Check-ins").
_NONCES_PER_DRAW = 256


class _Nonces:
    """Random 96-bit nonces, each handed out once: slices of one os.urandom draw. The same as a draw per nonce
    for uniqueness (every nonce is fresh kernel randomness, nothing is derived or counted, so restarts and other
    processes are as independent as before); a forked child starts with a fresh draw, never the parent's rest."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool = b""
        self._at = 0
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self._lock = threading.Lock()
        self._pool, self._at = b"", 0

    def take(self) -> bytes:
        with self._lock:
            if self._at >= len(self._pool):
                self._pool, self._at = os.urandom(_NONCE * _NONCES_PER_DRAW), 0
            nonce = self._pool[self._at : self._at + _NONCE]
            self._at += _NONCE
            return nonce


_nonces = _Nonces()


_URLSAFE = bytes.maketrans(b"+/", b"-_")


def _urlsafe_b64(raw: bytes) -> str:
    """`base64.urlsafe_b64encode(raw).decode()` without its two Python layers (several values per message)."""
    return binascii.b2a_base64(raw, newline=False).translate(_URLSAFE).decode()


class DecryptionError(ValueError):
    """Ciphertext was tampered with or made under another key."""


class FieldCipher:
    """Encrypts single values; derives separate keys for encryption and lookup from the secret."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) != 32:
            raise ValueError("the secret key must be 32 bytes")
        self._aead = AESGCM(hmac.digest(secret, b"jiuye/field-encryption/v1", hashlib.sha256))
        self._index_key = hmac.digest(secret, b"jiuye/blind-index/v1", hashlib.sha256)

    def encrypt(self, plaintext: str) -> str:
        nonce = _nonces.take()
        sealed = self._aead.encrypt(nonce, plaintext.encode(), None)
        return _urlsafe_b64(_VERSION + nonce + sealed)

    def decrypt(self, token: str) -> str:
        try:
            raw = base64.urlsafe_b64decode(token.encode())
            if raw[:1] != _VERSION:
                raise DecryptionError("unknown ciphertext version")
            return self._aead.decrypt(raw[1 : 1 + _NONCE], raw[1 + _NONCE :], None).decode()
        except (InvalidTag, ValueError) as exc:
            raise DecryptionError("cannot decrypt field") from exc

    def encrypt_optional(self, plaintext: str | None) -> str | None:
        return None if plaintext is None else self.encrypt(plaintext)

    def decrypt_optional(self, token: str | None) -> str | None:
        return None if token is None else self.decrypt(token)

    def blind_index(self, kind: str, value: str) -> str:
        """Deterministic keyed hash for equality look-ups without storing the value in clear."""
        return hmac.new(self._index_key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:40]


def mask_id_number(value: str) -> str:
    """5205**********1232: the division prefix and the last four stay visible."""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """+86138****5678 / 138****5678."""
    digits_start = 3 if value.startswith("+86") else 0
    core = value[digits_start:]
    if len(core) < 7:
        return "*" * len(value)
    return value[:digits_start] + core[:3] + "*" * (len(core) - 7) + core[-4:]
