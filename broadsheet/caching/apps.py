from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule


class CachingConfig(AppConfig):
    name = "broadsheet.caching"
    label = "caching"

    def ready(self):
        from broadsheet.core.resilient_cache import cache_recovered

        # One loop registers every app's invalidation rules, this app's own
        # (every settings model) included, as Wagtail's frontend_cache
        # connects its purge handlers.
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "invalidation"):
                import_module(f"{config.name}.invalidation").connect()
        cache_recovered.connect(repair_after_outage, dispatch_uid="bs-cache-back")


def repair_after_outage(sender, lost_writes, **kwargs) -> None:
    """The cache is back: tag versions this process wrote meanwhile (a
    publish's among them) reached only its own memory, so every process must
    now see everything as changed."""
    if lost_writes:
        from broadsheet.caching.invalidation import invalidate_all

        invalidate_all()
