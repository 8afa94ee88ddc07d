from django.urls import include, path, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from broadsheet.comments import admin_views


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.queue, name="queue"),
        path("act/", admin_views.act, name="act"),
        path("forget/", admin_views.forget_email, name="forget"),
        path("<int:pk>/reply/", admin_views.reply, name="reply"),
    ]
    return [path("reader-comments/", include((urls, "comments_admin")))]


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem(
        "Reader comments",
        reverse("comments_admin:queue"),
        icon_name="comment",
        order=220,
    )


@hooks.register("on_serve_page")
def never_store_posted_pages(serve_page):
    """A story opened from a ?posted= link may show one browser its own
    pending comment: no cache, ours or a browser's or a proxy's, may keep it
    (the page cache also never stores a URL with ?posted=)."""

    def serve(page, request, args, kwargs):
        response = serve_page(page, request, args, kwargs)
        if "posted" in request.GET:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    return serve
