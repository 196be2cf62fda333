"""Mint Station's entry point: the desktop window by default, headless subcommands otherwise."""

from __future__ import annotations

import sys

from app.cli.main import build_parser, run


def main() -> int:
    args = build_parser().parse_args()
    if args.self_test:
        from app.ui.self_test import run_self_test  # noqa: PLC0415

        return run_self_test()
    if args.command is None:
        from app.ui.application import run_gui  # noqa: PLC0415 - Qt only when the GUI is wanted

        return run_gui(home=args.home, db=args.db)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
