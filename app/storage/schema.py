"""Every table of the station's database: import this module to have them all on
``Base.metadata`` (migrations, schema checks). Model modules import ``app.storage.base``
only, never each other back, so there is no import cycle."""

from __future__ import annotations

import app.storage.encoding_models
import app.storage.models
import app.storage.printing_models
import app.storage.sync_models  # noqa: F401 - imported for their tables
from app.storage.base import Base

metadata = Base.metadata

__all__ = ["Base", "metadata"]
