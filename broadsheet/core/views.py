import logging

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader
from django.templatetags.static import static
from django.utils.log import AdminEmailHandler
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page says; point them at it."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("broadsheet/favicon.svg")


favicon = cache_control(max_age=86400, public=True)(FaviconView.as_view())


def errors_are_reported() -> bool:
    """Whether a server error reaches someone: mailed to ADMINS, or logged
    somewhere other than the console (a file, syslog, a service's handler).
    What the console gets may be read by nobody."""
    logger = logging.getLogger("django.request")
    while logger is not None:
        for handler in logger.handlers:
            if isinstance(handler, AdminEmailHandler):
                if settings.ADMINS and not settings.DEBUG:
                    return True
            elif isinstance(handler, logging.FileHandler) or not isinstance(
                handler, logging.StreamHandler | logging.NullHandler
            ):
                return True
        logger = logger.parent if logger.propagate else None
    return False


@requires_csrf_token
def server_error(request):
    """The 500 page, saying the newsroom was told only when it was."""
    page = loader.get_template("500.html")
    return HttpResponseServerError(page.render({"reported": errors_are_reported()}))
