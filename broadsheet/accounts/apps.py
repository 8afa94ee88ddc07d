from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who may sign in and what they may do: throttled passwords, and
    administrators who cannot raise anyone above their own rights."""

    name = "broadsheet.accounts"
    label = "accounts"
