"""Site search: published stories ranked by relevance."""

from urllib.parse import quote_plus

from django.core.paginator import Paginator
from django.shortcuts import render

from broadsheet.news.models import ArticlePage
from broadsheet.news.pagination import LISTING_PAGE_SIZE
from broadsheet.search.index import count_articles, search_articles

MAX_QUERY_LENGTH = 200


class RankedResults:
    """A reader's results, shaped for Django's Paginator: count() and slices.

    Only the page asked for is fetched, as ids from the index and then as
    stories in one listing query, in the index's order. The ranking query
    also says how many match, so the page the reader asked for is ranked
    first and count() needs no query of its own.
    """

    def __init__(self, query, page_number=1, per_page=LISTING_PAGE_SIZE):
        self.query = query
        self._total = None
        self._window = ((max(page_number, 1) - 1) * per_page, per_page)
        self._ids = None

    def count(self):
        if self._total is None:
            start, size = self._window
            self._ids, self._total = search_articles(self.query, start, size)
            if not self._ids and start:  # past the last page: count alone
                self._ids, self._total = None, count_articles(self.query)
        return self._total

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        first, size = self._window
        # The paginator asks for fewer than a page's worth on the last page.
        if self._ids is not None and start == first and stop - start <= size:
            ids = self._ids[: stop - start]
        else:
            ids, self._total = search_articles(self.query, start, stop - start)
        stories = ArticlePage.objects.published().for_listing().in_bulk(ids)
        return [stories[pk] for pk in ids if pk in stories]


def page_number(request) -> int:
    try:
        return int(request.GET.get("page", 1))
    except ValueError:
        return 1


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        # Django's Paginator here: the ranking query counts the matches anyway.
        number = page_number(request)
        ranked = RankedResults(query, number)
        results = Paginator(ranked, LISTING_PAGE_SIZE).get_page(number)
    context = {
        "query": query,
        "query_encoded": quote_plus(query),
        "results": results,
    }
    return render(request, "search/search.html", context)
