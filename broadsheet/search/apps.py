from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "broadsheet.search"
    label = "broadsheet_search"
    default_auto_field = "django.db.models.BigAutoField"
