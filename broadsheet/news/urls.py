from django.urls import path

from broadsheet.news import views

app_name = "news"
urlpatterns = [
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("authors/<slug:slug>/", views.author, name="author"),
    path("latest/", views.latest, name="latest"),
]
