"""Export packs: manifests, QR bundles, label sheets, locks and retention."""
