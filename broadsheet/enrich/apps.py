from django.apps import AppConfig


class EnrichConfig(AppConfig):
    name = "broadsheet.enrich"
    label = "enrich"
    verbose_name = "Enrichment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from broadsheet.enrich import signals

        signals.connect()
