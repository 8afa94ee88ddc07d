"""Formats: bytes in, plain `WireStory` objects out. No database, no transport."""
