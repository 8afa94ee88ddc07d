"""Reader pages that are not Wagtail pages: topics, authors, the latest news."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from broadsheet.news.models import ArticlePage, Author, Topic
from broadsheet.news.pagination import paginate


def published_stories():
    return ArticlePage.objects.published().for_listing().newest_first()


def shown_or_404(stories):
    """A topic or author appears to readers only through its published
    stories: one that only drafts, scheduled, private or expired stories use
    (say, a topic the wire made for an embargoed item) is as unknown as a
    made-up one. Page 1 of the listing tells, so this costs no query."""
    if not stories.object_list:
        raise Http404("No published stories")
    return stories


def topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    stories = shown_or_404(paginate(request, published_stories().about(topic)))
    return render(
        request,
        "news/topic.html",
        {
            "topic": topic,
            "stories": stories,
        },
    )


def author(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    stories = shown_or_404(paginate(request, published_stories().by(author)))
    return render(
        request,
        "news/author.html",
        {
            "author": author,
            "stories": stories,
        },
    )


def latest(request):
    stories = paginate(request, published_stories())
    return render(
        request,
        "news/latest.html",
        {"stories": stories},
    )
