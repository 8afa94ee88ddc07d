"""Formats: bytes in, plain `Story` objects out. No database, no transport."""
