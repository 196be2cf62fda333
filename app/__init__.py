"""Mint Station: mint Digital Product Passport tokens and put them on products."""

__version__ = "0.1.0"
