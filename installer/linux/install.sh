#!/usr/bin/env bash
# Install the one-folder build of Mint Station system-wide on Linux, with NFC reader access.
#   sudo installer/linux/install.sh [dist/mintstation]
# Copies the build to /opt/mintstation, adds the menu entry and icon, the udev rules that give
# the logged-in operator the USB NFC readers, and the blacklist of the kernel NFC drivers that
# would otherwise grab them. Run it again to upgrade; `install.sh --uninstall` removes it all.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/dist/mintstation}"
prefix=/opt/mintstation

if [ "$(id -u)" -ne 0 ]; then
  echo "run as root: sudo $0 $*" >&2
  exit 1
fi

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$prefix" /usr/share/applications/mintstation.desktop \
    /usr/share/icons/hicolor/256x256/apps/mintstation.png \
    /usr/share/icons/hicolor/scalable/apps/mintstation.svg \
    /etc/udev/rules.d/60-mintstation-nfc.rules /etc/modprobe.d/blacklist-mintstation-nfc.conf
  udevadm control --reload 2>/dev/null || true
  echo "Mint Station removed"
  exit 0
fi

if [ ! -x "$build/mintstation" ]; then
  echo "no build at $build: run 'make dist' first" >&2
  exit 1
fi
rm -rf "$prefix"
cp -a "$build" "$prefix"
install -Dm644 "$here/mintstation.desktop" /usr/share/applications/mintstation.desktop
install -Dm644 "$root/resources/icons/mintstation.png" /usr/share/icons/hicolor/256x256/apps/mintstation.png
install -Dm644 "$root/resources/icons/mintstation.svg" /usr/share/icons/hicolor/scalable/apps/mintstation.svg
install -Dm644 "$here/60-mintstation-nfc.rules" /etc/udev/rules.d/60-mintstation-nfc.rules
install -Dm644 "$here/blacklist-mintstation-nfc.conf" /etc/modprobe.d/blacklist-mintstation-nfc.conf
udevadm control --reload 2>/dev/null || true
modprobe -r pn533_usb port100 2>/dev/null || true
if systemctl is-active --quiet pcscd 2>/dev/null; then
  echo "note: pcscd is running and can hold an ACR122U; stop it (systemctl disable --now pcscd)"
fi
update-desktop-database -q 2>/dev/null || true
echo "Mint Station installed in $prefix; re-plug the NFC reader"
