"""`mint`, `worker`, `batches`, `tokens`, `runs`, `kpis` and `audit` subcommands."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from app.cli.context import open_station_db, print_json
from app.cli.progress import ProgressBar, ctrl_c_stops
from app.core.errors import MintStationError, ValidationError

if TYPE_CHECKING:
    from app.minting.engine import MintOutcome
    from app.minting.request import SerialSpec
    from app.storage.db import Database
    from app.storage.queries import (
        BatchView,
    )

from app.core.states import ActivationMode, BatchStatus, IdentityMode

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(sub: Sub) -> None:
    m = sub.add_parser("mint", help="mint a batch of tokens")
    m.add_argument("--sku", required=True)
    m.add_argument("--quantity", type=int, required=True)
    m.add_argument("--mode", choices=[m.value for m in IdentityMode], default="serial")
    m.add_argument("--activation", choices=[a.value for a in ActivationMode], default="at-mint")
    m.add_argument(
        "--serials",
        default="random",
        metavar="sequential|random|numeric|FILE.csv",
        help="serial source in serial mode (default random)",
    )
    m.add_argument("--serial-prefix", default="", help="prefix of sequential serials")
    m.add_argument("--serial-width", type=int, default=8, help="digits of sequential serials")
    m.add_argument("--serial-start", type=int, help="first sequential number (default: next free)")
    m.add_argument("--lot", action="append", default=[], metavar="CODE:QTY[:PRINT_QTY[:EXPIRY]]")
    m.add_argument("--run", metavar="RUN_ID")
    m.add_argument("--idempotency-key")
    m.add_argument("--detach", action="store_true", help="queue for the worker and return")
    m.add_argument("--json", action="store_true")
    m.set_defaults(handler=cmd_mint)

    w = sub.add_parser("worker", help="resume and finish every unfinished batch, then exit")
    w.set_defaults(handler=cmd_worker)

    b = sub.add_parser("batches", help="mint batches")
    bsub = b.add_subparsers(dest="action", required=True)
    bl = bsub.add_parser("list")
    bl.add_argument("--status", choices=[s.value for s in BatchStatus])
    bl.add_argument("--json", action="store_true")
    bl.set_defaults(handler=cmd_batches_list)
    bs = bsub.add_parser("show")
    bs.add_argument("id")
    bs.add_argument("--json", action="store_true")
    bs.set_defaults(handler=cmd_batches_show)
    br = bsub.add_parser("resume", help="send a failed batch back to the queue and mint it")
    br.add_argument("id")
    br.set_defaults(handler=cmd_batches_resume)

    t = sub.add_parser("tokens", help="minted tokens")
    tsub = t.add_subparsers(dest="action", required=True)
    tl = tsub.add_parser("list")
    tl.add_argument("--batch", required=True)
    tl.add_argument("--status", choices=["minted", "active", "revoked"])
    tl.add_argument("--limit", type=int, default=100)
    tl.add_argument("--after", metavar="TOKEN_ID")
    tl.add_argument("--json", action="store_true")
    tl.set_defaults(handler=cmd_tokens_list)
    tr = tsub.add_parser("revoke")
    tr.add_argument("token_id")
    tr.add_argument("--reason", required=True)
    tr.set_defaults(handler=cmd_tokens_revoke)

    r = sub.add_parser("runs", help="ERP production runs")
    rsub = r.add_subparsers(dest="action", required=True)
    ra = rsub.add_parser("add")
    ra.add_argument("code")
    ra.add_argument("--sku", required=True)
    ra.add_argument("--quantity", type=int, help="ERP quantity (omit for no cap)")
    ra.set_defaults(handler=cmd_runs_add)
    rl = rsub.add_parser("list")
    rl.add_argument("--json", action="store_true")
    rl.set_defaults(handler=cmd_runs_list)

    k = sub.add_parser("kpis", help="the dashboard figures")
    k.add_argument("--json", action="store_true")
    k.set_defaults(handler=cmd_kpis)

    a = sub.add_parser("audit", help="the hash-chained audit log")
    asub = a.add_subparsers(dest="action", required=True)
    al = asub.add_parser("list")
    al.add_argument("--entity", help="only this entity type (batch, token, product, ...)")
    al.add_argument("--json", action="store_true")
    al.set_defaults(handler=cmd_audit_list)
    av = asub.add_parser("verify")
    av.set_defaults(handler=cmd_audit_verify)


def serial_spec(args: argparse.Namespace) -> SerialSpec:
    from app.core.serials import read_serial_file
    from app.minting.request import SerialKind, SerialSpec
    from app.minting.submit import MintRefused

    choice = args.serials
    if choice in ("sequential", "random", "numeric"):
        return SerialSpec(
            kind=SerialKind(choice),
            prefix=args.serial_prefix,
            width=args.serial_width,
            start=args.serial_start,
        )
    serials, errors = read_serial_file(Path(choice))
    if errors:
        raise MintRefused([f"{choice}: {len(errors)} rejected row(s)"], errors)
    return SerialSpec(kind=SerialKind.LIST, serials=tuple(serials))


def cmd_mint(args: argparse.Namespace) -> int:
    from app.minting.request import MintRequest, SerialSpec, parse_lot
    from app.minting.submit import submit

    mode = IdentityMode(args.mode)
    if mode == IdentityMode.LOT and not args.lot:
        raise ValidationError("lot", "lot mode needs at least one --lot CODE:QTY")
    if mode == IdentityMode.SERIAL and args.lot:
        raise ValidationError("lot", "--lot is for --mode lot")
    request = MintRequest(
        sku=args.sku,
        quantity=args.quantity,
        identity_mode=mode,
        activation_mode=ActivationMode(args.activation),
        serials=serial_spec(args) if mode == IdentityMode.SERIAL else SerialSpec(),
        lots=tuple(parse_lot(text) for text in args.lot),
        run_code=args.run,
        idempotency_key=args.idempotency_key,
    )
    db = open_station_db(args)
    submitted = submit(db, request)
    if not submitted.created:
        print(f"batch {submitted.uid} was already submitted with this idempotency key")
    if args.detach:
        print(f"batch {submitted.uid} queued; `main.py worker` mints it")
        return 0
    result = _mint_with_bar(db, submitted.batch_id)
    if args.json:
        print_json(dataclasses.asdict(result))
        return _EXIT_CODES.get(result.status, 3)
    return _report(result)


def _bar(db: Database, batch_id: int) -> ProgressBar:
    """A progress bar for the batch, counting the rate from where it stands now."""
    from app.storage.queries import get_batch

    with db.read() as session:
        batch = get_batch(session, batch_id)
        return ProgressBar(f"batch {batch.uid}", start=batch.minted_count)


def _mint_with_bar(db: Database, batch_id: int) -> MintOutcome:
    from app.minting.engine import mint

    with ctrl_c_stops("stopping after this cycle; the batch stays resumable") as stop:
        return mint(batch_id, db=db, progress=_bar(db, batch_id), cancelled=stop)


_EXIT_CODES = {BatchStatus.MINTED: 0, BatchStatus.FAILED: 1}


def _report(result: MintOutcome) -> int:
    if result.status == BatchStatus.MINTED:
        print(f"batch {result.uid} minted: {result.minted:,} token(s)")
        return 0
    if result.status == BatchStatus.FAILED:
        print(f"batch {result.uid} failed: {result.reason}", file=sys.stderr)
        return 1
    print(
        f"batch {result.uid} stopped at {result.minted:,} of {result.quantity:,};"
        " run `main.py worker` to finish it"
    )
    return 3


def cmd_worker(args: argparse.Namespace) -> int:
    from app.minting.engine import mint, unfinished_batches

    db = open_station_db(args)
    pending = unfinished_batches(db)
    if not pending:
        print("no unfinished batches")
        return 0
    worst = 0
    with ctrl_c_stops("stopping after this cycle; batches stay resumable") as stop:
        for batch_id in pending:
            if stop():
                break
            try:
                result = mint(batch_id, db=db, progress=_bar(db, batch_id), cancelled=stop)
            except MintStationError as exc:
                # One batch that cannot be minted never holds up the others in the queue.
                print(f"batch {batch_id}: {exc}", file=sys.stderr)
                worst = max(worst, 1)
                continue
            worst = max(worst, _report(result))
    return worst


def _batch_json(view: BatchView) -> dict[str, Any]:
    data = dataclasses.asdict(view)
    data.pop("id")
    data["id"] = data.pop("uid")
    return data


def cmd_batches_list(args: argparse.Namespace) -> int:
    from app.storage.queries import list_batches

    db = open_station_db(args)
    with db.read() as session:
        views = list_batches(session, status=args.status)
    if args.json:
        print_json([_batch_json(v) for v in views])
        return 0
    if not views:
        print("no batches")
    for v in views:
        print(
            f"{v.uid}  {v.status:<10} {v.minted_count:>9,}/{v.quantity:<9,} {v.identity_mode:<6}"
            f" {v.activation_mode:<10} {v.sku}"
        )
    return 0


def cmd_batches_show(args: argparse.Namespace) -> int:
    from app.storage.queries import get_batch

    db = open_station_db(args)
    with db.read() as session:
        from app.storage.queries import batch_view

        view = batch_view(session, get_batch(session, args.id))
    data = _batch_json(view)
    if args.json:
        print_json(data)
        return 0
    for key, value in data.items():
        if key != "lots":
            print(f"{key:<16} {'-' if value is None else value}")
    for lot in view.lots:
        print(
            f"lot {lot.code}: {lot.quantity:,} units, print {lot.print_quantity:,},"
            f" expiry {lot.expiry or '-'}"
        )
    return 0


def cmd_batches_resume(args: argparse.Namespace) -> int:
    from app.minting.engine import resume_failed
    from app.storage.queries import get_batch

    db = open_station_db(args)
    with db.read() as session:
        batch_id = get_batch(session, args.id).id
    resume_failed(db, batch_id)
    return _report(_mint_with_bar(db, batch_id))


def cmd_tokens_list(args: argparse.Namespace) -> int:
    from app.storage.queries import get_batch, token_key, token_page

    db = open_station_db(args)
    with db.read() as session:
        batch = get_batch(session, args.batch)
        after = token_key(session, args.after) if args.after else None
        views = token_page(
            session, batch=batch, status=args.status, after_key=after, limit=args.limit
        )
    if args.json:
        print_json([dataclasses.asdict(v) for v in views])
        return 0
    for v in views:
        ident = v.serial if v.serial is not None else f"lot {v.lot}"
        print(f"{v.token_id}  {v.status:<8} {ident:<22} {v.resolver_url}")
    return 0


def cmd_tokens_revoke(args: argparse.Namespace) -> int:
    from app.minting.tokens import revoke

    db = open_station_db(args)
    view = revoke(db, args.token_id, args.reason)
    print(f"token {view.token_id} revoked: {view.revoke_reason}")
    return 0


def cmd_runs_add(args: argparse.Namespace) -> int:
    from app.minting.runs import add_run

    db = open_station_db(args)
    with db.write() as session:
        run = add_run(session, args.code, args.sku, args.quantity)
    print(f"production run {run.code} for {run.sku}: {run.erp_quantity or 'no'} unit cap")
    return 0


def cmd_runs_list(args: argparse.Namespace) -> int:
    from app.minting.runs import list_runs

    db = open_station_db(args)
    with db.read() as session:
        runs = list_runs(session)
    if args.json:
        print_json([{**dataclasses.asdict(r), "remaining": r.remaining} for r in runs])
        return 0
    for r in runs:
        remaining = "no cap" if r.remaining is None else f"{r.remaining:,} left"
        print(f"{r.code:<20} {r.sku:<16} {remaining}")
    return 0


def cmd_kpis(args: argparse.Namespace) -> int:
    from app.storage.queries import kpis

    db = open_station_db(args)
    with db.read() as session:
        figures = kpis(session)
    if args.json:
        print_json(figures)
    else:
        for key, value in figures.items():
            print(f"{key.replace('_', ' '):<22} {value:,}")
    return 0


def cmd_audit_list(args: argparse.Namespace) -> int:
    from app.storage import audit

    db = open_station_db(args)
    with db.read() as session:
        events: list[dict[str, Any]] = [
            {
                "id": e.id,
                "at": e.at.isoformat(),
                "entity_type": e.entity_type,
                "entity_id": e.entity_id,
                "action": e.action,
                "detail": e.detail,
            }
            for e in audit.iter_events(session, entity_type=args.entity)
        ]
    if args.json:
        print_json(events)
        return 0
    for e in events:
        print(
            f"{e['id']:>6} {e['at'][:19]} {e['entity_type']:<16} {e['entity_id']:<26} {e['action']}"
        )
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from app.storage import audit

    db = open_station_db(args)
    with db.read() as session:
        report = audit.verify_chain(session)
    print(report)
    return 0 if report.ok else 1
