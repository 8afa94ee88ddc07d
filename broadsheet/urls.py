from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from broadsheet.accounts import logins
from broadsheet.core.views import favicon

MEDIA_MAX_AGE = 7 * 24 * 3600

handler500 = "broadsheet.core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("favicon.ico", favicon),
    path("", include("broadsheet.news.urls")),
    path("", include("broadsheet.search.urls")),
    path("", include("broadsheet.feeds.urls")),
    path("", include("broadsheet.comments.urls")),
    path("", include("broadsheet.corrections.urls")),
    path("wire/", include("broadsheet.wire.urls")),
    path("", include("broadsheet.live.urls")),
]

if settings.SERVE_MEDIA:
    # One-machine installs serve uploads themselves; a bigger site puts a web
    # server or CDN in front and sets SERVE_MEDIA=false.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(
        re_path(
            rf"^{media_prefix}(?P<path>.*)$",
            cache_control(max_age=MEDIA_MAX_AGE, public=True)(serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns += [
    # Wagtail's page-password form, throttled (broadsheet/accounts/logins.py);
    # ahead of wagtail_urls, which has the same address.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        logins.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
]
