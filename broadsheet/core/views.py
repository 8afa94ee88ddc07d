from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page says; point them at it."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("broadsheet/favicon.svg")


favicon = cache_control(max_age=86400, public=True)(FaviconView.as_view())
