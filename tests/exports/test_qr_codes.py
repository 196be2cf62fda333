"""The fast QR path: same symbols and bytes as segno, codes that decode, logo or not."""

from __future__ import annotations

import io
import random
import string

import cairosvg
import pytest
import segno
import zxingcpp
from PIL import Image

from app.exports import qr_encoder, qr_render
from app.exports.qr_render import QrRenderer
from app.exports.qr_svg import QrStyle, code_svg

URL = "https://id.acme.example/01/09506000001012/21/A00000001"
LOGO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">'
    b'<circle cx="20" cy="20" r="18" fill="#d2232a"/>'
    b'<path d="M10 28 L20 10 L30 28 Z" fill="#ffd100"/></svg>'
)


def segno_svg(url: str, error: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error=error).save(out, kind="svg")
    return out.getvalue()


def decode(svg: bytes) -> list[str]:
    png = cairosvg.svg2png(bytestring=svg, scale=8, background_color="white")
    image = Image.open(io.BytesIO(png)).convert("L")
    return [result.text for result in zxingcpp.read_barcodes(image)]


def sample_contents(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    serial_chars = string.ascii_letters + string.digits + "!\"%&'()*+,-./:;<=>?_"
    out = []
    for n in range(count):
        serial = "".join(rnd.choice(serial_chars) for _ in range(rnd.randint(1, 20)))
        if n % 4 == 0:
            out.append("".join(rnd.choice(string.printable) for _ in range(rnd.randint(1, 300))))
        elif n % 4 == 1:
            out.append(f"HTTPS://ID.ACME.EXAMPLE/01/0950600000{n:04d}/21/{n}")
        else:
            out.append(f"https://id.acme.example/01/09506000001012/21/{serial}")
    return out


def test_self_check_passes_with_installed_segno() -> None:
    assert qr_encoder.self_check()


@pytest.mark.parametrize("error", ["m", "h"])
def test_mask_choice_and_matrix_equal_segno_on_random_contents(error: str) -> None:
    for content in sample_contents(150, seed=7 if error == "m" else 8):
        ours = qr_encoder.make(content, error)
        theirs = segno.make(content, error=error)
        assert (ours.version, ours.error, ours.mask) == (theirs.version, theirs.error, theirs.mask)
        assert ours.matrix == theirs.matrix, content


def test_svg_bytes_equal_segno_default_output() -> None:
    for content in sample_contents(60, seed=3):
        assert code_svg(content, QrStyle()) == segno_svg(content, "m"), content


@pytest.mark.parametrize(
    "url",
    [
        URL,
        "https://id.acme.example/01/09506000001012/21/%2C%22x%3C%26",
        "https://id.acme.example/01/09506000001012/10/LOT-2025-0001",
        "https://id.acme.example/t/01J8Z3S9W6P7Q2R5T8V1X4Y7Z0",
    ],
)
def test_codes_decode_to_exactly_their_url(url: str) -> None:
    assert decode(code_svg(url, QrStyle())) == [url]


@pytest.mark.parametrize("mime", ["image/svg+xml", "image/png"])
def test_codes_with_a_logo_use_level_h_and_still_decode(mime: str) -> None:
    if mime == "image/png":
        png = io.BytesIO()
        Image.new("RGB", (32, 32), (210, 35, 42)).save(png, format="PNG")
        logo = png.getvalue()
    else:
        logo = LOGO_SVG
    style = QrStyle(logo, mime)
    assert style.error == "h"
    for n in (1, 77, 4242):
        url = f"https://id.acme.example/01/09506000001012/21/LOGO{n}"
        svg = code_svg(url, style)
        assert b"<image" in svg
        plain = segno_svg(url, "h")
        # The symbol is segno's own (level H); the logo is laid over it before </svg>.
        assert svg.startswith(plain[: -len(b"</svg>\n")])
        assert decode(svg) == [url]
        # The logo really covers modules: the code without level H would not be this one.
        assert segno.make(url, error="h").error == "H"


def test_renderer_pool_keeps_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qr_render, "POOL_THRESHOLD", 10)
    monkeypatch.setattr(qr_render, "CHUNK", 7)
    urls = [f"https://id.acme.example/01/09506000001012/21/P{n}" for n in range(60)]
    chunks: list[int] = []
    with QrRenderer(QrStyle(), workers=2) as renderer:
        pooled = list(renderer.render(urls, on_chunk=chunks.append))
    assert pooled == [code_svg(url, QrStyle()) for url in urls]
    assert sum(chunks) == 60


def test_renderer_stops_when_cancelled() -> None:
    urls = [f"https://id.acme.example/01/09506000001012/21/C{n}" for n in range(600)]
    seen: list[bytes] = []

    def enough() -> bool:
        return len(seen) >= 250

    with QrRenderer(QrStyle(), workers=1) as renderer, pytest.raises(qr_render.RenderCancelled):
        for svg in renderer.render(urls, cancelled=enough):
            seen.append(svg)
    assert len(seen) == 250
