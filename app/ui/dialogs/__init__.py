"""Dialogs: the first-run setup and the settings."""
