"""Field encryption's nonces, drawn from the kernel many at a time, are never handed out twice: not across draws,
not between threads, not in a forked child (which must not go on with the parent's draw)."""

from __future__ import annotations

import base64
import os
import secrets
import threading

from storage.crypto import _NONCES_PER_DRAW, FieldCipher


def _nonce(token: str) -> bytes:
    return base64.urlsafe_b64decode(token)[1:13]


def test_nonces_are_unique_across_draws_and_values_still_round_trip() -> None:
    cipher = FieldCipher(secrets.token_bytes(32))
    tokens = [cipher.encrypt(f"13800{i:06d}") for i in range(3 * _NONCES_PER_DRAW + 7)]
    assert len({_nonce(t) for t in tokens}) == len(tokens)
    assert [cipher.decrypt(t) for t in tokens[-3:]] == [f"13800{i:06d}" for i in range(3 * _NONCES_PER_DRAW + 4,
                                                                                      3 * _NONCES_PER_DRAW + 7)]


def test_threads_never_share_a_nonce() -> None:
    cipher = FieldCipher(secrets.token_bytes(32))
    found: list[list[bytes]] = [[] for _ in range(4)]

    def encrypt_many(into: list[bytes]) -> None:
        into.extend(_nonce(cipher.encrypt("x")) for _ in range(2 * _NONCES_PER_DRAW))

    threads = [threading.Thread(target=encrypt_many, args=(into,)) for into in found]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [n for into in found for n in into]
    assert len(set(every)) == len(every) == 8 * _NONCES_PER_DRAW


def test_a_forked_child_does_not_reuse_the_parents_remaining_nonces() -> None:
    cipher = FieldCipher(secrets.token_bytes(32))
    cipher.encrypt("x")  # the parent has drawn: the rest of its draw is in memory when it forks
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next nonces, to the parent
        try:
            os.write(write, b"".join(_nonce(cipher.encrypt("x")) for _ in range(8)))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        child = pipe.read()
    os.waitpid(pid, 0)
    parent = b"".join(_nonce(cipher.encrypt("x")) for _ in range(8))
    child_nonces = {child[i : i + 12] for i in range(0, len(child), 12)}
    assert len(child_nonces) == 8
    assert not child_nonces & {parent[i : i + 12] for i in range(0, len(parent), 12)}
