"""`sync`: send this station's changes to the resolver and fetch activations and scans.

main.py sync [--once]                  one sync, then exit (the default)
main.py sync --watch [--interval S]    sync every S seconds until Ctrl-C
main.py sync configure --resolver URL --key-id K --secret S
main.py sync status [--json]
main.py sync upload-pack PACK_ID       host a completed pack, print a 5-minute URL
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TypeAlias

from app.cli.context import open_station_db, print_json
from app.cli.progress import ProgressBar, ctrl_c_stops

if TYPE_CHECKING:
    from app.sync.worker import SyncReport


Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(sub: Sub) -> None:
    s = sub.add_parser(
        "sync",
        help="sync with the resolver (once by default, or --watch)",
        description="Push this station's changes (batches, tokens, revocations, encodings,"
        " the catalogue) to the resolver and pull activations and scan counts back."
        " Without an action it syncs once; --watch keeps syncing until Ctrl-C.",
        epilog="actions: configure (resolver URL and credentials), status (online or offline,"
        " waiting changes, last success), upload-pack (host a pack for a signed URL)",
    )
    mode = s.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="sync once and exit (default)")
    mode.add_argument("--watch", action="store_true", help="sync repeatedly until Ctrl-C")
    s.add_argument("--interval", type=float, default=30.0, help="seconds between syncs (--watch)")
    s.set_defaults(handler=cmd_sync)
    actions = s.add_subparsers(dest="sync_action", metavar="ACTION")
    c = actions.add_parser("configure", help="set the resolver URL and this station's key")
    c.add_argument("--resolver", required=True, metavar="URL", help="e.g. https://id.acme.com")
    c.add_argument("--key-id", required=True)
    c.add_argument("--secret", required=True)
    c.add_argument("--language", help="language of the passport content (default en)")
    c.set_defaults(handler=cmd_configure)
    st = actions.add_parser("status", help="online or offline, waiting changes, last success")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=cmd_status)
    u = actions.add_parser("upload-pack", help="host a completed export pack on the resolver")
    u.add_argument("pack_id", type=int)
    u.set_defaults(handler=cmd_upload_pack)


def _print_report(report: SyncReport) -> None:
    if report.ok:
        print(
            f"synced in {report.seconds:.1f} s: {report.pushed_messages:,} change(s),"
            f" {report.pushed_tokens:,} token(s) sent; {report.activations:,} activation(s),"
            f" {report.scan_updates:,} scan figure(s) received"
        )
    else:
        print(f"sync failed: {report.error}", file=sys.stderr)
    for line in report.rejected[:20]:
        print(f"  refused: {line}", file=sys.stderr)


def cmd_sync(args: argparse.Namespace) -> int:
    from app.sync.worker import sync_once, sync_watch

    db = open_station_db(args)
    if args.watch:
        with ctrl_c_stops("stopping after this sync") as stop:
            sync_watch(db, interval=args.interval, cancelled=stop, on_report=_print_report)
        return 0
    with ctrl_c_stops("stopping after this push") as stop:
        report = sync_once(db, progress=ProgressBar("sync", unit="changes"), cancelled=stop)
    _print_report(report)
    return 0 if report.ok else 1


def cmd_configure(args: argparse.Namespace) -> int:
    from app.sync.settings import configure

    db = open_station_db(args)
    config = configure(db, args.resolver, args.key_id, args.secret, content_language=args.language)
    print(f"sync configured: {config.resolver_url} as {config.key_id}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from app.sync.status import sync_status

    status = sync_status(open_station_db(args))
    if args.json:
        print_json({**status.__dict__, "label": status.label})
        return 0
    print(status.label)
    if status.resolver_url:
        print(f"resolver      {status.resolver_url}")
    print(f"last success  {status.last_success_at or 'never'}")
    if status.last_error:
        print(f"last error    {status.last_error}")
    if status.parked:
        print(f"refused       {status.parked:,} change(s) refused too often; see the outbox")
    return 0


def cmd_upload_pack(args: argparse.Namespace) -> int:
    from app.sync.packs import upload_pack

    hosted = upload_pack(open_station_db(args), args.pack_id)
    print(f"hosted pack {hosted.id}; download (valid until {hosted.expires_at:%H:%M:%S} UTC):")
    print(hosted.url)
    return 0
