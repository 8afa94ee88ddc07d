"""Site search: published stories ranked by relevance."""

from urllib.parse import quote_plus

from django.shortcuts import render

from broadsheet.feeds import head
from broadsheet.news.models import ArticlePage, paginate
from broadsheet.search.index import count_articles, search_articles

MAX_QUERY_LENGTH = 200


class RankedResults:
    """A reader's results, shaped for Django's Paginator: count() and slices.

    Only the page asked for is fetched, as ids from the index and then as
    stories in one listing query, in the index's order.
    """

    def __init__(self, query):
        self.query = query
        self._total = None

    def count(self):
        # Counting is cheap; ranking is not, so it is done once, for the page
        # asked for (__getitem__), not also to find how many pages there are.
        if self._total is None:
            self._total = count_articles(self.query)
        return self._total

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        ids, self._total = search_articles(self.query, start, stop - start)
        stories = ArticlePage.objects.published().for_listing().in_bulk(ids)
        return [stories[pk] for pk in ids if pk in stories]


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = paginate(request, RankedResults(query)) if query else None
    context = {
        "query": query,
        "query_encoded": quote_plus(query),
        "results": results,
        "head": head.for_search(request, query),
    }
    return render(request, "search/search.html", context)
