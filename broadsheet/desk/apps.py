from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "broadsheet.desk"
    label = "desk"
    verbose_name = "Wire desk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from broadsheet.desk import signals

        signals.connect()
