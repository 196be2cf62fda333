# Run-time hook of the one-folder build, in place of PyInstaller's pyi_rth_pyside6.
# That hook imports PySide6.QtCore on every start (to register an embedded qt.conf), so even
# `mintstation --version` loaded Qt. The PyPI Qt is relocatable (its prefix is found from
# libQt6Core's own place in the bundle), so only the plugin paths are needed, and setting
# them imports nothing.
import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
os.environ["QML2_IMPORT_PATH"] = os.path.join(_qt, "qml")
