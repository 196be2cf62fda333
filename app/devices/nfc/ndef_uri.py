"""The NDEF message the station writes: one URI record holding the unit's resolver URL."""

from __future__ import annotations

import ndef


def uri_message(uri: str) -> bytes:
    """The NDEF message bytes of one URI record (``https://`` becomes prefix code 0x04)."""
    return b"".join(ndef.message_encoder([ndef.UriRecord(uri)]))


def decode_uri(octets: bytes) -> str | None:
    """The URI of the message's first record, or None for an empty or non-URI message."""
    if not octets:
        return None
    try:
        records = list(ndef.message_decoder(octets, errors="relax"))
    except ndef.DecodeError:
        return None
    if records and isinstance(records[0], ndef.UriRecord):
        iri: str = records[0].iri
        return iri
    return None
