"""A database already at head opens without Alembic; any other goes through it as before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from app.storage.db import open_database
from app.storage.migrate import MIGRATIONS, at_head, script_heads, upgrade

ROOT = Path(__file__).resolve().parents[2]


def test_script_heads_are_alembics_heads() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert script_heads() == frozenset(ScriptDirectory.from_config(config).get_heads())


def test_only_a_database_at_head_counts_as_at_head(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'station.db'}")
    try:
        assert not at_head(engine)  # no version table
        upgrade(engine, "0001")
        assert not at_head(engine)
        upgrade(engine)
        assert at_head(engine)
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
        assert not at_head(engine)  # a newer app's revision: Alembic's path names it
    finally:
        engine.dispose()


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'station.db'}"
    open_database(url).dispose()
    probe = (
        "import sys; from app.storage.db import open_database;"
        f" open_database({url!r}).dispose(); print('alembic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
