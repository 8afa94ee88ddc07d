"""The corrections tests' personas and publishing helper serve here too."""

from broadsheet.corrections.tests.conftest import editor, publish_with, reader

__all__ = ["editor", "publish_with", "reader"]
