"""JSON export and import of the whole database (no Qt)."""
