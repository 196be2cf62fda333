"""Apply the Alembic migrations from code, on the station's own engine.

A database that a newer Mint Station has migrated has a revision this one does not know.
Instead of Alembic's "Can't locate revision", ``upgrade`` raises ``SchemaTooNew`` with the
app version that the newer release recorded when it migrated (a row of the ``counter``
table, so recording it needs no schema change).

Alembic takes more than half a second to import. A database already at head (every start but
the first after an update) is recognised by one read of its version table against the
revisions named in the scripts' own files, and Alembic is never imported.
"""

from __future__ import annotations

import ast
import re
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, column, delete, insert, select, table
from sqlalchemy.exc import DBAPIError

from app import __version__
from app.dbkit.migrate import locked

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
LOCK_ID = 0x4D535441  # "MSTA": the advisory lock id held while migrating
APP_VERSION_COUNTER = "schema:app_version"
_IN_PROCESS = threading.Lock()
_counter = table("counter", column("name"), column("value"))
_version = table("alembic_version", column("version_num"))
_ASSIGNMENT = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


class SchemaTooNew(Exception):
    """The database's schema revision is newer than any this app knows."""

    def __init__(self, revision: str, app_version: str | None) -> None:
        self.revision = revision
        self.app_version = app_version
        super().__init__(f"schema revision {revision} needs Mint Station {app_version}")


def alembic_config() -> Config:
    from alembic.config import Config  # noqa: PLC0415 - alembic is slow to import

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def script_heads() -> frozenset[str]:
    """The head revisions, read from the ``revision``/``down_revision`` lines of the
    scripts (what Alembic's ``ScriptDirectory.get_heads`` answers, without Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        revisions.add(ast.literal_eval(found["revision"]))
        down = ast.literal_eval(found.get("down_revision", "None"))
        parents.update([down] if isinstance(down, str) else down or ())
    return frozenset(revisions - parents)


def at_head(engine: Engine) -> bool:
    """True when the database's version table names exactly the scripts' heads (one read,
    no lock: a schema at head stays at head). Anything else, no version table included, is
    left to Alembic."""
    try:
        with engine.connect() as conn:
            current = set(conn.execute(select(_version.c.version_num)).scalars())
    except DBAPIError:
        return False
    return bool(current) and current == script_heads()


def upgrade(engine: Engine, revision: str = "head") -> None:
    if revision == "head" and at_head(engine):
        return
    from alembic import command  # noqa: PLC0415 - alembic is slow to import
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    known = {rev.revision for rev in script.walk_revisions()}
    # Under the migration lock: stations sharing one database and starting together migrate once.
    # Alembic's context is a module global: threads of one process migrate one at a time.
    with _IN_PROCESS, locked(engine, LOCK_ID) as conn:
        current = MigrationContext.configure(conn).get_current_heads()
        unknown = [rev for rev in current if rev not in known]
        if unknown:
            raise SchemaTooNew(unknown[0], recorded_app_version(conn))
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        if set(current) != set(script.get_heads()):
            record_app_version(conn, __version__)


def encode_version(version: str) -> int:
    """``1.12.3`` -> 1_012_003 (the counter table holds integers)."""
    parts = [int("".join(ch for ch in part if ch.isdigit()) or 0) for part in version.split(".")]
    major, minor, patch = [*parts, 0, 0, 0][:3]
    return major * 1_000_000 + minor * 1_000 + patch


def decode_version(value: int) -> str:
    return f"{value // 1_000_000}.{value // 1_000 % 1_000}.{value % 1_000}"


def record_app_version(conn: Connection, version: str) -> None:
    """Note which app version migrated the schema last, for older apps to name."""
    conn.execute(delete(_counter).where(_counter.c.name == APP_VERSION_COUNTER))
    conn.execute(insert(_counter).values(name=APP_VERSION_COUNTER, value=encode_version(version)))


def recorded_app_version(conn: Connection) -> str | None:
    try:
        value = conn.execute(
            select(_counter.c.value).where(_counter.c.name == APP_VERSION_COUNTER)
        ).scalar_one_or_none()
    except Exception:  # no counter table (not a station database): nothing recorded
        return None
    return None if value is None else decode_version(int(value))
