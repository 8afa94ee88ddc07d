from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "broadsheet.news"
    label = "news"

    def ready(self):
        from broadsheet.news import signals

        signals.connect()
