"""Mint requests, prerequisites and the chunked, resumable mint engine."""
