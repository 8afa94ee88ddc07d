"""`{% page_head as head %}`: what a reader page says about itself in <head>.

The page models and views do not build their head tags: the template asks for
them here, from what the page already put in its context (as Wagtail's sitemaps
ask the page, never the other way round). So `news` and `home` import nothing
from `feeds`, and the builders in `feeds/head.py` use only objects the page has
loaded anyway: no query of their own.
"""

from functools import cache

from django import template
from django.apps import apps
from django.conf import settings
from django.utils.module_loading import import_string

from broadsheet.feeds import head
from broadsheet.home.models import HomePage
from broadsheet.news.models import ArticlePage, SectionPage

register = template.Library()

# Wagtail pages, by their type.
PAGES = {
    ArticlePage: lambda page, c: head.for_article(
        page, c["request"], c["faqs"], c.get("notes", ())
    ),
    SectionPage: lambda page, c: head.for_section(page, c["request"], c["stories"]),
    HomePage: lambda page, c: head.for_home(page, c["request"]),
}
# Plain Django views, by their URL name, with what they must have put in the
# context: an error page rendered at one of those addresses (an unknown
# topic's 404) has none of it, and no head of its own either.
VIEWS = {
    "news:topic": (
        ("topic", "stories"),
        lambda c: head.for_topic(c["topic"], c["request"], c["stories"]),
    ),
    "news:author": (
        ("author", "stories"),
        lambda c: head.for_author(c["author"], c["request"], c["stories"]),
    ),
    "news:latest": (
        ("stories",),
        lambda c: head.for_latest(c["request"], c["stories"]),
    ),
    "search:search": (("query",), lambda c: head.for_search(c["request"], c["query"])),
    "corrections:list": (
        ("notes",),
        lambda c: head.for_corrections(c["request"], c["notes"]),
    ),
}


@cache
def added_pages():
    """Page types of apps above this one, by their model: settings.PAGE_HEADS
    names each one's builder, called with the page and the context."""
    return {
        apps.get_model(label): import_string(path)
        for label, path in settings.PAGE_HEADS.items()
    }


@register.simple_tag(takes_context=True)
def page_head(context):
    """The page's Head (see feeds/head.py), or None for pages that have none."""
    page = context.get("page")
    if "story_history" in context:  # a story's public history (history app)
        return head.for_story_history(page, context["request"])
    if build := added_pages().get(type(page)):
        return build(page, context)
    if build := PAGES.get(type(page)):
        return build(page, context)
    match = getattr(context.get("request"), "resolver_match", None)
    needs, build = VIEWS.get(match.view_name, ((), None)) if match else ((), None)
    if build and all(name in context for name in needs):
        return build(context)
    return None
