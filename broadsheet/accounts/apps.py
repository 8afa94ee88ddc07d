from django.apps import AppConfig
from wagtail.users import apps as wagtail_users


class AccountsConfig(AppConfig):
    """Who may sign in and what they may do: throttled passwords, and
    administrators who cannot raise anyone above their own rights."""

    default = True
    name = "broadsheet.accounts"
    label = "accounts"


class WagtailUsersConfig(wagtail_users.WagtailUsersAppConfig):
    """Wagtail's users app with our user admin (users.py), in its place in
    INSTALLED_APPS, as Wagtail documents for a custom user viewset."""

    default = False
    user_viewset = "broadsheet.accounts.users.UserViewSet"
