from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "broadsheet.search"
    label = "broadsheet_search"

    def ready(self):
        from broadsheet.search import signals

        signals.connect()
