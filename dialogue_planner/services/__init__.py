"""Use cases and validation: what the app can do, shared by the GUI, the CLI and the tests (no Qt)."""
