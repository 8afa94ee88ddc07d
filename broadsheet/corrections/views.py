"""/corrections/: every note on the site's stories, newest first."""

from django.shortcuts import render

from broadsheet.corrections.notes import public_notes
from broadsheet.feeds.addresses import page_path
from broadsheet.feeds.head import site_policies
from broadsheet.news.pagination import paginate


def corrections(request):
    notes = paginate(request, public_notes())
    for note in notes:
        # The request keeps Wagtail's site root paths: one lookup for all.
        note.story_url = page_path(note.article, request)
    return render(
        request,
        "corrections/corrections.html",
        {
            "notes": notes,
            "policy_url": site_policies(request).get("corrections_policy"),
        },
    )
