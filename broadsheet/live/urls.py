from django.urls import path

from broadsheet.live import views

app_name = "live"
urlpatterns = [
    path("live/<int:page_id>/updates/<int:bucket>/", views.updates, name="updates"),
]
