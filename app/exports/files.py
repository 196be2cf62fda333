"""Where packs live on disk, and how a pack file appears there only once it is complete.

Layout under the export folder (default ``<station home>/exports``)::

    <batch uid>/csv/pack-0001/manifest.csv
    <batch uid>/qr/pack-0001/qr_manifest.csv
    <batch uid>/nfc/pack-0001/nfc_manifest.csv
    <batch uid>/rfid/pack-0001/rfid_manifest.csv
    <batch uid>/qr-bundle/pack-0001.zip          (qr/0000001.svg ... and index.csv inside)
    <batch uid>/label-sheet/pack-0001/labels.pdf

A pack is written to ``.<name>.<random>.part`` beside its final name, flushed and fsynced,
then moved into place with ``os.replace`` and the folder fsynced: a reader, a crash or a full
disk never leaves a partial file under the final name. Leftover ``.part`` files of a killed
writer are removed before the pack is written again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from app.exports.kinds import ExportKind

__all__ = [
    "BinarySink",
    "PackWriter",
    "PreparedFile",
    "WrittenFile",
    "pack_path",
    "remove_pack_file",
    "remove_partial_files",
]


class BinarySink(Protocol):
    """Where a pack's bytes go: what zipfile and cairo need of a file they only write."""

    def write(self, data: bytes, /) -> int: ...
    def tell(self) -> int: ...
    def flush(self) -> None: ...


def pack_path(out_dir: Path, batch_uid: str, kind: ExportKind, pack_index: int) -> Path:
    """The final file of pack ``pack_index`` (0-based; named from 1 on disk)."""
    folder = out_dir / batch_uid / kind.value
    name = f"pack-{pack_index + 1:04d}"
    if kind == ExportKind.QR_BUNDLE:
        return folder / f"{name}.zip"
    return folder / name / kind.file_name


def _write(handle: BinaryIO, data: bytes) -> None:
    """The one place pack bytes reach the disk (tests make it fail like a full disk)."""
    handle.write(data)


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    sha256: str
    size_bytes: int


@dataclass(frozen=True)
class PreparedFile:
    """A pack file complete and fsynced under its temporary name, not yet in place."""

    temp: Path
    path: Path
    sha256: str
    size_bytes: int

    def publish(self) -> WrittenFile:
        """Move it into place and fsync the folder."""
        os.replace(self.temp, self.path)
        _fsync_dir(self.path.parent)
        return WrittenFile(self.path, self.sha256, self.size_bytes)

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.temp.unlink()


class PackWriter:
    """A binary file-like sink that becomes ``path`` on :meth:`commit`, hashing as it goes.

    Use it as a context manager: leaving the block without ``commit()`` or ``prepare()`` (an
    error, a cancel) deletes the temporary file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(path)
        self.temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
        self._handle: BinaryIO = open(self.temp, "xb")  # noqa: SIM115 - closed in prepare/close
        self._hash = hashlib.sha256()
        self._size = 0
        self._done = False

    def write(self, data: bytes) -> int:
        _write(self._handle, data)
        self._hash.update(data)
        self._size += len(data)
        return len(data)

    def tell(self) -> int:
        return self._size

    def flush(self) -> None:
        self._handle.flush()

    def prepare(self) -> PreparedFile:
        """Flush and fsync under the temporary name; ``publish()`` puts it in place."""
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self._done = True
        return PreparedFile(self.temp, self.path, self._hash.hexdigest(), self._size)

    def commit(self) -> WrittenFile:
        """Flush, fsync, move into place, fsync the folder."""
        return self.prepare().publish()

    def close(self) -> None:
        """Close; without ``prepare()`` the temporary file goes, even when closing fails.

        On a full disk the final flush inside ``close()`` fails too: the ``.part`` file is
        removed all the same and the first error (the one in flight) is what the caller sees.
        """
        try:
            if not self._handle.closed:
                self._handle.close()
        except OSError:
            if self._done:
                raise
        finally:
            if not self._done:
                with contextlib.suppress(FileNotFoundError):
                    self.temp.unlink()

    def __enter__(self) -> PackWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _remove_leftovers(path: Path) -> None:
    for leftover in path.parent.glob(f".{path.name}.*.part"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def remove_partial_files(path: Path) -> None:
    """Delete the ``.part`` files a killed or cancelled writer left beside ``path``."""
    with contextlib.suppress(OSError):
        _remove_leftovers(path)
        if path.parent.name.startswith("pack-") and not any(path.parent.iterdir()):
            path.parent.rmdir()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_pack_file(path: Path) -> bool:
    """Delete an expired pack's file, and its pack folder if that is left empty."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    if path.parent.name.startswith("pack-"):
        with contextlib.suppress(OSError):
            path.parent.rmdir()
    return True
