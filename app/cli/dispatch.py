"""Running a parsed command and printing its output: what every command line entry point
shares (``main.py`` and ``mintstation-resolver``), with no import of the station's storage,
so the resolver's own installation can use it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from app.cli.errors import run_guarded

Handler = Callable[[argparse.Namespace], int]


def run(args: argparse.Namespace) -> int:
    """Call the command's handler; a refusal is one line on stderr (exit 2), not a traceback."""
    handler: Handler = args.handler
    return run_guarded(handler, args)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, default=str, ensure_ascii=False)
    sys.stdout.write("\n")
