"""Reader pages that are not Wagtail pages: topics, authors, the latest news."""

from django.shortcuts import get_object_or_404, render

from broadsheet.news.models import ArticlePage, Author, Topic
from broadsheet.news.pagination import paginate


def published_stories():
    return ArticlePage.objects.published().for_listing().newest_first()


def topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    stories = paginate(request, published_stories().about(topic))
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
    stories = paginate(request, published_stories().by(author))
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
