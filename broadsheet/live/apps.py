from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "broadsheet.live"
    label = "live"

    def ready(self):
        from broadsheet.live import signals

        signals.connect()
