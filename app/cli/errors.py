"""The command line's one error boundary: every failure is one line, never a traceback.

Exit status, as the README's "Command line" section defines it: 0 done; 1 ran and found
problems (a failed batch, a broken audit chain); 2 refused: bad input, or a place the
station cannot use (a read-only or full folder, an unreachable or too new database); 3 a
mint stopped part-way; 130 Ctrl-C. A reader that goes away (``| head -1``) ends the command
quietly. A bug (anything the station did not raise on purpose) prints one line naming a
crash report written under the temporary folder, and exits 70.

Nothing heavy is imported here: SQLAlchemy is only looked at once an error is in hand.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from app.core.errors import MintStationError

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_REFUSED = 2
EXIT_BUG = 70
EXIT_INTERRUPTED = 130

_PLACE_ERRNOS = {
    errno.EROFS: "the location is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENAMETOOLONG: "the name is too long",
}


def run_guarded(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run one command's handler and turn whatever it raises into a line and a status."""
    try:
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the boundary, not at exit
        return code
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return EXIT_INTERRUPTED
    except MintStationError as exc:
        return _say(str(exc))
    except ModuleNotFoundError as exc:
        missing = missing_desktop_part(exc)
        if missing is None:
            return _bug(exc)
        return _say(missing)
    except OSError as exc:
        return _say(describe_os_error(exc))
    except Exception as exc:  # the boundary: classify, or report a bug without a traceback
        message = describe_database_error(exc, _database_of(args))
        if message is not None:
            return _say(message)
        return _bug(exc)


# Top-level modules only the ``[desktop]`` extra installs (the station, not the resolver).
DESKTOP_MODULES = frozenset(
    {"PySide6", "shiboken6", "platformdirs", "epcpy", "segno", "cairosvg", "nfc", "serial"}
    | {"numpy", "pypdf"}
)


def missing_desktop_part(exc: ModuleNotFoundError) -> str | None:
    """The line for a resolver-only install running the station's program, else None."""
    top = (exc.name or "").split(".")[0]
    if top not in DESKTOP_MODULES:
        return None
    return (
        f"mint-station needs the desktop install ({top} is missing): pip install '.[desktop]';"
        " the resolver alone runs as mintstation-resolver"
    )


def refuse_without_desktop(exc: ModuleNotFoundError) -> int:
    """One line and EXIT_REFUSED when ``exc`` is a desktop module missing; else re-raise it."""
    missing = missing_desktop_part(exc)
    if missing is None:
        raise exc
    return _say(missing)


def _say(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_REFUSED


def describe_os_error(exc: OSError) -> str:
    """``cannot write /path: the disk is full`` - what failed and where."""
    reason = _PLACE_ERRNOS.get(exc.errno or 0) or exc.strerror or str(exc)
    where = exc.filename if exc.filename is not None else None
    if where is None:
        return f"{reason} ({exc})" if str(exc) and reason != str(exc) else reason
    what = "cannot use"
    if exc.errno in (errno.EROFS, errno.ENOSPC, errno.EDQUOT):
        what = "cannot write"
    elif exc.errno == errno.ENOENT:
        what = "cannot find"
    return f"{what} {os.fsdecode(where)}: {reason}"


_SQLITE_HINTS = {
    "readonly database": "the database file or its folder is read-only",
    "disk is full": "the disk is full",
    "unable to open database file": "the database file cannot be opened or created there",
    "disk i/o error": "the disk reported an I/O error",
    "file is not a database": "the file is not a Mint Station database",
}


def describe_database_error(exc: BaseException, where: str | None = None) -> str | None:
    """A line for a database failure (locked, read-only, full, unreachable), else None."""
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is None or not isinstance(exc, sa_exc.SQLAlchemyError):
        return None
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    hint = next((h for key, h in _SQLITE_HINTS.items() if key in first.lower()), None)
    text = f"{hint} ({first})" if hint else first
    return f"database {where}: {text}" if where else f"database: {text}"


def _database_of(args: argparse.Namespace) -> str | None:
    """The command's database URL, password hidden; None for commands without one."""
    if not hasattr(args, "home"):
        return None
    try:
        from app.storage.home import resolve_home

        return _hide_password(resolve_home(args.home, getattr(args, "db", None)).db_url)
    except Exception:  # the location itself is what failed; say what we can
        return None


def _hide_password(url: str) -> str:
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, auth = head.partition("//")
    user = auth.split(":", 1)[0]
    return f"{scheme}//{user}:***@{tail}"


def _drop_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass  # stdout is not a real file (tests); nothing more will be written to it


def _bug(exc: BaseException) -> int:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    report = Path(tempfile.gettempdir()) / f"mintstation-crash-{stamp}-{os.getpid()}.txt"
    try:
        report.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        where = f"; details in {report}"
    except OSError:
        where = ""
    summary = str(exc).splitlines()[0] if str(exc) else ""
    print(
        f"error: internal error ({type(exc).__name__}: {summary}){where}; please report it",
        file=sys.stderr,
    )
    return EXIT_BUG
