"""Offline-first sync: the outbox and the HTTP client to the resolver."""
