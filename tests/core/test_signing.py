"""The sync API's request signature: one definition, pinned, so a change to the wire format
(which would lock every station out of its resolver) cannot slip through."""

from __future__ import annotations

import hashlib
import hmac

from app.core import signing

ARGS = ("post", "/api/v1/sync/push?x=1", "1700000000", "n" * 16, b"{}")


def test_key_and_signature_are_pinned() -> None:
    key = signing.derive_key("s3cret")
    assert key.hex() == "ff898760488ec7c7ab633b966149b362a8fbeeba73be898cf4dae3859bb89b45"
    assert (
        signing.signature(key, *ARGS)
        == "2f797b79929f0887bfc71f100e55b46029098077843b654f2700d8d324107bc8"
    )


def test_the_signed_message_is_method_path_time_nonce_and_body_digest() -> None:
    body_digest = hashlib.sha256(b"{}").hexdigest()
    expected = f"POST\n/api/v1/sync/push?x=1\n1700000000\n{'n' * 16}\n{body_digest}".encode()
    assert signing.canonical(*ARGS) == expected
    key = signing.derive_key("s3cret")
    assert signing.signature(key, *ARGS) == hmac.new(key, expected, hashlib.sha256).hexdigest()


def test_headers_carry_key_id_time_nonce_and_signature() -> None:
    key = signing.derive_key("s3cret")
    headers = signing.signed_headers(
        key, "ms_0123456789abcdef", "POST", ARGS[1], b"{}", now=1700000000.7, nonce="n" * 16
    )
    assert headers == {
        "X-Key-Id": "ms_0123456789abcdef",
        "X-Timestamp": "1700000000",
        "X-Nonce": "n" * 16,
        "X-Signature": signing.signature(key, *ARGS),
    }
    other = signing.signed_headers(key, "ms_0123456789abcdef", "POST", ARGS[1], b"{}")
    assert other["X-Nonce"] != headers["X-Nonce"]
