"""Thin Qt adapters that run service functions off the GUI thread."""
