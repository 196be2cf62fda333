"""NFC readers through nfcpy."""
