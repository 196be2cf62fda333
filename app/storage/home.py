"""Where the station keeps its data: its home folder, database, exports and logs.

The home is chosen by ``--home``, else ``MINTSTATION_HOME``, else the platform's user data
folder. The database is ``--db``, else ``MINTSTATION_DB``, else a SQLite file in the home.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "MintStation"
HOME_ENV = "MINTSTATION_HOME"
DB_ENV = "MINTSTATION_DB"
DB_FILENAME = "mintstation.db"


@dataclass(frozen=True)
class StationHome:
    root: Path
    db_url: str

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def lock_file(self) -> Path:
        return self.root / "station.lock"


def resolve_home(home: str | os.PathLike[str] | None = None, db: str | None = None) -> StationHome:
    """Pick the home folder and database URL from arguments, environment, then defaults."""
    chosen = (
        home or os.environ.get(HOME_ENV) or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    )
    root = Path(chosen).expanduser().resolve()
    url = db or os.environ.get(DB_ENV) or sqlite_url(root / DB_FILENAME)
    return StationHome(root=root, db_url=url)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"
