"""The main window: navigation on the left, one page per place on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app import __version__
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.pages.products_page import ProductsPage


class MainWindow(QMainWindow):
    def __init__(self, db: Database, home: StationHome) -> None:
        super().__init__()
        self.db = db
        self.home = home
        self.setWindowTitle(f"Mint Station {__version__}")
        self.resize(1200, 760)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(200)
        self.pages = QStackedWidget()
        self.products_page = ProductsPage(db)
        self._add_page(self.tr("Products"), self.products_page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.statusBar().showMessage(self.tr("Database: {0}").format(db.describe()))

    def _add_page(self, title: str, page: QWidget) -> None:
        self.nav.addItem(title)
        self.pages.addWidget(page)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        imp = QAction(self.tr("&Import products…"), self)
        imp.setShortcut(QKeySequence("Ctrl+I"))
        imp.triggered.connect(self.products_page.choose_import_file)
        file_menu.addAction(imp)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            action = QAction(item.text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, r=row: self.nav.setCurrentRow(r))
            go_menu.addAction(action)
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
