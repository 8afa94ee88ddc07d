"""Reader pages that are not Wagtail pages: topics, authors, the latest news."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from broadsheet.news.models import ArticlePage, Author, Topic, paginate


def published_stories():
    return ArticlePage.objects.published().for_listing().newest_first()


def topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    stories = published_stories().filter(
        Q(topic=topic) | Q(pk__in=topic.tagged.values("article_id"))
    )
    return render(
        request,
        "news/topic.html",
        {"topic": topic, "stories": paginate(request, stories)},
    )


def author(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    stories = published_stories().filter(article_authors__author=author)
    return render(
        request,
        "news/author.html",
        {"author": author, "stories": paginate(request, stories)},
    )


def latest(request):
    return render(
        request, "news/latest.html", {"stories": paginate(request, published_stories())}
    )
