"""What every subcommand needs: the station's home and its database."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli.dispatch import print_json
from app.storage.home import StationHome, resolve_home

if TYPE_CHECKING:
    from app.storage.db import Database

__all__ = ["open_station_db", "print_json", "station_home", "yes_no"]


def station_home(args: argparse.Namespace) -> StationHome:
    return resolve_home(args.home, args.db)


def open_station_db(args: argparse.Namespace) -> Database:
    from app.storage.db import open_database

    home = station_home(args)
    home.root.mkdir(parents=True, exist_ok=True)
    return open_database(home.db_url)


def yes_no(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"yes", "y", "true", "1", "on"}:
        return True
    if lowered in {"no", "n", "false", "0", "off"}:
        return False
    raise argparse.ArgumentTypeError(f"{value!r} is not yes or no")
