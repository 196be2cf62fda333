"""GS1 compressed Digital Link URIs (GS1 Digital Link: Compression, incl. the 2025 EPC form).

Public API (used by the resolver and by scan verification):

- ``decompress_dl_uri(uri)``: a compressed URI -> the equivalent uncompressed one, same host.
- ``compress_dl_uri(uri)``: an uncompressed URI -> its compressed form, same host.
- ``is_compressed_dl_uri(uri)``: whether the URI's path is a compressed Digital Link.

Bad input raises ``app.core.errors.DigitalLinkError``.
"""

from __future__ import annotations

from app.core.errors import DigitalLinkError

__all__ = ["compress_dl_uri", "decompress_dl_uri", "is_compressed_dl_uri"]


def decompress_dl_uri(uri: str) -> str:
    """Return the uncompressed GS1 Digital Link URI equivalent to compressed ``uri``."""
    raise DigitalLinkError("compressed Digital Link URIs are not supported yet")


def compress_dl_uri(uri: str) -> str:
    """Return the compressed form of the uncompressed GS1 Digital Link URI ``uri``."""
    raise DigitalLinkError("compressed Digital Link URIs are not supported yet")


def is_compressed_dl_uri(uri: str) -> bool:
    """Whether ``uri`` is a compressed GS1 Digital Link URI."""
    return False
