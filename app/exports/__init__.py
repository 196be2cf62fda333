"""Export packs: manifests, QR bundles, label sheets, locks and retention.

Entry points: ``service.generate_export`` (make or finish one export, a plain long-job
function), ``jobs.list_jobs`` (the history), ``retention.sweep_expired`` (remove files after
30 days). ``files`` documents the layout on disk; ``qr_encoder`` the exact, faster segno.
"""
