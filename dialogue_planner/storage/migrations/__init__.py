"""Numbered, append-only schema migrations, applied by `storage.database` on open."""
