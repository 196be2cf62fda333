"""ZPL formats and replies: what the driver sends and how it reads the printer's answers."""

from __future__ import annotations

import pytest

from app.core.epc import encode_sgtin
from app.devices.base import LabelJob
from app.devices.rfid import zpl
from app.devices.sim.zpl_engine import ZplPrinterEngine, parse_format

EPC96 = encode_sgtin("09506000001012", "12345", 7).hex
EPC198 = encode_sgtin("09506000001012", "AB_C/D", 7).hex


def job(
    epc: str = EPC96, url: str = "https://id.acme.example/01/09506000001012/21/12345"
) -> LabelJob:
    return LabelJob(1, epc, url, ("(01) 09506000001012", "(21) 12345"))


def test_label_format_encodes_reads_back_and_prints() -> None:
    text = zpl.label_format(job(), tries=5).decode()
    assert text.startswith("^XA") and text.rstrip().endswith("^XZ")
    assert "^RS8,,,5,N" in text
    assert f"^RFW,H,,,A^FD{EPC96}^FS" in text
    assert "^RFR,H,0,12,E^FN1^FS" in text
    assert "^HV1,24,EPC:,;,L" in text and "^HV2,24,TID:,;,L" in text
    assert "^BQN,2,5^FH_^FDQA,https://id.acme.example/01/09506000001012/21/12345^FS" in text


def test_sgtin198_and_awkward_characters_survive() -> None:
    assert len(EPC198) == 52
    url = "https://id.acme.example/01/09506000001012/21/A%5EB~C_D"
    data = zpl.label_format(job(EPC198, url), tries=3)
    fmt = parse_format(data[data.index(b"^XA") : data.index(b"^XZ")])
    assert fmt.epc == EPC198
    assert fmt.qr == url  # ~ and _ went through ^FH as _7E and _5F
    assert fmt.reads == {1: ("E", 26), 2: ("2", 12)}
    assert fmt.tries == 3 and fmt.on_error == "N"


def test_user_memory_write() -> None:
    data = zpl.label_format(
        LabelJob(1, EPC96, "https://x.example/", (), b"https://x.example/"), tries=3
    )
    fmt = parse_format(data[: data.index(b"^XZ")])
    assert fmt.user_memory == b"https://x.example/"


def test_host_status_from_the_simulator() -> None:
    engine = ZplPrinterEngine()
    engine.feed(b"~HS")
    frames = [
        t.text for t in zpl.ReplyParser().feed(engine.take_output()) if isinstance(t, zpl.Frame)
    ]
    assert len(frames) == 3
    assert zpl.parse_host_status(frames).ready
    engine.paper = 0
    engine.tick()
    engine.feed(zpl.label_format(job(), tries=3))
    engine.tick()
    engine.open_head()
    engine.feed(b"~HS")
    frames = [
        t.text for t in zpl.ReplyParser().feed(engine.take_output()) if isinstance(t, zpl.Frame)
    ]
    status = zpl.parse_host_status(frames)
    assert (status.paper_out, status.paused, status.head_open, status.ribbon_out) == (
        True,
        True,
        True,
        False,
    )
    assert status.formats_buffered == 1 and status.faulted
    assert "out of labels" in status.describe() and "head open" in status.describe()


@pytest.mark.parametrize("chunk", [1, 3, 7, 1000])
def test_reply_parser_copes_with_any_split(chunk: int) -> None:
    tid = "E2801190" + "0" * 16
    stream = (
        f"EPC:{EPC96};TID:{tid};\x13EPC:{EPC198};TID:{tid};EPC:{' ' * 24};\x11TID:{' ' * 24};"
        "\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\nW,0000,ABC\r\n"
        f"EPC:{EPC96}TID:{tid}\x02x\x03"  # a printer that leaves out the termination
    ).encode()
    parser = zpl.ReplyParser()
    tokens: list[zpl.Token] = []
    for start in range(0, len(stream), chunk):
        tokens += parser.feed(stream[start : start + chunk])
    assert tokens == [
        zpl.Field("EPC", EPC96),
        zpl.Field("TID", tid),
        zpl.Field("EPC", EPC198),
        zpl.Field("TID", tid),
        zpl.Field("EPC", ""),
        zpl.Field("TID", ""),
        zpl.Frame("030,0,0,1218,000,0,0,0,000,0,0,0"),
        zpl.Line("W,0000,ABC"),
        zpl.Field("EPC", EPC96),
        zpl.Field("TID", tid),
        zpl.Frame("x"),
    ]


def test_rfid_log_in_old_and_new_firmware_formats() -> None:
    lines = [
        "W,0000,3036443340001940000003E8",
        "W,4005,3036443340001940000003E9",
        "[2026-11-24 10:00:00]W,F1,D3,27,00000000,3036443340001940000003EA",
        "R,0000,3036443340001940000003EB",
        "E,FFFFFFFF,Logfile automatically reset",
    ]
    assert zpl.parse_log(lines) == {"3036443340001940000003E8", "3036443340001940000003EA"}


def test_field_hex_escapes() -> None:
    assert zpl.field_hex("a^b~c_d é") == "a_5Eb_7Ec_5Fd _C3_A9"
