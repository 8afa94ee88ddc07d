from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "broadsheet.core"
    label = "core"

    def ready(self):
        from broadsheet.core import signals

        signals.connect()
