"""Links of an identifier: link types, language choice, the RFC 9264 linkset, and selection.

Selection follows the GS1-Conformant Resolver standard: no ``linkType`` means the default
link; a ``linkType`` picks its links, then ``Accept-Language`` picks among them by
``hreflang`` (falling back to ``und`` and to links without a language). One left: 307.
Several equally good: 300. None: 404.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

GS1_VOC = "https://gs1.org/voc/"
# Every spelling of the GS1 Web Vocabulary namespace a client may use for a link type.
GS1_VOC_FORMS = (
    "gs1:",
    "https://gs1.org/voc/",
    "https://www.gs1.org/voc/",
    "https://ref.gs1.org/voc/",
    "http://gs1.org/voc/",
    "http://www.gs1.org/voc/",
    "http://ref.gs1.org/voc/",
)
JSONLD_CONTEXT = "https://ref.gs1.org/standards/resolver/linkset-context"
"""GS1's JSON-LD context for linksets, named in a Link header and the description file."""
DEFAULT_LINK = "gs1:defaultLink"
PIP = "gs1:pip"
LINKSET_TYPE = "application/linkset+json"
KNOWN_LINK_TYPES = (
    "gs1:pip",
    "gs1:defaultLink",
    "gs1:sustainabilityInfo",
    "gs1:recallStatus",
    "gs1:certificationInfo",
    "gs1:productSustainabilityInfo",
    "gs1:instructions",
    "gs1:safetyInfo",
    "gs1:epil",
    "gs1:smpc",
    "gs1:traceability",
    "gs1:registerProduct",
    "gs1:support",
    "gs1:masterData",
)
# GS1's linkset schema allows two-letter languages with an optional two-letter region only.
_SCHEMA_LANG = re.compile(r"[A-Za-z]{2}(?:-[A-Za-z]{2})?")
_LINK_TYPE = re.compile(r"[A-Za-z][A-Za-z0-9]{0,63}")
_LANG_ITEM = re.compile(r"\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?")


class Wanted(Enum):
    LINKSET = "linkset"


@dataclass(frozen=True, slots=True)
class Link:
    link_type: str  # "gs1:pip"
    href: str
    title: str = ""
    hreflang: tuple[str, ...] = ()
    media_type: str | None = "text/html"
    is_default: bool = False

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"href": self.href, "title": self.title}
        if self.media_type:
            out["type"] = self.media_type
        langs = [lang for lang in self.hreflang if _SCHEMA_LANG.fullmatch(lang)]
        if langs:  # "und" (undetermined) is the same as no language
            out["hreflang"] = langs
        return out

    def as_default_json(self) -> dict[str, Any]:
        """The default link: a title and nothing optional (Conformant Resolver, default link)."""
        return {"href": self.href, "title": self.title or "Default"}


def normalize_link_type(value: str) -> str | Wanted | None:
    """`gs1:pip`, `pip` or the vocabulary URI in any of its forms (https or http; bare,
    `www.` or `ref.` host) as `gs1:pip`; `all`/`linkset` as LINKSET.

    None when the value is not a link type at all (the resolver then answers 404).
    """
    text = value.strip()
    if text in ("all", "linkset"):
        return Wanted.LINKSET
    for prefix in GS1_VOC_FORMS:
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    if not _LINK_TYPE.fullmatch(text):
        return None
    return "gs1:" + text


def relation_uri(link_type: str) -> str:
    return GS1_VOC + link_type.removeprefix("gs1:")


@lru_cache(maxsize=512)
def parse_accept_language(header: str) -> tuple[str, ...]:
    """Language ranges by preference, lower-cased; q=0 ranges left out."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")[:20]):
        match = _LANG_ITEM.fullmatch(item)
        if match is None:
            continue
        try:
            q = float(match[2]) if match[2] is not None else 1.0
        except ValueError:
            continue
        if q > 0:
            ranked.append((-q, position, match[1].lower()))
    return tuple(tag for _q, _p, tag in sorted(ranked))


def language_rank(hreflang: Sequence[str], wanted: Sequence[str]) -> int | None:
    """How well a link's languages fit (lower is better), None when none fits."""
    langs = [lang.lower() for lang in hreflang] or ["und"]
    for position, tag in enumerate(wanted):
        for lang in langs:
            if tag in ("*", lang) or lang.partition("-")[0] == tag.partition("-")[0]:
                return position
    return None


def by_language(links: Sequence[Link], wanted: Sequence[str]) -> list[Link]:
    """The links in the best-fitting language; `und` and unlabelled ones when none fit."""
    if len(links) <= 1:
        return list(links)
    ranked = [(language_rank(link.hreflang, wanted), link) for link in links]
    fitting = [(rank, link) for rank, link in ranked if rank is not None]
    if fitting:
        best = min(rank for rank, _ in fitting)
        return [link for rank, link in fitting if rank == best]
    neutral = [link for link in links if link.hreflang in ((), ("und",))]
    return neutral or list(links)


def by_media_type(links: Sequence[Link], accept: str) -> list[Link]:
    """Among equally good links, those whose media type the client names in ``Accept``
    (exactly, not by wildcard); all of them when it names none of theirs."""
    if len(links) <= 1 or not accept:
        return list(links)
    named = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    fitting = [link for link in links if (link.media_type or "").lower() in named]
    return fitting or list(links)


def pick_language(available: Iterable[str], wanted: Sequence[str], fallback: str) -> str:
    """The content language to show: the best fit, else the product's default."""
    best: tuple[int, str] | None = None
    for lang in available:
        rank = language_rank((lang,), wanted)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, lang)
    return best[1] if best else fallback


@dataclass(frozen=True, slots=True)
class LinkSet:
    """The links of one identifier, walk-up included, and which one is the default."""

    anchor: str
    links: tuple[Link, ...]
    default: Link
    defaults: tuple[Link, ...]  # the default link in each language
    description: str = ""

    def of_type(self, link_type: str) -> list[Link]:
        if link_type == DEFAULT_LINK:
            return list(self.defaults)
        return [link for link in self.links if link.link_type == link_type]

    def choose_default(self, wanted: Sequence[str]) -> Link:
        if not wanted or len(self.defaults) == 1:
            return self.default
        fitting = by_language(self.defaults, wanted)
        return self.default if self.default in fitting else fitting[0]

    def as_json(self) -> dict[str, Any]:
        context: dict[str, Any] = {"anchor": self.anchor, "itemDescription": self.description}
        context[relation_uri(DEFAULT_LINK)] = [self.default.as_default_json()]
        for link in self.links:
            context.setdefault(relation_uri(link.link_type), []).append(link.as_json())
        return {"linkset": [context]}


def merge_levels(levels: Sequence[Sequence[Link]]) -> list[Link]:
    """Walk-up: the most specific level first; a link type (and language) that a lower level
    defines hides the same type and language of the levels above."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    out: list[Link] = []
    for level in levels:
        keys = {(link.link_type, link.hreflang) for link in level}
        out.extend(link for link in level if (link.link_type, link.hreflang) not in seen)
        seen |= keys
    return out


def build_linkset(
    anchor: str, levels: Sequence[Sequence[Link]], fallback: Link, description: str = ""
) -> LinkSet:
    """Merge the levels; the default is the most specific link marked default, else the pip."""
    links = merge_levels(levels)
    marked = [link for link in links if link.is_default]
    if marked:
        defaults = tuple(marked)
    else:
        pips = [link for link in links if link.link_type == PIP]
        defaults = tuple(pips) if pips else (fallback,)
    return LinkSet(anchor, tuple(links), defaults[0], defaults, description)
