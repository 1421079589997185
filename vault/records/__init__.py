"""The records: clients, sessions and notes, search, the audit log, settings."""
