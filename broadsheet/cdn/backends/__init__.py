"""Purge back ends: one file per kind of cache in front, chosen by name from
``settings.CDN_PURGE_BACKENDS`` (a dict of dotted paths)."""

from django.conf import settings
from django.utils.module_loading import import_string


def configured_backend():
    """The back end CDN_PURGE_BACKEND names, or None when nothing is in front."""
    name = settings.CDN_PURGE_BACKEND
    if not name:
        return None
    backend_class = import_string(settings.CDN_PURGE_BACKENDS[name])
    return backend_class(
        urls=settings.CDN_PURGE_URLS,
        service_id=settings.CDN_SERVICE_ID,
        token=settings.CDN_API_TOKEN,
        soft=settings.CDN_SOFT_PURGE,
        timeout=settings.CDN_PURGE_TIMEOUT,
    )
