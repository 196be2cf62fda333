"""Printing and verifying labels: templates, rendering, print jobs, reprint control, scan-back."""
