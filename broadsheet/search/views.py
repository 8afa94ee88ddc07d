"""Site search: published stories ranked by relevance."""

from urllib.parse import quote_plus

from django.shortcuts import render

from broadsheet.news.models import ArticlePage, paginate

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        hits = ArticlePage.objects.published().for_listing().search(query)
        results = paginate(request, hits)
    context = {"query": query, "query_encoded": quote_plus(query), "results": results}
    return render(request, "search/search.html", context)
