"""The same Qt hygiene as tests/ui: no job thread or timer may outlive a test."""

from tests.ui.conftest import no_leftover_qt_work

__all__ = ["no_leftover_qt_work"]
