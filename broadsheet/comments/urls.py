from django.urls import path

from broadsheet.comments import views
from broadsheet.comments.feeds import comment_feed

app_name = "comments"

urlpatterns = [
    path("comments/<int:article_id>/post/", views.post_comment, name="post"),
    path("comments/<int:article_id>/rss/", comment_feed, name="feed"),
]
