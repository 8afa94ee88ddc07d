"""FAQ back ends: which one writes a story's questions and answers.

Chosen by name (settings.BROADSHEET_FAQ_BACKEND) from one explicit dict of
dotted paths (settings.BROADSHEET_FAQ_BACKENDS). The app calls `generate_faq`,
which falls back to the default back end whenever the chosen one fails, so
every story gets a FAQ.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from broadsheet.enrich.backends.base import FAQBackend, FAQBackendError
from broadsheet.enrich.nlp.story import FAQPair, Story

logger = logging.getLogger(__name__)

DEFAULT = "default"  # the offline generator, which needs no server


@dataclass(frozen=True)
class FAQResult:
    pairs: list[FAQPair]
    backend_name: str  # the back end that wrote these pairs, after any fallback
    label: str  # the method note shown to readers


def get_faq_backend(name: str = "") -> FAQBackend:
    """The back end called `name`, or the configured one."""
    name = name or settings.BROADSHEET_FAQ_BACKEND
    try:
        path = settings.BROADSHEET_FAQ_BACKENDS[name]
    except KeyError:
        raise ImproperlyConfigured(f"No FAQ back end called {name!r}") from None
    return import_string(path)()


def generate_faq(story: Story, max_pairs: int = 6) -> FAQResult:
    """The story's FAQ from the configured back end, else from the default."""
    chosen = settings.BROADSHEET_FAQ_BACKEND
    if chosen != DEFAULT:
        backend = get_faq_backend(chosen)
        try:
            return _result(backend, backend.generate(story, max_pairs))
        except FAQBackendError as error:
            logger.warning(
                "FAQ back end %s failed (%s); using the default", chosen, error
            )
    backend = get_faq_backend(DEFAULT)
    return _result(backend, backend.generate(story, max_pairs))


def _result(backend: FAQBackend, pairs: list[FAQPair]) -> FAQResult:
    return FAQResult(pairs, backend.name, backend.label)


__all__ = ["FAQBackend", "FAQBackendError", "FAQResult", "generate_faq"]
