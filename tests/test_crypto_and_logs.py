"""Encryption at rest, blind indexes, masking, and log redaction of personal data and tokens."""

from __future__ import annotations

import base64
import logging

import pytest

from bot.logs import RedactingFormatter, redact
from storage.crypto import DecryptionError, FieldCipher, mask_id_number, mask_phone
from storage.repositories import open_state, seal_state
from tests.fakes.identity import make_id

ID = make_id()


def test_round_trip_and_random_nonce() -> None:
    cipher = FieldCipher(b"s" * 32)
    a, b = cipher.encrypt(ID), cipher.encrypt(ID)
    assert a != b and ID not in a
    assert cipher.decrypt(a) == ID


def test_tampering_and_wrong_key_are_detected() -> None:
    cipher = FieldCipher(b"s" * 32)
    token = cipher.encrypt("+8613812345678")
    raw = bytearray(base64.urlsafe_b64decode(token))
    for position in (1, 13, len(raw) - 1):  # nonce, ciphertext, tag
        tampered = bytearray(raw)
        tampered[position] ^= 0x01
        with pytest.raises(DecryptionError):
            cipher.decrypt(base64.urlsafe_b64encode(bytes(tampered)).decode())
    with pytest.raises(DecryptionError):
        FieldCipher(b"t" * 32).decrypt(token)


def test_blind_index_is_keyed_and_kind_separated() -> None:
    a, b = FieldCipher(b"s" * 32), FieldCipher(b"t" * 32)
    assert a.blind_index("phone", "+8613812345678") == a.blind_index("phone", "+8613812345678")
    assert a.blind_index("phone", "+8613812345678") != b.blind_index("phone", "+8613812345678")
    assert a.blind_index("phone", "x") != a.blind_index("sms", "x")


def test_masks() -> None:
    assert mask_id_number("520526199003151232") == "5205**********1232"
    assert mask_phone("+8613812345678") == "+86138****5678"
    assert mask_phone("13812345678") == "138****5678"


def test_state_sealing_encrypts_only_sensitive_values() -> None:
    cipher = FieldCipher(b"s" * 32)
    state = {
        "flow": "survey",
        "survey": {
            "answers": {"name": "王小明", "id_number": ID, "phone": "+8613812345678", "employer": "电子厂"}
        },
    }
    sealed = seal_state(state, cipher)
    text = repr(sealed)
    assert ID not in text and "13812345678" not in text
    assert "王小明" in text and "电子厂" in text
    assert open_state(sealed, cipher) == state


def test_redaction_of_ids_phones_and_tokens() -> None:
    line = f"id {ID} phone 13812345678 +8613912345678 url /cgi-bin/x?access_token=SECRET123&a=1"
    out = redact(line)
    assert ID not in out and "13812345678" not in out and "SECRET123" not in out
    assert "5205**********" in out and "138****5678" in out and "access_token=***" in out


def test_formatter_redacts_arguments_too() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "got %s", (ID,), None)
    assert ID not in RedactingFormatter("%(message)s").format(record)
