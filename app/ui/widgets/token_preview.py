"""The right-side preview of one token: a live QR, the GS1 breakdown, status and actions."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import MintStationError
from app.storage.db import Database
from app.storage.encoding_queries import encoding_history
from app.storage.queries import TokenView, find_token
from app.ui.status_words import encoding_result, mint_mode, token_status
from app.ui.widgets.empty_state import pane_hint
from app.ui.widgets.qr_widget import QrWidget
from app.workers.actions import revoke
from app.workers.op import Op

# The form's labels, translated when the preview is built (the language is chosen later).
FIELDS = (
    ("token_id", QT_TRANSLATE_NOOP("TokenPreview", "Token ID")),
    ("url", QT_TRANSLATE_NOOP("TokenPreview", "Resolver URL")),
    ("gtin", QT_TRANSLATE_NOOP("TokenPreview", "GTIN (01)")),
    ("lot", QT_TRANSLATE_NOOP("TokenPreview", "Lot (10)")),
    ("serial", QT_TRANSLATE_NOOP("TokenPreview", "Serial (21)")),
    ("status", QT_TRANSLATE_NOOP("TokenPreview", "Status")),
    ("activation", QT_TRANSLATE_NOOP("TokenPreview", "Activation")),
    ("created", QT_TRANSLATE_NOOP("TokenPreview", "Created")),
    ("revoked", QT_TRANSLATE_NOOP("TokenPreview", "Revoked")),
)


class TokenPreview(QWidget):
    revoked = Signal(str)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.token: TokenView | None = None
        self.revoke_op: Op | None = None
        self.qr = QrWidget()
        # Until a token is chosen, the QR's place says how to choose one (not a blank box).
        self.empty_hint = pane_hint(
            self.tr("Select a token in the list, or scan one, to see its QR code and details."),
            "tokenPreviewHint",
        )
        self.qr_stack = QStackedWidget()
        self.qr_stack.addWidget(self.empty_hint)
        self.qr_stack.addWidget(self.qr)
        self.fields: dict[str, QLabel] = {}
        self.form = form = QFormLayout()
        for key, label in FIELDS:
            value = QLabel("–")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(self.tr(str(label)), value)
        self.history = QListWidget()
        self.history.setMaximumHeight(110)
        self.copy_button = QPushButton(self.tr("&Copy URL"))
        self.revoke_button = QPushButton(self.tr("&Revoke…"))
        self.save_button = QPushButton(self.tr("&Save QR…"))
        self.copy_button.clicked.connect(self.copy_url)
        self.revoke_button.clicked.connect(self.ask_revoke)
        self.save_button.clicked.connect(self.ask_save)
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.revoke_button, self.save_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.qr_stack, 1)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Encoding history")))
        layout.addWidget(self.history)
        layout.addLayout(buttons)
        self.show_token(None)

    def show_token(self, token: TokenView | None) -> None:
        self.token = token
        for button in (self.copy_button, self.revoke_button, self.save_button):
            button.setEnabled(token is not None)
        self.qr_stack.setCurrentWidget(self.qr if token is not None else self.empty_hint)
        if token is None:
            self.qr.set_text("")
            for value in self.fields.values():
                value.setText("–")
            self.history.clear()
            return
        self.qr.set_text(token.resolver_url)
        values = {
            "token_id": token.token_id,
            "url": token.resolver_url,
            "gtin": token.gtin or "–",
            "lot": token.lot or "–",
            "serial": token.serial or "–",
            "status": token_status(token.status),
            "activation": mint_mode(token.activation_mode),
            "created": token.created_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
            "revoked": (
                f"{token.revoked_at:%Y-%m-%d %H:%M} — {token.revoke_reason}"
                if token.revoked_at
                else "–"
            ),
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self.revoke_button.setEnabled(token.status != "revoked")
        self._load_history(token)

    def _load_history(self, token: TokenView) -> None:
        self.history.clear()
        for line in encoding_history_lines(self.db, token.key):
            self.history.addItem(line)
        if self.history.count() == 0:
            self.history.addItem(self.tr("not encoded yet"))

    def reload(self) -> None:
        """Show the current token again (after an encoding or a sync changed it)."""
        if self.token is not None:
            with self.db.read() as session:
                self.show_token(find_token(session, self.token.token_id))

    def copy_url(self) -> None:
        if self.token is not None:
            QGuiApplication.clipboard().setText(self.token.resolver_url)

    def ask_revoke(self) -> None:
        if self.token is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Revoke token"),
            self.tr("Revoking is final. Reason for revoking {0}:").format(self.token.token_id),
        )
        if ok:
            self.revoke_with_reason(reason)

    def revoke_with_reason(self, reason: str) -> Op | None:
        """Revoke in the background (the write may wait for a minting chunk's lock)."""
        if self.token is None:
            return None
        self.revoke_op = (
            Op(revoke, self.db, self.token.token_id, reason, busy=self.revoke_button, owner=self)
            .success(self._revoked)
            .failure(self._revoke_failed)
            .run()
        )
        return self.revoke_op

    def _revoked(self, view: TokenView) -> None:
        self.show_token(view)
        self.revoked.emit(view.token_id)

    def _revoke_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, MintStationError):
            raise exc  # unexpected: to the crash dialog and the log
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Revoke token"), str(exc), parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def ask_save(self) -> None:
        if self.token is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save QR code"),
            f"{self.token.token_id}.svg",
            self.tr("SVG (*.svg);;PNG (*.png)"),
        )
        if path:
            self.qr.save(path)


def encoding_history_lines(db: Database, token_key: int) -> list[str]:
    """Encoding records of a token: device, tag UID or TID, time, result."""
    with db.read() as session:
        records = encoding_history(session, token_key)
    return [
        " · ".join(
            part
            for part in (
                f"{r.at:%Y-%m-%d %H:%M:%S}",
                r.kind.upper(),
                encoding_result(r.result),
                r.device,
                r.tag_uid or r.epc_hex or "",
                r.reason or "",
            )
            if part
        )
        for r in reversed(records)
    ]
