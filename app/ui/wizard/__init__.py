"""The New Mint wizard: one module per page, plus the widgets its pages share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.wizard.wizard import NewMintWizard

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

__all__ = ["NewMintWizard", "open_new_mint"]


def open_new_mint(window: MainWindow) -> NewMintWizard:
    """Open the wizard over the window; a submitted batch starts minting in the background."""
    wizard = NewMintWizard(window.db, window)

    def on_submitted(batch_id: int) -> None:
        window.start_mint(batch_id)
        window.refresh_all()
        window.show_page(window.dashboard_page)

    wizard.batch_submitted.connect(on_submitted)
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    return wizard
