"""Broadsheet: a news portal and newsroom on Django and Wagtail."""
