"""/corrections/ and its feeds: /corrections/rss/, /atom/, /json/."""

from django.urls import path

from broadsheet.corrections import views
from broadsheet.corrections.feeds import CorrectionsFeed
from broadsheet.feeds.urls import FORMATS

app_name = "corrections"

urlpatterns = [
    path("corrections/", views.corrections, name="list"),
    *(
        path(f"corrections/{fmt}/", CorrectionsFeed.view(feed_type), name=fmt)
        for fmt, feed_type in FORMATS.items()
    ),
]
