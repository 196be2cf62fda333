"""Mint Station's entry point: the desktop window by default, headless subcommands otherwise.

``multiprocessing.freeze_support()`` comes first: in the frozen build the export pools' spawn
children and the resource tracker start this same program, and must run their worker code,
never the GUI or the CLI. Everything heavy is imported only once it is known to be needed, so
``--version`` and ``--help`` import nothing of Qt, SQLAlchemy or the exporters.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    """The window, the self-test or a subcommand; in an install without the desktop's
    packages (the resolver's alone) one line that says what to install, not a traceback."""
    from app.cli.errors import refuse_without_desktop  # noqa: PLC0415

    try:
        return _main()
    except ModuleNotFoundError as exc:
        return refuse_without_desktop(exc)


def _main() -> int:
    from app.cli.main import build_parser, run  # noqa: PLC0415 - after freeze_support

    args = build_parser().parse_args()
    if args.self_test:
        from app.ui.self_test import run_self_test  # noqa: PLC0415

        return run_self_test()
    if args.command is None:
        from app.ui.preflight import check  # noqa: PLC0415 - imports nothing of Qt

        preflight = check()
        if not preflight.ok:
            from pathlib import Path  # noqa: PLC0415

            from app.ui.preflight import EXIT_NO_DISPLAY  # noqa: PLC0415

            print(preflight.message(Path(sys.argv[0]).name), file=sys.stderr)
            return EXIT_NO_DISPLAY
        from app.ui.application import run_gui  # noqa: PLC0415 - Qt only when the GUI is wanted

        return run_gui(home=args.home, db=args.db)
    return run(args)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
