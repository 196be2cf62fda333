"""Package the one-folder build as a Debian package: `make deb` runs this after `make dist`.

    dist/mintstation_<version>_<arch>.deb

Contents: the build in /opt/mintstation, the ``mintstation`` command (/usr/bin, a link), the
menu entry and icons, the udev rules that give the logged-in operator the USB NFC readers,
and the blacklist of the kernel NFC drivers that would grab them. ``Depends:`` lists the
system libraries Qt's desktop platform loads (installer/linux/debian-packages, the same list
the launch preflight names). Install with ``sudo apt install ./dist/mintstation_*.deb``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import __version__  # noqa: E402 - after the path is set

LINUX = ROOT / "installer" / "linux"
BUILD = ROOT / "dist" / "mintstation"
PREFIX = "opt/mintstation"

POSTINST = """#!/bin/sh
set -e
if [ "$1" = "configure" ]; then
  udevadm control --reload 2>/dev/null || true
  modprobe -r pn533_usb port100 2>/dev/null || true
  update-desktop-database -q /usr/share/applications 2>/dev/null || true
  gtk-update-icon-cache -q -t /usr/share/icons/hicolor 2>/dev/null || true
fi
"""

POSTRM = """#!/bin/sh
set -e
udevadm control --reload 2>/dev/null || true
update-desktop-database -q /usr/share/applications 2>/dev/null || true
"""


def depends() -> list[str]:
    lines = (LINUX / "debian-packages").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def architecture() -> str:
    result = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def install(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def control(arch: str, size_kb: int) -> str:
    return (
        f"Package: mintstation\n"
        f"Version: {__version__}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: Mint Station <maintainers@mintstation.example>\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: {', '.join(depends())}\n"
        f"Section: utils\n"
        f"Priority: optional\n"
        f"Homepage: https://mintstation.example\n"
        f"Description: Digital Product Passport token minting station\n"
        f" Mints GS1 Digital Link tokens for products, exports them as CSV, QR codes,\n"
        f" QR bundles, label sheets and NFC/RFID manifests, encodes NFC tags and RFID\n"
        f" labels, and syncs with the resolver. Desktop window and headless commands.\n"
    )


def build_tree(build: Path, root: Path) -> None:
    shutil.copytree(build, root / PREFIX, symlinks=True)
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin/mintstation").symlink_to(f"/{PREFIX}/mintstation")
    desktop = (LINUX / "mintstation.desktop").read_text(encoding="utf-8")
    apps = root / "usr/share/applications"
    apps.mkdir(parents=True)
    (apps / "mintstation.desktop").write_text(desktop, encoding="utf-8")
    icons = ROOT / "resources" / "icons"
    install(
        icons / "mintstation.png", root / "usr/share/icons/hicolor/256x256/apps/mintstation.png"
    )
    install(
        icons / "mintstation.svg", root / "usr/share/icons/hicolor/scalable/apps/mintstation.svg"
    )
    rules = "usr/lib/udev/rules.d/60-mintstation-nfc.rules"
    install(LINUX / "60-mintstation-nfc.rules", root / rules)
    blacklist = "etc/modprobe.d/blacklist-mintstation-nfc.conf"
    install(LINUX / "blacklist-mintstation-nfc.conf", root / blacklist)
    size_kb = sum(f.lstat().st_size for f in root.rglob("*") if f.is_file()) // 1024
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control(architecture(), size_kb), encoding="utf-8")
    (debian / "conffiles").write_text(f"/{blacklist}\n", encoding="utf-8")
    for name, text in (("postinst", POSTINST), ("postrm", POSTRM)):
        (debian / name).write_text(text, encoding="utf-8")
        (debian / name).chmod(0o755)


def make_deb(build: Path, target: Path) -> Path:
    """Package the one-folder ``build`` as ``target`` (a .deb)."""
    with tempfile.TemporaryDirectory(prefix="mintstation-deb-") as tmp:
        root = Path(tmp) / "root"
        build_tree(build, root)
        # gzip: every dpkg reads it, and it is several times faster than xz on 300 MB.
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(root), str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return target


def main() -> int:
    if not (BUILD / "mintstation").is_file():
        print(f"no build at {BUILD}: run `make dist` first", file=sys.stderr)
        return 1
    target = make_deb(BUILD, ROOT / "dist" / f"mintstation_{__version__}_{architecture()}.deb")
    print(f"built {target} ({target.stat().st_size / 1e6:.0f} MB)")
    print(f"install: sudo apt install {target}; then: mintstation --self-test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
