"""`products`, `brand` and `template` subcommands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.context import open_station_db, print_json, yes_no

if TYPE_CHECKING:
    from app.storage.products import ProductView

from app.core.errors import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    products = sub.add_parser("products", help="the product catalogue")
    psub = products.add_subparsers(dest="action", required=True)
    imp = psub.add_parser("import", help="import products from a CSV file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=cmd_products_import)
    lst = psub.add_parser("list", help="list products with their readiness")
    lst.add_argument("--ready", action="store_true", help="only products ready to mint")
    lst.add_argument("--search", help="filter on SKU, name or GTIN")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_products_list)

    brand = sub.add_parser("brand", help="the brand's settings")
    bsub = brand.add_subparsers(dest="action", required=True)
    show = bsub.add_parser("show", help="show the brand")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_brand_show)
    bset = bsub.add_parser("set", help="change the brand")
    bset.add_argument("--name")
    bset.add_argument("--domain", help="the resolver host name, e.g. id.acme.example")
    bset.add_argument("--gcp", help="GS1 company prefix (its length sets the EPC partition)")
    bset.add_argument("--gs1-ready", type=yes_no, metavar="yes|no")
    bset.add_argument("--logo", type=Path, metavar="FILE.svg|FILE.png")
    bset.add_argument("--logo-in-bundles", type=yes_no, metavar="yes|no")
    bset.set_defaults(handler=cmd_brand_set)

    template = sub.add_parser("template", help="the brand's passport template")
    tsub = template.add_subparsers(dest="action", required=True)
    pub = tsub.add_parser("publish", help="publish the passport template (needed to mint)")
    pub.add_argument("--name", default="Default passport")
    pub.set_defaults(handler=cmd_template_publish)


def cmd_products_import(args: argparse.Namespace) -> int:
    from app.core.catalogue import format_row_errors
    from app.storage.products import import_products_file

    db = open_station_db(args)
    with db.write() as session:
        report = import_products_file(session, args.file, source=args.file.name)
    if not report.ok:
        # Bad input: exit 2 as every refused request does (README, "Command line").
        count = max(report.error_count, len(report.errors))
        print(f"{args.file}: {count:,} bad row(s); nothing was imported:", file=sys.stderr)
        print(format_row_errors(report.errors), file=sys.stderr)
        return 2
    print(f"{args.file}: {report.created} product(s) added, {report.updated} updated")
    return 0


def _product_json(view: ProductView) -> dict[str, object]:
    r = view.record
    return {
        "sku": r.sku,
        "name": r.name,
        "gtin": r.gtin,
        "commercial_status": r.commercial_status,
        "ready": view.ready,
        "reasons": view.reasons,
        "dpp": r.dpp,
    }


def cmd_products_list(args: argparse.Namespace) -> int:
    from app.storage.products import list_products

    db = open_station_db(args)
    with db.read() as session:
        views = list_products(session, ready_only=args.ready, search=args.search)
    if args.json:
        print_json([_product_json(v) for v in views])
        return 0
    if not views:
        print("no products" + (" ready to mint" if args.ready else ""))
        return 0
    print(f"{'SKU':<14} {'GTIN':<14}  {'READY':<5}  NAME / WHY NOT")
    for v in views:
        status = "yes" if v.ready else "no"
        print(f"{v.record.sku:<14} {v.record.gtin or '-':<14}  {status:<5}  {v.record.name}")
        for reason in v.reasons:
            print(f"{'':<38}- {reason}")
    return 0


def cmd_brand_show(args: argparse.Namespace) -> int:
    from app.storage.brand import brand_settings, published_template

    db = open_station_db(args)
    with db.read() as session:
        b = brand_settings(session)
        template = published_template(session)
    data = {
        "name": b.name,
        "resolver_domain": b.resolver_domain,
        "gs1_ready": b.gs1_ready,
        "company_prefix": b.company_prefix,
        "company_prefix_length": b.company_prefix_length,
        "logo": b.logo_mime,
        "logo_in_bundles": b.logo_in_bundles,
        "published_template": template.name if template else None,
    }
    if args.json:
        print_json(data)
    else:
        for key, value in data.items():
            print(f"{key:<22} {'-' if value is None or value == '' else value}")
    return 0


def cmd_brand_set(args: argparse.Namespace) -> int:
    from app.storage.brand import update_brand

    logo = None
    if args.logo is not None:
        try:
            logo = (args.logo.read_bytes(), args.logo.suffix)
        except OSError as exc:
            raise ValidationError("logo", f"cannot read {args.logo}: {exc.strerror}") from exc
    db = open_station_db(args)
    with db.write() as session:
        update_brand(
            session,
            name=args.name,
            resolver_domain=args.domain,
            company_prefix=args.gcp,
            gs1_ready=args.gs1_ready,
            logo=logo,
            logo_in_bundles=args.logo_in_bundles,
        )
    return cmd_brand_show(argparse.Namespace(**{**vars(args), "json": False}))


def cmd_template_publish(args: argparse.Namespace) -> int:
    from app.storage.brand import publish_template

    db = open_station_db(args)
    with db.write() as session:
        template = publish_template(session, args.name)
        name = template.name
    print(f"passport template {name!r} is published")
    return 0
