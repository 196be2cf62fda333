"""The Linux package and the Windows script, built from a stand-in one-folder build.

The real build takes minutes and 300 MB (``make dist``, ``make deb``); what is packaged and
declared does not depend on it, so a small folder with an executable stands in here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.ui.preflight import PACKAGES

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))

import deb  # noqa: E402 - installer/ is not a package

pytestmark = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")


def fake_build(tmp: Path) -> Path:
    build = tmp / "mintstation"
    (build / "_internal").mkdir(parents=True)
    program = build / "mintstation"
    program.write_text("#!/bin/sh\necho 'Mint Station test'\n")
    program.chmod(0o755)
    (build / "_internal" / "base_library.zip").write_bytes(b"PK")
    return build


def dpkg_deb(*args: str) -> str:
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True, check=True).stdout


def test_the_deb_holds_the_program_menu_entry_icons_udev_rules_and_blacklist(
    tmp_path: Path,
) -> None:
    target = deb.make_deb(fake_build(tmp_path), tmp_path / "mintstation_test.deb")
    listing = dpkg_deb("-c", str(target))
    for path in (
        "./opt/mintstation/mintstation",
        "./opt/mintstation/_internal/base_library.zip",
        "./usr/bin/mintstation -> /opt/mintstation/mintstation",
        "./usr/share/applications/mintstation.desktop",
        "./usr/share/icons/hicolor/256x256/apps/mintstation.png",
        "./usr/share/icons/hicolor/scalable/apps/mintstation.svg",
        "./usr/lib/udev/rules.d/60-mintstation-nfc.rules",
        "./etc/modprobe.d/blacklist-mintstation-nfc.conf",
    ):
        assert path in listing, path
    assert re.search(r"-rwxr-xr-x root/root .* \./opt/mintstation/mintstation\n", listing)
    assert dpkg_deb("-f", str(target), "Version").strip() == __version__
    assert dpkg_deb("-f", str(target), "Package").strip() == "mintstation"
    info = tmp_path / "info"
    subprocess.run(["dpkg-deb", "-e", str(target), str(info)], check=True)
    assert (info / "conffiles").read_text() == "/etc/modprobe.d/blacklist-mintstation-nfc.conf\n"
    assert (info / "postinst").stat().st_mode & 0o111


def test_depends_names_every_library_the_preflight_checks(tmp_path: Path) -> None:
    target = deb.make_deb(fake_build(tmp_path), tmp_path / "mintstation_test.deb")
    depends = {d.strip() for d in dpkg_deb("-f", str(target), "Depends").split(",")}
    assert {debian for debian, _fedora in PACKAGES.values()} <= depends
    assert "libxcb-cursor0" in depends


def test_the_menu_entry_starts_the_installed_program() -> None:
    entry = (ROOT / "installer/linux/mintstation.desktop").read_text()
    assert "\nExec=/opt/mintstation/mintstation %U\n" in entry
    assert "\nIcon=mintstation\n" in entry
    assert "[Desktop Entry]" in entry
    validator = shutil.which("desktop-file-validate")
    if validator:
        subprocess.run([validator, str(ROOT / "installer/linux/mintstation.desktop")], check=True)


def test_the_windows_script_is_in_step_with_the_spec() -> None:
    iss = (ROOT / "installer/windows/mintstation.iss").read_text()
    spec = (ROOT / "installer/mintstation.spec").read_text()
    assert f'#define AppVersion "{__version__}"' in iss
    name = re.search(r'EXE\([^)]*name="([^"]+)"', spec, re.S)
    folder = re.search(r'COLLECT\([^)]*name="([^"]+)"', spec, re.S)
    assert name and folder
    assert f'#define AppExe "{name.group(1)}.exe"' in iss
    assert f'Source: "..\\..\\dist\\{folder.group(1)}\\*"' in iss
    icon = re.search(r'icon=str\(root / "resources" / "icons" / "([^"]+)"\)', spec)
    assert icon and f"resources\\icons\\{icon.group(1)}" in iss
