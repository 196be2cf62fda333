"""`export` and `exports list|sweep` subcommands: make export packs, see them, apply retention."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from app.cli.context import open_station_db, print_json, station_home
from app.cli.progress import ProgressBar, ctrl_c_stops

if TYPE_CHECKING:
    from app.exports.jobs import JobView
    from app.exports.service import ExportOutcome

from app.exports.kinds import ExportKind, status_label

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

_EXIT_CODES = {"completed": 0, "failed": 1, "stopped": 3}


def register(sub: Sub) -> None:
    e = sub.add_parser(
        "export",
        help="make the export packs of a minted batch (runs again resume where it stopped)",
    )
    e.add_argument("batch_id", metavar="BATCH_ID")
    e.add_argument("--kind", required=True, choices=[k.value for k in ExportKind])
    e.add_argument("--out", type=Path, help="export folder (default: <station home>/exports)")
    e.add_argument("--json", action="store_true")
    e.set_defaults(handler=cmd_export)

    x = sub.add_parser("exports", help="export history and retention")
    xsub = x.add_subparsers(dest="action", required=True)
    xl = xsub.add_parser("list", help="export jobs, newest first")
    xl.add_argument("--batch", metavar="ID")
    xl.add_argument("--json", action="store_true")
    xl.set_defaults(handler=cmd_exports_list)
    xc = xsub.add_parser("cancel", help="end an unfinished export job for good")
    xc.add_argument("job_id", metavar="JOB", type=int, help="the job number (exports list)")
    xc.add_argument("--json", action="store_true")
    xc.set_defaults(handler=cmd_exports_cancel)
    xs = xsub.add_parser("sweep", help="remove pack files older than 30 days now")
    xs.add_argument("--json", action="store_true")
    xs.set_defaults(handler=cmd_exports_sweep)


def job_json(job: JobView) -> dict[str, Any]:
    return {
        "id": job.id,
        "batch": job.batch_uid,
        "kind": job.kind.value,
        "status": status_label(job.kind, job.status),
        "out_dir": job.out_dir,
        "pack_count": job.pack_count,
        "error": job.error,
        "requested_at": job.requested_at,
        "finished_at": job.finished_at,
        "expired": job.expired,
        "packs": [
            {
                "pack": p.index + 1,
                "status": status_label(job.kind, p.status),
                "units": p.unit_count,
                "path": p.path,
                "sha256": p.sha256,
                "size_bytes": p.size_bytes,
                "error": p.error,
                "generated_at": p.generated_at,
                "expires_at": p.expires_at,
                "expired_at": p.expired_at,
            }
            for p in job.packs
        ],
    }


def cmd_export(args: argparse.Namespace) -> int:
    from app.exports.service import generate_export

    kind = ExportKind(args.kind)
    out_dir: Path = args.out or station_home(args).exports_dir
    db = open_station_db(args)
    with ctrl_c_stops("stopping after this pack; run the export again to finish it") as stop:
        result = generate_export(
            db,
            args.batch_id,
            kind,
            out_dir=out_dir,
            progress=ProgressBar(f"{kind.value} export of {args.batch_id}"),
            cancelled=stop,
        )
    if result.replaced_job is not None:
        print(
            f"note: the unfinished export job {result.replaced_job} of this batch and kind"
            f" (in another folder) was cancelled; this export starts anew in {out_dir}",
            file=sys.stderr,
        )
    if args.json:
        print_json(
            {
                "outcome": result.status,
                "reason": result.reason,
                "generated": [i + 1 for i in result.generated],
                "job": job_json(result.job),
            }
        )
    else:
        _report(result)
    return _EXIT_CODES.get(result.status, 1)


def _report(result: ExportOutcome) -> None:
    job = result.job
    made = set(result.generated)
    for pack in job.packs:
        label = status_label(job.kind, pack.status)
        where = pack.path or "-"
        note = " (made now)" if pack.index in made else ""
        if pack.expired_at is not None:
            note = " (file expired)"
        print(
            f"pack {pack.index + 1}/{job.pack_count} {label:<10} {pack.unit_count:>7,} units"
            f"  {where}{note}"
        )
    title = job.kind.display_name
    if result.status == "completed":
        kept = len(job.packs) - len(made)
        extra = f"; {kept} pack(s) were already there" if kept and made else ""
        print(f"{title} of batch {job.batch_uid}: {len(job.packs)} pack(s) ready{extra}")
    elif result.status == "failed":
        print(f"{title} of batch {job.batch_uid} failed: {result.reason}", file=sys.stderr)
    else:
        print(f"{title} of batch {job.batch_uid} stopped; run the export again to finish it")


def cmd_exports_list(args: argparse.Namespace) -> int:
    from app.exports.jobs import list_jobs
    from app.storage.queries import get_batch

    db = open_station_db(args)
    with db.read() as session:
        batch_id = get_batch(session, args.batch).id if args.batch else None
        jobs = list_jobs(session, batch_id=batch_id)
    if args.json:
        print_json([job_json(job) for job in jobs])
        return 0
    if not jobs:
        print("no exports")
    for job in jobs:
        done = sum(1 for p in job.packs if p.status == "completed")
        state = "expired" if job.expired else status_label(job.kind, job.status)
        print(
            f"{job.id:>5} {job.batch_uid}  {job.kind.value:<11} {state:<10}"
            f" {done}/{job.pack_count} packs  {job.requested_at:%Y-%m-%d %H:%M}  {job.out_dir}"
        )
        if job.error:
            print(f"      {job.error}")
    return 0


def cmd_exports_cancel(args: argparse.Namespace) -> int:
    from app.exports.service import cancel_export

    db = open_station_db(args)
    job = cancel_export(db, args.job_id)
    if args.json:
        print_json(job_json(job))
        return 0
    done = sum(1 for p in job.packs if p.status == "completed")
    print(
        f"export job {job.id} ({job.kind.value} of batch {job.batch_uid}) is cancelled;"
        f" {done} of {job.pack_count} pack(s) were complete and stay in {job.out_dir}"
    )
    return 0


def cmd_exports_sweep(args: argparse.Namespace) -> int:
    from app.exports.retention import sweep_expired

    db = open_station_db(args)
    report = sweep_expired(db)
    if args.json:
        print_json({"jobs": report.jobs, "packs": report.packs})
    else:
        print(f"retention: {report.packs} pack file(s) of {report.jobs} export(s) removed")
    return 0
