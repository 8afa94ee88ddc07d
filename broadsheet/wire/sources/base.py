from dataclasses import dataclass


@dataclass(frozen=True)
class Payload:
    """The bytes of one file (or of standard input) and the name to report."""

    name: str
    data: bytes
