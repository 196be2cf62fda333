"""What every database user shares: column types, the naming convention, the engine factory
and its tuning, bulk inserts, and migrations run under a lock.

Both the station's storage and the resolver stand on this package; it stands on the core
only, so the resolver can use it without the station's storage.
"""
