from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "broadsheet.home"
    label = "home"

    def ready(self):
        from broadsheet.home.setup import install

        post_migrate.connect(install, dispatch_uid="broadsheet-install")
