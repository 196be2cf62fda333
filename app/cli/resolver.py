"""`resolver`: run the resolver service, and manage station credentials on it.

    main.py resolver --host 127.0.0.1 --port 8080 [--workers N]
    main.py resolver credentials create --station NAME
    main.py resolver credentials list | revoke KEY_ID
    main.py resolver expire-packs

``mintstation-resolver`` (installed with ``pip install ".[resolver]"``) takes the same
options and actions.

Settings come from the environment (RESOLVER_DB, RESOLVER_DOMAIN, RESOLVER_SIGNING_KEY, ...;
see app/resolver/config.py); --resolver-db and --domain override the first two.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

from app.cli.dispatch import print_json, run
from app.core.errors import ValidationError

if TYPE_CHECKING:
    from app.resolver.db import ResolverDatabase

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


DESCRIPTION = (
    "Without an action: serve GS1 Digital Link resolution, passport pages and the sync API."
    " Settings come from RESOLVER_* environment variables."
)


def register(sub: Sub) -> None:
    configure(
        sub.add_parser(
            "resolver",
            help="run the resolver service, or manage its station credentials",
            description=DESCRIPTION,
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``mintstation-resolver``: the same options and actions as ``main.py resolver``."""
    parser = argparse.ArgumentParser(prog="mintstation-resolver", description=DESCRIPTION)
    configure(parser)
    return run(parser.parse_args(argv))


def configure(r: argparse.ArgumentParser) -> None:
    """The resolver's options and actions, on ``main.py resolver`` or its own command."""
    r.add_argument("--host", default="127.0.0.1")
    r.add_argument("--port", type=int, default=8080)
    r.add_argument("--workers", type=int, default=1, help="worker processes (app factory)")
    r.add_argument("--resolver-db", help="the service's database URL (or RESOLVER_DB)")
    r.add_argument("--domain", help="the public host name (or RESOLVER_DOMAIN)")
    r.add_argument("--ssl-certfile", help="serve HTTPS with this PEM certificate (chain)")
    r.add_argument("--ssl-keyfile", help="the PEM private key of --ssl-certfile")
    r.set_defaults(handler=cmd_serve)
    actions = r.add_subparsers(dest="resolver_action", metavar="ACTION")
    c = actions.add_parser("credentials", help="station credentials for the sync API")
    csub = c.add_subparsers(dest="credentials_action", required=True)
    cc = csub.add_parser("create", help="make a key id and secret for a station")
    cc.add_argument("--station", required=True, help="a name to recognise the station by")
    cc.add_argument("--json", action="store_true")
    cc.set_defaults(handler=cmd_credentials_create)
    cl = csub.add_parser("list")
    cl.add_argument("--json", action="store_true")
    cl.set_defaults(handler=cmd_credentials_list)
    cr = csub.add_parser("revoke", help="refuse this key id from now on")
    cr.add_argument("key_id")
    cr.set_defaults(handler=cmd_credentials_revoke)
    e = actions.add_parser("expire-packs", help="delete hosted packs older than 30 days")
    e.set_defaults(handler=cmd_expire_packs)


def _apply_overrides(args: argparse.Namespace) -> None:
    if getattr(args, "resolver_db", None):
        os.environ["RESOLVER_DB"] = args.resolver_db
    if getattr(args, "domain", None):
        os.environ["RESOLVER_DOMAIN"] = args.domain


def _open() -> tuple[ResolverDatabase, bytes]:
    from app.resolver.auth import master_key
    from app.resolver.config import ResolverConfig
    from app.resolver.db import open_resolver_db

    config = ResolverConfig.from_env()
    db = open_resolver_db(config.db_url)
    return db, master_key(db, config.signing_key)


def cmd_serve(args: argparse.Namespace) -> int:
    _apply_overrides(args)
    from app.resolver.config import ResolverConfig
    from app.resolver.server import serve

    certfile, keyfile = args.ssl_certfile, args.ssl_keyfile
    if bool(certfile) != bool(keyfile):
        raise ValidationError("--ssl-certfile/--ssl-keyfile", "give both, or neither")
    for option, name in (("--ssl-certfile", certfile), ("--ssl-keyfile", keyfile)):
        if name and not os.path.isfile(name):
            raise ValidationError(option, f"no such file: {name}")
    serve(
        ResolverConfig.from_env(),
        args.host,
        args.port,
        workers=args.workers,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
    )
    return 0


def cmd_credentials_create(args: argparse.Namespace) -> int:
    _apply_overrides(args)
    from app.resolver.auth import create_credential

    db, key = _open()
    try:
        key_id, secret = create_credential(db, key, args.station)
    except ValueError as exc:
        print(f"error: {exc}")
        return 2
    finally:
        db.dispose()
    if args.json:
        print_json({"station": args.station, "key_id": key_id, "secret": secret})
        return 0
    print(f"station  {args.station}")
    print(f"key id   {key_id}")
    print(f"secret   {secret}")
    print("The secret is shown once. On the station:")
    print(f"  main.py sync configure --resolver URL --key-id {key_id} --secret {secret}")
    return 0


def cmd_credentials_list(args: argparse.Namespace) -> int:
    _apply_overrides(args)
    from app.resolver.auth import list_credentials

    db, _key = _open()
    rows = list_credentials(db)
    db.dispose()
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
        print(f"{row['key_id']}  {row['station']:<24} {state}")
    return 0


def cmd_credentials_revoke(args: argparse.Namespace) -> int:
    _apply_overrides(args)
    from app.resolver.auth import revoke_credential

    db, _key = _open()
    done = revoke_credential(db, args.key_id)
    db.dispose()
    print(f"{args.key_id} revoked" if done else f"{args.key_id}: no such active key id")
    return 0 if done else 1


def cmd_expire_packs(args: argparse.Namespace) -> int:
    _apply_overrides(args)
    from app.resolver.config import ResolverConfig
    from app.resolver.packs import PackStore

    db, key = _open()
    config = ResolverConfig.from_env()
    count = PackStore(db, config.pack_dir, key, config.base_url, config.clock).expire()
    db.dispose()
    print(f"{count} pack(s) expired")
    return 0
