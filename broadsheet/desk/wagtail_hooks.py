"""The Wire desk in the admin menu, for whoever may see it (authors,
editors and administrators: desk.view_deskstory, home/setup.py)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from broadsheet.desk import admin_views


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.desk, name="desk"),
        path("items/<int:pk>/create/", admin_views.create_story, name="create"),
    ]
    return [path("desk/", include((urls, "desk_admin")))]


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return DeskMenuItem(
        "Wire desk", reverse("desk_admin:desk"), icon_name="list-ul", order=225
    )
