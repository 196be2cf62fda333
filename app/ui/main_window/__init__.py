"""The main window package: the window, its menus and actions, its background jobs."""

from app.ui.main_window.window import MainWindow

__all__ = ["MainWindow"]
