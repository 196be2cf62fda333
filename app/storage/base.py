"""The declarative base of the station's tables: one metadata with the shared naming
convention and column types from ``app.dbkit``. Model modules import this; nothing here
imports a model (``app.storage.schema`` gathers them all)."""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy.orm import DeclarativeBase

from app.dbkit.naming import new_metadata
from app.dbkit.types import type_annotation_map


class Base(DeclarativeBase):
    metadata = new_metadata()
    type_annotation_map: ClassVar[dict[Any, Any]] = type_annotation_map()
