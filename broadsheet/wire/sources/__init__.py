"""Transports: how a wire document's bytes arrive. No parsing here."""
