from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "broadsheet.corrections"
    label = "corrections"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from broadsheet.corrections import signals

        signals.connect()
