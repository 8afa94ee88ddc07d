from django.apps import AppConfig


class CdnConfig(AppConfig):
    name = "broadsheet.cdn"
    label = "cdn"
    verbose_name = "CDN in front"

    def ready(self):
        from broadsheet.caching.signals import tags_invalidated
        from broadsheet.cdn import purge

        tags_invalidated.connect(purge.on_tags_invalidated, dispatch_uid="cdn-purge")
