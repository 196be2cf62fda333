"""Who is not a person: crawlers, link unfurlers, mail scanners, prefetches and HEAD.

Those get the same answer a person gets (so previews and checks work), but it changes
nothing: no telemetry, no activation. User agents are judged by ``crawlerdetect`` (its
pattern list is maintained upstream), cached because one regex pass over an ordinary browser
string costs about 0.4 ms. A request without a user agent counts as a bot: phones send one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crawlerdetect import CrawlerDetect  # type: ignore[import-untyped]

# Link-preview fetchers and mail scanners that some crawlerdetect versions miss.
_PREVIEWERS = re.compile(
    r"slack|whatsapp|facebookexternalhit|facebot|telegrambot|discordbot|linkedinbot|"
    r"skypeuripreview|bingpreview|google-pagerenderer|mimecast|proofpoint|barracuda|"
    r"ms-office|microsoft office|outlook-|preview",
    re.IGNORECASE,
)
PREFETCH_HEADERS = (b"sec-purpose", b"purpose", b"x-purpose", b"x-moz")
_detector = CrawlerDetect()


@lru_cache(maxsize=8192)
def is_bot_agent(user_agent: str) -> bool:
    text = user_agent.strip()
    if not text:
        return True
    return bool(_PREVIEWERS.search(text)) or _detector.is_crawler(text)


def is_prefetch(name: bytes, value: bytes) -> bool:
    """A header that marks a speculative fetch (`Sec-Purpose: prefetch`, `X-Moz: prefetch`)."""
    if name not in PREFETCH_HEADERS:
        return False
    lowered = value.lower()
    return b"prefetch" in lowered or b"prerender" in lowered or b"preview" in lowered
