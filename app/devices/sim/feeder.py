"""Playing the operator at a simulated reader: a fresh tag for each unit, taken away after."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from app.devices.sim.ntag import SimTag
from app.devices.sim.ntag_udp import NtagField


class TagFeeder:
    """``place()`` when the station asks for a tag, ``take()`` once it said how it went.

    Tags come from ``supply`` (an iterator of tags, e.g. a faulty one first) and then from
    ``make`` once the supply runs out.
    """

    def __init__(
        self,
        field: NtagField,
        make: Callable[[], SimTag] = SimTag,
        supply: Iterator[SimTag] | None = None,
    ) -> None:
        self.field = field
        self.make = make
        self.supply = supply

    def place(self) -> SimTag:
        tag = self.field.tag
        if tag is None:
            tag = next(self.supply, None) if self.supply is not None else None
            tag = self.field.present(tag or self.make())
        return tag

    def take(self) -> SimTag | None:
        return self.field.remove()


def tags(*made: SimTag) -> Iterator[SimTag]:
    return iter(made)
