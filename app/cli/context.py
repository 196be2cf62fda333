"""What every subcommand needs: the station's home and its database."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.storage.db import Database

from app.storage.home import StationHome, resolve_home


def station_home(args: argparse.Namespace) -> StationHome:
    return resolve_home(args.home, args.db)


def open_station_db(args: argparse.Namespace) -> Database:
    from app.storage.db import open_database

    home = station_home(args)
    home.root.mkdir(parents=True, exist_ok=True)
    return open_database(home.db_url)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, default=str, ensure_ascii=False)
    sys.stdout.write("\n")


def yes_no(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"yes", "y", "true", "1", "on"}:
        return True
    if lowered in {"no", "n", "false", "0", "off"}:
        return False
    raise argparse.ArgumentTypeError(f"{value!r} is not yes or no")
