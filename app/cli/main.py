"""The command line's parser and dispatcher (everything but the GUI)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from app import __version__
from app.cli.dispatch import run
from app.cli.errors import refuse_without_desktop

__all__ = ["build_parser", "main", "run"]


def build_parser() -> argparse.ArgumentParser:
    # Imported here, not at the top: in a resolver-only install (no platformdirs) main()
    # must still run to say so in one line instead of a traceback.
    from app.cli import (
        catalogue,
        exports,
        minting,
        printing,
        resolver,
        stations,
        sync,
    )

    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Mint Station: mint Digital Product Passport tokens and put them on products."
        " Without a command it opens the desktop window.",
    )
    parser.add_argument("--version", action="version", version=f"Mint Station {__version__}")
    parser.add_argument("--home", help="where the station keeps its data (or MINTSTATION_HOME)")
    parser.add_argument("--db", help="a SQLAlchemy database URL (or MINTSTATION_DB)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start offscreen in a temporary home, mint and export a small batch, then exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    catalogue.register(sub)
    minting.register(sub)
    resolver.register(sub)
    sync.register(sub)
    exports.register(sub)
    stations.register(sub)
    printing.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = build_parser()
    except ModuleNotFoundError as exc:
        return refuse_without_desktop(exc)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.error("a command is needed here; main.py without one opens the window")
    return run(args)
