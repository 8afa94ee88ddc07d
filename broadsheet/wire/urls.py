from django.urls import path

from broadsheet.wire import views

urlpatterns = [
    path("push/<slug:slug>/", views.push, name="wire-push"),
]
