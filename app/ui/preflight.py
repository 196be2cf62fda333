"""Before Qt loads: can the desktop window open here? One clear message instead of Qt's abort.

Qt's xcb platform plugin needs about twenty system libraries (libxcb-cursor0 is the one most
desktops lack). When one is missing Qt prints a hint and aborts with a core dump. This module
runs first, imports nothing of Qt, reads the plugin's ``NEEDED`` entries from its ELF header
and ``dlopen``\\ s each system library the way the loader will, and checks that there is a
display to talk to. It answers with one message naming every missing library and the
``apt``/``dnf`` command that installs it.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "EXIT_NO_DISPLAY",
    "PACKAGES",
    "Preflight",
    "check",
    "elf_needed",
    "qt_dir",
]

EXIT_NO_DISPLAY = 4

# soname -> (Debian/Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libz.so.1": ("zlib1g", "zlib"),
}

# Loaded with the interpreter itself: never the thing that is missing.
_ALWAYS_THERE = ("libc.so", "libm.so", "libstdc++.so", "libgcc_s.so", "libpthread.so", "libdl.so")

_DT_NEEDED = 1
_DT_STRTAB = 5
_PT_DYNAMIC = 2
_PT_LOAD = 1


def elf_needed(path: Path) -> list[str]:
    """The ``DT_NEEDED`` sonames of a 64-bit little-endian ELF shared object."""
    data = path.read_bytes()
    if data[:6] != b"\x7fELF\x02\x01":  # ELF, 64-bit, little-endian
        raise ValueError(f"{path} is not a 64-bit little-endian ELF file")
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads: list[tuple[int, int, int]] = []  # (vaddr, offset, filesz)
    dynamic: tuple[int, int] | None = None
    for i in range(phnum):
        p_type, _flags, p_offset, p_vaddr, _paddr, p_filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + i * phentsize
        )
        if p_type == _PT_LOAD:
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == _PT_DYNAMIC:
            dynamic = (p_offset, p_filesz)
    if dynamic is None:
        return []
    entries: list[tuple[int, int]] = []
    offset, size = dynamic
    for pos in range(offset, offset + size, 16):
        tag, value = struct.unpack_from("<qQ", data, pos)
        if tag == 0:
            break
        entries.append((tag, value))
    strtab_vaddr = next((v for t, v in entries if t == _DT_STRTAB), None)
    if strtab_vaddr is None:
        return []
    strtab = next(
        (off + strtab_vaddr - va for va, off, sz in loads if va <= strtab_vaddr < va + sz), None
    )
    if strtab is None:
        return []
    names = []
    for tag, value in entries:
        if tag == _DT_NEEDED:
            start = strtab + value
            names.append(data[start : data.index(b"\0", start)].decode())
    return names


def qt_dir() -> Path | None:
    """PySide6's ``Qt`` folder (plugins, lib), found without importing PySide6."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "PySide6" / "Qt"
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


@dataclass
class Preflight:
    """What stands between this process and a window; ``ok`` when nothing does."""

    missing: dict[str, str] = field(default_factory=dict)  # soname -> the loader's reason
    display_problem: str | None = None

    @property
    def ok(self) -> bool:
        return not self.missing and self.display_problem is None

    def message(self, program: str) -> str:
        lines: list[str] = []
        if self.missing:
            lines.append(
                "Mint Station cannot open its window: Qt's xcb platform plugin needs these"
                " system libraries, which are missing or cannot be loaded:"
            )
            lines += [f"  {name}  ({why})" for name, why in self.missing.items()]
            debian = sorted({PACKAGES.get(n, (n, n))[0] for n in self.missing})
            fedora = sorted({PACKAGES.get(n, (n, n))[1] for n in self.missing})
            lines += [
                "Install them with:",
                f"  Debian/Ubuntu:  sudo apt install {' '.join(debian)}",
                f"  Fedora:         sudo dnf install {' '.join(fedora)}",
                "then start Mint Station again.",
            ]
        if self.display_problem:
            lines.append(f"Mint Station cannot open its window: {self.display_problem}.")
        lines.append(
            f"Everything but the window works without a display: `{program} --help` lists the"
            " headless subcommands (mint, export, station, sync, resolver, ...), and"
            f" `{program} --self-test` checks this installation offscreen."
        )
        return "\n".join(lines)


def _platform() -> str:
    """The Qt platform this start will use: QT_QPA_PLATFORM, else what Qt would pick."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if chosen:
        return chosen
    if os.environ.get("WAYLAND_DISPLAY") and (
        not os.environ.get("DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland"
    ):
        return "wayland"
    return "xcb"


def _missing_libraries(qt: Path) -> dict[str, str]:
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        return {"libqxcb.so": f"Qt's xcb plugin is not at {plugin}; reinstall Mint Station"}
    bundled = {p.name for p in (qt / "lib").glob("*.so*")}
    bundled |= {p.name for p in qt.parents[1].glob("*.so*")}  # a frozen build's own libraries
    wanted: list[str] = []
    for lib in (plugin, qt / "lib" / "libQt6XcbQpa.so.6", qt / "lib" / "libQt6Gui.so.6"):
        if lib.is_file():
            wanted += [n for n in elf_needed(lib) if n not in wanted]
    missing: dict[str, str] = {}
    for name in wanted:
        if name in bundled or name.startswith(_ALWAYS_THERE):
            continue
        try:
            ctypes.CDLL(name)
        except OSError as exc:
            missing[name] = str(exc).removeprefix(f"{name}: ")
    return missing


def _display_problem() -> str | None:
    display = os.environ.get("DISPLAY")
    if not display:
        return "there is no display (DISPLAY is not set)"
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None  # reported as a missing library
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(display.encode(), None)
    try:
        if xcb.xcb_connection_has_error(conn):
            return f"the X display {display} does not answer (is the desktop session running?)"
    finally:
        xcb.xcb_disconnect(conn)
    return None


def check() -> Preflight:
    """What Qt's platform plugin needs here; only the xcb platform is checked in depth."""
    result = Preflight()
    if sys.platform != "linux":
        return result
    platform = _platform()
    qt = qt_dir()
    wayland = qt is not None and (qt / "plugins" / "platforms" / "libqwayland.so").is_file()
    if platform == "wayland" and not wayland:
        platform = "xcb"  # without its Wayland plugin (the bundle has none) Qt uses XWayland
    if platform != "xcb":
        return result
    if qt is not None:
        result.missing = _missing_libraries(qt)
    if "libxcb.so.1" not in result.missing:
        result.display_problem = _display_problem()
    return result
