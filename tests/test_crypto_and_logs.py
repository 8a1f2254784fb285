"""Encryption at rest, blind indexes, masking, and log redaction of personal data and tokens."""

from __future__ import annotations

import base64
import copy
import logging
from typing import Any

import pytest

from bot.logs import CLIENT_ERRORS, RedactingFormatter, redact, setup_logging
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


def test_sealing_leaves_the_state_in_memory_as_it_was() -> None:
    """The unit of work goes on with its state after sealing it: the sealed copy must not reach into it."""
    cipher = FieldCipher(b"s" * 32)
    state = {"v": 1, "flow": "survey", "menu": {"open": False, "seen": ["a", {"b": 1}]},
             "survey": {"answers": {"id_number": ID, "employer": "电子厂"}, "history": [{"phone": "+8613812345678"}]}}
    before = copy.deepcopy(state)
    sealed = seal_state(state, cipher)
    assert state == before  # nothing encrypted in place
    assert ID not in repr(sealed) and "13812345678" not in repr(sealed)
    sealed["survey"]["answers"]["employer"] = "changed"
    sealed["survey"]["history"][0]["x"] = 1
    assert state == before  # what holds a sensitive value was copied
    assert open_state(seal_state(state, cipher), cipher) == state


def test_redaction_of_ids_phones_and_tokens() -> None:
    line = f"id {ID} phone 13812345678 +8613912345678 url /cgi-bin/x?access_token=SECRET123&a=1"
    out = redact(line)
    assert ID not in out and "13812345678" not in out and "SECRET123" not in out
    assert "5205**********" in out and "138****5678" in out and "access_token=***" in out


def test_formatter_redacts_arguments_too() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "got %s", (ID,), None)
    assert ID not in RedactingFormatter("%(message)s").format(record)


async def test_a_request_line_too_long_is_refused_with_a_warning_that_quotes_nothing(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """aiohttp's own error for an unparseable request quotes the request's start (for Kannel's get-url, the
    sender's text) with a traceback; the filter `jiuye serve` installs turns it into one plain warning."""
    server_log = logging.getLogger("aiohttp.server")
    server_log.addFilter(CLIENT_ERRORS)
    try:
        with caplog.at_level(logging.INFO):
            resp = await client.get("/simulator?" + "q=" + "%E7%8E%8B" * 8000)  # 72 KB: over the 64 KB line
    finally:
        server_log.removeFilter(CLIENT_ERRORS)
    assert resp.status == 400
    [record] = [r for r in caplog.records if r.name == "aiohttp.server"]
    assert (record.levelname, record.getMessage()) == ("WARNING", "malformed HTTP request refused: LineTooLong (400)")
    assert record.exc_info is None and "%E7" not in caplog.text


def test_setup_logging_installs_the_client_error_filter_once() -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        setup_logging("INFO")
        setup_logging("INFO")
        assert logging.getLogger("aiohttp.server").filters.count(CLIENT_ERRORS) == 1
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        logging.getLogger("aiohttp.server").removeFilter(CLIENT_ERRORS)


def test_the_scheduler_library_is_quiet_unless_debugging() -> None:
    """APScheduler's two lines a minute per tick would drown the service's own INFO lines."""
    root, aps = logging.getLogger(), logging.getLogger("apscheduler")
    handlers, level, aps_level = root.handlers[:], root.level, aps.level
    try:
        setup_logging("INFO")
        assert not aps.isEnabledFor(logging.INFO) and aps.isEnabledFor(logging.WARNING)
        aps.setLevel(logging.NOTSET)
        setup_logging("DEBUG")
        assert aps.isEnabledFor(logging.DEBUG)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        aps.setLevel(aps_level)
        logging.getLogger("aiohttp.server").removeFilter(CLIENT_ERRORS)
