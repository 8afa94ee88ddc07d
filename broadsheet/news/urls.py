from django.urls import path, re_path

from broadsheet.news import views

# Topic and author slugs may be Unicode ("josé-garcía"), as their SlugFields
# allow; Django's <slug:> converter is ASCII-only and would make every page
# that links to them fail.
UNICODE_SLUG = r"(?P<slug>[-\w]+)"

app_name = "news"
urlpatterns = [
    re_path(rf"^topics/{UNICODE_SLUG}/\Z", views.topic, name="topic"),
    re_path(rf"^authors/{UNICODE_SLUG}/\Z", views.author, name="author"),
    path("latest/", views.latest, name="latest"),
]
