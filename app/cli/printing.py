"""`printers list`, `print`, `verify` and `templates` (label templates) subcommands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from app.cli.context import open_station_db, print_json
from app.cli.progress import ProgressBar, ctrl_c_stops
from app.core.errors import ValidationError

if TYPE_CHECKING:
    from app.printing.verify import ScanResult

# The printing modules load segno, SQLAlchemy and CUPS: imported by the handlers that use them.

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

_EXIT = {"completed": 0, "failed": 1, "stopped": 3}
_MARK = {"verified": "OK "}


def register(sub: Sub) -> None:
    p = sub.add_parser("printers", help="the printers the system's print service knows")
    psub = p.add_subparsers(dest="action", required=True)
    pl = psub.add_parser("list", help="print queues (CUPS); Zebras are named zpl:URL")
    pl.add_argument("--json", action="store_true")
    pl.set_defaults(handler=cmd_printers_list)

    pr = sub.add_parser(
        "print",
        help="print a batch's labels (runs again resume a stopped print)",
        description="Print labels on a system print queue, or as ZPL on zpl:socket://HOST:9100"
        " or zpl:/dev/ttyUSB0. Units printed before need --reprint --reason.",
    )
    pr.add_argument("batch_id", metavar="BATCH_ID")
    pr.add_argument("--printer", required=True, metavar="NAME")
    pr.add_argument("--template", metavar="T", help="label template (default: the brand's)")
    pr.add_argument("--pack", type=int, metavar="K", help="only pack K (10,000 units each)")
    pr.add_argument("--first", type=int, metavar="N", help="from unit N (1-based)")
    pr.add_argument("--count", type=int, metavar="M", help="M units")
    pr.add_argument("--reprint", action="store_true", help="print units again (needs --reason)")
    pr.add_argument("--reason", metavar="R")
    pr.add_argument("--json", action="store_true")
    pr.set_defaults(handler=cmd_print)

    v = sub.add_parser(
        "verify",
        help="verify printed labels by scanning them back (one scan per line)",
        description="Reads scans from standard input (a keyboard-wedge scanner) or from TCP"
        " clients with --listen; the run continues after a restart until --new starts another.",
    )
    v.add_argument("batch_id", metavar="BATCH_ID")
    v.add_argument("--listen", metavar="HOST:PORT", help="take scans from TCP scanners")
    v.add_argument("--new", action="store_true", help="finish the open run and start a new one")
    v.add_argument("--json", action="store_true", help="print the counts by outcome as JSON")
    v.set_defaults(handler=cmd_verify)

    ps = sub.add_parser(
        "prints", help="a batch's print figures (reprints counted), or one unit's print history"
    )
    ps.add_argument("batch_id", metavar="BATCH_ID")
    ps.add_argument("--unit", type=int, metavar="N", help="unit N's prints (1-based)")
    ps.add_argument("--json", action="store_true")
    ps.set_defaults(handler=cmd_prints)

    t = sub.add_parser("templates", help="label templates for printing")
    tsub = t.add_subparsers(dest="action", required=True)
    tl = tsub.add_parser("list")
    tl.add_argument("--json", action="store_true")
    tl.set_defaults(handler=cmd_templates_list)
    ts = tsub.add_parser("show", help="a template as JSON")
    ts.add_argument("name")
    ts.set_defaults(handler=cmd_templates_show)
    te = tsub.add_parser("export", help="write a template to a file")
    te.add_argument("name")
    te.add_argument("file", type=Path)
    te.set_defaults(handler=cmd_templates_export)
    ti = tsub.add_parser("import", help="store a template from a file")
    ti.add_argument("file", type=Path)
    ti.add_argument("--name", help="store it under this name")
    ti.add_argument("--default", action="store_true", help="make it the brand's default")
    ti.set_defaults(handler=cmd_templates_import)


def cmd_prints(args: argparse.Namespace) -> int:
    from app.printing.jobs import batch_figures, unit_prints
    from app.printing.units import load_batch

    db = open_station_db(args)
    with db.read() as session:
        batch = load_batch(session, args.batch_id)
        if args.unit is None:
            figures = batch_figures(session, batch.id)
            if args.json:
                print_json({"batch": batch.uid, **figures.__dict__})
            else:
                print(
                    f"batch {batch.uid}: {figures.printed_units:,} unit(s) printed on"
                    f" {figures.labels_printed:,} label(s), {figures.reprints:,} reprint(s),"
                    f" {figures.verified_units:,} unit(s) verified"
                )
            return 0
        if not 1 <= args.unit <= batch.quantity:
            raise ValidationError("--unit", f"must be between 1 and {batch.quantity:,}")
        prints = unit_prints(session, batch.first_token_id + args.unit - 1)
    if args.json:
        print_json([p.__dict__ for p in prints])
        return 0
    if not prints:
        print(f"unit {args.unit:,} of batch {batch.uid} was never printed")
    for p in prints:
        why = f"  reprint: {p.reason}" if p.reason else ""
        print(f"print {p.print_no}  {p.at:%Y-%m-%d %H:%M:%S}  {p.printer}  {p.template}{why}")
    return 0


def cmd_printers_list(args: argparse.Namespace) -> int:
    from app.printing.spool import list_printers

    printers = list_printers()
    if args.json:
        print_json([p.__dict__ for p in printers])
        return 0
    if not printers:
        print("no print queues; Zebras can be used directly as zpl:socket://HOST:9100")
    for p in printers:
        mark = "*" if p.is_default else " "
        print(f"{mark} {p.name:<24} {p.state:<9} {p.description}")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from app.printing.jobs import PrintRequest, print_labels

    request = PrintRequest(
        batch=args.batch_id,
        printer=args.printer,
        template=args.template,
        pack=args.pack,
        first=args.first,
        count=args.count,
        reprint=args.reprint,
        reason=args.reason,
    )
    if args.reason and not args.reprint:
        raise ValidationError("--reason", "goes with --reprint")
    db = open_station_db(args)
    with ctrl_c_stops("stopping after this chunk; run the print again to finish it") as stop:
        outcome = print_labels(
            db, request, progress=ProgressBar(f"print {args.batch_id}", "labels"), cancelled=stop
        )
    if args.json:
        print_json(outcome.__dict__)
    else:
        last = outcome.first_unit + outcome.unit_count - 1
        what = f"units {outcome.first_unit:,}-{last:,} of batch {outcome.batch_uid}"
        note = " (resumed)" if outcome.resumed else ""
        print(
            f"print job {outcome.job_id}{note}: {what} on {outcome.printer} with"
            f" {outcome.template}: {outcome.status}, {outcome.printed_now:,} label(s) sent"
        )
        if outcome.error:
            print(f"error: {outcome.error}", file=sys.stderr)
    return _EXIT.get(outcome.status, 1)


def _scan_line(result: ScanResult) -> str:
    mark = "OK  " if result.ok else "!!  "
    unit = f"unit {result.unit:,}" if result.unit else ""
    serial = result.serial or ""
    return f"{mark}{result.outcome.upper():<12} {unit:<12} {serial:<20} {result.detail}"


def cmd_verify(args: argparse.Namespace) -> int:
    from app.printing.scan_input import listen_address, read_line_groups, serve_line_groups
    from app.printing.verify import Verifier

    address = listen_address(args.listen) if args.listen else None
    db = open_station_db(args)
    verifier = Verifier(db, args.batch_id, new_run=args.new)
    out = sys.stderr if args.json else sys.stdout
    state = "continued" if verifier.resumed else "started"
    print(f"verify run {verifier.run_id} on batch {verifier.batch.uid} {state}", file=sys.stderr)
    alarms = 0
    with ctrl_c_stops("stopping") as stop:
        if address is None:
            groups = read_line_groups(sys.stdin.fileno(), stop)
        else:
            groups = serve_line_groups(
                *address,
                stop,
                lambda port: print(
                    f"listening on {address[0]}:{port}", file=sys.stderr, flush=True
                ),
            )
        for group in groups:
            for result in verifier.scan_many(group):
                alarms += not result.ok
                print(_scan_line(result), file=out, flush=True)
    counts = verifier.counts()
    missing = verifier.never_verified()
    if args.json:
        body: dict[str, Any] = dict(counts)
        body["run"] = verifier.run_id
        body["batch"] = verifier.batch.uid
        body["never_verified"] = [{"unit": u.unit, "serial": u.serial} for u in missing]
        print_json(body)
    else:
        print("  ".join(f"{name}: {n:,}" for name, n in counts.items()))
        if missing:
            shown = ", ".join(str(u.unit) for u in missing[:50])
            more = f" and {len(missing) - 50:,} more" if len(missing) > 50 else ""
            print(f"printed but never verified: {len(missing):,} unit(s): {shown}{more}")
        else:
            print("every printed unit is verified")
    return 1 if alarms else 0


def cmd_templates_list(args: argparse.Namespace) -> int:
    from app.printing.store import list_templates

    db = open_station_db(args)
    with db.read() as session:
        templates = list_templates(session)
    if args.json:
        print_json(
            [{"name": t.name, "default": d, "preset": p, **t.to_dict()} for t, d, p in templates]
        )
        return 0
    for t, is_default, preset in templates:
        mark = "*" if is_default else " "
        kind = "sheet" if t.sheet else "roll"
        origin = "preset" if preset else "stored"
        print(
            f"{mark} {t.name:<24} {t.width_mm:g} x {t.height_mm:g} mm  {kind:<5} {t.dpi} dpi"
            f"  {origin}"
        )
    return 0


def cmd_templates_show(args: argparse.Namespace) -> int:
    from app.printing.store import get_template
    from app.printing.templates import template_to_json

    db = open_station_db(args)
    with db.read() as session:
        template = get_template(session, args.name)
    print(template_to_json(template))
    return 0


def cmd_templates_export(args: argparse.Namespace) -> int:
    from app.printing.store import get_template
    from app.printing.templates import template_to_json

    db = open_station_db(args)
    with db.read() as session:
        template = get_template(session, args.name)
    path: Path = args.file
    try:
        path.write_text(template_to_json(template) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ValidationError(str(path), f"cannot write: {exc.strerror}") from None
    print(f"template {template.name} written to {path}")
    return 0


def cmd_templates_import(args: argparse.Namespace) -> int:
    from app.printing.store import save_template, set_default
    from app.printing.templates import template_from_json, template_to_json

    path: Path = args.file
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(str(path), f"cannot read: {exc}") from None
    template = template_from_json(text, source=str(path))
    if args.name:
        template = template_from_json(
            template_to_json(template.renamed(args.name)), source="--name"
        )
    db = open_station_db(args)
    with db.write() as session:
        save_template(session, template)
        if args.default:
            set_default(session, template.name)
    print(f"template {template.name} stored" + (" as the default" if args.default else ""))
    return 0
