from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "broadsheet.history"
    label = "history"
    verbose_name = "Story history"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from broadsheet.history import signals

        signals.connect()
