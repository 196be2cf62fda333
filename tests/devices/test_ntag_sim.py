"""The NTAG21x simulator, driven by nfcpy's unmodified reader stack over its udp driver."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import ndef
import nfc
import nfc.clf
import nfc.tag
import pytest

from app.devices.sim.ntag import SimTag
from app.devices.sim.ntag_udp import NtagField

URL = "https://id.example.com/01/09506000134352/21/ABC123456789"


@pytest.fixture
def clf(field: NtagField) -> Iterator[Any]:
    frontend = nfc.ContactlessFrontend(field.path)
    yield frontend
    frontend.close()


def activate(clf: Any) -> Any:
    target = clf.sense(nfc.clf.RemoteTarget("106A"), iterations=1)
    assert target is not None
    tag = nfc.tag.activate(clf, target)
    assert tag is not None
    return tag


@pytest.mark.parametrize(
    ("model", "capacity"), [("NTAG213", 142), ("NTAG215", 492), ("NTAG216", 868)]
)
def test_nfcpy_discovers_writes_and_reads_back(
    field: NtagField, clf: Any, model: str, capacity: int
) -> None:
    sim = field.present(SimTag(model))
    tag = activate(clf)
    assert tag.product == f"NXP {model}"
    assert bytes(tag.identifier) == sim.uid
    assert tag.ndef.capacity == capacity
    assert tag.ndef.is_writeable
    tag.ndef.records = [ndef.UriRecord(URL)]
    assert not tag.ndef.has_changed  # read back equals what was written
    assert next(iter(ndef.message_decoder(sim.ndef_message()))).iri == URL


def test_no_tag_no_target(field: NtagField, clf: Any) -> None:
    assert clf.sense(nfc.clf.RemoteTarget("106A"), iterations=1) is None


def test_lock_bits_make_the_tag_read_only(field: NtagField, clf: Any) -> None:
    sim = field.present(SimTag("NTAG213"))
    tag = activate(clf)
    tag.ndef.records = [ndef.UriRecord(URL)]
    assert tag.protect() is True
    assert sim.memory[10:12] == b"\xff\xff"  # static lock bytes
    assert sim.page(40)[:2] == b"\xff\xff"  # dynamic lock bytes
    tag = activate(clf)
    assert not tag.ndef.is_writeable
    with pytest.raises(AttributeError):
        tag.ndef.records = [ndef.UriRecord("https://other.example/")]
    with pytest.raises(nfc.tag.TagCommandError):
        tag.write(4, b"\x00\x00\x00\x00")
    assert next(iter(ndef.message_decoder(sim.ndef_message()))).iri == URL


def test_locked_pages_refuse_raw_writes(field: NtagField, clf: Any) -> None:
    field.present(SimTag("NTAG215", read_only=True))
    tag = activate(clf)
    with pytest.raises(nfc.tag.TagCommandError):
        tag.write(4, b"\x01\x02\x03\x04")


def test_password_protection(field: NtagField, clf: Any) -> None:
    sim = field.present(SimTag("NTAG216"))
    tag = activate(clf)
    tag.ndef.records = [ndef.UriRecord(URL)]
    assert tag.protect(password=b"secret") is True
    tag = activate(clf)  # a new activation: not authenticated
    assert not tag.ndef.is_writeable
    assert tag.authenticate(b"secret") is True
    assert tag.ndef.is_writeable
    tag.ndef.records = [ndef.UriRecord("https://id.example.com/x")]
    assert next(iter(ndef.message_decoder(sim.ndef_message()))).iri == "https://id.example.com/x"
    tag = activate(clf)
    assert tag.authenticate(b"wrong!") is False


def test_tag_removed_after_n_writes_leaves_an_empty_message(field: NtagField, clf: Any) -> None:
    sim = field.present(SimTag("NTAG215", remove_after_writes=3))
    tag = activate(clf)
    with pytest.raises((nfc.tag.TagCommandError, nfc.clf.CommunicationError)):
        tag.ndef.records = [ndef.UriRecord(URL)]
    assert field.tag is None
    assert sim.writes == 3
    assert sim.ndef_message() == b""  # nfcpy zeroes the length first: torn, not half


def test_reads_beyond_memory_are_refused(field: NtagField, clf: Any) -> None:
    field.present(SimTag("NTAG213"))
    tag = activate(clf)
    assert len(tag.read(44)) == 16  # rolls over to page 0 like the chip
    with pytest.raises(nfc.tag.TagCommandError):
        tag.read(45)
