from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "broadsheet.comments"
    label = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from broadsheet.comments import signals

        signals.connect()
