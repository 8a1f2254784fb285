"""bot/lean_http.py over TLS (the WeChat API is https): the server's certificate is verified against the trusted
authorities and the host name; an untrusted certificate is refused before anything is sent."""

from __future__ import annotations

import asyncio
import datetime as dt
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bot.lean_http import ConnectError, LeanHttp


def _certificate(tmp_path: Path, host: str) -> tuple[Path, Path]:
    """A self-signed certificate for `host` (as a DNS name and, for 127.0.0.1, an IP address)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    names: list[x509.GeneralName] = [x509.DNSName(host)]
    if host == "127.0.0.1":
        import ipaddress

        names.append(x509.IPAddress(ipaddress.ip_address(host)))
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / f"{host}.pem", tmp_path / f"{host}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@asynccontextmanager
async def tls_server(cert: Path, key: Path) -> AsyncIterator[tuple[int, list[bytes]]]:
    """Answers every POST with {"errcode":0}; records what reached it."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    received: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            received.append(await reader.readexactly(length))
            body = b'{"errcode":0}'
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\n\r\n" + body)
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    listener = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=context)
    try:
        yield listener.sockets[0].getsockname()[1], received
    finally:
        listener.close()


async def test_https_with_a_trusted_certificate_is_sent_and_answered(tmp_path: Path) -> None:
    cert, key = _certificate(tmp_path, "127.0.0.1")
    async with tls_server(cert, key) as (port, received):
        trusted = ssl.create_default_context(cafile=str(cert))
        http = LeanHttp(f"https://127.0.0.1:{port}", ssl_context=trusted)
        try:
            answer = await http.post("/cgi-bin/message/custom/send?access_token=T", b'{"touser":"o1"}',
                                     b"application/json")
        finally:
            await http.close()
    assert (answer.status, answer.body) == (200, b'{"errcode":0}')
    assert received == [b'{"touser":"o1"}']


@pytest.mark.parametrize("trust", ["system", "other_host"])
async def test_an_untrusted_certificate_is_refused_before_anything_is_sent(tmp_path: Path, trust: str) -> None:
    """The default context (the system's authorities) refuses a self-signed certificate; a certificate trusted but
    made out to another host is refused by the host-name check. Nothing reaches the server: ConnectError."""
    cert, key = _certificate(tmp_path, "127.0.0.1")
    other, other_key = _certificate(tmp_path, "api.weixin.qq.com")
    served = (cert, key) if trust == "system" else (other, other_key)  # trusted, but not 127.0.0.1's
    async with tls_server(*served) as (port, received):
        context = None if trust == "system" else ssl.create_default_context(cafile=str(other))
        http = LeanHttp(f"https://127.0.0.1:{port}", ssl_context=context)
        try:
            with pytest.raises(ConnectError):
                await http.post("/cgi-bin/token", b"{}", b"application/json")
        finally:
            await http.close()
    assert received == []
