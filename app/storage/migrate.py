"""Apply the Alembic migrations from code, on the station's own engine."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from app.dbkit.migrate import locked

MIGRATIONS = Path(__file__).with_name("migrations")
LOCK_ID = 0x4D535441  # "MSTA": the advisory lock id held while migrating


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = alembic_config()
    # Under the migration lock: stations sharing one database and starting together migrate once.
    with locked(engine, LOCK_ID) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
